/**
 * ANTHROPIC_CUSTOM_HEADERS and the header-value safety check.
 */
import { describe, expect, it } from 'vitest';
import { formatCustomHeaders, parseCustomHeaders, resolveEffectiveConfig, unsafeHeaderValueReason, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function parse(text: string, checkValues = false): ReturnType<typeof parseCustomHeaders> {
  return parseCustomHeaders(text, { checkValues });
}

describe('parseCustomHeaders', () => {
  it('one Name: Value pair per line', () => {
    expect(parse('X-Team: platform\nX-Cost-Center: 1234')).toEqual({
      headers: [
        { name: 'X-Team', value: 'platform' },
        { name: 'X-Cost-Center', value: '1234' },
      ],
      diagnostics: [],
    });
  });

  it('CRLF line endings are accepted', () => {
    expect(parse('X-A: 1\r\nX-B: 2\r\n').headers).toEqual([
      { name: 'X-A', value: '1' },
      { name: 'X-B', value: '2' },
    ]);
  });

  it('names and values are trimmed; blank lines are skipped', () => {
    const r = parse('\n   X-A   :   spaced value  \n\n\tX-B:\tv\t\n');
    expect(r.headers).toEqual([
      { name: 'X-A', value: 'spaced value' },
      { name: 'X-B', value: 'v' },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('only the first colon splits: values may contain colons', () => {
    expect(parse('X-Upstream: https://a.example:8443/x').headers).toEqual([{ name: 'X-Upstream', value: 'https://a.example:8443/x' }]);
  });

  it('an empty value is kept', () => {
    expect(parse('X-Empty:').headers).toEqual([{ name: 'X-Empty', value: '' }]);
  });

  it('a line without a colon, or with nothing before it, is malformed and skipped', () => {
    const r = parse('X-A: 1\nnot a header\n: no-name\nX-B: 2');
    expect(r.headers.map((h) => h.name)).toEqual(['X-A', 'X-B']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['custom-headers-malformed', 'custom-headers-malformed']);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it.each(['X Team', 'X-Team(1)', 'X/Team', 'Ünicode', 'X"Q'])('the name %j is not an HTTP token (custom-headers-invalid-name) and is skipped', (name) => {
    const r = parse(`${name}: v\nX-Ok: 1`);
    expect(r.headers).toEqual([{ name: 'X-Ok', value: '1' }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['custom-headers-invalid-name']);
  });

  it("token characters !#$%&'*+-.^_`|~ are valid in names", () => {
    const name = "X-!#$%&'*+-.^_`|~9";
    expect(parse(`${name}: v`).headers).toEqual([{ name, value: 'v' }]);
  });

  it('a duplicate name (any case) keeps the last value, with custom-headers-duplicate', () => {
    const r = parse('X-Team: a\nX-Other: o\nx-team: b');
    expect(r.headers).toHaveLength(2);
    expect(r.headers.find((h) => h.name.toLowerCase() === 'x-team')).toEqual({ name: 'x-team', value: 'b' });
    expect(r.headers.find((h) => h.name === 'X-Other')?.value).toBe('o');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['custom-headers-duplicate']);
    expect(r.diagnostics[0]?.severity).toBe('warning');
  });

  it('a literal backslash-n is not a line break', () => {
    const r = parse('X-A: 1\\nX-B: 2');
    expect(r.headers).toEqual([{ name: 'X-A', value: '1\\nX-B: 2' }]);
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a character above U+00FF', 'caf\u0113'],
    ['an emoji', 'ok \u{1F600}'],
    ['a bare carriage return', 'a\rb'],
  ])('with checkValues a value with %s is refused (custom-headers-invalid-value)', (_what, value) => {
    const r = parse(`X-Good: fine\nX-Bad: ${value}`, true);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['custom-headers-invalid-value']);
    expect(unsafeHeaderValueReason(value)).toBeDefined();
    const unchecked = parse(`X-Good: fine\nX-Bad: ${value}`, false);
    expect(unchecked.diagnostics).toEqual([]);
  });

  it('Latin-1 values (up to U+00FF) are accepted', () => {
    expect(unsafeHeaderValueReason('caf\u00e9 \u00ff')).toBeUndefined();
    expect(parse('X-A: caf\u00e9', true).diagnostics).toEqual([]);
  });

  it('diagnostics carry the scope and path of the variable', () => {
    const r = parseCustomHeaders('broken', { checkValues: false, source: { scope: 'user', path: '/home/user/.claude/settings.json' } });
    expect(r.diagnostics[0]).toMatchObject({
      code: 'custom-headers-malformed',
      scope: 'user',
      path: '/home/user/.claude/settings.json',
      args: { line: expect.any(Number) },
    });
  });

  it('formatCustomHeaders writes the variable back; parsing it again gives the same headers', () => {
    const headers = [
      { name: 'X-A', value: '1' },
      { name: 'X-B', value: 'two words' },
    ];
    const text = formatCustomHeaders(headers);
    expect(text).toBe('X-A: 1\nX-B: two words');
    expect(parse(text).headers).toEqual(headers);
  });
});

describe('ANTHROPIC_CUSTOM_HEADERS in a resolution', () => {
  it.each(['linux', 'darwin', 'win32'] as Platform[])('on %s headers from a settings file (\\n inside JSON) become customHeaders', async (platform) => {
    const config = await resolve({ platform, user: '{"env": {"ANTHROPIC_CUSTOM_HEADERS": "X-Team: platform\\nX-Env: prod"}}' });
    expect(config.customHeaders).toEqual([
      { name: 'X-Team', value: 'platform' },
      { name: 'X-Env', value: 'prod' },
    ]);
  });

  it('no variable, no headers', async () => {
    const config = await resolve({});
    expect(config.customHeaders).toEqual([]);
  });

  it('parse diagnostics carry the source of the winning value', async () => {
    const config = await resolve({ user: { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-A: 1\nbroken' } } });
    const d = config.diagnostics.find((x) => x.code === 'custom-headers-malformed');
    expect(d).toMatchObject({ scope: 'user', path: '/home/user/.claude/settings.json' });
    expect(config.customHeaders).toEqual([{ name: 'X-A', value: '1' }]);
  });

  it('from 2.1.227 a bad value is refused on the Anthropic provider', async () => {
    const config = await resolve({ env: { ANTHROPIC_CUSTOM_HEADERS: 'X-A: caf\u0113' } });
    expect(config.diagnostics.map((d) => d.code)).toContain('custom-headers-invalid-value');
  });

  it('before 2.1.227 (2.1.226) the value is not checked', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.226', env: { ANTHROPIC_CUSTOM_HEADERS: 'X-A: caf\u0113\nX-B: a\u0000' } });
    expect(config.diagnostics.map((d) => d.code)).not.toContain('custom-headers-invalid-value');
    expect(config.customHeaders).toHaveLength(2);
  });

  it.each(['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'])(
    'with %s (a cloud provider) values are not checked',
    async (use) => {
      const config = await resolve({ env: { [use]: '1', ANTHROPIC_CUSTOM_HEADERS: 'X-A: a\u0000b' } });
      expect(config.diagnostics.map((d) => d.code)).not.toContain('custom-headers-invalid-value');
    },
  );

  it('malformed lines and invalid names are reported on every provider and version', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.100', env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_CUSTOM_HEADERS: 'bad line\nBad Name: x' } });
    expect(config.diagnostics.map((d) => d.code).sort()).toEqual(['custom-headers-invalid-name', 'custom-headers-malformed']);
  });
});
