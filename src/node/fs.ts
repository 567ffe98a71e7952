/**
 * The real file system. Settings files are small, so the reads are synchronous inside async
 * methods: this avoids a thread-pool round trip per file, which dominates the resolver's time
 * (see bench/). Every method keeps the {@link FileSystem} contract.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileStat, FileSystem } from '../core/types';

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const MISSING: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR']);

export function createNodeFs(): FileSystem {
  return {
    async readFile(path: string): Promise<string> {
      return readFileSync(path, 'utf8');
    },
    async stat(path: string): Promise<FileStat | undefined> {
      try {
        const st = statSync(path);
        const kind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
        return { kind, size: st.size, uid: st.uid };
      } catch (error) {
        if (MISSING.has(errorCode(error) ?? '')) return undefined;
        throw error;
      }
    },
    async readdir(path: string): Promise<string[] | undefined> {
      try {
        return readdirSync(path);
      } catch (error) {
        const code = errorCode(error) ?? '';
        if (MISSING.has(code) || code === 'ENOTDIR') return undefined;
        throw error;
      }
    },
  };
}
