/**
 * Reading a recorded run the way the harness reads it (conformance/compare.ts), and comparing a
 * request another tool predicts or receives with the one Claude Code sent. Pure: no IO.
 */
import type { CompareRequestOptions, ConformanceVector, RecordedRequest, RecordedRun } from './types';

/** The placeholder every URL in a vector starts with: the recording gateway's loopback URL. */
export const GATEWAY_PLACEHOLDER = '{{gateway}}';

/** In `layout.globalConfig` (keys included), the scratch home directory. */
export const HOME_PLACEHOLDER = '{{home}}';

/** The fixed variables every run gets unless the vector's `layout.env` sets them itself. */
export const HARNESS_ENV: Readonly<Record<string, string>> = Object.freeze({
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
});

/** The credential headers, filled independently by Claude Code. */
export const CREDENTIAL_HEADERS: readonly string[] = Object.freeze(['authorization', 'x-api-key']);

/** Headers Claude Code sends on its own, whatever the configuration (they change with releases). */
export const STANDARD_HEADERS: ReadonlySet<string> = new Set(['anthropic-beta', 'anthropic-version', 'user-agent', 'x-app']);
const STANDARD = STANDARD_HEADERS;

/** Headers that change from run to run or say nothing about the configuration (never recorded). */
const NOISE = new Set([
  'host',
  'connection',
  'content-length',
  'content-type',
  'accept',
  'accept-encoding',
  'x-claude-code-session-id',
  'x-client-request-id',
  'anthropic-dangerous-direct-browser-access',
  'amz-sdk-invocation-id',
]);
/** True for a header that changes from run to run or says nothing about the configuration (never recorded). */
export function isNoiseHeader(h: string): boolean {
  return NOISE.has(h) || h.startsWith('x-stainless-');
}
const isNoise = isNoiseHeader;

/**
 * The shell environment a vector's run got, before `{{gateway}}` is replaced: `HARNESS_ENV`, a
 * loopback `ANTHROPIC_BASE_URL` (`{{gateway}}/shell`), then the layout's `env` (`null` removes a
 * variable). The binary also got `PATH`, `HOME` (the scratch home), `TERM` and `LANG`.
 */
export function runEnvironment(vector: Pick<ConformanceVector, 'layout'>): Record<string, string> {
  const out: Record<string, string> = { ...HARNESS_ENV, ANTHROPIC_BASE_URL: `${GATEWAY_PLACEHOLDER}/shell` };
  for (const [k, value] of Object.entries(vector.layout.env ?? {})) {
    if (value === null) delete out[k];
    else out[k] = value;
  }
  return out;
}

/** Replaces `{{gateway}}` with `gatewayUrl` in every string of a value (a layout, say); the value is not changed. */
export function substituteGateway<T>(value: T, gatewayUrl: string): T {
  if (typeof value === 'string') return value.split(GATEWAY_PLACEHOLDER).join(gatewayUrl) as T;
  if (Array.isArray(value)) return value.map((x: unknown) => substituteGateway(x, gatewayUrl)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = substituteGateway(x, gatewayUrl);
    return out as T;
  }
  return value;
}

/**
 * The first inference request of a run: the first `POST …/v1/messages`, else (cloud providers)
 * the first `POST` that is not the `/api/hello` probe. `undefined` when it sent none.
 */
export function firstInferenceRequest(run: Pick<RecordedRun, 'requests'>): RecordedRequest | undefined {
  return (
    run.requests.find((r) => r.method === 'POST' && /\/v1\/messages(?:\?|$)/.test(r.path)) ??
    run.requests.find((r) => r.method === 'POST' && !r.path.includes('/api/hello'))
  );
}

/**
 * The request that carries the session's own prompt: the first streaming inference call (Bedrock's
 * `invoke-with-response-stream`, Vertex's `:streamRawPredict`, a Messages call), else the first
 * inference request. With an AWS credential Bedrock first sends one `invoke` per model family to see
 * which models the account may use (vector provider-bedrock-bearer-and-plain): those are not it.
 */
export function sessionRequest(run: Pick<RecordedRun, 'requests'>): RecordedRequest | undefined {
  return (
    run.requests.find(
      (r) =>
        r.method === 'POST' &&
        (/\/v1\/messages(?:\?|$)/.test(r.path) || /\/invoke-with-response-stream(?:\?|$)/.test(r.path) || /:streamRawPredict(?:\?|$)/.test(r.path)),
    ) ?? firstInferenceRequest(run)
  );
}

