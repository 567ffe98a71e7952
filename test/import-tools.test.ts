/**
 * `claude-gateway import claude-code-router` / `import cc-switch`: each tool's configuration read from
 * fixtures written from its public source (JSON, JSON5 and SQLite databases built with the real SQLite
 * library: test/fixtures/import/make-databases.py), mapped to the configuration its active provider
 * comes to, shown masked, and written through the safe writer.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFromCcSwitchConfig, importFromCcSwitchRows, importFromRouterConfig, importFromTool, importFromVsCodeSettings, toolFiles } from '../src/index';
import type { Diagnostic, ToolImport } from '../src/index';
import { parseToolText } from '../src/core/import/tool-data';
import { jsonOut, runCli, STACK_LINE } from './helpers/cli-io';
import { makeCliWorld, REPO_ROOT, worldGit, type CliWorld } from './helpers/cli-world';
import { gitInit } from './helpers/tmp';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'import');
const CCR = join(FIXTURES, 'claude-code-router');
const CCS = join(FIXTURES, 'cc-switch');
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const codes = (r: ToolImport): string[] => r.config.diagnostics.map((d) => d.code);
const find = (r: ToolImport, code: string): Diagnostic[] => r.config.diagnostics.filter((d) => d.code === code);
const active = (r: ToolImport): string[] => r.providers.filter((p) => p.active).map((p) => p.id);
/** What ccr code sets besides the address, the token and the timeout. */
const CCR_EXTRAS = { NO_PROXY: '127.0.0.1', DISABLE_TELEMETRY: 'true', DISABLE_COST_WARNINGS: 'true' };
const SWITCHES = ['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_VERTEX'];

let world: CliWorld | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  world?.cleanup();
  world = undefined;
});

