/**
 * Which credential Claude Code sends, in which headers, and what blocks it.
 */
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type Credential, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { credentialHeaders, discoveryCredentialHeaders } from '../src/core/credential-headers';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

function kinds(c: Credential): string[] {
  return [c.kind, ...c.outranked.map((o) => o.kind)];
}

const TOKEN = 'gw-token-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const KEY = 'sk-ant-api03-0123456789abcdefghijklmnop';
const KEY_TAIL = KEY.slice(-20);
const LOGIN_FILE = { '~/.claude/.credentials.json': '{"claudeAiOauth":{}}' };

const EVERYTHING: Record<string, string> = {
  ANTHROPIC_AUTH_TOKEN: TOKEN,
  ANTHROPIC_API_KEY: KEY,
  CLAUDE_CODE_OAUTH_TOKEN: 'oauth-long-lived',
  ANTHROPIC_PROFILE: 'work',
};

describe('first-party precedence', () => {
  it('ANTHROPIC_AUTH_TOKEN is the primary; ANTHROPIC_API_KEY is sent beside it, the rest in no header (vector cred-helper-token-key)', async () => {
    const config = await resolve({ interactive: false, env: EVERYTHING, user: { apiKeyHelper: '/bin/helper' }, files: LOGIN_FILE });
    expect(kinds(config.credential)).toEqual(['auth-token', 'api-key-helper', 'oauth-token', 'profile', 'login']);
    expect(config.credential).toMatchObject({ kind: 'auth-token', variable: 'ANTHROPIC_AUTH_TOKEN', source: { scope: 'shell' }, headers: ['authorization'] });
    expect(config.credential.outranked).toEqual([
      { kind: 'api-key-helper', variable: 'apiKeyHelper', source: { scope: 'user', path: '/home/user/.claude/settings.json' } },
      { kind: 'oauth-token', variable: 'CLAUDE_CODE_OAUTH_TOKEN', source: { scope: 'shell' } },
      { kind: 'profile', variable: 'ANTHROPIC_PROFILE', source: { scope: 'shell' } },
      { kind: 'login' },
    ]);
    const helper = { kind: 'api-key-helper', variable: 'apiKeyHelper', source: { scope: 'user', path: '/home/user/.claude/settings.json' } };
    expect(config.credentialHeaders).toEqual([
      {
        header: 'authorization',
        kind: 'auth-token',
        variable: 'ANTHROPIC_AUTH_TOKEN',
        source: { scope: 'shell' },
        outranked: [
          helper,
          { kind: 'oauth-token', variable: 'CLAUDE_CODE_OAUTH_TOKEN', source: { scope: 'shell' } },
          { kind: 'profile', variable: 'ANTHROPIC_PROFILE', source: { scope: 'shell' } },
          { kind: 'login' },
        ],
      },
      { header: 'x-api-key', kind: 'api-key', variable: 'ANTHROPIC_API_KEY', source: { scope: 'shell' }, outranked: [helper] },
    ]);
  });

  const ladder: [string, string[], string[]][] = [
    ['ANTHROPIC_API_KEY', ['ANTHROPIC_AUTH_TOKEN'], ['x-api-key']],
    ['apiKeyHelper', ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'], ['authorization', 'x-api-key']],
    ['CLAUDE_CODE_OAUTH_TOKEN', ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'helper'], ['authorization']],
    ['ANTHROPIC_PROFILE', ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'helper', 'CLAUDE_CODE_OAUTH_TOKEN'], ['authorization']],
  ];
  it.each(ladder)('%s is next once the higher ones are gone, sent in %j', async (winner, removed, headers) => {
    const env = Object.fromEntries(Object.entries(EVERYTHING).filter(([k]) => !removed.includes(k)));
    const config = await resolve({
      interactive: false,
      env,
      ...(removed.includes('helper') ? {} : { user: { apiKeyHelper: '/bin/helper' } }),
      files: LOGIN_FILE,
    });
    expect(config.credential.variable).toBe(winner);
    expect(config.credential.headers).toEqual(headers);
    expect(config.credential.outranked.at(-1)).toEqual({ kind: 'login' });
  });

  it('ANTHROPIC_AUTH_TOKEN is sent in authorization only', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN } });
    expect(config.credential).toEqual({
      kind: 'auth-token',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      source: { scope: 'shell' },
      headers: ['authorization'],
      outranked: [],
    });
  });

  it('ANTHROPIC_API_KEY is sent in x-api-key only', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY } });
    expect(config.credential).toEqual({ kind: 'api-key', variable: 'ANTHROPIC_API_KEY', source: { scope: 'shell' }, headers: ['x-api-key'], outranked: [] });
  });

  it('apiKeyHelper is sent in both authorization and x-api-key', async () => {
    const config = await resolve({ managedFile: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } });
    expect(config.credential).toMatchObject({ kind: 'api-key-helper', headers: ['authorization', 'x-api-key'] });
    expect(config.credential.source).toMatchObject({ scope: 'managed', origin: 'file' });
    expect(config.apiKeyHelper).toMatchObject({ command: '/usr/local/bin/get-gateway-key', source: { scope: 'managed', origin: 'file' }, ttlMs: 300000 });
  });

  it("the highest level's apiKeyHelper is the one used", async () => {
    const config = await resolve({
      trusted: true,
      user: { apiKeyHelper: 'user-helper' },
      project: { apiKeyHelper: 'project-helper' },
      settingsFlag: '{"apiKeyHelper":"cli-helper"}',
    });
    expect(config.apiKeyHelper).toMatchObject({ command: 'cli-helper', source: { scope: 'cli' } });
  });

  it('a credential from a settings file counts like one from the shell', async () => {
    const config = await resolve({ interactive: false, user: { env: { ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    expect(config.credential).toMatchObject({ kind: 'auth-token', source: { scope: 'user', path: '/home/user/.claude/settings.json' } });
  });

  it('profile credentials: ANTHROPIC_FEDERATION_RULE_ID needs ANTHROPIC_ORGANIZATION_ID', async () => {
    const both = await resolve({ env: { ANTHROPIC_FEDERATION_RULE_ID: 'rule', ANTHROPIC_ORGANIZATION_ID: 'org' } });
    expect(both.credential).toMatchObject({ kind: 'profile', headers: ['authorization'] });
    const one = await resolve({ env: { ANTHROPIC_FEDERATION_RULE_ID: 'rule' } });
    expect(one.credential.kind).toBe('none');
  });

  it.each(['linux', 'win32'] as const)('on %s a saved /login is ~/.claude/.credentials.json', async (platform) => {
    const config = await resolve({ platform, files: LOGIN_FILE });
    expect(config.credential).toEqual({ kind: 'login', headers: ['authorization'], outranked: [] });
  });

  it('on darwin the login lives in the Keychain: a .credentials.json file does not count, oauthAccount does', async () => {
    const file = await resolve({ platform: 'darwin', files: LOGIN_FILE });
    expect(file.credential.kind).toBe('none');
    const account = await resolve({ platform: 'darwin', globalConfig: { oauthAccount: { emailAddress: 'a@b.c' } } });
    expect(account.credential.kind).toBe('login');
  });

  it('a gateway variable overrides a saved login, which stays outranked', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: 'https://gw.example' }, files: LOGIN_FILE });
    expect(config.credential.kind).toBe('auth-token');
    expect(config.credential.outranked).toEqual([{ kind: 'login' }]);
  });

  it('only ANTHROPIC_BASE_URL set keeps the login as the credential', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example' }, files: LOGIN_FILE });
    expect(config.credential.kind).toBe('login');
  });

  it('nothing set => kind none, no headers', async () => {
    const config = await resolve({});
    expect(config.credential).toEqual({ kind: 'none', headers: [], outranked: [] });
  });
});

