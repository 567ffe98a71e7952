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
  // Cloud providers: a plain ANTHROPIC_API_KEY still goes as x-api-key on Bedrock and Vertex, an
  // apiKeyHelper as a bearer on Bedrock; Claude Platform on AWS sends ANTHROPIC_AUTH_TOKEN in both
  // headers; before 2.1.257 the bearer goes beside ANTHROPIC_FOUNDRY_API_KEY, and with
  // CLAUDE_CODE_SKIP_FOUNDRY_AUTH it is sent in every version.
  'provider-anthropic-aws-plain-credentials@2.1.236': [
    "x-api-key: binary \"tok-shell-p\", library absent (library credential: provider)",
  ],
  'provider-anthropic-aws-plain-credentials@2.1.332': [
    "x-api-key: binary \"tok-shell-p\", library absent (library credential: provider)",
  ],
  'provider-bedrock-api-key@2.1.236': [
    "x-api-key: binary \"key-shell-b\", library absent (library credential: provider)",
  ],
  'provider-bedrock-api-key@2.1.332': [
    "x-api-key: binary \"key-shell-b\", library absent (library credential: provider)",
  ],
  'provider-bedrock-helper@2.1.236': [
    "authorization: binary \"Bearer helper-bedrock-1\", library absent (library credential: provider)",
  ],
  'provider-bedrock-helper@2.1.332': [
    "authorization: binary \"Bearer helper-bedrock-1\", library absent (library credential: provider)",
  ],
  'provider-foundry-key-and-plain-credentials@2.1.236': [
    "authorization: binary \"Bearer tok-shell-p\", library absent (library credential: provider)",
  ],
  'provider-foundry-skip-auth-plain-credentials@2.1.236': [
    "authorization: binary \"Bearer tok-shell-p\", library absent (library credential: provider)",
  ],
  'provider-foundry-skip-auth-plain-credentials@2.1.332': [
    "authorization: binary \"Bearer tok-shell-p\", library absent (library credential: provider)",
  ],
  'provider-vertex-api-key@2.1.236': [
    "x-api-key: binary \"key-shell-v\", library absent (library credential: provider)",
  ],
  'provider-vertex-api-key@2.1.332': [
    "x-api-key: binary \"key-shell-v\", library absent (library credential: provider)",
  ],
  // Refusals before any request: in every version --settings text that is not JSON is taken for a file name that does not exist;
  // --bare with only CLAUDE_CODE_OAUTH_TOKEN is "Not logged in".
  'bare-oauth-token-only@2.1.236': [
    "started: binary refused to start (exit 1: Not logged in · Please run /login), library predicts it starts",
  ],
  'bare-oauth-token-only@2.1.332': [
    "started: binary refused to start (exit 1: Not logged in · Please run /login), library predicts it starts",
  ],
  'settings-flag-inline-unparseable@2.1.236': [
    "started: binary refused to start (exit 1: Error: Settings file not found: { \"env\":), library predicts it starts",
  ],
  'settings-flag-inline-unparseable@2.1.332': [
    "started: binary refused to start (exit 1: Error: Settings file not found: <project>/{ \"env\":), library predicts it starts",
  ],
  // Base URL forms: an empty ANTHROPIC_BASE_URL in settings overrides the shell one and means the
  // default host; with a query string, Claude Code appends /v1/messages inside the query (encoded).
  'base-form-empty-in-user@2.1.236': [
    "started: binary sent no request before the time bound, library predicts a request to the gateway",
  ],
  'base-form-empty-in-user@2.1.332': [
    "started: binary sent no request before the time bound, library predicts a request to the gateway",
  ],
  'base-form-query@2.1.236': [
    "base URL: binary sent POST /query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue (no inference path in it), library /query/v1/messages",
  ],
  'base-form-query@2.1.332': [
    "base URL: binary sent POST /query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue (no inference path in it), library /query/v1/messages",
  ],
  // The session model: aliases are resolved by Claude Code (ANTHROPIC_DEFAULT_<ALIAS>_MODEL, else its
  // own default), and --model is no input of the library.
  'model-alias-env@2.1.236': [
    "model: binary \"claude-sonnet-5\", library \"sonnet\"",
  ],
  'model-alias-env@2.1.332': [
    "model: binary \"claude-sonnet-5-5\", library \"sonnet\"",
  ],
  'model-alias-with-default-var@2.1.236': [
    "model: binary \"claude-sonnet-custom-1\", library \"sonnet\"",
  ],
  'model-alias-with-default-var@2.1.332': [
    "model: binary \"claude-sonnet-custom-1\", library \"sonnet\"",
  ],
  'model-flag-over-env@2.1.236': [
    "model: binary \"claude-haiku-4-5\", library \"claude-sonnet-4-6\"",
  ],
  'model-flag-over-env@2.1.332': [
    "model: binary \"claude-haiku-4-5\", library \"claude-sonnet-4-6\"",
  ],
  'model-opus-alias-setting@2.1.236': [
    "model: binary \"claude-opus-custom-1\", library \"opus\"",
  ],
  'model-opus-alias-setting@2.1.332': [
    "model: binary \"claude-opus-custom-1\", library \"opus\"",
  ],
};

const vectors = loadVectors();
const cases = vectors.flatMap((vector) => Object.keys(vector.recorded).map((version) => ({ vector, version, key: `${vector.id}@${version}` })));

describe('recorded conformance vectors', () => {
  it('has vectors recorded for at least two versions', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
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
