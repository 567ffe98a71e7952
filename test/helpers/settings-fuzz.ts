/**
 * A seeded fuzzer over the settings parser, the resolver and the edit planner. Inputs are mutations
 * of the corpus in test/adversarial/corpus (real-looking files, JSONC, BOM, CRLF, deep nesting,
 * duplicate keys, unicode, `__proto__` keys, huge numbers, lone surrogates, NUL bytes). Shared by
 * test/adversarial/fuzz.test.ts (a few hundred cases in `npm test`) and
 * test/stress/fuzz.stress.test.ts (tens of thousands).
 *
 * Properties:
 * - `parseSettingsText` never throws, accepts exactly what `JSON.parse` accepts as an object, and
 *   returns the same value (less the entries it reports as too deep);
 * - `resolveEffectiveConfig` never throws, whatever the text and wherever it is, and never touches
 *   `Object.prototype`;
 * - `planEdit` returns text that `JSON.parse` reads as the input with the edit applied, keeping every
 *   byte outside the object it edits, or throws a `ConfigError` whose code the input explains.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner, findNodeAtLocation, parseTree, stripComments, type Node } from 'jsonc-parser';
import { ConfigError, resolveEffectiveConfig, type EditOp, type ResolveOptions } from '../../src/index';
import { planEdit } from '../../src/core/edit';
import { MAX_SETTINGS_DEPTH, parseSettingsText, toStrictJson } from '../../src/core/parse';
import { layout, type LayoutSpec } from '../../src/testing';
import { seededRandom } from './seeded';

export const CORPUS_DIR: string = join(import.meta.dirname, '..', 'adversarial', 'corpus');

export interface CorpusFile {
  name: string;
  text: string;
}

export function loadCorpus(): CorpusFile[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}

/** The seeded generator (test/helpers/seeded.ts) with helpers: a failing seed replays the same inputs. */
export class Rng {
  private readonly source: () => number;
  constructor(seed: number) {
    this.source = seededRandom(seed);
  }
  next(): number {
    return this.source();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '0',
  '-1',
  '1e400',
  '-0',
  '1.5e-7',
  'true',
  'false',
  'null',
  '"__proto__"',
  '"constructor"',
  '"env"',
  '"permissions"',
  '"x":',
  '"env": {"A": 1}',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u2028',
  '//',
  '/*',
  '*/',
  '// c\n',
  '/* c */',
  'é',
  '😀',
  '"\\u0000"',
  '"\\ud800"',
  '"\\"',
  '\\u',
  '[[[[[[[[',
  ']]]]]]]]',
  '{"a":{"a":{"a":',
];
const KEYS = [
  'env',
  'permissions',
  'apiKeyHelper',
  'model',
  'availableModels',
  'fallbackModel',
  'forceLoginMethod',
  'policyHelper',
  'hooks',
  'sandbox',
  '__proto__',
  'constructor',
  'prototype',
  'wslInheritsWindowsSettings',
  'forceLoginOrgUUID',
  'x',
  '',
  'ü',
  '\u0000',
  'a.b',
  '0',
];
const ENV_NAMES = [
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_CUSTOM_HEADERS',
  'CLAUDE_CODE_USE_BEDROCK',
  'HTTPS_PROXY',
  'CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST',
  'CLAUDE_CODE_API_KEY_HELPER_TTL_MS',
  'PATH',
  '__proto__',
  'X',
  'toString',
  'hasOwnProperty',
];

function nest(rng: Rng, depth: number): unknown {
  let v: unknown = rng.chance(0.5) ? [] : 'leaf';
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
  return v;
}

export function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 6 : 9)) {
    case 0:
      return rng.pick(['', 'https://gw.example.com', 'sk-fuzz-123', 'a"b\\c', '\u0000', '\uD800x', 'é😀', 'X: y\nZ: w', '1']);
    case 1:
      return rng.pick([0, -0, 1, -1, 1e308, 123456789012345680000, 0.1, 2 ** 53]);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return `v${rng.int(1000)}`;
    case 4:
      return rng.int(100);
    case 5:
      return rng.pick([null, 'x']);
    case 6: {
      const out: unknown[] = [];
      for (let i = rng.int(4); i > 0; i--) out.push(randomValue(rng, depth + 1));
      return out;
    }
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--)
        Object.defineProperty(out, rng.pick(KEYS), { value: randomValue(rng, depth + 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    default:
      return nest(rng, rng.pick([2, 50, MAX_SETTINGS_DEPTH - 3, MAX_SETTINGS_DEPTH, MAX_SETTINGS_DEPTH + 5, 400]));
  }
}

/** Serialises like JSON.stringify, in a random style, sometimes writing an earlier copy of a key first. */
function emit(rng: Rng, v: unknown, indent: string, eol: string, level: number, dup: number): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const pad = indent === '' ? '' : eol + indent.repeat(level + 1);
  const end = indent === '' ? '' : eol + indent.repeat(level);
  const sep = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => pad + emit(rng, x, indent, eol, level + 1, dup)).join(',')}${end}]`;
  }
  const parts: string[] = [];
  for (const k of Object.keys(v)) {
    if (rng.chance(dup)) parts.push(`${pad}${JSON.stringify(k)}${sep}${emit(rng, randomValue(rng, 3), indent, eol, level + 1, 0)}`);
    parts.push(`${pad}${JSON.stringify(k)}${sep}${emit(rng, (v as Record<string, unknown>)[k], indent, eol, level + 1, dup)}`);
  }
  return parts.length === 0 ? '{}' : `{${parts.join(',')}${end}}`;
}

function serialise(rng: Rng, v: unknown): string {
  const indent = rng.pick(['', '  ', '    ', '\t', ' ']);
  const eol = rng.pick(['\n', '\n', '\r\n']);
  let text = emit(rng, v, indent, eol, 0, rng.chance(0.3) ? 0.15 : 0);
  if (rng.chance(0.7)) text += eol;
  if (rng.chance(0.1)) text = `\uFEFF${text}`;
  return text;
}

function parsedObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A random object or array inside `v` (at most `limit` levels down), with its path. */
function randomContainer(rng: Rng, v: unknown, limit = 8): { node: Record<string, unknown> | unknown[]; path: (string | number)[] } | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  let node = v as Record<string, unknown> | unknown[];
  const path: (string | number)[] = [];
  for (let i = 0; i < limit && rng.chance(0.6); i++) {
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
    const next = keys.filter((k) => {
      const x = (node as Record<string | number, unknown>)[k];
      return x !== null && typeof x === 'object';
    });
    if (next.length === 0) break;
    const k = rng.pick(next);
    path.push(k);
    node = (node as Record<string | number, unknown>)[k] as Record<string, unknown> | unknown[];
  }
  return { node, path };
}

function mutateValue(rng: Rng, v: Record<string, unknown>): void {
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const target = randomContainer(rng, v, MAX_SETTINGS_DEPTH + 10);
    if (!target) return;
    const { node } = target;
    if (Array.isArray(node)) {
      if (node.length > 0 && rng.chance(0.3)) node.splice(rng.int(node.length), 1);
      else node.push(randomValue(rng));
      continue;
    }
    const key = rng.chance(0.4) ? rng.pick(ENV_NAMES) : rng.pick(KEYS);
    const r = rng.int(4);
    if (r === 0 && Object.keys(node).length > 0) delete node[rng.pick(Object.keys(node))];
    else if (r === 1)
      Object.defineProperty(node, 'env', {
        value: Object.fromEntries(ENV_NAMES.map((k) => [k, randomValue(rng, 4)])),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else Object.defineProperty(node, key, { value: randomValue(rng), enumerable: true, writable: true, configurable: true });
  }
}

function mutateText(rng: Rng, text: string, corpus: readonly CorpusFile[]): string {
  let out = text;
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const at = rng.int(out.length + 1);
    switch (rng.int(6)) {
      case 0:
      case 1:
        out = out.slice(0, at) + rng.pick(TOKENS) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + rng.int(8));
        break;
      case 3: {
        const len = 1 + rng.int(40);
        out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
        break;
      }
      case 4: {
        const other = rng.pick(corpus).text;
        out = out.slice(0, at) + other.slice(rng.int(other.length + 1));
        break;
      }
      default: {
        const d = rng.pick([3, MAX_SETTINGS_DEPTH - 1, MAX_SETTINGS_DEPTH + 1, 2000]);
        out = `${out.slice(0, at)}${'['.repeat(d)}${']'.repeat(d)}${out.slice(at)}`;
      }
    }
  }
  return out;
}

/** One fuzzed settings text. */
export function fuzzText(rng: Rng, corpus: readonly CorpusFile[]): string {
  const seed = rng.pick(corpus).text;
  const r = rng.int(10);
  if (r < 4) {
    const v = parsedObject(seed);
    // The serialiser here is recursive: very deep seeds are mutated as text.
    if (v && depthOf(v, 1000) <= 1000) {
      mutateValue(rng, v);
      return serialise(rng, v);
    }
  }
  if (r < 5) return seed;
  return mutateText(rng, seed, corpus);
}

/** Edits for `text`: mostly paths that exist (or nearly), sometimes odd ones. */
export function fuzzOps(rng: Rng, text: string): EditOp[] {
  const v = parsedObject(text) ?? {};
  const ops: EditOp[] = [];
  for (let n = 1 + (rng.chance(0.3) ? rng.int(3) : 0); n > 0; n--) {
    const target = randomContainer(rng, v, 12) ?? { node: v, path: [] };
    const path = [...target.path];
    const node = target.node;
    if (Array.isArray(node)) path.push(rng.pick([0, node.length - 1, node.length, node.length + 1, -1].filter((i) => i >= -1)));
    else {
      const keys = Object.keys(node);
      path.push(keys.length > 0 && rng.chance(0.6) ? rng.pick(keys) : rng.pick([...ENV_NAMES, ...KEYS]));
    }
    for (let extra = rng.chance(0.2) ? 1 + rng.int(2) : 0; extra > 0; extra--) path.push(rng.chance(0.9) ? rng.pick(ENV_NAMES) : 0);
    if (rng.chance(0.05)) path.push('__proto__');
    if (rng.chance(0.4)) ops.push({ op: 'unset', path });
    else {
      const value = rng.chance(0.05) ? rng.pick([undefined, 10n, () => 1, new Date(0), { toJSON: () => 'j' }]) : randomValue(rng);
      ops.push({ op: 'set', path, value });
    }
  }
  if (rng.chance(0.02)) ops.push({ op: 'set', path: [], value: 1 });
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Properties

export class PropertyError extends Error {}

function fail(message: string): never {
  throw new PropertyError(message);
}

/** Nesting depth of a parsed value (an object or array is 1), iterative, stopping once past `limit`. */
function depthOf(v: unknown, limit = MAX_SETTINGS_DEPTH + 1): number {
  if (v === null || typeof v !== 'object') return 0;
  let max = 1;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop() as [unknown, number];
    max = Math.max(max, d);
    if (max > limit) return max;
    for (const c of Object.values(x as object)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return max;
}

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join();
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort().join();

function checkPrototypes(): void {
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTO_NAMES) fail('Object.prototype was changed');
  if (Object.getOwnPropertyNames(Array.prototype).sort().join() !== ARRAY_PROTO_NAMES) fail('Array.prototype was changed');
  if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('an object inherits "polluted"');
}

export function checkParse(text: string): void {
  let parsed: ReturnType<typeof parseSettingsText>;
  try {
    parsed = parseSettingsText(text, '/fuzz/settings.json');
  } catch (error) {
    fail(`parseSettingsText threw ${String(error)}`);
  }
  const expected = parsedObject(text);
  if ((parsed.value !== undefined) !== (expected !== undefined))
    fail(`parseSettingsText accepts=${parsed.value !== undefined}, JSON.parse accepts=${expected !== undefined}`);
  if ((parsed.error !== undefined) === (parsed.value !== undefined)) fail('exactly one of value and error must be set');
  const lines = text.split('\n').length;
  for (const d of [...(parsed.error ? [parsed.error] : []), ...parsed.warnings]) {
    if (d.line !== undefined && !(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines)) fail(`diagnostic ${d.code} at line ${d.line} of ${lines}`);
    if (d.column !== undefined && !(Number.isInteger(d.column) && d.column >= 1)) fail(`diagnostic ${d.code} at column ${d.column}`);
  }
  if (!expected || !parsed.value) return;
  const tooDeep = parsed.warnings.some((d) => d.code === 'settings-too-deep');
  if (tooDeep !== depthOf(expected) > MAX_SETTINGS_DEPTH) fail(`settings-too-deep reported=${tooDeep}, depth ${depthOf(expected)}`);
  if (depthOf(parsed.value) > MAX_SETTINGS_DEPTH) fail('the parsed value still nests too deep');
  if (!tooDeep && JSON.stringify(parsed.value) !== JSON.stringify(expected)) fail('the parsed value differs from JSON.parse');
}

/** Where the text goes: every source the resolver reads, and the object channels. */
const PLACES = [
  'user',
  'project',
  'local',
  'localLeftover',
  'managedFile',
  'dropIn',
  'settingsFlag',
  'settingsFile',
  'globalConfig',
  'hklm',
  'remote',
  'plist',
  'policyHelperOutput',
] as const;

export async function checkResolve(rng: Rng, text: string): Promise<void> {
  const place = rng.pick(PLACES);
  const spec: LayoutSpec = { git: rng.chance(0.5), interactive: rng.chance(0.5), user: { env: { ANTHROPIC_BASE_URL: 'https://user.example.com' } } };
  const object = parsedObject(text);
  switch (place) {
    case 'dropIn':
      spec.managedFile = { env: { A: 'managed' } };
      spec.dropIns = { '50-fuzz.json': text };
      break;
    case 'localLeftover':
      spec.git = '/home/user/repo';
      spec.cwd = '/home/user/repo/sub';
      spec.localLeftover = text;
      break;
    case 'settingsFlag':
      if (!text.trimStart().startsWith('{')) return checkResolve(rng, text);
      spec.settingsFlag = text;
      break;
    case 'settingsFile':
      spec.settingsFlag = '/tmp/fuzz-settings.json';
      spec.files = { '/tmp/fuzz-settings.json': text };
      break;
    case 'hklm':
      spec.platform = 'win32';
      spec.managed = { hklm: text };
      break;
    case 'remote':
    case 'plist':
      if (!object) return checkResolve(rng, text);
      spec.platform = place === 'plist' ? 'darwin' : 'linux';
      spec.managed = { [place]: object };
      break;
    case 'policyHelperOutput':
      if (!object) return checkResolve(rng, text);
      spec.managedFile = { policyHelper: { path: '/opt/helper' } };
      spec.managed = { policyHelperOutput: object };
      break;
    case 'globalConfig':
      spec.globalConfig = text;
      break;
    default:
      spec[place] = text;
  }
  let options: ResolveOptions;
  try {
    options = layout(spec);
  } catch {
    return; // the test kit could not lay the text out (not the resolver's business)
  }
  let config: Awaited<ReturnType<typeof resolveEffectiveConfig>>;
  try {
    config = await resolveEffectiveConfig(options);
  } catch (error) {
    fail(`resolveEffectiveConfig threw with the text as ${place}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  checkPrototypes();
  if (Object.getPrototypeOf(config.settings) !== Object.prototype || Object.getPrototypeOf(config.env) !== Object.prototype)
    fail('a result object lost its prototype');
  try {
    JSON.stringify(config);
  } catch (error) {
    fail(`the result cannot be printed as JSON: ${String(error)}`);
  }
  if (depthOf(config.settings) > MAX_SETTINGS_DEPTH) fail(`the merged settings nest too deep (the text as ${place})`);
}

