/** What a caller passes to `writeSettings` and what it gets back (types only). */
import type { EditChange, EditOp } from '../../core/edit';
import type { Diagnostic, ResolveOptions } from '../../core/types';
import type { WriteScope } from '../../core/write-plan';
import type { BackupOptions } from '../backup';
import type { GitOptions, IgnoreTarget } from '../git';

/** The options of `writeSettings`: which file, the edits, and the resolver's options that find the file. */
export interface WriteSettingsOptions extends Omit<ResolveOptions, 'fs'>, BackupOptions {
  /** Which file: `user`, `project`, `local`, `managed`, `managed-drop-in` (with `dropInName`) or `cli` (with `settingsFile`). */
  scope: WriteScope;
  /** The edits to apply, in order (see `planEdit`). */
  ops: EditOp[];
  /** Plan only: nothing is written, no rule is added, no backup is taken. @default false */
  dryRun?: boolean;
  /** For `managed-drop-in`: the file name in `managed-settings.d/`, such as `10-gateway.json`. */
  dropInName?: string;
  /** For `cli`: the `--settings` file to edit. */
  settingsFile?: string;
  /** Write credentials into the shared project file `.claude/settings.json` although others will see them. @default false */
  allowCredentialsInProject?: boolean;
  /** Where to add a git ignore rule for a file that will hold a credential. @default 'gitignore' */
  gitIgnoreTarget?: IgnoreTarget;
  /** Turn a JSONC file (comments, trailing commas), which Claude Code ignores whole, into strict JSON. @default false */
  convertJsonc?: boolean;
  /** How git is run for the credential checks. */
  git?: GitOptions;
  /**
   * Replace a read-only settings file (no write permission for this user, by its mode bits) instead of
   * refusing with `FILE_READ_ONLY`. The file stays read-only. @default false
   */
  allowReadOnly?: boolean;
}

/** What `writeSettings` did (or, for a dry run, would do). */
export interface WriteSettingsResult {
  /** The settings file, as the scope names it (before symbolic links are followed). */
  path: string;
  /** The changes the edits made, key by key. */
  changes: EditChange[];
  /** The backup taken before writing (absent for a dry run or when nothing changed). */
  backupId?: string;
  /** Warnings and notes about the write (shadowed values, git rules added, modes changed, and the like). */
  diagnostics: Diagnostic[];
  /** The file's text after the write (or as it would be, for a dry run). */
  text: string;
  /** The text before, when the file existed. */
  previousText?: string;
  /** True when the file did not exist before. */
  created: boolean;
  /** True for a dry run: nothing was written. */
  dryRun: boolean;
}
