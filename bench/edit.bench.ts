/**
 * Benchmark of `planEdit` setting one variable in a 1 MB settings file, against a floor: `JSON.parse`
 * + `JSON.stringify` of the same file, in the same process. Also `writeSettings` end to end (lock,
 * re-read, backup, atomic write) on a real temp file, for information.
 *
 *   npm run bench:edit                 # everything (about 60 s)
 *   npm run bench:edit -- --quick      # fewer iterations (a smoke run)
 *   npm run bench:edit -- --json=out   # also write the raw figures as JSON
 *   node --cpu-prof --cpu-prof-dir=.bench-tmp --import tsx bench/edit.bench.ts --only=plan   # profile
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { applyEdits, createScanner, modify, parseTree } from 'jsonc-parser';
import writeFileAtomic from 'write-file-atomic';
import { planEdit, writeSettings } from '../src/index';
import type { EditOp, WriteSettingsOptions } from '../src/index';
// Internal steps of planEdit, to time them one by one (not public API).
import { locateValue } from '../src/core/json-locate';
import { detectStyle } from '../src/core/edit';
import { parseSettingsText } from '../src/core/parse';
import { fmt, median, quantile } from './stats';

const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const JSON_OUT = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);

type Json = Record<string, unknown>;

/**
 * A realistic large settings file: an env block of a few thousand variables, long permissions
 * lists, hooks, plugins and MCP server switches, pretty-printed with 2 spaces, grown to `target` bytes.
 */
function buildSettings(target: number): { text: string; value: Json; counts: Record<string, number> } {
  const env: Record<string, string> = {
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    API_TIMEOUT_MS: '600000',
    HTTPS_PROXY: 'http://proxy.example.com:8080',
    NO_PROXY: 'localhost,127.0.0.1,.internal.example.com',
  };
  const allow: string[] = [];
  const deny: string[] = [];
  const ask: string[] = [];
  const pre: Json[] = [];
  const post: Json[] = [];
  const plugins: Record<string, boolean> = {};
  const value: Json = {
    $schema: 'https://json.schemastore.org/claude-code-settings.json',
    model: 'sonnet',
    env,
    permissions: { allow, deny, ask, defaultMode: 'acceptEdits', additionalDirectories: ['../shared', '../docs'] },
    hooks: { PreToolUse: pre, PostToolUse: post },
    enabledPlugins: plugins,
    enableAllProjectMcpServers: false,
    includeCoAuthoredBy: false,
    statusLine: { type: 'command', command: '~/.claude/statusline.sh' },
  };
  let i = 0;
  // Grow every part in proportion until the pretty-printed text reaches the target.
  const size = (): number => JSON.stringify(value, null, 2).length + 1;
  for (let step = 256; ;) {
    for (let k = 0; k < step; k++, i++) {
      env[`TEAM_SERVICE_${i}_ENDPOINT`] = `https://svc-${i}.internal.example.com/v1`;
      allow.push(`Bash(npm run build:package-${i}:*)`, `Read(./packages/pkg-${i}/**)`, `Edit(./packages/pkg-${i}/src/**)`);
      if (i % 2 === 0) deny.push(`Read(./secrets/area-${i}/**)`, `WebFetch(domain:blocked-${i}.example.com)`);
      if (i % 4 === 0) ask.push(`Bash(git push origin release-${i}:*)`);
      if (i % 8 === 0) {
        pre.push({ matcher: `Bash|Edit|Write`, hooks: [{ type: 'command', command: `/usr/local/bin/policy-check --rule ${i} --strict`, timeout: 30 }] });
        post.push({ matcher: 'Edit|Write', hooks: [{ type: 'command', command: `npx prettier --write "$CLAUDE_FILE_PATHS" # ${i}` }] });
      }
      if (i % 16 === 0) plugins[`plugin-${i}@team-marketplace`] = i % 32 === 0;
    }
    const s = size();
    if (s >= target) break;
    step = Math.max(1, Math.min(256, Math.floor(((target - s) / s) * i)));
  }
  const text = `${JSON.stringify(value, null, 2)}\n`;
  return {
    text,
    value,
    counts: {
      env: Object.keys(env).length,
      allow: allow.length,
      deny: deny.length,
      ask: ask.length,
      hooks: pre.length + post.length,
      plugins: Object.keys(plugins).length,
    },
  };
}

