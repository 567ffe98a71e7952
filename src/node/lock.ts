/**
 * An inter-process lock per settings file, so that two writers from this library never lose each
 * other's updates. The lock is a file beside the file it guards, `.<name>.cgc-lock` in the same folder,
 * found from the file's real path: every writer of that file finds the same lock, whatever its backup
 * directory, HOME, XDG_DATA_HOME or the symlinked path it came through. It exists only while a write
 * is under way.
 *
 * The lock file appears whole and atomically (a hard link to a file already written) and names its
 * holder: pid, host, the process's start time and pid namespace (Linux), and a random token. A lock
 * whose holder is gone (same host and pid namespace, and `kill(pid, 0)` finds no such process, or the
 * pid now belongs to a process started later) is taken over at once; any other lock only when its
 * holder stopped refreshing it for {@link LOCK_STALE_MS} (a holder on another host, or one stalled).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, linkSync, openSync, readFileSync, readlinkSync, renameSync, unlinkSync, utimesSync, writeSync, constants } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../core/errors';
import { readRegular } from './backup';

/** A lock whose holder stopped refreshing it (stalled, or on another host and gone) is taken over after this long. */
export const LOCK_STALE_MS = 10_000;
/** How often a holder refreshes its lock. */
const LOCK_UPDATE_MS = 2_000;

export interface LockOptions {
  /**
   * How long to keep trying, in milliseconds. The default outlasts {@link LOCK_STALE_MS}, so that a
   * lock whose holder stalled is taken over instead of failing the write.
   * @default 15000
   */
  timeoutMs?: number;
}

/** Who holds a lock, as its lock file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The holder's start time (Linux: clock ticks after boot, from /proc), to tell a reused pid. */
  start?: string;
  /** The holder's pid namespace (Linux), so that a holder in another container with the same host name is not looked up by pid here. */
  ns?: string;
  token: string;
  /** When it took the lock, ISO 8601. */
  time: string;
}

/** What taking a lock involved. */
export interface LockInfo {
  /** The lock file. */
  lockPath: string;
  /** A lock left by a holder that is gone, which this writer took over, and why it was judged gone. */
  recovered?: { holder?: LockHolder; reason: string };
}

/** The lock file of `target` (a real path): `.<name>.cgc-lock` in the same folder. */
export function lockPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.cgc-lock`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The start time of a process (field 22 of /proc/<pid>/stat), where there is a /proc. */
export function processStart(pid: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** True when `pid` is a live process on this machine: `kill(pid, 0)`, ESRCH meaning none. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to another user.
    return (error as { code?: unknown }).code !== 'ESRCH';
  }
}

let ownStart: string | undefined | null = null;
function myStart(): string | undefined {
  if (ownStart === null) ownStart = processStart(process.pid);
  return ownStart;
}

let ownNs: string | undefined | null = null;
function myNamespace(): string | undefined {
  if (ownNs === null) {
    try {
      ownNs = process.platform === 'linux' ? readlinkSync('/proc/self/ns/pid') : undefined;
    } catch {
      ownNs = undefined;
    }
  }
  return ownNs;
}

function parseHolder(bytes: Buffer): LockHolder | undefined {
  try {
    const h = JSON.parse(bytes.toString('utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.host !== 'string' || typeof h.token !== 'string') return undefined;
    return {
      pid: h.pid,
      host: h.host,
      token: h.token,
      time: typeof h.time === 'string' ? h.time : '',
      ...(typeof h.start === 'string' ? { start: h.start } : {}),
      ...(typeof h.ns === 'string' ? { ns: h.ns } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Why the holder of a lock is gone, or undefined while it may still be writing. */
function goneBecause(holder: LockHolder | undefined, ageMs: number): string | undefined {
  const ns = myNamespace();
  if (holder && holder.host === hostname() && (holder.ns === undefined || ns === undefined || holder.ns === ns)) {
    if (!processAlive(holder.pid)) return `its holder, process ${holder.pid}, is gone`;
    const start = holder.start === undefined ? undefined : processStart(holder.pid);
    if (start !== undefined && start !== holder.start) return `its holder, process ${holder.pid}, is gone (the pid now belongs to a newer process)`;
  }
  if (ageMs > LOCK_STALE_MS)
    return `its holder${holder ? `, process ${holder.pid} on ${holder.host},` : ''} has not refreshed it for ${Math.round(ageMs / 1000)} s`;
  return undefined;
}

const LOCK_READ_MAX = 4096;

/** The lock file's bytes and age, or undefined when there is none. Anything but a small regular file is not a lock of ours. */
function readLock(lockPath: string, label: string): { bytes: Buffer; ageMs: number } | undefined {
  let read: ReturnType<typeof readRegular>;
  try {
    read = readRegular(lockPath, LOCK_READ_MAX);
  } catch (cause) {
    throw new ConfigError(
      'LOCK_FAILED',
      `${lockPath}, the lock file of ${label}, is not a lock this library made (${cause instanceof ConfigError ? cause.code : String((cause as { code?: unknown }).code)}); remove it and write again. Nothing was written`,
      { cause },
    );
  }
  return read && { bytes: read.bytes, ageMs: Date.now() - read.stat.mtimeMs };
}

/**
 * Removes the lock file `lockPath` if it still holds `bytes` (the lock judged gone), and never a lock
 * that another writer took meanwhile: the file is moved aside atomically, compared, and put back with
 * a hard link (which fails instead of replacing a newer lock) when it turns out to be another one.
 */
function removeIfSame(lockPath: string, bytes: Buffer): boolean {
  const aside = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.old`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return false; // Already gone: taken over by another writer, or released.
  }
  let moved: Buffer | undefined;
  try {
    moved = readRegular(aside, LOCK_READ_MAX)?.bytes;
  } catch {
    moved = undefined;
  }
  const same = moved === undefined || moved.equals(bytes);
  if (!same) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third writer took the free place: the writer whose lock this was finds out when it checks its
      // lock, and reports the write as possibly concurrent (LOCK_FAILED).
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Gone already.
  }
  return same;
}