describe('interactive ANTHROPIC_API_KEY approval (customApiKeyResponses, last 20 characters)', () => {
  it('an approved key is used (approval approved)', async () => {
    const config = await resolve({ env: { ANTHROPIC_API_KEY: KEY }, globalConfig: { customApiKeyResponses: { approved: [KEY_TAIL], rejected: [] } } });
    expect(config.credential).toMatchObject({ kind: 'api-key', approval: 'approved' });
    expect(codes(config)).not.toContain('credential-api-key-needs-approval');
  });

  it('approval needs the last 20 characters, not the whole key or another slice', async () => {
    for (const entry of [KEY, KEY.slice(0, 20), KEY.slice(-19)]) {
      const config = await resolve({ env: { ANTHROPIC_API_KEY: KEY }, globalConfig: { customApiKeyResponses: { approved: [entry] } } });
      expect(config.credential, entry).toMatchObject({ kind: 'api-key', approval: 'pending' });
    }
  });

  it('an unanswered key is pending (credential-api-key-needs-approval)', async () => {
    const config = await resolve({ env: { ANTHROPIC_API_KEY: KEY } });
    expect(config.credential).toMatchObject({ kind: 'api-key', approval: 'pending' });
    expect(codes(config)).toContain('credential-api-key-needs-approval');
  });

  it('a rejected key is ignored (credential-api-key-rejected) and the next credential is used', async () => {
    const config = await resolve({
      env: { ANTHROPIC_API_KEY: KEY },
      user: { apiKeyHelper: '/bin/helper' },
      files: LOGIN_FILE,
      globalConfig: { customApiKeyResponses: { approved: [], rejected: [KEY_TAIL] } },
    });
    expect(config.credential.kind).toBe('api-key-helper');
    expect(config.credential.outranked).toEqual([{ kind: 'login' }]);
    expect(codes(config)).toContain('credential-api-key-rejected');
  });

  it('a rejected key with nothing else leaves no credential', async () => {
    const config = await resolve({ env: { ANTHROPIC_API_KEY: KEY }, globalConfig: { customApiKeyResponses: { rejected: [KEY_TAIL] } } });
    expect(config.credential.kind).toBe('none');
  });

  it('-p (non-interactive) always uses the key: no approval state, rejection ignored', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, globalConfig: { customApiKeyResponses: { rejected: [KEY_TAIL] } } });
    expect(config.credential.kind).toBe('api-key');
    expect(config.credential).not.toHaveProperty('approval');
    expect(codes(config)).not.toContain('credential-api-key-rejected');
  });

  it('ANTHROPIC_AUTH_TOKEN needs no approval', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN } });
    expect(config.credential).not.toHaveProperty('approval');
    expect(codes(config)).not.toContain('credential-api-key-needs-approval');
  });
});

