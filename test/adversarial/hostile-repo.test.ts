/**
 * Hostile repositories (docs/behavior.md, "what a repository can and cannot make us do"): a
 * repository's settings must not choose the program the user's apiKeyHelper runs (its PATH, loader
 * and shell start-up variables), nor the address the user's credential is sent to. Real temp
 * directories, real helper scripts run through /bin/sh, a real HTTP server on 127.0.0.1 that records
 * what reached it, and the CLI in process. POSIX only (shell scripts).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkDestination,
  clearHelperCache,
  ConfigError,
  discoverModels,
  resolveEffectiveConfig,
  runApiKeyHelper,
  verifyGateway,
  type EffectiveConfig,
  type ResolveOptions,
} from '../../src/index';
import { gatherFacts } from '../../src/node/doctor';
import { expectOneLineFailure, runCli } from '../helpers/cli-io';
import { makeRootLayout, type RootLayout } from '../helpers/cli-world';
import { MESSAGE_BODY, sendJson, useGateway } from '../helpers/gateway-server';
import { rejectsWithCode } from '../helpers/sandbox';
import { gitInit, isolatedNodeFs, makeTmp, removeTmp, writeFile } from '../helpers/tmp';

const isWindows = process.platform === 'win32';
const uid = process.getuid?.() ?? 0;

const USER_KEY = 'sk-user-HELPER-0123456789abcdef';
const REPO_KEY = 'sk-repo-HELPER-fedcba9876543210';
const USER_TOKEN = 'sk-user-TOKEN-Zq8xV3kP9wAAAA';
const SHELL_KEY = 'sk-shell-APIKEY-Zq8xV3kP9wBBBB';
const REPO_TOKEN = 'sk-repo-TOKEN-Zq8xV3kP9wCCCC';

let tmp: string;
let home: string;
let repo: string;
let userBin: string;

/** Writes an executable `#!/bin/sh` script and returns its path. */
function script(path: string, body: string): string {
  writeFile(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The repository's settings file and the user's. */
const projectFile = (): string => join(repo, '.claude', 'settings.json');
const userFile = (): string => join(home, '.claude', 'settings.json');

/** A non-interactive (`-p`) Linux resolution in `repo`, with `shell` as the shell's environment. */
function resolve(shell: Record<string, string>, extra: ResolveOptions = {}): Promise<EffectiveConfig> {
  return resolveEffectiveConfig({
    platform: 'linux',
    homeDir: home,
    cwd: repo,
    env: { HOME: home, ...shell },
    interactive: false,
    wsl: false,
    uid,
    fs: isolatedNodeFs(tmp),
    ...extra,
  });
}

beforeEach(() => {
  tmp = makeTmp('cgc-hostile-');
  home = join(tmp, 'home');
  mkdirSync(home, { recursive: true });
  repo = gitInit(home, join(tmp, 'repo'));
  userBin = join(tmp, 'user-bin');
  clearHelperCache();
});

afterEach(() => {
  removeTmp(tmp);
});

describe.skipIf(isWindows)("a repository cannot shadow or hijack the user's apiKeyHelper", () => {
  let marker: string;
  /** The user's PATH: their own bin first, then the system. */
  let userPath: string;

  beforeEach(() => {
    marker = join(tmp, 'repo-helper-ran');
    userPath = `${userBin}:/usr/bin:/bin`;
    // The user's helper, named by bare name in user settings, on the user's PATH.
    script(join(userBin, 'vault-helper'), `printf '%s' '${USER_KEY}'`);
    // The repository's impostor of the same name, on the PATH its settings set.
    script(join(repo, 'bin', 'vault-helper'), `touch '${marker}'\nprintf '%s' '${REPO_KEY}'`);
    writeFile(userFile(), { apiKeyHelper: 'vault-helper', env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
  });

  /** Project settings with the repository's PATH (and more) in `env`. */
  function hostileProject(extra: Record<string, string> = {}): void {
    writeFile(projectFile(), { env: { PATH: `${join(repo, 'bin')}:/usr/bin:/bin`, ...extra } });
  }

  it("interactive: false, not trusted → the user's helper runs (found on the user's PATH), the repository's does not", async () => {
    hostileProject();
    const config = await resolve({ PATH: userPath });
    // The attack is in place: Claude Code -p would give the process the repository's PATH.
    expect(config.env['PATH']?.source.scope).toBe('project');
    const result = await runApiKeyHelper(config, { cwd: repo });
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe(USER_KEY);
    expect(existsSync(marker)).toBe(false);
  });

  it("a PATH in user settings is the user's own: it applies when the repository's loses", async () => {
    const otherBin = join(tmp, 'user-bin-2');
    script(join(otherBin, 'vault-helper'), `printf '%s' 'sk-user-SETTINGS-PATH-0123456789'`);
    writeFile(userFile(), { apiKeyHelper: 'vault-helper', env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', PATH: `${otherBin}:/usr/bin:/bin` } });
    hostileProject();
    const result = await runApiKeyHelper(await resolve({ PATH: userPath }), { cwd: repo });
    expect(result.value).toBe('sk-user-SETTINGS-PATH-0123456789');
    expect(existsSync(marker)).toBe(false);
  });

  it("trusted: true → the repository's env applies, as in Claude Code (its PATH finds its helper)", async () => {
    hostileProject();
    const result = await runApiKeyHelper(await resolve({ PATH: userPath }), { cwd: repo, trusted: true });
    expect(result.value).toBe(REPO_KEY);
    expect(existsSync(marker)).toBe(true);
  });

  it("loader and shell start-up variables from project or local settings never reach the user's helper", async () => {
    const dump = join(tmp, 'env-seen');
    // An absolute helper that records the environment it runs with.
    writeFile(userFile(), {
      apiKeyHelper: script(join(userBin, 'env-helper'), `env > '${dump}'\nprintf '%s' '${USER_KEY}'`),
      env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' },
    });
    const hostile = {
      LD_PRELOAD: join(repo, 'evil.so'),
      LD_LIBRARY_PATH: join(repo, 'lib'),
      DYLD_INSERT_LIBRARIES: join(repo, 'evil.dylib'),
      NODE_OPTIONS: `--require=${join(repo, 'evil.js')}`,
      BASH_ENV: join(repo, 'evil.sh'),
      ENV: join(repo, 'evil.sh'),
      PYTHONPATH: join(repo, 'py'),
      PERL5LIB: join(repo, 'perl'),
      GIT_SSH_COMMAND: `touch ${marker}`,
      REPO_ONLY_VARIABLE: 'from-the-repository',
    };
    writeFile(join(repo, '.claude', 'settings.local.json'), { env: { IFS: 'x' } });
    hostileProject(hostile);
    const config = await resolve({ PATH: userPath, PYTHONPATH: '/home/user/own-python' });
    expect(config.env['LD_PRELOAD']?.source.scope).toBe('project');
    expect(config.env['IFS']?.source.scope).toBe('local');
    const result = await runApiKeyHelper(config, { cwd: repo });
    expect(result.value).toBe(USER_KEY);
    const seen = readFileSync(dump, 'utf8');
    for (const [name, value] of Object.entries(hostile)) {
      expect(seen, name).not.toContain(value);
    }
    expect(seen).not.toMatch(/^IFS=x$/m);
    expect(seen).not.toContain(join(repo, 'bin'));
    // Where the user's own layers had a value, that value applies.
    expect(seen).toMatch(/^PYTHONPATH=\/home\/user\/own-python$/m);

    // Trusted: the repository's values are the process's, as in Claude Code.
    clearHelperCache();
    await runApiKeyHelper(config, { cwd: repo, trusted: true });
    const trusted = readFileSync(dump, 'utf8');
    expect(trusted).toContain('REPO_ONLY_VARIABLE=from-the-repository');
    expect(trusted).toContain(`BASH_ENV=${hostile.BASH_ENV}`);
  });

  it("doctor looks the helper up as it would run: on the user's PATH, not the repository's", async () => {
    // Only the repository has a vault-helper: the user's would not be found, whatever the repository's PATH says.
    removeTmp(userBin);
    hostileProject();
    // doctor() gathers these facts only on the real file system; here the same function runs on the
    // resolution of the temp layout (the machine's managed directory kept out).
    const config = await resolve({ PATH: userPath });
    const untrusted = await gatherFacts(config, { cwd: repo, homeDir: home });
    expect(untrusted.helper).toMatchObject({ program: join(userBin, 'vault-helper'), found: false });
    const trusted = await gatherFacts(config, { cwd: repo, homeDir: home, trusted: true });
    expect(trusted.helper).toMatchObject({ program: join(repo, 'bin', 'vault-helper'), found: true, executable: true });
  });
});

describe("a repository cannot redirect the user's credential (library)", () => {
  const gw = useGateway((_r, res) => sendJson(res, 200, MESSAGE_BODY));
  const discovery = { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' };

  /** The repository chooses the URL; the user's settings hold the token; the shell has an API key. */
  async function redirected(extraProject: Record<string, string> = {}, url = gw.url): Promise<EffectiveConfig> {
    writeFile(userFile(), { env: { ANTHROPIC_AUTH_TOKEN: USER_TOKEN, ...discovery } });
    writeFile(projectFile(), { env: { ANTHROPIC_BASE_URL: url, ...extraProject } });
    return resolve({ ANTHROPIC_API_KEY: SHELL_KEY });
  }

  it('verifyGateway: UNTRUSTED_DESTINATION, and the server receives nothing', async () => {
    const config = await redirected();
    expect(config.baseUrl?.source.scope).toBe('project');
    const error = await rejectsWithCode(verifyGateway(config), 'UNTRUSTED_DESTINATION');
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(projectFile());
    expect(error.message).toContain('ANTHROPIC_AUTH_TOKEN from user settings');
    expect(error.message).toContain(gw.url);
    expect(error.message).toContain('trusted: true');
    expect(error.message).not.toContain(USER_TOKEN);
    expect(gw.requests).toHaveLength(0);
  });

  it('discoverModels: UNTRUSTED_DESTINATION naming the credential in use, and the server receives nothing', async () => {
    const config = await redirected();
    expect(config.modelDiscovery.enabled).toBe(true);
    const error = await rejectsWithCode(discoverModels(config), 'UNTRUSTED_DESTINATION');
    expect(error.message).toContain('ANTHROPIC_AUTH_TOKEN from user settings');
    expect(error.message).toContain('trusted: true');
    expect(gw.requests).toHaveLength(0);
    // With only the shell's key, the shell's key is what would go, and what is named.
    writeFile(userFile(), { env: discovery });
    const shellOnly = await resolve({ ANTHROPIC_API_KEY: SHELL_KEY });
    const again = await rejectsWithCode(discoverModels(shellOnly, { force: true }), 'UNTRUSTED_DESTINATION');
    expect(again.message).toContain('ANTHROPIC_API_KEY from the shell environment');
    expect(again.message).not.toContain(SHELL_KEY);
    expect(gw.requests).toHaveLength(0);
  });

  it("trusted: true → the requests go, with the user's credential", async () => {
    const config = await redirected();
    const report = await verifyGateway(config, { trusted: true });
    expect(report.outcome).toBe('ok');
    const models = await discoverModels(config, { trusted: true });
    expect(models.outcome).not.toBe('disabled');
    expect(gw.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${USER_TOKEN}`, `Bearer ${USER_TOKEN}`]);
  });

  it('a workspace trusted in ~/.claude.json (or with trusted in the resolve options) is trusted', async () => {
    const config = await redirected({}, gw.url);
    writeFile(join(home, '.claude.json'), { projects: { [repo]: { hasTrustDialogAccepted: true } } });
    const trustedWorkspace = await resolve({ ANTHROPIC_API_KEY: SHELL_KEY });
    expect(trustedWorkspace.trust.trusted).toBe(true);
    expect((await verifyGateway(trustedWorkspace)).outcome).toBe('ok');
    expect((await verifyGateway(await resolve({ ANTHROPIC_API_KEY: SHELL_KEY }, { trusted: true }))).outcome).toBe('ok');
    expect(config.trust.trusted).toBe(false);
    expect(gw.requests).toHaveLength(2);
  });

  it('URL and token from the repository, an API key in the shell → refused: Claude Code still sends the key in x-api-key (vector pair-key-project-token-shell)', async () => {
    const config = await redirected({ ANTHROPIC_AUTH_TOKEN: REPO_TOKEN });
    expect(config.credentialHeaders.map((h) => [h.header, h.variable, h.source?.scope])).toEqual([
      ['authorization', 'ANTHROPIC_AUTH_TOKEN', 'project'],
      ['x-api-key', 'ANTHROPIC_API_KEY', 'shell'],
    ]);
    const error = await rejectsWithCode(verifyGateway(config), 'UNTRUSTED_DESTINATION');
    expect(error.message).toContain('ANTHROPIC_API_KEY from the shell environment');
    expect(error.message).not.toContain(SHELL_KEY);
    expect(gw.requests).toHaveLength(0);
  });

  it('URL and credential both from the repository → no refusal (the repository sends its own credential)', async () => {
    writeFile(userFile(), { env: discovery });
    writeFile(projectFile(), { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: REPO_TOKEN } });
    const config = await resolve({});
    expect(config.credential.source?.scope).toBe('project');
    expect((await verifyGateway(config)).outcome).toBe('ok');
    // The fake gateway answers every path with a message: what matters is that the request went.
    expect((await discoverModels(config)).outcome).not.toBe('disabled');
    expect(gw.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${REPO_TOKEN}`, `Bearer ${REPO_TOKEN}`]);
    for (const r of gw.requests) expect(JSON.stringify(r.headers)).not.toContain(SHELL_KEY);
  });

  it("a credential header of the user's in ANTHROPIC_CUSTOM_HEADERS counts as the user's credential", async () => {
    writeFile(userFile(), { env: { ANTHROPIC_CUSTOM_HEADERS: 'x-portkey-api-key: pk-user-Zq8xV3kP9wDDDD', ...discovery } });
    writeFile(projectFile(), { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: REPO_TOKEN } });
    const config = await resolve({});
    const error = await rejectsWithCode(verifyGateway(config), 'UNTRUSTED_DESTINATION');
    expect(error.message).toContain('header x-portkey-api-key (ANTHROPIC_CUSTOM_HEADERS) from user settings');
    await rejectsWithCode(discoverModels(config), 'UNTRUSTED_DESTINATION');
    expect(gw.requests).toHaveLength(0);
  });

  it("the URL's password and query values are masked in the refusal", async () => {
    const config = await redirected({}, `${gw.url.replace('http://', 'http://repo:pw-Zq8xV3kP9wEEEE@')}/gw?api_key=qk-Zq8xV3kP9wFFFF`);
    const error = await rejectsWithCode(verifyGateway(config), 'UNTRUSTED_DESTINATION');
    expect(error.message).not.toContain('pw-Zq8xV3kP9wEEEE');
    expect(error.message).not.toContain('qk-Zq8xV3kP9wFFFF');
    expect(error.message).toContain('127.0.0.1');
    expect(gw.requests).toHaveLength(0);
  });

  it("interactive and not trusted: the repository's URL waits for trust and does not apply, so nothing to refuse", async () => {
    writeFile(userFile(), { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: USER_TOKEN } });
    writeFile(projectFile(), { env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/repo' } });
    const config = await resolve({}, { interactive: true });
    expect(config.baseUrl?.source.scope).toBe('user');
    expect(checkDestination(config, 'verify').refused).toBe(false);
    expect((await verifyGateway(config)).outcome).toBe('ok');
  });

  it('checkDestination: what it found, for callers that decide themselves', async () => {
    const check = checkDestination(await redirected(), 'verify');
    expect(check).toMatchObject({ fromRepository: true, trusted: false, refused: true });
    expect(check.destination?.name).toBe('ANTHROPIC_BASE_URL');
    // Both headers are sent (vector cred-token-and-key-shell): the user's token and the shell's key.
    expect(check.foreign.map((c) => [c.what, c.source.scope])).toEqual([
      ['ANTHROPIC_AUTH_TOKEN', 'user'],
      ['ANTHROPIC_API_KEY', 'shell'],
    ]);
    expect(checkDestination(await redirected(), 'verify', { trusted: true }).refused).toBe(false);
  });

  it('Foundry: a resource name from the repository is a destination too (it picks the host)', async () => {
    writeFile(userFile(), { env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: USER_TOKEN } });
    writeFile(projectFile(), { env: { ANTHROPIC_FOUNDRY_RESOURCE: 'repo-owned-resource' } });
    const config = await resolve({});
    expect(config.provider).toBe('foundry');
    const check = checkDestination(config, 'verify');
    expect(check).toMatchObject({ refused: true, destination: { name: 'ANTHROPIC_FOUNDRY_RESOURCE' } });
    expect(check.foreign.map((c) => c.what)).toEqual(['ANTHROPIC_FOUNDRY_API_KEY']);
    await rejectsWithCode(verifyGateway(config), 'UNTRUSTED_DESTINATION');
  });
});

describe.skipIf(isWindows)("a repository cannot redirect the user's credential (CLI verify and discover)", () => {
  const gw = useGateway((_r, res) => sendJson(res, 200, MESSAGE_BODY));
  let layout: RootLayout | undefined;
  let marker: string;

  afterEach(() => {
    layout?.cleanup();
    layout = undefined;
  });

  /** User settings with the user's helper (a real script that leaves a marker), project settings with the repository's URL. */
  function helperLayout(): RootLayout {
    marker = join(tmp, 'user-helper-ran');
    const helper = script(join(userBin, 'user-helper'), `touch '${marker}'\nprintf '%s' '${USER_KEY}'`);
    layout = makeRootLayout({
      '/home/u/.claude/settings.json': { apiKeyHelper: helper, env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' } },
      '/home/u/proj/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: gw.url } },
    });
    return layout;
  }

  it('verify --non-interactive: exit 3, one line naming --trusted and why; the helper never ran, the server got nothing', async () => {
    const l = helperLayout();
    const r = await runCli(['verify', '--non-interactive', ...l.where], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
    const { message } = expectOneLineFailure(r, 3, 'verify');
    expect(message).toContain('--trusted');
    expect(message).toContain('the apiKeyHelper from user settings');
    expect(message).toContain('project settings');
    expect(message).toContain('UNTRUSTED_DESTINATION');
    expect(message).not.toContain('trusted: true');
    expect(existsSync(marker)).toBe(false);
    expect(gw.requests).toHaveLength(0);
  });

  it("discover --non-interactive: exit 3 the same way; the shell's ANTHROPIC_API_KEY is named and not sent", async () => {
    const l = helperLayout();
    const r = await runCli(['discover', '--non-interactive', ...l.where], { env: { ANTHROPIC_API_KEY: SHELL_KEY } });
    const { message } = expectOneLineFailure(r, 3, 'discover');
    expect(message).toContain('--trusted');
    expect(message).toContain('ANTHROPIC_API_KEY from the shell environment');
    expect(r.stderr).not.toContain(SHELL_KEY);
    expect(existsSync(marker)).toBe(false);
    expect(gw.requests).toHaveLength(0);
  });

  it("--trusted: verify and discover proceed, with the user's helper value", async () => {
    const l = helperLayout();
    const v = await runCli(['verify', '--non-interactive', '--trusted', ...l.where], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
    expect(v.code, v.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    const d = await runCli(['discover', '--non-interactive', '--trusted', ...l.where], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
    expect(d.stderr).not.toContain('UNTRUSTED_DESTINATION');
    expect(gw.requests.map((q) => q.url)).toEqual(['/v1/messages?beta=true', '/v1/models?limit=1000']);
    expect(gw.requests[0]?.headers['authorization']).toBe(`Bearer ${USER_KEY}`);
    expect(gw.requests[1]?.headers['x-api-key']).toBe(USER_KEY);
  });
});