describe('claude-code-router', () => {
  it('points Claude Code at the router as ccr code does: its port, APIKEY as the bearer token, the timeout; providers listed, the default route active', () => {
    const r = importFromRouterConfig(json(join(CCR, 'config.json')), { file: 'config.json' });
    expect(r.config.env).toEqual({
      ...CCR_EXTRAS,
      ANTHROPIC_AUTH_TOKEN: 'sk-ccr-test-0001',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:3456',
      API_TIMEOUT_MS: '600000',
    });
    // ccr code blanks ANTHROPIC_API_KEY: the other credential and every provider switch go.
    expect(r.config.unset).toEqual(['ANTHROPIC_API_KEY', ...SWITCHES]);
    expect(r.config.credentialVariable).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(r.providers.map((p) => [p.id, p.active, p.format, p.models?.length])).toEqual([
      ['openrouter', false, 'openai', 2],
      ['deepseek', true, 'openai', 2],
    ]);
    // `$DEEPSEEK_API_KEY` is unset here: kept as written (the router keeps it), named, and not a secret.
    expect(r.providers[1]?.credential).toBeUndefined();
    expect(r.providers[1]?.credentialReference).toBe('$DEEPSEEK_API_KEY');
    expect(find(r, 'import-env-reference')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        args: { file: 'config.json', field: 'Providers[1].api_key', variable: 'DEEPSEEK_API_KEY', resolved: false },
      }),
    ]);
    expect(r.secrets.sort()).toEqual(['sk-ccr-test-0001', 'sk-or-test-0002']);
    expect(codes(r)).toContain('import-router-gateway');
    expect(codes(r)).not.toContain('import-unknown-field');
  });

  it('reads JSON5 (comments, trailing commas, bare keys) and replaces ${VAR} from the environment, as the router does', async () => {
    const withEnv = await importFromTool('claude-code-router', {
      homeDir: '/nowhere',
      from: join(CCR, 'config-with-comments.json5'),
      env: { CCR_TEST_APIKEY: 'sk-from-the-env-0001' },
    });
    expect(withEnv.config.env).toEqual({
      ...CCR_EXTRAS,
      ANTHROPIC_AUTH_TOKEN: 'sk-from-the-env-0001',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:3457',
      API_TIMEOUT_MS: '300000',
    });
    expect(withEnv.secrets).toContain('sk-from-the-env-0001');
    expect(find(withEnv, 'import-env-reference')[0]?.severity).toBe('info');
    expect(codes(withEnv)).not.toContain('import-overrides-environment');
    // NO_PROXY in settings wins over the shell's: said when the shell has another.
    const proxied = await importFromTool('claude-code-router', { homeDir: '/nowhere', from: join(CCR, 'config.json'), env: { no_proxy: 'corp.example' } });
    expect(find(proxied, 'import-overrides-environment')[0]?.args).toEqual({ variable: 'NO_PROXY', value: 'corp.example', replacement: '127.0.0.1' });
    // Unset (or empty, as the router's `||` has it): the text stays; a literal "${CCR_TEST_APIKEY}" is no token to send.
    for (const env of [{}, { CCR_TEST_APIKEY: '' }]) {
      const without = await importFromTool('claude-code-router', { homeDir: '/nowhere', from: join(CCR, 'config-with-comments.json5'), env });
      expect(without.config.env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
      expect(without.config.unset).not.toContain('ANTHROPIC_AUTH_TOKEN');
      expect(find(without, 'import-credential-not-carried')[0]?.message).toContain('${CCR_TEST_APIKEY}');
    }
  });

  it('no APIKEY: the token ccr code sends ("test"); the first versions\' single OPENAI_* provider is listed', () => {
    const r = importFromRouterConfig(json(join(CCR, 'config-old.json')), { file: 'config-old.json' });
    expect(r.config.env['ANTHROPIC_AUTH_TOKEN']).toBe('test');
    expect(r.providers.map((p) => p.id)).toEqual(['deepseek', 'OPENAI_BASE_URL']);
    expect(active(r)).toEqual(['deepseek']);
    expect(r.secrets.sort()).toEqual(['sk-ccr-test-0004', 'sk-ccr-test-legacy-0003']);
  });

  it('--provider asks the router for that provider by a "provider,model" model name; an unknown one imports nothing', () => {
    const r = importFromRouterConfig(json(join(CCR, 'config.json')), { file: 'c', provider: 'openrouter' });
    expect(active(r)).toEqual(['openrouter']);
    expect(r.config.env['ANTHROPIC_MODEL']).toBe('openrouter,anthropic/claude-sonnet-4');
    const none = importFromRouterConfig(json(join(CCR, 'config.json')), { file: 'c', provider: 'nope' });
    expect(none.config.env).toEqual({});
    expect(find(none, 'import-provider-not-found')[0]).toMatchObject({ severity: 'error', args: { provider: 'nope', known: ['openrouter', 'deepseek'] } });
  });

  it("the desktop version's database: its gateway host and port, no client key carried (it keeps those per profile)", async () => {
    const r = await importFromTool('claude-code-router', { homeDir: '/nowhere', from: join(CCR, 'config.sqlite') });
    expect(r.storage).toBe('sqlite');
    expect(r.config.env).toEqual({ ANTHROPIC_BASE_URL: 'http://127.0.0.1:3460', API_TIMEOUT_MS: '900000' });
    expect(r.config.unset).not.toContain('ANTHROPIC_AUTH_TOKEN');
    expect(codes(r)).toContain('import-credential-not-carried');
    expect(r.providers.map((p) => [p.id, p.format, p.active])).toEqual([
      ['anthropic-direct', 'anthropic', false],
      ['deepseek', 'openai', true],
    ]);
    // The client key in api_keys is not read as the gateway credential, and nothing of it is printed.
    expect(JSON.stringify(r)).not.toContain('sk-ccr-db-client-0001');
  });

  it('a default route to a provider the router does not have: said, and the router is still the gateway', () => {
    const r = importFromRouterConfig({ APIKEY: 'sk-ccr-route-0001', Providers: [{ name: 'a', models: ['m'] }], Router: { default: 'gone,m' } }, { file: 'f' });
    expect(active(r)).toEqual([]);
    expect(codes(r)).toContain('import-no-active');
    expect(r.config.env['ANTHROPIC_BASE_URL']).toBe('http://127.0.0.1:3456');
  });

  it('names what ccr code does that settings cannot carry, and fields it does not know', () => {
    const r = importFromRouterConfig(
      {
        PORT: '4000',
        NON_INTERACTIVE_MODE: true,
        CLAUDE_PATH: '/opt/claude',
        StatusLine: { enabled: true },
        FUTURE: 1,
        Providers: [{ name: 'a', api_base_url: 'https://a.example/v1/messages', extra: 1 }],
        Router: { default: 'a,m', someday: 'x' },
      },
      { file: 'f' },
    );
    expect(r.config.env['ANTHROPIC_BASE_URL']).toBe('http://127.0.0.1:4000');
    expect(find(r, 'import-not-carried').map((d) => d.args?.['field'])).toEqual(['NON_INTERACTIVE_MODE', 'CLAUDE_PATH', 'StatusLine']);
    expect(find(r, 'import-unknown-field').map((d) => d.args?.['field'])).toEqual(['FUTURE', 'Providers[0].extra', 'Router.someday']);
  });
});

