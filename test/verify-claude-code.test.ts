/**
 * The Claude Code verification request on the wire (the default of verifyGateway), against a real
 * HTTP server on 127.0.0.1: what each provider's gateway receives, and how a gateway that refuses
 * Claude Code's anthropic-beta values fails it while the minimal request passes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveEffectiveConfig, verifyGateway, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { recordedRequestVersion } from '../src/core/verify';
import { jsonOut, runCli } from './helpers/cli-io';
import { makeCliWorld, makeRootLayout, type CliWorld } from './helpers/cli-world';
import { MESSAGE_BODY, send, sendJson, useGateway, type ReceivedRequest } from './helpers/gateway-server';

const TOKEN = 'gw-token-CC-0123456789abcdef';
const VERSION = '2.1.332';

function resolve(spec: LayoutSpec, claudeCodeVersion = VERSION): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, claudeCodeVersion, ...spec }));
}

const SSE = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01C","type":"message","role":"assistant","content":[]}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
].join('');

/** A gateway that answers Messages as a stream, and only knows the betas of an allowlist when one is set. */
let allowlist: string[] | undefined;
const gw = useGateway((r, res) => {
  const betas = String(r.headers['anthropic-beta'] ?? '')
    .split(',')
    .filter((b) => b !== '');
  const unknown = allowlist ? betas.find((b) => !(allowlist as string[]).includes(b)) : undefined;
  if (unknown)
    return sendJson(res, 400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: `Unexpected value(s) \`${unknown}\` for the \`anthropic-beta\` header` },
    });
  if (r.url.includes('/inference-profiles')) return sendJson(res, 200, { inferenceProfileSummaries: [] });
  if (r.url.endsWith('/invoke-with-response-stream')) return sendJson(res, 404, { message: 'no event stream here' });
  if (r.url.endsWith('/invoke')) return sendJson(res, 200, MESSAGE_BODY);
  return send(res, 200, SSE, { 'content-type': 'text/event-stream' });
});

function body(r: ReceivedRequest | undefined): Record<string, unknown> {
  return JSON.parse(r?.body ?? '{}') as Record<string, unknown>;
}

