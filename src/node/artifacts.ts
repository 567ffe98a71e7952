/**
 * Writes generated files (managed-settings artifacts, an apiKeyHelper script) into a folder, each
 * under its own name: never outside the folder, never over an existing file unless asked.
 */
import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { ConfigError } from '../core/errors';
import type { Platform } from '../core/types';

export interface ArtifactFile {
  /** The path inside the folder, with `/` between parts. */
  path: string;
  content: string;
  /** File mode. @default 0o644 */
  mode?: number;
}

export interface WriteArtifactsOptions {
  /** Replace files that exist. @default false */
  force?: boolean;
}

/** Writes every file (checking them all first: nothing is written when one would be refused); returns the paths written. */
export function writeArtifactFiles(dir: string, files: readonly ArtifactFile[], options: WriteArtifactsOptions = {}): string[] {
  const root = resolve(dir);
  const targets = files.map((f) => {
    const rel = normalize(f.path);
    const abs = resolve(root, rel);
    if (isAbsolute(f.path) || rel.startsWith('..') || !abs.startsWith(root + sep))
      throw new ConfigError('INVALID_OPTIONS', `${f.path} is not a path inside ${root}`);
    if (existsSync(abs)) {
      if (lstatSync(abs).isSymbolicLink()) throw new ConfigError('UNSAFE_SYMLINK', `${abs} is a symbolic link; not written through`);
      if (options.force !== true) throw new ConfigError('FILE_EXISTS', `${abs} exists; pass force to replace it`);
    }
    return { abs, file: f };
  });
  for (const { abs, file } of targets) {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, file.content, { mode: file.mode ?? 0o644 });
  }
  return targets.map((t) => t.abs);
}

/** `<dir>/<platform>/<file name>` for each managed artifact. */
export function managedArtifactFiles(artifacts: readonly { platform: Platform; fileName: string; content: string }[]): ArtifactFile[] {
  return artifacts.map((a) => ({ path: join(a.platform, a.fileName), content: a.content }));
}