describe('cc-switch', () => {
  it("the JSON store v2: the current Claude provider's env; what other providers set is removed, as a switch replaces the env", () => {
    const r = importFromCcSwitchConfig(json(join(CCS, 'config.json')), { file: 'config.json' });
    expect(active(r)).toEqual(['a1b2c3d4-0001']);
    expect(r.config.env).toEqual({
      ANTHROPIC_AUTH_TOKEN: 'sk-ccs-test-0001',
      ANTHROPIC_BASE_URL: 'https://relay.example.test',
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5',
      API_TIMEOUT_MS: '600000',
    });
    expect(r.config.unset).toEqual(['ANTHROPIC_API_KEY', ...SWITCHES]);
    expect(r.secrets.sort()).toEqual(['sk-ccs-test-0001', 'sk-ccs-test-0002']);
    expect(r.config.diagnostics).toEqual([]);
    // By name or id, another provider: its API key, and the token goes.
    const kimi = importFromCcSwitchConfig(json(join(CCS, 'config.json')), { file: 'config.json', provider: 'Kimi (test)' });
    expect(kimi.config.env).toEqual({
      ANTHROPIC_API_KEY: 'sk-ccs-test-0002',
      ANTHROPIC_BASE_URL: 'https://api.moonshot.example.test/anthropic',
      ANTHROPIC_MODEL: 'kimi-k2',
    });
    expect(kimi.config.unset).toEqual(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_SMALL_FAST_MODEL', 'API_TIMEOUT_MS', ...SWITCHES]);
    expect(kimi.config.credentialVariable).toBe('ANTHROPIC_API_KEY');
  });

  it('the JSON store v1 (Claude only, {providers, current})', () => {
    const r = importFromCcSwitchConfig(json(join(CCS, 'config-v1.json')), { file: 'config-v1.json' });
    expect(active(r)).toEqual(['p-0001']);
    expect(r.config.env).toEqual({ ANTHROPIC_AUTH_TOKEN: 'sk-ccs-test-v1-0001', ANTHROPIC_BASE_URL: 'https://relay.example.test' });
    // The official provider has no variables: importing it removes the gateway's.
    const official = importFromCcSwitchConfig(json(join(CCS, 'config-v1.json')), { file: 'c', provider: 'p-0002' });
    expect(official.config.env).toEqual({});
    expect(official.config.unset).toEqual(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL', ...SWITCHES]);
  });

  it("the database: Claude rows only, the common snippet merged where the provider enables it, the device's choice before is_current", async () => {
    const r = await importFromTool('cc-switch', { homeDir: '/nowhere', from: join(CCS, 'cc-switch.db') });
    expect(r.storage).toBe('sqlite');
    expect(r.providers.map((p) => p.id)).toEqual(['d1b0c1f2-0001', 'd1b0c1f2-0002', 'd1b0c1f2-0003']);
    expect(active(r)).toEqual(['d1b0c1f2-0001']);
    expect(r.config.env).toEqual({
      ANTHROPIC_AUTH_TOKEN: 'sk-ccs-db-test-0001',
      ANTHROPIC_BASE_URL: 'https://relay.example.test',
      ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      DISABLE_TELEMETRY: '1',
    });
    expect(JSON.stringify(r)).not.toContain('sk-ccs-db-test-codex');
    expect(codes(r)).toEqual([]);
    const kimi = await importFromTool('cc-switch', { homeDir: '/nowhere', from: join(CCS, 'cc-switch.db'), provider: 'd1b0c1f2-0002' });
    // No common snippet for it; its settings key is not a gateway setting and is named, not carried.
    expect(kimi.config.env['DISABLE_TELEMETRY']).toBeUndefined();
    expect(kimi.config.settings).toEqual({});
    expect(find(kimi, 'import-not-carried')[0]?.args?.['field']).toBe('providers["d1b0c1f2-0002"].settingsConfig.includeCoAuthoredBy');
  });

  it('the device settings file picks the current provider when the database has it, else is_current decides', () => {
    const rows = [
      { id: 'a', app_type: 'claude', name: 'A', settings_config: '{"env":{"ANTHROPIC_BASE_URL":"https://a.example"}}', is_current: 1 },
      { id: 'b', app_type: 'claude', name: 'B', settings_config: '{"env":{"ANTHROPIC_BASE_URL":"https://b.example"}}', is_current: 0 },
    ];
    expect(active(importFromCcSwitchRows(rows, { deviceSettings: { currentProviderClaude: 'b' } }, { file: 'db' }))).toEqual(['b']);
    expect(active(importFromCcSwitchRows(rows, { deviceSettings: { currentProviderClaude: 'gone' } }, { file: 'db' }))).toEqual(['a']);
    expect(active(importFromCcSwitchRows(rows, {}, { file: 'db' }))).toEqual(['a']);
    const none = importFromCcSwitchRows(
      rows.map((r) => ({ ...r, is_current: 0 })),
      {},
      { file: 'db' },
    );
    expect(none.config.env).toEqual({});
    expect(codes(none)).toEqual(['import-no-active']);
  });

  it('keeps the gateway checks of the generators: an insecure URL is flagged, a URL Claude Code cannot use is not imported', () => {
    const store = (url: string): unknown => ({ providers: { p: { id: 'p', name: 'P', settingsConfig: { env: { ANTHROPIC_BASE_URL: url } } } }, current: 'p' });
    const insecure = importFromCcSwitchConfig(store('http://gw.example.com'), { file: 'f' });
    expect(codes(insecure)).toContain('generate-insecure-url');
    const v1 = importFromCcSwitchConfig(store('https://gw.example.com/v1'), { file: 'f' });
    expect(v1.config.env['ANTHROPIC_BASE_URL']).toBeUndefined();
    expect(find(v1, 'import-not-carried')[0]?.message).toContain('/v1');
  });
});

describe("VS Code (the Claude Code extension's settings)", () => {
  const user = (text: string): { text: string; file: string } => ({ text, file: '~/.config/Code/User/settings.json' });
  const SETTINGS = `{
  // mine
  "editor.fontSize": 14,
  "claudeCode.environmentVariables": [
    { "name": "ANTHROPIC_BASE_URL", "value": "https://gw.example.com" },
    { "name": "ANTHROPIC_AUTH_TOKEN", "value": "sk-vscode-test-0001" },
    { "name": "GATEWAY_KEY", "value": "sk-custom-key-0002" },
    { "name": "NO_VALUE" },
  ],
}
`;

  it('reads claudeCode.environmentVariables from JSON with comments; a bad entry is named; every key is a secret by where it came from', () => {
    const r = importFromVsCodeSettings(user(SETTINGS));
    expect(r.config.env).toEqual({
      ANTHROPIC_AUTH_TOKEN: 'sk-vscode-test-0001',
      ANTHROPIC_BASE_URL: 'https://gw.example.com',
      GATEWAY_KEY: 'sk-custom-key-0002',
    });
    expect(r.config.unset).toEqual(['ANTHROPIC_API_KEY', ...SWITCHES]);
    expect(r.secrets.sort()).toEqual(['sk-custom-key-0002', 'sk-vscode-test-0001']);
    expect(find(r, 'import-not-carried')[0]?.args?.['field']).toBe('claudeCode.environmentVariables[3]');
    expect(codes(r)).toContain('import-vscode-keep');
    // Variables that name no endpoint replace nothing in the settings file.
    const modelOnly = importFromVsCodeSettings(user('{"claudeCode.environmentVariables": [{"name": "ANTHROPIC_MODEL", "value": "opus"}]}'));
    expect(modelOnly.config.unset).toEqual([]);
  });

  it('no such setting, a file that does not parse (line and column), and a workspace value named but never imported', () => {
    expect(codes(importFromVsCodeSettings(user('{"editor.fontSize": 14}')))).toEqual(['import-no-active']);
    const broken = importFromVsCodeSettings(user('{\n  "a": 1,\n  "b": \n}'));
    expect(find(broken, 'import-unreadable')[0]?.args).toMatchObject({ line: 4, column: 1 });
    const ws = importFromVsCodeSettings(user(SETTINGS), {
      text: '{"claudeCode.environmentVariables": [{"name": "ANTHROPIC_BASE_URL", "value": "https://evil.example"}]}',
      file: '.vscode/settings.json',
    });
    expect(ws.config.env['ANTHROPIC_BASE_URL']).toBe('https://gw.example.com');
    expect(find(ws, 'import-not-carried').map((d) => d.args?.['file'])).toContain('.vscode/settings.json');
  });

  it('where the settings are: Code, Insiders, Cursor, VSCodium; $XDG_CONFIG_HOME first on Linux, Application Support on macOS, %APPDATA% on Windows', () => {
    expect(
      toolFiles('vscode', '/h', 'linux', undefined, '/x')
        .map((f) => f.path)
        .slice(0, 2),
    ).toEqual([join('/x', 'Code', 'User', 'settings.json'), join('/h', '.config', 'Code', 'User', 'settings.json')]);
    expect(toolFiles('vscode', '/h', 'darwin').map((f) => f.display)).toEqual([
      '~/Library/Application Support/Code/User/settings.json',
      '~/Library/Application Support/Code - Insiders/User/settings.json',
      '~/Library/Application Support/Cursor/User/settings.json',
      '~/Library/Application Support/VSCodium/User/settings.json',
    ]);
    expect(toolFiles('vscode', '/h', 'win32', 'C:\\AppData')[0]?.display).toBe('%APPDATA%\\Code\\User\\settings.json');
  });

  it('claude-gateway import vscode --write: into ~/.claude/settings.json through the safe writer, the VS Code file untouched, nothing secret printed', async () => {
    world = makeCliWorld();
    for (const [k, v] of Object.entries(world.env)) vi.stubEnv(k, v);
    const vscodeFile = join(world.configHome, 'Code', 'User', 'settings.json');
    mkdirSync(join(vscodeFile, '..'), { recursive: true });
    writeFileSync(vscodeFile, SETTINGS);
    const preview = await runCli(['import', 'vscode', ...world.where], { env: world.env, cwd: world.cwd });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('vscode: $XDG_CONFIG_HOME/Code/User/settings.json (read, not changed)');
    expect(preview.stdout).not.toContain('sk-vscode-test-0001');
    expect(preview.stdout).not.toContain('sk-custom-key-0002');
    const written = await runCli(['import', 'vscode', '--write', '--scope', 'user', ...world.where], { env: world.env, cwd: world.cwd });
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_AUTH_TOKEN: 'sk-vscode-test-0001', ANTHROPIC_BASE_URL: 'https://gw.example.com', GATEWAY_KEY: 'sk-custom-key-0002' },
    });
    expect(readFileSync(vscodeFile, 'utf8')).toBe(SETTINGS);
    expect(written.stdout + written.stderr).not.toContain('sk-custom-key-0002');
  });
});

