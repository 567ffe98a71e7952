/**
 * , the `claude-gateway` CLI, in process: `run(argv, io)` with a fake io that collects stdout
 * and stderr. Every command, --json where it reports, --help and --version, the documented exit
 * codes, one-line errors without a stack, --show-secrets as the only way to see a credential, colour
 * only when it should be, and the writers' dry run, backup and revert on real temp files.
 *
 * Each test gets a world of its own (HOME, XDG_DATA_HOME, XDG_CONFIG_HOME in temp directories). The
 * backup store comes from env-paths, which reads process.env, and git reads process.env too: so the
 * world's variables are also stubbed into process.env, and nothing reaches the real home.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupEntry, Diagnostic, EffectiveConfig, Explanation } from '../src/index';
import { run, withFlags, type CliIo } from '../src/cli/main';
import { InterruptedError } from '../src/cli/io';
import { ANSI, expectOneLineFailure, fakeIo, jsonOut, runCli, STACK_LINE, type CliResult, type FakeIoOptions } from './helpers/cli-io';
import { copyExampleLayout, makeCliWorld, makeRootLayout, REPO_ROOT, TOKEN, TOKEN_PIECE, worldGit, type CliWorld, type RootLayout } from './helpers/cli-world';
import { closedPort, MESSAGE_BODY, send, sendJson, useGateway } from './helpers/gateway-server';
import { writeFile } from './helpers/tmp';

const COMMANDS = [
  'status',
  'explain',
  'doctor',
  'verify',
  'discover',
  'set',
  'unset',
  'init',
  'generate',
  'backups',
  'revert',
  'paths',
  'explain-error',
] as const;
const FORMATS = [
  'settings',
  'bash',
  'zsh',
  'powershell',
  'vscode',
  'github-actions',
  'sdk-typescript',
  'sdk-python',
  'curl',
  'curl-powershell',
  'managed',
] as const;
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let world: CliWorld;
const layouts: RootLayout[] = [];

beforeEach(() => {
  world = makeCliWorld();
  for (const [k, v] of Object.entries(world.env)) vi.stubEnv(k, v);
});

afterEach(() => {
  vi.unstubAllEnvs();
  world.cleanup();
  for (const l of layouts.splice(0)) l.cleanup();
});

/** The CLI in the test's world: its env, its project directory as the working directory. */
function cli(argv: readonly string[], extra: FakeIoOptions = {}): Promise<CliResult> {
  return runCli(argv, { env: world.env, cwd: world.cwd, ...extra, ...(extra.env ? { env: { ...world.env, ...extra.env } } : {}) });
}

function rootLayout(files: Record<string, string | Record<string, unknown>>): RootLayout {
  const l = makeRootLayout(files);
  layouts.push(l);
  return l;
}

function exampleLayout(): RootLayout {
  const l = copyExampleLayout();
  layouts.push(l);
  return l;
}

/** The shell `npm run demo` models: it exports an old gateway address. */
const DEMO_ENV = { ANTHROPIC_BASE_URL: 'https://shell-export.example' };

function backupFiles(): string[] {
  try {
    return readdirSync(world.backupDir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('.locks'));
  } catch {
    return [];
  }
}

function snapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

describe('--help and --version', () => {
  it('--help (and -h, help) lists every command and the exit codes, exit 0', async () => {
    for (const arg of ['--help', '-h', 'help']) {
      const r = await cli([arg]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^claude-gateway/);
      expect(r.stdout).toContain('Usage: claude-gateway <command>');
      for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
      expect(r.stdout).toMatch(/Exit codes: 0 .* 1 .* 2 .* 3 .* 4 /);
    }
  });

  it('no command at all prints the help and exits 2 (a usage error)', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: claude-gateway <command>');
  });

  it('--version (and -v) prints the version of package.json, exit 0', async () => {
    for (const arg of ['--version', '-v']) {
      const r = await cli([arg]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${PACKAGE_VERSION}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it.each(COMMANDS)('%s --help prints its usage and the shared options it takes, exit 0, and runs nothing', async (name) => {
    for (const arg of ['--help', '-h']) {
      // Arguments that would fail are not even looked at.
      const r = await cli([name, '--scope', 'nowhere', arg, '--no-such-option']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(`Usage: claude-gateway ${name}`)).toBe(true);
      expect(r.stdout).toContain('--json');
      expect(r.stdout).toContain('Shared options:');
    }
    expect(backupFiles()).toEqual([]);
  });

  it('the command help names its own options (set: --scope, --dry-run; init: --token-env; generate: every format)', async () => {
    expect((await cli(['set', '--help'])).stdout).toMatch(/--scope[\s\S]*--dry-run/);
    expect((await cli(['unset', '--help'])).stdout).toMatch(/--scope[\s\S]*--dry-run/);
    expect((await cli(['init', '--help'])).stdout).toMatch(/--base-url[\s\S]*--token-env[\s\S]*--token-stdin/);
    const gen = (await cli(['generate', '--help'])).stdout;
    for (const f of FORMATS) expect(gen).toContain(f);
    expect((await cli(['doctor', '--help'])).stdout).toContain('--ci');
    expect((await cli(['verify', '--help'])).stdout).toMatch(/--minimal-request[\s\S]*--stream[\s\S]*--model[\s\S]*--timeout/);
  });
});

describe('expected failures are one line (and a hint), no stack', () => {
  it('an unknown command exits 2 with one line naming it, a did-you-mean and a hint to --help', async () => {
    const r = await cli(['statsu']);
    const { message, hint } = expectOneLineFailure(r, 2);
    expect(message).toContain('statsu');
    expect(hint).toContain('did you mean claude-gateway status?');
    expect(hint).toContain('--help');
  });

  it('under --json a failure is one JSON object on stdout with its code, message, hint and exit code', async () => {
    const unknown = await cli(['statsu', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('');
    expect(JSON.parse(unknown.stdout)).toEqual({
      schemaVersion: 1,
      error: { code: 'USAGE', message: 'unknown command "statsu"', hint: expect.stringContaining('status'), exitCode: 2 },
    });
    const option = await cli(['status', '--jsn', '--json']);
    expect(JSON.parse(option.stdout).error).toMatchObject({ code: 'USAGE', message: 'unknown option --jsn', hint: 'did you mean --json?' });
    const refused = await cli(['set', `ANTHROPIC_AUTH_TOKEN=${TOKEN}`, '--scope', 'user', '--json', ...world.where]);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'CREDENTIAL_ON_COMMAND_LINE', exitCode: 3 });
    expect(refused.stdout).not.toContain(TOKEN_PIECE);
  });

  it('a credential typed as NAME=value is refused (exit 3), nothing written; --value-env, --value-stdin and the prompt take it', async () => {
    const SHELL_TOKEN = 'sk-ant-stdin-value-0123456789';
    for (const arg of [
      `ANTHROPIC_AUTH_TOKEN=${TOKEN}`,
      `ANTHROPIC_CUSTOM_HEADERS=Helicone-Auth: Bearer ${TOKEN}`,
      `HTTPS_PROXY=http://u:${TOKEN}@proxy.example:8080`,
    ]) {
      const r = await cli(['set', arg, '--scope', 'user', ...world.where]);
      const { message, hint } = expectOneLineFailure(r, 3, 'set');
      expect(message + (hint ?? '')).not.toContain(TOKEN_PIECE);
      expect(hint).toContain('--value-env');
    }
    expect(() => statSync(world.userSettings)).toThrow();
    const viaEnv = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', ...world.where], { env: { CGC_VALUE: TOKEN } });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8')).env.ANTHROPIC_AUTH_TOKEN).toBe(TOKEN);
    const viaStdin = await cli(['set', 'ANTHROPIC_API_KEY', '--value-stdin', '--scope', 'user', ...world.where], { stdin: `${SHELL_TOKEN}\n` });
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    const asked: { question: string; secret: boolean }[] = [];
    const viaPrompt = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--scope', 'user', ...world.where], {
      prompt: (question, o) => (asked.push({ question, secret: o?.secret === true }), Promise.resolve('tok-prompted-1')),
    });
    expect(viaPrompt.code, viaPrompt.stderr).toBe(0);
    expect(asked).toEqual([{ question: 'ANTHROPIC_AUTH_TOKEN (not shown): ', secret: true }]);
    const settings = JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> };
    expect(settings.env).toMatchObject({ ANTHROPIC_AUTH_TOKEN: 'tok-prompted-1', ANTHROPIC_API_KEY: SHELL_TOKEN });
    // Not a terminal, no value source: a usage error naming the ways.
    const none = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--scope', 'user', ...world.where]);
    expect(expectOneLineFailure(none, 2, 'set').hint).toContain('--value-env');
  });

  it("explain of a mistyped variable no source sets: exit 2 with a did-you-mean; an unknown name that is nobody's typo is answered", async () => {
    const typo = await cli(['explain', 'ANTHROPIC_BSE_URL', ...world.where]);
    expect(expectOneLineFailure(typo, 2, 'explain').hint).toContain('ANTHROPIC_BASE_URL');
    const own = await cli(['explain', 'MY_TEAM_SETTING', ...world.where]);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('not set by any source');
  });

  it.each(COMMANDS)('%s with an unknown option exits 2 with one line', async (name) => {
    const r = await cli([name, '--no-such-option']);
    const { message } = expectOneLineFailure(r, 2, name);
    expect(message).toContain('--no-such-option');
  });

  it.each<[string, string[], string, RegExp?]>([
    ['explain without a name', ['explain'], 'explain', /explain/],
    ['explain with two names', ['explain', 'A', 'B'], 'explain'],
    ['an unknown --platform', ['status', '--platform', 'beos'], 'status', /linux, darwin, win32/],
    ['a bad --setting-sources', ['status', '--setting-sources', 'user,policy'], 'status', /policy/],
    ['a --claude-version that is not a version', ['status', '--claude-version', 'banana'], 'status', /banana/],
    ['a string option without its value', ['status', '--cwd'], 'status', /--cwd/],
    ['set without NAME=value', ['set', '--scope', 'user'], 'set'],
    ['set without --scope', ['set', 'ANTHROPIC_MODEL=x'], 'set', /--scope/],
    ['set with an unknown --scope', ['set', 'ANTHROPIC_MODEL=x', '--scope', 'team'], 'set', /--scope/],
    ['set with a bad NAME=value', ['set', '1NAME=x', '--scope', 'user'], 'set', /1NAME/],
    ['set with a bad --git-ignore', ['set', 'A=1', '--scope', 'user', '--git-ignore', 'nowhere'], 'set', /--git-ignore/],
    ['unset without a name', ['unset', '--scope', 'user'], 'unset'],
    ['unset with a bad name', ['unset', 'A-B', '--scope', 'user'], 'unset', /A-B/],
    ['init without a kind', ['init'], 'init', /gateway/],
    ['init with an unknown kind', ['init', 'openai'], 'init', /gateway/],
    ['init gateway without --base-url and no terminal', ['init', 'gateway', '--token-env', 'X'], 'init', /--base-url/],
    [
      'init gateway --token-env naming an unset variable',
      ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_UNSET_VARIABLE'],
      'init',
      /CGC_UNSET_VARIABLE/,
    ],
    ['init gateway with a bad --header', ['init', 'gateway', '--base-url', 'https://gw.example.com', '--header', 'no-colon'], 'init', /no-colon/],
    ['init vertex without its project', ['init', 'vertex', '--dry-run'], 'init'],
    ['generate without a format', ['generate'], 'generate', /settings/],
    ['generate with an unknown format', ['generate', 'toml', 'gateway'], 'generate'],
    ['generate without a kind', ['generate', 'bash'], 'generate'],
    ['revert without a target', ['revert'], 'revert'],
    ['verify with a --timeout that is not milliseconds', ['verify', '--timeout', 'soon'], 'verify', /--timeout/],
    ['verify with a --timeout that parseArgs finds ambiguous', ['verify', '--timeout', '-5'], 'verify', /--timeout/],
    ['discover without ANTHROPIC_BASE_URL', ['discover'], 'discover', /ANTHROPIC_BASE_URL/],
  ])('%s exits 2', async (_what, argv, command, pattern) => {
    const [name = '', ...rest] = argv;
    const r = await cli([name, ...world.where, ...rest]);
    const { message } = expectOneLineFailure(r, 2, command);
    if (pattern) expect(message).toMatch(pattern);
    expect(backupFiles()).toEqual([]);
  });

  it('an unexpected error exits 4 with one line and a hint; the stack only with DEBUG', async () => {
    const failing = (env: Record<string, string>): CliIo => {
      const f = fakeIo({ env: { ...world.env, ...env }, cwd: world.cwd });
      return {
        ...f.io,
        stdout: () => {
          throw new Error('EPIPE: the reader went away');
        },
        stderr: (t) => {
          err += t;
        },
      };
    };
    let err = '';
    let code = await run(['paths', ...world.where], failing({}));
    expectOneLineFailure({ code, stdout: '', stderr: err }, 4, 'paths');
    expect(err).toMatch(/unexpected error: EPIPE/);
    expect(err).toMatch(/hint: .*DEBUG/);
    err = '';
    code = await run(['paths', ...world.where], failing({ DEBUG: '1' }));
    expect(code).toBe(4);
    expect(err).toMatch(STACK_LINE);
  });
});

