/**
 * , the BUILT `claude-gateway` executable (package.json "bin", under dist/) in real child
 * processes: `node <bin> …` with an environment the test sets completely (HOME, XDG_DATA_HOME
 * and XDG_CONFIG_HOME in temp directories, so that settings and backups never reach the real home),
 * stdin kept open and never written unless the test says so, stdout and stderr pipes (not terminals).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackupEntry, Diagnostic, EffectiveConfig, Explanation } from '../src/index';
import { CLI_JS, ensureCliBuilt, runBin, type BinOptions, type BinResult } from './helpers/cli-bin';
import { ANSI, expectOneLineFailure, type CliResult } from './helpers/cli-io';
import { copyExampleLayout, makeCliWorld, makeRootLayout, REPO_ROOT, TOKEN, TOKEN_PIECE, worldGit, type CliWorld, type RootLayout } from './helpers/cli-world';
import { MESSAGE_BODY, sendJson, useGateway } from './helpers/gateway-server';
import { writeFile } from './helpers/tmp';

const COMMANDS = ['status', 'explain', 'doctor', 'verify', 'discover', 'set', 'unset', 'init', 'generate', 'backups', 'revert', 'paths'] as const;
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
const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

beforeAll(() => {
  ensureCliBuilt();
}, 180_000);

let world: CliWorld;
const layouts: RootLayout[] = [];

beforeEach(() => {
  world = makeCliWorld('cgc-bin-');
});

afterEach(() => {
  world.cleanup();
  for (const l of layouts.splice(0)) l.cleanup();
});

/** The executable in the test's world; stdin is an open pipe nobody writes to (a read would hang). */
function bin(args: readonly string[], options: Partial<BinOptions> & { extraEnv?: Record<string, string> } = {}): Promise<BinResult> {
  const { extraEnv, ...rest } = options;
  return runBin(args, { cwd: world.cwd, ...rest, env: { ...world.env, ...(rest.env ?? {}), ...(extraEnv ?? {}) } });
}

