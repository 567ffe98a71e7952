/**
 * The in-namespace driver of one reload run (conformance/reload.ts): ONE `claude -p` process kept
 * alive with `--input-format stream-json`, two user messages, and between them a change to the
 * settings files. Set up like conformance/driver.ts (only `lo`, a tmpfs over /root, an overlay over
 * /etc with /etc/claude-code laid out in it); it refuses to run outside namespaces, since a change
 * may name /etc/claude-code.
 *
 * Usage: node --import tsx conformance/reload-driver.ts <reload-spec.json>
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGateway, type RecordedRequest } from './gateway';
import type { RunSpec } from './driver';
import { isolateNamespace } from './isolate';

/** One file change: write `text` at `path` (absolute, inside the namespace), or delete it when `text` is null. */
export interface FileChange {
  path: string;
  text: string | null;
}

/** What a run of conformance/driver.ts takes, less its mode and interactive steps, plus the changes between two turns. */
export interface ReloadSpec extends Pick<RunSpec, 'scratch' | 'executable' | 'args' | 'env' | 'cwd' | 'port' | 'timeoutSeconds' | 'etcClaudeCode'> {
  /** Applied after the first answer, before the second message. */
  changes: FileChange[];
  /** Milliseconds waited after the changes before the second message. */
  delayMs: number;
  resultPath: string;
}

export interface ReloadDriverResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
  /** Gateway time (ms) at which the changes were written and the second message sent. */
  changedAt: number | null;
  secondSentAt: number | null;
  /** How many requests the gateway had recorded when the changes were written / the second message sent. */
  requestsAtChange: number | null;
  requestsAtSecond: number | null;
  /** How many `result` lines Claude Code printed (2 when both turns finished). */
  results: number;
  maskedRootEntries: string[];
  interfaces: string[];
  /** What went wrong in the driver's own sequence (a turn that never finished, ...). */
  problems: string[];
}

function isolate(spec: ReloadSpec): string[] {
  return isolateNamespace('reload-driver', spec.scratch, spec.etcClaudeCode);
}

/** A change may only land in the scratch dir or in the overlay's /etc/claude-code. */
function checkChangePath(spec: ReloadSpec, path: string): void {
  const ok = (path.startsWith(`${spec.scratch}/`) || path.startsWith('/etc/claude-code/')) && !path.split('/').includes('..');
  if (!ok) throw new Error(`reload-driver: refusing to change ${path} (outside the scratch dir and /etc/claude-code)`);
}

/** A model request: Messages API, Bedrock invoke, Vertex rawPredict (not count_tokens, models, hello). */
export function isInference(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /\/v1\/messages$|\/invoke$|\/invoke-with-response-stream$|:(stream)?[rR]awPredict$/.test(path);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function userMessage(text: string): string {
  return `${JSON.stringify({ type: 'user', session_id: '', parent_tool_use_id: null, message: { role: 'user', content: text } })}\n`;
}

async function main(): Promise<void> {
  const specPath = process.argv[2];
  if (specPath === undefined) throw new Error('usage: reload-driver.ts <reload-spec.json>');
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as ReloadSpec;
  for (const c of spec.changes) checkChangePath(spec, c.path);
  const interfaces = isolate(spec);
  const gateway = await startGateway(spec.port);
  const started = Date.now();
  const problems: string[] = [];
  const child = spawn('/usr/bin/timeout', ['--kill-after=3', String(spec.timeoutSeconds), spec.executable, ...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let results = 0;
  let pending = '';
  child.stdout.on('data', (c: Buffer) => {
    out.push(c);
    pending += c.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      try {
        if ((JSON.parse(l) as { type?: unknown }).type === 'result') results++;
      } catch {
        // not a JSON line
      }
    }
  });
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.on('error', () => {});
  let exited = false;
  const closed = new Promise<[number | null, string | null]>((resolve) =>
    child.on('close', (code, sig) => {
      exited = true;
      resolve([code, sig]);
    }),
  );
  const inference = (): number => gateway.requests.filter((r) => isInference(r.url)).length;
  const waitFor = async (what: string, cond: () => boolean, ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    while (Date.now() < until && !exited) {
      if (cond()) return true;
      await sleep(100);
    }
    if (cond()) return true;
    problems.push(`timed out (or claude exited) waiting for ${what}`);
    return false;
  };
  const bound = (spec.timeoutSeconds * 1000) / 3;
  let changedAt: number | null = null;
  let secondSentAt: number | null = null;
  let requestsAtChange: number | null = null;
  let requestsAtSecond: number | null = null;
  child.stdin.write(userMessage('hi'));
  const first = await waitFor('the first result line', () => results >= 1, bound);
  if (first) {
    // Let anything trailing the first turn land before the change.
    await sleep(500);
    changedAt = Date.now() - started;
    requestsAtChange = gateway.requests.length;
    for (const c of spec.changes) {
      if (c.text === null) rmSync(c.path, { force: true });
      else {
        mkdirSync(dirname(c.path), { recursive: true });
        writeFileSync(c.path, c.text);
      }
    }
    await sleep(spec.delayMs);
    if (exited) problems.push('claude exited before the second message');
    secondSentAt = Date.now() - started;
    requestsAtSecond = gateway.requests.length;
    const before = inference();
    child.stdin.write(userMessage('hi again'));
    await waitFor('the second result line', () => results >= 2, bound);
    if (inference() <= before) problems.push('no inference request after the second message');
  }
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGTERM'), 5000);
  const [exitCode, signal] = await closed;
  clearTimeout(timer);
  await sleep(150);
  await gateway.close();
  const result: ReloadDriverResult = {
    exitCode,
    signal,
    timedOut: exitCode === 124 || exitCode === 137,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    requests: gateway.requests,
    changedAt,
    secondSentAt,
    requestsAtChange,
    requestsAtSecond,
    results,
    maskedRootEntries: readdirSync('/root'),
    interfaces,
    problems,
  };
  writeFileSync(spec.resultPath, JSON.stringify(result, null, 2) + '\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`reload-driver: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(70);
    },
  );
}
