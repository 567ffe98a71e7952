/**
 * Every renderer's output read back by the library that reads that format: PowerShell
 * quoting (structurally; pwsh is not installed here), GitHub Actions YAML, macOS plist and
 * configuration profile, the Windows .reg file and PowerShell (see docs/generating.md), the
 * SchemaStore schema, VS Code JSONC, the Agent SDK TypeScript snippet, and the
 * settings patch and managed files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  apiKeyHelperScript,
  gatewayConfig,
  managedArtifactWarnings,
  managedSettingsObject,
  providerConfig,
  toAgentSdk,
  toGitHubActionsStep,
  toManagedArtifacts,
  toSettingsObject,
  toSettingsPatch,
  toShell,
  toVerifyCommand,
  toVsCodeSettings,
  type GeneratedConfig,
  type ManagedArtifact,
  type ManagedArtifactKind,
} from '../src/index';
import { AWKWARD_SECRET, allCases, awkwardGateway, errorCode } from './helpers/generate-fixtures';

const GW = 'https://llm-gateway.example.com';

/** PowerShell's single-quote characters: ' and the typographic ones the tokenizer also accepts. */
const PS_QUOTES = "'\u2018\u2019\u201a\u201b";

/**
 * Reads a PowerShell single-quoted literal starting at `text[start]` the way the tokenizer does: two
 * quote characters in a row are one (the second), any other character is itself.
 */
function readPsLiteral(text: string, start: number): { value: string; end: number } {
  if (!PS_QUOTES.includes(text[start] ?? '')) throw new Error(`no quote at ${start}`);
  let value = '';
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new Error('unterminated PowerShell string');
    if (PS_QUOTES.includes(c)) {
      const next = text[i + 1];
      if (next !== undefined && PS_QUOTES.includes(next)) {
        value += next;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i += 1;
  }
}

/** Parses toShell(…, 'powershell'): every statement is `$env:NAME = '…'` or a `Remove-Item` line. */
function parsePowerShellEnv(text: string): { set: Record<string, string>; removed: string[]; comments: string[] } {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  const comments: string[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const remove = /^Remove-Item -Path Env:([A-Za-z_][A-Za-z0-9_]*) -ErrorAction SilentlyContinue\r\n/.exec(rest);
    const assign = /^\$env:([A-Za-z_][A-Za-z0-9_]*) = /.exec(rest);
    const comment = /^# [^\r\n]*\r\n/.exec(rest);
    if (remove) {
      removed.push(remove[1] as string);
      i += remove[0].length;
    } else if (assign) {
      const lit = readPsLiteral(text, i + assign[0].length);
      if (text.slice(lit.end, lit.end + 2) !== '\r\n')
        throw new Error(`unexpected text after the value of ${assign[1]}: ${JSON.stringify(text.slice(lit.end, lit.end + 20))}`);
      set[assign[1] as string] = lit.value;
      i = lit.end + 2;
    } else if (comment) {
      comments.push(comment[0]);
      i += comment[0].length;
    } else {
      throw new Error(`unexpected PowerShell line: ${JSON.stringify(rest.slice(0, 60))}`);
    }
  }
  return { set, removed, comments };
}

function artifact(list: ManagedArtifact[], kind: ManagedArtifactKind, platform?: string): ManagedArtifact {
  const a = list.find((x) => x.kind === kind && (platform === undefined || x.platform === platform));
  if (!a) throw new Error(`no ${kind} artifact`);
  return a;
}

/** A configuration whose settings hold every JSON type, to check native plist typing. */
function typedConfig(): GeneratedConfig {
  const base = awkwardGateway();
  return {
    ...base,
    env: { ...base.env, ANTHROPIC_BETAS: 'a & b <c> d>e ]]> &amp; "q" \'s\'' },
    settings: {
      apiKeyHelper: '/usr/local/bin/get-key --a "b c" <in >out & bg',
      cleanupPeriodDays: 30,
      ratio: 1.5,
      negative: -2,
      includeCoAuthoredBy: false,
      enabled: true,
      permissions: { deny: ['Bash(curl:*)', 'Read(./.env)'], allow: [] },
      nested: { a: { b: [1, 2.25, true, 'x & y', { c: 'd' }] }, empty: {} },
    },
  };
}

describe('PowerShell `$env:` lines (structural: pwsh is not installed here)', () => {
  const configs: [string, GeneratedConfig][] = [['awkward gateway', awkwardGateway()], ...allCases().map((c): [string, GeneratedConfig] => [c.name, c.value])];

  it.each(configs)("%s: every line is $env:NAME = '…' or Remove-Item, and un-doubling the quotes gives every value back", (_name, value) => {
    const text = toShell(value, 'powershell');
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parsePowerShellEnv(text);
    expect(parsed.set).toEqual(value.env);
    expect(parsed.removed).toEqual(value.unset);
    // Settings keys have no variable: a comment says where they go, one per key.
    expect(parsed.comments).toHaveLength(Object.keys(value.settings).length);
  });

  it('PowerShell typographic quotes are doubled too (the tokenizer treats ‘ ’ ‚ ‛ as quotes)', () => {
    const value = gatewayConfig({ baseUrl: GW, models: { model: "it’s ‘x’ ‚y‛ 'z'" } });
    const line = toShell(value, 'powershell')
      .split('\r\n')
      .find((l) => l.startsWith('$env:ANTHROPIC_MODEL'));
    expect(line).toBe("$env:ANTHROPIC_MODEL = 'it’’s ‘‘x’’ ‚‚y‛‛ ''z'''");
  });

  it('redact replaces credentials with a placeholder in shell output', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'sk-very-secret-token-1234' } });
    for (const shell of ['bash', 'powershell'] as const) {
      const text = toShell(value, shell, { redact: true });
      expect(text).not.toContain('sk-very-secret-token-1234');
      expect(text).toContain(GW);
    }
  });
});

