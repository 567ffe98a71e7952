/**
 * One run of the real `claude` for one vector, on a scratch machine that cannot touch the real one.
 *
 * The host side: lays out a scratch dir (home, project, the /etc/claude-code folder to be), checks
 * the real machine before and after (no /etc/claude-code; nothing changed under /root/.claude or
 * /root/.claude.json, which may belong to other software and are only ever looked at with stat),
 * and starts conformance/driver.ts, inside namespaces where they are available.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunResult, RunSpec } from './driver';
import type { InstalledClaude } from './install';
import { REPO_ROOT } from './install';
import {
  HOME_PLACEHOLDER,
  needsNamespaces,
  needsSystemPaths,
  shellEnv,
  substitute,
  unsafePathReason,
  unsafeUrlReason,
  type SettingsContent,
  type Vector,
} from './vector';

export type SandboxMode = 'namespaces' | 'scratch-home';

/** The gateway port inside a run's own network namespace (nothing else listens there). */
const NAMESPACE_PORT = 47800;
const DRIVER = join(REPO_ROOT, 'conformance', 'driver.ts');
const UNSHARE = ['--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private'];
const REAL_PATHS = ['/root/.claude', '/root/.claude.json'];

export interface SandboxRun extends RunResult {
  /** Where the run's scratch machine was (gone unless kept). */
  scratch: string;
  gatewayUrl: string;
  /** Files Claude Code left in the scratch home (relative paths). */
  homeFiles: string[];
  /** An interactive run: `~/.claude.json` as Claude Code left it (what the answers saved). */
  globalConfigAfter?: string;
}

/** A harness refusal: the vector cannot be run safely here. */
export class Refused extends Error {
  override name = 'Refused';
}

/** A recursive stat listing (path, type, size, mtime) of the real files the runs must never touch. */
export function fingerprintRealHome(paths: readonly string[] = REAL_PATHS): string {
  const lines: string[] = [];
  const walk = (p: string, depth: number): void => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      lines.push(`${p} absent`);
      return;
    }
    lines.push(`${p} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs}`);
    if (st.isDirectory() && depth < 8) for (const e of readdirSync(p).sort()) walk(join(p, e), depth + 1);
  };
  for (const p of paths) walk(p, 0);
  return lines.join('\n');
}

let realHomeBefore: string | undefined;

/** Checks the host: no /etc/claude-code, and the real home files as they were at the first run. */
export function checkHost(when: 'before' | 'after', mode: SandboxMode): void {
  if (existsSync('/etc/claude-code')) {
    throw new Error(`${when} a run: the host has /etc/claude-code; the harness refuses to run beside real managed settings`);
  }
  const now = fingerprintRealHome();
  realHomeBefore ??= now;
  if (now !== realHomeBefore) {
    const message = `${when} a run: /root/.claude or /root/.claude.json changed since the harness started`;
    // Under namespaces /root is masked, so a change is another program's; without them it may be ours.
    if (mode === 'scratch-home') throw new Error(message);
    process.stderr.write(`warning: ${message} (not by a run: /root is masked in the namespaces)\n`);
    realHomeBefore = now;
  }
}

let probed: SandboxMode | undefined;

/** Namespaces when this process may make them and the driver can set them up; else scratch HOME only. */
export async function detectMode(): Promise<SandboxMode> {
  if (probed) return probed;
  if (process.platform !== 'linux' || !existsSync('/usr/bin/unshare')) return (probed = 'scratch-home');
  const scratch = mkdtempSync(join(tmpdir(), 'cgc-conf-probe-'));
  try {
    const spec: RunSpec = {
      mode: 'probe',
      scratch,
      executable: '/bin/true',
      args: [],
      env: {},
      cwd: scratch,
      port: 0,
      timeoutSeconds: 5,
      resultPath: join(scratch, 'result.json'),
    };
    writeFileSync(join(scratch, 'run.json'), JSON.stringify(spec));
    const rootless = process.getuid?.() !== 0 ? ['--map-root-user'] : [];
    await execFileP('/usr/bin/unshare', [...rootless, ...UNSHARE, process.execPath, '--import', 'tsx', DRIVER, join(scratch, 'run.json')], 30_000);
    probed = existsSync(spec.resultPath) ? 'namespaces' : 'scratch-home';
  } catch {
    probed = 'scratch-home';
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return probed;
}

function execFileP(cmd: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout, maxBuffer: 64 * 1024 * 1024, cwd: REPO_ROOT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr), code });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function settingsText(content: SettingsContent | Record<string, unknown>): string {
  return typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
}

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (path.endsWith('.sh')) chmodSync(path, 0o755);
}

