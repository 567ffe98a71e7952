/**
 * Minimal-diff edit plans for settings files. Pure: text in, text and the list of changes
 * out, so `--dry-run` and diffs cost nothing. Every byte outside the edited object is kept; the
 * result is strict JSON, because Claude Code ignores a file with comments or trailing commas. Where
 * a key appears twice, the edit goes to the copy `JSON.parse` (and so Claude Code) reads: the last.
 */
import { applyEdits, modify, type Edit, type FormattingOptions } from 'jsonc-parser';
import { ConfigError } from './errors';
import { displayPath, isUnsafeKey, MAX_SETTINGS_DEPTH, nestsDeeperThan, parseSettings, parseSettingsText, textIndex, toStrictJson } from './parse';
import { arrayElements, located, skipValue, walkPath, type Located } from './json-locate';
import type { Diagnostic } from './types';
import { diagnostic } from './catalogue';

export { toStrictJson } from './parse';

/** A path into a JSON value: object keys and array indexes, outermost first. */
export type JsonPath = (string | number)[];

/** One edit to a settings file: set the value at a path, or remove it. */
export type EditOp =
  | {
      /** Set the value at `path`, creating objects on the way. */
      op: 'set';
      /** Where to set it. */
      path: JsonPath;
      /** The value to set (any JSON value). */
      value: unknown;
    }
  | {
      /** Remove the value at `path`. */
      op: 'unset';
      /** What to remove. */
      path: JsonPath;
    };

/** One change an edit makes, with the value before and after. */
export interface EditChange {
  /** Where the change is. */
  path: JsonPath;
  /** The value before (absent when the key was not there). */
  before?: unknown;
  /** The value after (absent when the key is removed). */
  after?: unknown;
}

/** The text an edit produces and what changed in it. */
export interface EditPlan {
  /** The new file text, comments and formatting kept where untouched. */
  text: string;
  /** Each change the edit makes, in order. */
  changes: EditChange[];
  /** True when the input was JSONC and `convertJsonc` turned it into strict JSON. */
  converted: boolean;
  /**
   * What the caller should know about the edit: `write-duplicate-key` when a key on an edited path
   * appears more than once in its object (the edit went to the last copy, the one Claude Code reads;
   * an unset removed every copy).
   */
  diagnostics: Diagnostic[];
}

/** Options for `planEdit()`. */
export interface PlanEditOptions {
  /**
   * Accept a file that parses only as JSONC (comments, trailing commas) and write it back as strict
   * JSON, dropping the comments, so that Claude Code reads it again.
   * @default false
   */
  convertJsonc?: boolean;
  /** A name for messages (the file's path). */
  path?: string;
}

/** The style of an existing file, so that new keys look like their neighbours. */
export interface TextStyle {
  eol: '\n' | '\r\n';
  insertSpaces: boolean;
  tabSize: number;
  bom: boolean;
  finalNewline: boolean;
}

/** How much of a file the style is read from: enough lines to be sure, without scanning a megabyte. */
const STYLE_SAMPLE = 16 * 1024;

