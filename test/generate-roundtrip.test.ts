/**
 * Round trip: generate, put the output where Claude Code reads it (a memory layout: user
 * settings, `--settings`, the managed file and drop-in, the macOS profile, the HKLM value, or the
 * shell after bash sourced the exports), resolve with resolveEffectiveConfig, and check that the
 * effective base URL, credential and provider are the ones intended, for every provider (through a
 * gateway and direct) and every gateway credential kind.
 */
import { parse as parsePlist } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  resolveEffectiveConfig,
  toManagedArtifacts,
  toSettingsObject,
  toSettingsPatch,
  toShell,
  type EffectiveConfig,
  type GeneratedConfig,
  type ManagedArtifactKind,
  type Platform,
} from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { allCases, type Expected } from './helpers/generate-fixtures';
import { baseEnv, hasCommand, sourceAndDumpEnv } from './helpers/generate-shells';
import { makeTmp, removeTmp } from './helpers/tmp';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec }));
}

function check(config: EffectiveConfig, expected: Expected): void {
  expect(config.provider).toBe(expected.provider);
  if (expected.baseUrl) {
    expect(config.baseUrl?.name).toBe(expected.baseUrl.name);
    expect(config.baseUrl?.value).toBe(expected.baseUrl.value);
  } else {
    expect(config.baseUrl).toBeUndefined();
  }
  const c = config.credential;
  expect({ kind: c.kind, variable: c.variable, headers: c.headers, mechanism: c.kind === 'provider' ? c.mechanism : undefined }).toEqual({
    kind: expected.credential.kind,
    variable: expected.credential.variable,
    headers: expected.credential.headers,
    mechanism: expected.credential.mechanism,
  });
  expect(c.blocked).toBeUndefined();
  expect(c.outranked).toEqual([]);
  if (expected.headers) expect(config.customHeaders).toEqual(expected.headers);
  expect(config.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}

function artifactText(value: GeneratedConfig, kind: ManagedArtifactKind, platform: Platform): string {
  const a = toManagedArtifacts(value, { platforms: [platform], dropInName: '10-gateway.json' }).find((x) => x.kind === kind);
  if (!a) throw new Error(`no ${kind} for ${platform}`);
  return a.content;
}

/** The settings object inside the generated .mobileconfig (Forced[0].mcx_preference_settings). */
function profileSettings(value: GeneratedConfig): Record<string, unknown> {
  const root = parsePlist(artifactText(value, 'mobileconfig', 'darwin')) as Record<string, unknown>;
  const inner = (root['PayloadContent'] as Record<string, unknown>[])[0] as Record<string, unknown>;
  const domain = (inner['PayloadContent'] as Record<string, Record<string, unknown>>)['com.anthropic.claudecode'] as Record<string, unknown>;
  return ((domain['Forced'] as Record<string, unknown>[])[0] as Record<string, unknown>)['mcx_preference_settings'] as Record<string, unknown>;
}

/** The JSON text regedit would store from the generated .reg file. */
function regSettings(value: GeneratedConfig): string {
  const line = artifactText(value, 'reg', 'win32').split('\r\n')[3] ?? '';
  const m = /^"Settings"="(.*)"$/.exec(line);
  return (m?.[1] ?? '').replace(/\\(["\\])/g, '$1');
}

const CARRIERS: [string, (value: GeneratedConfig) => LayoutSpec][] = [
  ['user settings (toSettingsPatch)', (value) => ({ user: toSettingsPatch(value).text })],
  [
    'user settings patched over stale values',
    (value) => ({
      user: toSettingsPatch(value, JSON.stringify({ env: Object.fromEntries(value.unset.map((n) => [n, n.startsWith('CLAUDE_CODE_USE_') ? '1' : 'stale'])) }))
        .text,
    }),
  ],
  ['--settings overlay', (value) => ({ settingsFlag: JSON.stringify(toSettingsObject(value)) })],
  ['managed-settings.json (linux)', (value) => ({ managedFile: artifactText(value, 'managed-settings', 'linux') })],
  ['managed-settings.json (win32)', (value) => ({ platform: 'win32', managedFile: artifactText(value, 'managed-settings', 'win32') })],
  ['managed drop-in (darwin)', (value) => ({ platform: 'darwin', dropIns: { '10-gateway.json': artifactText(value, 'drop-in', 'darwin') } })],
  ['macOS configuration profile (plist)', (value) => ({ platform: 'darwin', managed: { plist: profileSettings(value) } })],
  ['Windows .reg (HKLM)', (value) => ({ platform: 'win32', managed: { hklm: regSettings(value) } })],
];

describe('round trip through settings files and managed artifacts', () => {
  for (const c of allCases()) {
    it.each(CARRIERS)(`${c.name} via %s`, async (_carrier, carry) => {
      check(await resolve(carry(c.value)), c.expected);
    });
  }

  it('the helper TTL and source survive the round trip', async () => {
    const c = allCases().find((x) => x.name === 'gateway, apiKeyHelper with TTL');
    if (!c) throw new Error('fixture missing');
    const config = await resolve({ user: toSettingsPatch(c.value).text });
    expect(config.apiKeyHelper?.command).toBe('/usr/local/bin/get-gateway-key');
    expect(config.apiKeyHelper?.ttlMs).toBe(900000);
    expect(config.apiKeyHelper?.source.scope).toBe('user');
    const managed = await resolve({ managedFile: artifactText(c.value, 'managed-settings', 'linux') });
    expect(managed.credential.source?.scope).toBe('managed');
  });

  it('managed values beat a stale shell: the generated managed file wins over shell exports', async () => {
    const c = allCases().find((x) => x.name === 'gateway, auth-token, custom headers');
    if (!c) throw new Error('fixture missing');
    const config = await resolve({
      managedFile: artifactText(c.value, 'managed-settings', 'linux'),
      env: { ANTHROPIC_BASE_URL: 'https://stale.example.com', ANTHROPIC_AUTH_TOKEN: 'stale' },
    });
    expect(config.baseUrl?.value).toBe(c.expected.baseUrl?.value);
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.value).toBe('tok-bearer');
  });
});

describe('round trip through the shell: bash sources the exports, the result is the shell env', () => {
  const present = hasCommand('bash');
  let tmp = '';
  beforeAll(() => {
    tmp = makeTmp('cgc-rt-');
  });
  afterAll(() => {
    removeTmp(tmp);
  });

  const label = present ? '' : ' (skipped: bash is not installed)';
  it.skipIf(!present).each(allCases().map((c): [string, GeneratedConfig, Expected] => [c.name, c.value, c.expected]))(
    `%s: stale switches and credentials are unset, and it resolves as intended${label}`,
    async (_name, value, expected) => {
      const stale: Record<string, string> = {
        ANTHROPIC_API_KEY: 'stale-key',
        CLAUDE_CODE_USE_BEDROCK: '1',
        CLAUDE_CODE_USE_VERTEX: '1',
        CLAUDE_CODE_USE_FOUNDRY: '1',
        CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
        CLAUDE_CODE_USE_MANTLE: '1',
        ...(value.provider === 'anthropic' && value.credentialVariable !== undefined ? { ANTHROPIC_AUTH_TOKEN: 'stale-token' } : {}),
        ...(value.settings['apiKeyHelper'] !== undefined ? { ANTHROPIC_AUTH_TOKEN: 'stale-token' } : {}),
      };
      const env = sourceAndDumpEnv('bash', tmp, toShell(value, 'bash'), baseEnv(stale));
      // A settings key has no variable: it travels as --settings beside the shell.
      const settingsOnly = Object.keys(value.settings).length > 0 ? { settingsFlag: JSON.stringify(value.settings) } : {};
      const viaShell = await resolve({ env, ...settingsOnly });
      check(viaShell, expected);
      for (const [n, v] of Object.entries(value.env)) expect(viaShell.env[n]?.source.scope === 'shell' && viaShell.env[n]?.value, n).toBe(v);
      // The same answer as through a settings file.
      const viaFile = await resolve({ user: toSettingsPatch(value).text });
      expect([viaShell.provider, viaShell.baseUrl?.value, viaShell.credential.kind, viaShell.credential.variable, viaShell.customHeaders]).toEqual([
        viaFile.provider,
        viaFile.baseUrl?.value,
        viaFile.credential.kind,
        viaFile.credential.variable,
        viaFile.customHeaders,
      ]);
    },
  );
});
