/**
 * Credentials and git on real repositories ("Credentials and git"): refusals for the
 * shared project file and for tracked files, ignore rules added where asked and verified with a real
 * `git check-ignore`, `checkGitSafety` with git and without it (the `ignore` package fallback).
 *
 * git runs with HOME and XDG_CONFIG_HOME inside the sandbox and no system configuration.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGitSafety, credentialsIn, ensureGitIgnored, listBackups, writeSettings, type Diagnostic, type GitOptions } from '../src/index';
import { makeSandbox, modeOf, rejectsWithCode, set, snapshot, unset, type Sandbox } from './helpers/sandbox';
import { writeFile } from './helpers/tmp';

let sb: Sandbox;

beforeEach(() => {
  sb = makeSandbox('cgc-git-');
});

afterEach(() => {
  sb.cleanup();
});

const TOKEN = ['env', 'ANTHROPIC_AUTH_TOKEN'];
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);
const localFile = (repo: string): string => join(repo, '.claude', 'settings.local.json');
const GLOBAL_PATTERN = '**/.claude/settings.local.json';

/** Real git's verdict: is `path` (relative to `repo`) ignored? */
function gitIgnores(repo: string, path: string): boolean {
  return sb.gitStatus(repo, 'check-ignore', '-q', '--no-index', '--', path) === 0;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim());
}

describe('credentialsIn: the credentials an edit carries', () => {
  it('credential variables, one by one or in a whole env object; unset carries none', () => {
    expect(credentialsIn([set(TOKEN, 'sk-x')])).toEqual([{ path: 'env.ANTHROPIC_AUTH_TOKEN', variable: 'ANTHROPIC_AUTH_TOKEN' }]);
    expect(credentialsIn([set(['env'], { ANTHROPIC_BASE_URL: 'https://gw', AWS_SECRET_ACCESS_KEY: 'abc' })]).map((c) => c.variable)).toEqual([
      'AWS_SECRET_ACCESS_KEY',
    ]);
    expect(credentialsIn([unset(TOKEN), set(['env', 'ANTHROPIC_BASE_URL'], 'https://gw')])).toEqual([]);
  });

  it.each([
    'ANTHROPIC_AUTH_TOKEN',
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_FOUNDRY_API_KEY',
    'ANTHROPIC_FOUNDRY_AUTH_TOKEN',
    'ANTHROPIC_AWS_API_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_BEARER_TOKEN_BEDROCK',
    'CLAUDE_CODE_OAUTH_TOKEN',
    'CLAUDE_CODE_CLIENT_KEY_PASSPHRASE',
  ])('%s is a credential (list)', (name) => {
    expect(credentialsIn([set(['env', name], 'value')]).map((c) => c.variable)).toEqual([name]);
  });

  it('ANTHROPIC_CUSTOM_HEADERS with an Authorization header is a credential; a plain X-Tenant header is not', () => {
    expect(credentialsIn([set(['env', 'ANTHROPIC_CUSTOM_HEADERS'], 'X-Tenant: acme\nAuthorization: Bearer abc')]).map((c) => c.variable)).toEqual([
      'ANTHROPIC_CUSTOM_HEADERS',
    ]);
    expect(credentialsIn([set(['env', 'ANTHROPIC_CUSTOM_HEADERS'], 'X-Tenant: acme')])).toEqual([]);
  });
});

