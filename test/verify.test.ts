/**
 * (, "Verifying a gateway"): the verification request on the wire, and how each
 * gateway behaviour is read, against a real HTTP server on 127.0.0.1 that records what it received.
 */
import { lookup } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildVerificationRequest,
  classifyResponse,
  maskRequest,
  resolveEffectiveConfig,
  verifyGateway,
  type EffectiveConfig,
  type VerifyOutcome,
} from '../src/index';
import { classifyFailure } from '../src/core/verify';
import { credentialHeaders } from '../src/core/credential-headers';
import { layout, type LayoutSpec } from '../src/testing';
import {
  closedPort,
  MESSAGE_BODY,
  selfSignedCert,
  send,
  sendJson,
  useGateway,
  startHttpsGateway,
  type Behaviour,
  type FakeGateway,
  type ReceivedRequest,
} from './helpers/gateway-server';
import { errorCode } from './helpers/errors';
import { makeTmp, removeTmp } from './helpers/tmp';

const TOKEN = 'gw-token-VERIFY-0123456789abcdef';
const KEY = 'sk-gw-key-VERIFY-9876543210zyxw';
const HELPER_VALUE = 'helper-value-VERIFY-ABCDEFGH1234';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec }));
}

function tokenConfig(base: string, env: Record<string, string> = {}): Promise<EffectiveConfig> {
  return resolve({ env: { ANTHROPIC_BASE_URL: base, ANTHROPIC_AUTH_TOKEN: TOKEN, ...env } });
}

function keyConfig(base: string, env: Record<string, string> = {}): Promise<EffectiveConfig> {
  return resolve({ env: { ANTHROPIC_BASE_URL: base, ANTHROPIC_API_KEY: KEY, ...env } });
}

function helperConfig(base: string): Promise<EffectiveConfig> {
  return resolve({ user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: base } } });
}

function only(gw: FakeGateway): ReceivedRequest {
  expect(gw.requests).toHaveLength(1);
  return gw.requests[0] as ReceivedRequest;
}

const gw = useGateway((_r, res) => sendJson(res, 200, MESSAGE_BODY));

/** Today's minimal request (`request: 'minimal'`): what the tests of the one-token request use. */
const MINIMAL = { request: 'minimal' } as const;

