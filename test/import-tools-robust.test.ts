/**
 * The readers of other tools' configuration (claude-code-router, cc-switch) held to "tolerant of
 * versions": an unknown or malformed field is named in a diagnostic, never a crash, and the secrets
 * the files hold never leak. Seeded: a failure prints the seed (`TEST_SEED=<seed> npx vitest run
 * test/import-tools-robust.test.ts` replays it). SQLite databases are built with the real SQLite
 * library (python3's sqlite3), read-only checked by their bytes and mtime.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFromCcSwitchConfig, importFromCcSwitchRows, importFromRouterConfig, importFromTool } from '../src/index';
import type { ToolImport } from '../src/index';
import { fieldPath, parseToolText } from '../src/core/import/tool-data';
import { runCli, STACK_LINE, type CliResult } from './helpers/cli-io';
import { makeCliWorld, REPO_ROOT, type CliWorld } from './helpers/cli-world';
import { TEST_SEED, seededRandom } from './helpers/seeded';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'import');
const CCR = join(FIXTURES, 'claude-code-router');
const CCS = join(FIXTURES, 'cc-switch');
const SEED = `TEST_SEED=${TEST_SEED}`;

type Obj = Record<string, unknown>;
type Rand = () => number;

const text = (path: string): string => readFileSync(path, 'utf8');
const codes = (r: ToolImport): string[] => r.config.diagnostics.map((d) => d.code);
const fieldsOf = (r: ToolImport, code: string): string[] =>
  r.config.diagnostics.filter((d) => d.code === code).map((d) => String((d.args as Obj | undefined)?.['field']));
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

let world: CliWorld | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  world?.cleanup();
  world = undefined;
});

// ---------------------------------------------------------------------------------------------
// Random values and mutations

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const word = (rand: Rand, n: number): string => Array.from({ length: n }, () => pick(rand, [...ALNUM])).join('');

/** A fresh value of a random JSON type (never shared between places). */
function randomValue(rand: Rand, depth = 0): unknown {
  switch (int(rand, 0, depth > 2 ? 4 : 7)) {
    case 0:
      return null;
    case 1:
      return pick(rand, [0, -1, 3456, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER]);
    case 2:
      return pick(rand, ['', ' ', 'x', '$HOME', '${UNSET_VAR}', 'http://', 'provider,model', ',', 'a,b,c', '\u0000', 'é😀']);
    case 3:
      return rand() < 0.5;
    case 4:
      return word(rand, int(rand, 1, 12));
    case 5:
      return Array.from({ length: int(rand, 0, 3) }, () => randomValue(rand, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(rand, 0, 3) }, () => [word(rand, int(rand, 1, 6)), randomValue(rand, depth + 1)]));
  }
}

