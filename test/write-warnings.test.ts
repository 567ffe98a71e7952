/**
 * Write warnings that see the whole picture: a planned write judged on the configuration as it will
 * be after the write (the edited text resolved again), on real temporary directories, through the
 * library and through the CLI. Each warning has a case where it fires and a case where the written
 * value does take effect and it does not.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSettings, type Diagnostic, type DiagnosticCode } from '../src/index';
import { makeSandbox, set, type Sandbox } from './helpers/sandbox';
import { makeCliWorld, TOKEN, TOKEN_PIECE, worldGit, type CliWorld } from './helpers/cli-world';
import { runCli } from './helpers/cli-io';
import { isolatedNodeFs, makeTmp, removeTmp, writeFile } from './helpers/tmp';
import { planEdit } from '../src/core/edit';
import { gather } from '../src/core/gather';
import { writeEffectWarnings } from '../src/core/write-warnings';
import type { WriteScope } from '../src/core/write-plan';
import { prepareResolution } from '../src/resolve-effective';

const NEW_CODES: readonly DiagnosticCode[] = [
  'write-shell-wins',
  'write-waits-for-trust',
  'write-outranked-after-trust',
  'write-credential-outranked',
  'write-provider-active',
];
const BASE_URL = 'https://gw.example.com';
const SECRET = 'sk-ant-api03-WRITEWARNINGSsecretVALUE0123456789';

/** The warnings of this file (and write-shadowed) among a result's diagnostics. */
const picture = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => NEW_CODES.includes(d.code) || d.code === 'write-shadowed');
const codesOf = (diagnostics: Diagnostic[]): string[] => picture(diagnostics).map((d) => d.code);

