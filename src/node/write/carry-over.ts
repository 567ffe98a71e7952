/**
 * Carrying over another program's write that a rename of ours replaced. Such a program opened the
 * file before our rename and wrote into it after the last look (or just after the rename): its bytes
 * are in the old file, which the writer keeps open. They are read back, turned into edits, and the next
 * attempt applies them first (docs/behavior.md, Writing). Measured with the reliability test's
 * foreign writer (rewriting the file in place every 0-5 ms during 80 writes of 8 processes): without
 * the check of the replaced file a key was lost silently in 2 of 6 runs; with it, none in 12.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EditOp } from '../../core/edit';
import { ConfigError } from '../../core/errors';
import type { Diagnostic } from '../../core/types';
import { readOpen, WRITE_MAX_BYTES } from '../backup';
import { RetryError } from './errors';
import { diagnostic } from '../../core/catalogue';

/** How long a writer keeps trying to carry another program's replaced changes over before it reports them lost. */
const RESCUE_BUDGET_MS = 5_000;

/** How long after the rename a late write into the replaced file is still looked for. */
const LATE_WRITE_WAIT_MS = 5;

/**
 * How long to wait for another program's in-place save to finish: 500 polls of 10 ms. A program
 * descheduled in the middle of its save on a loaded machine can take a while, and giving up loses its bytes.
 */
const FOREIGN_SAVE_POLLS = 500;
const FOREIGN_SAVE_POLL_MS = 10;

/**
 * After our rename: reads the replaced file (still open as `fd`, read as `before`) now and again a
 * moment later. When another program wrote into it, throws a `RetryError` carrying its changes over,
 * or `CONCURRENT_MODIFICATION` when its in-place save never finished.
 */
export async function checkReplacedFile(fd: number, before: Buffer, target: string, label: string): Promise<void> {
  const reread = (): Buffer => readOpen(fd, WRITE_MAX_BYTES, label);
  let replaced = reread();
  // A program that opened the file just before the rename writes into the replaced file an instant
  // later: look again after a moment before calling the write done.
  if (replaced.equals(before)) {
    await sleep(LATE_WRITE_WAIT_MS);
    replaced = reread();
  }
  if (replaced.equals(before)) return;
  // Another program wrote into the file we replaced. An in-place save may still be under way
  // (emptied, half written): wait for it to finish before putting its bytes back.
  for (let i = 0; i < FOREIGN_SAVE_POLLS && !isJson(replaced); i++) {
    await sleep(FOREIGN_SAVE_POLL_MS);
    replaced = reread();
  }
  if (!isJson(replaced)) {
    throw new ConfigError(
      'CONCURRENT_MODIFICATION',
      `${target} was being rewritten in place by another program, which did not finish; this write stands and the other program's unfinished bytes were not restored`,
    );
  }
  // Carry its changes over, value by value, in the next attempt: planned on the file as it is then
  // and written with the same last look and the same check of the replaced file as this one.
  throw new RetryError(rescueOps(before, replaced), true);
}

/**
 * The values another program set between `before` and `theirs` (top-level keys, and `env` entries one
 * by one), as edits; empty when there is nothing to carry over or either side is not JSON. Removals are
 * not carried over: a key that comes back is better than a key lost.
 */
function rescueOps(before: Buffer, theirs: Buffer): EditOp[] {
  const parse = (b: Buffer): Record<string, unknown> => JSON.parse(b.toString('utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  let base: Record<string, unknown>;
  let other: Record<string, unknown>;
  try {
    base = parse(before);
    other = parse(theirs);
  } catch {
    return [];
  }
  const ops: EditOp[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const baseEnv = (base['env'] ?? {}) as Record<string, unknown>;
  const otherEnv = (other['env'] ?? {}) as Record<string, unknown>;
  // Only what it added or changed: what its file lacks may be what it never saw (written after it read
  // the file, by us or by an earlier carry-over), and removing that would lose it.
  for (const k of Object.keys(otherEnv)) {
    if (!same(baseEnv[k], otherEnv[k])) ops.push({ op: 'set', path: ['env', k], value: otherEnv[k] });
  }
  for (const k of Object.keys(other)) {
    if (k === 'env' || same(base[k], other[k])) continue;
    ops.push({ op: 'set', path: [k], value: other[k] });
  }
  return ops;
}

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/**
 * The retry loop's account of another program's changes: those still to carry over (`pending`, applied
 * first by the next attempt) and those already carried over (reported, so that nobody wonders where
 * they went).
 */
export class CarryOver {
  /** Edits of another program still to carry over (they were in a file one of our renames replaced). */
  pending: EditOp[] = [];
  /** True once an attempt's rename happened: this write's changes reached the file. */
  committed = false;
  private since = 0;
  private readonly carried = new Set<string>();

  constructor(private readonly path: string) {}

  /** An attempt landed: what it carried over goes into its result (`write-concurrent-change-kept`). */
  landed(diagnostics: Diagnostic[]): void {
    for (const op of this.pending) this.carried.add(op.path.join('.'));
    if (this.carried.size === 0) return;
    diagnostics.push(diagnostic('write-concurrent-change-kept', { paths: [...this.carried] }, { path: this.path }));
  }

  /**
   * An attempt failed with `error` (attempt number `attempt`). Returns true to try again at once
   * (another program's changes are pending and the budget allows); throws when the write must stop
   * (an error that is not a retry, or pending changes that could not be carried over); returns false
   * for a plain retry, which the caller counts.
   */
  failed(error: unknown, attempt: number): boolean {
    if (error instanceof RetryError) {
      if (error.committed) {
        this.committed = true;
        for (const op of this.pending) this.carried.add(op.path.join('.'));
      }
      // Edits an attempt committed are in the file: applying them again could undo a newer change.
      this.pending = error.committed ? [...error.rescue] : [...this.pending, ...error.rescue];
      if (this.pending.length === 0) this.since = 0;
      else if (this.since === 0) this.since = Date.now();
    }
    if (this.pending.length > 0) {
      // Giving up now would lose another program's changes: while there are some, keep trying for up
      // to RESCUE_BUDGET_MS (an attempt lands unless the file changes again within a few ms). That
      // program is writing the file right now, so a file caught empty or half written is its save
      // under way, not a reason to stop.
      const transient = error instanceof RetryError || (error instanceof ConfigError && error.code === 'INVALID_JSON');
      if (transient && Date.now() - this.since < RESCUE_BUDGET_MS) return true;
      const lost = this.pending.map((op) => op.path.join('.')).join(', ');
      throw new ConfigError(
        'CONCURRENT_MODIFICATION',
        `${this.path} kept changing while it was being written; another program's changes to ${lost} could not be carried over after ${attempt} attempts${this.note()}`,
        { cause: error },
      );
    }
    if (!(error instanceof RetryError)) {
      if (this.carried.size > 0 && error instanceof ConfigError) throw new ConfigError(error.code, `${error.message}${this.note()}`, { cause: error });
      throw error;
    }
    return false;
  }

  /** The error when the file kept changing through every attempt. */
  gaveUp(attempts: number): ConfigError {
    return new ConfigError(
      'CONCURRENT_MODIFICATION',
      this.committed
        ? `${this.path} kept changing while it was being written (${attempts} attempts); this write's changes reached the file but may since have been overwritten by the other program${this.note()}`
        : `${this.path} kept changing while it was being written (${attempts} attempts); nothing was overwritten`,
    );
  }

  /** What an error adds when changes were carried over before it. */
  private note(): string {
    return this.carried.size > 0 ? `; another program's changes to ${[...this.carried].join(', ')} made meanwhile were carried over` : '';
  }
}
