/**
 * The managed tier: which managed source applies, the drop-in merge, the managed
 * env across admin sources, invalid managed entries, the server-managed skip
 * and managed precedence over the other levels.
 */
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig } from '../src/index';
import type { Diagnostic, EffectiveConfig, Platform, SourceInfo } from '../src/index';
import { layout } from '../src/testing';
import type { LayoutSpec } from '../src/testing';

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];

const MANAGED_DIR: Readonly<Record<Platform, string>> = {
  linux: '/etc/claude-code',
  darwin: '/Library/Application Support/ClaudeCode',
  win32: 'C:\\Program Files\\ClaudeCode',
};

function managedFilePath(platform: Platform): string {
  return platform === 'win32' ? `${MANAGED_DIR.win32}\\managed-settings.json` : `${MANAGED_DIR[platform]}/managed-settings.json`;
}

function dropInPath(platform: Platform, name: string): string {
  return platform === 'win32' ? `${MANAGED_DIR.win32}\\managed-settings.d\\${name}` : `${MANAGED_DIR[platform]}/managed-settings.d/${name}`;
}

const HKLM_LABEL = 'HKLM\\SOFTWARE\\Policies\\ClaudeCode\\Settings';
const HKCU_LABEL = 'HKCU\\SOFTWARE\\Policies\\ClaudeCode\\Settings';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function managedSources(config: EffectiveConfig): SourceInfo[] {
  return config.sources.filter((s) => s.scope === 'managed');
}

function sourceAt(config: EffectiveConfig, path: string): SourceInfo {
  const found = config.sources.find((s) => s.path === path);
  if (!found) throw new Error(`no source at ${path}; sources: ${config.sources.map((s) => s.path).join(', ')}`);
  return found;
}

function sourceOf(config: EffectiveConfig, origin: SourceInfo['origin']): SourceInfo {
  const found = config.sources.find((s) => s.scope === 'managed' && s.origin === origin);
  if (!found) throw new Error(`no managed source with origin ${String(origin)}`);
  return found;
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

function diagnosticsWith(config: EffectiveConfig, code: Diagnostic['code']): Diagnostic[] {
  return config.diagnostics.filter((d) => d.code === code);
}

function expectIgnoredWithReason(info: SourceInfo): void {
  expect(info.status).toBe('ignored');
  expect(typeof info.reason).toBe('string');
  expect(info.reason?.length ?? 0).toBeGreaterThan(0);
}

describe('order within the managed tier', () => {
  it('darwin: remote outranks the plist and the managed file; the others are ignored, not merged', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { remote: { model: 'remote-model' }, plist: { model: 'plist-model', apiKeyHelper: '/bin/plist-key' } },
      managedFile: { model: 'file-model', outputStyle: 'file-style' },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(config.settings['model']).toBe('remote-model');
    // Not merged: keys only the losers set do not apply.
    expect(config.settings['apiKeyHelper']).toBeUndefined();
    expect(config.settings['outputStyle']).toBeUndefined();
    expect(sourceOf(config, 'remote').status).toBe('loaded');
    expectIgnoredWithReason(sourceOf(config, 'plist'));
    expectIgnoredWithReason(sourceAt(config, managedFilePath('darwin')));
  });

  it('darwin: the plist outranks the managed file', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { model: 'plist-model' } },
      managedFile: { model: 'file-model', outputStyle: 'file-style' },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.settings['model']).toBe('plist-model');
    expect(config.settings['outputStyle']).toBeUndefined();
    expect(config.keys['model']?.source).toMatchObject({ scope: 'managed', origin: 'plist' });
    expect(sourceOf(config, 'plist').status).toBe('loaded');
    expectIgnoredWithReason(sourceAt(config, managedFilePath('darwin')));
  });

  it('win32: HKLM outranks the managed file, which outranks HKCU', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { model: 'hklm-model' }, hkcu: { model: 'hkcu-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.settings['model']).toBe('hklm-model');
    expect(sourceOf(config, 'HKLM')).toMatchObject({ status: 'loaded', path: HKLM_LABEL });
    expectIgnoredWithReason(sourceAt(config, managedFilePath('win32')));
    expectIgnoredWithReason(sourceOf(config, 'HKCU'));
  });

  it('win32: without HKLM the managed file outranks HKCU', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hkcu: { model: 'hkcu-model', outputStyle: 'hkcu-style' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file-model');
    expect(config.settings['outputStyle']).toBeUndefined();
    expectIgnoredWithReason(sourceOf(config, 'HKCU'));
  });

  it('win32: HKCU is used only as the last resort, when no admin source delivers a policy key', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { wslInheritsWindowsSettings: true }, hkcu: { model: 'hkcu-model' } },
      managedFile: {},
    });
    expect(config.managedOrigin).toBe('HKCU');
    expect(config.settings['model']).toBe('hkcu-model');
    expect(config.keys['model']?.source).toMatchObject({ scope: 'managed', origin: 'HKCU' });
    expect(sourceOf(config, 'HKCU')).toMatchObject({ status: 'loaded', path: HKCU_LABEL });
  });

  it('the managed sources are listed highest first: remote, HKLM, file, drop-ins, HKCU', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { model: 'h' }, hkcu: { model: 'u' } },
      managedFile: { model: 'f' },
      dropIns: { '10-a.json': { model: 'd' } },
    });
    expect(managedSources(config).map((s) => s.origin)).toEqual(['remote', 'HKLM', 'file', 'drop-in', 'HKCU']);
    // Managed sources come before every other level.
    expect(config.sources.map((s) => s.scope)).toEqual(['managed', 'managed', 'managed', 'managed', 'managed', 'local', 'project', 'user', 'global-config']);
  });

  it('darwin lists remote, plist, then the file; linux lists remote, then the file', async () => {
    const mac = await resolve({ platform: 'darwin' });
    expect(managedSources(mac).map((s) => s.origin)).toEqual(['remote', 'plist', 'file']);
    const linux = await resolve({ platform: 'linux' });
    expect(managedSources(linux).map((s) => s.origin)).toEqual(['remote', 'file']);
  });

  it.each(['darwin', 'win32'] as const)('(%s) a source holding only wslInheritsWindowsSettings is skipped for the next one', async (platform) => {
    const osPolicy = { wslInheritsWindowsSettings: true };
    const config = await resolve({
      platform,
      managed: platform === 'darwin' ? { remote: osPolicy, plist: osPolicy } : { remote: osPolicy, hklm: osPolicy },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file-model');
    expect(config.settings['wslInheritsWindowsSettings']).toBeUndefined();
    expectIgnoredWithReason(sourceOf(config, 'remote'));
    expectIgnoredWithReason(sourceOf(config, platform === 'darwin' ? 'plist' : 'HKLM'));
    expect(sourceAt(config, managedFilePath(platform)).status).toBe('loaded');
  });

  it('a managed file holding only wslInheritsWindowsSettings delivers no policy: no managed origin', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { wslInheritsWindowsSettings: true } });
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['wslInheritsWindowsSettings']).toBeUndefined();
    expectIgnoredWithReason(sourceAt(config, managedFilePath('linux')));
  });

  it('an empty source ({}) delivers no policy and is passed over', async () => {
    const config = await resolve({ platform: 'darwin', managed: { plist: {} }, managedFile: { model: 'file-model' } });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file-model');
    expectIgnoredWithReason(sourceOf(config, 'plist'));
  });

  it("the winner's whole object applies, including keys the lower sources also set", async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { model: 'p', forceLoginMethod: 'console' } },
      managedFile: { model: 'f', forceLoginMethod: 'claudeai', availableModels: ['f-only'] },
    });
    expect(config.settings['forceLoginMethod']).toBe('console');
    expect(config.settings['availableModels']).toBeUndefined();
  });

  it('losing sources with policy keys are reported with a managed-source-shadowed info diagnostic', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { model: 'h' }, hkcu: { model: 'u' } },
      managedFile: { model: 'f' },
    });
    const shadowed = diagnosticsWith(config, 'managed-source-shadowed');
    expect(shadowed.map((d) => d.path).sort()).toEqual([HKCU_LABEL, managedFilePath('win32')].sort());
    expect(shadowed.every((d) => d.severity === 'info')).toBe(true);
  });

  it('no managed-source-shadowed diagnostic when only one source delivers policy', async () => {
    const config = await resolve({ platform: 'win32', managedFile: { model: 'f' } });
    expect(codes(config)).not.toContain('managed-source-shadowed');
  });

  it('no managed source: no origin, the managed sources are missing', async () => {
    const config = await resolve({ platform: 'win32', user: { model: 'user-model' } });
    expect(config.managedOrigin).toBeUndefined();
    expect(managedSources(config).map((s) => s.status)).toEqual(['missing', 'missing', 'missing', 'missing']);
    expect(config.settings['model']).toBe('user-model');
  });
});