describe('GitHub Actions step, parsed with the yaml library', () => {
  function parseStep(yaml: string): Record<string, unknown> {
    const doc: unknown = parseYaml(yaml);
    expect(Array.isArray(doc)).toBe(true);
    expect(doc as unknown[]).toHaveLength(1);
    return (doc as Record<string, unknown>[])[0] as Record<string, unknown>;
  }

  it('bearer gateway: anthropic_api_key and env ANTHROPIC_AUTH_TOKEN from the same secret; base URL and multi-line custom headers exact', () => {
    const value = awkwardGateway();
    const r = toGitHubActionsStep(value, { secretName: 'LLM_GATEWAY_TOKEN' });
    const step = parseStep(r.yaml);
    expect(step['uses']).toBe('anthropics/claude-code-action@v1');
    expect(step['with']).toEqual({ anthropic_api_key: '${{ secrets.LLM_GATEWAY_TOKEN }}' });
    const env = step['env'] as Record<string, string>;
    expect(env['ANTHROPIC_BASE_URL']).toBe(value.env['ANTHROPIC_BASE_URL']);
    expect(env['ANTHROPIC_CUSTOM_HEADERS']).toBe(value.env['ANTHROPIC_CUSTOM_HEADERS']);
    expect(env['ANTHROPIC_CUSTOM_HEADERS']).toContain('\n');
    expect(env['ANTHROPIC_AUTH_TOKEN']).toBe('${{ secrets.LLM_GATEWAY_TOKEN }}');
    // Every other variable comes back exactly, the awkward model names included.
    for (const [name, v] of Object.entries(value.env)) if (name !== 'ANTHROPIC_AUTH_TOKEN') expect(env[name]).toBe(v);
    expect(r.yaml).not.toContain(AWKWARD_SECRET);
    expect(r.yaml).not.toContain("tok'en");
    expect(step).toEqual(JSON.parse(JSON.stringify(r.step)));
  });

  it('API-key gateway: the key travels only as anthropic_api_key, never as env ANTHROPIC_API_KEY', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key', value: 'sk-literal-key-987' }, customHeaders: { 'X-Tenant': 'acme' } });
    const r = toGitHubActionsStep(value);
    const step = parseStep(r.yaml);
    expect(step['with']).toEqual({ anthropic_api_key: '${{ secrets.GATEWAY_API_KEY }}' });
    expect(step['env']).toEqual({ ANTHROPIC_BASE_URL: GW, ANTHROPIC_CUSTOM_HEADERS: 'X-Tenant: acme' });
    expect(r.yaml).not.toContain('sk-literal-key-987');
  });

  it('apiKeyHelper cannot work in the action: a warning, and the secret as anthropic_api_key', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: '/usr/local/bin/k' } });
    const r = toGitHubActionsStep(value);
    expect(r.diagnostics.map((d) => d.code)).toContain('generate-not-expressible');
    expect(parseStep(r.yaml)['with']).toEqual({ anthropic_api_key: '${{ secrets.GATEWAY_API_KEY }}' });
  });

  it.each([
    ['bedrock', 'use_bedrock', providerConfig('bedrock', { gatewayUrl: `${GW}/bedrock`, gatewayToken: 'gw-literal-tok' })],
    ['vertex', 'use_vertex', providerConfig('vertex', { gatewayUrl: `${GW}/vertex`, projectId: 'p', gatewayToken: 'gw-literal-tok' })],
    ['foundry', 'use_foundry', providerConfig('foundry', { gatewayUrl: `${GW}/foundry`, foundryApiKey: 'gw-literal-tok' })],
  ] as const)("%s sets %s 'true' (string) and passes the credential only by secret", (_p, input, value) => {
    const r = toGitHubActionsStep(value);
    const step = parseStep(r.yaml);
    expect(step['with']).toEqual({ [input]: 'true' });
    const env = step['env'] as Record<string, string>;
    for (const [name, v] of Object.entries(value.env)) {
      if (name === value.credentialVariable) expect(env[name]).toBe('${{ secrets.GATEWAY_API_KEY }}');
      else expect(env[name]).toBe(v);
    }
    expect(r.yaml).not.toContain('gw-literal-tok');
  });

  it('providers without an action input are selected by env alone, with a note', () => {
    const r = toGitHubActionsStep(providerConfig('mantle', { gatewayUrl: `${GW}/mantle` }));
    expect(parseStep(r.yaml)['with']).toBeUndefined();
    expect((parseStep(r.yaml)['env'] as Record<string, string>)['CLAUDE_CODE_USE_MANTLE']).toBe('1');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['generate-not-expressible']);
  });

  it('the prompt input is carried; a bad secret name is refused', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 't' } });
    expect(parseStep(toGitHubActionsStep(value, { prompt: 'Review: "this" #1' }).yaml)['with']).toEqual({
      anthropic_api_key: '${{ secrets.GATEWAY_API_KEY }}',
      prompt: 'Review: "this" #1',
    });
    expect(() => toGitHubActionsStep(value, { secretName: 'bad name }} ${{' })).toThrow(TypeError);
  });
});

