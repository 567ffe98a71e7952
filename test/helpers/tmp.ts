/**
 * Real temporary directories and a real `git` for tests that must touch the disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNodeFs, type FileSystem } from '../../src/index';

/** Creates a temp directory (its real path, so git's absolute paths match ours). */
export function makeTmp(prefix = 'cgc-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function removeTmp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes text, or an object as 2-space JSON, creating parent directories. Returns the path. */
export function writeFile(path: string, content: string | Record<string, unknown>): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return path;
}

/**
 * Runs real `git` with an environment that no user or system git configuration can reach:
 * no system config, HOME (hence the global config) inside the temp directory.
 */
export function git(home: string, cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      GIT_CONFIG_NOSYSTEM: '1',
      LC_ALL: 'C',
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `git init` of `dir` (created if needed). */
export function gitInit(home: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(home, dir, 'init', '-q');
  return dir;
}

export const MANAGED_DIR = '/etc/claude-code';

/**
 * The real Node file system with the managed directory `/etc/claude-code` moved to
 * `<root>/etc/claude-code`, so that the machine's own managed policy can't leak into a test.
 */
export function isolatedNodeFs(root: string): FileSystem {
  const real = createNodeFs();
  const target = join(root, 'etc', 'claude-code');
  const map = (path: string): string => (path === MANAGED_DIR ? target : path.startsWith(`${MANAGED_DIR}/`) ? target + path.slice(MANAGED_DIR.length) : path);
  const readIfFile = real.readIfFile;
  return {
    readFile: (path) => real.readFile(map(path)),
    stat: (path) => real.stat(map(path)),
    readdir: (path) => real.readdir(map(path)),
    realPath: map,
    // Forwarded, so that the tests go through the Node file system's own fast path.
    ...(readIfFile ? { readIfFile: (path: string, maxBytes?: number, likelyThere?: boolean) => readIfFile(map(path), maxBytes, likelyThere) } : {}),
  };
}
