/**
 * Runs `apiKeyHelper` as Claude Code does (docs/behavior.md#apikeyhelper-output): `/bin/sh -c` on POSIX, `cmd /d /s /c` on Windows, in
 * the session's environment; output validated as the target version does; the value cached for the
 * TTL. A helper from project or local settings runs only when the caller says the repository is
 * trusted; a helper from the user's own scopes runs, until then, without any variable a repository set
 * (its `PATH` cannot shadow the program the user named). The value goes to the caller and nowhere else: not into errors, messages or logs.
 */
import { spawn } from 'node:child_process';
import { overrideReason } from '../core/env';
import type { EffectiveConfig, Platform, SourceRef } from '../core/types';
import { hasFeature } from '../core/versions';

/** Options for `runHelper()`. */
export interface RunHelperOptions {
  /**
   * The repository is trusted: a helper from project or local settings may run, and any helper runs
   * with the variables project and local settings set (`PATH`, `LD_PRELOAD`, ...). Without it a helper
   * from user, managed or `--settings` settings or the shell is looked up and run with the user's own
   * values of those variables.
   * @default false
   */
  trusted?: boolean;
  /**
   * The server-managed settings were approved (Claude Code shows a security approval dialog before
   * running a command they deliver, docs/behavior.md#managed-gateway-keys): a helper from server-managed settings may run.
   * @default false
   */
  approvedRemote?: boolean;
  /**
   * How long the helper may take. Claude Code does not document its limit; we stop it
   * after 30 s (docs/behavior.md#diagnosing-and-verifying).
   * @default 30000
   */
  timeoutMs?: number;
  /** Reuse a value younger than the TTL. @default true */
  useCache?: boolean;
  /** The directory it runs in. @default process.cwd() */
  cwd?: string;
  /** Whose shell runs the command: `cmd.exe` on `win32`, `/bin/sh` on the others. @default the running OS */
  platform?: Platform;
}

/** What running the helper gave: `ok`, or why not (untrusted folder, not configured, non-zero exit, timeout, empty or invalid output, could not start). */
export type HelperOutcome = 'ok' | 'untrusted' | 'not-configured' | 'exit-code' | 'timeout' | 'empty' | 'invalid-output' | 'spawn-failed';

interface HelperResultBase {
  /** The helper's exit code, when it ran to the end. */
  exitCode?: number;
  /** What went wrong, in words; never contains the output. */
  message: string;
  /** The start of stderr, for the user to read (helpers should not print secrets there). */
  stderr?: string;
  /** How long the call took, in milliseconds. */
  durationMs: number;
  /** True when the value came from the cache instead of a new run. */
  cached: boolean;
}

/** The helper printed a usable credential. */
export interface HelperSuccess extends HelperResultBase {
  /** Always `true`. */
  ok: true;
  /** Always `ok`. */
  outcome: 'ok';
  /** The credential. Handle it as a secret. */
  value: string;
}

/** The helper did not give a credential (Claude Code then sends {@link HELPER_PLACEHOLDER}). */
export interface HelperFailure extends HelperResultBase {
  /** Always `false`. */
  ok: false;
  /** Why no credential was given. */
  outcome: Exclude<HelperOutcome, 'ok'>;
  /** No credential. */
  value?: undefined;
}

/** What running the helper gave: narrow on `ok` (`if (r.ok) use(r.value)`). */
export type HelperResult = HelperSuccess | HelperFailure;

/** The limit on a helper's output from 2.1.227 (docs/behavior.md#apikeyhelper-output). */
export const HELPER_MAX_LENGTH = 16_384;
/** How long a helper may run before it is stopped, in milliseconds. @default 30000 */
export const DEFAULT_HELPER_TIMEOUT_MS = 30_000;

const cache = new Map<string, { value: string; expires: number }>();

/** Forgets every cached helper value. */
export function clearHelperCache(): void {
  cache.clear();
}

/**
 * Why Claude Code would refuse this output, or the credential it would use. Surrounding whitespace
 * (spaces, tabs, CR, LF) is trimmed in every version (vectors helper-output-padded,
 * helper-output-tab-padded, helper-output-crlf, helper-output-leading-newlines); from 2.1.227 what is
 * left must be one token of printable ASCII of at most 16,384 characters (vectors
 * helper-output-inner-space, helper-output-two-lines, helper-output-non-ascii, helper-output-too-long).
 * A refused output is not fatal: Claude Code sends {@link HELPER_PLACEHOLDER} in its place.
 */
