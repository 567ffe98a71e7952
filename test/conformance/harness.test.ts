/**
 * The conformance harness's own parts, without the binary: the loopback-only rule, the recording
 * gateway (a real server on 127.0.0.1), and the summary a vector keeps of a run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { summarise, compareWithPrediction } from '../../conformance/compare';
import { startGateway, type RecordingGateway } from '../../conformance/gateway';
import type { Prediction } from '../../conformance/predict';
import type { SandboxRun } from '../../conformance/sandbox';
import { loadVectors, matchesId, needsNamespaces, shellEnv, substitute, unsafePathReason, unsafeUrlReason, type Vector } from '../../conformance/vector';

const vector = (layout: Vector['layout']): Vector => ({ id: 'v', description: '', layout, recorded: {} });

describe('vectors point only at the loopback gateway', () => {
  it('accepts {{gateway}} URLs and refuses any other URL or real host', () => {
    expect(
      unsafeUrlReason(vector({ env: { ANTHROPIC_BASE_URL: '{{gateway}}/shell' }, user: { env: { ANTHROPIC_BEDROCK_BASE_URL: '{{gateway}}/bedrock' } } })),
    ).toBeUndefined();
    expect(unsafeUrlReason(vector({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } }))).toMatch(/not the loopback gateway/);
    expect(unsafeUrlReason(vector({ user: { env: { X: 'http://127.0.0.1:9/x' } } }))).toMatch(/not the loopback gateway/);
    expect(unsafeUrlReason(vector({ managedFile: '{"env":{"ANTHROPIC_BASE_URL":"https://api.anthropic.com"}}' }))).toMatch(/not the loopback gateway/);
    expect(unsafeUrlReason(vector({ settingsFlag: { inline: { env: { ANTHROPIC_VERTEX_BASE_URL: 'aiplatform.googleapis.com' } } } }))).toMatch(/real host/);
  });

  it('keeps every path inside the scratch machine', () => {
    expect(
      unsafePathReason(
        vector({ files: { '~/bin/k.sh': '', './.claude/x.json': '' }, cwd: 'sub/dir', dropIns: { '10-a.json': {} }, env: { CLAUDE_CONFIG_DIR: 'cfg' } }),
      ),
    ).toBeUndefined();
    expect(unsafePathReason(vector({ files: { '~/../../etc/passwd': '' } }))).toMatch(/stay below/);
    expect(unsafePathReason(vector({ files: { '/etc/x': '' } }))).toMatch(/must start with/);
    expect(unsafePathReason(vector({ dropIns: { '../managed-settings.json': {} } }))).toMatch(/plain file name/);
    expect(unsafePathReason(vector({ cwd: '../..' }))).toMatch(/relative/);
    expect(unsafePathReason(vector({ env: { CLAUDE_CONFIG_DIR: '/root/.claude' } }))).toMatch(/outside the scratch/);
    expect(unsafePathReason(vector({ env: { CLAUDE_CONFIG_DIR: '../../x' } }))).toMatch(/outside the scratch/);
    expect(unsafePathReason(vector({ env: { HOME: 'x' } }))).toMatch(/sets HOME/);
  });

  it('runs a layout that could reach a real host only in namespaces', () => {
    expect(
      needsNamespaces(vector({ user: { env: { ANTHROPIC_BASE_URL: '{{gateway}}/u' } }, env: { ANTHROPIC_BEDROCK_BASE_URL: '{{gateway}}/b' } })),
    ).toBeUndefined();
    expect(needsNamespaces(vector({ user: { env: { ANTHROPIC_BASE_URL: '' } } }))).toMatch(/sets ANTHROPIC_BASE_URL/);
    expect(needsNamespaces(vector({ env: { ANTHROPIC_BASE_URL: null } }))).toMatch(/removes/);
    expect(needsNamespaces(vector({ project: '{ "env": { "ANTHROPIC_BASE_URL": "" } }' }))).toMatch(/settings text/);
    expect(needsNamespaces(vector({ project: '{ "env": { "ANTHROPIC_BASE_URL": "{{gateway}}/p", } }' }))).toBeUndefined();
    expect(needsNamespaces(vector({ env: { DISABLE_TELEMETRY: '0' } }))).toMatch(/changes DISABLE_TELEMETRY/);
  });

  it('every shipped vector passes both checks', () => {
    for (const v of loadVectors()) expect([v.id, unsafeUrlReason(v) ?? unsafePathReason(v)]).toEqual([v.id, undefined]);
  });

  it('gives the shell a loopback base URL unless the vector sets one, and replaces the placeholder everywhere', () => {
    expect(shellEnv(vector({}))['ANTHROPIC_BASE_URL']).toBe('{{gateway}}/shell');
    expect(shellEnv(vector({ env: { ANTHROPIC_BASE_URL: '{{gateway}}/mine' } }))['ANTHROPIC_BASE_URL']).toBe('{{gateway}}/mine');
    expect(substitute({ a: ['{{gateway}}/x', { b: '{{gateway}}/y' }] }, 'http://127.0.0.1:1')).toEqual({
      a: ['http://127.0.0.1:1/x', { b: 'http://127.0.0.1:1/y' }],
    });
    expect(matchesId('cred-api-key-shell', 'cred-*')).toBe(true);
    expect(matchesId('base-user', 'cred-*')).toBe(false);
  });
});

describe('the recording gateway', () => {
  let gw: RecordingGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('answers Messages as JSON and as SSE, /v1/models, HEAD /api/hello 404, and records each request', async () => {
    gw = await startGateway();
    const post = (stream: boolean): Promise<Response> =>
      fetch(`${gw?.url}/user/v1/messages?beta=true`, {
        method: 'POST',
        headers: { 'x-api-key': 'key-1', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-x', stream, messages: [] }),
      });
    const plain = await post(false);
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { model: string }).model).toBe('claude-x');
    const sse = await post(true);
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const events = [...(await sse.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect((await fetch(`${gw.url}/p/v1/models`)).status).toBe(200);
    expect((await fetch(`${gw.url}/p/api/hello`, { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(`${gw.url}/bedrock/model/x/invoke-with-response-stream`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(gw.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /user/v1/messages?beta=true',
      'POST /user/v1/messages?beta=true',
      'GET /p/v1/models',
      'HEAD /p/api/hello',
      'POST /bedrock/model/x/invoke-with-response-stream',
    ]);
    expect(gw.requests[0]?.headers['x-api-key']).toBe('key-1');
  });
});

describe('what a vector keeps of a run, and the comparison', () => {
  const run = (over: Partial<SandboxRun>): SandboxRun => ({
    mode: 'namespaces',
    exitCode: 0,
    signal: null,
    timedOut: false,
    stdout: '',
    stderr: '',
    requests: [],
    durationMs: 1,
    scratch: '/tmp/s',
    gatewayUrl: 'http://127.0.0.1:47800',
    homeFiles: [],
    ...over,
  });
  const prediction: Prediction = {
    started: true,
    basePath: '/user',
    provider: 'anthropic',
    credentialHeaders: { authorization: 'Bearer tok-1' },
    customHeaders: {},
    notes: [],
    credentialKind: 'auth-token',
    discovery: { enabled: false, reason: 'not-opted-in', headers: ['authorization'] },
  };

  it('drops per-run noise, keeps credential headers, and finds each difference', () => {
    const r = summarise(
      run({
        requests: [
          {
            method: 'POST',
            url: '/project/v1/messages?beta=true',
            headers: {
              host: '127.0.0.1:47800',
              'x-stainless-os': 'Linux',
              'x-claude-code-session-id': 's',
              authorization: 'Bearer tok-1',
              'x-api-key': 'key-1',
              'x-app': 'cli',
            },
            body: '{"model":"m"}',
            at: 0,
          },
        ],
      }),
    );
    expect(r.requests[0]).toEqual({
      method: 'POST',
      path: '/project/v1/messages?beta=true',
      headers: { authorization: 'Bearer tok-1', 'x-api-key': 'key-1', 'x-app': 'cli' },
      model: 'm',
      bodyKeys: ['model'],
    });
    expect(compareWithPrediction(prediction, r)).toEqual([
      'base URL: binary /project, library /user',
      'x-api-key: binary "key-1", library absent (library credential: auth-token)',
    ]);
  });

  it('records a refusal with the scratch paths written as placeholders', () => {
    const r = summarise(run({ exitCode: 1, stderr: '/tmp/s/home/project/.claude/x.json: broken\n' }));
    expect(r).toMatchObject({ started: false, exitCode: 1, refusal: '<project>/.claude/x.json: broken' });
    expect(compareWithPrediction(prediction, r)[0]).toMatch(/^started: binary refused to start \(exit 1: <project>/);
  });
});