describe('status', () => {
  it('server-managed settings, which Claude Code fetches itself, are "not checked", never "missing"', async () => {
    const r = await cli(['status', ...exampleLayout().where]);
    expect(r.stdout).toMatch(/^ {2}not checked +managed \[remote\] server-managed settings \(fetched by Claude Code from the server; not read here\)$/m);
    expect(r.stdout).not.toMatch(/missing +managed \[remote\]/);
    // A source line names its file once.
    const invalid = r.stdout.split('\n').find((l) => l.includes('invalid       project'));
    expect(invalid).toMatch(/settings\.json — the file has a comment/);
    expect(invalid?.split('.claude/settings.json')).toHaveLength(2);
  });

  it('--json is the effective configuration: base URL, credential, provider, sources, each with its source', async () => {
    const l = rootLayout({
      '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN } },
    });
    const r = await cli(['status', '--json', ...l.where], { env: { ANTHROPIC_MODEL: 'claude-from-shell' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const c = jsonOut<EffectiveConfig>(r);
    expect(c.provider).toBe('anthropic');
    expect(c.baseUrl?.value).toBe('https://gw.example.com');
    expect(c.baseUrl?.source).toEqual({ scope: 'user', path: '/home/u/.claude/settings.json' });
    expect(c.credential.kind).toBe('auth-token');
    expect(c.env['ANTHROPIC_MODEL']?.source.scope).toBe('shell');
    expect(c.managedOrigin).toBeUndefined();
    expect(c.sources.map((s) => s.scope)).toEqual(expect.arrayContaining(['managed', 'local', 'project', 'user']));
    expect(c.sources.find((s) => s.scope === 'user')?.status).toBe('loaded');
    expect(typeof c.claudeCodeVersion).toBe('string');
    expect(Array.isArray(c.diagnostics)).toBe(true);
  });

  it('prints the /status view as text, every value with its source', async () => {
    const l = rootLayout({ '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } } });
    const r = await cli(['status', ...l.where]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Base URL: .*https:\/\/gw\.example\.com.*\/home\/u\/\.claude\/settings\.json/m);
    expect(r.stdout).toMatch(/^API provider:/m);
    expect(r.stdout).toMatch(/^Credential:/m);
    expect(r.stdout).toMatch(/^Sources/m);
  });

  it('--all lists every variable, not only the gateway-relevant ones', async () => {
    const l = rootLayout({});
    const some = await cli(['status', ...l.where], { env: { CGC_UNRELATED_VARIABLE: 'x' } });
    const all = await cli(['status', '--all', ...l.where], { env: { CGC_UNRELATED_VARIABLE: 'x' } });
    expect(some.stdout).not.toContain('CGC_UNRELATED_VARIABLE');
    expect(all.stdout).toContain('CGC_UNRELATED_VARIABLE');
  });

  it('on examples/layout (--root): managed origin "file + drop-ins", the managed gateway beats user and shell', async () => {
    const l = exampleLayout();
    const r = await cli(['status', '--json', ...l.where], { env: DEMO_ENV });
    expect(r.code).toBe(0);
    const c = jsonOut<EffectiveConfig>(r);
    expect(c.managedOrigin).toBe('file + drop-ins');
    expect(c.baseUrl?.value).toBe('https://llm-gateway.acme.example');
    expect(c.baseUrl?.source).toMatchObject({ scope: 'managed', path: '/etc/claude-code/managed-settings.json' });
    expect(c.baseUrl?.overridden.map((o) => o.source.scope)).toEqual(['user', 'shell']);
    expect(c.credential.kind).toBe('api-key-helper');
    expect(c.gitRoot).toBe('/home/dev/acme-app');
    expect(c.diagnostics.map((d) => d.code)).toContain('settings-jsonc');
    const text = await cli(['status', ...l.where], { env: DEMO_ENV });
    expect(text.stdout).toMatch(/^Managed settings: .*\(file \+ drop-ins\)/m);
  });

  it('--claude-version, --platform and --setting-sources change what is modelled', async () => {
    const l = rootLayout({
      '/home/u/.claude/settings.json': { env: { ANTHROPIC_MODEL: 'from-user' } },
      '/home/u/proj/.claude/settings.json': { env: { ANTHROPIC_MODEL: 'from-project' } },
    });
    const older = jsonOut<EffectiveConfig>(await cli(['status', '--json', '--claude-version', '2.1.100', '--non-interactive', ...l.where]));
    expect(older.claudeCodeVersion).toBe('2.1.100');
    const onlyUser = jsonOut<EffectiveConfig>(await cli(['status', '--json', '--setting-sources', 'user', ...l.where]));
    expect(onlyUser.env['ANTHROPIC_MODEL']?.value).toBe('from-user');
    const darwin = jsonOut<EffectiveConfig>(await cli(['status', '--json', ...l.where, '--platform', 'darwin']));
    expect(darwin.sources.find((s) => s.scope === 'managed' && s.origin === 'file')?.path).toBe(
      '/Library/Application Support/ClaudeCode/managed-settings.json',
    );
  });

  it('reads the real file system with --home and --cwd', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://real-fs.example.com' } });
    const c = jsonOut<EffectiveConfig>(await cli(['status', '--json', ...world.where]));
    expect(c.baseUrl?.value).toBe('https://real-fs.example.com');
    expect(c.baseUrl?.source.path).toBe(world.userSettings);
  });
});

describe('explain', () => {
  it('--json: the winner, every overridden value and the rule (examples/layout)', async () => {
    const l = exampleLayout();
    const r = await cli(['explain', 'ANTHROPIC_BASE_URL', '--json', ...l.where], { env: DEMO_ENV });
    expect(r.code).toBe(0);
    const e = jsonOut<Explanation>(r);
    expect(e).toMatchObject({ name: 'ANTHROPIC_BASE_URL', kind: 'env', value: 'https://llm-gateway.acme.example' });
    expect(e.source?.scope).toBe('managed');
    expect(e.overridden.map((o) => o.value)).toEqual(['https://old-gateway.acme.example', 'https://shell-export.example']);
    for (const o of e.overridden) expect(o.reason.length).toBeGreaterThan(0);
    expect(e.rule.length).toBeGreaterThan(0);
    expect(e.text.split('\n')[0]).toContain('ANTHROPIC_BASE_URL');
  });

  it('a settings key, and a name nobody sets (still exit 0)', async () => {
    const l = exampleLayout();
    const key = jsonOut<Explanation>(await cli(['explain', 'permissions', '--json', ...l.where]));
    expect(key.kind).toBe('setting');
    expect(key.source?.scope).toBe('managed');
    const none = await cli(['explain', 'CGC_NOBODY_SETS_THIS', '--json', ...l.where]);
    expect(none.code).toBe(0);
    expect(jsonOut<Explanation>(none)).toMatchObject({ kind: 'unknown', overridden: [] });
  });

  it('prints text: the value, then the rule', async () => {
    const l = exampleLayout();
    const r = await cli(['explain', 'ANTHROPIC_BASE_URL', ...l.where], { env: DEMO_ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ANTHROPIC_BASE_URL = "https:\/\/llm-gateway\.acme\.example"/);
    expect(r.stdout).toMatch(/^ {2}rule: /m);
  });
});

describe('doctor', () => {
  it('exits 1 when there are errors, with every diagnostic and its fix in --json', async () => {
    const l = exampleLayout();
    const r = await cli(['doctor', '--json', ...l.where]);
    expect(r.code).toBe(1);
    const ds = jsonOut<{ diagnostics: Diagnostic[] }>(r).diagnostics;
    const jsonc = ds.find((d) => d.code === 'settings-jsonc');
    expect(jsonc).toMatchObject({ severity: 'error', path: '/home/dev/acme-app/services/api/.claude/settings.json', line: 2, column: 3 });
    const text = await cli(['doctor', ...l.where]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/error settings-jsonc/);
    expect(text.stdout).toMatch(/^1 error\(s\), \d+ warning\(s\)$/m);
  });

  it('broken --settings text is located (line, column, reason); half-braced text is explained', async () => {
    const l = rootLayout({});
    const r = await cli(['doctor', '--settings', '{"env": {"A": 1,}}', ...l.where]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'error settings-flag-invalid-json: Error: Invalid JSON provided to --settings (line 1, column 16: a trailing comma; claude exits with code 1)',
    );
    const half = await cli(['doctor', '--settings', '{bad json', ...l.where]);
    expect(half.code).toBe(1);
    expect(half.stdout).toMatch(/error settings-flag-not-found: Settings file not found: .*\{bad json/);
    expect(half.stdout).toContain('inline JSON only when it starts with { and ends with }');
  });

  it('exits 0 when there is nothing wrong', async () => {
    const l = rootLayout({});
    const r = await cli(['doctor', ...l.where]);
    expect(r.code).toBe(0);
    expect(jsonOut<{ diagnostics: Diagnostic[] }>(await cli(['doctor', '--json', ...l.where])).diagnostics).toEqual([]);
  });

  it('exits 0 with warnings only', async () => {
    const l = rootLayout({ '/home/u/.claude.json': 'not json' });
    const r = await cli(['doctor', '--json', ...l.where]);
    const ds = jsonOut<{ diagnostics: Diagnostic[] }>(r).diagnostics;
    expect(ds.some((d) => d.severity === 'warning')).toBe(true);
    expect(ds.some((d) => d.severity === 'error')).toBe(false);
    expect(r.code).toBe(0);
  });

  it('--no-info leaves out the information findings', async () => {
    const l = rootLayout({ '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    const all = jsonOut<{ diagnostics: Diagnostic[] }>(await cli(['doctor', '--json', ...l.where])).diagnostics;
    expect(all.some((d) => d.severity === 'info')).toBe(true);
    for (const d of all) expect(d.fix ?? '').not.toBe(undefined);
    const some = jsonOut<{ diagnostics: Diagnostic[] }>(await cli(['doctor', '--json', '--no-info', ...l.where])).diagnostics;
    expect(some.filter((d) => d.severity === 'info')).toEqual([]);
  });
});

describe('doctor --ci (committed settings files holding credentials)', () => {
  const KEY = `sk-ant-api03-${TOKEN_PIECE}-committed`;

  function repo(): string {
    const dir = join(world.tmp, 'repo');
    worldGit(world, world.tmp, 'init', '-q', dir);
    writeFile(join(dir, 'README.md'), 'hello\n');
    return dir;
  }

  it('a committed .claude/settings.json with ANTHROPIC_API_KEY: exit 1, the key never printed', async () => {
    const dir = repo();
    writeFile(join(dir, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    worldGit(world, dir, 'add', '.');
    worldGit(world, dir, 'commit', '-q', '-m', 'settings');
    const r = await cli(['doctor', '--ci', '--json', '--cwd', dir]);
    expect(r.code).toBe(1);
    const ds = jsonOut<{ diagnostics: Diagnostic[] }>(r).diagnostics;
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'doctor-credential-in-project-file', severity: 'error', path: join(dir, '.claude', 'settings.json') });
    expect(ds[0]?.message).toContain('ANTHROPIC_API_KEY');
    const text = await cli(['doctor', '--ci', '--cwd', dir]);
    expect(text.code).toBe(1);
    for (const out of [r, text]) expect(out.stdout + out.stderr).not.toContain(TOKEN_PIECE);
  });

  it('finds it in a subdirectory, in a tracked settings.local.json, and with --repo', async () => {
    const dir = repo();
    writeFile(join(dir, 'pkg', 'a', '.claude', 'settings.local.json'), { env: { ANTHROPIC_AUTH_TOKEN: KEY } });
    worldGit(world, dir, 'add', '-f', '.');
    worldGit(world, dir, 'commit', '-q', '-m', 'local');
    const r = await cli(['doctor', '--ci', '--json', '--repo', dir], { cwd: world.tmp });
    expect(r.code).toBe(1);
    expect(jsonOut<{ diagnostics: Diagnostic[] }>(r).diagnostics.map((d) => d.code)).toEqual(['doctor-credential-in-tracked-file']);
    expect(r.stdout).not.toContain(TOKEN_PIECE);
  });

  it('a committed file deleted from the working tree is still checked (from the index), not an unexpected error', async () => {
    const dir = repo();
    writeFile(join(dir, 'sub', '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    worldGit(world, dir, 'add', '.');
    worldGit(world, dir, 'commit', '-q', '-m', 'settings');
    rmSync(join(dir, 'sub', '.claude', 'settings.json'));
    for (const cwd of [dir, join(dir, 'sub')]) {
      const r = await cli(['doctor', '--ci', '--json', '--cwd', cwd]);
      expect(r.code, r.stderr).toBe(1);
      expect(jsonOut<{ diagnostics: Diagnostic[] }>(r).diagnostics.map((d) => d.code)).toEqual(['doctor-credential-in-project-file']);
      expect(r.stdout).not.toContain(TOKEN_PIECE);
    }
  });

  it('exit 0 for a clean repository and for a credential in a file git does not track', async () => {
    const dir = repo();
    writeFile(join(dir, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    worldGit(world, dir, 'add', '.');
    worldGit(world, dir, 'commit', '-q', '-m', 'clean');
    writeFile(join(dir, '.claude', 'settings.local.json'), { env: { ANTHROPIC_API_KEY: KEY } });
    const r = await cli(['doctor', '--ci', '--cwd', dir]);
    expect(r.code).toBe(0);
    expect(jsonOut<{ diagnostics: Diagnostic[] }>(await cli(['doctor', '--ci', '--json', '--cwd', dir])).diagnostics).toEqual([]);
  });
});

describe('verify and discover against a real HTTP server on 127.0.0.1', () => {
  const gw = useGateway((_r, res) => sendJson(res, 200, MESSAGE_BODY));

  function gatewayLayout(extra: Record<string, string> = {}, url = gw.url): RootLayout {
    return rootLayout({ '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: TOKEN, ...extra } } });
  }

  interface Report {
    outcome: string;
    status?: number;
    message: string;
    request: { method: string; url: string; headers: Record<string, string> };
  }

  it('ok: exit 0, the request sent as Claude Code sends it, the credential masked in the report', async () => {
    const l = gatewayLayout();
    const r = await cli(['verify', '--json', ...l.where]);
    expect(r.code).toBe(0);
    const report = jsonOut<Report>(r);
    expect(report).toMatchObject({ outcome: 'ok', status: 200, request: { method: 'POST', url: `${gw.url}/v1/messages?beta=true` } });
    expect(gw.requests).toHaveLength(1);
    expect(gw.requests[0]?.url).toBe('/v1/messages?beta=true');
    expect(gw.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    const text = await cli(['verify', ...l.where]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ok \(HTTP 200\): /);
    expect(text.stdout).not.toContain(TOKEN_PIECE);
  });

  it('vector cred-helper-user-token-shell: a token and an apiKeyHelper → the helper runs and fills x-api-key beside the bearer, neither printed', async () => {
    const helperValue = 'helper-cli-Zq8xV3kP9wHELPER';
    const l = rootLayout({
      '/home/u/.claude/settings.json': { apiKeyHelper: `echo ${helperValue}`, env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN } },
    });
    const r = await cli(['verify', '--json', '--trusted', ...l.where]);
    expect(r.code).toBe(0);
    expect(gw.requests).toHaveLength(1);
    expect(gw.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(gw.requests[0]?.headers['x-api-key']).toBe(helperValue);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    expect(r.stdout + r.stderr).not.toContain(helperValue);
    const status = await cli(['status', ...l.where]);
    expect(status.stdout).toContain('Sent in:          authorization (ANTHROPIC_AUTH_TOKEN, user');
    expect(status.stdout).toMatch(/\+ x-api-key \(apiKeyHelper, user/);
    expect(status.stdout).not.toContain(TOKEN_PIECE);
  });

  it('model-unknown (404 naming the model) proves URL and credential: exit 0', async () => {
    gw.behave((_r, res) => sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'model: claude-sonnet-4-6 not found' } }));
    const r = await cli(['verify', '--json', ...gatewayLayout().where]);
    expect(jsonOut<Report>(r).outcome).toBe('model-unknown');
    expect(r.code).toBe(0);
  });

  it.each<[string, (res: ServerResponse) => void, string]>([
    ['401', (res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }), 'unauthorized'],
    ['500', (res) => sendJson(res, 500, { error: 'upstream' }), 'server-error'],
    ['an HTML 403', (res) => send(res, 403, '<html>Request blocked</html>', { 'content-type': 'text/html' }), 'forbidden-waf'],
    ['a 404 page', (res) => send(res, 404, 'not here', { 'content-type': 'text/plain' }), 'not-found'],
  ])('%s: exit 1', async (_what, answer, outcome) => {
    gw.behave((_r, res) => answer(res));
    const r = await cli(['verify', '--json', ...gatewayLayout().where]);
    expect(jsonOut<Report>(r).outcome).toBe(outcome);
    expect(r.code).toBe(1);
    const text = await cli(['verify', ...gatewayLayout().where]);
    expect(text.code).toBe(1);
    expect(text.stdout.startsWith(outcome)).toBe(true);
  });

  it('a refused connection and a timeout: exit 1', async () => {
    const port = await closedPort();
    const refused = await cli(['verify', '--json', ...gatewayLayout({}, `http://127.0.0.1:${port}`).where]);
    expect(refused.code).toBe(1);
    expect(jsonOut<Report>(refused).outcome).not.toBe('ok');
    gw.behave((_r, res, later) => later(3000, () => sendJson(res, 200, MESSAGE_BODY)));
    const slow = await cli(['verify', '--json', '--timeout', '200', ...gatewayLayout().where]);
    expect(slow.code).toBe(1);
    expect(jsonOut<Report>(slow).outcome).toMatch(/timeout/);
  });

  it('--model and --stream change the request', async () => {
    gw.behave((_r, res) =>
      send(
        res,
        200,
        'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"model":"x"}}\n\n',
        { 'content-type': 'text/event-stream' },
      ),
    );
    await cli(['verify', '--json', '--stream', '--model', 'claude-cgc-test', ...gatewayLayout().where]);
    const body = JSON.parse(gw.requests[0]?.body ?? '{}') as { model?: string; stream?: boolean };
    expect(body.model).toBe('claude-cgc-test');
    expect(body.stream).toBe(true);
  });

  it('shows progress on stderr while waiting, only on a terminal', async () => {
    gw.behave((_r, res, later) => later(400, () => sendJson(res, 200, MESSAGE_BODY)));
    const tty = await cli(['verify', ...gatewayLayout().where], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('Sending POST');
    expect(tty.stderr).toContain('\r');
    const pipe = await cli(['verify', ...gatewayLayout().where], { isTTY: false });
    expect(pipe.code).toBe(0);
    expect(pipe.stderr).toBe('');
  });

  it('discover: exit 0 with the models /model would list; the credential never printed', async () => {
    gw.behave((_r, res) =>
      sendJson(res, 200, { data: [{ id: 'claude-sonnet-4-6', display_name: 'Sonnet' }, { id: 'gpt-4o' }, { id: 'anthropic/claude-opus-4-6' }] }),
    );
    const l = gatewayLayout({ CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' });
    const r = await cli(['discover', '--json', ...l.where]);
    expect(r.code).toBe(0);
    const result = jsonOut<{ outcome: string; models: { id: string }[]; listed: { id: string }[] }>(r);
    expect(result.outcome).toBe('ok');
    expect(result.listed).toHaveLength(3);
    expect(result.models.map((m) => m.id)).not.toContain('gpt-4o');
    expect(gw.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models?limit=1000' });
    expect(gw.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const text = await cli(['discover', ...l.where]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}claude-sonnet-4-6 {2}\(Sonnet\)$/m);
    for (const out of [r, text]) expect(out.stdout + out.stderr).not.toContain(TOKEN_PIECE);
  });

  it('discover: exit 1 when Claude Code would not ask (no request sent), or the gateway fails; --force asks', async () => {
    const l = gatewayLayout();
    const off = await cli(['discover', '--json', ...l.where]);
    expect(off.code).toBe(1);
    expect(jsonOut<{ outcome: string }>(off).outcome).toBe('disabled');
    expect(gw.requests).toHaveLength(0);
    gw.behave((_r, res) => sendJson(res, 500, { error: 'x' }));
    const failed = await cli(['discover', '--json', '--force', ...l.where]);
    expect(failed.code).toBe(1);
    expect(jsonOut<{ outcome: string }>(failed).outcome).toBe('http-error');
    expect(gw.requests).toHaveLength(1);
  });
});

describe('set and unset (--dry-run diff, backup, revert)', () => {
  const ORIGINAL = '{\n  "env": {\n    "ANTHROPIC_MODEL": "claude-sonnet-4-6"\n  },\n  "theme": "dark"\n}\n';

  it('set --dry-run prints a diff and writes nothing (bytes, mtime, no backup)', async () => {
    writeFile(world.userSettings, ORIGINAL);
    const before = snapshot(world.userSettings);
    const r = await cli(['set', 'ANTHROPIC_BASE_URL=https://gw.example.com', '--scope', 'user', '--dry-run', ...world.where]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`--- ${world.userSettings}`, `+++ ${world.userSettings}`]);
    expect(r.stdout).toMatch(/^\+ .*"ANTHROPIC_BASE_URL": "https:\/\/gw\.example\.com"/m);
    expect(r.stdout).toMatch(/^ {2} +"theme": "dark"/m);
    expect(snapshot(world.userSettings)).toEqual(before);
    expect(backupFiles()).toEqual([]);
  });

  it('set --dry-run on a missing file creates nothing', async () => {
    const r = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--dry-run', '--json', ...world.where]);
    expect(r.code).toBe(0);
    expect(jsonOut<{ dryRun: boolean; created: boolean; path: string }>(r)).toMatchObject({ dryRun: true, created: true, path: world.userSettings });
    expect(() => statSync(world.userSettings)).toThrow();
    expect(backupFiles()).toEqual([]);
  });

  it('set writes with a backup, backups lists it, revert <id> undoes it byte for byte', async () => {
    writeFile(world.userSettings, ORIGINAL);
    const r = await cli(['set', 'ANTHROPIC_BASE_URL=https://gw.example.com', 'ANTHROPIC_MODEL=claude-opus-4-6', '--scope', 'user', '--json', ...world.where]);
    expect(r.code).toBe(0);
    const result = jsonOut<{ path: string; changes: unknown[]; backupId: string; dryRun: boolean }>(r);
    expect(result).toMatchObject({ path: world.userSettings, dryRun: false });
    expect(result.changes).toHaveLength(2);
    const written = JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string>; theme: string };
    expect(written).toEqual({ env: { ANTHROPIC_MODEL: 'claude-opus-4-6', ANTHROPIC_BASE_URL: 'https://gw.example.com' }, theme: 'dark' });
    expect(backupFiles().length).toBeGreaterThan(0);

    const list = jsonOut<{ backups: BackupEntry[] }>(await cli(['backups', '--json'])).backups;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: result.backupId, path: world.userSettings, existed: true, reason: 'write' });
    const listText = await cli(['backups']);
    expect(listText.stdout).toContain(result.backupId);

    const rv = await cli(['revert', result.backupId, '--json']);
    expect(rv.code).toBe(0);
    expect(jsonOut<{ path: string; removed: boolean; backupId: string }>(rv)).toMatchObject({ path: world.userSettings, removed: false });
    expect(readFileSync(world.userSettings, 'utf8')).toBe(ORIGINAL);
  });

  it('set prints where it wrote and how to undo it; revert of a created file removes it', async () => {
    const r = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', ...world.where]);
    expect(r.code).toBe(0);
    const id = /revert (\S+)\)/.exec(r.stdout)?.[1];
    expect(r.stdout).toContain(world.userSettings);
    expect(id).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]+$/);
    const rv = await cli(['revert', id ?? '']);
    expect(rv.code).toBe(0);
    expect(rv.stdout).toMatch(/^removed /);
    expect(() => statSync(world.userSettings)).toThrow();
  });

  it('unset --dry-run prints a diff and writes nothing; unset removes; revert <file> restores it', async () => {
    writeFile(world.userSettings, ORIGINAL);
    const before = snapshot(world.userSettings);
    const dry = await cli(['unset', 'ANTHROPIC_MODEL', '--scope', 'user', '--dry-run', ...world.where]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^- .*"ANTHROPIC_MODEL"/m);
    expect(snapshot(world.userSettings)).toEqual(before);
    expect(backupFiles()).toEqual([]);

    const real = await cli(['unset', 'ANTHROPIC_MODEL', '--scope', 'user', ...world.where]);
    expect(real.code).toBe(0);
    expect(readFileSync(world.userSettings, 'utf8')).not.toContain('ANTHROPIC_MODEL');
    const rv = await cli(['revert', world.userSettings]);
    expect(rv.code).toBe(0);
    expect(readFileSync(world.userSettings)).toEqual(before.bytes);
  });

  it('backups --path and revert take a settings file relative to the working directory', async () => {
    const local = join(world.cwd, '.claude', 'settings.local.json');
    writeFile(local, ORIGINAL);
    expect((await cli(['set', 'ANTHROPIC_MODEL=y', '--scope', 'local', ...world.where])).code).toBe(0);
    const list = jsonOut<{ backups: BackupEntry[] }>(await cli(['backups', '--json', '--path', '.claude/settings.local.json'])).backups;
    expect(list.map((b) => b.path)).toEqual([local]);
    const rv = await cli(['revert', '.claude/settings.local.json']);
    expect(rv.code).toBe(0);
    expect(readFileSync(local, 'utf8')).toBe(ORIGINAL);
  });

  it('unset of a variable that is not there changes nothing', async () => {
    writeFile(world.userSettings, ORIGINAL);
    const before = snapshot(world.userSettings);
    const r = await cli(['unset', 'CGC_NOT_THERE', '--scope', 'user', ...world.where]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to change');
    expect(snapshot(world.userSettings)).toEqual(before);
  });

  it.each<[string, string, string]>([
    ['a file that does not parse', '{ "env": { "ANTHROPIC_MODEL": ', 'INVALID_JSON'],
    ['a file with comments (JSONC)', '{\n  // the team gateway\n  "env": {}\n}\n', 'JSONC_NOT_ALLOWED'],
  ])('set into %s is refused: exit 3, one line, the bytes unchanged, no backup', async (_what, content, code) => {
    writeFile(world.userSettings, content);
    const before = snapshot(world.userSettings);
    for (const extra of [[], ['--dry-run']]) {
      const r = await cli(['set', 'ANTHROPIC_BASE_URL=https://gw.example.com', '--scope', 'user', ...extra, ...world.where]);
      const { message } = expectOneLineFailure(r, 3, 'set');
      expect(message).toContain(`[${code}]`);
      expect(snapshot(world.userSettings)).toEqual(before);
    }
    expect(backupFiles()).toEqual([]);
  });

  it('--convert-jsonc rewrites a file with comments as strict JSON', async () => {
    writeFile(world.userSettings, '{\n  // the team gateway\n  "env": {}\n}\n');
    const r = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--convert-jsonc', ...world.where]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({ env: { ANTHROPIC_MODEL: 'x' } });
    expect(
      readFileSync(world.userSettings, 'utf8')
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.trim() === ''),
    ).toEqual([]);
    expect(r.stdout + r.stderr).toContain('it was rewritten as strict JSON');
  });

  it('--convert-jsonc --dry-run says what would happen and writes nothing', async () => {
    writeFile(world.userSettings, '{\n  // the team gateway\n  "env": {}\n}\n');
    const r = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--convert-jsonc', '--dry-run', ...world.where]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain('it would be rewritten as strict JSON and the comments would be gone');
    expect(r.stdout + r.stderr).not.toContain('was rewritten');
    expect(r.stdout).toContain('-  // the team gateway');
    expect(readFileSync(world.userSettings, 'utf8')).toContain('// the team gateway');
  });

  it('a credential into the shared project file of a git repository is refused (exit 3), nothing written', async () => {
    worldGit(world, world.cwd, 'init', '-q');
    const r = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'project', ...world.where], { env: { CGC_VALUE: TOKEN } });
    const { message } = expectOneLineFailure(r, 3, 'set');
    expect(message).not.toContain(TOKEN_PIECE);
    expect(() => statSync(join(world.cwd, '.claude', 'settings.json'))).toThrow();
  });

  it('--root is for reading: a write with it is a usage error, nothing written', async () => {
    const l = rootLayout({});
    const r = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', ...l.where]);
    const { message, hint } = expectOneLineFailure(r, 2, 'set');
    // Flags the person can type, not the library's options.
    expect(message).not.toMatch(/planEdit|writeSettings/);
    expect(hint).toContain('--home');
    expect(readdirSync(join(l.root, 'home', 'u'))).toEqual(['proj']);
  });

  it('revert of an unknown backup is a usage error (exit 2) with one line', async () => {
    const r = await cli(['revert', '20200101T000000000Z-000000']);
    const { message } = expectOneLineFailure(r, 2, 'revert');
    expect(message).toContain('BACKUP_NOT_FOUND');
  });
});

describe('init', () => {
  const GATEWAY_TOKEN = `${TOKEN}-init`;

  it('init gateway --base-url … --token-env NAME --scope user writes ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN', async () => {
    const r = await cli(
      ['init', 'gateway', '--base-url', 'https://llm-gateway.example.com', '--token-env', 'CGC_GATEWAY_TOKEN', '--scope', 'user', ...world.where],
      {
        env: { CGC_GATEWAY_TOKEN: GATEWAY_TOKEN },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(world.userSettings);
    expect(r.stdout).not.toContain(TOKEN_PIECE);
    const written = JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> };
    expect(written.env['ANTHROPIC_BASE_URL']).toBe('https://llm-gateway.example.com');
    expect(written.env['ANTHROPIC_AUTH_TOKEN']).toBe(GATEWAY_TOKEN);
    expect(backupFiles().length).toBeGreaterThan(0);
    const status = jsonOut<EffectiveConfig>(await cli(['status', '--json', ...world.where]));
    expect(status.credential.kind).toBe('auth-token');
    expect(status.baseUrl?.value).toBe('https://llm-gateway.example.com');
  });

  it('--json: path, changes, backupId, dryRun, diagnostics; --api-key-env writes ANTHROPIC_API_KEY', async () => {
    const r = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--api-key-env', 'CGC_KEY', '--json', ...world.where], {
      env: { CGC_KEY: GATEWAY_TOKEN },
    });
    expect(r.code).toBe(0);
    const out = jsonOut<{ path: string; changes: number; backupId?: string; dryRun: boolean; diagnostics: Diagnostic[] }>(r);
    expect(out).toMatchObject({ path: world.userSettings, changes: 2, dryRun: false });
    expect(typeof out.backupId).toBe('string');
    expect(Array.isArray(out.diagnostics)).toBe(true);
    expect((JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> }).env['ANTHROPIC_API_KEY']).toBe(GATEWAY_TOKEN);
    expect(r.stdout).not.toContain(TOKEN_PIECE);
  });

  it('--dry-run prints the diff and writes nothing; --scope local writes the local file', async () => {
    const dry = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--dry-run', ...world.where]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^\+ .*"ANTHROPIC_BASE_URL": "https:\/\/gw\.example\.com"/m);
    expect(() => statSync(world.userSettings)).toThrow();
    expect(backupFiles()).toEqual([]);
    const local = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--scope', 'local', ...world.where]);
    expect(local.code).toBe(0);
    expect(JSON.parse(readFileSync(join(world.cwd, '.claude', 'settings.local.json'), 'utf8'))).toMatchObject({
      env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' },
    });
  });

  it('asks for what it needs on a terminal (the token as a secret), and not otherwise', async () => {
    const asked: { question: string; secret: boolean }[] = [];
    const answers = ['https://asked.example.com', '1', GATEWAY_TOKEN, 'y', 'n'];
    const r = await cli(['init', 'gateway', ...world.where], {
      isTTY: true,
      prompt: async (question, options) => {
        asked.push({ question, secret: options?.secret === true });
        return answers.shift() ?? '';
      },
    });
    expect(r.code).toBe(0);
    // URL, which credential, the token (hidden), write?, verify?
    expect(asked).toHaveLength(5);
    expect(asked.map((a) => a.secret)).toEqual([false, false, true, false, false]);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_AUTH_TOKEN: GATEWAY_TOKEN, ANTHROPIC_BASE_URL: 'https://asked.example.com' },
    });
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
  });

  it.each<[string, string[], string]>([
    ['bedrock', ['--region', 'us-east-1'], 'CLAUDE_CODE_USE_BEDROCK'],
    ['bedrock', ['--gateway-url', 'https://gw.example.com/bedrock'], 'CLAUDE_CODE_SKIP_BEDROCK_AUTH'],
    ['vertex', ['--project', 'p-1', '--region', 'us-east5'], 'CLAUDE_CODE_USE_VERTEX'],
    ['foundry', ['--resource', 'acme'], 'CLAUDE_CODE_USE_FOUNDRY'],
    ['anthropic-aws', ['--workspace-id', 'ws-1', '--region', 'us-east-1'], 'CLAUDE_CODE_USE_ANTHROPIC_AWS'],
    ['mantle', ['--region', 'us-east-1'], 'CLAUDE_CODE_USE_MANTLE'],
  ])('init %s %j writes the provider switch', async (kind, flags, variable) => {
    const r = await cli(['init', kind, ...flags, '--json', ...world.where]);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOut<{ dryRun: boolean }>(r).dryRun).toBe(false);
    expect((JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> }).env[variable]).toBeDefined();
  });

  it('into an unparseable user file: refused (exit 3), bytes unchanged', async () => {
    writeFile(world.userSettings, '{ nope');
    const before = snapshot(world.userSettings);
    const r = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', ...world.where]);
    expectOneLineFailure(r, 3, 'init');
    expect(snapshot(world.userSettings)).toEqual(before);
  });
});