describe('provider sessions', () => {
  it('Foundry: ANTHROPIC_FOUNDRY_AUTH_TOKEN beats ANTHROPIC_FOUNDRY_API_KEY from 2.1.203', async () => {
    const env = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_AUTH_TOKEN: 'f-token', ANTHROPIC_FOUNDRY_API_KEY: 'f-key' };
    const current = await resolve({ claudeCodeVersion: '2.1.203', env });
    expect(current.credential).toEqual({
      kind: 'provider',
      variable: 'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
      source: { scope: 'shell' },
      headers: ['authorization'],
      mechanism: 'foundry-auth-token',
      outranked: [],
    });
    const old = await resolve({ claudeCodeVersion: '2.1.202', env });
    expect(old.credential).toMatchObject({ kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_API_KEY', headers: ['x-api-key'], mechanism: 'foundry-api-key' });
  });

  it('Foundry: before 2.1.203 the auth token alone is not read (Azure default chain)', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.202', env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_AUTH_TOKEN: 'f-token' } });
    expect(config.credential).toMatchObject({ kind: 'provider', mechanism: 'azure-default-chain', headers: ['authorization'] });
  });

  it('Foundry: the API key is sent in x-api-key and CLAUDE_CODE_SKIP_FOUNDRY_AUTH is ignored beside it', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: 'f-key', CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' } });
    expect(config.credential).toMatchObject({ kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_API_KEY', headers: ['x-api-key'], mechanism: 'foundry-api-key' });
  });

  it('Foundry: skip-auth alone sends no credential; nothing set uses the Azure default chain', async () => {
    const skipped = await resolve({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' } });
    expect(skipped.credential).toEqual({ kind: 'provider', headers: [], mechanism: 'skipped', outranked: [] });
    const chain = await resolve({ env: { CLAUDE_CODE_USE_FOUNDRY: '1' } });
    expect(chain.credential).toEqual({ kind: 'provider', headers: ['authorization'], mechanism: 'azure-default-chain', outranked: [] });
  });

  it('Foundry: before 2.1.203 skip-auth without an API key is unusable (an error); from 2.1.203 it works alone', async () => {
    const env = { CLAUDE_CODE_USE_FOUNDRY: '1', CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' };
    const old = await resolve({ claudeCodeVersion: '2.1.202', env });
    expect(old.diagnostics.filter((d) => d.code === 'provider-unsupported-version')).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('ANTHROPIC_FOUNDRY_API_KEY') }),
    ]);
    const current = await resolve({ claudeCodeVersion: '2.1.203', env });
    expect(current.diagnostics.some((d) => d.code === 'provider-unsupported-version')).toBe(false);
    // With the key, the switch is ignored at every version: no error.
    const keyed = await resolve({ claudeCodeVersion: '2.1.202', env: { ...env, ANTHROPIC_FOUNDRY_API_KEY: 'f-key' } });
    expect(keyed.credential).toMatchObject({ kind: 'provider', mechanism: 'foundry-api-key' });
    expect(keyed.diagnostics.some((d) => d.code === 'provider-unsupported-version')).toBe(false);
  });

  it('Claude Platform on AWS: ANTHROPIC_AWS_API_KEY is sent in x-api-key and beats SigV4', async () => {
    const keyed = await resolve({ env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_API_KEY: 'aws-key' } });
    expect(keyed.credential).toMatchObject({ kind: 'provider', variable: 'ANTHROPIC_AWS_API_KEY', headers: ['x-api-key'], mechanism: 'aws-api-key' });
    const sigv4 = await resolve({ env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' } });
    expect(sigv4.credential).toMatchObject({ kind: 'provider', mechanism: 'sigv4', headers: ['authorization'] });
  });

  /** Each credential header as `header=variable` (the helper shows as apiKeyHelper). */
  const sent = (config: EffectiveConfig): string[] => config.credentialHeaders.map((h) => `${h.header}=${h.variable ?? h.mechanism ?? h.kind}`);

  it('Claude Platform on AWS through a gateway: the bearer (ANTHROPIC_AUTH_TOKEN, else the helper) goes in both headers; ANTHROPIC_API_KEY never (vectors provider-anthropic-aws-plain-credentials, -helper, -helper-and-token, -api-key-only)', async () => {
    const env = { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH: '1' };
    const both = await resolve({ interactive: false, env: { ...env, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } });
    expect(both.credential).toMatchObject({
      kind: 'provider',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      headers: ['authorization', 'x-api-key'],
      mechanism: 'gateway-token',
    });
    expect(sent(both)).toEqual(['authorization=ANTHROPIC_AUTH_TOKEN', 'x-api-key=ANTHROPIC_AUTH_TOKEN']);
    expect(both.credential.outranked).toEqual([{ kind: 'api-key', variable: 'ANTHROPIC_API_KEY', source: { scope: 'shell' } }]);
    const helper = await resolve({ interactive: false, env: { ...env, ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { apiKeyHelper: '/bin/h' } });
    expect(sent(helper)).toEqual(['authorization=ANTHROPIC_AUTH_TOKEN', 'x-api-key=ANTHROPIC_AUTH_TOKEN']);
    const helperOnly = await resolve({ interactive: false, env, user: { apiKeyHelper: '/bin/h' } });
    expect(sent(helperOnly)).toEqual(['authorization=apiKeyHelper', 'x-api-key=apiKeyHelper']);
    expect(helperOnly.credential).toMatchObject({ kind: 'provider', mechanism: 'gateway-helper' });
    const keyOnly = await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY } });
    expect(sent(keyOnly)).toEqual([]);
    // Its own workspace key is sent alone (vector provider-anthropic-aws-key-and-token).
    const own = await resolve({
      interactive: false,
      env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_API_KEY: 'aws-key', ANTHROPIC_AUTH_TOKEN: TOKEN },
    });
    expect(sent(own)).toEqual(['x-api-key=ANTHROPIC_AWS_API_KEY']);
  });

  it('Bedrock through a gateway: the bearer is ANTHROPIC_AUTH_TOKEN, else the helper; ANTHROPIC_API_KEY goes as x-api-key only beside a bearer (vectors provider-bedrock-api-key, -helper, -helper-and-key, -api-key-only)', async () => {
    const env = { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' };
    const both = await resolve({ interactive: false, env: { ...env, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } });
    expect(both.credential).toMatchObject({
      kind: 'provider',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      source: { scope: 'shell' },
      headers: ['authorization', 'x-api-key'],
      mechanism: 'gateway-token',
      outranked: [],
    });
    expect(sent(both)).toEqual(['authorization=ANTHROPIC_AUTH_TOKEN', 'x-api-key=ANTHROPIC_API_KEY']);
    expect(sent(await resolve({ interactive: false, env, user: { apiKeyHelper: '/bin/h' } }))).toEqual(['authorization=apiKeyHelper']);
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY }, user: { apiKeyHelper: '/bin/h' } }))).toEqual([
      'authorization=apiKeyHelper',
      'x-api-key=ANTHROPIC_API_KEY',
    ]);
    const keyOnly = await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY } });
    expect(sent(keyOnly)).toEqual([]);
    expect(keyOnly.credential).toMatchObject({ mechanism: 'skipped', outranked: [{ kind: 'api-key', variable: 'ANTHROPIC_API_KEY' }] });
    // The Bedrock API key alone, the plain credentials ignored (vector provider-bedrock-bearer-and-plain).
    const bearer = await resolve({
      interactive: false,
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: 'b', ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY },
    });
    expect(sent(bearer)).toEqual(['authorization=AWS_BEARER_TOKEN_BEDROCK']);
  });

  it('Vertex through a gateway: the bearer is ANTHROPIC_AUTH_TOKEN, else the helper; ANTHROPIC_API_KEY always goes as x-api-key (vectors provider-vertex-api-key, -plain-token, -helper, -helper-and-key)', async () => {
    const env = { CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_SKIP_VERTEX_AUTH: '1' };
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY } }))).toEqual(['x-api-key=ANTHROPIC_API_KEY']);
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_AUTH_TOKEN: TOKEN } }))).toEqual(['authorization=ANTHROPIC_AUTH_TOKEN']);
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY }, user: { apiKeyHelper: '/bin/h' } }))).toEqual([
      'authorization=apiKeyHelper',
      'x-api-key=ANTHROPIC_API_KEY',
    ]);
  });

  it('Mantle through a gateway: only the bearer, never ANTHROPIC_API_KEY (vectors provider-mantle-plain-credentials, -helper, -api-key-only)', async () => {
    const env = { CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_SKIP_MANTLE_AUTH: '1' };
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } }))).toEqual([
      'authorization=ANTHROPIC_AUTH_TOKEN',
    ]);
    expect(sent(await resolve({ interactive: false, env, user: { apiKeyHelper: '/bin/h' } }))).toEqual(['authorization=apiKeyHelper']);
    expect(sent(await resolve({ interactive: false, env: { ...env, ANTHROPIC_API_KEY: KEY } }))).toEqual([]);
  });

  it('Foundry: the bearer beside ANTHROPIC_FOUNDRY_API_KEY until 2.1.252, not from 2.1.257; with auth skipped the bearer in every version (vectors provider-foundry-key-and-plain-credentials, -key-and-helper, -skip-auth-plain-credentials, -skip-auth-helper)', async () => {
    const keyed = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: 'f-key', ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY };
    expect(sent(await resolve({ interactive: false, claudeCodeVersion: '2.1.252', env: keyed }))).toEqual([
      'authorization=ANTHROPIC_AUTH_TOKEN',
      'x-api-key=ANTHROPIC_FOUNDRY_API_KEY',
    ]);
    expect(sent(await resolve({ interactive: false, claudeCodeVersion: '2.1.257', env: keyed }))).toEqual(['x-api-key=ANTHROPIC_FOUNDRY_API_KEY']);
    const helper = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: 'f-key' };
    expect(sent(await resolve({ interactive: false, claudeCodeVersion: '2.1.236', env: helper, user: { apiKeyHelper: '/bin/h' } }))).toEqual([
      'authorization=apiKeyHelper',
      'x-api-key=ANTHROPIC_FOUNDRY_API_KEY',
    ]);
    const skip = { CLAUDE_CODE_USE_FOUNDRY: '1', CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' };
    for (const v of ['2.1.236', '2.1.332']) {
      expect(sent(await resolve({ interactive: false, claudeCodeVersion: v, env: { ...skip, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } }))).toEqual([
        'authorization=ANTHROPIC_AUTH_TOKEN',
      ]);
      expect(sent(await resolve({ interactive: false, claudeCodeVersion: v, env: skip, user: { apiKeyHelper: '/bin/h' } }))).toEqual([
        'authorization=apiKeyHelper',
      ]);
    }
    // ANTHROPIC_FOUNDRY_AUTH_TOKEN alone (vector provider-foundry-auth-token-and-plain).
    expect(sent(await resolve({ interactive: false, env: { ...keyed, ANTHROPIC_FOUNDRY_AUTH_TOKEN: 'f-tok' } }))).toEqual([
      'authorization=ANTHROPIC_FOUNDRY_AUTH_TOKEN',
    ]);
  });

  it.each([
    ['Bedrock', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_SKIP_BEDROCK_AUTH', 'sigv4'],
    ['Vertex', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_SKIP_VERTEX_AUTH', 'google-adc'],
    ['Mantle', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_SKIP_MANTLE_AUTH', 'sigv4'],
  ])(
    '%s: skip-auth alone sends nothing; without skip-auth the provider chain signs and the plain credentials are not sent',
    async (_name, use, skip, chain) => {
      const skipped = await resolve({ env: { [use]: '1', [skip]: 'true' } });
      expect(skipped.credential).toMatchObject({ kind: 'provider', headers: [], mechanism: 'skipped' });
      expect(skipped.credentialHeaders).toEqual([]);
      const native = await resolve({ interactive: false, env: { [use]: '1', ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } });
      expect(native.credential).toMatchObject({ kind: 'provider', headers: ['authorization'], mechanism: chain });
      expect(sent(native)).toEqual([`authorization=${chain}`]);
      expect(native.credential.outranked.map((o) => o.variable)).toEqual(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']);
    },
  );

  it('Bedrock: AWS_BEARER_TOKEN_BEDROCK is the Bedrock API key', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key' } });
    expect(config.credential).toMatchObject({ kind: 'provider', variable: 'AWS_BEARER_TOKEN_BEDROCK', mechanism: 'bedrock-api-key' });
  });

  it('provider sessions never use the saved login; a helper is sent only through a gateway (auth skipped)', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_VERTEX: '1' }, user: { apiKeyHelper: '/bin/h' }, files: LOGIN_FILE });
    expect(config.credential).toMatchObject({ kind: 'provider', mechanism: 'google-adc' });
    expect(config.credential.outranked).toEqual([{ kind: 'api-key-helper', variable: 'apiKeyHelper', source: expect.objectContaining({ scope: 'user' }) }]);
    expect(config.credentialHeaders.map((h) => h.kind)).toEqual(['provider']);
  });
});

