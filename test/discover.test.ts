/**
 * (, "Verifying a gateway"): model discovery against a real HTTP server on 127.0.0.1:
 * the request exactly, the one credential header, redirects, the 3-second timeout and the filter.
 */
import { describe, expect, it } from 'vitest';
import { discoverModels, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { closedPort, send, sendJson, startGateway, useGateway, type FakeGateway, type ReceivedRequest } from './helpers/gateway-server';
import { errorCode } from './helpers/errors';

const TOKEN = 'gw-token-DISCOVER-0123456789abcdef';
const KEY = 'sk-gw-key-DISCOVER-9876543210zyxw';
const HELPER_VALUE = 'helper-value-DISCOVER-ABCDEFGH1234';

const MODELS = {
  data: [
    { id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' },
    { id: 'anthropic.claude-opus-4-8' },
    { id: 'us.anthropic.claude-haiku-4-5', display_name: 'Haiku via Bedrock route' },
    { id: 'team-Claude-proxy' },
    { id: 'gpt-4o', display_name: 'GPT-4o' },
    { id: 'llama-3-70b' },
  ],
  has_more: false,
};

/** Layouts with discovery switched on, as Claude Code needs before it asks the gateway. */
function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec, env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1', ...spec.env } }));
}

function envConfig(env: Record<string, string>, extra: LayoutSpec = {}): Promise<EffectiveConfig> {
  return resolve({ env, ...extra });
}

function only(gw: FakeGateway): ReceivedRequest {
  expect(gw.requests).toHaveLength(1);
  return gw.requests[0] as ReceivedRequest;
}

function credentialHeaderNames(req: ReceivedRequest): string[] {
  return ['authorization', 'x-api-key'].filter((h) => req.headers[h] !== undefined);
}

const gw = useGateway((_r, res) => sendJson(res, 200, MODELS));

describe('the discovery request', () => {
  it('GET {base}/v1/models?limit=1000 exactly, Bearer when ANTHROPIC_AUTH_TOKEN is set (even beside ANTHROPIC_API_KEY)', async () => {
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY }));
    expect(result.outcome).toBe('ok');
    const req = only(gw);
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/v1/models?limit=1000');
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(credentialHeaderNames(req)).toEqual(['authorization']);
    expect(req.body).toBe('');
  });

  it('a base URL with a trailing slash or a path prefix → …/v1/models?limit=1000', async () => {
    await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: `${gw.url}/`, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: `${gw.url}/proxy/`, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    expect(gw.requests.map((r) => r.url)).toEqual(['/v1/models?limit=1000', '/proxy/v1/models?limit=1000']);
  });

  it('only ANTHROPIC_API_KEY → x-api-key with the key, one header', async () => {
    await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_API_KEY: KEY }));
    const req = only(gw);
    expect(req.headers['x-api-key']).toBe(KEY);
    expect(credentialHeaderNames(req)).toEqual(['x-api-key']);
  });

  it('an apiKeyHelper config, up to 2.1.247 → x-api-key with helperValue only (no Bearer on discovery)', async () => {
    const config = await resolveEffectiveConfig({
      ...layout({
        interactive: false,
        env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' },
        user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: gw.url } },
      }),
      claudeCodeVersion: '2.1.247',
    });
    await discoverModels(config, { helperValue: HELPER_VALUE });
    const req = only(gw);
    expect(req.headers['x-api-key']).toBe(HELPER_VALUE);
    expect(credentialHeaderNames(req)).toEqual(['x-api-key']);
  });

  it('an apiKeyHelper config, from 2.1.248 → the helper value as x-api-key and as a bearer (vector discovery-helper-only)', async () => {
    const config = await resolve({ user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: gw.url } } });
    await discoverModels(config, { helperValue: HELPER_VALUE });
    const req = only(gw);
    expect(req.headers['x-api-key']).toBe(HELPER_VALUE);
    expect(req.headers['authorization']).toBe(`Bearer ${HELPER_VALUE}`);
    expect(credentialHeaderNames(req)).toEqual(['authorization', 'x-api-key']);
  });

  it('an apiKeyHelper config without helperValue → ConfigError INVALID_OPTIONS, nothing sent', async () => {
    const config = await resolve({ user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: gw.url } } });
    expect(await errorCode(() => discoverModels(config))).toBe('INVALID_OPTIONS');
    expect(gw.requests).toHaveLength(0);
  });

  it('a helper outranked by ANTHROPIC_AUTH_TOKEN → Bearer, no helperValue needed', async () => {
    const config = await resolve({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
      user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: gw.url } },
    });
    const result = await discoverModels(config);
    expect(result.outcome).toBe('ok');
    expect(credentialHeaderNames(only(gw))).toEqual(['authorization']);
  });

  it('ANTHROPIC_CUSTOM_HEADERS are sent', async () => {
    await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_CUSTOM_HEADERS: 'X-Team: infra\nX-Route: eu' }));
    const req = only(gw);
    expect(req.headers['x-team']).toBe('infra');
    expect(req.headers['x-route']).toBe('eu');
  });

  it('without ANTHROPIC_BASE_URL → INVALID_OPTIONS', async () => {
    expect(await errorCode(async () => discoverModels(await envConfig({ ANTHROPIC_AUTH_TOKEN: TOKEN })))).toBe('INVALID_OPTIONS');
  });
});