describe('generate <format>', () => {
  const GEN = ['gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN'];
  const env = { CGC_TOKEN: TOKEN };

  it.each(FORMATS)('generate %s gateway: exit 0, text on stdout, --json { format, content, diagnostics }', async (format) => {
    const r = await cli(['generate', format, ...GEN], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const j = await cli(['generate', format, ...GEN, '--json'], { env });
    expect(j.code).toBe(0);
    if (format === 'managed') {
      const { artifacts } = jsonOut<{ artifacts: { platform: string; kind: string; fileName: string; content: string; deploy: string }[] }>(j);
      expect(new Set(artifacts.map((a) => a.platform))).toEqual(new Set(['linux', 'darwin', 'win32']));
      for (const a of artifacts) expect(a.content.length).toBeGreaterThan(0);
    } else {
      const out = jsonOut<{ format: string; content: string; diagnostics: Diagnostic[] }>(j);
      expect(out.format).toBe(format);
      expect(out.content.length).toBeGreaterThan(0);
      expect(Array.isArray(out.diagnostics)).toBe(true);
    }
  });

  it('the formats carry the configuration (settings JSON, shell exports, the verify URL)', async () => {
    const settings = JSON.parse((await cli(['generate', 'settings', ...GEN, '--show-secrets'], { env })).stdout) as { env: Record<string, string> };
    expect(settings.env).toEqual({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN });
    expect((await cli(['generate', 'bash', ...GEN], { env })).stdout).toMatch(/^export ANTHROPIC_BASE_URL='https:\/\/gw\.example\.com'$/m);
    expect((await cli(['generate', 'curl', ...GEN], { env })).stdout).toContain('https://gw.example.com/v1/messages');
    expect((await cli(['generate', 'github-actions', ...GEN, '--secret', 'CGC_SECRET'], { env })).stdout).toContain('secrets.CGC_SECRET');
    const vertex = JSON.parse((await cli(['generate', 'settings', 'vertex', '--project', 'p-1', '--region', 'us-east5'])).stdout) as {
      env: Record<string, string>;
    };
    expect(vertex.env).toMatchObject({ CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p-1' });
  });

  it('writes nothing', async () => {
    for (const format of FORMATS) await cli(['generate', format, ...GEN, ...world.where], { env });
    expect(readdirSync(world.home)).toEqual([]);
    expect(backupFiles()).toEqual([]);
  });
});

describe('backups', () => {
  it('none yet: "No backups." and [] as JSON; --backup-dir reads another store', async () => {
    const r = await cli(['backups']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No backups.\n');
    expect(jsonOut(await cli(['backups', '--json']))).toEqual({ schemaVersion: 1, backups: [] });
    expect(jsonOut(await cli(['backups', '--json', '--backup-dir', join(world.tmp, 'elsewhere')]))).toEqual({ schemaVersion: 1, backups: [] });
  });
});

describe('paths', () => {
  interface Row {
    name: string;
    path: string;
    note: string;
  }

  it('lists user, project, local, managed, drop-ins, global config, credentials, model cache and backups', async () => {
    const r = await cli(['paths', '--json', ...world.where]);
    expect(r.code).toBe(0);
    const rows = jsonOut<{ locations: Row[] }>(r).locations;
    const by = (name: string): string | undefined => rows.find((x) => x.name === name)?.path;
    expect(rows.map((x) => x.name)).toEqual(
      expect.arrayContaining(['user', 'project', 'local', 'managed', 'managed drop-ins', 'global config', 'credentials', 'model cache', 'backups']),
    );
    expect(by('user')).toBe(world.userSettings);
    expect(by('project')).toBe(join(world.cwd, '.claude', 'settings.json'));
    expect(by('local')).toBe(join(world.cwd, '.claude', 'settings.local.json'));
    expect(by('managed')).toBe('/etc/claude-code/managed-settings.json');
    expect(by('managed drop-ins')).toBe('/etc/claude-code/managed-settings.d');
    expect(by('global config')).toBe(join(world.home, '.claude.json'));
    expect(by('backups')).toBe(world.backupDir);
    for (const row of rows) expect(row.note.length).toBeGreaterThan(0);
    const text = await cli(['paths', ...world.where]);
    for (const row of rows) expect(text.stdout).toContain(row.path);
  });

  it('follows the git root for the local file, CLAUDE_CONFIG_DIR, and --platform', async () => {
    const repo = join(world.tmp, 'work');
    worldGit(world, repo, 'init', '-q');
    const rows = jsonOut<{ locations: Row[] }>(
      await cli(['paths', '--json', ...world.where], { env: { CLAUDE_CONFIG_DIR: join(world.tmp, 'cfg') } }),
    ).locations;
    const by = (name: string): string | undefined => rows.find((x) => x.name === name)?.path;
    expect(by('local')).toBe(join(repo, '.claude', 'settings.local.json'));
    expect(by('local (leftover)')).toBe(join(world.cwd, '.claude', 'settings.local.json'));
    expect(by('user')).toBe(join(world.tmp, 'cfg', 'settings.json'));
    const mac = jsonOut<{ locations: Row[] }>(await cli(['paths', '--json', '--home', '/Users/u', '--cwd', '/Users/u/p', '--platform', 'darwin'])).locations;
    expect(mac.find((x) => x.name === 'managed')?.path).toBe('/Library/Application Support/ClaudeCode/managed-settings.json');
    const win = jsonOut<{ locations: Row[] }>(
      await cli(['paths', '--json', '--home', 'C:\\Users\\u', '--cwd', 'C:\\Users\\u\\p', '--platform', 'win32']),
    ).locations;
    expect(win.find((x) => x.name === 'user')?.path).toBe('C:\\Users\\u\\.claude\\settings.json');
    expect(win.find((x) => x.name === 'managed')?.path).toMatch(/^C:\\Program Files\\ClaudeCode\\managed-settings\.json$/);
  });

  it('--root: the paths of the layout as Claude Code would see them', async () => {
    const l = exampleLayout();
    const rows = jsonOut<{ locations: Row[] }>(await cli(['paths', '--json', ...l.where])).locations;
    expect(rows.find((x) => x.name === 'local')?.path).toBe('/home/dev/acme-app/.claude/settings.local.json');
    expect(rows.find((x) => x.name === 'user')?.path).toBe('/home/dev/.claude/settings.json');
  });
});

describe('--show-secrets is the only way to see a credential', () => {
  const HEADER_TOKEN = `${TOKEN}-hdr`;
  const SHELL_TOKEN = `${TOKEN}-shell`;
  const PROXY_PASSWORD = `${TOKEN}-proxy`;

  function secretLayout(): RootLayout {
    return rootLayout({
      '/home/u/.claude/settings.json': {
        env: {
          ANTHROPIC_BASE_URL: 'https://gw.example.com',
          ANTHROPIC_AUTH_TOKEN: TOKEN,
          ANTHROPIC_CUSTOM_HEADERS: `X-Tenant: acme\nX-Gateway-Token: ${HEADER_TOKEN}`,
        },
      },
    });
  }
  const shellEnv = { ANTHROPIC_AUTH_TOKEN: SHELL_TOKEN, HTTPS_PROXY: `http://user:${PROXY_PASSWORD}@proxy.example:8080` };

  const READERS: string[][] = [
    ['status'],
    ['status', '--all'],
    ['status', '--json'],
    ['explain', 'ANTHROPIC_AUTH_TOKEN'],
    ['explain', 'ANTHROPIC_AUTH_TOKEN', '--json'],
    ['explain', 'ANTHROPIC_CUSTOM_HEADERS', '--json'],
    ['explain', 'HTTPS_PROXY'],
    ['explain', 'env'],
    ['explain', 'env', '--json'],
    ['doctor'],
    ['doctor', '--json'],
  ];

  it.each(READERS)('%s … never shows a credential without --show-secrets', async (...argv) => {
    const l = secretLayout();
    const r = await cli([...argv, ...l.where], { env: shellEnv });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
  });

  it('status, status --json and explain show the credentials with --show-secrets', async () => {
    const l = secretLayout();
    const status = await cli(['status', '--show-secrets', ...l.where], { env: shellEnv });
    expect(status.stdout).toContain(TOKEN);
    expect(status.stdout).toContain(HEADER_TOKEN);
    const statusJson = jsonOut<EffectiveConfig>(await cli(['status', '--json', '--show-secrets', ...l.where], { env: shellEnv }));
    expect(statusJson.env['ANTHROPIC_AUTH_TOKEN']?.value).toBe(TOKEN);
    expect(statusJson.env['ANTHROPIC_AUTH_TOKEN']?.overridden.map((o) => o.value)).toEqual([SHELL_TOKEN]);
    const explain = jsonOut<Explanation>(await cli(['explain', 'ANTHROPIC_AUTH_TOKEN', '--json', '--show-secrets', ...l.where], { env: shellEnv }));
    expect(explain.value).toBe(TOKEN);
    expect(explain.overridden.map((o) => o.value)).toEqual([SHELL_TOKEN]);
    expect((await cli(['explain', 'ANTHROPIC_AUTH_TOKEN', '--show-secrets', ...l.where], { env: shellEnv })).stdout).toContain(TOKEN);
  });

  const GEN = ['gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN'];

  it.each(FORMATS)('generate %s never shows the credential without --show-secrets (text and --json)', async (format) => {
    for (const extra of [[], ['--json']]) {
      const r = await cli(['generate', format, ...GEN, ...extra], { env: { CGC_TOKEN: TOKEN } });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    }
  });

  it.each(['settings', 'bash', 'powershell', 'vscode', 'sdk-typescript', 'sdk-python', 'managed'])('generate %s --show-secrets shows it', async (format) => {
    const r = await cli(['generate', format, ...GEN, '--show-secrets'], { env: { CGC_TOKEN: TOKEN } });
    expect(r.stdout).toContain(TOKEN);
  });

  it('generate masks a credential even where the format escapes it (JSON, plist, .reg)', async () => {
    const odd = `${TOKEN}&<"\\>`;
    for (const format of ['settings', 'managed', 'vscode']) {
      for (const extra of [[], ['--json']]) {
        const r = await cli(['generate', format, ...GEN, ...extra], { env: { CGC_TOKEN: odd } });
        expect(r.code).toBe(0);
        expect(r.stdout + r.stderr, format).not.toContain(TOKEN_PIECE);
      }
    }
  });

  it('set --dry-run (text and --json) masks a new and an existing credential; --show-secrets shows them', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_API_KEY: SHELL_TOKEN } });
    for (const argv of [
      ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', '--dry-run'],
      ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', '--dry-run', '--json'],
      ['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--dry-run'],
      ['unset', 'ANTHROPIC_API_KEY', '--scope', 'user', '--dry-run'],
      ['unset', 'ANTHROPIC_API_KEY', '--scope', 'user', '--dry-run', '--json'],
    ]) {
      const r = await cli([...argv, ...world.where], { env: { CGC_VALUE: TOKEN } });
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout + r.stderr, argv.join(' ')).not.toContain(TOKEN_PIECE);
    }
    const shown = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', '--dry-run', '--show-secrets', ...world.where], {
      env: { CGC_VALUE: TOKEN },
    });
    expect(shown.stdout).toContain(TOKEN);
    expect(shown.stdout).toContain(SHELL_TOKEN);
  });

  it('a real set (text and --json) does not print the credential it wrote', async () => {
    const r = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', ...world.where], { env: { CGC_VALUE: TOKEN } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(TOKEN_PIECE);
    const j = await cli(['set', 'ANTHROPIC_AUTH_TOKEN', '--value-stdin', '--scope', 'user', '--json', ...world.where], { stdin: `${SHELL_TOKEN}\n` });
    expect(j.code).toBe(0);
    expect(j.stdout).not.toContain(TOKEN_PIECE);
    expect(readFileSync(world.userSettings, 'utf8')).toContain(SHELL_TOKEN);
  });

  it('init --dry-run (text and --json) masks the token; --show-secrets shows it', async () => {
    const argv = ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--dry-run', ...world.where];
    for (const extra of [[], ['--json']]) {
      const r = await cli([...argv, ...extra], { env: { CGC_TOKEN: TOKEN } });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    }
    expect((await cli([...argv, '--show-secrets'], { env: { CGC_TOKEN: TOKEN } })).stdout).toContain(TOKEN);
  });
});