describe('where the tools keep their configuration', () => {
  it('the database before the JSON file (the newer versions migrate the file once); nothing there is a warning, not an error', async () => {
    world = makeCliWorld();
    const home = world.home;
    expect(toolFiles('claude-code-router', '/h', 'win32', 'C:\\Users\\u\\AppData\\Roaming').map((f) => f.path)).toEqual([
      join('C:\\Users\\u\\AppData\\Roaming', 'claude-code-router', 'config.sqlite'),
      join('/h', '.claude-code-router', 'config.json'),
    ]);
    const missing = await importFromTool('cc-switch', { homeDir: home });
    expect(codes(missing)).toEqual(['import-source-not-found']);
    expect(missing.config.diagnostics[0]?.severity).toBe('warning');
    mkdirSync(join(home, '.cc-switch'));
    copyFileSync(join(CCS, 'config.json'), join(home, '.cc-switch', 'config.json'));
    expect((await importFromTool('cc-switch', { homeDir: home })).file).toBe('~/.cc-switch/config.json');
    copyFileSync(join(CCS, 'cc-switch.db'), join(home, '.cc-switch', 'cc-switch.db'));
    const both = await importFromTool('cc-switch', { homeDir: home });
    expect([both.file, both.storage]).toEqual(['~/.cc-switch/cc-switch.db', 'sqlite']);
  });

  it('a file that does not parse: file, line and column, nothing imported', async () => {
    world = makeCliWorld();
    const file = join(world.tmp, 'config.json');
    writeFileSync(file, '{\n  "PORT": 3456,\n  "APIKEY": "sk-unfinished-0001\n}\n');
    const r = await importFromTool('claude-code-router', { homeDir: world.home, from: file });
    expect(r.config.env).toEqual({});
    expect(find(r, 'import-unreadable')[0]).toMatchObject({ severity: 'error', args: { file, line: 3, column: 32, reason: 'a line break inside a string' } });
    expect(parseToolText('[1,', 'x')).toMatchObject({ problem: { args: { line: 1, column: 4 } } });
  });
});