describe('macOS plist and configuration profile, parsed with plist', () => {
  const value = typedConfig();
  const settings = managedSettingsObject(value);

  it('the Custom Settings plist: the root dict is the settings object, with native types', () => {
    const a = artifact(toManagedArtifacts(value, { platforms: ['darwin'] }), 'plist');
    expect(a.fileName).toBe('com.anthropic.claudecode.plist');
    expect(
      a.content.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n',
      ),
    ).toBe(true);
    const parsed = parsePlist(a.content) as Record<string, unknown>;
    expect(parsed).toEqual(settings);
    expect(Object.keys(parsed).some((k) => k.startsWith('Payload'))).toBe(false);
    // env values stay strings: never <integer>1</integer> or <true/> for "1".
    for (const v of Object.values(parsed['env'] as Record<string, unknown>)) expect(typeof v).toBe('string');
    const envBlock = /<key>env<\/key>\n\t<dict>([\s\S]*?)\n\t<\/dict>/.exec(a.content)?.[1] ?? '';
    expect(envBlock).toContain('<string>1</string>');
    expect(envBlock).not.toMatch(/<(integer|real|true|false|dict|array)\b/);
    // Numbers and booleans are typed natively (the parser maps both integer and real to number, so check the XML too).
    expect(a.content).toContain('<integer>30</integer>');
    expect(a.content).toContain('<integer>-2</integer>');
    expect(a.content).toContain('<real>1.5</real>');
    expect(a.content).toContain('<real>2.25</real>');
    expect(a.content).toContain('<false/>');
    expect(a.content).toContain('<true/>');
    expect(a.content).not.toMatch(/<string>\s*[[{]/);
  });

  it('the .mobileconfig has exactly the documented structure', () => {
    const a = artifact(toManagedArtifacts(value, { platforms: ['darwin'] }), 'mobileconfig');
    expect(a.fileName).toBe('com.anthropic.claudecode.mobileconfig');
    const root = parsePlist(a.content) as Record<string, unknown>;
    expect(Object.keys(root).sort()).toEqual(
      [
        'PayloadContent',
        'PayloadDescription',
        'PayloadDisplayName',
        'PayloadIdentifier',
        'PayloadOrganization',
        'PayloadScope',
        'PayloadType',
        'PayloadUUID',
        'PayloadVersion',
      ].sort(),
    );
    expect(root['PayloadType']).toBe('Configuration');
    expect(root['PayloadIdentifier']).toBe('com.anthropic.claudecode.profile');
    expect(root['PayloadDisplayName']).toBe('Claude Code Managed Settings');
    expect(root['PayloadOrganization']).toBe('Example Organization');
    expect(root['PayloadScope']).toBe('System');
    expect(root['PayloadVersion']).toBe(1);
    const uuidRe = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
    expect(root['PayloadUUID']).toMatch(uuidRe);
    const content = root['PayloadContent'] as Record<string, unknown>[];
    expect(Array.isArray(content)).toBe(true);
    expect(content).toHaveLength(1);
    const inner = content[0] as Record<string, unknown>;
    expect(Object.keys(inner).sort()).toEqual(['PayloadContent', 'PayloadDisplayName', 'PayloadIdentifier', 'PayloadType', 'PayloadUUID', 'PayloadVersion']);
    expect(inner['PayloadType']).toBe('com.apple.ManagedClient.preferences');
    expect(inner['PayloadDisplayName']).toBe('Claude Code');
    expect(inner['PayloadVersion']).toBe(1);
    expect(inner['PayloadUUID']).toMatch(uuidRe);
    expect(inner['PayloadUUID']).not.toBe(root['PayloadUUID']);
    expect(inner['PayloadIdentifier']).toBe(`com.anthropic.claudecode.profile.${inner['PayloadUUID'] as string}`);
    const mcx = inner['PayloadContent'] as Record<string, unknown>;
    expect(Array.isArray(mcx)).toBe(false);
    expect(Object.keys(mcx)).toEqual(['com.anthropic.claudecode']);
    const domain = mcx['com.anthropic.claudecode'] as Record<string, unknown>;
    expect(Object.keys(domain)).toEqual(['Forced']);
    const forced = domain['Forced'] as Record<string, unknown>[];
    expect(forced).toHaveLength(1);
    expect(Object.keys(forced[0] as object)).toEqual(['mcx_preference_settings']);
    expect((forced[0] as Record<string, unknown>)['mcx_preference_settings']).toEqual(settings);
  });

  it('UUIDs are stable across calls and configurations; organization and UUIDs are inputs', () => {
    const uuids = (v: GeneratedConfig, o = {}): [string, string] => {
      const root = parsePlist(artifact(toManagedArtifacts(v, { platforms: ['darwin'], ...o }), 'mobileconfig').content) as Record<string, unknown>;
      const inner = (root['PayloadContent'] as Record<string, unknown>[])[0] as Record<string, unknown>;
      return [root['PayloadUUID'] as string, inner['PayloadUUID'] as string];
    };
    const first = uuids(value);
    expect(uuids(value)).toEqual(first);
    // Real name-based UUIDs (version 5): the same as Python's uuid.uuid5(uuid.NAMESPACE_DNS, name).
    const pythonUuid5 = execFileSync(
      'python3',
      ['-c', 'import sys, uuid; print(str(uuid.uuid5(uuid.NAMESPACE_DNS, sys.argv[1])).upper())', 'com.anthropic.claudecode.profile:outer'],
      { encoding: 'utf8' },
    ).trim();
    expect(first[0]).toBe(pythonUuid5);
    expect(first[0][14]).toBe('5');
    // Same profile identifier: a re-push with new settings replaces the installed profile.
    expect(uuids(gatewayConfig({ baseUrl: GW }))).toEqual(first);
    const given: [string, string] = ['11111111-2222-4333-8444-555555555555', 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE'];
    expect(uuids(value, { profileUuids: given })).toEqual(given);
    const root = parsePlist(artifact(toManagedArtifacts(value, { platforms: ['darwin'], organization: 'Acme & <Sons>' }), 'mobileconfig').content) as Record<
      string,
      unknown
    >;
    expect(root['PayloadOrganization']).toBe('Acme & <Sons>');
  });

  it('XML special characters, line breaks (CR included) and non-ASCII survive in both plists', () => {
    const list = toManagedArtifacts(value, { platforms: ['darwin'] });
    const plain = parsePlist(artifact(list, 'plist').content) as Record<string, Record<string, string>>;
    expect(plain['env']?.['ANTHROPIC_BETAS']).toBe(value.env['ANTHROPIC_BETAS']);
    expect(plain['env']?.['CLAUDE_CODE_SUBAGENT_MODEL']).toBe(value.env['CLAUDE_CODE_SUBAGENT_MODEL']);
    expect(plain['env']?.['CLAUDE_CODE_SUBAGENT_MODEL']).toContain('\r\n');
    expect(plain['env']?.['ANTHROPIC_MODEL']).toBe('émoji 🚀 中文 ✓');
    expect((plain as Record<string, unknown>)['apiKeyHelper']).toBe(value.settings['apiKeyHelper']);
  });

  it('a value a plist cannot hold is refused, not silently changed', () => {
    expect(errorCode(() => toManagedArtifacts({ ...gatewayConfig({ baseUrl: GW }), settings: { x: null } }, { platforms: ['darwin'] }))).toBe(
      'INVALID_OPTIONS',
    );
    expect(errorCode(() => toManagedArtifacts({ ...gatewayConfig({ baseUrl: GW }), settings: { x: Number.NaN } }, { platforms: ['darwin'] }))).toBe(
      'INVALID_OPTIONS',
    );
    // XML 1.0 has no way to write U+0001 (not even as a character reference).
    expect(errorCode(() => toManagedArtifacts(gatewayConfig({ baseUrl: GW, models: { model: 'a\u0001b' } }), { platforms: ['darwin'] }))).toBe(
      'INVALID_OPTIONS',
    );
  });
});

describe('Windows: the .reg file and the PowerShell scripts', () => {
  const value: GeneratedConfig = { ...typedConfig(), env: { ...typedConfig().env, X_PATH: 'C:\\Program Files\\Tool\\"x"' } };
  const settings = managedSettingsObject(value);
  const list = toManagedArtifacts(value, { platforms: ['win32'] });

  /** Undoes a .reg string: \\ → \ and \" → ". */
  function unReg(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string;
      if (c === '\\') {
        const n = s[i + 1];
        if (n !== '\\' && n !== '"') throw new Error(`bad escape \\${n ?? ''}`);
        out += n;
        i += 1;
      } else {
        out += c;
      }
    }
    return out;
  }

  it('the exact regedit v5 format: header, CRLF, HKLM policy key, "Settings" with single-line JSON', () => {
    const a = artifact(list, 'reg');
    expect(a.fileName.endsWith('.reg')).toBe(true);
    expect(a.content.endsWith('\r\n')).toBe(true);
    expect(a.content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = a.content.split('\r\n');
    expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeCode]');
    const m = /^"Settings"="((?:[^"\\]|\\.)*)"$/.exec(lines[3] ?? '');
    expect(m).not.toBeNull();
    expect(lines.slice(4)).toEqual(['']);
    const json = unReg(m?.[1] ?? '');
    expect(json).not.toMatch(/[\r\n]/);
    expect(JSON.parse(json)).toEqual(settings);
    // Non-ASCII is escaped as \uXXXX, so the whole file is ASCII.
    expect(a.content).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(json).toContain('\\ud83d\\ude80');
  });

  it('the registry PowerShell writes the same single-line JSON to HKLM:\\SOFTWARE\\Policies\\ClaudeCode', () => {
    const a = artifact(list, 'powershell-registry');
    expect(a.content).toContain("$key = 'HKLM:\\SOFTWARE\\Policies\\ClaudeCode'");
    expect(a.content).toContain("-Name 'Settings' -PropertyType String");
    const at = a.content.indexOf('-Value ') + '-Value '.length;
    const lit = readPsLiteral(a.content, at);
    expect(JSON.parse(lit.value)).toEqual(settings);
    expect(lit.value).not.toMatch(/[\r\n]/);
  });

  it('the file PowerShell: ProgramW6432, a literal here-string with the pretty JSON, UTF8Encoding $false', () => {
    const a = artifact(list, 'powershell-file');
    const json = artifact(list, 'managed-settings').content;
    expect(a.content).toContain("$dir = Join-Path $env:ProgramW6432 'ClaudeCode'");
    expect(a.content).not.toMatch(/\$env:ProgramFiles\b/);
    expect(a.content).toContain('New-Object System.Text.UTF8Encoding $false');
    expect(a.content).toContain("$ErrorActionPreference = 'Stop'");
    const start = a.content.indexOf("$json = @'\r\n");
    const end = a.content.indexOf("\r\n'@\r\n");
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const body = a.content.slice(start + "$json = @'\r\n".length, end);
    // The script writes $json + "`n": exactly the managed-settings.json artifact.
    expect(`${body}\n`).toBe(json);
    expect(JSON.parse(body)).toEqual(settings);
    expect(json).toBe(`${JSON.stringify(settings, null, 2)}\n`);
  });
});

