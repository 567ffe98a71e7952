/**
 * Shared by test/reliability.test.ts, the writer tests of test/adversarial and test/stress, and their
 * child processes: the options every writer uses, the large settings file, the two values the crash
 * test toggles between, and the children themselves (started, read line by line, killed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WriteSettingsOptions } from '../../src/index';
import { childBundle, type ChildScript } from './child-bundles';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The variable the crash test toggles (a non-credential name: no git checks run). */
export const BIG_VAR = 'TEST_VAR_BIG';

/** A deterministic 100 KB value, different for `A` and `B` along its whole length. */
export function bigValue(which: 'A' | 'B', size = 100_000): string {
  const unit = which === 'A' ? 'alpha-0123456789-' : 'bravo-9876543210-';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * About 1 MB of realistic settings: a large env block, long permissions lists, hooks and plugins.
 * The env block holds `BIG_VAR` set to value A.
 */
export function largeSettings(): Record<string, unknown> {
  const env: Record<string, string> = { ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com', ANTHROPIC_MODEL: 'claude-sonnet-4-6' };
  for (let i = 0; i < 4000; i++) env[`TEST_VAR_${i}`] = `value-${i}-${'x'.repeat(i % 40)}`;
  env[BIG_VAR] = bigValue('A');
  const allow: string[] = [];
  const deny: string[] = [];
  for (let i = 0; i < 6000; i++) allow.push(`Bash(npm run script-${i}:*)`, `Read(./packages/pkg-${i}/**)`);
  for (let i = 0; i < 2000; i++) deny.push(`Read(./secrets/area-${i}/**)`, `WebFetch(domain:blocked-${i}.example.com)`);
  const hooks: Record<string, unknown> = {
    PreToolUse: Array.from({ length: 300 }, (_, i) => ({
      matcher: `Bash|Edit|Write-${i}`,
      hooks: [{ type: 'command', command: `/usr/local/bin/check-tool --rule ${i} --strict`, timeout: 30 }],
    })),
    PostToolUse: Array.from({ length: 300 }, (_, i) => ({ matcher: `Edit-${i}`, hooks: [{ type: 'command', command: `prettier --write "$FILE" # ${i}` }] })),
  };
  return {
    $schema: 'https://json.schemastore.org/claude-code-settings.json',
    model: 'sonnet',
    env,
    permissions: { allow, deny, defaultMode: 'acceptEdits' },
    hooks,
    enabledPlugins: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`plugin-${i}@marketplace`, i % 2 === 0])),
    includeCoAuthoredBy: false,
  };
}

/** The layout a test works in (all inside one temp directory). */
export interface Sandbox {
  root: string;
  file: string;
  backupDir: string;
}

export function sandbox(root: string, fileName = 'settings.json'): Sandbox {
  return { root, file: join(root, 'cfg', fileName), backupDir: join(root, 'backups') };
}

/** The writer's options: `--settings` file scope, explicit home, cwd, platform and env, backups in the sandbox. */
export function writerOptions(s: Sandbox, ops: WriteSettingsOptions['ops'], extra: Partial<WriteSettingsOptions> = {}): WriteSettingsOptions {
  return {
    scope: 'cli',
    settingsFile: s.file,
    homeDir: join(s.root, 'home'),
    cwd: join(s.root, 'work'),
    platform: 'linux',
    env: {},
    interactive: false,
    backupDir: s.backupDir,
    keepBackups: 3,
    ops,
    ...extra,
  };
}

/** A child process (test/helpers/writer-child.ts or foreign-writer.ts), its output line by line. */
export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** When each line arrived (performance.now()). */
  stamps: number[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (seen so far or to come) that matches. */
  waitFor: (match: (line: string) => boolean) => Promise<string>;
  send: (line: string) => void;
}

/**
 * Starts test/helpers/<script>.ts with `'<json>'` as its argument, from its bundle (test/global-setup.ts
 * writes it); `as` runs it as another user (when root).
 */
export function startChild(script: ChildScript, args: object, as?: { uid: number; gid: number }): Child {
  const proc = spawn(process.execPath, ['--enable-source-maps', childBundle(script), JSON.stringify(args)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(as ? { uid: as.uid, gid: as.gid, env: { ...process.env, HOME: '/nonexistent' } } : {}),
  });
  const lines: string[] = [];
  const stamps: number[] = [];
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let partial = '';
  let err = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      stamps.push(performance.now());
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => {
    err += chunk;
  });
  proc.stdin!.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    proc,
    lines,
    stamps,
    stderr: () => err,
    exited,
    waitFor: (match) => {
      const hit = lines.find(match);
      if (hit !== undefined) return Promise.resolve(hit);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(() =>
          setTimeout(() => reject(new Error(`${script} exited before the expected line; stdout:\n${lines.join('\n')}\nstderr:\n${err}`)), 50),
        );
      });
    },
    send: (line) => {
      proc.stdin!.write(`${line}\n`);
    },
  };
}

/** Parsed `done`/`error` lines of a writer child. */
export function outcomes(child: Child): { done: number[]; errors: { i: number; code: string; message: string }[] } {
  const done: number[] = [];
  const errors: { i: number; code: string; message: string }[] = [];
  for (const line of child.lines) {
    const d = /^done (\d+)/.exec(line);
    if (d) done.push(Number(d[1]));
    const e = /^error (\d+) (\S+) (.*)$/.exec(line);
    if (e) errors.push({ i: Number(e[1]), code: e[2]!, message: e[3]! });
  }
  return { done, errors };
}
