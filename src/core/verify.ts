/**
 * The verification request (docs/behavior.md#verification-request, docs/behavior.md#verification-check)
 * built from a resolved configuration, and the reading of what came back (docs/behavior.md#gateway-errors). Pure: the Node side sends it.
 */
import { resolveAwsRegion } from './aws-region';
import { ConfigError } from './errors';
import type { EffectiveConfig, SentModel } from './types';
import { resolveSentModel } from './provider-model';
import { builtInModelTarget } from './model';
import { createRedactor, maskValue, secretValuesOf, urlCredentials } from './redact';
import { isCredentialHeaderName, PROVIDER_BASE_URL, PROVIDER_SKIP_AUTH, truth } from './variables';
import { compareVersions } from './versions';
import { nonEmptyVar } from './env';
import { credentialHeaders } from './credential-headers';

/** An HTTP request that checks a gateway: method, URL, headers and body. */
export interface VerificationRequest {
  /** HTTP method. */
  method: 'POST' | 'GET';
  /** The full URL. */
  url: string;
  /** Request headers, credential included. */
  headers: Record<string, string>;
  /** Request body (JSON), when there is one. */
  body?: string;
  /** Which request this is: `'claude-code'` (as the binary sends it) or `'minimal'`. Absent: minimal. */
  form?: 'claude-code' | 'minimal';
  /** The answer is a stream (SSE; Bedrock's AWS event stream on `invoke-with-response-stream`). */
  streaming?: boolean;
  /** Requests Claude Code sends first (Bedrock: `GET {base}/inference-profiles?type=SYSTEM_DEFINED`); their answer is not judged. */
  preliminary?: VerificationRequest[];
  /** Sent when the gateway answers 404 (Bedrock: Claude Code falls back from `invoke-with-response-stream` to `invoke`). */
  fallbackOn404?: VerificationRequest;
}

/** Options for building a verification request. */
export interface VerificationOptions {
  /** @default ANTHROPIC_MODEL, else claude-sonnet-4-6 */
  model?: string;
  /** The streaming check: max_tokens 16, stream true (docs/behavior.md#verification-check). @default false */
  stream?: boolean;
  /** The apiKeyHelper's output, when the credential is a helper (runApiKeyHelper gives it). */
  helperValue?: string;
  /**
   * Claude Platform on AWS: the active AWS profile's region from the AWS credentials or config file,
   * used when neither AWS_REGION nor AWS_DEFAULT_REGION holds a valid region (docs/behavior.md#aws-region).
   * verifyGateway reads the files itself when this is not given.
   */
  awsProfileRegion?: string;
  /**
   * `'claude-code'`: the first inference request of the modelled Claude Code version as recorded from
   * the binary (path with `?beta=true` or the provider's own path, `anthropic-beta`, `user-agent`,
   * `x-app`, a streaming body with Claude Code's top-level fields, and a provider's preliminary call),
   * so a gateway that refuses Claude Code's betas fails as Claude Code would. `'minimal'`: a plain
   * `POST {base}/v1/messages` with a one-token body (the Anthropic-format providers only).
   * @default 'claude-code'
   */
  request?: 'claude-code' | 'minimal';
}

function envValue(config: EffectiveConfig, name: string): string | undefined {
  return nonEmptyVar(config.env, name)?.value;
}

/** The endpoint the Messages request goes to, for the providers that speak the Anthropic format. */
function messagesBase(config: EffectiveConfig, options: VerificationOptions): string {
  if (config.provider === 'anthropic') return envValue(config, 'ANTHROPIC_BASE_URL') ?? 'https://api.anthropic.com';
  if (config.provider === 'foundry') {
    const base = envValue(config, 'ANTHROPIC_FOUNDRY_BASE_URL');
    const resource = envValue(config, 'ANTHROPIC_FOUNDRY_RESOURCE');
    if (base) return base;
    if (resource) return `https://${resource}.services.ai.azure.com/anthropic`;
  }
  if (config.provider === 'anthropic-aws') {
    const base = envValue(config, 'ANTHROPIC_AWS_BASE_URL');
    if (base) return base;
    const { region } = resolveAwsRegion(
      { AWS_REGION: envValue(config, 'AWS_REGION'), AWS_DEFAULT_REGION: envValue(config, 'AWS_DEFAULT_REGION') },
      options.awsProfileRegion,
    );
    return `https://aws-external-anthropic.${region}.api.aws`;
  }
  throw new ConfigError(
    'INVALID_OPTIONS',
    `the verification request speaks the Anthropic Messages format; ${config.providerLabel} uses its own (test it with the provider's tools)`,
  );
}

