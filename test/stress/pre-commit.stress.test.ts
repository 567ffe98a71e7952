/**
 * The real `pre-commit` tool (the Python package, installed into a scratch virtualenv from the
 * machine's package index) running this repository's hook as a user adds it: `.pre-commit-config.yaml`
 * naming this repository and a commit of it, `pre-commit install`, then plain `git commit`s. pre-commit
 * installs the hook from git (npm install of a git+file: URL, which builds dist/ through the `prepare`
 * script), so what is tested is the repository's HEAD commit: in CI, the commit under test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli-world';
import { makeTmp, removeTmp } from '../helpers/tmp';

const KEY = 'sk-ant-precommit-Zq8DISTINCTIVE';

/** What this machine needs to reach its package registries (a CA, proxies, pip's index): passed through, nothing else. */
const NETWORK_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (e): e is [string, string] =>
      e[1] !== undefined &&
      /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|PIP_[A-Z_]+|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|npm_config_registry)$/.test(
        e[0],
      ),
  ),
);
let tmp: string;
let preCommit: string;

beforeAll(() => {
  tmp = makeTmp('cgc-pre-commit-');
  execFileSync('python3', ['-m', 'venv', join(tmp, 'venv')], { stdio: 'pipe' });
  execFileSync(join(tmp, 'venv', 'bin', 'pip'), ['install', '--quiet', '--retries', '0', '--timeout', '20', 'pre-commit'], {
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env },
  });
  preCommit = join(tmp, 'venv', 'bin', 'pre-commit');
}, 240_000);

afterAll(() => {
  if (tmp) removeTmp(tmp);
});

describe('pre-commit with the claude-code-credentials hook of this repository', () => {
  it('blocks a staged credential (file, line, column), passes a clean file, ignores what is not staged, honours an allow comment', () => {
    const home = join(tmp, 'home');
    const repo = join(tmp, 'repo');
    mkdirSync(home, { recursive: true });
    mkdirSync(repo, { recursive: true });
    const env = {
      ...NETWORK_ENV,
      PATH: `${join(tmp, 'venv', 'bin')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      GIT_CONFIG_NOSYSTEM: '1',
      PRE_COMMIT_HOME: join(tmp, 'pre-commit-cache'),
      LC_ALL: 'C',
    };
    const git = (...args: string[]): { code: number | null; out: string } => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
        cwd: repo,
        env,
        encoding: 'utf8',
        timeout: 240_000,
      });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    git('init', '-q');
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${REPO_ROOT}\n    rev: ${head}\n    hooks:\n      - id: claude-code-credentials\n`);
    git('add', '.pre-commit-config.yaml');
    const installed = spawnSync(preCommit, ['install'], { cwd: repo, env, encoding: 'utf8' });
    expect(installed.status, installed.stderr).toBe(0);
    // The hook's environment is built before the first commit: pre-commit has npm install this repository as
    // a git dependency, and npm's preparation of it sometimes fails on its own (ENOTEMPTY removing a folder
    // it is still extracting, seen with zod's). Up to three times, from a clean cache each time.
    const buildHooks = (): ReturnType<typeof spawnSync> => spawnSync(preCommit, ['install-hooks'], { cwd: repo, env, encoding: 'utf8', timeout: 300_000 });
    let hooks = buildHooks();
    let attempts = 1;
    for (; attempts < 3 && hooks.status !== 0; attempts++) {
      spawnSync(preCommit, ['clean'], { cwd: repo, env, encoding: 'utf8' });
      hooks = buildHooks();
    }
    if (attempts > 1) console.log(`pre-commit install-hooks: ${attempts} attempts (npm's git dependency preparation failed before)`);
    expect(hooks.status, `${String(hooks.stdout)}${String(hooks.stderr)}`).toBe(0);
    const first = git('commit', '-q', '-m', 'config');
    expect(first.code, first.out).toBe(0);

    const write = (rel: string, text: string): void => {
      mkdirSync(join(repo, rel, '..'), { recursive: true });
      writeFileSync(join(repo, rel), text);
    };
    const withKey = `{\n  "env": {\n    "ANTHROPIC_API_KEY": "${KEY}"\n  }\n}\n`;
    const clean = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com"\n  }\n}\n';

    // A staged credential: blocked (the first commit installs the hook's environment: npm, a build).
    write('.claude/settings.json', withKey);
    git('add', '.claude/settings.json');
    const blocked = git('commit', '-q', '-m', 'key');
    expect(blocked.code, blocked.out).toBe(1);
    expect(blocked.out).toContain('no credentials in Claude Code settings files');
    expect(blocked.out).toContain(`${join(repo, '.claude', 'settings.json')}:3:5: error doctor-credential-in-project-file`);
    expect(blocked.out).not.toContain('DISTINCTIVE');

    // The clean version staged, the credential back in the working tree only: passes.
    write('.claude/settings.json', clean);
    git('add', '.claude/settings.json');
    write('.claude/settings.json', withKey);
    const passed = git('commit', '-q', '-m', 'clean');
    expect(passed.code, passed.out).toBe(0);

    // A test fixture with an allow comment: passes.
    write(
      'test/fixtures/.claude/settings.local.json',
      `{\n  "env": {\n    // claude-gateway: allow\n    "ANTHROPIC_AUTH_TOKEN": "fake-fixture-token-1"\n  }\n}\n`,
    );
    git('add', '-f', 'test');
    const fixture = git('commit', '-q', '-m', 'fixture');
    expect(fixture.code, fixture.out).toBe(0);
  }, 300_000);
});