describe('colour only on a terminal, NO_COLOR and FORCE_COLOR', () => {
  async function doctorOut(isTTY: boolean, env: Record<string, string>, json = false): Promise<CliResult> {
    const l = exampleLayout();
    return cli(['doctor', ...(json ? ['--json'] : []), ...l.where], { isTTY, env });
  }

  it('no ANSI escapes when stdout is not a terminal', async () => {
    const r = await doctorOut(false, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error settings-jsonc');
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
  });

  it('escapes on a terminal', async () => {
    expect((await doctorOut(true, {})).stdout).toMatch(ANSI);
  });

  it('none on a terminal with NO_COLOR (any non-empty value), or FORCE_COLOR=0', async () => {
    expect((await doctorOut(true, { NO_COLOR: '1' })).stdout).not.toMatch(ANSI);
    expect((await doctorOut(true, { NO_COLOR: 'yes' })).stdout).not.toMatch(ANSI);
    expect((await doctorOut(true, { FORCE_COLOR: '0' })).stdout).not.toMatch(ANSI);
  });

  it('escapes with FORCE_COLOR=1 even without a terminal; never in --json', async () => {
    expect((await doctorOut(false, { FORCE_COLOR: '1' })).stdout).toMatch(ANSI);
    const j = await doctorOut(true, { FORCE_COLOR: '1' }, true);
    expect(j.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(j.stdout) as unknown).not.toThrow();
  });

  it('the writers and verify paint only with colour on', async () => {
    const plain = await cli(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', ...world.where], { isTTY: false });
    expect(plain.stdout).not.toMatch(ANSI);
    const forced = await cli(['set', 'ANTHROPIC_MODEL=y', '--scope', 'user', ...world.where], { isTTY: false, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
  });
});

describe('nothing is read from standard input unless --token-stdin', () => {
  it('no command touches process.stdin without --token-stdin', async () => {
    const touched: string[] = [];
    const spies = (['on', 'once', 'read', 'resume', 'pipe'] as const).map((m) =>
      vi.spyOn(process.stdin, m).mockImplementation(((..._args: unknown[]) => {
        touched.push(m);
        return process.stdin;
      }) as never),
    );
    const iter = vi.spyOn(process.stdin, Symbol.asyncIterator).mockImplementation(() => {
      touched.push('asyncIterator');
      throw new Error('stdin read');
    });
    try {
      const l = exampleLayout();
      for (const argv of [
        ['status', ...l.where],
        ['explain', 'ANTHROPIC_BASE_URL', ...l.where],
        ['doctor', ...l.where],
        ['paths', ...l.where],
        ['init', 'gateway', '--base-url', 'https://gw.example.com', '--dry-run', ...world.where],
        ['generate', 'settings', 'gateway', '--base-url', 'https://gw.example.com'],
        ['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--dry-run', ...world.where],
      ]) {
        await cli(argv);
      }
      expect(touched).toEqual([]);
      // Standard input is read through io.stdin only, and only for --token-stdin / --value-stdin.
      let read = 0;
      const stdin = (): Promise<string> => {
        read++;
        return Promise.resolve('tok-from-stdin');
      };
      const io = { env: world.env, cwd: world.cwd };
      await runCli(['status', ...l.where], { ...io, stdin: 'x' }).then(() => undefined);
      expect(read).toBe(0);
      const f = fakeIo({ ...io, stdin: 'tok-from-stdin' });
      f.io.stdin = stdin;
      expect(await run(['generate', 'settings', 'gateway', '--base-url', 'https://gw.example.com', '--token-stdin'], f.io)).toBe(0);
      expect(read).toBe(1);
      expect(touched).toEqual([]);
    } finally {
      for (const s of spies) s.mockRestore();
      iter.mockRestore();
    }
  });
});

describe('generate <format> current: what this machine already has', () => {
  it('prints the example layout for VS Code, the values the resolver picked, and the doctor points at it', async () => {
    const l = exampleLayout();
    const r = await cli(['generate', 'vscode', 'current', ...l.where]);
    expect(r.code).toBe(0);
    const vars = (JSON.parse(r.stdout) as { 'claudeCode.environmentVariables': { name: string; value: string }[] })['claudeCode.environmentVariables'];
    // The managed URL wins over the user's old one.
    expect(vars.find((v) => v.name === 'ANTHROPIC_BASE_URL')?.value).toBe('https://llm-gateway.acme.example');
    expect(vars.map((v) => v.name)).not.toContain('NODE_EXTRA_CA_CERTS');
    const doctor = await cli(['doctor', '--verbose', ...l.where]);
    expect(doctor.stdout).toContain('claude-gateway generate vscode current');
  });

  it('a credential is masked unless --show-secrets', async () => {
    writeFile(world.userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN } }));
    const masked = await cli(['generate', 'bash', 'current', ...world.where]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).toContain("export ANTHROPIC_BASE_URL='https://gw.example.com'");
    expect(masked.stdout + masked.stderr).not.toContain(TOKEN_PIECE);
    const shown = await cli(['generate', 'bash', 'current', '--show-secrets', ...world.where]);
    expect(shown.stdout).toContain(TOKEN);
  });

  it('a mistyped kind suggests current; no kind names the choices', async () => {
    const { hint } = expectOneLineFailure(await cli(['generate', 'vscode', 'curent']), 2, 'generate');
    expect(hint).toMatch(/hint: did you mean current\?/);
    const none = expectOneLineFailure(await cli(['generate', 'vscode']), 2, 'generate');
    expect(none.message).toContain('current (what this machine has), gateway');
  });
});

describe('generate: formats that only name the credential', () => {
  it('github-actions and curl do not need the --token-env / --api-key-env variable set; formats that write the value do', async () => {
    for (const format of ['github-actions', 'curl', 'curl-powershell']) {
      const r = await cli(['generate', format, 'gateway', '--base-url', 'https://gw.example.com', '--api-key-env', 'CGC_NOT_SET']);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout).not.toContain('value-not-needed');
    }
    const settings = await cli(['generate', 'settings', 'gateway', '--base-url', 'https://gw.example.com', '--api-key-env', 'CGC_NOT_SET']);
    expect(expectOneLineFailure(settings, 2, 'generate').message).toContain('CGC_NOT_SET');
  });
});

