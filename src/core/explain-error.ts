/**
 * `explainError(text, config?)`: what Claude Code's gateway errors mean and what to do
 * (docs/behavior.md#gateway-errors, docs/behavior.md#auth-messages), in their current and older wordings. With the resolved configuration the answer
 * names the variables actually in play.
 */
import type { EffectiveConfig } from './types';
import { shownUrl } from './diagnose/util';

/**
 * The codes `explainError` can return, in the order it tries them (the first pattern that matches
 * wins: a later, broader pattern such as `gateway-401` only answers when no earlier one did).
 */
export const ERROR_CODES = [
  'malformed-response',
  'auth-conflict',
  'first-party-login-required',
  'helper-failing',
  'invalid-custom-headers',
  'invalid-api-key',
  'invalid-auth-token',
  'invalid-env-header',
  'no-auth-method',
  'api-key-auth-disabled',
  'disabled-organization',
  'login-expired',
  'not-logged-in',
  'tls-untrusted',
  'dns-failure',
  'connection-timeout',
  'connection-refused',
  'upstream-no-adaptive',
  'upstream-rejects-betas',
  'gateway-context-limit',
  'fast-mode-network',
  'fast-mode-org',
  'remote-control-unavailable',
  'settings-flag-invalid',
  'bedrock-stream-rewritten',
  'bedrock-model-id',
  'desktop-gateway-unreachable',
  'unknown-model',
  'waf-403',
  'gateway-401',
  'models-missing',
  'model-not-routed',
  'rate-limited',
] as const;

/** A stable code for an error family {@link explainError} recognises: one of {@link ERROR_CODES}. */
export type GatewayErrorCode = (typeof ERROR_CODES)[number];

/** What an error message from Claude Code or a gateway means and what to do about it. */
export interface ErrorExplanation {
  /** A stable code for the error family. */
  code: GatewayErrorCode;
  /** The likely cause, in one sentence. */
  cause: string;
  /** What to do about it. */
  fix: string;
}

interface Pattern {
  test: RegExp;
  explain: (config: EffectiveConfig | undefined, text: string) => { cause: string; fix: string };
}

const fixed = (cause: string, fix: string) => (): { cause: string; fix: string } => ({ cause, fix });

function credentialName(config: EffectiveConfig | undefined): string | undefined {
  return config?.credential.variable;
}

/**
 * The local header check's own reason (docs/behavior.md#header-value-check), e.g. `… from ANTHROPIC_API_KEY: it contains a line
 * break at character 41 (120 characters on 2 lines).`: "contains …" when the text gives one.
 */
