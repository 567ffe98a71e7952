/** A managed source's `policyHelper`: its output, when given, replaces every managed source (docs/behavior.md#managed-precedence). */
import type { Diagnostic } from '../types';
import { hasFeature } from '../versions';
import { diagnostic } from '../catalogue';
import { objectCandidate } from './candidates';
import type { Candidate, ManagedSources } from './types';

const HELPER_LABEL = 'policyHelper output (managedSettings)';

/** The `policyHelper` path the selected source names, when it may run one (plist, HKLM or the managed file, 2.1.136+; docs/behavior.md#managed-precedence). */
function policyHelperOf(c: Candidate, version: string): string | undefined {
  if (c.channel !== 'plist' && c.channel !== 'HKLM' && c.channel !== 'file') return undefined;
  if (!hasFeature(version, 'policyHelper')) return undefined;
  const ph = c.settings['policyHelper'];
  return ph !== null && typeof ph === 'object' && typeof (ph as Record<string, unknown>)['path'] === 'string'
    ? ((ph as Record<string, unknown>)['path'] as string)
    : undefined;
}

/**
 * When the selected source names a `policyHelper` and its output is given, that output is
 * the only managed source (every other one, its own source included, is set aside). Its entries are
 * strict: an invalid one makes Claude Code refuse to start (docs/behavior.md#managed-precedence, #invalid-entries).
 */
export function helperCandidate(managed: ManagedSources, selected: Candidate, list: Candidate[]): Candidate | undefined {
  const path = policyHelperOf(selected, managed.version);
  if (path === undefined) return undefined;
  const output = managed.input.policyHelperOutput;
  if (output === undefined) {
    managed.diagnostics.push(diagnostic('managed-policy-helper', { helper: path }, { scope: 'managed' }));
    return undefined;
  }
  const own: Diagnostic[] = [];
  const c = objectCandidate('helper', output, HELPER_LABEL, own);
  const invalid = own.filter(
    (d) => d.code === 'managed-invalid-entry' || d.code === 'settings-unsafe-key' || d.code === 'env-not-string' || d.code === 'env-not-object',
  );
  for (const d of own) managed.diagnostics.push(d);
  if (invalid.length > 0) {
    managed.diagnostics.push(diagnostic('managed-policy-helper', { helper: path, invalidEntries: invalid.length }, { scope: 'managed' }));
  }
  for (const other of list) other.skip ??= `the policyHelper (${path}) output is the only managed settings of the session`;
  return c;
}