describe('generate managed --out and generate helper-script', () => {
  it('managed --out writes each artifact to <dir>/<platform>/<file> with the real values, never over a file unless --force', async () => {
    const out = join(world.tmp, 'artifacts');
    const argv = [
      'generate',
      'managed',
      'gateway',
      '--base-url',
      'https://gw.example.com',
      '--token-env',
      'CGC_TOKEN',
      '--out',
      out,
      '--platform',
      'linux,darwin',
      '--drop-in',
      '10-gateway.json',
    ];
    const r = await cli(argv, { env: { CGC_TOKEN: TOKEN } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(TOKEN_PIECE);
    expect(readdirSync(join(out, 'linux')).sort()).toEqual(['10-gateway.json', 'managed-settings.json']);
    expect(readdirSync(join(out, 'darwin'))).toContain('com.anthropic.claudecode.mobileconfig');
    expect(JSON.parse(readFileSync(join(out, 'linux', 'managed-settings.json'), 'utf8')).env.ANTHROPIC_AUTH_TOKEN).toBe(TOKEN);
    const again = await cli(argv, { env: { CGC_TOKEN: TOKEN } });
    expect(expectOneLineFailure(again, 3, 'generate').message).toContain('--force');
    expect((await cli([...argv, '--force'], { env: { CGC_TOKEN: TOKEN } })).code).toBe(0);
    expect(
      expectOneLineFailure(await cli(['generate', 'managed', 'gateway', '--base-url', 'https://gw.example.com', '--platform', 'beos']), 2, 'generate').message,
    ).toContain('beos');
  });

  it('helper-script prints a script that prints only the credential; --out writes it executable and the apiKeyHelper to use runs it', async () => {
    const printed = await cli(['generate', 'helper-script', '--from-env', 'GW_KEY']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^#!\/bin\/sh/);
    const file = join(world.tmp, 'bin', 'key.sh');
    const r = await cli(['generate', 'helper-script', '--from-env', 'GW_KEY', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o111).not.toBe(0);
    const helper = /--helper "([^"]+)"/.exec(r.stderr)?.[1];
    expect(helper).toBeDefined();
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('/bin/sh', ['-c', helper as string], { env: { PATH: '/usr/bin:/bin', GW_KEY: 'sk-from-helper-1' } }).toString()).toBe(
      'sk-from-helper-1',
    );
    expect(expectOneLineFailure(await cli(['generate', 'helper-script']), 2, 'generate').message).toContain('--from-env');
  });
});

describe('doctor --fix', () => {
  it("shows each file's diff and writes nothing without --yes (or a yes at the prompt); --yes writes through the safe writer and the doctor runs again", async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com/v1', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const before = readFileSync(world.userSettings, 'utf8');
    const dry = await cli(['doctor', '--fix', '--no-info', ...world.where]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^- +"ANTHROPIC_BASE_URL": "https:\/\/gw\.example\.com\/v1",$/m);
    expect(dry.stdout).toMatch(/^\+ +"ANTHROPIC_BASE_URL": "https:\/\/gw\.example\.com",$/m);
    expect(dry.stdout).toContain('doctor --fix --yes');
    expect(dry.stdout).not.toContain(TOKEN_PIECE);
    expect(readFileSync(world.userSettings, 'utf8')).toBe(before);
    const declined = await cli(['doctor', '--fix', '--no-info', ...world.where], { prompt: () => Promise.resolve('n') });
    expect(declined.code).toBe(1);
    expect(readFileSync(world.userSettings, 'utf8')).toBe(before);
    const applied = await cli(['doctor', '--fix', '--yes', '--json', '--no-info', ...world.where]);
    expect(applied.code, applied.stdout).toBe(0);
    const report = JSON.parse(applied.stdout) as { applied: boolean; files: { fixes: string[]; backupId: string }[]; remaining: unknown[] };
    expect(report).toMatchObject({ applied: true, files: [{ fixes: ['doctor-base-url-v1'] }] });
    expect(report.remaining.filter((d) => (d as { severity: string }).severity === 'error')).toEqual([]);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN },
    });
    // The backup it took restores the file.
    expect((await cli(['revert', report.files[0]?.backupId ?? '', ...world.where])).code).toBe(0);
    expect(readFileSync(world.userSettings, 'utf8')).toBe(before);
    expect(expectOneLineFailure(await cli(['doctor', '--yes', ...world.where]), 2, 'doctor').message).toContain('--fix');
  });

  it("prints what the writer says about each fix: here the repository's own URL takes over once the folder is trusted", async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com/v1', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    writeFile(join(world.cwd, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://repo.example.com' } });
    const dry = await cli(['doctor', '--fix', '--dry-run', '--no-info', ...world.where]);
    expect(dry.stdout).toMatch(/^\+ +"ANTHROPIC_BASE_URL": "https:\/\/gw\.example\.com",$/m);
    expect(dry.stdout).toContain('warning write-outranked-after-trust');
    const json = JSON.parse((await cli(['doctor', '--fix', '--dry-run', '--json', '--no-info', ...world.where])).stdout) as {
      files: { warnings: { code: string }[] }[];
    };
    expect(json.files[0]?.warnings.map((d) => d.code)).toContain('write-outranked-after-trust');
  });
});

