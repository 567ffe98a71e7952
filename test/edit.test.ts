import { describe, expect, it } from 'vitest';
import { planEdit, toStrictJson, detectStyle, type EditOp } from '../src/core/edit';

/** The invariants every plan keeps: strict JSON out, the value edited as asked, the rest as it was. */
function checkPlan(before: string | undefined, ops: EditOp[], opts: { convertJsonc?: boolean } = {}): string {
  const { text } = planEdit(before, ops, opts);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const value = JSON.parse(body) as Record<string, unknown>;
  const expected =
    before === undefined || before.trim() === ''
      ? {}
      : (JSON.parse(opts.convertJsonc ? toStrictJson(before.replace(/^\uFEFF/, '')) : before.replace(/^\uFEFF/, '')) as Record<string, unknown>);
  for (const op of ops) {
    let parent: Record<string, unknown> = expected;
    for (const seg of op.path.slice(0, -1)) {
      const next = parent[seg as string];
      parent = (next && typeof next === 'object' ? next : (parent[seg as string] = {})) as Record<string, unknown>;
    }
    const last = op.path.at(-1) as string;
    if (op.op === 'set') parent[last] = op.value;
    else delete parent[last];
  }
  expect(value).toEqual(expected);
  return text;
}

const SET = (path: (string | number)[], value: unknown): EditOp => ({ op: 'set', path, value });
const UNSET = (path: (string | number)[]): EditOp => ({ op: 'unset', path });