describe('writeSettings: credentials in shared and tracked files', () => {
  it('refuses a credential in the project file (CREDENTIAL_IN_SHARED_FILE), even as a dry run; nothing is created', async () => {
    const repo = sb.repo();
    for (const dryRun of [false, true]) {
      await rejectsWithCode(writeSettings(sb.options('project', repo, [set(TOKEN, 'sk-x')], { dryRun })), 'CREDENTIAL_IN_SHARED_FILE');
    }
    expect(existsSync(join(repo, '.claude'))).toBe(false);
    expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
  });

  it('an Authorization custom header in the project file is refused; a plain X-Tenant header is written', async () => {
    const repo = sb.repo();
    await rejectsWithCode(
      writeSettings(sb.options('project', repo, [set(['env', 'ANTHROPIC_CUSTOM_HEADERS'], 'Authorization: Bearer abc')])),
      'CREDENTIAL_IN_SHARED_FILE',
    );
    const ok = await writeSettings(sb.options('project', repo, [set(['env', 'ANTHROPIC_CUSTOM_HEADERS'], 'X-Tenant: acme')]));
    expect(JSON.parse(readFileSync(ok.path, 'utf8'))).toEqual({ env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Tenant: acme' } });
  });

  it('allowCredentialsInProject lets the credential into the project file, and git is made to ignore it first', async () => {
    const repo = sb.repo();
    const result = await writeSettings(sb.options('project', repo, [set(TOKEN, 'sk-x')], { allowCredentialsInProject: true }));
    expect(JSON.parse(readFileSync(result.path, 'utf8'))).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-x' } });
    expect(modeOf(result.path)).toBe(0o600);
    expect(result.diagnostics.map((d) => d.code)).toContain('write-git-ignore-added');
    expect(sb.git(repo, 'check-ignore', '.claude/settings.json')).toContain('.claude/settings.json');
  });

  it('allowCredentialsInProject does not allow a project file git tracks (CREDENTIAL_IN_TRACKED_FILE), dry run or not', async () => {
    const repo = sb.repo();
    const file = writeFile(join(repo, '.claude', 'settings.json'), { model: 'opus' });
    sb.git(repo, 'add', '.claude/settings.json');
    sb.git(repo, 'commit', '-q', '-m', 'shared settings');
    const before = snapshot(file);
    for (const dryRun of [false, true]) {
      await rejectsWithCode(
        writeSettings(sb.options('project', repo, [set(TOKEN, 'sk-x')], { allowCredentialsInProject: true, dryRun })),
        'CREDENTIAL_IN_TRACKED_FILE',
      );
    }
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses a credential in a local file git tracks (CREDENTIAL_IN_TRACKED_FILE); bytes unchanged, no backup, no rule', async () => {
    const repo = sb.repo();
    const file = writeFile(localFile(repo), { model: 'opus' });
    sb.git(repo, 'add', '.claude/settings.local.json');
    sb.git(repo, 'commit', '-q', '-m', 'local settings');
    const before = snapshot(file);
    for (const dryRun of [false, true]) {
      await rejectsWithCode(writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-x')], { dryRun })), 'CREDENTIAL_IN_TRACKED_FILE');
    }
    expect(snapshot(file)).toEqual(before);
    expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
    // A variable that is not a credential may still go there.
    await writeSettings(sb.options('local', repo, [set(['env', 'ANTHROPIC_BASE_URL'], 'https://gw')]));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'opus', env: { ANTHROPIC_BASE_URL: 'https://gw' } });
  });

  it('a tracked file that is also ignored is still refused: ignoring it protects nothing', async () => {
    const repo = sb.repo();
    writeFile(localFile(repo), {});
    sb.git(repo, 'add', '.claude/settings.local.json');
    sb.git(repo, 'commit', '-q', '-m', 'oops');
    writeFile(join(repo, '.gitignore'), '.claude/settings.local.json\n');
    await rejectsWithCode(writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-x')])), 'CREDENTIAL_IN_TRACKED_FILE');
  });
});

describe('writeSettings: an ignore rule before a credential goes into the local file', () => {
  async function writeToken(repo: string, extra: Parameters<Sandbox['options']>[3] = {}): Promise<Diagnostic[]> {
    const result = await writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-secret')], extra));
    expect(JSON.parse(readFileSync(localFile(repo), 'utf8'))).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-secret' } });
    expect(modeOf(localFile(repo))).toBe(0o600);
    return result.diagnostics;
  }

  it('default: a rule in the repository .gitignore, verified by git check-ignore', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), 'node_modules/\ndist/');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(false);
    const diagnostics = await writeToken(repo);
    expect(codes(diagnostics)).toContain('write-git-ignore-added');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    const text = readFileSync(join(repo, '.gitignore'), 'utf8');
    // The existing rules are kept, and the missing final newline did not glue two rules together.
    expect(text.startsWith('node_modules/\ndist/\n')).toBe(true);
    expect(lines(join(repo, '.gitignore'))).toContain('/.claude/settings.local.json');
    // The local file is not even listed as untracked now.
    expect(sb.git(repo, 'status', '--porcelain', '--untracked-files=all')).not.toContain('settings.local.json');
  });

  it('from a subdirectory, the rule goes into the root .gitignore for the root local file', async () => {
    const repo = sb.repo();
    const sub = join(repo, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const result = await writeSettings(sb.options('local', sub, [set(TOKEN, 'sk-secret')]));
    expect(result.path).toBe(localFile(repo));
    expect(codes(result.diagnostics)).toContain('write-git-ignore-added');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    expect(existsSync(join(sub, '.gitignore'))).toBe(false);
  });

  it("gitIgnoreTarget 'info-exclude': a rule in .git/info/exclude, .gitignore untouched", async () => {
    const repo = sb.repo();
    const diagnostics = await writeToken(repo, { gitIgnoreTarget: 'info-exclude' });
    expect(codes(diagnostics)).toContain('write-git-ignore-added');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
    expect(lines(join(repo, '.git', 'info', 'exclude'))).toContain('/.claude/settings.local.json');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
  });

  it("gitIgnoreTarget 'global' with core.excludesFile an absolute path: the rule goes there, as Claude Code's pattern", async () => {
    const repo = sb.repo();
    const excludes = join(sb.tmp, 'my-excludes');
    writeFileSync(join(sb.home, '.gitconfig'), `[core]\n\texcludesFile = ${excludes}\n`);
    const diagnostics = await writeToken(repo, { gitIgnoreTarget: 'global' });
    expect(codes(diagnostics)).toContain('write-git-ignore-added');
    expect(lines(excludes)).toContain(GLOBAL_PATTERN);
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
    expect(existsSync(join(sb.xdg, 'git', 'ignore'))).toBe(false);
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
  });

  it("gitIgnoreTarget 'global' with core.excludesFile a ~/ path: expanded against the home directory", async () => {
    const repo = sb.repo();
    writeFileSync(join(sb.home, '.gitconfig'), '[core]\n\texcludesFile = ~/.gitignore_global\n');
    writeFileSync(join(sb.home, '.gitignore_global'), '*.swp\n');
    await writeToken(repo, { gitIgnoreTarget: 'global' });
    expect(lines(join(sb.home, '.gitignore_global'))).toEqual(expect.arrayContaining(['*.swp', GLOBAL_PATTERN]));
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
  });

  it("gitIgnoreTarget 'global' with core.excludesFile unset: $XDG_CONFIG_HOME/git/ignore", async () => {
    const repo = sb.repo();
    await writeToken(repo, { gitIgnoreTarget: 'global' });
    expect(lines(join(sb.xdg, 'git', 'ignore'))).toContain(GLOBAL_PATTERN);
    expect(existsSync(join(sb.home, '.config', 'git', 'ignore'))).toBe(false);
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    // The global rule covers the same file in every other repository too.
    const other = sb.repo('other');
    expect(gitIgnores(other, '.claude/settings.local.json')).toBe(true);
  });

  it('a file already ignored gets no new rule and no write-git-ignore-added', async () => {
    const repo = sb.repo();
    const gitignore = writeFile(join(repo, '.gitignore'), '.claude/*.local.json\n');
    const before = snapshot(gitignore);
    const diagnostics = await writeToken(repo);
    expect(codes(diagnostics)).not.toContain('write-git-ignore-added');
    expect(snapshot(gitignore)).toEqual(before);
    expect(existsSync(join(sb.xdg, 'git', 'ignore'))).toBe(false);
  });

  it('a nested .gitignore in a subdirectory (.claude/.gitignore) counts', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', '.gitignore'), 'settings.local.json\n');
    const diagnostics = await writeToken(repo);
    expect(codes(diagnostics)).not.toContain('write-git-ignore-added');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
  });

  it('an ignore rule in the global excludes file counts (git check-ignore reads core.excludesFile)', async () => {
    const repo = sb.repo();
    writeFile(join(sb.xdg, 'git', 'ignore'), `${GLOBAL_PATTERN}\n`);
    const diagnostics = await writeToken(repo);
    expect(codes(diagnostics)).not.toContain('write-git-ignore-added');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
  });

  it('a dry run adds no rule and writes nothing, but says a rule would be added', async () => {
    const repo = sb.repo();
    const result = await writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-secret')], { dryRun: true }));
    expect(codes(result.diagnostics)).toContain('write-git-ignore-added');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
    expect(existsSync(join(repo, '.claude'))).toBe(false);
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(false);
  });

  it('outside a repository a credential goes into the local file without any rule', async () => {
    const dir = join(sb.tmp, 'plain');
    mkdirSync(dir);
    const result = await writeSettings(sb.options('local', dir, [set(TOKEN, 'sk-secret')]));
    expect(codes(result.diagnostics)).not.toContain('write-git-ignore-added');
    expect(modeOf(result.path)).toBe(0o600);
  });
});

