/**
 * Writing settings safely: the file found exactly as the resolver finds it, a minimal-diff
 * edit planned by `planEdit`, credentials kept out of files git tracks or does not ignore, a lock
 * beside the file against other writers from this library, a re-read that catches anyone else, a
 * staging file, a backup, and an atomic rename.
 *
 * Files that bite (docs/behavior.md): only a regular file is read or replaced (a FIFO, a device, a
 * socket or a directory is `FILE_NOT_REGULAR`), never more than {@link WRITE_MAX_BYTES} of it is read
 * (`FILE_TOO_LARGE`), a read-only file is not replaced unless `allowReadOnly` (`FILE_READ_ONLY`), and a
 * folder that cannot be written is `FILE_NOT_WRITABLE` naming the settings file, with nothing left in
 * the backup store. A file that holds a credential after the write is made `0600`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../core/errors';
import { planEdit, type EditChange, type EditOp, type EditPlan } from '../core/edit';
import { findGitRoot, localDirectory, gather } from '../core/gather';
import { claudeConfigDir, managedFileLocations, pathApi } from '../core/locations';
import { resolveGathered } from '../core/resolve';
import type { Diagnostic, ResolveOptions } from '../core/types';
import { isSecretVariable } from '../core/variables';
import { credentialsIn, shadowWarnings, type WriteScope } from '../core/write-plan';
import { writeEffectWarnings } from '../core/write-warnings';
import { prepareResolution } from '../resolve-effective';
import {
  backupBytes,
  defaultBackupDir,
  describeKind,
  dropBackup,
  findBackup,
  listBackups as listBackupEntries,
  openRegular,
  pruneBackups,
  readOpen,
  readRegular,
  takeBackup,
  WRITE_MAX_BYTES,
  type BackupEntry,
  type BackupOptions,
} from './backup';
import { checkGitSafety, ensureGitIgnored, type GitOptions, type IgnoreTarget } from './git';
import { isDeadLockLeftover, processAlive, withFileLock, type LockInfo } from './lock';

export { WRITE_MAX_BYTES } from './backup';

export interface WriteSettingsOptions extends Omit<ResolveOptions, 'fs'>, BackupOptions {
  /** Which file: `user`, `project`, `local`, `managed`, `managed-drop-in` (with `dropInName`) or `cli` (with `settingsFile`). */
  scope: WriteScope;
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

export interface WriteSettingsResult {
  path: string;
  changes: EditChange[];
  /** The backup taken before writing (absent for a dry run or when nothing changed). */
  backupId?: string;
  diagnostics: Diagnostic[];
  /** The file's text after the write (or as it would be, for a dry run). */
  text: string;
  /** The text before, when the file existed. */
  previousText?: string;
  created: boolean;
  dryRun: boolean;
}

const MAX_ATTEMPTS = 5;

/** The file a scope writes to, found as the resolver finds it (docs/behavior.md, where each file is). */
export async function settingsPathFor(options: Omit<WriteSettingsOptions, 'ops'>): Promise<string> {
  const { input } = await prepareResolution(stripWriteOptions(options));
  const p = pathApi(input.platform);
  switch (options.scope) {
    case 'user':
      return p.join(claudeConfigDir(input.platform, input.homeDir, input.cwd, input.env), 'settings.json');
    case 'project':
      return p.join(input.cwd, '.claude', 'settings.json');
    case 'local': {
      const git = await findGitRoot(input.fs, p, input.cwd);
      const { dir } = await localDirectory(input, p, git);
      return p.join(dir, '.claude', 'settings.local.json');
    }
    case 'managed': {
      const loc = managedFileLocations(input.platform, input.version)[0];
      if (!loc) throw new ConfigError('INVALID_OPTIONS', `no managed settings location for ${input.platform}`);
      return loc.file;
    }
    case 'managed-drop-in': {
      const name = options.dropInName ?? '';
      if (!/^[^./\\][^/\\]*\.json$/.test(name)) {
        throw new ConfigError('INVALID_OPTIONS', `dropInName must be a visible file name ending in .json (lowercase: Claude Code skips .JSON) such as 10-gateway.json, got ${JSON.stringify(name)}`);
      }
      const loc = managedFileLocations(input.platform, input.version)[0];
      if (!loc) throw new ConfigError('INVALID_OPTIONS', `no managed settings location for ${input.platform}`);
      return p.join(loc.dropInDir, name);
    }
    case 'cli':
      if (!options.settingsFile) throw new ConfigError('INVALID_OPTIONS', 'scope "cli" needs settingsFile: the --settings file to edit');
      return p.resolve(input.cwd, options.settingsFile);
    default:
      throw new ConfigError('INVALID_OPTIONS', `unknown scope ${JSON.stringify(options.scope)}`);
  }
}

