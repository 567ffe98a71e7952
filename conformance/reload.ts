/**
 * Which settings changes a RUNNING Claude Code picks up, asked of the real binary.
 *
 * Each case is one fresh run in namespaces (conformance/reload-driver.ts): ONE `claude -p
 * --input-format stream-json` process, a first user message, then a change to a settings file
 * (user, project, local, managed, a managed drop-in), a wait, a second user message. The request
 * of each turn, as the recording gateway saw it, shows whether the change was picked up: the path
 * prefix shows the base URL, the auth headers the credential, `x-reload` the custom headers, a
 * Bedrock path the provider.
 *
 *   node --import tsx conformance/reload.ts [--version 2.1.332] [--case <id|glob>]... [--delay 3000] [--jobs 2] [--timeout 60] [--keep]
 *
 * Every case with a change is also run cold (the changed files in place from the start): live
 * request 2 is compared with that restart's first request (yes / no / partial).
 *
 * Writes conformance/results/reload-<version>.{json,md}; a non-default --delay adds -delay<ms>,
 * --case adds -some. The committed reload-2.1.332.md has a hand-added timing section (the
 * --delay sweep) that a rerun does not write.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RecordedRequest } from './gateway';
import { cachedClaude, REPO_ROOT, type InstalledClaude } from './install';
import { isInference, type FileChange, type ReloadDriverResult, type ReloadSpec } from './reload-driver';
import { checkHost, detectMode, scratchPaths } from './sandbox';
import { HARNESS_ENV, matchesId } from './vector';

const PORT = 47800;
const GW = `http://127.0.0.1:${PORT}`;
const DRIVER = join(REPO_ROOT, 'conformance', 'reload-driver.ts');
const UNSHARE = ['--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private'];

type Where = 'user' | 'project' | 'local' | 'managed' | `dropin:${string}`;
type Settings = Record<string, unknown>;

/** What request 2 carries when the change was picked up (`null`: the header is absent). */
interface Expect {
  path?: string;
  authorization?: string | null;
  'x-api-key'?: string | null;
  'x-reload'?: string | null;
}

interface Case {
  id: string;
  description: string;
  /** Extra shell variables. */
  env?: Record<string, string>;
  /** Files at the start. */
  start: Partial<Record<Where, Settings>>;
  /** Files changed between the turns (`null` deletes). */
  change: Partial<Record<Where, Settings | null>>;
  /** Request 2 if the change was picked up live. */
  expect: Expect;
}

