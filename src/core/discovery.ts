/** Whether Claude Code asks the gateway for its models (docs/behavior.md#model-discovery). */
import type { ApiKeyHelperInfo, ModelDiscovery, ModelDiscoveryOff, Provider, ResolvedVar } from './types';
import { hasFeature } from './versions';
import { truth } from './variables';

let lastText: string | undefined;
let lastUrl: URL | undefined;

/** `new URL(text)`, or undefined; the last answer is kept, since one resolution asks about one URL several times. */
function parseUrl(text: string): URL | undefined {
  if (text !== lastText) {
    lastText = text;
    try {
      lastUrl = new URL(text);
    } catch {
      lastUrl = undefined;
    }
  }
  return lastUrl;
}

/** True for hosts that are Anthropic's own API. */
export function isFirstPartyHost(url: string): boolean {
  return parseUrl(url)?.hostname.toLowerCase() === 'api.anthropic.com';
}

/** An absolute http(s) URL, which is all Claude Code can send a request to. */
export function isHttpUrl(value: string): boolean {
  const u = parseUrl(value);
  return u !== undefined && (u.protocol === 'http:' || u.protocol === 'https:');
}

/** The one credential model discovery sends: ANTHROPIC_AUTH_TOKEN, else ANTHROPIC_API_KEY, else the apiKeyHelper's output. */
export function discoveryCredential(
  env: Record<string, ResolvedVar>,
  helper: ApiKeyHelperInfo | undefined,
): 'ANTHROPIC_AUTH_TOKEN' | 'ANTHROPIC_API_KEY' | 'apiKeyHelper' | undefined {
  if (env['ANTHROPIC_AUTH_TOKEN']?.value) return 'ANTHROPIC_AUTH_TOKEN';
  if (env['ANTHROPIC_API_KEY']?.value) return 'ANTHROPIC_API_KEY';
  return helper !== undefined ? 'apiKeyHelper' : undefined;
}

export function resolveModelDiscovery(
  env: Record<string, ResolvedVar>,
  provider: Provider,
  helper: ApiKeyHelperInfo | undefined,
  version: string,
): ModelDiscovery {
  const filter = hasFeature(version, 'discoveryContainsFilter') ? 'contains' : 'prefix';
  // One credential: the bearer in authorization, else the API key or the helper's output in x-api-key;
  // from 2.1.248 a helper alone fills both (vector discovery-helper-only).
  const source = discoveryCredential(env, helper);
  const headers =
    source === 'ANTHROPIC_AUTH_TOKEN'
      ? ['authorization']
      : source === 'apiKeyHelper' && hasFeature(version, 'discoveryHelperBothHeaders')
        ? ['authorization', 'x-api-key']
        : source !== undefined
          ? ['x-api-key']
          : [];
  const off = (reason: ModelDiscoveryOff['reason']): ModelDiscovery => ({ enabled: false, reason, filter, headers });
  if (!hasFeature(version, 'discoveryAutomatic')) return off('unsupported-version');
  const optIn = hasFeature(version, 'discoveryOptIn');
  const flag = 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY';
  if (optIn && truth(flag, env[flag]?.value) !== 'on') return off('not-opted-in');
  const base = env['ANTHROPIC_BASE_URL']?.value;
  if (!base) return off('no-base-url');
  if (!isHttpUrl(base)) return off('invalid-base-url');
  if (isFirstPartyHost(base)) return off('first-party-host');
  if (provider !== 'anthropic') return off('provider-selected');
  const traffic = 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC';
  if (!hasFeature(version, 'discoveryIgnoresNonessential') && truth(traffic, env[traffic]?.value) === 'on') return off('nonessential-traffic-disabled');
  return { enabled: true, reason: optIn ? 'enabled' : 'automatic', filter, headers };
}

const MODEL_ALIASES: ReadonlySet<string> = new Set(['sonnet', 'opus', 'haiku', 'fable']);

/**
 * Whether `availableModels` lets a discovered model into the picker (discovery is bounded by it,
 * docs/behavior.md#model-discovery; the matching rule is ours, docs/behavior.md#open-points-what-we-chose). An entry matches the same id (any case), an id it is a version prefix of
 * (`claude-opus-4` → `claude-opus-4-8`), or, for an alias (`sonnet`, `opus`, `haiku`, `fable`), any id
 * of that family. Without a list, every model is allowed.
 */
export function allowedByAvailableModels(id: string, available: unknown): boolean {
  if (!Array.isArray(available)) return true;
  const lower = id.toLowerCase();
  return available.some((entry) => {
    if (typeof entry !== 'string') return false;
    const e = entry.toLowerCase();
    if (e === lower) return true;
    if (lower.startsWith(`${e}-`) || lower.startsWith(`${e}@`)) return true;
    return MODEL_ALIASES.has(e) && lower.includes(e);
  });
}