describe('what comes back', () => {
  it('2.1.223+ keeps ids containing claude/anthropic (any case), with display_name', async () => {
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }, { claudeCodeVersion: '2.1.223' }));
    expect(result.outcome).toBe('ok');
    expect(result.status).toBe(200);
    expect(result.models).toEqual([
      { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6' },
      { id: 'anthropic.claude-opus-4-8' },
      { id: 'us.anthropic.claude-haiku-4-5', displayName: 'Haiku via Bedrock route' },
      { id: 'team-Claude-proxy' },
    ]);
    expect(result.listed.map((m) => m.id)).toEqual(MODELS.data.map((m) => m.id));
    expect(result.listed.find((m) => m.id === 'gpt-4o')?.displayName).toBe('GPT-4o');
  });

  it('the picker is bounded by a managed availableModels (aliases match their family, ids exactly or as a version prefix)', async () => {
    const bounded = await discoverModels(
      await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }, { managedFile: { availableModels: ['sonnet', 'anthropic.claude-opus-4'] } }),
    );
    expect(bounded.models.map((m) => m.id)).toEqual(['claude-sonnet-4-6', 'anthropic.claude-opus-4-8']);
    expect(bounded.message).toContain('left out by availableModels');
    // The gateway's own list is still reported whole.
    expect(bounded.listed.map((m) => m.id)).toEqual(MODELS.data.map((m) => m.id));
    const exact = await discoverModels(
      await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }, { user: { availableModels: ['team-claude-proxy'] } }),
    );
    expect(exact.models.map((m) => m.id)).toEqual(['team-Claude-proxy']);
  });

  it('the latest modelled version uses the contains filter too', async () => {
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    expect(result.models.map((m) => m.id)).toContain('us.anthropic.claude-haiku-4-5');
    expect(result.models.map((m) => m.id)).not.toContain('gpt-4o');
  });

  it('before 2.1.223 (2.1.222) ids must start with claude or anthropic', async () => {
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }, { claudeCodeVersion: '2.1.222' }));
    expect(result.outcome).toBe('ok');
    expect(result.models).toEqual([{ id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6' }, { id: 'anthropic.claude-opus-4-8' }]);
    expect(result.listed).toHaveLength(MODELS.data.length);
  });

  for (const status of [301, 302, 307, 308]) {
    it(`a ${status} redirect → redirect, not followed (one request)`, async () => {
      gw.behave((r, res) => {
        if (r.url.startsWith('/v1/models')) send(res, status, '', { location: `${gw.url}/moved/v1/models?limit=1000` });
        else sendJson(res, 200, MODELS);
      });
      const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
      expect(result.outcome).toBe('redirect');
      expect(result.status).toBe(status);
      expect(result.models).toEqual([]);
      expect(gw.requests).toHaveLength(1);
    });
  }

  for (const status of [401, 404, 500]) {
    it(`a ${status} → http-error, no models`, async () => {
      gw.behave((_r, res) => sendJson(res, status, { error: { message: 'no' } }));
      const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
      expect(result.outcome).toBe('http-error');
      expect(result.status).toBe(status);
      expect(result.models).toEqual([]);
    });
  }

  it('a 200 that is not JSON → invalid-response', async () => {
    gw.behave((_r, res) => send(res, 200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' }));
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    expect(result.outcome).toBe('invalid-response');
    expect(result.models).toEqual([]);
  });

  it('JSON without a data array → invalid-response', async () => {
    gw.behave((_r, res) => sendJson(res, 200, { models: ['claude-sonnet-4-6'] }));
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    expect(result.outcome).toBe('invalid-response');
  });

  it('a slow answer past timeoutMs → timeout', async () => {
    gw.behave((_r, res, later) => later(300, () => sendJson(res, 200, MODELS)));
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }), { timeoutMs: 100 });
    expect(result.outcome).toBe('timeout');
    expect(result.models).toEqual([]);
  });

  it('the default timeout is 3 seconds (an answer after 4 s is not waited for)', async () => {
    gw.behave((_r, res, later) => later(4000, () => sendJson(res, 200, MODELS)));
    const started = Date.now();
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    const took = Date.now() - started;
    expect(result.outcome).toBe('timeout');
    expect(took).toBeGreaterThanOrEqual(2900);
    expect(took).toBeLessThan(3900);
  }, 10_000);

  it('row 4: a closed port → connection-refused', async () => {
    const port = await closedPort();
    const result = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    expect(result.outcome).toBe('connection-refused');
  });

  it('a password in the base URL never reaches the message', async () => {
    const config = await envConfig({ ANTHROPIC_BASE_URL: `http://alice:pw-URL-SECRET-32@127.0.0.1:${gw.port}`, ANTHROPIC_AUTH_TOKEN: TOKEN });
    const timedOut = await discoverModels(config, { fetch: () => Promise.reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })) });
    expect(timedOut.outcome).toBe('timeout');
    expect(JSON.stringify(timedOut)).not.toContain('pw-URL-SECRET-32');
  });

  it('no result carries the credential, even when the gateway echoes it', async () => {
    gw.behave((r, res) => sendJson(res, 200, { data: [{ id: 'claude-echo', display_name: 'plain' }], echo: r.headers['authorization'] }));
    const ok = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN }));
    const port = await closedPort();
    const refused = await discoverModels(await envConfig({ ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`, ANTHROPIC_API_KEY: KEY }));
    expect([ok.outcome, refused.outcome]).toEqual(['ok', 'connection-refused']);
    expect(JSON.stringify(ok)).not.toContain(TOKEN);
    expect(JSON.stringify(refused)).not.toContain(KEY);
  });
});

describe('when Claude Code would not ask', () => {
  it('discovery not switched on, or a provider selected: outcome disabled and nothing sent, unless forced', async () => {
    const gw = await startGateway((_r, res) => sendJson(res, 200, { data: [{ id: 'claude-x' }] }));
    try {
      const off = await resolveEffectiveConfig(layout({ interactive: false, env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN } }));
      expect((await discoverModels(off)).outcome).toBe('disabled');
      expect(gw.requests).toHaveLength(0);
      const forced = await discoverModels(off, { force: true });
      expect(forced.outcome).toBe('ok');
      expect(gw.requests).toHaveLength(1);
    } finally {
      await gw.close();
    }
  });
});
