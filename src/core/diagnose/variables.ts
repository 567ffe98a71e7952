/** Variables set to values Claude Code reads differently than meant (docs/behavior.md#variable-values, docs/behavior.md#model-discovery). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { truth } from '../variables';
import { hasFeature } from '../versions';
import { at } from './util';

export function variableRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const env = config.env;
  const acw = env['CLAUDE_CODE_AUTO_COMPACT_WINDOW'];
  if (acw && acw.value !== '') {
    if (!/^\d+$/.test(acw.value.trim())) {
      out.push(at(acw, { code: 'doctor-auto-compact-window', severity: 'warning', message: `CLAUDE_CODE_AUTO_COMPACT_WINDOW is "${acw.value}": only plain digits count (500k reads as 500, then clamps to 100000)`, fix: 'Write the number of tokens in digits, e.g. 180000' }));
    } else {
      const n = Number(acw.value.trim());
      if (n < 100_000 || n > 1_000_000) out.push(at(acw, { code: 'doctor-auto-compact-window', severity: 'info', message: `CLAUDE_CODE_AUTO_COMPACT_WINDOW ${n} is outside 100000–1000000 and is clamped`, fix: 'Choose a value in 100000–1000000, below the model\'s context window' }));
    }
  }
  const small = env['ANTHROPIC_SMALL_FAST_MODEL'];
  if (small && small.value !== '') {
    const scope = small.source.scope;
    out.push(
      at(small, {
        code: 'doctor-deprecated-variable',
        severity: 'warning',
        message: 'ANTHROPIC_SMALL_FAST_MODEL is deprecated',
        fix: 'Use ANTHROPIC_DEFAULT_HAIKU_MODEL',
        ...(scope !== 'shell' && scope !== 'managed' && !env['ANTHROPIC_DEFAULT_HAIKU_MODEL']
          ? {
              fixEdit: {
                scope,
                ops: [
                  { op: 'set' as const, path: ['env', 'ANTHROPIC_DEFAULT_HAIKU_MODEL'], value: small.value },
                  { op: 'unset' as const, path: ['env', 'ANTHROPIC_SMALL_FAST_MODEL'] },
                ],
              },
            }
          : {}),
      }),
    );
  }
  if (config.provider === 'anthropic' && config.baseUrl) {
    for (const v of Object.values(env)) {
      if (!/_SUPPORTED_CAPABILITIES$/.test(v.name) || v.value === '') continue;
      const names = hasFeature(config.claudeCodeVersion, 'modelNamesBehindGateway') ? '; _NAME and _DESCRIPTION do work behind a gateway' : '';
      out.push(at(v, { code: 'doctor-capabilities-behind-gateway', severity: 'warning', message: `${v.name} has no effect behind ANTHROPIC_BASE_URL; capability variables work only with a provider (CLAUDE_CODE_USE_BEDROCK/VERTEX/FOUNDRY/MANTLE)`, fix: `Remove it${names}` }));
    }
  }
  const flag = env['CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'];
  const d = config.modelDiscovery;
  if (flag && truth(flag.name, flag.value) === 'on' && !d.enabled && d.reason !== 'not-opted-in') {
    const why: Record<string, string> = {
      'provider-selected': 'a CLAUDE_CODE_USE_* provider is selected',
      'nonessential-traffic-disabled': 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC is set (any value, even 0); models cached by an earlier run still show in /model',
      'no-base-url': 'ANTHROPIC_BASE_URL is not set',
      'invalid-base-url': 'ANTHROPIC_BASE_URL is not an http(s) URL',
      'first-party-host': 'ANTHROPIC_BASE_URL is api.anthropic.com',
      'unsupported-version': `Claude Code ${config.claudeCodeVersion} has no gateway discovery`,
    };
    out.push(at(flag, { code: 'doctor-discovery-cannot-run', severity: 'warning', message: `Model discovery is switched on but does not run: ${why[d.reason] ?? d.reason}`, fix: 'Remove the switch, or fix what stops it' }));
  }
  return out;
}
