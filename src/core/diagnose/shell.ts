/** The shell start-up file rule: a gateway variable only an interactive shell's start-up file sets. */
import { diagnostic } from '../catalogue';
import type { Diagnostic, EffectiveConfig } from '../types';
import type { DiagnoseFacts } from './facts';

/**
 * `doctor-shell-only-variable`: a variable Claude Code reads that only `~/.zshrc`, `~/.bashrc`,
 * `config.fish` or a PowerShell profile exports, and no settings file sets. A terminal's Claude Code has
 * it; one started from the desktop, an IDE that does not load the shell or a service does not.
 */
export function shellRules(config: EffectiveConfig, facts: DiagnoseFacts): Diagnostic[] {
  const exports = facts.shellExports ?? [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of exports) {
    if (!e.interactiveOnly || seen.has(e.variable)) continue;
    // Also exported where every session reads it, or set by a settings file: reaches Claude Code anyway.
    if (exports.some((o) => o.variable === e.variable && !o.interactiveOnly)) continue;
    const v = Object.hasOwn(config.env, e.variable) ? config.env[e.variable] : undefined;
    if (v !== undefined && v.source.scope !== 'shell') continue;
    seen.add(e.variable);
    out.push(diagnostic('doctor-shell-only-variable', { variable: e.variable, file: e.file, line: e.line }));
  }
  return out;
}
