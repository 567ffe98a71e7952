/**
 * Driving the interactive `claude` (no `-p`) through a pseudo-terminal: a private tmux server in
 * the run's namespaces, beside the recording gateway. Called by conformance/driver.ts for a vector
 * with `layout.interactive` (see conformance/FORMAT.md, "Interactive vectors").
 *
 * Pitfalls: `claude` runs under `timeout --foreground` (plain
 * `timeout` takes it out of the terminal's foreground process group and it stops at its first read
 * of the terminal); the highlighted default of a menu differs between versions, so a `choose` step
 * moves the highlight to the wanted label and reads it back before pressing Enter.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRequest } from './gateway';

/** One step: wait for text on the screen, then answer. */
export interface InteractiveStep {
  /** A regular expression (case-insensitive) the screen must match before the step answers. */
  expect: string;
  /** tmux key names sent in order (`Enter`, `Down`, `Escape`, `C-c`, ...). */
  send?: string[];
  /** Literal text typed (before `send`). */
  text?: string;
  /** Move the menu highlight (`❯`) to the line holding this text, check it, then press Enter. */
  choose?: string;
  /** Skip this step when a later step's text or the ready input box shows first (a dialog that may or may not appear). */
  optional?: boolean;
  /** What the answer means, for the prediction. */
  answer?: 'trust-accept' | 'trust-exit' | 'api-key-approve' | 'api-key-reject';
}

export interface InteractiveSpec {
  steps?: InteractiveStep[];
  /** Typed once the input box is ready, after the steps; the run ends when its request arrived (or the bound). */
  prompt?: string;
}

/** What a step found. */
export interface InteractiveStepResult {
  expect: string;
  /** `seen`: its text showed and it answered; `skipped`: an optional step whose next step's text showed first; `missing`: neither before the bound. */
  outcome: 'seen' | 'skipped' | 'missing';
  /** The screen when it matched (trimmed, blank lines dropped). */
  screen: string;
  /** How many requests the gateway had received when the text showed (before the answer). */
  requestsBefore: number;
}

export interface InteractiveResult {
  steps: InteractiveStepResult[];
  /** Dialogs seen on any screen captured: `trust`, `api-key`. */
  dialogs: string[];
  /** Whether the prompt was typed, and how many requests had arrived before it. */
  prompt?: { typed: boolean; requestsBefore: number };
  /** The last screen. */
  finalScreen: string;
  /** The exit status when the program ended by itself (`null`: ended by the harness, the time bound or a signal). */
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal?: number;
  timedOut: boolean;
  /**
   * What the answers saved in `~/.claude.json` (filled in by conformance/compare.ts from the file
   * Claude Code left): each `projects` entry's `hasTrustDialogAccepted`, and `customApiKeyResponses`.
   */
  saved?: { trust: Record<string, unknown>; customApiKeyResponses?: unknown };
  /** Every distinct screen captured, with the number of requests received by then (debugging; not kept in vectors). */
  trace?: { requests: number; screen: string }[];
}

/** Screens that name a dialog (both recorded versions word them so). */
export const DIALOG_PATTERNS: Readonly<Record<string, RegExp>> = {
  trust: /trust (?:this|the files in this) folder|Do you trust/i,
  'api-key': /Detected a custom API key|use this API key/i,
};

/** The input box is ready for a prompt: an empty `❯` line between two rules (both recorded versions). */
const READY = /─{10,}\n❯\s*\n─{10,}/;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function clean(screen: string): string {
  return screen
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '')
    .join('\n')
    .slice(0, 3000);
}

export interface InteractiveRunInput {
  scratch: string;
  executable: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutSeconds: number;
  interactive: InteractiveSpec;
  /** The gateway's requests, read live. */
  requests: RecordedRequest[];
}

/** Runs `claude` in a tmux pane, answers the steps, types the prompt, and reports what it saw. The tmux server is always ended. */
export async function driveInteractive(input: InteractiveRunInput): Promise<InteractiveResult> {
  const sock = join(input.scratch, 'tmux.sock');
  try {
    return await drive(input, sock);
  } finally {
    try {
      execFileSync('/usr/bin/tmux', ['-S', sock, 'kill-server'], { stdio: 'ignore', env: { PATH: '/usr/bin:/bin' } });
    } catch {
      // already gone
    }
  }
}

