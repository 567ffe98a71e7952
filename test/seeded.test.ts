/** The tests' seeded random source replays: the same seed gives the same choices. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from './helpers/seeded';

describe('seededRandom', () => {
  it('the same seed gives the same numbers in [0, 1); another seed gives others', () => {
    const take = (seed: number): number[] => {
      const r = seededRandom(seed);
      return Array.from({ length: 1000 }, () => r());
    };
    const a = take(20261204);
    expect(take(20261204)).toEqual(a);
    expect(take(20261205)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    // Spread over the interval, not stuck in a corner.
    expect(a.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(a.filter((x) => x < 0.5).length).toBeLessThan(600);
  });
});
