/**
 * Where each source lives, per platform (docs/behavior.md#settings-files,
 * docs/behavior.md#managed-sources). Pure path math: `node:path`'s posix and win32
 * objects are string functions and touch nothing.
 */
import { posix, win32 } from 'node:path';
import { hasFeature } from './versions';
import type { Platform } from './types';
import { ConfigError } from './errors';

export type PathApi = typeof posix;

/** Path rules for a platform: Windows rules on `win32`, POSIX elsewhere. */
export function pathApi(platform: Platform): PathApi {
  return platform === 'win32' ? win32 : posix;
}

/** The managed file and drop-in directory of one location. */
export interface ManagedFileLocation {
  /** Directory holding `managed-settings.json` and `managed-settings.d/`. */
  dir: string;
  /** Absolute path of `managed-settings.json`. */
  file: string;
  /** Absolute path of the `managed-settings.d` drop-in folder. */
  dropInDir: string;
  /** Which channel it is, for the Windows chain under WSL and the legacy path. */
  kind: 'system' | 'windows-from-wsl' | 'windows-legacy';
}

function fileLocation(p: PathApi, dir: string, kind: ManagedFileLocation['kind']): ManagedFileLocation {
  return { dir, file: p.join(dir, 'managed-settings.json'), dropInDir: p.join(dir, 'managed-settings.d'), kind };
}

/** The managed-settings folder on each platform (`win32Legacy`: the older Windows folder). */
export const MANAGED_DIRS = {
  /** macOS. */
  darwin: '/Library/Application Support/ClaudeCode',
  /** Linux. */
  linux: '/etc/claude-code',
  /** Windows. */
  win32: 'C:\\Program Files\\ClaudeCode',
  /** Windows, the older folder. */
  win32Legacy: 'C:\\ProgramData\\ClaudeCode',
} as const;

/**
 * The managed file locations Claude Code reads on this platform and version, in priority order.
 * Windows: Program Files from 2.0.58 (ProgramData before), ProgramData as a fallback until 2.1.75.
 */
export function managedFileLocations(platform: Platform, version: string): ManagedFileLocation[] {
  if (platform === 'darwin') return [fileLocation(posix, MANAGED_DIRS.darwin, 'system')];
  if (platform === 'linux') return [fileLocation(posix, MANAGED_DIRS.linux, 'system')];
  const programFiles = fileLocation(win32, MANAGED_DIRS.win32, 'system');
  const legacy = fileLocation(win32, MANAGED_DIRS.win32Legacy, 'windows-legacy');
  if (!hasFeature(version, 'windowsProgramFiles')) return [legacy];
  if (!hasFeature(version, 'windowsProgramDataRemoved')) return [programFiles, legacy];
  return [programFiles];
}

/**
 * Whether Claude Code reads a file of this name in a managed drop-in folder: a visible name ending in
 * `.json`, in lowercase (it skips `10-a.JSON` on every platform; vector dropin-upper-extension).
 */
export function isDropInName(name: string): boolean {
  return !name.startsWith('.') && name.endsWith('.json');
}

/**
 * Refuses a drop-in name a writer or generator cannot create: one Claude Code would not read, or one
 * that names a folder as well as a file. `option` is how the caller names the setting in the error.
 */
export function checkDropInName(name: string, option = 'dropInName'): void {
  if (!isDropInName(name) || /[/\\]/.test(name)) {
    throw new ConfigError(
      'INVALID_OPTIONS',
      `${option} must be a visible file name ending in .json (lowercase: Claude Code skips .JSON) such as 10-gateway.json, got ${JSON.stringify(name)}`,
    );
  }
}

/**
 * `C:\ProgramData\ClaudeCode`, the legacy Windows location. From 2.1.75 Claude Code no longer
 * reads it; it is still looked at, to report a file left there.
 */
export function legacyWindowsManagedLocation(): ManagedFileLocation {
  return fileLocation(win32, MANAGED_DIRS.win32Legacy, 'windows-legacy');
}

/** `C:\Program Files\ClaudeCode` as WSL sees it. */
export function wslWindowsManagedLocation(windowsDrive: string): ManagedFileLocation {
  return fileLocation(posix, posix.join(windowsDrive, 'Program Files', 'ClaudeCode'), 'windows-from-wsl');
}

/** The user's Claude directory: `$CLAUDE_CONFIG_DIR` or `~/.claude` (docs/behavior.md#settings-files). */
export function claudeConfigDir(platform: Platform, homeDir: string, cwd: string, env: Record<string, string | undefined>): string {
  const p = pathApi(platform);
  const configured = env['CLAUDE_CONFIG_DIR'];
  if (configured) return p.resolve(cwd, configured);
  return p.join(homeDir, '.claude');
}

/**
 * `~/.claude.json`. Under `CLAUDE_CONFIG_DIR` Claude Code's documentation is silent; like
 * community tooling we read `$CLAUDE_CONFIG_DIR/.claude.json` then (docs/behavior.md#open-points-what-we-chose).
 */
export function globalConfigPath(platform: Platform, homeDir: string, cwd: string, env: Record<string, string | undefined>): string {
  const p = pathApi(platform);
  const configured = env['CLAUDE_CONFIG_DIR'];
  return configured ? p.join(p.resolve(cwd, configured), '.claude.json') : p.join(homeDir, '.claude.json');
}

/** Whether two paths name the same place (case-insensitively on Windows). */
export function samePath(p: PathApi, platform: Platform, a: string, b: string): boolean {
  const x = p.resolve(a);
  const y = p.resolve(b);
  return platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** The four settings files of one start directory. */
export interface SettingsFiles {
  user: string;
  project: string;
  /** At the repository root or in the start directory (gather.ts `localDirectory` decides). */
  local: string;
  /** The start directory's own local file, when the local file lives elsewhere (still read; the root file wins). */
  localLeftover?: string;
}

/** The settings files, from the Claude configuration directory, the start directory and the local file's folder. */
export function settingsFiles(p: PathApi, platform: Platform, configDir: string, cwd: string, localDir: string): SettingsFiles {
  const out: SettingsFiles = {
    user: p.join(configDir, 'settings.json'),
    project: p.join(cwd, '.claude', 'settings.json'),
    local: p.join(localDir, '.claude', 'settings.local.json'),
  };
  if (!samePath(p, platform, localDir, cwd)) out.localLeftover = p.join(cwd, '.claude', 'settings.local.json');
  return out;
}