describe('managed forceLoginMethod / forceLoginOrgUUID', () => {
  it.each([
    ['ANTHROPIC_AUTH_TOKEN', { env: { ANTHROPIC_AUTH_TOKEN: TOKEN } }, 'auth-token'],
    ['ANTHROPIC_API_KEY', { env: { ANTHROPIC_API_KEY: KEY } }, 'api-key'],
    ['apiKeyHelper', { user: { apiKeyHelper: '/bin/helper' } }, 'api-key-helper'],
  ] as const)('managed forceLoginMethod blocks %s from 2.1.146 (managed-requires-first-party-login)', async (_name, spec, kind) => {
    const blocked = await resolve({ interactive: false, ...spec, managedFile: { forceLoginMethod: 'claudeai' } });
    expect(blocked.credential.kind).toBe(kind);
    expect(blocked.credential.blocked).toEqual({ key: 'forceLoginMethod', reason: expect.any(String) });
    expect(blocked.diagnostics.find((d) => d.code === 'managed-requires-first-party-login')).toMatchObject({ severity: 'error', scope: 'managed' });
    const old = await resolve({ interactive: false, ...spec, managedFile: { forceLoginMethod: 'claudeai' }, claudeCodeVersion: '2.1.145' });
    expect(old.credential.blocked).toBeUndefined();
    expect(codes(old)).not.toContain('managed-requires-first-party-login');
  });

  it('managed forceLoginOrgUUID blocks too, with its own key', async () => {
    const config = await resolve({
      interactive: false,
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
      managedFile: { forceLoginOrgUUID: ['0b9c3f5e-1111-2222-3333-444455556666'] },
    });
    expect(config.credential.blocked?.key).toBe('forceLoginOrgUUID');
  });

  it('an empty managed forceLoginOrgUUID list still blocks', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, managedFile: { forceLoginOrgUUID: [] } });
    expect(config.credential.blocked?.key).toBe('forceLoginOrgUUID');
  });

  it('an invalid managed forceLoginOrgUUID fails closed (managed-invalid-entry) and still blocks', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, managedFile: { forceLoginOrgUUID: 42 } });
    expect(config.credential.blocked?.key).toBe('forceLoginOrgUUID');
    expect(codes(config)).toContain('managed-invalid-entry');
  });

  it('forceLoginMethod in a user file does not block', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { forceLoginMethod: 'claudeai' } });
    expect(config.credential.blocked).toBeUndefined();
  });

  it('CLAUDE_CODE_OAUTH_TOKEN, profiles and /login are not blocked', async () => {
    for (const spec of [{ env: { CLAUDE_CODE_OAUTH_TOKEN: 'o' } }, { env: { ANTHROPIC_PROFILE: 'p' } }, { files: LOGIN_FILE }]) {
      const config = await resolve({ ...spec, managedFile: { forceLoginMethod: 'claudeai' } });
      expect(config.credential.kind).not.toBe('none');
      expect(config.credential.blocked).toBeUndefined();
    }
  });

  it('provider sessions were blocked 2.1.146-2.1.160 and are not from 2.1.161', async () => {
    const spec = { env: { CLAUDE_CODE_USE_BEDROCK: '1' }, managedFile: { forceLoginMethod: 'console' } };
    const regressed = await resolve({ ...spec, claudeCodeVersion: '2.1.160' });
    expect(regressed.credential.blocked?.key).toBe('forceLoginMethod');
    const fixed = await resolve({ ...spec, claudeCodeVersion: '2.1.161' });
    expect(fixed.credential.kind).toBe('provider');
    expect(fixed.credential.blocked).toBeUndefined();
    expect(codes(fixed)).not.toContain('managed-requires-first-party-login');
  });

  it('forceLoginMethod "gateway" from the managed file counts', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, managedFile: { forceLoginMethod: 'gateway' } });
    expect(config.managedOrigin).toBe('file');
    expect(config.credential.blocked?.key).toBe('forceLoginMethod');
  });

  it('forceLoginMethod "gateway" from server-managed settings does not count', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, managed: { remote: { forceLoginMethod: 'gateway' } } });
    expect(config.managedOrigin).toBe('remote');
    expect(config.credential.kind).toBe('api-key');
    expect(config.credential.blocked).toBeUndefined();
    expect(codes(config)).not.toContain('managed-requires-first-party-login');
  });

  it('forceLoginMethod "claudeai" from server-managed settings counts', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, managed: { remote: { forceLoginMethod: 'claudeai' } } });
    expect(config.managedOrigin).toBe('remote');
    expect(config.credential.blocked?.key).toBe('forceLoginMethod');
  });

  it('forceLoginMethod "gateway" from HKCU does not count', async () => {
    const config = await resolve({
      platform: 'win32',
      interactive: false,
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
      managed: { hkcu: { forceLoginMethod: 'gateway' } },
    });
    expect(config.managedOrigin).toBe('HKCU');
    expect(config.credential.blocked).toBeUndefined();
  });
});

