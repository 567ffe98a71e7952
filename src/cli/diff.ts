/**
 * A unified diff for `--dry-run` (jsdiff): removed lines before added ones, and the whole of the file
 * as context (settings files are short; a reader sees the file as it will be).
 */
import { structuredPatch } from 'diff';

export function lineDiff(before: string, after: string, label: string): string {
  const a = before.replace(/\r\n/g, '\n');
  const b = after.replace(/\r\n/g, '\n');
  const patch = structuredPatch(label, label, a, b, '', '', { context: Number.MAX_SAFE_INTEGER });
  const out = [`--- ${label}`, `+++ ${label}`];
  // Nothing changes: the file as it stays.
  if (patch.hunks.length === 0 && b !== '') for (const line of b.replace(/\n$/, '').split('\n')) out.push(` ${line}`);
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const line of h.lines) if (!line.startsWith('\\')) out.push(line);
  }
  return `${out.join('\n')}\n`;
}
