/**
 * The verification request of §6 built from a resolved configuration, and the reading of what came
 * back (§6, §10). Pure: the Node side sends it.
 */
import { resolveAwsRegion } from './aws-region';
import { ConfigError } from './errors';
import type { EffectiveConfig } from './types';
import { createRedactor, maskValue, secretValuesOf, urlCredentials } from './redact';
import { isCredentialHeaderName } from './variables';

export interface VerificationRequest {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface VerificationOptions {
  /** @default ANTHROPIC_MODEL, else claude-sonnet-4-6 */
  model?: string;
  /** The streaming check: max_tokens 16, stream true (§6). @default false */
  stream?: boolean;
  /** The apiKeyHelper's output, when the credential is a helper (runApiKeyHelper gives it). */
  helperValue?: string;
  /**
   * Claude Platform on AWS: the active AWS profile's region from the AWS credentials or config file,
   * used when neither AWS_REGION nor AWS_DEFAULT_REGION holds a valid region (§5.4, §5.7).
   * verifyGateway reads the files itself when this is not given.
   */
  awsProfileRegion?: string;
}

function envValue(config: EffectiveConfig, name: string): string | undefined {
  const v = Object.hasOwn(config.env, name) ? config.env[name] : undefined;
  return v && v.value !== '' ? v.value : undefined;
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
    const { region } = resolveAwsRegion({ AWS_REGION: envValue(config, 'AWS_REGION'), AWS_DEFAULT_REGION: envValue(config, 'AWS_DEFAULT_REGION') }, options.awsProfileRegion);
    return `https://aws-external-anthropic.${region}.api.aws`;
  }
  throw new ConfigError('INVALID_OPTIONS', `the verification request speaks the Anthropic Messages format; ${config.providerLabel} uses its own (test it with the provider's tools)`);
}

/**
 * The credential headers the configuration really sends on inference (§3.2), with their values: each
 * entry of `config.credentialHeaders`, so both headers when both apply (ANTHROPIC_AUTH_TOKEN as the
 * bearer and ANTHROPIC_API_KEY as `x-api-key`), and the helper's output in each header the helper
 * fills. `helperValue` is required when the helper fills one.
 */
export function credentialHeaders(config: EffectiveConfig, helperValue?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headersOf(config)) {
    let v: string | undefined;
    if (h.kind === 'api-key-helper') {
      if (helperValue === undefined) throw new ConfigError('INVALID_OPTIONS', 'the credential is an apiKeyHelper: pass helperValue (runApiKeyHelper gives it)');
      v = helperValue;
    } else {
      // Surrounding whitespace is not sent (vector padded-token-user; docs/behavior.md).
      v = h.variable ? envValue(config, h.variable)?.trim() : undefined;
    }
    if (v === undefined) continue;
    out[h.header] = h.header === 'authorization' ? `Bearer ${v}` : v;
  }
  return out;
}

/** `config.credentialHeaders`, or, for a configuration made before it existed, the headers of `config.credential`. */
function headersOf(config: EffectiveConfig): { header: string; kind: string; variable?: string | undefined }[] {
  if (Array.isArray(config.credentialHeaders)) return config.credentialHeaders;
  const c = config.credential;
  return c.headers.map((header) => ({ header, kind: c.kind, variable: c.kind === 'api-key-helper' ? undefined : c.variable }));
}

/** The model of the §6 request. */
export const VERIFY_MODEL = 'claude-sonnet-4-6';

/**
 * The model id the verification request sends: ANTHROPIC_MODEL, with an alias (`opus`, `sonnet[1m]`,
 * ...) resolved through `ANTHROPIC_DEFAULT_<ALIAS>_MODEL` as Claude Code resolves it; an alias without
 * such a variable, or no ANTHROPIC_MODEL, gives the §6 model, since Claude Code never sends an alias.
 */
