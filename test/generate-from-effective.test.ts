/**
 * configFromEffective: the configuration a machine already has, as generator input, so that it can be
 * printed for VS Code, a shell, CI or the SDK (`claude-gateway generate <format> current`).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { configFromEffective, resolveEffectiveConfig, toShell, toVsCodeSettings, type GeneratedConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

const TOKEN = 'tok-from-effective-0123456789';

async function from(spec: LayoutSpec): Promise<GeneratedConfig> {
  return configFromEffective(await resolveEffectiveConfig(layout(spec)));
}

describe('configFromEffective', () => {
  it('takes the winning value of every variable the settings set, and the apiKeyHelper', async () => {
    const v = await from({
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://managed.example' } },
      user: { env: { ANTHROPIC_BASE_URL: 'https://user.example', ANTHROPIC_MODEL: 'claude-sonnet-4-6', TEAM_TAG: 'x' }, apiKeyHelper: '~/bin/key.sh' },
    });
    expect(v.env).toEqual({ ANTHROPIC_BASE_URL: 'https://managed.example', ANTHROPIC_MODEL: 'claude-sonnet-4-6', TEAM_TAG: 'x' });
    expect(v.settings).toEqual({ apiKeyHelper: '~/bin/key.sh' });
    expect(v.provider).toBe('anthropic');
    expect(v.unset).toEqual([]);
    expect(v.diagnostics).toEqual([]);
  });

  it("keeps the shell's Claude Code variables and leaves the machine's own environment out", async () => {
    const v = await from({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN, CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ca.pem' },
    });
    expect(Object.keys(v.env).sort()).toEqual(['ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_USE_BEDROCK']);
    expect(v.provider).toBe('bedrock');
  });

  it('names the credential variable for renderers that pass secrets by reference, and they mask it', async () => {
    const v = await from({ user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    expect(v.credentialVariable).toBe('ANTHROPIC_AUTH_TOKEN');
    expect(toVsCodeSettings(v, undefined, { redact: true }).text).not.toContain(TOKEN);
    expect(toVsCodeSettings(v).text).toContain(TOKEN);
  });

  it('a shell snippet from it, sourced by bash, recreates the variables', async () => {
    const v = await from({ user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_CUSTOM_HEADERS: "X-Tenant: acme\nX-Quote: it's" } } });
    const out = execFileSync('bash', ['-c', `${toShell(v, 'bash')}\nprintf '%s|' "$ANTHROPIC_BASE_URL" "$ANTHROPIC_CUSTOM_HEADERS"`], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(out).toBe("https://gw.example|X-Tenant: acme\nX-Quote: it's|");
  });

  it('nothing configured: a warning, and nothing to print', async () => {
    const v = await from({});
    expect(v.env).toEqual({});
    expect(v.diagnostics.map((d) => d.code)).toEqual(['generate-nothing-configured']);
  });

  it('a value that waits for workspace trust is not configuration yet; --trusted takes it', async () => {
    const spec: LayoutSpec = { project: { env: { ANTHROPIC_BASE_URL: 'https://project.example' } }, interactive: true, trusted: false };
    expect((await from(spec)).env).toEqual({});
    expect((await from({ ...spec, trusted: true })).env).toEqual({ ANTHROPIC_BASE_URL: 'https://project.example' });
  });
});