export function detectStyle(text: string | undefined): TextStyle {
  if (text === undefined || text.trim() === '') return { eol: '\n', insertSpaces: true, tabSize: 2, bom: false, finalNewline: true };
  const bom = text.charCodeAt(0) === 0xfeff;
  const sample = text.length > STYLE_SAMPLE ? text.slice(0, STYLE_SAMPLE) : text;
  const crlf = (sample.match(/\r\n/g) ?? []).length;
  const lf = (sample.match(/(?<!\r)\n/g) ?? []).length;
  const indents = [...sample.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1] ?? '');
  const tabs = indents.filter((i) => i.startsWith('\t')).length;
  const spaces = indents.filter((i) => i.startsWith(' ')).map((i) => i.length);
  const unit = spaces.length > 0 ? spaces.reduce((a, b) => gcd(a, b)) : 2;
  return {
    eol: crlf > lf ? '\r\n' : '\n',
    insertSpaces: tabs <= spaces.length,
    tabSize: tabs > spaces.length ? 1 : Math.max(1, Math.min(unit, 8)),
    bom,
    finalNewline: /\r?\n$/.test(text),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function where(path: string | undefined, d: { line?: number; column?: number } | undefined): string {
  return d?.line ? `${path ?? 'input'}:${d.line}:${d.column}` : (path ?? 'input');
}

function parseErrorDetail(text: string, path: string | undefined): ConfigError {
  const parsed = parseSettingsText(text, path);
  const d = parsed.error;
  const code = d?.code === 'settings-jsonc' ? 'JSONC_NOT_ALLOWED' : 'INVALID_JSON';
  const hint = code === 'JSONC_NOT_ALLOWED' ? ' (pass convertJsonc to rewrite it as strict JSON, dropping the comments)' : '';
  // The location comes first, so a message that opens with the same path says "the file" instead.
  const message =
    d === undefined ? 'not valid JSON' : path !== undefined && d.message.startsWith(`${path} `) ? `the file ${d.message.slice(path.length + 1)}` : d.message;
  return new ConfigError(code, `${where(path, d)}: ${message}${hint}; nothing was written`, { cause: d });
}

/** The value at `path` in parsed JSON: keys into objects, indexes into arrays, own properties only. */
function valueAt(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node) !== (typeof seg === 'number') || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** Applies an edit to the parsed mirror, so the next edit's "before" needs no parse. */
function mirror(root: Record<string, unknown>, path: JsonPath, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (next === null || typeof next !== 'object') node[seg] = {};
    node = node[seg] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  }
  // A copy: a later edit below this one must not change the value reported in `changes`.
  else node[last] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function checkPath(op: EditOp): void {
  const path = op.path;
  if (path.length === 0) throw new ConfigError('INVALID_EDIT', 'an edit needs a non-empty path');
  for (const seg of path) {
    if (typeof seg === 'string' ? isUnsafeKey(seg) : !(Number.isSafeInteger(seg) && seg >= 0)) {
      throw new ConfigError('INVALID_EDIT', `refusing to edit the path segment ${typeof seg === 'string' ? JSON.stringify(seg) : String(seg)}`);
    }
  }
  if (path.length > MAX_SETTINGS_DEPTH)
    throw new ConfigError('TOO_DEEP', `${op.op} ${displayPath(path)}: the path is deeper than the ${MAX_SETTINGS_DEPTH} levels settings may nest`);
}

/** The value as it will read back from the file (a Date becomes a string, an undefined member goes). */
function jsonValue(op: EditOp & { op: 'set' }, file: string | undefined): unknown {
  const name = displayPath(op.path);
  if (op.value === undefined) throw new ConfigError('INVALID_EDIT', `set ${name}: the value is undefined (use unset)`);
  if (nestsDeeperThan(op.value, MAX_SETTINGS_DEPTH - op.path.length)) {
    throw new ConfigError(
      'TOO_DEEP',
      `${file ?? 'input'}: set ${name}: the value nests objects or arrays more than ${MAX_SETTINGS_DEPTH} levels deep in the file (or is circular); nothing was written`,
    );
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(op.value);
  } catch (cause) {
    throw new ConfigError('INVALID_EDIT', `set ${name}: the value cannot be written as JSON (${(cause as Error).message})`, { cause });
  }
  if (json === undefined) throw new ConfigError('INVALID_EDIT', `set ${name}: the value cannot be written as JSON`);
  return JSON.parse(json) as unknown;
}

/** `what` indentation jsonc-parser's formatter gives a line starting with `ws`: it would rewrite any other. */
function canonicalIndent(ws: string, fmt: FormattingOptions): string {
  const tabSize = fmt.tabSize || 4;
  let chars = 0;
  for (const c of ws) chars += c === '\t' ? tabSize : 1;
  return (fmt.insertSpaces ? ' '.repeat(tabSize) : '\t').repeat(Math.floor(chars / tabSize));
}

/**
 * One jsonc-parser `modify`, given only the object or array at `loc` (after its line's indentation,
 * so new lines are indented as in the whole file): the edit is the same, a large file is not parsed
 * into a tree for it, and no other copy of a duplicated key can be picked.
 */
function modifyWithin(text: string, loc: Located, rest: JsonPath, value: unknown, fmt: FormattingOptions): string {
  const lineStart = Math.max(text.lastIndexOf('\n', loc.offset - 1), text.lastIndexOf('\r', loc.offset - 1)) + 1;
  let wsEnd = lineStart;
  while (wsEnd < loc.offset && (text.charCodeAt(wsEnd) === 32 || text.charCodeAt(wsEnd) === 9)) wsEnd++;
  const lead = canonicalIndent(text.slice(lineStart, wsEnd), fmt);
  const sub = lead + text.slice(loc.offset, loc.offset + loc.length);
  let edits: Edit[];
  try {
    edits = modify(sub, rest, value, { formattingOptions: fmt });
  } catch (error) {
    // jsonc-parser's formatter fails on a line indented exactly 200 characters: insert unformatted.
    if (!(error instanceof TypeError)) throw error;
    edits = modify(sub, rest, value, {});
  }
  // jsonc-parser returns one edit from the start of the line; the indentation before the value is not
  // in the file at that place, so the edit must leave it as it is.
  edits = edits.map((e) => {
    if (e.offset >= lead.length) return e;
    const cut = lead.length - e.offset;
    return e.content.startsWith(sub.slice(e.offset, lead.length)) && e.length >= cut
      ? { offset: lead.length, length: e.length - cut, content: e.content.slice(cut) }
      : e;
  });
  if (edits.some((e) => e.offset < lead.length)) edits = modify(sub, rest, value, {});
  return applyEdits(
    text,
    edits.map((e) => ({ offset: loc.offset + e.offset - lead.length, length: e.length, content: e.content })),
  );
}

/** Removes element `index` of the array at `arr` (jsonc-parser breaks the text when the last element touches the bracket). */
function removeElement(text: string, arr: Located, index: number): string {
  const elements = arrayElements(text, arr.offset);
  const start = elements[index] as number;
  if (elements.length === 1) return text.slice(0, arr.offset + 1) + text.slice(arr.offset + arr.length - 1);
  const next = elements[index + 1];
  if (next !== undefined) return text.slice(0, start) + text.slice(next);
  const previousEnd = skipValue(text, elements[index - 1] as number);
  return text.slice(0, previousEnd) + text.slice(skipValue(text, start));
}

function kindName(loc: Located): string {
  return loc.kind === 'other' ? 'neither an object nor an array' : `an ${loc.kind}`;
}

/** Applies one set (value) or unset (undefined) to `text`; returns the text and the copies of each key on the path. */
function editAt(text: string, path: JsonPath, value: unknown, fmt: FormattingOptions): { text: string; copies: number[][] } {
  const walk = walkPath(text, path);
  const found = walk.at.length - 1;
  const copies = walk.copies;
  if (found === path.length) {
    const target = located(text, (walk.at[found] as { offset: number }).offset);
    // Replace the value Claude Code reads, wherever its key appears twice on the way.
    if (value !== undefined) return { text: modifyWithin(text, target, [], value, fmt), copies };
    const parentOffset = (walk.at[found - 1] as { offset: number }).offset;
    const last = path[found - 1] as string | number;
    if (walk.at[found - 1]?.kind === 'array') return { text: removeElement(text, located(text, parentOffset), last as number), copies };
    // Unset removes every copy: leaving an earlier one would bring it back to life.
    let out = text;
    for (let n = (copies[found - 1] ?? []).length; n > 0; n--) out = modifyWithin(out, located(out, parentOffset), [last], undefined, fmt);
    return { text: out, copies };
  }
  const container = located(text, (walk.at[found] as { offset: number }).offset);
  const seg = path[found] as string | number;
  if (walk.mismatch) {
    const what = found === 0 ? 'the file' : displayPath(path.slice(0, found));
    throw new Error(`${what} is ${kindName(container)}, so it has no ${typeof seg === 'number' ? `index ${seg}` : `key ${JSON.stringify(seg)}`}`);
  }
  if (value === undefined) return { text, copies };
  const rest = path.slice(found);
  if (typeof seg === 'number') {
    const length = arrayElements(text, container.offset).length;
    if (seg !== length) throw new Error(`${displayPath(path.slice(0, found))} has ${length} entries: set index ${length} to append`);
  }
  if (rest.slice(1).some((s) => typeof s === 'number')) throw new Error('an array entry cannot be created below a missing key: set the whole array');
  return { text: modifyWithin(text, container, rest, value, fmt), copies };
}

/**
 * Applies set/unset operations to settings text, one `modify` at a time.
 *
 * Refuses (throws a {@link ConfigError}) input that is not strict JSON: `INVALID_JSON` with the line
 * and column, or `JSONC_NOT_ALLOWED` for comments and trailing commas unless `convertJsonc` is set;
 * `TOO_DEEP` for a file or a value nesting objects or arrays deeper than {@link MAX_SETTINGS_DEPTH};
 * `INVALID_EDIT` for a path that cannot be edited.
 *
 * @example
 * planEdit('{\n  "env": {}\n}\n', [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://gw' }]).text
 */
export function planEdit(text: string | undefined, ops: readonly EditOp[], options: PlanEditOptions = {}): EditPlan {
  const style = detectStyle(text);
  let body = text === undefined || text.trim() === '' ? '{}' : style.bom ? text.slice(1) : text;
  let converted = false;
  // Duplicate keys are looked for on the edited paths only (walkPath below).
  let parsed = parseSettings(body, options.path, false);
  if (parsed.error) {
    if (parsed.error.code === 'settings-jsonc' && options.convertJsonc) {
      body = toStrictJson(body);
      converted = true;
      parsed = parseSettings(body, options.path, false);
      if (parsed.error) throw parseErrorDetail(body, options.path);
    } else {
      throw parseErrorDetail(body, options.path);
    }
  }
  const deep = parsed.warnings.find((d) => d.code === 'settings-too-deep');
  if (deep) {
    throw new ConfigError(
      'TOO_DEEP',
      `${where(options.path, deep)}: objects or arrays nest more than ${MAX_SETTINGS_DEPTH} levels deep here; this library does not edit such a file (it could not check the result); nothing was written`,
      { cause: deep },
    );
  }
  const current = parsed.value ?? {};
  const formattingOptions: FormattingOptions = { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol };
  const changes: EditChange[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const op of ops) {
    checkPath(op);
    const before = valueAt(current, op.path);
    const after = op.op === 'set' ? jsonValue(op, options.path) : undefined;
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    let edited: { text: string; copies: number[][] };
    try {
      edited = editAt(body, op.path, after, formattingOptions);
    } catch (cause) {
      throw new ConfigError('INVALID_EDIT', `cannot ${op.op} ${displayPath(op.path)}: ${(cause as Error).message}`, { cause });
    }
    edited.copies.forEach((copies, k) => {
      if (copies.length < 2) return;
      const key = displayPath(op.path.slice(0, k + 1));
      if (reported.has(key)) return;
      reported.add(key);
      const index = textIndex(body);
      const lines = copies.map((o) => index.lineColumn(o).line);
      const first = index.lineColumn(copies[0] as number);
      const unsetHere = op.op === 'unset' && k === op.path.length - 1;
      const place = { line: first.line, column: first.column + (style.bom && first.line === 1 ? 1 : 0) };
      diagnostics.push(
        diagnostic(
          'write-duplicate-key',
          { key, copies: copies.length, lines: lines.map(String), unset: unsetHere, op: op.op },
          options.path !== undefined ? { ...place, path: options.path } : place,
        ),
      );
    });
    body = edited.text;
    mirror(current, op.path, after);
    const change: EditChange = { path: [...op.path] };
    if (before !== undefined) change.before = before;
    if (after !== undefined) change.after = after;
    changes.push(change);
  }
  if (text === undefined || text.trim() === '') body = body.endsWith('\n') ? body : `${body}\n`;
  else if (!style.finalNewline) body = body.replace(/\r?\n$/, '');
  verifyResult(body, current, changes, options.path);
  return { text: (style.bom ? '\uFEFF' : '') + body, changes, converted, diagnostics };
}

/**
 * The plan's own guarantee: what it returns is strict JSON with an object at the top, and it reads
 * back (through `JSON.parse`, as Claude Code reads it) with every change in place.
 */
function verifyResult(body: string, expected: Record<string, unknown>, changes: readonly EditChange[], path: string | undefined): void {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const d = parseSettingsText(body, path).error;
    throw new ConfigError(
      'INVALID_EDIT',
      `internal: the planned text is not strict JSON (${d?.message ?? 'invalid'} at ${d?.line}:${d?.column}); nothing was written`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError('INVALID_EDIT', 'internal: the planned text does not hold an object; nothing was written');
  for (const c of changes) {
    if (JSON.stringify(valueAt(value, c.path)) !== JSON.stringify(valueAt(expected, c.path))) {
      throw new ConfigError('INVALID_EDIT', `internal: the planned text does not read back with ${displayPath(c.path)} as planned; nothing was written`);
    }
  }
}
