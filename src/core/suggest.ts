/** "Did you mean": the closest of a list of names to what was typed, when it is close enough. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to `input` (case-insensitive), when the edit distance is small for its
 * length (at most a third of it, and at most 3), or when one is a prefix of the other; else undefined.
 * An exact match (any case) is no suggestion.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const typed = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const lower = c.toLowerCase();
    if (lower === typed) return undefined;
    const d = distance(typed, lower);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  return bestDistance <= limit ? best : undefined;
}
