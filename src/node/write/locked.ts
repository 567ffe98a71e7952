/**
 * The frame around a write or a revert: the file's folder made, the file's lock held while the body
 * runs, system errors named after the settings file, and the folders it made taken away again when
 * nothing was written.
 */
import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Diagnostic } from '../../core/types';
import { withFileLock, type LockInfo } from '../lock';
import { fileError } from './errors';
import { diagnostic } from '../../core/catalogue';

/**
 * Runs `body` holding the lock of `target` (see lock.ts). `body` calls `wrote()` once the file has
 * been replaced or removed; until then, folders made for it are taken away when it fails.
 */
export async function underLock<T>(target: string, label: string, body: (lock: LockInfo, wrote: () => void) => Promise<T>): Promise<T> {
  const dir = dirname(target);
  let createdDir: string | undefined;
  try {
    createdDir = mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fileError(error, label, 'created');
  }
  let wrote = false;
  try {
    return await withFileLock(target, {}, (lock) => body(lock, () => (wrote = true)));
  } catch (error) {
    throw fileError(error, label, 'written');
  } finally {
    if (!wrote) removeCreatedDirs(dir, createdDir);
  }
}

/** Takes away the folders made for the file, from `dir` up to `top`, if they are empty. */
function removeCreatedDirs(dir: string, top: string | undefined): void {
  if (top === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
  }
}

/** A lock taken over from a writer that died holding it, as an info diagnostic (`write-lock-recovered`). */
export function lockDiagnostics(lock: LockInfo, path: string): Diagnostic[] {
  if (!lock.recovered) return [];
  return [diagnostic('write-lock-recovered', { file: path, lock: lock.lockPath, reason: lock.recovered.reason }, { path })];
}
