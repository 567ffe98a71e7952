/**
 * The library against every vector recorded from the real Claude Code (no binary needed): for
 * each vector and each version it was recorded for, the request the library predicts for the same
 * layout must be the one that arrived. The differences known today are listed below, each one a
 * piece of the model still to correct; a new difference fails, and so does a listed one that has
 * gone (remove it from the list).
 */
import { describe, expect, it } from 'vitest';
import { compareWithPrediction } from '../../conformance/compare';
import { predict } from '../../conformance/predict';
import { loadVectors } from '../../conformance/vector';

/** `<vector id>@<version>` → the differences the library still has, exactly as compare prints them. */
const expectedDifferences: Record<string, string[]> = {
  // Credential headers are filled independently (x-api-key: ANTHROPIC_API_KEY, else the helper;
  // authorization: ANTHROPIC_AUTH_TOKEN, else the helper); the library reports one winner.
  'cred-token-and-key-shell@2.1.236': ['x-api-key: binary "key-shell-2", library absent (library credential: auth-token)'],
  'cred-token-and-key-shell@2.1.332': ['x-api-key: binary "key-shell-2", library absent (library credential: auth-token)'],
  'cred-token-user-key-shell@2.1.236': ['x-api-key: binary "key-shell-3", library absent (library credential: auth-token)'],
  'cred-token-user-key-shell@2.1.332': ['x-api-key: binary "key-shell-3", library absent (library credential: auth-token)'],
  'cred-helper-user-key-shell@2.1.236': ['authorization: binary "Bearer helper-user-4", library absent (library credential: api-key)'],
  'cred-helper-user-key-shell@2.1.332': ['authorization: binary "Bearer helper-user-4", library absent (library credential: api-key)'],
  'cred-helper-user-token-shell@2.1.236': ['x-api-key: binary "helper-user-5", library absent (library credential: auth-token)'],
  'cred-helper-user-token-shell@2.1.332': ['x-api-key: binary "helper-user-5", library absent (library credential: auth-token)'],
  'cred-helper-token-key@2.1.236': ['x-api-key: binary "key-shell-6", library absent (library credential: auth-token)'],
  'cred-helper-token-key@2.1.332': ['x-api-key: binary "key-shell-6", library absent (library credential: auth-token)'],
  // From 2.1.259 an unparseable managed file or drop-in stops Claude Code before any request.
  'managed-unparseable@2.1.332': [
    'started: binary refused to start (exit 1: /etc/claude-code/managed-settings.json: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.), library predicts it starts',
  ],
  'managed-dropin-unparseable@2.1.332': [
    'started: binary refused to start (exit 1: /etc/claude-code/managed-settings.d/20-broken.json: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.), library predicts it starts',
  ],
};

const vectors = loadVectors();
const cases = vectors.flatMap((vector) => Object.keys(vector.recorded).map((version) => ({ vector, version, key: `${vector.id}@${version}` })));

describe('recorded conformance vectors', () => {
  it('has vectors recorded for at least two versions', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.version)).size).toBeGreaterThanOrEqual(2);
  });

  it('lists no expected difference for a vector or version that is not recorded', () => {
    const known = new Set(cases.map((c) => c.key));
    expect(Object.keys(expectedDifferences).filter((k) => !known.has(k))).toEqual([]);
  });

  it.each(cases)('$key: the library predicts what the binary sent', async ({ vector, version, key }) => {
    const run = vector.recorded[version];
    if (run === undefined) throw new Error(`no recording for ${key}`);
    const { prediction } = await predict(vector, version);
    const actual = compareWithPrediction(prediction, run).sort();
    const expected = [...(expectedDifferences[key] ?? [])].sort();
    expect(actual, actual.length > expected.length ? 'a NEW difference from the binary' : 'a listed difference has gone: remove it from expectedDifferences').toEqual(expected);
  });
});