describe('writeSettings: warnings judged on the configuration after the write', () => {
  let sb: Sandbox;
  let outside: string;
  beforeEach(() => {
    sb = makeSandbox('cgc-ww-');
    outside = join(sb.tmp, 'outside');
    mkdirSync(outside, { recursive: true });
  });
  afterEach(() => {
    sb.cleanup();
  });

  describe('the shell before 2.0.1 (write-shell-wins)', () => {
    it('before 2.0.1 the shell value wins over a user settings write: warned, with the version rule and the fix', async () => {
      const r = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], {
          env: { ...sb.env, ANTHROPIC_BASE_URL: 'https://shell.example' },
          claudeCodeVersion: '2.0.0',
        }),
      );
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-shell-wins');
      expect(w?.severity).toBe('warning');
      expect(w?.args).toEqual({ variable: 'ANTHROPIC_BASE_URL', version: '2.0.0', since: '2.0.1' });
      expect(w?.fix).toMatch(/Unset ANTHROPIC_BASE_URL in the shell/);
      expect(w?.path).toBe(r.path);
      // The write still happens.
      expect(JSON.parse(readFileSync(r.path, 'utf8'))).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
    });

    it('from 2.0.1 settings env wins over the shell: no warning; nor before 2.0.1 when the shell does not set it', async () => {
      const shell = { ...sb.env, ANTHROPIC_BASE_URL: 'https://shell.example' };
      const now = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { env: shell, claudeCodeVersion: '2.0.1', dryRun: true }),
      );
      expect(codesOf(now.diagnostics)).toEqual([]);
      const unset = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { claudeCodeVersion: '2.0.0', dryRun: true }),
      );
      expect(codesOf(unset.diagnostics)).toEqual([]);
    });

    it('a --settings file (scope cli) that the session does not name yet is judged as passed: the shell still wins before 2.0.1', async () => {
      const file = join(sb.tmp, 'session.json');
      const r = await writeSettings(
        sb.options('cli', outside, [set(['env', 'ANTHROPIC_MODEL'], 'claude-sonnet-4-6')], {
          settingsFile: file,
          env: { ...sb.env, ANTHROPIC_MODEL: 'opus' },
          claudeCodeVersion: '1.0.100',
          dryRun: true,
        }),
      );
      expect(codesOf(r.diagnostics)).toEqual(['write-shell-wins']);
    });
  });

  describe('workspace trust', () => {
    function repoWith(settings?: Record<string, unknown>): string {
      const repo = sb.repo();
      if (settings) writeFile(join(repo, '.claude', 'settings.json'), settings);
      return repo;
    }

    it('a project write in an untrusted folder waits for the trust dialog (write-waits-for-trust), naming the folder to trust', async () => {
      const repo = repoWith();
      const r = await writeSettings(
        sb.options('project', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: false, dryRun: true }),
      );
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-waits-for-trust');
      expect(w?.args).toMatchObject({ setting: 'env.ANTHROPIC_BASE_URL', level: 'project', folder: repo });
      expect(w?.fix).toMatch(/accept the trust dialog/);
    });

    it('no warning when the folder is trusted, in a non-interactive session, or for a variable applied before trust (ANTHROPIC_MODEL)', async () => {
      const repo = repoWith();
      const trusted = await writeSettings(
        sb.options('project', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: true, dryRun: true }),
      );
      expect(codesOf(trusted.diagnostics)).toEqual([]);
      const scripted = await writeSettings(sb.options('project', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: false, dryRun: true }));
      expect(codesOf(scripted.diagnostics)).toEqual([]);
      const safe = await writeSettings(
        sb.options('project', repo, [set(['env', 'ANTHROPIC_MODEL'], 'claude-sonnet-4-6')], { interactive: true, trusted: false, dryRun: true }),
      );
      expect(codesOf(safe.diagnostics)).toEqual([]);
    });

    it('a user write under a project value that waits for trust: applies until the dialog is accepted (write-outranked-after-trust)', async () => {
      const repo = repoWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
      const r = await writeSettings(
        sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: false, dryRun: true }),
      );
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-outranked-after-trust');
      expect(w?.args).toMatchObject({ name: 'ANTHROPIC_BASE_URL', higherLevel: 'project', folder: repo });
      expect(w?.args?.['higher']).toContain(join(repo, '.claude', 'settings.json'));
      // Once trusted, the project value simply wins: write-shadowed, not this warning.
      const trusted = await writeSettings(
        sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: true, dryRun: true }),
      );
      expect(codesOf(trusted.diagnostics)).toEqual(['write-shadowed']);
    });

    it('a value that waits for trust is judged once trusted too: a local file before 2.0.1 under the shell, a project file under a local one that waits as well', async () => {
      const repo = repoWith();
      const old = await writeSettings(
        sb.options('local', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], {
          interactive: true,
          trusted: false,
          env: { ...sb.env, ANTHROPIC_BASE_URL: 'https://shell.example' },
          claudeCodeVersion: '2.0.0',
          dryRun: true,
        }),
      );
      expect(codesOf(old.diagnostics)).toEqual(['write-waits-for-trust', 'write-shell-wins']);
      writeFile(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_BASE_URL: 'https://local.example' } });
      const under = await writeSettings(
        sb.options('project', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: false, dryRun: true }),
      );
      expect(codesOf(under.diagnostics)).toEqual(['write-waits-for-trust', 'write-outranked-after-trust']);
      expect(picture(under.diagnostics)[1]?.args).toMatchObject({
        higherLevel: 'local',
        higher: expect.stringContaining(join(repo, '.claude', 'settings.local.json')),
      });
    });

    it('the apiKeyHelper setting waits for trust like env does', async () => {
      const repo = repoWith();
      const r = await writeSettings(
        sb.options('local', repo, [set(['apiKeyHelper'], '/usr/local/bin/gw-key')], { interactive: true, trusted: false, dryRun: true }),
      );
      expect(codesOf(r.diagnostics)).toEqual(['write-waits-for-trust']);
      expect(picture(r.diagnostics)[0]?.args).toMatchObject({ setting: 'apiKeyHelper', name: 'the apiKeyHelper setting', level: 'local' });
    });
  });

  describe('the credential order (write-credential-outranked)', () => {
    it('CLAUDE_CODE_OAUTH_TOKEN under an ANTHROPIC_AUTH_TOKEN from the shell is sent in no header: warned, naming what fills authorization, never the value', async () => {
      const env = { ...sb.env, ANTHROPIC_AUTH_TOKEN: 'shell-token-value' };
      const r = await writeSettings(sb.options('user', outside, [set(['env', 'CLAUDE_CODE_OAUTH_TOKEN'], SECRET)], { env, dryRun: true }));
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-credential-outranked');
      expect(w?.args).toMatchObject({
        name: 'CLAUDE_CODE_OAUTH_TOKEN',
        headers: expect.stringMatching(/authorization carries ANTHROPIC_AUTH_TOKEN from the shell environment/),
      });
      expect(w?.fix).toMatch(/remove ANTHROPIC_AUTH_TOKEN in the shell environment/);
      expect(JSON.stringify(r.diagnostics)).not.toContain(SECRET);
      expect(JSON.stringify(r.diagnostics)).not.toContain('shell-token-value');
    });

    it('the apiKeyHelper setting beside both ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY fills neither header: warned', async () => {
      const env = { ...sb.env, ANTHROPIC_AUTH_TOKEN: 'shell-token-value', ANTHROPIC_API_KEY: 'shell-key-value' };
      const r = await writeSettings(sb.options('user', outside, [set(['apiKeyHelper'], '/usr/local/bin/gw-key')], { env, interactive: false, dryRun: true }));
      expect(codesOf(r.diagnostics)).toEqual(['write-credential-outranked']);
      expect(picture(r.diagnostics)[0]?.args).toMatchObject({
        name: 'the apiKeyHelper setting',
        headers: expect.stringMatching(/x-api-key carries ANTHROPIC_API_KEY/),
      });
    });

    it('no warning for a credential sent in the other header: ANTHROPIC_API_KEY beside ANTHROPIC_AUTH_TOKEN, or beside an apiKeyHelper', async () => {
      const withToken = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_API_KEY'], SECRET)], {
          env: { ...sb.env, ANTHROPIC_AUTH_TOKEN: 'shell-token-value' },
          dryRun: true,
        }),
      );
      expect(codesOf(withToken.diagnostics)).toEqual([]);
      writeFile(join(sb.home, '.claude', 'settings.json'), { apiKeyHelper: '/usr/local/bin/gw-key' });
      const withHelper = await writeSettings(sb.options('user', outside, [set(['env', 'ANTHROPIC_API_KEY'], SECRET)], { dryRun: true }));
      expect(codesOf(withHelper.diagnostics)).toEqual([]);
      // And the token that outranks the OAuth token is itself sent: no warning for it.
      const token = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], SECRET)], {
          env: { ...sb.env, CLAUDE_CODE_OAUTH_TOKEN: 'oauth-value' },
          dryRun: true,
        }),
      );
      expect(codesOf(token.diagnostics)).toEqual([]);
    });
  });

  describe('an active cloud provider (write-provider-active)', () => {
    it('ANTHROPIC_BASE_URL while CLAUDE_CODE_USE_BEDROCK is on in the shell: not used; names the switch, its source and the provider endpoint variable', async () => {
      const r = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { env: { ...sb.env, CLAUDE_CODE_USE_BEDROCK: '1' }, dryRun: true }),
      );
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-provider-active');
      expect(w?.args).toMatchObject({
        kind: 'endpoint',
        name: 'ANTHROPIC_BASE_URL',
        selectedBy: 'CLAUDE_CODE_USE_BEDROCK (from the shell environment) selects Amazon Bedrock',
        instead: 'its own endpoint (ANTHROPIC_BEDROCK_BASE_URL is not set)',
      });
      expect(w?.fix).toMatch(/^Unset CLAUDE_CODE_USE_BEDROCK in the shell environment if/);
    });

    it('a gateway token while Bedrock signs its own requests: not sent, and the fix offers the skip switch only because the resolver says it would then be sent', async () => {
      writeFile(join(sb.home, '.claude', 'settings.json'), { env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
      const r = await writeSettings(sb.options('user', outside, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], SECRET)], { dryRun: true }));
      const [w, ...rest] = picture(r.diagnostics);
      expect(rest).toEqual([]);
      expect(w?.code).toBe('write-provider-active');
      expect(w?.args).toMatchObject({
        kind: 'credential',
        name: 'ANTHROPIC_AUTH_TOKEN',
        instead: 'it authenticates with AWS SigV4 signatures instead',
        skipSwitch: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
      });
      expect(w?.args?.['selectedBy']).toContain(join(sb.home, '.claude', 'settings.json'));
      expect(w?.fix).toMatch(/CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 \(then ANTHROPIC_AUTH_TOKEN is sent\)/);
      expect(JSON.stringify(r.diagnostics)).not.toContain(SECRET);
    });

    it('Mantle never sends ANTHROPIC_API_KEY, skip switch or not: warned without the skip hint', async () => {
      const env = { ...sb.env, CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_SKIP_MANTLE_AUTH: '1', ANTHROPIC_AUTH_TOKEN: 'shell-token-value' };
      const r = await writeSettings(sb.options('user', outside, [set(['env', 'ANTHROPIC_API_KEY'], SECRET)], { env, dryRun: true }));
      expect(codesOf(r.diagnostics)).toEqual(['write-provider-active']);
      const w = picture(r.diagnostics)[0];
      expect(w?.args).toMatchObject({
        kind: 'credential',
        instead: expect.stringMatching(/authorization carries ANTHROPIC_AUTH_TOKEN/),
        skipSwitch: undefined,
      });
      expect(w?.fix).not.toMatch(/SKIP/);
    });

    it('no warning for what the provider does use: its own endpoint variable, and the token it sends behind a gateway (skip switch on)', async () => {
      const env = { ...sb.env, CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' };
      const endpoint = await writeSettings(sb.options('user', outside, [set(['env', 'ANTHROPIC_BEDROCK_BASE_URL'], BASE_URL)], { env, dryRun: true }));
      expect(codesOf(endpoint.diagnostics)).toEqual([]);
      const token = await writeSettings(sb.options('user', outside, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], SECRET)], { env, dryRun: true }));
      expect(codesOf(token.diagnostics)).toEqual([]);
      // Vertex behind a gateway sends ANTHROPIC_API_KEY as x-api-key.
      const vertex = await writeSettings(
        sb.options('user', outside, [set(['env', 'ANTHROPIC_API_KEY'], SECRET)], {
          env: { ...sb.env, CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_SKIP_VERTEX_AUTH: '1' },
          dryRun: true,
        }),
      );
      expect(codesOf(vertex.diagnostics)).toEqual([]);
    });

    it('a write that turns the provider off is judged after the write: no warning for the base URL written with it', async () => {
      writeFile(join(sb.home, '.claude', 'settings.json'), { env: { CLAUDE_CODE_USE_BEDROCK: '1' } });
      const r = await writeSettings(
        sb.options('user', outside, [set(['env'], { CLAUDE_CODE_USE_BEDROCK: '', ANTHROPIC_BASE_URL: BASE_URL })], { dryRun: true }),
      );
      expect(codesOf(r.diagnostics)).toEqual([]);
    });
  });

  it("the resolver's own finding that the written file cannot set the variable is returned with the write", async () => {
    const repo = sb.repo();
    const here = await writeSettings(
      sb.options('project', repo, [set(['env', 'CLAUDE_CODE_PROCESS_WRAPPER'], '/usr/local/bin/wrap')], { interactive: false, dryRun: true }),
    );
    const found = here.diagnostics.filter((d) => d.code === 'env-ignored-in-scope');
    expect(found).toHaveLength(1);
    expect(found[0]?.args).toEqual({ variable: 'CLAUDE_CODE_PROCESS_WRAPPER' });
    expect(found[0]?.path).toBe(here.path);
    const user = await writeSettings(
      sb.options('user', repo, [set(['env', 'CLAUDE_CODE_PROCESS_WRAPPER'], '/usr/local/bin/wrap')], { interactive: false, dryRun: true }),
    );
    expect(user.diagnostics.map((d) => d.code)).not.toContain('env-ignored-in-scope');
  });

  it('a value a higher settings level sets is left to write-shadowed alone', async () => {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const r = await writeSettings(
      sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], {
        interactive: false,
        env: { ...sb.env, CLAUDE_CODE_USE_BEDROCK: '1' },
        claudeCodeVersion: '2.0.0',
        dryRun: true,
      }),
    );
    expect(codesOf(r.diagnostics)).toEqual(['write-shadowed']);
  });
});