describe('the verification request on the wire', () => {
  it('auth token → POST {base}/v1/messages, Bearer, anthropic-version, JSON, one-token body → ok', async () => {
    const report = await verifyGateway(await tokenConfig(gw.url), MINIMAL);
    expect(report.outcome).toBe('ok');
    expect(report.status).toBe(200);
    const req = only(gw);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['x-api-key']).toBeUndefined();
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
    expect(body['stream']).toBeUndefined();
  });

  it('a base URL with a trailing slash, or a path prefix, still posts to exactly …/v1/messages', async () => {
    await verifyGateway(await tokenConfig(`${gw.url}/`), MINIMAL);
    await verifyGateway(await tokenConfig(`${gw.url}/litellm/`), MINIMAL);
    expect(gw.requests.map((r) => r.url)).toEqual(['/v1/messages', '/litellm/v1/messages']);
  });

  it('an alias in ANTHROPIC_MODEL is sent as the id Claude Code resolves it to (ANTHROPIC_DEFAULT_*_MODEL), else as the model', async () => {
    const aliased = await resolve({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
      user: { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_MODEL: 'opus', ANTHROPIC_DEFAULT_OPUS_MODEL: 'gw-opus-route' } },
    });
    await verifyGateway(aliased, MINIMAL);
    expect((JSON.parse(only(gw).body) as { model: string }).model).toBe('gw-opus-route');
    gw.requests.length = 0;
    const bare = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_MODEL: 'sonnet[1m]' } } });
    await verifyGateway(bare, MINIMAL);
    expect((JSON.parse(only(gw).body) as { model: string }).model).toBe('claude-sonnet-4-6');
  });

  it('the model is ANTHROPIC_MODEL when set (settings env), the option when given', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN }, user: { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_MODEL: 'gw-sonnet-route' } } });
    await verifyGateway(config, MINIMAL);
    await verifyGateway(config, { model: 'claude-opus-4-8', ...MINIMAL });
    expect(gw.requests.map((r) => (JSON.parse(r.body) as { model: string }).model)).toEqual(['gw-sonnet-route', 'claude-opus-4-8']);
  });

  it('ANTHROPIC_API_KEY → x-api-key only', async () => {
    const report = await verifyGateway(await keyConfig(gw.url), MINIMAL);
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.headers['x-api-key']).toBe(KEY);
    expect(req.headers['authorization']).toBeUndefined();
  });

  it('vector cred-token-and-key-shell: ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY → both headers, each with its own value', async () => {
    const report = await verifyGateway(await tokenConfig(gw.url, { ANTHROPIC_API_KEY: KEY }), MINIMAL);
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['x-api-key']).toBe(KEY);
    expect(JSON.stringify(report)).not.toContain(KEY);
  });

  it('vector cred-helper-user-token-shell: a token and an apiKeyHelper → the token as the bearer, the helper value in x-api-key', async () => {
    const config = await resolve({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN },
      user: { apiKeyHelper: '/usr/local/bin/get-gateway-key', env: { ANTHROPIC_BASE_URL: gw.url } },
    });
    const report = await verifyGateway(config, { helperValue: HELPER_VALUE, ...MINIMAL });
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['x-api-key']).toBe(HELPER_VALUE);
  });

  it('apiKeyHelper → both Authorization: Bearer and x-api-key with the helper value', async () => {
    const report = await verifyGateway(await helperConfig(gw.url), { helperValue: HELPER_VALUE, ...MINIMAL });
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.headers['authorization']).toBe(`Bearer ${HELPER_VALUE}`);
    expect(req.headers['x-api-key']).toBe(HELPER_VALUE);
  });

  it('an apiKeyHelper credential without helperValue → ConfigError INVALID_OPTIONS, nothing sent', async () => {
    const config = await helperConfig(gw.url);
    expect(await errorCode(() => buildVerificationRequest(config))).toBe('INVALID_OPTIONS');
    expect(await errorCode(() => verifyGateway(config, MINIMAL))).toBe('INVALID_OPTIONS');
    expect(gw.requests).toHaveLength(0);
  });

  it('ANTHROPIC_CUSTOM_HEADERS are sent with the credential', async () => {
    const config = await tokenConfig(gw.url, { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: infra\nX-Gateway-Token: gwsecret-CUSTOM-777' });
    await verifyGateway(config, MINIMAL);
    const req = only(gw);
    expect(req.headers['x-team']).toBe('infra');
    expect(req.headers['x-gateway-token']).toBe('gwsecret-CUSTOM-777');
    expect(req.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('Foundry with ANTHROPIC_FOUNDRY_API_KEY → x-api-key to ANTHROPIC_FOUNDRY_BASE_URL/v1/messages', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: `${gw.url}/anthropic`, ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key-0123456789' },
    });
    const report = await verifyGateway(config, MINIMAL);
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.url).toBe('/anthropic/v1/messages');
    expect(req.headers['x-api-key']).toBe('foundry-key-0123456789');
    expect(req.headers['authorization']).toBeUndefined();
  });

  it('Foundry with only ANTHROPIC_FOUNDRY_RESOURCE → the resource URL', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', ANTHROPIC_FOUNDRY_API_KEY: 'foundry-key-0123456789' },
    });
    expect(buildVerificationRequest(config, MINIMAL).url).toBe('https://my-resource.services.ai.azure.com/anthropic/v1/messages');
  });

  it('Claude Platform on AWS → anthropic-workspace-id and the workspace key in x-api-key', async () => {
    const config = await resolve({
      env: {
        CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
        ANTHROPIC_AWS_BASE_URL: gw.url,
        ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01ABCDEFGHIJKLMN',
        ANTHROPIC_AWS_API_KEY: 'aws-ws-key-0123456789',
      },
    });
    const report = await verifyGateway(config, MINIMAL);
    expect(report.outcome).toBe('ok');
    const req = only(gw);
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['anthropic-workspace-id']).toBe('wrkspc_01ABCDEFGHIJKLMN');
    expect(req.headers['x-api-key']).toBe('aws-ws-key-0123456789');
  });

  it('Claude Platform on AWS without a base URL → the regional default', async () => {
    const config = await resolve({
      env: {
        CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
        AWS_REGION: 'eu-west-1',
        ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01X',
        ANTHROPIC_AWS_API_KEY: 'aws-ws-key-0123456789',
      },
    });
    expect(buildVerificationRequest(config, MINIMAL).url).toBe('https://aws-external-anthropic.eu-west-1.api.aws/v1/messages');
  });

  it('Bedrock and Vertex do not speak the Messages format → INVALID_OPTIONS, nothing sent', async () => {
    const bedrock = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', ANTHROPIC_BASE_URL: gw.url } });
    const vertex = await resolve({
      env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'proj', CLOUD_ML_REGION: 'global', ANTHROPIC_BASE_URL: gw.url },
    });
    expect(bedrock.provider).toBe('bedrock');
    expect(vertex.provider).toBe('vertex');
    for (const config of [bedrock, vertex]) {
      expect(await errorCode(() => buildVerificationRequest(config))).toBe('INVALID_OPTIONS');
      expect(await errorCode(() => verifyGateway(config, MINIMAL))).toBe('INVALID_OPTIONS');
    }
    expect(gw.requests).toHaveLength(0);
  });

  const EVENTS = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01S","type":"message","content":[]}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"1"}}\n\n',
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  ];

  it('streaming check: stream true, max_tokens 16, events written one by one → ok', async () => {
    gw.behave((_r, res, later) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' });
      // One event now, the others 40 ms apart: what a gateway that passes streaming through does.
      res.write(EVENTS[0]);
      later(40, () => {
        res.write(EVENTS[1]);
        later(40, () => res.end(EVENTS[2]));
      });
    });
    const report = await verifyGateway(await tokenConfig(gw.url), { stream: true, ...MINIMAL });
    expect(report.outcome).toBe('ok');
    const body = JSON.parse(only(gw).body) as Record<string, unknown>;
    expect(body['stream']).toBe(true);
    expect(body['max_tokens']).toBe(16);
    expect(body['model']).toBe('claude-sonnet-4-6');
  });

  it('streaming check: every event arriving at once after a wait → stream-buffered (a buffering gateway or proxy)', async () => {
    gw.behave((_r, res, later) => later(150, () => send(res, 200, EVENTS.join(''), { 'content-type': 'text/event-stream' })));
    const report = await verifyGateway(await tokenConfig(gw.url), { stream: true, ...MINIMAL });
    expect(report.outcome).toBe('stream-buffered');
    expect(report.message).toContain('3 streamed events arrived at once');
    expect(report.hint).toContain('buffering');
  });

  it('streaming check: a plain JSON message in answer to stream: true → stream-buffered; without stream it is ok', async () => {
    gw.behave((_r, res) => sendJson(res, 200, MESSAGE_BODY));
    expect((await verifyGateway(await tokenConfig(gw.url), { stream: true, ...MINIMAL })).outcome).toBe('stream-buffered');
    expect((await verifyGateway(await tokenConfig(gw.url), MINIMAL)).outcome).toBe('ok');
  });
});

