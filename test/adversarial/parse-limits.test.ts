/**
 * Files that bite the parser and the planner: nesting deeper than the library walks, duplicate keys
 * (Claude Code's JSON.parse reads the last copy), and files with thousands of diagnostics (each one
 * located without reading the text from the start again).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveEffectiveConfig, type Diagnostic, type EffectiveConfig } from '../../src/index';
import { planEdit } from '../../src/core/edit';
import { lineColumnIn, lineStarts } from '../../src/core/json-locate';
import { lineColumn, locateJsonPath, MAX_SETTINGS_DEPTH, parseSettingsText, textIndex } from '../../src/core/parse';
import { layout, type LayoutSpec } from '../../src/testing';

const corpus = (name: string): string => readFileSync(join(import.meta.dirname, 'corpus', name), 'utf8');
const resolve = (spec: LayoutSpec): Promise<EffectiveConfig> => resolveEffectiveConfig(layout({ interactive: false, ...spec }));
const withCode = (c: { diagnostics: Diagnostic[] }, code: string): Diagnostic[] => c.diagnostics.filter((d) => d.code === code);
const arrays = (n: number): string => '['.repeat(n) + ']'.repeat(n);

function thrown(f: () => unknown): ConfigError {
  try {
    f();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('nesting deeper than the library walks (settings-too-deep, TOO_DEEP)', () => {
  it('10,000 nested brackets in a project file: no throw, the deep key is left out with its line and column, the rest applies', async () => {
    const text = corpus('deep-10000-arrays.json');
    const config = await resolve({ project: text });
    const [d, ...more] = withCode(config, 'settings-too-deep');
    expect(more).toEqual([]);
    // Line 3 is `  "bomb": [[[…`; the limit is crossed at the 99th bracket (the file's object is level 1).
    expect(d).toMatchObject({
      severity: 'error',
      scope: 'project',
      path: '/home/user/project/.claude/settings.json',
      line: 3,
      column: 11 + MAX_SETTINGS_DEPTH - 1,
    });
    expect(d?.args).toEqual({ file: '/home/user/project/.claude/settings.json', entry: 'bomb', depthLimit: MAX_SETTINGS_DEPTH });
    expect(config.settings['bomb']).toBeUndefined();
    // The file is read, so a repository cannot hide its gateway behind a deep key.
    expect(config.env['ANTHROPIC_BASE_URL']).toMatchObject({ value: 'https://deep.example.com', source: { scope: 'project' } });
    expect(config.sources.find((s) => s.scope === 'project')?.status).toBe('loaded');
  });

  it('the limit: 100 levels are read, 101 are not', () => {
    const at = (n: number): string => `{"a": ${arrays(n - 1)}, "b": 1}`;
    expect(parseSettingsText(at(MAX_SETTINGS_DEPTH))).toEqual({ value: JSON.parse(at(MAX_SETTINGS_DEPTH)) as unknown, warnings: [] });
    const over = parseSettingsText(at(MAX_SETTINGS_DEPTH + 1), '/s.json');
    expect(over.value).toEqual({ b: 1 });
    expect(over.warnings).toEqual([expect.objectContaining({ code: 'settings-too-deep', path: '/s.json', line: 1, column: 7 + MAX_SETTINGS_DEPTH - 1 })]);
    expect(parseSettingsText(corpus('deep-exactly-100.json')).warnings).toEqual([]);
  });

  it('a variable nested too deep is left out on its own; the other variables apply', async () => {
    const config = await resolve({ user: corpus('deep-env-entry-101.json') });
    expect(withCode(config, 'settings-too-deep').map((d) => [d.args?.['entry'], d.line])).toEqual([['env.DEEP', 4]]);
    expect(config.env['KEEP']?.value).toBe('yes');
    expect(config.env['ALSO']?.value).toBe('kept');
    expect(config.env['DEEP']).toBeUndefined();
  });

  it('a deep copy that a later duplicate replaces costs nothing: the live value is kept', async () => {
    const config = await resolve({ user: corpus('deep-dead-duplicate.json') });
    expect(withCode(config, 'settings-too-deep')).toEqual([]);
    expect(withCode(config, 'settings-duplicate-key').map((d) => d.line)).toEqual([2]);
    expect(config.settings['permissions']).toEqual({ deny: ['Bash(rm:*)'] });
  });

  it('broken or JSONC text past the limit is told apart without the recursive parser, and located', () => {
    expect(parseSettingsText(corpus('deep-unclosed-10000.json')).error).toMatchObject({
      code: 'settings-invalid-json',
      line: 1,
      column: 7 + MAX_SETTINGS_DEPTH - 1,
    });
    expect(parseSettingsText(corpus('deep-jsonc-1000.json')).error).toMatchObject({ code: 'settings-jsonc', line: 3 });
    expect(thrown(() => planEdit(corpus('deep-unclosed-10000.json'), [{ op: 'set', path: ['a'], value: 1 }])).code).toBe('INVALID_JSON');
    expect(thrown(() => planEdit(corpus('deep-jsonc-1000.json'), [{ op: 'set', path: ['b'], value: 1 }])).code).toBe('JSONC_NOT_ALLOWED');
    expect(thrown(() => planEdit(corpus('deep-jsonc-1000.json'), [{ op: 'set', path: ['b'], value: 1 }], { convertJsonc: true })).code).toBe('TOO_DEEP');
  });

  it('every source: no throw, and the diagnostic names the source', async () => {
    const deep = `{"env": {"ANTHROPIC_MODEL": "deep-model"}, "x": ${arrays(5000)}}`;
    const object = JSON.parse(deep) as Record<string, unknown>;
    const cases: [string, LayoutSpec][] = [
      ['user', { user: deep }],
      ['local', { git: true, local: deep }],
      ['managed file', { managedFile: deep }],
      ['drop-in', { managedFile: { model: 'm' }, dropIns: { '10-deep.json': deep } }],
      ['--settings inline', { settingsFlag: deep }],
      ['--settings file', { settingsFlag: '/tmp/deep.json', files: { '/tmp/deep.json': deep } }],
      ['HKLM', { platform: 'win32', managed: { hklm: deep } }],
      ['server-managed', { managed: { remote: object } }],
      ['plist', { platform: 'darwin', managed: { plist: object } }],
      ['policy helper', { managedFile: { policyHelper: { path: '/opt/h' } }, managed: { policyHelperOutput: object } }],
    ];
    for (const [name, spec] of cases) {
      const config = await resolve(spec);
      expect(withCode(config, 'settings-too-deep'), name).toHaveLength(1);
      expect(config.settings['x'], name).toBeUndefined();
      expect(config.env['ANTHROPIC_MODEL']?.value, name).toBe('deep-model');
    }
    expect(object['x']).toBeDefined(); // the caller's object is not changed
  });

  it('~/.claude.json nested 100,000 deep is read for what the library uses', async () => {
    const global = `{"projects": {"/home/user/project": {"hasTrustDialogAccepted": true}}, "junk": ${arrays(100_000)}}`;
    const config = await resolveEffectiveConfig(layout({ globalConfig: global, project: { env: { ANTHROPIC_MODEL: 'p' } } }));
    expect(config.trust.trusted).toBe(true);
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('p');
  });

  it('a circular object, or a __proto__ key nesting too deep, from a caller never reshapes a prototype', async () => {
    const circular: Record<string, unknown> = { model: 'circular' };
    circular['self'] = circular;
    const config = await resolve({ managed: { remote: circular } });
    expect(withCode(config, 'settings-too-deep')[0]?.args).toMatchObject({ entry: 'self' });
    expect(config.settings['model']).toBe('circular');
    // Found by the fuzzer: copying {"__proto__": …} with Object.assign set the copy's prototype.
    const hostile = JSON.parse(corpus('proto-deep.json')) as Record<string, unknown>;
    const c2 = await resolve({ platform: 'darwin', managed: { plist: hostile } });
    expect(Object.getPrototypeOf(c2.settings)).toBe(Object.prototype);
    expect(c2.env['A']?.value).toBe('1');
    expect(Object.keys(c2.env).includes('__proto__')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('planEdit refuses a deep file, value or path with TOO_DEEP, naming the file, line and column', () => {
    const e = thrown(() => planEdit(corpus('deep-10000-arrays.json'), [{ op: 'set', path: ['env', 'A'], value: '1' }], { path: '/p/settings.json' }));
    expect(e.code).toBe('TOO_DEEP');
    expect(e.message).toContain(`/p/settings.json:3:${11 + MAX_SETTINGS_DEPTH - 1}`);
    expect(e.message).toContain('nothing was written');
    let value: unknown = 'leaf';
    for (let i = 0; i < MAX_SETTINGS_DEPTH - 2; i++) value = [value];
    // ['env', 'X'] puts the value at level 3: 98 arrays reach 100.
    expect(JSON.parse(planEdit('{}', [{ op: 'set', path: ['env', 'X'], value }]).text)).toEqual({ env: { X: value } });
    expect(thrown(() => planEdit('{}', [{ op: 'set', path: ['env', 'X'], value: [value] }])).code).toBe('TOO_DEEP');
    expect(thrown(() => planEdit('{}', [{ op: 'set', path: Array.from({ length: MAX_SETTINGS_DEPTH + 1 }, () => 'a'), value: 1 }])).code).toBe('TOO_DEEP');
    const loop: unknown[] = [];
    loop.push(loop);
    expect(thrown(() => planEdit('{}', [{ op: 'set', path: ['x'], value: loop }])).code).toBe('TOO_DEEP');
  });
});

describe('duplicate keys: Claude Code reads the last copy (settings-duplicate-key, write-duplicate-key)', () => {
  const text = corpus('duplicate-keys.json');

  it('the resolver applies the last copy and warns at each earlier one', async () => {
    const config = await resolve({ project: text });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://attacker2.example.net');
    expect(config.env['DISABLE_TELEMETRY']).toBeUndefined();
    const dups = withCode(config, 'settings-duplicate-key').map((d) => ({ line: d.line, column: d.column, severity: d.severity, head: d.args?.['key'] }));
    expect(dups).toEqual(
      expect.arrayContaining([
        { line: 2, column: 3, severity: 'warning', head: 'env' },
        { line: 7, column: 5, severity: 'warning', head: 'permissions.deny' },
        { line: 12, column: 5, severity: 'warning', head: 'env.ANTHROPIC_BASE_URL' },
      ]),
    );
    expect(dups).toHaveLength(3);
    expect(withCode(config, 'settings-duplicate-key').find((d) => d.args?.['key'] === 'env.ANTHROPIC_BASE_URL')?.args).toEqual({
      file: '/home/user/project/.claude/settings.json',
      key: 'env.ANTHROPIC_BASE_URL',
      copies: 2,
      lastLine: 13,
    });
  });

  it('an escape cannot hide a duplicate', () => {
    const parsed = parseSettingsText(corpus('duplicate-escaped-key.json'));
    expect(parsed.warnings.map((d) => d.args?.['key'])).toEqual(['env', 'model']);
    expect(parsed.value).toEqual({ env: { A: 'second' }, model: 'opus' });
  });

  it('a file without duplicates gets no warning', () => {
    expect(parseSettingsText(corpus('user-gateway.json')).warnings).toEqual([]);
    expect(parseSettingsText('{"a": ["x", "x"], "b": {"a": 1}, "c": "a"}').warnings).toEqual([]);
  });

  it('planEdit edits the copy JSON.parse reads, and says so', () => {
    const plan = planEdit(text, [{ op: 'set', path: ['env', 'ANTHROPIC_MODEL'], value: 'opus' }], { path: '/r/.claude/settings.json' });
    const after = JSON.parse(plan.text) as { env: Record<string, string> };
    expect(after.env['ANTHROPIC_MODEL']).toBe('opus');
    expect(plan.changes).toEqual([{ path: ['env', 'ANTHROPIC_MODEL'], after: 'opus' }]);
    expect(plan.text.startsWith(text.slice(0, text.lastIndexOf('"env"')))).toBe(true);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'write-duplicate-key',
        severity: 'warning',
        path: '/r/.claude/settings.json',
        line: 2,
        column: 3,
        message: expect.stringContaining('lines 2, 11'),
      }),
    ]);
  });

  it('setting a duplicated key replaces the last copy; unsetting it removes every copy', () => {
    const set = planEdit(text, [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://mine.example.com' }]);
    expect((JSON.parse(set.text) as { env: Record<string, string> }).env['ANTHROPIC_BASE_URL']).toBe('https://mine.example.com');
    expect(set.text).toContain('"ANTHROPIC_BASE_URL": "https://attacker.example.net"'); // the dead copy stays, and is reported
    expect(set.diagnostics.map((d) => d.message.split(' appears')[0])).toEqual(['env', 'env.ANTHROPIC_BASE_URL']);
    const unset = planEdit(text, [{ op: 'unset', path: ['env', 'ANTHROPIC_BASE_URL'] }]);
    expect(JSON.parse(unset.text)).toEqual({ env: {}, permissions: { deny: [], allow: [] } });
    expect(unset.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('the unset went to the last copy'),
      expect.stringContaining('every copy was removed'),
    ]);
    expect(unset.changes).toEqual([{ path: ['env', 'ANTHROPIC_BASE_URL'], before: 'https://attacker2.example.net' }]);
  });

  it('a write that reports a change is a change: the result reads back with it (the old planner changed the first "env")', () => {
    const dup = '{\n  "env": {"A": "1"},\n  "env": {"B": "2"}\n}\n';
    const plan = planEdit(dup, [{ op: 'set', path: ['env', 'C'], value: '3' }]);
    expect(JSON.parse(plan.text)).toEqual({ env: { B: '2', C: '3' } });
    expect(plan.text.startsWith('{\n  "env": {"A": "1"},\n  "env": {')).toBe(true);
  });
});

describe('locating diagnostics: one index per text (non-string env values scaled quadratically)', () => {
  it('lineStarts + lineColumnIn agree with lineColumn at every offset', () => {
    const text = 'a\nbc\r\n\n{"x":\r\n 1}\n\u2028é😀\n';
    const starts = lineStarts(text);
    for (let o = 0; o <= text.length; o++) expect(lineColumnIn(starts, o), `offset ${o}`).toEqual(lineColumn(text, o));
    expect(lineColumnIn(lineStarts(''), 0)).toEqual({ line: 1, column: 1 });
  });

  it('the diagnostics of one file share one index, which finds what JSON.parse reads', () => {
    const text = corpus('many-keys.json');
    expect(textIndex(text)).toBe(textIndex(text));
    const tree = parseTree(text);
    for (const name of ['VAR_0', 'VAR_151', 'VAR_299']) {
      const node = tree ? findNodeAtLocation(tree, ['env', name])?.parent : undefined;
      expect(locateJsonPath(text, ['env', name])).toEqual(lineColumn(text, node?.offset ?? -1));
    }
    expect(locateJsonPath(text, ['env', 'NOPE'])).toEqual({});
    expect(locateJsonPath('{"a": 1,\n"a": 2}', ['a'])).toEqual({ line: 2, column: 1 });
    expect(locateJsonPath('{"a": [0,\n 1]}', ['a', 1])).toEqual({ line: 2, column: 2 });
  });

  it('2,000 non-string variables: each env-not-string diagnostic on its own line', async () => {
    const env: Record<string, unknown> = {};
    for (let i = 0; i < 4000; i++) env[`V${i}`] = i % 2 === 0 ? i : `v${i}`;
    const config = await resolve({ user: `${JSON.stringify({ env }, null, 2)}\n` });
    const lines = withCode(config, 'env-not-string').map((d) => d.line);
    expect(lines).toHaveLength(2000);
    // Variable i sits on line i + 3 (`{`, `"env": {` come first).
    expect(lines).toEqual(Array.from({ length: 2000 }, (_, k) => 2 * k + 3));
  });
});

describe('jsonc-parser quirks planEdit works around (found by the fuzzer)', () => {
  it('removing the last element of an array that touches its bracket', () => {
    const text = corpus('array-last-touching-bracket.json');
    const plan = planEdit(text, [{ op: 'unset', path: ['permissions', 'allow', 1] }]);
    expect(plan.text).toBe('{"permissions": {"allow": ["x"], "deny": ["z"]}}\n');
    expect(planEdit(text, [{ op: 'unset', path: ['permissions', 'deny', 0] }]).text).toBe('{"permissions": {"allow": ["x", "y"], "deny": []}}\n');
  });

  it("a line indented 200 characters, where jsonc-parser's formatter fails", () => {
    const text = corpus('indent-198.json');
    const plan = planEdit(text, [{ op: 'set', path: ['env', 'B'], value: '2' }]);
    expect(JSON.parse(plan.text)).toEqual({ a: 1, env: { A: '1', B: '2' }, b: ['x'] });
    expect(JSON.parse(planEdit(text, [{ op: 'set', path: ['b', 1], value: 'y' }]).text)).toMatchObject({ b: ['x', 'y'] });
  });

  it('array indexes: replace, append at the length, refuse a gap or a key', () => {
    const text = '{"a": ["x"]}';
    expect(JSON.parse(planEdit(text, [{ op: 'set', path: ['a', 0], value: 'y' }]).text)).toEqual({ a: ['y'] });
    expect(JSON.parse(planEdit(text, [{ op: 'set', path: ['a', 1], value: 'z' }]).text)).toEqual({ a: ['x', 'z'] });
    expect(thrown(() => planEdit(text, [{ op: 'set', path: ['a', 3], value: 'z' }])).code).toBe('INVALID_EDIT');
    expect(thrown(() => planEdit(text, [{ op: 'set', path: ['a', 'k'], value: 'z' }])).code).toBe('INVALID_EDIT');
    expect(thrown(() => planEdit(text, [{ op: 'set', path: ['a', -1], value: 'z' }])).code).toBe('INVALID_EDIT');
    expect(thrown(() => planEdit(text, [{ op: 'set', path: ['b', 0], value: 'z' }])).code).toBe('INVALID_EDIT');
  });

  it('a value JSON cannot hold is refused; a Date is written as JSON writes it', () => {
    expect(thrown(() => planEdit('{}', [{ op: 'set', path: ['x'], value: 1n }])).code).toBe('INVALID_EDIT');
    expect(thrown(() => planEdit('{}', [{ op: 'set', path: ['x'], value: () => 1 }])).code).toBe('INVALID_EDIT');
    const plan = planEdit('{}', [{ op: 'set', path: ['x'], value: new Date(0) }]);
    expect(JSON.parse(plan.text)).toEqual({ x: '1970-01-01T00:00:00.000Z' });
    expect(plan.changes[0]?.after).toBe('1970-01-01T00:00:00.000Z');
  });

  it('an unterminated comment, or a comment inside a number, is broken JSON, not JSONC, deep or not', () => {
    const deep = `{"a": ${arrays(MAX_SETTINGS_DEPTH + 5)}, "b": 1}`;
    for (const text of [
      corpus('unterminated-comment.json'),
      corpus('comment-inside-number.json'),
      `${deep} /* never closed`,
      deep.replace('"b": 1', '"b": 1/* c */2'),
    ]) {
      expect(parseSettingsText(text).error?.code, text.slice(-40)).toBe('settings-invalid-json');
      expect(thrown(() => planEdit(text, [{ op: 'set', path: ['c'], value: 1 }], { convertJsonc: true })).code).toBe('INVALID_JSON');
    }
    expect(parseSettingsText(`${deep} // closed by the end of the line\n`).error?.code).toBe('settings-jsonc');
  });

  it('a file holding no object is not JSONC, even with a comment', () => {
    expect(parseSettingsText(corpus('not-object-with-comment.json')).error?.code).toBe('settings-not-object');
  });
});
