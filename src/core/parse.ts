/**
 * Reading settings text the way Claude Code does: strict JSON, an object at the top (docs/behavior.md#settings-files, #invalid-entries).
 * Problems become data (a diagnostic with line and column), never exceptions.
 */
import { createScanner, parse as parseJsonc, printParseErrorCode, stripComments, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from './types';
import { diagnostic, type DiagnosticArgsMap, type DiagnosticPlace } from './catalogue';
import { valueTypeOf } from './catalogue/words';
import { arrayElements, lineColumnIn, lineStarts, objectMembers, rootOffset, scanStructure, skipString, type Member } from './json-locate';

/** A settings text read as Claude Code reads it: the object, or the error that makes Claude Code ignore the file, and the warnings. */
export interface ParsedSettings {
  /** The object, when the text is strict JSON with an object at the top. */
  value?: Record<string, unknown>;
  /** Why the whole text was rejected. */
  error?: Diagnostic;
  /**
   * Problems that do not reject the text: a byte-order mark, duplicate keys, and (severity `error`)
   * entries nested deeper than {@link MAX_SETTINGS_DEPTH}, which are left out of `value`.
   */
  warnings: Diagnostic[];
}

/**
 * How deep objects and arrays may nest in settings this library reads or writes, the top-level
 * object counting as one. `JSON.parse` (and so Claude Code) reads far deeper, but the library's own
 * walks (sanitising, merging, copying, printing) are recursive; no real settings file comes near
 * (docs/behavior.md).
 */
export const MAX_SETTINGS_DEPTH = 100;

/** At most this many duplicate-key or too-deep diagnostics per file; one more sums up the rest. */
const MAX_REPORTED = 20;

/** 1-based line and column of a UTF-16 offset (counts from the start: for many lookups use {@link textIndex}). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for keys that must never be copied onto an object built from user JSON. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/** Where a diagnostic of `path` points, leaving out what is not known. */
function place(path: string | undefined, at?: { line: number; column: number }): DiagnosticPlace {
  const out: DiagnosticPlace = {};
  if (path !== undefined) out.path = path;
  if (at) {
    out.line = at.line;
    out.column = at.column;
  }
  return out;
}

function located<C extends keyof DiagnosticArgsMap>(
  code: C,
  args: DiagnosticArgsMap[C],
  path: string | undefined,
  at: { line: number; column: number } | undefined,
): Diagnostic {
  return diagnostic(code, args, place(path, at));
}

function reject<C extends 'settings-invalid-json' | 'settings-jsonc' | 'settings-not-object' | 'settings-empty'>(
  code: C,
  args: DiagnosticArgsMap[C],
  path: string | undefined,
  text: string,
  offset: number,
): ParsedSettings {
  return { error: located(code, args, path, lineColumn(text, offset)), warnings: [] };
}

/**
 * jsonc-parser's token kinds (its `SyntaxKind` is an ambient const enum, which verbatimModuleSyntax
 * cannot read), for the code that walks its scanner.
 */
export const JSON_TOKEN = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  Colon: 6,
  String: 10,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
  EOF: 17,
} as const;
const Kind = JSON_TOKEN;

/** Offsets of every comma that stands right before a closing brace or bracket (comments skipped). */
export function trailingCommaOffsets(text: string): number[] {
  const scanner = createScanner(text, false);
  const out: number[] = [];
  let pendingComma = -1;
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.Trivia || kind === Kind.LineBreak || kind === Kind.LineComment || kind === Kind.BlockComment) continue;
    if ((kind === Kind.CloseBrace || kind === Kind.CloseBracket) && pendingComma >= 0) out.push(pendingComma);
    pendingComma = kind === Kind.Comma ? scanner.getTokenOffset() : -1;
  }
  return out;
}

/**
 * Removes comments and trailing commas: the strict JSON Claude Code reads. A line that held only a
 * comment (or only a dropped comma) goes with it; the space a comment took at the end of a line is
 * trimmed; every other line is kept as it was.
 */