let sink = 0;

/** Times one call (µs). */
function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  const r = fn();
  const t1 = process.hrtime.bigint();
  sink += typeof r === 'string' ? r.length : r === undefined ? 0 : 1;
  return Number(t1 - t0) / 1000;
}

/**
 * Alternates batches of each contender, so that drift (GC, JIT, CPU frequency) hits all alike. Each
 * call is timed on its own with hrtime.bigint. Returns the samples per contender, in µs.
 */
function measure(
  contenders: Record<string, () => unknown>,
  opts: { warmup: number; minIters: number; budgetMs: number; batch: number },
): Record<string, number[]> {
  const names = Object.keys(contenders);
  for (let i = 0; i < opts.warmup; i++) for (const n of names) contenders[n]!();
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const start = process.hrtime.bigint();
  const budget = BigInt(opts.budgetMs) * 1_000_000n;
  while (out[names[0]!]!.length < opts.minIters || process.hrtime.bigint() - start < budget) {
    for (const n of names) for (let i = 0; i < opts.batch; i++) out[n]!.push(time(contenders[n]!));
  }
  return out;
}

async function measureAsync(fn: () => Promise<unknown>, opts: { warmup: number; minIters: number; budgetMs: number }): Promise<number[]> {
  for (let i = 0; i < opts.warmup; i++) await fn();
  const out: number[] = [];
  const start = process.hrtime.bigint();
  const budget = BigInt(opts.budgetMs) * 1_000_000n;
  while (out.length < opts.minIters || process.hrtime.bigint() - start < budget) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return out;
}

/**
 * A lower bound for locating a path in text already known to be strict JSON: visits every string
 * (keys and values) with indexOf, the way a hand-written locator would skip them. Returns the count.
 */
function skipStrings(text: string): number {
  let i = 0;
  let n = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return n;
    let e = q + 1;
    for (;;) {
      e = text.indexOf('"', e);
      let b = e - 1;
      while (text.charCodeAt(b) === 92 /* \\ */) b--;
      if ((e - 1 - b) % 2 === 0) break;
      e++;
    }
    i = e + 1;
    n++;
  }
}

const NEW_VAR = 'ANTHROPIC_BASE_URL';
const EXISTING_VAR = 'API_TIMEOUT_MS';

interface PlanFigures {
  bytes: number;
  counts: Record<string, number>;
  iterations: number;
  add: number;
  addP90: number;
  replace: number;
  unset: number;
  floor: number;
  floorCompact: number;
  steps: Record<string, number>;
}

