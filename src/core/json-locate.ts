/**
 * Where a value sits in JSON text that `JSON.parse` has already accepted. jsonc-parser only builds
 * whole-document trees (four times the cost of `JSON.parse` on a large file, and recursive, so a
 * deeply nested file overflows the stack); these walks are iterative, jump over strings with
 * `indexOf` and over values that are not on the path. They rely on the text being strict JSON: call
 * them only then. Where a key appears twice in one object, the last copy is the one found, as in
 * `JSON.parse`.
 */

export interface Located {
  offset: number;
  length: number;
  kind: 'object' | 'array' | 'other';
}

export function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The index just past the string that starts at `i` (a double quote). */
export function skipString(text: string, i: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    // An escaped quote has an odd number of backslashes before it.
    let k = j - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
  }
}

/** The index just past the value that starts at `i`. */
export function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    let j = i;
    for (;;) {
      const d = text.charCodeAt(j);
      if (d === 34) {
        j = skipString(text, j);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
      if (j >= text.length) return text.length;
    }
  }
  // A number or a literal: up to the next delimiter.
  let j = i;
  for (;;) {
    const d = text.charCodeAt(j);
    if (j >= text.length || d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) return j;
    j++;
  }
}

function kindAt(text: string, i: number): Located['kind'] {
  const c = text.charCodeAt(i);
  return c === 123 ? 'object' : c === 91 ? 'array' : 'other';
}

/** A key as `JSON.parse` reads it: escapes decoded, so that an escape cannot hide a match. */
export function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * Whether the key string at `start..end` reads (decoded) as `key`, without building a string when it
 * holds no escape: a large object is walked key by key for the last copy of one.
 */
function keyIs(text: string, start: number, end: number, key: string): boolean {
  const len = end - start - 2;
  if (len === key.length && text.startsWith(key, start + 1) && !key.includes('\\')) return true;
  // Only an escape makes a key longer than what it reads as.
  if (len <= key.length) return false;
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === 92) return decodeKey(text, start, end) === key;
  return false;
}

/** One member of an object: where its name starts and where its value starts. */
export interface Member {
  key: string;
  keyOffset: number;
  valueOffset: number;
}

/** The members of the object at `offset`, in text order (duplicates included). */
export function objectMembers(text: string, offset: number): Member[] {
  const out: Member[] = [];
  let i = skipWs(text, offset + 1);
  while (text.charCodeAt(i) === 34) {
    const keyEnd = skipString(text, i);
    const key = decodeKey(text, i, keyEnd);
    const valueOffset = skipWs(text, skipWs(text, keyEnd) + 1); // past the colon
    out.push({ key, keyOffset: i, valueOffset });
    i = skipWs(text, skipValue(text, valueOffset));
    if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
  }
  return out;
}

/** The offsets of the elements of the array at `offset`. */
export function arrayElements(text: string, offset: number): number[] {
  const out: number[] = [];
  let i = skipWs(text, offset + 1);
  while (i < text.length && text.charCodeAt(i) !== 93) {
    out.push(i);
    i = skipWs(text, skipValue(text, i));
    if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
    else break;
  }
  return out;
}