type Model = { ok: true; doc: Record<string, unknown> } | { ok: false; codes: readonly string[] };

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** What planEdit should do, modelled on parsed values. */
function model(text: string | undefined, ops: readonly EditOp[], convertJsonc: boolean): Model {
  let doc: Record<string, unknown>;
  if (text === undefined || text.trim() === '') doc = {};
  else {
    const body = text.replace(/^\uFEFF/, '');
    const direct = parsedObject(body);
    if (direct) doc = direct;
    else {
      let strict: Record<string, unknown> | undefined;
      let stripped = false;
      try {
        // JSONC the scanner reads without error (an unterminated comment is not JSONC).
        const scanner = createScanner(body, false);
        // 17 is SyntaxKind.EOF, 0 ScanError.None (ambient const enums, which verbatimModuleSyntax cannot read).
        for (let kind: number = scanner.scan(); kind !== 17; kind = scanner.scan())
          if ((scanner.getTokenError() as number) !== 0) throw new Error('scan error');
        // A comment separates tokens as a space does (stripComments alone would join `1/**/2` into 12).
        if (!parsedObject(toStrictJson(stripComments(body, ' ')))) throw new Error('not JSONC');
        const s = toStrictJson(body);
        stripped = true;
        strict = parsedObject(s);
      } catch {
        // not JSONC either
      }
      if (!strict || !stripped) return { ok: false, codes: ['INVALID_JSON'] };
      if (!convertJsonc) return { ok: false, codes: ['JSONC_NOT_ALLOWED', 'INVALID_JSON'] };
      doc = strict;
    }
    if (depthOf(doc) > MAX_SETTINGS_DEPTH) return { ok: false, codes: ['TOO_DEEP'] };
  }
  for (const op of ops) {
    const path = op.path;
    if (path.length === 0 || path.some((s) => (typeof s === 'string' ? UNSAFE.has(s) : !(Number.isSafeInteger(s) && s >= 0))))
      return { ok: false, codes: ['INVALID_EDIT'] };
    if (path.length > MAX_SETTINGS_DEPTH) return { ok: false, codes: ['TOO_DEEP'] };
    let value: unknown;
    if (op.op === 'set') {
      if (op.value === undefined) return { ok: false, codes: ['INVALID_EDIT'] };
      if (depthOf(op.value, 10_000) + path.length > MAX_SETTINGS_DEPTH) return { ok: false, codes: ['TOO_DEEP'] };
      let json: string | undefined;
      try {
        json = JSON.stringify(op.value);
      } catch {
        return { ok: false, codes: ['INVALID_EDIT'] };
      }
      if (json === undefined) return { ok: false, codes: ['INVALID_EDIT'] };
      value = JSON.parse(json);
    }
    // "before", read as planEdit reads it: keys into objects, indexes into arrays.
    let node: unknown = doc;
    let before: unknown = doc;
    for (const seg of path) {
      if (before === null || typeof before !== 'object' || Array.isArray(before) !== (typeof seg === 'number') || !Object.hasOwn(before, seg)) {
        before = undefined;
        break;
      }
      before = (before as Record<string | number, unknown>)[seg];
    }
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    if (op.op === 'unset' && before === undefined) continue;
    node = doc;
    for (let k = 0; k < path.length; k++) {
      const seg = path[k] as string | number;
      const last = k === path.length - 1;
      if (Array.isArray(node)) {
        if (typeof seg !== 'number' || seg > node.length) return { ok: false, codes: ['INVALID_EDIT'] };
        if (seg === node.length) {
          if (path.slice(k + 1).some((s) => typeof s === 'number')) return { ok: false, codes: ['INVALID_EDIT'] };
          let v = value;
          for (let j = path.length - 1; j > k; j--) v = { [path[j] as string]: v };
          node.push(v);
          break;
        }
        if (last) {
          if (op.op === 'unset') node.splice(seg, 1);
          else node[seg] = value;
          break;
        }
        node = node[seg];
      } else if (node !== null && typeof node === 'object') {
        if (typeof seg !== 'string') return { ok: false, codes: ['INVALID_EDIT'] };
        const o = node as Record<string, unknown>;
        if (!Object.hasOwn(o, seg)) {
          if (path.slice(k + 1).some((s) => typeof s === 'number')) return { ok: false, codes: ['INVALID_EDIT'] };
          let v = value;
          for (let j = path.length - 1; j > k; j--) v = { [path[j] as string]: v };
          o[seg] = v;
          break;
        }
        if (last) {
          if (op.op === 'unset') delete o[seg];
          else o[seg] = value;
          break;
        }
        node = o[seg];
      } else {
        return { ok: false, codes: ['INVALID_EDIT'] };
      }
    }
  }
  return { ok: true, doc };
}

