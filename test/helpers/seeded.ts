/**
 * A seeded random source for the tests that choose moments and counts at random (reliability, the
 * foreign writer), so that a failing run can be replayed: the seed comes from TEST_SEED, else is
 * drawn, and failure messages print it (`TEST_SEED=<seed> npx vitest run test/reliability.test.ts`).
 * Operating-system scheduling is not replayed, only the test's own choices.
 */

/** The seed of this run: TEST_SEED when set, else a random one. */
export const TEST_SEED: number = process.env['TEST_SEED'] !== undefined ? Number(process.env['TEST_SEED']) >>> 0 : Math.floor(Math.random() * 2 ** 31);

/** A mulberry32 generator: the same seed gives the same numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
