/** Boolean variables set to a word Claude Code does not read as on or off (docs/behavior.md#variable-values). */
import type { Diagnostic, ResolvedVar } from './types';
import { PROVIDER_SKIP_AUTH, PROVIDER_SWITCHES, truth } from './variables';
import { diagnostic, sourcePlace } from './catalogue';

/** The gateway-relevant switches whose value is read as a boolean. */
export const BOOLEAN_VARIABLES: readonly string[] = [
  ...Object.values(PROVIDER_SWITCHES),
  ...Object.values(PROVIDER_SKIP_AUTH),
  'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY',
  'CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS',
  'CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS',
  'CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK',
  'CLAUDE_CODE_DISABLE_ADAPTIVE_THINKING',
  'CLAUDE_CODE_DISABLE_THINKING',
  'CLAUDE_CODE_PROXY_RESOLVES_HOSTS',
];

export function booleanDiagnostics(env: Record<string, ResolvedVar>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of BOOLEAN_VARIABLES) {
    const v = env[name];
    if (!v || truth(name, v.value) !== 'unrecognised') continue;
    out.push(diagnostic('env-invalid-boolean', { variable: name, value: v.value }, sourcePlace(v.source)));
  }
  return out;
}