function benchPlan(): PlanFigures {
  const { text, counts } = buildSettings(1024 * 1024);
  const add: EditOp[] = [{ op: 'set', path: ['env', NEW_VAR], value: 'https://llm-gateway.example.com' }];
  const replace: EditOp[] = [{ op: 'set', path: ['env', EXISTING_VAR], value: '900000' }];
  const unset: EditOp[] = [{ op: 'unset', path: ['env', EXISTING_VAR] }];

  // Sanity: each plan changes exactly what it should and keeps the rest.
  const expected = JSON.parse(text) as { env: Record<string, string> };
  const check = (ops: EditOp[], env: Record<string, string | undefined>): void => {
    const plan = planEdit(text, ops);
    const got = JSON.parse(plan.text) as Json;
    const want = { ...expected, env: Object.fromEntries(Object.entries({ ...expected.env, ...env }).filter(([, v]) => v !== undefined)) };
    if (plan.changes.length !== 1 || JSON.stringify(got) !== JSON.stringify(want))
      throw new Error(`bench plan did not edit as intended: ${JSON.stringify(ops)}`);
  };
  check(add, { [NEW_VAR]: 'https://llm-gateway.example.com' });
  check(replace, { [EXISTING_VAR]: '900000' });
  check(unset, { [EXISTING_VAR]: undefined });

  const floor = (): string => JSON.stringify(JSON.parse(text) as Json, null, 2);
  const iters = QUICK ? { warmup: 5, minIters: 20, budgetMs: 500, batch: 5 } : { warmup: 30, minIters: 300, budgetMs: 20_000, batch: 10 };
  const s = measure(
    {
      add: () => planEdit(text, add).text,
      replace: () => planEdit(text, replace).text,
      unset: () => planEdit(text, unset).text,
      floor,
      floorCompact: () => JSON.stringify(JSON.parse(text) as Json),
    },
    iters,
  );

  // planEdit's steps for the "add" case, each on its own: the same calls planEdit makes, in order,
  // then what a replacement for the costly step would cost.
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' as const };
  const path = add[0]!.path;
  const after = (add[0] as { value: unknown }).value;
  const parsed = JSON.parse(text) as Json;
  const edits = modify(text, path, after, { formattingOptions });
  const edited = applyEdits(text, edits);
  const steps = measure(
    {
      'detectStyle (regexes over the first 16 KB, final newline)': () => detectStyle(text),
      'parseSettingsText of the input (JSON.parse + checks)': () => parseSettingsText(text),
      'value before (walk of the parsed object) + JSON.stringify compare': () => {
        const before = (parsed['env'] as Json)[NEW_VAR];
        return JSON.stringify(before) === JSON.stringify(after);
      },
      'locateValue (the env object, jumping over strings and other values)': () => locateValue(text, ['env']),
      'jsonc-parser modify on the env object only (what planEdit does now)': () => {
        const loc = locateValue(text, ['env']);
        return loc ? modify(`  ${text.slice(loc.offset, loc.offset + loc.length)}`, [NEW_VAR], after, { formattingOptions }) : [];
      },
      '(before) jsonc-parser modify on the whole text (its own parseTree, the edit, format of the span)': () =>
        modify(text, path, after, { formattingOptions }),
      'applyEdits (string splice)': () => applyEdits(text, edits),
      'verifyStrict: parseSettingsText of the result (JSON.parse + checks)': () => parseSettingsText(edited),
      '(inside modify) parseTree alone': () => parseTree(text),
      '(alternative) jsonc-parser scanner alone, no tree': () => {
        const sc = createScanner(text, true);
        let n = 0;
        while (sc.scan() !== 17 /* EOF */) n++;
        return n;
      },
      '(alternative) strict-JSON skip over the whole text (indexOf per string)': () => skipStrings(text),
      '(floor part) JSON.parse alone': () => JSON.parse(text) as unknown,
    },
    QUICK ? { warmup: 3, minIters: 10, budgetMs: 300, batch: 3 } : { warmup: 20, minIters: 150, budgetMs: 15_000, batch: 5 },
  );
  const stepMedians = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)]));

  return {
    bytes: Buffer.byteLength(text),
    counts,
    iterations: s['add']!.length,
    add: median(s['add']!),
    addP90: quantile(s['add']!, 0.9),
    replace: median(s['replace']!),
    unset: median(s['unset']!),
    floor: median(s['floor']!),
    floorCompact: median(s['floorCompact']!),
    steps: stepMedians,
  };
}

interface WriteFigures {
  iterations: number;
  write: number;
  writeP90: number;
  naive: number;
  naiveIterations: number;
}

