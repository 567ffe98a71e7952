/**
 * Real shells for the generator tests: source generated lines and read back the
 * environment, byte for byte, through `env -0`.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a program is on PATH (`command -v`). */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** A minimal starting environment: PATH only, so nothing from the test runner leaks in. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...extra };
}

/** Parses `env -0` output (UTF-8) into a map. */
export function parseEnv0(out: Buffer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of out.toString('utf8').split('\0')) {
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * Writes `script` to `<dir>/<name>`, then runs `<shell> -c 'set -e; source FILE; env -0'` from
 * `startEnv` and returns the environment the shell ends with.
 */
export function sourceAndDumpEnv(
  shell: 'bash' | 'zsh',
  dir: string,
  script: string,
  startEnv: Record<string, string>,
  name = 'exports.sh',
): Record<string, string> {
  const file = join(dir, name);
  writeFileSync(file, script);
  const out = execFileSync(shell, ['-c', 'set -e; source "$1"; env -0', shell, file], { env: startEnv, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return parseEnv0(out);
}

export interface RunResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a program synchronously, never throwing on a non-zero exit. */
export function run(file: string, args: string[], env: Record<string, string>, cwd?: string): RunResult {
  const r = spawnSync(file, args, { env, ...(cwd ? { cwd } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Runs a program without blocking the event loop (for tests that serve HTTP in the same process). */
export function runAsync(file: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}