describe('explain-error', () => {
  it('explains a pasted or piped Claude Code error with this configuration; an unknown text exits 1', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com/v1', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const r = await cli(['explain-error', 'API Error: 404 {"type":"error","error":{"type":"not_found_error"}}', ...world.where]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('/v1/v1/messages');
    expect(r.stdout).not.toContain(TOKEN_PIECE);
    const piped = await cli(['explain-error', '--stdin', '--json', ...world.where], {
      stdin: 'noise\nAPI Error: 401 {"type":"error","error":{"type":"authentication_error"}}\n',
    });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ known: true, code: 'gateway-401' });
    const unknown = await cli(['explain-error', 'the weather is nice', ...world.where]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('claude-gateway doctor');
    expect(expectOneLineFailure(await cli(['explain-error', ...world.where]), 2, 'explain-error').hint).toContain('--stdin');
  });
});

describe('review fixes', () => {
  it('doctor --ci outside a git repository is a usage error, not a pass', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join: j } = await import('node:path');
    const dir = mkdtempSync(j(tmpdir(), 'cgc-noci-'));
    const r = await cli(['doctor', '--ci', '--repo', dir]);
    expectOneLineFailure(r, 2, 'doctor');
  });

  it('--helper-ttl that is not a number is a usage error naming the flag', async () => {
    const r = await cli(['generate', 'bash', 'gateway', '--base-url', 'https://gw.example.com', '--helper', '/bin/k', '--helper-ttl', 'abc']);
    const { message } = expectOneLineFailure(r, 2, 'generate');
    expect(message).toContain('--helper-ttl');
  });
});