describe('managed-settings.json and drop-ins', () => {
  const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: '/usr/local/bin/get-gateway-key' } });

  it('the file per OS, and a drop-in next to it', () => {
    const list = toManagedArtifacts(value, { dropInName: '10-gateway.json' });
    const paths = list.filter((a) => a.kind === 'managed-settings' || a.kind === 'drop-in').map((a) => [a.kind, a.platform, a.installPath]);
    expect(paths).toEqual([
      ['managed-settings', 'linux', '/etc/claude-code/managed-settings.json'],
      ['drop-in', 'linux', '/etc/claude-code/managed-settings.d/10-gateway.json'],
      ['managed-settings', 'darwin', '/Library/Application Support/ClaudeCode/managed-settings.json'],
      ['drop-in', 'darwin', '/Library/Application Support/ClaudeCode/managed-settings.d/10-gateway.json'],
      ['managed-settings', 'win32', 'C:\\Program Files\\ClaudeCode\\managed-settings.json'],
      ['drop-in', 'win32', 'C:\\Program Files\\ClaudeCode\\managed-settings.d\\10-gateway.json'],
    ]);
    for (const a of list.filter((x) => x.kind === 'managed-settings' || x.kind === 'drop-in')) {
      expect(a.content).toBe(`${JSON.stringify({ apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: GW } }, null, 2)}\n`);
      expect(a.content.charCodeAt(0)).not.toBe(0xfeff);
      expect(a.deploy.length).toBeGreaterThan(0);
    }
  });

  it.each(['.hidden.json', '10-gateway.txt', 'sub/10.json', '..\\x.json', ''])('a drop-in name Claude Code would ignore (%j) is refused', (name) => {
    expect(errorCode(() => toManagedArtifacts(value, { dropInName: name }))).toBe('INVALID_OPTIONS');
  });

  const warningsOnly = (v: Parameters<typeof managedArtifactWarnings>[0]) => managedArtifactWarnings(v).filter((d) => d.severity === 'warning');

  it('pushing a shared credential in managed settings warns; a helper does not', () => {
    expect(warningsOnly(value)).toEqual([]);
    const shared = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'shared-token' } });
    expect(warningsOnly(shared).map((d) => d.code)).toEqual(['generate-not-expressible']);
    expect(warningsOnly(shared)[0]?.args).toEqual({ kind: 'managed-secrets', variables: ['ANTHROPIC_AUTH_TOKEN'] });
  });

  it('a managed gateway configuration without a credential warns (always exactly one); the separate deliveries are noted', () => {
    const bare = gatewayConfig({ baseUrl: GW });
    expect(warningsOnly(bare).map((d) => d.args)).toEqual([{ kind: 'managed-credentials', credentials: [] }]);
    const notes = managedArtifactWarnings(value).filter((d) => d.severity === 'info');
    expect(notes.map((d) => d.args)).toEqual([{ kind: 'managed-reach' }]);
  });
});

