/**
 * Writing settings safely (issue 3): the file found exactly as the resolver finds it, a minimal-diff
 * edit planned by `planEdit`, credentials kept out of files git tracks or does not ignore, a backup
 * first, a lock against other writers from this library, a re-read that catches anyone else, and an
 * atomic rename.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ConfigError } from '../core/errors';
import { planEdit, type EditChange, type EditOp, type EditPlan } from '../core/edit';
import { findGitRoot, localDirectory, gather } from '../core/gather';
import { claudeConfigDir, managedFileLocations, pathApi } from '../core/locations';
import { resolveGathered } from '../core/resolve';
import type { Diagnostic, ResolveOptions } from '../core/types';
import { credentialsIn, shadowWarnings, type WriteScope } from '../core/write-plan';
import { prepareResolution } from '../resolve-effective';
import { backupBytes, defaultBackupDir, findBackup, listBackups as listBackupEntries, removeFile, takeBackup, type BackupEntry, type BackupOptions } from './backup';
import { checkGitSafety, ensureGitIgnored, type GitOptions, type IgnoreTarget } from './git';
import { withFileLock } from './lock';

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

/** The file a scope writes to, found as the resolver finds it (§1.1, §1.4, §1.5). */
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
      if (!/^[^./\\][^/\\]*\.json$/i.test(name)) {
        throw new ConfigError('INVALID_OPTIONS', `dropInName must be a visible .json file name such as 10-gateway.json, got ${JSON.stringify(name)}`);
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
  const { scope: _s, dryRun: _d, dropInName: _n, settingsFile: _f, allowCredentialsInProject: _a, gitIgnoreTarget: _g, convertJsonc: _c, git: _git, backupDir: _b, keepBackups: _k, ...rest } = o as WriteSettingsOptions;
  return rest;
}

function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file that is really written: a symlinked settings file stays a symlink and its target changes. */
function realTarget(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return path;
  } catch {
    // Not there yet: written where it is asked for.
    return path;
  }
  try {
    return realpathSync(path);
  } catch {
    // A dangling link: its target does not exist yet. Follow the links to it, so that the write
    // creates the target instead of replacing the link with a regular file.
  }
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = readlinkSync(current);
    } catch {
      return current;
    }
    current = resolve(dirname(current), link);
  }
  throw new ConfigError('FS_ERROR', `${path} is a loop of symbolic links`);
}

function lockDir(options: BackupOptions): string {
  return join(options.backupDir ?? defaultBackupDir(), '.locks');
}

/**
 * Applies `ops` to the settings file of `scope`.
 *
 * Refuses (throws a coded {@link ConfigError}) to write a file it cannot parse (`INVALID_JSON`,
 * `JSONC_NOT_ALLOWED`), a credential into the shared project file (`CREDENTIAL_IN_SHARED_FILE`) or
 * into a file git tracks (`CREDENTIAL_IN_TRACKED_FILE`). A credential going into a file inside a
 * repository that git would not ignore gets an ignore rule first (`gitIgnoreTarget`).
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
  const diagnostics: Diagnostic[] = [];
  const credentials = credentialsIn(options.ops);
  const dryRun = options.dryRun === true;

  if (credentials.length > 0) await guardCredentials(options, path, target, credentials.map((c) => c.variable), diagnostics, dryRun);

  // Shadowing: a higher source setting the same thing wins over this write.
  const { input, context } = await prepareResolution(stripWriteOptions(options));
  diagnostics.push(...shadowWarnings(resolveGathered(await gather(input), context), options.scope, options.ops));

  const attempt = async (rescue: EditOp[]): Promise<WriteSettingsResult> => {
    const snapshot = openSnapshot(target);
    try {
      const before = snapshot.bytes;
      // An existing empty file is not JSON (Claude Code ignores it), and it is most often another
      // program saving in place (emptied, then written): wait a moment, and never take it for a new file.
      if (before !== undefined && before.length === 0) {
        await sleep(EMPTY_FILE_WAIT_MS);
        const again = readBytes(target);
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
        if (changedSince(target, before)) throw new RetryError();
        throw error;
      }
      const result: WriteSettingsResult = { path, changes: plan.changes, diagnostics: [...diagnostics], text: plan.text, created: before === undefined, dryRun };
      if (plan.converted) {
        result.diagnostics.push({ code: 'write-jsonc-converted', severity: 'warning', path, message: `${path} had comments or trailing commas; it was rewritten as strict JSON and the comments are gone` });
      }
      if (previousText !== undefined) result.previousText = previousText;
      if (dryRun || (plan.changes.length === 0 && !plan.converted && base === previousText)) return result;
      // Another program changed the file since we read it: plan again from its new bytes.
      if (changedSince(target, before)) throw new RetryError();
      result.backupId = (await takeBackup(target, before, 'write', options)).id;
      await commit(target, plan.text, before, snapshot, credentials.length > 0);
      if (credentials.length > 0 && process.platform !== 'win32') {
        const mode = statSync(target).mode;
        if ((mode & 0o077) !== 0) {
          result.diagnostics.push({
            code: 'write-credential-file-readable',
            severity: 'warning',
            path: target,
            message: `${target} holds a credential and other users can read it (mode ${(mode & 0o777).toString(8)})`,
            fix: `chmod 600 ${target}`,
          });
        }
      }
      return result;
    } finally {
      if (snapshot.fd !== undefined) closeSync(snapshot.fd);
    }
  };

  if (dryRun) return attempt([]);
  return withFileLock(target, { lockDir: lockDir(options) }, async () => {
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
}

function openSnapshot(path: string): Snapshot {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return {};
    throw error;
  }
  try {
    return { fd, bytes: readWhole(fd) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Everything in an open file, from its start (pread: the file position does not matter). */
