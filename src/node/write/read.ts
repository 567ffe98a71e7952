/**
 * Reading the settings file a write replaces: a regular file only (a FIFO, a device or a socket is
 * refused unopened), at most `WRITE_MAX_BYTES`, opened without blocking; and whether it changed since.
 */
import { statSync, type Stats } from 'node:fs';
import { ConfigError } from '../../core/errors';
import { describeKind, openRegular, readRegular, WRITE_MAX_BYTES } from '../backup';
import { fileError } from './errors';

/** Refuses, before any lock or folder is made beside it, a path that exists and is not a regular file. */
export function refuseNotRegular(target: string, label: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(target, { throwIfNoEntry: false });
  } catch {
    return; // ENOTDIR and the like: reported by the write itself, with its code.
  }
  // Never opened: opening some devices does something (a tape rewinds). Every later read checks again on its descriptor.
  if (st && !st.isFile()) throw new ConfigError('FILE_NOT_REGULAR', `${label} is ${describeKind(st)}, not a regular file: it is not read or written`);
}

/** The bytes read, and the open file they came from (its inode outlives our rename). */
export interface Snapshot {
  fd?: number;
  bytes?: Buffer;
  stat?: Stats;
}

/** Opens the settings file (without blocking, checked to be a regular file, bounded): see {@link openRegular}. Empty when there is no file. */
export function openSnapshot(target: string, label: string): Snapshot {
  try {
    const opened = openRegular(target, WRITE_MAX_BYTES, label);
    return opened ? { fd: opened.fd, bytes: opened.bytes, stat: opened.stat } : {};
  } catch (error) {
    throw fileError(error, label, 'read');
  }
}

/** The settings file's bytes now (undefined when it is gone), read as {@link openSnapshot} reads it. */
export function readTarget(target: string, label: string): Buffer | undefined {
  try {
    return readRegular(target, WRITE_MAX_BYTES, label)?.bytes;
  } catch (error) {
    throw fileError(error, label, 'read');
  }
}

/** True when the settings file's bytes are no longer `before` (undefined: there was no file). */
export function changedSince(target: string, before: Buffer | undefined, label: string): boolean {
  const now = readTarget(target, label);
  return now === undefined || before === undefined ? now !== before : !now.equals(before);
}
