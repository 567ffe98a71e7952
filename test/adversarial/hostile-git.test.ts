/**
 * Hostile repositories, part git: a repository's `.git/config` (an archive or a copied fixture can
 * carry one) names programs that git starts on its own, and its ignore files can be symbolic links
 * out of it. Each key gets a real repository whose configuration points the key at a script that
 * writes a marker; everything this package does in a repository (checkGitSafety, ensureGitIgnored
 * to each target, writeSettings with a credential, doctor(), findCommittedCredentials, and the CLI's
 * `set … --scope local`, `doctor`, `doctor --ci`) runs; the marker must not appear. Then plain git
 * runs a command that uses the key, and the marker must appear: the fixture was live.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkGitSafety, doctor, ensureGitIgnored, findCommittedCredentials, writeSettings } from '../../src/index';
import { runCli } from '../helpers/cli-io';
import { errorCode } from '../helpers/errors';
import { filesUnder, makeSandbox, rejectsWithCode, set, snapshot, type Sandbox } from '../helpers/sandbox';
import { writeFile } from '../helpers/tmp';

const POSIX = process.platform !== 'win32';
const TOKEN = 'sk-ant-api03-HostileGitQ4-token';
const HAS_SCRIPT = POSIX && spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

let sb: Sandbox;
let repo: string;
/** Where the marker script writes: one file per key that fired. */
let marks: string;
let markScript: string;

beforeEach(() => {
  sb = makeSandbox('cgc-hostile-');
  marks = join(sb.tmp, 'marks');
  mkdirSync(marks);
  markScript = join(sb.tmp, 'mark.sh');
  writeFileSync(markScript, `#!/bin/sh\necho fired >> '${marks}'/"$1"\nexit 1\n`);
  chmodSync(markScript, 0o755);
  repo = sb.repo();
  writeFile(join(repo, 'README.md'), 'hello\n');
  writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
  sb.git(repo, 'add', '-A');
  sb.git(repo, 'commit', '-q', '-m', 'init');
  // The CLI reads process.env (git's HOME and configuration too): the sandbox's, never the real one.
  for (const [k, v] of Object.entries(sb.env)) vi.stubEnv(k, v);
});

afterEach(() => {
  vi.unstubAllEnvs();
  sb.cleanup();
});

/** A shell command line that records `name` as fired. */
const mark = (name: string): string => `sh '${markScript}' ${name}`;

/** An executable that records `name` as fired (for keys git runs without a shell). */
function markProgram(name: string): string {
  const path = join(sb.tmp, `prog-${name}`);
  writeFileSync(path, `#!/bin/sh\n${mark(name)}\n`);
  chmodSync(path, 0o755);
  return path;
}

function fired(): string[] {
  return readdirSync(marks);
}

/** Sets a key in the repository's own configuration file (as an archive would carry it). */
function config(key: string, value: string): void {
  execFileSync('git', ['config', '--file', join(repo, '.git', 'config'), key, value]);
}

/** Plain git, as a user's shell would run it, status ignored. */
function plainGit(args: string[], input?: string, extraEnv: Record<string, string> = {}): void {
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd: repo,
    env: { ...sb.env, TERM: 'xterm', ...extraEnv },
    input: input ?? '',
    stdio: ['pipe', 'ignore', 'ignore'],
    timeout: 20_000,
  });
}

/**
 * Makes the repository a partial clone whose committed settings blob is missing: reading it would
 * fetch from `url`. The file is deleted from the working tree too, so that the staged content is the
 * only copy (`doctor --ci` reads the index).
 */
function partialClone(url: string): void {
  const oid = sb.git(repo, 'rev-parse', ':.claude/settings.json').trim();
  unlinkSync(join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
  unlinkSync(join(repo, '.claude', 'settings.json'));
  config('core.repositoryformatversion', '1');
  config('extensions.partialClone', 'origin');
  config('remote.origin.url', url);
  config('remote.origin.promisor', 'true');
}

const fetchMissingBlob = (): void => plainGit(['cat-file', 'blob', sb.git(repo, 'rev-parse', ':.claude/settings.json').trim()]);

function hooksIn(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const hook of ['pre-commit', 'commit-msg', 'post-commit', 'post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc']) {
    writeFileSync(join(dir, hook), `#!/bin/sh\n${mark('hooks')}\n`);
    chmodSync(join(dir, hook), 0o755);
  }
}

