/**
 * The in-namespace driver of one run. Started by conformance/sandbox.ts, either inside
 * `unshare --mount --net --pid --fork --kill-child --mount-proc` (as root) or, where namespaces are
 * unavailable, directly with a scratch HOME only. In the namespaces it:
 *   - brings up loopback (the only interface; it refuses to run if any other exists),
 *   - mounts a tmpfs over /root (the real home can be neither read nor written),
 *   - mounts an overlay over /etc whose upper layer is a tmpfs, and lays out /etc/claude-code there,
 * then starts the recording gateway on 127.0.0.1, runs `claude` under `timeout` with stdin from
 * /dev/null and exactly the environment given, and writes everything to the result file.
 *
 * Usage: node --import tsx conformance/driver.ts <run-spec.json>
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { startGateway, type RecordedRequest } from './gateway';
import { isolateNamespace } from './isolate';
import { driveInteractive, type InteractiveResult, type InteractiveSpec } from './interactive';

export interface RunSpec {
  mode: 'namespaces' | 'scratch-home' | 'probe';
  scratch: string;
  executable: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  port: number;
  timeoutSeconds: number;
  /** A folder in the scratch dir copied to /etc/claude-code inside the overlay (namespaces only). */
  etcClaudeCode?: string;
  resultPath: string;
  /** Run the interactive program in a tmux pane and answer these steps (conformance/interactive.ts). */
  interactive?: InteractiveSpec;
}

export interface RunResult {
  mode: 'namespaces' | 'scratch-home';
  exitCode: number | null;
  signal: string | null;
  /** `timeout` ended it (exit 124 or 137). */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
  durationMs: number;
  /** What appeared under the masked /root during the run (should be nothing). */
  maskedRootEntries?: string[];
  /** The network interfaces seen inside (only `lo`). */
  interfaces?: string[];
  /** An interactive run: what each step saw. */
  interactive?: InteractiveResult;
}

function isolate(spec: RunSpec): string[] {
  return isolateNamespace('driver', spec.scratch, spec.etcClaudeCode);
}

async function main(): Promise<void> {
  const specPath = process.argv[2];
  if (specPath === undefined) throw new Error('usage: driver.ts <run-spec.json>');
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as RunSpec;
  if (spec.mode === 'probe') {
    isolate(spec);
    writeFileSync(spec.resultPath, JSON.stringify({ ok: true }) + '\n');
    return;
  }
  const interfaces = spec.mode === 'namespaces' ? isolate(spec) : undefined;
  if (spec.mode === 'scratch-home' && spec.etcClaudeCode !== undefined) throw new Error('driver: /etc/claude-code layouts need namespaces');
  const gateway = await startGateway(spec.port);
  const started = Date.now();
  if (spec.interactive !== undefined) {
    const r = await driveInteractive({
      scratch: spec.scratch,
      executable: spec.executable,
      args: spec.args,
      env: spec.env,
      cwd: spec.cwd,
      timeoutSeconds: spec.timeoutSeconds,
      interactive: spec.interactive,
      requests: gateway.requests,
    });
    await new Promise((res) => setTimeout(res, 150));
    await gateway.close();
    const result: RunResult = {
      mode: spec.mode,
      exitCode: r.exitCode,
      signal: null,
      timedOut: r.timedOut,
      stdout: r.finalScreen,
      stderr: '',
      requests: gateway.requests,
      durationMs: Date.now() - started,
      interactive: r,
    };
    if (spec.mode === 'namespaces') {
      result.maskedRootEntries = readdirSync('/root');
      if (interfaces) result.interfaces = interfaces;
    }
    writeFileSync(spec.resultPath, JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const child = spawn('/usr/bin/timeout', ['--kill-after=3', String(spec.timeoutSeconds), spec.executable, ...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  const durationMs = Date.now() - started;
  // Let a request still in flight land.
  await new Promise((r) => setTimeout(r, 150));
  await gateway.close();
  const result: RunResult = {
    mode: spec.mode,
    exitCode,
    signal,
    timedOut: exitCode === 124 || exitCode === 137,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    requests: gateway.requests,
    durationMs,
  };
  if (spec.mode === 'namespaces') {
    result.maskedRootEntries = readdirSync('/root');
    if (interfaces) result.interfaces = interfaces;
  }
  writeFileSync(spec.resultPath, JSON.stringify(result, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`driver: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(70);
  },
);