export function toStrictJson(text: string): string {
  const out = strictJson(text);
  const before = text.split('\n');
  const after = out.split('\n');
  const kept = after.filter((line, i) => line.trim() !== '' || (before[i] ?? '').trim() === '');
  return kept
    .join('\n')
    .replace(/[ \t]+(\r?\n)/g, '$1')
    .replace(/[ \t]+$/, text.match(/[ \t]+$/)?.[0] ?? '');
}

/** Comments become spaces, so that they still separate tokens (a number split by a comment stays two) and lines keep their place; trailing commas are dropped. */
function strictJson(text: string): string {
  let out = stripComments(text, ' ');
  for (const offset of trailingCommaOffsets(out).reverse()) out = out.slice(0, offset) + out.slice(offset + 1);
  return out;
}

/**
 * A path for a message: plain keys as they are, others quoted (a key can hold control characters or
 * be very long), joined with dots.
 */
export function displayPath(path: readonly (string | number)[]): string {
  return path
    .map((seg) => {
      if (typeof seg === 'number' || /^[\w$@/:-]{1,80}$/.test(seg)) return String(seg);
      const quoted = JSON.stringify(seg.length > 80 ? `${seg.slice(0, 77)}...` : seg);
      // JSON.stringify leaves these alone; a terminal or an editor would act on them.
      return quoted.replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    })
    .join('.');
}

/** Whether `value` nests objects or arrays more than `budget` deep (an object or array is 1). Iterative. */
export function nestsDeeperThan(value: unknown, budget: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (budget < 1) return true;
  const stack: object[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop() as object;
    const d = depths.pop() as number;
    const children = Array.isArray(v) ? (v as unknown[]) : Object.values(v);
    for (const x of children) {
      if (x === null || typeof x !== 'object') continue;
      if (d + 1 > budget) return true;
      stack.push(x);
      depths.push(d + 1);
    }
  }
  return false;
}

/**
 * Removes, in place, the entries of a settings object that nest too deep: a top-level key, or one
 * variable of `env` (Claude Code skips a non-string variable on its own). Returns their paths.
 */
function dropTooDeep(settings: Record<string, unknown>): string[][] {
  const out: string[][] = [];
  for (const key of Object.keys(settings)) {
    const v = settings[key];
    if (v === null || typeof v !== 'object') continue;
    if (key === 'env' && !Array.isArray(v)) {
      const env = v as Record<string, unknown>;
      for (const name of Object.keys(env)) {
        if (!nestsDeeperThan(env[name], MAX_SETTINGS_DEPTH - 2)) continue;
        delete env[name];
        out.push(['env', name]);
      }
    } else if (nestsDeeperThan(v, MAX_SETTINGS_DEPTH - 1)) {
      delete settings[key];
      out.push([key]);
    }
  }
  return out;
}

function tooDeepArgs(entry: readonly string[], where: string): DiagnosticArgsMap['settings-too-deep'] {
  return { file: where, entry: displayPath(entry), depthLimit: MAX_SETTINGS_DEPTH };
}

/** A shallow copy that keeps a `__proto__` key an own property (`Object.assign` would set the prototype). */
function ownCopy(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) Object.defineProperty(out, k, { value: o[k], enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Settings given as an object (server-managed settings, the macOS preferences, a policy helper's
 * output) without the entries nested deeper than {@link MAX_SETTINGS_DEPTH} (a circular object
 * counts as too deep), and a diagnostic for each. The caller's object is never changed.
 */
export function withoutTooDeep(
  settings: Record<string, unknown>,
  where: string,
  path?: string,
): { settings: Record<string, unknown>; diagnostics: Diagnostic[] } {
  if (!nestsDeeperThan(settings, MAX_SETTINGS_DEPTH)) return { settings, diagnostics: [] };
  const copy = ownCopy(settings);
  const env = copy['env'];
  if (env !== null && typeof env === 'object' && !Array.isArray(env)) copy['env'] = ownCopy(env as Record<string, unknown>);
  const diagnostics = dropTooDeep(copy).map((entry) => diagnostic('settings-too-deep', tooDeepArgs(entry, where), place(path)));
  return { settings: copy, diagnostics };
}

/**
 * The number of keys and string values in a parsed value, or -1 when it nests deeper than the limit
 * (the recursion stops there). In strict JSON text every key and every string value is one string,
 * so a count lower than the text's strings means that `JSON.parse` dropped duplicate keys.
 */
function countKeysAndStrings(v: object, depth: number): number {
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const inner = countValue(v[i], depth);
      if (inner < 0) return -1;
      n += inner;
    }
    return n;
  }
  const o = v as Record<string, unknown>;
  // for-in, not Object.keys: no array per object. Parsed JSON has no inherited enumerable keys (if
  // something added one to Object.prototype, the count is off and the full scan runs: still correct).
  for (const k in o) {
    const inner = countValue(o[k], depth);
    if (inner < 0) return -1;
    n += inner + 1;
  }
  return n;
}