interface Hostile {
  /** What the repository sets. */
  key: string;
  arm(): void;
  /** A plain git command that does run it: proof the fixture is live. */
  trigger(): void;
  /** Only where the trigger is possible here. */
  when?: boolean;
}

const HOSTILE: Hostile[] = [
  { key: 'core.fsmonitor', arm: () => config('core.fsmonitor', mark('fsmonitor')), trigger: () => plainGit(['ls-files']) },
  {
    key: 'core.hooksPath',
    arm: () => (hooksIn(join(sb.tmp, 'hooks')), config('core.hooksPath', join(sb.tmp, 'hooks'))),
    trigger: () => plainGit(['commit', '--allow-empty', '-q', '-m', 'x']),
  },
  {
    key: '.git/hooks (no key: the default folder)',
    arm: () => hooksIn(join(repo, '.git', 'hooks')),
    trigger: () => plainGit(['commit', '--allow-empty', '-q', '-m', 'x']),
  },
  {
    key: 'diff.external',
    arm: () => (config('diff.external', mark('diff-external')), writeFileSync(join(repo, 'README.md'), 'changed\n')),
    trigger: () => plainGit(['diff']),
  },
  {
    key: 'filter.<driver>.clean / smudge',
    arm: () => {
      writeFileSync(join(repo, '.gitattributes'), '* filter=evil\n');
      config('filter.evil.clean', mark('filter'));
      config('filter.evil.smudge', mark('filter'));
    },
    trigger: () => plainGit(['cat-file', '--filters', 'HEAD:.claude/settings.json']),
  },
  {
    key: 'filter.<driver>.process',
    arm: () => (writeFileSync(join(repo, '.gitattributes'), '* filter=evil\n'), config('filter.evil.process', mark('filter-process'))),
    trigger: () => plainGit(['cat-file', '--filters', 'HEAD:.claude/settings.json']),
  },
  {
    key: 'diff.<driver>.textconv',
    arm: () => (writeFileSync(join(repo, '.gitattributes'), '*.json diff=evil\n'), config('diff.evil.textconv', mark('textconv'))),
    trigger: () => plainGit(['show', '--textconv', ':.claude/settings.json']),
  },
  {
    key: 'core.sshCommand (lazy fetch of a partial clone)',
    arm: () => (partialClone('ssh://example.invalid/x.git'), config('core.sshCommand', mark('ssh'))),
    trigger: fetchMissingBlob,
  },
  {
    key: 'remote.<name>.uploadpack (lazy fetch)',
    arm: () => (partialClone(join(sb.tmp, 'elsewhere')), config('remote.origin.uploadpack', mark('uploadpack'))),
    trigger: fetchMissingBlob,
  },
  {
    key: 'protocol.ext.allow + an ext:: remote (lazy fetch)',
    arm: () => (partialClone(`ext::sh ${markScript} ext`), config('protocol.ext.allow', 'always')),
    trigger: fetchMissingBlob,
  },
  {
    key: 'core.gitProxy (lazy fetch)',
    arm: () => (partialClone('git://example.invalid/x.git'), config('core.gitProxy', markProgram('gitproxy'))),
    trigger: fetchMissingBlob,
  },
  {
    key: 'core.pager / pager.<cmd>',
    arm: () => (config('core.pager', mark('pager')), config('pager.ls-files', mark('pager'))),
    trigger: () =>
      spawnSync('script', ['-qec', 'git ls-files', '/dev/null'], { cwd: repo, env: { ...sb.env, TERM: 'xterm' }, stdio: 'ignore', timeout: 20_000 }),
    when: HAS_SCRIPT,
  },
  { key: 'core.editor', arm: () => config('core.editor', mark('editor')), trigger: () => plainGit(['commit', '--allow-empty']) },
  {
    key: 'credential.helper',
    arm: () => config('credential.helper', `!${mark('credential')}`),
    trigger: () => plainGit(['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    key: 'core.askPass',
    arm: () => config('core.askPass', markProgram('askpass')),
    trigger: () => plainGit(['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    key: 'gpg.program',
    arm: () => config('gpg.program', markProgram('gpg')),
    trigger: () => plainGit(['-c', 'commit.gpgSign=true', 'commit', '--allow-empty', '-q', '-m', 'x']),
  },
  {
    key: 'include.path (a file that sets core.fsmonitor)',
    arm: () => (writeFileSync(join(sb.tmp, 'included'), `[core]\n\tfsmonitor = ${mark('include')}\n`), config('include.path', join(sb.tmp, 'included'))),
    trigger: () => plainGit(['ls-files']),
  },
  {
    key: 'includeIf.gitdir (a file that sets core.fsmonitor)',
    arm: () => (
      writeFileSync(join(sb.tmp, 'included-if'), `[core]\n\tfsmonitor = ${mark('include-if')}\n`),
      config('includeIf.gitdir:/.path', join(sb.tmp, 'included-if'))
    ),
    trigger: () => plainGit(['ls-files']),
  },
];

/** Everything this package does in a repository, through the library and the CLI. */
async function everything(): Promise<void> {
  const env = sb.env;
  const where = ['--home', sb.home, '--cwd', repo, '--platform', 'linux'];
  const cliSet = await runCli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'local', ...where], {
    env: { ...env, CGC_VALUE: TOKEN },
    cwd: repo,
  });
  expect(cliSet.code, cliSet.stderr).toBe(0);
  expect((await runCli(['doctor', ...where], { env, cwd: repo })).code).not.toBe(4);
  // 0, or 2 when the committed blob is missing from a partial clone (it cannot be checked, nothing is fetched).
  expect([0, 2]).toContain((await runCli(['doctor', '--ci', '--repo', repo], { env, cwd: repo })).code);
  const local = join(repo, '.claude', 'settings.local.json');
  expect((await checkGitSafety(local, { env })).ignored).toBe(true);
  await ensureGitIgnored(join(repo, 'a', 'one.json'), { env, target: 'gitignore' });
  await ensureGitIgnored(join(repo, 'b', 'two.json'), { env, target: 'info-exclude' });
  await ensureGitIgnored(join(repo, 'c', 'three.json'), { env, target: 'global', homeDir: sb.home });
  await writeSettings(sb.options('local', repo, [set(['env', 'ANTHROPIC_API_KEY'], TOKEN)]));
  await doctor({ cwd: repo, homeDir: sb.home, platform: 'linux', env, git: { env } });
  await findCommittedCredentials(repo, { env }).catch((e: { code?: string }) => expect(e.code).toBe('GIT_FAILED'));
}

describe.skipIf(!POSIX)('a repository configuration that names programs: none of them runs', () => {
  it('the marker script works (the fixture can fire)', () => {
    spawnSync('sh', ['-c', mark('self-test')]);
    expect(fired()).toEqual(['self-test']);
  });

  for (const h of HOSTILE) {
    it.skipIf(h.when === false)(h.key, async () => {
      h.arm();
      await everything();
      expect(fired()).toEqual([]);
      h.trigger();
      expect(fired().length, `plain git did not run ${h.key}: the fixture is not live`).toBeGreaterThan(0);
    });
  }

  it('GIT_EXTERNAL_DIFF and GIT_PAGER in the environment are not passed on', async () => {
    writeFileSync(join(repo, 'README.md'), 'changed\n');
    vi.stubEnv('GIT_EXTERNAL_DIFF', mark('env-diff'));
    vi.stubEnv('GIT_PAGER', mark('env-pager'));
    await everything();
    expect(fired()).toEqual([]);
  });

  it('a FIFO in place of an included configuration file: git is stopped after the timeout (GIT_FAILED), nothing hangs', async () => {
    const fifo = join(sb.tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    config('include.path', fifo);
    const local = join(repo, '.claude', 'settings.local.json');
    expect(await errorCode(() => checkGitSafety(local, { env: sb.env, timeoutMs: 500 }))).toBe('GIT_FAILED');
    expect(await errorCode(() => findCommittedCredentials(repo, { env: sb.env, timeoutMs: 500 }))).toBe('GIT_FAILED');
  });

  it('without git (the ignore package reads the ignore files): a FIFO .gitignore is not read (no hang), a symlinked one is not followed (as git)', async () => {
    const noGit = { env: sb.env, git: join(sb.tmp, 'no-git') };
    const local = join(repo, '.claude', 'settings.local.json');
    execFileSync('mkfifo', [join(repo, '.gitignore')]);
    expect(await checkGitSafety(local, noGit)).toMatchObject({ inRepository: true, ignored: false, method: 'ignore-package' });
    unlinkSync(join(repo, '.gitignore'));
    writeFileSync(join(sb.tmp, 'elsewhere-ignore'), '.claude/\n');
    symlinkSync(join(sb.tmp, 'elsewhere-ignore'), join(repo, '.gitignore'));
    expect(await checkGitSafety(local, noGit)).toMatchObject({ ignored: false, method: 'ignore-package' });
    expect(sb.gitStatus(repo, 'check-ignore', '-q', '.claude/settings.local.json')).toBe(1);
  });

  it('a FIFO in place of .gitignore (git check-ignore would wait forever): GIT_FAILED, the credential not written', async () => {
    execFileSync('mkfifo', [join(repo, '.gitignore')]);
    const local = join(repo, '.claude', 'settings.local.json');
    await rejectsWithCode(
      writeSettings(sb.options('local', repo, [set(['env', 'ANTHROPIC_API_KEY'], TOKEN)], { git: { env: sb.env, timeoutMs: 500 } })),
      'GIT_FAILED',
    );
    expect(existsSync(local)).toBe(false);
  });
});

describe.skipIf(!POSIX)('ignore files that are symbolic links: nothing is written outside the repository', () => {
  let bashrc: string;
  let before: ReturnType<typeof snapshot>;
  const local = (): string => join(repo, '.claude', 'settings.local.json');
  const credential = (): ReturnType<typeof set>[] => [set(['env', 'ANTHROPIC_AUTH_TOKEN'], TOKEN)];

  beforeEach(() => {
    bashrc = join(sb.home, '.bashrc');
    writeFileSync(bashrc, 'export PATH=$HOME/bin:$PATH\n');
    before = snapshot(bashrc);
  });

  /** The write was refused whole: no settings file, no backup, ~/.bashrc untouched. */
  function nothingWritten(): void {
    expect(snapshot(bashrc)).toEqual(before);
    expect(existsSync(local())).toBe(false);
    expect(existsSync(sb.backupDir) ? filesUnder(sb.backupDir) : []).toEqual([]);
  }

  it('write-file-atomic, given a symbolic link, writes the file it points at (why the path is checked first)', async () => {
    const { default: writeFileAtomic } = await import('write-file-atomic');
    const link = join(sb.tmp, 'link');
    symlinkSync(bashrc, link);
    await writeFileAtomic(link, 'replaced\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(bashrc, 'utf8')).toBe('replaced\n');
  });

  it('.gitignore → ~/.bashrc: set --scope local refuses (UNSAFE_SYMLINK, exit 3) naming the path, writes nothing', async () => {
    symlinkSync(bashrc, join(repo, '.gitignore'));
    const r = await runCli(
      ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'local', '--home', sb.home, '--cwd', repo, '--platform', 'linux'],
      { env: { ...sb.env, CGC_VALUE: TOKEN }, cwd: repo },
    );
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('UNSAFE_SYMLINK');
    expect(r.stderr).toContain(join(repo, '.gitignore'));
    expect(r.stderr).not.toContain(TOKEN);
    nothingWritten();
  });

  it('.gitignore → ~/.bashrc: writeSettings and ensureGitIgnored refuse, nothing written, no backup', async () => {
    symlinkSync(bashrc, join(repo, '.gitignore'));
    const e = await rejectsWithCode(writeSettings(sb.options('local', repo, credential())), 'UNSAFE_SYMLINK');
    expect(e.message).toContain(join(repo, '.gitignore'));
    expect(e.message).toMatch(/regular file/);
    await rejectsWithCode(ensureGitIgnored(local(), { env: sb.env }), 'UNSAFE_SYMLINK');
    nothingWritten();
  });

  it('.gitignore → a file inside the repository: refused too (git does not read a symlinked .gitignore)', async () => {
    writeFile(join(repo, 'shared', 'ignore'), 'node_modules\n');
    symlinkSync('shared/ignore', join(repo, '.gitignore'));
    await rejectsWithCode(writeSettings(sb.options('local', repo, credential())), 'UNSAFE_SYMLINK');
    expect(readFileSync(join(repo, 'shared', 'ignore'), 'utf8')).toBe('node_modules\n');
    // The rule with --git-ignore info-exclude works.
    const r = await writeSettings(sb.options('local', repo, credential(), { gitIgnoreTarget: 'info-exclude' }));
    expect(r.diagnostics.map((d) => d.code)).toContain('write-git-ignore-added');
  });

  it('a dangling .gitignore link: refused, nothing created where it points', async () => {
    const target = join(sb.home, 'made-by-us');
    symlinkSync(target, join(repo, '.gitignore'));
    await rejectsWithCode(writeSettings(sb.options('local', repo, credential())), 'UNSAFE_SYMLINK');
    expect(existsSync(target)).toBe(false);
  });

  it('.git/info/exclude → ~/.bashrc (target info-exclude): refused', async () => {
    rmSync(join(repo, '.git', 'info', 'exclude'), { force: true });
    symlinkSync(bashrc, join(repo, '.git', 'info', 'exclude'));
    await rejectsWithCode(writeSettings(sb.options('local', repo, credential(), { gitIgnoreTarget: 'info-exclude' })), 'UNSAFE_SYMLINK');
    nothingWritten();
  });

  it('.git/info → a folder in the home directory (target info-exclude): refused, nothing created there', async () => {
    const outside = join(sb.home, 'outside');
    mkdirSync(outside);
    rmSync(join(repo, '.git', 'info'), { recursive: true, force: true });
    symlinkSync(outside, join(repo, '.git', 'info'));
    const e = await rejectsWithCode(ensureGitIgnored(local(), { env: sb.env, target: 'info-exclude' }), 'UNSAFE_SYMLINK');
    expect(e.message).toContain(join(repo, '.git', 'info'));
    expect(readdirSync(outside)).toEqual([]);
  });

  it('.git/info/exclude → a file inside the git directory: followed, the link kept, git ignores the file', async () => {
    writeFileSync(join(repo, '.git', 'my-exclude'), '# mine\n');
    rmSync(join(repo, '.git', 'info', 'exclude'), { force: true });
    symlinkSync('../my-exclude', join(repo, '.git', 'info', 'exclude'));
    const r = await ensureGitIgnored(local(), { env: sb.env, target: 'info-exclude' });
    expect(r.ignored).toBe(true);
    expect(lstatSync(join(repo, '.git', 'info', 'exclude')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(repo, '.git', 'my-exclude'), 'utf8')).toContain('/.claude/settings.local.json');
  });

  it('the global excludes file linked into a dotfiles folder in the home directory: followed (outside every repository by nature), the link kept', async () => {
    const dotfile = writeFile(join(sb.home, 'dotfiles', 'gitignore'), '*.swp\n');
    mkdirSync(join(sb.xdg, 'git'), { recursive: true });
    symlinkSync(dotfile, join(sb.xdg, 'git', 'ignore'));
    const r = await writeSettings(sb.options('local', repo, credential(), { gitIgnoreTarget: 'global' }));
    expect(r.diagnostics.map((d) => d.code)).toContain('write-git-ignore-added');
    expect(lstatSync(join(sb.xdg, 'git', 'ignore')).isSymbolicLink()).toBe(true);
    expect(readFileSync(dotfile, 'utf8')).toBe('*.swp\n# Claude Code local settings: personal, may hold credentials\n**/.claude/settings.local.json\n');
    expect(sb.gitStatus(repo, 'check-ignore', '-q', '.claude/settings.local.json')).toBe(0);
  });

  it('a .gitignore that is a folder: FILE_NOT_REGULAR, nothing written', async () => {
    mkdirSync(join(repo, '.gitignore'));
    await rejectsWithCode(writeSettings(sb.options('local', repo, credential())), 'FILE_NOT_REGULAR');
    nothingWritten();
  });

  it('core.worktree pointing at the home directory: no .gitignore is written there', async () => {
    config('core.worktree', sb.home);
    const r = await runCli(
      ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'local', '--home', sb.home, '--cwd', repo, '--platform', 'linux'],
      { env: { ...sb.env, CGC_VALUE: TOKEN }, cwd: repo },
    );
    expect(r.code, r.stderr).not.toBe(4);
    await writeSettings(sb.options('local', repo, credential())).catch(() => undefined);
    await ensureGitIgnored(local(), { env: sb.env }).catch(() => undefined);
    expect(existsSync(join(sb.home, '.gitignore'))).toBe(false);
    expect(snapshot(bashrc)).toEqual(before);
  });

  it('a symlinked parent of the repository root is fine: git reports the real root, the rule lands in its .gitignore', async () => {
    const alias = join(mkdtempSync(join(sb.tmp, 'alias-')), 'repo');
    symlinkSync(repo, alias);
    const r = await ensureGitIgnored(join(alias, '.claude', 'settings.local.json'), { env: sb.env });
    expect(r.file).toBe(join(realpathSync(repo), '.gitignore'));
    expect(lstatSync(join(repo, '.gitignore')).isFile()).toBe(true);
  });
});