/** The last copy of the node at `path` in a jsonc-parser tree (JSON.parse reads the last duplicate). */
function lastNodeAt(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'string') {
      if (node.type !== 'object') return undefined;
      const props: Node[] = (node.children ?? []).filter((p: Node) => p.children?.[0]?.value === seg);
      node = props.at(-1)?.children?.[1];
    } else {
      node = node.type === 'array' ? findNodeAtLocation(node, [seg]) : undefined;
    }
  }
  return node;
}

/** The span planEdit may change for one op: the value it replaces, or the innermost existing object or array. */
function editSpan(body: string, op: EditOp): { start: number; end: number } {
  const root = parseTree(body) as Node;
  let k = op.path.length;
  if (op.op === 'unset') k--;
  for (; k >= 0; k--) {
    const node = lastNodeAt(root, op.path.slice(0, k));
    if (node && (k === op.path.length || node.type === 'object' || node.type === 'array')) return { start: node.offset, end: node.offset + node.length };
  }
  return { start: root.offset, end: root.offset + root.length };
}

export function checkPlan(text: string | undefined, ops: EditOp[], convertJsonc: boolean): void {
  const expected = model(text, ops, convertJsonc);
  let plan: ReturnType<typeof planEdit>;
  try {
    plan = planEdit(text, ops, { path: '/fuzz/settings.json', convertJsonc });
  } catch (error) {
    if (!(error instanceof ConfigError)) fail(`planEdit threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}, not a ConfigError`);
    if (error.message.includes('internal')) fail(`planEdit failed its own check: ${error.message}`);
    if (expected.ok) fail(`planEdit refused (${error.code}: ${error.message}) an edit the model applies`);
    if (!expected.codes.includes(error.code)) fail(`planEdit threw ${error.code} (${error.message}); expected ${expected.codes.join(' or ')}`);
    return;
  }
  if (!expected.ok) fail(`planEdit accepted what the model refuses (${expected.codes.join(' or ')})`);
  const body = plan.text.replace(/^\uFEFF/, '');
  let got: unknown;
  try {
    got = JSON.parse(body);
  } catch (error) {
    fail(`the planned text is not JSON: ${String(error)}`);
  }
  if (JSON.stringify(got) !== JSON.stringify(expected.doc))
    fail(`the planned text reads back as ${JSON.stringify(got).slice(0, 300)}, expected ${JSON.stringify(expected.doc).slice(0, 300)}`);
  if (text !== undefined && text.trim() !== '' && (text.charCodeAt(0) === 0xfeff) !== (plan.text.charCodeAt(0) === 0xfeff))
    fail('the byte-order mark was not kept');
  // Every byte outside the edited object stays, for one edit of a strict JSON file.
  if (text === undefined || text.trim() === '' || plan.converted || plan.changes.length !== 1 || ops.length !== 1) return;
  const before = text.replace(/^\uFEFF/, '');
  const op = ops[0] as EditOp;
  const { start, end } = editSpan(before, op);
  if (!body.startsWith(before.slice(0, start))) fail(`bytes before the edited span (0-${start}) changed`);
  const tail = before.slice(end);
  const tailKept = body.endsWith(tail) || (!/\r?\n$/.test(before) && body.endsWith(tail.replace(/\r?\n$/, '')));
  if (!tailKept) fail(`bytes after the edited span (from ${end}) changed`);
}