/**
 * The model a request asks for: the body's `model`, else the id in the path (Bedrock
 * `/model/<id>/invoke…`, Vertex `…/models/<id>:streamRawPredict`), URL-decoded.
 */
export function requestedModel(request: Pick<RecordedRequest, 'path' | 'model'> | undefined): string | undefined {
  if (request === undefined) return undefined;
  if (request.model !== undefined) return request.model;
  const path = request.path.split('?')[0] ?? '';
  const m = /\/model\/([^/]+)\/(?:invoke|converse)/.exec(path) ?? /\/publishers\/anthropic\/models\/([^/:]+):/.exec(path);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1] as string);
  } catch {
    return m[1];
  }
}

/**
 * The path of the base URL a request went to (which layer won): the path before `/v1/messages`,
 * before Bedrock's `/model/<id>/invoke…`, before Vertex's `/projects/<p>/locations/…`; else the
 * whole path without its query.
 */
export function inferenceBasePath(request: Pick<RecordedRequest, 'path'>): string {
  const path = request.path.split('?')[0] ?? '';
  for (const re of [/\/v1\/messages(?:\/|$)/, /\/model\/[^/]+\/(?:invoke|converse)/, /\/(?:v1\/)?projects\/[^/]+\/locations\//]) {
    const m = re.exec(path);
    if (m) return path.slice(0, m.index);
  }
  return path;
}

const show = (v: string | undefined): string => (v === undefined ? 'absent' : JSON.stringify(v));

/** Header names lowercased, noise dropped, the gateway URL written `{{gateway}}`. */
function normaliseHeaders(headers: Readonly<Record<string, string>>, gatewayUrl: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const h = name.toLowerCase();
    if (isNoise(h)) continue;
    out[h] = gatewayUrl === undefined ? value : value.split(gatewayUrl).join(GATEWAY_PLACEHOLDER);
  }
  return out;
}

/**
 * Compares a request with the one Claude Code sent (`expected`, from a recording: see
 * `firstInferenceRequest`). `actual` is what another tool predicts, or what its own gateway
 * received: `path` is the path and query as a gateway on `{{gateway}}` receives it, header names in
 * any case. Returns the differences in words, empty when they agree; see `CompareRequestOptions`
 * for what is compared.
 */
export function compareRequest(expected: RecordedRequest, actual: RecordedRequest, options: CompareRequestOptions = {}): string[] {
  const all = options.scope === 'all';
  const gw = options.gatewayUrl;
  const actualPath = gw === undefined ? actual.path : actual.path.split(gw).join(GATEWAY_PLACEHOLDER);
  const diffs: string[] = [];
  if (expected.method.toUpperCase() !== actual.method.toUpperCase()) diffs.push(`method: expected ${expected.method}, actual ${actual.method}`);
  if (all) {
    if (expected.path !== actualPath) diffs.push(`path: expected ${expected.path}, actual ${actualPath}`);
  } else {
    const want = inferenceBasePath(expected);
    const got = inferenceBasePath({ path: actualPath });
    if (want !== got) diffs.push(`base URL: expected ${want}, actual ${got}`);
  }
  const want = normaliseHeaders(expected.headers, undefined);
  const got = normaliseHeaders(actual.headers, gw);
  const compared = (h: string): boolean => all || !STANDARD.has(h);
  for (const h of [...new Set([...CREDENTIAL_HEADERS, ...Object.keys(want), ...Object.keys(got)])].sort()) {
    if (!compared(h) || want[h] === got[h]) continue;
    diffs.push(`${CREDENTIAL_HEADERS.includes(h) ? '' : 'header '}${h}: expected ${show(want[h])}, actual ${show(got[h])}`);
  }
  const wantModel = requestedModel(expected);
  const gotModel = requestedModel({ path: actualPath, ...(actual.model !== undefined ? { model: actual.model } : {}) });
  if (wantModel !== gotModel && (wantModel !== undefined || all)) diffs.push(`model: expected ${show(wantModel)}, actual ${show(gotModel)}`);
  return diffs;
}