function unsafeValue(text: string): string | undefined {
  const m = /\bcontains ([^.(\n]+)/i.exec(text);
  const reason = m?.[1]?.trim();
  if (reason && /line break|\bNUL\b|character/i.test(reason)) return `contains ${reason}`;
  if (/\bline break\b|\bNUL\b|above U\+00FF/i.test(text)) return 'contains a line break, a NUL or a character above U+00FF';
  return undefined;
}

/** The credential named in the message (`… from ANTHROPIC_API_KEY: …`), else the one the configuration uses. */
function credentialSource(text: string, names: readonly string[], fromConfig: string | undefined): string | undefined {
  const named = names.find((n) => new RegExp(`\\bfrom ${n}\\b`, 'i').test(text));
  return named ?? fromConfig;
}

function apiKeySource(config: EffectiveConfig | undefined): string | undefined {
  const c = config?.credential;
  if (c?.kind === 'api-key-helper') return 'apiKeyHelper';
  return c?.variable === 'ANTHROPIC_API_KEY' ? 'ANTHROPIC_API_KEY' : undefined;
}

function authTokenSource(config: EffectiveConfig | undefined): string | undefined {
  const v = config?.credential.variable;
  return v === 'ANTHROPIC_AUTH_TOKEN' || v === 'CLAUDE_CODE_OAUTH_TOKEN' ? v : undefined;
}

/**
 * One pattern per code, tried in the order of {@link ERROR_CODES}: the mapped type makes the compiler
 * check that every code has its pattern and no pattern lacks a code.
 */
const PATTERNS: { readonly [C in GatewayErrorCode]: Pattern } = {
  // First: from 2.1.234 the message quotes the body ("Response: …"), which may be a login page
  // saying "Not logged in" or anything else another pattern would match.
  'malformed-response': {
    test: /empty or malformed response/i,
    explain: fixed(
      'The gateway or a proxy answered 200 with something that is not an API response (an HTML page, a login page)',
      'Run the verification request and look at the body; fix the route so /v1/messages reaches the API',
    ),
  },
  'auth-conflict': {
    test: /auth may not work as expected|Auth conflict: Both a token/i,
    explain: (c) => {
      // Claude Code fills authorization and x-api-key independently (docs/behavior.md#credential-headers): two gateway
      // credentials are both sent, each in its header; what fills neither is not sent.
      const headers =
        c && Array.isArray(c.credentialHeaders)
          ? c.credentialHeaders.filter((h) => h.kind === 'auth-token' || h.kind === 'api-key' || h.kind === 'api-key-helper')
          : [];
      const sentNames = [...new Set(headers.map((h) => h.variable ?? h.kind))];
      if (c && sentNames.length > 1) {
        const each = headers.map((h) => `${h.variable ?? h.kind} as ${h.header === 'authorization' ? 'authorization: Bearer' : 'x-api-key'}`).join(' and ');
        const notSent = c.credential.outranked.map((o) => o.variable ?? o.kind);
        return {
          cause: `Two credentials are active at once, and Claude Code sends both, each in its header: ${each}${notSent.length > 0 ? `; ${notSent.join(', ')} not sent` : ''}`,
          fix: `Keep one: unset ${sentNames.join(' or ')} (the one your gateway does not read)`,
        };
      }
      return {
        cause: `Two credentials are active at once${c?.credential.outranked.length ? `: ${[c.credential.variable ?? c.credential.kind, ...c.credential.outranked.map((o) => o.variable ?? o.kind)].join(' and ')}` : ' (a gateway variable and a saved login, or a token and an API key)'}; Claude Code uses the gateway variable`,
        fix: 'Unset the variable to use the saved login, or run /logout to keep the gateway credential',
      };
    },
  },
  'first-party-login-required': {
    test: /managed settings require a first-party login/i,
    explain: fixed(
      'Managed settings set forceLoginMethod or forceLoginOrgUUID, which block ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN and apiKeyHelper (2.1.146+)',
      'Ask the administrator to remove those keys, or drop the gateway credential and /login',
    ),
  },
  'helper-failing': {
    test: /apiKeyHelper script is failing|cannot be used as an API key/i,
    explain: (c) => ({
      // Only the program: a command line can hold a literal key (`echo sk-...`).
      cause: `The apiKeyHelper${c?.apiKeyHelper ? ` (${c.apiKeyHelper.command.trim().split(/\s+/)[0] ?? ''})` : ''} exited with an error, timed out, printed nothing, or (2.1.227+) printed more than one token of printable ASCII; Claude Code sent a placeholder and got 401`,
      fix: 'Run the command yourself: it must print only the key. Re-authenticate with the provider it reads from; /status shows its error output',
    }),
  },
  'invalid-custom-headers': {
    test: /Invalid ANTHROPIC_CUSTOM_HEADERS/i,
    explain: fixed(
      'A header in ANTHROPIC_CUSTOM_HEADERS has a line break, a NUL or a character above U+00FF (2.1.227+), or is not "Name: Value"',
      'Write one "Name: Value" per line (\\n inside JSON strings) with plain ASCII values',
    ),
  },
  'invalid-api-key': {
    test: /Invalid API key · Fix external API key|Invalid X-Api-Key header value/i,
    explain: (c, text) => {
      const source = credentialSource(text, ['ANTHROPIC_API_KEY', 'apiKeyHelper'], apiKeySource(c));
      const helper = source === 'apiKeyHelper';
      const unsafe = unsafeValue(text);
      if (unsafe !== undefined) {
        return {
          cause: `The API key from ${source ?? 'ANTHROPIC_API_KEY or the apiKeyHelper'} ${unsafe} (2.1.227+ refuses line breaks, NULs and characters above U+00FF before sending; often a pasted newline)`,
          fix: helper
            ? 'Make the apiKeyHelper print only the key, without a trailing line break or stray character'
            : 'Set the key again without the stray character',
        };
      }
      return {
        cause: `The API key ${source ? `from ${source}` : '(from ANTHROPIC_API_KEY or an apiKeyHelper)'} was rejected: it is wrong, revoked or not valid for this endpoint`,
        fix: helper
          ? 'Run the apiKeyHelper yourself and check the key it prints is current; re-authenticate with the provider it reads from'
          : source
            ? `Replace ${source} with a valid key (or unset it to use another credential)`
            : 'Check /status for where the key comes from, and replace it with a valid one',
      };
    },
  },
  'invalid-auth-token': {
    test: /Invalid auth token · Fix external auth token/i,
    explain: (c, text) => {
      const source = credentialSource(text, ['ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'], authTokenSource(c));
      const unsafe = unsafeValue(text);
      const named = source ?? 'ANTHROPIC_AUTH_TOKEN or CLAUDE_CODE_OAUTH_TOKEN';
      if (unsafe !== undefined) {
        return {
          cause: `The auth token from ${named} ${unsafe} (2.1.227+ refuses line breaks, NULs and characters above U+00FF before sending)`,
          fix: 'Set the token again without the stray character',
        };
      }
      return {
        cause: `The auth token in ${named} is bad: wrong, expired or revoked, or not one this endpoint accepts`,
        fix:
          source === 'CLAUDE_CODE_OAUTH_TOKEN'
            ? 'Create a new token with claude setup-token and set CLAUDE_CODE_OAUTH_TOKEN to it (or unset it and /login)'
            : source === 'ANTHROPIC_AUTH_TOKEN'
              ? 'Replace ANTHROPIC_AUTH_TOKEN with a token the gateway issued (or unset it to use another credential)'
              : 'Check /status for which token is in use; replace ANTHROPIC_AUTH_TOKEN with a valid gateway token, or CLAUDE_CODE_OAUTH_TOKEN with a new one from claude setup-token',
      };
    },
  },
  'invalid-env-header': {
    test: /Invalid request header from the environment/i,
    explain: fixed(
      'A variable that becomes a request header (such as CLAUDE_AGENT_SDK_CLIENT_APP) has a character HTTP headers cannot carry',
      'Fix or unset that variable',
    ),
  },
  'no-auth-method': {
    test: /Could not resolve authentication method/i,
    explain: fixed(
      'No credential reached the request: no API key, auth token or helper output',
      'Set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY (or an apiKeyHelper) where Claude Code reads it',
    ),
  },
  'api-key-auth-disabled': {
    test: /organization has disabled API key authentication/i,
    explain: fixed(
      'The organization allows only claude.ai logins, and a key or helper is configured',
      'Unset the key or the apiKeyHelper setting and run /login',
    ),
  },
  'disabled-organization': {
    test: /belongs to a disabled organization/i,
    explain: fixed('The API key belongs to a disabled organization', 'Update or unset ANTHROPIC_API_KEY'),
  },
  'login-expired': {
    test: /Login expired|Your login expires in/i,
    explain: fixed('The saved claude.ai login has expired (or soon will)', 'Run /login'),
  },
  'not-logged-in': {
    test: /Not logged in/i,
    explain: (c) => {
      const waiting = c?.pendingTrust.filter((p) => p.kind === 'apiKeyHelper' || /TOKEN|KEY|BASE_URL/.test(p.name)).map((p) => p.name) ?? [];
      if (waiting.length > 0) {
        return {
          cause: `${waiting.join(', ')} come only from project or local settings, which wait for the workspace-trust dialog`,
          fix: 'Accept the trust dialog, or move them to user settings or the shell',
        };
      }
      if (c && c.credential.kind === 'none')
        return { cause: 'No gateway credential reaches Claude Code', fix: 'Set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY in user settings or the shell' };
      return {
        cause: 'No credential reached the session, or the gateway wants x-api-key (its 401 body says so)',
        fix: 'Check /status; if the gateway wants x-api-key, use ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN',
      };
    },
  },
  'tls-untrusted': {
    test: /SSL certificate verification failed|Self-signed certificate detected|self[- ]signed certificate|unable to get local issuer certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED/i,
    explain: fixed(
      "The gateway presents a certificate that Claude Code's runtime does not trust (a corporate CA or a TLS-inspecting proxy), although curl may",
      'Set NODE_EXTRA_CA_CERTS to the CA bundle (PEM) in user or managed settings',
    ),
  },
  // Before connection-refused: the older wording wraps every network error as "Unable to connect to API (CODE)".
  'dns-failure': {
    test: /Can't reach the API server|ENOTFOUND|EAI_AGAIN|getaddrinfo/i,
    explain: (c) => ({
      cause: `The gateway's host name${c?.baseUrl ? ` in ${shownUrl(c.baseUrl.value)}` : ''} does not resolve`,
      fix: 'Check the host name, DNS and VPN',
    }),
  },
  'connection-timeout': {
    test: /ConnectionTimeout|ETIMEDOUT|timed out connecting|Request timed out/i,
    explain: (c) => ({
      cause: `No answer from ${c?.baseUrl ? shownUrl(c.baseUrl.value) : 'the base URL'} in time: packets dropped by a firewall, or a gateway that holds the response`,
      fix: "Run the streaming verification request; check the firewall and the gateway's buffering",
    }),
  },
  'connection-refused': {
    test: /Connection refused|ConnectionRefused|ECONNREFUSED|FailedToOpenSocket|Unable to connect to API/i,
    explain: (c) => ({
      cause: `Nothing answered at ${c?.baseUrl ? shownUrl(c.baseUrl.value) : 'the base URL'} (wrong address or port, VPN, firewall)`,
      fix: 'Run the verification request (curl); check the URL and the network path',
    }),
  },
  'upstream-no-adaptive': {
    test: /Input tag 'adaptive'|adaptive.*thinking|thinking.*adaptive|thinking(\.type)?: (Input should be|Extra inputs are not permitted)|thinking\.type/i,
    explain: fixed(
      'The upstream does not know adaptive reasoning (models 4.6 and later send it)',
      'Upgrade the upstream; on Opus/Sonnet 4.6 set CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING=1 (capability variables do not apply behind ANTHROPIC_BASE_URL)',
    ),
  },
  'upstream-rejects-betas': {
    test: /context_management|Extra inputs are not permitted/i,
    explain: fixed(
      'The upstream (often Bedrock or Vertex behind an Anthropic-format gateway) rejects Anthropic-only fields and betas',
      'Set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, or forward the beta header and fields together',
    ),
  },
  'gateway-context-limit': {
    test: /ContextWindowExceededError|prompt token count of \d+ exceeds the limit/i,
    explain: fixed(
      'The gateway rewrote the "prompt too long" error, so Claude Code cannot compact and retry by itself',
      'Run /compact; set CLAUDE_CODE_AUTO_COMPACT_WINDOW (100000 up to the model window); have the gateway return upstream errors unchanged',
    ),
  },
  'fast-mode-network': {
    test: /Fast mode unavailable due to network connectivity/i,
    explain: fixed(
      'The fast-mode check goes to api.anthropic.com directly; it is blocked, or the gateway key is rejected there',
      'Allow api.anthropic.com, or set CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS=1',
    ),
  },
  'fast-mode-org': {
    test: /Fast mode has been disabled by your organization/i,
    explain: fixed(
      'With only ANTHROPIC_AUTH_TOKEN the organization check is skipped (or a TLS-inspecting proxy blocks it)',
      'Set CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK=1',
    ),
  },
  'remote-control-unavailable': {
    test: /Remote Control is only available/i,
    explain: fixed(
      'Remote Control needs a claude.ai identity on api.anthropic.com; a gateway credential, a non-Anthropic ANTHROPIC_BASE_URL or a provider turns it off',
      'Unset the gateway credential and ANTHROPIC_BASE_URL (or the provider switch) to use it',
    ),
  },
  'settings-flag-invalid': {
    test: /Settings file exceeds the 2MiB limit|Cannot use settings file/i,
    explain: fixed(
      '--settings names a file larger than 2 MiB, or something that is not a regular file',
      'Point --settings at a regular JSON file of at most 2 MiB, or pass inline JSON',
    ),
  },
  'bedrock-stream-rewritten': {
    test: /Bedrock streaming response has content-type/i,
    explain: fixed(
      "The gateway rewrote Bedrock's event stream",
      'Forward Bedrock responses unchanged, or set CLAUDE_CODE_DISABLE_BEDROCK_CONTENT_TYPE_GUARD=1',
    ),
  },
  'bedrock-model-id': {
    test: /model identifier is invalid|on-demand throughput isn['’]?t supported|(?:ID|ARN) of an inference profile/i,
    explain: (c) => {
      const sent = c?.provider === 'bedrock' ? c.model.sent : undefined;
      if (sent === undefined)
        return {
          cause:
            'Bedrock did not accept the model id: it needs an id it offers in this region, usually a cross-region inference profile (us.anthropic.…, eu.anthropic.…, global.anthropic.…)',
          fix: 'Use an alias (sonnet, opus) so Claude Code names the model for Bedrock, or write the inference profile id or ARN in ANTHROPIC_MODEL',
        };
      if (sent.naming === 'override' && sent.override !== undefined)
        return {
          cause: `Claude Code sent the modelOverrides value for ${sent.override.key} (${sent.id}): Bedrock does not offer that id or profile in this region and account`,
          fix: 'Check the inference profile or ARN in the Bedrock console (its region and account), or remove the modelOverrides entry to let Claude Code name the model',
        };
      if (sent.naming === 'as-written')
        return {
          cause: `Claude Code sent the model as written (${sent.id}): it names it for Bedrock only when its catalog knows the Anthropic API id`,
          fix: 'Use an alias (sonnet, opus) or an Anthropic API id Claude Code knows, or write the inference profile id or ARN Bedrock offers (claude-gateway status shows what is sent)',
        };
      const p = sent.regionPrefix;
      const why =
        p === undefined
          ? ''
          : p.from === 'ANTHROPIC_BEDROCK_REGION_PREFIX'
            ? ` (prefix ${p.prefix} from ANTHROPIC_BEDROCK_REGION_PREFIX)`
            : ` (prefix ${p.prefix} from the region ${p.region}${p.regionFrom === 'default' ? ', no region variable set' : ` in ${p.regionFrom}`})`;
      return {
        cause: `Claude Code asked for ${sent.id}${why}: that inference profile is not offered in the region, or the account has no access to the model`,
        fix: 'Set AWS_REGION, or ANTHROPIC_BEDROCK_REGION_PREFIX (us, eu, apac, jp, au, global), to a geography that has the model, or request model access in the Bedrock console',
      };
    },
  },
  'desktop-gateway-unreachable': {
    test: /Gateway was unreachable/i,
    explain: fixed(
      'The desktop app could not reach its configured gateway (it does not use ANTHROPIC_BASE_URL)',
      "Check the desktop app's third-party inference configuration and the network",
    ),
  },
  'unknown-model': {
    test: /is not a recognized model id/i,
    explain: fixed(
      'The model name is not one the Anthropic API knows (the check runs only against the Anthropic API, not gateways)',
      'Use a Claude model id or alias, or route through the gateway that knows the name',
    ),
  },
  'waf-403': {
    test: /403[\s\S]*<html|<html[\s\S]*403|403 Forbidden/i,
    explain: fixed(
      'A web application firewall in front of the gateway blocked the request body (XSS body rules); the gateway logs stay empty',
      'Exempt /v1/messages from body inspection (AWS WAF CrossSiteScripting_Body, ModSecurity CRS body rules)',
    ),
  },
  'gateway-401': {
    test: /\b401\b|authentication_error|invalid x-api-key|Failed to authenticate/i,
    explain: (c) => {
      const name = credentialName(c);
      // Both headers go out when both are filled (docs/behavior.md#credential-headers): say which values the gateway got.
      const sent = c && Array.isArray(c.credentialHeaders) ? c.credentialHeaders : [];
      const label = (h: (typeof sent)[number]): string =>
        `${h.header === 'authorization' ? 'Authorization: Bearer' : 'x-api-key'} (${h.kind === 'api-key-helper' ? 'the apiKeyHelper output' : (h.variable ?? h.kind)})`;
      if (sent.some((h) => h.kind === 'api-key-helper')) {
        return {
          cause: `The gateway rejected ${sent.map(label).join(' and ')}: the helper printed a credential it does not accept, or failed (then Claude Code sends an empty value)`,
          fix: 'Run the helper by hand (claude-gateway verify runs it as Claude Code does); make it print only a current key; Claude Code reruns it after a 401',
        };
      }
      if (sent.length > 1) {
        return {
          cause: `The gateway rejected the request carrying ${sent.map(label).join(' and ')}: Claude Code sends both, and the one the gateway reads is not valid`,
          fix: 'Keep only the variable whose header your gateway reads (unset the other), and check that key is active',
        };
      }
      if (name === 'ANTHROPIC_AUTH_TOKEN')
        return {
          cause: 'The gateway rejected the credential sent as Authorization: Bearer (from ANTHROPIC_AUTH_TOKEN); it may read x-api-key instead',
          fix: 'Try the same value as ANTHROPIC_API_KEY (and unset ANTHROPIC_AUTH_TOKEN); if that fails, regenerate the key',
        };
      if (name === 'ANTHROPIC_API_KEY')
        return {
          cause: 'The gateway rejected the credential sent as x-api-key (from ANTHROPIC_API_KEY); it may read Authorization: Bearer instead',
          fix: 'Try the same value as ANTHROPIC_AUTH_TOKEN (and unset ANTHROPIC_API_KEY); if that fails, regenerate the key',
        };
      return {
        cause: 'The gateway rejected the credential: not issued by it, expired, or sent in a header it does not read',
        fix: 'Match the variable to the credential kind (bearer: ANTHROPIC_AUTH_TOKEN, x-api-key: ANTHROPIC_API_KEY) and check the key is active',
      };
    },
  },
  'models-missing': {
    test: /missing from \/model|not (shown|listed|in) (in )?\/model|\/model (does not|doesn't) (show|list)/i,
    explain: (c) => {
      if (c?.modelDiscovery.enabled) {
        return {
          cause: 'Discovery is on: the gateway list did not have them, or its ids lack "claude"/"anthropic", or availableModels leaves them out',
          fix: 'Run claude-gateway discover to see what the gateway lists and what Claude Code keeps',
        };
      }
      return {
        cause: `The gateway's model names are not built into Claude Code, and it does not ask the gateway for its list${c ? ` (discovery: ${c.modelDiscovery.reason})` : ''}`,
        fix: 'Set CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1, or name the models with ANTHROPIC_DEFAULT_OPUS_MODEL / _SONNET_ / _HAIKU_ or ANTHROPIC_CUSTOM_MODEL_OPTION',
      };
    },
  },
  'model-not-routed': {
    test: /\b404\b|model[_ ]not[_ ]found|not_found_error/i,
    explain: (c) =>
      c?.baseUrl && /\/v1\/*$/i.test(c.baseUrl.value) && c.provider !== 'vertex'
        ? {
            cause: `${c.baseUrl.name} ends in /v1 and Claude Code appends /v1/messages: the request goes to …/v1/v1/messages, which the gateway does not have`,
            fix: `Remove the trailing /v1 from ${c.baseUrl.name}`,
          }
        : c?.provider === 'vertex'
          ? {
              cause: `On Vertex a "model not found" 404 means the model is not offered in this region, or not enabled for the project${
                c.model.sent.vertexLocation !== undefined
                  ? ` (Claude Code asked for ${c.model.sent.id} in ${c.model.sent.vertexLocation.region}, from ${c.model.sent.vertexLocation.from === 'default' ? 'the default' : c.model.sent.vertexLocation.from})`
                  : ''
              }`,
              fix: 'Use a region that has the model (CLOUD_ML_REGION, or VERTEX_REGION_CLAUDE_* for one model; global where supported), and enable it in Model Garden',
            }
          : {
              cause: 'The gateway does not route this model name (the URL and credential work: auth happens first)',
              fix: 'Add a route for the model, or set ANTHROPIC_MODEL / ANTHROPIC_DEFAULT_*_MODEL to names the gateway knows',
            },
  },
  'rate-limited': {
    test: /\b429\b|rate[_ ]limit/i,
    explain: fixed(
      'The gateway or upstream is rate limiting; Claude Code retries up to 10 times honouring Retry-After',
      'Wait, or raise the limit for this key',
    ),
  },
};

/** Explains an error message from Claude Code or a gateway, or returns undefined for one it does not know. */
export function explainError(text: string, config?: EffectiveConfig): ErrorExplanation | undefined {
  for (const code of ERROR_CODES) {
    const p = PATTERNS[code];
    if (p.test.test(text)) return { code, ...p.explain(config, text) };
  }
  return undefined;
}
