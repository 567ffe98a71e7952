/**
 * The credential header values a request carries, for inference and for model discovery: which
 * credential goes in which header is decided by the resolver (`config.credentialHeaders`,
 * `config.modelDiscovery.headers`); here each gets its value (docs/behavior.md#credential-headers,
 * docs/behavior.md#model-discovery).
 */
import { ConfigError } from './errors';
import { nonEmptyVar } from './env';
import { discoveryCredential } from './discovery';
import type { EffectiveConfig } from './types';

/** A credential's value as a header carries it: after `Bearer ` in `authorization`, as it is in any other. */
export function headerValue(header: string, value: string): string {
  return header === 'authorization' ? `Bearer ${value}` : value;
}

function helperOutput(helperValue: string | undefined): string {
  if (helperValue === undefined) throw new ConfigError('INVALID_OPTIONS', 'the credential is an apiKeyHelper: pass helperValue (runApiKeyHelper gives it)');
  return helperValue;
}

/** `config.credentialHeaders`, or, for a configuration made before it existed, the headers of `config.credential`. */
function headersOf(config: EffectiveConfig): { header: string; kind: string; variable?: string | undefined }[] {
  if (Array.isArray(config.credentialHeaders)) return config.credentialHeaders;
  const c = config.credential;
  return c.headers.map((header) => ({ header, kind: c.kind, variable: c.kind === 'api-key-helper' ? undefined : c.variable }));
}

/**
 * The credential headers the configuration really sends on inference, with their values: each entry of
 * `config.credentialHeaders`, so both headers when both apply (ANTHROPIC_AUTH_TOKEN as the bearer and
 * ANTHROPIC_API_KEY as `x-api-key`), and the helper's output in each header the helper fills.
 * `helperValue` is required when the helper fills one.
 */
export function credentialHeaders(config: EffectiveConfig, helperValue?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of headersOf(config)) {
    // Surrounding whitespace is not sent (vector padded-token-user; docs/behavior.md#credential-whitespace).
    const v = h.kind === 'api-key-helper' ? helperOutput(helperValue) : h.variable ? nonEmptyVar(config.env, h.variable)?.value.trim() : undefined;
    if (v !== undefined) out[h.header] = headerValue(h.header, v);
  }
  return out;
}

/**
 * The credential headers of Claude Code's model-discovery request, with their values: the one
 * credential discovery sends (`discoveryCredential`) in each header of `config.modelDiscovery.headers`.
 * `helperValue` is required when that credential is the apiKeyHelper's output.
 */
export function discoveryCredentialHeaders(config: EffectiveConfig, helperValue?: string): Record<string, string> {
  const source = discoveryCredential(config.env, config.apiKeyHelper);
  if (source === undefined) return {};
  const value = source === 'apiKeyHelper' ? helperOutput(helperValue) : (config.env[source]?.value ?? '');
  const out: Record<string, string> = {};
  for (const header of config.modelDiscovery.headers) out[header] = headerValue(header, value);
  return out;
}
