/** The shell start-up file rules: a gateway variable only an interactive shell's start-up file sets, directly or through a tool it runs. */
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
  // The same for a tool run there to set them (`eval "$(ccr activate)"`): unless every session runs it, or a settings file gives the address.
  const activations = facts.shellActivations ?? [];
  const base = Object.hasOwn(config.env, 'ANTHROPIC_BASE_URL') ? config.env['ANTHROPIC_BASE_URL'] : undefined;
  if (base === undefined || base.source.scope === 'shell') {
    for (const a of activations) {
      if (!a.interactiveOnly || activations.some((o) => o.source === a.source && !o.interactiveOnly) || out.some((d) => d.args?.['command'] === a.command))
        continue;
      out.push(diagnostic('doctor-shell-only-activation', { command: a.command, source: a.source, file: a.file, line: a.line }));
    }
  }
  return out;
}
