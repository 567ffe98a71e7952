/**
 * `findCommittedCredentials` and `claude-gateway doctor --ci` on real git repositories: what the next
 * commit holds (git's index) in `.claude/settings*.json` at any depth, whatever state the text is in
 * (Claude Code ignores a file with a comment; git commits it all the same). Values never appear in
 * what is returned or printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findCommittedCredentials, type Diagnostic } from '../../src/index';
import { jsonOut, runCli } from '../helpers/cli-io';
import { errorCode } from '../helpers/errors';
import { makeSandbox, type Sandbox } from '../helpers/sandbox';
import { writeFile } from '../helpers/tmp';

const PIECE = 'CommittedZ7q';
const KEY = `sk-ant-api03-${PIECE}-k3y`;
const POSIX = process.platform !== 'win32';

let sb: Sandbox;
let repo: string;

beforeEach(() => {
  sb = makeSandbox('cgc-cc-');
  repo = sb.repo();
  writeFile(join(repo, 'README.md'), 'hello\n');
  for (const [k, v] of Object.entries(sb.env)) vi.stubEnv(k, v);
});

afterEach(() => {
  vi.unstubAllEnvs();
  sb.cleanup();
});

function commit(message = 'c'): void {
  sb.git(repo, 'add', '-A', '-f');
  sb.git(repo, 'commit', '-q', '-m', message);
}

function find(dir = repo): Promise<Diagnostic[]> {
  return findCommittedCredentials(dir, { env: sb.env });
}

/** Nothing the function returns holds the credential. */
function noValue(ds: Diagnostic[]): void {
  expect(JSON.stringify(ds)).not.toContain(PIECE);
}

const WITH_COMMENT = `{
  // the team's gateway
  "env": {
    "ANTHROPIC_BASE_URL": "https://gw.example.com",
    "ANTHROPIC_API_KEY": "${KEY}"
  }
}
`;

