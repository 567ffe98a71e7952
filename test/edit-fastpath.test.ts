import { applyEdits, modify } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { planEdit, detectStyle, type EditOp } from '../src/core/edit';
import { locateValue } from '../src/core/json-locate';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['env', 'permissions', 'allow', 'deny', 'a', 'b', 'key "q"', 'k\\e', 'ünï', 'hooks'];

function randomValue(r: () => number, depth: number): unknown {
  const x = r();
  if (depth > 2 || x < 0.4) return x < 0.1 ? Math.floor(r() * 100) : x < 0.15 ? r() > 0.5 : x < 0.2 ? null : `v "${Math.floor(r() * 1000)}" \\ \u00e9`;
  if (x < 0.7) {
    const o: Record<string, unknown> = {};
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) o[KEYS[Math.floor(r() * KEYS.length)] as string] = randomValue(r, depth + 1);
    return o;
  }
  return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
}

/** The reference: jsonc-parser's modify on the whole text (what planEdit did before the fast path). */
function reference(text: string, op: EditOp): string {
  const style = detectStyle(text);
  const fo = { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol };
  return applyEdits(text, modify(text, op.path, op.op === 'set' ? op.value : undefined, { formattingOptions: fo }));
}

function randomPath(r: () => number, value: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let node = value;
  for (let d = 0; d < 4; d++) {
    if (Array.isArray(node) && node.length > 0 && r() < 0.7) {
      const i = Math.floor(r() * node.length);
      path.push(i);
      node = node[i];
    } else if (node && typeof node === 'object' && !Array.isArray(node) && r() < 0.8) {
      const keys = Object.keys(node);
      const k = keys.length > 0 && r() < 0.7 ? (keys[Math.floor(r() * keys.length)] as string) : `new${Math.floor(r() * 10)}`;
      path.push(k);
      node = (node as Record<string, unknown>)[k];
    } else break;
  }
  return path.length > 0 ? path : ['top'];
}

describe('planEdit: editing only the innermost container gives what a whole-document modify gives (speed)', () => {
  it('1,500 random documents, styles and edits: the same text as jsonc-parser on the whole document', () => {
    const r = rng(20261127);
    let compared = 0;
    for (let n = 0; n < 1500; n++) {
      const root: Record<string, unknown> = { env: { A: '1' } };
      for (let i = 0; i < 4; i++) root[KEYS[Math.floor(r() * KEYS.length)] as string] = randomValue(r, 0);
      const indent = [2, 4, '\t'][Math.floor(r() * 3)] as number | string;
      let text = JSON.stringify(root, null, indent);
      if (r() < 0.3) text = text.replace(/\n/g, '\r\n');
      if (r() < 0.5) text += r() < 0.5 ? '\n' : '\r\n';
      const path = randomPath(r, root);
      const op: EditOp = r() < 0.25 ? { op: 'unset', path } : { op: 'set', path, value: randomValue(r, 1) ?? 'x' };
      let expected: string;
      try {
        expected = reference(text, op);
      } catch {
        continue; // a path through a scalar: both refuse
      }
      let got: string;
      try {
        got = planEdit(text, [op]).text;
      } catch {
        // planEdit skips no-op changes and refuses impossible paths; compare only real edits.
        continue;
      }
      if (JSON.stringify(JSON.parse(expected)) === JSON.stringify(JSON.parse(text))) continue;
      expect(got, `seed case ${n}: ${JSON.stringify(op)} on ${JSON.stringify(text)}`).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(800);
  });

  it('locateValue finds values by decoded keys and indexes, and nothing that is not there', () => {
    const text = '{\n  "a\\u0062": [1, {"x": "}\\"]"}, 3],\n  "c": {"d": null}\n}';
    expect(locateValue(text, ['ab', 1, 'x'])).toEqual({ offset: text.indexOf('"}\\"]"'), length: 6, kind: 'other' });
    expect(locateValue(text, ['c'])).toMatchObject({ kind: 'object' });
    expect(text.slice(locateValue(text, ['c'])!.offset).startsWith('{"d": null}')).toBe(true);
    expect(locateValue(text, ['ab', 3])).toBeUndefined();
    expect(locateValue(text, ['zz'])).toBeUndefined();
    expect(locateValue(text, ['c', 0])).toBeUndefined();
  });
});
