/**
 * The long run of the seeded fuzzer (test/helpers/settings-fuzz.ts): tens of thousands of mutated
 * settings texts through parseSettingsText, resolveEffectiveConfig and planEdit. The seed is random
 * unless FUZZ_SEED is set, and is printed on failure so that the run replays:
 * FUZZ_SEED=<seed> npm run test:stress -- fuzz
 * A failing input is fixed and added to test/adversarial/corpus.
 */
import { describe, expect, it } from 'vitest';
import { describeFailures, loadCorpus, runFuzz } from '../helpers/settings-fuzz';

const CASES = Number(process.env['FUZZ_CASES'] ?? 30_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

describe('seeded fuzzer, long run', () => {
  it(`${CASES} mutated settings texts from seed ${SEED}`, async () => {
    const failures = await runFuzz(SEED, CASES, loadCorpus());
    expect(failures, `replay with FUZZ_SEED=${SEED}\n${describeFailures(failures)}`).toEqual([]);
  });
});