describe('/status origin labels', () => {
  it.each(PLATFORMS)('(%s) file only → "file"', async (platform) => {
    const config = await resolve({ platform, managedFile: { model: 'f' } });
    expect(config.managedOrigin).toBe('file');
    expect(config.keys['model']?.source).toMatchObject({ scope: 'managed', origin: 'file' });
  });

  it.each(PLATFORMS)('(%s) drop-ins only → "drop-ins"', async (platform) => {
    const config = await resolve({ platform, dropIns: { '10-a.json': { model: 'd' } } });
    expect(config.managedOrigin).toBe('drop-ins');
    expect(config.settings['model']).toBe('d');
    expect(sourceAt(config, managedFilePath(platform)).status).toBe('missing');
    expect(sourceAt(config, dropInPath(platform, '10-a.json')).status).toBe('loaded');
  });

  it.each(PLATFORMS)('(%s) file and drop-ins both with policy → "file + drop-ins"', async (platform) => {
    const config = await resolve({ platform, managedFile: { model: 'f' }, dropIns: { '10-a.json': { outputStyle: 'd' } } });
    expect(config.managedOrigin).toBe('file + drop-ins');
    expect(config.settings['model']).toBe('f');
    expect(config.settings['outputStyle']).toBe('d');
  });

  it('an empty managed file with a policy drop-in → "drop-ins"', async () => {
    const config = await resolve({ platform: 'linux', managedFile: {}, dropIns: { '10-a.json': { model: 'd' } } });
    expect(config.managedOrigin).toBe('drop-ins');
  });

  it('a drop-in holding only wslInheritsWindowsSettings does not turn "file" into "file + drop-ins"', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { model: 'f' }, dropIns: { '10-a.json': { wslInheritsWindowsSettings: true } } });
    expect(config.managedOrigin).toBe('file');
  });

  it('remote → "remote", plist → "plist", HKLM → "HKLM", HKCU → "HKCU"', async () => {
    expect((await resolve({ platform: 'linux', managed: { remote: { model: 'r' } } })).managedOrigin).toBe('remote');
    expect((await resolve({ platform: 'darwin', managed: { plist: { model: 'p' } } })).managedOrigin).toBe('plist');
    expect((await resolve({ platform: 'win32', managed: { hklm: { model: 'h' } } })).managedOrigin).toBe('HKLM');
    expect((await resolve({ platform: 'win32', managed: { hkcu: { model: 'u' } } })).managedOrigin).toBe('HKCU');
  });
});

