/**
 * The seeded fuzzer in `npm test`: every corpus file as it is, then a few hundred mutations. A
 * failure prints the seed and the input; replay with FUZZ_SEED=<seed>. The long run is
 * test/stress/fuzz.stress.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { checkParse, checkPlan, checkResolve, describeFailures, loadCorpus, PropertyError, Rng, runFuzz, show } from '../helpers/settings-fuzz';

const corpus = loadCorpus();
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_204);

describe('seeded fuzzer over parseSettingsText, resolveEffectiveConfig and planEdit', () => {
  it('the corpus has the hostile shapes it is meant to have', () => {
    const names = corpus.map((c) => c.name);
    for (const kind of ['deep-10000', 'duplicate', 'bom', 'jsonc', 'proto', 'surrogates', 'nul', 'huge-numbers', 'unicode', 'indent-198']) {
      expect(
        names.some((n) => n.includes(kind)),
        kind,
      ).toBe(true);
    }
  });

  it('every corpus file, unmutated, in every place and under a set and an unset', async () => {
    const problems: string[] = [];
    for (const [i, { name, text }] of corpus.entries()) {
      const run = async (what: string, f: () => unknown): Promise<void> => {
        try {
          await f();
        } catch (error) {
          if (!(error instanceof PropertyError)) throw error;
          problems.push(`${name} (${what}): ${error.message}\n  input: ${show(text)}`);
        }
      };
      await run('parse', () => checkParse(text));
      for (let k = 0; k < 6; k++) await run('resolve', () => checkResolve(new Rng(SEED + i * 31 + k), text));
      await run('set', () => checkPlan(text, [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://fuzz.example.com' }], false));
      await run('set converting', () => checkPlan(text, [{ op: 'set', path: ['permissions', 'deny'], value: ['Bash(rm:*)'] }], true));
      await run('unset', () => checkPlan(text, [{ op: 'unset', path: ['env', 'ANTHROPIC_BASE_URL'] }], false));
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it(`300 mutated inputs from seed ${SEED}`, async () => {
    const failures = await runFuzz(SEED, 300, corpus);
    expect(failures, `replay with FUZZ_SEED=${SEED}\n${describeFailures(failures)}`).toEqual([]);
  });
});
