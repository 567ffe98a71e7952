/**
 * One validated description of a configuration, from which every renderer works: a gateway
 * (docs/behavior.md#rollout) or a cloud provider, direct or through a gateway (docs/behavior.md#providers).
 */
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { CloudProvider, CredentialInput, Diagnostic, GatewayOptions, GeneratedConfig, ProviderConfigArgs } from '../types';
import { hasFeature, LATEST_MODELLED_VERSION, parseVersion } from '../versions';
import { PROVIDER_SWITCHES } from '../variables';
import { formatCustomHeaders } from '../headers';
import { checkBaseUrl, checkHeader, checkSecret } from './validate';
import { diagnostic } from '../catalogue';

const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('auth-token'), value: z.string() }).strict(),
  z.object({ kind: z.literal('api-key'), value: z.string() }).strict(),
  z.object({ kind: z.literal('api-key-helper'), command: z.string().min(1), ttlMs: z.number().int().positive().optional() }).strict(),
]);

const gatewaySchema = z
  .object({
    baseUrl: z.string(),
    credential: credentialSchema.optional(),
    customHeaders: z.record(z.string(), z.string()).optional(),
    modelDiscovery: z.boolean().optional(),
    disableExperimentalBetas: z.boolean().optional(),
    fastMode: z.union([z.boolean(), z.object({ skipNetworkErrors: z.boolean().optional(), skipOrgCheck: z.boolean().optional() }).strict()]).optional(),
    models: z
      .object({
        model: z.string().min(1).optional(),
        opus: z.string().min(1).optional(),
        sonnet: z.string().min(1).optional(),
        haiku: z.string().min(1).optional(),
        fable: z.string().min(1).optional(),
        subagent: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    claudeCodeVersion: z.string().optional(),
  })
  .strict();

function parseOptions<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ConfigError('INVALID_OPTIONS', `${what}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { cause: r.error });
  }
  return r.data;
}

const ALL_SWITCHES: readonly string[] = Object.values(PROVIDER_SWITCHES);

/**
 * Configuration for an Anthropic-format gateway (`ANTHROPIC_BASE_URL`).
 *
 * Throws a {@link ConfigError} (`INVALID_OPTIONS`) for a base URL ending in `/v1`, a bad header,
 * or a credential Claude Code would refuse to send.
 *
 * @example
 * gatewayConfig({ baseUrl: 'https://llm-gateway.example.com', credential: { kind: 'auth-token', value: token } })
 */
export function gatewayConfig(options: GatewayOptions): GeneratedConfig {
  const o = parseOptions(gatewaySchema, options, 'gatewayConfig');
  const version = o.claudeCodeVersion ?? LATEST_MODELLED_VERSION;
  parseVersion(version);
  const diagnostics: Diagnostic[] = [];
  const env: Record<string, string> = { ANTHROPIC_BASE_URL: checkBaseUrl(o.baseUrl, 'baseUrl', diagnostics) };
  const settings: Record<string, unknown> = {};
  // A provider switch would send requests to the provider instead; an outranking credential would be sent instead (docs/behavior.md#credential-order).
  const unset = new Set<string>(ALL_SWITCHES);
  let credentialVariable: string | undefined;
  const credential = o.credential as CredentialInput | undefined;
  if (credential?.kind === 'auth-token') {
    checkSecret(credential.value, 'credential.value');
    env['ANTHROPIC_AUTH_TOKEN'] = credential.value;
    credentialVariable = 'ANTHROPIC_AUTH_TOKEN';
    unset.add('ANTHROPIC_API_KEY');
  } else if (credential?.kind === 'api-key') {
    checkSecret(credential.value, 'credential.value');
    env['ANTHROPIC_API_KEY'] = credential.value;
    credentialVariable = 'ANTHROPIC_API_KEY';
    unset.add('ANTHROPIC_AUTH_TOKEN');
  } else if (credential?.kind === 'api-key-helper') {
    settings['apiKeyHelper'] = credential.command;
    if (credential.ttlMs !== undefined) env['CLAUDE_CODE_API_KEY_HELPER_TTL_MS'] = String(credential.ttlMs);
    unset.add('ANTHROPIC_AUTH_TOKEN').add('ANTHROPIC_API_KEY');
  } else {
    // No gateway credential: the saved claude.ai login is meant to be used, and either variable would outrank it.
    unset.add('ANTHROPIC_AUTH_TOKEN').add('ANTHROPIC_API_KEY');
  }
  const headers = Object.entries(o.customHeaders ?? {});
  for (const [name, value] of headers) checkHeader(name, value);
  if (headers.length > 0) env['ANTHROPIC_CUSTOM_HEADERS'] = formatCustomHeaders(headers.map(([name, value]) => ({ name, value })));
  if (o.modelDiscovery) env['CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'] = '1';
  if (o.disableExperimentalBetas) env['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS'] = '1';
  const fast = o.fastMode === true ? { skipNetworkErrors: true, skipOrgCheck: true } : o.fastMode || {};
  if (fast.skipNetworkErrors) env['CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS'] = '1';
  if (fast.skipOrgCheck) env['CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK'] = '1';
  const m = o.models ?? {};
  const modelVars: [string | undefined, string][] = [
    [m.model, 'ANTHROPIC_MODEL'],
    [m.opus, 'ANTHROPIC_DEFAULT_OPUS_MODEL'],
    [m.sonnet, 'ANTHROPIC_DEFAULT_SONNET_MODEL'],
    [m.haiku, 'ANTHROPIC_DEFAULT_HAIKU_MODEL'],
    [m.fable, 'ANTHROPIC_DEFAULT_FABLE_MODEL'],
    [m.subagent, 'CLAUDE_CODE_SUBAGENT_MODEL'],
  ];
  for (const [value, name] of modelVars) if (value !== undefined) env[name] = value;
  if (o.modelDiscovery && !hasFeature(version, 'discoveryOptIn')) {
    diagnostics.push(diagnostic('generate-not-expressible', { kind: 'discovery-before-opt-in', version }));
  }
  const out: GeneratedConfig = { env, settings, unset: [...unset].filter((n) => !(n in env)).sort(), provider: 'anthropic', diagnostics };
  if (credentialVariable) out.credentialVariable = credentialVariable;
  return out;
}

const providerSchema = z
  .object({
    gatewayUrl: z.string().optional(),
    gatewayToken: z.string().optional(),
    region: z.string().min(1).optional(),
    awsProfile: z.string().min(1).optional(),
    bedrockApiKey: z.string().optional(),
    projectId: z.string().min(1).optional(),
    resource: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'a Foundry resource name: letters, digits and dashes')
      .optional(),
    foundryApiKey: z.string().optional(),
    foundryAuthToken: z.string().optional(),
    workspaceId: z.string().min(1).optional(),
    awsApiKey: z.string().optional(),
    claudeCodeVersion: z.string().optional(),
  })
  .strict();

/** AWS region names: letters, digits and dashes (Claude Code treats `/`, `.` or spaces as unset, docs/behavior.md#aws-region). */
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$|^global$|^(eu|us)$/;

/**
 * Configuration for a cloud provider: through a gateway (`gatewayUrl`: the documented blocks, docs/behavior.md#providers) or
 * direct (region, project, resource or workspace as each provider requires).
 *
 * Each provider's options are typed ({@link ProviderOptionsMap}): what it requires is required at
 * compile time (`providerConfig('vertex', {})` does not compile), and options of a direct
 * configuration do not mix with `gatewayUrl`. The same rules are checked at run time, for
 * JavaScript callers and for a provider chosen at run time (then the options are {@link ProviderOptions}).
 *
 * @example
 * providerConfig('bedrock', { gatewayUrl: 'https://llm-gateway.example.com/bedrock' })
 * providerConfig('vertex', { projectId: 'my-project', region: 'global' })
 */
export function providerConfig<P extends CloudProvider>(provider: P, ...args: ProviderConfigArgs<P>): GeneratedConfig {
  if (!(provider in PROVIDER_SWITCHES)) throw new ConfigError('INVALID_OPTIONS', `unknown provider ${JSON.stringify(provider)}`);
  const o = parseOptions(providerSchema, args[0] ?? {}, 'providerConfig');
  const version = o.claudeCodeVersion ?? LATEST_MODELLED_VERSION;
  parseVersion(version);
  const diagnostics: Diagnostic[] = [];
  const env: Record<string, string> = {};
  const viaGateway = o.gatewayUrl !== undefined;
  let credentialVariable: string | undefined;
  const secret = (variable: string, value: string | undefined): void => {
    if (value === undefined) return;
    checkSecret(value, variable);
    env[variable] = value;
    credentialVariable ??= variable;
  };
  const region = (required: boolean): void => {
    if (o.region !== undefined) {
      if (!REGION_RE.test(o.region)) throw new ConfigError('INVALID_OPTIONS', `region ${JSON.stringify(o.region)} is not an AWS region name such as us-east-1`);
      env['AWS_REGION'] = o.region;
    } else if (required) {
      throw new ConfigError('INVALID_OPTIONS', `Claude Code ${version} needs AWS_REGION for ${provider} (optional from 2.1.172): pass region`);
    }
  };
  if (!viaGateway && o.gatewayToken !== undefined) {
    throw new ConfigError('INVALID_OPTIONS', 'gatewayToken is the token a gateway wants: it needs gatewayUrl');
  }
  const directOnly = (['awsApiKey', 'bedrockApiKey', 'awsProfile', 'resource'] as const).filter((k) => o[k] !== undefined);
  if (viaGateway && directOnly.length > 0) {
    throw new ConfigError(
      'INVALID_OPTIONS',
      `${directOnly.join(', ')} apply to direct access; through a gateway the gateway holds the provider credential (skip-auth)`,
    );
  }
  if (o.gatewayToken !== undefined && provider === 'foundry') {
    throw new ConfigError(
      'INVALID_OPTIONS',
      'Foundry gateways take the credential in ANTHROPIC_FOUNDRY_API_KEY or ANTHROPIC_FOUNDRY_AUTH_TOKEN (foundryApiKey / foundryAuthToken), never ANTHROPIC_AUTH_TOKEN',
    );
  }
  const regionRequired = !hasFeature(version, 'awsRegionOptional');
  switch (provider) {
    case 'bedrock':
      if (viaGateway) {
        env['ANTHROPIC_BEDROCK_BASE_URL'] = checkBaseUrl(o.gatewayUrl as string, 'gatewayUrl', diagnostics);
        env['CLAUDE_CODE_SKIP_BEDROCK_AUTH'] = '1';
      } else {
        if (o.awsProfile) env['AWS_PROFILE'] = o.awsProfile;
        secret('AWS_BEARER_TOKEN_BEDROCK', o.bedrockApiKey);
      }
      region(regionRequired);
      env['CLAUDE_CODE_USE_BEDROCK'] = '1';
      break;
    case 'mantle':
      if (!hasFeature(version, 'mantle')) throw new ConfigError('INVALID_OPTIONS', `Claude Code ${version} has no Mantle support (2.1.94+)`);
      if (viaGateway) {
        env['ANTHROPIC_BEDROCK_MANTLE_BASE_URL'] = checkBaseUrl(o.gatewayUrl as string, 'gatewayUrl', diagnostics);
        env['CLAUDE_CODE_SKIP_MANTLE_AUTH'] = '1';
      } else if (o.awsProfile) {
        env['AWS_PROFILE'] = o.awsProfile;
      }
      region(false);
      env['CLAUDE_CODE_USE_MANTLE'] = '1';
      break;
    case 'vertex':
      if (!o.projectId) throw new ConfigError('INVALID_OPTIONS', 'Vertex needs projectId (ANTHROPIC_VERTEX_PROJECT_ID)');
      if (viaGateway) {
        env['ANTHROPIC_VERTEX_BASE_URL'] = checkBaseUrl(o.gatewayUrl as string, 'gatewayUrl', diagnostics);
        env['CLAUDE_CODE_SKIP_VERTEX_AUTH'] = '1';
      }
      env['ANTHROPIC_VERTEX_PROJECT_ID'] = o.projectId;
      env['CLOUD_ML_REGION'] = o.region ?? 'us-east5';
      env['CLAUDE_CODE_USE_VERTEX'] = '1';
      break;
    case 'foundry': {
      if (!hasFeature(version, 'foundry')) throw new ConfigError('INVALID_OPTIONS', `Claude Code ${version} has no Foundry support (2.0.45+)`);
      if (viaGateway) env['ANTHROPIC_FOUNDRY_BASE_URL'] = checkBaseUrl(o.gatewayUrl as string, 'gatewayUrl', diagnostics);
      else if (o.resource) env['ANTHROPIC_FOUNDRY_RESOURCE'] = o.resource;
      else throw new ConfigError('INVALID_OPTIONS', 'Foundry needs resource (ANTHROPIC_FOUNDRY_RESOURCE) or gatewayUrl (ANTHROPIC_FOUNDRY_BASE_URL)');
      if (o.foundryAuthToken !== undefined && !hasFeature(version, 'foundryAuthToken')) {
        throw new ConfigError('INVALID_OPTIONS', `ANTHROPIC_FOUNDRY_AUTH_TOKEN needs Claude Code 2.1.203 or later (${version} given)`);
      }
      secret('ANTHROPIC_FOUNDRY_AUTH_TOKEN', o.foundryAuthToken);
      secret('ANTHROPIC_FOUNDRY_API_KEY', o.foundryApiKey);
      if (viaGateway && o.foundryAuthToken === undefined && o.foundryApiKey === undefined) {
        diagnostics.push(diagnostic('generate-not-expressible', { kind: 'foundry-gateway-credential' }));
      }
      env['CLAUDE_CODE_USE_FOUNDRY'] = '1';
      break;
    }
    case 'anthropic-aws':
      if (!o.workspaceId) throw new ConfigError('INVALID_OPTIONS', 'Claude Platform on AWS needs workspaceId (ANTHROPIC_AWS_WORKSPACE_ID)');
      if (viaGateway) {
        env['ANTHROPIC_AWS_BASE_URL'] = checkBaseUrl(o.gatewayUrl as string, 'gatewayUrl', diagnostics);
      }
      env['ANTHROPIC_AWS_WORKSPACE_ID'] = o.workspaceId;
      if (viaGateway) env['CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH'] = '1';
      else secret('ANTHROPIC_AWS_API_KEY', o.awsApiKey);
      region(false);
      env['CLAUDE_CODE_USE_ANTHROPIC_AWS'] = '1';
      break;
  }
  if (viaGateway && o.gatewayToken !== undefined) secret('ANTHROPIC_AUTH_TOKEN', o.gatewayToken);
  const switchName = PROVIDER_SWITCHES[provider];
  const unset = ALL_SWITCHES.filter((n) => n !== switchName && !(provider === 'bedrock' && n === PROVIDER_SWITCHES.mantle));
  // A stale plain credential would still go out: through a gateway ANTHROPIC_AUTH_TOKEN as the bearer,
  // ANTHROPIC_API_KEY as x-api-key on Vertex and beside a bearer on Bedrock
  // (docs/behavior.md#cloud-providers-through-a-gateway). Neither belongs to a provider configuration: both are unset.
  for (const n of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']) if (!(n in env)) unset.push(n);
  const out: GeneratedConfig = { env, settings: {}, unset, provider, diagnostics };
  if (credentialVariable) out.credentialVariable = credentialVariable;
  return out;
}
