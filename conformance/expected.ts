/**
 * The known differences between the library and the real Claude Code
 * (conformance/expected-differences.json), read by the recorded-vector test and by
 * `npm run conformance`, so both fail on the same thing: a difference that is not listed, or a
 * listed one that has gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './install';

export interface ExpectedDifference {
  /** Why the library still differs: the piece of the model to correct. */
  reason: string;
  /** The differences exactly as compareWithPrediction words them. */
  differences: string[];
  /**
   * The binary itself does not do the same on every run (a race inside it): each listed difference may
   * or may not appear, and nothing else may.
   */
  unstable?: boolean;
}

interface File {
  description: string;
  groups: { reason: string; unstable?: boolean; cells: Record<string, string[]> }[];
}

export const EXPECTED_DIFFERENCES_FILE: string = join(REPO_ROOT, 'conformance', 'expected-differences.json');

/** `<vector id>@<version>` → what is expected to differ there. */
export function loadExpectedDifferences(file: string = EXPECTED_DIFFERENCES_FILE): Map<string, ExpectedDifference> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as File;
  const out = new Map<string, ExpectedDifference>();
  for (const group of data.groups) {
    for (const [key, differences] of Object.entries(group.cells)) {
      if (out.has(key)) throw new Error(`${file}: ${key} is listed twice`);
      out.set(key, { reason: group.reason, differences, ...(group.unstable === true ? { unstable: true } : {}) });
    }
  }
  return out;
}

/**
 * Compares the differences found with the ones listed: `expected` when they are the same set,
 * else what is new and what has gone.
 */
export function checkExpected(
  found: readonly string[],
  listed: readonly string[] | undefined,
  unstable = false,
): { expected: boolean; added: string[]; gone: string[] } {
  const want = new Set(listed ?? []);
  const got = new Set(found);
  const added = [...got].filter((d) => !want.has(d));
  // An unstable cell may show any of its listed differences, or none.
  const gone = unstable ? [] : [...want].filter((d) => !got.has(d));
  return { expected: added.length === 0 && gone.length === 0, added, gone };
}
