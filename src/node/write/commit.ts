/**
 * The atomic replacement of a settings file: a staging file beside it written whole and fsynced, the
 * backup taken, a last look, the rename; on any failure the staging file and the backup are taken back.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../../core/errors';
import { defaultBackupDir, dropBackup, type BackupEntry, type BackupOptions } from '../backup';
import { isDeadLockLeftover, processAlive } from '../lock';
import { errnoOf, fileError } from './errors';
import type { ModePlan } from './mode';

/** What {@link commit} writes, and the steps its caller adds. */
export interface CommitArgs {
  target: string;
  /** The settings file as messages name it. */
  label: string;
  data: string | Buffer;
  modes: ModePlan;
  /** Keeps the file's previous state; called once the staging file is written. */
  backup: () => Promise<BackupEntry>;
  options: BackupOptions;
  /** The last look at the file, right before the rename: throws to give up (a `RetryError`). */
  lastLook?: () => void;
  /** Called as soon as the rename happened. */
  onRenamed?: () => void;
  /** Called after the rename, before the write is done: may throw to have the write planned again (see carry-over.ts). */
  afterRename?: () => Promise<void>;
}

/**
 * The atomic write. A staging file beside the target is written whole and fsynced (its mode and
 * owner set on the open descriptor); only then is the backup taken; then, with nothing awaited in
 * between, a last look at the target and the rename over it. When anything fails, the staging file
 * and the backup entry are taken back: the file and the store are as they were. Returns the backup.
 * The caller holds the file's lock.
 */
export async function commit(c: CommitArgs): Promise<BackupEntry> {
  const { target, label } = c;
  cleanStaleStaging(target);
  // The writer's pid in the name: a later writer removes the staging files of one that was killed at once.
  const staging = `${target}.cgc-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeStaging(staging, c.data, c.modes);
  } catch (error) {
    rmSync(staging, { force: true });
    throw fileError(error, label, 'written');
  }
  let entry: BackupEntry;
  try {
    entry = await c.backup();
  } catch (error) {
    rmSync(staging, { force: true });
    const dir = c.options.backupDir ?? defaultBackupDir();
    throw new ConfigError(
      'FILE_NOT_WRITABLE',
      `${label} was not written: its backup could not be kept in ${dir} (${errnoOf(error) ?? String(error)}). Nothing was written`,
      { cause: error },
    );
  }
  try {
    c.lastLook?.();
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { force: true });
    await dropBackup(entry, c.options);
    throw fileError(error, label, 'written');
  }
  c.onRenamed?.();
  await c.afterRename?.();
  return entry;
}

/** Writes a new staging file whole: created exclusively, owner then mode set on the descriptor, fsynced. */
function writeStaging(staging: string, data: string | Buffer, modes: ModePlan): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(staging, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, modes.mode ?? 0o666);
  try {
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    if (modes.chown) {
      try {
        fchownSync(fd, modes.chown.uid, modes.chown.gid);
      } catch (error) {
        if (errnoOf(error) !== 'EPERM' && errnoOf(error) !== 'EINVAL') throw error;
      }
    }
    // Exactly this mode, whatever the umask (and after the chown, which clears set-id bits).
    if (modes.mode !== undefined) fchmodSync(fd, modes.mode);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Staging file names: `<name>.cgc-<pid>-<hex>.tmp`, and `<name>.cgc-<hex>.tmp[.<n>]` of earlier versions. */
const STAGING_RE = /^\.cgc-(?:(\d+)-)?[0-9a-f]+\.tmp(?:\.\d+)?$/;

/**
 * Leftovers of writers that were killed, next to the target (ours only): staging files whose writer's
 * process is gone (at once) or older than a minute, and lock files they were moving aside. The caller
 * holds the lock, so no live writer of this file is between writing a staging file and renaming it.
 */
function cleanStaleStaging(target: string): void {
  const dir = dirname(target);
  const name = basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const entry of names) {
    const full = join(dir, entry);
    if (entry.startsWith(`.${name}.cgc-lock.`)) {
      if (isDeadLockLeftover(target, entry)) rmSync(full, { force: true });
      continue;
    }
    if (!entry.startsWith(name)) continue;
    const m = STAGING_RE.exec(entry.slice(name.length));
    if (!m) continue;
    try {
      const pid = m[1] === undefined ? undefined : Number(m[1]);
      const dead = pid !== undefined && pid !== process.pid && !processAlive(pid);
      if (dead || now - lstatSync(full).mtimeMs > 60_000) rmSync(full, { force: true });
    } catch {
      // Gone already.
    }
  }
}
