import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), 'utf8');

describe('the documentation keeps up with the code', () => {
  it('docs/diagnostics.md lists every diagnostic code with its fix', () => {
    const types = read('src/core/types.ts');
    const union = types.slice(types.indexOf('export type DiagnosticCode'), types.indexOf('export interface FileSystem'));
    const codes = [...union.matchAll(/\|\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(60);
    const table = read('docs/diagnostics.md');
    const missing = codes.filter((c) => !new RegExp(`\\| \`${c}\` \\|[^\\n]*\\|[^\\n]*\\|[^\\n]*\\S[^\\n]*\\|`).test(table));
    expect(missing).toEqual([]);
  });

  it('issue 2: every version gate appears in the README table', async () => {
    const { VERSION_GATES } = await import('../src/core/versions');
    const readme = read('README.md');
    const missing = [...new Set(Object.values(VERSION_GATES))].filter((v) => !readme.includes(v));
    expect(missing).toEqual([]);
  });
});
