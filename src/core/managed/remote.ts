/** Whether this session fetches server-managed settings (docs/behavior.md#managed-precedence, docs/behavior.md#managed-gateway-keys). */
import { envOf } from '../schema';
import type { Layer } from '../merge';
import { isFirstPartyHost } from '../discovery';
import { PROVIDER_SWITCHES, truth } from '../variables';

/**
 * Why server-managed settings are not fetched in this session, if they are not (docs/behavior.md#managed-precedence, #managed-gateway-keys). Decided
 * from what applies before managed settings: the shell and the non-managed layers as applied (env
 * waiting for trust does not count).
 */
export function remoteSkipReason(layers: readonly Layer[], shell: Record<string, string | undefined>): string | undefined {
  // The value a variable has before managed settings apply: the highest layer setting it, else the shell.
  const lookup = (name: string): string | undefined => {
    for (let i = layers.length - 1; i >= 0; i--) {
      const env = envOf(layers[i]?.settings);
      if (Object.hasOwn(env, name)) return env[name];
    }
    return shell[name];
  };
  for (const name of Object.values(PROVIDER_SWITCHES)) {
    if (truth(name, lookup(name)) === 'on') return `${name} selects a cloud provider`;
  }
  const base = lookup('ANTHROPIC_BASE_URL');
  if (base && !isFirstPartyHost(base)) return 'ANTHROPIC_BASE_URL points at a gateway, not api.anthropic.com';
  // The helper outranks CLAUDE_CODE_OAUTH_TOKEN and a login, so with it the session sends a helper key (docs/behavior.md#credential-order).
  const helper = layers.some((l) => typeof l.settings['apiKeyHelper'] === 'string');
  if (helper && !lookup('ANTHROPIC_API_KEY') && !lookup('ANTHROPIC_AUTH_TOKEN')) {
    return 'an apiKeyHelper key does not trigger the server-managed fetch';
  }
  return undefined;
}