describe('header-value safety (2.1.227+)', () => {
  it('a token with a newline is reported (credential-invalid-header-value) without showing the token', async () => {
    const secret = 'secret-part-one\nsecret-part-two';
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: secret } });
    const d = config.diagnostics.find((x) => x.code === 'credential-invalid-header-value');
    expect(d).toMatchObject({ severity: 'error', scope: 'shell' });
    expect(d?.args).toMatchObject({ header: 'Authorization', variable: 'ANTHROPIC_AUTH_TOKEN' });
    expect(JSON.stringify([d?.message, d?.fix, d?.args])).not.toContain('secret-part');
  });

  it.each([
    ['a NUL', `${KEY}\u0000`],
    ['a character above U+00FF', `${KEY}\u2013`],
    ['a carriage return', `${KEY}\r`],
  ])('an API key with %s is reported', async (_what, value) => {
    const config = await resolve({ interactive: false, user: { env: { ANTHROPIC_API_KEY: value } } });
    const d = config.diagnostics.find((x) => x.code === 'credential-invalid-header-value');
    expect(d).toMatchObject({ scope: 'user', path: '/home/user/.claude/settings.json' });
    expect(d?.args).toMatchObject({ header: 'X-Api-Key', variable: 'ANTHROPIC_API_KEY' });
    expect(JSON.stringify([d?.message, d?.fix, d?.args])).not.toContain(KEY);
  });

  it('Latin-1 characters up to U+00FF are accepted', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: 'tok\u00e9\u00ff' } });
    expect(codes(config)).not.toContain('credential-invalid-header-value');
  });

  it('the check is absent before 2.1.227', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.226', env: { ANTHROPIC_AUTH_TOKEN: 'a\nb' } });
    expect(codes(config)).not.toContain('credential-invalid-header-value');
  });

  it('the check does not apply to cloud providers', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ANTHROPIC_AUTH_TOKEN: 'a\nb' } });
    expect(config.credential).toMatchObject({ kind: 'provider', mechanism: 'gateway-token' });
    expect(codes(config)).not.toContain('credential-invalid-header-value');
  });

  it('an API key sent beside a token is checked too: it goes in x-api-key (vector cred-token-and-key-shell)', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: 'a\nb' } });
    expect(config.diagnostics.filter((d) => d.code === 'credential-invalid-header-value').map((d) => d.args)).toEqual([
      { header: 'X-Api-Key', variable: 'ANTHROPIC_API_KEY', problem: 'a line break at character 2' },
    ]);
  });

  it('a credential sent in no header with a bad value is not checked', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN, CLAUDE_CODE_OAUTH_TOKEN: 'a\nb' } });
    expect(codes(config)).not.toContain('credential-invalid-header-value');
  });
});

