/**
 * Sends the verification request and the model-discovery request (README, "Diagnosing and verifying") with Node's fetch:
 * a timeout, no redirect followed, and a report that never holds a secret.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { activeAwsProfile, awsProfileRegion, envDecidesAwsRegion } from '../core/aws-region';
import { allowedByAvailableModels } from '../core/discovery';
import type { EffectiveConfig } from '../core/types';
import {
  buildVerificationRequest,
  classifyFailure,
  classifyResponse,
  type StreamArrival,
  maskRequest,
  requestSecrets,
  type VerificationOptions,
  type VerificationRequest,
  type VerifyAnsweredOutcome,
  type VerifyNetworkOutcome,
} from '../core/verify';
import { hasFeature } from '../core/versions';
import { ConfigError } from '../core/errors';
import { assertTrustedDestination } from '../core/destination';
import { discoveryCredentialHeaders } from '../core/credential-headers';
import { createRedactor, type Redactor, secretValuesOf } from '../core/redact';

/** Options for `verifyGateway()`: the request options plus the network settings. */
export interface VerifyGatewayOptions extends VerificationOptions {
  /** @default 15000 */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** The home directory holding `.aws/credentials` and `.aws/config`. @default os.homedir() */
  homeDir?: string;
  /**
   * The repository is trusted: send even when the address comes from project or local settings and
   * the credential from elsewhere (user, managed, `--settings` settings, the shell). Without it, and
   * in a workspace not trusted, that throws `UNTRUSTED_DESTINATION` before anything is sent.
   * @default false
   */
  trusted?: boolean;
}

interface VerifyReportBase {
  /** What the outcome means, in words. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** The request, credentials masked. */
  request: VerificationRequest;
  /** How long the request took, in milliseconds. */
  durationMs: number;
}

/** The gateway answered with a message (or a stream of one): the URL and the credential work. */
export interface VerifySuccess extends VerifyReportBase {
  /** Always `ok`. */
  outcome: 'ok';
  /** The HTTP status of the answer (200). */
  status: number;
  /** The start of the answer's body, with any credential value removed (absent when the body was empty). */
  bodyExcerpt?: string;
}

/**
 * The gateway answered, with something else than a message: `outcome` says what (`model-unknown`
 * still proves the URL and the credential work).
 */
export interface VerifyHttpFailure extends VerifyReportBase {
  /** What the answer means. */
  outcome: Exclude<VerifyAnsweredOutcome, 'ok'>;
  /** The HTTP status of the answer. */
  status: number;
  /** The start of the answer's body, with any credential value removed (absent when the body was empty). */
  bodyExcerpt?: string;
}

/** No answer came back: refused, not resolved, an untrusted certificate, a timeout or another network error. */
export interface VerifyNoAnswer extends VerifyReportBase {
  /** What kind of network failure it was. */
  outcome: VerifyNetworkOutcome;
  /** No status: nothing was answered. */
  status?: undefined;
  /** No body: nothing was answered. */
  bodyExcerpt?: undefined;
}

/**
 * What `verifyGateway` found, discriminated by `outcome`: `status` is there whenever an answer came
 * back (`if (r.outcome !== 'ok') …`, `if (r.status !== undefined) …`).
 */
export type VerifyReport = VerifySuccess | VerifyHttpFailure | VerifyNoAnswer;

/** A union's members each without the keys `K`. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A redactor for what a request and its answer may echo (some gateways do): every secret of the
 * configuration, the helper's output and the request's own credentials.
 */
function redactorFor(config: EffectiveConfig, request: VerificationRequest, helperValue: string | undefined): Redactor {
  return createRedactor([...secretValuesOf(config, [helperValue]), ...requestSecrets(request)]);
}

/** How much of an answer's body is scrubbed before the excerpt is cut from it (a secret across the cut is masked whole). */
const SCRUBBED_BODY = 1 << 20;
const EXCERPT_LENGTH = 400;

function failureCode(error: unknown): { code?: string; name?: string } {
  const e = error as { code?: unknown; name?: unknown; cause?: { code?: unknown; name?: unknown } };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : undefined;
  return { ...(code ? { code } : {}), ...(name ? { name } : {}) };
}