export function verificationModel(env: (name: string) => string | undefined): string {
  const m = env('ANTHROPIC_MODEL');
  if (m === undefined) return VERIFY_MODEL;
  const alias = /^(opus|sonnet|haiku|fable)(\[1m\])?$/i.exec(m.trim());
  if (!alias) return m;
  return env(`ANTHROPIC_DEFAULT_${(alias[1] as string).toUpperCase()}_MODEL`) ?? VERIFY_MODEL;
}

/** `POST {base}/v1/messages` with the headers Claude Code would send and a one-token body (§6). */
export function buildVerificationRequest(config: EffectiveConfig, options: VerificationOptions = {}): VerificationRequest {
  const base = messagesBase(config, options).replace(/\/+$/, '');
  const model = options.model ?? verificationModel((name) => envValue(config, name));
  const headers: Record<string, string> = {};
  for (const h of config.customHeaders) headers[h.name.toLowerCase()] = h.value;
  const workspace = envValue(config, 'ANTHROPIC_AWS_WORKSPACE_ID');
  if (config.provider === 'anthropic-aws' && workspace) headers['anthropic-workspace-id'] = workspace;
  Object.assign(headers, credentialHeaders(config, options.helperValue));
  headers['anthropic-version'] = '2023-06-01';
  headers['content-type'] = 'application/json';
  const body = options.stream
    ? { model, max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'count to 3' }] }
    : { model, max_tokens: 1, messages: [{ role: 'user', content: '.' }] };
  return { method: 'POST', url: `${base}/v1/messages`, headers, body: JSON.stringify(body) };
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
  | 'stream-buffered';

export interface Classified {
  outcome: VerifyOutcome;
  message: string;
  hint?: string;
}

/** How the events of a streamed answer arrived: the number of network reads that carried `data:` lines, and of those lines. */
export interface StreamArrival {
  dataReads: number;
  events: number;
}