describe('a committed file Claude Code would not read is still checked', () => {
  it('a comment: the credential key is found with its line and column, the value never shown', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), WITH_COMMENT);
    commit();
    const ds = await find();
    expect(ds).toEqual([
      expect.objectContaining({
        code: 'doctor-credential-in-project-file',
        severity: 'error',
        path: join(repo, '.claude', 'settings.json'),
        line: 5,
        column: 5,
      }),
    ]);
    expect(ds[0]?.message).toContain('ANTHROPIC_API_KEY');
    expect(ds[0]?.message).toContain('.claude/settings.json');
    noValue(ds);
  });

  it('the CLI: exit 1, line and column in --json, the value in no output', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), WITH_COMMENT);
    commit();
    const asJson = await runCli(['doctor', '--ci', '--json', '--repo', repo], { env: sb.env, cwd: repo });
    expect(asJson.code, asJson.stderr).toBe(1);
    expect(jsonOut<{ diagnostics: Diagnostic[] }>(asJson).diagnostics).toEqual([
      expect.objectContaining({ line: 5, column: 5, code: 'doctor-credential-in-project-file' }),
    ]);
    const text = await runCli(['doctor', '--ci', '--cwd', repo], { env: sb.env, cwd: repo });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('ANTHROPIC_API_KEY');
    for (const r of [asJson, text]) expect(r.stdout + r.stderr).not.toContain(PIECE);
  });

  it.each([
    ['a trailing comma', `{"env": {"ANTHROPIC_AUTH_TOKEN": "${KEY}",},}`, 1, 10],
    ['a block comment between key and value', `{"env": {\n\t"ANTHROPIC_AUTH_TOKEN" /* x */ : "${KEY}"}}`, 2, 2],
    ['a missing colon', `{"env": {"ANTHROPIC_BASE_URL": "https://gw.example.com",\n  "ANTHROPIC_AUTH_TOKEN" "${KEY}"}}`, 2, 3],
    ['a missing comma', `{"env": {"ANTHROPIC_BASE_URL": "https://gw.example.com"\n  "ANTHROPIC_AUTH_TOKEN": "${KEY}"}}`, 2, 3],
    ['no closing braces', `{"env": {\n  "ANTHROPIC_AUTH_TOKEN": "${KEY}"`, 2, 3],
    ['an unterminated value', `{"env": {\n  "ANTHROPIC_AUTH_TOKEN": "${KEY}`, 2, 3],
    ['single quotes elsewhere', `{'model': 'x', "env": {"ANTHROPIC_AUTH_TOKEN": "${KEY}"}}`, 1, 24],
    ['a byte-order mark', `\uFEFF{"env": {"ANTHROPIC_AUTH_TOKEN": "${KEY}"}}`, 1, 11],
    ['CRLF line ends', `{\r\n  "env": {\r\n    "ANTHROPIC_AUTH_TOKEN": "${KEY}"\r\n  }\r\n}\r\n`, 3, 5],
  ])('%s', async (_what, text, line, column) => {
    writeFile(join(repo, '.claude', 'settings.json'), text);
    commit();
    const ds = await find();
    expect(ds.map((d) => [d.line, d.column])).toEqual([[line, column]]);
    expect(ds[0]?.message).toContain('ANTHROPIC_AUTH_TOKEN');
    noValue(ds);
  });

  it('10,000 nested brackets after the env: no throw, the credential found', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), `{"env": {"ANTHROPIC_AUTH_TOKEN": "${KEY}"}, "x": ${'['.repeat(10_000)}`);
    commit();
    const ds = await find();
    expect(ds.map((d) => d.line)).toEqual([1]);
    noValue(ds);
  });

  it('a duplicate "env": Claude Code reads the last, git commits both; the credential in the first is found', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), `{\n"env": {"ANTHROPIC_API_KEY": "${KEY}"},\n"env": {"ANTHROPIC_MODEL": "x"}\n}\n`);
    commit();
    expect((await find()).map((d) => d.line)).toEqual([2]);
  });

  it('one error per credential key, in order; escaped key names decoded; non-credentials and non-strings left alone', async () => {
    writeFile(
      join(repo, '.claude', 'settings.local.json'),
      `{"env": {\n "ANTHROPIC_MODEL": "opus",\n "ANTHROPIC_\\u0041UTH_TOKEN": "${KEY}",\n "GATEWAY_TOKEN": 12,\n "ANTHROPIC_BASE_URL": "https://u:${PIECE}@gw.example.com",\n "MY_SECRET": "${KEY}"},\n "apiKeyHelper": "echo ${KEY}"}`,
    );
    commit();
    const ds = await find();
    expect(ds.map((d) => [d.code, d.line, d.message.split(' ')[0]])).toEqual([
      ['doctor-credential-in-tracked-file', 3, 'ANTHROPIC_AUTH_TOKEN'],
      ['doctor-credential-in-tracked-file', 5, 'ANTHROPIC_BASE_URL'],
      ['doctor-credential-in-tracked-file', 6, 'MY_SECRET'],
    ]);
    noValue(ds);
  });

  it('a key name holding control characters is printed escaped (no terminal sequences from a repository)', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), `{"env": {"\\u001b[2J\\u001b]0;x\\u0007_TOKEN": "${KEY}"}}`);
    commit();
    const [d] = await find();
    expect(d?.message).toContain('\\u001b[2J');
    expect([...(d?.message ?? '')].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    const r = await runCli(['doctor', '--ci', '--repo', repo], { env: sb.env, cwd: repo });
    expect(r.stdout).not.toContain('\u001b[2J');
  });
});

