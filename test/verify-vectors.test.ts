/**
 * The Claude Code verification request against what the binary really sent (the recorded vectors,
 * no binary needed): for each provider's baseline vector and each recorded version, the request
 * `buildVerificationRequest` builds for the same layout has the same method and path (query
 * included), the same anthropic-version, the same anthropic-beta set, the same user-agent, x-app and
 * credential headers, the same body model and top-level body fields (tools aside) and the preliminary calls the binary made. It fails when
 * the two diverge (a re-recording that changes what Claude Code sends, or a change to the model).
 */
import { describe, expect, it } from 'vitest';
import { predict, PREDICTION_GATEWAY } from '../conformance/predict';
import { loadVectors, type Vector } from '../conformance/vector';
import { buildVerificationRequest, claudeCodeBetas, type VerificationRequest } from '../src/core/verify';

/** The vectors holding each provider's first request with its default model (and no credential quirk). */
const BASELINES = [
  'base-alone-user',
  'provider-bedrock-skip-auth',
  'provider-vertex-skip-auth',
  'provider-mantle-skip-auth',
  'provider-anthropic-aws-skip-auth',
  'provider-foundry-skip-auth-helper',
  'provider-foundry-api-key',
];

const vectors = new Map(loadVectors().map((v) => [v.id, v] as const));

function pathOf(url: string): string {
  return url.slice(PREDICTION_GATEWAY.length);
}

const betaSet = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .filter((b) => b !== '')
    .sort();

const cases = BASELINES.flatMap((id) => {
  const vector = vectors.get(id) as Vector;
  return Object.keys(vector?.recorded ?? {}).map((version) => ({ id, version, vector }));
});

describe('the Claude Code verification request is the one the binary sent', () => {
  it('covers every baseline vector on at least two versions', () => {
    for (const id of BASELINES) expect(vectors.get(id), id).toBeDefined();
    expect(new Set(cases.map((c) => c.version)).size).toBeGreaterThanOrEqual(2);
  });

  it.each(cases)('$id@$version', async ({ vector, version }) => {
    const run = vector.recorded[version];
    if (!run) throw new Error('no recording');
    // Every recorded version is checked, also one between the keys of CLAUDE_CODE_REQUESTS (it takes the key at or below it).
    const { config } = await predict(vector, version);
    const helperValue = (run.requests ?? [])
      .map((r) => r.headers['authorization'])
      .find((a) => a?.startsWith('Bearer helper-'))
      ?.slice(7);
    const request = buildVerificationRequest(config, helperValue !== undefined ? { helperValue } : {});
    const requests = run.requests ?? [];
    const inference = requests.find((r) => r.method === 'POST') ?? requests[0];
    if (!inference) throw new Error('no request recorded');
    // The preliminary calls: everything the binary sent before the inference request (the HEAD probe aside).
    const before = requests.slice(0, requests.indexOf(inference)).filter((r) => !(r.method === 'HEAD' && r.path.endsWith('/api/hello')));
    expect((request.preliminary ?? []).map((p) => `${p.method} ${pathOf(p.url)}`)).toEqual(before.map((r) => `${r.method} ${r.path}`));
    expect(`${request.method} ${pathOf(request.url)}`).toBe(`${inference.method} ${inference.path}`);
    const h = inference.headers;
    expect(request.headers['anthropic-version']).toBe(h['anthropic-version']);
    expect(betaSet(request.headers['anthropic-beta'])).toEqual(betaSet(h['anthropic-beta']));
    expect(request.headers['user-agent']).toBe(h['user-agent']);
    expect(request.headers['user-agent']).toBe(`claude-cli/${version} (external, sdk-cli)`);
    expect(request.headers['x-app']).toBe(h['x-app']);
    expect(request.headers['authorization']).toBe(h['authorization']);
    expect(request.headers['x-api-key']).toBe(h['x-api-key']);
    expect(request.headers['anthropic-workspace-id']).toBe(h['anthropic-workspace-id']);
    const body = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
    expect(body['model']).toBe(inference.model);
    // The body's top-level fields, where the recording has them: the same, except tools (left out on purpose).
    if (inference.bodyKeys) expect(Object.keys(body).sort()).toEqual(inference.bodyKeys.filter((k) => k !== 'tools').sort());
    // Bedrock: the 404 fallback is the invoke the binary sent next.
    const next = requests[requests.indexOf(inference) + 1];
    if (request.fallbackOn404) {
      expect(`${request.fallbackOn404.method} ${pathOf(request.fallbackOn404.url)}`).toBe(`${next?.method} ${next?.path}`);
    }
  });

  it('CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS keeps what the binary kept (2.1.236: claude-code, context-1m, interleaved-thinking, mid-conversation-system, effort, fallback-credit) and drops context_management', async () => {
    const vector = vectors.get('base-alone-user') as Vector;
    const { config } = await predict(
      { ...vector, layout: { ...vector.layout, env: { ...vector.layout.env, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1' } } },
      '2.1.236',
    );
    expect(claudeCodeBetas(config).sort()).toEqual(
      [
        'claude-code-20250219',
        'context-1m-2025-08-07',
        'interleaved-thinking-2025-05-14',
        'mid-conversation-system-2026-04-07',
        'effort-2025-11-24',
        'fallback-credit-2026-06-01',
      ].sort(),
    );
    const body = JSON.parse((buildVerificationRequest(config) as VerificationRequest).body ?? '{}') as Record<string, unknown>;
    expect(body['context_management']).toBeUndefined();
    expect(body['thinking']).toEqual({ type: 'adaptive' });
    expect(body['stream']).toBe(true);
  });

  it('CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS on 2.1.332 (probed): Anthropic claude-code, interleaved-thinking, effort; Vertex adds web-search; Bedrock effort in the header and interleaved-thinking in the body', async () => {
    const off = async (id: string): Promise<VerificationRequest> => {
      const vector = vectors.get(id) as Vector;
      const { config } = await predict(
        { ...vector, layout: { ...vector.layout, env: { ...vector.layout.env, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1' } } },
        '2.1.332',
      );
      return buildVerificationRequest(config);
    };
    expect((await off('base-alone-user')).headers['anthropic-beta']).toBe('claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24');
    expect((await off('provider-vertex-skip-auth')).headers['anthropic-beta']).toBe(
      'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,effort-2025-11-24',
    );
    const bedrock = await off('provider-bedrock-skip-auth');
    expect(bedrock.headers['anthropic-beta']).toBe('claude-code-20250219,effort-2025-11-24');
    expect((JSON.parse(bedrock.body ?? '{}') as { anthropic_beta?: string[] }).anthropic_beta).toEqual(['interleaved-thinking-2025-05-14']);
  });
});