/** Errors of `link` on a file system without hard links. */
const NO_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Creates the lock file holding `bytes`, or returns false when it exists. The lock appears whole: its
 * content is written to a file of its own first, then hard-linked to the lock's name (which fails if
 * the name is taken), so that a writer killed at any moment never leaves an empty lock that others
 * would have to wait out. Where there are no hard links, an exclusive create and a write.
 */
function createLock(lockPath: string, bytes: Buffer): boolean {
  const draft = `${lockPath}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  writeExclusive(draft, bytes);
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw error;
  } finally {
    try {
      unlinkSync(draft);
    } catch {
      // Gone already.
    }
  }
  try {
    writeExclusive(lockPath, bytes);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return false;
    throw error;
  }
}

function writeExclusive(path: string, bytes: Buffer): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs `fn` while holding the lock of `target` (a real path, whose folder exists). System errors
 * (a folder that cannot be written) are thrown as they come, for the caller to name; a lock that
 * cannot be had in time is `LOCK_FAILED`.
 */
export async function withFileLock<T>(target: string, options: LockOptions, fn: (info: LockInfo) => Promise<T>): Promise<T> {
  const lockPath = lockPathFor(target);
  const timeout = options.timeoutMs ?? LOCK_STALE_MS + 5_000;
  const deadline = Date.now() + timeout;
  const start = myStart();
  const ns = myNamespace();
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    ...(start !== undefined ? { start } : {}),
    ...(ns !== undefined ? { ns } : {}),
    token: randomBytes(12).toString('hex'),
    time: new Date().toISOString(),
  };
  const mine = Buffer.from(`${JSON.stringify(me)}\n`, 'utf8');
  const info: LockInfo = { lockPath };
  for (;;) {
    if (createLock(lockPath, mine)) break;
    const held = readLock(lockPath, target);
    if (held) {
      const holder = parseHolder(held.bytes);
      // A lock file just created and not yet written holds nothing for a moment: only its age counts.
      const reason = goneBecause(holder, held.ageMs);
      if (reason !== undefined) {
        if (removeIfSame(lockPath, held.bytes)) info.recovered = { reason, ...(holder ? { holder } : {}) };
        continue;
      }
    }
    if (Date.now() >= deadline) {
      const holder = held ? parseHolder(held.bytes) : undefined;
      throw new ConfigError(
        'LOCK_FAILED',
        `could not lock ${target} within ${timeout} ms: another writer${holder ? ` (process ${holder.pid} on ${holder.host})` : ''} holds ${lockPath}. Nothing was written`,
      );
    }
    await sleep(5 + Math.random() * 25);
  }

  // Refreshed while held, so that others can tell a stalled or remote holder from a live one; a lock
  // taken over meanwhile (this process stalled for longer than LOCK_STALE_MS) is noticed.
  let lost: string | undefined;
  const stillMine = (): boolean => {
    try {
      return readRegular(lockPath, LOCK_READ_MAX)?.bytes.equals(mine) === true;
    } catch {
      return false;
    }
  };
  const timer = setInterval(() => {
    if (lost !== undefined) return;
    if (!stillMine()) {
      lost = 'another writer took it over';
      return;
    }
    try {
      const now = new Date();
      utimesSync(lockPath, now, now);
    } catch {
      // Refreshed next time.
    }
  }, LOCK_UPDATE_MS);
  timer.unref();
  try {
    const result = await fn(info);
    if (lost === undefined && !stillMine()) lost = 'another writer took it over';
    if (lost !== undefined) {
      throw new ConfigError(
        'LOCK_FAILED',
        `the lock of ${target} was lost while writing (${lost}: this process stalled for more than ${LOCK_STALE_MS} ms); another writer may have written at the same time`,
      );
    }
    return result;
  } finally {
    clearInterval(timer);
    if (stillMine()) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Gone already.
      }
    }
  }
}

/** Leftovers of the lock of `target` by killed writers (`.<name>.cgc-lock.<pid>-<hex>.new` or `.old`): true for one whose writer is gone. */
export function isDeadLockLeftover(target: string, name: string): boolean {
  const prefix = `.${basename(target)}.cgc-lock.`;
  if (!name.startsWith(prefix)) return false;
  const m = /^(\d+)-[0-9a-f]+\.(?:new|old)$/.exec(name.slice(prefix.length));
  if (!m) return false;
  if (!processAlive(Number(m[1]))) return true;
  try {
    return Date.now() - lstatSync(join(dirname(target), name)).mtimeMs > 60_000;
  } catch {
    return false;
  }
}
