/**
 * Whether a request we send (the verification request, model discovery) would carry the user's
 * credential to an address a repository chose: the address from project or local settings, a
 * credential from user, managed or `--settings` settings or the shell (docs/behavior.md#untrusted-destination). Claude Code
 * `-p` would send it; our commands are actions the user takes to test, so they refuse unless the
 * workspace is trusted or the caller says it is. Pure: the Node side calls it before sending.
 */
import { ConfigError } from './errors';
import { describeSource } from './explain';
import type { EffectiveConfig, ResolvedVar, SourceRef } from './types';
import { isCredentialHeaderName } from './variables';
import { nonEmptyVar } from './env';
import { discoveryCredential } from './discovery';

/** Which request: the verification request (`POST /v1/messages`) or model discovery (`GET /v1/models`). */
export type DestinationPurpose = 'verify' | 'discover';

/** One credential the request would carry, and where it came from. */
export interface CarriedCredential {
  /** What it is, in words: `ANTHROPIC_AUTH_TOKEN`, `apiKeyHelper`, `header Helicone-Auth (ANTHROPIC_CUSTOM_HEADERS)`. */
  what: string;
  /** Where the credential is set. */
  source: SourceRef;
}

/** What {@link checkDestination} found. */
export interface DestinationCheck {
  /** The variable that chooses where the request goes; absent when it goes to the provider's own host. */
  destination?: ResolvedVar;
  /** The destination comes from project or local settings. */
  fromRepository: boolean;
  /** Every credential the request would carry. */
  credentials: CarriedCredential[];
  /** Those that come from outside the repository (user, managed, `--settings`, the shell). */
  foreign: CarriedCredential[];
  /** The workspace is trusted, or the caller said so. */
  trusted: boolean;
  /** The request must not be sent. */
  refused: boolean;
  /** Why, in one line without the remedy, when refused. */
  reason?: string;
}

function isRepository(source: SourceRef): boolean {
  return source.scope === 'project' || source.scope === 'local';
}

function variable(config: EffectiveConfig, name: string): ResolvedVar | undefined {
  return nonEmptyVar(config.env, name);
}

/**
 * The variable that decides the request's host, as the request is built (verify: per provider, as
 * `buildVerificationRequest`; discover: `ANTHROPIC_BASE_URL`). The AWS region variables only choose
 * among AWS's own hosts and are not a destination a repository can own.
 */
export function destinationVariable(config: EffectiveConfig, purpose: DestinationPurpose): ResolvedVar | undefined {
  if (purpose === 'discover' || config.provider === 'anthropic') return variable(config, 'ANTHROPIC_BASE_URL');
  if (config.provider === 'foundry') return variable(config, 'ANTHROPIC_FOUNDRY_BASE_URL') ?? variable(config, 'ANTHROPIC_FOUNDRY_RESOURCE');
  if (config.provider === 'anthropic-aws') return variable(config, 'ANTHROPIC_AWS_BASE_URL');
  // Bedrock, Vertex, Mantle: the Claude Code request goes to their gateway base URL (buildClaudeCodeRequest).
  if (config.provider === 'bedrock') return variable(config, 'ANTHROPIC_BEDROCK_BASE_URL');
  if (config.provider === 'vertex') return variable(config, 'ANTHROPIC_VERTEX_BASE_URL');
  if (config.provider === 'mantle') return variable(config, 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL');
  return undefined;
}

/** The credentials the request would carry (header values are not needed, only where they come from). */
export function carriedCredentials(config: EffectiveConfig, purpose: DestinationPurpose): CarriedCredential[] {
  const out: CarriedCredential[] = [];
  const custom = variable(config, 'ANTHROPIC_CUSTOM_HEADERS');
  if (custom) {
    for (const h of config.customHeaders) {
      if (isCredentialHeaderName(h.name) && h.value !== '') out.push({ what: `header ${h.name} (ANTHROPIC_CUSTOM_HEADERS)`, source: custom.source });
    }
  }
  const helper = (): void => {
    if (config.apiKeyHelper) out.push({ what: 'the apiKeyHelper', source: config.apiKeyHelper.source });
  };
  const named = (name: string): boolean => {
    const v = variable(config, name);
    if (v) out.push({ what: name, source: v.source });
    return v !== undefined;
  };
  if (purpose === 'discover') {
    // As discoverModels: the one credential discovery sends.
    const source = discoveryCredential(config.env, config.apiKeyHelper);
    if (source === 'apiKeyHelper') helper();
    else if (source !== undefined) named(source);
    return out;
  }
  // As credentialHeaders: what each credential header carries on inference (both when both apply).
  const seen = new Set<string>();
  const headers = Array.isArray(config.credentialHeaders)
    ? config.credentialHeaders
    : config.credential.headers.length > 0
      ? [{ kind: config.credential.kind, variable: config.credential.variable }]
      : [];
  for (const h of headers) {
    const key = h.kind === 'api-key-helper' ? 'apiKeyHelper' : h.variable;
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    if (h.kind === 'api-key-helper') helper();
    else named(key);
  }
  return out;
}

/** The address as it may be printed: a password in it, and query values, masked. */
export function shownDestination(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL (a Foundry resource name, or text no request can go to): shown as it is, without anything after an @.
    return value.replace(/^[^@/]*@/, '<redacted>@');
  }
  if (url.password !== '') url.password = '<redacted>';
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '<redacted>');
  // URL escapes the placeholder's angle brackets; give them back.
  return url.href.replace(/%3Credacted%3E/gi, '<redacted>');
}

function list(items: readonly CarriedCredential[]): string {
  return items.map((c) => `${c.what} from ${describeSource(c.source)}`).join(', ');
}

/**
 * Decides whether the request may be sent: refused when the address comes from project or local
 * settings, a credential it would carry comes from anywhere else, and neither the workspace is
 * trusted (`config.trust.trusted`) nor the caller says it is (`trusted: true`).
 *
 * @example
 * const check = checkDestination(config, 'verify');
 * if (check.refused) throw new Error(check.reason);
 */
export function checkDestination(config: EffectiveConfig, purpose: DestinationPurpose, options: { trusted?: boolean } = {}): DestinationCheck {
  const destination = destinationVariable(config, purpose);
  const credentials = carriedCredentials(config, purpose);
  const fromRepository = destination !== undefined && isRepository(destination.source);
  const foreign = fromRepository ? credentials.filter((c) => !isRepository(c.source)) : [];
  const trusted = config.trust.trusted || options.trusted === true;
  const refused = fromRepository && foreign.length > 0 && !trusted;
  const check: DestinationCheck = { fromRepository, credentials, foreign, trusted, refused };
  if (destination) check.destination = destination;
  if (refused && destination) {
    check.reason =
      `the request would send ${list(foreign)} to ${shownDestination(destination.value)}, ` +
      `an address set by ${destination.name} in ${describeSource(destination.source)}, and this workspace is not trusted`;
  }
  return check;
}

/**
 * Throws `UNTRUSTED_DESTINATION` when {@link checkDestination} refuses; the message ends with the
 * given remedy (the library's names the option, the CLI's its flag).
 */
export function assertTrustedDestination(config: EffectiveConfig, purpose: DestinationPurpose, options: { trusted?: boolean; remedy?: string } = {}): void {
  const check = checkDestination(config, purpose, options.trusted === true ? { trusted: true } : {});
  if (!check.refused) return;
  throw new ConfigError(
    'UNTRUSTED_DESTINATION',
    `${check.reason ?? 'the request would send your credential to an address a repository chose'}; ${options.remedy ?? 'pass trusted: true if you trust this repository'}`,
  );
}
