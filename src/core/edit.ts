/**
 * Minimal-diff edit plans for settings files (issue 3, §1.1). Pure: text in, text and the list of
 * changes out, so `--dry-run` and diffs cost nothing. Every byte outside the edited spans is kept;
 * the result is strict JSON, because Claude Code ignores a file with comments or trailing commas.
 */
import {
  applyEdits,
  modify,
  stripComments,
  type FormattingOptions,
} from 'jsonc-parser';
import { ConfigError } from './errors';
import { isUnsafeKey, lineColumn, parseSettingsText, trailingCommaOffsets } from './parse';
import { locateValue } from './json-locate';

export type JsonPath = (string | number)[];

export type EditOp = { op: 'set'; path: JsonPath; value: unknown } | { op: 'unset'; path: JsonPath };

export interface EditChange {
  path: JsonPath;
  before?: unknown;
  after?: unknown;
}

export interface EditPlan {
  text: string;
  changes: EditChange[];
  /** True when the input was JSONC and `convertJsonc` turned it into strict JSON. */
  converted: boolean;
}

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

function parseErrorDetail(text: string, path: string | undefined): ConfigError {
  const parsed = parseSettingsText(text, path);
  const d = parsed.error;
  const code = d?.code === 'settings-jsonc' ? 'JSONC_NOT_ALLOWED' : 'INVALID_JSON';
  const where = d?.line ? `${path ?? 'input'}:${d.line}:${d.column}` : (path ?? 'input');
  const hint = code === 'JSONC_NOT_ALLOWED' ? ' (pass convertJsonc to rewrite it as strict JSON, dropping the comments)' : '';
  return new ConfigError(code, `${where}: ${d?.message ?? 'not valid JSON'}${hint}; nothing was written`, { cause: d });
}

/** Removes comments and trailing commas: the strict JSON Claude Code reads. */
export function toStrictJson(text: string): string {
  const noComments = stripComments(text);
  let out = noComments;
  for (const offset of trailingCommaOffsets(noComments).reverse()) out = out.slice(0, offset) + out.slice(offset + 1);
  // stripComments leaves the space a comment took; trailing blanks on a line are noise.
  return out.replace(/[ \t]+(\r?\n)/g, '$1');
}

/** The value at `path` in parsed JSON (own properties only). */
function valueAt(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
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
  if (value === undefined) delete node[last];
  // A copy: a later edit below this one must not change the caller's value.
  else node[last] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function checkPath(path: JsonPath): void {
  if (path.length === 0) throw new ConfigError('INVALID_EDIT', 'an edit needs a non-empty path');
  for (const seg of path) {
    if (typeof seg === 'string' && isUnsafeKey(seg)) throw new ConfigError('INVALID_EDIT', `refusing to edit the key ${JSON.stringify(seg)}`);
  }
}

/**
 * One jsonc-parser `modify`, given only the innermost existing object or array on the path (with its
 * line's indentation, so new lines are indented as in the whole file), when there is one below the
 * root: the edit is the same, and a large file is not parsed into a tree for it.
 */
function editAt(text: string, path: JsonPath, value: unknown, formattingOptions: FormattingOptions): string {
  for (let k = path.length - 1; k >= 1; k--) {
    const loc = locateValue(text, path.slice(0, k));
    if (!loc) continue;
    if (loc.kind === 'other') break;
    const lineStart = text.lastIndexOf('\n', loc.offset - 1) + 1;
    let wsEnd = lineStart;
    while (wsEnd < loc.offset && (text.charCodeAt(wsEnd) === 32 || text.charCodeAt(wsEnd) === 9)) wsEnd++;
    const lead = text.slice(lineStart, wsEnd);
    const sub = lead + text.slice(loc.offset, loc.offset + loc.length);
    const toFull = (o: number, end: boolean): number => (o < lead.length || (end && o === lead.length) ? lineStart + o : loc.offset + (o - lead.length));
    const edits = modify(sub, path.slice(k), value, { formattingOptions });
    if (edits.some((e) => e.offset < lead.length && e.offset + e.length > lead.length)) break;
    return applyEdits(
      text,
      edits.map((e) => {
        const start = toFull(e.offset, false);
        return { offset: start, length: toFull(e.offset + e.length, true) - start, content: e.content };
      }),
    );
  }
  return applyEdits(text, modify(text, path, value, { formattingOptions }));
}

/**
 * Applies set/unset operations to settings text, one `modify` at a time.
 *
 * Refuses (throws a {@link ConfigError}) input that is not strict JSON: `INVALID_JSON` with the line
 * and column, or `JSONC_NOT_ALLOWED` for comments and trailing commas unless `convertJsonc` is set.
 *
 * @example
 * planEdit('{\n  "env": {}\n}\n', [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://gw' }]).text
 */
export function planEdit(text: string | undefined, ops: readonly EditOp[], options: PlanEditOptions = {}): EditPlan {
  const style = detectStyle(text);
  let body = text === undefined || text.trim() === '' ? '{}' : style.bom ? text.slice(1) : text;
  let converted = false;
  let parsed = parseSettingsText(body, options.path);
  if (parsed.error) {
    if (parsed.error.code === 'settings-jsonc' && options.convertJsonc) {
      body = toStrictJson(body);
      converted = true;
      parsed = parseSettingsText(body, options.path);
      if (parsed.error) throw parseErrorDetail(body, options.path);
    } else {
      throw parseErrorDetail(body, options.path);
    }
  }
  const current = parsed.value ?? {};
  const formattingOptions: FormattingOptions = { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol };
  const changes: EditChange[] = [];
  for (const op of ops) {
    checkPath(op.path);
    const before = valueAt(current, op.path);
    const after = op.op === 'set' ? op.value : undefined;
    if (op.op === 'set' && after === undefined) throw new ConfigError('INVALID_EDIT', `set ${op.path.join('.')}: the value is undefined (use unset)`);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    try {
      body = editAt(body, op.path, after, formattingOptions);
    } catch (cause) {
      throw new ConfigError('INVALID_EDIT', `cannot ${op.op} ${op.path.join('.')}: a parent is not an object or array`, { cause });
    }
    mirror(current, op.path, after);
    const change: EditChange = { path: [...op.path] };
    if (before !== undefined) change.before = before;
    if (after !== undefined) change.after = after;
    changes.push(change);
  }
  if (text === undefined || text.trim() === '') body = body.endsWith('\n') ? body : `${body}\n`;
  else if (!style.finalNewline) body = body.replace(/\r?\n$/, '');
  const result = (style.bom ? '\uFEFF' : '') + body;
  verifyStrict(result, options.path);
  return { text: result, changes, converted };
}

/** The plan's own guarantee: what it returns is strict JSON with an object at the top. */
function verifyStrict(text: string, path: string | undefined): void {
  const parsed = parseSettingsText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path);
  if (parsed.error) {
    const at = lineColumn(text, 0);
    throw new ConfigError('INVALID_EDIT', `internal: the planned text is not strict JSON (${parsed.error.message} at ${at.line}:${at.column})`);
  }
}