describe('messages name flags and commands, not library options', () => {
  it('a generator error and a doctor fix say what to type', async () => {
    const vertex = await cli(['init', 'vertex', '--gateway-url', 'https://gw.example.com/vertex', '--dry-run', ...world.where]);
    const { message } = expectOneLineFailure(vertex, 2, 'init');
    expect(message).toContain('--project');
    expect(message).not.toMatch(/\bprojectId\b/);
    expect(withFlags('Add them to VS Code user settings (toVsCodeSettings() writes them)')).toContain('claude-gateway generate vscode');
  });

  it('verify, discover and the version note speak in flags', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const off = await cli(['discover', ...world.where]);
    expect(off.code).toBe(1);
    expect(off.stdout).toContain('pass --force to ask anyway');
    expect(off.stdout).not.toMatch(/pass force\b/);
    const future = await cli(['doctor', '--claude-version', '9.0.0', ...world.where]);
    expect(future.stdout).toContain('pass --claude-version ');
    expect(future.stdout).not.toContain('claudeCodeVersion');
    expect(withFlags("retry with the minimal request (request: 'minimal')")).toBe('retry with --minimal-request');
    const foundry = await cli(
      [
        'init',
        'foundry',
        '--gateway-url',
        'https://gw.example.com/foundry',
        '--gateway-token-env',
        'CGC_VALUE',
        '--scope',
        'user',
        '--dry-run',
        ...world.where,
      ],
      { env: { CGC_VALUE: TOKEN } },
    );
    const refused = expectOneLineFailure(foundry, 2, 'init');
    expect(refused.message).toContain('(--foundry-key-env / --foundry-token-env)');
    expect(refused.message).not.toMatch(/foundryApiKey|foundryAuthToken/);
  });
});

