/**
 * The doctor's machine-applicable fixes (`Diagnostic.fixEdit`), grouped by the settings file they
 * change, so that each file is written once with all of its edits (`claude-gateway doctor --fix`).
 */
import type { EditOp } from './edit';
import type { Diagnostic } from './types';

export interface FixGroup {
  /** The settings scope whose file the edits change. */
  scope: NonNullable<Diagnostic['fixEdit']>['scope'];
  ops: EditOp[];
  /** The diagnostics these edits fix, in order. */
  fixes: Diagnostic[];
}

/** The fix edits of `diagnostics`, one group per scope, in the order the scopes first appear; duplicates dropped. */
export function groupFixEdits(diagnostics: readonly Diagnostic[]): FixGroup[] {
  const groups = new Map<FixGroup['scope'], FixGroup>();
  for (const d of diagnostics) {
    if (!d.fixEdit) continue;
    let g = groups.get(d.fixEdit.scope);
    if (!g) {
      g = { scope: d.fixEdit.scope, ops: [], fixes: [] };
      groups.set(d.fixEdit.scope, g);
    }
    const seen = new Set(g.ops.map((o) => JSON.stringify(o)));
    for (const op of d.fixEdit.ops) {
      const key = JSON.stringify(op);
      if (seen.has(key)) continue;
      seen.add(key);
      g.ops.push(op as EditOp);
    }
    g.fixes.push(d);
  }
  return [...groups.values()];
}
