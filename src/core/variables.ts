/**
 * What Claude Code knows about particular environment variables: which hold credentials, which
 * choose the route, which files may not set them. One place, so every part of the library agrees.
 */
import type { Provider } from './types';

/** Variables whose values are credentials. Printers mask them. */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_FOUNDRY_API_KEY',
  'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
  'ANTHROPIC_AWS_API_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CLAUDE_CODE_CLIENT_KEY_PASSPHRASE',
];

const CREDENTIAL_SET = new Set(CREDENTIAL_VARIABLES);

/**
 * Header names whose values are credentials, in `ANTHROPIC_CUSTOM_HEADERS`, OTLP headers and requests:
 * any name containing `auth` (`Authorization`, `Proxy-Authorization`, `Helicone-Auth`,
 * `cf-aig-authorization`, `X-Auth-Token`), `key` (`x-api-key`, `api-key`, `apikey`, `x-goog-api-key`,
 * `X-Portkey-Api-Key`, `Ocp-Apim-Subscription-Key`), `token`, `secret`, `passw`, `passphrase`,
 * `credential`, `cookie`, `session`, `signature`, `jwt` or `bearer`, in any casing, and
 * `x-honeycomb-team` (an OTLP exporter's key). Broad on purpose
 * (an idempotency key is masked too); names such as `x-request-id`, `anthropic-beta`,
 * `anthropic-version` or `x-team` are not masked (docs/behavior.md#secrets).
 */
const CREDENTIAL_HEADER_RE = /auth|key|token|secret|passw|passphrase|credential|cookie|session|signature|jwt|bearer|^x-honeycomb-team$/i;

/** True for a header name that carries a credential. */
export function isCredentialHeaderName(name: string): boolean {
  return CREDENTIAL_HEADER_RE.test(name);
}

/** Names that say they hold a secret (`GATEWAY_TOKEN`, `VAULT_SECRET`, `MY_API_KEY`): masked too, to be safe. */
const SECRET_NAME_RE = /(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)$|_KEY$/i;

/**
 * True when the whole value of the variable is a credential: the credential variables, and names
 * that say they hold a secret (with a non-empty value). Other variables may hold a credential inside
 * their value (a URL's password, a header line); {@link isSecretVariable} says so for those.
 */
export function isCredentialVariable(name: string, value: string): boolean {
  return CREDENTIAL_SET.has(name) || (SECRET_NAME_RE.test(name) && value !== '');
}

/** The variables that hold header lines: `ANTHROPIC_CUSTOM_HEADERS` (`Name: Value` lines) and the OTLP headers (`name=value,name=value`). */
export function headerVariableFormat(name: string): 'lines' | 'pairs' | undefined {
  if (name === 'ANTHROPIC_CUSTOM_HEADERS') return 'lines';
  if (/^OTEL_EXPORTER_OTLP(_[A-Z]+)?_HEADERS$/.test(name)) return 'pairs';
  return undefined;
}

/** The `[name, value]` pairs of a header variable's text, in either format. */
export function headerPairs(value: string, format: 'lines' | 'pairs'): [string, string][] {
  const out: [string, string][] = [];
  for (const part of format === 'lines' ? value.split(/\r?\n/) : value.split(',')) {
    const i = part.indexOf(format === 'lines' ? ':' : '=');
    if (i > 0) out.push([part.slice(0, i).trim(), part.slice(i + 1).trim()]);
  }
  return out;
}

/**
 * A URL's credentials: user information with a password (`scheme://user:password@`, also without the
 * scheme at the start of a value), user information alone (`scheme://token@`), and query parameters
 * named like a credential (`?api_key=`, `?token=`, `?sig=`).
 */
