/**
 * Which value of each environment variable Claude Code's process sees.
 */
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];
const HOMES: Readonly<Record<Platform, string>> = { linux: '/home/user', darwin: '/Users/user', win32: 'C:\\Users\\user' };
const MANAGED_FILES: Readonly<Record<Platform, string>> = {
  linux: '/etc/claude-code/managed-settings.json',
  darwin: '/Library/Application Support/ClaudeCode/managed-settings.json',
  win32: 'C:\\Program Files\\ClaudeCode\\managed-settings.json',
};

function paths(platform: Platform): { user: string; project: string; local: string; cwd: string } {
  const p = platform === 'win32' ? win32 : posix;
  const home = HOMES[platform];
  const cwd = p.join(home, 'project');
  return {
    cwd,
    user: p.join(home, '.claude', 'settings.json'),
    project: p.join(cwd, '.claude', 'settings.json'),
    local: p.join(cwd, '.claude', 'settings.local.json'),
  };
}

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

const URL_VAR = 'ANTHROPIC_BASE_URL';

describe.each(PLATFORMS)('levels on %s', (platform) => {
  const at = paths(platform);

  it('--settings (inline JSON) beats local, project and user, and overridden lists every losing value highest first', async () => {
    const config = await resolve({
      platform,
      trusted: true,
      env: { [URL_VAR]: 'https://shell.example' },
      user: { env: { [URL_VAR]: 'https://user.example' } },
      project: { env: { [URL_VAR]: 'https://project.example' } },
      local: { env: { [URL_VAR]: 'https://local.example' } },
      settingsFlag: '{"env":{"ANTHROPIC_BASE_URL":"https://cli.example"}}',
    });
    const v = config.env[URL_VAR];
    expect(v?.value).toBe('https://cli.example');
    expect(v?.source).toEqual({ scope: 'cli' });
    expect(v?.overridden.map((o) => [o.value, o.source])).toEqual([
      ['https://local.example', { scope: 'local', path: at.local }],
      ['https://project.example', { scope: 'project', path: at.project }],
      ['https://user.example', { scope: 'user', path: at.user }],
      ['https://shell.example', { scope: 'shell' }],
    ]);
    expect(v?.overridden.every((o) => o.reason.length > 0)).toBe(true);
    expect(config.baseUrl?.value).toBe('https://cli.example');
  });

  it('managed beats --settings', async () => {
    const config = await resolve({
      platform,
      trusted: true,
      managedFile: { env: { [URL_VAR]: 'https://managed.example' } },
      settingsFlag: '{"env":{"ANTHROPIC_BASE_URL":"https://cli.example"}}',
      user: { env: { [URL_VAR]: 'https://user.example' } },
    });
    const v = config.env[URL_VAR];
    expect(v?.value).toBe('https://managed.example');
    expect(v?.source).toEqual({ scope: 'managed', origin: 'file', path: MANAGED_FILES[platform] });
    expect(v?.overridden.map((o) => o.source.scope)).toEqual(['cli', 'user']);
  });

  it('local beats project, project beats user', async () => {
    const config = await resolve({
      platform,
      trusted: true,
      user: { env: { A_VAR: 'user', B_VAR: 'user' } },
      project: { env: { A_VAR: 'project', B_VAR: 'project' } },
      local: { env: { A_VAR: 'local' } },
    });
    expect(config.env['A_VAR']?.value).toBe('local');
    expect(config.env['A_VAR']?.source).toEqual({ scope: 'local', path: at.local });
    expect(config.env['B_VAR']?.value).toBe('project');
    expect(config.env['B_VAR']?.source).toEqual({ scope: 'project', path: at.project });
    expect(config.env['B_VAR']?.overridden).toEqual([expect.objectContaining({ value: 'user', source: { scope: 'user', path: at.user } })]);
  });

  it('--settings given as a file path is the cli level, read relative to the start directory', async () => {
    const p = platform === 'win32' ? win32 : posix;
    const flagPath = p.join(at.cwd, 'gateway.json');
    const config = await resolve({
      platform,
      settingsFlag: 'gateway.json',
      files: { [flagPath]: { env: { [URL_VAR]: 'https://cli-file.example' } } },
      user: { env: { [URL_VAR]: 'https://user.example' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://cli-file.example');
    expect(config.env[URL_VAR]?.source).toEqual({ scope: 'cli', path: flagPath });
    expect(config.sources.find((s) => s.scope === 'cli')).toMatchObject({ status: 'loaded', path: flagPath });
  });

  it('settings env beats the shell (2.0.1 and later)', async () => {
    const config = await resolve({
      platform,
      env: { [URL_VAR]: 'https://shell.example' },
      user: { env: { [URL_VAR]: 'https://user.example' } },
    });
    const v = config.env[URL_VAR];
    expect(v?.value).toBe('https://user.example');
    expect(v?.source).toEqual({ scope: 'user', path: at.user });
    expect(v?.overridden).toEqual([{ value: 'https://shell.example', source: { scope: 'shell' }, reason: expect.stringContaining('2.0.1') }]);
  });
});

describe('shell environment vs settings env', () => {
  it('settings env beats the shell from 2.0.1 exactly', async () => {
    const config = await resolve({
      claudeCodeVersion: '2.0.1',
      env: { [URL_VAR]: 'https://shell.example' },
      user: { env: { [URL_VAR]: 'https://user.example' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://user.example');
    expect(config.env[URL_VAR]?.source.scope).toBe('user');
  });

  it('before 2.0.1 (2.0.0) the shell wins over settings env', async () => {
    const config = await resolve({
      claudeCodeVersion: '2.0.0',
      env: { [URL_VAR]: 'https://shell.example' },
      user: { env: { [URL_VAR]: 'https://user.example' } },
      settingsFlag: '{"env":{"ANTHROPIC_BASE_URL":"https://cli.example"}}',
    });
    const v = config.env[URL_VAR];
    expect(v?.value).toBe('https://shell.example');
    expect(v?.source).toEqual({ scope: 'shell' });
    expect(v?.overridden.map((o) => [o.value, o.source.scope])).toEqual([
      ['https://cli.example', 'cli'],
      ['https://user.example', 'user'],
    ]);
    expect(config.baseUrl?.value).toBe('https://shell.example');
  });

  it('before 2.0.1 settings env still fills variables the shell does not set', async () => {
    const config = await resolve({
      claudeCodeVersion: '2.0.0',
      env: { OTHER: 'x' },
      user: { env: { [URL_VAR]: 'https://user.example' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://user.example');
    expect(config.env['OTHER']?.value).toBe('x');
  });

  it('env resolves per variable: each variable comes from the highest file defining it', async () => {
    const config = await resolve({
      trusted: true,
      env: { SHELL_ONLY: 'shell', BOTH: 'shell' },
      user: { env: { [URL_VAR]: 'https://user.example', ANTHROPIC_MODEL: 'user-model', BOTH: 'user' } },
      project: { env: { ANTHROPIC_MODEL: 'project-model' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://user.example');
    expect(config.env[URL_VAR]?.source.scope).toBe('user');
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('project-model');
    expect(config.env['ANTHROPIC_MODEL']?.source.scope).toBe('project');
    expect(config.env['SHELL_ONLY']).toMatchObject({ value: 'shell', source: { scope: 'shell' }, overridden: [] });
    expect(config.env['BOTH']?.value).toBe('user');
  });

  it('the merged settings env holds only the applied values', async () => {
    const config = await resolve({
      trusted: true,
      user: { env: { A_VAR: 'user', B_VAR: 'user' } },
      project: { env: { A_VAR: 'project' } },
    });
    expect(config.settings['env']).toEqual({ A_VAR: 'project', B_VAR: 'user' });
  });

  it('a shell variable set to undefined is ignored', async () => {
    const config = await resolve({ env: { [URL_VAR]: undefined, OTHER: 'x' } });
    expect(config.env[URL_VAR]).toBeUndefined();
    expect(config.env['OTHER']?.value).toBe('x');
  });

  it('secret is true for credential variables and false for others', async () => {
    const config = await resolve({
      env: {
        ANTHROPIC_AUTH_TOKEN: 'sk-token-1234567890',
        ANTHROPIC_API_KEY: 'sk-key-1234567890',
        ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key',
        AWS_SECRET_ACCESS_KEY: 'aws-secret',
        CLAUDE_CODE_OAUTH_TOKEN: 'oauth',
        ANTHROPIC_MODEL: 'claude-sonnet',
      },
      user: { env: { [URL_VAR]: 'https://gw.example' } },
    });
    for (const name of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'ANTHROPIC_FOUNDRY_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'CLAUDE_CODE_OAUTH_TOKEN']) {
      expect(config.env[name]?.secret, name).toBe(true);
    }
    expect(config.env['ANTHROPIC_MODEL']?.secret).toBe(false);
    expect(config.env[URL_VAR]?.secret).toBe(false);
  });

  it('secret is true for custom headers carrying a credential and for proxy URLs with a password', async () => {
    const config = await resolve({
      env: {
        ANTHROPIC_CUSTOM_HEADERS: 'X-Team: a\nAuthorization: Bearer abc',
        HTTPS_PROXY: 'http://bob:hunter2@proxy.example:8080',
        HTTP_PROXY: 'http://proxy.example:8080',
      },
    });
    expect(config.env['ANTHROPIC_CUSTOM_HEADERS']?.secret).toBe(true);
    expect(config.env['HTTPS_PROXY']?.secret).toBe(true);
    expect(config.env['HTTP_PROXY']?.secret).toBe(false);
    const plain = await resolve({ env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: a' } });
    expect(plain.env['ANTHROPIC_CUSTOM_HEADERS']?.secret).toBe(false);
  });

  it('setting a variable to "" in a settings file neutralises the shell value for provider selection', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_USE_BEDROCK: '1', [URL_VAR]: 'https://shell.example' },
      user: { env: { CLAUDE_CODE_USE_BEDROCK: '', [URL_VAR]: '' } },
    });
    expect(config.env['CLAUDE_CODE_USE_BEDROCK']).toMatchObject({ value: '', source: { scope: 'user' } });
    expect(config.provider).toBe('anthropic');
    expect(config.providers).toEqual(['anthropic']);
    expect(config.baseUrl).toBeUndefined();
    expect(config.env[URL_VAR]?.value).toBe('');
  });

  it('an empty credential in settings env neutralises the shell credential', async () => {
    const config = await resolve({
      interactive: false,
      env: { ANTHROPIC_AUTH_TOKEN: 'shell-token' },
      user: { env: { ANTHROPIC_AUTH_TOKEN: '' } },
    });
    expect(config.credential.kind).toBe('none');
  });
});

describe('special-cased variables', () => {
  const userOrManagedOnly = [
    'CLAUDE_CODE_PROCESS_WRAPPER',
    'CLAUDE_CODE_SYNC_SKILLS',
    'CLAUDE_CODE_SYNC_PLUGINS',
    'CLAUDE_CODE_PLUGIN_CACHE_DIR',
    'CLAUDE_CODE_PLUGIN_SEED_DIR',
  ];

  it.each(userOrManagedOnly)('project and local files cannot set %s (env-ignored-in-scope)', async (name) => {
    for (const scope of ['project', 'local'] as const) {
      const config = await resolve({ trusted: true, [scope]: { env: { [name]: '/usr/bin/wrap' } } });
      expect(config.env[name], scope).toBeUndefined();
      const d = config.diagnostics.filter((x) => x.code === 'env-ignored-in-scope');
      expect(d).toHaveLength(1);
      expect(d[0]?.scope).toBe(scope);
      expect(d[0]?.path).toBe(paths('linux')[scope]);
    }
  });

  it('CLAUDE_CODE_PROCESS_WRAPPER from the user file applies; a project value is listed as not applied', async () => {
    const config = await resolve({
      trusted: true,
      user: { env: { CLAUDE_CODE_PROCESS_WRAPPER: '/usr/bin/user-wrap' } },
      project: { env: { CLAUDE_CODE_PROCESS_WRAPPER: '/tmp/evil' } },
    });
    const v = config.env['CLAUDE_CODE_PROCESS_WRAPPER'];
    expect(v?.value).toBe('/usr/bin/user-wrap');
    expect(v?.source.scope).toBe('user');
    expect(v?.overridden).toEqual([expect.objectContaining({ value: '/tmp/evil', source: expect.objectContaining({ scope: 'project' }) })]);
    expect(codes(config)).toContain('env-ignored-in-scope');
    expect((config.settings['env'] as Record<string, string>)['CLAUDE_CODE_PROCESS_WRAPPER']).toBe('/usr/bin/user-wrap');
  });

  it('CLAUDE_CODE_PROCESS_WRAPPER from --settings applies (only project and local are refused)', async () => {
    const config = await resolve({ settingsFlag: '{"env":{"CLAUDE_CODE_PROCESS_WRAPPER":"/bin/w"}}' });
    expect(config.env['CLAUDE_CODE_PROCESS_WRAPPER']?.value).toBe('/bin/w');
    expect(codes(config)).not.toContain('env-ignored-in-scope');
  });

  it('CLAUDE_CODE_REMOTE is ignored from every file (env-ignored-everywhere), the shell value stays', async () => {
    const config = await resolve({
      trusted: true,
      env: { CLAUDE_CODE_REMOTE: 'shell' },
      user: { env: { CLAUDE_CODE_REMOTE: 'user' } },
      project: { env: { CLAUDE_CODE_REMOTE: 'project' } },
      settingsFlag: '{"env":{"CLAUDE_CODE_REMOTE":"cli"}}',
      managedFile: { env: { CLAUDE_CODE_REMOTE: 'managed' } },
    });
    const v = config.env['CLAUDE_CODE_REMOTE'];
    expect(v?.value).toBe('shell');
    expect(v?.source).toEqual({ scope: 'shell' });
    expect(v?.overridden.map((o) => o.source.scope).sort()).toEqual(['cli', 'managed', 'project', 'user']);
    const ignored = config.diagnostics.filter((d) => d.code === 'env-ignored-everywhere');
    expect(ignored.map((d) => d.scope).sort()).toEqual(['cli', 'managed', 'project', 'user']);
    expect(ignored.map((d) => d.args)).toEqual(Array(4).fill({ variable: 'CLAUDE_CODE_REMOTE' }));
  });

  it('CLAUDE_CODE_REMOTE only in a file leaves the variable unset', async () => {
    const config = await resolve({ user: { env: { CLAUDE_CODE_REMOTE: 'true', CLAUDE_CODE_ACCOUNT_UUID: 'u' } } });
    expect(config.env['CLAUDE_CODE_REMOTE']).toBeUndefined();
    expect(config.env['CLAUDE_CODE_ACCOUNT_UUID']).toBeUndefined();
    expect(codes(config).filter((c) => c === 'env-ignored-everywhere')).toHaveLength(2);
  });

  it.each([
    ['CLAUDE_CODE_PROJECT_DIR_NAME', '2.1.233', '2.1.234'],
    ['CLAUDE_CODE_MESSAGING_SOCKET', '2.1.223', '2.1.224'],
    ['CLAUDE_CODE_MESSAGING_TOKEN', '2.1.227', '2.1.228'],
  ])('%s applies from files before %s+1 and is ignored from %s', async (name, before, from) => {
    const old = await resolve({ claudeCodeVersion: before, user: { env: { [name]: 'x' } } });
    expect(old.env[name]?.value).toBe('x');
    expect(codes(old)).not.toContain('env-ignored-everywhere');
    const current = await resolve({ claudeCodeVersion: from, user: { env: { [name]: 'x' } } });
    expect(current.env[name]).toBeUndefined();
    expect(codes(current)).toContain('env-ignored-everywhere');
  });

  it('CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST in the shell drops endpoint, provider and credential variables from settings files', async () => {
    const config = await resolve({
      interactive: false,
      env: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1', [URL_VAR]: 'https://host.example' },
      user: {
        env: {
          [URL_VAR]: 'https://user-gw.example',
          ANTHROPIC_AUTH_TOKEN: 'user-token',
          ANTHROPIC_API_KEY: 'user-key',
          CLAUDE_CODE_USE_BEDROCK: '1',
          ANTHROPIC_MODEL: 'claude-opus',
        },
      },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://host.example');
    expect(config.env[URL_VAR]?.source).toEqual({ scope: 'shell' });
    expect(config.env[URL_VAR]?.overridden).toEqual([
      expect.objectContaining({ value: 'https://user-gw.example', source: expect.objectContaining({ scope: 'user' }) }),
    ]);
    expect(config.env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
    expect(config.env['ANTHROPIC_API_KEY']).toBeUndefined();
    expect(config.env['CLAUDE_CODE_USE_BEDROCK']).toBeUndefined();
    expect(config.provider).toBe('anthropic');
    expect(config.credential.kind).toBe('none');
    expect(config.baseUrl?.value).toBe('https://host.example');
    // Variables that do not choose the route still apply.
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('claude-opus');
    expect(codes(config).filter((c) => c === 'env-ignored-host-managed')).toHaveLength(4);
  });

  it('with CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST managed-env ANTHROPIC_MODEL / ANTHROPIC_DEFAULT_*_MODEL and managed model keys are ignored', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1', ANTHROPIC_MODEL: 'host-model' },
      managedFile: {
        model: 'opus',
        fallbackModel: ['sonnet'],
        availableModels: ['opus', 'sonnet'],
        env: { ANTHROPIC_MODEL: 'managed-model', ANTHROPIC_DEFAULT_SONNET_MODEL: 'managed-sonnet', [URL_VAR]: 'https://managed-gw', API_TIMEOUT_MS: '1000' },
      },
      user: { env: { ANTHROPIC_DEFAULT_OPUS_MODEL: 'user-opus' } },
    });
    expect(config.env['ANTHROPIC_MODEL']).toMatchObject({ value: 'host-model', source: { scope: 'shell' } });
    expect(config.env['ANTHROPIC_MODEL']?.overridden.map((o) => o.value)).toEqual(['managed-model']);
    expect(config.env['ANTHROPIC_DEFAULT_SONNET_MODEL']).toBeUndefined();
    expect(config.env[URL_VAR]).toBeUndefined();
    // Non-model managed env and user-file model variables still apply.
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('1000');
    expect(config.env['ANTHROPIC_DEFAULT_OPUS_MODEL']?.value).toBe('user-opus');
    expect(config.settings['model']).toBeUndefined();
    expect(config.settings['fallbackModel']).toBeUndefined();
    expect(config.settings['availableModels']).toEqual(['opus', 'sonnet']);
    expect(config.settings['env']).toEqual({ API_TIMEOUT_MS: '1000', ANTHROPIC_DEFAULT_OPUS_MODEL: 'user-opus' });
    expect(config.diagnostics.filter((d) => d.code === 'env-ignored-host-managed').map((d) => d.args)).toEqual([
      { variable: URL_VAR, modelVariable: false },
      { variable: 'ANTHROPIC_DEFAULT_SONNET_MODEL', modelVariable: true },
      { variable: 'ANTHROPIC_MODEL', modelVariable: true },
    ]);
  });

  it('without CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST managed model variables and keys apply', async () => {
    const config = await resolve({ env: { ANTHROPIC_MODEL: 'shell-model' }, managedFile: { model: 'opus', env: { ANTHROPIC_MODEL: 'managed-model' } } });
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('managed-model');
    expect(config.settings['model']).toBe('opus');
  });

  it('managed env values ignored everywhere do not appear in the merged settings env', async () => {
    const config = await resolve({ managedFile: { env: { CLAUDE_CODE_REMOTE: '1', OTHER: 'o' } } });
    expect(config.settings['env']).toEqual({ OTHER: 'o' });
  });

  it('CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST="" does not count as set', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '' },
      user: { env: { [URL_VAR]: 'https://user-gw.example' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://user-gw.example');
    expect(codes(config)).not.toContain('env-ignored-host-managed');
  });

  it('CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST set only in a settings file has no host effect', async () => {
    const config = await resolve({
      user: { env: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1', [URL_VAR]: 'https://user-gw.example' } },
    });
    expect(config.env[URL_VAR]?.value).toBe('https://user-gw.example');
    expect(codes(config)).not.toContain('env-ignored-host-managed');
  });
});
