/**
 * A sandbox for the writers' functional tests: a real temp directory with its own HOME, XDG config
 * directory and backup store, and a real `git` that no user or system configuration can reach. The
 * same environment is given to the library (`git: { env }`, `env`) so that both see one world.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EditOp, WriteScope, WriteSettingsOptions } from '../../src/index';
import { makeTmp, removeTmp } from './tmp';

export interface Sandbox {
  tmp: string;
  /** The HOME of git and of the resolver. */
  home: string;
  /** XDG_CONFIG_HOME, inside the sandbox. */
  xdg: string;
  /** The backup store, inside the sandbox. */
  backupDir: string;
  /** The environment git runs with (and the resolver's shell environment). */
  env: Record<string, string>;
  /** Runs git in `cwd` and returns stdout; throws on a non-zero exit. */
  git(cwd: string, ...args: string[]): string;
  /** Runs git and returns its exit code (for `check-ignore`, `ls-files --error-unmatch`). */
  gitStatus(cwd: string, ...args: string[]): number;
  /** `git init` of a new directory under the sandbox. */
  repo(name?: string): string;
  /** Explicit writer options: Linux, this HOME, this env, backups and git inside the sandbox. */
  options(scope: WriteScope, cwd: string, ops: EditOp[], extra?: Partial<WriteSettingsOptions>): WriteSettingsOptions;
  cleanup(): void;
}

const GIT_IDENTITY = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'];

export function makeSandbox(prefix = 'cgc-w-'): Sandbox {
  const tmp = makeTmp(prefix);
  const home = join(tmp, 'home');
  const xdg = join(tmp, 'xdg');
  const backupDir = join(tmp, 'backups');
  mkdirSync(home, { recursive: true });
  mkdirSync(xdg, { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    XDG_CONFIG_HOME: xdg,
    LC_ALL: 'C',
  };
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const gitStatus = (cwd: string, ...args: string[]): number => spawnSync('git', [...GIT_IDENTITY, ...args], { cwd, env, stdio: 'ignore' }).status ?? -1;
  return {
    tmp,
    home,
    xdg,
    backupDir,
    env,
    git,
    gitStatus,
    repo(name = 'repo'): string {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      git(dir, 'init', '-q');
      return dir;
    },
    options(scope, cwd, ops, extra = {}): WriteSettingsOptions {
      return {
        scope,
        ops,
        cwd,
        homeDir: home,
        platform: 'linux',
        wsl: false,
        env,
        backupDir,
        git: { env },
        ...extra,
      };
    },
    cleanup(): void {
      removeTmp(tmp);
    },
  };
}

export const set = (path: (string | number)[], value: unknown): EditOp => ({ op: 'set', path, value });
export const unset = (path: (string | number)[]): EditOp => ({ op: 'unset', path });

/** The permission bits of a file (symbolic links followed). */
export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

/** Bytes and modification time, to prove a file was not touched. */
export function snapshot(path: string): { bytes: Buffer; mtimeMs: number; ino: number } {
  const st = lstatSync(path);
  return { bytes: readFileSync(path), mtimeMs: st.mtimeMs, ino: st.ino };
}

/** Every file under `dir`, recursively, relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.push(`${prefix}${e.name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Awaits a promise that must reject with a ConfigError of `code`; returns the error. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<Error & { code: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { code: string };
    if (e.code !== code) throw new Error(`expected code ${code}, got ${String(e.code)}: ${e.message}`, { cause: e });
    return e;
  }
  throw new Error(`expected a rejection with code ${code}, but it resolved`);
}