export function validateHelperOutput(
  stdout: string,
  version: string,
):
  | {
      /** The credential (trimmed). */
      value: string;
    }
  | {
      /** Why the output is not a credential. */
      problem: 'empty' | 'invalid-output';
      /** What is wrong with it, in words; never contains the output. */
      message: string;
    } {
  const value = stdout.trim();
  if (value === '') return { problem: 'empty', message: 'the helper printed nothing' };
  if (!hasFeature(version, 'headerSafety')) return { value };
  if (value.length > HELPER_MAX_LENGTH)
    return { problem: 'invalid-output', message: `the helper printed ${value.length} characters; Claude Code takes at most ${HELPER_MAX_LENGTH}` };
  if (!/^[\x21-\x7e]+$/.test(value)) {
    const lines = value.split(/\r?\n/).length;
    return {
      problem: 'invalid-output',
      message:
        lines > 1
          ? `the helper printed ${lines} lines; Claude Code wants only the key ("returned output that cannot be used as an API key")`
          : 'the helper printed spaces or characters outside printable ASCII; Claude Code wants a single token',
    };
  }
  return { value };
}

/**
 * What Claude Code sends in the helper's headers when the helper fails (exits non-zero, times out,
 * prints nothing or output it refuses): an empty value, so `x-api-key: ` and `authorization: Bearer`,
 * which a gateway answers with 401 (vectors helper-fails, helper-fails-alone, helper-output-empty,
 * helper-stderr-only).
 */
export const HELPER_PLACEHOLDER = '';

/** True for a value a repository wrote: project or local settings. */
function fromRepository(source: SourceRef): boolean {
  return source.scope === 'project' || source.scope === 'local';
}

/**
 * The variables of the configuration the helper runs with (on top of the process's own environment),
 * by name. Claude Code's process has the shell plus the settings env (whether the helper sees the
 * settings env is open, https://github.com/anthropics/claude-code/issues/26999; we pass it, as the process has it). But a helper
 * from the user's own scopes (user, managed, `--settings`, the shell) is not run with what a repository
 * chose: unless `trusted`, no variable takes its value from project or local settings. Where a
 * repository's value won, the value the user's own layers give (user settings, else the shell)
 * applies; where only the repository set it, the variable is left as the process has it. That covers
 * every way a repository could hijack the run (`PATH`, `LD_PRELOAD`, `LD_LIBRARY_PATH`, `DYLD_*`,
 * `NODE_OPTIONS`, `BASH_ENV`, `ENV`, `IFS`, `PYTHONPATH`, `PERL5LIB`, `GIT_*`, ...) without a list to
 * keep up to date (docs/behavior.md#helper-environment). A helper from project or local settings runs only when trusted,
 * and then with everything.
 */
export function helperEnvironment(config: EffectiveConfig, options: { trusted?: boolean } = {}): Record<string, string> {
  const trusted = options.trusted === true || (config.apiKeyHelper !== undefined && fromRepository(config.apiKeyHelper.source));
  const out: Record<string, string> = {};
  const put = (name: string, value: string): void => {
    // An own property even for a variable named `__proto__`.
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const v of Object.values(config.env)) {
    if (trusted || !fromRepository(v.source)) {
      put(v.name, v.value);
      continue;
    }
    // The value that would be in effect without the repository's files: the highest user or shell
    // value that lost only by precedence (not one Claude Code refused or left waiting).
    const lower = v.overridden.find((o) => (o.source.scope === 'user' || o.source.scope === 'shell') && o.reason === overrideReason(v.source, o.source));
    if (lower) put(v.name, lower.value);
  }
  return out;
}

function childEnv(variables: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...variables };
}

/** stderr with anything the helper printed on stdout (the credential, or a rejected one) removed. */
function withoutOutput(stderr: string, stdout: string): string {
  const printed = [stdout.trim(), ...stdout.split(/\r?\n/).map((l) => l.trim())].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let out = stderr;
  for (const s of printed) out = out.split(s).join('<redacted>');
  return out;
}

/**
 * Runs the configuration's `apiKeyHelper` as Claude Code does and returns the credential it prints.
 * Refuses (outcome `untrusted`) a helper from project or local settings unless `trusted: true`, and one
 * from server-managed settings unless `approvedRemote: true` (Claude Code asks before running it).
 *
 * @example
 * const r = await runApiKeyHelper(config, { trusted: true });
 * if (r.ok) await verifyGateway(config, { helperValue: r.value });
 */
