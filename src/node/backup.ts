/**
 * Backups of settings files before every write, so that `revert` restores a file byte for byte (or
 * removes a file the write created). Each file has its own folder under the data directory, named by
 * a hash of its real path, holding a manifest and one blob per backup.
 *
 * Also the one bounded reader of the writers: a settings file, a blob or a manifest is opened without
 * blocking (a FIFO never hangs it), checked on the open descriptor to be a regular file (a device or a
 * socket is never read), and read up to a limit (a symlink to `/dev/zero` or a huge file cannot
 * exhaust memory).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import { ConfigError } from '../core/errors';
import { SETTINGS_FLAG_MAX_BYTES } from '../core/gather';

/** How many backups are kept per file; older ones are removed when a new one is taken. */
export const DEFAULT_KEEP_BACKUPS = 20;

/**
 * The largest settings file the writers read: 16 MiB, eight times the 2 MiB Claude Code accepts for a
 * `--settings` file (the only size it enforces). A larger file is refused (`FILE_TOO_LARGE`) before
 * it is read whole, and never more than this plus one byte is read.
 */
export const WRITE_MAX_BYTES: number = 8 * SETTINGS_FLAG_MAX_BYTES;

/** Options for the backup functions: where backups live and how many to keep. */
export interface BackupOptions {
  /**
   * Where backups live.
   * @default `<env-paths data dir for claude-gateway-config>/backups` (e.g. ~/.local/share/claude-gateway-config/backups)
   */
  backupDir?: string;
  /** How many backups to keep per file. @default 20 */
  keepBackups?: number;
}

/** One backup of a settings file. */
export interface BackupEntry {
  /** Sortable, unique: `20261127T021500123Z-1a2b3c`. */
  id: string;
  /** The settings file (its real path). */
  path: string;
  /** When the backup was taken, ISO 8601. */
  time: string;
  /** Whether the file existed; when it did not, reverting removes it. */
  existed: boolean;
  /** sha256 of the previous bytes, when the file existed. */
  hash?: string;
  /** Size of the backup in bytes, when known. */
  size?: number;
  /** The file's permission bits when the backup was taken (`0o644` is 420), when it existed. */
  mode?: number;
  /** Why it was taken: `write`, `revert`. */
  reason: string;
}

interface Manifest {
  version: 1;
  path: string;
  entries: BackupEntry[];
}

/** Where backups go by default: env-paths' data directory for claude-gateway-config, then `backups`. */
export function defaultBackupDir(): string {
  return join(envPaths('claude-gateway-config', { suffix: '' }).data, 'backups');
}

