/**
 * A unified diff for `--dry-run` (jsdiff): removed lines before added ones, and the whole of the file
 * as context (settings files are short; a reader sees the file as it will be).
 */
import { structuredPatch } from 'diff';
import { createRedactor, secretsOfEdit } from '../core/redact';
import type { EditOp } from '../core/edit';
import type { CliIo } from './io';
import { noteSecrets } from './secrets';

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

/**
 * The diff of a planned or made write, every credential the edit touches masked (unless `show`), and
 * those credentials noted for the io's redactor, so nothing printed later shows them either.
 */
export function editDiff(io: CliIo, r: { previousText?: string; text: string; path: string }, ops: readonly EditOp[], show: boolean): string {
  if (show) return lineDiff(r.previousText ?? '', r.text, r.path);
  const secrets = secretsOfEdit(r.previousText, r.text, ops);
  noteSecrets(io, secrets);
  const redactor = createRedactor(secrets);
  return lineDiff(redactor.text(r.previousText ?? ''), redactor.text(r.text), r.path);
}
