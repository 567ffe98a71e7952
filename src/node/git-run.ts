/**
 * The one way this package runs git in a repository it has not vetted. A repository's `.git/config`
 * (from an archive, a copied fixture, a checkout made by someone else) can name programs that git
 * starts on its own: `core.fsmonitor` runs on every index read, a promisor remote is fetched from
 * (through `core.sshCommand`, `remote.*.uploadpack` or an `ext::` URL) when an object is missing.
 * Every call here:
 *
 * - runs only read-only plumbing (`rev-parse`, `ls-files`, `check-ignore`, `config`, `cat-file`
 *   without `--filters`/`--textconv`), which starts no hooks, filters, diff or textconv drivers,
 *   editors, pagers or signing programs;
 * - overrides with `-c` (the command line wins over every configuration file, included ones too)
 *   each key that names a program git could start: `core.fsmonitor`, `core.hooksPath`,
 *   `diff.external`, `core.sshCommand`, `core.pager`, `core.editor`, `core.askPass`,
 *   `credential.helper`, `gpg.program`, `core.gitProxy`, and forbids every transport
 *   (`protocol.allow=never` and each built-in protocol), so that nothing is fetched;
 * - sets `GIT_NO_LAZY_FETCH`, `GIT_PROTOCOL_FROM_USER=0`, `GIT_TERMINAL_PROMPT=0`,
 *   `GIT_OPTIONAL_LOCKS=0` (no index refresh is written back) and `GIT_NO_REPLACE_OBJECTS` (the
 *   content read is the content committed, not a local replacement), drops `GIT_EXTERNAL_DIFF` and
 *   `GIT_PAGER`, and passes `--no-pager`;
 * - gives up after a timeout: a FIFO in place of a `.gitignore` or of an included configuration
 *   file makes git wait forever.
 *
 * Filters (`filter.<driver>.clean/smudge/process`) and textconv drivers have names a repository
 * chooses, so no `-c` can name them all: they are kept out by the commands chosen, which never apply
 * them (`cat-file blob`, never `show` or `cat-file --filters`).
 */
import { spawn } from 'node:child_process';
import { ConfigError } from '../core/errors';

/** The subcommands the runner allows: none of them runs a hook, filter, diff driver, pager or editor. */
const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set(['rev-parse', 'ls-files', 'check-ignore', 'config', 'cat-file']);

/** `-c` overrides for every key that names a program git may start (docs/behavior.md#git-commands). */
export const SAFE_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'diff.external=',
  'core.sshCommand=',
  'core.pager=cat',
  'core.editor=:',
  'core.askPass=',
  'credential.helper=',
  'gpg.program=false',
  'core.gitProxy=',
  'core.useReplaceRefs=false',
  'protocol.allow=never',
  'protocol.ext.allow=never',
  'protocol.file.allow=never',
  'protocol.ssh.allow=never',
  'protocol.git.allow=never',
  'protocol.http.allow=never',
  'protocol.https.allow=never',
];

/** The options that come before the subcommand. */
export const SAFE_GIT_ARGS: readonly string[] = ['--no-pager', '--no-optional-locks', ...SAFE_GIT_CONFIG.flatMap((c) => ['-c', c])];

/** The environment git runs with: the caller's, with the variables above set and the program-naming ones dropped. */
export function safeGitEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'GIT_EXTERNAL_DIFF' && k !== 'GIT_PAGER') out[k] = v;
  out['GIT_TERMINAL_PROMPT'] = '0';
  out['GIT_OPTIONAL_LOCKS'] = '0';
  out['GIT_NO_LAZY_FETCH'] = '1';
  out['GIT_PROTOCOL_FROM_USER'] = '0';
  out['GIT_NO_REPLACE_OBJECTS'] = '1';
  return out;
}

/** How long one git call may take before it is stopped. */
export const DEFAULT_GIT_TIMEOUT_MS = 20_000;

/** The most a git call may print (a blob of a settings file, a listing). */
const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

export interface GitRunOptions {
  cwd: string;
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** The git program. @default 'git' */
  git?: string;
  /** Written to git's standard input (for `cat-file --batch`). */
  input?: string;
  /** @default 20000 */
  timeoutMs?: number;
  /** Output beyond this many bytes stops git and throws `GIT_FAILED`. @default 64 MiB */
  maxOutput?: number;
}

export interface GitRunResult {
  /** The exit code; -1 when git could not be started. */
  code: number;
  stdout: string;
  /** The same bytes, undecoded (`cat-file --batch` sizes count bytes). */
  raw: Buffer;
  stderr: string;
  /** The git program was not found. */
  missing: boolean;
}

/**
 * Runs `git <safe options> <args>` and resolves with its exit code and output; never rejects for a
 * non-zero exit. Rejects with `GIT_FAILED` when git does not finish within the timeout or prints
 * more than `maxOutput` bytes.
 */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitRunResult> {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === undefined || !READ_ONLY_COMMANDS.has(sub)) {
    return Promise.reject(new ConfigError('INVALID_OPTIONS', `git ${sub ?? ''} is not one of the read-only commands this package runs`));
  }
  const git = options.git ?? 'git';
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const maxOutput = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
  return new Promise((done, fail) => {
    const child = spawn(git, [...SAFE_GIT_ARGS, ...args], {
      cwd: options.cwd,
      env: safeGitEnv(options.env ?? process.env),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: ConfigError | undefined;
    const stop = (error: ConfigError): void => {
      if (failure) return;
      failure = error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      stop(
        new ConfigError(
          'GIT_FAILED',
          `git ${sub} did not finish within ${timeoutMs} ms in ${options.cwd} (does the repository have a FIFO in place of a .gitignore, an exclude file or an included configuration file?)`,
        ),
      );
    }, timeoutMs);
    child.stdout?.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxOutput) stop(new ConfigError('GIT_FAILED', `git ${sub} printed more than ${maxOutput} bytes in ${options.cwd}`));
      else out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      if (err.length < 64) err.push(b);
    });
    if (options.input !== undefined && child.stdin) {
      // git may exit before reading everything (a fatal error): that is its exit code's business.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (failure) fail(failure);
      else done({ code: -1, stdout: '', raw: Buffer.alloc(0), stderr: error.message, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) fail(failure);
      else {
        const raw = Buffer.concat(out);
        done({ code: code ?? -1, stdout: raw.toString('utf8'), raw, stderr: Buffer.concat(err).toString('utf8'), missing: false });
      }
    });
  });
}
