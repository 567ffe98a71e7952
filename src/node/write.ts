/**
 * Writing settings safely, the library's entry: the names below are re-exported from `write/`, one
 * file per job, in the order a write runs:
 *
 * - `write/write-settings.ts`: `writeSettings` and its retry loop, the place to start reading;
 * - `write/target.ts`: the file a scope writes to; `write/symlinks.ts`: the file really written;
 * - `write/read.ts`: reading it (regular files only, bounded); `write/guard.ts`: the credential guard;
 * - `write/locked.ts`: the lock and folder around a write; `write/attempt.ts`: one attempt;
 * - `write/commit.ts`: the atomic replacement; `write/mode.ts`: the replacing file's mode;
 * - `write/carry-over.ts`: another program's write that a rename replaced, carried over;
 * - `write/revert.ts`: backups listed and restored; `write/errors.ts`: system errors as coded errors.
 *
 * What a write refuses and why: docs/behavior.md, Writing.
 */
export { WRITE_MAX_BYTES } from './backup';
export { writeSettings } from './write/write-settings';
export { settingsPathFor } from './write/target';
export { listBackups, revert, type RevertOptions, type RevertResult } from './write/revert';
export type { WriteSettingsOptions, WriteSettingsResult } from './write/types';
