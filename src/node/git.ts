/**
 * Is a file safe for credentials as far as git goes? "Tracked" is decided by `git ls-files`,
 * "ignored" by `git check-ignore` (nested .gitignore files, info/exclude and core.excludesFile
 * included). Without a git binary the `ignore` package reads the repository's ignore files and the
 * result says it is the weaker check.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';
import { ConfigError } from '../core/errors';
import { runGit, type GitRunResult } from './git-run';

/** Options for the git checks: which `git` to run and where. */
export interface GitOptions {
  /** The git program. @default 'git' */
  git?: string;
  /** The environment git runs with (HOME and XDG_CONFIG_HOME decide the global excludes file). @default process.env */
  env?: Record<string, string | undefined>;
  /** How long one git call may take (a FIFO in place of an ignore file makes git wait forever). @default 20000 */
  timeoutMs?: number;
}

/** Whether a file would be committed: inside a repository, and ignored or not. */
export interface GitSafety {
  /** Absolute path of the file checked. */
  path: string;
  /** True when the file is inside a git work tree. */
  inRepository: boolean;
  /** The repository's top-level directory. */
  root?: string;
  /** `git ls-files` lists it: ignoring it would protect nothing. */
  tracked: boolean;
  /** Git would not add it (`git check-ignore`). */
  ignored: boolean;
  /** The rule that ignores it. */
  ignoredBy?: {
    /** Absolute path of the ignore file. */
    source: string;
    /** Line number of the rule in it. */
    line: number;
    /** The rule as written. */
    pattern: string;
  };
  /** How the answer was found: by running `git`, or by reading ignore files when git is not available. */
  method: 'git' | 'ignore-package';
  /** Set when the check is weaker than git's own, and why. */
  weaker?: string;
}