/** The resolver's options out of a writer's options. */
function stripWriteOptions(o: Omit<WriteSettingsOptions, 'ops'>): ResolveOptions {
  const { scope: _s, dryRun: _d, dropInName: _n, settingsFile: _f, allowCredentialsInProject: _a, gitIgnoreTarget: _g, convertJsonc: _c, git: _git, backupDir: _b, keepBackups: _k, allowReadOnly: _r, ...rest } = o as WriteSettingsOptions;
  return rest;
}

/** The settings file as messages name it: the path asked for, and where it really is when that differs. */
function describePath(path: string, target: string): string {
  return path === target ? path : `${path} (really ${target})`;
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A system error met while reading or replacing a settings file, as a coded error that names the
 * settings file (never a staging file) and says that nothing was written. Coded errors pass through.
 */
function fileError(error: unknown, label: string, doing: 'read' | 'written' | 'created'): unknown {
  if (error instanceof ConfigError || error instanceof RetryError) return error;
  const code = errnoOf(error);
  if (code === undefined) return error;
  const cannot = `${label} cannot be ${doing}`;
  const nothing = 'Nothing was written';
  const make = (c: ConfigError['code'], why: string): ConfigError => new ConfigError(c, `${cannot}: ${why}. ${nothing}`, { cause: error });
  switch (code) {
    case 'EISDIR':
      return new ConfigError('FILE_NOT_REGULAR', `${label} is a directory, not a settings file. ${nothing}`, { cause: error });
    case 'ENOTDIR':
    case 'EEXIST':
      return make('FILE_NOT_WRITABLE', `a part of its folder path is a file, not a folder (${code})`);
    case 'EACCES':
    case 'EPERM':
      return make('FILE_NOT_WRITABLE', `permission denied (${code}) on the file or its folder`);
    case 'EROFS':
      return make('FILE_NOT_WRITABLE', 'its folder is on a read-only file system (EROFS)');
    case 'ENOSPC':
    case 'EDQUOT':
      return make('FILE_NOT_WRITABLE', `no space left on its file system (${code})`);
    case 'EBUSY':
    case 'ETXTBSY':
      return make('FILE_NOT_WRITABLE', `it is in use or mounted on its own (${code}), and a file mounted on its own cannot be replaced`);
    case 'ELOOP':
      return new ConfigError('FS_ERROR', `${label} is a loop of symbolic links (ELOOP). ${nothing}`, { cause: error });
    default:
      return new ConfigError('FS_ERROR', `${cannot} (${code}). ${nothing}`, { cause: error });
  }
}

/**
 * The file that is really written, with every symbolic link resolved: the file's own (a symlinked
 * settings file stays a symlink and its target changes) and its folders' (a symlinked `~/.claude`), so
 * that every writer of one file, whichever path it came through, locks and backs up the same path.
 */
function realTarget(path: string): string {
  let current = resolve(path);
  const rest: string[] = [];
  for (let hops = 0; ; ) {
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (error) {
      const code = errnoOf(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileError(error, path, 'read');
      // Not there (yet): written where it is asked for, below its nearest folder that exists.
      const parent = dirname(current);
      if (parent === current) return join(current, ...rest);
      rest.unshift(basename(current));
      current = parent;
      continue;
    }
    if (st.isSymbolicLink()) {
      // Followed by hand, so that a dangling link's target is created instead of the link replaced.
      if (++hops > 40) throw new ConfigError('FS_ERROR', `${path} is a loop of symbolic links`);
      current = resolve(dirname(current), readlinkSync(current));
      continue;
    }
    try {
      return join(realpathSync(current), ...rest);
    } catch (error) {
      throw errnoOf(error) === 'ELOOP' ? new ConfigError('FS_ERROR', `${path} is a loop of symbolic links`) : fileError(error, path, 'read');
    }
  }
}

/**
 * A repository's settings file (project or local scope) must not lead out of the folder holding its
 * `.claude`: a committed symbolic link could aim the write at `~/.bashrc` or another repository.
 * Followed only when the caller says the repository is trusted (docs/behavior.md).
 */
function refuseEscapingLink(options: WriteSettingsOptions, path: string, target: string): void {
  if ((options.scope !== 'project' && options.scope !== 'local') || options.trusted === true) return;
  const workspace = dirname(dirname(resolve(path)));
  let real: string;
  try {
    real = realpathSync(workspace);
  } catch {
    return; // Not there yet: nothing to follow.
  }
  const rel = relative(real, target);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return;
  throw new ConfigError(
    'UNSAFE_SYMLINK',
    `${path} leads out of ${workspace} through a symbolic link (to ${target}); a repository's settings file is not written outside it. Nothing was written; if you trust this repository, pass trusted: true`,
  );
}

/** Refuses, before any lock or folder is made beside it, a path that exists and is not a regular file. */
function refuseNotRegular(target: string, label: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(target, { throwIfNoEntry: false });
  } catch {
    return; // ENOTDIR and the like: reported by the write itself, with its code.
  }
  // Never opened: opening some devices does something (a tape rewinds). Every later read checks again on its descriptor.
  if (st && !st.isFile()) throw new ConfigError('FILE_NOT_REGULAR', `${label} is ${describeKind(st)}, not a regular file: it is not read or written`);
}

/** True when this user may not write the file, by its mode bits (root only when nobody may: root bypasses permissions). */
function isReadOnly(st: Stats): boolean {
  const perms = st.mode & 0o777;
  if (process.platform === 'win32') return (perms & 0o200) === 0;
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return (perms & 0o222) === 0;
  if (uid === st.uid) return (perms & 0o200) === 0;
  const groups = [process.getgid?.(), ...(process.getgroups?.() ?? [])];
  if (groups.includes(st.gid)) return (perms & 0o020) === 0;
  return (perms & 0o002) === 0;
}

function readOnlyError(label: string, st: Stats, option: string): ConfigError {
  return new ConfigError(
    'FILE_READ_ONLY',
    `${label} is read-only (mode ${(st.mode & 0o777).toString(8)}): it is not replaced. Make it writable (chmod u+w), or pass ${option} to write it anyway (it stays read-only). Nothing was written`,
  );
}

/** True when a settings text holds a credential in `env` (the variables Claude Code reads, last duplicate winning). */
function holdsCredential(text: string): boolean {
  let env: unknown;
  try {
    env = (JSON.parse(text.replace(/^\uFEFF/, '')) as { env?: unknown } | null)?.env;
  } catch {
    // Not strict JSON (a JSONC backup being restored): any string pair that looks like a credential counts.
    for (const m of text.matchAll(/"([^"\\]{1,200})"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) if (isSecretVariable(m[1] ?? '', m[2] ?? '')) return true;
    return false;
  }
  if (env === null || typeof env !== 'object' || Array.isArray(env)) return false;
  return Object.entries(env).some(([name, value]) => typeof value === 'string' && isSecretVariable(name, value));
}

/** The mode and owner a replacing file gets, and what the caller reports about them. */
interface ModePlan {
  /** The exact mode to set; absent: the umask default of a new file. */
  mode?: number;
  chown?: { uid: number; gid: number };
  /** Group and other bits removed because the file holds a credential. */
  tightened?: { from: number; to: number };
  /** Why a file holding a credential stays readable by others. */
  readable?: string;
}

/**
 * The mode of the file that replaces `existing` (mode, uid, gid; absent for a new file): its own, and
 * `0600`-like (group and other bits removed) when it holds a credential, unless this user is not its
 * owner (narrowing it would shut its owner out: then it stays, and the caller says why).
 */
function planMode(existing: { mode: number; uid: number; gid: number } | undefined, holds: () => boolean): ModePlan {
  const posix = process.platform !== 'win32';
  if (!existing) return posix && holds() ? { mode: 0o600 } : {};
  const plan: ModePlan = {};
  let mode = existing.mode & 0o7777;
  const uid = process.getuid?.();
  if (uid === 0 && (existing.uid !== uid || existing.gid !== process.getgid?.())) plan.chown = { uid: existing.uid, gid: existing.gid };
  if (posix && (mode & 0o077) !== 0 && holds()) {
    if (uid === undefined || uid === 0 || uid === existing.uid) {
      plan.tightened = { from: mode & 0o777, to: mode & 0o777 & ~0o077 };
      mode &= ~0o077;
    } else {
      plan.readable = `it belongs to user ${existing.uid}, not to this user (${uid}), and narrowing its mode would shut its owner out`;
    }
  }
  plan.mode = mode;
  return plan;
}

function modeDiagnostics(plan: ModePlan, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (plan.tightened) {
    out.push({
      code: 'write-mode-tightened',
      severity: 'info',
      path,
      message: `${path} holds a credential: its mode was ${plan.tightened.from.toString(8)} and is now ${plan.tightened.to.toString(8)}, so that only its owner can read it`,
    });
  }
  if (plan.readable !== undefined && plan.mode !== undefined) {
    out.push({
      code: 'write-credential-file-readable',
      severity: 'warning',
      path,
      message: `${path} holds a credential and other users can read it (mode ${(plan.mode & 0o777).toString(8)}); it was left so because ${plan.readable}`,
      fix: `chmod 600 ${path} (as its owner)`,
    });
  }
  return out;
}

/** Creates the folder of a file to be written; returns the topmost folder it created (to take away if nothing is written). */
function ensureDir(dir: string, label: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fileError(error, label, 'created');
  }
}

