/**
 * Worlds for the CLI tests: a temp directory with its own HOME, XDG data and config
 * directories, a project directory and the environment that points there, so that nothing the CLI
 * does (settings, backups in env-paths' data directory, git's global configuration) reaches the real
 * home; and layouts read through `--root` (a folder read as if it were /).
 */
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, makeTmp, removeTmp, writeFile } from './tmp';

export const REPO_ROOT: string = resolvePath(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliWorld {
  tmp: string;
  /** HOME (and --home). */
  home: string;
  /** The project directory (and --cwd). */
  cwd: string;
  /** XDG_DATA_HOME: env-paths puts the backups under it on Linux. */
  dataHome: string;
  /** XDG_CONFIG_HOME (git's global excludes). */
  configHome: string;
  /** Where the CLI's backups land: env-paths' data directory for claude-gateway-config. */
  backupDir: string;
  /** The whole environment of the CLI: io.env in process, the child's env for the binary. */
  env: Record<string, string>;
  /** `--home <home> --cwd <cwd> --platform linux`. */
  where: string[];
  /** The user settings file. */
  userSettings: string;
  cleanup(): void;
}

export function makeCliWorld(prefix = 'cgc-cli-'): CliWorld {
  const tmp = makeTmp(prefix);
  const home = join(tmp, 'home');
  const cwd = join(tmp, 'work', 'app');
  const dataHome = join(tmp, 'xdg-data');
  const configHome = join(tmp, 'xdg-config');
  for (const d of [home, cwd, dataHome, configHome]) mkdirSync(d, { recursive: true });
  return {
    tmp,
    home,
    cwd,
    dataHome,
    configHome,
    backupDir: join(dataHome, 'claude-gateway-config', 'backups'),
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_DATA_HOME: dataHome,
      XDG_CONFIG_HOME: configHome,
      GIT_CONFIG_NOSYSTEM: '1',
      LC_ALL: 'C',
    },
    where: ['--home', home, '--cwd', cwd, '--platform', 'linux'],
    userSettings: join(home, '.claude', 'settings.json'),
    cleanup: () => removeTmp(tmp),
  };
}

/** Runs git in `cwd` with the world's isolated configuration. */
export function worldGit(world: CliWorld, cwd: string, ...args: string[]): string {
  return git(world.home, cwd, '-c', 'commit.gpgsign=false', ...args);
}

export interface RootLayout {
  root: string;
  /** `--root <root> --home /home/u --cwd /home/u/proj --platform linux`. */
  where: string[];
  cleanup(): void;
}

/**
 * A layout under a temp folder read through `--root`: `files` maps absolute paths (as Claude Code
 * would see them, e.g. `/home/u/.claude/settings.json`) to their content. The start directory
 * `/home/u/proj` always exists.
 */
export function makeRootLayout(files: Record<string, string | Record<string, unknown>>): RootLayout {
  const root = makeTmp('cgc-root-');
  mkdirSync(join(root, 'home', 'u', 'proj'), { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFile(join(root, path), content);
  return {
    root,
    where: ['--root', root, '--home', '/home/u', '--cwd', '/home/u/proj', '--platform', 'linux'],
    cleanup: () => removeTmp(root),
  };
}

/**
 * examples/layout copied to a temp folder with its git repository (`home/dev/acme-app/.git`, which
 * git cannot commit) made, as `npm run demo` does.
 */
export function copyExampleLayout(): RootLayout {
  const root = makeTmp('cgc-layout-');
  cpSync(join(REPO_ROOT, 'examples', 'layout'), root, { recursive: true });
  mkdirSync(join(root, 'home', 'dev', 'acme-app', '.git'), { recursive: true });
  return {
    root,
    where: ['--root', root, '--home', '/home/dev', '--cwd', '/home/dev/acme-app/services/api', '--platform', 'linux'],
    cleanup: () => removeTmp(root),
  };
}

/** A credential no output may contain unless --show-secrets is given. */
export const TOKEN = 'sk-cgc-Zq8DISTINCTIVExV3kP9w';
/** A piece of TOKEN that a mask must not show either. */
export const TOKEN_PIECE = 'DISTINCTIVE';