describe('every generated settings object validates against the SchemaStore schema', () => {
  // A copy kept in the repository (test/fixtures/schemastore/SOURCE.md says where it comes from).
  const schemaPath = resolve(import.meta.dirname, 'fixtures/schemastore/claude-code-settings.schema.json');
  // In the repository: a missing copy fails the suite instead of skipping it.
  const present = existsSync(schemaPath);
  const title = 'SchemaStore claude-code-settings.json (draft-07)';

  describe(title, () => {
    it('the schema copy is in the repository', () => expect(present).toBe(true));
    const validate = (): ((data: unknown) => boolean) & { errors?: unknown } => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    };
    const v = present ? validate() : undefined;
    const configs: [string, GeneratedConfig][] = [
      ...allCases().map((c): [string, GeneratedConfig] => [c.name, c.value]),
      [
        'gateway, no credential, every extra',
        gatewayConfig({ baseUrl: GW, modelDiscovery: true, disableExperimentalBetas: true, fastMode: true, models: { model: 'm', haiku: 'h' } }),
      ],
      ['gateway, helper without TTL', gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: '~/bin/get-gateway-key.sh' } })],
    ];

    it.each(configs)('%s: managedSettingsObject and toSettingsObject validate', (_name, value) => {
      for (const obj of [managedSettingsObject(value), toSettingsObject(value)]) {
        const ok = v?.(obj);
        expect(v?.errors ?? null, JSON.stringify(v?.errors)).toBeNull();
        expect(ok).toBe(true);
      }
    });

    it('the schema is stricter than Claude Code for booleans ("true" is refused, Claude Code accepts it): we only emit "1"', () => {
      // Negative control: the validator does reject what the schema forbids.
      expect(v?.({ env: { CLAUDE_CODE_USE_BEDROCK: 'true' } })).toBe(false);
      // Lowercase proxy variables work in Claude Code but fail env.propertyNames; the generators never emit them.
      expect(v?.({ env: { https_proxy: 'http://proxy:3128' } })).toBe(false);
      // (older schema): forceLoginMethod lacked "gateway"; the generators never emit forceLoginMethod at all.
      for (const [, value] of configs) {
        for (const [name, val] of Object.entries(value.env)) {
          if (/^CLAUDE_CODE_(USE|SKIP|ENABLE|DISABLE)_/.test(name)) expect(val).toBe('1');
        }
        expect(Object.keys(toSettingsObject(value))).not.toContain('forceLoginMethod');
      }
    });
  });
});

