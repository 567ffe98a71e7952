/** An apiKeyHelper whose program is not there or cannot run (docs/behavior.md#api-key-helper). */
import type { Diagnostic, EffectiveConfig } from '../types';
import type { DiagnoseFacts } from './facts';
import { diagnostic } from '../catalogue';

export function helperRules(config: EffectiveConfig, facts: DiagnoseFacts): Diagnostic[] {
  const h = config.apiKeyHelper;
  const f = facts.helper;
  if (!h || !f) return [];
  const where = { scope: h.source.scope, ...(h.source.path ? { path: h.source.path } : {}) };
  if (!f.found) {
    return [diagnostic('doctor-helper-missing', { program: f.program }, where)];
  }
  if (!f.executable) {
    return [diagnostic('doctor-helper-not-executable', { program: f.program }, where)];
  }
  return [];
}
