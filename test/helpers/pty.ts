/**
 * A real pseudo-terminal for the CLI tests, through tmux (node-pty is not a dependency): the command
 * runs in a pane of a tmux server of its own (a private socket in a temp directory, killed by
 * `close()`), with exactly the environment and working directory the test gives. The test reads the
 * screen as a person would see it, and the raw byte stream the program wrote to the terminal (to
 * prove that something, such as a typed credential, was never echoed, not even briefly); it types
 * text, Enter and Ctrl-C, and waits for the exit code. Every wait is bounded and polls: no sleeps,
 * no timing assertions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a usable tmux is on PATH. */
export function tmuxAvailable(): boolean {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0 && /^tmux /.test(r.stdout);
}

export interface PtyOptions {
  /** The program's whole environment (nothing of the test process is inherited); TERM is added unless given. */
  env: Record<string, string>;
  cwd: string;
  /** @default 200 */
  columns?: number;
  /** @default 50 */
  rows?: number;
}

export interface Pty {
  /** The screen as it is now, scrollback included, wrapped lines joined, trailing blank lines dropped. */
  screen(): string;
  /** Everything the program has written to the terminal so far, escape sequences included. */
  output(): string;
  /**
   * Waits until the screen contains `text` (spaces at the end of its lines ignored, as the screen has
   * none) or matches the pattern, and returns the screen; throws with the screen after `timeoutMs`.
   */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Types `text` literally (no Enter). */
  type(text: string): void;
  /** Types `text`, then Enter. */
  answer(text: string): void;
  /** Sends tmux key names (`Enter`, `BSpace`, `Left`, `C-c`, `C-d`). */
  keys(...names: string[]): void;
  /** Ctrl-C, as the terminal sends it (SIGINT to the foreground process group). */
  interrupt(): void;
  /** Waits for the program to end and returns its exit code (all its output has reached `output()` by then). */
  exitCode(timeoutMs?: number): Promise<number>;
  /** The code, or undefined while the program runs. */
  exited(): number | undefined;
  /** Kills the tmux server (and the program if it still runs) and removes the temp directory. */
  close(): void;
}

const SESSION = 'pty';
/** Printed after the program ended, so that the raw log is known to be complete. */
const END = '[pty: program ended]';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function until<T>(what: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts `argv` (the program and its arguments) in a new pseudo-terminal. */
export function startPty(argv: readonly string[], options: PtyOptions): Pty {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cgc-pty-')));
  const socket = join(dir, 'tmux.sock');
  const log = join(dir, 'output.log');
  const exitFile = join(dir, 'exit');
  const script = join(dir, 'run.sh');
  const conf = join(dir, 'tmux.conf');
  // No status line (the pane is the whole window), the pane stays after the program ends (its last
  // screen can still be read), a long scrollback.
  writeFileSync(conf, 'set -g status off\nset -g remain-on-exit on\nset -g history-limit 10000\n');
  const env = { TERM: 'xterm-256color', ...options.env };
  // The program starts only once its output is being logged (`wait-for go`), in exactly `env`.
  writeFileSync(
    script,
    [
      `tmux -S ${quote(socket)} wait-for go`,
      `cd ${quote(options.cwd)} || exit 99`,
      `env -i ${Object.entries(env)
        .map(([k, v]) => quote(`${k}=${v}`))
        .join(' ')} ${argv.map(quote).join(' ')}`,
      `code=$?`,
      `printf '\\n%s\\n' ${quote(END)}`,
      `echo "EXIT:$code" > ${quote(exitFile)}.tmp && mv ${quote(exitFile)}.tmp ${quote(exitFile)}`,
      '',
    ].join('\n'),
  );
  // The tmux client and server: the test's PATH only, never a surrounding tmux session.
  const tmuxEnv = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', LC_ALL: 'C.UTF-8' };
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], { env: tmuxEnv, encoding: 'utf8', timeout: 10_000 });
  const killServer = (): void => {
    spawnSync('tmux', ['-S', socket, 'kill-server'], { env: tmuxEnv, timeout: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    tmux('-f', conf, 'new-session', '-d', '-s', SESSION, '-x', String(options.columns ?? 200), '-y', String(options.rows ?? 50), `/bin/sh ${quote(script)}`);
    tmux('pipe-pane', '-t', SESSION, `cat >> ${quote(log)}`);
    tmux('wait-for', '-S', 'go');
  } catch (e) {
    killServer();
    throw e;
  }

  let closed = false;
  const screen = (): string => {
    if (closed) throw new Error('the pseudo-terminal is closed');
    // Without the line tmux adds once the program has ended.
    return tmux('capture-pane', '-p', '-J', '-S', '-', '-t', SESSION)
      .replace(/^Pane is dead .*$/m, '')
      .replace(/\s+$/, '');
  };
  const output = (): string => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  const exited = (): number | undefined => {
    if (!existsSync(exitFile)) return undefined;
    const m = /^EXIT:(\d+)/.exec(readFileSync(exitFile, 'utf8'));
    return m ? Number(m[1]) : undefined;
  };
  // The screen keeps no spaces at the end of a line (a question's `: ` is `:` there), nor does `text`.
  const matches = (s: string, text: string | RegExp): boolean => (typeof text === 'string' ? s.includes(text.replace(/[ \t]+$/gm, '')) : text.test(s));
  return {
    screen,
    output,
    waitFor: (text, timeoutMs = 10_000) => {
      let last = '';
      return until(
        () => {
          last = screen();
          return matches(last, text) ? last : undefined;
        },
        timeoutMs,
        () =>
          `the screen did not show ${String(text)} within ${timeoutMs} ms${exited() !== undefined ? ` (the program ended, exit ${exited()})` : ''}; it shows:\n${last}`,
      );
    },
    type: (text) => {
      tmux('send-keys', '-t', SESSION, '-l', text);
    },
    answer: (text) => {
      if (text !== '') tmux('send-keys', '-t', SESSION, '-l', text);
      tmux('send-keys', '-t', SESSION, 'Enter');
    },
    keys: (...names) => {
      tmux('send-keys', '-t', SESSION, ...names);
    },
    interrupt: () => {
      tmux('send-keys', '-t', SESSION, 'C-c');
    },
    exitCode: async (timeoutMs = 10_000) => {
      const code = await until(exited, timeoutMs, () => `the program did not end within ${timeoutMs} ms; the screen shows:\n${screen()}`);
      await until(
        () => (output().includes(END) ? true : undefined),
        timeoutMs,
        () => 'the terminal output log did not reach the end of the program',
      );
      return code;
    },
    exited,
    close: () => {
      if (closed) return;
      closed = true;
      killServer();
    },
  };
}
