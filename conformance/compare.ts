/**
 * Turning a run into the data a vector keeps, and comparing it with the library's prediction (or
 * with an earlier recording).
 */
import type { SandboxRun } from './sandbox';
import { scratchPaths } from './sandbox';
import type { Prediction } from './predict';
import type { InteractiveResult } from './interactive';
import { compareInteractive } from './interactive-predict';
import { GATEWAY, type RecordedRequestSummary, type RecordedRun } from './vector';
// One definition of which headers are noise, Claude Code's own, or credentials: the published entry's.
import { CREDENTIAL_HEADERS, isNoiseHeader, requestedModel, sessionRequest, STANDARD_HEADERS } from '../src/conformance/requests';

export { requestedModel, sessionRequest };

const isNoise = isNoiseHeader;
const STANDARD = STANDARD_HEADERS;
export { CREDENTIAL_HEADERS };

function normalise(text: string, run: Pick<SandboxRun, 'scratch' | 'gatewayUrl'>): string {
  const { home, project } = scratchPaths(run.scratch);
  return text.split(run.gatewayUrl).join(GATEWAY).split(project).join('<project>').split(home).join('<home>').split(run.scratch).join('<scratch>');
}

/** What a vector keeps of a run. */
export function summarise(run: SandboxRun): RecordedRun {
  const requests: RecordedRequestSummary[] = run.requests.map((r) => {
    const headers: Record<string, string> = {};
    for (const name of Object.keys(r.headers).sort()) if (!isNoise(name)) headers[name] = normalise(r.headers[name] as string, run);
    const out: RecordedRequestSummary = { method: r.method, path: normalise(r.url, run), headers };
    try {
      const body = JSON.parse(r.body) as { model?: unknown };
      if (typeof body.model === 'string') out.model = body.model;
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) out.bodyKeys = Object.keys(body);
    } catch {
      // not JSON
    }
    return out;
  });
  // The HEAD /api/hello probe alone is no start: 2.1.236 sends it before refusing.
  const started = requests.some((r) => !(r.method === 'HEAD' && r.path.includes('/api/hello')));
  const recorded: RecordedRun = {
    started,
    // An interactive run's status is in `interactive.exitCode` (after "No, exit" 2.1.332 ends with 1 or by a signal, run to run).
    exitCode: run.timedOut || run.interactive !== undefined ? null : run.exitCode,
    requests,
    recordedAt: new Date().toISOString(),
    mode: run.mode,
  };
  if (run.interactive !== undefined) recorded.interactive = normaliseInteractive(run.interactive, run);
  if (recorded.interactive !== undefined && run.globalConfigAfter !== undefined) recorded.interactive.saved = savedByAnswers(run.globalConfigAfter, run);
  if (!started)
    recorded.refusal = normalise(
      run.timedOut ? '(no request before the time bound)' : run.stderr.trim() || resultText(run.stdout) || run.stdout.trim(),
      run,
    ).slice(0, 2000);
  return recorded;
}

/** An interactive run's screens with the scratch paths written `<home>`, `<project>`, `<scratch>`. */
function normaliseInteractive(r: InteractiveResult, run: Pick<SandboxRun, 'scratch' | 'gatewayUrl'>): InteractiveResult {
  const { trace: _trace, ...kept } = r;
  return { ...kept, steps: r.steps.map((s) => ({ ...s, screen: normalise(s.screen, run) })), finalScreen: normalise(r.finalScreen, run) };
}

/** What `~/.claude.json` holds after an interactive run: trust per `projects` entry, and the API-key answers. */
function savedByAnswers(text: string, run: Pick<SandboxRun, 'scratch' | 'gatewayUrl'>): NonNullable<InteractiveResult['saved']> {
  try {
    const g = JSON.parse(text) as { projects?: Record<string, { hasTrustDialogAccepted?: unknown }>; customApiKeyResponses?: unknown };
    const trust: Record<string, unknown> = {};
    for (const [dir, entry] of Object.entries(g.projects ?? {})) trust[normalise(dir, run)] = entry?.hasTrustDialogAccepted;
    return { trust, ...(g.customApiKeyResponses !== undefined ? { customApiKeyResponses: g.customApiKeyResponses } : {}) };
  } catch {
    return { trust: {} };
  }
}