async function benchWrite(): Promise<WriteFigures> {
  const { text } = buildSettings(1024 * 1024);
  const root = mkdtempSync(join(tmpdir(), 'cgc-bench-edit-'));
  try {
    const file = join(root, 'cfg', 'settings.json');
    mkdirSync(join(root, 'cfg'), { recursive: true });
    mkdirSync(join(root, 'work'), { recursive: true });
    writeFileSync(file, text);
    let n = 0;
    const options = (): WriteSettingsOptions => ({
      scope: 'cli',
      settingsFile: file,
      homeDir: join(root, 'home'),
      cwd: join(root, 'work'),
      platform: 'linux',
      env: {},
      interactive: false,
      backupDir: join(root, 'backups'),
      // Alternate two values so that every call really writes.
      ops: [{ op: 'set', path: ['env', NEW_VAR], value: `https://gw-${n++ % 2}.example.com` }],
    });
    const iters = QUICK ? { warmup: 3, minIters: 10, budgetMs: 500 } : { warmup: 10, minIters: 150, budgetMs: 10_000 };
    const write = await measureAsync(async () => {
      const r = await writeSettings(options());
      if (r.changes.length !== 1 || r.backupId === undefined) throw new Error('bench write did not write');
    }, iters);
    // The naive tools: read, parse, set, stringify, atomic write (no lock, no backup, no re-read).
    const naiveFile = join(root, 'cfg', 'naive.json');
    writeFileSync(naiveFile, text);
    const naive = await measureAsync(async () => {
      const v = JSON.parse(readFileSync(naiveFile, 'utf8')) as { env: Record<string, string> };
      v.env[NEW_VAR] = `https://gw-${n++ % 2}.example.com`;
      await writeFileAtomic(naiveFile, `${JSON.stringify(v, null, 2)}\n`, { encoding: 'utf8' });
    }, iters);
    return { iterations: write.length, write: median(write), writeP90: quantile(write, 0.9), naive: median(naive), naiveIterations: naive.length };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const cpu = cpus()[0];
  const facts = `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpu?.model.trim() ?? 'unknown CPU'}${cpu?.speed ? `, ${cpu.speed} MHz` : ''}), ${Math.round(totalmem() / 2 ** 30)} GB RAM`;
  console.log(`claude-gateway-config edit benchmark: ${facts}${QUICK ? ' [quick]' : ''}\n`);
  const out: string[] = [];
  let plan: PlanFigures | undefined;
  let write: WriteFigures | undefined;
  if (ONLY === undefined || ONLY === 'plan') {
    plan = benchPlan();
    const ratio = plan.add / plan.floor;
    const c = plan.counts;
    out.push(
      '### planEdit: one variable in a 1 MB settings file',
      '',
      `${(plan.bytes / 1024).toFixed(0)} KiB, 2-space JSON: ${c['env']} env variables, permissions ${c['allow']} allow / ${c['deny']} deny / ${c['ask']} ask rules, ${c['hooks']} hooks, ${c['plugins']} plugins.`,
      '',
      '| measurement | median | iterations |',
      '|---|---:|---:|',
      `| planEdit: add \`env.${NEW_VAR}\` (new key) | ${fmt(plan.add)} (p90 ${fmt(plan.addP90)}) | ${plan.iterations} |`,
      `| planEdit: replace \`env.${EXISTING_VAR}\` | ${fmt(plan.replace)} | ${plan.iterations} |`,
      `| planEdit: unset \`env.${EXISTING_VAR}\` | ${fmt(plan.unset)} | ${plan.iterations} |`,
      `| floor: JSON.parse + JSON.stringify(v, null, 2) | ${fmt(plan.floor)} | ${plan.iterations} |`,
      `| JSON.parse + JSON.stringify(v) (compact, for reference) | ${fmt(plan.floorCompact)} | ${plan.iterations} |`,
      `| **ratio (add / floor)** | **${ratio.toFixed(2)}x** (target ≤ 3x: ${ratio <= 3 ? 'met' : 'NOT met'}) | |`,
      `| ratio (replace / floor) | ${(plan.replace / plan.floor).toFixed(2)}x | |`,
      `| ratio (unset / floor) | ${(plan.unset / plan.floor).toFixed(2)}x | |`,
      '',
      "Where planEdit's time goes (add case; each step timed on its own, medians):",
      '',
      '| step | median |',
      '|---|---:|',
      ...Object.entries(plan.steps).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
      '',
    );
  }
  if (ONLY === undefined || ONLY === 'write') {
    write = await benchWrite();
    out.push(
      '### writeSettings end to end (for information)',
      '',
      'Same file, scope `cli`, on the real file system: path, shadowing check (a resolution), lock, read,',
      'planEdit, backup (1 MB blob + manifest, both fsynced), re-read, write-file-atomic (fsync + rename).',
      '',
      '| measurement | median | p90 | iterations |',
      '|---|---:|---:|---:|',
      `| writeSettings | ${fmt(write.write)} | ${fmt(write.writeP90)} | ${write.iterations} |`,
      `| naive: readFileSync + JSON.parse + JSON.stringify + write-file-atomic | ${fmt(write.naive)} | | ${write.naiveIterations} |`,
      '',
    );
  }
  console.log(out.join('\n'));
  if (sink === -1) console.log('unreachable');
  if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify({ facts, plan, write }, null, 2)}\n`);
}

await main();