/** The strings in one array element or member value: 1 for a string, those inside an object or array. */
function countValue(x: unknown, depth: number): number {
  if (typeof x === 'string') return 1;
  if (x === null || typeof x !== 'object') return 0;
  return depth >= MAX_SETTINGS_DEPTH ? -1 : countKeysAndStrings(x, depth + 1);
}

/** The number of strings (keys and values) in strict JSON text. */
function countStrings(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', skipString(text, i))) n++;
  return n;
}

/** Reports duplicate keys and drops entries nested too deep (the rare case: both cost a full scan). */
function checkStructure(settings: Record<string, unknown>, text: string, path: string | undefined, where: string, warnings: Diagnostic[]): void {
  const { duplicates, crossings } = scanStructure(text, MAX_SETTINGS_DEPTH);
  const index = textIndex(text);
  const dropped = crossings.length > 0 ? dropTooDeep(settings) : [];
  dropped.slice(0, MAX_REPORTED).forEach((entry) => {
    // Where the live copy (the last in the text) crosses the limit.
    const crossing = crossings.findLast((c) => entry.every((seg, k) => c.path[k] === seg));
    const at = crossing ? index.lineColumn(crossing.offset) : index.locate(entry);
    warnings.push(located('settings-too-deep', tooDeepArgs(entry, where), path, at));
  });
  if (dropped.length > MAX_REPORTED) {
    warnings.push(diagnostic('settings-too-deep', { file: where, more: dropped.length - MAX_REPORTED, depthLimit: MAX_SETTINGS_DEPTH }, place(path)));
  }
  duplicates.slice(0, MAX_REPORTED).forEach((dup) => {
    const name = displayPath([...dup.path, dup.key]);
    const last = index.lineColumn(dup.offsets[dup.offsets.length - 1] as number);
    warnings.push(
      located(
        'settings-duplicate-key',
        { file: where, key: name, copies: dup.offsets.length, lastLine: last.line },
        path,
        index.lineColumn(dup.offsets[0] as number),
      ),
    );
  });
  if (duplicates.length > MAX_REPORTED) {
    warnings.push(diagnostic('settings-duplicate-key', { file: where, more: duplicates.length - MAX_REPORTED }, place(path)));
  }
}

/**
 * Parses settings text as strict JSON. `JSON.parse` decides validity (it accepts exactly strict JSON);
 * jsonc-parser only locates the problem and tells comments and trailing commas apart from broken JSON.
 * Duplicate keys are reported (the last copy applies, as in `JSON.parse`); entries nested deeper
 * than {@link MAX_SETTINGS_DEPTH} are left out with a `settings-too-deep` diagnostic.
 */
export function parseSettingsText(text: string, path?: string): ParsedSettings {
  return parseSettings(text, path, true);
}

/**
 * {@link parseSettingsText}, optionally without looking for duplicate keys (the depth is always
 * bounded): `planEdit` looks for them only on the paths it edits.
 */
