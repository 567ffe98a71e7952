/**
 * `claude --bare`: apiKeyHelper is read only from --settings, CLAUDE_CODE_OAUTH_TOKEN is not read,
 * and a saved /login (OAuth, the keychain) is never used. Project env still applies.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, formatEffectiveConfig, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { runCli } from './helpers/cli-io';
import { makeRootLayout } from './helpers/cli-world';

function resolve(spec: LayoutSpec, bare: boolean): Promise<EffectiveConfig> {
  return resolveEffectiveConfig({ ...layout({ interactive: false, ...spec }), bare });
}

const USER_HELPER = { apiKeyHelper: '/home/user/bin/user-key', env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } };

describe('--bare and the credential', () => {
  it('a user-settings apiKeyHelper is used normally and ignored under --bare, with a warning naming the file', async () => {
    const normal = await resolve({ user: USER_HELPER }, false);
    expect(normal.credential.kind).toBe('api-key-helper');
    const bare = await resolve({ user: USER_HELPER }, true);
    expect(bare.credential.kind).toBe('none');
    expect(bare.apiKeyHelper).toBeUndefined();
    expect(bare.settings['apiKeyHelper']).toBeUndefined();
    const d = bare.diagnostics.filter((x) => x.code === 'bare-mode-ignored');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ scope: 'user', path: '/home/user/.claude/settings.json' });
    // Everything else still applies.
    expect(bare.baseUrl?.value).toBe('https://gw.example.com');
  });

  it('the helper given in --settings is used under --bare, even when managed settings name another', async () => {
    const c = await resolve(
      { user: USER_HELPER, managedFile: { apiKeyHelper: '/opt/managed-key' }, settingsFlag: JSON.stringify({ apiKeyHelper: '/ci/flag-key' }) },
      true,
    );
    expect(c.credential.kind).toBe('api-key-helper');
    expect(c.apiKeyHelper?.command).toBe('/ci/flag-key');
    expect(c.apiKeyHelper?.source.scope).toBe('cli');
    expect(c.keys['apiKeyHelper']?.contributors.map((x) => x.source.scope)).toEqual(['cli']);
    expect(
      c.diagnostics
        .filter((x) => x.code === 'bare-mode-ignored')
        .map((x) => x.scope)
        .sort(),
    ).toEqual(['managed', 'user']);
    // Without --bare the managed helper wins (managed > --settings).
    const normal = await resolve(
      { user: USER_HELPER, managedFile: { apiKeyHelper: '/opt/managed-key' }, settingsFlag: JSON.stringify({ apiKeyHelper: '/ci/flag-key' }) },
      false,
    );
    expect(normal.apiKeyHelper?.command).toBe('/opt/managed-key');
  });

  it('CLAUDE_CODE_OAUTH_TOKEN is not read under --bare; ANTHROPIC_API_KEY still is', async () => {
    const env = { CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-abcdefghijklmnop' };
    expect((await resolve({ env }, false)).credential.kind).toBe('oauth-token');
    const bare = await resolve({ env }, true);
    expect(bare.credential.kind).toBe('none');
    expect(bare.diagnostics.filter((d) => d.code === 'bare-mode-ignored').map((d) => d.args)).toEqual([{ ignored: 'CLAUDE_CODE_OAUTH_TOKEN', scope: 'shell' }]);
    const withKey = await resolve({ env: { ...env, ANTHROPIC_API_KEY: 'sk-ant-api03-xyz' } }, true);
    expect(withKey.credential.kind).toBe('api-key');
    expect(withKey.credential.outranked).toEqual([]);
  });

  it('a saved /login is never used under --bare', async () => {
    const spec: LayoutSpec = { files: { '/home/user/.claude/.credentials.json': '{}' } };
    expect((await resolve(spec, false)).credential.kind).toBe('login');
    expect((await resolve(spec, true)).credential.kind).toBe('none');
  });

  it("the result says it is a --bare session, and the doctor's no-credential fix points at --settings", async () => {
    const bare = await resolve({ user: USER_HELPER }, true);
    expect(bare.bare).toBe(true);
    expect((await resolve({ user: USER_HELPER }, false)).bare).toBeUndefined();
    const fix = diagnose(bare).find((d) => d.code === 'doctor-no-credential')?.fix;
    expect(fix).toContain('--settings');
    expect(formatEffectiveConfig(bare).split('\n')[0]).toContain('--bare');
  });

  it('bare must be a boolean (misuse throws INVALID_OPTIONS)', async () => {
    await expect(resolveEffectiveConfig({ ...layout({}), bare: 'yes' as unknown as boolean })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('ANTHROPIC_AUTH_TOKEN (a gateway bearer token, not OAuth) is still read under --bare', async () => {
    const c = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: 'gw-token-123456', CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-abc' } }, true);
    expect(c.credential.kind).toBe('auth-token');
    expect(c.credential.outranked).toEqual([]);
  });

  it('project env still applies under --bare (non-interactive)', async () => {
    const c = await resolve({ project: { env: { ANTHROPIC_BASE_URL: 'https://project-gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok-123456' } } }, true);
    expect(c.baseUrl?.value).toBe('https://project-gw.example.com');
    expect(c.credential.kind).toBe('auth-token');
  });
});

describe('claude-gateway --bare', () => {
  it('status --json --bare reports no credential where plain status reports the user helper', async () => {
    const l = makeRootLayout({ '/home/u/.claude/settings.json': USER_HELPER });
    try {
      const plain = await runCli(['status', '--json', ...l.where]);
      expect(plain.code).toBe(0);
      expect((JSON.parse(plain.stdout) as EffectiveConfig).credential.kind).toBe('api-key-helper');
      const bare = await runCli(['status', '--json', '--bare', ...l.where]);
      expect(bare.code).toBe(0);
      const c = JSON.parse(bare.stdout) as EffectiveConfig;
      expect(c.credential.kind).toBe('none');
      expect(c.diagnostics.map((d) => d.code)).toContain('bare-mode-ignored');
    } finally {
      l.cleanup();
    }
  });
});