describe('what is read: the index (what the next commit holds)', () => {
  it('staged but not committed counts', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    sb.git(repo, 'add', '.claude/settings.json');
    const ds = await find();
    expect(ds.map((d) => d.code)).toEqual(['doctor-credential-in-project-file']);
    noValue(ds);
  });

  it('the staged text, not the working tree: a credential staged then removed from the file still counts', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    commit();
    writeFile(join(repo, '.claude', 'settings.json'), { env: {} });
    expect(await find()).toHaveLength(1);
  });

  it('a credential only in the working tree of a tracked file, not staged, is not in the next commit', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: {} });
    commit();
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    expect(await find()).toEqual([]);
  });

  it('a file deleted from the working tree is read from the index', async () => {
    writeFile(join(repo, 'sub', '.claude', 'settings.local.json'), { env: { ANTHROPIC_AUTH_TOKEN: KEY } });
    commit();
    rmSync(join(repo, 'sub', '.claude'), { recursive: true });
    for (const dir of [repo, join(repo, 'sub')]) expect((await find(dir)).map((d) => d.path)).toEqual([join(repo, 'sub', '.claude', 'settings.local.json')]);
  });

  it('every .claude/settings*.json at any depth, in any letter case; other names and folders are not settings files', async () => {
    writeFile(join(repo, '.claude', 'settings.backup.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    writeFile(join(repo, 'a', 'b', '.Claude', 'Settings.JSON'), { env: { ANTHROPIC_API_KEY: KEY } });
    writeFile(join(repo, 'claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    writeFile(join(repo, '.claude', 'other.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    commit();
    const ds = await find();
    expect(ds.map((d) => [d.path, d.code]).sort()).toEqual(
      [
        [join(repo, '.claude', 'settings.backup.json'), 'doctor-credential-in-tracked-file'],
        [join(repo, 'a', 'b', '.Claude', 'Settings.JSON'), 'doctor-credential-in-project-file'],
      ].sort(),
    );
  });

  it.skipIf(!POSIX)('a committed symbolic link is followed to the committed file it names', async () => {
    writeFile(join(repo, 'config', 'claude.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    mkdirSync(join(repo, '.claude'));
    symlinkSync('../config/claude.json', join(repo, '.claude', 'settings.json'));
    symlinkSync('/etc/hostname', join(repo, '.claude', 'settings.local.json'));
    commit();
    const ds = await find();
    expect(ds.map((d) => d.path)).toEqual([join(repo, 'config', 'claude.json')]);
    expect(ds[0]?.message).toContain('read through the link .claude/settings.json');
    noValue(ds);
  });

  it('a local replacement object does not hide the committed content (GIT_NO_REPLACE_OBJECTS)', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    commit();
    const real = sb.git(repo, 'rev-parse', ':.claude/settings.json').trim();
    writeFile(join(repo, 'clean.json'), { env: {} });
    const clean = sb.git(repo, 'hash-object', '-w', 'clean.json').trim();
    sb.git(repo, 'replace', real, clean);
    expect(sb.git(repo, 'cat-file', 'blob', real)).not.toContain(PIECE);
    expect(await find()).toHaveLength(1);
  });

  it('a clean repository passes (exit 0), and so does a credential in a file git does not track', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    commit();
    writeFile(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    expect(await find()).toEqual([]);
    const r = await runCli(['doctor', '--ci', '--repo', repo], { env: sb.env, cwd: repo });
    expect(r.code).toBe(0);
  });
});

describe('a check that cannot run does not pass', () => {
  it('outside a repository: GIT_FAILED (the CLI: usage error, exit 2)', async () => {
    const dir = join(sb.tmp, 'not-a-repo');
    mkdirSync(dir);
    expect(await errorCode(() => find(dir))).toBe('GIT_FAILED');
    expect((await runCli(['doctor', '--ci', '--repo', dir], { env: sb.env, cwd: dir })).code).toBe(2);
  });

  it('a folder that does not exist: INVALID_OPTIONS', async () => {
    expect(await errorCode(() => find(join(sb.tmp, 'nowhere')))).toBe('INVALID_OPTIONS');
  });

  it('git missing: GIT_FAILED naming it', async () => {
    await expect(findCommittedCredentials(repo, { env: sb.env, git: join(sb.tmp, 'no-git') })).rejects.toThrow(/git was not found/);
  });

  it('a staged file whose content is not in the object store (a partial clone): GIT_FAILED, nothing fetched', async () => {
    writeFile(join(repo, '.claude', 'settings.json'), { env: {} });
    commit();
    const oid = sb.git(repo, 'rev-parse', ':.claude/settings.json').trim();
    unlinkSync(join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
    execFileSync('git', ['config', 'core.repositoryformatversion', '1'], { cwd: repo, env: sb.env });
    execFileSync('git', ['config', 'extensions.partialClone', 'origin'], { cwd: repo, env: sb.env });
    execFileSync('git', ['config', 'remote.origin.url', join(sb.tmp, 'no-such-remote')], { cwd: repo, env: sb.env });
    execFileSync('git', ['config', 'remote.origin.promisor', 'true'], { cwd: repo, env: sb.env });
    await expect(find()).rejects.toThrow(/not in .*object store/);
  });
});
