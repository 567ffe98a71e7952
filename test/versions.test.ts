/**
 * Version parsing and the dated rules, including the managed-tier gates: plist and registry
 * (2.1.51), drop-ins (2.1.83), wslInheritsWindowsSettings (2.1.118), per-variable managed env (2.1.223).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, LATEST_MODELLED_VERSION, VERSION_GATES, resolveEffectiveConfig } from '../src/index';
import type { EffectiveConfig } from '../src/index';
import { layout } from '../src/testing';
import type { LayoutSpec } from '../src/testing';
import { compareVersions, hasFeature, parseVersion } from '../src/core/versions';
import type { VersionGate } from '../src/core/versions';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

/** The version just before `version` (patch - 1). */
function previous(version: string): string {
  const [major, minor, patch] = parseVersion(version);
  if (patch === 0) throw new Error(`no previous patch for ${version}`);
  return `${major}.${minor}.${patch - 1}`;
}

describe('parseVersion', () => {
  it('parses X.Y.Z into numbers', () => {
    expect(parseVersion('2.1.236')).toEqual([2, 1, 236]);
    expect(parseVersion('0.2.74')).toEqual([0, 2, 74]);
    expect(parseVersion('10.20.30')).toEqual([10, 20, 30]);
  });

  it('accepts a leading v, surrounding whitespace, and a pre-release or build suffix', () => {
    expect(parseVersion('v2.1.51')).toEqual([2, 1, 51]);
    expect(parseVersion('  2.1.83 ')).toEqual([2, 1, 83]);
    expect(parseVersion('2.1.118-beta.1')).toEqual([2, 1, 118]);
    expect(parseVersion('2.1.223+build.7')).toEqual([2, 1, 223]);
  });

  it.each(['', 'latest', '2.1', '2', '2.1.x', '2.1.3.4', 'x2.1.3', '2..1', '-2.1.3', '2.1.3 beta'])('rejects %j with a ConfigError INVALID_VERSION', (bad) => {
    let caught: unknown;
    try {
      parseVersion(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).code).toBe('INVALID_VERSION');
    expect((caught as ConfigError).name).toBe('ConfigError');
  });
});

describe('compareVersions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('2.1.10', '2.1.9')).toBeGreaterThan(0);
    expect(compareVersions('2.1.9', '2.1.10')).toBeLessThan(0);
    expect(compareVersions('2.10.0', '2.9.99')).toBeGreaterThan(0);
    expect(compareVersions('10.0.0', '9.99.999')).toBeGreaterThan(0);
  });

  it('major outranks minor outranks patch', () => {
    expect(compareVersions('3.0.0', '2.99.99')).toBeGreaterThan(0);
    expect(compareVersions('2.1.0', '2.0.999')).toBeGreaterThan(0);
    expect(compareVersions('2.1.222', '2.1.223')).toBeLessThan(0);
  });

  it('equal versions compare as 0, ignoring a leading v and suffixes', () => {
    expect(compareVersions('2.1.223', '2.1.223')).toBe(0);
    expect(compareVersions('v2.1.223', '2.1.223')).toBe(0);
    expect(compareVersions('2.1.223-rc.1', '2.1.223')).toBe(0);
  });

  it('is antisymmetric', () => {
    const pairs: [string, string][] = [
      ['2.0.58', '2.1.2'],
      ['2.1.75', '2.1.74'],
      ['1.0.6', '0.2.117'],
    ];
    for (const [a, b] of pairs) expect(Math.sign(compareVersions(a, b))).toBe(-Math.sign(compareVersions(b, a)));
  });

  it('throws INVALID_VERSION for an invalid operand', () => {
    expect(() => compareVersions('2.1', '2.1.0')).toThrow(ConfigError);
    expect(() => compareVersions('2.1.0', 'nope')).toThrow(expect.objectContaining({ code: 'INVALID_VERSION' }));
  });
});