export async function runApiKeyHelper(config: EffectiveConfig, options: RunHelperOptions = {}): Promise<HelperResult> {
  const started = performance.now();
  const took = (): number => Math.round(performance.now() - started);
  const helper = config.apiKeyHelper;
  if (!helper) return { ok: false, outcome: 'not-configured', message: 'no apiKeyHelper applies to this configuration', durationMs: 0, cached: false };
  const fromRepo = helper.source.scope === 'project' || helper.source.scope === 'local';
  if (fromRepo && options.trusted !== true) {
    return {
      ok: false,
      outcome: 'untrusted',
      message: `the apiKeyHelper comes from ${helper.source.scope} settings (${helper.source.path ?? 'the repository'}); it runs only when you say the repository is trusted`,
      durationMs: 0,
      cached: false,
    };
  }
  if (helper.source.scope === 'managed' && helper.source.origin === 'remote' && options.approvedRemote !== true) {
    return {
      ok: false,
      outcome: 'untrusted',
      message:
        'the apiKeyHelper comes from server-managed settings; Claude Code asks for approval before running a command they deliver, so it runs here only with approvedRemote: true',
      durationMs: 0,
      cached: false,
    };
  }
  // The same command in another directory, environment or TTL is another helper run.
  const variables = helperEnvironment(config, options.trusted === true ? { trusted: true } : {});
  const envKey = Object.entries(variables)
    .map(([n, v]) => `${n}=${v}`)
    .sort()
    .join('\u0001');
  const key = [helper.command, options.cwd ?? process.cwd(), String(helper.ttlMs), envKey].join('\u0000');
  const hit = cache.get(key);
  if (options.useCache !== false && hit && hit.expires > Date.now()) {
    return { ok: true, outcome: 'ok', value: hit.value, message: 'cached value (younger than the TTL)', durationMs: took(), cached: true };
  }
  const platform = options.platform ?? process.platform;
  const [file, args] = platform === 'win32' ? ['cmd.exe', ['/d', '/s', '/c', `"${helper.command}"`]] : ['/bin/sh', ['-c', helper.command]];
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  const run = await new Promise<{ stdout: string; stderr: string; code: number | null; error?: Error; timedOut: boolean }>((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    // On POSIX the shell leads its own process group, so a timeout stops the script and everything it
    // started, not only /bin/sh (which forks the script and would leave it running).
    const group = process.platform !== 'win32';
    const child = spawn(file, args, {
      cwd: options.cwd ?? process.cwd(),
      env: childEnv(variables),
      windowsVerbatimArguments: platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: group,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      // A descendant that escaped the group must not keep the pipes, and so the result, open.
      child.stdout.destroy();
      child.stderr.destroy();
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length <= HELPER_MAX_LENGTH * 4) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 4096) stderr += d;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: null, error, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
  const stderr = withoutOutput(run.stderr, run.stdout).trim().slice(0, 1000);
  const extra = stderr ? { stderr } : {};
  // What the user sees in Claude Code when the helper fails (docs/behavior.md#api-key-helper).
  const seen = hasFeature(config.claudeCodeVersion, 'helperFailureSurfaced')
    ? 'Claude Code sends a placeholder and reports "Your apiKeyHelper script is failing" within 3 attempts'
    : `Claude Code ${config.claudeCodeVersion} sends a placeholder and shows a plain 401 after about 10 retries (the helper is named from 2.1.208)`;
  if (run.error)
    return {
      ok: false,
      outcome: 'spawn-failed',
      message: `could not start ${file}: ${(run.error as { code?: string }).code ?? run.error.name}`,
      durationMs: took(),
      cached: false,
    };
  if (run.timedOut)
    return {
      ok: false,
      outcome: 'timeout',
      message: `the helper ran longer than ${timeoutMs} ms and was stopped`,
      ...extra,
      durationMs: took(),
      cached: false,
    };
  if (run.code !== 0)
    return {
      ok: false,
      outcome: 'exit-code',
      exitCode: run.code ?? -1,
      message: `the helper exited with code ${run.code}; ${seen}`,
      ...extra,
      durationMs: took(),
      cached: false,
    };
  const checked = validateHelperOutput(run.stdout, config.claudeCodeVersion);
  if ('problem' in checked) return { ok: false, outcome: checked.problem, message: checked.message, ...extra, durationMs: took(), cached: false };
  if (options.useCache !== false) cache.set(key, { value: checked.value, expires: Date.now() + helper.ttlMs });
  return { ok: true, outcome: 'ok', value: checked.value, message: 'the helper printed a usable key', ...extra, durationMs: took(), cached: false };
}