/** A file's text, or undefined when it is missing or unreadable (never throws). */
async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A path from AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, `~/` expanded as the AWS SDK does. */
function awsFilePath(value: string | undefined, homeDir: string, fallback: string): string {
  if (value === undefined || value === '') return join(homeDir, '.aws', fallback);
  return value === '~' ? homeDir : /^~[/\\]/.test(value) ? join(homeDir, value.slice(2)) : value;
}

/**
 * The active AWS profile's region read from the AWS credentials file, then the config file, as
 * Claude Code does for Claude Platform on AWS and Bedrock (docs/behavior.md#aws-region). Undefined when the files are
 * missing, unreadable or name no valid region.
 */
export async function readAwsProfileRegion(env: Record<string, string | undefined>, homeDir: string = homedir()): Promise<string | undefined> {
  const profile = activeAwsProfile(env['AWS_PROFILE']);
  const [credentials, config] = await Promise.all([
    readIfThere(awsFilePath(env['AWS_SHARED_CREDENTIALS_FILE'], homeDir, 'credentials')),
    readIfThere(awsFilePath(env['AWS_CONFIG_FILE'], homeDir, 'config')),
  ]);
  return awsProfileRegion(profile, credentials, config);
}

/** The profile region the verification request needs, read only when nothing else decides the CPA host. */
async function profileRegionFor(config: EffectiveConfig, options: VerifyGatewayOptions): Promise<string | undefined> {
  if (options.awsProfileRegion !== undefined || config.provider !== 'anthropic-aws') return options.awsProfileRegion;
  const value = (name: string): string | undefined => config.env[name]?.value || undefined;
  if (value('ANTHROPIC_AWS_BASE_URL') || envDecidesAwsRegion({ AWS_REGION: value('AWS_REGION'), AWS_DEFAULT_REGION: value('AWS_DEFAULT_REGION') }))
    return undefined;
  const env: Record<string, string | undefined> = {};
  for (const name of ['AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE']) env[name] = value(name);
  return readAwsProfileRegion(env, options.homeDir ?? homedir());
}

/**
 * Sends Claude Code's first inference request (or, with `request: 'minimal'`, `POST {base}/v1/messages`
 * with a one-token body; see `buildVerificationRequest`) and says what the answer means: success,
 * Claude Code's betas refused,
 * unknown model (which proves URL and credential), 401 with the header hint, WAF 403, an HTML 200,
 * 404, rejected fields, 429, 5xx, refused, DNS, untrusted TLS, redirect, timeout.
 */
export async function verifyGateway(config: EffectiveConfig, options: VerifyGatewayOptions = {}): Promise<VerifyReport> {
  // The user's credential does not go to an address a repository chose (docs/behavior.md#untrusted-destination).
  assertTrustedDestination(config, 'verify', options.trusted === true ? { trusted: true } : {});
  const awsProfileRegion = await profileRegionFor(config, options);
  const request = buildVerificationRequest(config, awsProfileRegion !== undefined ? { ...options, awsProfileRegion } : options);
  const redactor = redactorFor(config, request, options.helperValue);
  const doFetch = options.fetch ?? fetch;
  const started = performance.now();
  // Everything the report says passes the redactor: messages quote URLs and Location headers, the excerpt is the gateway's own text.
  const done = (r: OmitEach<VerifyReport, 'request' | 'durationMs'>): VerifyReport => {
    const out: VerifyReport = {
      ...r,
      message: redactor.reply(r.message),
      request: maskRequest(request, redactor.secrets),
      durationMs: Math.round(performance.now() - started),
    };
    if (r.hint !== undefined) out.hint = redactor.reply(r.hint);
    return out;
  };
  const send = (r: VerificationRequest): Promise<Response> =>
    doFetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.body !== undefined ? { body: r.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  let response: Response;
  try {
    // Claude Code's preliminary calls (Bedrock's inference-profile listing): sent first, their answer not judged.
    for (const p of request.preliminary ?? []) await (await send(p)).arrayBuffer().catch(() => undefined);
    response = await send(request);
    // Bedrock: a 404 on invoke-with-response-stream makes Claude Code retry on invoke (vector provider-bedrock-skip-auth).
    if (response.status === 404 && request.fallbackOn404) {
      await response.arrayBuffer().catch(() => undefined);
      response = await send(request.fallbackOn404);
    }
  } catch (error) {
    const { code, name } = failureCode(error);
    const c = classifyFailure(code, name, config);
    return done({ outcome: c.outcome, message: c.message, ...(c.hint ? { hint: c.hint } : {}) });
  }
  let body = '';
  const arrival: StreamArrival = { dataReads: 0, events: 0 };
  try {
    if (options.stream && response.body) {
      // The streaming check (docs/behavior.md#verification-check): read as the events come, counting the reads that carried data: lines.
      const decoder = new TextDecoder();
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        const events = (text.match(/^data:/gm) ?? []).length;
        if (events > 0) arrival.dataReads++;
        arrival.events += events;
        body += text;
      }
      body += decoder.decode();
    } else {
      body = await response.text();
    }
  } catch {
    // A body cut off: judged on the status alone.
  }
  const c = classifyResponse(
    response.status,
    response.headers.get('content-type') ?? '',
    body,
    config,
    response.headers.get('location') ?? undefined,
    options.stream ? arrival : undefined,
  );
  // Scrubbed first, then cut: a secret that straddles the cut is masked whole, never half shown.
  const excerpt = redactor.reply(body.slice(0, SCRUBBED_BODY)).slice(0, EXCERPT_LENGTH);
  return done({
    outcome: c.outcome,
    status: response.status,
    message: c.message,
    ...(c.hint ? { hint: c.hint } : {}),
    ...(excerpt ? { bodyExcerpt: excerpt } : {}),
  });
}

