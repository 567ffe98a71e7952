/**
 * `claude-gateway-config/conformance` from source (nothing built): the shipped vectors load with
 * their recorded versions, the entry reads a recording as the harness does (same types, same first
 * inference request, same environment), and compareRequest tells a request that agrees from one
 * that does not. The built, packed and installed entry is checked in
 * test/stress/package-conformance.stress.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  compareRequest,
  conformanceDir,
  firstInferenceRequest,
  HARNESS_ENV,
  inferenceBasePath,
  loadConformanceVectors,
  loadKnownDifferences,
  recordedVersions,
  requestedModel,
  runEnvironment,
  sessionRequest,
  substituteGateway,
  type ConformanceVector,
  type RecordedRequest,
} from '../../src/conformance/index';
import { LATEST_MODELLED_VERSION } from '../../src/core/versions';
import { inferenceRequest, recordedBasePath } from '../../conformance/compare';
import { loadExpectedDifferences } from '../../conformance/expected';
import { HARNESS_ENV as HARNESS_ENV_OF_HARNESS, loadVectors, shellEnv, type Vector } from '../../conformance/vector';

// The published types and the harness's are the same shapes: either assignment fails to typecheck
// (npx tsc --noEmit) when one side gains, loses or changes a field.
const toPublic = (v: Vector): ConformanceVector => v;
const toHarness = (v: ConformanceVector): Vector => v;

const vectors = loadConformanceVectors();

describe('loadConformanceVectors', () => {
  it('returns every shipped vector, sorted, each with what the binary did per recorded version', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    expect(vectors.map((v) => v.id)).toEqual([...vectors.map((v) => v.id)].sort());
    expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length);
    for (const v of vectors) {
      expect(Object.keys(v.recorded).length, v.id).toBeGreaterThan(0);
      for (const [version, run] of Object.entries(v.recorded)) {
        expect(version, v.id).toMatch(/^\d+\.\d+\.\d+$/);
        expect(typeof run.started, `${v.id}@${version}`).toBe('boolean');
        expect(Array.isArray(run.requests), `${v.id}@${version}`).toBe(true);
      }
    }
    const versions = recordedVersions(vectors);
    expect(versions).toContain('2.1.236');
    expect(versions).toContain(LATEST_MODELLED_VERSION);
    expect(versions.at(-1)).toBe(LATEST_MODELLED_VERSION);
    // Most vectors hold both ends of the verified range.
    expect(vectors.filter((v) => '2.1.236' in v.recorded && LATEST_MODELLED_VERSION in v.recorded).length).toBeGreaterThanOrEqual(150);
  });

  it('reads the same files as the harness, into the same data', () => {
    expect(conformanceDir()).toMatch(/[\\/]conformance$/);
    const byId = new Map(loadVectors().map((v) => [v.id, toPublic(v)]));
    expect(vectors.length).toBe(byId.size);
    for (const v of vectors) expect(toHarness(v), v.id).toEqual(byId.get(v.id));
  });

  it('returns fresh objects on every call', () => {
    const again = loadConformanceVectors();
    const first = again[0] as ConformanceVector;
    first.description = 'changed';
    expect(loadConformanceVectors()[0]?.description).not.toBe('changed');
  });
});

describe('reading a recording as the harness does', () => {
  it('the first inference request and its base path, for every vector and version', () => {
    let sent = 0;
    for (const v of vectors) {
      for (const run of Object.values(v.recorded)) {
        const mine = firstInferenceRequest(run);
        expect(mine, v.id).toEqual(inferenceRequest(run));
        if (mine === undefined) continue;
        sent++;
        expect(inferenceBasePath(mine), v.id).toBe(recordedBasePath(mine));
      }
    }
    expect(sent).toBeGreaterThan(200);
  });

  it('the run environment, for every vector', () => {
    expect(HARNESS_ENV).toEqual(HARNESS_ENV_OF_HARNESS);
    for (const v of vectors) expect(runEnvironment(v), v.id).toEqual(shellEnv(v as Vector));
  });

  it('substituteGateway replaces the placeholder everywhere and leaves the vector as it was', () => {
    const v = vectors.find((x) => JSON.stringify(x.layout).includes('{{gateway}}/user')) as ConformanceVector;
    const before = JSON.stringify(v.layout);
    const laid = substituteGateway(v.layout, 'http://127.0.0.1:9');
    expect(JSON.stringify(laid)).toContain('http://127.0.0.1:9/user');
    expect(JSON.stringify(laid)).not.toContain('{{gateway}}');
    expect(JSON.stringify(v.layout)).toBe(before);
  });
});

describe('loadKnownDifferences', () => {
  it('is conformance/expected-differences.json, cell by cell', () => {
    const known = loadKnownDifferences();
    const harness = loadExpectedDifferences();
    expect(known.length).toBe(harness.size);
    for (const k of known) {
      expect(harness.get(`${k.vector}@${k.version}`), `${k.vector}@${k.version}`).toEqual({
        reason: k.reason,
        differences: k.differences,
        ...(k.unstable === true ? { unstable: true } : {}),
      });
      expect(
        vectors.some((v) => v.id === k.vector && k.version in v.recorded),
        `${k.vector}@${k.version} is a recorded cell`,
      ).toBe(true);
    }
  });
});

describe('compareRequest', () => {
  const both = vectors.find((v) => v.id === 'cred-token-and-key-shell') as ConformanceVector;
  const expected = firstInferenceRequest(both.recorded[LATEST_MODELLED_VERSION] as ConformanceVector['recorded'][string]) as RecordedRequest;
  const gateway = 'http://127.0.0.1:4321';
  // What a gateway on 127.0.0.1:4321 received: header names in any case, noise and Claude Code's own headers different.
  const received = (): RecordedRequest => {
    const headers: Record<string, string> = { Host: '127.0.0.1:4321', 'Content-Length': '12', 'User-Agent': 'other-tool/1.0' };
    for (const [h, value] of Object.entries(expected.headers)) if (h !== 'user-agent') headers[h.toUpperCase()] = value;
    return { method: 'post', path: expected.path, headers, ...(expected.model !== undefined ? { model: expected.model } : {}) };
  };

  it('agrees with the recording itself, and with the same request in other spellings', () => {
    expect(expected.headers['authorization']).toBeDefined();
    expect(expected.headers['x-api-key']).toBeDefined();
    expect(compareRequest(expected, expected)).toEqual([]);
    expect(compareRequest(expected, expected, { scope: 'all' })).toEqual([]);
    expect(compareRequest(expected, received(), { gatewayUrl: gateway })).toEqual([]);
    // Claude Code's own headers count only with scope 'all'.
    expect(compareRequest(expected, received(), { scope: 'all' })).toEqual([
      `header user-agent: expected ${JSON.stringify(expected.headers['user-agent'])}, actual "other-tool/1.0"`,
    ]);
  });

  it('names each difference: a missing credential header, another base URL, an extra header, the model', () => {
    const wrong = received();
    delete wrong.headers['X-API-KEY'];
    wrong.path = expected.path.replace(/^\/[^/]+/, '/user');
    wrong.headers['X-Tenant'] = `${gateway}/t`;
    wrong.model = 'not-the-model';
    expect(compareRequest(expected, wrong, { gatewayUrl: gateway })).toEqual([
      `base URL: expected ${inferenceBasePath(expected)}, actual /user`,
      `x-api-key: expected ${JSON.stringify(expected.headers['x-api-key'])}, actual absent`,
      'header x-tenant: expected absent, actual "{{gateway}}/t"',
      `model: expected ${JSON.stringify(expected.model)}, actual "not-the-model"`,
    ]);
  });
});

describe('the model a provider request asks for', () => {
  const vector = (id: string): ConformanceVector => vectors.find((v) => v.id === id) as ConformanceVector;

  it("sessionRequest skips Bedrock's per-family access checks; requestedModel reads the path (an ARN's / decoded)", () => {
    const probes = vector('provider-bedrock-bearer-and-plain').recorded['2.1.332'] as ConformanceVector['recorded'][string];
    expect(firstInferenceRequest(probes)?.path).toMatch(/claude-sonnet-4-5-20250929-v1:0\/invoke$/);
    expect(sessionRequest(probes)?.path).toMatch(/\/invoke-with-response-stream$/);
    expect(requestedModel(sessionRequest(probes))).toBe('us.anthropic.claude-opus-5-5');
    const arn = vector('provider-model-bedrock-explicit-arn').recorded['2.1.332'] as ConformanceVector['recorded'][string];
    expect(requestedModel(sessionRequest(arn))).toBe('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123');
    const vertex = vector('provider-model-vertex-alias-haiku').recorded['2.1.332'] as ConformanceVector['recorded'][string];
    expect(requestedModel(sessionRequest(vertex))).toBe('claude-haiku-4-5@20251001');
    expect(requestedModel({ path: '/v1/messages?beta=true', model: 'claude-opus-5-5' })).toBe('claude-opus-5-5');
  });

  it("compareRequest compares Bedrock's model in the path", () => {
    const run = vector('provider-model-bedrock-region-eu').recorded['2.1.332'] as ConformanceVector['recorded'][string];
    const expected = sessionRequest(run) as RecordedRequest;
    expect(compareRequest(expected, expected)).toEqual([]);
    const other = { ...expected, path: expected.path.replace('eu.anthropic', 'us.anthropic') };
    expect(compareRequest(expected, other)).toEqual(['model: expected "eu.anthropic.claude-opus-5-5", actual "us.anthropic.claude-opus-5-5"']);
  });
});
