/**
 * An inter-process lock per settings file (proper-lockfile: a lock directory created atomically,
 * refreshed while held, taken over when stale), so that two writers from this library never lose
 * each other's updates. Locks live beside the backups, never in the user's folders.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ConfigError } from '../core/errors';
import { sha256 } from './backup';

export interface LockOptions {
  /** The folder holding lock directories. */
  lockDir: string;
  /** How long to keep trying, in milliseconds. @default 10000 */
  timeoutMs?: number;
}

/** Runs `fn` while holding the lock of `path` (a real path). */
export async function withFileLock<T>(path: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  mkdirSync(options.lockDir, { recursive: true, mode: 0o700 });
  const target = join(options.lockDir, sha256(Buffer.from(path, 'utf8')).slice(0, 32));
  const timeout = options.timeoutMs ?? 10_000;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      realpath: false,
      lockfilePath: `${target}.lock`,
      stale: 10_000,
      update: 2_000,
      retries: { retries: Math.ceil(timeout / 50), factor: 1, minTimeout: 10, maxTimeout: 50, randomize: true },
    });
  } catch (cause) {
    throw new ConfigError('LOCK_FAILED', `could not lock ${path} within ${timeout} ms (another writer holds it)`, { cause });
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