describe('planEdit: minimal-diff strict JSON', () => {
  it('adds a variable into an existing env block, keeping every other byte', () => {
    const before = '{\n  "model": "sonnet",\n  "env": {\n    "A": "1"\n  },\n  "permissions": { "allow": ["Bash(ls)"] }\n}\n';
    const after = checkPlan(before, [SET(['env', 'ANTHROPIC_BASE_URL'], 'https://gw.example')]);
    expect(after).toBe(
      '{\n  "model": "sonnet",\n  "env": {\n    "A": "1",\n    "ANTHROPIC_BASE_URL": "https://gw.example"\n  },\n  "permissions": { "allow": ["Bash(ls)"] }\n}\n',
    );
  });

  it('keeps tab indentation, CRLF line endings and the absence of a final newline', () => {
    const before = '{\r\n\t"env": {\r\n\t\t"A": "1"\r\n\t}\r\n}';
    const after = checkPlan(before, [SET(['env', 'B'], '2')]);
    expect(after).toBe('{\r\n\t"env": {\r\n\t\t"A": "1",\r\n\t\t"B": "2"\r\n\t}\r\n}');
  });

  it('follows a 4-space indentation for a new nested object', () => {
    const after = checkPlan('{\n    "model": "x"\n}\n', [SET(['env', 'A'], '1')]);
    expect(after).toBe('{\n    "model": "x",\n    "env": {\n        "A": "1"\n    }\n}\n');
  });

  it('keeps a UTF-8 byte-order mark', () => {
    const after = checkPlan('\uFEFF{\n  "a": 1\n}\n', [SET(['b'], 2)]);
    expect(after.startsWith('\uFEFF{')).toBe(true);
  });

  it('replaces a value in place', () => {
    const after = checkPlan('{"env": {"A": "old", "B": "keep"}}', [SET(['env', 'A'], 'new')]);
    expect(after).toBe('{"env": {"A": "new", "B": "keep"}}');
  });

  it('unsetting the last key of an object leaves valid JSON', () => {
    const after = checkPlan('{\n  "env": {\n    "A": "1"\n  }\n}\n', [UNSET(['env', 'A'])]);
    expect(JSON.parse(after)).toEqual({ env: {} });
    const top = checkPlan('{\n  "apiKeyHelper": "x"\n}\n', [UNSET(['apiKeyHelper'])]);
    expect(JSON.parse(top)).toEqual({});
  });

  it('creates a new file as 2-space JSON with a final newline', () => {
    expect(planEdit(undefined, [SET(['env', 'A'], '1')]).text).toBe('{\n  "env": {\n    "A": "1"\n  }\n}\n');
    expect(planEdit('', [SET(['apiKeyHelper'], '/bin/k')]).text).toBe('{\n  "apiKeyHelper": "/bin/k"\n}\n');
  });

  it('reports each change with its value before and after; a no-op is not a change', () => {
    const plan = planEdit('{"env": {"A": "1", "B": "2"}}', [SET(['env', 'A'], '9'), SET(['env', 'B'], '2'), UNSET(['env', 'C']), UNSET(['env', 'B'])]);
    expect(plan.changes).toEqual([
      { path: ['env', 'A'], before: '1', after: '9' },
      { path: ['env', 'B'], before: '2' },
    ]);
  });

  it('keeps values that contain every awkward character', () => {
    const v = 'a"b\\c\n\u00e9\u4e16 $HOME `x`';
    const after = checkPlan('{}', [SET(['env', 'X'], v)]);
    expect((JSON.parse(after) as { env: { X: string } }).env.X).toBe(v);
  });

  it('refuses invalid JSON with the line and column, and changes nothing', () => {
    try {
      planEdit('{\n  "a": 1\n  "b": 2\n}', [SET(['c'], 3)], { path: '/x/settings.json' });
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('INVALID_JSON');
      expect((e as Error).message).toContain('/x/settings.json:3:3');
    }
  });

  it('refuses JSONC (comments, trailing commas) unless asked to convert it', () => {
    const jsonc = '{\n  // gateway\n  "env": {\n    "A": "1", /* keep? */\n  },\n}\n';
    expect(() => planEdit(jsonc, [SET(['env', 'B'], '2')])).toThrow(expect.objectContaining({ code: 'JSONC_NOT_ALLOWED' }));
    const plan = planEdit(jsonc, [SET(['env', 'B'], '2')], { convertJsonc: true });
    expect(plan.converted).toBe(true);
    expect(JSON.parse(plan.text)).toEqual({ env: { A: '1', B: '2' } });
    expect(plan.text).not.toContain('//');
  });

  it('converting drops a comment-only line with its comment and keeps every other line as it was', () => {
    const jsonc =
      '{\n  // the gateway\n  "env": {\n    "A": "1", /* inline */\n    /*\n     * block\n     */\n    "B": "2", // trailing\n  },\n\n  "model": "m"\n}\n';
    expect(toStrictJson(jsonc)).toBe('{\n  "env": {\n    "A": "1",\n    "B": "2"\n  },\n\n  "model": "m"\n}\n');
    // CRLF files keep their line ends.
    expect(toStrictJson('{\r\n  // c\r\n  "a": 1,\r\n}\r\n')).toBe('{\r\n  "a": 1\r\n}\r\n');
    // A comment between two tokens still separates them.
    expect(() => JSON.parse(toStrictJson('{"a": 1/* x */2}'))).toThrow();
    const plan = planEdit(jsonc, [SET(['env', 'C'], '3')], { convertJsonc: true });
    expect(plan.text.split('\n').filter((l) => l.trim() === '')).toEqual(['', '']);
  });

  it('a refused JSONC file is named once, with its line and column first', () => {
    try {
      planEdit('{\n  // c\n  "a": 1\n}\n', [SET(['b'], 1)], { path: '/x/settings.json' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^\/x\/settings\.json:2:3: the file has a comment;/);
      expect((e as Error).message.split('/x/settings.json')).toHaveLength(2);
    }
  });

  it('refuses unsafe keys, empty paths and paths through a non-object', () => {
    expect(() => planEdit('{}', [SET(['__proto__', 'x'], 1)])).toThrow(expect.objectContaining({ code: 'INVALID_EDIT' }));
    expect(() => planEdit('{}', [SET([], 1)])).toThrow(expect.objectContaining({ code: 'INVALID_EDIT' }));
    expect(() => planEdit('{"env": "oops"}', [SET(['env', 'A'], '1')])).toThrow(expect.objectContaining({ code: 'INVALID_EDIT' }));
    expect(() => planEdit('[]', [SET(['a'], 1)])).toThrow(expect.objectContaining({ code: 'INVALID_JSON' }));
  });

  it('has nothing to say about an ordinary edit; names a duplicated key it edited past', () => {
    expect(planEdit('{"env": {"A": "1"}}', [SET(['env', 'B'], '2')]).diagnostics).toEqual([]);
    const plan = planEdit('{"env": {"A": "1"}, "env": {"A": "2"}}', [SET(['env', 'A'], '3')]);
    expect(JSON.parse(plan.text)).toEqual({ env: { A: '3' } });
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['write-duplicate-key']);
  });

  it('edits array entries by index', () => {
    const after = checkPlan('{"permissions": {"allow": ["a", "b"]}}', [SET(['permissions', 'allow', 1], 'c')]);
    expect(after).toBe('{"permissions": {"allow": ["a", "c"]}}');
  });
});

describe('detectStyle', () => {
  it('reads indentation, line endings, BOM and final newline', () => {
    expect(detectStyle('{\n    "a": {\n        "b": 1\n    }\n}\n')).toEqual({ eol: '\n', insertSpaces: true, tabSize: 4, bom: false, finalNewline: true });
    expect(detectStyle('\uFEFF{\r\n\t"a": 1\r\n}')).toEqual({ eol: '\r\n', insertSpaces: false, tabSize: 1, bom: true, finalNewline: false });
  });
});

describe('planEdit never changes its inputs', () => {
  it("a later edit below an object set earlier leaves the caller's object alone", () => {
    const env = { A: '1' };
    const ops: EditOp[] = [SET(['env'], env), SET(['env', 'B'], '2')];
    const plan = planEdit('{}', ops);
    expect(JSON.parse(plan.text)).toEqual({ env: { A: '1', B: '2' } });
    expect(env).toEqual({ A: '1' });
    expect(plan.changes.map((c) => c.path)).toEqual([['env'], ['env', 'B']]);
  });
});
