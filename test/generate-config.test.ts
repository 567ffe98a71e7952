/**
 * The validated description every renderer works from: gatewayConfig,
 * providerConfig and the apiKeyHelper TTL rule.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyHelperScript, gatewayConfig, providerConfig, type GatewayOptions, type GeneratedConfig, type BedrockOptions } from '../src/index';
import { configError, errorCode } from './helpers/generate-fixtures';

const URL_ = 'https://llm-gateway.example.com';
const SWITCHES = ['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_VERTEX'];

function codes(value: GeneratedConfig): string[] {
  return value.diagnostics.map((d) => d.code);
}

describe('gatewayConfig: the three credential kinds', () => {
  it('a bearer token goes in ANTHROPIC_AUTH_TOKEN, and a stale ANTHROPIC_API_KEY must be unset', () => {
    const v = gatewayConfig({ baseUrl: URL_, credential: { kind: 'auth-token', value: 'tok' } });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: URL_, ANTHROPIC_AUTH_TOKEN: 'tok' });
    expect(v.settings).toEqual({});
    expect(v.unset).toEqual(['ANTHROPIC_API_KEY', ...SWITCHES].sort());
    expect(v.credentialVariable).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(v.provider).toBe('anthropic');
    expect(v.diagnostics).toEqual([]);
  });

  it('an API key goes in ANTHROPIC_API_KEY, and a stale ANTHROPIC_AUTH_TOKEN (which outranks it) must be unset', () => {
    const v = gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key', value: 'sk-key' } });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: URL_, ANTHROPIC_API_KEY: 'sk-key' });
    expect(v.settings).toEqual({});
    expect(v.unset).toEqual(['ANTHROPIC_AUTH_TOKEN', ...SWITCHES].sort());
    expect(v.credentialVariable).toBe('ANTHROPIC_API_KEY');
  });

  it('an apiKeyHelper is a settings key with the TTL variable; both outranking variables must be unset', () => {
    const v = gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key-helper', command: '~/bin/get-gateway-key.sh', ttlMs: 900000 } });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: URL_, CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '900000' });
    expect(v.settings).toEqual({ apiKeyHelper: '~/bin/get-gateway-key.sh' });
    expect(v.unset).toEqual(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', ...SWITCHES].sort());
    expect(v.credentialVariable).toBeUndefined();
  });

  it("without a TTL the helper keeps Claude Code's default (no TTL variable)", () => {
    const v = gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key-helper', command: 'x' } });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: URL_ });
  });

  it('no credential: only the base URL; provider switches and both gateway credentials unset, so the saved login is used', () => {
    const v = gatewayConfig({ baseUrl: URL_ });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: URL_ });
    expect(v.unset).toEqual(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', ...SWITCHES].sort());
    expect(v.credentialVariable).toBeUndefined();
  });
});

describe('gatewayConfig: the optional rollout extras', () => {
  it('custom headers are joined with a newline, one Name: Value per line', () => {
    const v = gatewayConfig({ baseUrl: URL_, customHeaders: { 'X-Tenant': 'acme', 'X-Route': 'eu-1' } });
    expect(v.env['ANTHROPIC_CUSTOM_HEADERS']).toBe('X-Tenant: acme\nX-Route: eu-1');
  });

  it('discovery, betas, fast-mode skips and model variables', () => {
    const v = gatewayConfig({
      baseUrl: URL_,
      modelDiscovery: true,
      disableExperimentalBetas: true,
      fastMode: true,
      models: { model: 'm', opus: 'o', sonnet: 's', haiku: 'h', fable: 'f', subagent: 'sa' },
    });
    expect(v.env).toEqual({
      ANTHROPIC_BASE_URL: URL_,
      CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
      CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1',
      CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS: '1',
      CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK: '1',
      ANTHROPIC_MODEL: 'm',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'o',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 's',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'h',
      ANTHROPIC_DEFAULT_FABLE_MODEL: 'f',
      CLAUDE_CODE_SUBAGENT_MODEL: 'sa',
    });
  });

  it('fast mode skips one at a time', () => {
    expect(gatewayConfig({ baseUrl: URL_, fastMode: { skipOrgCheck: true } }).env).toEqual({
      ANTHROPIC_BASE_URL: URL_,
      CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK: '1',
    });
    expect(gatewayConfig({ baseUrl: URL_, fastMode: { skipNetworkErrors: true } }).env).toEqual({
      ANTHROPIC_BASE_URL: URL_,
      CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS: '1',
    });
    expect(gatewayConfig({ baseUrl: URL_, fastMode: false, modelDiscovery: false }).env).toEqual({ ANTHROPIC_BASE_URL: URL_ });
  });

  it('discovery is opt-in only from 2.1.129: an older version gets a note', () => {
    expect(codes(gatewayConfig({ baseUrl: URL_, modelDiscovery: true, claudeCodeVersion: '2.1.128' }))).toContain('generate-not-expressible');
    expect(codes(gatewayConfig({ baseUrl: URL_, modelDiscovery: true, claudeCodeVersion: '2.1.129' }))).toEqual([]);
  });

  it('a malformed claudeCodeVersion is refused', () => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, claudeCodeVersion: 'latest' }))).toBe('INVALID_VERSION');
  });
});

describe('gatewayConfig: base URL validation', () => {
  it.each([
    ['https://gw.example.com/v1', 'https://gw.example.com'],
    ['https://gw.example.com/v1/', 'https://gw.example.com'],
    ['https://gw.example.com/api/V1', 'https://gw.example.com/api'],
  ])('%s ends in /v1: refused, and the message gives the fixed URL', (bad, fixed) => {
    const e = configError(() => gatewayConfig({ baseUrl: bad }));
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.message).toContain(fixed);
    // The suggestion itself is accepted.
    expect(gatewayConfig({ baseUrl: fixed }).env['ANTHROPIC_BASE_URL']).toBe(fixed);
  });

  it.each([
    ['a non-http scheme', 'ftp://gw.example.com'],
    ['a file URL', 'file:///etc/gateway'],
    ['a query', 'https://gw.example.com/api?tenant=a'],
    ['a fragment', 'https://gw.example.com/api#x'],
    ['an empty query', 'https://gw.example.com?'],
    ['an empty query after /v1', 'https://gw.example.com/v1?'],
    ['an empty fragment', 'https://gw.example.com/#'],
    ['userinfo', 'https://user:pass@gw.example.com'],
    ['a user name only', 'https://user@gw.example.com'],
    ['a relative URL', '/api/gateway'],
    ['a host without a scheme', 'gw.example.com'],
    ['an empty string', ''],
  ])('%s is refused (INVALID_OPTIONS)', (_what, url) => {
    expect(errorCode(() => gatewayConfig({ baseUrl: url }))).toBe('INVALID_OPTIONS');
  });

  it('a trailing slash is removed', () => {
    expect(gatewayConfig({ baseUrl: 'https://gw.example.com/' }).env['ANTHROPIC_BASE_URL']).toBe('https://gw.example.com');
    expect(gatewayConfig({ baseUrl: 'https://gw.example.com/api/' }).env['ANTHROPIC_BASE_URL']).toBe('https://gw.example.com/api');
    expect(gatewayConfig({ baseUrl: 'https://gw.example.com:8443/api//' }).env['ANTHROPIC_BASE_URL']).toBe('https://gw.example.com:8443/api');
  });

  it("plain http to another host warns 'generate-insecure-url'", () => {
    const v = gatewayConfig({ baseUrl: 'http://gw.example.com:4000' });
    expect(v.env['ANTHROPIC_BASE_URL']).toBe('http://gw.example.com:4000');
    expect(codes(v)).toEqual(['generate-insecure-url']);
    expect(v.diagnostics[0]?.severity).toBe('warning');
  });

  it.each(['http://localhost:4000', 'http://127.0.0.1:4000/api', 'http://[::1]:4000'])('plain http to this machine (%s) does not warn', (url) => {
    expect(codes(gatewayConfig({ baseUrl: url }))).toEqual([]);
  });

  it('https never warns', () => {
    expect(codes(gatewayConfig({ baseUrl: 'https://gw.example.com' }))).toEqual([]);
  });
});

describe('gatewayConfig: headers and credentials Claude Code will send', () => {
  it.each([
    ['a space', 'X Tenant'],
    ['a colon', 'X-Tenant:'],
    ['a newline', 'X-Tenant\nX-Other'],
    ['non-ASCII', 'X-Ténant'],
    ['an empty name', ''],
    ['parentheses', 'X-(Tenant)'],
  ])('a header name with %s is refused', (_what, name) => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, customHeaders: { [name]: 'v' } }))).toBe('INVALID_OPTIONS');
  });

  it.each([
    ['LF', 'a\nb'],
    ['CR', 'a\rb'],
    ['NUL', 'a\0b'],
    ['a character above U+00FF', 'caf\u0113'],
    ['an emoji', 'ok 🚀'],
  ])('a header value with %s is refused', (_what, value) => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, customHeaders: { 'X-Tenant': value } }))).toBe('INVALID_OPTIONS');
  });

  it('Latin-1 header values (up to U+00FF) are accepted', () => {
    const v = gatewayConfig({ baseUrl: URL_, customHeaders: { 'X-Tenant': 'café ÿ' } });
    expect(v.env['ANTHROPIC_CUSTOM_HEADERS']).toBe('X-Tenant: café ÿ');
  });

  it.each([
    ['a newline inside', 'tok\nen'],
    ['a trailing newline', 'token\n'],
    ['a leading space', ' token'],
    ['a trailing space', 'token '],
    ['a trailing tab', 'token\t'],
    ['NUL', 'tok\0en'],
    ['a character above U+00FF', 'tok\u20acen'],
    ['nothing', ''],
  ])('a credential with %s is refused', (_what, value) => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'auth-token', value } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key', value } }))).toBe('INVALID_OPTIONS');
  });

  it('an empty helper command or a non-integer TTL is refused', () => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key-helper', command: '' } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key-helper', command: 'x', ttlMs: 1.5 } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'api-key-helper', command: 'x', ttlMs: 0 } }))).toBe('INVALID_OPTIONS');
  });

  it('unknown option keys are refused (strict), at every level', () => {
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, baseURL: URL_ } as unknown as GatewayOptions))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'auth-token', value: 't', ttlMs: 5 } } as unknown as GatewayOptions))).toBe(
      'INVALID_OPTIONS',
    );
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, models: { default: 'x' } } as unknown as GatewayOptions))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, fastMode: { skip: true } } as unknown as GatewayOptions))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => gatewayConfig({ baseUrl: URL_, credential: { kind: 'oauth', value: 't' } } as unknown as GatewayOptions))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('bedrock', { region: 'us-east-1', regoin: 'x' } as unknown as BedrockOptions))).toBe('INVALID_OPTIONS');
  });
});

describe('providerConfig through a gateway: exactly the documented blocks', () => {
  it('Bedrock', () => {
    const v = providerConfig('bedrock', { gatewayUrl: 'https://llm-gateway.example.com/bedrock' });
    expect(v.env).toEqual({
      ANTHROPIC_BEDROCK_BASE_URL: 'https://llm-gateway.example.com/bedrock',
      CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
      CLAUDE_CODE_USE_BEDROCK: '1',
    });
    expect(v.provider).toBe('bedrock');
    expect(v.settings).toEqual({});
  });

  it("Google Cloud's Agent Platform (Vertex)", () => {
    const v = providerConfig('vertex', { gatewayUrl: 'https://llm-gateway.example.com/vertex', projectId: 'your-gcp-project-id' });
    expect(v.env).toEqual({
      ANTHROPIC_VERTEX_BASE_URL: 'https://llm-gateway.example.com/vertex',
      ANTHROPIC_VERTEX_PROJECT_ID: 'your-gcp-project-id',
      CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'us-east5',
    });
  });

  it('Microsoft Foundry: the credential in ANTHROPIC_FOUNDRY_API_KEY, not ANTHROPIC_AUTH_TOKEN', () => {
    const v = providerConfig('foundry', { gatewayUrl: 'https://llm-gateway.example.com/foundry', foundryApiKey: 'sk-gateway-key' });
    expect(v.env).toEqual({
      ANTHROPIC_FOUNDRY_BASE_URL: 'https://llm-gateway.example.com/foundry',
      ANTHROPIC_FOUNDRY_API_KEY: 'sk-gateway-key',
      CLAUDE_CODE_USE_FOUNDRY: '1',
    });
    expect(v.credentialVariable).toBe('ANTHROPIC_FOUNDRY_API_KEY');
  });

  it('Foundry bearer gateway: ANTHROPIC_FOUNDRY_AUTH_TOKEN (2.1.203+), never ANTHROPIC_AUTH_TOKEN', () => {
    const v = providerConfig('foundry', { gatewayUrl: 'https://llm-gateway.example.com/foundry', foundryAuthToken: 'fdy-bearer' });
    expect(v.env).toEqual({
      ANTHROPIC_FOUNDRY_BASE_URL: 'https://llm-gateway.example.com/foundry',
      ANTHROPIC_FOUNDRY_AUTH_TOKEN: 'fdy-bearer',
      CLAUDE_CODE_USE_FOUNDRY: '1',
    });
    expect(v.credentialVariable).toBe('ANTHROPIC_FOUNDRY_AUTH_TOKEN');
    expect(Object.keys(v.env)).not.toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('a gateway token for Foundry is refused (INVALID_OPTIONS)', () => {
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('foundry', { gatewayUrl: 'https://llm-gateway.example.com/foundry', gatewayToken: 't' }))).toBe('INVALID_OPTIONS');
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('foundry', { resource: 'r', gatewayToken: 't' }))).toBe('INVALID_OPTIONS');
  });

  it('a Foundry gateway without a credential gets a warning (the Azure chain would be used)', () => {
    const v = providerConfig('foundry', { gatewayUrl: 'https://llm-gateway.example.com/foundry' });
    expect(codes(v)).toEqual(['generate-not-expressible']);
  });

  it('Claude Platform on AWS', () => {
    const v = providerConfig('anthropic-aws', { gatewayUrl: 'https://llm-gateway.example.com/anthropic-aws', workspaceId: 'wrkspc_01ABCDEFGHIJKLMN' });
    expect(v.env).toEqual({
      ANTHROPIC_AWS_BASE_URL: 'https://llm-gateway.example.com/anthropic-aws',
      ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01ABCDEFGHIJKLMN',
      CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH: '1',
      CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
    });
  });

  it('Mantle gateway', () => {
    const v = providerConfig('mantle', { gatewayUrl: 'https://your-gateway.example.com' });
    expect(v.env).toEqual({
      ANTHROPIC_BEDROCK_MANTLE_BASE_URL: 'https://your-gateway.example.com',
      CLAUDE_CODE_SKIP_MANTLE_AUTH: '1',
      CLAUDE_CODE_USE_MANTLE: '1',
    });
  });

  it.each([
    ['bedrock', {}],
    ['vertex', { projectId: 'p' }],
    ['anthropic-aws', { workspaceId: 'w' }],
    ['mantle', {}],
  ] as const)('%s: a gateway token is added as ANTHROPIC_AUTH_TOKEN after the block', (provider, extra) => {
    const without = providerConfig(provider, { gatewayUrl: 'https://llm-gateway.example.com/x', ...extra });
    const withToken = providerConfig(provider, { gatewayUrl: 'https://llm-gateway.example.com/x', gatewayToken: 'gw-tok', ...extra });
    expect(withToken.env).toEqual({ ...without.env, ANTHROPIC_AUTH_TOKEN: 'gw-tok' });
    expect(withToken.credentialVariable).toBe('ANTHROPIC_AUTH_TOKEN');
  });

  it('the gateway URL is validated like a base URL', () => {
    expect(errorCode(() => providerConfig('bedrock', { gatewayUrl: 'llm-gateway/bedrock' }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('vertex', { gatewayUrl: 'https://gw?x=1', projectId: 'p' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('bedrock', { gatewayUrl: 'https://gw.example.com/bedrock/' }).env['ANTHROPIC_BEDROCK_BASE_URL']).toBe(
      'https://gw.example.com/bedrock',
    );
    expect(codes(providerConfig('mantle', { gatewayUrl: 'http://gw.example.com' }))).toEqual(['generate-insecure-url']);
  });

  it('a gateway token is checked like any credential', () => {
    expect(errorCode(() => providerConfig('bedrock', { gatewayUrl: 'https://gw.example.com', gatewayToken: 'tok\n' }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('foundry', { gatewayUrl: 'https://gw.example.com', foundryApiKey: ' key' }))).toBe('INVALID_OPTIONS');
  });
});

describe('providerConfig direct', () => {
  it('Bedrock: AWS_REGION is required before 2.1.172 and optional from it', () => {
    expect(errorCode(() => providerConfig('bedrock', { claudeCodeVersion: '2.1.171' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('bedrock', { claudeCodeVersion: '2.1.171', region: 'eu-west-1' }).env).toEqual({
      AWS_REGION: 'eu-west-1',
      CLAUDE_CODE_USE_BEDROCK: '1',
    });
    expect(providerConfig('bedrock', { claudeCodeVersion: '2.1.172' }).env).toEqual({ CLAUDE_CODE_USE_BEDROCK: '1' });
    expect(providerConfig('bedrock', {}).env).toEqual({ CLAUDE_CODE_USE_BEDROCK: '1' });
  });

  it('Bedrock: profile and API key', () => {
    const v = providerConfig('bedrock', { region: 'us-east-1', awsProfile: 'dev', bedrockApiKey: 'bk' });
    expect(v.env).toEqual({ AWS_REGION: 'us-east-1', AWS_PROFILE: 'dev', AWS_BEARER_TOKEN_BEDROCK: 'bk', CLAUDE_CODE_USE_BEDROCK: '1' });
    expect(v.credentialVariable).toBe('AWS_BEARER_TOKEN_BEDROCK');
  });

  it.each(['us/east-1', 'us.east.1', 'us east 1', 'US-EAST-1'])('a malformed region %j is refused (Claude Code would treat it as unset)', (region) => {
    expect(errorCode(() => providerConfig('bedrock', { region }))).toBe('INVALID_OPTIONS');
  });

  it('Vertex: the project is required; the region defaults to us-east5', () => {
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('vertex', {}))).toBe('INVALID_OPTIONS');
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('vertex', { gatewayUrl: 'https://gw.example.com/vertex' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('vertex', { projectId: 'p' }).env).toEqual({
      ANTHROPIC_VERTEX_PROJECT_ID: 'p',
      CLOUD_ML_REGION: 'us-east5',
      CLAUDE_CODE_USE_VERTEX: '1',
    });
    expect(providerConfig('vertex', { projectId: 'p', region: 'global' }).env['CLOUD_ML_REGION']).toBe('global');
  });

  it('Foundry: a resource (or a base URL) is required', () => {
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('foundry', {}))).toBe('INVALID_OPTIONS');
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('foundry', { foundryApiKey: 'k' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('foundry', { resource: 'my-resource' }).env).toEqual({ ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', CLAUDE_CODE_USE_FOUNDRY: '1' });
    expect(providerConfig('foundry', { resource: 'my-resource', foundryApiKey: 'k' }).env).toEqual({
      ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource',
      ANTHROPIC_FOUNDRY_API_KEY: 'k',
      CLAUDE_CODE_USE_FOUNDRY: '1',
    });
    expect(errorCode(() => providerConfig('foundry', { resource: 'my resource.azure' }))).toBe('INVALID_OPTIONS');
  });

  it('Foundry auth token only from 2.1.203', () => {
    expect(errorCode(() => providerConfig('foundry', { resource: 'r', foundryAuthToken: 't', claudeCodeVersion: '2.1.202' }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('foundry', { gatewayUrl: 'https://gw.example.com', foundryAuthToken: 't', claudeCodeVersion: '2.1.202' }))).toBe(
      'INVALID_OPTIONS',
    );
    expect(providerConfig('foundry', { resource: 'r', foundryAuthToken: 't', claudeCodeVersion: '2.1.203' }).env['ANTHROPIC_FOUNDRY_AUTH_TOKEN']).toBe('t');
    // The API key works on older versions.
    expect(providerConfig('foundry', { resource: 'r', foundryApiKey: 'k', claudeCodeVersion: '2.1.202' }).env['ANTHROPIC_FOUNDRY_API_KEY']).toBe('k');
  });

  it('Claude Platform on AWS: the workspace ID is required', () => {
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('anthropic-aws', {}))).toBe('INVALID_OPTIONS');
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(errorCode(() => providerConfig('anthropic-aws', { gatewayUrl: 'https://gw.example.com/anthropic-aws' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('anthropic-aws', { workspaceId: 'wrkspc_1', awsApiKey: 'ak', region: 'us-west-2' }).env).toEqual({
      ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_1',
      ANTHROPIC_AWS_API_KEY: 'ak',
      AWS_REGION: 'us-west-2',
      CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
    });
    // The region is optional for Claude Platform on AWS, whatever the version.
    expect(providerConfig('anthropic-aws', { workspaceId: 'wrkspc_1', claudeCodeVersion: '2.1.100' }).env).toEqual({
      ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_1',
      CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
    });
  });

  it('Mantle only from 2.1.94', () => {
    expect(errorCode(() => providerConfig('mantle', { claudeCodeVersion: '2.1.93' }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('mantle', { gatewayUrl: 'https://gw.example.com', claudeCodeVersion: '2.1.93' }))).toBe('INVALID_OPTIONS');
    expect(providerConfig('mantle', { claudeCodeVersion: '2.1.94' }).env).toEqual({ CLAUDE_CODE_USE_MANTLE: '1' });
    expect(providerConfig('mantle', { region: 'us-east-1', awsProfile: 'p' }).env).toEqual({
      AWS_PROFILE: 'p',
      AWS_REGION: 'us-east-1',
      CLAUDE_CODE_USE_MANTLE: '1',
    });
  });

  it('Foundry only from 2.0.45', () => {
    expect(errorCode(() => providerConfig('foundry', { resource: 'r', claudeCodeVersion: '2.0.44' }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('foundry', { resource: 'r', claudeCodeVersion: '2.0.45' }))).toBeUndefined();
  });

  it('an unknown provider is refused', () => {
    expect(errorCode(() => providerConfig('openai' as 'bedrock', {}))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => providerConfig('anthropic' as 'bedrock', {}))).toBe('INVALID_OPTIONS');
  });
});

describe('providerConfig: `unset` lists the other provider switches and the plain credentials', () => {
  it.each([
    ['bedrock', {}, ['CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_ANTHROPIC_AWS']],
    ['mantle', {}, ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_ANTHROPIC_AWS']],
    ['vertex', { projectId: 'p' }, ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_ANTHROPIC_AWS']],
    ['foundry', { resource: 'r' }, ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_ANTHROPIC_AWS']],
    ['anthropic-aws', { workspaceId: 'w' }, ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY']],
  ] as const)('%s (Mantle may stay beside Bedrock, )', (provider, options, expected) => {
    const v = providerConfig(provider, options);
    expect([...v.unset].sort()).toEqual([...expected, 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'].sort());
    expect(v.unset).not.toContain(`CLAUDE_CODE_USE_${provider === 'anthropic-aws' ? 'ANTHROPIC_AWS' : provider.toUpperCase()}`);
    expect(v.provider).toBe(provider);
  });
});

describe('apiKeyHelper TTL', () => {
  it('the TTL defaults to half the token lifetime', () => {
    const h = apiKeyHelperScript({ source: { from: 'env', variable: 'GATEWAY_KEY' }, tokenLifetimeMs: 3_600_000 });
    expect(h.ttlMs).toBe(1_800_000);
    expect(h.diagnostics).toEqual([]);
  });

  it('without a lifetime or TTL no TTL is chosen (Claude Code keeps its 5 minutes)', () => {
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'GATEWAY_KEY' } }).ttlMs).toBeUndefined();
  });

  it('a TTL at most half the lifetime is kept', () => {
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 3_600_000, ttlMs: 1_800_000 }).ttlMs).toBe(1_800_000);
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 3_600_000, ttlMs: 900_000 }).ttlMs).toBe(900_000);
  });

  it('a TTL above half the lifetime is refused (INVALID_OPTIONS)', () => {
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 3_600_000, ttlMs: 1_800_001 }))).toBe(
      'INVALID_OPTIONS',
    );
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 3_600_000, ttlMs: 3_600_000 }))).toBe(
      'INVALID_OPTIONS',
    );
  });

  it("a short TTL warns 'generate-helper-ttl'", () => {
    const h = apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, ttlMs: 30_000 });
    expect(h.diagnostics.map((d) => d.code)).toEqual(['generate-helper-ttl']);
    const fromLifetime = apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 90_000 });
    expect(fromLifetime.ttlMs).toBe(45_000);
    expect(fromLifetime.diagnostics.map((d) => d.code)).toEqual(['generate-helper-ttl']);
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, ttlMs: 60_000 }).diagnostics).toEqual([]);
  });

  it('nonsense lifetimes, TTLs and sources are refused', () => {
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, tokenLifetimeMs: 0 }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, ttlMs: -1 }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, ttlMs: 1.5 }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'env', variable: 'BAD-NAME' } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'command', argv: [] } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'file', path: '' } }))).toBe('INVALID_OPTIONS');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'vault', secretPath: '' } }))).toBe('INVALID_OPTIONS');
  });

  it('the helper setting runs the script from where it is installed (sh: ~ unquoted, the rest quoted; Windows: PowerShell -File)', () => {
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' } }).apiKeyHelper).toBe("~/'.claude/bin/get-gateway-key.sh'");
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, scriptPath: '/opt/my tools/key.sh' }).apiKeyHelper).toBe("'/opt/my tools/key.sh'");
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, shell: 'cmd', scriptPath: 'C:\\My Tools\\key.cmd' }).apiKeyHelper).toBe(
      '"C:\\My Tools\\key.cmd"',
    );
    expect(apiKeyHelperScript({ source: { from: 'env', variable: 'K' }, shell: 'powershell', scriptPath: 'C:\\My Tools\\key.ps1' }).apiKeyHelper).toBe(
      'powershell -NoProfile -ExecutionPolicy Bypass -File "C:\\My Tools\\key.ps1"',
    );
  });
});

describe('review: contradictions and stale values', () => {
  it('providerConfig refuses a gateway token without a gateway, and direct-only credentials with one', () => {
    // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
    expect(() => providerConfig('bedrock', { gatewayToken: 't' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    for (const extra of [{ awsApiKey: 'k' }, { bedrockApiKey: 'k' }, { awsProfile: 'p' }, { resource: 'r' }]) {
      // @ts-expect-error invalid at compile time too: this checks the run-time refusal JavaScript callers get
      expect(() => providerConfig('bedrock', { gatewayUrl: 'https://gw.example.com/bedrock', ...extra })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS' }),
      );
    }
  });

  it('a stale ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY is unset unless the configuration sets it: through a gateway both would still be sent (vectors provider-bedrock-api-key, provider-vertex-api-key, provider-foundry-key-and-plain-credentials)', () => {
    const vertex = providerConfig('vertex', { gatewayUrl: 'https://gw.example.com/vertex', projectId: 'p' });
    expect(vertex.unset).toEqual(expect.arrayContaining(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']));
    const bedrock = providerConfig('bedrock', { gatewayUrl: 'https://gw.example.com/bedrock', gatewayToken: 't' });
    expect(bedrock.unset).not.toContain('ANTHROPIC_AUTH_TOKEN');
    expect(bedrock.unset).toContain('ANTHROPIC_API_KEY');
    expect(providerConfig('foundry', { gatewayUrl: 'https://gw.example.com/foundry', foundryApiKey: 'k' }).unset).toEqual(
      expect.arrayContaining(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']),
    );
    expect(providerConfig('bedrock', { region: 'us-east-1' }).unset).toEqual(expect.arrayContaining(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']));
  });
});