describe('hasFeature and VERSION_GATES', () => {
  it('the gate table holds the versions of the spec timeline', () => {
    expect(VERSION_GATES).toMatchObject({
      settingsEnvBeatsShell: '2.0.1',
      foundry: '2.0.45',
      windowsProgramFiles: '2.0.58',
      windowsProgramDataDeprecated: '2.1.2',
      osPolicy: '2.1.51',
      windowsProgramDataRemoved: '2.1.75',
      dropIns: '2.1.83',
      mantle: '2.1.94',
      wslInherits: '2.1.118',
      modelNamesBehindGateway: '2.1.118',
      discoveryAutomatic: '2.1.126',
      discoveryOptIn: '2.1.129',
      policyHelper: '2.1.136',
      credentialDisablesRemoteControl: '2.1.139',
      forceLoginBlocks: '2.1.146',
      forceLoginSparesProviders: '2.1.161',
      baseUrlDisablesRemoteControl: '2.1.196',
      foundryAuthToken: '2.1.203',
      helperFailureSurfaced: '2.1.208',
      foundrySkipAuthAlone: '2.1.203',
      localAtGitRoot: '2.1.211',
      settingsFlagSizeCheck: '2.1.214',
      managedEnvMerge: '2.1.223',
      ignoreMessagingSocket: '2.1.224',
      headerSafety: '2.1.227',
      ignoreMessagingToken: '2.1.228',
      ignoreProjectDirName: '2.1.234',
    });
  });

  it.each(Object.entries(VERSION_GATES) as [VersionGate, string][])('gate %s (%s) is on at its version and off one patch before', (gate, version) => {
    expect(hasFeature(version, gate)).toBe(true);
    expect(hasFeature(previous(version), gate)).toBe(false);
    expect(hasFeature(LATEST_MODELLED_VERSION, gate)).toBe(true);
  });

  it('the newest modelled version is 2.1.332, the newest the vectors were recorded for, and is the default', async () => {
    expect(LATEST_MODELLED_VERSION).toBe('2.1.332');
    const config = await resolve({ platform: 'linux' });
    expect(config.claudeCodeVersion).toBe('2.1.332');
    expect(codes(config)).not.toContain('version-not-verified');
  });

  it('a version newer than 2.1.332 is modelled but warned about (version-not-verified)', async () => {
    const config = await resolveEffectiveConfig({ ...layout({ platform: 'linux' }), claudeCodeVersion: '2.1.333' });
    expect(config.diagnostics.filter((d) => d.code === 'version-not-verified')).toEqual([
      expect.objectContaining({ severity: 'warning', args: { version: '2.1.333', latest: '2.1.332' } }),
    ]);
    const older = await resolveEffectiveConfig({ ...layout({ platform: 'linux' }), claudeCodeVersion: '2.1.236' });
    expect(codes(older)).not.toContain('version-not-verified');
  });

  it.each([
    ['managed-unparseable', { managedFile: '{ "env": { "ANTHROPIC_BASE_URL": ' }, '/etc/claude-code/managed-settings.json'],
    ['managed-dropin-unparseable', { managedFile: {}, dropIns: { '20-broken.json': '{ nope' } }, '/etc/claude-code/managed-settings.d/20-broken.json'],
    ['managed-dropin-array', { managedFile: {}, dropIns: { '30-array.json': '[]\n' } }, '/etc/claude-code/managed-settings.d/30-array.json'],
  ] as [string, LayoutSpec, string][])(
    'from 2.1.259 Claude Code refuses to start on an unparseable managed document (vector %s)',
    async (_vector, spec, path) => {
      const at = (v: string) => resolveEffectiveConfig({ ...layout({ platform: 'linux', ...spec }), claudeCodeVersion: v });
      const refused = (await at('2.1.259')).diagnostics.filter((d) => d.code === 'managed-refuses-start');
      expect(refused).toEqual([
        expect.objectContaining({ severity: 'error', path, line: expect.any(Number), column: expect.any(Number), args: { file: path, version: '2.1.259' } }),
      ]);
      expect(refused[0]?.message).toContain(
        `${path}: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.`,
      );
      expect((await at('2.1.259')).startup).toEqual({
        refused: true,
        reason: refused[0]?.message,
        path,
        printed: expect.stringContaining(`${path}: Managed settings document could not be parsed`),
      });
      const before = await at('2.1.258');
      expect(codes(before)).not.toContain('managed-refuses-start');
      expect(before.startup).toBeUndefined();
    },
  );

  it('an empty managed file does not stop Claude Code (vector managed-empty-file)', async () => {
    const config = await resolveEffectiveConfig({ ...layout({ platform: 'linux', managedFile: '' }), claudeCodeVersion: '2.1.332' });
    expect(codes(config)).not.toContain('managed-refuses-start');
  });

  it('hasFeature throws INVALID_VERSION for an invalid version', () => {
    expect(() => hasFeature('2.1', 'dropIns')).toThrow(expect.objectContaining({ code: 'INVALID_VERSION' }));
  });
});

