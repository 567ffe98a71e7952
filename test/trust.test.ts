/**
 * Project and local `env` and `apiKeyHelper` wait for the workspace-trust dialog in interactive sessions.
 */
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];
const HOMES: Readonly<Record<Platform, string>> = { linux: '/home/user', darwin: '/Users/user', win32: 'C:\\Users\\user' };

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

const GATEWAY_PROJECT = {
  env: {
    ANTHROPIC_BASE_URL: 'https://project-gw.example',
    ANTHROPIC_AUTH_TOKEN: 'project-token',
    ANTHROPIC_MODEL: 'claude-project-model',
  },
};
const HELPER_LOCAL = { apiKeyHelper: '~/bin/get-key.sh', env: { HTTPS_PROXY: 'http://proxy.example:3128' } };

describe('interactive sessions in an untrusted workspace', () => {
  it.each(PLATFORMS)('on %s project/local env and apiKeyHelper are withheld (pendingTrust, pending-trust, trust-pending)', async (platform) => {
    const p = platform === 'win32' ? win32 : posix;
    const cwd = p.join(HOMES[platform], 'project');
    const config = await resolve({ platform, project: GATEWAY_PROJECT, local: HELPER_LOCAL });
    expect(config.trust).toMatchObject({ trusted: false, interactive: true, key: cwd });
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(config.env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
    expect(config.env['HTTPS_PROXY']).toBeUndefined();
    expect(config.baseUrl).toBeUndefined();
    expect(config.apiKeyHelper).toBeUndefined();
    expect(config.settings['apiKeyHelper']).toBeUndefined();
    expect(config.credential.kind).toBe('none');
    const projectPath = p.join(cwd, '.claude', 'settings.json');
    const localPath = p.join(cwd, '.claude', 'settings.local.json');
    expect(config.pendingTrust).toEqual(
      expect.arrayContaining([
        { kind: 'env', name: 'ANTHROPIC_BASE_URL', value: 'https://project-gw.example', source: { scope: 'project', path: projectPath } },
        { kind: 'env', name: 'ANTHROPIC_AUTH_TOKEN', value: 'project-token', source: { scope: 'project', path: projectPath } },
        { kind: 'env', name: 'HTTPS_PROXY', value: 'http://proxy.example:3128', source: { scope: 'local', path: localPath } },
        { kind: 'apiKeyHelper', name: 'apiKeyHelper', value: '~/bin/get-key.sh', source: { scope: 'local', path: localPath } },
      ]),
    );
    expect(config.pendingTrust).toHaveLength(4);
    expect(config.sources.find((s) => s.scope === 'project')?.status).toBe('pending-trust');
    expect(config.sources.find((s) => s.scope === 'local')?.status).toBe('pending-trust');
    expect(codes(config).filter((c) => c === 'trust-pending')).toHaveLength(1);
  });

  it('"safe" variables such as ANTHROPIC_MODEL still apply before trust', async () => {
    const config = await resolve({
      project: { env: { ANTHROPIC_MODEL: 'claude-x', API_TIMEOUT_MS: '900000', ANTHROPIC_DEFAULT_SONNET_MODEL: 'sonnet-y', ANTHROPIC_BASE_URL: 'https://gw' } },
      local: { env: { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8000', DISABLE_TELEMETRY: '1' } },
    });
    expect(config.env['ANTHROPIC_MODEL']).toMatchObject({ value: 'claude-x', source: { scope: 'project' } });
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('900000');
    expect(config.env['ANTHROPIC_DEFAULT_SONNET_MODEL']?.value).toBe('sonnet-y');
    expect(config.env['CLAUDE_CODE_MAX_OUTPUT_TOKENS']?.value).toBe('8000');
    expect(config.env['DISABLE_TELEMETRY']?.value).toBe('1');
    expect(config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(config.pendingTrust.map((v) => v.name)).toEqual(['ANTHROPIC_BASE_URL']);
    expect(config.settings['env']).toEqual({
      ANTHROPIC_MODEL: 'claude-x',
      API_TIMEOUT_MS: '900000',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'sonnet-y',
      CLAUDE_CODE_MAX_OUTPUT_TOKENS: '8000',
      DISABLE_TELEMETRY: '1',
    });
  });

  it('a project file with only safe (or refused) variables does not wait for trust: status loaded, nothing pending', async () => {
    const config = await resolve({ project: { env: { ANTHROPIC_MODEL: 'claude-x', CLAUDE_CODE_REMOTE: '1' } } });
    expect(config.sources.find((s) => s.scope === 'project')?.status).toBe('loaded');
    expect(config.pendingTrust).toEqual([]);
    expect(codes(config)).not.toContain('trust-pending');
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('claude-x');
  });

  it.each(['ANTHROPIC_CUSTOM_HEADERS', 'NODE_EXTRA_CA_CERTS', 'CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BEDROCK_BASE_URL'])(
    '%s is not a safe variable and waits for trust',
    async (name) => {
      const config = await resolve({ project: { env: { [name]: '1' } } });
      expect(config.env[name]).toBeUndefined();
      expect(config.pendingTrust.map((v) => v.name)).toEqual([name]);
    },
  );

  it('a withheld project value lets the user value apply and is listed as not applied', async () => {
    const config = await resolve({
      user: { env: { ANTHROPIC_BASE_URL: 'https://user-gw.example' } },
      project: { env: { ANTHROPIC_BASE_URL: 'https://project-gw.example' } },
    });
    const v = config.env['ANTHROPIC_BASE_URL'];
    expect(v?.value).toBe('https://user-gw.example');
    expect(v?.source.scope).toBe('user');
    expect(v?.overridden).toEqual([
      {
        value: 'https://project-gw.example',
        source: { scope: 'project', path: '/home/user/project/.claude/settings.json' },
        reason: expect.stringContaining('trust'),
      },
    ]);
  });

  it('user, --settings and managed env and apiKeyHelper apply without trust', async () => {
    const config = await resolve({
      user: { apiKeyHelper: '/usr/local/bin/user-helper', env: { ANTHROPIC_BASE_URL: 'https://user.example' } },
      settingsFlag: '{"env":{"HTTPS_PROXY":"http://cli-proxy:1"}}',
      managedFile: { env: { NODE_EXTRA_CA_CERTS: '/etc/ca.pem' } },
    });
    expect(config.trust.trusted).toBe(false);
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://user.example');
    expect(config.env['HTTPS_PROXY']?.value).toBe('http://cli-proxy:1');
    expect(config.env['NODE_EXTRA_CA_CERTS']?.value).toBe('/etc/ca.pem');
    expect(config.apiKeyHelper?.command).toBe('/usr/local/bin/user-helper');
    expect(config.pendingTrust).toEqual([]);
    expect(codes(config)).not.toContain('trust-pending');
  });

  it('a project apiKeyHelper waits for trust; the user helper applies meanwhile', async () => {
    const config = await resolve({ user: { apiKeyHelper: 'user-helper' }, project: { apiKeyHelper: 'project-helper' } });
    expect(config.apiKeyHelper).toMatchObject({ command: 'user-helper', source: { scope: 'user' } });
    expect(config.pendingTrust).toEqual([
      { kind: 'apiKeyHelper', name: 'apiKeyHelper', value: 'project-helper', source: { scope: 'project', path: '/home/user/project/.claude/settings.json' } },
    ]);
    expect(config.credential.kind).toBe('api-key-helper');
  });

  it('other project keys (not env, not apiKeyHelper) still apply before trust', async () => {
    const config = await resolve({ project: { model: 'claude-project', env: { ANTHROPIC_BASE_URL: 'https://gw' } } });
    expect(config.settings['model']).toBe('claude-project');
  });
});

describe('sessions that apply project env without the dialog', () => {
  it('non-interactive (-p / SDK) sessions apply project and local env and apiKeyHelper', async () => {
    const config = await resolve({ interactive: false, project: GATEWAY_PROJECT, local: HELPER_LOCAL });
    expect(config.trust).toMatchObject({ trusted: false, interactive: false });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://project-gw.example');
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.value).toBe('project-token');
    expect(config.env['HTTPS_PROXY']?.value).toBe('http://proxy.example:3128');
    expect(config.apiKeyHelper).toMatchObject({ command: '~/bin/get-key.sh', source: { scope: 'local' } });
    expect(config.credential).toMatchObject({ kind: 'auth-token', variable: 'ANTHROPIC_AUTH_TOKEN' });
    expect(config.pendingTrust).toEqual([]);
    expect(config.sources.find((s) => s.scope === 'project')?.status).toBe('loaded');
    expect(config.sources.find((s) => s.scope === 'local')?.status).toBe('loaded');
    expect(codes(config)).not.toContain('trust-pending');
  });

  it.each(PLATFORMS)('on %s trust is read from ~/.claude.json projects[<root>].hasTrustDialogAccepted', async (platform) => {
    const p = platform === 'win32' ? win32 : posix;
    const cwd = p.join(HOMES[platform], 'project');
    const config = await resolve({
      platform,
      project: GATEWAY_PROJECT,
      globalConfig: { projects: { [cwd]: { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust).toMatchObject({ trusted: true, interactive: true, key: cwd });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://project-gw.example');
    expect(config.pendingTrust).toEqual([]);
    expect(config.sources.find((s) => s.scope === 'global-config')).toMatchObject({ status: 'loaded', path: p.join(HOMES[platform], '.claude.json') });
  });

  it('on win32 the trust key matches regardless of case and slash direction', async () => {
    const config = await resolve({
      platform: 'win32',
      project: GATEWAY_PROJECT,
      globalConfig: { projects: { 'c:/users/USER/Project/': { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust.trusted).toBe(true);
  });

  it('on linux the trust key is case-sensitive', async () => {
    const config = await resolve({ project: GATEWAY_PROJECT, globalConfig: { projects: { '/home/user/Project': { hasTrustDialogAccepted: true } } } });
    expect(config.trust.trusted).toBe(false);
  });

  it('trust is keyed by the repository root when started in a subdirectory', async () => {
    const config = await resolve({
      cwd: '/home/user/repo/pkg',
      git: '/home/user/repo',
      project: GATEWAY_PROJECT,
      globalConfig: { projects: { '/home/user/repo': { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust).toMatchObject({ trusted: true, key: '/home/user/repo' });
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.value).toBe('project-token');
  });

  it('a trusted start directory below the repository root counts (vector interactive-trust-lookup-subdir-startdir-trusted)', async () => {
    const config = await resolve({
      cwd: '/home/user/repo/pkg',
      git: '/home/user/repo',
      project: GATEWAY_PROJECT,
      globalConfig: { projects: { '/home/user/repo/pkg': { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust).toMatchObject({ trusted: true, key: '/home/user/repo' });
  });

  it('a linked worktree is trusted through its main checkout', async () => {
    const config = await resolve({
      cwd: '/home/user/wt',
      project: GATEWAY_PROJECT,
      files: {
        '/home/user/main/.git/worktrees/wt/commondir': '../..',
        '/home/user/wt/.git': 'gitdir: /home/user/main/.git/worktrees/wt',
      },
      globalConfig: { projects: { '/home/user/main': { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust).toMatchObject({ trusted: true, key: '/home/user/main' });
  });

  it('a trusted parent directory trusts the workspace', async () => {
    const config = await resolve({
      cwd: '/home/user/work/app',
      project: GATEWAY_PROJECT,
      globalConfig: { projects: { '/home/user/work': { hasTrustDialogAccepted: true } } },
    });
    expect(config.trust.trusted).toBe(true);
    expect(config.trust.reason).toContain('/home/user/work');
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://project-gw.example');
  });

  it('in the home directory trust is read from ~/.claude.json like anywhere else (vectors interactive-trust-lookup-home-*)', async () => {
    const trusted = await resolve({
      cwd: '/home/user',
      local: { env: { ANTHROPIC_BASE_URL: 'https://local.example' } },
      globalConfig: { projects: { '/home/user': { hasTrustDialogAccepted: true } } },
    });
    expect(trusted.trust).toMatchObject({ trusted: true, key: '/home/user' });
    const untrusted = await resolve({ cwd: '/home/user', local: { env: { ANTHROPIC_BASE_URL: 'https://local.example' } } });
    expect(untrusted.trust).toMatchObject({ trusted: false, key: '/home/user' });
    expect(untrusted.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(untrusted.pendingTrust.map((v) => v.name)).toEqual(['ANTHROPIC_BASE_URL']);
  });

  it('hasTrustDialogAccepted must be exactly true', async () => {
    for (const value of ['true', 1, false, null]) {
      const config = await resolve({ project: GATEWAY_PROJECT, globalConfig: { projects: { '/home/user/project': { hasTrustDialogAccepted: value } } } });
      expect(config.trust.trusted, String(value)).toBe(false);
    }
  });

  it('the trusted option overrides ~/.claude.json both ways', async () => {
    const trustedFile = { projects: { '/home/user/project': { hasTrustDialogAccepted: true } } };
    const distrusted = await resolve({ trusted: false, project: GATEWAY_PROJECT, globalConfig: trustedFile });
    expect(distrusted.trust.trusted).toBe(false);
    expect(distrusted.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(distrusted.pendingTrust.length).toBeGreaterThan(0);
    const trusted = await resolve({ trusted: true, project: GATEWAY_PROJECT });
    expect(trusted.trust.trusted).toBe(true);
    expect(trusted.env['ANTHROPIC_BASE_URL']?.value).toBe('https://project-gw.example');
    expect(trusted.pendingTrust).toEqual([]);
  });

  it('trusted: true also applies in the home directory', async () => {
    const config = await resolve({ cwd: '/home/user', trusted: true, local: HELPER_LOCAL });
    expect(config.trust).toMatchObject({ trusted: true, key: '/home/user' });
    expect(config.apiKeyHelper?.command).toBe('~/bin/get-key.sh');
  });

  it('a ~/.claude.json that is not JSON yields global-config-invalid and no trust', async () => {
    const config = await resolve({ project: GATEWAY_PROJECT, globalConfig: '{ "projects": ' });
    expect(config.trust.trusted).toBe(false);
    const d = config.diagnostics.find((x) => x.code === 'global-config-invalid');
    expect(d).toMatchObject({ severity: 'warning', scope: 'global-config', path: '/home/user/.claude.json' });
  });
});
