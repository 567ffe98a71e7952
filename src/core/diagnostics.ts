/** Ordering and printing of diagnostics: one formatter, so tests assert codes and never wording. */
import type { Diagnostic, Severity } from './types';

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Errors first, then warnings, then information; within each by file, line, column and code. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      cmp(a.path, b.path) ||
      cmp(a.line, b.line) ||
      cmp(a.column, b.column) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** `path:line:column: severity code: message`, as compilers print. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? `${d.path}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const fix = d.fix ? `\n  fix: ${d.fix}` : '';
  return `${where}${d.severity} ${d.code}: ${messageBesidePath(d)}${fix}`;
}

/** A diagnostic's message for printing beside its location: a message that opens with the same path says "the file" instead. */
export function messageBesidePath(d: Diagnostic): string {
  return d.path && d.message.startsWith(`${d.path} `)
    ? `the file ${d.message.slice(d.path.length + 1)}`
    : d.path && d.message.startsWith(`${d.path}: `)
      ? d.message.slice(d.path.length + 2)
      : d.message;
}