describe('VS Code user settings (JSONC)', () => {
  const existing = `// User settings: keep this comment
{
  /* a block comment */
  "editor.fontSize": 14, // trailing comment
  "claudeCode.environmentVariables": [
    // my proxy, do not remove
    { "name": "HTTPS_PROXY", "value": "http://proxy.corp:3128" },
    { "name": "ANTHROPIC_BASE_URL", "value": "https://old-gateway.example.com" },
    { "name": "ANTHROPIC_API_KEY", "value": "sk-stale" },
  ],
  "files.autoSave": "afterDelay",
}
`;

  function parseStrictJsonc(text: string): Record<string, unknown> {
    const errors: ParseError[] = [];
    const out = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as Record<string, unknown>;
    expect(errors).toEqual([]);
    return out;
  }

  it('comments survive, other settings untouched, other names kept, same names replaced, unset names removed', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'tok' }, customHeaders: { 'X-Tenant': 'a' } });
    const r = toVsCodeSettings(value, existing);
    for (const c of ['// User settings: keep this comment', '/* a block comment */', '// trailing comment', '// my proxy, do not remove'])
      expect(r.text).toContain(c);
    const parsed = parseStrictJsonc(r.text);
    expect(parsed['editor.fontSize']).toBe(14);
    expect(parsed['files.autoSave']).toBe('afterDelay');
    const vars = parsed['claudeCode.environmentVariables'] as { name: string; value: string }[];
    const byName = Object.fromEntries(vars.map((e) => [e.name, e.value]));
    expect(byName).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:3128',
      ANTHROPIC_BASE_URL: GW,
      ANTHROPIC_AUTH_TOKEN: 'tok',
      ANTHROPIC_CUSTOM_HEADERS: 'X-Tenant: a',
    });
    expect(vars.map((e) => e.name).filter((n) => n === 'ANTHROPIC_BASE_URL')).toHaveLength(1);
    expect(r.diagnostics).toEqual([]);
  });

  it('a value that is not an array is replaced by one; a duplicate of a replaced name is removed', () => {
    const value = gatewayConfig({ baseUrl: GW });
    const notArray = parseStrictJsonc(toVsCodeSettings(value, '{ "claudeCode.environmentVariables": "oops" }').text);
    expect(notArray['claudeCode.environmentVariables']).toEqual([{ name: 'ANTHROPIC_BASE_URL', value: GW }]);
    const dup =
      '{ "claudeCode.environmentVariables": [ { "name": "ANTHROPIC_BASE_URL", "value": "a" }, { "name": "X", "value": "1" }, { "name": "ANTHROPIC_BASE_URL", "value": "b" } ] }';
    expect(parseStrictJsonc(toVsCodeSettings(value, dup).text)['claudeCode.environmentVariables']).toEqual([
      { name: 'ANTHROPIC_BASE_URL', value: GW },
      { name: 'X', value: '1' },
    ]);
  });

  it('a provider configuration also sets claudeCode.disableLoginPrompt (once); an Anthropic gateway does not', () => {
    const bedrock = providerConfig('bedrock', { gatewayUrl: `${GW}/bedrock` });
    const once = toVsCodeSettings(bedrock, existing).text;
    expect(parseStrictJsonc(once)['claudeCode.disableLoginPrompt']).toBe(true);
    expect(toVsCodeSettings(bedrock, once).text).toBe(once);
    expect(once).toContain('// User settings: keep this comment');
    const gw = toVsCodeSettings(gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'tok' } }), existing).text;
    expect(parseStrictJsonc(gw)['claudeCode.disableLoginPrompt']).toBeUndefined();
  });

  it('an apiKeyHelper cannot reach the launch check: the warning says to set disableLoginPrompt', () => {
    const helper = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: '/usr/local/bin/gw-key' } });
    const r = toVsCodeSettings(helper, '{}');
    const d = r.diagnostics.find((x) => x.args?.['key'] === 'apiKeyHelper');
    expect(d).toMatchObject({ code: 'generate-not-expressible', severity: 'warning', args: { kind: 'vscode-setting', key: 'apiKeyHelper' } });
    expect(d?.fix).toContain('claudeCode.disableLoginPrompt');
  });

  it('applied twice gives the same text', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'tok' } });
    const once = toVsCodeSettings(value, existing).text;
    expect(toVsCodeSettings(value, once).text).toBe(once);
  });

  it('a new or empty file gets the array; values come back exactly', () => {
    const value = awkwardGateway();
    for (const start of [undefined, '', '{}']) {
      const parsed = parseStrictJsonc(toVsCodeSettings(value, start).text);
      const vars = parsed['claudeCode.environmentVariables'] as { name: string; value: string }[];
      expect(Object.fromEntries(vars.map((e) => [e.name, e.value]))).toEqual(value.env);
    }
  });

  it('apiKeyHelper cannot go into VS Code settings: a warning', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: 'x' } });
    expect(toVsCodeSettings(value, existing).diagnostics.map((d) => d.code)).toEqual(['generate-not-expressible']);
  });

  it('a file that is not a JSON object is refused and left alone', () => {
    expect(errorCode(() => toVsCodeSettings(gatewayConfig({ baseUrl: GW }), '{ "a": '))).toBe('INVALID_JSON');
    expect(errorCode(() => toVsCodeSettings(gatewayConfig({ baseUrl: GW }), '[1, 2]'))).toBe('INVALID_JSON');
  });
});

