/**
 * Undoing writes: the backups of a settings file, and restoring one byte for byte (itself backed up,
 * so that a revert can be reverted).
 */
import { closeSync, unlinkSync } from 'node:fs';
import type { Diagnostic } from '../../core/types';
import {
  backupBytes,
  dropBackup,
  findBackup,
  listBackups as listBackupEntries,
  pruneBackups,
  takeBackup,
  type BackupEntry,
  type BackupOptions,
} from '../backup';
import { commit } from './commit';
import { fileError } from './errors';
import { lockDiagnostics, underLock } from './locked';
import { holdsCredential, isReadOnly, modeDiagnostics, planMode, readOnlyError } from './mode';
import { openSnapshot, refuseNotRegular } from './read';
import { realTarget } from './symlinks';

/** Backups, newest first; those of one settings file when `path` is given. */
export function listBackups(options: BackupOptions & { path?: string } = {}): BackupEntry[] {
  return listBackupEntries(options.path === undefined ? options : { ...options, path: realTarget(options.path) });
}

/** The options of `revert`: where the backups are, and whether a read-only file may be replaced. */
export interface RevertOptions extends BackupOptions {
  /** Replace a read-only settings file instead of refusing with `FILE_READ_ONLY` (see `WriteSettingsOptions.allowReadOnly`). @default false */
  allowReadOnly?: boolean;
}

/** What `revert` did. */
export interface RevertResult {
  /** The settings file restored (its real path). */
  path: string;
  /** The backup restored. */
  restored: BackupEntry;
  /** The backup of the state revert replaced, so that the revert itself can be undone. */
  backupId: string;
  /** True when the file did not exist before the write, and revert removed it. */
  removed: boolean;
  /** `write-mode-tightened` when the restored bytes hold a credential and the mode was narrowed; `write-lock-recovered`. */
  diagnostics: Diagnostic[];
}

/**
 * Restores a settings file byte for byte from a backup (an id, or a path for its newest backup).
 *
 * An existing file keeps its mode; a file that revert re-creates gets the mode it had when the backup
 * was taken. Either way, restored bytes that hold a credential leave the file readable by its owner
 * only. Refuses what a write refuses: a path that is not a regular file, a read-only file (unless
 * `allowReadOnly`), a folder that cannot be written; nothing is changed then.
 */
export async function revert(idOrPath: string, options: RevertOptions = {}): Promise<RevertResult> {
  const entry = findBackup(idOrPath.includes('/') || idOrPath.includes('\\') ? realTarget(idOrPath) : idOrPath, options);
  const bytes = backupBytes(entry, options);
  const target = entry.path;
  const label = target;
  refuseNotRegular(target, label);
  const backupOptions: BackupOptions = { ...options };
  return underLock(target, label, async (lock, wrote): Promise<RevertResult> => {
    const snapshot = openSnapshot(target, label);
    if (snapshot.fd !== undefined) closeSync(snapshot.fd);
    const current = snapshot.bytes;
    const st = snapshot.stat;
    const changes = bytes === undefined ? current !== undefined : current === undefined || !current.equals(bytes);
    if (st && changes && isReadOnly(st) && options.allowReadOnly !== true) throw readOnlyError(label, st, 'allowReadOnly: true');
    const undoOf = (): Promise<BackupEntry> => takeBackup(target, current, 'revert', { ...backupOptions, ...(st ? { mode: st.mode } : {}) });
    const diagnostics: Diagnostic[] = [];
    let undo: BackupEntry;
    if (bytes === undefined) {
      undo = await undoOf();
      if (current !== undefined) {
        try {
          unlinkSync(target);
        } catch (error) {
          await dropBackup(undo, backupOptions);
          throw fileError(error, label, 'written');
        }
        wrote();
      }
    } else {
      const own = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
      const existing = st ? { mode: st.mode, uid: st.uid, gid: st.gid } : entry.mode !== undefined ? { mode: entry.mode, ...own } : undefined;
      const modes = planMode(existing, () => holdsCredential(bytes.toString('utf8')));
      undo = await commit({ target, label, data: bytes, modes, backup: undoOf, options: backupOptions, onRenamed: wrote });
      diagnostics.push(...modeDiagnostics(modes, target));
    }
    // A revert never prunes backups taken with a larger keepBackups: the next write prunes as asked.
    await pruneBackups(target, { ...backupOptions, keepBackups: options.keepBackups ?? Number.MAX_SAFE_INTEGER });
    diagnostics.push(...lockDiagnostics(lock, target));
    return { path: target, restored: entry, backupId: undo.id, removed: bytes === undefined, diagnostics };
  });
}
