/** The diagnostic catalogue: one entry per code, rendered from typed arguments, documented from the same place. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CATALOGUE, diagnostic, diagnosticSeverity, isDiagnostic, isSecretVariable, type Diagnostic } from '../src/index';

const CATALOGUE_DIR = new URL('../src/core/catalogue/', import.meta.url);

describe('the diagnostic catalogue', () => {
  it('renders severity, message and fix from the code and its arguments; the place comes from the caller', () => {
    const d = diagnostic(
      'doctor-base-url-v1',
      { variable: 'ANTHROPIC_BASE_URL', fixed: 'https://gw.example.com' },
      { scope: 'user', path: '/home/u/.claude/settings.json', line: 3, column: 5 },
    );
    expect(d).toEqual({
      code: 'doctor-base-url-v1',
      severity: 'error',
      args: { variable: 'ANTHROPIC_BASE_URL', fixed: 'https://gw.example.com' },
      message: 'ANTHROPIC_BASE_URL ends in /v1, and Claude Code appends /v1/messages: requests go to …/v1/v1/messages',
      fix: 'Set ANTHROPIC_BASE_URL=https://gw.example.com',
      scope: 'user',
      path: '/home/u/.claude/settings.json',
      line: 3,
      column: 5,
    });
  });

  it('leaves out place fields the caller did not give, and the fix when the code has none for these arguments', () => {
    const d = diagnostic('doctor-base-url-query', { variable: 'ANTHROPIC_BASE_URL' }, { path: undefined } as never);
    expect(Object.keys(d).sort()).toEqual(['args', 'code', 'fix', 'message', 'severity']);
  });

  it('narrows the arguments by code', () => {
    const list: Diagnostic[] = [diagnostic('doctor-base-url-insecure', { variable: 'ANTHROPIC_BASE_URL', hostname: 'gw', host: 'gw:80' })];
    const found = list.find((d) => isDiagnostic(d, 'doctor-base-url-insecure'));
    expect(found && isDiagnostic(found, 'doctor-base-url-insecure') ? found.args.host : undefined).toBe('gw:80');
    expect(list.some((d) => isDiagnostic(d, 'doctor-base-url-v1'))).toBe(false);
  });

  it('a code whose severity depends on its arguments says so in its documentation row', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTIC_CATALOGUE)) {
      if (typeof entry.severity === 'function') expect(entry.doc.severity, code).toMatch(/\w+\s*[/,]\s*\w+/);
      else expect(['error', 'warning', 'info'], code).toContain(diagnosticSeverity(code as never, {} as never));
    }
  });

  it('every entry has a documentation row with a meaning and a fix', () => {
    for (const [code, entry] of Object.entries(DIAGNOSTIC_CATALOGUE)) {
      expect(entry.doc.meaning.length, code).toBeGreaterThan(10);
      expect(entry.doc.fix.length, code).toBeGreaterThan(1);
    }
  });

  it('the catalogue parts are disjoint: no code defined in two files', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of readdirSync(CATALOGUE_DIR).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, CATALOGUE_DIR), 'utf8');
      const body = text.slice(text.indexOf('export const '));
      for (const m of body.matchAll(/^ {2}'([a-z0-9-]+)': \{$/gm)) {
        if (seen.has(m[1]!)) clashes.push(`${m[1]} in ${seen.get(m[1]!)} and ${file}`);
        seen.set(m[1]!, file);
      }
    }
    expect(seen.size).toBe(Object.keys(DIAGNOSTIC_CATALOGUE).length);
    expect(clashes).toEqual([]);
  });

  it('no argument is named like a credential: the CLI masks JSON members by name, and an argument holds no secret', () => {
    const names = new Set<string>();
    for (const file of readdirSync(CATALOGUE_DIR).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, CATALOGUE_DIR), 'utf8');
      const start = text.indexOf('Args {');
      if (start < 0) continue;
      const block = text.slice(start, text.indexOf('\n}\n', start));
      for (const m of block.matchAll(/^ {4}([A-Za-z]+)\??: /gm)) names.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((n) => isSecretVariable(n, 'x'))).toEqual([]);
  });
});