describe('Agent SDK TypeScript snippet', () => {
  const value = { ...awkwardGateway(), settings: { apiKeyHelper: "/opt/get key.sh --x 'y'" } };
  const code = toAgentSdk(value, 'typescript').code;

  it('options.env spreads process.env first (env replaces the environment)', () => {
    const envStart = code.indexOf('env: {');
    const spread = code.indexOf('...process.env,');
    expect(envStart).toBeGreaterThan(-1);
    expect(spread).toBeGreaterThan(envStart);
    const firstVar = code.search(/^ {4}[A-Z_][A-Z0-9_]*: "/m);
    expect(spread).toBeLessThan(firstVar);
  });

  it('every NAME: "literal" reads back exactly (JSON.parse of the literal)', () => {
    const found: Record<string, string> = {};
    for (const m of code.matchAll(/^ {4}([A-Z_][A-Z0-9_]*): (".*"),$/gm)) found[m[1] as string] = JSON.parse(m[2] as string) as string;
    expect(found).toEqual(value.env);
    // The literal of a U+2028 value is escaped, so the snippet stays one line per entry.
    expect(code).not.toContain('\u2028');
  });

  it('apiKeyHelper travels as --settings through extraArgs', () => {
    const m = /^ {2}extraArgs: \{ settings: (".*") \},$/m.exec(code);
    expect(m).not.toBeNull();
    expect(JSON.parse(JSON.parse(m?.[1] ?? '""') as string)).toEqual(value.settings);
  });

  it('unset variables cannot be expressed: a note', () => {
    expect(toAgentSdk(value, 'typescript').diagnostics.map((d) => d.code)).toEqual(['generate-not-expressible']);
  });
});

describe('verification command: PowerShell form (structural)', () => {
  it('Invoke-RestMethod with the credential by reference and the same body', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'secret-tok' }, customHeaders: { 'X-Tenant': "o'neil" } });
    const ps = toVerifyCommand(value, 'powershell');
    expect(ps).toContain(`Invoke-RestMethod -Method Post -Uri '${GW}/v1/messages'`);
    expect(ps).toContain('"Authorization" = "Bearer $env:ANTHROPIC_AUTH_TOKEN"');
    expect(ps).toContain('"anthropic-version" = "2023-06-01"');
    expect(ps).toContain("'X-Tenant' = 'o''neil'");
    expect(ps).toContain('-ContentType "application/json"');
    const at = ps.indexOf('-Body ') + '-Body '.length;
    expect(JSON.parse(readPsLiteral(ps, at).value)).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
    expect(ps).not.toContain('secret-tok');
  });

  it('streaming check: curl.exe -N (Invoke-RestMethod would wait for the whole answer), the body piped in', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'secret-tok' }, customHeaders: { 'X-Tenant': "o'neil" } });
    const ps = toVerifyCommand(value, 'powershell', { stream: true });
    expect(ps).not.toContain('Invoke-RestMethod');
    expect(ps).toContain(`$body | curl.exe -N -X POST '${GW}/v1/messages'`);
    expect(ps).toContain('-H "Authorization: Bearer $env:ANTHROPIC_AUTH_TOKEN"');
    expect(ps).toContain("-H 'X-Tenant: o''neil'");
    expect(ps).toContain("--data-binary '@-'");
    const at = ps.indexOf('$body = ') + '$body = '.length;
    expect(JSON.parse(readPsLiteral(ps, at).value)).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 16,
      stream: true,
      messages: [{ role: 'user', content: 'count to 3' }],
    });
    expect(ps).not.toContain('secret-tok');
    expect(ps.split('\r\n').every((l, i, all) => i === all.length - 1 || l.length > 0)).toBe(true);
  });

  it('x-api-key gateways send x-api-key; providers are refused', () => {
    const ps = toVerifyCommand(gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key', value: 'k' } }), 'powershell');
    expect(ps).toContain('"x-api-key" = $env:ANTHROPIC_API_KEY');
    expect(ps).not.toContain('Authorization');
    expect(errorCode(() => toVerifyCommand(providerConfig('bedrock', { gatewayUrl: `${GW}/bedrock` })))).toBe('INVALID_OPTIONS');
  });
});