/** The model of the documented verification check (docs/behavior.md#verification-check). */
export const VERIFY_MODEL = 'claude-sonnet-4-6';

/**
 * The model id the verification request sends: ANTHROPIC_MODEL, with an alias (`opus`, `sonnet[1m]`,
 * ...) resolved through `ANTHROPIC_DEFAULT_<ALIAS>_MODEL` as Claude Code resolves it; an alias without
 * such a variable, or no ANTHROPIC_MODEL, gives {@link VERIFY_MODEL}, since Claude Code never sends an alias.
 */
export function verificationModel(env: (name: string) => string | undefined): string {
  const m = env('ANTHROPIC_MODEL');
  if (m === undefined) return VERIFY_MODEL;
  const alias = /^(opus|sonnet|haiku|fable)(\[1m\])?$/i.exec(m.trim());
  if (!alias) return m;
  return env(`ANTHROPIC_DEFAULT_${(alias[1] as string).toUpperCase()}_MODEL`) ?? VERIFY_MODEL;
}

/**
 * The request `verifyGateway` sends: by default the first inference request of the modelled Claude
 * Code version (see {@link buildClaudeCodeRequest}); with `request: 'minimal'`, `POST {base}/v1/messages`
 * with the credential headers and a one-token body (docs/behavior.md#verification-check).
 */
export function buildVerificationRequest(config: EffectiveConfig, options: VerificationOptions = {}): VerificationRequest {
  return options.request === 'minimal' ? buildMinimalRequest(config, options) : buildClaudeCodeRequest(config, options);
}

/** `POST {base}/v1/messages` with the credential headers and a one-token body (docs/behavior.md#verification-check). */
export function buildMinimalRequest(config: EffectiveConfig, options: VerificationOptions = {}): VerificationRequest {
  const base = messagesBase(config, options).replace(/\/+$/, '');
  const model = options.model ?? verificationModel((name) => envValue(config, name));
  const headers: Record<string, string> = {};
  for (const h of config.customHeaders) headers[h.name.toLowerCase()] = h.value;
  const workspace = envValue(config, 'ANTHROPIC_AWS_WORKSPACE_ID');
  if (config.provider === 'anthropic-aws' && workspace) headers['anthropic-workspace-id'] = workspace;
  Object.assign(headers, credentialHeaders(config, options.helperValue));
  headers['anthropic-version'] = '2023-06-01';
  headers['content-type'] = 'application/json';
  return {
    method: 'POST',
    url: `${base}/v1/messages`,
    headers,
    body: minimalBody(model, options.stream === true),
    form: 'minimal',
    ...(options.stream ? { streaming: true } : {}),
  };
}

/** The body of the documented check: one token, or with `stream` 16 streamed tokens (docs/behavior.md#verification-check). */
export function minimalBody(model: string, stream: boolean): string {
  const body = stream
    ? { model, max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'count to 3' }] }
    : { model, max_tokens: 1, messages: [{ role: 'user', content: '.' }] };
  return JSON.stringify(body);
}

/** The providers' request forms: the Anthropic Messages format and the two cloud formats. */
type BetaProvider = 'anthropic' | 'foundry' | 'anthropic-aws' | 'mantle' | 'vertex' | 'bedrock';

interface RecordedBetas {
  /** The `anthropic-beta` header of the first inference request with the provider's default model (`claude -p`). */
  header: Record<BetaProvider, string>;
  /** Bedrock's body field `anthropic_beta`. */
  bedrockBody: string;
  /** The body's `output_config.effort`. */
  effort: string;
  /** `thinking.display: 'omitted'` is sent for these providers. */
  displayOmitted: BetaProvider[];
}

/**
 * What the binary sent on its first inference request (`claude -p`, the provider's default model), keyed
 * by the first release that sent it: the layouts of vectors base-alone-user, provider-bedrock-skip-auth,
 * provider-vertex-skip-auth, provider-mantle-skip-auth, provider-anthropic-aws-skip-auth and
 * provider-foundry-skip-auth-helper run on 51 releases from 2.1.236 to 2.1.332 (2.1.236 and 2.1.332
 * are the recorded vectors; docs/behavior.md#verification-request). A release not run (2.1.237-240, 2.1.242, ...) may have
 * changed it earlier than the key says. A version gets the entry of the newest key at or below it.
 */
