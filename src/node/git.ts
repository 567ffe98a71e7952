/**
 * Is a file safe for credentials as far as git goes? "Tracked" is decided by `git ls-files`,
 * "ignored" by `git check-ignore` (nested .gitignore files, info/exclude and core.excludesFile
 * included). Without a git binary the `ignore` package reads the repository's ignore files and the
 * result says it is the weaker check.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { ConfigError } from '../core/errors';

export interface GitOptions {
  /** The git program. @default 'git' */
  git?: string;
  /** The environment git runs with (HOME and XDG_CONFIG_HOME decide the global excludes file). @default process.env */
  env?: Record<string, string | undefined>;
}

export interface GitSafety {
  path: string;
  inRepository: boolean;
  /** The repository's top-level directory. */
  root?: string;
  /** `git ls-files` lists it: ignoring it would protect nothing. */
  tracked: boolean;
  /** Git would not add it (`git check-ignore`). */
  ignored: boolean;
  /** The rule that ignores it. */
  ignoredBy?: { source: string; line: number; pattern: string };
  method: 'git' | 'ignore-package';
  /** Set when the check is weaker than git's own, and why. */
  weaker?: string;
}

interface Run {
  code: number;
  stdout: string;
  missing: boolean;
}

function run(git: string, args: string[], cwd: string, env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((done) => {
    execFile(git, args, { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' } as NodeJS.ProcessEnv, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout: String(stdout), missing: (error as { code?: unknown } | null)?.code === 'ENOENT' });
    });
  });
}