/** Every object and array of the tree (the root included). */
function containers(root: unknown): (Obj | unknown[])[] {
  const out: (Obj | unknown[])[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      out.push(v);
      v.forEach(walk);
    } else if (isObj(v)) {
      out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(root);
  return out;
}

const flipCase = (key: string): string => {
  const swapped = [...key].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  return swapped !== key ? swapped : `${key}X`;
};

/** Applies one random mutation in place; an added unknown key is named `xUnknown<n>`. */
function mutate(root: Obj, rand: Rand, counter: { n: number }): string {
  const all = containers(root);
  const c = pick(rand, all);
  const keys: (string | number)[] = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
  const kind = keys.length === 0 ? 'add' : pick(rand, ['delete', 'replace', 'replace', 'add', 'add', 'case', 'huge', 'shape']);
  if (kind === 'add') {
    const objects = all.filter(isObj);
    const target = pick(rand, objects);
    const key = `xUnknown${counter.n++}`;
    target[key] = randomValue(rand);
    return `add ${key}`;
  }
  const k = pick(rand, keys);
  const get = (): unknown => (c as Obj)[k as string];
  const set = (v: unknown): void => {
    (c as Obj)[k as string] = v;
  };
  switch (kind) {
    case 'delete':
      if (Array.isArray(c)) c.splice(k as number, 1);
      else delete c[k as string];
      return `delete ${k}`;
    case 'replace':
      set(randomValue(rand));
      return `replace ${k}`;
    case 'case': {
      if (Array.isArray(c)) return 'noop';
      const v = c[k as string];
      delete c[k as string];
      c[flipCase(k as string)] = v;
      return `case ${k}`;
    }
    case 'huge':
      set(`${word(rand, 8)}$HOME,${'x'.repeat(int(rand, 10_000, 200_000))}`);
      return `huge ${k}`;
    default: {
      const v = get();
      if (Array.isArray(v)) set(Object.fromEntries(v.map((x, i) => [String(i), x])));
      else if (isObj(v)) set(Object.values(v));
      else set([v]);
      return `shape ${k}`;
    }
  }
}

/** The objects whose keys a reader checks, with the path it names their fields under. */
function walkedCcr(root: Obj): Map<Obj, string> {
  const out = new Map<Obj, string>([[root, '']]);
  const listKey = Array.isArray(root['Providers']) ? 'Providers' : 'providers';
  const list = root[listKey];
  if (Array.isArray(list)) list.forEach((p, i) => isObj(p) && typeof p['name'] === 'string' && out.set(p, fieldPath(listKey, i)));
  if (isObj(root['Router'])) out.set(root['Router'], 'Router');
  return out;
}

function walkedCcSwitch(root: Obj): Map<Obj, string> {
  const out = new Map<Obj, string>();
  const v1 = isObj(root['providers']) && typeof root['current'] === 'string' && root['claude'] === undefined;
  const manager = v1 ? root : root['claude'];
  if (!isObj(manager)) return out;
  const prefix = v1 ? '' : 'claude';
  // The v1 root is the Claude manager too; it is checked by a separate test below.
  if (!v1) out.set(manager, prefix);
  const list = manager['providers'];
  if (isObj(list)) for (const [id, p] of Object.entries(list)) if (isObj(p)) out.set(p, fieldPath(fieldPath(prefix, 'providers'), id));
  return out;
}

/** The paths of the added unknown keys sitting in a place the reader walks. */
function expectedUnknown(root: Obj, walked: Map<Obj, string>): string[] {
  const out: string[] = [];
  for (const c of containers(root)) {
    const at = isObj(c) ? walked.get(c) : undefined;
    if (at === undefined || !isObj(c)) continue;
    for (const k of Object.keys(c)) if (/^xUnknown\d+$/.test(k)) out.push(fieldPath(at, k));
  }
  return out;
}

/** What every import must be, whatever it read. */
function checkShape(r: ToolImport, context: string): void {
  expect(r, context).toBeTypeOf('object');
  expect(Array.isArray(r.providers), context).toBe(true);
  expect(r.providers.filter((p) => p.active).length, context).toBeLessThanOrEqual(1);
  for (const [k, v] of Object.entries(r.config.env)) expect(typeof v, `${context}: env ${k}`).toBe('string');
  for (const s of r.secrets) expect(typeof s, context).toBe('string');
  for (const d of r.config.diagnostics) {
    expect(typeof d.code, context).toBe('string');
    expect(typeof d.message, context).toBe('string');
  }
  expect(() => JSON.stringify(r), context).not.toThrow();
}

// ---------------------------------------------------------------------------------------------

describe('mutation fuzz of the core readers', () => {
  const CASES = 120;
  const fixtures: { name: string; data: () => Obj; read: (data: Obj) => ToolImport; walked: (root: Obj) => Map<Obj, string> }[] = [
    ...['config.json', 'config-old.json', 'config-with-comments.json5'].map((f) => ({
      name: `claude-code-router/${f}`,
      data: () => JSON5.parse(text(join(CCR, f))) as Obj,
      read: (data: Obj) =>
        importFromRouterConfig(data, { file: f, storage: f.includes('old') ? 'sqlite' : 'json', env: { HOME: '/home/u', CCR_TEST_APIKEY: 'sk-env-0001x' } }),
      walked: walkedCcr,
    })),
    ...['config.json', 'config-v1.json'].map((f) => ({
      name: `cc-switch/${f}`,
      data: () => JSON.parse(text(join(CCS, f))) as Obj,
      read: (data: Obj) => importFromCcSwitchConfig(data, { file: f }),
      walked: walkedCcSwitch,
    })),
  ];

  for (const fx of fixtures) {
    it(`${fx.name}: ${CASES} mutated copies never throw; unknown keys where the reader looks are named; env values are strings; at most one active`, () => {
      const rand = seededRandom(TEST_SEED ^ [...fx.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
      const base = fx.data();
      let named = 0;
      for (let i = 0; i < CASES; i++) {
        const data = structuredClone(base);
        const counter = { n: 0 };
        const steps = Array.from({ length: int(rand, 1, 6) }, () => mutate(data, rand, counter));
        const context = `${SEED}, ${fx.name} case ${i}: ${steps.join('; ')}`;
        const expected = expectedUnknown(data, fx.walked(data));
        let r: ToolImport | undefined;
        expect(() => {
          r = fx.read(data);
        }, context).not.toThrow();
        checkShape(r as ToolImport, context);
        const unknown = fieldsOf(r as ToolImport, 'import-unknown-field');
        for (const path of expected) expect(unknown, `${context}: ${path}`).toContain(path);
        named += expected.length;
      }
      // The assertion above must have had something to check.
      expect(named, SEED).toBeGreaterThan(CASES / 10);
    });
  }

  it('the database rows: any column of any type, never a throw', () => {
    const rand = seededRandom(TEST_SEED ^ 0x5eed);
    const base = JSON.parse(text(join(CCS, 'config.json'))) as { claude: { providers: Record<string, Obj> } };
    const odd = (): unknown =>
      pick(rand, [null, undefined, 0, 1, 2, -1, 'true', '1', '', 'not json', '{', '[]', 'null', 7n, new Uint8Array([123, 125]), true, false]);
    for (let i = 0; i < 150; i++) {
      const rows = Object.values(structuredClone(base.claude.providers)).map((p, j) => {
        const settings = structuredClone(p['settingsConfig']) as Obj;
        for (let m = int(rand, 0, 3); m > 0; m--) mutate(settings, rand, { n: 0 });
        const row: Obj = {
          id: String(p['id']),
          app_type: rand() < 0.9 ? 'claude' : 'codex',
          name: p['name'],
          settings_config: JSON.stringify(settings),
          meta: '{}',
          is_current: j === 0 ? 1 : 0,
          sort_index: j,
        };
        for (const col of ['name', 'settings_config', 'meta', 'is_current', 'sort_index', 'website_url']) if (rand() < 0.25) row[col] = odd();
        return row;
      });
      const extras = pick(rand, [{}, { deviceSettings: odd() }, { commonSnippet: pick(rand, ['{"env":{"A":"1"}}', '{', 'null', '[1]', '']) }]);
      const context = `${SEED}, rows case ${i}: ${JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)).slice(0, 400)}`;
      let r: ToolImport | undefined;
      expect(() => {
        r = importFromCcSwitchRows(rows as never, extras as never, { file: 'cc-switch.db' });
      }, context).not.toThrow();
      checkShape(r as ToolImport, context);
    }
  });

  it('non-objects at the top never throw and say the file is unreadable', () => {
    for (const data of [null, undefined, [], [{}], 0, 'x', true, new Date(0)]) {
      for (const r of [importFromRouterConfig(data, { file: 'f' }), importFromCcSwitchConfig(data, { file: 'f' })]) {
        checkShape(r, String(data));
        if (!(data instanceof Date)) expect(codes(r), String(data)).toContain('import-unreadable');
      }
    }
  });

  it('cc-switch v1 (the store is the Claude manager itself): an unknown top-level key is named', () => {
    const data = JSON.parse(text(join(CCS, 'config-v1.json'))) as Obj;
    data['xUnknown0'] = { future: true };
    const r = importFromCcSwitchConfig(data, { file: 'config.json' });
    expect(fieldsOf(r, 'import-unknown-field')).toContain('xUnknown0');
  });
});

// ---------------------------------------------------------------------------------------------

/** A secret of the shapes tools keep (`sk-…`, at least 12 characters). */
const secret = (rand: Rand): string => `sk-${pick(rand, ['', 'ant-', 'or-v1-', 'proj-'])}${word(rand, int(rand, 12, 48))}`;

/** Every 8-character piece of a secret (a mask must not show any). */
const pieces = (s: string): string[] => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8));

function expectNoLeak(r: CliResult, secrets: readonly string[], context: string): void {
  const all = r.stdout + r.stderr;
  for (const s of secrets) for (const p of pieces(s)) expect(all.includes(p), `${context}: ${p} of a secret is shown:\n${all}`).toBe(false);
  expect(all, context).not.toMatch(STACK_LINE);
}

describe('secrets never leak', () => {
  const cli = async (args: string[]): Promise<CliResult> => {
    const w = world as CliWorld;
    return runCli(args, { env: w.env, cwd: w.cwd });
  };
  const setUp = (): CliWorld => {
    const w = makeCliWorld();
    for (const [k, v] of Object.entries(w.env)) vi.stubEnv(k, v);
    return w;
  };

  it('claude-code-router: APIKEY and every api_key are secrets; import, --json and a broken file show none; --show-secrets shows the active one', async () => {
    const rand = seededRandom(TEST_SEED ^ 0xccc);
    for (let round = 0; round < 3; round++) {
      world = setUp();
      const [apiKey, key1, key2] = [secret(rand), secret(rand), secret(rand)];
      const config = {
        PORT: 3456,
        APIKEY: apiKey,
        Providers: [
          { name: 'one', api_base_url: 'https://one.example.test/v1/chat/completions', api_key: key1, models: ['m1'] },
          { name: 'two', api_base_url: 'https://two.example.test/v1/messages', api_key: key2, models: ['m2'], [word(rand, 5)]: 1 },
        ],
        Router: { default: `${pick(rand, ['one', 'two'])},m` },
      };
      const context = `${SEED}, round ${round}`;
      const r = importFromRouterConfig(config, { file: 'config.json' });
      expect(r.secrets, context).toEqual(expect.arrayContaining([apiKey, key1, key2]));
      const file = join(world.home, '.claude-code-router', 'config.json');
      mkdirSync(join(world.home, '.claude-code-router'));
      const body = JSON.stringify(config, null, 2);
      writeFileSync(file, body);
      for (const extra of [[], ['--json']]) {
        const out = await cli(['import', 'claude-code-router', ...extra, ...world.where]);
        expect(out.code, `${context} ${out.stderr}`).toBe(0);
        expectNoLeak(out, [apiKey, key1, key2], `${context} ${extra.join(' ')}`);
      }
      // Broken: the text ends in the middle of a key; a string broken by a line break; a provider without a name.
      const broken = [
        body.slice(0, body.indexOf(key2) + 10),
        body.replace(apiKey, `${apiKey.slice(0, 6)}\n${apiKey.slice(6)}`),
        JSON.stringify({ ...config, Providers: [{ api_key: key1 }, { ...config.Providers[1], name: 7 }] }),
      ];
      for (const [i, b] of broken.entries()) {
        writeFileSync(file, b);
        for (const extra of [[], ['--json']]) {
          const out = await cli(['import', 'ccr', ...extra, ...world.where]);
          expect([0, 1], `${context} broken ${i}: ${out.stderr}`).toContain(out.code);
          expectNoLeak(out, [apiKey, key1, key2], `${context} broken ${i} ${extra.join(' ')}`);
        }
      }
      writeFileSync(file, body);
      const shown = await cli(['import', 'claude-code-router', '--show-secrets', ...world.where]);
      expect(shown.stdout, context).toContain(apiKey);
      world.cleanup();
      world = undefined;
    }
  });

  it('cc-switch: ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and a custom *_KEY are secrets; import, --json and a broken file show none; --show-secrets shows the active one', async () => {
    const rand = seededRandom(TEST_SEED ^ 0xc5);
    for (let round = 0; round < 3; round++) {
      world = setUp();
      const [token, apiKey, custom, other] = [secret(rand), secret(rand), secret(rand), secret(rand)];
      const customName = `${word(rand, 4).toUpperCase()}_KEY`;
      const store = {
        version: 2,
        claude: {
          providers: {
            relay: {
              id: 'relay',
              name: 'Relay',
              settingsConfig: { env: { ANTHROPIC_BASE_URL: 'https://relay.example.test', ANTHROPIC_AUTH_TOKEN: token, [customName]: custom } },
              [word(rand, 6)]: 'future',
            },
            kimi: {
              id: 'kimi',
              name: 'Kimi',
              settingsConfig: { env: { ANTHROPIC_BASE_URL: 'https://kimi.example.test/anthropic', ANTHROPIC_API_KEY: apiKey, OTHER_API_KEY: other } },
            },
          },
          current: 'relay',
        },
      };
      const all = [token, apiKey, custom, other];
      const context = `${SEED}, round ${round} (${customName})`;
      expect(importFromCcSwitchConfig(store, { file: 'config.json' }).secrets, context).toEqual(expect.arrayContaining(all));
      const file = join(world.home, '.cc-switch', 'config.json');
      mkdirSync(join(world.home, '.cc-switch'));
      const body = JSON.stringify(store, null, 2);
      writeFileSync(file, body);
      for (const args of [[], ['--json'], ['--provider', 'kimi'], ['--provider', 'kimi', '--json']]) {
        const out = await cli(['import', 'cc-switch', ...args, ...world.where]);
        expect(out.code, `${context} ${out.stderr}`).toBe(0);
        expectNoLeak(out, all, `${context} ${args.join(' ')}`);
      }
      const broken = [
        body.slice(0, body.indexOf(custom) + 9),
        body.replace(`"${token}"`, `"${token}`),
        JSON.stringify({ ...store, claude: { ...store.claude, providers: { ...store.claude.providers, relay: [token] } } }),
        JSON.stringify({ ...store, claude: { ...store.claude, providers: { relay: { settingsConfig: { env: [token, apiKey] } } } } }),
      ];
      for (const [i, b] of broken.entries()) {
        writeFileSync(file, b);
        for (const extra of [[], ['--json']]) {
          const out = await cli(['import', 'cc-switch', ...extra, ...world.where]);
          expect([0, 1], `${context} broken ${i}: ${out.stderr}`).toContain(out.code);
          expectNoLeak(out, all, `${context} broken ${i} ${extra.join(' ')}`);
        }
      }
      writeFileSync(file, body);
      const shown = await cli(['import', 'cc-switch', '--show-secrets', ...world.where]);
      expect(shown.stdout, context).toContain(token);
      world.cleanup();
      world = undefined;
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** 1-based line and column of the character at `offset` (the end of the text when it is the length). */
function lineColumn(s: string, offset: number): { line: number; column: number } {
  const before = s.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

/** Offsets outside strings and comments (a stray character there is a syntax error), and offsets inside strings. */
function scan(s: string): { code: number[]; inString: number[] } {
  const code: number[] = [];
  const inString: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      else inString.push(i);
      continue;
    }
    if (c === '/' && s[i + 1] === '/') {
      const end = s.indexOf('\n', i);
      if (end < 0) break;
      i = end; // Before the line break is still the comment.
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    code.push(i);
  }
  return { code, inString };
}

interface JsonOut {
  diagnostics: { code: string; severity: string; args?: Obj }[];
}

describe('malformed text', () => {
  const place = { ccr: ['.claude-code-router', 'config.json'], 'cc-switch': ['.cc-switch', 'config.json'] } as const;
  const fixtures = [
    { tool: 'ccr', text: text(join(CCR, 'config.json')) },
    { tool: 'ccr', text: text(join(CCR, 'config-with-comments.json5')) },
    { tool: 'cc-switch', text: text(join(CCS, 'config.json')) },
    { tool: 'cc-switch', text: text(join(CCS, 'config-v1.json')) },
  ] as const;

  const put = (tool: keyof typeof place, content: string | Buffer): string => {
    const w = world as CliWorld;
    const dir = join(w.home, place[tool][0]);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, place[tool][1]);
    writeFileSync(file, content);
    return `~/${place[tool][0]}/${place[tool][1]}`;
  };
  const both = async (tool: string, context: string): Promise<{ code: number; json: JsonOut; out: string }> => {
    const w = world as CliWorld;
    const plain = await runCli(['import', tool, ...w.where], { env: w.env, cwd: w.cwd });
    const asJson = await runCli(['import', tool, '--json', ...w.where], { env: w.env, cwd: w.cwd });
    for (const r of [plain, asJson]) {
      expect([0, 1], `${context}: exit ${r.code}\n${r.stdout}${r.stderr}`).toContain(r.code);
      expect(r.stdout + r.stderr, context).not.toMatch(STACK_LINE);
      expect(r.stdout + r.stderr, context).not.toMatch(/\b(TypeError|ReferenceError|RangeError)\b/);
    }
    expect(asJson.code, context).toBe(plain.code);
    const json = JSON.parse(asJson.stdout) as JsonOut;
    if (plain.code === 1)
      expect(
        json.diagnostics.map((d) => d.code),
        context,
      ).toContain('import-unreadable');
    return { code: plain.code, json, out: plain.stdout };
  };
  const unreadable = (j: JsonOut): Obj | undefined => j.diagnostics.find((d) => d.code === 'import-unreadable')?.args;

  it('a stray character, a cut-off file and a line break in a string: exit 1, file:line:column where it was broken', async () => {
    world = makeCliWorld();
    const rand = seededRandom(TEST_SEED ^ 0x7e47);
    for (const fx of fixtures) {
      for (let i = 0; i < 6; i++) {
        const kind = pick(rand, ['stray', 'cut', 'newline'] as const);
        let broken: string;
        let at: { line: number; column: number };
        if (kind === 'stray') {
          const offset = pick(rand, scan(fx.text).code);
          broken = `${fx.text.slice(0, offset)}@${fx.text.slice(offset)}`;
          at = lineColumn(broken, offset);
        } else if (kind === 'cut') {
          broken = fx.text.slice(0, int(rand, 1, fx.text.lastIndexOf('}') - 1));
          at = lineColumn(broken, broken.length);
        } else {
          const offset = pick(rand, scan(fx.text).inString);
          broken = `${fx.text.slice(0, offset)}\n${fx.text.slice(offset)}`;
          // The end of the line the string was broken on.
          at = lineColumn(broken, offset);
        }
        const display = put(fx.tool, broken);
        const context = `${SEED}, ${fx.tool} ${kind} #${i}: ${JSON.stringify(broken.slice(0, 200))}…`;
        const r = await both(fx.tool, context);
        expect(r.code, context).toBe(1);
        expect(unreadable(r.json), context).toMatchObject({ file: display, ...at });
        expect(r.out, context).toContain(`${display}:${at.line}:${at.column}: cannot be read`);
      }
    }
  });

  it('a BOM, comments, trailing commas and non-UTF-8 bytes in a string are read; an empty file, an array, null, a number, UTF-16 and a folder are unreadable (exit 1, never 4)', async () => {
    world = makeCliWorld();
    for (const fx of fixtures) {
      const tool = fx.tool;
      const context = `${tool} ${fx.text.slice(0, 40)}`;
      const good = fx.text.replace(/\}\s*$/, '}\n');
      const variants: [string, string | Buffer, 0 | 1][] = [
        ['BOM', `\uFEFF${good}`, 0],
        ['CRLF', good.replace(/\n/g, '\r\n'), 0],
        ['comments', `/* head */\n// line\n${good.replace(/\n/, '\n  // inside\n')}`, 0],
        ['trailing comma', good.replace(/\}\s*$/, '  ,}\n').replace(/,\s*,\}/, ',}'), 0],
        [
          'latin-1 in a string',
          Buffer.concat([Buffer.from(good.slice(0, good.indexOf('"') + 1)), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(good.slice(good.indexOf('"') + 1))]),
          0,
        ],
        ['empty', '', 1],
        ['spaces', ' \n\t\n', 1],
        ['array', '[]', 1],
        ['array of the object', `[${good}]`, 1],
        ['null', 'null', 1],
        ['number', '42', 1],
        ['string', '"x"', 1],
        ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]), 1],
      ];
      for (const [name, content, expected] of variants) {
        put(tool, content);
        const r = await both(tool, `${SEED}, ${context}: ${name}`);
        // Bytes that are not UTF-8 inside a string (the first key or value) are read as U+FFFD: that key is unknown, the file readable.
        expect(r.code, `${context}: ${name}\n${r.out}`).toBe(expected);
        if (expected === 0)
          expect(
            r.json.diagnostics.map((d) => d.code),
            `${context}: ${name}`,
          ).not.toContain('import-unreadable');
      }
    }
    // A folder where the file should be.
    const dir = join(world.home, '.cc-switch', 'config.json');
    spawnSync('rm', ['-f', dir]);
    mkdirSync(dir);
    const r = await both('cc-switch', 'a folder');
    expect(r.code).toBe(1);
  });

  it('parseToolText: the line and column of JSON5 errors (the character, or the end of the input)', () => {
    const cases: [string, number, number][] = [
      ['', 1, 1],
      ['{', 1, 2],
      ['{\n  "a": 1,\n  "b": @\n}', 3, 8],
      ['\uFEFF{"a": x}', 1, 7],
      ['{\r\n"a": 1,\r\n"b" 2}', 3, 5],
      ['{"a": "b\n"}', 1, 9],
    ];
    for (const [t, line, column] of cases)
      expect(parseToolText(t, 'f'), JSON.stringify(t)).toMatchObject({ problem: { code: 'import-unreadable', args: { line, column } } });
  });
});

