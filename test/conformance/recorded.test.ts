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
  // Credential headers are filled independently: x-api-key carries ANTHROPIC_API_KEY, else the
  // apiKeyHelper output; authorization carries ANTHROPIC_AUTH_TOKEN, else the helper output. The
  // library reports one winner.
  'cred-helper-token-key@2.1.236': [
    "x-api-key: binary \"key-shell-6\", library absent (library credential: auth-token)",
  ],
  'cred-helper-token-key@2.1.332': [
    "x-api-key: binary \"key-shell-6\", library absent (library credential: auth-token)",
  ],
  'cred-helper-user-key-shell@2.1.236': [
    "authorization: binary \"Bearer helper-user-4\", library absent (library credential: api-key)",
  ],
  'cred-helper-user-key-shell@2.1.332': [
    "authorization: binary \"Bearer helper-user-4\", library absent (library credential: api-key)",
  ],
  'cred-helper-user-token-shell@2.1.236': [
    "x-api-key: binary \"helper-user-5\", library absent (library credential: auth-token)",
  ],
  'cred-helper-user-token-shell@2.1.332': [
    "x-api-key: binary \"helper-user-5\", library absent (library credential: auth-token)",
  ],
  'cred-token-and-key-shell@2.1.236': [
    "x-api-key: binary \"key-shell-2\", library absent (library credential: auth-token)",
  ],
  'cred-token-and-key-shell@2.1.332': [
    "x-api-key: binary \"key-shell-2\", library absent (library credential: auth-token)",
  ],
  'cred-token-user-key-shell@2.1.236': [
    "x-api-key: binary \"key-shell-3\", library absent (library credential: auth-token)",
  ],
  'cred-token-user-key-shell@2.1.332': [
    "x-api-key: binary \"key-shell-3\", library absent (library credential: auth-token)",
  ],
  'discovery-helper-and-token@2.1.236': [
    "x-api-key: binary \"helper-disc-1\", library absent (library credential: auth-token)",
  ],
  'discovery-helper-and-token@2.1.332': [
    "x-api-key: binary \"helper-disc-1\", library absent (library credential: auth-token)",
  ],
  'managed-over-settings-flag-credential@2.1.236': [
    "x-api-key: binary \"key-cli-1\", library absent (library credential: auth-token)",
  ],
  'managed-over-settings-flag-credential@2.1.332': [
    "x-api-key: binary \"key-cli-1\", library absent (library credential: auth-token)",
  ],
  // A failing, empty or several-line apiKeyHelper still fills the headers it would fill (with an
  // empty value); surrounding whitespace is trimmed before the check. The library sends nothing.
  'helper-fails@2.1.236': [
    "x-api-key: binary \"\", library absent (library credential: auth-token)",
  ],
  'helper-fails@2.1.332': [
    "x-api-key: binary \"\", library absent (library credential: auth-token)",
  ],
  'helper-output-empty@2.1.236': [
    "authorization: binary \"Bearer\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"\", library absent (library credential: api-key-helper)",
  ],
  'helper-output-empty@2.1.332': [
    "authorization: binary \"Bearer\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"\", library absent (library credential: api-key-helper)",
  ],
  'helper-output-padded@2.1.236': [
    "authorization: binary \"Bearer helper-pad-1\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"helper-pad-1\", library absent (library credential: api-key-helper)",
  ],
  'helper-output-padded@2.1.332': [
    "authorization: binary \"Bearer helper-pad-1\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"helper-pad-1\", library absent (library credential: api-key-helper)",
  ],
  'helper-output-two-lines@2.1.236': [
    "authorization: binary \"Bearer\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"\", library absent (library credential: api-key-helper)",
  ],
  'helper-output-two-lines@2.1.332': [
    "authorization: binary \"Bearer\", library absent (library credential: api-key-helper)",
    "x-api-key: binary \"\", library absent (library credential: api-key-helper)",
  ],
  // Cloud providers with auth skipped still send a plain ANTHROPIC_API_KEY (x-api-key); "yes"
  // switches a provider on.
  'provider-bedrock-api-key@2.1.236': [
    "x-api-key: binary \"key-shell-b\", library absent (library credential: provider)",
  ],
  'provider-bedrock-api-key@2.1.332': [
    "x-api-key: binary \"key-shell-b\", library absent (library credential: provider)",
  ],
  'provider-bedrock-switch-yes@2.1.236': [
    "base URL: binary /bedrock, library /shell",
  ],
  'provider-bedrock-switch-yes@2.1.332': [
    "base URL: binary /bedrock, library /shell",
  ],
  'provider-vertex-api-key@2.1.236': [
    "x-api-key: binary \"key-shell-v\", library absent (library credential: provider)",
  ],
  'provider-vertex-api-key@2.1.332': [
    "x-api-key: binary \"key-shell-v\", library absent (library credential: provider)",
  ],
  // From 2.1.259 an unparseable managed file or drop-in stops Claude Code before any request.
  'managed-dropin-unparseable@2.1.332': [
    "started: binary refused to start (exit 1: /etc/claude-code/managed-settings.d/20-broken.json: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.), library predicts it starts",
  ],
  'managed-unparseable@2.1.332': [
    "started: binary refused to start (exit 1: /etc/claude-code/managed-settings.json: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.), library predicts it starts",
  ],
  // 2.1.332 (not 2.1.236) queries /v1/models although nonessential traffic is disabled.
  'discovery-enabled-nonessential-off@2.1.332': [
    "model discovery: binary sent GET /shell/v1/models?limit=1000, library predicts none (nonessential-traffic-disabled)",
  ],
  // The session model: aliases are resolved by Claude Code, and --model is no input of the library.
  'model-alias-env@2.1.236': [
    "model: binary \"claude-sonnet-5\", library \"sonnet\"",
  ],
  'model-alias-env@2.1.332': [
    "model: binary \"claude-sonnet-5-5\", library \"sonnet\"",
  ],
  'model-flag-over-env@2.1.236': [
    "model: binary \"claude-haiku-4-5\", library \"claude-sonnet-4-6\"",
  ],
  'model-flag-over-env@2.1.332': [
    "model: binary \"claude-haiku-4-5\", library \"claude-sonnet-4-6\"",
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
