/** An apiKeyHelper whose program is not there or cannot run (docs/behavior.md#api-key-helper). */
import type { Diagnostic, EffectiveConfig } from '../types';
import type { DiagnoseFacts } from './facts';

export function helperRules(config: EffectiveConfig, facts: DiagnoseFacts): Diagnostic[] {
  const h = config.apiKeyHelper;
  const f = facts.helper;
  if (!h || !f) return [];
  const where = { scope: h.source.scope, ...(h.source.path ? { path: h.source.path } : {}) };
  if (!f.found) {
    return [{ code: 'doctor-helper-missing', severity: 'error', ...where, message: `apiKeyHelper runs ${f.program}, which does not exist: Claude Code fails with "Your apiKeyHelper script is failing"`, fix: `Install ${f.program}, or fix the apiKeyHelper path` }];
  }
  if (!f.executable) {
    return [{ code: 'doctor-helper-not-executable', severity: 'error', ...where, message: `apiKeyHelper runs ${f.program}, which is not executable`, fix: `chmod +x ${f.program}` }];
  }
  return [];
}