describe('checkGitSafety with git', () => {
  const opts = (): GitOptions => ({ env: sb.env });

  it('outside a repository', async () => {
    const dir = join(sb.tmp, 'plain');
    mkdirSync(dir);
    const s = await checkGitSafety(join(dir, 'x.json'), opts());
    expect(s).toMatchObject({ inRepository: false, tracked: false, ignored: false, method: 'git' });
  });

  it('a tracked file', async () => {
    const repo = sb.repo();
    writeFile(localFile(repo), {});
    sb.git(repo, 'add', '-A');
    sb.git(repo, 'commit', '-q', '-m', 'c');
    const s = await checkGitSafety(localFile(repo), opts());
    expect(s).toMatchObject({ inRepository: true, root: repo, tracked: true, ignored: false, method: 'git' });
    expect(s.weaker).toBeUndefined();
  });

  it('an untracked, not ignored file', async () => {
    const repo = sb.repo();
    writeFile(localFile(repo), {});
    const s = await checkGitSafety(localFile(repo), opts());
    expect(s).toMatchObject({ inRepository: true, tracked: false, ignored: false, method: 'git' });
  });

  it('an ignored file, with the rule that ignores it (source, line, pattern)', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), 'node_modules/\n# local\n**/settings.local.json\n');
    writeFile(localFile(repo), {});
    const s = await checkGitSafety(localFile(repo), opts());
    expect(s).toMatchObject({ inRepository: true, tracked: false, ignored: true, method: 'git' });
    expect(s.ignoredBy).toEqual({ source: join(repo, '.gitignore'), line: 3, pattern: '**/settings.local.json' });
  });

  it('ignoredBy names a nested .gitignore and .git/info/exclude', async () => {
    const repo = sb.repo();
    writeFile(join(repo, 'pkg', '.gitignore'), 'secret.json\n');
    const nested = await checkGitSafety(join(repo, 'pkg', 'secret.json'), opts());
    expect(nested.ignoredBy).toEqual({ source: join(repo, 'pkg', '.gitignore'), line: 1, pattern: 'secret.json' });
    writeFile(join(repo, '.git', 'info', 'exclude'), '# x\n# y\n/other.json\n');
    const excluded = await checkGitSafety(join(repo, 'other.json'), opts());
    expect(excluded.ignoredBy).toEqual({ source: join(repo, '.git', 'info', 'exclude'), line: 3, pattern: '/other.json' });
  });

  it('a "!" rule that re-includes the file: not ignored (check-ignore -v prints negations too)', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), '*.json\n!settings.local.json\n');
    writeFile(localFile(repo), {});
    const s = await checkGitSafety(localFile(repo), opts());
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(false);
    expect(s).toMatchObject({ inRepository: true, tracked: false, ignored: false, method: 'git' });
    expect(s.ignoredBy).toBeUndefined();
  });

  it('a path whose parent directories do not exist yet', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), 'deep/\n');
    const s = await checkGitSafety(join(repo, 'deep', 'er', '.claude', 'settings.local.json'), opts());
    expect(s).toMatchObject({ inRepository: true, root: repo, tracked: false, ignored: true, method: 'git' });
    expect(existsSync(join(repo, 'deep'))).toBe(false);
    const notIgnored = await checkGitSafety(join(repo, 'new', '.claude', 'settings.local.json'), opts());
    expect(notIgnored).toMatchObject({ inRepository: true, ignored: false });
  });

  it('a repository reached through a symlinked directory: the rule ensureGitIgnored adds is one git honours', async () => {
    const repo = sb.repo();
    const link = join(sb.tmp, 'link-to-repo');
    symlinkSync(repo, link);
    const path = join(link, '.claude', 'settings.local.json');
    const before = await checkGitSafety(path, opts());
    expect(before).toMatchObject({ inRepository: true, root: repo, ignored: false });
    const result = await ensureGitIgnored(path, opts());
    expect(result).toMatchObject({ ignored: true, alreadyIgnored: false, file: join(repo, '.gitignore'), pattern: '/.claude/settings.local.json' });
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
  });
});

