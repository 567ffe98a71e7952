/** Variables set to values Claude Code reads differently than meant (docs/behavior.md#variable-values, docs/behavior.md#model-discovery). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { truth } from '../variables';
import { hasFeature } from '../versions';
import { at } from './util';
import { diagnostic } from '../catalogue';

export function variableRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const env = config.env;
  const acw = env['CLAUDE_CODE_AUTO_COMPACT_WINDOW'];
  if (acw && acw.value !== '') {
    if (!/^\d+$/.test(acw.value.trim())) {
      out.push(at(acw, diagnostic('doctor-auto-compact-window', { value: acw.value, digits: false })));
    } else {
      const n = Number(acw.value.trim());
      if (n < 100_000 || n > 1_000_000) out.push(at(acw, diagnostic('doctor-auto-compact-window', { value: acw.value.trim(), digits: true })));
    }
  }
  const small = env['ANTHROPIC_SMALL_FAST_MODEL'];
  if (small && small.value !== '') {
    const scope = small.source.scope;
    out.push(
      at(
        small,
        diagnostic(
          'doctor-deprecated-variable',
          { variable: 'ANTHROPIC_SMALL_FAST_MODEL', replacement: 'ANTHROPIC_DEFAULT_HAIKU_MODEL' },
          scope !== 'shell' && scope !== 'managed' && !env['ANTHROPIC_DEFAULT_HAIKU_MODEL']
            ? {
                fixEdit: {
                  scope,
                  ops: [
                    { op: 'set' as const, path: ['env', 'ANTHROPIC_DEFAULT_HAIKU_MODEL'], value: small.value },
                    { op: 'unset' as const, path: ['env', 'ANTHROPIC_SMALL_FAST_MODEL'] },
                  ],
                },
              }
            : {},
        ),
      ),
    );
  }
  if (config.provider === 'anthropic' && config.baseUrl) {
    for (const v of Object.values(env)) {
      if (!/_SUPPORTED_CAPABILITIES$/.test(v.name) || v.value === '') continue;
      const namesWork = hasFeature(config.claudeCodeVersion, 'modelNamesBehindGateway');
      out.push(at(v, diagnostic('doctor-capabilities-behind-gateway', { variable: v.name, namesWork })));
    }
  }
  const flag = env['CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'];
  const d = config.modelDiscovery;
  if (flag && truth(flag.name, flag.value) === 'on' && !d.enabled && d.reason !== 'not-opted-in') {
    out.push(at(flag, diagnostic('doctor-discovery-cannot-run', { reason: d.reason, version: config.claudeCodeVersion })));
  }
  return out;
}
