/**
 * Reads managed policy that is not a plain file, on the machine itself (docs/behavior.md#managed-sources): the macOS managed
 * preferences domain `com.anthropic.claudecode` (with `plutil`), and the Windows registry values
 * `HKLM\SOFTWARE\Policies\ClaudeCode\Settings` and `HKCU\...` (with `reg query`).
 */
import { execFile } from 'node:child_process';
import type { ManagedInput, Platform } from '../core/types';

/** Runs a program without a shell; resolves with its output and exit code, never rejects. */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<{ stdout: string; code: number }>;

export const execRunner: CommandRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { encoding: 'utf8', timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout: String(stdout), code });
    });
  });

/** Where macOS keeps the managed preferences of the domain: per user first, then for the device. */
export function plistPaths(user: string | undefined): string[] {
  const file = 'com.anthropic.claudecode.plist';
  return [...(user ? [`/Library/Managed Preferences/${user}/${file}`] : []), `/Library/Managed Preferences/${file}`];
}

/** `%NAME%` references in a REG_EXPAND_SZ value, expanded from the environment (unknown ones kept). */
function expand(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => {
    const hit = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return hit !== undefined ? (env[hit] ?? whole) : whole;
  });
}

/** The `Settings` value from `reg query <key> /v Settings` output, or undefined. */
export function parseRegQueryOutput(stdout: string, env: Record<string, string | undefined> = {}): string | undefined {
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s+Settings\s+(REG_SZ|REG_EXPAND_SZ)\s+(.*)$/.exec(line);
    if (m?.[2] !== undefined) return m[1] === 'REG_EXPAND_SZ' ? expand(m[2], env) : m[2];
  }
  return undefined;
}

async function readPlist(run: CommandRunner, user: string | undefined): Promise<Record<string, unknown> | undefined> {
  for (const path of plistPaths(user)) {
    const { stdout, code } = await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', path]);
    if (code !== 0) continue;
    try {
      const value: unknown = JSON.parse(stdout);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // plutil printed something that is not JSON: treat as absent.
    }
  }
  return undefined;
}

async function readRegistry(run: CommandRunner, hive: 'HKLM' | 'HKCU', env: Record<string, string | undefined>, reg = 'reg'): Promise<string | undefined> {
  const { stdout, code } = await run(reg, ['query', `${hive}\\SOFTWARE\\Policies\\ClaudeCode`, '/v', 'Settings']);
  return code === 0 ? parseRegQueryOutput(stdout, env) : undefined;
}

/**
 * Reads the OS policy channels of `platform`. Registry values come back as JSON text, so that the
 * resolver reports a broken value with its line and column.
 */
export async function readOsPolicy(
  platform: Platform,
  options: {
    run?: CommandRunner;
    user?: string | undefined;
    env?: Record<string, string | undefined>;
    /** Linux under WSL: the Windows registry is read through `reg.exe` on the Windows drive (docs/behavior.md#open-points-what-we-chose). */
    wsl?: boolean;
    /** Where WSL mounts `C:`. @default '/mnt/c' */
    wslWindowsDrive?: string;
  } = {},
): Promise<ManagedInput> {
  const run = options.run ?? execRunner;
  const out: ManagedInput = {};
  if (platform === 'darwin') {
    const plist = await readPlist(run, options.user);
    if (plist) out.plist = plist;
  } else if (platform === 'win32') {
    const [hklm, hkcu] = await Promise.all([readRegistry(run, 'HKLM', options.env ?? {}), readRegistry(run, 'HKCU', options.env ?? {})]);
    if (hklm !== undefined) out.hklm = hklm;
    if (hkcu !== undefined) out.hkcu = hkcu;
  } else if (platform === 'linux' && options.wsl) {
    // The WSL chain starts from HKLM (wslInheritsWindowsSettings) and may end at HKCU: both are read
    // with Windows' own reg.exe through WSL interop. Without interop the calls fail and nothing is read.
    const reg = `${(options.wslWindowsDrive ?? '/mnt/c').replace(/\/+$/, '')}/Windows/System32/reg.exe`;
    const [hklm, hkcu] = await Promise.all([readRegistry(run, 'HKLM', {}, reg), readRegistry(run, 'HKCU', {}, reg)]);
    if (hklm !== undefined) out.hklm = hklm;
    if (hkcu !== undefined) out.hkcu = hkcu;
  }
  return out;
}
