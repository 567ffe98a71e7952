/**
 * Whether Claude Code queries the gateway's /v1/models, with which filter and which credential header.
 */
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

const FLAG = 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY';
const GATEWAY = { [FLAG]: '1', ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com' };

describe('model discovery', () => {
  it.each(['linux', 'darwin', 'win32'] as Platform[])('on %s: enabled with the flag and a gateway ANTHROPIC_BASE_URL', async (platform) => {
    const config = await resolve({ platform, env: { ...GATEWAY, ANTHROPIC_AUTH_TOKEN: 'tok' } });
    expect(config.modelDiscovery).toEqual({ enabled: true, reason: 'enabled', filter: 'contains', headers: ['authorization'] });
  });

  it('the flag and the base URL may come from settings files', async () => {
    const config = await resolve({ user: { env: GATEWAY } });
    expect(config.modelDiscovery).toMatchObject({ enabled: true, reason: 'enabled' });
  });

  it.each(['0', 'false', '', 'no'])('flag %j is not an opt-in (not-opted-in)', async (value) => {
    const config = await resolve({ env: { ...GATEWAY, [FLAG]: value } });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'not-opted-in' });
  });

  it('without the flag: not-opted-in', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example' } });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'not-opted-in' });
  });

  it('without ANTHROPIC_BASE_URL (or with it empty): no-base-url', async () => {
    const none = await resolve({ env: { [FLAG]: '1' } });
    expect(none.modelDiscovery).toMatchObject({ enabled: false, reason: 'no-base-url' });
    const empty = await resolve({ env: GATEWAY, user: { env: { ANTHROPIC_BASE_URL: '' } } });
    expect(empty.modelDiscovery).toMatchObject({ enabled: false, reason: 'no-base-url' });
  });

  it.each(['https://api.anthropic.com', 'https://API.Anthropic.com/', 'https://api.anthropic.com:443/v1'])(
    '%s is first party (first-party-host)',
    async (url) => {
      const config = await resolve({ env: { ...GATEWAY, ANTHROPIC_BASE_URL: url } });
      expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'first-party-host' });
    },
  );

  it('a host that only contains api.anthropic.com is a gateway', async () => {
    const config = await resolve({ env: { ...GATEWAY, ANTHROPIC_BASE_URL: 'https://api.anthropic.com.proxy.example' } });
    expect(config.modelDiscovery.enabled).toBe(true);
  });

  it.each(['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_MANTLE'])(
    '%s makes discovery ignore ANTHROPIC_BASE_URL (provider-selected)',
    async (use) => {
      const config = await resolve({ env: { ...GATEWAY, [use]: '1' } });
      expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'provider-selected' });
    },
  );

  it.each(['1', '0', 'false', 'anything'])(
    'up to 2.1.256 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=%j disables discovery (any non-empty value)',
    async (value) => {
      const config = await resolveEffectiveConfig({
        ...layout({ env: { ...GATEWAY, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: value } }),
        claudeCodeVersion: '2.1.256',
      });
      expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'nonessential-traffic-disabled' });
    },
  );

  it.each(['1', '0'])(
    'from 2.1.257 discovery is sent whatever CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=%j says (vectors discovery-enabled-nonessential-off, discovery-nonessential-zero)',
    async (value) => {
      const config = await resolveEffectiveConfig({
        ...layout({ env: { ...GATEWAY, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: value } }),
        claudeCodeVersion: '2.1.257',
      });
      expect(config.modelDiscovery).toMatchObject({ enabled: true, reason: 'enabled' });
    },
  );

  it('CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="" does not disable discovery', async () => {
    const config = await resolve({ env: { ...GATEWAY, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '' } });
    expect(config.modelDiscovery.enabled).toBe(true);
  });

  it.each(['2.1.126', '2.1.127', '2.1.128'])('%s queries automatically, without the flag (automatic)', async (version) => {
    const config = await resolve({ claudeCodeVersion: version, env: { ANTHROPIC_BASE_URL: 'https://gw.example' } });
    expect(config.modelDiscovery).toMatchObject({ enabled: true, reason: 'automatic', filter: 'prefix' });
  });

  it('in the automatic versions the other preconditions still apply', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.127', env: { ANTHROPIC_BASE_URL: 'https://api.anthropic.com' } });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'first-party-host' });
  });

  it('from 2.1.129 the flag is required', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.129', env: { ANTHROPIC_BASE_URL: 'https://gw.example' } });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'not-opted-in' });
    const optedIn = await resolve({ claudeCodeVersion: '2.1.129', env: GATEWAY });
    expect(optedIn.modelDiscovery).toMatchObject({ enabled: true, reason: 'enabled', filter: 'prefix' });
  });

  it('before 2.1.126 there is no discovery (unsupported-version)', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.125', env: GATEWAY });
    expect(config.modelDiscovery).toMatchObject({ enabled: false, reason: 'unsupported-version' });
  });

  it('the id filter is prefix before 2.1.223 and contains from 2.1.223', async () => {
    const old = await resolve({ claudeCodeVersion: '2.1.222', env: GATEWAY });
    expect(old.modelDiscovery.filter).toBe('prefix');
    const current = await resolve({ claudeCodeVersion: '2.1.223', env: GATEWAY });
    expect(current.modelDiscovery.filter).toBe('contains');
  });
});

describe('the one credential header discovery sends', () => {
  it('ANTHROPIC_AUTH_TOKEN set: authorization only, even beside an API key or helper', async () => {
    const config = await resolve({
      interactive: false,
      env: { ...GATEWAY, ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_API_KEY: 'k' },
      user: { apiKeyHelper: '/bin/h' },
    });
    expect(config.modelDiscovery.headers).toEqual(['authorization']);
  });

  it('ANTHROPIC_API_KEY: x-api-key', async () => {
    const config = await resolve({ interactive: false, env: { ...GATEWAY, ANTHROPIC_API_KEY: 'k' } });
    expect(config.modelDiscovery.headers).toEqual(['x-api-key']);
  });

  it('apiKeyHelper: up to 2.1.247 x-api-key only on discovery, while inference sends both headers', async () => {
    const config = await resolveEffectiveConfig({ ...layout({ env: GATEWAY, user: { apiKeyHelper: '/bin/helper' } }), claudeCodeVersion: '2.1.247' });
    expect(config.modelDiscovery.headers).toEqual(['x-api-key']);
    expect(config.credential.headers).toEqual(['authorization', 'x-api-key']);
  });

  it('apiKeyHelper alone: from 2.1.248 discovery sends both headers too (vector discovery-helper-only)', async () => {
    const config = await resolveEffectiveConfig({ ...layout({ env: GATEWAY, user: { apiKeyHelper: '/bin/helper' } }), claudeCodeVersion: '2.1.248' });
    expect(config.modelDiscovery.headers).toEqual(['authorization', 'x-api-key']);
  });

  it('no token, key or helper: no credential header', async () => {
    const config = await resolve({ env: { ...GATEWAY, CLAUDE_CODE_OAUTH_TOKEN: 'o' } });
    expect(config.modelDiscovery.headers).toEqual([]);
  });

  it('an empty ANTHROPIC_AUTH_TOKEN does not count', async () => {
    const config = await resolve({ interactive: false, env: { ...GATEWAY, ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_API_KEY: 'k' } });
    expect(config.modelDiscovery.headers).toEqual(['x-api-key']);
  });
});