/** What each header carries, as `header ← variable (scope)`. */
function carried(config: EffectiveConfig): string[] {
  return config.credentialHeaders.map((h) => `${h.header} ← ${h.variable ?? h.mechanism ?? h.kind} (${h.source?.scope ?? '-'})`);
}

describe('each credential header filled independently, as the binary does', () => {
  const HELPER = 'echo helper-value';

  it('vector cred-token-and-key-shell: ANTHROPIC_AUTH_TOKEN as the bearer and ANTHROPIC_API_KEY as x-api-key, both sent', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY } });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (shell)', 'x-api-key ← ANTHROPIC_API_KEY (shell)']);
    expect(config.credential).toEqual({
      kind: 'auth-token',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      source: { scope: 'shell' },
      headers: ['authorization'],
      outranked: [],
    });
    expect(JSON.stringify(config.credentialHeaders)).not.toContain(TOKEN);
    expect(JSON.stringify(config.credentialHeaders)).not.toContain(KEY);
  });

  it('vector cred-token-user-key-shell: each variable from its own scope, in its own header', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, user: { env: { ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (user)', 'x-api-key ← ANTHROPIC_API_KEY (shell)']);
  });

  it('vector cred-helper-user-key-shell: a shell API key in x-api-key, the user helper as the bearer', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY }, user: { apiKeyHelper: HELPER } });
    expect(carried(config)).toEqual(['authorization ← apiKeyHelper (user)', 'x-api-key ← ANTHROPIC_API_KEY (shell)']);
    expect(config.credential).toMatchObject({ kind: 'api-key', headers: ['x-api-key'], outranked: [] });
    expect(config.credentialHeaders[1]?.outranked).toEqual([
      { kind: 'api-key-helper', variable: 'apiKeyHelper', source: { scope: 'user', path: '/home/user/.claude/settings.json' } },
    ]);
  });

  it('vector cred-helper-user-token-shell: a shell token as the bearer, the user helper in x-api-key', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { apiKeyHelper: HELPER } });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (shell)', 'x-api-key ← apiKeyHelper (user)']);
    expect(config.credential).toMatchObject({ kind: 'auth-token', headers: ['authorization'], outranked: [] });
  });

  it('vector cred-helper-token-key: with both variables set the helper fills neither header', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY }, user: { apiKeyHelper: HELPER } });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (shell)', 'x-api-key ← ANTHROPIC_API_KEY (shell)']);
    expect(config.credential.outranked.map((o) => o.kind)).toEqual(['api-key-helper']);
  });

  it('vector managed-over-settings-flag-credential: a managed token and a --settings key are both sent', async () => {
    const config = await resolve({
      interactive: false,
      managedFile: { env: { ANTHROPIC_AUTH_TOKEN: TOKEN } },
      settingsFlag: JSON.stringify({ env: { ANTHROPIC_API_KEY: KEY } }),
    });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (managed)', 'x-api-key ← ANTHROPIC_API_KEY (cli)']);
  });

  it('vector managed-helper-user-token: a user token as the bearer, the managed helper in x-api-key', async () => {
    const config = await resolve({ interactive: false, managedFile: { apiKeyHelper: HELPER }, user: { env: { ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    expect(carried(config)).toEqual(['authorization ← ANTHROPIC_AUTH_TOKEN (user)', 'x-api-key ← apiKeyHelper (managed)']);
  });

  it('a helper alone fills both headers; a login alone only authorization; nothing, no header', async () => {
    expect(carried(await resolve({ user: { apiKeyHelper: HELPER } }))).toEqual(['authorization ← apiKeyHelper (user)', 'x-api-key ← apiKeyHelper (user)']);
    expect(carried(await resolve({ files: LOGIN_FILE }))).toEqual(['authorization ← login (-)']);
    expect((await resolve({})).credentialHeaders).toEqual([]);
  });

  it('a gateway variable keeps CLAUDE_CODE_OAUTH_TOKEN and the login out of authorization, even an API key alone', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: KEY, CLAUDE_CODE_OAUTH_TOKEN: 'oauth' }, files: LOGIN_FILE });
    expect(carried(config)).toEqual(['x-api-key ← ANTHROPIC_API_KEY (shell)']);
    expect(config.credential.outranked.map((o) => o.kind)).toEqual(['oauth-token', 'login']);
  });

  it('a provider session: the provider credential in its header, nothing else', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: KEY, ANTHROPIC_FOUNDRY_RESOURCE: 'r' } });
    expect(config.credentialHeaders).toEqual([
      { header: 'x-api-key', kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_API_KEY', source: { scope: 'shell' }, mechanism: 'foundry-api-key', outranked: [] },
    ]);
  });
});