describe('reading what the gateway answered', () => {
  const html = (title: string): string => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
  const cases: [string, Behaviour, VerifyOutcome, number][] = [
    [': the success body → ok', (_r, res) => sendJson(res, 200, MESSAGE_BODY), 'ok', 200],
    [
      ': 404 with a JSON body naming the model → model-unknown (URL and credential work)',
      (_r, res) => sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'model: gw-unknown-model' } }),
      'model-unknown',
      404,
    ],
    [': a plain 404 → not-found', (_r, res) => send(res, 404, 'Not Found', { 'content-type': 'text/plain' }), 'not-found', 404],
    [
      'row 15: 403 with an HTML body → forbidden-waf',
      (_r, res) => send(res, 403, html('403 Forbidden'), { 'content-type': 'text/html' }),
      'forbidden-waf',
      403,
    ],
    [
      ': 403 with a JSON body → forbidden (not a WAF)',
      (_r, res) => sendJson(res, 403, { type: 'error', error: { type: 'permission_error', message: 'not allowed' } }),
      'forbidden',
      403,
    ],
    [
      'row 5: 200 with an HTML body → not-an-api-response',
      (_r, res) => send(res, 200, html('Sign in'), { 'content-type': 'text/html; charset=utf-8' }),
      'not-an-api-response',
      200,
    ],
    ['row 5: 200 with JSON that is not a message → not-an-api-response', (_r, res) => sendJson(res, 200, { status: 'healthy' }), 'not-an-api-response', 200],
    [
      'row 6: 400 naming context_management → upstream-rejects-fields',
      (_r, res) => sendJson(res, 400, { error: { message: 'context_management: Extra inputs are not permitted' } }),
      'upstream-rejects-fields',
      400,
    ],
    [
      'row 7: 400 naming adaptive thinking → upstream-rejects-fields',
      (_r, res) => sendJson(res, 400, { error: { message: "Input tag 'adaptive' found using 'type' does not match any of the expected tags" } }),
      'upstream-rejects-fields',
      400,
    ],
    [': another 400 → bad-request', (_r, res) => sendJson(res, 400, { error: { message: 'messages: field required' } }), 'bad-request', 400],
    [': 429 → rate-limited', (_r, res) => sendJson(res, 429, { error: { type: 'rate_limit_error' } }, { 'retry-after': '1' }), 'rate-limited', 429],
    [': 500 → server-error', (_r, res) => sendJson(res, 500, { error: { type: 'api_error' } }), 'server-error', 500],
    [': 502 with a proxy page → server-error', (_r, res) => send(res, 502, html('502 Bad Gateway'), { 'content-type': 'text/html' }), 'server-error', 502],
  ];

  for (const [name, behaviour, outcome, status] of cases) {
    it(name, async () => {
      gw.behave(behaviour);
      const report = await verifyGateway(await tokenConfig(gw.url));
      expect(report.outcome).toBe(outcome);
      expect(report.status).toBe(status);
      expect(gw.requests).toHaveLength(1);
    });
  }

  it('row 2: 401 for an auth-token config → unauthorized, the hint points to ANTHROPIC_API_KEY', async () => {
    gw.behave((_r, res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    const report = await verifyGateway(await tokenConfig(gw.url));
    expect(report.outcome).toBe('unauthorized');
    expect(report.status).toBe(401);
    expect(report.hint).toContain('ANTHROPIC_API_KEY');
    expect(report.hint).not.toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('row 2: 401 for an api-key config → unauthorized, the hint points to ANTHROPIC_AUTH_TOKEN', async () => {
    gw.behave((_r, res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'missing bearer token' } }));
    const report = await verifyGateway(await keyConfig(gw.url));
    expect(report.outcome).toBe('unauthorized');
    expect(report.hint).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(report.hint).not.toContain('ANTHROPIC_API_KEY');
  });

  for (const status of [301, 307]) {
    it(`a ${status} redirect → redirect, and it is not followed (the server sees one request)`, async () => {
      gw.behave((r, res) => {
        if (r.url === '/v1/messages') send(res, status, '', { location: `${gw.url}/moved/v1/messages` });
        else sendJson(res, 200, MESSAGE_BODY);
      });
      const report = await verifyGateway(await tokenConfig(gw.url), MINIMAL);
      expect(report.outcome).toBe('redirect');
      expect(report.status).toBe(status);
      expect(gw.requests.map((r) => r.url)).toEqual(['/v1/messages']);
    });
  }

  it('an answer slower than timeoutMs → timeout', async () => {
    gw.behave((_r, res, later) => later(300, () => sendJson(res, 200, MESSAGE_BODY)));
    const report = await verifyGateway(await tokenConfig(gw.url), { timeoutMs: 100 });
    expect(report.outcome).toBe('timeout');
    expect(report.status).toBeUndefined();
  });

  it('row 4: a closed port → connection-refused', async () => {
    const port = await closedPort();
    const report = await verifyGateway(await tokenConfig(`http://127.0.0.1:${port}`), { timeoutMs: 5000 });
    expect(report.outcome).toBe('connection-refused');
    expect(report.status).toBeUndefined();
  });

  it('row 4: an unresolvable host → dns-failure', async (ctx) => {
    const code = await new Promise<string | undefined>((done) => lookup('nonexistent.invalid', (e) => done(e?.code)));
    if (code !== 'ENOTFOUND' && code !== 'EAI_AGAIN') {
      console.warn(`skipped: the sandbox resolver answers nonexistent.invalid with ${code ?? 'an address'}`);
      ctx.skip();
    }
    const report = await verifyGateway(await tokenConfig('http://nonexistent.invalid'), { timeoutMs: 5000 });
    expect(report.outcome).toBe('dns-failure');
  });

  describe('row 16: a self-signed HTTPS gateway', () => {
    let dir: string;
    let tlsGw: FakeGateway | undefined;

    beforeAll(async () => {
      dir = makeTmp('cgc-verify-tls-');
      const tls = selfSignedCert(dir);
      if (tls) tlsGw = await startHttpsGateway(tls);
    }, 30_000);

    afterAll(async () => {
      await tlsGw?.close();
      removeTmp(dir);
    });

    it('row 16: an untrusted certificate → tls-untrusted, nothing read', async (ctx) => {
      if (!tlsGw) {
        console.warn('skipped: openssl is not available to make a self-signed certificate');
        ctx.skip();
        return;
      }
      const report = await verifyGateway(await tokenConfig(tlsGw.url), { timeoutMs: 5000 });
      expect(report.outcome).toBe('tls-untrusted');
      expect(report.status).toBeUndefined();
      expect(tlsGw.requests).toHaveLength(0);
    });
  });
});

