/**
 * Where a value sits in JSON text that `JSON.parse` has already accepted. jsonc-parser only builds
 * whole-document trees (four times the cost of `JSON.parse` on a large file); this walk jumps over
 * strings with `indexOf` and over values that are not on the path, so that `planEdit` can hand
 * jsonc-parser just the object it edits. It relies on the text being strict JSON: call it only then.
 */

export interface Located {
  offset: number;
  length: number;
  kind: 'object' | 'array' | 'other';
}

function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The index just past the string that starts at `i` (a double quote). */
function skipString(text: string, i: number): number {
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
function skipValue(text: string, i: number): number {
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

/** The value at `path` in strict JSON `text`, or undefined when the path does not exist. */
export function locateValue(text: string, path: readonly (string | number)[]): Located | undefined {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  for (const seg of path) {
    const c = text.charCodeAt(i);
    if (c === 123 && typeof seg === 'string') {
      i = skipWs(text, i + 1);
      let found = -1;
      while (text.charCodeAt(i) === 34) {
        const keyEnd = skipString(text, i);
        // Keys are compared decoded, so escapes in the file cannot hide a match.
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // the colon
        if (key === seg) found = i; // the last duplicate wins, as in JSON.parse
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
      }
      if (found < 0) return undefined;
      i = found;
    } else if (c === 91 && typeof seg === 'number') {
      i = skipWs(text, i + 1);
      let index = 0;
      while (index < seg && text.charCodeAt(i) !== 93) {
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
        index++;
      }
      if (text.charCodeAt(i) === 93) return undefined;
    } else {
      return undefined;
    }
  }
  return { offset: i, length: skipValue(text, i) - i, kind: kindAt(text, i) };
}