/** The nearest directory at or above `p`'s parent that exists. */
function existingDirOf(p: string): string {
  let dir = dirname(resolve(p));
  while (!existsSync(dir)) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Finds the repository without git: the nearest directory holding `.git`. */
function findRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

const NO_GIT = 'git was not found: the repository ignore files were read with the ignore package; core.excludesFile and tracked files could not be checked';

async function checkWithIgnorePackage(path: string, dir: string, weaker = NO_GIT): Promise<GitSafety> {
  const root = findRoot(dir);
  if (!root) return { path, inRepository: false, tracked: false, ignored: false, method: 'ignore-package', weaker };
  // Loaded on use: only machines without a usable git need it.
  const { default: ignore } = await import('ignore');
  const parts = toPosix(relative(root, path)).split('/');
  // Lowest precedence first: info/exclude, then each .gitignore from the root down; a deeper file's
  // rules (a "!" included) override a shallower one's, as in git.
  const layers: { depth: number; ig: Ignore }[] = [];
  const exclude = join(root, '.git', 'info', 'exclude');
  if (existsSync(exclude)) layers.push({ depth: 0, ig: ignore().add(readFileSync(exclude, 'utf8')) });
  for (let i = 0; i < parts.length; i++) {
    const file = join(root, ...parts.slice(0, i), '.gitignore');
    if (existsSync(file)) layers.push({ depth: i, ig: ignore().add(readFileSync(file, 'utf8')) });
  }
  // The verdict on the first n parts (a directory when n < parts.length).
  const verdict = (n: number): boolean => {
    let result = false;
    for (const { depth, ig } of layers) {
      if (depth >= n) continue;
      const t = ig.test(parts.slice(depth, n).join('/') + (n < parts.length ? '/' : ''));
      if (t.ignored) result = true;
      else if (t.unignored) result = false;
    }
    return result;
  };
  // A file below an excluded directory cannot be re-included.
  let ignored = false;
  for (let n = 1; n <= parts.length && !ignored; n++) ignored = verdict(n);
  return { path, inRepository: true, root, tracked: false, ignored, method: 'ignore-package', weaker };
}

/**
 * Tells whether `path` is inside a git repository, tracked, and ignored.
 *
 * @example
 * const s = await checkGitSafety('/repo/.claude/settings.local.json');
 * if (s.tracked) throw new Error('committed: a credential here would be pushed');
 */
export async function checkGitSafety(path: string, options: GitOptions = {}): Promise<GitSafety> {
  const git = options.git ?? 'git';
  const env = options.env ?? process.env;
  const abs = resolve(path);
  const nearest = existingDirOf(abs);
  // git reports paths with links resolved: resolve the part that exists the same way.
  const dir = realpathSync(nearest);
  const full = join(dir, relative(nearest, abs));
  const top = await run(git, ['rev-parse', '--show-toplevel'], dir, env);
  if (top.missing) return checkWithIgnorePackage(full, dir);
  if (top.code !== 0) {
    // git refuses some repositories (one owned by another user: "dubious ownership"); a `.git` above
    // still means the file is in one, so the ignore files are read without git.
    if (findRoot(dir) !== undefined) {
      return checkWithIgnorePackage(full, dir, 'git refused to work in this repository (is it owned by another user?): the repository ignore files were read with the ignore package; core.excludesFile and tracked files could not be checked');
    }
    return { path: abs, inRepository: false, tracked: false, ignored: false, method: 'git' };
  }
  const root = top.stdout.trim();
  const rel = toPosix(relative(root, full));
  const [tracked, check] = await Promise.all([
    run(git, ['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', rel], root, env),
    run(git, ['check-ignore', '-v', '--no-index', '--', rel], root, env),
  ]);
  const m = /^(.*):(\d+):(.*)\t/.exec(check.stdout);
  // With -v, check-ignore also exits 0 for a matching "!" rule, which makes the path NOT ignored.
  const negated = m?.[3]?.startsWith('!') === true;
  // The path with symbolic links resolved (as `rel` was computed), so that callers can relate it to `root`.
  const out: GitSafety = { path: full, inRepository: true, root, tracked: tracked.code === 0, ignored: check.code === 0 && !negated, method: 'git' };
  if (out.ignored && m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
    out.ignoredBy = { source: isAbsolute(m[1]) ? m[1] : join(root, m[1]), line: Number(m[2]), pattern: m[3] };
  }
  return out;
}

export type IgnoreTarget = 'gitignore' | 'info-exclude' | 'global';

export interface EnsureIgnoredOptions extends GitOptions {
  /**
   * Where to add the rule: the repository's `.gitignore` (shared with everyone), `.git/info/exclude`
   * (this clone only), or the global excludes file, as Claude Code itself does (§1.4).
   * @default 'gitignore'
   */
  target?: IgnoreTarget;
  /** The home directory, for `~` in core.excludesFile and the default global file. @default os.homedir() */
  homeDir?: string;
}

export interface EnsureIgnoredResult {
  /** Git ignores the file now. */
  ignored: boolean;
  /** It was ignored before; nothing was written. */
  alreadyIgnored: boolean;
  /** The file the rule was added to. */
  file?: string;
  pattern?: string;
  safety: GitSafety;
}

async function globalExcludesFile(git: string, root: string, env: Record<string, string | undefined>, homeDir: string): Promise<string> {
  const configured = await run(git, ['config', '--global', '--get', 'core.excludesFile'], root, env);
  const value = configured.code === 0 ? configured.stdout.trim() : '';
  // Claude Code uses core.excludesFile when it is absolute or ~-prefixed, else the XDG default (§1.4).
  if (value.startsWith('~/')) return join(homeDir, value.slice(2));
  if (value && isAbsolute(value)) return value;
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg ? join(xdg, 'git', 'ignore') : join(homeDir, '.config', 'git', 'ignore');
}

async function appendRule(file: string, pattern: string): Promise<void> {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (before.split(/\r?\n/).some((l) => l.trim() === pattern)) return;
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const gap = before === '' || before.endsWith('\n') ? '' : eol;
  const text = `${before}${gap}# Claude Code local settings: personal, may hold credentials${eol}${pattern}${eol}`;
  mkdirSync(dirname(file), { recursive: true });
  // Loaded on use: checkGitSafety (and claude-gateway-config/resolve) never write.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(file, text, { encoding: 'utf8' });
}

/**
 * Makes git ignore `path`, adding a rule where asked and checking with git afterwards. A tracked file
 * cannot be protected this way: that throws `FILE_TRACKED`.
 */
export async function ensureGitIgnored(path: string, options: EnsureIgnoredOptions = {}): Promise<EnsureIgnoredResult> {
  const safety = await checkGitSafety(path, options);
  if (!safety.inRepository) return { ignored: false, alreadyIgnored: false, safety };
  if (safety.tracked) {
    throw new ConfigError('FILE_TRACKED', `${path} is tracked by git: ignoring it would not keep it out of commits (git rm --cached it first)`);
  }
  if (safety.ignored) return { ignored: true, alreadyIgnored: true, safety };
  const root = safety.root as string;
  const git = options.git ?? 'git';
  const env = options.env ?? process.env;
  const rel = toPosix(relative(root, safety.path));
  const target = options.target ?? 'gitignore';
  let file: string;
  let pattern = `/${rel}`;
  if (target === 'gitignore') {
    file = join(root, '.gitignore');
  } else if (target === 'info-exclude') {
    const gitPath = safety.method === 'git' ? await run(git, ['rev-parse', '--git-path', 'info/exclude'], root, env) : undefined;
    file = gitPath && gitPath.code === 0 ? resolve(root, gitPath.stdout.trim()) : join(root, '.git', 'info', 'exclude');
  } else {
    file = await globalExcludesFile(git, root, env, options.homeDir ?? homedir());
    if (basename(rel) === 'settings.local.json' && basename(dirname(rel)) === '.claude') pattern = '**/.claude/settings.local.json';
  }
  await appendRule(file, pattern);
  const after = await checkGitSafety(path, options);
  if (!after.ignored) {
    throw new ConfigError('GIT_FAILED', `added ${pattern} to ${file}, but git still does not ignore ${path} (a later "!" rule?)`);
  }
  return { ignored: true, alreadyIgnored: false, file, pattern, safety: after };
}