describe('sources[] statuses', () => {
  it('loaded, ignored and missing statuses of every managed source', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { model: 'p' } },
      managedFile: { model: 'f' },
    });
    expect(managedSources(config).map((s) => [s.origin, s.status])).toEqual([
      ['remote', 'missing'],
      ['plist', 'loaded'],
      ['file', 'ignored'],
    ]);
    expect(sourceOf(config, 'plist').settings).toEqual({ model: 'p' });
  });

  it('a managed file that is not JSON is invalid, with an error diagnostic, and a lower source applies', async () => {
    const config = await resolve({
      platform: 'win32',
      managedFile: '{ "model": "f", }',
      managed: { hkcu: { model: 'u' } },
    });
    const file = sourceAt(config, managedFilePath('win32'));
    expect(file.status).toBe('invalid');
    expect(file.settings).toBeUndefined();
    // From 2.1.259 (the default) Claude Code also refuses to start on it (vector managed-unparseable).
    expect(config.diagnostics.find((x) => x.code === 'managed-refuses-start')?.path).toBe(managedFilePath('win32'));
    const d = config.diagnostics.find((x) => x.path === managedFilePath('win32') && x.code !== 'managed-refuses-start');
    expect(d).toMatchObject({ code: 'settings-jsonc', severity: 'error', scope: 'managed', line: 1, column: 15 });
    expect(config.managedOrigin).toBe('HKCU');
  });

  it('a managed file that is not a regular file is invalid with a settings-unreadable diagnostic', async () => {
    const config = await resolve({
      platform: 'linux',
      files: { [managedFilePath('linux')]: { kind: 'other' } },
    });
    expect(sourceAt(config, managedFilePath('linux')).status).toBe('invalid');
    expect(diagnosticsWith(config, 'settings-unreadable').map((d) => d.path)).toEqual([managedFilePath('linux')]);
    expect(config.managedOrigin).toBeUndefined();
  });

  it('the shadowed source keeps its parsed settings in sources[] for inspection', async () => {
    const config = await resolve({ platform: 'win32', managed: { hklm: { model: 'h' } }, managedFile: { model: 'f' } });
    const file = sourceAt(config, managedFilePath('win32'));
    expect(file.status).toBe('ignored');
    expect(file.settings).toEqual({ model: 'f' });
  });
});