describe('apiKeyHelper refresh interval', () => {
  const helper = { apiKeyHelper: '/bin/helper' };

  it('ttlMs defaults to 300000', async () => {
    const config = await resolve({ user: helper });
    expect(config.apiKeyHelper?.ttlMs).toBe(300000);
  });

  it('CLAUDE_CODE_API_KEY_HELPER_TTL_MS is honoured from the shell and from settings env', async () => {
    const shell = await resolve({ user: helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '900000' } });
    expect(shell.apiKeyHelper?.ttlMs).toBe(900000);
    const settings = await resolve({
      user: { ...helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '3600000' } },
      env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '1' },
    });
    expect(settings.apiKeyHelper?.ttlMs).toBe(3600000);
  });

  it.each([
    ['2e3', 2000],
    ['64_000', 64000],
    [' 900000 ', 900000],
    ['0', 0],
  ])('from 2.1.211 the TTL %j reads as %d', async (value, expected) => {
    const config = await resolve({ claudeCodeVersion: '2.1.211', user: helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: value } });
    expect(config.apiKeyHelper?.ttlMs).toBe(expected);
    expect(codes(config)).not.toContain('helper-ttl-invalid');
  });

  it.each(['2e3', '64_000'])('before 2.1.211 the TTL %j is not a number: default + helper-ttl-invalid', async (value) => {
    const config = await resolve({ claudeCodeVersion: '2.1.210', user: helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: value } });
    expect(config.apiKeyHelper?.ttlMs).toBe(300000);
    expect(codes(config)).toContain('helper-ttl-invalid');
  });

  it.each(['abc', '-5', '15m', '1e'])('an invalid TTL %j falls back to 300000 with helper-ttl-invalid', async (value) => {
    const config = await resolve({ user: { ...helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: value } } });
    expect(config.apiKeyHelper?.ttlMs).toBe(300000);
    const d = config.diagnostics.find((x) => x.code === 'helper-ttl-invalid');
    expect(d).toMatchObject({ scope: 'user', path: '/home/user/.claude/settings.json', args: { value } });
  });

  it('an empty TTL means the default, silently', async () => {
    const config = await resolve({ user: helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '' } });
    expect(config.apiKeyHelper?.ttlMs).toBe(300000);
    expect(codes(config)).not.toContain('helper-ttl-invalid');
  });

  it('an empty apiKeyHelper is invalid (minLength 1) and skipped', async () => {
    const config = await resolve({ user: { apiKeyHelper: '' } });
    expect(config.apiKeyHelper).toBeUndefined();
    expect(codes(config)).toContain('settings-invalid-entry');
  });

  it.each(['linux', 'darwin', 'win32'] as Platform[])('on %s the helper command is kept verbatim', async (platform) => {
    const command = platform === 'win32' ? 'powershell -NoProfile -File C:\\scripts\\get-gateway-key.ps1' : '~/bin/get-gateway-key.sh';
    const config = await resolve({ platform, user: { apiKeyHelper: command } });
    expect(config.apiKeyHelper?.command).toBe(command);
  });
});