export const CLAUDE_CODE_REQUESTS: Readonly<Record<string, RecordedBetas>> = {
  '2.1.236': {
    header: {
      anthropic:
        'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,advanced-tool-use-2025-11-20,effort-2025-11-24,fallback-credit-2026-06-01',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      bedrock: 'claude-code-20250219,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,mid-conversation-system-2026-04-07,fallback-credit-2026-06-01',
    effort: 'high',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.257': {
    header: {
      anthropic:
        'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,advanced-tool-use-2025-11-20,effort-2025-11-24,fallback-credit-2026-06-01',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
    },
    bedrockBody:
      'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,mid-conversation-system-2026-04-07,thinking-token-count-2026-05-13,fallback-credit-2026-06-01',
    effort: 'high',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.271': {
    header: {
      anthropic:
        'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,mid-conversation-tool-changes-2026-07-01,effort-2025-11-24,fallback-credit-2026-06-01',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24,fallback-credit-2026-06-01',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
    },
    bedrockBody:
      'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,mid-conversation-system-2026-04-07,thinking-token-count-2026-05-13,fallback-credit-2026-06-01',
    effort: 'high',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.280': {
    header: {
      anthropic:
        'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,effort-2025-11-24,fallback-credit-2026-06-01',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24,fallback-credit-2026-06-01',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,fallback-credit-2026-06-01',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,mid-conversation-system-2026-04-07,effort-2025-11-24,fallback-credit-2026-06-01',
    },
    bedrockBody:
      'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,mid-conversation-system-2026-04-07,thinking-token-count-2026-05-13,fallback-credit-2026-06-01',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.283': {
    header: {
      anthropic:
        'claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,effort-2025-11-24',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,mid-conversation-system-2026-04-07,effort-2025-11-24',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,mid-conversation-system-2026-04-07,thinking-token-count-2026-05-13',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.285': {
    header: {
      anthropic:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,effort-2025-11-24,dangerous-tool-use-2026-09-03,afk-mode-2026-01-31',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24,dangerous-tool-use-2026-09-03,afk-mode-2026-01-31',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,dangerous-tool-use-2026-09-03,afk-mode-2026-01-31',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,mid-conversation-system-2026-04-07,tool-search-tool-2025-10-19,effort-2025-11-24,dangerous-tool-use-2026-09-03,afk-mode-2026-01-31',
      bedrock:
        'claude-code-20250219,thinking-token-count-2026-05-13,mid-conversation-system-2026-04-07,effort-2025-11-24,dangerous-tool-use-2026-09-03,afk-mode-2026-01-31',
    },
    bedrockBody:
      'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,afk-mode-2026-01-31,mid-conversation-system-2026-04-07,thinking-token-count-2026-05-13,dangerous-tool-use-2026-09-03',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.306': {
    header: {
      anthropic:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,prompt-caching-scope-2026-01-05,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,prompt-caching-scope-2026-01-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,prompt-caching-scope-2026-01-05,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advisor-tool-2026-03-01,advanced-tool-use-2025-11-20,effort-2025-11-24',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,tool-search-tool-2025-10-19,effort-2025-11-24',
      vertex: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,tool-search-tool-2025-10-19,effort-2025-11-24',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,thinking-token-count-2026-05-13',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.309': {
    header: {
      anthropic:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advanced-tool-use-2025-11-20,effort-2025-11-24',
      foundry: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advisor-tool-2026-03-01,advanced-tool-use-2025-11-20,effort-2025-11-24',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,context-management-2025-06-27,tool-search-tool-2025-10-19,effort-2025-11-24',
      vertex: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,tool-search-tool-2025-10-19,effort-2025-11-24',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,thinking-token-count-2026-05-13',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws'],
  },
  '2.1.311': {
    header: {
      anthropic:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advisor-tool-2026-03-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,tool-search-tool-2025-10-19,effort-2025-11-24',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,thinking-token-count-2026-05-13,tool-search-tool-2025-10-19,effort-2025-11-24',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,thinking-token-count-2026-05-13',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws', 'mantle', 'vertex', 'bedrock'],
  },
  '2.1.332': {
    header: {
      anthropic:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
      foundry:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,web-search-2025-03-05,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
      'anthropic-aws':
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,advisor-tool-2026-03-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
      mantle:
        'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,tool-search-tool-2025-10-19,effort-2025-11-24',
      vertex:
        'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,thinking-token-count-2026-05-13,tool-search-tool-2025-10-19,effort-2025-11-24',
      bedrock: 'claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24',
    },
    bedrockBody: 'interleaved-thinking-2025-05-14,tool-search-tool-2025-10-19,thinking-token-count-2026-05-13',
    effort: 'medium',
    displayOmitted: ['anthropic', 'foundry', 'anthropic-aws', 'mantle', 'vertex', 'bedrock'],
  },
};

/**
 * The betas CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS removes. Seen in the binary (a probe of the
 * baseline layouts with the variable set, 2.1.236 and 2.1.332): `claude-code`, `context-1m`,
 * `interleaved-thinking`, `web-search`, `mid-conversation-system`, `effort` and `fallback-credit` are
 * still sent; `context_management` and `thinking.display` are dropped from the body.
 */
const EXPERIMENTAL_BETAS =
  /^(?:context-management|prompt-caching-scope|thinking-token-count|advanced-tool-use|tool-search-tool|per-turn-control|mid-conversation-tool-changes|advisor-tool)-/;

function experimentalBetasOff(config: EffectiveConfig): boolean {
  return truth('CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS', envValue(config, 'CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS')) === 'on';
}

/** The recorded version whose request models `version`: the newest recorded at or below it, else the oldest. */
export function recordedRequestVersion(version: string): string {
  const versions = Object.keys(CLAUDE_CODE_REQUESTS).sort(compareVersions);
  let chosen = versions[0] as string;
  for (const v of versions) if (compareVersions(v, version) <= 0) chosen = v;
  return chosen;
}

function splitBetas(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
}

/**
 * The `anthropic-beta` values Claude Code sends for a configuration: the recorded list of the
 * provider and version, without the experimental ones when CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS is
 * on, then ANTHROPIC_BETAS. `body`: Bedrock's `anthropic_beta` body field instead of the header.
 */
export function claudeCodeBetas(config: EffectiveConfig, body = false): string[] {
  const recorded = CLAUDE_CODE_REQUESTS[recordedRequestVersion(config.claudeCodeVersion)] as RecordedBetas;
  let betas = splitBetas(body ? recorded.bedrockBody : recorded.header[config.provider]);
  if (experimentalBetasOff(config)) betas = betas.filter((b) => !EXPERIMENTAL_BETAS.test(b));
  if (!body) for (const b of splitBetas(envValue(config, 'ANTHROPIC_BETAS'))) if (!betas.includes(b)) betas.push(b);
  return betas;
}

/** The user agent of `claude -p` of a version (interactive sessions send `(external, cli)`). */
export function claudeCodeUserAgent(version: string): string {
  return `claude-cli/${version} (external, sdk-cli)`;
}

/** The max_tokens of the Claude Code request: Claude Code asks for 32000 to 128000; the check asks for less to stay cheap. */
export const CLAUDE_CODE_CHECK_MAX_TOKENS = 2048;

/** Models that take `thinking: {type: 'enabled', budget_tokens}` rather than adaptive thinking. */
const BUDGET_THINKING_RE = /claude-(?:3|(?:opus|sonnet|haiku)-4-[0-5](?!\d)|(?:opus|sonnet)-4(?:-\d{8})?$)/;

function required(config: EffectiveConfig, name: string, why: string): string {
  const v = envValue(config, name);
  if (v === undefined) throw new ConfigError('INVALID_OPTIONS', `${why}: set ${name}`);
  return v.replace(/\/+$/, '');
}

/**
 * The model as the provider's request names it: the session's (`config.model.sent`), or the one the
 * caller chose, named as Claude Code would name it on this provider (docs/behavior.md#provider-model-ids).
 */
function providerModel(config: EffectiveConfig, model: string, explicit: boolean): SentModel {
  if (!explicit && config.model !== undefined) return config.model.sent;
  const version = config.claudeCodeVersion;
  return resolveSentModel({
    id: model,
    provider: config.provider,
    version,
    env: (name) => envValue(config, name),
    builtIn: (family) => builtInModelTarget(family, version).id,
    overrides: config.keys?.['modelOverrides'],
  }).sent;
}

/**
 * The first inference request of the modelled Claude Code version, as recorded from the binary
 * (docs/behavior.md#verification-request): for the Anthropic-format providers (the Anthropic API and its gateways, Foundry,
 * Claude Platform on AWS, Mantle) `POST {base}/v1/messages?beta=true`; Vertex `POST
 * {base}/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:streamRawPredict`;
 * Bedrock `GET {base}/inference-profiles?type=SYSTEM_DEFINED` first, then `POST
 * {base}/model/{model}/invoke-with-response-stream` (and `…/invoke` when that answers 404). Headers:
 * `anthropic-beta` (the recorded list), `anthropic-version`, `user-agent: claude-cli/<version>
 * (external, sdk-cli)`, `x-app: cli`, the custom headers, the credential headers of
 * `config.credentialHeaders`. The body has Claude Code's top-level fields (system, metadata, thinking,
 * context_management, output_config, stream; no tools) with a short prompt and a small max_tokens.
 * Bedrock, Vertex and Mantle need their base URL (a gateway) and the provider's skip-auth switch
 * or a credential header: nothing is signed here.
 */
export function buildClaudeCodeRequest(config: EffectiveConfig, options: VerificationOptions = {}): VerificationRequest {
  const recorded = CLAUDE_CODE_REQUESTS[recordedRequestVersion(config.claudeCodeVersion)] as RecordedBetas;
  const provider = config.provider;
  const explicit = options.model !== undefined;
  const sessionModel = options.model ?? config.model?.id ?? verificationModel((name) => envValue(config, name));
  const sent = providerModel(config, sessionModel, explicit);
  const model = sent.id;
  const betas = claudeCodeBetas(config);
  const credential = credentialHeaders(config, options.helperValue);
  if (
    (provider === 'bedrock' || provider === 'vertex' || provider === 'mantle') &&
    Object.keys(credential).length === 0 &&
    truth(PROVIDER_SKIP_AUTH[provider], envValue(config, PROVIDER_SKIP_AUTH[provider])) !== 'on'
  ) {
    throw new ConfigError(
      'INVALID_OPTIONS',
      `${config.providerLabel} signs its requests with cloud credentials, which the verification request does not do; it checks a gateway that authenticates for Claude Code (${PROVIDER_SKIP_AUTH[provider]}=1 and ${PROVIDER_BASE_URL[provider]})`,
    );
  }
  const headers: Record<string, string> = {};
  if (betas.length > 0) headers['anthropic-beta'] = betas.join(',');
  headers['anthropic-version'] = '2023-06-01';
  headers['user-agent'] = claudeCodeUserAgent(config.claudeCodeVersion);
  headers['x-app'] = 'cli';
  // A custom header replaces Claude Code's own of the same name (vector custom-headers-names-user-agent).
  for (const h of config.customHeaders) headers[h.name.toLowerCase()] = h.value;
  const workspace = envValue(config, 'ANTHROPIC_AWS_WORKSPACE_ID');
  if (provider === 'anthropic-aws' && workspace) headers['anthropic-workspace-id'] = workspace;
  Object.assign(headers, credential);
  headers['content-type'] = 'application/json';

  const budget = BUDGET_THINKING_RE.test(sessionModel);
  const thinking: Record<string, unknown> = budget ? { type: 'enabled', budget_tokens: 1024 } : { type: 'adaptive' };
  // `display: 'omitted'` goes with the experimental betas (probe with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS on 2.1.236 and 2.1.332).
  if (recorded.displayOmitted.includes(provider) && !experimentalBetasOff(config)) thinking['display'] = 'omitted';
  const body: Record<string, unknown> = {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'say hi' }] }],
    system: [{ type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." }],
    metadata: { user_id: JSON.stringify({ device_id: '0'.repeat(64), account_uuid: '', session_id: '00000000-0000-4000-8000-000000000000' }) },
    max_tokens: CLAUDE_CODE_CHECK_MAX_TOKENS,
  };
  if (truth('CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING', envValue(config, 'CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING')) !== 'on' || budget) body['thinking'] = thinking;
  if (betas.includes('context-management-2025-06-27') && provider !== 'vertex')
    body['context_management'] = { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] };
  if (betas.includes('effort-2025-11-24') && !budget) body['output_config'] = { effort: recorded.effort };
  const base = (name: string): string => required(config, name, `the Claude Code request to ${config.providerLabel} goes to a gateway`);

  if (provider === 'vertex') {
    delete body['model'];
    body['stream'] = true;
    body['anthropic_version'] = 'vertex-2023-10-16';
    const project = required(config, 'ANTHROPIC_VERTEX_PROJECT_ID', 'Vertex AI needs a project');
    const region = sent.vertexLocation?.region ?? 'us-east5';
    const url = `${base('ANTHROPIC_VERTEX_BASE_URL')}/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(region)}/publishers/anthropic/models/${encodeURIComponent(model)}:streamRawPredict`;
    return { method: 'POST', url, headers, body: JSON.stringify(body), form: 'claude-code', streaming: true };
  }
  if (provider === 'bedrock') {
    delete body['model'];
    delete body['context_management'];
    body['anthropic_beta'] = claudeCodeBetas(config, true);
    body['anthropic_version'] = 'bedrock-2023-05-31';
    const root = base('ANTHROPIC_BEDROCK_BASE_URL');
    const invoke = `${root}/model/${encodeURIComponent(model)}`;
    const profiles: VerificationRequest = {
      method: 'GET',
      url: `${root}/inference-profiles?type=SYSTEM_DEFINED`,
      headers: { ...credential },
      form: 'claude-code',
    };
    const text = JSON.stringify(body);
    return {
      method: 'POST',
      url: `${invoke}/invoke-with-response-stream`,
      headers,
      body: text,
      form: 'claude-code',
      streaming: true,
      preliminary: [profiles],
      fallbackOn404: { method: 'POST', url: `${invoke}/invoke`, headers, body: text, form: 'claude-code' },
    };
  }
  body['stream'] = true;
  const root = provider === 'mantle' ? base('ANTHROPIC_BEDROCK_MANTLE_BASE_URL') : messagesBase(config, options).replace(/\/+$/, '');
  return { method: 'POST', url: `${root}/v1/messages?beta=true`, headers, body: JSON.stringify(body), form: 'claude-code', streaming: true };
}

/** The password of `scheme://user:password@host` in a URL. */
const URL_PASSWORD_RE = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)([^/?#@]*)@/i;

/** The credentials a request carries: credential-bearing header values (and the token after `Bearer`), URL credentials. */
export function requestSecrets(request: VerificationRequest): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(request.headers)) {
    if (!isCredentialHeaderName(k) || v === '') continue;
    out.push(v);
    const token = /^\s*(?:bearer|basic|token)\s+(\S+)\s*$/i.exec(v)?.[1];
    if (token) out.push(token);
  }
  return [...out, ...urlCredentials(request.url)];
}