export function parseSettings(text: string, path: string | undefined, duplicateKeys: boolean): ParsedSettings {
  const where = path ?? 'settings';
  if (text.charCodeAt(0) === 0xfeff) {
    // Current Claude Code reads past a BOM; 2.0-era builds, Claude Desktop and many tools do not (docs/behavior.md).
    const bom = located('settings-bom', { file: where }, path, { line: 1, column: 1 });
    const parsed = parseSettings(text.slice(1), path, duplicateKeys);
    // Line 1 of the text after the mark starts one column later in the file.
    for (const d of [...(parsed.error ? [parsed.error] : []), ...parsed.warnings]) if (d.line === 1 && d.column !== undefined) d.column += 1;
    return { ...parsed, warnings: [bom, ...parsed.warnings] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return locateSyntaxError(text, path, where);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return notObject(value, text, path, where);
  const settings = value as Record<string, unknown>;
  const warnings: Diagnostic[] = [];
  // The usual case costs one walk of the parsed object and one indexOf pass over the text.
  const counted = countKeysAndStrings(settings, 1);
  if (counted < 0 || (duplicateKeys && counted !== countStrings(text))) checkStructure(settings, text, path, where, warnings);
  return { value: settings, warnings };
}

function notObject(value: unknown, text: string, path: string | undefined, where: string): ParsedSettings {
  const offset = text.length - text.trimStart().length;
  return reject('settings-not-object', { file: where, valueType: valueTypeOf(value) }, path, text, offset);
}

/** Where objects and arrays first nest deeper than the limit, in any text (comments allowed); -1 if they do not. Iterative. */
function depthCrossing(text: string): number {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.OpenBrace || kind === Kind.OpenBracket) {
      if (++depth > MAX_SETTINGS_DEPTH) return scanner.getTokenOffset();
    } else if (kind === Kind.CloseBrace || kind === Kind.CloseBracket) depth--;
  }
  return -1;
}

/** Whether the JSONC scanner meets an unterminated comment or string, a bad escape or a bad character. Iterative. */
function hasScanError(text: string): boolean {
  const scanner = createScanner(text, false);
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) if (scanner.getTokenError() !== 0) return true;
  return false;
}

function locateSyntaxError(text: string, path: string | undefined, where: string): ParsedSettings {
  if (text.trim() === '') {
    return reject('settings-empty', { file: where }, path, text, 0);
  }
  // jsonc-parser's parser is recursive: past the limit, tell JSONC from broken JSON without it.
  const deep = depthCrossing(text);
  if (deep >= 0) {
    let jsonc = false;
    try {
      // An unterminated comment or string is broken JSONC too, though stripComments would drop it.
      if (hasScanError(text)) throw new SyntaxError('scan error');
      const v: unknown = JSON.parse(strictJson(text));
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return notObject(v, text, path, where);
      jsonc = true;
    } catch {
      // broken JSON, not only comments and trailing commas
    }
    return jsonc
      ? reject('settings-jsonc', { file: where, nestedBeyond: MAX_SETTINGS_DEPTH }, path, text, deep)
      : reject('settings-invalid-json', { file: where, nestedBeyond: MAX_SETTINGS_DEPTH }, path, text, deep);
  }
  const strictErrors: ParseError[] = [];
  parseJsonc(text, strictErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lenientErrors: ParseError[] = [];
  const lenient: unknown = parseJsonc(text, lenientErrors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = strictErrors[0];
  let offset = first?.offset ?? 0;
  // Converting would not help a file that holds no object.
  if (lenientErrors.length === 0 && (lenient === null || typeof lenient !== 'object' || Array.isArray(lenient))) return notObject(lenient, text, path, where);
  if (lenientErrors.length === 0 && first) {
    const comment = first.error === 10; /* InvalidCommentToken */
    if (!comment) offset = trailingCommaOffsets(text)[0] ?? offset;
    return reject('settings-jsonc', { file: where, found: comment ? 'comment' : 'trailing-comma' }, path, text, offset);
  }
  const reason = first ? parseErrorWords(first.error) : 'an unexpected character';
  return reject('settings-invalid-json', { file: where, reason }, path, text, offset);
}

const PARSE_ERROR_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing brace } expected',
  CloseBracketExpected: 'a closing bracket ] expected',
  EndOfFileExpected: 'text after the end of the JSON value',
  InvalidCommentToken: 'a comment',
  UnexpectedEndOfComment: 'an unterminated comment',
  UnexpectedEndOfString: 'an unterminated string',
  UnexpectedEndOfNumber: 'an unterminated number',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an invalid escape character',
  InvalidCharacter: 'a control character inside a string',
};