const URL_USERINFO_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#@\s]*:[^/?#@\s]*@|^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s:]+@/i;
const URL_QUERY_RE = /[?&]([^=&#\s]+)=([^&#\s]+)/g;

/** True for a query parameter name that carries a credential (`api_key`, `access_token`, `sig`, `X-Amz-Signature`). */
export function isCredentialParameterName(name: string): boolean {
  return isCredentialHeaderName(name) || /^(sig|pass|pwd)$/i.test(name);
}

/** True when a value is (or starts with) a URL that carries a credential in its user information or query. */
export function urlHasCredential(value: string): boolean {
  // Most values hold neither: answer without a regular expression (it ran for every variable of every write).
  if (!value.includes('@') && !value.includes('?')) return false;
  if (URL_USERINFO_RE.test(value)) return true;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !value.includes('?')) return false;
  for (const m of value.matchAll(URL_QUERY_RE)) if (isCredentialParameterName(m[1] ?? '')) return true;
  return false;
}

/**
 * True when a variable's value must be masked, whole or in part: credential variables, variables
 * whose name says they hold a secret, header variables with a credential-bearing header
 * (`ANTHROPIC_CUSTOM_HEADERS`, `OTEL_EXPORTER_OTLP_HEADERS`), and any variable whose value is a URL
 * with a credential in it (`https://user:password@gw…` in `ANTHROPIC_BASE_URL`, a proxy, …).
 * Printers show a URL with only its password replaced, and headers with only the credential values
 * replaced (`maskValue`).
 */
export function isSecretVariable(name: string, value: string): boolean {
  if (isCredentialVariable(name, value)) return true;
  const format = headerVariableFormat(name);
  if (format && headerPairs(value, format).some(([n]) => isCredentialHeaderName(n))) return true;
  return urlHasCredential(value);
}

/** The `CLAUDE_CODE_USE_*` switch of each provider (docs/behavior.md#providers). */
export const PROVIDER_SWITCHES: Readonly<Record<Exclude<Provider, 'anthropic'>, string>> = {
  bedrock: 'CLAUDE_CODE_USE_BEDROCK',
  mantle: 'CLAUDE_CODE_USE_MANTLE',
  vertex: 'CLAUDE_CODE_USE_VERTEX',
  foundry: 'CLAUDE_CODE_USE_FOUNDRY',
  'anthropic-aws': 'CLAUDE_CODE_USE_ANTHROPIC_AWS',
};

/** The endpoint variable of each provider (docs/behavior.md#providers). */
export const PROVIDER_BASE_URL: Readonly<Record<Provider, string>> = {
  anthropic: 'ANTHROPIC_BASE_URL',
  bedrock: 'ANTHROPIC_BEDROCK_BASE_URL',
  mantle: 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL',
  vertex: 'ANTHROPIC_VERTEX_BASE_URL',
  foundry: 'ANTHROPIC_FOUNDRY_BASE_URL',
  'anthropic-aws': 'ANTHROPIC_AWS_BASE_URL',
};

/** The skip-auth variable of each provider (docs/behavior.md#providers). */
export const PROVIDER_SKIP_AUTH: Readonly<Record<Exclude<Provider, 'anthropic'>, string>> = {
  bedrock: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
  mantle: 'CLAUDE_CODE_SKIP_MANTLE_AUTH',
  vertex: 'CLAUDE_CODE_SKIP_VERTEX_AUTH',
  foundry: 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH',
  'anthropic-aws': 'CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH',
};

/**
 * Routing variables for the credential-paired rule (docs/behavior.md#managed-precedence): a non-winning
 * managed source that also sets `apiKeyHelper` or `otelHeadersHelper` does not contribute these. Claude
 * Code's documentation leaves the set open; this is our choice (docs/behavior.md#open-points-what-we-chose): endpoints, provider switches, skip-auth switches and custom headers.
 */
export const ROUTING_VARIABLES: ReadonlySet<string> = new Set([
  ...Object.values(PROVIDER_BASE_URL),
  ...Object.values(PROVIDER_SWITCHES),
  ...Object.values(PROVIDER_SKIP_AUTH),
  'ANTHROPIC_CUSTOM_HEADERS',
]);

/** The telemetry unit (docs/behavior.md#managed-precedence): these follow, as a unit, the highest managed source that sets any of them. */
export function isTelemetryUnitVariable(name: string): boolean {
  return (
    name.startsWith('OTEL_EXPORTER_OTLP_') ||
    name.startsWith('OTEL_LOG_') ||
    name === 'OTEL_LOGS_EXPORTER' ||
    name === 'ENABLE_BETA_TRACING_DETAILED' ||
    name === 'BETA_TRACING_ENDPOINT'
  );
}

/** Variables project and local files may not set, only user and managed (docs/behavior.md#settings-env-and-shell). */
export const USER_OR_MANAGED_ONLY_VARIABLES: ReadonlySet<string> = new Set([
  'CLAUDE_CODE_PROCESS_WRAPPER',
  'CLAUDE_CODE_SYNC_SKILLS',
  'CLAUDE_CODE_SYNC_PLUGINS',
  'CLAUDE_CODE_PLUGIN_CACHE_DIR',
  'CLAUDE_CODE_PLUGIN_SEED_DIR',
]);

/** Variables ignored from every settings file (docs/behavior.md#settings-env-and-shell), with the version from which they are. */
export const IGNORED_FROM_FILES: ReadonlyMap<string, 'always' | 'ignoreMessagingSocket' | 'ignoreMessagingToken' | 'ignoreProjectDirName'> = new Map([
  ['CLAUDE_CODE_REMOTE', 'always'],
  ['CLAUDE_CODE_ACCOUNT_UUID', 'always'],
  ['CLAUDE_CODE_MESSAGING_SOCKET', 'ignoreMessagingSocket'],
  ['CLAUDE_CODE_MESSAGING_TOKEN', 'ignoreMessagingToken'],
  ['CLAUDE_CODE_PROJECT_DIR_NAME', 'ignoreProjectDirName'],
]);

/**
 * With `CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` set by an embedding host (docs/behavior.md#settings-env-and-shell), settings files cannot
 * choose the provider, endpoint or credential.
 */
export function isHostManagedVariable(name: string): boolean {
  return (
    ROUTING_VARIABLES.has(name) ||
    CREDENTIAL_SET.has(name) ||
    name === 'AWS_ACCESS_KEY_ID' ||
    name === 'AWS_PROFILE' ||
    name === 'AWS_REGION' ||
    name === 'ANTHROPIC_AWS_WORKSPACE_ID' ||
    name === 'ANTHROPIC_VERTEX_PROJECT_ID' ||
    name === 'ANTHROPIC_FOUNDRY_RESOURCE' ||
    name === 'CLOUD_ML_REGION'
  );
}

/**
 * "Safe" variables apply from project and local files before workspace trust (docs/behavior.md#trust-gating). Claude Code does
 * not publish its list; ours is deliberately narrow (model selection, timeouts and limits, output and
 * telemetry toggles) and never includes endpoints, credentials, providers, proxies, TLS or headers.
 */
export function isSafeBeforeTrust(name: string): boolean {
  if (ROUTING_VARIABLES.has(name) || CREDENTIAL_SET.has(name)) return false;
  return (
    /^ANTHROPIC_(MODEL|DEFAULT_MODEL|SMALL_FAST_MODEL)$/.test(name) ||
    /^ANTHROPIC_DEFAULT_(OPUS|SONNET|HAIKU|FABLE)_MODEL(_NAME|_DESCRIPTION)?$/.test(name) ||
    name === 'CLAUDE_CODE_SUBAGENT_MODEL' ||
    /^(API_TIMEOUT_MS|BASH_DEFAULT_TIMEOUT_MS|BASH_MAX_TIMEOUT_MS|BASH_MAX_OUTPUT_LENGTH|MAX_THINKING_TOKENS|MAX_MCP_OUTPUT_TOKENS|MCP_TIMEOUT|MCP_TOOL_TIMEOUT)$/.test(
      name,
    ) ||
    /^CLAUDE_CODE_(MAX_OUTPUT_TOKENS|MAX_CONTEXT_TOKENS|AUTO_COMPACT_WINDOW|EFFORT_LEVEL|DISABLE_1M_CONTEXT|DISABLE_THINKING|DISABLE_ADAPTIVE_THINKING|DISABLE_TERMINAL_TITLE)$/.test(
      name,
    ) ||
    /^(DISABLE_TELEMETRY|DISABLE_ERROR_REPORTING|DISABLE_AUTOUPDATER|DISABLE_COST_WARNINGS|DO_NOT_TRACK|NO_COLOR|FORCE_COLOR)$/.test(name)
  );
}

/** Variables that any non-empty value switches on, `0` and `false` included (docs/behavior.md#variable-values). */
const ANY_VALUE_IS_ON: ReadonlySet<string> = new Set([
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
  'DISABLE_TELEMETRY',
  'DISABLE_ERROR_REPORTING',
  'CLAUDE_CODE_TMUX_TRUECOLOR',
  'FALLBACK_FOR_ALL_PRIMARY_MODELS',
  'IS_DEMO',
]);

/** How Claude Code reads a boolean variable (docs/behavior.md#variable-values): `on`, `off`, `unset` (absent or empty), or `unrecognised`. */
export type Truth = 'on' | 'off' | 'unset' | 'unrecognised';

/**
 * Claude Code's truthiness (docs/behavior.md#variable-values): `1`/`true`/`yes`/`on` on and `0`/`false` off in any casing, spaces
 * trimmed; empty means unset; the six any-value variables are on for every non-empty value. The binary
 * switches a provider on with `yes` and `on` (vectors provider-bedrock-switch-yes, -on); we read every
 * boolean variable the same way (docs/behavior.md#open-points-what-we-chose). Other words are reported.
 */
export function truth(name: string, value: string | undefined): Truth {
  if (value === undefined || value === '') return 'unset';
  if (ANY_VALUE_IS_ON.has(name)) return 'on';
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return 'on';
  if (v === '0' || v === 'false') return 'off';
  return 'unrecognised';
}

/** Mask a secret for display: its length only. */
export function maskSecret(value: string): string {
  return `<redacted: ${value.length} chars>`;
}

const GATEWAY_VARIABLE_RE =
  /^(ANTHROPIC_|CLAUDE_CODE_(USE|SKIP)_|CLAUDE_CODE_(API_KEY_HELPER_TTL_MS|ENABLE_GATEWAY_MODEL_DISCOVERY|DISABLE_NONESSENTIAL_TRAFFIC|DISABLE_EXPERIMENTAL_BETAS|OAUTH_TOKEN|PROVIDER_MANAGED_BY_HOST)$|AWS_(REGION|PROFILE|BEARER_TOKEN_BEDROCK|DEFAULT_REGION)$|CLOUD_ML_REGION$|HTTPS?_PROXY$|NO_PROXY$|NODE_EXTRA_CA_CERTS$|CLAUDE_CONFIG_DIR$)/;

/** A variable that bears on the gateway, credential, provider or model (what `status` lists without `--all`). */
export function isGatewayVariable(name: string): boolean {
  return GATEWAY_VARIABLE_RE.test(name);
}