describe('writeEffectWarnings: the written file put in place among the managed drop-ins (the managed directory moved under a temp folder)', () => {
  let root: string;
  beforeEach(() => {
    root = makeTmp('cgc-ww-managed-');
    mkdirSync(join(root, 'home'), { recursive: true });
    writeFile(join(root, 'etc', 'claude-code', 'managed-settings.d', '20-b.json'), { env: { ANTHROPIC_BASE_URL: 'https://dropin.example' } });
  });
  afterEach(() => {
    removeTmp(root);
  });

  async function judge(scope: WriteScope, path: string): Promise<Diagnostic[]> {
    const home = join(root, 'home');
    const { input, context } = await prepareResolution({
      fs: isolatedNodeFs(root),
      platform: 'linux',
      homeDir: home,
      cwd: home,
      env: {},
      wsl: false,
      readOsPolicy: false,
    });
    const ops = [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)];
    return writeEffectWarnings({ gathered: await gather(input), context, scope, path, text: planEdit(undefined, ops).text, ops });
  }

  it('a new drop-in that sorts before one setting the same variable is shadowed by it; one that sorts after wins', async () => {
    const before = await judge('managed-drop-in', '/etc/claude-code/managed-settings.d/10-a.json');
    expect(codesOf(before)).toEqual(['write-shadowed']);
    expect(before[0]?.args).toMatchObject({ winner: expect.stringContaining('/etc/claude-code/managed-settings.d/20-b.json') });
    expect(codesOf(await judge('managed-drop-in', '/etc/claude-code/managed-settings.d/30-c.json'))).toEqual([]);
  });

  it('the managed file under a drop-in that sets the same variable is shadowed by the drop-in', async () => {
    expect(codesOf(await judge('managed', '/etc/claude-code/managed-settings.json'))).toEqual(['write-shadowed']);
  });
});

