/**
 * Minimal-diff edit plans for settings files (issue 3, §1.1). Pure: text in, text and the list of
 * changes out, so `--dry-run` and diffs cost nothing. Every byte outside the edited spans is kept;
 * the result is strict JSON, because Claude Code ignores a file with comments or trailing commas.
 */
import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  stripComments,
  type FormattingOptions,
} from 'jsonc-parser';
import { ConfigError } from './errors';
import { isUnsafeKey, lineColumn, parseSettingsText, trailingCommaOffsets } from './parse';

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

export function detectStyle(text: string | undefined): TextStyle {
  if (text === undefined || text.trim() === '') return { eol: '\n', insertSpaces: true, tabSize: 2, bom: false, finalNewline: true };
  const bom = text.charCodeAt(0) === 0xfeff;
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1] ?? '');
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

function valueAt(text: string, path: JsonPath): unknown {
  const tree = parseTree(text);
  const node = tree ? findNodeAtLocation(tree, path) : undefined;
  return node ? getNodeValue(node) : undefined;
}

function checkPath(path: JsonPath): void {
  if (path.length === 0) throw new ConfigError('INVALID_EDIT', 'an edit needs a non-empty path');
  for (const seg of path) {
    if (typeof seg === 'string' && isUnsafeKey(seg)) throw new ConfigError('INVALID_EDIT', `refusing to edit the key ${JSON.stringify(seg)}`);
  }
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
  const parsed = parseSettingsText(body, options.path);
  if (parsed.error) {
    if (parsed.error.code === 'settings-jsonc' && options.convertJsonc) {
      body = toStrictJson(body);
      converted = true;
      const again = parseSettingsText(body, options.path);
      if (again.error) throw parseErrorDetail(body, options.path);
    } else {
      throw parseErrorDetail(body, options.path);
    }
  }
  const formattingOptions: FormattingOptions = { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol };
  const changes: EditChange[] = [];
  for (const op of ops) {
    checkPath(op.path);
    const before = valueAt(body, op.path);
    const after = op.op === 'set' ? op.value : undefined;
    if (op.op === 'set' && after === undefined) throw new ConfigError('INVALID_EDIT', `set ${op.path.join('.')}: the value is undefined (use unset)`);
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    try {
      body = applyEdits(body, modify(body, op.path, after, { formattingOptions }));
    } catch (cause) {
      throw new ConfigError('INVALID_EDIT', `cannot ${op.op} ${op.path.join('.')}: a parent is not an object or array`, { cause });
    }
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
