/**
 * The CLI in process: `run(argv, io)` with a fake `CliIo` that collects stdout and stderr,
 * and the assertions every expected failure must pass (one line, an optional hint, no stack).
 */
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIoOptions {
  /** The environment the CLI sees (nothing of the test process leaks in). @default {} */
  env?: Record<string, string | undefined>;
  /** @default '/' */
  cwd?: string;
  /** @default false */
  isTTY?: boolean;
  prompt?: CliIo['prompt'];
  /** What standard input holds (`--value-stdin`, `--token-stdin`); absent: there is none. */
  stdin?: string;
}

export interface FakeIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: { ...(options.env ?? {}) },
    cwd: options.cwd ?? '/',
    isTTY: options.isTTY ?? false,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.stdin !== undefined ? { stdin: () => Promise.resolve(options.stdin as string) } : {}),
  };
  return { io, stdout: () => out, stderr: () => err };
}

/** Runs the CLI in process and returns the exit code and everything it printed. */
export async function runCli(argv: readonly string[], options: FakeIoOptions = {}): Promise<CliResult> {
  const f = fakeIo(options);
  const code = await run(argv, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

/** A line of a JavaScript stack trace. */
export const STACK_LINE: RegExp = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** ESC, the start of every ANSI sequence. */
export const ANSI: RegExp = new RegExp(`${String.fromCharCode(27)}\\[`);

/**
 * An expected failure: the exit code, nothing on stdout, and on stderr one line starting with
 * `claude-gateway` (`claude-gateway <command>: ` when a command is given), then at most a hint line,
 * and no stack.
 */
export function expectOneLineFailure(r: CliResult, exit: number, command?: string): { message: string; hint: string | undefined } {
  expect(r.code, r.stderr).toBe(exit);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines.length, r.stderr).toBeGreaterThanOrEqual(1);
  expect(lines.length, r.stderr).toBeLessThanOrEqual(2);
  const first = lines[0] ?? '';
  expect(first.startsWith(command ? `claude-gateway ${command}: ` : 'claude-gateway'), first).toBe(true);
  if (lines[1] !== undefined) expect(lines[1]).toMatch(/^\s+hint: \S/);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/);
  return { message: first, hint: lines[1] };
}

/** Parses stdout as JSON (the whole of it). */
export function jsonOut<T = unknown>(r: CliResult): T {
  expect(r.stdout.endsWith('\n')).toBe(true);
  return JSON.parse(r.stdout) as T;
}