/** git, run the safe way (`runGit`): nothing a repository's configuration names is started. */
function run(options: GitOptions, args: string[], cwd: string): Promise<GitRunResult> {
  return runGit(args, {
    cwd,
    env: options.env ?? process.env,
    ...(options.git === undefined ? {} : { git: options.git }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/** `p` is `base` or below it (both real paths). */
function within(base: string, p: string): boolean {
  const r = relative(base, p);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/** Ignore files larger than this are not read (git itself reads them whole). */
const MAX_IGNORE_FILE = 8 * 1024 * 1024;

/**
 * An ignore file's text, for the checks without git: a symbolic link in the working tree is not read
 * (git does not follow one either), and nothing but a regular file of sensible size is (a FIFO would
 * block, `/dev/zero` would never end).
 */
function readIgnoreFile(file: string, inTree: boolean): string | undefined {
  const l = lstatSync(file, { throwIfNoEntry: false });
  if (!l || (inTree && l.isSymbolicLink())) return undefined;
  const st = l.isSymbolicLink() ? statSync(file, { throwIfNoEntry: false }) : l;
  if (!st?.isFile() || st.size > MAX_IGNORE_FILE) return undefined;
  return readFileSync(file, 'utf8');
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
  const exclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'), false);
  if (exclude !== undefined) layers.push({ depth: 0, ig: ignore().add(exclude) });
  for (let i = 0; i < parts.length; i++) {
    const text = readIgnoreFile(join(root, ...parts.slice(0, i), '.gitignore'), true);
    if (text !== undefined) layers.push({ depth: i, ig: ignore().add(text) });
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
  const abs = resolve(path);
  const nearest = existingDirOf(abs);
  // git reports paths with links resolved: resolve the part that exists the same way.
  const dir = realpathSync(nearest);
  const full = join(dir, relative(nearest, abs));
  const top = await run(options, ['rev-parse', '--show-toplevel'], dir);
  if (top.missing) return checkWithIgnorePackage(full, dir);
  if (top.code !== 0) {
    // git refuses some repositories (one owned by another user: "dubious ownership"); a `.git` above
    // still means the file is in one, so the ignore files are read without git.
    if (findRoot(dir) !== undefined) {
      return checkWithIgnorePackage(
        full,
        dir,
        'git refused to work in this repository (is it owned by another user?): the repository ignore files were read with the ignore package; core.excludesFile and tracked files could not be checked',
      );
    }
    return { path: abs, inRepository: false, tracked: false, ignored: false, method: 'git' };
  }
  const root = top.stdout.trim();
  // A repository's core.worktree can put the working tree elsewhere (the home directory): a file
  // outside it is one git cannot add, and its ignore files are not this file's to change.
  if (!within(root, full)) return { path: full, inRepository: false, tracked: false, ignored: false, method: 'git' };
  const rel = toPosix(relative(root, full));
  const [tracked, check] = await Promise.all([
    run(options, ['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', rel], root),
    run(options, ['check-ignore', '-v', '--no-index', '--', rel], root),
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

/** Where to add an ignore rule: the repository's `.gitignore`, `.git/info/exclude`, or the user's global ignore file. */
export type IgnoreTarget = 'gitignore' | 'info-exclude' | 'global';

/** Options for `ensureIgnored()`. */
export interface EnsureIgnoredOptions extends GitOptions {
  /**
   * Where to add the rule: the repository's `.gitignore` (shared with everyone), `.git/info/exclude`
   * (this clone only), or the global excludes file, as Claude Code itself does (docs/behavior.md#local-settings-file, docs/behavior.md#writing).
   * @default 'gitignore'
   */
  target?: IgnoreTarget;
  /** The home directory, for `~` in core.excludesFile and the default global file. @default os.homedir() */
  homeDir?: string;
}

/** What `ensureIgnored()` did and the file's state afterwards. */
export interface EnsureIgnoredResult {
  /** Git ignores the file now. */
  ignored: boolean;
  /** It was ignored before; nothing was written. */
  alreadyIgnored: boolean;
  /** The file the rule was added to. */
  file?: string;
  /** The ignore pattern added, when one was added. */
  pattern?: string;
  /** Whether the file would be committed, checked after the change. */
  safety: GitSafety;
}

async function globalExcludesFile(options: GitOptions, root: string, homeDir: string): Promise<string> {
  const env = options.env ?? process.env;
  const configured = await run(options, ['config', '--global', '--get', 'core.excludesFile'], root);
  const value = configured.code === 0 ? configured.stdout.trim() : '';
  // Claude Code uses core.excludesFile when it is absolute or ~-prefixed, else the XDG default (docs/behavior.md#local-settings-file).
  if (value.startsWith('~/')) return join(homeDir, value.slice(2));
  if (value && isAbsolute(value)) return value;
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg ? join(xdg, 'git', 'ignore') : join(homeDir, '.config', 'git', 'ignore');
}

/**
 * Where a rule for a repository target may be written. `within`: the real folders the file must stay
 * in (the working tree, the git directory); `link`: what to do about a symbolic link in place of the
 * file (`.gitignore`: git does not read a symlinked one, so the link is refused whatever it points at).
 */
interface Confinement {
  within: string[];
  link: 'refuse' | 'within';
  /** What the place is, for messages: "the repository", "the git directory". */
  what: string;
}

function unsafe(message: string): ConfigError {
  return new ConfigError('UNSAFE_SYMLINK', message);
}

/**
 * The real path to write the rule to: `file` with links resolved, refused (`UNSAFE_SYMLINK`) when that
 * leaves the confinement. Without one (the global excludes file, outside every repository by nature)
 * links are followed: dotfile managers link it to elsewhere in the home directory.
 */
function realIgnoreFile(file: string, confine: Confinement | undefined): string {
  let ancestor = dirname(file);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  const realAncestor = realpathSync(ancestor);
  if (confine && !confine.within.some((b) => within(b, realAncestor))) {
    throw unsafe(
      `${ancestor} is a symbolic link out of ${confine.what} (to ${realAncestor}): the ignore rule for ${file} is not written there. Replace the link with a folder, or choose another gitIgnoreTarget`,
    );
  }
  const dir = join(realAncestor, relative(ancestor, dirname(file)));
  const target = join(dir, basename(file));
  const l = lstatSync(target, { throwIfNoEntry: false });
  if (!l?.isSymbolicLink()) return target;
  const pointsAt = resolve(dir, readlinkSync(target));
  if (confine?.link === 'refuse') {
    throw unsafe(
      `${file} is a symbolic link (to ${pointsAt}): git does not read a symlinked .gitignore, and the ignore rule must not be written into another file. Replace the link with a regular file, or choose gitIgnoreTarget 'info-exclude' or 'global'`,
    );
  }
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    if (confine)
      throw unsafe(
        `${file} is a symbolic link to ${pointsAt}, which does not exist: the ignore rule is not written through it. Replace the link with a regular file`,
      );
    return pointsAt;
  }
  if (confine && !confine.within.some((b) => within(b, real))) {
    throw unsafe(
      `${file} is a symbolic link out of ${confine.what} (to ${real}): the ignore rule is not written there. Replace the link with a regular file, or choose another gitIgnoreTarget`,
    );
  }
  return real;
}

function notWritable(file: string, error: unknown): ConfigError {
  const code = (error as { code?: string }).code ?? (error as Error).message;
  return new ConfigError('FILE_NOT_WRITABLE', `the ignore rule could not be written to ${file} (${code})`, { cause: error });
}

async function appendRule(file: string, pattern: string, confine?: Confinement): Promise<void> {
  const target = realIgnoreFile(file, confine);
  const st = statSync(target, { throwIfNoEntry: false });
  if (st && !st.isFile())
    throw new ConfigError('FILE_NOT_REGULAR', `${file} is not a regular file (a folder, a FIFO or a device): the ignore rule is not written to it`);
  if (st && st.size > MAX_IGNORE_FILE)
    throw new ConfigError('FILE_TOO_LARGE', `${file} is larger than ${MAX_IGNORE_FILE} bytes: the ignore rule is not added to it`);
  const before = st ? readFileSync(target, 'utf8') : '';
  if (before.split(/\r?\n/).some((l) => l.trim() === pattern)) return;
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const gap = before === '' || before.endsWith('\n') ? '' : eol;
  const text = `${before}${gap}# Claude Code local settings: personal, may hold credentials${eol}${pattern}${eol}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw notWritable(file, error);
  }
  // Loaded on use: checkGitSafety (and claude-gateway-config/resolve) never write.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  try {
    // The real path, checked above: write-file-atomic would follow a link on its own. The rename
    // replaces the entry, so a hard link to another file is not written through either.
    await writeFileAtomic(target, text, { encoding: 'utf8' });
  } catch (error) {
    throw notWritable(file, error);
  }
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
  const root = realpathSync(safety.root as string);
  const rel = toPosix(relative(root, safety.path));
  const target = options.target ?? 'gitignore';
  let file: string;
  let pattern = `/${rel}`;
  let confine: Confinement | undefined;
  if (target === 'gitignore') {
    file = join(root, '.gitignore');
    confine = { within: [root], link: 'refuse', what: 'the repository' };
  } else if (target === 'info-exclude') {
    const [gitPath, commonDir] =
      safety.method === 'git'
        ? await Promise.all([run(options, ['rev-parse', '--git-path', 'info/exclude'], root), run(options, ['rev-parse', '--git-common-dir'], root)])
        : [undefined, undefined];
    file = gitPath && gitPath.code === 0 ? resolve(root, gitPath.stdout.trim()) : join(root, '.git', 'info', 'exclude');
    const gitDir = commonDir && commonDir.code === 0 ? resolve(root, commonDir.stdout.trim()) : join(root, '.git');
    // The git directory (a worktree's or a submodule's lives outside the working tree) or the working tree.
    confine = { within: [realpathSync(gitDir), root], link: 'within', what: 'the repository and its git directory' };
  } else {
    file = await globalExcludesFile(options, root, options.homeDir ?? homedir());
    if (basename(rel) === 'settings.local.json' && basename(dirname(rel)) === '.claude') pattern = '**/.claude/settings.local.json';
  }
  await appendRule(file, pattern, confine);
  const after = await checkGitSafety(path, options);
  if (!after.ignored) {
    throw new ConfigError('GIT_FAILED', `added ${pattern} to ${file}, but git still does not ignore ${path} (a later "!" rule?)`);
  }
  return { ignored: true, alreadyIgnored: false, file, pattern, safety: after };
}