/** Takes away the folders {@link ensureDir} made, from `dir` up to `top`, if they are empty. */
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

/**
 * Applies `ops` to the settings file of `scope`.
 *
 * Refuses (throws a coded {@link ConfigError}) to write a file it cannot parse (`INVALID_JSON`,
 * `JSONC_NOT_ALLOWED`), a credential into the shared project file (`CREDENTIAL_IN_SHARED_FILE`) or
 * into a file git tracks (`CREDENTIAL_IN_TRACKED_FILE`), a path that is not a regular file
 * (`FILE_NOT_REGULAR`), a file larger than {@link WRITE_MAX_BYTES} (`FILE_TOO_LARGE`), a read-only
 * file unless `allowReadOnly` (`FILE_READ_ONLY`), and a file or folder the system will not let it
 * write (`FILE_NOT_WRITABLE`). A credential going into a file inside a repository that git would not
 * ignore gets an ignore rule first (`gitIgnoreTarget`).
 *
 * @example
 * await writeSettings({ scope: 'user', ops: [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://gw.example.com' }] });
 */
export async function writeSettings(options: WriteSettingsOptions): Promise<WriteSettingsResult> {
  if ((options as ResolveOptions).fs !== undefined) {
    throw new ConfigError('INVALID_OPTIONS', 'writeSettings works on the real file system; for a memory layout use planEdit and set the text yourself');
  }
  const path = await settingsPathFor(options);
  const target = realTarget(path);
  const label = describePath(path, target);
  refuseEscapingLink(options, path, target);
  refuseNotRegular(target, label);
  const diagnostics: Diagnostic[] = [];
  const credentials = credentialsIn(options.ops);
  const dryRun = options.dryRun === true;

  if (credentials.length > 0) await guardCredentials(options, path, target, credentials.map((c) => c.variable), diagnostics, dryRun);

  // Shadowing: a higher source setting the same thing wins over this write.
  const { input, context } = await prepareResolution(stripWriteOptions(options));
  const gathered = await gather(input);
  diagnostics.push(...shadowWarnings(resolveGathered(gathered, context), options.scope, options.ops));

  let wrote = false;
  const attempt = async (rescue: EditOp[]): Promise<WriteSettingsResult> => {
    const snapshot = openSnapshot(target, label);
    try {
      const before = snapshot.bytes;
      // An existing empty file is not JSON (Claude Code ignores it), and it is most often another
      // program saving in place (emptied, then written): wait a moment, and never take it for a new file.
      if (before !== undefined && before.length === 0) {
        await sleep(EMPTY_FILE_WAIT_MS);
        const again = readTarget(target, label);
        if (again === undefined || again.length > 0) throw new RetryError();
        throw new ConfigError('INVALID_JSON', `${path} is empty, which is not JSON (Claude Code ignores it); put {} in it or delete it, then write again. Nothing was written`);
      }
      const previousText = before?.toString('utf8');
      // Another program's changes that an earlier attempt replaced go back in first; ours on top.
      let base: string | undefined;
      let plan: EditPlan;
      try {
        base = rescue.length > 0 && previousText !== undefined ? planEdit(previousText, rescue, { path }).text : previousText;
        plan = planEdit(base, options.ops, { path, convertJsonc: options.convertJsonc === true });
      } catch (error) {
        // Broken JSON may be another program's in-place save caught half done: look again in a moment,
        // and refuse only a file that stays broken.
        if (!(error instanceof ConfigError) || error.code !== 'INVALID_JSON') throw error;
        await sleep(EMPTY_FILE_WAIT_MS);
        if (changedSince(target, before, label)) throw new RetryError();
        throw error;
      }
      const result: WriteSettingsResult = { path, changes: plan.changes, diagnostics: [...diagnostics], text: plan.text, created: before === undefined, dryRun };
      if (plan.converted) {
        result.diagnostics.push({ code: 'write-jsonc-converted', severity: 'warning', path, message: dryRun ? `${path} has comments or trailing commas; it would be rewritten as strict JSON and the comments would be gone` : `${path} had comments or trailing commas; it was rewritten as strict JSON and the comments are gone` });
      }
      if (previousText !== undefined) result.previousText = previousText;
      // What else keeps the written values from taking effect, judged on the configuration after the write.
      result.diagnostics.push(...writeEffectWarnings({ gathered, context, scope: options.scope, path, text: plan.text, ops: options.ops }));
      // A duplicated key on an edited path: the edit went to the copy Claude Code reads.
      for (const d of plan.diagnostics) result.diagnostics.push(Object.assign({}, d, { path }));
      if (plan.changes.length === 0 && !plan.converted && base === previousText) return result;
      if (snapshot.stat && isReadOnly(snapshot.stat) && options.allowReadOnly !== true) throw readOnlyError(label, snapshot.stat, 'allowReadOnly: true');
      if (dryRun) return result;
      // Another program changed the file since we read it: plan again from its new bytes.
      if (changedSince(target, before, label)) throw new RetryError();
      const modes = planMode(snapshot.stat, () => credentials.length > 0 || holdsCredential(plan.text));
      const entry = await commit({
        target,
        label,
        data: plan.text,
        modes,
        backup: () => takeBackup(target, before, 'write', { ...options, ...(snapshot.stat ? { mode: snapshot.stat.mode } : {}) }),
        options,
        lastLook: () => {
          if (changedSince(target, before, label)) throw new RetryError();
        },
        onRenamed: () => {
          wrote = true;
        },
        lateWrites: before === undefined || snapshot.fd === undefined ? undefined : { fd: snapshot.fd, before },
      });
      result.backupId = entry.id;
      result.diagnostics.push(...modeDiagnostics(modes, path));
      await pruneBackups(target, options);
      return result;
    } finally {
      if (snapshot.fd !== undefined) closeSync(snapshot.fd);
    }
  };

  if (dryRun) return attempt([]);
  const createdDir = ensureDir(dirname(target), label);
  try {
    return await withFileLock(target, {}, async (lock) => {
      // Edits of another program still to carry over (they were in a file one of our renames replaced),
      // and those already carried over (reported, so that nobody wonders where they went).
      let rescue: EditOp[] = [];
      let rescueSince = 0;
      const carried = new Set<string>();
      let committed = false;
      const note = (): string => (carried.size > 0 ? `; another program's changes to ${[...carried].join(', ')} made meanwhile were carried over` : '');
      for (let i = 1; ; i++) {
        try {
          const result = await attempt(rescue);
          for (const op of rescue) carried.add(op.path.join('.'));
          if (carried.size > 0) {
            result.diagnostics.push({
              code: 'write-concurrent-change-kept',
              severity: 'info',
              path,
              message: `another program wrote ${[...carried].join(', ')} while this write was under way; its changes were carried over`,
            });
          }
          result.diagnostics.push(...lockDiagnostics(lock, path));
          return result;
        } catch (error) {
          if (error instanceof RetryError) {
            if (error.committed) {
              committed = true;
              for (const op of rescue) carried.add(op.path.join('.'));
            }
            // Edits an attempt committed are in the file: applying them again could undo a newer change.
            rescue = error.committed ? [...error.rescue] : [...rescue, ...error.rescue];
            if (rescue.length === 0) rescueSince = 0;
            else if (rescueSince === 0) rescueSince = Date.now();
          }
          if (rescue.length > 0) {
            // Giving up now would lose another program's changes: while there are some, keep trying for up
            // to RESCUE_BUDGET_MS (an attempt lands unless the file changes again within a few ms). That
            // program is writing the file right now, so a file caught empty or half written is its save
            // under way, not a reason to stop.
            const transient = error instanceof RetryError || (error instanceof ConfigError && error.code === 'INVALID_JSON');
            if (transient && Date.now() - rescueSince < RESCUE_BUDGET_MS) continue;
            const lost = rescue.map((op) => op.path.join('.')).join(', ');
            throw new ConfigError(
              'CONCURRENT_MODIFICATION',
              `${path} kept changing while it was being written; another program's changes to ${lost} could not be carried over after ${i} attempts${note()}`,
              { cause: error },
            );
          }
          if (!(error instanceof RetryError)) {
            if (carried.size > 0 && error instanceof ConfigError) throw new ConfigError(error.code, `${error.message}${note()}`, { cause: error });
            throw error;
          }
          if (i >= MAX_ATTEMPTS) {
            throw new ConfigError(
              'CONCURRENT_MODIFICATION',
              committed
                ? `${path} kept changing while it was being written (${i} attempts); this write's changes reached the file but may since have been overwritten by the other program${note()}`
                : `${path} kept changing while it was being written (${i} attempts); nothing was overwritten`,
            );
          }
        }
      }
    });
  } catch (error) {
    throw fileError(error, label, 'written');
  } finally {
    if (!wrote) removeCreatedDirs(dirname(target), createdDir);
  }
}