describe('ensureGitIgnored', () => {
  const opts = (): GitOptions => ({ env: sb.env });

  it('throws FILE_TRACKED for a tracked file and adds no rule', async () => {
    const repo = sb.repo();
    writeFile(localFile(repo), {});
    sb.git(repo, 'add', '-A');
    sb.git(repo, 'commit', '-q', '-m', 'c');
    await rejectsWithCode(ensureGitIgnored(localFile(repo), opts()), 'FILE_TRACKED');
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
  });

  it('an already ignored file: alreadyIgnored, nothing written', async () => {
    const repo = sb.repo();
    const gi = writeFile(join(repo, '.gitignore'), '.claude/\n');
    const before = snapshot(gi);
    const result = await ensureGitIgnored(localFile(repo), opts());
    expect(result).toMatchObject({ ignored: true, alreadyIgnored: true });
    expect(snapshot(gi)).toEqual(before);
  });

  it('outside a repository: not ignored, nothing written', async () => {
    const dir = join(sb.tmp, 'plain');
    mkdirSync(dir);
    const result = await ensureGitIgnored(join(dir, '.claude', 'settings.local.json'), { ...opts(), target: 'global', homeDir: sb.home });
    expect(result).toMatchObject({ ignored: false, alreadyIgnored: false });
    expect(existsSync(join(sb.xdg, 'git'))).toBe(false);
  });

  it('a CRLF .gitignore gets a CRLF rule; a second call adds nothing', async () => {
    const repo = sb.repo();
    const gi = writeFile(join(repo, '.gitignore'), 'a\r\nb\r\n');
    await ensureGitIgnored(localFile(repo), opts());
    const text = readFileSync(gi, 'utf8');
    expect(text.startsWith('a\r\nb\r\n')).toBe(true);
    expect(text).not.toMatch(/(?<!\r)\n/);
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    const again = await ensureGitIgnored(localFile(repo), opts());
    expect(again.alreadyIgnored).toBe(true);
    expect(readFileSync(gi, 'utf8')).toBe(text);
  });

  it('a deeper "!" rule that keeps the file visible: GIT_FAILED, because git still does not ignore it', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', '.gitignore'), '!settings.local.json\n');
    await rejectsWithCode(ensureGitIgnored(localFile(repo), opts()), 'GIT_FAILED');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(false);
  });

  it('writeSettings refuses the credential then (GIT_FAILED) and writes nothing', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', '.gitignore'), '!settings.local.json\n');
    await rejectsWithCode(writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-secret')])), 'GIT_FAILED');
    expect(existsSync(localFile(repo))).toBe(false);
    expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
  });
});