async function drive(input: InteractiveRunInput, sock: string): Promise<InteractiveResult> {
  const conf = join(input.scratch, 'tmux.conf');
  writeFileSync(conf, 'set -g remain-on-exit on\nset -g history-limit 2000\nset -g default-terminal xterm-256color\n');
  const tmuxEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: input.env['HOME'] ?? '/nonexistent', LANG: 'C.UTF-8', TERM: 'xterm-256color' };
  const tmux = (...a: string[]): string =>
    execFileSync('/usr/bin/tmux', ['-S', sock, '-f', conf, ...a], { env: tmuxEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // The program gets exactly the run's environment (env -i), a terminal type, and no TMUX variables.
  const envArgs = Object.entries({ ...input.env, TERM: 'xterm-256color' }).map(([k, v]) => `${k}=${v}`);
  const command = [
    '/usr/bin/env',
    '-i',
    ...envArgs,
    '/usr/bin/timeout',
    '--foreground',
    '--kill-after=3',
    String(input.timeoutSeconds),
    input.executable,
    ...input.args,
  ];
  tmux('new-session', '-d', '-x', '200', '-y', '50', '-s', 'cc', '-c', input.cwd, '--', ...command);
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  const dialogs = new Set<string>();
  let last = '';
  const trace: { requests: number; screen: string }[] = [];
  const capture = (): string => {
    try {
      last = tmux('capture-pane', '-p', '-t', 'cc');
    } catch {
      // the server is gone
    }
    for (const [name, re] of Object.entries(DIALOG_PATTERNS)) if (re.test(last)) dialogs.add(name);
    const c = clean(last);
    if (trace.length < 40 && trace[trace.length - 1]?.screen !== c) trace.push({ requests: input.requests.length, screen: c });
    return last;
  };
  const dead = (): boolean => {
    try {
      return tmux('display-message', '-p', '-t', 'cc', '#{pane_dead}').trim() === '1';
    } catch {
      return true;
    }
  };
  const steps: InteractiveStepResult[] = [];
  const list = input.interactive.steps ?? [];
  for (let i = 0; i < list.length; i++) {
    const step = list[i] as InteractiveStep;
    const re = new RegExp(step.expect, 'i');
    // An optional step is skipped when a later step's text, or (with a prompt) the ready input box, shows first.
    const later = list.slice(i + 1).map((s) => new RegExp(s.expect, 'i'));
    const skipIf = (screen: string): boolean => later.some((r) => r.test(screen)) || (input.interactive.prompt !== undefined && READY.test(clean(screen)));
    let outcome: InteractiveStepResult['outcome'] = 'missing';
    while (Date.now() < deadline) {
      const screen = capture();
      if (re.test(screen)) {
        outcome = 'seen';
        break;
      }
      if (step.optional === true && skipIf(screen)) {
        outcome = 'skipped';
        break;
      }
      if (dead()) {
        capture();
        break;
      }
      await sleep(200);
    }
    steps.push({ expect: step.expect, outcome, screen: clean(last), requestsBefore: input.requests.length });
    if (outcome === 'missing') break;
    if (outcome === 'skipped') continue;
    // Let the dialog finish drawing before answering.
    await sleep(400);
    if (step.text !== undefined) tmux('send-keys', '-t', 'cc', '-l', step.text);
    if (step.choose !== undefined) await choose(step.choose, capture, (k) => tmux('send-keys', '-t', 'cc', k));
    for (const k of step.send ?? []) {
      tmux('send-keys', '-t', 'cc', k);
      await sleep(150);
    }
    await sleep(500);
  }
  let prompt: InteractiveResult['prompt'];
  if (input.interactive.prompt !== undefined && steps.every((s) => s.outcome !== 'missing')) {
    prompt = { typed: false, requestsBefore: input.requests.length };
    while (Date.now() < deadline && !dead()) {
      if (READY.test(clean(capture())) && !Object.values(DIALOG_PATTERNS).some((r) => r.test(last))) {
        await sleep(500);
        prompt = { typed: true, requestsBefore: input.requests.length };
        tmux('send-keys', '-t', 'cc', '-l', input.interactive.prompt);
        await sleep(300);
        tmux('send-keys', '-t', 'cc', 'Enter');
        break;
      }
      await sleep(200);
    }
    if (prompt.typed) {
      const before = prompt.requestsBefore;
      const text = input.interactive.prompt;
      // At most 10 s for the prompt's request: a session without a credential answers "Not logged in" and sends nothing.
      const until = Math.min(deadline, Date.now() + 10_000);
      while (Date.now() < until && !dead()) {
        capture();
        if (input.requests.slice(before).some((r) => r.method === 'POST' && r.body.includes(text))) break;
        await sleep(200);
      }
      // Let the answer land and anything sent right after it arrive.
      await sleep(1500);
    }
  } else {
    // No prompt: watch until the program ends or the bound.
    while (Date.now() < deadline && !dead()) await sleep(200);
  }
  capture();
  let exitCode: number | null = null;
  let signal: number | undefined;
  const wasDead = dead();
  // The status can lag the dead flag: read it for up to 2 s.
  for (let n = 0; wasDead && exitCode === null && n < 10; n++) {
    try {
      const [st = '', sig = ''] = tmux('display-message', '-p', '-t', 'cc', '#{pane_dead_status} #{pane_dead_signal}').trim().split(' ');
      if (st !== '') exitCode = Number(st);
      else if (sig !== '') signal = Number(sig);
      if (signal !== undefined) break;
    } catch {
      break;
    }
    if (exitCode === null) await sleep(200);
  }
  const timedOut = !wasDead ? Date.now() >= deadline : exitCode === 124 || exitCode === 137;
  const out: InteractiveResult = { steps, dialogs: [...dialogs].sort(), finalScreen: clean(last), exitCode: timedOut ? null : exitCode, timedOut, trace };
  if (prompt !== undefined) out.prompt = prompt;
  if (signal !== undefined) out.signal = signal;
  return out;
}

/** Moves the highlight (`❯`) to the line holding `label`, reads it back, presses Enter. */
async function choose(label: string, capture: () => string, key: (k: string) => void): Promise<void> {
  const highlighted = (): string =>
    capture()
      .split('\n')
      .find((l) => l.includes('❯')) ?? '';
  for (const dir of ['Up', 'Down']) {
    for (let n = 0; n < 8; n++) {
      if (highlighted().includes(label)) {
        key('Enter');
        return;
      }
      key(dir);
      await sleep(200);
    }
  }
  throw new Error(`interactive: no menu line holding ${JSON.stringify(label)} could be highlighted`);
}