// ---------------------------------------------------------------------------------------------

/** A value for python: text, a number, null, or bytes (`{ blob: hex }`). */
type SqlValue = string | number | null | { blob: string };

/** A database to build: its path, the SQL script, then each insert with its parameters. */
interface DatabaseSpec {
  path: string;
  script: string;
  inserts: [string, SqlValue[]][];
}

/** Builds databases with the real SQLite library (python3's sqlite3), all in one python3 process. */
function makeDatabases(specs: DatabaseSpec[]): void {
  const program = [
    'import json, sqlite3, sys',
    'for spec in json.load(sys.stdin):',
    '    db = sqlite3.connect(spec["path"])',
    '    db.executescript(spec["script"])',
    '    for sql, params in spec["inserts"]:',
    '        db.execute(sql, [bytes.fromhex(p["blob"]) if isinstance(p, dict) else p for p in params])',
    '    db.commit()',
    '    db.close()',
  ].join('\n');
  const r = spawnSync('python3', ['-c', program], { input: JSON.stringify(specs), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3: ${r.stderr}`);
}

const PROVIDERS_TABLE = `CREATE TABLE providers (
  id TEXT NOT NULL, app_type TEXT NOT NULL, name TEXT NOT NULL,
  settings_config TEXT NOT NULL,
  website_url TEXT, category TEXT, created_at INTEGER, sort_index INTEGER,
  notes TEXT, icon TEXT, icon_color TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  is_current BOOLEAN NOT NULL DEFAULT 0,
  in_failover_queue BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (id, app_type)
);`;
const RELAY = JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://relay.example.test', ANTHROPIC_AUTH_TOKEN: 'sk-ccs-db-robust-0001' } });
const OTHER = JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://other.example.test', ANTHROPIC_API_KEY: 'sk-ccs-db-robust-0002' } });
const INSERT = 'INSERT INTO providers (id, app_type, name, settings_config, meta, is_current, sort_index) VALUES (?, ?, ?, ?, ?, ?, ?)';

describe('SQLite databases, read only', () => {
  interface Case {
    name: string;
    tool: 'cc-switch' | 'claude-code-router';
    /** Writes the file at `path`, or says what database to build there (built with the others in one go). */
    build(path: string): DatabaseSpec | void;
    check(r: ToolImport): void;
  }
  const ccs = (name: string, script: string, inserts: [string, SqlValue[]][], check: Case['check']): Case => ({
    name,
    tool: 'cc-switch',
    build: (path) => ({ path, script, inserts }),
    check,
  });
  const ccr = (name: string, value: SqlValue, check: Case['check'], script?: string): Case => ({
    name,
    tool: 'claude-code-router',
    build: (path) => ({
      path,
      script: script ?? 'CREATE TABLE app_config (key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at TEXT NOT NULL);',
      inserts: value === null ? [] : [["INSERT INTO app_config VALUES ('default', ?, '2026-08-22T00:00:00.000Z')", [value]]],
    }),
    check,
  });
  const active = (r: ToolImport): string[] => r.providers.filter((p) => p.active).map((p) => p.id);
  const unreadableReason = (r: ToolImport): string => String(r.config.diagnostics.find((d) => d.code === 'import-unreadable')?.args?.['reason']);
  const ROUTER = JSON.stringify({
    PORT: 3461,
    Providers: [{ name: 'p', api_base_url: 'https://p.example.test/v1/messages', api_key: 'sk-ccr-db-robust-0001', models: ['m'], future: 1 }],
    Router: { default: 'p,m' },
    futureTop: {},
  });

  const cases: Case[] = [
    ccs(
      'the schema of FORMATS.md, one current row',
      PROVIDERS_TABLE,
      [
        [INSERT, ['relay', 'claude', 'Relay', RELAY, '{}', 1, 0]],
        [INSERT, ['o', 'claude', 'Other', OTHER, '{}', 0, 1]],
      ],
      (r) => {
        expect(active(r)).toEqual(['relay']);
        expect(r.config.env['ANTHROPIC_AUTH_TOKEN']).toBe('sk-ccs-db-robust-0001');
        expect(r.secrets).toEqual(expect.arrayContaining(['sk-ccs-db-robust-0001', 'sk-ccs-db-robust-0002']));
      },
    ),
    ccs(
      'an extra column is named',
      `${PROVIDERS_TABLE} ALTER TABLE providers ADD COLUMN future_column TEXT;`,
      [[INSERT, ['relay', 'claude', 'Relay', RELAY, '{}', 1, 0]]],
      (r) => {
        expect(active(r)).toEqual(['relay']);
        expect(fieldsOf(r, 'import-unknown-field')).toContain('providers.future_column');
      },
    ),
    ccs(
      'only id, app_type and settings_config: listed, none current',
      'CREATE TABLE providers (id TEXT, app_type TEXT, settings_config TEXT);',
      [['INSERT INTO providers VALUES (?, ?, ?)', ['relay', 'claude', RELAY]]],
      (r) => {
        expect(r.providers.map((p) => p.id)).toEqual(['relay']);
        expect(codes(r)).toContain('import-no-active');
      },
    ),
    ccs(
      'no settings_config column',
      'CREATE TABLE providers (id TEXT, app_type TEXT, name TEXT, is_current INTEGER);',
      [['INSERT INTO providers VALUES (?, ?, ?, ?)', ['relay', 'claude', 'Relay', 1]]],
      (r) => expect(unreadableReason(r)).toContain('settings_config'),
    ),
    ccs('no providers table', 'CREATE TABLE other (x TEXT);', [], (r) => expect(unreadableReason(r)).toContain('providers')),
    ccs(
      'settings_config not JSON: that row is named, the others read',
      PROVIDERS_TABLE,
      [
        [INSERT, ['relay', 'claude', 'Relay', '{"env": {', '{}', 0, 0]],
        [INSERT, ['o', 'claude', 'Other', OTHER, '{}', 1, 1]],
      ],
      (r) => {
        expect(r.config.diagnostics.find((d) => d.code === 'import-unreadable')?.args?.['file']).toContain('providers["relay"].settings_config');
        expect(active(r)).toEqual(['o']);
      },
    ),
    ccs(
      'is_current as text "1" (a TEXT column) counts; "true" does not crash',
      PROVIDERS_TABLE.replace('is_current BOOLEAN', 'is_current TEXT'),
      [
        [INSERT, ['relay', 'claude', 'Relay', RELAY, '{}', '1', 0]],
        [INSERT, ['o', 'claude', 'Other', OTHER, '{}', 'true', 1]],
      ],
      (r) => expect(active(r)).toEqual(['relay']),
    ),
    ccs(
      'columns without a type holding numbers and blobs',
      'CREATE TABLE providers (id, app_type, name, settings_config, meta, is_current, sort_index, website_url);',
      [
        ['INSERT INTO providers VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [7, 'claude', { blob: '00ff' }, RELAY, 12, 1, 'first', 3.5]],
        ['INSERT INTO providers VALUES (?, ?, ?, ?, ?, ?, ?, ?)', ['o', 'claude', 5, 42, { blob: '7b7d' }, 0, null, { blob: '' }]],
      ],
      (r) => {
        expect(r.providers.map((p) => p.id)).toContain('7');
        expect(active(r)).toEqual(['7']);
      },
    ),
    ccr('claude-code-router: the default row', ROUTER, (r) => {
      expect(r.storage).toBe('sqlite');
      expect(r.config.env['ANTHROPIC_BASE_URL']).toBe('http://127.0.0.1:3461');
      expect(r.secrets).toContain('sk-ccr-db-robust-0001');
      expect(fieldsOf(r, 'import-unknown-field').sort()).toEqual(['Providers[0].future', 'futureTop']);
    }),
    ccr('claude-code-router: value_json not JSON', '{"PORT": 3461,', (r) => {
      const d = r.config.diagnostics.find((x) => x.code === 'import-unreadable');
      expect(d?.args).toMatchObject({ file: '~/.claude-code-router/config.sqlite app_config.default', line: 1, column: 15 });
    }),
    ccr('claude-code-router: value_json an array', '[1, 2]', (r) => expect(codes(r)).toContain('import-unreadable')),
    ccr('claude-code-router: no default row', null, (r) => expect(codes(r)).toContain('import-no-active')),
    ccr('claude-code-router: no app_config table', null, (r) => expect(unreadableReason(r)).toContain('app_config'), 'CREATE TABLE x (y TEXT);'),
    ccr(
      'claude-code-router: app_config of another shape',
      null,
      (r) => expect(codes(r)).toContain('import-unreadable'),
      "CREATE TABLE app_config (key TEXT, json TEXT); INSERT INTO app_config VALUES ('default', '{}');",
    ),
    {
      name: 'a text file named .db (read as the JSON it is)',
      tool: 'cc-switch',
      build: (path) => writeFileSync(path, '{"version": 2}\n'),
      check: (r) => {
        expect(r.storage).toBe('json');
        expect(codes(r)).toContain('import-no-active');
      },
    },
    { name: 'a zero-byte .db', tool: 'cc-switch', build: (path) => writeFileSync(path, ''), check: (r) => expect(codes(r)).toContain('import-unreadable') },
    {
      name: 'a database cut after its first page',
      tool: 'cc-switch',
      build: (path) => writeFileSync(path, readFileSync(join(CCS, 'cc-switch.db')).subarray(0, 4096)),
      check: (r) => expect(codes(r)).toContain('import-unreadable'),
    },
  ];

  /** The databases as built (the CLI test reuses them). */
  const built = new Map<Case, Buffer>();

  // 17 databases built by one python3 process and read: seconds under load, so a generous limit (not a timing assertion).
  it(
    `${cases.length} databases: no throw, sensible diagnostics, the file's bytes and mtime unchanged, nothing created beside it`,
    { timeout: 60_000 },
    async () => {
      const w = makeCliWorld();
      world = w;
      const placed = cases.map((c) => {
        const dir = join(w.tmp, `db-${cases.indexOf(c)}`);
        const home = join(dir, 'home');
        const folder = c.tool === 'cc-switch' ? join(home, '.cc-switch') : join(home, '.claude-code-router');
        mkdirSync(folder, { recursive: true });
        return { c, home, folder, path: join(folder, c.tool === 'cc-switch' ? 'cc-switch.db' : 'config.sqlite') };
      });
      makeDatabases(placed.flatMap(({ c, path }) => c.build(path) ?? []));
      for (const { c, home, folder, path } of placed) {
        const bytes = readFileSync(path);
        built.set(c, bytes);
        // An mtime in the past, so that a write now would show.
        spawnSync('touch', ['-d', '2020-01-01T00:00:00Z', path]);
        const mtime = statSync(path).mtimeMs;
        const listing = readdirSync(folder).sort();
        let r: ToolImport | undefined;
        try {
          r = await importFromTool(c.tool, { homeDir: home, platform: 'linux' });
        } catch (e) {
          throw new Error(`${c.name}: importFromTool threw: ${String(e)}`);
        }
        checkShape(r, c.name);
        try {
          c.check(r);
        } catch (e) {
          throw new Error(`${c.name}: ${(e as Error).message}\n${JSON.stringify(r.config.diagnostics, null, 1)}`);
        }
        expect(readFileSync(path).equals(bytes), c.name).toBe(true);
        expect(statSync(path).mtimeMs, c.name).toBe(mtime);
        expect(readdirSync(folder).sort(), c.name).toEqual(listing);
      }
    },
  );

  it('through the CLI: exit 0 or 1, never 4, no stack, no key shown', async () => {
    world = makeCliWorld();
    for (const c of cases) {
      const folder = c.tool === 'cc-switch' ? join(world.home, '.cc-switch') : join(world.home, '.claude-code-router');
      spawnSync('rm', ['-rf', folder]);
      mkdirSync(folder, { recursive: true });
      const path = join(folder, c.tool === 'cc-switch' ? 'cc-switch.db' : 'config.sqlite');
      const bytes = built.get(c);
      if (bytes) writeFileSync(path, bytes);
      else makeDatabases([c.build(path) ?? []].flat());
      for (const extra of [[], ['--json']]) {
        const r = await runCli(['import', c.tool, ...extra, ...world.where], { env: world.env, cwd: world.cwd });
        expect([0, 1], `${c.name}: ${r.stdout}${r.stderr}`).toContain(r.code);
        expectNoLeak(r, ['sk-ccs-db-robust-0001', 'sk-ccs-db-robust-0002', 'sk-ccr-db-robust-0001'], c.name);
      }
    }
  });

  it('a meta that is not JSON is named (and so is the common snippet it could not say to merge)', async () => {
    world = makeCliWorld();
    const path = join(world.home, '.cc-switch', 'cc-switch.db');
    mkdirSync(join(world.home, '.cc-switch'));
    makeDatabases([
      {
        path,
        script: `${PROVIDERS_TABLE} CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);`,
        inserts: [
          [INSERT, ['relay', 'claude', 'Relay', RELAY, '{"commonConfigEnabled": true,', 1, 0]],
          ["INSERT INTO settings VALUES ('common_config_claude', ?)", ['{"env": {"DISABLE_TELEMETRY": "1"}}']],
        ],
      },
    ]);
    const r = await importFromTool('cc-switch', { homeDir: world.home, platform: 'linux' });
    const named = r.config.diagnostics.filter((d) => JSON.stringify(d.args ?? {}).includes('meta'));
    expect(named.length, JSON.stringify(r.config.diagnostics)).toBeGreaterThan(0);
  });

  it('a settings_config SQLite gives as a number or a blob is named by its type, not by a JavaScript error', async () => {
    world = makeCliWorld();
    const path = join(world.home, '.cc-switch', 'cc-switch.db');
    mkdirSync(join(world.home, '.cc-switch'));
    makeDatabases([
      {
        path,
        script: 'CREATE TABLE providers (id TEXT, app_type TEXT, name TEXT, settings_config, is_current INTEGER);',
        inserts: [
          ['INSERT INTO providers VALUES (?, ?, ?, ?, ?)', ['num', 'claude', 'Num', 42, 1]],
          ['INSERT INTO providers VALUES (?, ?, ?, ?, ?)', ['blob', 'claude', 'Blob', { blob: '7b7d' }, 0]],
        ],
      },
    ]);
    const r = await importFromTool('cc-switch', { homeDir: world.home, platform: 'linux' });
    const reasons = r.config.diagnostics.filter((d) => d.code === 'import-unreadable').map((d) => String(d.args?.['reason']));
    // The number is named by its type; the blob holds the UTF-8 text `{}`, read as such.
    expect(reasons).toEqual(['a number where JSON text was expected']);
    expect(r.providers.map((p) => p.id)).toEqual(['blob']);
  });
});