describe('checkGitSafety without git: the ignore package, and a weaker check', () => {
  function noGitEnv(): Record<string, string> {
    const empty = join(sb.tmp, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    return { ...sb.env, PATH: empty };
  }

  const variants: [string, () => GitOptions][] = [
    ['PATH without git', () => ({ env: noGitEnv() })],
    ['a git option naming a missing program', () => ({ env: sb.env, git: join(sb.tmp, 'no', 'such', 'git') })],
  ];

  it.each(variants)('%s: method ignore-package with a weaker explanation', async (_name, opts) => {
    const repo = sb.repo();
    const s = await checkGitSafety(localFile(repo), opts());
    expect(s).toMatchObject({ inRepository: true, root: repo, ignored: false, method: 'ignore-package' });
    expect(typeof s.weaker).toBe('string');
    expect(s.weaker).not.toBe('');
  });

  it.each(variants)('%s: honours the root .gitignore', async (_name, opts) => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), '.claude/settings.local.json\n');
    expect(await checkGitSafety(localFile(repo), opts())).toMatchObject({ ignored: true, method: 'ignore-package' });
  });

  it.each(variants)('%s: honours .git/info/exclude', async (_name, opts) => {
    const repo = sb.repo();
    writeFile(join(repo, '.git', 'info', 'exclude'), '**/settings.local.json\n');
    expect(await checkGitSafety(localFile(repo), opts())).toMatchObject({ ignored: true, method: 'ignore-package' });
  });

  it.each(variants)('%s: honours a nested .gitignore', async (_name, opts) => {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', '.gitignore'), 'settings.local.json\n');
    expect(await checkGitSafety(localFile(repo), opts())).toMatchObject({ ignored: true, method: 'ignore-package' });
  });

  it.each(variants)('%s: a "!" rule in a nested .gitignore re-includes the file', async (_name, opts) => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), 'settings.local.json\n');
    writeFile(join(repo, '.claude', '.gitignore'), '!settings.local.json\n');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(false);
    expect(await checkGitSafety(localFile(repo), opts())).toMatchObject({ inRepository: true, ignored: false, method: 'ignore-package' });
  });

  it.each(variants)('%s: a "!" rule cannot re-include a file whose parent directory is excluded', async (_name, opts) => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), '.claude/\n!.claude/settings.local.json\n');
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    expect(await checkGitSafety(localFile(repo), opts())).toMatchObject({ inRepository: true, ignored: true, method: 'ignore-package' });
  });

  it.each(variants)('%s: outside a repository', async (_name, opts) => {
    const dir = join(sb.tmp, 'plain');
    mkdirSync(dir);
    expect(await checkGitSafety(join(dir, 'x.json'), opts())).toMatchObject({ inRepository: false, method: 'ignore-package' });
  });

  it('writeSettings without git: adds a .gitignore rule, reports the weaker check, and the rule works for real git', async () => {
    const repo = sb.repo();
    const env = noGitEnv();
    const result = await writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-secret')], { git: { env } }));
    expect(codes(result.diagnostics)).toEqual(expect.arrayContaining(['write-git-weak-check', 'write-git-ignore-added']));
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
    expect(modeOf(result.path)).toBe(0o600);
  });

  it("ensureGitIgnored without git, target 'info-exclude': .git/info/exclude", async () => {
    const repo = sb.repo();
    const result = await ensureGitIgnored(localFile(repo), { env: noGitEnv(), target: 'info-exclude' });
    expect(result).toMatchObject({ ignored: true, file: join(repo, '.git', 'info', 'exclude') });
    expect(gitIgnores(repo, '.claude/settings.local.json')).toBe(true);
  });
});

describe('checkGitSafety in a repository git refuses', () => {
  // git refuses a repository owned by another user ("dubious ownership"); only root can make one here.
  it.skipIf(process.getuid?.() !== 0)('a repository owned by another user is still a repository: the ignore package decides, weaker', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.gitignore'), 'other\n');
    execFileSync('chown', ['-R', '12345:12345', repo]);
    expect(sb.gitStatus(repo, 'rev-parse', '--show-toplevel')).not.toBe(0);
    const s = await checkGitSafety(localFile(repo), { env: sb.env });
    expect(s).toMatchObject({ inRepository: true, root: repo, ignored: false, method: 'ignore-package' });
    expect(typeof s.weaker).toBe('string');
    const result = await writeSettings(sb.options('local', repo, [set(TOKEN, 'sk-secret')]));
    expect(codes(result.diagnostics)).toEqual(expect.arrayContaining(['write-git-weak-check', 'write-git-ignore-added']));
    expect(lines(join(repo, '.gitignore'))).toContain('/.claude/settings.local.json');
  });
});