function readWhole(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const buf = Buffer.alloc(size);
  let off = 0;
  while (off < size) {
    const n = readSync(fd, buf, off, size - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === size ? buf : buf.subarray(0, off);
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

function changedSince(path: string, before: Buffer | undefined): boolean {
  return !sameBytes(readBytes(path), before);
}

/**
 * The atomic write: write-file-atomic writes (and fsyncs) a staging file beside the target, then,
 * with nothing awaited in between, a last look at the target and the rename over it. A write by
 * another program that still slips in before the rename went into the file we read, which stays
 * open: it is put back and the edit planned again on top of it.
 */
async function commit(target: string, text: string, before: Buffer | undefined, snapshot: Snapshot, credential: boolean): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  cleanStaleStaging(target);
  const staging = `${target}.cgc-${randomBytes(4).toString('hex')}.tmp`;
  const st = before === undefined ? undefined : statSync(target);
  // write-file-atomic changes the options object it is given: a fresh one every call. The staging file
  // is new, so the target's mode and owner are passed on explicitly.
  const opts: WriteFileOptions = { encoding: 'utf8' };
  if (st) opts.mode = st.mode & 0o7777;
  else if (credential) opts.mode = 0o600;
  if (st && typeof process.getuid === 'function') opts.chown = { uid: st.uid, gid: st.gid };
  await writeFileAtomic(staging, text, opts);
  try {
    if (changedSince(target, before)) throw new RetryError();
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  if (snapshot.fd !== undefined && before !== undefined) {
    let replaced = readWhole(snapshot.fd);
    // A program that opened the file just before the rename writes into the replaced file an instant
    // later: look again after a moment before calling the write done.
    if (replaced.equals(before)) {
      await sleep(LATE_WRITE_WAIT_MS);
      replaced = readWhole(snapshot.fd);
    }
    if (!replaced.equals(before)) {
      // Another program wrote into the file we replaced. An in-place save may still be under way
      // (emptied, half written): wait for it to finish before putting its bytes back.
      for (let i = 0; i < FOREIGN_SAVE_POLLS && !isJson(replaced); i++) {
        await sleep(FOREIGN_SAVE_POLL_MS);
        replaced = readWhole(snapshot.fd);
      }
      if (!isJson(replaced)) {
        throw new ConfigError('CONCURRENT_MODIFICATION', `${target} was being rewritten in place by another program, which did not finish; this write stands and the other program's unfinished bytes were not restored`);
      }
      // Carry its changes over, value by value, in the next attempt: planned on the file as it is then
      // and written with the same last look and the same check of the replaced file as this one.
      throw new RetryError(rescueOps(before, replaced), true);
    }
  }
}

/** Staging files left by a writer that was killed (ours only: `<name>.cgc-<hex>.tmp[.<n>]`), older than a minute. */
function cleanStaleStaging(target: string): void {
  const dir = dirname(target);
  const prefix = `${basename(target)}.cgc-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !/\.cgc-[0-9a-f]+\.tmp(\.\d+)?$/.test(name)) continue;
    const full = join(dir, name);
    try {
      if (now - statSync(full).mtimeMs > 60_000) rmSync(full, { force: true });
    } catch {
      // Gone already.
    }
  }
}

type WriteFileOptions = { encoding?: BufferEncoding; mode?: number; chown?: { uid: number; gid: number } };

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
  if (options.scope === 'project') return;
  const safety = await checkGitSafety(target, options.git);
  if (!safety.inRepository) return;
  if (safety.tracked) {
    throw new ConfigError('CREDENTIAL_IN_TRACKED_FILE', `${names} would go into ${path}, which git tracks: it would be committed. Untrack it (git rm --cached) first`);
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

export interface RevertResult {
  path: string;
  /** The backup restored. */
  restored: BackupEntry;
  /** The backup of the state revert replaced, so that the revert itself can be undone. */
  backupId: string;
  /** True when the file did not exist before the write, and revert removed it. */
  removed: boolean;
}

/** Restores a settings file byte for byte from a backup (an id, or a path for its newest backup). */
export async function revert(idOrPath: string, options: BackupOptions = {}): Promise<RevertResult> {
  const entry = findBackup(idOrPath.includes('/') || idOrPath.includes('\\') ? realTarget(idOrPath) : idOrPath, options);
  const bytes = backupBytes(entry, options);
  return withFileLock(entry.path, { lockDir: lockDir(options) }, async () => {
    const current = readBytes(entry.path);
    // A revert never prunes backups taken with a larger keepBackups: the next write prunes as asked.
    const undo = await takeBackup(entry.path, current, 'revert', { ...options, keepBackups: options.keepBackups ?? Number.MAX_SAFE_INTEGER });
    if (bytes === undefined) {
      removeFile(entry.path);
    } else {
      mkdirSync(dirname(entry.path), { recursive: true });
      await writeFileAtomic(entry.path, bytes, {});
    }
    return { path: entry.path, restored: entry, backupId: undo.id, removed: bytes === undefined };
  });
}