function listFiles(root: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries.sort()) {
      const r = rel === '' ? e : `${rel}/${e}`;
      if (skip(r)) continue;
      const st = lstatSync(join(dir, e));
      if (st.isDirectory()) walk(join(dir, e), r);
      else out.push(r);
    }
  };
  walk(root, '');
  return out;
}

export interface SandboxOptions {
  mode?: SandboxMode;
  timeoutSeconds?: number;
  /** Keep the scratch dir (for debugging). */
  keep?: boolean;
}

/** The scratch machine's fixed shape: `<scratch>/home`, `<scratch>/home/project`. */
export function scratchPaths(scratch: string): { home: string; project: string } {
  const home = join(scratch, 'home');
  return { home, project: join(home, 'project') };
}

/** Runs one vector against one installed Claude Code. Throws {@link Refused} when it cannot be run safely. */
export async function runInSandbox(vector: Vector, claude: InstalledClaude, options: SandboxOptions = {}): Promise<SandboxRun> {
  const unsafe = unsafeUrlReason(vector) ?? unsafePathReason(vector);
  if (unsafe !== undefined) throw new Refused(unsafe);
  const mode = options.mode ?? (await detectMode());
  const needs = needsNamespaces(vector);
  if (mode === 'scratch-home' && needs !== undefined)
    throw new Refused(`${vector.id}: ${needs}, which is safe only in Linux namespaces, and they are not available here`);
  checkHost('before', mode);

  const port = mode === 'namespaces' ? NAMESPACE_PORT : await freePort();
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const L = substitute(vector.layout, gatewayUrl);
  const scratch = mkdtempSync(join(tmpdir(), `cgc-conf-${vector.id.slice(0, 40)}-`));
  const { home, project } = scratchPaths(scratch);
  try {
    mkdirSync(project, { recursive: true });
    // `~` starts in the home directory itself (interactive trust vectors).
    const cwd = L.cwd === '~' ? home : L.cwd?.startsWith('~/') === true ? join(home, L.cwd.slice(2)) : join(project, L.cwd ?? '.');
    mkdirSync(cwd, { recursive: true });
    const env: Record<string, string> = {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: home,
      TERM: 'dumb',
      LANG: 'C.UTF-8',
      ...substitute(shellEnv(vector), gatewayUrl),
    };
    if (L.git === true) execFileSync('git', ['init', '-q', project], { env: { PATH: env['PATH'] ?? '', HOME: home }, stdio: 'ignore' });
    if (L.git === true && L.worktree !== undefined) {
      // A linked worktree of the project repository at ~/<worktree> (one empty commit first).
      const git = (...a: string[]): void =>
        void execFileSync('git', ['-C', project, '-c', 'user.name=conformance', '-c', 'user.email=conformance@localhost', ...a], {
          env: { PATH: env['PATH'] ?? '', HOME: home },
          stdio: 'ignore',
        });
      git('commit', '-q', '--allow-empty', '-m', 'init');
      git('worktree', 'add', '-q', join(home, L.worktree));
    }
    const configDir = env['CLAUDE_CONFIG_DIR'] !== undefined ? join(cwd, env['CLAUDE_CONFIG_DIR']) : join(home, '.claude');
    if (L.user !== undefined) put(join(configDir, 'settings.json'), settingsText(L.user));
    if (L.project !== undefined) put(join(cwd, '.claude', 'settings.json'), settingsText(L.project));
    if (L.local !== undefined) put(join(L.git === true ? project : cwd, '.claude', 'settings.local.json'), settingsText(L.local));
    if (L.globalConfig !== undefined) put(join(home, '.claude.json'), settingsText(L.globalConfig).split(HOME_PLACEHOLDER).join(home));
    for (const [rel, text] of Object.entries(L.files ?? {})) {
      if (rel.startsWith('~/')) put(join(home, rel.slice(2)), text);
      else if (rel.startsWith('./')) put(join(project, rel.slice(2)), text);
      else throw new Refused(`${vector.id}: files must start with ~/ or ./, got ${JSON.stringify(rel)}`);
    }
    const args = L.interactive !== undefined ? [] : ['-p', 'say hi', '--output-format', 'json'];
    if (L.settingsFlag !== undefined) {
      if ('inline' in L.settingsFlag)
        args.push('--settings', typeof L.settingsFlag.inline === 'string' ? L.settingsFlag.inline : JSON.stringify(L.settingsFlag.inline));
      else {
        put(join(home, 'flag-settings.json'), settingsText(L.settingsFlag.file));
        args.push('--settings', join(home, 'flag-settings.json'));
      }
    }
    args.push(...(L.flags ?? []));
    let etcClaudeCode: string | undefined;
    if (needsSystemPaths(vector)) {
      etcClaudeCode = join(scratch, 'etc-claude-code');
      mkdirSync(etcClaudeCode, { recursive: true });
      if (L.managedFile !== undefined) put(join(etcClaudeCode, 'managed-settings.json'), settingsText(L.managedFile));
      for (const [name, content] of Object.entries(L.dropIns ?? {})) put(join(etcClaudeCode, 'managed-settings.d', name), settingsText(content));
    }
    const homeBefore = new Set(listFiles(home, (r) => r === 'project'));
    const spec: RunSpec = {
      mode,
      scratch,
      executable: claude.executable,
      args,
      env,
      cwd,
      port,
      timeoutSeconds: options.timeoutSeconds ?? 30,
      resultPath: join(scratch, 'result.json'),
      ...(etcClaudeCode !== undefined ? { etcClaudeCode } : {}),
      ...(L.interactive !== undefined ? { interactive: L.interactive } : {}),
    };
    writeFileSync(join(scratch, 'run.json'), JSON.stringify(spec, null, 2));
    const driverArgs = [process.execPath, '--import', 'tsx', DRIVER, join(scratch, 'run.json')];
    const [cmd, cmdArgs] =
      mode === 'namespaces'
        ? ['/usr/bin/unshare', [...(process.getuid?.() !== 0 ? ['--map-root-user'] : []), ...UNSHARE, ...driverArgs]]
        : [driverArgs[0] as string, driverArgs.slice(1)];
    const ran = await execFileP(cmd, cmdArgs, ((options.timeoutSeconds ?? 30) + 30) * 1000);
    checkHost('after', mode);
    if (!existsSync(spec.resultPath)) throw new Error(`${vector.id}: the driver wrote no result (exit ${ran.code}): ${ran.stderr.slice(0, 2000)}`);
    const result = JSON.parse(readFileSync(spec.resultPath, 'utf8')) as RunResult;
    if (result.maskedRootEntries !== undefined && result.maskedRootEntries.length > 0) {
      process.stderr.write(`note: ${vector.id}: claude wrote under the masked /root: ${result.maskedRootEntries.join(', ')}\n`);
    }
    const homeFiles = listFiles(home, (r) => r === 'project').filter((f) => !homeBefore.has(f));
    const after = join(home, '.claude.json');
    return {
      ...result,
      scratch,
      gatewayUrl,
      homeFiles,
      ...(L.interactive !== undefined && existsSync(after) ? { globalConfigAfter: readFileSync(after, 'utf8') } : {}),
    };
  } finally {
    if (options.keep !== true) rmSync(scratch, { recursive: true, force: true });
  }
}
