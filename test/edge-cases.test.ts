import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

const resolve = (spec: LayoutSpec) => resolveEffectiveConfig(layout(spec));
const codes = (c: { diagnostics: { code: string }[] }) => c.diagnostics.map((d) => d.code);

describe('edge cases found in review', () => {
  it('an invalid managed availableModels fails closed to an empty allowlist', async () => {
    const config = await resolve({ managedFile: { availableModels: 'sonnet' }, user: { availableModels: ['haiku'] } });
    expect(config.settings['availableModels']).toEqual([]);
    expect(codes(config)).toContain('managed-invalid-entry');
  });

  it('an invalid availableModels in a user file is skipped, not closed', async () => {
    const config = await resolve({ user: { availableModels: 'sonnet' } });
    expect(config.settings['availableModels']).toBeUndefined();
    expect(codes(config)).toContain('settings-invalid-entry');
  });

  it('project env waiting for trust does not stop the server-managed fetch', async () => {
    const config = await resolve({
      interactive: true,
      trusted: false,
      project: { env: { ANTHROPIC_BASE_URL: 'https://gw.example' } },
      managed: { remote: { model: 'r' } },
    });
    expect(config.managedOrigin).toBe('remote');
    expect(config.pendingTrust.map((p) => p.name)).toEqual(['ANTHROPIC_BASE_URL']);
  });

  it('an apiKeyHelper outranks CLAUDE_CODE_OAUTH_TOKEN, so the server-managed fetch is skipped', async () => {
    const config = await resolve({
      user: { apiKeyHelper: '/bin/key' },
      env: { CLAUDE_CODE_OAUTH_TOKEN: 'oauth' },
      managed: { remote: { model: 'r' } },
    });
    expect(config.managedOrigin).toBeUndefined();
    expect(codes(config)).toContain('managed-remote-skipped');
    expect(config.credential.kind).toBe('api-key-helper');
  });

  it('a directly configured ANTHROPIC_API_KEY beside the helper keeps the fetch', async () => {
    const config = await resolve({
      user: { apiKeyHelper: '/bin/key' },
      env: { ANTHROPIC_API_KEY: 'k' },
      managed: { remote: { model: 'r' } },
      interactive: false,
    });
    expect(config.managedOrigin).toBe('remote');
  });

  it('a managed key names the drop-in that set it last', async () => {
    const config = await resolve({
      managedFile: { apiKeyHelper: '/from/file' },
      dropIns: { '10-a.json': { apiKeyHelper: '/from/dropin' }, '20-b.json': { model: 'm' } },
    });
    expect(config.apiKeyHelper?.source).toEqual({ scope: 'managed', origin: 'drop-in', path: '/etc/claude-code/managed-settings.d/10-a.json' });
    expect(config.keys['model']?.source.path).toBe('/etc/claude-code/managed-settings.d/20-b.json');
  });

  it('unrecognised words in other boolean switches are reported too', async () => {
    const config = await resolve({ user: { env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: 'enabled', ANTHROPIC_BASE_URL: 'https://gw.example' } } });
    expect(config.diagnostics.filter((d) => d.code === 'env-invalid-boolean').map((d) => [d.path, d.args])).toEqual([
      ['/home/user/.claude/settings.json', { variable: 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY', value: 'enabled' }],
    ]);
    expect(config.modelDiscovery.reason).toBe('not-opted-in');
  });

  it('a base URL that is not an http(s) URL cannot be queried for models', async () => {
    const config = await resolve({ user: { env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1', ANTHROPIC_BASE_URL: 'llm-gateway.example.com' } } });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'invalid-base-url' });
  });

  it('the header-value check applies to credentials sent as headers, not to a profile name', async () => {
    const config = await resolve({ env: { ANTHROPIC_PROFILE: 'caf\u00e9\u4e16' } });
    expect(config.credential.kind).toBe('profile');
    expect(codes(config)).not.toContain('credential-invalid-header-value');
    const token = await resolve({ env: { CLAUDE_CODE_OAUTH_TOKEN: 'a\u4e16b' } });
    expect(codes(token)).toContain('credential-invalid-header-value');
  });
});

describe('starting in the home directory', () => {
  it('~/.claude/settings.json is read once, as user settings, not again as project settings', async () => {
    const config = await resolveEffectiveConfig(
      layout({ cwd: '/home/user', interactive: true, user: { env: { ANTHROPIC_BASE_URL: 'https://gw' }, apiKeyHelper: '/bin/helper' } }),
    );
    expect(config.sources.find((s) => s.scope === 'project')).toMatchObject({ status: 'ignored', path: '/home/user/.claude/settings.json' });
    expect(config.env['ANTHROPIC_BASE_URL']?.source.scope).toBe('user');
    expect(config.pendingTrust).toEqual([]);
    expect(config.diagnostics.map((d) => d.code)).not.toContain('trust-pending');
    expect(config.credential.kind).toBe('api-key-helper');
  });
});

describe('names that Object.prototype also has', () => {
  it('env variables and keys named toString, valueOf or hasOwnProperty resolve like any other', async () => {
    const config = await resolveEffectiveConfig(
      layout({ user: { env: { toString: 'x', hasOwnProperty: 'z', valueOf: '1' }, toString: { a: 1 } }, env: { valueOf: 'shell' } }),
    );
    expect(config.env['toString']?.value).toBe('x');
    expect(config.env['valueOf']).toMatchObject({ value: '1', source: { scope: 'user' } });
    expect(config.settings['toString']).toEqual({ a: 1 });
  });

  it('explain does not find Object.prototype members', async () => {
    const { explain } = await import('../src/index');
    const config = await resolveEffectiveConfig(layout({}));
    expect(explain(config, 'toString').kind).toBe('unknown');
    expect(explain(config, 'constructor').kind).toBe('unknown');
  });
});

describe('merging never changes what it merges', () => {
  it('each source keeps its own lists and objects after levels merge', async () => {
    const config = await resolveEffectiveConfig(
      layout({
        user: { permissions: { allow: ['a'], deny: ['x'] }, sandbox: { network: { allowedDomains: ['u.example'] } } },
        project: { permissions: { allow: ['b'] }, sandbox: { network: { allowedDomains: ['p.example'] } } },
        trusted: true,
      }),
    );
    expect(config.settings['permissions']).toEqual({ allow: ['a', 'b'], deny: ['x'] });
    expect(config.settings['sandbox']).toEqual({ network: { allowedDomains: ['u.example', 'p.example'] } });
    const user = config.sources.find((s) => s.scope === 'user')?.settings;
    const project = config.sources.find((s) => s.scope === 'project')?.settings;
    expect(user?.['permissions']).toEqual({ allow: ['a'], deny: ['x'] });
    expect(project?.['sandbox']).toEqual({ network: { allowedDomains: ['p.example'] } });
    expect(user?.['sandbox']).toEqual({ network: { allowedDomains: ['u.example'] } });
  });

  it('a key spelled with a JSON escape is still recognised as unsafe', async () => {
    const config = await resolveEffectiveConfig(layout({ user: '{"env": {"A": "1"}, "\\u005f_proto__": {"polluted": true}}' }));
    expect(config.diagnostics.map((d) => d.code)).toContain('settings-unsafe-key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(config.env['A']?.value).toBe('1');
  });
});

describe('writing a managed file while other managed policy wins', () => {
  it('a write to the managed file warns when plist policy is in use on this machine', async () => {
    const { shadowWarnings } = await import('../src/core/write-plan');
    const config = await resolveEffectiveConfig(layout({ platform: 'darwin', managed: { plist: { model: 'p' } } }));
    const w = shadowWarnings(config, 'managed-drop-in', [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://gw' }]);
    expect(w.map((d) => d.code)).toEqual(['write-shadowed']);
    const none = await resolveEffectiveConfig(layout({ platform: 'darwin', managedFile: { model: 'f' } }));
    expect(shadowWarnings(none, 'managed', [{ op: 'set', path: ['model'], value: 'x' }])).toEqual([]);
  });
});