/** The result as the in-process helpers take it (and the child ran to its end, not killed). */
function done(r: BinResult): CliResult {
  expect(r.timedOut, `the command waited until killed; stderr: ${r.stderr}`).toBe(false);
  expect(r.signal).toBeNull();
  return { code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function ok(args: readonly string[], options: Parameters<typeof bin>[1] = {}): Promise<CliResult> {
  const r = done(await bin(args, options));
  expect(r.code, r.stderr).toBe(0);
  return r;
}

function json<T>(r: CliResult): T {
  return JSON.parse(r.stdout) as T;
}

function exampleLayout(): RootLayout {
  const l = copyExampleLayout();
  layouts.push(l);
  return l;
}

function rootLayout(files: Record<string, string | Record<string, unknown>>): RootLayout {
  const l = makeRootLayout(files);
  layouts.push(l);
  return l;
}

function backupFiles(): string[] {
  try {
    return readdirSync(world.backupDir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('.locks'));
  } catch {
    return [];
  }
}

describe('the executable', () => {
  it('package.json "bin" is a built node script under dist/', () => {
    expect(PKG.bin['claude-gateway']).toMatch(/^\.\/dist\/.*cli\.js$/);
    expect(join(REPO_ROOT, PKG.bin['claude-gateway'] ?? '')).toBe(CLI_JS);
    expect(readFileSync(CLI_JS, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(CLI_JS).mode & 0o111).not.toBe(0);
  });

  it('--version prints the package version; --help the commands; no command is a usage error', async () => {
    expect((await ok(['--version'])).stdout).toBe(`${PKG.version}\n`);
    const help = await ok(['--help']);
    for (const c of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    const none = done(await bin([]));
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: claude-gateway');
  });

  it.each(COMMANDS)('%s --help exits 0 with its usage', async (name) => {
    const r = await ok([name, '--help']);
    expect(r.stdout.startsWith(`Usage: claude-gateway ${name}`)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('an unknown command: exit 2, one line and a hint, no stack', async () => {
    const r = done(await bin(['stauts']));
    const { message, hint } = expectOneLineFailure(r, 2);
    expect(message).toContain('stauts');
    expect(hint).toContain('--help');
  });

  it('an unknown option and other expected failures: exit 2, one line, no stack', async () => {
    expectOneLineFailure(done(await bin(['status', '--frobnicate'])), 2, 'status');
    expectOneLineFailure(done(await bin(['explain'])), 2, 'explain');
    expectOneLineFailure(done(await bin(['init', 'gateway', ...world.where])), 2, 'init');
    expectOneLineFailure(done(await bin(['status', '--claude-version', 'x.y', ...world.where])), 2, 'status');
    expectOneLineFailure(done(await bin(['verify', '--timeout', '-5', ...world.where])), 2, 'verify');
  });
});

describe('reporting commands', () => {
  it('status --json on examples/layout (--root): managed origin "file + drop-ins"', async () => {
    const l = exampleLayout();
    const r = await ok(['status', '--json', ...l.where], { extraEnv: { ANTHROPIC_BASE_URL: 'https://shell-export.example' } });
    const c = json<EffectiveConfig>(r);
    expect(c.managedOrigin).toBe('file + drop-ins');
    expect(c.baseUrl?.value).toBe('https://llm-gateway.acme.example');
    expect(c.baseUrl?.overridden.map((o) => o.value)).toEqual(['https://old-gateway.acme.example', 'https://shell-export.example']);
    const text = await ok(['status', ...l.where]);
    expect(text.stdout).toMatch(/^Managed settings: .*\(file \+ drop-ins\)/m);
  });

  it('explain --json: winner, overridden values, rule', async () => {
    const l = exampleLayout();
    const e = json<Explanation>(await ok(['explain', 'ANTHROPIC_BASE_URL', '--json', ...l.where]));
    expect(e).toMatchObject({ name: 'ANTHROPIC_BASE_URL', kind: 'env', value: 'https://llm-gateway.acme.example', source: { scope: 'managed' } });
    expect(e.overridden).toHaveLength(1);
    expect(e.rule.length).toBeGreaterThan(0);
  });

  it('doctor: exit 1 with errors (--json lists them), exit 0 without', async () => {
    const l = exampleLayout();
    const bad = done(await bin(['doctor', '--json', ...l.where]));
    expect(bad.code).toBe(1);
    expect(json<{ diagnostics: Diagnostic[] }>(bad).diagnostics.find((d) => d.code === 'settings-jsonc')?.severity).toBe('error');
    expect(done(await bin(['doctor', ...l.where])).code).toBe(1);
    const clean = rootLayout({});
    expect(done(await bin(['doctor', ...clean.where])).code).toBe(0);
    expect(json<{ diagnostics: Diagnostic[] }>(await ok(['doctor', '--json', ...clean.where])).diagnostics).toEqual([]);
  });

  it('doctor --ci in a git repository with a committed ANTHROPIC_API_KEY: exit 1, the key not printed', async () => {
    const repo = join(world.tmp, 'repo');
    worldGit(world, world.tmp, 'init', '-q', repo);
    const key = `sk-ant-api03-${TOKEN_PIECE}-bin`;
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_API_KEY: key } });
    worldGit(world, repo, 'add', '.');
    worldGit(world, repo, 'commit', '-q', '-m', 'oops');
    for (const extra of [[], ['--json']]) {
      const r = done(await bin(['doctor', '--ci', ...extra], { cwd: repo }));
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
      expect(r.stdout).toContain('ANTHROPIC_API_KEY');
    }
    expect(json<{ diagnostics: Diagnostic[] }>(done(await bin(['doctor', '--ci', '--json'], { cwd: repo }))).diagnostics[0]?.code).toBe(
      'doctor-credential-in-project-file',
    );
    worldGit(world, repo, 'rm', '-q', '--cached', '.claude/settings.json');
    worldGit(world, repo, 'commit', '-q', '-m', 'untrack');
    expect(done(await bin(['doctor', '--ci'], { cwd: repo })).code).toBe(0);
  });

  it('paths --json lists user, project, local, managed and global config for this machine', async () => {
    const rows = json<{ locations: { name: string; path: string }[] }>(await ok(['paths', '--json', ...world.where])).locations;
    const by = (n: string): string | undefined => rows.find((r) => r.name === n)?.path;
    expect(by('user')).toBe(world.userSettings);
    expect(by('project')).toBe(join(world.cwd, '.claude', 'settings.json'));
    expect(by('local')).toBe(join(world.cwd, '.claude', 'settings.local.json'));
    expect(by('managed')).toBe('/etc/claude-code/managed-settings.json');
    expect(by('global config')).toBe(join(world.home, '.claude.json'));
    // env-paths' data directory on Linux follows XDG_DATA_HOME.
    expect(by('backups')).toBe(world.backupDir);
    // Without --home and --cwd: HOME and the working directory of the process.
    const own = json<{ locations: { name: string; path: string }[] }>(await ok(['paths', '--json'])).locations;
    expect(own.find((r) => r.name === 'user')?.path).toBe(world.userSettings);
    expect(own.find((r) => r.name === 'project')?.path).toBe(join(world.cwd, '.claude', 'settings.json'));
  });

  it.each(FORMATS)('generate %s gateway exits 0 and prints it', async (format) => {
    const r = await ok(['generate', format, 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN'], { extraEnv: { CGC_TOKEN: TOKEN } });
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
  });
});

describe('verify and discover against a real HTTP server on 127.0.0.1', () => {
  const gw = useGateway();

  function settingsFor(extra: Record<string, string> = {}): void {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN, ...extra } });
  }

  it('verify: exit 0 for ok and model-unknown, 1 otherwise; the token never printed', async () => {
    settingsFor();
    gw.behave((_r, res) => sendJson(res, 200, MESSAGE_BODY));
    const okRun = await ok(['verify', '--json', ...world.where]);
    expect(json<{ outcome: string }>(okRun).outcome).toBe('ok');
    expect(gw.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${TOKEN}`);

    gw.behave((_r, res) => sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'model: claude-sonnet-4-6' } }));
    const unknown = await ok(['verify', '--json', ...world.where]);
    expect(json<{ outcome: string }>(unknown).outcome).toBe('model-unknown');

    gw.behave((_r, res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'bad token' } }));
    const denied = done(await bin(['verify', '--json', ...world.where]));
    expect(denied.code).toBe(1);
    expect(json<{ outcome: string }>(denied).outcome).toBe('unauthorized');
    const deniedText = done(await bin(['verify', ...world.where]));
    expect(deniedText.code).toBe(1);
    for (const r of [okRun, unknown, denied, deniedText]) {
      expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
      // Not a terminal: no progress spinner, no colour.
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toMatch(ANSI);
    }
  });

  it('discover: exit 0 with the models, 1 when Claude Code would not ask', async () => {
    gw.behave((_r, res) => sendJson(res, 200, { data: [{ id: 'claude-opus-4-6' }, { id: 'llama-3' }] }));
    settingsFor();
    const off = done(await bin(['discover', '--json', ...world.where]));
    expect(off.code).toBe(1);
    expect(json<{ outcome: string }>(off).outcome).toBe('disabled');
    settingsFor({ CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' });
    const on = await ok(['discover', '--json', ...world.where]);
    expect(json<{ models: { id: string }[] }>(on).models.map((m) => m.id)).toEqual(['claude-opus-4-6']);
    expect(on.stdout).not.toContain(TOKEN_PIECE);
  });
});

describe('writing (set, unset, init, backups, revert)', () => {
  const ORIGINAL = '{\n  "env": {\n    "ANTHROPIC_MODEL": "claude-sonnet-4-6"\n  }\n}\n';

  it('set --dry-run prints a diff and writes nothing; set writes with a backup in XDG_DATA_HOME; revert undoes it byte for byte', async () => {
    writeFile(world.userSettings, ORIGINAL);
    const before = statSync(world.userSettings).mtimeMs;
    const dry = await ok(['set', 'ANTHROPIC_BASE_URL=https://gw.example.com', '--scope', 'user', '--dry-run', ...world.where]);
    expect(dry.stdout).toMatch(/^\+ .*ANTHROPIC_BASE_URL/m);
    expect(readFileSync(world.userSettings, 'utf8')).toBe(ORIGINAL);
    expect(statSync(world.userSettings).mtimeMs).toBe(before);
    expect(backupFiles()).toEqual([]);

    const real = json<{ backupId: string; path: string }>(
      await ok(['set', 'ANTHROPIC_BASE_URL=https://gw.example.com', '--scope', 'user', '--json', ...world.where]),
    );
    expect(real.path).toBe(world.userSettings);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6', ANTHROPIC_BASE_URL: 'https://gw.example.com' },
    });
    expect(backupFiles().length).toBeGreaterThan(0);
    const list = json<{ backups: BackupEntry[] }>(await ok(['backups', '--json'])).backups;
    expect(list.map((b) => [b.id, b.path])).toEqual([[real.backupId, world.userSettings]]);

    const unset = await ok(['unset', 'ANTHROPIC_MODEL', '--scope', 'user', ...world.where]);
    expect(unset.stdout).toContain(world.userSettings);
    expect(readFileSync(world.userSettings, 'utf8')).not.toContain('ANTHROPIC_MODEL');

    await ok(['revert', real.backupId]);
    expect(readFileSync(world.userSettings, 'utf8')).toBe(ORIGINAL);
  });

  it('revert takes a settings file relative to the working directory', async () => {
    const local = join(world.cwd, '.claude', 'settings.local.json');
    writeFile(local, ORIGINAL);
    await ok(['set', 'ANTHROPIC_MODEL=claude-opus-4-6', '--scope', 'local']);
    expect(readFileSync(local, 'utf8')).toContain('claude-opus-4-6');
    await ok(['revert', '.claude/settings.local.json']);
    expect(readFileSync(local, 'utf8')).toBe(ORIGINAL);
  });

  it('set into an unparseable file: exit 3, one line, bytes unchanged', async () => {
    writeFile(world.userSettings, '{"env": {');
    const r = done(await bin(['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', ...world.where]));
    expect(expectOneLineFailure(r, 3, 'set').message).toContain('INVALID_JSON');
    expect(readFileSync(world.userSettings, 'utf8')).toBe('{"env": {');
    expect(backupFiles()).toEqual([]);
  });

  it('init gateway --base-url … --token-env NAME --scope user writes ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN', async () => {
    const r = await ok(['init', 'gateway', '--base-url', 'https://llm.example.com', '--token-env', 'CGC_GW_TOKEN', '--scope', 'user', ...world.where], {
      extraEnv: { CGC_GW_TOKEN: TOKEN },
    });
    expect(r.stdout).not.toContain(TOKEN_PIECE);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: 'https://llm.example.com' },
    });
  });

  it('init --token-stdin reads the token from standard input (and only then)', async () => {
    const r = await ok(['init', 'gateway', '--base-url', 'https://llm.example.com', '--token-stdin', '--scope', 'user', ...world.where], {
      stdin: { input: `${TOKEN}\n` },
    });
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    expect((JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> }).env['ANTHROPIC_AUTH_TOKEN']).toBe(TOKEN);
  });
});

describe('--show-secrets in the executable', () => {
  it('status, generate, set --dry-run and init --dry-run mask the token unless --show-secrets', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    // CGC_TOKEN only where it is read: status --json prints every shell variable, and the library
    // masks credentials by name (ANTHROPIC_AUTH_TOKEN …), not a variable it cannot know is one.
    const env = { extraEnv: { CGC_TOKEN: TOKEN } };
    const cases: [string[], Parameters<typeof bin>[1]][] = [
      [['status', ...world.where], {}],
      [['status', '--json', ...world.where], {}],
      [['explain', 'ANTHROPIC_AUTH_TOKEN', ...world.where], {}],
      [['generate', 'settings', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN'], env],
      [['set', 'ANTHROPIC_API_KEY', '--value-env', 'CGC_TOKEN', '--scope', 'user', '--dry-run', ...world.where], env],
      [['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--dry-run', ...world.where], env],
    ];
    for (const [argv, env] of cases) {
      const hidden = await ok(argv, env);
      expect(hidden.stdout + hidden.stderr, argv.join(' ')).not.toContain(TOKEN_PIECE);
      const shown = await ok([...argv, '--show-secrets'], env);
      expect(shown.stdout, argv.join(' ')).toContain(TOKEN);
    }
  });
});

describe('colour in the executable', () => {
  it('none through a pipe or with NO_COLOR; escapes with FORCE_COLOR=1', async () => {
    const l = exampleLayout();
    const piped = done(await bin(['doctor', ...l.where]));
    expect(piped.code).toBe(1);
    expect(piped.stdout).toContain('error settings-jsonc');
    expect(piped.stdout + piped.stderr).not.toMatch(ANSI);
    const noColor = done(await bin(['doctor', ...l.where], { extraEnv: { NO_COLOR: '1' } }));
    expect(noColor.stdout).not.toMatch(ANSI);
    const forced = done(await bin(['doctor', ...l.where], { extraEnv: { FORCE_COLOR: '1' } }));
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(ANSI);
    const forcedJson = done(await bin(['doctor', '--json', ...l.where], { extraEnv: { FORCE_COLOR: '1' } }));
    expect(forcedJson.stdout).not.toMatch(ANSI);
  });
});

describe('nothing is read from stdin unless asked', () => {
  const commands = (l: RootLayout, w: CliWorld): string[][] => [
    ['status', ...l.where],
    ['status', '--json', ...l.where],
    ['explain', 'ANTHROPIC_BASE_URL', ...l.where],
    ['doctor', ...l.where],
    ['paths', ...l.where],
    ['backups'],
    ['generate', 'bash', 'gateway', '--base-url', 'https://gw.example.com'],
    ['init', 'gateway', '--base-url', 'https://gw.example.com', '--dry-run', ...w.where],
    ['init', 'gateway', ...w.where],
    ['set', 'ANTHROPIC_MODEL=x', '--scope', 'user', '--dry-run', ...w.where],
    ['unset', 'ANTHROPIC_MODEL', '--scope', 'user', '--dry-run', ...w.where],
  ];

  it('with stdin an open pipe that never ends, every command finishes', async () => {
    const l = exampleLayout();
    const results = await Promise.all(commands(l, world).map((argv) => bin(argv, { stdin: 'open', timeoutMs: 15_000 })));
    results.forEach((r, i) => {
      expect(r.timedOut, commands(l, world)[i]?.join(' ')).toBe(false);
      expect(r.code === 0 || r.code === 1 || r.code === 2, `${String(r.code)} ${r.stderr}`).toBe(true);
    });
    expect(backupFiles()).toEqual([]);
  }, 60_000);

  it('with stdin closed (ignored), every command finishes the same way', async () => {
    const l = exampleLayout();
    for (const argv of commands(l, world).slice(0, 4)) {
      const r = await bin(argv, { stdin: 'ignore', timeoutMs: 15_000 });
      expect(r.timedOut).toBe(false);
    }
  }, 60_000);

  it('--token-stdin waits for standard input (it is read only when asked)', async () => {
    const r = await bin(['generate', 'settings', 'gateway', '--base-url', 'https://gw.example.com', '--token-stdin'], { stdin: 'open', timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
  });
});