describe('the Claude Code request (default) through an Anthropic-format gateway', () => {
  it('POST {base}/v1/messages?beta=true with anthropic-beta, user-agent claude-cli/<version>, x-app: cli and a streaming body → ok', async () => {
    allowlist = undefined;
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: `${gw.url}/llm`, ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(gw.requests).toHaveLength(1);
    const r = gw.requests[0] as ReceivedRequest;
    expect(`${r.method} ${r.url}`).toBe('POST /llm/v1/messages?beta=true');
    expect(r.headers['anthropic-beta']).toContain('claude-code-20250219');
    expect(r.headers['anthropic-version']).toBe('2023-06-01');
    expect(r.headers['user-agent']).toBe(`claude-cli/${VERSION} (external, sdk-cli)`);
    expect(r.headers['x-app']).toBe('cli');
    expect(r.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const b = body(r);
    expect(b['stream']).toBe(true);
    expect(b['model']).toBe(config.model.id);
    expect(Object.keys(b)).toEqual(
      expect.arrayContaining(['model', 'messages', 'system', 'metadata', 'max_tokens', 'thinking', 'context_management', 'output_config', 'stream']),
    );
    expect(report.request.url).toBe(`${gw.url}/llm/v1/messages?beta=true`);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it('a gateway refusing an anthropic-beta it does not know: the Claude Code request fails (beta-refused, with the fix), the minimal request passes', async () => {
    allowlist = ['claude-code-20250219'];
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const cc = await verifyGateway(config);
    expect(cc.outcome).toBe('beta-refused');
    expect(cc.status).toBe(400);
    expect(cc.hint).toContain('CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS');
    expect(cc.hint).toContain('anthropic-beta');
    const minimal = await verifyGateway(config, { request: 'minimal' });
    expect(minimal.outcome).toBe('ok');
    expect(gw.requests.map((r) => r.url)).toEqual(['/v1/messages?beta=true', '/v1/messages']);
    expect(gw.requests[1]?.headers['anthropic-beta']).toBeUndefined();
    allowlist = undefined;
  });

  it('ANTHROPIC_BETAS is added to the list; 401 → unauthorized, 403 → forbidden', async () => {
    allowlist = undefined;
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BETAS: 'my-beta-2026-01-01' } });
    await verifyGateway(config);
    expect(String(gw.requests[0]?.headers['anthropic-beta']).split(',')).toContain('my-beta-2026-01-01');
    gw.behave((_r, res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid token' } }));
    expect((await verifyGateway(config)).outcome).toBe('unauthorized');
    gw.behave((_r, res) => sendJson(res, 403, { type: 'error', error: { type: 'permission_error', message: 'no' } }));
    expect((await verifyGateway(config)).outcome).toBe('forbidden');
  });
});

describe('the Claude Code request per provider, through a gateway with auth skipped', () => {
  it('Bedrock: GET {base}/inference-profiles?type=SYSTEM_DEFINED, then invoke-with-response-stream, a 404 there → invoke (as the binary does) → ok', async () => {
    allowlist = undefined;
    const config = await resolve({
      env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ANTHROPIC_BEDROCK_BASE_URL: `${gw.url}/bedrock`, AWS_REGION: 'us-east-1' },
    });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    const model = `us.anthropic.${config.model.id}`;
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /bedrock/inference-profiles?type=SYSTEM_DEFINED',
      `POST /bedrock/model/${model}/invoke-with-response-stream`,
      `POST /bedrock/model/${model}/invoke`,
    ]);
    const b = body(gw.requests[1]);
    expect(b['anthropic_version']).toBe('bedrock-2023-05-31');
    expect(b['anthropic_beta']).toEqual(['interleaved-thinking-2025-05-14', 'tool-search-tool-2025-10-19', 'thinking-token-count-2026-05-13']);
    expect(b['model']).toBeUndefined();
    expect(gw.requests[1]?.headers['anthropic-beta']).toBe('claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24');
    expect(gw.requests[1]?.headers['authorization']).toBeUndefined();
  });

  it('Bedrock without the skip-auth switch: refused before anything is sent (nothing is signed here)', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: `${gw.url}/bedrock`, AWS_REGION: 'us-east-1' } });
    await expect(verifyGateway(config)).rejects.toThrow(/CLAUDE_CODE_SKIP_BEDROCK_AUTH/);
    expect(gw.requests).toHaveLength(0);
  });

  it('Vertex: POST {base}/projects/<p>/locations/<r>/publishers/anthropic/models/<m>:streamRawPredict, anthropic_version in the body → ok', async () => {
    const config = await resolve({
      env: {
        CLAUDE_CODE_USE_VERTEX: '1',
        CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
        ANTHROPIC_VERTEX_BASE_URL: `${gw.url}/vertex`,
        ANTHROPIC_VERTEX_PROJECT_ID: 'proj-1',
        CLOUD_ML_REGION: 'us-east5',
      },
    });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /vertex/projects/proj-1/locations/us-east5/publishers/anthropic/models/${config.model.id}:streamRawPredict`,
    ]);
    const b = body(gw.requests[0]);
    expect(b['anthropic_version']).toBe('vertex-2023-10-16');
    expect(b['stream']).toBe(true);
    expect(b['model']).toBeUndefined();
  });

  it('Mantle: POST {base}/v1/messages?beta=true with the anthropic.-prefixed model → ok', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_SKIP_MANTLE_AUTH: '1', ANTHROPIC_BEDROCK_MANTLE_BASE_URL: `${gw.url}/mantle`, AWS_REGION: 'us-east-1' },
    });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /mantle/v1/messages?beta=true']);
    expect(body(gw.requests[0])['model']).toBe(`anthropic.${config.model.id}`);
  });

  it('Claude Platform on AWS: POST {base}/v1/messages?beta=true with anthropic-workspace-id → ok', async () => {
    const config = await resolve({
      env: {
        CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
        CLAUDE_CODE_SKIP_ANTHROPIC_AWS_AUTH: '1',
        ANTHROPIC_AWS_BASE_URL: `${gw.url}/aws`,
        ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01TEST',
        AWS_REGION: 'us-east-1',
      },
    });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /aws/v1/messages?beta=true']);
    expect(gw.requests[0]?.headers['anthropic-workspace-id']).toBe('wrkspc_01TEST');
    expect(gw.requests[0]?.headers['anthropic-beta']).toContain('advisor-tool-2026-03-01');
  });

  it('Foundry: POST {base}/v1/messages?beta=true with its own beta list (web-search) → ok', async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: `${gw.url}/foundry`, ANTHROPIC_FOUNDRY_API_KEY: 'key-foundry-CC-1' },
    });
    const report = await verifyGateway(config);
    expect(report.outcome).toBe('ok');
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /foundry/v1/messages?beta=true']);
    expect(gw.requests[0]?.headers['x-api-key']).toBe('key-foundry-CC-1');
    expect(gw.requests[0]?.headers['anthropic-beta']).toContain('web-search-2025-03-05');
  });

  it('each release sends the list first seen at or below it: 2.1.250 as 2.1.236 (context-1m, fallback-credit), 2.1.300 as 2.1.285 (dangerous-tool-use, afk-mode)', async () => {
    for (const version of ['2.1.236', '2.1.250', '2.1.300'])
      await verifyGateway(await resolve({ env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN } }, version));
    const [a, b, c] = gw.requests.map((r) => String(r.headers['anthropic-beta']));
    expect(a).toContain('fallback-credit-2026-06-01');
    expect(b).toBe(a);
    expect(c).toContain('dangerous-tool-use-2026-09-03');
    expect(c).not.toContain('fallback-credit-2026-06-01');
    expect(recordedRequestVersion('2.1.300')).toBe('2.1.285');
    expect(gw.requests[2]?.headers['user-agent']).toBe('claude-cli/2.1.300 (external, sdk-cli)');
  });
});

describe('claude-gateway verify: the Claude Code request by default, --minimal-request for the one-token one', () => {
  let world: CliWorld;
  beforeEach(() => {
    world = makeCliWorld();
    for (const [k, v] of Object.entries(world.env)) vi.stubEnv(k, v);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    world.cleanup();
  });

  it('a gateway refusing an unknown beta: exit 1 with beta-refused and a hint naming --minimal-request; --minimal-request: exit 0', async () => {
    allowlist = ['claude-code-20250219'];
    const l = makeRootLayout({ '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN } } });
    try {
      const text = await runCli(['verify', ...l.where], { env: world.env, cwd: world.cwd });
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/^beta-refused \(HTTP 400\): /);
      expect(text.stdout).toContain('--minimal-request');
      expect(text.stdout).not.toContain("request: 'minimal'");
      expect(text.stdout).toContain('/v1/messages?beta=true');
      const minimal = await runCli(['verify', '--json', '--minimal-request', ...l.where], { env: world.env, cwd: world.cwd });
      expect(minimal.code).toBe(0);
      expect(jsonOut<{ outcome: string; request: { url: string } }>(minimal)).toMatchObject({ outcome: 'ok', request: { url: `${gw.url}/v1/messages` } });
      expect(gw.requests.map((r) => r.url)).toEqual(['/v1/messages?beta=true', '/v1/messages']);
      expect(text.stdout + minimal.stdout).not.toContain(TOKEN);
    } finally {
      allowlist = undefined;
      l.cleanup();
    }
  });
});