/** A lock taken over from a writer that died holding it, as an info diagnostic. */
function lockDiagnostics(lock: LockInfo, path: string): Diagnostic[] {
  if (!lock.recovered) return [];
  return [
    {
      code: 'write-lock-recovered',
      severity: 'info',
      path,
      message: `the lock of ${path} (${lock.lockPath}) was left by a writer that stopped (${lock.recovered.reason}); this write took it over`,
    },
  ];
}

/**
 * Plan again. `rescue` holds what another program wrote into the file our rename replaced: edits to
 * apply to the current file, under the same guards as any write, before ours.
 */
class RetryError extends Error {
  /** @param committed true when this attempt's rename happened (the earlier rescue edits are in the file now). */
  constructor(
    readonly rescue: EditOp[] = [],
    readonly committed = false,
  ) {
    super('retry');
  }
}

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

/** How long to wait before trusting that an existing empty file really is empty. */
const EMPTY_FILE_WAIT_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The bytes read, and the open file they came from (its inode outlives our rename). */
interface Snapshot {
  fd?: number;
  bytes?: Buffer;
  stat?: Stats;
}

/** Opens the settings file (without blocking, checked to be a regular file, bounded): see {@link openRegular}. */
function openSnapshot(target: string, label: string): Snapshot {
  try {
    const opened = openRegular(target, WRITE_MAX_BYTES, label);
    return opened ? { fd: opened.fd, bytes: opened.bytes, stat: opened.stat } : {};
  } catch (error) {
    throw fileError(error, label, 'read');
  }
}