describe('Windows apiKeyHelper scripts (structural: cmd and PowerShell are not available here)', () => {
  it('cmd: CRLF, paths quoted for spaces, % doubled, no newline after the key', () => {
    const h = apiKeyHelperScript({ source: { from: 'file', path: 'C:\\Keys\\my 100% key.txt' }, shell: 'cmd' });
    expect(h.script.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(h.script.split('\r\n')[0]).toBe('@echo off');
    expect(h.script).toContain('set /p KEY=<"C:\\Keys\\my 100%% key.txt"');
    expect(h.script).toContain('<nul set /p ="%KEY%"');
    expect(errorCode(() => apiKeyHelperScript({ source: { from: 'file', path: 'C:\\a"b.txt' }, shell: 'cmd' }))).toBe('INVALID_OPTIONS');
  });

  it('PowerShell: literal paths in single quotes, the key written without a newline', () => {
    const h = apiKeyHelperScript({ source: { from: 'file', path: "C:\\Keys\\o'neil $x.txt" }, shell: 'powershell' });
    const at = h.script.indexOf('-LiteralPath ') + '-LiteralPath '.length;
    expect(readPsLiteral(h.script, at).value).toBe("C:\\Keys\\o'neil $x.txt");
    expect(h.script).toContain('[Console]::Out.Write($key.Trim())');
    const cmd = apiKeyHelperScript({ source: { from: 'command', argv: ['C:\\Program Files\\tool.exe', '--name', "a 'b'"] }, shell: 'powershell' });
    const line = cmd.script.split('\r\n').find((l) => l.startsWith('$key = & ')) ?? '';
    const exe = readPsLiteral(line, '$key = & '.length);
    expect(exe.value).toBe('C:\\Program Files\\tool.exe');
    const a1 = readPsLiteral(line, exe.end + 1);
    expect(a1.value).toBe('--name');
    expect(readPsLiteral(line, a1.end + 1).value).toBe("a 'b'");
  });
});

describe('settings patch through planEdit', () => {
  it('the patch keeps other keys and variables, sets ours, and removes the ones that must be absent', () => {
    const existing = `${JSON.stringify({ model: 'opus', env: { ANTHROPIC_API_KEY: 'sk-stale', OTHER_VAR: 'keep' }, permissions: { allow: ['Bash(ls)'] } }, null, 2)}\n`;
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'auth-token', value: 'tok' } });
    const plan = toSettingsPatch(value, existing);
    expect(JSON.parse(plan.text)).toEqual({
      model: 'opus',
      env: { OTHER_VAR: 'keep', ANTHROPIC_AUTH_TOKEN: 'tok', ANTHROPIC_BASE_URL: GW },
      permissions: { allow: ['Bash(ls)'] },
    });
    expect(toSettingsPatch(value, plan.text).text).toBe(plan.text);
  });

  it('a JSONC settings file is not clobbered (refused unless conversion is asked for)', () => {
    expect(errorCode(() => toSettingsPatch(gatewayConfig({ baseUrl: GW }), '{ // c\n "a": 1 }'))).toBe('JSONC_NOT_ALLOWED');
  });

  it('the --settings overlay object carries settings keys and env', () => {
    const value = gatewayConfig({ baseUrl: GW, credential: { kind: 'api-key-helper', command: 'h', ttlMs: 600000 } });
    expect(toSettingsObject(value)).toEqual({ apiKeyHelper: 'h', env: { ANTHROPIC_BASE_URL: GW, CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '600000' } });
  });
});