/** Options for `discoverModels()`. */
export interface DiscoverOptions {
  /** The apiKeyHelper's output, when the credential is a helper. */
  helperValue?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
  /** @default 3000, as Claude Code */
  timeoutMs?: number;
  /** Ask the gateway even when Claude Code would not (discovery off, a provider selected, ...). @default false */
  force?: boolean;
  /**
   * The repository is trusted: ask even when `ANTHROPIC_BASE_URL` comes from project or local settings
   * and the credential from elsewhere (user, managed, `--settings` settings, the shell). Without it,
   * and in a workspace not trusted, that throws `UNTRUSTED_DESTINATION` before anything is sent.
   * @default false
   */
  trusted?: boolean;
}

/** One model the gateway lists. */
export interface DiscoveredModel {
  /** The id as the gateway listed it, any known credential in it masked. */
  id: string;
  /** The model's display name, when the gateway gives one. */
  displayName?: string;
}

/** A listed model fit to print: a gateway that echoes the key in an id or name does not get it printed. */
function shownModel(m: DiscoveredModel, redactor: Redactor): DiscoveredModel {
  return m.displayName !== undefined ? { id: redactor.reply(m.id), displayName: redactor.reply(m.displayName) } : { id: redactor.reply(m.id) };
}

interface DiscoverResultBase {
  /** The models Claude Code would list (after its filter); empty unless `outcome` is `ok`. */
  models: DiscoveredModel[];
  /** Everything the gateway listed, before the filter; empty unless `outcome` is `ok`. */
  listed: DiscoveredModel[];
  /** What happened, in words. */
  message: string;
}

/** The gateway listed its models. */
export interface DiscoverSuccess extends DiscoverResultBase {
  /** Always `ok`. */
  outcome: 'ok';
  /** Always 200. */
  status: 200;
}

/**
 * The gateway answered, but not with a list Claude Code takes: a redirect (any redirect fails), a
 * status other than 200, or a 200 that is not the JSON list.
 */
export interface DiscoverHttpFailure extends DiscoverResultBase {
  /** What went wrong: a redirect, an HTTP error status, or an answer that is not a model list. */
  outcome: 'redirect' | 'http-error' | 'invalid-response';
  /** The HTTP status of the answer. */
  status: number;
}

/** No answer: Claude Code would not ask (`disabled`, nothing sent), or the request failed on the network. */
export interface DiscoverNoAnswer extends DiscoverResultBase {
  /** `disabled` when discovery is off, else the network failure. */
  outcome: 'disabled' | VerifyNetworkOutcome;
  /** No status: nothing was answered. */
  status?: undefined;
}

/** What `discoverModels` found, discriminated by `outcome` (`if (r.outcome === 'ok') r.models`). */
export type DiscoverResult = DiscoverSuccess | DiscoverHttpFailure | DiscoverNoAnswer;