/** Shortens an input for a failure message, escaping what a terminal would act on. */
export function show(text: string | undefined, max = 600): string {
  if (text === undefined) return 'undefined';
  const s = JSON.stringify(text.length > max ? `${text.slice(0, max / 2)}…(${text.length} chars)…${text.slice(-max / 2)}` : text);
  return s;
}

export interface FuzzFailure {
  seed: number;
  index: number;
  stage: string;
  input: string;
  ops?: string;
  message: string;
}

/** Runs `cases` fuzz cases from `seed`; returns the failures (the first few of each stage). */
export async function runFuzz(seed: number, cases: number, corpus: readonly CorpusFile[]): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  for (let index = 0; index < cases; index++) {
    const rng = new Rng(seed + index * 7919);
    const text = fuzzText(rng, corpus);
    const ops = fuzzOps(rng, text);
    const convertJsonc = rng.chance(0.3);
    const record = (stage: string, error: unknown, withOps = false): void => {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof PropertyError)) throw error;
      const f: FuzzFailure = { seed, index, stage, input: show(text), message };
      if (withOps) f.ops = show(JSON.stringify(ops, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? '<function>' : v)));
      failures.push(f);
    };
    try {
      checkParse(text);
    } catch (error) {
      record('parse', error);
    }
    try {
      await checkResolve(rng, text);
    } catch (error) {
      record('resolve', error);
    }
    try {
      checkPlan(rng.chance(0.05) ? undefined : text, ops, convertJsonc);
    } catch (error) {
      record('plan', error, true);
    }
    checkPrototypes();
    if (failures.length >= 10) break;
  }
  return failures;
}

/** A failure list as a message that replays: the seed, the case, the input. */
export function describeFailures(failures: readonly FuzzFailure[]): string {
  return failures.map((f) => `seed ${f.seed} case ${f.index} (${f.stage}): ${f.message}\n  input: ${f.input}${f.ops ? `\n  ops: ${f.ops}` : ''}`).join('\n');
}