function baseDir(options: BackupOptions): string {
  return options.backupDir ?? defaultBackupDir();
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fileDir(options: BackupOptions, path: string): string {
  return join(baseDir(options), sha256(Buffer.from(path, 'utf8')).slice(0, 32));
}

// ---------------------------------------------------------------------------------------------
// Bounded reads of regular files

/** What a path that is not a regular file is, in words. */
export function describeKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

// Node accepts numeric open flags; O_NONBLOCK keeps a FIFO from blocking the open (and the process).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** A regular file opened for reading, its bytes (at most `limit`) and what fstat said of it. */
export interface OpenedFile {
  fd: number;
  bytes: Buffer;
  stat: Stats;
}

function notRegular(label: string, kind: string): ConfigError {
  return new ConfigError('FILE_NOT_REGULAR', `${label} is ${kind}, not a regular file: it is not read or written`);
}

function tooLarge(label: string, size: number | undefined, limit: number): ConfigError {
  return new ConfigError(
    'FILE_TOO_LARGE',
    `${label} is larger than ${limit} bytes${size !== undefined && size > limit ? ` (${size})` : ''}, more than a settings file can sensibly be: it is not read`,
  );
}

/**
 * Opens `path` without blocking and reads it whole if it is a regular file of at most `limit` bytes.
 * Undefined when it does not exist. The checks are made on the open descriptor (fstat), so a path
 * swapped for a FIFO or a device after any earlier look is still refused. Throws `FILE_NOT_REGULAR`
 * and `FILE_TOO_LARGE` (naming `label`); other system errors as they come. The caller closes `fd`.
 */
export function openRegular(path: string, limit: number, label: string = path): OpenedFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return undefined;
    // A socket cannot be opened (ENXIO); a directory cannot on some systems (EISDIR).
    if (code === 'ENXIO' || code === 'EISDIR' || code === 'EOPNOTSUPP') {
      const st = statSync(path, { throwIfNoEntry: false });
      if (st && !st.isFile()) throw notRegular(label, describeKind(st));
    }
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(label, describeKind(stat));
    if (stat.size > limit) throw tooLarge(label, stat.size, limit);
    return { fd, bytes: readOpen(fd, limit, label, stat.size), stat };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** {@link openRegular}, closed again: the bytes and the stat, or undefined for a missing file. */
export function readRegular(path: string, limit: number, label: string = path): { bytes: Buffer; stat: Stats } | undefined {
  const opened = openRegular(path, limit, label);
  if (!opened) return undefined;
  closeSync(opened.fd);
  return { bytes: opened.bytes, stat: opened.stat };
}

/**
 * Everything in an open file from its start (pread: the file position does not matter), never more
 * than `limit` bytes: a file that grows past it, or reports a size of 0 and streams on, is refused
 * once `limit + 1` bytes have come.
 */
export function readOpen(fd: number, limit: number, label: string, sizeHint = 0): Buffer {
  let buf = Buffer.alloc(Math.min(limit + 1, Math.max(sizeHint + 1, 4096)));
  let off = 0;
  for (;;) {
    if (off === buf.length) {
      if (off > limit) throw tooLarge(label, undefined, limit);
      const bigger = Buffer.alloc(Math.min(limit + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, off);
      buf = bigger;
    }
    const n = readSync(fd, buf, off, buf.length - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}

// ---------------------------------------------------------------------------------------------
// The store

/** A manifest holds at most a few thousand entries; anything bigger is not ours. */
const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;

function readManifest(dir: string): Manifest | undefined {
  try {
    const read = readRegular(join(dir, 'manifest.json'), MANIFEST_MAX_BYTES);
    if (!read) return undefined;
    const m = JSON.parse(read.bytes.toString('utf8')) as Manifest;
    return Array.isArray(m.entries) ? m : undefined;
  } catch {
    return undefined;
  }
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

function newId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Keeps the previous state of `path`: its bytes and mode, or the fact that it did not exist. Callers
 * hold the file's write lock, which also guards this file's folder in every store. Nothing is pruned
 * here: a write that then fails takes its entry back ({@link dropBackup}) and the store is as it was;
 * one that succeeds prunes ({@link pruneBackups}).
 */
export async function takeBackup(
  path: string,
  previous: Uint8Array | undefined,
  reason: string,
  options: BackupOptions & { mode?: number } = {},
): Promise<BackupEntry> {
  const dir = fileDir(options, path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const manifest = readManifest(dir) ?? { version: 1, path, entries: [] };
  const entry: BackupEntry = { id: newId(new Date()), path, time: new Date().toISOString(), existed: previous !== undefined, reason };
  if (previous !== undefined) {
    entry.hash = sha256(previous);
    entry.size = previous.length;
    if (options.mode !== undefined) entry.mode = options.mode & 0o7777;
    // Backups may hold credentials: only the owner reads them.
    await writeFileAtomic(join(dir, `${entry.id}.bak`), Buffer.from(previous), { mode: 0o600 });
  }
  manifest.entries.push(entry);
  try {
    await writeManifest(dir, manifest);
  } catch (error) {
    rmSync(join(dir, `${entry.id}.bak`), { force: true });
    throw error;
  }
  return entry;
}

/** Takes back a backup whose write did not happen: its manifest entry and its blob. Best effort. */
export async function dropBackup(entry: BackupEntry, options: BackupOptions = {}): Promise<void> {
  const dir = fileDir(options, entry.path);
  try {
    const manifest = readManifest(dir);
    if (manifest) {
      const entries = manifest.entries.filter((e) => e.id !== entry.id);
      if (entries.length === 0) {
        rmSync(join(dir, 'manifest.json'), { force: true });
      } else if (entries.length !== manifest.entries.length) {
        await writeManifest(dir, { ...manifest, entries });
      }
    }
    rmSync(join(dir, `${entry.id}.bak`), { force: true });
    // A folder made for this entry alone goes too.
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // The entry stays: it records bytes that are still the file's, and reverting it changes nothing.
  }
}

/** Files in a store folder left by a writer killed mid-way: not in the manifest for this long are removed from folders of other files. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** Backup blobs and write-file-atomic's temp files (`<name>.<number>`) in a store folder. */
const STORE_FILE_RE = /^(?:\d{8}T\d{9}Z-[0-9a-f]{6}\.bak|manifest\.json)(?:\.\d+)?$/;

/**
 * After a successful write of `path`: keeps its newest `keepBackups` entries, and removes what killed
 * writers left in the store: blobs no manifest lists and write-file-atomic temp files (at once in this
 * file's folder, whose lock the caller holds; after an hour in the folders of other files, whose
 * writers might be between writing a blob and recording it), and lock folders of older versions.
 * Best effort: a backup that cannot be pruned never fails a write that happened.
 */
export async function pruneBackups(path: string, options: BackupOptions = {}): Promise<void> {
  const base = baseDir(options);
  const mine = fileDir(options, path);
  try {
    const manifest = readManifest(mine);
    if (manifest) {
      const keep = Math.max(1, options.keepBackups ?? DEFAULT_KEEP_BACKUPS);
      const dropped = manifest.entries.splice(0, Math.max(0, manifest.entries.length - keep));
      if (dropped.length > 0) await writeManifest(mine, manifest);
    }
  } catch {
    // Pruned next time.
  }
  let folders: string[];
  try {
    folders = readdirSync(base);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of folders) {
    const dir = join(base, name);
    if (name === '.locks') {
      removeOld(dir, now);
      continue;
    }
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    const own = dir === mine;
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    const listed = new Set((readManifest(dir)?.entries ?? []).filter((e) => e.existed).map((e) => `${e.id}.bak`));
    for (const file of files) {
      if (!STORE_FILE_RE.test(file) || file === 'manifest.json' || listed.has(file)) continue;
      const full = join(dir, file);
      try {
        if (own || now - statSync(full).mtimeMs > ORPHAN_AGE_MS) unlinkSync(full);
      } catch {
        // Gone already.
      }
    }
  }
}

/** Entries of `dir` older than {@link ORPHAN_AGE_MS}, then `dir` if empty (the lock folders of earlier versions). */
function removeOld(dir: string, now: number): void {
  try {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (now - statSync(full).mtimeMs > ORPHAN_AGE_MS) rmSync(full, { recursive: true, force: true });
    }
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Best effort.
  }
}

/**
 * Backups, newest first; only those of `path` when given. One file's backups come in the order its
 * manifest recorded them (written under the file's lock), so two in the same millisecond or a clock
 * set back cannot reorder them; across files they are ordered by time.
 */
export function listBackups(options: BackupOptions & { path?: string } = {}): BackupEntry[] {
  const base = baseDir(options);
  if (!existsSync(base)) return [];
  if (options.path !== undefined) return [...(readManifest(fileDir(options, options.path))?.entries ?? [])].reverse();
  const out: BackupEntry[] = [];
  for (const d of readdirSync(base)) out.push(...[...(readManifest(join(base, d))?.entries ?? [])].reverse());
  // A stable sort keeps each file's own order among equal times.
  return out.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

/** The bytes a backup holds (verified against its hash), or undefined for "the file did not exist". */
export function backupBytes(entry: BackupEntry, options: BackupOptions = {}): Buffer | undefined {
  if (!entry.existed) return undefined;
  const file = join(fileDir(options, entry.path), `${entry.id}.bak`);
  let read: { bytes: Buffer } | undefined;
  try {
    // The blob is exactly entry.size bytes: never read more than one past that.
    read = readRegular(file, typeof entry.size === 'number' && entry.size >= 0 ? entry.size : WRITE_MAX_BYTES);
  } catch (cause) {
    throw new ConfigError(
      'BACKUP_CORRUPT',
      `backup ${entry.id} of ${entry.path} cannot be read: ${cause instanceof ConfigError ? cause.code : String((cause as { code?: unknown }).code ?? cause)}`,
      { cause },
    );
  }
  if (!read) throw new ConfigError('BACKUP_CORRUPT', `backup ${entry.id} of ${entry.path} has lost its data file`);
  if (sha256(read.bytes) !== entry.hash) throw new ConfigError('BACKUP_CORRUPT', `backup ${entry.id} of ${entry.path} does not match its hash`);
  return read.bytes;
}

/** Finds a backup by id, or the newest backup of a path. */
export function findBackup(idOrPath: string, options: BackupOptions = {}): BackupEntry {
  const hit = listBackups(options).find((e) => e.id === idOrPath) ?? listBackups({ ...options, path: idOrPath })[0];
  if (!hit) throw new ConfigError('BACKUP_NOT_FOUND', `no backup ${JSON.stringify(idOrPath)} in ${baseDir(options)}`);
  return hit;
}