describe('managed-settings.d drop-ins', () => {
  it.each(PLATFORMS)('(%s) drop-ins merge alphabetically after managed-settings.json; later wins for scalars', async (platform) => {
    const config = await resolve({
      platform,
      managedFile: { model: 'file', outputStyle: 'file-style', apiKeyHelper: '/bin/file-key' },
      dropIns: { '20-b.json': { model: 'b' }, '10-a.json': { model: 'a', outputStyle: 'a-style' } },
    });
    expect(config.settings['model']).toBe('b');
    expect(config.settings['outputStyle']).toBe('a-style');
    expect(config.settings['apiKeyHelper']).toBe('/bin/file-key');
    expect(
      managedSources(config)
        .filter((s) => s.origin !== 'remote' && s.origin !== 'plist' && s.origin !== 'HKLM' && s.origin !== 'HKCU')
        .map((s) => s.path),
    ).toEqual([managedFilePath(platform), dropInPath(platform, '10-a.json'), dropInPath(platform, '20-b.json')]);
  });

  it('alphabetical means by name, not by number: "9-x.json" comes after "10-y.json"', async () => {
    const config = await resolve({ platform: 'linux', dropIns: { '9-x.json': { model: 'nine' }, '10-y.json': { model: 'ten' } } });
    expect(config.settings['model']).toBe('nine');
  });

  it('hidden files and non-.json files in managed-settings.d are ignored', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { model: 'file' },
      dropIns: {
        '.99-hidden.json': { model: 'hidden' },
        '50-notes.txt': '{"model":"txt"}',
        '60-backup.json.bak': '{"model":"bak"}',
        '70-real.json': { outputStyle: 'real' },
      },
    });
    expect(config.settings['model']).toBe('file');
    expect(config.settings['outputStyle']).toBe('real');
    const paths = managedSources(config).map((s) => s.path);
    expect(paths).toContain(dropInPath('linux', '70-real.json'));
    expect(paths).not.toContain(dropInPath('linux', '.99-hidden.json'));
    expect(paths).not.toContain(dropInPath('linux', '50-notes.txt'));
    expect(paths).not.toContain(dropInPath('linux', '60-backup.json.bak'));
  });

  it('a directory named like a drop-in is not read as one', async () => {
    const config = await resolve({
      platform: 'linux',
      dropIns: { '20-real.json': { model: 'real' } },
      files: { [dropInPath('linux', '10-dir.json')]: { kind: 'directory' } },
    });
    expect(config.settings['model']).toBe('real');
    expect(managedSources(config).map((s) => s.path)).not.toContain(dropInPath('linux', '10-dir.json'));
    expect(codes(config)).not.toContain('settings-unreadable');
  });

  it('lists are concatenated across drop-ins with duplicates removed', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { permissions: { deny: ['Bash(curl:*)', 'WebFetch'] } },
      dropIns: {
        '10-a.json': { permissions: { deny: ['WebFetch', 'Read(./.env)'] } },
        '20-b.json': { permissions: { deny: ['Bash(curl:*)', 'Write'] } },
      },
    });
    expect(config.settings['permissions']).toEqual({ deny: ['Bash(curl:*)', 'WebFetch', 'Read(./.env)', 'Write'] });
  });

  it('nested objects are merged key by key, recursively', async () => {
    const config = await resolve({
      platform: 'darwin',
      managedFile: { sandbox: { enabled: true, network: { allowedDomains: ['a.example.com'], allowLocalBinding: false } } },
      dropIns: { '10-net.json': { sandbox: { network: { allowedDomains: ['b.example.com'], allowLocalBinding: true } } } },
    });
    expect(config.settings['sandbox']).toEqual({
      enabled: true,
      network: { allowedDomains: ['a.example.com', 'b.example.com'], allowLocalBinding: true },
    });
  });

  it('env is merged per variable across the file and drop-ins', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://gw.file.example.com', API_TIMEOUT_MS: '1000' } },
      dropIns: { '10-a.json': { env: { API_TIMEOUT_MS: '2000', ANTHROPIC_MODEL: 'drop-model' } } },
    });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.file.example.com');
    expect(config.env['ANTHROPIC_BASE_URL']?.source).toMatchObject({ scope: 'managed', origin: 'file', path: managedFilePath('linux') });
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('2000');
    expect(config.env['API_TIMEOUT_MS']?.source).toMatchObject({ scope: 'managed', origin: 'drop-in', path: dropInPath('linux', '10-a.json') });
    expect(config.env['API_TIMEOUT_MS']?.overridden.map((o) => o.value)).toEqual(['1000']);
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('drop-model');
    expect(config.settings['env']).toEqual({ ANTHROPIC_BASE_URL: 'https://gw.file.example.com', API_TIMEOUT_MS: '2000', ANTHROPIC_MODEL: 'drop-model' });
  });

  it('fallbackModel is replaced whole by a later drop-in', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { fallbackModel: ['model-a', 'model-b'] },
      dropIns: { '10-a.json': { fallbackModel: ['model-c'] } },
    });
    expect(config.settings['fallbackModel']).toEqual(['model-c']);
  });

  it('extraKnownMarketplaces entries with the same name are replaced whole; other entries stay', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: {
        extraKnownMarketplaces: {
          corp: { source: { source: 'github', repo: 'corp/old' }, autoUpdate: true },
          other: { source: { source: 'git', url: 'https://x' } },
        },
      },
      dropIns: { '10-a.json': { extraKnownMarketplaces: { corp: { source: { source: 'github', repo: 'corp/new' } } } } },
    });
    expect(config.settings['extraKnownMarketplaces']).toEqual({
      corp: { source: { source: 'github', repo: 'corp/new' } },
      other: { source: { source: 'git', url: 'https://x' } },
    });
  });

  it.each(PLATFORMS)('(%s) an invalid drop-in contributes nothing; the file and the other drop-ins still apply', async (platform) => {
    const broken = '{\n  "model": "broken"\n  "outputStyle": "broken"\n}';
    const config = await resolve({
      platform,
      managedFile: { model: 'file', apiKeyHelper: '/bin/key' },
      dropIns: { '10-broken.json': broken, '20-ok.json': { outputStyle: 'ok' } },
    });
    expect(config.settings['model']).toBe('file');
    expect(config.settings['outputStyle']).toBe('ok');
    expect(config.settings['apiKeyHelper']).toBe('/bin/key');
    expect(config.managedOrigin).toBe('file + drop-ins');
    expect(sourceAt(config, dropInPath(platform, '10-broken.json')).status).toBe('invalid');
    const d = config.diagnostics.find((x) => x.path === dropInPath(platform, '10-broken.json') && x.code !== 'managed-refuses-start');
    expect(d).toMatchObject({ code: 'settings-invalid-json', severity: 'error', scope: 'managed', line: 3, column: 3 });
  });

  it('a drop-in holding an array, not an object, contributes nothing (settings-not-object)', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { model: 'file' }, dropIns: { '10-array.json': '["model"]' } });
    expect(config.settings['model']).toBe('file');
    expect(config.managedOrigin).toBe('file');
    expect(sourceAt(config, dropInPath('linux', '10-array.json')).status).toBe('invalid');
    expect(
      config.diagnostics
        .filter((d) => d.path === dropInPath('linux', '10-array.json'))
        .map((d) => d.code)
        .sort(),
    ).toEqual(['managed-refuses-start', 'settings-not-object']);
  });

  it('drop-ins apply even when managed-settings.json is missing, and are ignored when a higher source wins', async () => {
    const config = await resolve({ platform: 'darwin', managed: { plist: { model: 'p' } }, dropIns: { '10-a.json': { model: 'd' } } });
    expect(config.managedOrigin).toBe('plist');
    expect(config.settings['model']).toBe('p');
    expectIgnoredWithReason(sourceAt(config, dropInPath('darwin', '10-a.json')));
  });
});