describe('claude-gateway import <tool>', () => {
  const setUp = (): CliWorld => {
    const w = makeCliWorld();
    // The backup store (env-paths) and git read process.env: the world's, so nothing reaches the real home.
    for (const [k, v] of Object.entries(w.env)) vi.stubEnv(k, v);
    mkdirSync(join(w.home, '.cc-switch'));
    copyFileSync(join(CCS, 'config.json'), join(w.home, '.cc-switch', 'config.json'));
    mkdirSync(join(w.home, '.claude-code-router'));
    copyFileSync(join(CCR, 'config.json'), join(w.home, '.claude-code-router', 'config.json'));
    return w;
  };

  it('shows the providers and the settings, every key the tools hold masked; --show-secrets shows them', async () => {
    world = setUp();
    const secrets = ['sk-ccs-test-0001', 'sk-ccs-test-0002', 'sk-ccr-test-0001', 'sk-or-test-0002'];
    for (const source of ['cc-switch', 'claude-code-router', 'ccr']) {
      for (const extra of [[], ['--json']]) {
        const r = await runCli(['import', source, ...extra, ...world.where], { env: world.env, cwd: world.cwd });
        expect(r.code, r.stderr).toBe(0);
        for (const s of secrets) expect(r.stdout + r.stderr).not.toContain(s.slice(3, 12));
      }
    }
    const shown = await runCli(['import', 'cc-switch', '--show-secrets', ...world.where], { env: world.env, cwd: world.cwd });
    expect(shown.stdout).toContain('sk-ccs-test-0001');
    const text = (await runCli(['import', 'ccr', ...world.where], { env: world.env, cwd: world.cwd })).stdout;
    expect(text).toMatch(/^ {2}\* deepseek +https:\/\/api\.deepseek\.com\/chat\/completions +\(OpenAI format\)/m);
    expect(text).toContain('key: $DEEPSEEK_API_KEY (not set here)');
    expect(text).toContain('claude-gateway import claude-code-router --write --scope user');
    const asJson = jsonOut<{
      source: string;
      providers: { id: string; active: boolean; credential?: string }[];
      settings: { env: Record<string, string> };
      unset: string[];
    }>(await runCli(['import', 'cc-switch', '--json', ...world.where], { env: world.env, cwd: world.cwd }));
    expect(asJson.source).toBe('cc-switch');
    expect(asJson.providers.map((p) => [p.id, p.active])).toEqual([
      ['a1b2c3d4-0001', true],
      ['a1b2c3d4-0002', false],
    ]);
    expect(asJson.providers[0]?.credential).toMatch(/^<redacted/);
    expect(asJson.settings.env['ANTHROPIC_BASE_URL']).toBe('https://relay.example.test');
    expect(asJson.unset).toContain('ANTHROPIC_API_KEY');
  });

  it("the README's example is what the command prints", async () => {
    world = makeCliWorld();
    mkdirSync(join(world.home, '.cc-switch'));
    copyFileSync(join(CCS, 'cc-switch.db'), join(world.home, '.cc-switch', 'cc-switch.db'));
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /```console\n\$ claude-gateway import cc-switch\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const r = await runCli(['import', 'cc-switch', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.stdout).toBe(block);
  });

  it("--write puts the configuration into the user settings through the safe writer: the user's keys kept, the replaced credential removed, a backup", async () => {
    world = setUp();
    mkdirSync(join(world.home, '.claude'));
    writeFileSync(world.userSettings, '{\n    "model": "opus",\n    "env": { "ANTHROPIC_API_KEY": "sk-stale-key-0009", "EDITOR": "vim" }\n}\n');
    const r = await runCli(['import', 'cc-switch', '--write', '--scope', 'user', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${world.userSettings}`);
    expect(r.stdout + r.stderr).not.toContain('sk-ccs-test-0001');
    const text = readFileSync(world.userSettings, 'utf8');
    expect(JSON.parse(text)).toEqual({
      model: 'opus',
      env: {
        EDITOR: 'vim',
        ANTHROPIC_AUTH_TOKEN: 'sk-ccs-test-0001',
        ANTHROPIC_BASE_URL: 'https://relay.example.test',
        ANTHROPIC_MODEL: 'claude-sonnet-4-5',
        ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5',
        API_TIMEOUT_MS: '600000',
      },
    });
    // The file's own indentation is kept (minimal diff).
    expect(text).toMatch(/^ {4}"model": "opus",$/m);
    expect(readdirSync(world.backupDir, { recursive: true }).length).toBeGreaterThan(0);
    // The router's over it: the token and the address replaced.
    const ccr = await runCli(['import', 'claude-code-router', '--write', '--scope', 'user', ...world.where], { env: world.env, cwd: world.cwd });
    expect(ccr.code, ccr.stderr).toBe(0);
    const after = JSON.parse(readFileSync(world.userSettings, 'utf8')) as { env: Record<string, string> };
    expect(after.env['ANTHROPIC_BASE_URL']).toBe('http://127.0.0.1:3456');
    expect(after.env['ANTHROPIC_AUTH_TOKEN']).toBe('sk-ccr-test-0001');
  });

  it('refuses to write a credential where git would commit it, and writes nothing when nothing was read', async () => {
    world = setUp();
    const repo = gitInit(world.home, world.cwd);
    mkdirSync(join(repo, '.claude'));
    writeFileSync(join(repo, '.claude', 'settings.json'), '{}\n');
    worldGit(world, repo, 'add', '.claude/settings.json');
    const r = await runCli(['import', 'cc-switch', '--write', '--scope', 'project', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.code).toBe(3);
    expect(readFileSync(join(repo, '.claude', 'settings.json'), 'utf8')).toBe('{}\n');
    expect(r.stdout + r.stderr).not.toContain('sk-ccs-test-0001');
    const none = await runCli(['import', 'cc-switch', '--write', '--scope', 'user', '--provider', 'nope', ...world.where], { env: world.env, cwd: world.cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('has no provider "nope"');
    expect(existsSync(world.userSettings)).toBe(false);
  });

  it('an apiKeyHelper carried from cc-switch: the command kept, a key written into it masked', async () => {
    world = makeCliWorld();
    mkdirSync(join(world.home, '.cc-switch'));
    const helper = 'echo sk-helper-inline-7Qx93kdP2';
    const store = {
      providers: { h: { id: 'h', name: 'Helper', settingsConfig: { apiKeyHelper: helper, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } } } },
      current: 'h',
    };
    writeFileSync(join(world.home, '.cc-switch', 'config.json'), JSON.stringify(store));
    const r = importFromCcSwitchConfig(store, { file: 'f' });
    expect(r.config.settings).toEqual({ apiKeyHelper: helper });
    expect(r.secrets).toContain('sk-helper-inline-7Qx93kdP2');
    for (const extra of [[], ['--json']]) {
      const out = await runCli(['import', 'cc-switch', ...extra, ...world.where], { env: world.env, cwd: world.cwd });
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toContain('apiKeyHelper');
      expect(out.stdout).not.toContain('7Qx93kdP2');
    }
  });

  it('a broken file: exit 1 with its line and column, no stack; --provider on shell is a usage error', async () => {
    world = setUp();
    writeFileSync(join(world.home, '.cc-switch', 'config.json'), '{"version": 2, "claude": {,}}');
    const r = await runCli(['import', 'cc-switch', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("~/.cc-switch/config.json:1:27: cannot be read: invalid character ','");
    expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
    expect((await runCli(['import', 'shell', '--provider', 'x', ...world.where], { env: world.env, cwd: world.cwd })).code).toBe(2);
  });
});
