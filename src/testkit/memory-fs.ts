/** An in-memory {@link FileSystem} for tests: a plain object of absolute paths to contents. */
import { posix, win32 } from 'node:path';
import type { FileStat, FileSystem } from '../core/types';

/** A file's contents, or a description of an entry that is not a plain file. */
export type MemoryEntry =
  | string
  | {
      /** `file` (default when `content` is given), `directory`, or `other` (a FIFO, socket or device). */
      kind?: 'file' | 'directory' | 'other';
      /** The file's text. */
      content?: string;
      /** Owner's user id, for the ownership rule of the local settings file. */
      uid?: number;
      /** Reported size; defaults to the content's UTF-8 length. */
      size?: number;
    };

export interface MemoryFs extends FileSystem {
  /** Adds or replaces an entry. */
  set(path: string, entry: MemoryEntry): void;
  /** Removes an entry (and, for a directory, everything under it). */
  delete(path: string): void;
  /** Every file path held, sorted. */
  paths(): string[];
}

const WINDOWS_RE = /^[A-Za-z]:[\\/]|^\\\\/;

function isWindowsPath(path: string): boolean {
  return WINDOWS_RE.test(path);
}

/** Windows paths compare case-insensitively with either slash; POSIX paths exactly. */
function key(path: string): string {
  if (isWindowsPath(path)) return win32.normalize(path).replace(/\\+$/, '').toLowerCase() || '\\';
  const n = posix.normalize(path);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

function parentKey(k: string): string | undefined {
  const api = isWindowsPath(k) ? win32 : posix;
  const parent = api.dirname(k);
  return parent === k ? undefined : key(parent);
}

function enoent(path: string, op: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${op} '${path}'`), { code: 'ENOENT', path });
}

interface Stored {
  path: string;
  kind: 'file' | 'directory' | 'other';
  content?: string;
  uid?: number;
  size?: number;
}

/**
 * Creates a file system that reads only from `files`. Paths may be POSIX (`/home/a/.claude/settings.json`)
 * or Windows (`C:\Users\a\.claude\settings.json`); directories exist implicitly above every file.
 *
 * @example
 * const fs = createMemoryFs({ '/home/a/.claude/settings.json': '{"env":{"ANTHROPIC_BASE_URL":"https://gw"}}' });
 * const config = await resolveEffectiveConfig({ fs, homeDir: '/home/a', cwd: '/home/a', platform: 'linux', env: {} });
 */
export function createMemoryFs(files: Readonly<Record<string, MemoryEntry>> = {}): MemoryFs {
  const entries = new Map<string, Stored>();
  const dirs = new Map<string, Set<string>>();

  const addDirChain = (k: string): void => {
    let child = k;
    let parent = parentKey(child);
    while (parent !== undefined) {
      const names = dirs.get(parent) ?? new Set<string>();
      const api = isWindowsPath(child) ? win32 : posix;
      names.add(api.basename(entries.get(child)?.path ?? child));
      const existed = dirs.has(parent);
      dirs.set(parent, names);
      if (existed) break;
      child = parent;
      parent = parentKey(child);
    }
  };

  const set = (path: string, entry: MemoryEntry): void => {
    if (!(isWindowsPath(path) || path.startsWith('/'))) throw new TypeError(`createMemoryFs needs absolute paths, got ${JSON.stringify(path)}`);
    const k = key(path);
    const e = typeof entry === 'string' ? { content: entry } : entry;
    const kind = e.kind ?? 'file';
    const stored: Stored = { path, kind };
    if (e.content !== undefined) stored.content = e.content;
    if (e.uid !== undefined) stored.uid = e.uid;
    if (e.size !== undefined) stored.size = e.size;
    entries.set(k, stored);
    if (kind === 'directory' && !dirs.has(k)) dirs.set(k, new Set());
    addDirChain(k);
  };

  for (const [path, entry] of Object.entries(files)) set(path, entry);

  const lookup = (path: string): Stored | undefined => {
    const k = key(path);
    const e = entries.get(k);
    if (e) return e;
    return dirs.has(k) ? { path, kind: 'directory' } : undefined;
  };

  return {
    set,
    delete(path: string): void {
      const k = key(path);
      for (const other of [...entries.keys()]) if (other === k || other.startsWith(`${k}/`) || other.startsWith(`${k}\\`)) entries.delete(other);
      for (const other of [...dirs.keys()]) if (other === k || other.startsWith(`${k}/`) || other.startsWith(`${k}\\`)) dirs.delete(other);
      const parent = parentKey(k);
      const api = isWindowsPath(k) ? win32 : posix;
      if (parent !== undefined) {
        const names = dirs.get(parent);
        if (names) for (const n of names) if (key(api.join(parent, n)) === k) names.delete(n);
      }
    },
    paths(): string[] {
      return [...entries.values()]
        .filter((e) => e.kind === 'file')
        .map((e) => e.path)
        .sort();
    },
    async readFile(path: string): Promise<string> {
      const e = lookup(path);
      if (!e) throw enoent(path, 'open');
      if (e.kind === 'directory') throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR', path });
      return e.content ?? '';
    },
    async stat(path: string): Promise<FileStat | undefined> {
      const e = lookup(path);
      if (!e) return undefined;
      const size = e.size ?? (e.content === undefined ? 0 : Buffer.byteLength(e.content, 'utf8'));
      return e.uid === undefined ? { kind: e.kind, size } : { kind: e.kind, size, uid: e.uid };
    },
    async readdir(path: string): Promise<string[] | undefined> {
      const names = dirs.get(key(path));
      return names ? [...names].sort() : undefined;
    },
  };
}