describe('managed env across admin sources', () => {
  it('from 2.1.223 env merges per variable: plist ANTHROPIC_BASE_URL and file ANTHROPIC_CUSTOM_HEADERS both land', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { env: { ANTHROPIC_BASE_URL: 'https://gw.plist.example.com' } } },
      managedFile: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: platform', API_TIMEOUT_MS: '600000' } },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.plist.example.com');
    expect(config.env['ANTHROPIC_BASE_URL']?.source).toMatchObject({ scope: 'managed', origin: 'plist' });
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']?.value).toBe('X-Team: platform');
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']?.source).toMatchObject({ scope: 'managed', origin: 'file', path: managedFilePath('darwin') });
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('600000');
    expect(config.customHeaders).toEqual([{ name: 'X-Team', value: 'platform' }]);
    expect(config.baseUrl?.value).toBe('https://gw.plist.example.com');
    expect(config.settings['env']).toEqual({
      ANTHROPIC_BASE_URL: 'https://gw.plist.example.com',
      ANTHROPIC_CUSTOM_HEADERS: 'X-Team: platform',
      API_TIMEOUT_MS: '600000',
    });
  });

  it('from 2.1.223 the highest admin source defining a variable wins it; the lower value is overridden', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { env: { ANTHROPIC_MODEL: 'hklm-model' } } },
      managedFile: { env: { ANTHROPIC_MODEL: 'file-model' } },
    });
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('hklm-model');
    expect(config.env['ANTHROPIC_MODEL']?.overridden).toHaveLength(1);
    expect(config.env['ANTHROPIC_MODEL']?.overridden[0]).toMatchObject({ value: 'file-model', source: { scope: 'managed', origin: 'file' } });
  });

  it('from 2.1.223 remote env is filled by a lower admin source', async () => {
    const config = await resolve({
      platform: 'linux',
      managed: { remote: { env: { ANTHROPIC_MODEL: 'remote-model' } } },
      managedFile: { env: { API_TIMEOUT_MS: '1234' } },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('remote-model');
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('1234');
  });

  it("before 2.1.223 (2.1.222) only the winning source's env applies", async () => {
    const config = await resolve({
      platform: 'darwin',
      claudeCodeVersion: '2.1.222',
      managed: { plist: { env: { ANTHROPIC_BASE_URL: 'https://gw.plist.example.com' } } },
      managedFile: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: platform', API_TIMEOUT_MS: '600000' } },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.plist.example.com');
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']).toBeUndefined();
    expect(config.env['API_TIMEOUT_MS']).toBeUndefined();
    expect(config.customHeaders).toEqual([]);
    expect(config.settings['env']).toEqual({ ANTHROPIC_BASE_URL: 'https://gw.plist.example.com' });
  });

  it("before 2.1.223 a losing source's env value is reported as overridden below the shell value", async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.222',
      env: { API_TIMEOUT_MS: '5' },
      managed: { hklm: { model: 'h' } },
      managedFile: { env: { API_TIMEOUT_MS: '600000' } },
    });
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('5');
    expect(config.env['API_TIMEOUT_MS']?.source).toEqual({ scope: 'shell' });
    expect(config.env['API_TIMEOUT_MS']?.overridden.map((o) => o.value)).toEqual(['600000']);
  });

  it('HKCU env is not merged with admin env: when an admin source wins, HKCU variables do not land', async () => {
    const config = await resolve({
      platform: 'win32',
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://gw.file.example.com' } },
      managed: { hkcu: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-User: 1', ANTHROPIC_BASE_URL: 'https://gw.hkcu.example.com' } } },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.file.example.com');
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']).toBeUndefined();
  });

  it('when HKCU wins, its env applies', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hkcu: { env: { ANTHROPIC_BASE_URL: 'https://gw.hkcu.example.com' } } },
    });
    expect(config.managedOrigin).toBe('HKCU');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.hkcu.example.com');
    expect(config.env['ANTHROPIC_BASE_URL']?.source).toMatchObject({ scope: 'managed', origin: 'HKCU' });
  });

  it('the telemetry unit follows the highest source setting any telemetry variable; other variables still merge', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.plist.example.com' } } },
      managedFile: {
        env: {
          OTEL_EXPORTER_OTLP_HEADERS: 'x-key=file',
          OTEL_LOGS_EXPORTER: 'otlp',
          OTEL_LOG_USER_PROMPTS: '1',
          BETA_TRACING_ENDPOINT: 'https://trace.file.example.com',
          ANTHROPIC_MODEL: 'file-model',
        },
      },
    });
    expect(config.env['OTEL_EXPORTER_OTLP_ENDPOINT']?.value).toBe('https://otel.plist.example.com');
    expect(config.env['OTEL_EXPORTER_OTLP_HEADERS']).toBeUndefined();
    expect(config.env['OTEL_LOGS_EXPORTER']).toBeUndefined();
    expect(config.env['OTEL_LOG_USER_PROMPTS']).toBeUndefined();
    expect(config.env['BETA_TRACING_ENDPOINT']).toBeUndefined();
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('file-model');
  });

  it('the telemetry unit comes from a lower source when no higher source sets any telemetry variable', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { env: { ANTHROPIC_BASE_URL: 'https://gw.plist.example.com' } } },
      managedFile: { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.file.example.com', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } },
    });
    expect(config.env['OTEL_EXPORTER_OTLP_ENDPOINT']?.value).toBe('https://otel.file.example.com');
    expect(config.env['OTEL_EXPORTER_OTLP_PROTOCOL']?.value).toBe('grpc');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.plist.example.com');
  });

  it('a non-winning source with otelHeadersHelper claims the telemetry unit but does not land it', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: {
        remote: { model: 'remote-model' },
        plist: { otelHeadersHelper: '/bin/otel-headers', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.plist.example.com' } },
      },
      managedFile: { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', API_TIMEOUT_MS: '7' } },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(config.env['OTEL_EXPORTER_OTLP_ENDPOINT']).toBeUndefined();
    expect(config.env['OTEL_EXPORTER_OTLP_PROTOCOL']).toBeUndefined();
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('7');
    expect(config.settings['otelHeadersHelper']).toBeUndefined();
  });

  it('a winning source with otelHeadersHelper lands its telemetry unit; lower telemetry variables do not', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { otelHeadersHelper: '/bin/otel-headers', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.plist.example.com' } } },
      managedFile: { env: { OTEL_EXPORTER_OTLP_HEADERS: 'x=1' } },
    });
    expect(config.env['OTEL_EXPORTER_OTLP_ENDPOINT']?.value).toBe('https://otel.plist.example.com');
    expect(config.env['OTEL_EXPORTER_OTLP_HEADERS']).toBeUndefined();
    expect(config.settings['otelHeadersHelper']).toBe('/bin/otel-headers');
  });

  it('credential-paired routing: a non-winning source with apiKeyHelper does not contribute ANTHROPIC_BASE_URL', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { model: 'plist-model' } },
      managedFile: {
        apiKeyHelper: '/usr/local/bin/gw-key',
        env: { ANTHROPIC_BASE_URL: 'https://gw.file.example.com', ANTHROPIC_CUSTOM_HEADERS: 'X-A: 1', API_TIMEOUT_MS: '9' },
      },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']).toBeUndefined();
    expect(config.baseUrl).toBeUndefined();
    // Non-routing variables of that source still fill gaps.
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('9');
    // The helper itself is winner-only.
    expect(config.apiKeyHelper).toBeUndefined();
  });

  it('credential-paired routing: the same source contributes its routing variables when it wins', async () => {
    const config = await resolve({
      platform: 'darwin',
      managedFile: { apiKeyHelper: '/usr/local/bin/gw-key', env: { ANTHROPIC_BASE_URL: 'https://gw.file.example.com' } },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.file.example.com');
    expect(config.apiKeyHelper?.command).toBe('/usr/local/bin/gw-key');
    expect(config.apiKeyHelper?.source).toMatchObject({ scope: 'managed', origin: 'file' });
  });

  it('credential-paired routing: a non-winning source with otelHeadersHelper does not contribute CLAUDE_CODE_USE_BEDROCK', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: { model: 'h' } },
      managedFile: { otelHeadersHelper: '/bin/otel', env: { CLAUDE_CODE_USE_BEDROCK: '1' } },
    });
    expect(config.env['CLAUDE_CODE_USE_BEDROCK']).toBeUndefined();
    expect(config.provider).toBe('anthropic');
  });

  it('managed env beats the shell for the same variable', async () => {
    const config = await resolve({
      platform: 'linux',
      env: { ANTHROPIC_MODEL: 'shell-model' },
      managedFile: { env: { ANTHROPIC_MODEL: 'managed-model' } },
    });
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('managed-model');
    expect(config.env['ANTHROPIC_MODEL']?.overridden).toEqual([expect.objectContaining({ value: 'shell-model', source: { scope: 'shell' } })]);
  });
});