describe('no credential: claude -p stops with "Not logged in"', () => {
  it('the Anthropic API or a gateway with nothing for either header refuses to start in -p; an interactive session does not report it (vectors cred-none, bare-no-credential, bare-oauth-token-only, bare-oauth-and-user-helper)', async () => {
    const none = await resolve({ interactive: false, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    expect(none.startup).toMatchObject({ refused: true, printed: 'Not logged in · Please run /login' });
    expect(none.diagnostics.find((d) => d.code === 'credential-not-logged-in')?.severity).toBe('error');
    const bare = await resolve({ interactive: false, bare: true, env: { CLAUDE_CODE_OAUTH_TOKEN: 'o' }, user: { apiKeyHelper: '/bin/h' } });
    expect(bare.startup?.reason).toContain('--bare');
    const interactive = await resolve({ interactive: true, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    expect(interactive.startup).toBeUndefined();
    expect(interactive.diagnostics.some((d) => d.code === 'credential-not-logged-in')).toBe(false);
    // A provider session has its own credential chain: no refusal.
    const bedrock = await resolve({ interactive: false, env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' } });
    expect(bedrock.startup).toBeUndefined();
  });
});

describe('managed forceLogin beside a cloud provider', () => {
  it('from 2.1.161 a provider session is spared only without an Anthropic credential configured; the gateway method prints its own message from 2.1.261 (vectors managed-force-login-bedrock, -vertex-key, -bedrock-skip-only, -gateway)', async () => {
    const bedrock = { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' };
    const spared = await resolve({ interactive: false, env: bedrock, managedFile: { forceLoginMethod: 'claudeai' } });
    expect(spared.startup).toBeUndefined();
    const token = await resolve({ interactive: false, env: { ...bedrock, ANTHROPIC_AUTH_TOKEN: TOKEN }, managedFile: { forceLoginMethod: 'claudeai' } });
    expect(token.startup).toMatchObject({ printed: "This machine's managed settings require a first-party login" });
    expect(token.diagnostics.find((d) => d.code === 'managed-requires-first-party-login')?.args).toEqual({
      key: 'forceLoginMethod',
      blocked: 'ANTHROPIC_AUTH_TOKEN',
      provider: 'bedrock',
      printed: "This machine's managed settings require a first-party login",
    });
    const gateway = { interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, managedFile: { forceLoginMethod: 'gateway' } } as const;
    expect((await resolve({ ...gateway, claudeCodeVersion: '2.1.260' })).startup?.printed).toBe("This machine's managed settings require a first-party login");
    expect((await resolve({ ...gateway, claudeCodeVersion: '2.1.261' })).startup?.printed).toBe(
      'Administrator policy requires a Cloud gateway sign-in on this machine',
    );
  });

  it('a base URL that is not a URL stops claude -p with "API Error: Invalid URL" (vector env-boolean-base-url)', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { env: { ANTHROPIC_BASE_URL: true } } });
    expect(config.startup).toMatchObject({ printed: 'API Error: Invalid URL' });
    const interactive = await resolve({ interactive: true, env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { env: { ANTHROPIC_BASE_URL: true } } });
    expect(interactive.startup).toBeUndefined();
  });
});

describe('credential values with surrounding whitespace', () => {
  it('a value of spaces is unset; a padded value is sent trimmed (vectors whitespace-token-shell, padded-token-user)', async () => {
    const spaces = await resolve({ interactive: false, env: { ANTHROPIC_AUTH_TOKEN: '   ', ANTHROPIC_API_KEY: KEY } });
    expect(spaces.credentialHeaders.map((h) => h.header)).toEqual(['x-api-key']);
    const padded = await resolve({ interactive: false, user: { env: { ANTHROPIC_AUTH_TOKEN: '  tok-user-pad  ' } } });
    expect(credentialHeaders(padded)).toEqual({ authorization: 'Bearer tok-user-pad' });
  });
});

describe('one place gives credential headers their values, for inference and for discovery', () => {
  const at = (spec: LayoutSpec, claudeCodeVersion = '2.1.332'): Promise<EffectiveConfig> =>
    resolveEffectiveConfig({ ...layout({ interactive: false, ...spec }), claudeCodeVersion });
  const GW = { ANTHROPIC_BASE_URL: 'https://gw.example.com', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' };
  const HELPER = { apiKeyHelper: '/usr/local/bin/gw-key' };

  it.each([
    ['a token', { env: { ...GW, ANTHROPIC_AUTH_TOKEN: 'tok-1' } }, '2.1.332', { authorization: 'Bearer tok-1' }, { authorization: 'Bearer tok-1' }],
    ['a key', { env: { ...GW, ANTHROPIC_API_KEY: 'key-1' } }, '2.1.332', { 'x-api-key': 'key-1' }, { 'x-api-key': 'key-1' }],
    // Inference sends both; discovery only the bearer.
    [
      'a token and a key',
      { env: { ...GW, ANTHROPIC_AUTH_TOKEN: 'tok-1', ANTHROPIC_API_KEY: 'key-1' } },
      '2.1.332',
      { authorization: 'Bearer tok-1', 'x-api-key': 'key-1' },
      { authorization: 'Bearer tok-1' },
    ],
    // Inference puts a helper's output in both headers; discovery in x-api-key, and in both from 2.1.248.
    ['a helper alone before 2.1.248', { env: GW, user: HELPER }, '2.1.247', { authorization: 'Bearer out-1', 'x-api-key': 'out-1' }, { 'x-api-key': 'out-1' }],
    [
      'a helper alone from 2.1.248 (vector discovery-helper-only)',
      { env: GW, user: HELPER },
      '2.1.248',
      { authorization: 'Bearer out-1', 'x-api-key': 'out-1' },
      { authorization: 'Bearer out-1', 'x-api-key': 'out-1' },
    ],
    [
      'a key and a helper',
      { env: { ...GW, ANTHROPIC_API_KEY: 'key-1' }, user: HELPER },
      '2.1.332',
      { authorization: 'Bearer out-1', 'x-api-key': 'key-1' },
      { 'x-api-key': 'key-1' },
    ],
    ['nothing', { env: GW }, '2.1.332', {}, {}],
  ] as [string, LayoutSpec, string, Record<string, string>, Record<string, string>][])('%s', async (_what, spec, version, inference, discovery) => {
    const config = await at(spec, version);
    expect(credentialHeaders(config, 'out-1')).toEqual(inference);
    expect(discoveryCredentialHeaders(config, 'out-1')).toEqual(discovery);
    expect(Object.keys(discoveryCredentialHeaders(config, 'out-1'))).toEqual(config.modelDiscovery.headers);
  });

  it('the helper output is required where the helper fills a header, and never otherwise', async () => {
    const helperOnly = await at({ env: GW, user: HELPER });
    expect(() => discoveryCredentialHeaders(helperOnly)).toThrow(/pass helperValue/);
    expect(() => credentialHeaders(helperOnly)).toThrow(/pass helperValue/);
    const keyAndHelper = await at({ env: { ...GW, ANTHROPIC_API_KEY: 'key-1' }, user: HELPER });
    expect(discoveryCredentialHeaders(keyAndHelper)).toEqual({ 'x-api-key': 'key-1' });
  });
});
