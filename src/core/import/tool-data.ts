/**
 * What the readers of other tools' files share: parsing their JSON (or JSON5) text with the place of a
 * mistake, reading fields of unknown data without trusting their types, naming the fields a reader
 * does not know, and the configuration a set of Claude Code variables comes to. Pure.
 */
import JSON5 from 'json5';
import { diagnostic } from '../catalogue';
import type { Diagnostic, GeneratedConfig, ImportedProvider, ImportTool, Provider, ToolImport } from '../types';
import { PROVIDER_SWITCHES, truth } from '../variables';
import { checkBaseUrl } from '../generate/validate';
import { ConfigError } from '../errors';

/** A JSON object read from a tool's file. */
export type Obj = Record<string, unknown>;

/** The parsed text, or the `import-unreadable` diagnostic (with line and column) saying why not. */
export function parseToolText(text: string, file: string): { value: unknown } | { problem: Diagnostic } {
  if (typeof text !== 'string') return { problem: diagnostic('import-unreadable', { file, reason: `a ${typeof text} where JSON text was expected` }) };
  try {
    // JSON5 accepts all of JSON, and the comments, trailing commas and bare keys the tools' own parsers allow.
    return { value: JSON5.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    const err = e as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const reason = (err.message ?? String(e)).replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    let line = err.lineNumber;
    let column = err.columnNumber;
    // A line break where it may not be (inside a string) is reported as column 0 of the next line: it is the end of the line before.
    if (line !== undefined && line > 1 && column === 0) {
      line -= 1;
      column = (text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\u2028|\u2029/)[line - 1]?.length ?? 0) + 1;
    }
    return {
      problem: diagnostic('import-unreadable', {
        file,
        reason: reason.replace(/invalid character '\\n'/, 'a line break inside a string'),
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
      }),
    };
  }
}

/** The value when it is a plain object. */
export function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** The value when it is a string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The strings of an array (others skipped). */
export function asStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** An `import-unknown-field` for each key of `obj` not in `known`, under `prefix`. */
export function unknownFields(obj: Obj, known: ReadonlySet<string>, file: string, prefix: string, into: Diagnostic[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) into.push(diagnostic('import-unknown-field', { file, field: fieldPath(prefix, key) }));
  }
}

/** `a.b`, `a[0]`, or `a["odd key"]`. */
export function fieldPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
  if (prefix === '') return plain ? key : JSON.stringify(key);
  return plain ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key)}]`;
}

/** The value of a settings `env` entry as Claude Code would read it: strings as they are, numbers and booleans as text. */
export function envText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The provider a set of variables selects (its switch on), or `anthropic`. */
export function providerOf(env: Readonly<Record<string, string>>): Provider {
  return (Object.entries(PROVIDER_SWITCHES) as [Exclude<Provider, 'anthropic'>, string][]).find(([, v]) => truth(v, env[v]) === 'on')?.[0] ?? 'anthropic';
}

/** The variables Claude Code picks its endpoint and credential from: what must go when another configuration replaces them. */
export const ENDPOINT_VARIABLES: readonly string[] = ['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', ...Object.values(PROVIDER_SWITCHES)];

/**
 * The configuration a tool's variables come to: the variables sorted, the base URL checked as the
 * generators check it (an insecure or malformed URL gets a diagnostic, never a throw), and `unset`
 * the variables the tool would have removed when it switched to this configuration (`replaced`).
 */
export function configFromVariables(
  env: Readonly<Record<string, string>>,
  settings: Readonly<Record<string, unknown>>,
  replaced: Iterable<string>,
  file: string,
): GeneratedConfig {
  const diagnostics: Diagnostic[] = [];
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) sorted[name] = env[name] as string;
  const base = sorted['ANTHROPIC_BASE_URL'];
  if (base !== undefined) {
    try {
      sorted['ANTHROPIC_BASE_URL'] = checkBaseUrl(base, 'ANTHROPIC_BASE_URL', diagnostics);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      diagnostics.push(diagnostic('import-not-carried', { file, field: 'ANTHROPIC_BASE_URL', reason: e.message.replace(/^ANTHROPIC_BASE_URL: /, '') }));
      delete sorted['ANTHROPIC_BASE_URL'];
    }
  }
  const unset = [...new Set(replaced)].filter((n) => !Object.hasOwn(sorted, n)).sort();
  const out: GeneratedConfig = { env: sorted, settings: { ...settings }, unset, provider: providerOf(sorted), diagnostics };
  const credential = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'].find((v) => Object.hasOwn(sorted, v) && sorted[v] !== '');
  if (credential) out.credentialVariable = credential;
  return out;
}

/** The API format an endpoint URL speaks, from its path. */
export function endpointFormat(url: string | undefined): 'anthropic' | 'openai' | undefined {
  if (url === undefined) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (/\/v1\/messages$/.test(path) || /\/anthropic$/.test(path)) return 'anthropic';
  if (/\/chat\/completions$/.test(path) || /\/responses$/.test(path)) return 'openai';
  return undefined;
}

/** An import that comes to no configuration: what was read of the providers (if anything), and why. */
export function emptyImport(
  tool: ImportTool,
  file: string,
  storage: ToolImport['storage'],
  diagnostics: Diagnostic[],
  found: { providers?: ImportedProvider[]; secrets?: string[] } = {},
): ToolImport {
  return {
    tool,
    file,
    storage,
    providers: found.providers ?? [],
    secrets: [...new Set(found.secrets ?? [])],
    config: { env: {}, settings: {}, unset: [], provider: 'anthropic', diagnostics },
  };
}
