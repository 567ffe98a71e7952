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

/** A lock whose holder stopped refreshing it (it crashed or was killed) is taken over after this long. */
export const LOCK_STALE_MS = 10_000;
/** How often a holder refreshes its lock. */
const LOCK_UPDATE_MS = 2_000;

export interface LockOptions {
  /** The folder holding lock directories. */
  lockDir: string;
  /**
   * How long to keep trying, in milliseconds. The default outlasts {@link LOCK_STALE_MS}, so that a
   * lock left by a crashed writer is taken over instead of failing the write.
   * @default 15000
   */
  timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` while holding the lock of `path` (a real path). */
export async function withFileLock<T>(path: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  mkdirSync(options.lockDir, { recursive: true, mode: 0o700 });
  const target = join(options.lockDir, sha256(Buffer.from(path, 'utf8')).slice(0, 32));
  const timeout = options.timeoutMs ?? LOCK_STALE_MS + 5_000;
  let compromised: unknown;
  const deadline = Date.now() + timeout;
  let release: () => Promise<void>;
  // Poll until the deadline: proper-lockfile's own retries count attempts, not time, and with short
  // delays gave up after about 3 s, long before a crashed holder's lock goes stale.
  for (;;) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        lockfilePath: `${target}.lock`,
        stale: LOCK_STALE_MS,
        update: LOCK_UPDATE_MS,
        // The default throws from a timer, which would crash the host process.
        onCompromised: (error) => {
          compromised = error;
        },
      });
      break;
    } catch (cause) {
      if ((cause as { code?: unknown }).code !== 'ELOCKED' || Date.now() >= deadline) {
        throw new ConfigError('LOCK_FAILED', `could not lock ${path} within ${timeout} ms (another writer holds it)`, { cause });
      }
      await sleep(10 + Math.random() * 40);
    }
  }
  try {
    const result = await fn();
    if (compromised !== undefined) {
      throw new ConfigError('LOCK_FAILED', `the lock of ${path} was lost while writing (the process stalled for more than ${LOCK_STALE_MS} ms); another writer may have written at the same time`, { cause: compromised });
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