describe('the report never contains a secret', () => {
  const echo: Behaviour = (r, res) =>
    sendJson(res, 200, {
      echo: { authorization: r.headers['authorization'], 'x-api-key': r.headers['x-api-key'], 'x-proxy-password': r.headers['x-proxy-password'] },
      ...MESSAGE_BODY,
    });

  it('a gateway echoing the Authorization header → the excerpt is scrubbed', async () => {
    gw.behave(echo);
    const report = await verifyGateway(await tokenConfig(gw.url));
    expect(report.outcome).toBe('ok');
    expect(report.bodyExcerpt).toContain('msg_01TestGateway');
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it('a 401 echoing the x-api-key → no key in the report', async () => {
    gw.behave((r, res) => sendJson(res, 401, { error: { message: `invalid x-api-key ${String(r.headers['x-api-key'])}` } }));
    const report = await verifyGateway(await keyConfig(gw.url));
    expect(report.outcome).toBe('unauthorized');
    expect(report.bodyExcerpt).toBeDefined();
    expect(JSON.stringify(report)).not.toContain(KEY);
  });

  it('a helper value echoed back → not in the report', async () => {
    gw.behave(echo);
    const report = await verifyGateway(await helperConfig(gw.url), { helperValue: HELPER_VALUE });
    expect(report.outcome).toBe('ok');
    expect(JSON.stringify(report)).not.toContain(HELPER_VALUE);
  });

  it('a credential-looking custom header echoed back → masked in the request and scrubbed from the excerpt', async () => {
    gw.behave(echo);
    const config = await tokenConfig(gw.url, { ANTHROPIC_CUSTOM_HEADERS: 'X-Proxy-Password: pw-CUSTOM-SECRET-4242\nX-Team: infra' });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(only(gw).headers['x-proxy-password']).toBe('pw-CUSTOM-SECRET-4242');
    expect(report.request.headers['x-team']).toBe('infra');
    expect(JSON.stringify(report)).not.toContain('pw-CUSTOM-SECRET-4242');
  });

  it('a password in the base URL is masked in the request and absent from the message', async () => {
    const config = await tokenConfig(`http://alice:pw-URL-SECRET-31@127.0.0.1:${gw.port}`);
    const real = await verifyGateway(config, { timeoutMs: 5000, ...MINIMAL });
    const timedOut = await verifyGateway(config, { ...MINIMAL, fetch: () => Promise.reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })) });
    expect(timedOut.outcome).toBe('timeout');
    for (const report of [real, timedOut]) {
      expect(report.request.url).toMatch(/^http:\/\/alice:[^@]*@127\.0\.0\.1:\d+\/v1\/messages$/);
      expect(JSON.stringify(report)).not.toContain('pw-URL-SECRET-31');
    }
  });

  it('error outcomes (refused, timeout) carry no credential either', async () => {
    const port = await closedPort();
    const refused = await verifyGateway(await tokenConfig(`http://127.0.0.1:${port}`), { timeoutMs: 5000 });
    gw.behave((_r, res, later) => later(300, () => sendJson(res, 200, MESSAGE_BODY)));
    const slow = await verifyGateway(await keyConfig(gw.url), { timeoutMs: 100 });
    expect([refused.outcome, slow.outcome]).toEqual(['connection-refused', 'timeout']);
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    expect(JSON.stringify(slow)).not.toContain(KEY);
    expect(refused.request.headers['authorization']).toBeDefined();
    expect(slow.request.headers['x-api-key']).toBeDefined();
  });
});