describe('the CLI prints the warnings (set, init)', () => {
  let world: CliWorld;
  beforeEach(() => {
    world = makeCliWorld('cgc-ww-cli-');
  });
  afterEach(() => {
    world.cleanup();
  });

  it('set --claude-version 2.0.0 with the variable in the shell: write-shell-wins; --json carries it too; 2.0.1 does not', async () => {
    const env = { ...world.env, ANTHROPIC_BASE_URL: 'https://shell.example' };
    const old = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--claude-version', '2.0.0', ...world.where], { env });
    expect(old.code, old.stderr).toBe(0);
    expect(old.stdout).toMatch(/warning write-shell-wins: ANTHROPIC_BASE_URL is also set in the shell environment/);
    const asJson = await runCli(
      ['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--claude-version', '2.0.0', '--dry-run', '--json', ...world.where],
      { env },
    );
    expect((JSON.parse(asJson.stdout) as { diagnostics: Diagnostic[] }).diagnostics.map((d) => d.code)).toContain('write-shell-wins');
    const now = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--claude-version', '2.0.1', ...world.where], { env });
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout).not.toMatch(/write-shell-wins/);
  });

  it('set a credential that another one keeps out of the header: warned, the value masked everywhere', async () => {
    const env = { ...world.env, ANTHROPIC_AUTH_TOKEN: 'shell-token-value', CGC_VALUE: TOKEN };
    const r = await runCli(['set', 'CLAUDE_CODE_OAUTH_TOKEN', '--value-env', 'CGC_VALUE', '--scope', 'user', ...world.where], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning write-credential-outranked: CLAUDE_CODE_OAUTH_TOKEN will not be sent/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
    // ANTHROPIC_API_KEY goes in x-api-key beside the token: no warning.
    const key = await runCli(['set', 'ANTHROPIC_API_KEY', '--value-env', 'CGC_VALUE', '--scope', 'user', ...world.where], { env });
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).not.toMatch(/write-credential-outranked|write-provider-active/);
  });

  it('set ANTHROPIC_BASE_URL while Vertex is on: write-provider-active; once the switch is off, nothing', async () => {
    const on = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--dry-run', ...world.where], {
      env: { ...world.env, CLAUDE_CODE_USE_VERTEX: '1' },
    });
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(
      /warning write-provider-active: ANTHROPIC_BASE_URL will not be used: CLAUDE_CODE_USE_VERTEX \(from the shell environment\) selects Google Vertex AI/,
    );
    const off = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--dry-run', ...world.where], { env: world.env });
    expect(off.stdout).not.toMatch(/write-provider-active/);
  });

  it('set --scope project in an untrusted repository: write-waits-for-trust; with --trusted, nothing', async () => {
    worldGit(world, world.cwd, 'init', '-q');
    const untrusted = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'project', '--dry-run', ...world.where], { env: world.env });
    expect(untrusted.code, untrusted.stderr).toBe(0);
    expect(untrusted.stdout).toMatch(/warning write-waits-for-trust: env\.ANTHROPIC_BASE_URL in project settings waits for workspace trust/);
    const trusted = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'project', '--dry-run', '--trusted', ...world.where], { env: world.env });
    expect(trusted.stdout).not.toMatch(/write-waits-for-trust/);
  });

  it('set --scope user under a project value waiting for trust: write-outranked-after-trust', async () => {
    worldGit(world, world.cwd, 'init', '-q');
    writeFile(join(world.cwd, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const r = await runCli(['set', `ANTHROPIC_BASE_URL=${BASE_URL}`, '--scope', 'user', '--dry-run', ...world.where], { env: world.env });
    expect(r.stdout).toMatch(/warning write-outranked-after-trust: ANTHROPIC_BASE_URL is also set in project settings/);
    expect(r.stdout).not.toMatch(/write-shadowed/);
  });

  it('unset a variable the shell (or another file) still sets: write-unset-still-set names where; nothing when it is gone', async () => {
    writeFile(world.userSettings, { env: { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_MODEL: 'claude-sonnet-4-6' } });
    const env = { ...world.env, ANTHROPIC_BASE_URL: 'https://shell.example' };
    const r = await runCli(['unset', 'ANTHROPIC_BASE_URL', '--scope', 'user', ...world.where], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning write-unset-still-set: ANTHROPIC_BASE_URL is removed from .*settings\.json, but the shell environment still sets it/);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({ env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } });
    const gone = await runCli(['unset', 'ANTHROPIC_MODEL', '--scope', 'user', ...world.where], { env });
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).not.toMatch(/write-unset-still-set/);
  });

  it('init gateway while Bedrock is on in the shell: the provider warning is printed after the write', async () => {
    const env = { ...world.env, CLAUDE_CODE_USE_BEDROCK: '1', CGC_GW_TOKEN: TOKEN };
    const r = await runCli(['init', 'gateway', '--base-url', BASE_URL, '--token-env', 'CGC_GW_TOKEN', '--scope', 'user', ...world.where], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning write-provider-active: ANTHROPIC_BASE_URL will not be used/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN_PIECE);
  });
});
