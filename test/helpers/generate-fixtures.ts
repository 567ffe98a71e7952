/**
 * Shared inputs for the generator tests: awkward values every renderer must carry byte for
 * byte, and one configuration per provider (through a gateway and direct) and per gateway credential
 * kind, each with the effective result `resolveEffectiveConfig` should report for it.
 */
import {
  ConfigError,
  gatewayConfig,
  providerConfig,
  type CredentialMechanism,
  type CredentialKind,
  type GeneratedConfig,
  type Provider,
} from '../../src/index';

/** A credential Claude Code accepts in a header (: no line break, NUL or char above U+00FF; no spaces around it). */
export const AWKWARD_SECRET = `tok'en"$HOME$(id)\`id\`\\n\\back!!\tmid café`;

/** Custom headers with awkward (but header-safe) values; together they make a multi-line variable. */
export const AWKWARD_HEADERS: Record<string, string> = {
  'X-Quote': `it's "quoted" $HOME $(echo pwned) \`id\` back\\slash`,
  'X-Latin': 'café ÿ naïve',
  'X-Bang': 'hi!! !$ ${HOME}',
};

/**
 * Model names are plain variables with no header rule, so they can hold anything: emoji, other
 * scripts, a trailing newline, a tab, U+2028, PowerShell's typographic quotes.
 */
export const AWKWARD_MODELS = {
  model: 'émoji 🚀 中文 ✓',
  opus: 'ends with a newline\n',
  sonnet: `single ' and "double" and ’typographic‘`,
  haiku: '$(touch CANARY) `touch CANARY` ${HOME} $HOME',
  fable: 'tab\tand\\backslash\\',
  subagent: 'line\u2028separator and \r\n CRLF',
};

/** A gateway configuration that uses every awkward value. */
export function awkwardGateway(canary = '/nonexistent/canary'): GeneratedConfig {
  const models = Object.fromEntries(Object.entries(AWKWARD_MODELS).map(([k, v]) => [k, v.replace(/CANARY/g, canary)]));
  return gatewayConfig({
    baseUrl: 'https://llm-gateway.example.com/api',
    credential: { kind: 'auth-token', value: AWKWARD_SECRET },
    customHeaders: AWKWARD_HEADERS,
    modelDiscovery: true,
    disableExperimentalBetas: true,
    fastMode: true,
    models,
  });
}

export const GATEWAY_URL = 'https://llm-gateway.example.com';

/** What the resolver should report for a generated configuration. */
export interface Expected {
  provider: Provider;
  baseUrl?: { name: string; value: string };
  credential: { kind: CredentialKind; variable?: string; headers: string[]; mechanism?: CredentialMechanism };
  headers?: { name: string; value: string }[];
}

export interface Case {
  name: string;
  value: GeneratedConfig;
  expected: Expected;
}