/**
 * The request with credential values replaced, fit to print or log: every header whose name says it
 * carries a credential (`authorization`, `x-api-key`, `Helicone-Auth`, `cf-aig-authorization`, …),
 * the URL's password or credential query parameter, and any other header or body text holding one
 * of the request's credentials or of `secrets` (for example every secret of the configuration).
 */
export function maskRequest(request: VerificationRequest, secrets: Iterable<string | undefined> = []): VerificationRequest {
  const redactor = createRedactor([...requestSecrets(request), ...secrets]);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) {
    headers[k] = isCredentialHeaderName(k) ? (/^bearer /i.test(v) ? `${v.slice(0, 7)}<redacted>` : '<redacted>') : redactor.text(v);
  }
  return { ...request, url: redactor.text(request.url), headers, ...(request.body !== undefined ? { body: redactor.text(request.body) } : {}) };
}

/** The password a URL carries in its user information, if any. */
export function urlPassword(url: string): string | undefined {
  const m = URL_PASSWORD_RE.exec(url);
  return m?.[2] || undefined;
}

/** What a verification request's answer (or failure) means, from `ok` to a network error. */
export type VerifyOutcome =
  | 'ok'
  | 'model-unknown'
  | 'unauthorized'
  | 'forbidden-waf'
  | 'forbidden'
  | 'not-an-api-response'
  | 'not-found'
  | 'upstream-rejects-fields'
  | 'bad-request'
  | 'rate-limited'
  | 'server-error'
  | 'redirect'
  | 'connection-refused'
  | 'dns-failure'
  | 'tls-untrusted'
  | 'timeout'
  | 'network-error'
  | 'stream-buffered'
  | 'beta-refused';

