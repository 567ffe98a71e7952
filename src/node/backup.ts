/**
 * Backups of settings files before every write, so that `revert` restores a file byte for byte (or
 * removes a file the write created). Each file has its own folder under the data directory, named by
 * a hash of its real path, holding a manifest and one blob per backup.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';
import { ConfigError } from '../core/errors';

/** How many backups are kept per file; older ones are removed when a new one is taken. */
export const DEFAULT_KEEP_BACKUPS = 20;

export interface BackupOptions {
  /**
   * Where backups live.
   * @default `<env-paths data dir for claude-gateway-config>/backups` (e.g. ~/.local/share/claude-gateway-config/backups)
   */
  backupDir?: string;
  /** How many backups to keep per file. @default 20 */
  keepBackups?: number;
}

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
  size?: number;
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

function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return Array.isArray(m.entries) ? m : undefined;
  } catch {
    return undefined;
  }
}

function newId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/**
 * Keeps the previous state of `path`: its bytes, or the fact that it did not exist. Callers hold the
 * file's write lock, which also guards this file's manifest.
 */
export async function takeBackup(path: string, previous: Uint8Array | undefined, reason: string, options: BackupOptions = {}): Promise<BackupEntry> {
  const dir = fileDir(options, path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const manifest = readManifest(dir) ?? { version: 1, path, entries: [] };
  const entry: BackupEntry = { id: newId(new Date()), path, time: new Date().toISOString(), existed: previous !== undefined, reason };
  if (previous !== undefined) {
    entry.hash = sha256(previous);
    entry.size = previous.length;
    // Backups may hold credentials: only the owner reads them.
    await writeFileAtomic(join(dir, `${entry.id}.bak`), Buffer.from(previous), { mode: 0o600 });
  }
  manifest.entries.push(entry);
  const keep = Math.max(1, options.keepBackups ?? DEFAULT_KEEP_BACKUPS);
  const dropped = manifest.entries.splice(0, Math.max(0, manifest.entries.length - keep));
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  for (const old of dropped) if (old.existed) rmSync(join(dir, `${old.id}.bak`), { force: true });
  return entry;
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
  if (!existsSync(file)) throw new ConfigError('BACKUP_CORRUPT', `backup ${entry.id} of ${entry.path} has lost its data file`);
  const bytes = readFileSync(file);
  if (sha256(bytes) !== entry.hash) throw new ConfigError('BACKUP_CORRUPT', `backup ${entry.id} of ${entry.path} does not match its hash`);
  return bytes;
}

/** Finds a backup by id, or the newest backup of a path. */
export function findBackup(idOrPath: string, options: BackupOptions = {}): BackupEntry {
  const hit = listBackups(options).find((e) => e.id === idOrPath) ?? listBackups({ ...options, path: idOrPath })[0];
  if (!hit) throw new ConfigError('BACKUP_NOT_FOUND', `no backup ${JSON.stringify(idOrPath)} in ${baseDir(options)}`);
  return hit;
}

/** Removes a file that a revert must take away (it did not exist before the write). */
export function removeFile(path: string): void {
  if (existsSync(path)) unlinkSync(path);
}