describe('invalid managed entries', () => {
  it('forceLoginMethod: 42 is dropped with a managed-invalid-entry warning; the other keys apply', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { model: 'managed-model', forceLoginMethod: 42, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
    });
    expect(config.settings['forceLoginMethod']).toBeUndefined();
    expect(config.settings['model']).toBe('managed-model');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example.com');
    expect(config.managedOrigin).toBe('file');
    const d = diagnosticsWith(config, 'managed-invalid-entry');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', scope: 'managed', path: managedFilePath('linux'), line: 3, column: 3 });
    expect(d[0]?.args).toEqual({ key: 'forceLoginMethod', problem: 'expected one of claudeai, console, gateway', failsClosed: false });
  });

  it('an invalid entry in a drop-in is skipped while the rest of that drop-in applies', async () => {
    const config = await resolve({
      platform: 'darwin',
      managedFile: { forceLoginMethod: 'console' },
      dropIns: { '10-a.json': { forceLoginMethod: 'nope', model: 'drop-model' } },
    });
    expect(config.settings['forceLoginMethod']).toBe('console');
    expect(config.settings['model']).toBe('drop-model');
    expect(diagnosticsWith(config, 'managed-invalid-entry').map((d) => d.path)).toEqual([dropInPath('darwin', '10-a.json')]);
  });

  it('an invalid forceLoginOrgUUID fails closed: it is kept (so it still restricts) with a warning', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { forceLoginOrgUUID: 42, model: 'm' } });
    expect(config.settings['forceLoginOrgUUID']).toBe(42);
    expect(codes(config)).toContain('managed-invalid-entry');
  });

  it('user files are strict per entry: the same invalid forceLoginMethod there is a settings-invalid-entry, not managed', async () => {
    const config = await resolve({ platform: 'linux', user: { forceLoginMethod: 42, model: 'user-model' } });
    expect(config.settings['forceLoginMethod']).toBeUndefined();
    expect(config.settings['model']).toBe('user-model');
    expect(codes(config)).toContain('settings-invalid-entry');
    expect(codes(config)).not.toContain('managed-invalid-entry');
  });

  it('a non-string env value in managed settings is taken as text (env-not-string); the others apply', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { env: { API_TIMEOUT_MS: 5000, ANTHROPIC_MODEL: 'm' } } });
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('5000');
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('m');
    expect(diagnosticsWith(config, 'env-not-string').map((d) => d.scope)).toEqual(['managed']);
  });

  it('HKLM given as JSON text applies', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: '{"model":"hklm-text","env":{"ANTHROPIC_BASE_URL":"https://gw.hklm.example.com"}}' },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.settings['model']).toBe('hklm-text');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.hklm.example.com');
    expect(sourceOf(config, 'HKLM').settings).toEqual({ model: 'hklm-text', env: { ANTHROPIC_BASE_URL: 'https://gw.hklm.example.com' } });
  });

  it('HKLM given as an object applies', async () => {
    const config = await resolve({ platform: 'win32', managed: { hklm: { model: 'hklm-object' } } });
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.settings['model']).toBe('hklm-object');
  });

  it('HKCU given as JSON text applies as the last resort', async () => {
    const config = await resolve({ platform: 'win32', managed: { hkcu: '{"model":"hkcu-text"}' } });
    expect(config.managedOrigin).toBe('HKCU');
    expect(config.settings['model']).toBe('hkcu-text');
  });

  it('an HKLM string that is not JSON yields a diagnostic, contributes nothing, and the file applies', async () => {
    const config = await resolve({
      platform: 'win32',
      managed: { hklm: 'model=hklm' },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file-model');
    const hklm = sourceOf(config, 'HKLM');
    expect(hklm.status).toBe('invalid');
    expect(hklm.settings).toBeUndefined();
    const d = config.diagnostics.find((x) => x.path === HKLM_LABEL);
    expect(d).toMatchObject({ code: 'settings-invalid-json', severity: 'error', scope: 'managed', line: 1, column: 1 });
  });

  it('an HKLM string holding a JSON array is invalid (settings-not-object)', async () => {
    const config = await resolve({ platform: 'win32', managed: { hklm: '["model"]' } });
    expect(sourceOf(config, 'HKLM').status).toBe('invalid');
    expect(config.diagnostics.find((x) => x.path === HKLM_LABEL)?.code).toBe('settings-not-object');
    expect(config.managedOrigin).toBeUndefined();
  });

  it('an invalid entry in HKLM JSON text is located by line and column', async () => {
    const config = await resolve({ platform: 'win32', managed: { hklm: '{"model":"h",\n"forceLoginMethod":42}' } });
    expect(config.settings['model']).toBe('h');
    expect(config.settings['forceLoginMethod']).toBeUndefined();
    expect(diagnosticsWith(config, 'managed-invalid-entry')[0]).toMatchObject({ path: HKLM_LABEL, line: 2, column: 1 });
  });

  it('an invalid entry in a plist object is dropped; the rest of the plist applies', async () => {
    const config = await resolve({
      platform: 'darwin',
      managed: { plist: { forceLoginMethod: ['console'], model: 'plist-model' } },
      managedFile: { model: 'file' },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.settings['model']).toBe('plist-model');
    expect(config.settings['forceLoginMethod']).toBeUndefined();
    expect(diagnosticsWith(config, 'managed-invalid-entry')).toHaveLength(1);
  });
});

describe('server-managed (remote) eligibility', () => {
  it('remote applies when the session talks to Anthropic directly', async () => {
    const config = await resolve({ platform: 'linux', managed: { remote: { model: 'remote-model' } }, managedFile: { model: 'file-model' } });
    expect(config.managedOrigin).toBe('remote');
    expect(sourceOf(config, 'remote').status).toBe('loaded');
    expect(codes(config)).not.toContain('managed-remote-skipped');
  });

  it('remote applies when the shell ANTHROPIC_BASE_URL is api.anthropic.com', async () => {
    const config = await resolve({
      platform: 'linux',
      env: { ANTHROPIC_BASE_URL: 'https://api.anthropic.com' },
      managed: { remote: { model: 'remote-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('remote');
  });

  it.each(PLATFORMS)('(%s) remote is skipped when the shell sets ANTHROPIC_BASE_URL to a gateway', async (platform) => {
    const config = await resolve({
      platform,
      env: { ANTHROPIC_BASE_URL: 'https://llm-gw.corp.example.com' },
      managed: { remote: { model: 'remote-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file-model');
    expectIgnoredWithReason(sourceOf(config, 'remote'));
    expect(diagnosticsWith(config, 'managed-remote-skipped')).toHaveLength(1);
  });

  it.each(['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'])(
    'remote is skipped when the shell selects a provider with %s=1',
    async (name) => {
      const config = await resolve({
        platform: 'darwin',
        env: { [name]: '1' },
        managed: { remote: { model: 'remote-model' }, plist: { model: 'plist-model' } },
      });
      expect(config.managedOrigin).toBe('plist');
      expect(sourceOf(config, 'remote').status).toBe('ignored');
      expect(codes(config)).toContain('managed-remote-skipped');
    },
  );

  it('a provider switch set to 0 does not skip remote', async () => {
    const config = await resolve({ platform: 'linux', env: { CLAUDE_CODE_USE_BEDROCK: '0' }, managed: { remote: { model: 'remote-model' } } });
    expect(config.managedOrigin).toBe('remote');
    expect(codes(config)).not.toContain('managed-remote-skipped');
  });

  it('an empty ANTHROPIC_BASE_URL in user settings env restores the remote fetch', async () => {
    const config = await resolve({
      platform: 'linux',
      env: { ANTHROPIC_BASE_URL: 'https://llm-gw.corp.example.com' },
      user: { env: { ANTHROPIC_BASE_URL: '' } },
      managed: { remote: { model: 'remote-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('remote');
  });

  it('a managed-file env ANTHROPIC_BASE_URL does not stop the remote fetch (eligibility is checked before managed env)', async () => {
    const config = await resolve({
      platform: 'linux',
      managed: { remote: { model: 'remote-model' } },
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://llm-gw.corp.example.com' } },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(codes(config)).not.toContain('managed-remote-skipped');
  });

  it('an apiKeyHelper key is not an eligible credential: remote is skipped', async () => {
    const config = await resolve({
      platform: 'linux',
      user: { apiKeyHelper: '/usr/local/bin/key' },
      managed: { remote: { model: 'remote-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(sourceOf(config, 'remote').status).toBe('ignored');
    expect(codes(config)).toContain('managed-remote-skipped');
  });

  it('a shell ANTHROPIC_API_KEY outranks the helper, so the session is eligible and remote applies', async () => {
    const config = await resolve({
      platform: 'linux',
      env: { ANTHROPIC_API_KEY: 'sk-ant-test' },
      user: { apiKeyHelper: '/usr/local/bin/key' },
      managed: { remote: { model: 'remote-model' } },
      managedFile: { model: 'file-model' },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(codes(config)).not.toContain('managed-remote-skipped');
  });

  it('no managed-remote-skipped diagnostic when there is no server-managed payload', async () => {
    const config = await resolve({ platform: 'linux', env: { ANTHROPIC_BASE_URL: 'https://llm-gw.corp.example.com' }, managedFile: { model: 'f' } });
    expect(codes(config)).not.toContain('managed-remote-skipped');
    expect(sourceOf(config, 'remote').status).toBe('missing');
  });

  it('a skipped remote contributes no env either', async () => {
    const config = await resolve({
      platform: 'linux',
      env: { CLAUDE_CODE_USE_BEDROCK: '1' },
      managed: { remote: { env: { ANTHROPIC_MODEL: 'remote-model' } } },
      managedFile: { env: { API_TIMEOUT_MS: '3' } },
    });
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('3');
  });
});

describe('managed over the other levels', () => {
  it.each(PLATFORMS)('(%s) a managed key beats --settings, local, project and user', async (platform) => {
    const config = await resolve({
      platform,
      trusted: true,
      settingsFlag: '{"model":"cli-model"}',
      local: { model: 'local-model' },
      project: { model: 'project-model' },
      user: { model: 'user-model' },
      managedFile: { model: 'managed-model' },
    });
    expect(config.settings['model']).toBe('managed-model');
    const key = config.keys['model'];
    expect(key?.source).toMatchObject({ scope: 'managed', origin: 'file' });
    expect(key?.contributors.map((c) => [c.source.scope, c.value])).toEqual([
      ['managed', 'managed-model'],
      ['cli', 'cli-model'],
      ['local', 'local-model'],
      ['project', 'project-model'],
      ['user', 'user-model'],
    ]);
  });

  it('keys the managed source omits keep their lower values', async () => {
    const config = await resolve({
      platform: 'darwin',
      user: { outputStyle: 'user-style', model: 'user-model' },
      managed: { plist: { model: 'plist-model' } },
    });
    expect(config.settings['model']).toBe('plist-model');
    expect(config.settings['outputStyle']).toBe('user-style');
    expect(config.keys['outputStyle']?.source).toEqual({ scope: 'user', path: '/Users/user/.claude/settings.json' });
  });

  it('managed env beats user env per variable; other user variables still apply', async () => {
    const config = await resolve({
      platform: 'win32',
      user: { env: { ANTHROPIC_BASE_URL: 'https://gw.user.example.com', ANTHROPIC_MODEL: 'user-model' } },
      managed: { hklm: { env: { ANTHROPIC_BASE_URL: 'https://gw.hklm.example.com' } } },
    });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.hklm.example.com');
    expect(config.env['ANTHROPIC_BASE_URL']?.overridden.map((o) => o.source.scope)).toEqual(['user']);
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('user-model');
  });

  it('managed policy loads even when --setting-sources selects nothing', async () => {
    const config = await resolve({ platform: 'linux', settingSources: [], user: { model: 'user-model' }, managedFile: { apiKeyHelper: '/bin/k' } });
    expect(config.settings['apiKeyHelper']).toBe('/bin/k');
    expect(config.settings['model']).toBeUndefined();
    expect(config.managedOrigin).toBe('file');
  });

  it('a managed availableModels is used as-is; user and project lists cannot extend it', async () => {
    const config = await resolve({
      platform: 'linux',
      user: { availableModels: ['user-a'] },
      project: { availableModels: ['project-b'] },
      managedFile: { availableModels: ['managed-x', 'managed-y'] },
    });
    expect(config.settings['availableModels']).toEqual(['managed-x', 'managed-y']);
    expect(config.keys['availableModels']?.merge).toBe('managed-as-is');
    expect(config.keys['availableModels']?.value).toEqual(['managed-x', 'managed-y']);
  });

  it('without a managed availableModels the lists of the other levels are concatenated', async () => {
    const config = await resolve({
      platform: 'linux',
      user: { availableModels: ['user-a', 'shared'] },
      project: { availableModels: ['project-b', 'shared'] },
    });
    expect(config.settings['availableModels']).toEqual(['user-a', 'shared', 'project-b']);
    expect(config.keys['availableModels']?.merge).toBe('concat');
  });

  it('a managed availableModels only in a non-winning managed source is not used; lower lists concatenate', async () => {
    const config = await resolve({
      platform: 'darwin',
      user: { availableModels: ['user-a'] },
      project: { availableModels: ['project-b'] },
      managed: { plist: { model: 'plist-model' } },
      managedFile: { availableModels: ['file-only'] },
    });
    expect(config.settings['availableModels']).toEqual(['user-a', 'project-b']);
    expect(config.keys['availableModels']?.merge).toBe('concat');
  });

  it('a managed availableModels merged across drop-ins is then used as-is', async () => {
    const config = await resolve({
      platform: 'linux',
      user: { availableModels: ['user-a'] },
      managedFile: { availableModels: ['m-1'] },
      dropIns: { '10-a.json': { availableModels: ['m-2', 'm-1'] } },
    });
    expect(config.settings['availableModels']).toEqual(['m-1', 'm-2']);
    expect(config.keys['availableModels']?.merge).toBe('managed-as-is');
  });

  it('other managed lists still combine with lower levels', async () => {
    const config = await resolve({
      platform: 'linux',
      user: { permissions: { deny: ['Write'] } },
      managedFile: { permissions: { deny: ['WebFetch'] } },
    });
    expect(config.settings['permissions']).toEqual({ deny: ['Write', 'WebFetch'] });
  });
});

describe('drop-in names as the binary reads them', () => {
  it('only visible names ending in lowercase .json are read; 9-a sorts after 10-b (vectors dropin-upper-extension, dropin-hidden-file, dropin-other-extension, dropin-number-order)', async () => {
    const config = await resolve({
      platform: 'linux',
      dropIns: {
        '10-a.JSON': { env: { ANTHROPIC_BASE_URL: 'https://upper.example.com' } },
        '.5-h.json': { env: { ANTHROPIC_BASE_URL: 'https://hidden.example.com' } },
        '7-t.txt': { env: { ANTHROPIC_BASE_URL: 'https://txt.example.com' } },
      },
    });
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    const ordered = await resolve({
      platform: 'linux',
      dropIns: {
        '9-a.json': { env: { ANTHROPIC_BASE_URL: 'https://nine.example.com' } },
        '10-b.json': { env: { ANTHROPIC_BASE_URL: 'https://ten.example.com' } },
      },
    });
    expect(ordered.env['ANTHROPIC_BASE_URL']?.value).toBe('https://nine.example.com');
  });
});