/** The root value's offset, past a byte-order mark and white space. */
export function rootOffset(text: string): number {
  return skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** What a walk down a path found. */
export interface PathWalk {
  /**
   * `at[k]` is where the value at `path.slice(0, k)` starts, and what it is: `at[0]` the root, one more
   * per segment found (lengths are left to {@link located}: each is a walk over the value).
   */
  at: Omit<Located, 'length'>[];
  /** For each segment found in an object, the name offsets of every copy of the key in that object (one, unless duplicated). */
  copies: number[][];
  /** The segment after the last one found does not fit its container (a key into an array, an index into an object or a scalar). */
  mismatch: boolean;
}

/** Walks `path` down strict JSON `text` as far as it exists. */
export function walkPath(text: string, path: readonly (string | number)[]): PathWalk {
  let i = rootOffset(text);
  const at: Omit<Located, 'length'>[] = [{ offset: i, kind: kindAt(text, i) }];
  const copies: number[][] = [];
  for (const seg of path) {
    const c = text.charCodeAt(i);
    if (c === 123 && typeof seg === 'string') {
      i = skipWs(text, i + 1);
      let found = -1;
      const names: number[] = [];
      while (text.charCodeAt(i) === 34) {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const match = keyIs(text, i, keyEnd, seg);
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // the colon
        if (match) {
          found = i; // the last duplicate wins, as in JSON.parse
          names.push(keyStart);
        }
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
      }
      if (found < 0) return { at, copies, mismatch: false };
      i = found;
      copies.push(names);
    } else if (c === 91 && typeof seg === 'number') {
      if (!Number.isInteger(seg) || seg < 0) return { at, copies, mismatch: true };
      i = skipWs(text, i + 1);
      let index = 0;
      while (index < seg && text.charCodeAt(i) !== 93) {
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
        index++;
      }
      if (text.charCodeAt(i) === 93) return { at, copies, mismatch: false };
      copies.push([i]);
    } else {
      return { at, copies, mismatch: true };
    }
    at.push({ offset: i, kind: kindAt(text, i) });
  }
  return { at, copies, mismatch: false };
}

/** The value that starts at `offset`, with its length. */
export function located(text: string, offset: number): Located {
  return { offset, length: skipValue(text, offset) - offset, kind: kindAt(text, offset) };
}

/** The value at `path` in strict JSON `text`, or undefined when the path does not exist. */
export function locateValue(text: string, path: readonly (string | number)[]): Located | undefined {
  const walk = walkPath(text, path);
  const found = walk.at[path.length];
  return found ? located(text, found.offset) : undefined;
}

/**
 * Offsets of the line starts of `text`, for line and column lookups in O(log lines) (a file with
 * thousands of diagnostics would otherwise count lines from the start for each one).
 */
export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** 1-based line and column of `offset`, given the text's {@link lineStarts}. */
export function lineColumnIn(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** A key that appears more than once in one object. */
export interface DuplicateKey {
  /** The path of the object holding the key. */
  path: (string | number)[];
  key: string;
  /** The name offsets of every copy, in text order: the last is the one `JSON.parse` keeps. */
  offsets: number[];
}

/** A place where objects and arrays nest deeper than the limit. */
export interface DepthCrossing {
  /** The path of the first object or array past the limit. */
  path: (string | number)[];
  offset: number;
}

interface Frame {
  keys: Map<string, number[]> | undefined;
  index: number;
}

/**
 * Every duplicated key and every place nested deeper than `limit` (the root object is level 1), in
 * one iterative pass over strict JSON `text`. What lies past the limit is skipped, not searched for
 * duplicates.
 */
export function scanStructure(text: string, limit: number): { duplicates: DuplicateKey[]; crossings: DepthCrossing[] } {
  const duplicates: DuplicateKey[] = [];
  const crossings: DepthCrossing[] = [];
  const path: (string | number)[] = [];
  const frames: Frame[] = [];
  let i = rootOffset(text);
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const c = text.charCodeAt(i);
      if ((c === 123 || c === 91) && frames.length + 1 > limit) {
        crossings.push({ path: [...path], offset: i });
        i = skipValue(text, i);
      } else if (c === 123) {
        frames.push({ keys: new Map(), index: 0 });
        i = skipWs(text, i + 1);
        if (text.charCodeAt(i) !== 125) {
          i = readKey(text, i, frames[frames.length - 1] as Frame, path);
          continue;
        }
        i++;
        frames.pop();
      } else if (c === 91) {
        frames.push({ keys: undefined, index: 0 });
        i = skipWs(text, i + 1);
        if (text.charCodeAt(i) !== 93) {
          path.push(0);
          continue;
        }
        i++;
        frames.pop();
      } else {
        i = skipValue(text, i);
      }
      expectValue = false;
    }
    // After a value: the next member, or the end of the container (and of the values it closes).
    const frame = frames[frames.length - 1];
    if (!frame) break;
    i = skipWs(text, i);
    path.pop();
    if (text.charCodeAt(i) === 44) {
      i = skipWs(text, i + 1);
      if (frame.keys) i = readKey(text, i, frame, path);
      else path.push(++frame.index);
      expectValue = true;
      continue;
    }
    if (i >= text.length) break; // not strict JSON after all: stop rather than loop
    if (frame.keys) {
      for (const [key, offsets] of frame.keys) if (offsets.length > 1) duplicates.push({ path: [...path], key, offsets });
    }
    frames.pop();
    i++;
  }
  return { duplicates, crossings };
}

/** Reads the key at `i` into the frame and the path; returns where its value starts. */
function readKey(text: string, i: number, frame: Frame, path: (string | number)[]): number {
  const keyEnd = skipString(text, i);
  const key = decodeKey(text, i, keyEnd);
  const seen = frame.keys?.get(key);
  if (seen) seen.push(i);
  else frame.keys?.set(key, [i]);
  path.push(key);
  return skipWs(text, skipWs(text, keyEnd) + 1);
}