/** Reads an HTTP answer to the verification request (§6, §10); `stream` when the streaming check was sent. */
export function classifyResponse(status: number, contentType: string, body: string, config?: EffectiveConfig, location?: string, stream?: StreamArrival): Classified {
  const json = /json/i.test(contentType) || /^\s*\{/.test(body);
  const html = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
  const cred = config?.credential.variable;
  // §6 streaming check: incremental data: lines expected; all at once means something buffers.
  if (stream && status === 200) {
    const sse = /^(?:event|data):/m.test(body);
    const hint = 'Turn off response buffering for /v1/messages in the gateway and any proxy in front of it (nginx: proxy_buffering off or X-Accel-Buffering: no)';
    if (!sse && json && /"content"\s*:/.test(body)) {
      return { outcome: 'stream-buffered', message: 'Asked to stream, the gateway answered with one JSON message: it does not pass streaming through, so Claude Code shows nothing until an answer is complete and long answers may time out', hint };
    }
    if (sse && stream.events > 1 && stream.dataReads <= 1) {
      return { outcome: 'stream-buffered', message: `All ${stream.events} streamed events arrived at once: the gateway or a proxy buffers the stream`, hint };
    }
  }
  if (status >= 300 && status < 400) {
    // The Location may carry the credential back (a token in the query, user information).
    const shownLocation = location ? createRedactor(config ? secretValuesOf(config) : []).reply(location) : undefined;
    return { outcome: 'redirect', message: `The gateway redirects (${status}${shownLocation ? ` to ${shownLocation}` : ''}); Claude Code does not follow redirects for discovery and the address should be the final one`, hint: 'Use the address the redirect points to as the base URL' };
  }
  if (status === 200 && json && /"content"\s*:/.test(body) && /"(id|type)"\s*:/.test(body)) return { outcome: 'ok', message: 'The gateway answered with a message: the URL and the credential work' };
  if (status === 200 && json && /^\s*(?:data|event):/m.test(body)) return { outcome: 'ok', message: 'The gateway streamed events: the URL and the credential work' };
  if (status === 200 && /^(event|data):/m.test(body)) return { outcome: 'ok', message: 'The gateway streamed events: the URL and the credential work' };
  if (status === 200) return { outcome: 'not-an-api-response', message: `The gateway answered 200 with ${html ? 'an HTML page' : 'something that is not an API response'}: Claude Code reports "API returned an empty or malformed response"`, hint: 'A proxy or login page is in the way; fix the route to /v1/messages' };
  if (status === 401) {
    const other = cred === 'ANTHROPIC_AUTH_TOKEN' ? 'ANTHROPIC_API_KEY (x-api-key)' : cred === 'ANTHROPIC_API_KEY' ? 'ANTHROPIC_AUTH_TOKEN (Authorization: Bearer)' : undefined;
    return {
      outcome: 'unauthorized',
      message: `401: the gateway rejected the credential${cred ? ` from ${cred}` : ''}`,
      hint: other ? `The gateway may read the other header: try the same value as ${other}` : 'Check the key is issued by this gateway and active',
    };
  }
  if (status === 403 && html) return { outcome: 'forbidden-waf', message: '403 with an HTML page: a web application firewall blocked the request body', hint: 'Exempt /v1/messages from body inspection (AWS WAF CrossSiteScripting_Body, ModSecurity CRS body rules)' };
  if (status === 403) return { outcome: 'forbidden', message: '403: the credential is valid but not allowed to use this model or route' };
  if (status === 404 && json && /model/i.test(body)) return { outcome: 'model-unknown', message: 'The gateway does not know the model, which proves the URL and the credential work (auth happens first)', hint: 'Route the model name, or set ANTHROPIC_MODEL to one the gateway knows' };
  if (status === 404) return { outcome: 'not-found', message: '404: nothing at /v1/messages under this base URL, or a gateway that answers an unrouted model with a bare 404', hint: 'Check the base URL path (without /v1); if it is right, check that the gateway routes the model' };
  if (status === 400 && /context_management|Extra inputs are not permitted/i.test(body)) return { outcome: 'upstream-rejects-fields', message: '400: the upstream rejects Anthropic-only fields (context_management, betas)', hint: 'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, or forward betas and fields together' };
  if (status === 400 && /adaptive|thinking/i.test(body)) return { outcome: 'upstream-rejects-fields', message: '400: the upstream does not know adaptive reasoning', hint: 'Upgrade the upstream, or CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 on Opus/Sonnet 4.6' };
  if (status === 400 && /model/i.test(body)) return { outcome: 'model-unknown', message: 'The gateway does not know the model, which proves the URL and the credential work', hint: 'Route the model name, or set ANTHROPIC_MODEL' };
  if (status === 400) return { outcome: 'bad-request', message: '400: the gateway refused the request' };
  if (status === 429) return { outcome: 'rate-limited', message: '429: rate limited (Claude Code retries up to 10 times, honouring Retry-After)' };
  if (status >= 500) return { outcome: 'server-error', message: `${status}: the gateway or its upstream failed`, hint: 'Check the gateway logs for the upstream error' };
  return { outcome: 'bad-request', message: `${status}: unexpected answer` };
}

/** Reads a network failure (Node's error codes) as an outcome. */
export function classifyFailure(code: string | undefined, name: string | undefined, config?: EffectiveConfig): Classified {
  const base = config?.baseUrl ? maskValue(config.baseUrl.name, config.baseUrl.value) : 'the base URL';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return { outcome: 'timeout', message: `No answer from ${base} in time`, hint: 'A firewall dropping packets, or a gateway that buffers: try the streaming check' };
  if (code === 'ECONNREFUSED') return { outcome: 'connection-refused', message: `Connection refused at ${base}: nothing listens there`, hint: 'Check the host, the port and the VPN' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { outcome: 'dns-failure', message: `The host of ${base} does not resolve`, hint: 'Check the name, DNS and VPN' };
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/i.test(code)) return { outcome: 'tls-untrusted', message: `The gateway's TLS certificate is not trusted (${code})`, hint: 'Set NODE_EXTRA_CA_CERTS to the CA bundle (PEM); Claude Code needs it too' };
  return { outcome: 'network-error', message: `The request failed (${code ?? name ?? 'unknown error'})` };
}