/** The first inference request: a Messages call, else (cloud providers) the first that is not a probe. */
export function inferenceRequest(run: RecordedRun): RecordedRequestSummary | undefined {
  return (
    run.requests.find((r) => r.method === 'POST' && /\/v1\/messages(?:\?|$)/.test(r.path)) ??
    run.requests.find((r) => r.method === 'POST' && !r.path.includes('/api/hello'))
  );
}

/**
 * The path of the base URL a request went to: before `/v1/messages`, before Bedrock's
 * `/model/<id>/invoke…`, before Vertex's `/projects/<p>/locations/…`.
 */
export function recordedBasePath(req: RecordedRequestSummary): string {
  return splitInferencePath(req) ?? req.path.split('?')[0] ?? '';
}

/** The base path of an inference request, or undefined when its path is none of the known inference paths. */
function splitInferencePath(req: RecordedRequestSummary): string | undefined {
  const path = req.path.split('?')[0] ?? '';
  for (const re of [/\/v1\/messages(?:\/|$)/, /\/model\/[^/]+\/(?:invoke|converse)/, /\/(?:v1\/)?projects\/[^/]+\/locations\//]) {
    const m = re.exec(path);
    if (m) return path.slice(0, m.index);
  }
  return undefined;
}

const show = (v: string | undefined): string => (v === undefined ? 'absent' : JSON.stringify(v));

/** The differences between what the binary did and what the library predicts; empty when they agree. */
export function compareWithPrediction(p: Prediction, run: RecordedRun): string[] {
  const diffs: string[] = [];
  // An interactive vector: the dialogs first; the request after the answers is compared as below.
  if (p.interactive !== undefined) {
    const sent = inferenceRequest(run) !== undefined;
    diffs.push(
      ...(run.interactive !== undefined
        ? compareInteractive(p.interactive, run.interactive, sent, p.started)
        : ['interactive: the recording has no interactive result']),
    );
    if (!p.started || !sent) return diffs;
  }
  // A run that failed after only a provider's preliminary call (Bedrock's inference-profiles listing
  // races the refusal) did not start: no inference request went out (vector managed-force-login-bedrock).
  if (run.started && run.exitCode !== 0 && run.exitCode !== null && inferenceRequest(run) === undefined) run = { ...run, started: false };
  if (!run.started) {
    // The default API host cannot be reached from the sandbox: no request before the time bound is what it looks like.
    if (p.started && run.exitCode === null) {
      if (p.defaultHost !== true) diffs.push('started: binary sent no request before the time bound, library predicts a request to the gateway');
    } else if (p.started) diffs.push(`started: binary refused to start (exit ${run.exitCode}: ${firstLine(run.refusal)}), library predicts it starts`);
    else if (run.exitCode !== null) {
      // Both refuse: the binary's first line must begin with what the library says it prints (or be
      // the start of it, when the binary wraps its message).
      const printed = firstLine(run.refusal)
        .replace(/^Error: /, '')
        .trim();
      if (p.refusal === undefined || !(printed.startsWith(p.refusal) || p.refusal.startsWith(printed)))
        diffs.push(`refusal: binary ${JSON.stringify(printed)}, library ${show(p.refusal)}`);
    }
    return diffs;
  }
  if (!p.started) diffs.push('started: binary started, library predicts a refusal');
  const req = inferenceRequest(run);
  if (req === undefined) {
    diffs.push(`requests: binary sent no inference request (${run.requests.map((r) => `${r.method} ${r.path}`).join(', ')})`);
    return diffs;
  }
  const base = splitInferencePath(req);
  if (base === undefined) {
    if (req.path !== p.inferencePath)
      diffs.push(
        `base URL: binary sent ${req.method} ${req.path} (no inference path in it), library ${p.inferencePath ?? `${p.basePath ?? 'no base URL'}/v1/messages`}`,
      );
  } else if (p.basePath !== undefined && base !== p.basePath) diffs.push(`base URL: binary ${base}, library ${p.basePath}`);
  for (const h of CREDENTIAL_HEADERS) {
    const got = req.headers[h];
    const want = p.credentialHeaders[h];
    if (got !== want) diffs.push(`${h}: binary ${show(got)}, library ${show(want)} (library credential: ${p.credentialKind})`);
  }
  for (const [h, want] of Object.entries(p.customHeaders)) {
    if (CREDENTIAL_HEADERS.includes(h)) continue;
    if (req.headers[h] !== want) diffs.push(`custom header ${h}: binary ${show(req.headers[h])}, library ${show(want)}`);
  }
  for (const [h, got] of Object.entries(req.headers)) {
    if (STANDARD.has(h) || CREDENTIAL_HEADERS.includes(h) || h in p.customHeaders) continue;
    diffs.push(`header ${h}: binary ${show(got)}, library predicts none`);
  }
  if (p.model !== undefined) {
    const sent = requestedModel(sessionRequest(run));
    if (sent !== p.model) diffs.push(`model: binary ${show(sent)}, library ${show(p.model)}`);
  }
  if (p.vertexLocation !== undefined) {
    const sent = /\/projects\/[^/]+\/locations\/([^/]+)\//.exec(sessionRequest(run)?.path ?? '')?.[1];
    if (sent !== p.vertexLocation) diffs.push(`Vertex location: binary ${show(sent)}, library ${show(p.vertexLocation)}`);
  }
  const models = run.requests.find((r) => r.method === 'GET' && /\/v1\/models(?:\?|$)/.test(r.path));
  if ((models !== undefined) !== p.discovery.enabled) {
    diffs.push(
      `model discovery: binary ${models ? `sent GET ${models.path}` : 'sent no GET /v1/models'}, library ${p.discovery.enabled ? 'predicts one' : `predicts none (${p.discovery.reason})`}`,
    );
  } else if (models !== undefined) {
    const sent = CREDENTIAL_HEADERS.filter((h) => models.headers[h] !== undefined).join(', ') || 'none';
    const want = p.discovery.headers.join(', ') || 'none';
    if (sent !== want) diffs.push(`model discovery credential headers: binary ${sent}, library ${want}`);
  }
  return diffs;
}

/** Differences between a live run and the run recorded earlier for the same version. */
export function compareWithRecorded(before: RecordedRun, now: RecordedRun): string[] {
  const diffs: string[] = [];
  if (before.started !== now.started) diffs.push(`recorded: started ${before.started}, now ${now.started}`);
  if (before.exitCode !== now.exitCode) diffs.push(`recorded: exit ${before.exitCode}, now ${now.exitCode}`);
  const a = inferenceRequest(before);
  const b = inferenceRequest(now);
  if (a && b) {
    if (recordedBasePath(a) !== recordedBasePath(b)) diffs.push(`recorded: base ${recordedBasePath(a)}, now ${recordedBasePath(b)}`);
    for (const h of CREDENTIAL_HEADERS) if (a.headers[h] !== b.headers[h]) diffs.push(`recorded: ${h} ${show(a.headers[h])}, now ${show(b.headers[h])}`);
    const ma = requestedModel(sessionRequest(before));
    const mb = requestedModel(sessionRequest(now));
    if (ma !== mb) diffs.push(`recorded: model ${show(ma)}, now ${show(mb)}`);
  }
  return diffs;
}

/** The `result` of `--output-format json` output (where `-p` puts its error message), if any. */
function resultText(stdout: string): string | undefined {
  try {
    const r = (JSON.parse(stdout) as { result?: unknown }).result;
    return typeof r === 'string' && r !== '' ? r : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * What a run did, reduced to what configuration decides (for finding the release where behaviour
 * changed): whether it started and why not, where the first inference request went with which
 * credential and other non-standard headers, and whether model discovery ran with which
 * credential headers. Model ids and Claude Code's own headers (which change with every release) are left out, and so is the
 * `HEAD /api/hello` probe: 2.1.236 sends it in some runs and not in others (a race with exiting).
 */
export function behaviourSignature(run: RecordedRun): string {
  const req = inferenceRequest(run);
  const models = run.requests.find((r) => r.method === 'GET' && /\/v1\/models(?:\?|$)/.test(r.path));
  const headers: Record<string, string> = {};
  for (const [h, v] of Object.entries(req?.headers ?? {})) if (!STANDARD.has(h)) headers[h] = v;
  return JSON.stringify({
    started: run.started,
    refusal: run.started ? undefined : firstLine(run.refusal),
    base: req ? recordedBasePath(req) : undefined,
    headers,
    discovery: models ? CREDENTIAL_HEADERS.filter((h) => models.headers[h] !== undefined) : false,
  });
}