describe('claudeCodeVersion option', () => {
  it.each(['latest', '2.1', 'two.one.three', ''])('an invalid claudeCodeVersion %j rejects with ConfigError INVALID_VERSION', async (bad) => {
    const options = layout({ platform: 'linux', managedFile: { model: 'm' }, claudeCodeVersion: bad });
    await expect(resolveEffectiveConfig(options)).rejects.toBeInstanceOf(ConfigError);
    await expect(resolveEffectiveConfig(options)).rejects.toMatchObject({ code: 'INVALID_VERSION' });
  });

  it('a valid claudeCodeVersion is echoed in the result', async () => {
    const config = await resolve({ platform: 'linux', claudeCodeVersion: '2.1.83' });
    expect(config.claudeCodeVersion).toBe('2.1.83');
  });

  it('a v-prefixed version is accepted and gated like the bare one', async () => {
    const spec: LayoutSpec = { platform: 'linux', dropIns: { '10-a.json': { model: 'drop' } } };
    expect((await resolve({ ...spec, claudeCodeVersion: 'v2.1.83' })).settings['model']).toBe('drop');
    expect((await resolve({ ...spec, claudeCodeVersion: 'v2.1.82' })).settings['model']).toBeUndefined();
  });
});

describe('managed-tier version gates', () => {
  it('macOS plist is ignored before 2.1.51 with managed-channel-unsupported-version', async () => {
    const config = await resolve({
      platform: 'darwin',
      claudeCodeVersion: '2.1.50',
      managed: { plist: { model: 'plist' } },
      managedFile: { model: 'file' },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file');
    const plist = config.sources.find((s) => s.origin === 'plist');
    expect(plist?.status).toBe('ignored');
    expect(plist?.reason?.length ?? 0).toBeGreaterThan(0);
    const d = config.diagnostics.filter((x) => x.code === 'managed-channel-unsupported-version');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', scope: 'managed' });
  });

  it('macOS plist is read from 2.1.51', async () => {
    const config = await resolve({
      platform: 'darwin',
      claudeCodeVersion: '2.1.51',
      managed: { plist: { model: 'plist' } },
      managedFile: { model: 'file' },
    });
    expect(config.managedOrigin).toBe('plist');
    expect(config.settings['model']).toBe('plist');
    expect(codes(config)).not.toContain('managed-channel-unsupported-version');
  });

  it('Windows HKLM and HKCU are ignored before 2.1.51, one diagnostic each', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.50',
      managed: { hklm: { model: 'hklm' }, hkcu: { outputStyle: 'hkcu' } },
    });
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
    expect(config.settings['outputStyle']).toBeUndefined();
    expect(config.sources.filter((s) => s.origin === 'HKLM' || s.origin === 'HKCU').map((s) => s.status)).toEqual(['ignored', 'ignored']);
    expect(codes(config).filter((c) => c === 'managed-channel-unsupported-version')).toHaveLength(2);
  });

  it('an ignored pre-2.1.51 HKLM contributes no env', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.50',
      managed: { hklm: { env: { ANTHROPIC_BASE_URL: 'https://gw.hklm.example.com' } } },
      managedFile: { model: 'file' },
    });
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(config.settings['model']).toBe('file');
  });

  it('Windows HKLM is read from 2.1.51', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.1.51', managed: { hklm: { model: 'hklm' } } });
    expect(config.managedOrigin).toBe('HKLM');
  });

  it('no version diagnostic before 2.1.51 when no OS policy is given', async () => {
    const config = await resolve({ platform: 'darwin', claudeCodeVersion: '2.1.50', managedFile: { model: 'file' } });
    expect(codes(config)).not.toContain('managed-channel-unsupported-version');
  });

  it('drop-ins are ignored before 2.1.83; the managed file still applies', async () => {
    const config = await resolve({
      platform: 'linux',
      claudeCodeVersion: '2.1.82',
      managedFile: { model: 'file' },
      dropIns: { '10-a.json': { model: 'drop', outputStyle: 'drop' } },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('file');
    expect(config.settings['outputStyle']).toBeUndefined();
    const dropIn = config.sources.find((s) => s.path === '/etc/claude-code/managed-settings.d/10-a.json');
    expect(dropIn?.status).toBe('ignored');
    const d = config.diagnostics.filter((x) => x.code === 'managed-dropins-unsupported-version');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', scope: 'managed', path: '/etc/claude-code/managed-settings.d' });
  });

  it('before 2.1.83 drop-ins alone deliver no managed policy, and a broken one raises no parse error', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.82',
      dropIns: { '10-a.json': { model: 'drop' }, '20-b.json': '{ broken' },
    });
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
    expect(codes(config)).not.toContain('settings-invalid-json');
    expect(codes(config)).toContain('managed-dropins-unsupported-version');
  });

  it('drop-ins are read from 2.1.83', async () => {
    const config = await resolve({
      platform: 'linux',
      claudeCodeVersion: '2.1.83',
      managedFile: { model: 'file' },
      dropIns: { '10-a.json': { model: 'drop' } },
    });
    expect(config.managedOrigin).toBe('file + drop-ins');
    expect(config.settings['model']).toBe('drop');
    expect(codes(config)).not.toContain('managed-dropins-unsupported-version');
  });

  it('no drop-in version diagnostic when the directory is empty or absent', async () => {
    const config = await resolve({ platform: 'linux', claudeCodeVersion: '2.1.82', managedFile: { model: 'file' } });
    expect(codes(config)).not.toContain('managed-dropins-unsupported-version');
  });

  it('wslInheritsWindowsSettings is honoured from 2.1.118 only', async () => {
    const spec: LayoutSpec = {
      platform: 'linux',
      wsl: true,
      managedFile: { model: 'etc' },
      managed: { hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
    };
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.117' })).settings['model']).toBe('etc');
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.118' })).settings['model']).toBe('hklm');
  });

  it('managed env merges per variable from 2.1.223, winner-only at 2.1.222', async () => {
    const spec: LayoutSpec = {
      platform: 'win32',
      managed: { hklm: { env: { ANTHROPIC_BASE_URL: 'https://gw.hklm.example.com' } } },
      managedFile: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: a' } },
    };
    const before = await resolve({ ...spec, claudeCodeVersion: '2.1.222' });
    const after = await resolve({ ...spec, claudeCodeVersion: '2.1.223' });
    expect(before.env['ANTHROPIC_CUSTOM_HEADERS']).toBeUndefined();
    expect(after.env['ANTHROPIC_CUSTOM_HEADERS']?.value).toBe('X-Team: a');
    expect(before.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.hklm.example.com');
    expect(after.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.hklm.example.com');
  });

  it('Windows managed file locations switch at 2.0.58 and 2.1.75', async () => {
    const legacy = 'C:\\ProgramData\\ClaudeCode\\managed-settings.json';
    const spec: LayoutSpec = { platform: 'win32', files: { [legacy]: { model: 'legacy' } } };
    expect((await resolve({ ...spec, claudeCodeVersion: '2.0.57' })).settings['model']).toBe('legacy');
    expect((await resolve({ ...spec, claudeCodeVersion: '2.0.58' })).settings['model']).toBe('legacy');
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.74' })).settings['model']).toBe('legacy');
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.75' })).settings['model']).toBeUndefined();
  });
});
