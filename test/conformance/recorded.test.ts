/**
 * The library against every vector recorded from the real Claude Code (no binary needed): for
 * each vector and each version it was recorded for, the request the library predicts for the same
 * layout must be the one that arrived. The differences known today are listed in
 * conformance/expected-differences.json, each one a piece of the model still to correct; a new difference fails, and so does a listed one that has
 * gone (remove it from the file).
 */
import { describe, expect, it } from 'vitest';
import { compareWithPrediction } from '../../conformance/compare';
import { predict } from '../../conformance/predict';
import { loadExpectedDifferences } from '../../conformance/expected';
import { loadVectors } from '../../conformance/vector';

const expectedDifferences = loadExpectedDifferences();

const vectors = loadVectors();
const cases = vectors.flatMap((vector) => Object.keys(vector.recorded).map((version) => ({ vector, version, key: `${vector.id}@${version}` })));

describe('recorded conformance vectors', () => {
  it('has vectors recorded for at least two versions', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.version)).size).toBeGreaterThanOrEqual(2);
  });

  it('lists no expected difference for a vector or version that is not recorded', () => {
    const known = new Set(cases.map((c) => c.key));
    expect([...expectedDifferences.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it.each(cases)('$key: the library predicts what the binary sent', async ({ vector, version, key }) => {
    const run = vector.recorded[version];
    if (run === undefined) throw new Error(`no recording for ${key}`);
    const { prediction } = await predict(vector, version);
    const actual = compareWithPrediction(prediction, run).sort();
    const listed = expectedDifferences.get(key);
    // A cell where the binary races: the recording shows one of its outcomes.
    if (listed?.unstable === true) {
      expect(
        actual.filter((d) => !listed.differences.includes(d)),
        'a NEW difference from the binary',
      ).toEqual([]);
      return;
    }
    const expected = [...(listed?.differences ?? [])].sort();
    expect(
      actual,
      actual.length > expected.length ? 'a NEW difference from the binary' : 'a listed difference has gone: remove it from expectedDifferences',
    ).toEqual(expected);
  });
});