/** Every provider (through a gateway and direct) and every gateway credential kind. */
export function allCases(): Case[] {
  const gw = { name: 'ANTHROPIC_BASE_URL', value: GATEWAY_URL };
  return [
    {
      name: 'gateway, auth-token, custom headers',
      value: gatewayConfig({
        baseUrl: `${GATEWAY_URL}/`,
        credential: { kind: 'auth-token', value: 'tok-bearer' },
        customHeaders: { 'X-Tenant': 'acme', 'X-Route': 'eu "1"' },
      }),
      expected: {
        provider: 'anthropic',
        baseUrl: gw,
        credential: { kind: 'auth-token', variable: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'] },
        headers: [
          { name: 'X-Tenant', value: 'acme' },
          { name: 'X-Route', value: 'eu "1"' },
        ],
      },
    },
    {
      name: 'gateway, api-key',
      value: gatewayConfig({ baseUrl: GATEWAY_URL, credential: { kind: 'api-key', value: 'sk-gw-key' } }),
      expected: { provider: 'anthropic', baseUrl: gw, credential: { kind: 'api-key', variable: 'ANTHROPIC_API_KEY', headers: ['x-api-key'] }, headers: [] },
    },
    {
      name: 'gateway, apiKeyHelper with TTL',
      value: gatewayConfig({
        baseUrl: GATEWAY_URL,
        credential: { kind: 'api-key-helper', command: '/usr/local/bin/get-gateway-key', ttlMs: 900000 },
        customHeaders: { 'X-Tenant': 'acme' },
      }),
      expected: {
        provider: 'anthropic',
        baseUrl: gw,
        credential: { kind: 'api-key-helper', variable: 'apiKeyHelper', headers: ['authorization', 'x-api-key'] },
        headers: [{ name: 'X-Tenant', value: 'acme' }],
      },
    },
    {
      name: 'gateway, awkward values everywhere',
      value: awkwardGateway(),
      expected: {
        provider: 'anthropic',
        baseUrl: { name: 'ANTHROPIC_BASE_URL', value: `${GATEWAY_URL}/api` },
        credential: { kind: 'auth-token', variable: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'] },
        headers: Object.entries(AWKWARD_HEADERS).map(([name, value]) => ({ name, value })),
      },
    },
    {
      name: 'bedrock through a gateway',
      value: providerConfig('bedrock', { gatewayUrl: `${GATEWAY_URL}/bedrock` }),
      expected: {
        provider: 'bedrock',
        baseUrl: { name: 'ANTHROPIC_BEDROCK_BASE_URL', value: `${GATEWAY_URL}/bedrock` },
        credential: { kind: 'provider', headers: [], mechanism: 'skipped' },
      },
    },
    {
      name: 'bedrock through a gateway with a gateway token',
      value: providerConfig('bedrock', { gatewayUrl: `${GATEWAY_URL}/bedrock`, gatewayToken: 'gw-tok' }),
      expected: {
        provider: 'bedrock',
        baseUrl: { name: 'ANTHROPIC_BEDROCK_BASE_URL', value: `${GATEWAY_URL}/bedrock` },
        credential: { kind: 'provider', variable: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], mechanism: 'gateway-token' },
      },
    },
    {
      name: 'vertex through a gateway with a gateway token',
      value: providerConfig('vertex', { gatewayUrl: `${GATEWAY_URL}/vertex`, projectId: 'your-gcp-project-id', gatewayToken: 'gw-tok' }),
      expected: {
        provider: 'vertex',
        baseUrl: { name: 'ANTHROPIC_VERTEX_BASE_URL', value: `${GATEWAY_URL}/vertex` },
        credential: { kind: 'provider', variable: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization'], mechanism: 'gateway-token' },
      },
    },
    {
      name: 'foundry through a gateway, API key',
      value: providerConfig('foundry', { gatewayUrl: `${GATEWAY_URL}/foundry`, foundryApiKey: 'sk-gateway-key' }),
      expected: {
        provider: 'foundry',
        baseUrl: { name: 'ANTHROPIC_FOUNDRY_BASE_URL', value: `${GATEWAY_URL}/foundry` },
        credential: { kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_API_KEY', headers: ['x-api-key'], mechanism: 'foundry-api-key' },
      },
    },
    {
      name: 'foundry through a gateway, bearer token',
      value: providerConfig('foundry', { gatewayUrl: `${GATEWAY_URL}/foundry`, foundryAuthToken: 'fdy-bearer' }),
      expected: {
        provider: 'foundry',
        baseUrl: { name: 'ANTHROPIC_FOUNDRY_BASE_URL', value: `${GATEWAY_URL}/foundry` },
        credential: { kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_AUTH_TOKEN', headers: ['authorization'], mechanism: 'foundry-auth-token' },
      },
    },
    {
      name: 'anthropic-aws through a gateway with a gateway token',
      value: providerConfig('anthropic-aws', { gatewayUrl: `${GATEWAY_URL}/anthropic-aws`, workspaceId: 'wrkspc_01ABCDEFGHIJKLMN', gatewayToken: 'gw-tok' }),
      expected: {
        provider: 'anthropic-aws',
        baseUrl: { name: 'ANTHROPIC_AWS_BASE_URL', value: `${GATEWAY_URL}/anthropic-aws` },
        credential: { kind: 'provider', variable: 'ANTHROPIC_AUTH_TOKEN', headers: ['authorization', 'x-api-key'], mechanism: 'gateway-token' },
      },
    },
    {
      name: 'mantle through a gateway',
      value: providerConfig('mantle', { gatewayUrl: `${GATEWAY_URL}/mantle` }),
      expected: {
        provider: 'mantle',
        baseUrl: { name: 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL', value: `${GATEWAY_URL}/mantle` },
        credential: { kind: 'provider', headers: [], mechanism: 'skipped' },
      },
    },
    {
      name: 'bedrock direct, API key',
      value: providerConfig('bedrock', { region: 'us-east-1', bedrockApiKey: 'bedrock-key' }),
      expected: {
        provider: 'bedrock',
        credential: { kind: 'provider', variable: 'AWS_BEARER_TOKEN_BEDROCK', headers: ['authorization'], mechanism: 'bedrock-api-key' },
      },
    },
    {
      name: 'bedrock direct, AWS profile',
      value: providerConfig('bedrock', { awsProfile: 'dev "team" $HOME' }),
      expected: { provider: 'bedrock', credential: { kind: 'provider', headers: ['authorization'], mechanism: 'sigv4' } },
    },
    {
      name: 'vertex direct',
      value: providerConfig('vertex', { projectId: `proj 'x' $HOME`, region: 'global' }),
      expected: { provider: 'vertex', credential: { kind: 'provider', headers: ['authorization'], mechanism: 'google-adc' } },
    },
    {
      name: 'foundry direct, resource and API key',
      value: providerConfig('foundry', { resource: 'my-resource', foundryApiKey: 'fdy-key' }),
      expected: {
        provider: 'foundry',
        credential: { kind: 'provider', variable: 'ANTHROPIC_FOUNDRY_API_KEY', headers: ['x-api-key'], mechanism: 'foundry-api-key' },
      },
    },
    {
      name: 'foundry direct, Azure credential chain',
      value: providerConfig('foundry', { resource: 'my-resource' }),
      expected: { provider: 'foundry', credential: { kind: 'provider', headers: ['authorization'], mechanism: 'azure-default-chain' } },
    },
    {
      name: 'anthropic-aws direct, workspace key',
      value: providerConfig('anthropic-aws', { workspaceId: 'wrkspc_01ABCDEFGHIJKLMN', awsApiKey: 'aws-key', region: 'us-west-2' }),
      expected: {
        provider: 'anthropic-aws',
        credential: { kind: 'provider', variable: 'ANTHROPIC_AWS_API_KEY', headers: ['x-api-key'], mechanism: 'aws-api-key' },
      },
    },
    {
      name: 'mantle direct',
      value: providerConfig('mantle', { region: 'us-east-1' }),
      expected: { provider: 'mantle', credential: { kind: 'provider', headers: ['authorization'], mechanism: 'sigv4' } },
    },
  ];
}

/** The `ConfigError` code a call throws, `undefined` when it does not throw. */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof ConfigError ? e.code : `not a ConfigError: ${String(e)}`;
  }
  return undefined;
}

/** The `ConfigError` a call throws (fails the test when it does not throw one). */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw new Error(`expected a ConfigError, got ${String(e)}`);
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}
