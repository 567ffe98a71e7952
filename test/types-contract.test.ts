/**
 * The public types guide: results are discriminated unions (HelperResult, Credential by kind, the
 * verify and discover outcomes, ModelDiscovery), providerConfig requires each provider's own options,
 * ERROR_CODES is a const tuple, one Platform type. Compiles test/fixtures/types/ with the project's
 * compiler options (exactOptionalPropertyTypes included) through the TypeScript compiler API.
 *
 * Each fixture line after `// @ts-expect-error -- <text>` must fail to compile with an error whose
 * message contains <text>; every other line must compile. The directives are blanked before
 * compiling, so the test sees the real errors rather than trusting the directive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'types');
const DIRECTIVE = /\/\/ @ts-expect-error -- (.+)$/;

interface Expected {
  line: number;
  text: string;
}

interface Found {
  line: number;
  message: string;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath);
  return { ...parsed.options, noEmit: true };
}

/** The fixtures' errors, with every `@ts-expect-error` directive blanked out (same lines and columns). */
function compile(files: string[]): Map<string, Found[]> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fixture = (name: string): boolean => resolve(name).startsWith(FIXTURES);
  host.readFile = (name) => {
    const text = readFile(name);
    return text !== undefined && fixture(name) ? text.replace(/\/\/ @ts-expect-error/g, '// expected-error.') : text;
  };
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) => {
    if (!fixture(name)) return getSourceFile(name, language, onError, create);
    const text = host.readFile(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram({ rootNames: files, options, host });
  const out = new Map<string, Found[]>(files.map((f) => [f, []]));
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} not compiled`);
    for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const line = d.start !== undefined ? source.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      out.get(file)?.push({ line, message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}` });
    }
  }
  return out;
}

function expectations(file: string): Expected[] {
  const out: Expected[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m = DIRECTIVE.exec(text.trim());
      // The directive covers the next line (1-based: i + 2).
      if (m?.[1]) out.push({ line: i + 2, text: m[1] });
    });
  return out;
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(FIXTURES, f))
  .sort();
let results: Map<string, Found[]>;

describe('the public types guide (test/fixtures/types)', () => {
  beforeAll(() => {
    results = compile(files);
  }, 60_000);

  it('has fixtures, each with lines that must not compile', () => {
    expect(files.map((f) => f.slice(FIXTURES.length + 1))).toEqual(['credential.ts', 'helper-result.ts', 'outcomes.ts', 'provider-config.ts']);
    for (const f of files) expect(expectations(f).length, f).toBeGreaterThan(0);
  });

  it.each(['credential.ts', 'helper-result.ts', 'outcomes.ts', 'provider-config.ts'])(
    '%s: every marked line fails with its error, every other line compiles',
    (name) => {
      const file = join(FIXTURES, name);
      const expected = expectations(file);
      const found = results.get(file) ?? [];
      for (const e of expected) {
        const here = found.filter((f) => f.line === e.line);
        expect(here.length, `line ${e.line} should not compile (${e.text})`).toBeGreaterThan(0);
        expect(here.map((f) => f.message).join('\n'), `line ${e.line}`).toContain(e.text);
      }
      const unexpected = found.filter((f) => !expected.some((e) => e.line === f.line));
      expect(unexpected, 'lines that should compile').toEqual([]);
    },
  );
});