describe('init, guided in a terminal', () => {
  /** A terminal that answers the questions in order and records them. */
  function terminal(answers: string[]): { prompt: NonNullable<CliIo['prompt']>; asked: { question: string; secret: boolean }[] } {
    const asked: { question: string; secret: boolean }[] = [];
    return {
      asked,
      prompt: (question, o) => {
        asked.push({ question, secret: o?.secret === true });
        const next = answers.shift();
        if (next === undefined) return Promise.reject(new InterruptedError());
        return Promise.resolve(next);
      },
    };
  }

  it('gateway: checks the URL as it is given, asks for the credential hidden, shows the masked file and where, writes on yes, then runs the doctor', async () => {
    const t = terminal(['gw.example.com/v1', 'https://gw.example.com', '1', 'tok-typed-1234567890', 'y', 'n']);
    const r = await cli(['init', 'gateway', ...world.where], { prompt: t.prompt, env: { ANTHROPIC_API_KEY: 'sk-stale-key-000000' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('try again');
    expect(t.asked.map((a) => a.secret)).toEqual([false, false, false, true, false, false]);
    expect(r.stdout).toContain(`This goes into ${world.userSettings}`);
    expect(r.stdout).not.toContain('tok-typed-1234567890');
    expect(r.stdout).toContain('claude-gateway doctor');
    expect(r.stdout).toContain('Also unset in your shell: ANTHROPIC_API_KEY');
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8')).env).toMatchObject({
      ANTHROPIC_BASE_URL: 'https://gw.example.com',
      ANTHROPIC_AUTH_TOKEN: 'tok-typed-1234567890',
    });
  });

  it('every kind asks what it needs: vertex asks the project and region; no, nothing written; Ctrl-C exits 130', async () => {
    const t = terminal(['my-proj-1', '', 'n', 'n']);
    const declined = await cli(['init', 'vertex', ...world.where], { prompt: t.prompt });
    expect(declined.code).toBe(1);
    expect(t.asked.map((a) => a.question)).toEqual([
      'Google Cloud project id: ',
      'Vertex region [global]: ',
      'Through an LLM gateway? [y/N]: ',
      expect.stringContaining('Write it to'),
    ]);
    expect(declined.stdout).toContain('"ANTHROPIC_VERTEX_PROJECT_ID": "my-proj-1"');
    expect(declined.stdout).toContain('Nothing written.');
    expect(() => statSync(world.userSettings)).toThrow();
    const interrupted = await cli(['init', 'bedrock', ...world.where], { prompt: terminal([]).prompt });
    expect(interrupted.code).toBe(130);
    expect(() => statSync(world.userSettings)).toThrow();
  });

  it('no credential chosen: warned and asked; --token-stdin in a terminal is refused (it would echo); --yes asks nothing', async () => {
    const none = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', ...world.where], { prompt: terminal(['4', 'n']).prompt });
    expect(expectOneLineFailure(none, 2, 'init').message).toContain('nothing written');
    const stdinTty = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-stdin', ...world.where], {
      prompt: terminal([]).prompt,
      stdin: 'tok',
    });
    expect(expectOneLineFailure(stdinTty, 2, 'init').message).toContain('reads a pipe');
    const yes = await cli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_VALUE', '--yes', ...world.where], {
      prompt: terminal([]).prompt,
      env: { CGC_VALUE: TOKEN },
    });
    expect(yes.code, yes.stderr).toBe(0);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8')).env.ANTHROPIC_AUTH_TOKEN).toBe(TOKEN);
  });

  it('--scope project: no token or key is asked for (the file is committed); a helper can be chosen; --allow-credentials-in-project is accepted', async () => {
    const projectFile = join(world.cwd, '.claude', 'settings.json');
    const t = terminal(['https://gw.example.com', '1', '3', '~/bin/key.sh', 'y', 'n']);
    const r = await cli(['init', 'gateway', '--scope', 'project', ...world.where], { prompt: t.prompt });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('the project file is committed');
    expect(t.asked.some((a) => a.secret)).toBe(false);
    expect(t.asked[1]?.question).toContain('3 apiKeyHelper command, 4 none');
    expect(JSON.parse(readFileSync(projectFile, 'utf8'))).toEqual({ apiKeyHelper: '~/bin/key.sh', env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    // A provider's optional gateway token is skipped with a note; nothing typed.
    const b = terminal(['us-east-1', 'y', 'https://gw.example.com/bedrock', 'n']);
    const bedrock = await cli(['init', 'bedrock', '--scope', 'project', '--dry-run', ...world.where], { prompt: b.prompt });
    expect(bedrock.stderr).toContain('no credential asked');
    expect(b.asked.some((a) => a.secret)).toBe(false);
    // The flag exists on init (the refusal names it), outside a git repository.
    const allowed = await cli(
      [
        'init',
        'gateway',
        '--base-url',
        'https://gw.example.com',
        '--token-env',
        'CGC_VALUE',
        '--scope',
        'project',
        '--allow-credentials-in-project',
        '--dry-run',
        ...world.where,
      ],
      { env: { CGC_VALUE: TOKEN } },
    );
    expect(allowed.code, allowed.stderr).toBe(0);
  });
});

describe("every command's help", () => {
  it.each(COMMANDS)('%s --help: what it does, its own and the shared options that apply, two examples', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    const examples =
      r.stdout
        .split('Examples:\n')[1]
        ?.split('\n')
        .filter((l) => l.startsWith('  claude') || l.startsWith('  claude-gateway')) ?? [];
    expect(examples.length, r.stdout).toBeGreaterThanOrEqual(2);
    for (const e of examples) expect(e.trim().startsWith('claude')).toBe(true);
    if (['backups', 'revert'].includes(name)) expect(r.stdout).not.toContain('--settings <file|json>');
    if (['set', 'unset', 'init'].includes(name)) expect(r.stdout).not.toContain('--root <dir>');
  });

  it('generate --help lists the kinds', async () => {
    expect((await cli(['generate', '--help'])).stdout).toContain('Kinds: current, gateway, bedrock, vertex, foundry, anthropic-aws, mantle');
  });
});