describe('the pure parts', () => {
  it('maskRequest masks authorization, x-api-key and credential-looking custom headers, and nothing else', async () => {
    const config = await resolve({
      user: {
        apiKeyHelper: '/usr/local/bin/get-gateway-key',
        env: {
          ANTHROPIC_BASE_URL: 'https://gw.example.com',
          ANTHROPIC_CUSTOM_HEADERS: 'X-Team: infra\nX-Gateway-Token: gwsecret-CUSTOM-777\nCookie: sid=cookie-SECRET-1',
        },
      },
    });
    const request = buildVerificationRequest(config, { helperValue: HELPER_VALUE, ...MINIMAL });
    const masked = maskRequest(request);
    expect(request.headers['authorization']).toBe(`Bearer ${HELPER_VALUE}`);
    expect(masked.headers['authorization']).toMatch(/^Bearer /);
    for (const secret of [HELPER_VALUE, 'gwsecret-CUSTOM-777', 'cookie-SECRET-1']) expect(JSON.stringify(masked)).not.toContain(secret);
    expect(masked.headers['x-team']).toBe('infra');
    expect(masked.headers['anthropic-version']).toBe('2023-06-01');
    expect(masked.url).toBe('https://gw.example.com/v1/messages');
    expect(masked.body).toBe(request.body);
    expect(Object.keys(masked.headers).sort()).toEqual(Object.keys(request.headers).sort());
  });

  it('credentialHeaders: auth token → authorization only; api key → x-api-key only; helper → both', async () => {
    expect(credentialHeaders(await tokenConfig('https://gw.example.com'))).toEqual({ authorization: `Bearer ${TOKEN}` });
    expect(credentialHeaders(await keyConfig('https://gw.example.com'))).toEqual({ 'x-api-key': KEY });
    expect(credentialHeaders(await helperConfig('https://gw.example.com'), HELPER_VALUE)).toEqual({
      authorization: `Bearer ${HELPER_VALUE}`,
      'x-api-key': HELPER_VALUE,
    });
  });

  it('credentialHeaders fills each header independently (vectors cred-helper-user-key-shell, cred-helper-token-key)', async () => {
    const helper = { apiKeyHelper: '/usr/local/bin/get-gateway-key' };
    const keyAndHelper = await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_API_KEY: KEY }, user: helper });
    expect(credentialHeaders(keyAndHelper, HELPER_VALUE)).toEqual({ authorization: `Bearer ${HELPER_VALUE}`, 'x-api-key': KEY });
    expect(() => credentialHeaders(keyAndHelper)).toThrow(/helperValue/);
    const all = await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_API_KEY: KEY }, user: helper });
    // Both variables set: the helper fills neither header, so no helperValue is needed.
    expect(credentialHeaders(all)).toEqual({ authorization: `Bearer ${TOKEN}`, 'x-api-key': KEY });
  });

  it('classifyResponse reads a 200 JSON error body that mentions "event:" as not an API response', () => {
    expect(classifyResponse(200, 'application/json', '{"type":"error","error":{"message":"unknown event: ping"}}').outcome).toBe('not-an-api-response');
    expect(classifyResponse(200, 'text/event-stream', 'event: message_start\ndata: {}\n\n').outcome).toBe('ok');
    expect(classifyResponse(200, 'application/json', JSON.stringify(MESSAGE_BODY)).outcome).toBe('ok');
  });

  it('row 4 row 16: classifyFailure maps Node error codes to outcomes', () => {
    const outcome = (code?: string, name?: string): VerifyOutcome => classifyFailure(code, name).outcome;
    expect(outcome('ECONNREFUSED')).toBe('connection-refused');
    expect(outcome('ENOTFOUND')).toBe('dns-failure');
    expect(outcome('EAI_AGAIN')).toBe('dns-failure');
    expect(outcome('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('tls-untrusted');
    expect(outcome('SELF_SIGNED_CERT_IN_CHAIN')).toBe('tls-untrusted');
    expect(outcome('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('tls-untrusted');
    expect(outcome(undefined, 'TimeoutError')).toBe('timeout');
    expect(outcome('ECONNRESET')).toBe('network-error');
  });
});