const USER0 = { ANTHROPIC_BASE_URL: `${GW}/user`, ANTHROPIC_AUTH_TOKEN: 'tok-one', ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: one' };
const userEnv = (env: Record<string, string>): Settings => ({ env });

export const CASES: Case[] = [
  {
    id: 'control-no-change',
    description: 'Control: user settings rewritten with the same content; request 2 should equal request 1.',
    start: { user: userEnv(USER0) },
    change: { user: userEnv(USER0) },
    expect: {},
  },
  {
    id: 'user-custom-headers-change',
    description: 'User settings env: ANTHROPIC_CUSTOM_HEADERS "X-Reload: one" -> "X-Reload: two".',
    start: { user: userEnv(USER0) },
    change: { user: userEnv({ ...USER0, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: two' }) },
    expect: { 'x-reload': 'two' },
  },
  {
    id: 'user-auth-token-change',
    description: 'User settings env: ANTHROPIC_AUTH_TOKEN tok-one -> tok-two.',
    start: { user: userEnv(USER0) },
    change: { user: userEnv({ ...USER0, ANTHROPIC_AUTH_TOKEN: 'tok-two' }) },
    expect: { authorization: 'Bearer tok-two' },
  },
  {
    id: 'user-base-url-change',
    description: 'User settings env: ANTHROPIC_BASE_URL <gw>/user -> <gw>/second.',
    start: { user: userEnv(USER0) },
    change: { user: userEnv({ ...USER0, ANTHROPIC_BASE_URL: `${GW}/second` }) },
    expect: { path: '/second/v1/messages' },
  },
  {
    id: 'user-custom-headers-remove',
    description: 'User settings env: ANTHROPIC_CUSTOM_HEADERS removed from the file.',
    start: { user: userEnv(USER0) },
    change: { user: userEnv({ ANTHROPIC_BASE_URL: USER0.ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN: USER0.ANTHROPIC_AUTH_TOKEN }) },
    expect: { 'x-reload': null },
  },
  {
    id: 'user-helper-change-ttl1s',
    description: 'User settings apiKeyHelper "echo key-one" -> "echo key-two", shell CLAUDE_CODE_API_KEY_HELPER_TTL_MS=1000.',
    env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '1000' },
    start: { user: { apiKeyHelper: 'echo key-one', env: { ANTHROPIC_BASE_URL: `${GW}/user` } } },
    change: { user: { apiKeyHelper: 'echo key-two', env: { ANTHROPIC_BASE_URL: `${GW}/user` } } },
    expect: { 'x-api-key': 'key-two' },
  },
  {
    id: 'user-helper-change-default-ttl',
    description: 'User settings apiKeyHelper "echo key-one" -> "echo key-two", default helper TTL.',
    start: { user: { apiKeyHelper: 'echo key-one', env: { ANTHROPIC_BASE_URL: `${GW}/user` } } },
    change: { user: { apiKeyHelper: 'echo key-two', env: { ANTHROPIC_BASE_URL: `${GW}/user` } } },
    expect: { 'x-api-key': 'key-two' },
  },
  {
    id: 'user-helper-added',
    description: 'User settings: apiKeyHelper "echo key-two" added beside ANTHROPIC_AUTH_TOKEN (default TTL).',
    start: { user: userEnv(USER0) },
    change: { user: { ...userEnv(USER0), apiKeyHelper: 'echo key-two' } },
    expect: { 'x-api-key': 'key-two' },
  },
  {
    id: 'user-helper-added-ttl1s',
    description: 'User settings: apiKeyHelper "echo key-two" added beside ANTHROPIC_AUTH_TOKEN, shell CLAUDE_CODE_API_KEY_HELPER_TTL_MS=1000.',
    env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '1000' },
    start: { user: userEnv(USER0) },
    change: { user: { ...userEnv(USER0), apiKeyHelper: 'echo key-two' } },
    expect: { 'x-api-key': 'key-two' },
  },
  {
    id: 'user-base-url-remove',
    description: 'User settings env: ANTHROPIC_BASE_URL removed from the file (the shell has <gw>/shell).',
    start: { user: userEnv(USER0) },
    change: { user: userEnv({ ANTHROPIC_AUTH_TOKEN: USER0.ANTHROPIC_AUTH_TOKEN, ANTHROPIC_CUSTOM_HEADERS: USER0.ANTHROPIC_CUSTOM_HEADERS }) },
    expect: { path: '/shell/v1/messages' },
  },
  {
    id: 'project-file-deleted',
    description: 'Project .claude/settings.json (base URL <gw>/project, X-Reload project-one) deleted between the turns.',
    start: { user: userEnv(USER0), project: userEnv({ ANTHROPIC_BASE_URL: `${GW}/project`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: project-one' }) },
    change: { project: null },
    expect: { path: '/user/v1/messages', 'x-reload': 'one' },
  },
  {
    id: 'project-env-change',
    description: 'Project .claude/settings.json env: base URL <gw>/project -> <gw>/project2 and X-Reload project-one -> project-two.',
    start: { user: userEnv(USER0), project: userEnv({ ANTHROPIC_BASE_URL: `${GW}/project`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: project-one' }) },
    change: { project: userEnv({ ANTHROPIC_BASE_URL: `${GW}/project2`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: project-two' }) },
    expect: { path: '/project2/v1/messages', 'x-reload': 'project-two' },
  },
  {
    id: 'local-env-change',
    description: 'Project .claude/settings.local.json env: base URL <gw>/local -> <gw>/local2 and X-Reload local-one -> local-two.',
    start: { user: userEnv(USER0), local: userEnv({ ANTHROPIC_BASE_URL: `${GW}/local`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: local-one' }) },
    change: { local: userEnv({ ANTHROPIC_BASE_URL: `${GW}/local2`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: local-two' }) },
    expect: { path: '/local2/v1/messages', 'x-reload': 'local-two' },
  },
  {
    id: 'local-created',
    description: 'No settings.local.json at the start; created between the turns with base URL <gw>/local and X-Reload local.',
    start: { user: userEnv(USER0) },
    change: { local: userEnv({ ANTHROPIC_BASE_URL: `${GW}/local`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: local' }) },
    expect: { path: '/local/v1/messages', 'x-reload': 'local' },
  },
  {
    id: 'managed-env-change',
    description: '/etc/claude-code/managed-settings.json env: base URL <gw>/managed -> <gw>/managed2 and X-Reload managed-one -> managed-two.',
    start: { user: userEnv(USER0), managed: userEnv({ ANTHROPIC_BASE_URL: `${GW}/managed`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: managed-one' }) },
    change: { managed: userEnv({ ANTHROPIC_BASE_URL: `${GW}/managed2`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: managed-two' }) },
    expect: { path: '/managed2/v1/messages', 'x-reload': 'managed-two' },
  },
  {
    id: 'managed-dropin-created',
    description:
      'A new /etc/claude-code/managed-settings.d/50-new.json (the folder exists with 10-base.json = {}) with base URL <gw>/dropin and X-Reload dropin.',
    start: { user: userEnv(USER0), managed: {}, 'dropin:10-base.json': {} },
    change: { 'dropin:50-new.json': userEnv({ ANTHROPIC_BASE_URL: `${GW}/dropin`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: dropin' }) },
    expect: { path: '/dropin/v1/messages', 'x-reload': 'dropin' },
  },
  {
    id: 'managed-dropin-dir-created',
    description:
      'managed-settings.json = {} at the start and no managed-settings.d/; the folder and 50-new.json (base URL <gw>/dropin, X-Reload dropin) created.',
    start: { user: userEnv(USER0), managed: {} },
    change: { 'dropin:50-new.json': userEnv({ ANTHROPIC_BASE_URL: `${GW}/dropin`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: dropin' }) },
    expect: { path: '/dropin/v1/messages', 'x-reload': 'dropin' },
  },
  {
    id: 'managed-dropin-change',
    description: 'An existing /etc/claude-code/managed-settings.d/50-a.json edited: base URL <gw>/dropin -> <gw>/dropin2, X-Reload dropin-one -> dropin-two.',
    start: { user: userEnv(USER0), 'dropin:50-a.json': userEnv({ ANTHROPIC_BASE_URL: `${GW}/dropin`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: dropin-one' }) },
    change: { 'dropin:50-a.json': userEnv({ ANTHROPIC_BASE_URL: `${GW}/dropin2`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: dropin-two' }) },
    expect: { path: '/dropin2/v1/messages', 'x-reload': 'dropin-two' },
  },
  {
    id: 'user-bedrock-switch',
    description:
      'User settings env: CLAUDE_CODE_USE_BEDROCK=1, ANTHROPIC_BEDROCK_BASE_URL=<gw>/bedrock, CLAUDE_CODE_SKIP_BEDROCK_AUTH=1, AWS_REGION=us-east-1 added.',
    start: { user: userEnv(USER0) },
    change: {
      user: userEnv({
        ...USER0,
        CLAUDE_CODE_USE_BEDROCK: '1',
        ANTHROPIC_BEDROCK_BASE_URL: `${GW}/bedrock`,
        CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
        AWS_REGION: 'us-east-1',
      }),
    },
    expect: { path: '/bedrock/model/' },
  },
  {
    id: 'user-vertex-switch',
    description:
      'User settings env: CLAUDE_CODE_USE_VERTEX=1, ANTHROPIC_VERTEX_BASE_URL=<gw>/vertex, CLAUDE_CODE_SKIP_VERTEX_AUTH=1, ANTHROPIC_VERTEX_PROJECT_ID, CLOUD_ML_REGION added.',
    start: { user: userEnv(USER0) },
    change: {
      user: userEnv({
        ...USER0,
        CLAUDE_CODE_USE_VERTEX: '1',
        ANTHROPIC_VERTEX_BASE_URL: `${GW}/vertex`,
        CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
        ANTHROPIC_VERTEX_PROJECT_ID: 'conformance-project',
        CLOUD_ML_REGION: 'us-east5',
      }),
    },
    expect: { path: '/vertex/' },
  },
];

interface RequestSummary {
  index: number;
  method: string;
  path: string;
  authorization?: string;
  'x-api-key'?: string;
  'x-reload'?: string;
  model?: string;
}

type Verdict = 'yes' | 'no' | 'partial' | 'unchanged-as-expected' | 'inconclusive';

interface CaseResult {
  id: string;
  description: string;
  version: string;
  delayMs: number;
  verdict: Verdict;
  evidence: string[];
  request1?: RequestSummary;
  request2?: RequestSummary;
  /** The first model request of the run (the restart reference uses it). */
  firstRequest?: RequestSummary;
  /** A fresh process started with the changed files (no change during the run): its first request. */
  restart?: RequestSummary;
  /** Whether live request 2 equals the restart's request on path, authorization, x-api-key and x-reload. */
  liveEqualsRestart?: boolean;
  /** Every request, in order, with where the change and the second message fell. */
  requests: RequestSummary[];
  requestsAtChange: number | null;
  requestsAtSecond: number | null;
  exitCode: number | null;
  results: number;
  problems: string[];
  stderr: string;
  durationMs: number;
}

function summary(r: RecordedRequest, index: number): RequestSummary {
  const s: RequestSummary = { index, method: r.method, path: r.url };
  for (const h of ['authorization', 'x-api-key', 'x-reload'] as const) {
    const v = r.headers[h];
    if (v !== undefined) s[h] = v;
  }
  try {
    const m = (JSON.parse(r.body) as { model?: unknown }).model;
    if (typeof m === 'string') s.model = m;
  } catch {
    // not JSON
  }
  return s;
}

function fieldOf(s: RequestSummary, k: keyof Expect): string | null {
  if (k === 'path') return s.path;
  return s[k] ?? null;
}

const COMPARED = ['path', 'authorization', 'x-api-key', 'x-reload'] as const;

/** The compared fields of a request, the path without its query (Bedrock's stream/invoke fallback aside). */
function shape(s: RequestSummary): string {
  return JSON.stringify(COMPARED.map((k) => (k === 'path' ? (fieldOf(s, k) ?? '').split('?')[0] : fieldOf(s, k))));
}

function judge(c: Case, r1: RequestSummary | undefined, r2: RequestSummary | undefined): { verdict: Verdict; evidence: string[] } {
  if (r1 === undefined || r2 === undefined) return { verdict: 'inconclusive', evidence: [`request ${r1 === undefined ? 1 : 2} missing`] };
  const evidence: string[] = [];
  const keys = Object.keys(c.expect) as (keyof Expect)[];
  if (keys.length === 0) {
    const same = COMPARED.every((k) => fieldOf(r1, k) === fieldOf(r2, k));
    evidence.push(`request 1 ${JSON.stringify(r1)}`, `request 2 ${JSON.stringify(r2)}`);
    return { verdict: same ? 'unchanged-as-expected' : 'inconclusive', evidence };
  }
  let hits = 0;
  for (const k of keys) {
    const want = c.expect[k] ?? null;
    const got1 = fieldOf(r1, k);
    const got2 = fieldOf(r2, k);
    const ok = k === 'path' ? (got2 ?? '').startsWith(want ?? '') : got2 === want;
    if (ok) hits++;
    evidence.push(`${k}: request 1 ${JSON.stringify(got1)}, request 2 ${JSON.stringify(got2)} (picked up: ${JSON.stringify(want)}${k === 'path' ? '…' : ''})`);
  }
  return { verdict: hits === keys.length ? 'yes' : hits === 0 ? 'no' : 'partial', evidence };
}

function execFileP(cmd: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, maxBuffer: 64 * 1024 * 1024, cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

const text = (s: Settings): string => `${JSON.stringify(s, null, 2)}\n`;

/** The case as a cold start: the changed files in place from the start, nothing changed during the run. */
function restartCase(c: Case): Case {
  const start: Partial<Record<Where, Settings>> = { ...c.start };
  for (const [w, s] of Object.entries(c.change) as [Where, Settings | null][]) {
    if (s === null) delete start[w];
    else start[w] = s;
  }
  return { ...c, id: `${c.id}-restart`, start, change: {} };
}

async function runCase(c: Case, claude: InstalledClaude, delayMs: number, timeoutSeconds: number, keep: boolean): Promise<CaseResult> {
  checkHost('before', 'namespaces');
  const scratch = mkdtempSync(join(tmpdir(), `cgc-reload-${c.id.slice(0, 40)}-`));
  const { home, project } = scratchPaths(scratch);
  const t = Date.now();
  try {
    mkdirSync(project, { recursive: true });
    const etc = join(scratch, 'etc-claude-code');
    // Host-side paths for the start; namespace-side paths (the same, except /etc/claude-code) for the change.
    const hostPath = (w: Where): string =>
      w === 'user'
        ? join(home, '.claude', 'settings.json')
        : w === 'project'
          ? join(project, '.claude', 'settings.json')
          : w === 'local'
            ? join(project, '.claude', 'settings.local.json')
            : w === 'managed'
              ? join(etc, 'managed-settings.json')
              : join(etc, 'managed-settings.d', w.slice('dropin:'.length));
    const nsPath = (w: Where): string =>
      w === 'managed' ? '/etc/claude-code/managed-settings.json' : w.startsWith('dropin:') ? `/etc/claude-code/managed-settings.d/${w.slice(7)}` : hostPath(w);
    for (const [w, s] of Object.entries(c.start) as [Where, Settings][]) {
      mkdirSync(dirname(hostPath(w)), { recursive: true });
      writeFileSync(hostPath(w), text(s));
    }
    const changes: FileChange[] = (Object.entries(c.change) as [Where, Settings | null][]).map(([w, s]) => ({
      path: nsPath(w),
      text: s === null ? null : text(s),
    }));
    const spec: ReloadSpec = {
      scratch,
      executable: claude.executable,
      args: ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'],
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: home,
        TERM: 'dumb',
        LANG: 'C.UTF-8',
        ...HARNESS_ENV,
        ANTHROPIC_BASE_URL: `${GW}/shell`,
        ...(c.env ?? {}),
      },
      cwd: project,
      port: PORT,
      timeoutSeconds,
      changes,
      delayMs,
      resultPath: join(scratch, 'result.json'),
      ...(existsSync(etc) ? { etcClaudeCode: etc } : {}),
    };
    writeFileSync(join(scratch, 'run.json'), JSON.stringify(spec, null, 2));
    const rootless = process.getuid?.() !== 0 ? ['--map-root-user'] : [];
    const ran = await execFileP(
      '/usr/bin/unshare',
      [...rootless, ...UNSHARE, process.execPath, '--import', 'tsx', DRIVER, join(scratch, 'run.json')],
      (timeoutSeconds + 30) * 1000,
    );
    checkHost('after', 'namespaces');
    if (!existsSync(spec.resultPath)) throw new Error(`${c.id}: the driver wrote no result (exit ${ran.code}): ${ran.stderr.slice(0, 2000)}`);
    const r = JSON.parse(readFileSync(spec.resultPath, 'utf8')) as ReloadDriverResult;
    if (r.maskedRootEntries.length > 0) process.stderr.write(`note: ${c.id}: claude wrote under the masked /root: ${r.maskedRootEntries.join(', ')}\n`);
    const all = r.requests.map(summary);
    const atChange = r.requestsAtChange ?? all.length;
    const atSecond = r.requestsAtSecond ?? all.length;
    const request1 = all.filter((s) => s.index < atChange && isInference(s.path)).at(-1);
    const request2 = all.find((s) => s.index >= atSecond && isInference(s.path));
    const firstRequest = all.find((s) => isInference(s.path));
    const { verdict, evidence } = judge(c, request1, request2);
    const between = all.filter((s) => s.index >= atChange && s.index < atSecond);
    if (between.length > 0) evidence.push(`between the change and message 2: ${between.map((s) => `${s.method} ${s.path}`).join(', ')}`);
    return {
      id: c.id,
      description: c.description,
      version: claude.version,
      delayMs,
      verdict,
      evidence,
      ...(request1 ? { request1 } : {}),
      ...(request2 ? { request2 } : {}),
      ...(firstRequest ? { firstRequest } : {}),
      requests: all,
      requestsAtChange: r.requestsAtChange,
      requestsAtSecond: r.requestsAtSecond,
      exitCode: r.exitCode,
      results: r.results,
      problems: r.problems,
      stderr: r.stderr.slice(0, 4000),
      durationMs: Date.now() - t,
    };
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
    else process.stderr.write(`kept ${scratch}\n`);
  }
}

interface Args {
  version: string;
  patterns: string[];
  delayMs: number;
  jobs: number;
  timeout: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { version: '2.1.332', patterns: [], delayMs: 3000, jobs: 2, timeout: 60, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--version') a.version = value();
    else if (flag === '--case') a.patterns.push(...value().split(','));
    else if (flag === '--delay') a.delayMs = Number(value());
    else if (flag === '--jobs') a.jobs = Math.min(2, Math.max(1, Number(value())));
    else if (flag === '--timeout') a.timeout = Number(value());
    else if (flag === '--keep') a.keep = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  return a;
}

function markdown(results: CaseResult[], a: Args, seconds: number): string {
  const lines = [
    `# Live reload: Claude Code ${a.version} (delay ${a.delayMs} ms after the change, ${seconds.toFixed(1)} s)`,
    '',
    'One `claude -p --input-format stream-json` process per case; a settings file changed between two user messages.',
    'Generated by `node --import tsx conformance/reload.ts`.',
    '',
    '| case | picked up live | evidence |',
    '|---|---|---|',
  ];
  for (const r of results) {
    const ev = [...r.evidence, ...r.problems.map((p) => `problem: ${p}`)].join('<br>').replace(/\|/g, '\\|');
    lines.push(`| ${r.id} | ${r.verdict} | ${ev} |`);
  }
  lines.push('', '## Cases', '');
  for (const r of results) lines.push(`- **${r.id}**: ${r.description}`);
  return lines.join('\n') + '\n';
}

async function pool<T>(items: T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  const claude = cachedClaude(a.version);
  if (claude === undefined) throw new Error(`Claude Code ${a.version} is not in .cache/claude-code (run conformance/install.ts ${a.version})`);
  if ((await detectMode()) !== 'namespaces') throw new Error('reload runs need Linux namespaces (they change /etc/claude-code inside an overlay)');
  const cases = a.patterns.length === 0 ? CASES : CASES.filter((c) => a.patterns.some((p) => matchesId(c.id, p)));
  if (cases.length === 0) throw new Error(`no case matches ${a.patterns.join(', ')}`);
  const started = Date.now();
  const results: CaseResult[] = [];
  let errors = 0;
  await pool(cases, a.jobs, async (c) => {
    try {
      const r = await runCase(c, claude, a.delayMs, a.timeout, a.keep);
      if (Object.keys(c.change).length > 0 && Object.keys(c.expect).length > 0) {
        const cold = await runCase(restartCase(c), claude, 0, a.timeout, a.keep);
        const ref = cold.firstRequest;
        if (ref !== undefined) {
          r.restart = ref;
          r.liveEqualsRestart = r.request2 !== undefined && shape(r.request2) === shape(ref);
          r.evidence.push(`after a restart: ${JSON.stringify(ref)}; live request 2 ${r.liveEqualsRestart ? 'equals' : 'DIFFERS FROM'} it`);
          // The restart is the reference: the expectation met but not the restart's request is partial.
          const restartMeetsExpect = judge(c, ref, ref).verdict === 'yes';
          if (!restartMeetsExpect) r.evidence.push('(the restart does not look like the expectation either: the verdict compares with the restart)');
          if (!restartMeetsExpect) r.verdict = r.liveEqualsRestart ? 'yes' : 'no';
          else if (r.verdict === 'yes' && !r.liveEqualsRestart) r.verdict = 'partial';
        } else r.evidence.push(`restart run: no request (${cold.problems.join('; ')})`);
      }
      results.push(r);
      process.stderr.write(
        `${r.id}: ${r.verdict}${r.liveEqualsRestart === false ? ' (live != restart)' : ''} (${(r.durationMs / 1000).toFixed(1)} s)${r.problems.length > 0 ? ` problems: ${r.problems.join('; ')}` : ''}\n`,
      );
    } catch (e) {
      errors++;
      process.stderr.write(`${c.id}: error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
  results.sort((x, y) => cases.findIndex((c) => c.id === x.id) - cases.findIndex((c) => c.id === y.id));
  const seconds = (Date.now() - started) / 1000;
  const md = markdown(results, a, seconds);
  process.stdout.write(md);
  const dir = join(REPO_ROOT, 'conformance', 'results');
  mkdirSync(dir, { recursive: true });
  const name = `reload-${a.version}${a.delayMs !== 3000 ? `-delay${a.delayMs}` : ''}${a.patterns.length > 0 ? '-some' : ''}`;
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ version: a.version, delayMs: a.delayMs, seconds, results }, null, 2) + '\n');
  writeFileSync(join(dir, `${name}.md`), md);
  process.stderr.write(`written conformance/results/${name}.{json,md}\n`);
  return errors > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`reload: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