/** The settings file's bytes now (undefined when it is gone), read as {@link openSnapshot} reads it. */
function readTarget(target: string, label: string): Buffer | undefined {
  try {
    return readRegular(target, WRITE_MAX_BYTES, label)?.bytes;
  } catch (error) {
    throw fileError(error, label, 'read');
  }
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function changedSince(target: string, before: Buffer | undefined, label: string): boolean {
  return !sameBytes(readTarget(target, label), before);
}

interface CommitArgs {
  target: string;
  label: string;
  data: string | Buffer;
  modes: ModePlan;
  /** Keeps the file's previous state; called once the staging file is written. */
  backup: () => Promise<BackupEntry>;
  options: BackupOptions;
  /** The last look at the file, right before the rename: throws to give up (RetryError). */
  lastLook?: () => void;
  onRenamed?: () => void;
  /** The open file that was read, to look for another program's write into it after the rename. */
  lateWrites?: { fd: number; before: Buffer } | undefined;
}

/**
 * The atomic write. A staging file beside the target is written whole and fsynced (its mode and
 * owner set on the open descriptor); only then is the backup taken; then, with nothing awaited in
 * between, a last look at the target and the rename over it. When anything fails, the staging file
 * and the backup entry are taken back: the file and the store are as they were. Returns the backup.
 *
 * A write by another program that still slips in before the rename went into the file we read, which
 * stays open: it is put back and the edit planned again on top of it.
 */
async function commit(c: CommitArgs): Promise<BackupEntry> {
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
    throw new ConfigError('FILE_NOT_WRITABLE', `${label} was not written: its backup could not be kept in ${dir} (${errnoOf(error) ?? String(error)}). Nothing was written`, { cause: error });
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
  const late = c.lateWrites;
  if (late) {
    const { fd, before } = late;
    const reread = (): Buffer => readOpen(fd, WRITE_MAX_BYTES, label);
    let replaced = reread();
    // A program that opened the file just before the rename writes into the replaced file an instant
    // later: look again after a moment before calling the write done.
    if (replaced.equals(before)) {
      await sleep(LATE_WRITE_WAIT_MS);
      replaced = reread();
    }
    if (!replaced.equals(before)) {
      // Another program wrote into the file we replaced. An in-place save may still be under way
      // (emptied, half written): wait for it to finish before putting its bytes back.
      for (let i = 0; i < FOREIGN_SAVE_POLLS && !isJson(replaced); i++) {
        await sleep(FOREIGN_SAVE_POLL_MS);
        replaced = reread();
      }
      if (!isJson(replaced)) {
        throw new ConfigError('CONCURRENT_MODIFICATION', `${target} was being rewritten in place by another program, which did not finish; this write stands and the other program's unfinished bytes were not restored`);
      }
      // Carry its changes over, value by value, in the next attempt: planned on the file as it is then
      // and written with the same last look and the same check of the replaced file as this one.
      throw new RetryError(rescueOps(before, replaced), true);
    }
  }
  return entry;
}

/** Writes a new staging file whole: created exclusively, owner then mode set on the descriptor, fsynced. */
function writeStaging(staging: string, data: string | Buffer, modes: ModePlan): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(staging, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, modes.mode ?? 0o666);
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
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

async function guardCredentials(
  options: WriteSettingsOptions,
  path: string,
  target: string,
  variables: string[],
  diagnostics: Diagnostic[],
  dryRun: boolean,
): Promise<void> {
  const names = variables.join(', ');
  if (options.scope === 'project' && options.allowCredentialsInProject !== true) {
    throw new ConfigError(
      'CREDENTIAL_IN_SHARED_FILE',
      `${names} would go into ${path}, the project file that is meant to be committed; write it to local or user settings instead (or pass allowCredentialsInProject)`,
    );
  }
  // Allowing the shared project file is one decision; a file git tracks, or does not ignore, is
  // another: the same checks as every other scope (refused if tracked, an ignore rule added first).
  const safety = await checkGitSafety(target, options.git);
  if (!safety.inRepository) return;
  if (safety.tracked) {
    throw new ConfigError(
      'CREDENTIAL_IN_TRACKED_FILE',
      `${names} would go into ${path}, which git tracks: it would be committed. Untrack it (git rm --cached) first${options.scope === 'project' ? '; allowCredentialsInProject does not allow a tracked file' : ''}`,
    );
  }
  if (safety.weaker) diagnostics.push({ code: 'write-git-weak-check', severity: 'warning', path, message: safety.weaker });
  if (safety.ignored) return;
  if (dryRun) {
    diagnostics.push({ code: 'write-git-ignore-added', severity: 'info', path, message: `${path} is not ignored by git; a real write would add an ignore rule (${options.gitIgnoreTarget ?? 'gitignore'}) first` });
    return;
  }
  const added = await ensureGitIgnored(target, { ...options.git, target: options.gitIgnoreTarget ?? 'gitignore', ...(options.homeDir ? { homeDir: options.homeDir } : {}) });
  diagnostics.push({
    code: 'write-git-ignore-added',
    severity: 'info',
    path,
    message: `git did not ignore ${path}; added ${added.pattern ?? 'a rule'} to ${added.file ?? 'the ignore file'} before writing ${names}`,
  });
}

/** Backups, newest first; those of one settings file when `path` is given. */
export function listBackups(options: BackupOptions & { path?: string } = {}): BackupEntry[] {
  return listBackupEntries(options.path === undefined ? options : { ...options, path: realTarget(options.path) });
}

export interface RevertOptions extends BackupOptions {
  /** Replace a read-only settings file instead of refusing with `FILE_READ_ONLY` (see {@link WriteSettingsOptions.allowReadOnly}). @default false */
  allowReadOnly?: boolean;
}

export interface RevertResult {
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
  const createdDir = ensureDir(dirname(target), label);
  let wrote = false;
  const backupOptions: BackupOptions = { ...options };
  try {
    return await withFileLock(target, {}, async (lock): Promise<RevertResult> => {
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
          wrote = true;
        }
      } else {
        const own = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
        const existing = st ? { mode: st.mode, uid: st.uid, gid: st.gid } : entry.mode !== undefined ? { mode: entry.mode, ...own } : undefined;
        const modes = planMode(existing, () => holdsCredential(bytes.toString('utf8')));
        undo = await commit({ target, label, data: bytes, modes, backup: undoOf, options: backupOptions, onRenamed: () => (wrote = true) });
        diagnostics.push(...modeDiagnostics(modes, target));
      }
      // A revert never prunes backups taken with a larger keepBackups: the next write prunes as asked.
      await pruneBackups(target, { ...backupOptions, keepBackups: options.keepBackups ?? Number.MAX_SAFE_INTEGER });
      diagnostics.push(...lockDiagnostics(lock, target));
      return { path: target, restored: entry, backupId: undo.id, removed: bytes === undefined, diagnostics };
    });
  } catch (error) {
    throw fileError(error, label, 'written');
  } finally {
    if (!wrote) removeCreatedDirs(dirname(target), createdDir);
  }
}
