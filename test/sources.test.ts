/**
 * Which settings files are read, from where, and how broken files are handled.
 */
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettingsText, resolveEffectiveConfig, type Diagnostic, type EffectiveConfig, type FileSystem, type Platform } from '../src/index';
import { createMemoryFs, layout, type LayoutSpec } from '../src/testing';

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];
const HOMES: Readonly<Record<Platform, string>> = { linux: '/home/user', darwin: '/Users/user', win32: 'C:\\Users\\user' };

function api(platform: Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function only(config: EffectiveConfig, code: Diagnostic['code']): Diagnostic {
  const found = config.diagnostics.filter((d) => d.code === code);
  expect(found, `exactly one ${code} in ${JSON.stringify(config.diagnostics)}`).toHaveLength(1);
  return found[0] as Diagnostic;
}

function source(config: EffectiveConfig, scope: string): EffectiveConfig['sources'][number] | undefined {
  return config.sources.find((s) => s.scope === scope);
}

const GOOD_USER = { env: { ANTHROPIC_BASE_URL: 'https://gw.example' } };

describe('strict JSON: a broken file is ignored whole, with a located error', () => {
  const broken: [string, Diagnostic['code'], string, number, number][] = [
    ['a line comment', 'settings-jsonc', '{\n  // the gateway\n  "env": { "ANTHROPIC_MODEL": "m" }\n}\n', 2, 3],
    ['a block comment', 'settings-jsonc', '{\n  "env": {\n    /* x */ "ANTHROPIC_MODEL": "m"\n  }\n}\n', 3, 5],
    ['a trailing comma (located at the comma)', 'settings-jsonc', '{\n  "env": {\n    "ANTHROPIC_MODEL": "m",\n  }\n}\n', 3, 27],
    ['a missing comma', 'settings-invalid-json', '{\n  "model": "a"\n  "env": { "ANTHROPIC_MODEL": "m" }\n}\n', 3, 3],
    ['an unclosed object', 'settings-invalid-json', '{"env": {"ANTHROPIC_MODEL": "m"}', 1, 33],
    ['single quotes', 'settings-invalid-json', "{'env': {}}", 1, 2],
    ['an array at the top', 'settings-not-object', '[{"env": {"ANTHROPIC_MODEL": "m"}}]', 1, 1],
    ['null after blank lines', 'settings-not-object', '\n\n  null\n', 3, 3],
    ['a string at the top', 'settings-not-object', '"env"', 1, 1],
    ['an empty file', 'settings-empty', '', 1, 1],
    ['only whitespace', 'settings-empty', '  \n\n', 1, 1],
  ];

  it.each(broken)('a project file with %s: %s at the exact line and column, the rest resolves', async (_what, code, text, line, column) => {
    const config = await resolve({ trusted: true, user: GOOD_USER, project: text });
    const d = only(config, code);
    expect(d.severity).toBe('error');
    expect(d.scope).toBe('project');
    expect(d.path).toBe('/home/user/project/.claude/settings.json');
    expect([d.line, d.column]).toEqual([line, column]);
    expect(source(config, 'project')?.status).toBe('invalid');
    expect(source(config, 'project')?.settings).toBeUndefined();
    // Nothing of the broken file applies ...
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
    // ... and the other files still do.
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example');
    expect(source(config, 'user')?.status).toBe('loaded');
  });

  it.each(PLATFORMS)('a user file with a trailing comma on %s is reported with its platform path', async (platform) => {
    const config = await resolve({ platform, user: '{\n  "model": "x",\n}', settingsFlag: '{"model":"cli"}' });
    const d = only(config, 'settings-jsonc');
    expect(d.path).toBe(api(platform).join(HOMES[platform], '.claude', 'settings.json'));
    expect([d.line, d.column]).toEqual([2, 15]);
    expect(config.settings['model']).toBe('cli');
  });

  it('CRLF files are located by line and column like LF files', async () => {
    const config = await resolve({ user: '{\r\n  "env": {\r\n    "A": 1\r\n  },\r\n}\r\n' });
    expect(only(config, 'settings-jsonc')).toMatchObject({ line: 4, column: 4 });
    const entries = await resolve({ user: '{\r\n  "env": {\r\n    "A": 1\r\n  }\r\n}\r\n' });
    expect(only(entries, 'env-not-string')).toMatchObject({ line: 3, column: 5 });
  });

  it('on win32 a user file saved with a BOM (PowerShell 5.1, Notepad) is read, with a settings-bom warning (docs/behavior.md)', async () => {
    const config = await resolve({
      platform: 'win32',
      user: '\ufeff{"env":{"ANTHROPIC_BASE_URL":"https://gw"}}',
      env: { ANTHROPIC_BASE_URL: 'https://shell' },
    });
    expect(only(config, 'settings-bom')).toMatchObject({ severity: 'warning', path: 'C:\\Users\\user\\.claude\\settings.json', line: 1, column: 1 });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw');
    expect(source(config, 'user')?.status).toBe('loaded');
  });

  it('a BOM file that is also broken is rejected at the column of the error, counting the BOM', async () => {
    const config = await resolve({ user: '\ufeff{"env": {"A": "b",}}' });
    expect(only(config, 'settings-jsonc')).toMatchObject({ severity: 'error', line: 1, column: 19 });
    expect(source(config, 'user')?.status).toBe('invalid');
  });

  it('inline --settings text must be strict JSON: a trailing comma or comment stops Claude Code (vector settings-flag-inline-jsonc)', async () => {
    const config = await resolve({ settingsFlag: '{"env": {"A": "b",}}', user: GOOD_USER });
    const d = only(config, 'settings-flag-invalid-json');
    expect(d).toMatchObject({ scope: 'cli', severity: 'error' });
    expect(d.path).toBeUndefined();
    expect(source(config, 'cli')?.status).toBe('invalid');
    expect(config.startup).toMatchObject({
      refused: true,
      reason: expect.stringContaining('Invalid JSON provided to --settings'),
      printed: 'Invalid JSON provided to --settings',
    });
  });

  it('invalid inline --settings text is located: line, column and the reason in words', async () => {
    const comma = only(await resolve({ settingsFlag: '{"env": {"A": "b",}}' }), 'settings-flag-invalid-json');
    expect(comma).toMatchObject({ line: 1, column: 18, args: { line: 1, column: 18, reason: 'a trailing comma' } });
    const colon = only(await resolve({ settingsFlag: '{\n  "env": {"A" "b"}\n}' }), 'settings-flag-invalid-json');
    expect(colon).toMatchObject({ line: 2, column: 15, args: { reason: 'a colon expected' } });
    const comment = only(await resolve({ settingsFlag: '{"env": {} /* no */}' }), 'settings-flag-invalid-json');
    expect(comment).toMatchObject({ line: 1, column: 12, args: { reason: 'a comment' } });
  });

  it('invalid inline --settings text nested thousands deep is refused without a location, never a crash', async () => {
    const deep = `{"a": ${'['.repeat(50_000)}1${']'.repeat(49_999)}}`;
    const d = only(await resolve({ settingsFlag: deep }), 'settings-flag-invalid-json');
    expect(d.line).toBeUndefined();
    expect(d.args).toEqual({});
  });

  it('text that opens a brace without closing it is a file name, and the fix says so', async () => {
    const d = only(await resolve({ settingsFlag: '{bad json', user: GOOD_USER }), 'settings-flag-not-found');
    expect(d.args).toMatchObject({ opensBrace: true });
    expect(d.args?.['file']).toMatch(/\{bad json$/);
    expect(d.fix).toBeDefined();
    const plain = only(await resolve({ settingsFlag: 'missing.json', user: GOOD_USER }), 'settings-flag-not-found');
    expect(plain.args).toMatchObject({ opensBrace: false });
    expect(plain.fix).toBeUndefined();
  });

  it('--settings text that is not between braces is a file name (vectors settings-flag-inline-unparseable, settings-flag-inline-array, settings-flag-inline-padded)', async () => {
    const opened = await resolve({ settingsFlag: '{ "env": ', user: GOOD_USER, claudeCodeVersion: '2.1.283' });
    expect(only(opened, 'settings-flag-not-found').args).toEqual({ file: '{ "env": ', opensBrace: true });
    expect(opened.startup?.refused).toBe(true);
    // From 2.1.284 the name is shown resolved against the start directory.
    const resolved = await resolve({ settingsFlag: '[1, 2]', user: GOOD_USER, claudeCodeVersion: '2.1.284' });
    expect(only(resolved, 'settings-flag-not-found').args?.['file']).toMatch(/^\/.*\/\[1, 2\]$/);
    const padded = await resolve({ settingsFlag: '  \n{ "env": { "FROM_FLAG": "1" } }', user: GOOD_USER });
    expect(padded.env['FROM_FLAG']?.source.scope).toBe('cli');
    expect(padded.startup).toBeUndefined();
  });

  it('parseSettingsText accepts strict JSON objects and never throws', () => {
    expect(parseSettingsText('{"env":{"A":"b"}}')).toEqual({ value: { env: { A: 'b' } }, warnings: [] });
    expect(parseSettingsText('{}').value).toEqual({});
    expect(parseSettingsText('{,}', '/x.json').error).toMatchObject({ code: 'settings-invalid-json', path: '/x.json', line: 1, column: 2 });
    expect(parseSettingsText('42').error?.code).toBe('settings-not-object');
    expect(parseSettingsText('{"a": 1} // trailing').error?.code).toBe('settings-jsonc');
    expect(parseSettingsText('{"a": 1} x').error?.code).toBe('settings-invalid-json');
    expect(parseSettingsText('{"a": 1}}').error).toMatchObject({ code: 'settings-invalid-json', line: 1, column: 9 });
    expect(parseSettingsText('{"a": 1}}').error?.args).toEqual({ file: 'settings', reason: 'text after the end of the JSON value' });
    expect(parseSettingsText('{\n "env":{\n', '/x.json').error?.args).toEqual({ file: '/x.json', reason: 'a closing brace } expected' });
    expect(parseSettingsText('{\n  "a": NaN\n}').error).toMatchObject({ code: 'settings-invalid-json', line: 2, column: 8 });
    expect(parseSettingsText('{\n  "a": "x\ty"\n}').error).toMatchObject({ code: 'settings-invalid-json', line: 2, column: 8 });
    expect(parseSettingsText('{\n  "a": 01\n}').error?.code).toBe('settings-invalid-json');
  });

  it('a file that cannot be read is reported (settings-unreadable) and ignored', async () => {
    const l = layout({ user: GOOD_USER, project: { env: { ANTHROPIC_MODEL: 'm' } }, trusted: true });
    const inner = l.fs;
    const projectPath = '/home/user/project/.claude/settings.json';
    const fs: FileSystem = {
      stat: (p) => inner.stat(p),
      readdir: (p) => inner.readdir(p),
      readFile: async (p) => {
        if (p === projectPath) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return inner.readFile(p);
      },
    };
    const config = await resolveEffectiveConfig({ ...l, fs });
    const d = only(config, 'settings-unreadable');
    expect(d).toMatchObject({ severity: 'error', scope: 'project', path: projectPath });
    expect(source(config, 'project')?.status).toBe('invalid');
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example');
  });
});

describe('entries: env values must be strings; unsafe keys never pollute', () => {
  it('non-string env values become the text String() gives them, with env-not-string at their line and column (vectors env-number-token, env-null-token-over-shell, env-false-switch-over-shell)', async () => {
    const text =
      '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example",\n    "API_TIMEOUT_MS": 600000,\n    "DISABLE_TELEMETRY": true,\n    "X_NULL": null\n  }\n}\n';
    const config = await resolve({ user: text });
    const found = config.diagnostics.filter((d) => d.code === 'env-not-string');
    expect(found.map((d) => [d.line, d.column, d.path, d.scope])).toEqual([
      [4, 5, '/home/user/.claude/settings.json', 'user'],
      [5, 5, '/home/user/.claude/settings.json', 'user'],
      [6, 5, '/home/user/.claude/settings.json', 'user'],
    ]);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('600000');
    expect(config.env['DISABLE_TELEMETRY']?.value).toBe('true');
    expect(config.env['X_NULL']?.value).toBe('null');
    expect(found.map((d) => d.args)).toEqual([
      { variable: 'API_TIMEOUT_MS', valueType: 'number', hasText: true, textLength: 6, quotable: '600000' },
      { variable: 'DISABLE_TELEMETRY', valueType: 'boolean', hasText: true, text: 'true', quotable: 'true' },
      { variable: 'X_NULL', valueType: 'null', hasText: true, text: 'null' },
    ]);
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example');
    expect(source(config, 'user')?.status).toBe('loaded');
  });

  it('a non-string env value wins over a lower source like any value; a credential is never quoted (vectors env-null-token-over-shell, env-object-token-over-shell, env-array-key-over-shell)', async () => {
    const config = await resolve({ trusted: true, user: { env: { API_TIMEOUT_MS: '1000' } }, project: { env: { API_TIMEOUT_MS: 5 } } });
    expect(config.env['API_TIMEOUT_MS']).toMatchObject({ value: '5', source: { scope: 'project' } });
    const shell = await resolve({
      env: { ANTHROPIC_AUTH_TOKEN: 'tok-shell', ANTHROPIC_API_KEY: 'key-shell' },
      user: { env: { ANTHROPIC_AUTH_TOKEN: { a: 1 }, ANTHROPIC_API_KEY: ['sk-secret-part', 'b'] } },
    });
    expect(shell.env['ANTHROPIC_AUTH_TOKEN']).toMatchObject({ value: '[object Object]', source: { scope: 'user' } });
    expect(shell.env['ANTHROPIC_API_KEY']?.value).toBe('sk-secret-part,b');
    for (const d of shell.diagnostics) expect(`${d.message} ${d.fix ?? ''} ${JSON.stringify(d.args ?? {})}`).not.toContain('sk-secret-part');
    expect(shell.diagnostics.filter((d) => d.code === 'env-not-string').map((d) => d.args)).toEqual([
      { variable: 'ANTHROPIC_AUTH_TOKEN', valueType: 'object', hasText: true, textLength: 15 },
      { variable: 'ANTHROPIC_API_KEY', valueType: 'array', hasText: true, textLength: 16 },
    ]);
  });

  it('an env block that is not an object is skipped (env-not-object), other keys apply', async () => {
    const config = await resolve({ user: '{\n  "model": "m",\n  "env": ["ANTHROPIC_BASE_URL=https://x"]\n}' });
    const d = only(config, 'env-not-object');
    expect([d.line, d.column]).toEqual([3, 3]);
    expect(d.args).toEqual({ valueType: 'array' });
    expect(config.settings['model']).toBe('m');
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
  });

  it('an invalid modelled entry is skipped (settings-invalid-entry), the rest of the file applies', async () => {
    const config = await resolve({ user: { apiKeyHelper: 42, env: { ANTHROPIC_BASE_URL: 'https://gw.example' } } });
    const d = only(config, 'settings-invalid-entry');
    expect([d.line, d.column]).toEqual([2, 3]);
    expect(d.args).toEqual({ key: 'apiKeyHelper', problem: 'expected a non-empty string' });
    expect(config.apiKeyHelper).toBeUndefined();
    expect(config.settings['apiKeyHelper']).toBeUndefined();
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example');
  });

  it('__proto__, constructor and prototype keys never pollute and are reported (settings-unsafe-key)', async () => {
    const text = [
      '{',
      '  "__proto__": { "polluted": true },',
      '  "env": {',
      '    "__proto__": "x",',
      '    "ANTHROPIC_MODEL": "m",',
      '    "constructor": "y"',
      '  },',
      '  "permissions": { "constructor": { "prototype": { "polluted": true } } }',
      '}',
    ].join('\n');
    const config = await resolve({ user: text, settingsFlag: '{"__proto__": {"polluted": "cli"}, "prototype": 1}' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(Object.getPrototypeOf(config.settings)).toBe(Object.prototype);
    expect(Object.keys(config.settings).sort()).toEqual(['env', 'permissions']);
    expect(config.settings['permissions']).toEqual({});
    expect(config.settings['env']).toEqual({ ANTHROPIC_MODEL: 'm' });
    expect(Object.keys(config.env)).toEqual(['ANTHROPIC_MODEL']);
    const unsafe = config.diagnostics.filter((d) => d.code === 'settings-unsafe-key');
    expect(unsafe.filter((d) => d.scope === 'user').map((d) => [d.line, d.column])).toEqual([
      [2, 3],
      [4, 5],
      [6, 5],
      [8, 20],
    ]);
    expect(unsafe.filter((d) => d.scope === 'cli')).toHaveLength(2);
  });

  it('a shell variable named __proto__ stays a plain variable and never reshapes config.env', async () => {
    const l = layout({ user: { env: { ANTHROPIC_MODEL: 'm' } } });
    const shell = JSON.parse('{"__proto__": "shell-value", "PATH": "/bin"}') as Record<string, string>;
    const config = await resolveEffectiveConfig({ ...l, env: shell });
    expect(Object.getPrototypeOf(config.env)).toBe(Object.prototype);
    expect(config.env['value']).toBeUndefined();
    expect(config.env['name']).toBeUndefined();
    expect(Object.keys(config.env).sort()).toEqual(['ANTHROPIC_MODEL', 'PATH', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(config.env, '__proto__')?.value).toMatchObject({ value: 'shell-value', source: { scope: 'shell' } });
    expect(({} as Record<string, unknown>)['value']).toBeUndefined();
  });
});

describe('the user file and CLAUDE_CONFIG_DIR', () => {
  it.each(PLATFORMS)('the user file is ~/.claude/settings.json on %s', async (platform) => {
    const config = await resolve({ platform, user: GOOD_USER });
    expect(source(config, 'user')).toMatchObject({ status: 'loaded', path: api(platform).join(HOMES[platform], '.claude', 'settings.json') });
    expect(config.env['ANTHROPIC_BASE_URL']?.source.path).toBe(api(platform).join(HOMES[platform], '.claude', 'settings.json'));
  });

  it.each([
    ['linux', '/opt/claude-config'],
    ['darwin', '/Users/user/alt-claude'],
    ['win32', 'D:\\claude-config'],
  ] as const)('CLAUDE_CONFIG_DIR moves the user file on %s', async (platform, dir) => {
    const p = api(platform);
    const moved = p.join(dir, 'settings.json');
    const config = await resolve({
      platform,
      env: { CLAUDE_CONFIG_DIR: dir },
      files: {
        [moved]: { env: { ANTHROPIC_BASE_URL: 'https://moved.example' } },
        [p.join(HOMES[platform], '.claude', 'settings.json')]: { env: { ANTHROPIC_BASE_URL: 'https://default.example', OTHER: '1' } },
      },
    });
    expect(source(config, 'user')).toMatchObject({ status: 'loaded', path: moved });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://moved.example');
    expect(config.env['ANTHROPIC_BASE_URL']?.overridden).toEqual([]);
    expect(config.env['OTHER']).toBeUndefined();
  });

  it('under CLAUDE_CONFIG_DIR the global config is read from $CLAUDE_CONFIG_DIR/.claude.json', async () => {
    const config = await resolve({
      env: { CLAUDE_CONFIG_DIR: '/opt/cc' },
      files: { '/opt/cc/.claude.json': { projects: { '/home/user/project': { hasTrustDialogAccepted: true } } } },
      project: { env: { ANTHROPIC_BASE_URL: 'https://p.example' } },
    });
    expect(source(config, 'global-config')).toMatchObject({ status: 'loaded', path: '/opt/cc/.claude.json' });
    expect(config.trust.trusted).toBe(true);
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://p.example');
  });
});

describe('the shared project file', () => {
  it.each(PLATFORMS)("on %s only the start directory's .claude/settings.json is read, never a parent's", async (platform) => {
    const p = api(platform);
    const repo = p.join(HOMES[platform], 'repo');
    const cwd = p.join(repo, 'packages', 'app');
    const config = await resolve({
      platform,
      cwd,
      trusted: true,
      git: repo,
      files: { [p.join(repo, '.claude', 'settings.json')]: { env: { ANTHROPIC_BASE_URL: 'https://root.example' } } },
    });
    expect(source(config, 'project')).toMatchObject({ status: 'missing', path: p.join(cwd, '.claude', 'settings.json') });
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
  });

  it('the project file in the start directory is read', async () => {
    const config = await resolve({ cwd: '/srv/work/app', trusted: true, project: { env: { ANTHROPIC_BASE_URL: 'https://app.example' } } });
    expect(source(config, 'project')).toMatchObject({ status: 'loaded', path: '/srv/work/app/.claude/settings.json' });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://app.example');
  });
});

describe('the project-local file', () => {
  const repo = '/home/user/repo';
  const sub = '/home/user/repo/packages/app';
  const rootLocal = '/home/user/repo/.claude/settings.local.json';
  const subLocal = '/home/user/repo/packages/app/.claude/settings.local.json';

  it.each(['linux', 'darwin'] as const)('from 2.1.211 on %s the local file is read at the git root when started in a subdirectory', async (platform) => {
    const home = HOMES[platform];
    const r = posix.join(home, 'repo');
    const cwd = posix.join(r, 'packages', 'app');
    const config = await resolve({
      platform,
      cwd,
      git: r,
      trusted: true,
      files: { [posix.join(r, '.claude', 'settings.local.json')]: { env: { ANTHROPIC_BASE_URL: 'https://root-local.example' } } },
    });
    expect(config.gitRoot).toBe(r);
    expect(source(config, 'local')).toMatchObject({ status: 'loaded', path: posix.join(r, '.claude', 'settings.local.json') });
    expect(config.env['ANTHROPIC_BASE_URL']).toMatchObject({ value: 'https://root-local.example', source: { scope: 'local' } });
  });

  it('exactly 2.1.211 reads the root file', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.211', cwd: sub, git: repo, interactive: false, files: { [rootLocal]: { env: { A_VAR: 'root' } } } });
    expect(config.env['A_VAR']?.value).toBe('root');
  });

  it('before 2.1.211 (2.1.210) the local file is read in the start directory only', async () => {
    const config = await resolve({
      claudeCodeVersion: '2.1.210',
      cwd: sub,
      git: repo,
      interactive: false,
      files: { [rootLocal]: { env: { A_VAR: 'root' } }, [subLocal]: { env: { B_VAR: 'sub' } } },
    });
    expect(source(config, 'local')).toMatchObject({ status: 'loaded', path: subLocal });
    expect(config.env['A_VAR']).toBeUndefined();
    expect(config.env['B_VAR']?.value).toBe('sub');
    expect(config.sources.filter((s) => s.scope === 'local')).toHaveLength(1);
  });

  it('outside a git repository the local file is read in the start directory', async () => {
    const config = await resolve({
      cwd: '/home/user/scratch/app',
      interactive: false,
      files: {
        '/home/user/scratch/app/.claude/settings.local.json': { env: { A_VAR: 'here' } },
        '/home/user/scratch/.claude/settings.local.json': { env: { A_VAR: 'parent' } },
      },
    });
    expect(config.gitRoot).toBeUndefined();
    expect(source(config, 'local')).toMatchObject({ status: 'loaded', path: '/home/user/scratch/app/.claude/settings.local.json' });
    expect(config.env['A_VAR']?.value).toBe('here');
  });

  it('when the repository root is the home directory the local file stays in the start directory', async () => {
    const config = await resolve({
      cwd: '/home/user/project',
      git: '/home/user',
      interactive: false,
      files: {
        '/home/user/.claude/settings.local.json': { env: { A_VAR: 'home' } },
        '/home/user/project/.claude/settings.local.json': { env: { A_VAR: 'start' } },
      },
    });
    expect(config.gitRoot).toBe('/home/user');
    expect(source(config, 'local')).toMatchObject({ status: 'loaded', path: '/home/user/project/.claude/settings.local.json' });
    expect(config.env['A_VAR']?.value).toBe('start');
    expect(config.env['A_VAR']?.overridden).toEqual([]);
  });

  it('on win32 the local file stays in the start directory', async () => {
    const wrepo = 'C:\\Users\\user\\repo';
    const wsub = 'C:\\Users\\user\\repo\\packages\\app';
    const config = await resolve({
      platform: 'win32',
      cwd: wsub,
      git: wrepo,
      interactive: false,
      files: {
        'C:\\Users\\user\\repo\\.claude\\settings.local.json': { env: { A_VAR: 'root' } },
        'C:\\Users\\user\\repo\\packages\\app\\.claude\\settings.local.json': { env: { A_VAR: 'start' } },
      },
    });
    expect(config.gitRoot).toBe(wrepo);
    expect(config.sources.filter((s) => s.scope === 'local').map((s) => s.path)).toEqual([
      'C:\\Users\\user\\repo\\packages\\app\\.claude\\settings.local.json',
    ]);
    expect(config.env['A_VAR']?.value).toBe('start');
  });

  it.each([
    ['the repository root', repo],
    ['its .git entry', `${repo}/.git`],
    ['its .claude entry', `${repo}/.claude`],
  ])('when %s is owned by another user the local file stays in the start directory', async (_what, owned) => {
    const config = await resolve({
      cwd: sub,
      git: repo,
      uid: 1000,
      interactive: false,
      files: {
        [rootLocal]: { env: { A_VAR: 'root' } },
        [subLocal]: { env: { A_VAR: 'start' } },
        [owned]: { kind: 'directory', uid: 0 },
      },
    });
    expect(config.sources.filter((s) => s.scope === 'local').map((s) => s.path)).toEqual([subLocal]);
    expect(config.env['A_VAR']?.value).toBe('start');
  });

  it('when the root, .git and .claude are owned by the current user the root file is read', async () => {
    const config = await resolve({
      cwd: sub,
      git: repo,
      uid: 1000,
      interactive: false,
      files: {
        [rootLocal]: { env: { A_VAR: 'root' } },
        [repo]: { kind: 'directory', uid: 1000 },
        [`${repo}/.git`]: { kind: 'directory', uid: 1000 },
        [`${repo}/.claude`]: { kind: 'directory', uid: 1000 },
      },
    });
    expect(source(config, 'local')?.path).toBe(rootLocal);
    expect(config.env['A_VAR']?.value).toBe('root');
  });

  it('a leftover start-directory file is still read; the root file wins on conflicts', async () => {
    const config = await resolve({
      cwd: sub,
      git: repo,
      interactive: false,
      files: {
        [rootLocal]: { env: { SHARED: 'root', ROOT_ONLY: 'r' } },
        [subLocal]: { env: { SHARED: 'leftover', LEFTOVER_ONLY: 'l' }, model: 'leftover-model' },
      },
    });
    const locals = config.sources.filter((s) => s.scope === 'local');
    expect(locals.map((s) => [s.path, s.status])).toEqual([
      [rootLocal, 'loaded'],
      [subLocal, 'loaded'],
    ]);
    expect(config.env['SHARED']).toMatchObject({ value: 'root', source: { scope: 'local', path: rootLocal } });
    expect(config.env['SHARED']?.overridden).toEqual([expect.objectContaining({ value: 'leftover', source: { scope: 'local', path: subLocal } })]);
    expect(config.env['ROOT_ONLY']?.value).toBe('r');
    expect(config.env['LEFTOVER_ONLY']).toMatchObject({ value: 'l', source: { scope: 'local', path: subLocal } });
    expect(config.settings['model']).toBe('leftover-model');
  });

  it('the leftover local file still loses to nothing else: it beats project and user', async () => {
    const config = await resolve({
      cwd: sub,
      git: repo,
      interactive: false,
      user: { env: { SHARED: 'user' } },
      files: { [subLocal]: { env: { SHARED: 'leftover' } } },
    });
    expect(source(config, 'local')).toMatchObject({ status: 'missing', path: rootLocal });
    expect(config.env['SHARED']).toMatchObject({ value: 'leftover', source: { scope: 'local', path: subLocal } });
  });

  it('a linked worktree resolves to the main checkout', async () => {
    const main = '/home/user/main';
    const wt = '/home/user/worktrees/feature';
    const config = await resolve({
      cwd: `${wt}/src`,
      interactive: false,
      files: {
        [`${main}/.git`]: { kind: 'directory' },
        [`${main}/.git/worktrees/feature/commondir`]: '../..\n',
        [`${wt}/.git`]: `gitdir: ${main}/.git/worktrees/feature\n`,
        [`${main}/.claude/settings.local.json`]: { env: { A_VAR: 'main' } },
        [`${wt}/.claude/settings.local.json`]: { env: { A_VAR: 'worktree', WT: '1' } },
      },
    });
    expect(config.gitRoot).toBe(main);
    expect(source(config, 'local')).toMatchObject({ status: 'loaded', path: `${main}/.claude/settings.local.json` });
    expect(config.env['A_VAR']?.value).toBe('main');
    // The worktree checkout's own local file is neither at the main root nor in the start directory (src/).
    expect(config.env['WT']).toBeUndefined();
  });

  it('a worktree with a relative gitdir also resolves to the main checkout', async () => {
    const config = await resolve({
      cwd: '/home/user/main/wt',
      interactive: false,
      files: {
        '/home/user/main/.git/worktrees/wt/commondir': '../..',
        '/home/user/main/wt/.git': 'gitdir: ../.git/worktrees/wt',
        '/home/user/main/.claude/settings.local.json': { env: { A_VAR: 'main' } },
      },
    });
    expect(config.gitRoot).toBe('/home/user/main');
    expect(config.env['A_VAR']?.value).toBe('main');
  });

  it('a .git file without a commondir (a submodule) keeps its own directory as the root', async () => {
    const config = await resolve({
      cwd: '/home/user/super/sub',
      interactive: false,
      files: {
        '/home/user/super/.git': { kind: 'directory' },
        '/home/user/super/sub/.git': 'gitdir: ../.git/modules/sub',
        '/home/user/super/sub/.claude/settings.local.json': { env: { A_VAR: 'sub' } },
      },
    });
    expect(config.gitRoot).toBe('/home/user/super/sub');
    expect(config.env['A_VAR']?.value).toBe('sub');
  });
});

describe('the command line', () => {
  it('--setting-sources leaves out the files not listed (status excluded); --settings still loads', async () => {
    const config = await resolve({
      trusted: true,
      settingSources: ['user'],
      user: { env: { U: '1' } },
      project: { env: { P: '1' } },
      local: { env: { L: '1' } },
      settingsFlag: '{"env":{"C":"1"}}',
    });
    expect(source(config, 'user')?.status).toBe('loaded');
    expect(source(config, 'project')?.status).toBe('excluded');
    expect(source(config, 'local')?.status).toBe('excluded');
    expect(source(config, 'cli')?.status).toBe('loaded');
    expect(Object.keys(config.env).sort()).toEqual(['C', 'U']);
  });

  it('--setting-sources [] excludes user, project and local; managed policy always loads', async () => {
    const config = await resolve({
      trusted: true,
      settingSources: [],
      user: { env: { U: '1' } },
      project: { env: { P: '1' } },
      local: { env: { L: '1' } },
      managedFile: { env: { M: '1' } },
    });
    expect(
      config.sources
        .filter((s) => s.status === 'excluded')
        .map((s) => s.scope)
        .sort(),
    ).toEqual(['local', 'project', 'user']);
    expect(Object.keys(config.env)).toEqual(['M']);
  });

  it('--setting-sources project,local excludes the user file even when it is broken (no diagnostic)', async () => {
    const config = await resolve({ trusted: true, settingSources: ['project', 'local'], user: '{ broken', project: { env: { P: '1' } } });
    expect(source(config, 'user')?.status).toBe('excluded');
    expect(config.diagnostics.map((d) => d.code)).not.toContain('settings-invalid-json');
    expect(config.env['P']?.value).toBe('1');
  });

  const flagCases: [string, Diagnostic['code'], NonNullable<LayoutSpec['files']>][] = [
    ['missing', 'settings-flag-not-found', {}],
    ['a directory', 'settings-flag-directory', { '/home/user/project/flags.json': { kind: 'directory' } }],
    ['a FIFO', 'settings-flag-not-regular', { '/home/user/project/flags.json': { kind: 'other' } }],
    ['larger than 2 MiB', 'settings-flag-too-large', { '/home/user/project/flags.json': { content: '{}', size: 3 * 1024 * 1024 } }],
  ];
  it.each(flagCases)('a --settings file that is %s is an error (%s) with its path; the rest still resolves', async (_what, code, files) => {
    const config = await resolve({ settingsFlag: 'flags.json', files, user: GOOD_USER });
    const d = only(config, code);
    expect(d).toMatchObject({ severity: 'error', scope: 'cli', path: '/home/user/project/flags.json' });
    expect(source(config, 'cli')).toMatchObject({ status: 'invalid', path: '/home/user/project/flags.json' });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw.example');
  });

  it('a --settings file of exactly 2 MiB is accepted', async () => {
    const config = await resolve({ settingsFlag: '/tmp/f.json', files: { '/tmp/f.json': { content: '{"model":"m"}', size: 2 * 1024 * 1024 } } });
    expect(source(config, 'cli')?.status).toBe('loaded');
    expect(config.settings['model']).toBe('m');
  });

  it('the 2 MiB size check applies only from 2.1.214', async () => {
    const files = { '/tmp/big.json': { content: '{"model":"big"}', size: 3 * 1024 * 1024 } };
    const old = await resolve({ claudeCodeVersion: '2.1.213', settingsFlag: '/tmp/big.json', files });
    expect(source(old, 'cli')?.status).toBe('loaded');
    expect(old.settings['model']).toBe('big');
    expect(old.diagnostics.map((d) => d.code)).not.toContain('settings-flag-too-large');
    const current = await resolve({ claudeCodeVersion: '2.1.214', settingsFlag: '/tmp/big.json', files });
    expect(source(current, 'cli')?.status).toBe('invalid');
    expect(current.settings['model']).toBeUndefined();
    expect(current.diagnostics.map((d) => d.code)).toContain('settings-flag-too-large');
  });

  it('a --settings file with invalid JSON is reported with the file path', async () => {
    const config = await resolve({ settingsFlag: '/tmp/bad.json', files: { '/tmp/bad.json': '{\n  "model": ,\n}' } });
    const d = only(config, 'settings-invalid-json');
    expect(d).toMatchObject({ scope: 'cli', path: '/tmp/bad.json', line: 2, column: 12 });
  });

  it.each(PLATFORMS)('on %s a --settings path is resolved against the start directory', async (platform) => {
    const p = api(platform);
    const cwd = p.join(HOMES[platform], 'project');
    const config = await resolve({
      platform,
      settingsFlag: p.join('..', 'shared.json'),
      files: { [p.join(HOMES[platform], 'shared.json')]: { model: 'shared' } },
    });
    expect(source(config, 'cli')?.path).toBe(p.join(HOMES[platform], 'shared.json'));
    expect(config.settings['model']).toBe('shared');
    expect(p.dirname(cwd)).toBe(HOMES[platform]);
  });
});

describe('createMemoryFs', () => {
  it('memory layouts can be read directly through resolveEffectiveConfig options', async () => {
    const fs = createMemoryFs({ '/home/a/.claude/settings.json': '{"env":{"ANTHROPIC_BASE_URL":"https://gw"}}' });
    const config = await resolveEffectiveConfig({ fs, homeDir: '/home/a', cwd: '/home/a/w', platform: 'linux', env: {} });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://gw');
    expect(source(config, 'user')).toMatchObject({ status: 'loaded', path: '/home/a/.claude/settings.json' });
    expect(source(config, 'project')).toMatchObject({ status: 'missing', path: '/home/a/w/.claude/settings.json' });
  });
});