/** A jsonc-parser error code in words a person reads ("a closing brace } expected"). */
export function parseErrorWords(error: ParseError['error']): string {
  const name = printParseErrorCode(error);
  return PARSE_ERROR_WORDS[name] ?? name;
}

/**
 * Where strict JSON text first fails to parse, 1-based, and why in words; `undefined` when it
 * parses. For text that is not a file (the inline `--settings` value).
 */
export function strictJsonError(text: string): { line: number; column: number; reason: string } | undefined {
  try {
    return locateStrictJsonError(text);
  } catch {
    // jsonc-parser recurses: text nested thousands deep overflows the stack. Claude Code's own words stand alone then.
    return undefined;
  }
}

function locateStrictJsonError(text: string): { line: number; column: number; reason: string } | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  if (first.error === 10 /* InvalidCommentToken */) return { ...lineColumn(text, first.offset), reason: 'a comment' };
  // A trailing comma is the cause only when the text parses once trailing commas are allowed.
  const lenient: ParseError[] = [];
  parseJsonc(text, lenient, { disallowComments: true, allowTrailingComma: true, allowEmptyContent: false });
  const comma = lenient.length === 0 ? trailingCommaOffsets(text)[0] : undefined;
  if (comma !== undefined) return { ...lineColumn(text, comma), reason: 'a trailing comma' };
  return { ...lineColumn(text, first.offset), reason: parseErrorWords(first.error) };
}

/** Line and column lookups and JSON-path locations in one strict JSON text, each linear once, then cheap. */
export interface TextIndex {
  lineColumn(offset: number): { line: number; column: number };
  /** Where the value at `path` is (its property name, for an object member), as `JSON.parse` reads it: the last copy of a duplicate key. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

interface IndexState {
  text: string;
  starts: number[] | undefined;
  objects: Map<number, Map<string, Member>>;
  arrays: Map<number, number[]>;
  api: TextIndex;
}

let lastIndex: IndexState | undefined;

/**
 * The index of `text`. The last one built is kept, so that the many diagnostics of one file (each
 * locating itself through {@link locateJsonPath}) share it instead of each reading the text from the
 * start.
 */
export function textIndex(text: string): TextIndex {
  if (lastIndex?.text === text) return lastIndex.api;
  const state: IndexState = {
    text,
    starts: undefined,
    objects: new Map(),
    arrays: new Map(),
    api: {
      lineColumn: (offset) => lineColumnIn((state.starts ??= lineStarts(text)), offset),
      locate: (path) => {
        let offset = rootOffset(text);
        let target = offset;
        for (const seg of path) {
          const c = text.charCodeAt(offset);
          if (c === 123 && typeof seg === 'string') {
            let members = state.objects.get(offset);
            if (!members) {
              members = new Map();
              for (const m of objectMembers(text, offset)) members.set(m.key, m);
              state.objects.set(offset, members);
            }
            const m = members.get(seg);
            if (!m) return undefined;
            target = m.keyOffset;
            offset = m.valueOffset;
          } else if (c === 91 && typeof seg === 'number') {
            let elements = state.arrays.get(offset);
            if (!elements) {
              elements = arrayElements(text, offset);
              state.arrays.set(offset, elements);
            }
            const e = elements[seg];
            if (e === undefined) return undefined;
            target = e;
            offset = e;
          } else {
            return undefined;
          }
        }
        return state.api.lineColumn(target);
      },
    },
  };
  lastIndex = state;
  return state.api;
}

/** Line and column of the value at a JSON path in strict JSON `text` (its property name, for an object member), when it is there. */
export function locateJsonPath(text: string, at: (string | number)[]): { line?: number; column?: number } {
  return textIndex(text).locate(at) ?? {};
}
