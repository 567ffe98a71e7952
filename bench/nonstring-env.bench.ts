/**
 * Scaling with non-string `env` values: a user settings file with n variables, one in seven a
 * number (so 8,000 variables carry 1,143 non-strings, each an `env-not-string` diagnostic with a line
 * and column). Times `resolveEffectiveConfig` and `writeSettings` (setting one more variable in that
 * file) on a real temp directory. Linear growth shows as a flat marginal cost per variable.
 *
 *   node --import tsx bench/nonstring-env.bench.ts            # 1,000 to 8,000 variables
 *   node --import tsx bench/nonstring-env.bench.ts --quick    # fewer iterations
 *   node --import tsx bench/nonstring-env.bench.ts --json=out.json
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFs, resolveEffectiveConfig, writeSettings } from '../src/index';
import type { ResolveOptions } from '../src/index';
import { fmt, median } from './stats';

const QUICK = process.argv.includes('--quick');
const JSON_OUT = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const SIZES = [1000, 2000, 4000, 8000];

function settingsText(n: number): { text: string; nonStrings: number } {
  const env: Record<string, unknown> = {};
  let nonStrings = 0;
  for (let i = 0; i < n; i++) {
    if (i % 7 === 0) {
      env[`BENCH_VAR_${i}`] = i;
      nonStrings++;
    } else env[`BENCH_VAR_${i}`] = `value-${i}`;
  }
  return { text: `${JSON.stringify({ env, model: 'sonnet' }, null, 2)}\n`, nonStrings };
}

async function measure(fn: () => Promise<unknown>, minIters: number, budgetMs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < minIters || performance.now() - start < budgetMs) {
    const t0 = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return out;
}

interface Row {
  variables: number;
  nonStrings: number;
  resolve: number;
  write: number;
  iterations: number;
}

async function benchSize(n: number): Promise<Row> {
  const root = mkdtempSync(join(tmpdir(), 'cgc-bench-nonstring-'));
  try {
    const home = join(root, 'home');
    const cwd = join(root, 'work');
    mkdirSync(join(home, '.claude'), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    const { text, nonStrings } = settingsText(n);
    writeFileSync(join(home, '.claude', 'settings.json'), text);
    const base: ResolveOptions = { fs: createNodeFs(), homeDir: home, cwd, platform: 'linux', env: {}, interactive: false };
    const check = await resolveEffectiveConfig(base);
    const found = check.diagnostics.filter((d) => d.code === 'env-not-string' && d.line !== undefined).length;
    if (found !== nonStrings) throw new Error(`expected ${nonStrings} located env-not-string diagnostics, got ${found}`);
    const iters = QUICK ? 3 : 10;
    const budget = QUICK ? 300 : 3000;
    const resolve = await measure(() => resolveEffectiveConfig(base), iters, budget);
    let k = 0;
    const write = await measure(
      () =>
        writeSettings({
          scope: 'user',
          homeDir: home,
          cwd,
          platform: 'linux',
          env: {},
          interactive: false,
          backupDir: join(root, 'backups'),
          // Two values in turn, so that every call writes.
          ops: [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: `https://gw-${k++ % 2}.example.com` }],
        }),
      iters,
      budget,
    );
    return { variables: n, nonStrings, resolve: median(resolve), write: median(write), iterations: Math.min(resolve.length, write.length) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const n of SIZES) rows.push(await benchSize(n));
  const lines = [
    `claude-gateway-config non-string env benchmark: node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'})`,
    '',
    '| variables | non-strings | resolveEffectiveConfig | per variable | marginal | writeSettings | per variable | marginal | iterations |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const marginal = (t: number, p: number | undefined): string => (prev && p !== undefined ? fmt((t - p) / (r.variables - prev.variables)) : '');
    lines.push(
      `| ${r.variables} | ${r.nonStrings} | ${fmt(r.resolve)} | ${fmt(r.resolve / r.variables)} | ${marginal(r.resolve, prev?.resolve)} | ${fmt(r.write)} | ${fmt(r.write / r.variables)} | ${marginal(r.write, prev?.write)} | ${r.iterations} |`,
    );
  });
  console.log(lines.join('\n'));
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2));
}

await main();
