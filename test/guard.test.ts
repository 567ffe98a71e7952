/**
 * Guarding repositories: the plain git hook (hooks/pre-commit) in real repositories with real git, and the
 * GitHub Action's script (action.yml → scripts/action.sh) run as a process. The real `pre-commit` tool,
 * which installs the hook from this repository, is in test/stress/pre-commit.stress.test.ts.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_JS } from './helpers/cli-bin';
import { REPO_ROOT } from './helpers/cli-world';
import { git, gitInit, makeTmp, removeTmp } from './helpers/tmp';

const KEY = 'sk-ant-guard-Zq8DISTINCTIVE';
const settings = (env: Record<string, string>, comment = ''): string =>
  `{\n  "env": {\n${comment}${Object.entries(env)
    .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')}\n  }\n}\n`;

let tmp: string | undefined;
afterEach(() => {
  if (tmp) removeTmp(tmp);
  tmp = undefined;
});

/** A repository with the hook installed as its README says, and the CLI where the hook looks for it. */
function repoWithHook(): { repo: string; home: string; commit: (msg: string) => { code: number | null; out: string } } {
  tmp = makeTmp('cgc-guard-');
  const home = join(tmp, 'home');
  mkdirSync(home);
  const repo = gitInit(home, join(tmp, 'repo'));
  copyFileSync(join(REPO_ROOT, 'hooks', 'pre-commit'), join(repo, '.git', 'hooks', 'pre-commit'));
  chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(CLI_JS, join(repo, 'node_modules', '.bin', 'claude-gateway'));
  writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
  git(home, repo, 'add', '.gitignore');
  git(home, repo, 'commit', '-q', '-m', 'init');
  const commit = (msg: string): { code: number | null; out: string } => {
    const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', msg], {
      cwd: repo,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
      encoding: 'utf8',
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  return { repo, home, commit };
}

const write = (repo: string, rel: string, text: string): void => {
  mkdirSync(join(repo, rel, '..'), { recursive: true });
  writeFileSync(join(repo, rel), text);
};

describe('the plain git hook (hooks/pre-commit)', () => {
  it('blocks a staged credential with its file, line and column, and never prints the value', () => {
    const { repo, home, commit } = repoWithHook();
    write(repo, '.claude/settings.json', settings({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_API_KEY: KEY }));
    git(home, repo, 'add', '.claude/settings.json');
    const r = commit('add settings');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${join(repo, '.claude', 'settings.json')}:4:5: error doctor-credential-in-project-file`);
    expect(r.out).not.toContain('DISTINCTIVE');
    expect(git(home, repo, 'log', '--oneline').trim().split('\n')).toHaveLength(1);
  });

  it('checks every .claude/settings*.json at any depth, files Claude Code would reject included', () => {
    const { repo, home, commit } = repoWithHook();
    write(
      repo,
      'services/api/.claude/settings.local.json',
      `{\n  // a comment: Claude Code ignores this file, git commits it anyway\n  "env": { "ANTHROPIC_AUTH_TOKEN": "${KEY}", },\n}\n`,
    );
    git(home, repo, 'add', '-f', 'services');
    const r = commit('nested');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${join(repo, 'services/api/.claude/settings.local.json')}:3:12: error doctor-credential-in-tracked-file`);
  });

  it('passes a clean staged file even when the working tree holds an unstaged credential', () => {
    const { repo, home, commit } = repoWithHook();
    write(repo, '.claude/settings.json', settings({ ANTHROPIC_BASE_URL: 'https://gw.example.com' }));
    git(home, repo, 'add', '.claude/settings.json');
    write(repo, '.claude/settings.json', settings({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_API_KEY: KEY }));
    const r = commit('clean');
    expect(r.code, r.out).toBe(0);
    // And the other way round: a credential staged, then removed from the working tree only, is still blocked.
    git(home, repo, 'add', '.claude/settings.json');
    write(repo, '.claude/settings.json', settings({ ANTHROPIC_BASE_URL: 'https://gw.example.com' }));
    expect(commit('staged key').code).toBe(1);
  });

  it('lets a fixture through with an allow comment or the baseline, and only the value the baseline names', () => {
    const { repo, home, commit } = repoWithHook();
    write(
      repo,
      'test/fixtures/.claude/settings.json',
      settings({ ANTHROPIC_API_KEY: 'sk-ant-fixture-000000' }, '    // claude-gateway: allow (a fake for tests)\n'),
    );
    git(home, repo, 'add', '-f', 'test');
    expect(commit('fixture with comment').code).toBe(0);
    write(repo, 'test/other/.claude/settings.json', settings({ ANTHROPIC_AUTH_TOKEN: 'fake-token-111111' }));
    git(home, repo, 'add', '-f', 'test');
    expect(commit('fixture without').code).toBe(1);
    const update = spawnSync(process.execPath, [CLI_JS, 'doctor', '--ci', '--update-baseline'], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: home },
    });
    expect(update.status, update.stderr).toBe(0);
    const baseline = readFileSync(join(repo, '.claude-gateway-baseline.json'), 'utf8');
    expect(baseline).toContain('"variable":"ANTHROPIC_AUTH_TOKEN"');
    expect(baseline).not.toContain('fake-token');
    git(home, repo, 'add', '.claude-gateway-baseline.json');
    expect(commit('fixture in the baseline').code).toBe(0);
    // A different value in the same place is not covered.
    write(repo, 'test/other/.claude/settings.json', settings({ ANTHROPIC_AUTH_TOKEN: 'a-real-token-222222' }));
    git(home, repo, 'add', '-f', 'test');
    expect(commit('changed value').code).toBe(1);
  });
});

describe('the GitHub Action (action.yml, scripts/action.sh)', () => {
  it('action.yml runs scripts/action.sh with its inputs', () => {
    const action = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { run: string; env: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps[0];
    expect(step?.run).toContain('scripts/action.sh');
    expect(step?.env).toEqual({ CGC_PATH: '${{ inputs.path }}', CGC_BASELINE: '${{ inputs.baseline }}', CGC_ACTION_PATH: '${{ github.action_path }}' });
    expect(Object.keys(action.inputs).sort()).toEqual(['baseline', 'path']);
  });

  it('annotates each committed credential on its line and fails; passes a clean checkout', () => {
    tmp = makeTmp('cgc-action-');
    const home = join(tmp, 'home');
    mkdirSync(home);
    const repo = gitInit(home, join(tmp, 'workspace'));
    write(repo, '.claude/settings.json', settings({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_API_KEY: KEY }));
    write(repo, 'a,b/.claude/settings.local.json', settings({ ANTHROPIC_AUTH_TOKEN: KEY }));
    git(home, repo, 'add', '-f', '.');
    git(home, repo, 'commit', '-q', '-m', 'pr');
    // As the runner runs the step: the workspace as the working directory, the action's folder, the inputs.
    const run = (env: Record<string, string>): { code: number | null; stdout: string; stderr: string } => {
      const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'action.sh')], {
        cwd: repo,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', HOME: home, CGC_ACTION_PATH: REPO_ROOT, CGC_PATH: '.', CGC_BASELINE: '', ...env },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const r = run({});
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^::error file=\.claude\/settings\.json,line=4,col=5,title=doctor-credential-in-project-file::ANTHROPIC_API_KEY committed/),
      expect.stringMatching(/^::error file=a%2Cb\/\.claude\/settings\.local\.json,line=3,col=5,title=doctor-credential-in-tracked-file::/),
    ]);
    expect(r.stdout).not.toContain('DISTINCTIVE');
    git(home, repo, 'rm', '-q', '-r', '--cached', '.claude', 'a,b');
    git(home, repo, 'commit', '-q', '-m', 'clean');
    const clean = run({});
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('');
  });
});