/** The outcomes where no answer came back: the request failed on the network (no status to read). */
export type VerifyNetworkOutcome = 'connection-refused' | 'dns-failure' | 'tls-untrusted' | 'timeout' | 'network-error';

/** The outcomes read from an answer (a status and a body). */
export type VerifyAnsweredOutcome = Exclude<VerifyOutcome, VerifyNetworkOutcome>;

/** What an answer or a failure means: `classifyResponse` gives a {@link VerifyAnsweredOutcome}, `classifyFailure` a {@link VerifyNetworkOutcome}. */
export interface Classified<O extends VerifyOutcome = VerifyOutcome> {
  /** What it means. */
  outcome: O;
  /** One sentence saying what happened. */
  message: string;
  /** What to do about it, when something can be done. */
  hint?: string;
}

/** How the events of a streamed answer arrived: the number of network reads that carried `data:` lines, and of those lines. */
export interface StreamArrival {
  /** Network reads that carried `data:` lines. */
  dataReads: number;
  /** `data:` lines received. */
  events: number;
}

/** Reads an HTTP answer to the verification request (docs/behavior.md#gateway-errors); `stream` when the streaming check was sent. */
export function classifyResponse(
  status: number,
  contentType: string,
  body: string,
  config?: EffectiveConfig,
  location?: string,
  stream?: StreamArrival,
): Classified<VerifyAnsweredOutcome> {
  const json = /json/i.test(contentType) || /^\s*\{/.test(body);
  const html = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
  const cred = config?.credential.variable;
  // The streaming check (docs/behavior.md#verification-check): incremental data: lines expected; all at once means something buffers.
  if (stream && status === 200) {
    const sse = /^(?:event|data):/m.test(body);
    const hint =
      'Turn off response buffering for /v1/messages in the gateway and any proxy in front of it (nginx: proxy_buffering off or X-Accel-Buffering: no)';
    if (!sse && json && /"content"\s*:/.test(body)) {
      return {
        outcome: 'stream-buffered',
        message:
          'Asked to stream, the gateway answered with one JSON message: it does not pass streaming through, so Claude Code shows nothing until an answer is complete and long answers may time out',
        hint,
      };
    }
    if (sse && stream.events > 1 && stream.dataReads <= 1) {
      return { outcome: 'stream-buffered', message: `All ${stream.events} streamed events arrived at once: the gateway or a proxy buffers the stream`, hint };
    }
  }
  if (status >= 300 && status < 400) {
    // The Location may carry the credential back (a token in the query, user information).
    const shownLocation = location ? createRedactor(config ? secretValuesOf(config) : []).reply(location) : undefined;
    return {
      outcome: 'redirect',
      message: `The gateway redirects (${status}${shownLocation ? ` to ${shownLocation}` : ''}); Claude Code does not follow redirects for discovery and the address should be the final one`,
      hint: 'Use the address the redirect points to as the base URL',
    };
  }
  if (status === 200 && json && /"content"\s*:/.test(body) && /"(id|type)"\s*:/.test(body))
    return { outcome: 'ok', message: 'The gateway answered with a message: the URL and the credential work' };
  if (status === 200 && json && /^\s*(?:data|event):/m.test(body))
    return { outcome: 'ok', message: 'The gateway streamed events: the URL and the credential work' };
  if (status === 200 && /vnd\.amazon\.eventstream/i.test(contentType))
    return { outcome: 'ok', message: 'The gateway streamed an AWS event stream: the URL and the credential work' };
  if (status === 200 && /^(event|data):/m.test(body)) return { outcome: 'ok', message: 'The gateway streamed events: the URL and the credential work' };
  if (status === 200)
    return {
      outcome: 'not-an-api-response',
      message: `The gateway answered 200 with ${html ? 'an HTML page' : 'something that is not an API response'}: Claude Code reports "API returned an empty or malformed response"`,
      hint: 'A proxy or login page is in the way; fix the route to /v1/messages',
    };
  if (status === 401) {
    const other =
      cred === 'ANTHROPIC_AUTH_TOKEN'
        ? 'ANTHROPIC_API_KEY (x-api-key)'
        : cred === 'ANTHROPIC_API_KEY'
          ? 'ANTHROPIC_AUTH_TOKEN (Authorization: Bearer)'
          : undefined;
    return {
      outcome: 'unauthorized',
      message: `401: the gateway rejected the credential${cred ? ` from ${cred}` : ''}`,
      hint: other ? `The gateway may read the other header: try the same value as ${other}` : 'Check the key is issued by this gateway and active',
    };
  }
  if (status === 403 && html)
    return {
      outcome: 'forbidden-waf',
      message: '403 with an HTML page: a web application firewall blocked the request body',
      hint: 'Exempt /v1/messages from body inspection (AWS WAF CrossSiteScripting_Body, ModSecurity CRS body rules)',
    };
  if (status === 403) return { outcome: 'forbidden', message: '403: the credential is valid but not allowed to use this model or route' };
  if (status === 404 && json && /model/i.test(body))
    return {
      outcome: 'model-unknown',
      message: 'The gateway does not know the model, which proves the URL and the credential work (auth happens first)',
      hint: 'Route the model name, or set ANTHROPIC_MODEL to one the gateway knows',
    };
  if (status === 404)
    return {
      outcome: 'not-found',
      message: '404: nothing at /v1/messages under this base URL, or a gateway that answers an unrouted model with a bare 404',
      hint: 'Check the base URL path (without /v1); if it is right, check that the gateway routes the model',
    };
  if (status === 400 && /anthropic[-_]beta|\bbetas?\b|[a-z]+(?:-[a-z0-9]+)*-20\d\d-\d\d-\d\d/i.test(body)) {
    return {
      outcome: 'beta-refused',
      message: "400: the gateway refuses Claude Code's anthropic-beta values, so Claude Code fails here too",
      hint: "Make the gateway forward anthropic-beta verbatim (no allowlist); CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 drops only the experimental betas (claude-code-20250219 and others are still sent); the minimal request (request: 'minimal') shows whether the rest works",
    };
  }
  if (status === 400 && /context_management|Extra inputs are not permitted/i.test(body))
    return {
      outcome: 'upstream-rejects-fields',
      message: '400: the upstream rejects Anthropic-only fields (context_management, betas)',
      hint: 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, or forward betas and fields together',
    };
  if (status === 400 && /adaptive|thinking/i.test(body))
    return {
      outcome: 'upstream-rejects-fields',
      message: '400: the upstream does not know adaptive reasoning',
      hint: 'Upgrade the upstream, or CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 on Opus/Sonnet 4.6',
    };
  if (status === 400 && /model/i.test(body))
    return {
      outcome: 'model-unknown',
      message: 'The gateway does not know the model, which proves the URL and the credential work',
      hint: 'Route the model name, or set ANTHROPIC_MODEL',
    };
  if (status === 400) return { outcome: 'bad-request', message: '400: the gateway refused the request' };
  if (status === 429) return { outcome: 'rate-limited', message: '429: rate limited (Claude Code retries up to 10 times, honouring Retry-After)' };
  if (status >= 500)
    return { outcome: 'server-error', message: `${status}: the gateway or its upstream failed`, hint: 'Check the gateway logs for the upstream error' };
  return { outcome: 'bad-request', message: `${status}: unexpected answer` };
}

/** Reads a network failure (Node's error codes) as an outcome. */
export function classifyFailure(code: string | undefined, name: string | undefined, config?: EffectiveConfig): Classified<VerifyNetworkOutcome> {
  const base = config?.baseUrl ? maskValue(config.baseUrl.name, config.baseUrl.value) : 'the base URL';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT')
    return {
      outcome: 'timeout',
      message: `No answer from ${base} in time`,
      hint: 'A firewall dropping packets, or a gateway that buffers: try the streaming check',
    };
  if (code === 'ECONNREFUSED')
    return { outcome: 'connection-refused', message: `Connection refused at ${base}: nothing listens there`, hint: 'Check the host, the port and the VPN' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { outcome: 'dns-failure', message: `The host of ${base} does not resolve`, hint: 'Check the name, DNS and VPN' };
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code))
    return {
      outcome: 'tls-untrusted',
      message: `The gateway's TLS certificate is not trusted (${code})`,
      hint: 'Set NODE_EXTRA_CA_CERTS to the CA bundle (PEM); Claude Code needs it too',
    };
  return { outcome: 'network-error', message: `The request failed (${code ?? name ?? 'unknown error'})` };
}
