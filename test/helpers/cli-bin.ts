/**
 * The BUILT `claude-gateway` executable (package.json "bin", under dist/) in real child processes
 *: built once with `npx tsup` unless it is newer than every input of the build, then run
 * with `node <bin> …` and an environment the test controls completely.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cli-world';

/** The executable package.json's "bin" names (dist/cli.js, or dist/cli/cli.js when the CLI is split into chunks). */
export const CLI_JS: string = join(
  REPO_ROOT,
  (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['claude-gateway'] ?? 'dist/cli.js',
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** True when the executable exists and is newer than every source file and build input. */
export function cliIsFresh(): boolean {
  if (!existsSync(CLI_JS)) return false;
  const inputs = [...filesUnder(join(REPO_ROOT, 'src')), ...['package.json', 'tsup.config.ts', 'tsconfig.json'].map((f) => join(REPO_ROOT, f))];
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  return statSync(CLI_JS).mtimeMs > newest;
}

/** Builds the package (and so dist/cli.js) with `npx tsup` unless the executable is fresh. */
export function ensureCliBuilt(): void {
  if (!cliIsFresh()) execFileSync('npx', ['tsup'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
  if (!existsSync(CLI_JS)) throw new Error(`the build did not produce ${CLI_JS}`);
}

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the child was killed for running longer than the timeout (it waited on something). */
  timedOut: boolean;
}

export interface BinOptions {
  /** The child's whole environment (nothing of the test process is inherited). */
  env: Record<string, string>;
  cwd: string;
  /**
   * Standard input: `ignore` (/dev/null), `open` (a pipe that is never written to nor closed: a
   * command that reads it waits forever), or a string written to a pipe that is then closed.
   * @default 'open'
   */
  stdin?: 'ignore' | 'open' | { input: string };
  /** @default 20000 */
  timeoutMs?: number;
}

/** Runs `node <bin> ...args`. */
export function runBin(args: readonly string[], options: BinOptions): Promise<BinResult> {
  const stdinMode = options.stdin ?? 'open';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [stdinMode === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // the child may exit before reading
      if (typeof stdinMode === 'object') child.stdin.end(stdinMode.input);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child.stdin?.destroy();
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}