/**
 * The discovery request exactly as Claude Code sends it (docs/behavior.md#model-discovery): `GET /v1/models?limit=1000`, one credential header (bearer
 * when ANTHROPIC_AUTH_TOKEN is set, else the API key or helper value in x-api-key; from 2.1.248 a helper
 * value alone goes in both), the custom
 * headers, a 3-second timeout, any redirect a failure, and the version's filter.
 */
export async function discoverModels(config: EffectiveConfig, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const base = config.env['ANTHROPIC_BASE_URL']?.value;
  if (!base) throw new ConfigError('INVALID_OPTIONS', 'model discovery needs ANTHROPIC_BASE_URL');
  if (!config.modelDiscovery.enabled && options.force !== true) {
    // Claude Code would not ask (docs/behavior.md#discovery-nonessential-traffic): say why instead of sending a request it never sends.
    return {
      outcome: 'disabled',
      models: [],
      listed: [],
      message: `Claude Code does not query this gateway for models (${config.modelDiscovery.reason}); pass force to ask anyway`,
    };
  }
  // The user's credential does not go to an address a repository chose (docs/behavior.md#untrusted-destination).
  assertTrustedDestination(config, 'discover', options.trusted === true ? { trusted: true } : {});
  const headers: Record<string, string> = {};
  for (const h of config.customHeaders) headers[h.name.toLowerCase()] = h.value;
  Object.assign(headers, discoveryCredentialHeaders(config, options.helperValue));
  headers['anthropic-version'] = '2023-06-01';
  // The gateway's answer (ids, names) and every message pass the redactor: a gateway may echo the key.
  const redactor = createRedactor([...secretValuesOf(config, [options.helperValue]), ...requestSecrets({ method: 'GET', url: base, headers })]);
  const finish = (r: DiscoverResult): DiscoverResult => ({
    ...r,
    models: r.models.map((m) => shownModel(m, redactor)),
    listed: r.listed.map((m) => shownModel(m, redactor)),
    message: redactor.reply(r.message),
  });
  const url = `${base.replace(/\/+$/, '')}/v1/models?limit=1000`;
  const empty = { models: [], listed: [] };
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
  } catch (error) {
    const { code, name } = failureCode(error);
    const c = classifyFailure(code, name, config);
    return finish({ outcome: c.outcome, ...empty, message: c.message });
  }
  if (response.status >= 300 && response.status < 400) {
    return finish({
      outcome: 'redirect',
      ...empty,
      status: response.status,
      message: `The gateway redirects /v1/models (${response.status}); Claude Code treats any redirect as a failure, even http→https`,
    });
  }
  if (response.status !== 200)
    return finish({
      outcome: 'http-error',
      ...empty,
      status: response.status,
      message: `GET /v1/models answered ${response.status}; Claude Code keeps its previous list`,
    });
  let data: unknown;
  try {
    data = JSON.parse(await response.text());
  } catch {
    return finish({ outcome: 'invalid-response', ...empty, status: 200, message: 'GET /v1/models did not answer JSON' });
  }
  const rows = (data as { data?: unknown }).data;
  if (!Array.isArray(rows)) return finish({ outcome: 'invalid-response', ...empty, status: 200, message: 'GET /v1/models answered without a data array' });
  const listed: DiscoveredModel[] = [];
  for (const r of rows) {
    const id = (r as { id?: unknown }).id;
    if (typeof id !== 'string') continue;
    const name = (r as { display_name?: unknown }).display_name;
    listed.push(typeof name === 'string' ? { id, displayName: name } : { id });
  }
  const contains = hasFeature(config.claudeCodeVersion, 'discoveryContainsFilter');
  const named = listed.filter((m) => {
    const id = m.id.toLowerCase();
    return contains ? id.includes('claude') || id.includes('anthropic') : id.startsWith('claude') || id.startsWith('anthropic');
  });
  // The picker is bounded by availableModels (docs/behavior.md#available-models-bound).
  const available = config.settings['availableModels'];
  const models = named.filter((m) => allowedByAvailableModels(m.id, available));
  const bounded = named.length - models.length;
  return finish({
    outcome: 'ok',
    models,
    listed,
    status: 200,
    message: `${models.length} of ${listed.length} models would be listed as "From gateway"${bounded > 0 ? ` (${bounded} left out by availableModels)` : ''}`,
  });
}
