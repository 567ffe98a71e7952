/**
 * Cold start of the built `claude-gateway` CLI: `status --json` on the bundled example layout,
 * against `node -e 0` (a Node.js process that does nothing). Every run is a new process
 * (`spawnSync`), so each pays Node's start-up, module loading and the work itself, as a user does.
 *
 *   npm run bench:cli                  # everything (about a minute); writes bench/CLI.md
 *   npm run bench:cli -- --quick       # a few rounds, prints only (a smoke run)
 *   npm run bench:cli -- --rounds=200  # more rounds
 *   npm run bench:cli -- --json=out    # also write the raw figures as JSON
 *
 * Also timed, for information: `claude-gateway --version` (the CLI's own floor), importing the
 * library (`import()` of dist/index.js, `require()` of dist/index.cjs), each runtime dependency on
 * its own, and one `status` run under `--cpu-prof` grouped by module.
 *
 * Builds with `npx tsup` first if the CLI is not built. The built files are copied to a temp
 * directory (with package.json and a link to node_modules) so that a rebuild during the run
 * cannot disturb it.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, median, quantile } from './stats';

const QUICK = process.argv.includes('--quick');
const ROUNDS_ARG = process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length);
const JSON_OUT = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const ROUNDS = ROUNDS_ARG ? Number(ROUNDS_ARG) : QUICK ? 10 : 80;
const DEP_ROUNDS = QUICK ? 4 : 25;
const WARMUP = QUICK ? 1 : 3;
const TARGET = 2.5;

const repo = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
};
const binRel = pkg.bin?.['claude-gateway'] ?? 'dist/cli.js';

// 1. The built CLI (build it if needed), copied with package.json and node_modules beside it.
if (!existsSync(join(repo, binRel))) {
  console.log(`${binRel} is missing: building (npx tsup)`);
  const b = spawnSync('npx', ['tsup'], { cwd: repo, stdio: 'inherit' });
  if (b.status !== 0 || !existsSync(join(repo, binRel))) throw new Error(`the build did not produce ${binRel}`);
}
const tmp = mkdtempSync(join(tmpdir(), 'cgc-bench-cli-'));
const pkgDir = join(tmp, 'pkg');
mkdirSync(pkgDir);
cpSync(join(repo, 'dist'), join(pkgDir, 'dist'), { recursive: true });
cpSync(join(repo, 'package.json'), join(pkgDir, 'package.json'));
symlinkSync(join(repo, 'node_modules'), join(pkgDir, 'node_modules'), 'dir');
const cli = join(pkgDir, binRel);
const indexEsm = join(pkgDir, 'dist', 'index.js');
const indexCjs = join(pkgDir, 'dist', 'index.cjs');
const lightEsm = join(pkgDir, 'dist', 'resolve.js');
const lightCjs = join(pkgDir, 'dist', 'resolve.cjs');

// 2. The bundled layout, with the repository git cannot commit (as `npm run demo` does).
const layoutRoot = join(tmp, 'layout');
cpSync(join(repo, 'examples', 'layout'), layoutRoot, { recursive: true });
mkdirSync(join(layoutRoot, 'home', 'dev', 'acme-app', '.git'), { recursive: true });
const where = ['--root', layoutRoot, '--home', '/home/dev', '--cwd', '/home/dev/acme-app/services/api', '--platform', 'linux'];

// Every process gets the same small environment: no ANTHROPIC_* from this shell, no NODE_OPTIONS.
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C', NO_COLOR: '1' };

interface Contender {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  times: number[];
}

const contender = (name: string, command: string, args: string[], cwd?: string): Contender => ({ name, command, args, times: [], ...(cwd ? { cwd } : {}) });

function spawn(c: Contender): { us: number; r: SpawnSyncReturns<string> } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: c.cwd ?? tmp, env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const us = Number(process.hrtime.bigint() - t0) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${c.command} exited ${r.status}: ${r.stderr}`);
  return { us, r };
}

/** Alternating rounds (the order rotates every round), so that drift hits every contender alike. */
function race(list: Contender[], rounds: number, warmup: number): void {
  for (let round = -warmup; round < rounds; round++) {
    for (let k = 0; k < list.length; k++) {
      const c = list[(k + Math.max(round, 0)) % list.length] as Contender;
      const { us } = spawn(c);
      if (round >= 0) c.times.push(us);
    }
  }
}

const floor = contender('node -e 0', 'node -e 0', ['-e', '0']);
// An empty ES module: what starting from a file and Node's ESM loader cost before any of our code.
const emptyModule = join(tmp, 'empty.mjs');
writeFileSync(emptyModule, '');
const esmFloor = contender('node empty.mjs', 'node empty.mjs', [emptyModule]);
const status = contender('status --json', `node ${binRel} status --json ${where.join(' ')}`, [cli, 'status', '--json', ...where]);
const version = contender('--version', `node ${binRel} --version`, [cli, '--version']);
const importEsm = contender('import library (ESM)', `node -e "import('<repo>/dist/index.js')"`, [
  '-e',
  `import(${JSON.stringify(pathToFileURL(indexEsm).href)})`,
]);
const requireCjs = contender('require library (CJS)', `node -e "require('<repo>/dist/index.cjs')"`, ['-e', `require(${JSON.stringify(indexCjs)})`]);
const importLight = contender('import /resolve (ESM)', `node -e "import('<repo>/dist/resolve.js')"`, [
  '-e',
  `import(${JSON.stringify(pathToFileURL(lightEsm).href)})`,
]);
const requireLight = contender('require /resolve (CJS)', `node -e "require('<repo>/dist/resolve.cjs')"`, ['-e', `require(${JSON.stringify(lightCjs)})`]);

try {
  // 3. Before timing: each command does what it should (and the file cache is warm).
  const out = JSON.parse(spawn(status).r.stdout) as { baseUrl?: { value?: string }; managedOrigin?: string; credential?: { kind?: string } };
  if (out.baseUrl?.value !== 'https://llm-gateway.acme.example' || out.managedOrigin !== 'file + drop-ins' || out.credential?.kind !== 'api-key-helper') {
    throw new Error(
      `status --json did not resolve the example layout as expected: ${JSON.stringify({ baseUrl: out.baseUrl?.value, managedOrigin: out.managedOrigin, credential: out.credential?.kind })}`,
    );
  }
  const printed = spawn(version).r.stdout.trim();
  if (!printed.includes(pkg.version)) throw new Error(`--version printed ${JSON.stringify(printed)}, not ${pkg.version}`);
  spawn(importEsm);
  spawn(requireCjs);
  spawn(importLight);
  spawn(requireLight);

  const main = [floor, esmFloor, status, version, importEsm, requireCjs, importLight, requireLight];
  console.log(`Cold start, ${ROUNDS} rounds of ${main.length} alternating processes (${WARMUP} warm-up rounds)...`);
  race(main, ROUNDS, WARMUP);

  const floorMed = median(floor.times);
  const row = (c: Contender): string => {
    const m = median(c.times);
    return `| ${c === status ? `**${c.name}**` : c.name} | ${fmt(m)} | ${fmt(quantile(c.times, 0.9))} | ${fmt(Math.min(...c.times))} | ${c === floor ? '' : `+${fmt(m - floorMed)}`} | ${c === floor ? '1.00x' : `${(m / floorMed).toFixed(2)}x`} |`;
  };
  const ratio = median(status.times) / floorMed;
  // The fastest runs are the ones other load on the machine disturbed least: a second estimate.
  const minRatio = Math.min(...status.times) / Math.min(...floor.times);
  const verdict = ratio <= TARGET ? 'met' : 'NOT met';
  const mainTable = ['| process | median | p90 | min | over `node -e 0` | ratio |', '|---|---:|---:|---:|---:|---:|', ...main.map(row)].join('\n');
  const m = (c: Contender): number => median(c.times);
  const anatomy =
    `Of the ${fmt(m(status) - floorMed)} status adds to \`node -e 0\`: starting from an ES module file ${fmt(m(esmFloor) - floorMed)}, ` +
    `the CLI's entry and argument parsing (\`--version\`) ${fmt(m(version) - m(esmFloor))} more, and loading the status command, ` +
    `resolving the layout and printing the JSON ${fmt(m(status) - m(version))} more.`;
  console.log(
    `\n${mainTable}\n\nstatus --json / node -e 0 = ${ratio.toFixed(2)}x (target <= ${TARGET}x: ${verdict}); ratio of the minima ${minRatio.toFixed(2)}x\n${anatomy}`,
  );

  // 4. The runtime dependencies, each imported on its own (what the library's import is made of).
  const deps = Object.keys(pkg.dependencies ?? {}).sort();
  const depFloor = contender('node -e 0', 'node -e 0', ['-e', '0']);
  const depRuns = deps.map((d) => contender(d, `import('${d}')`, ['--input-type=module', '-e', `await import(${JSON.stringify(d)})`], repo));
  console.log(`\nEach runtime dependency imported alone, ${DEP_ROUNDS} rounds...`);
  race([depFloor, ...depRuns], DEP_ROUNDS, 1);
  const depFloorMed = median(depFloor.times);
  const reached = modulesReachedByStatus();
  const depTable = [
    '| dependency | median | over `node -e 0` | Node loads it as | loaded by `status` | bundled into the ES build |',
    '|---|---:|---:|---|:---:|:---:|',
    ...depRuns
      .map((c) => ({ c, extra: median(c.times) - depFloorMed }))
      .sort((a, b) => b.extra - a.extra)
      .map(
        ({ c, extra }) =>
          `| ${c.name} | ${fmt(median(c.times))} | +${fmt(extra)} | ${moduleFormat(c.name)} | ${reached.externals.has(c.name) ? 'yes' : 'no'} | ${bundled(c.name) ? 'yes' : 'no'} |`,
      ),
  ].join('\n');
  console.log(
    `\n${depTable}\n\nstatus loads ${reached.files.length} files of dist (${reached.files.map((f) => relative(join(pkgDir, 'dist'), f)).join(', ')}) and ${[...reached.externals].join(', ') || 'no package'}`,
  );

  // 5. One status run under the sampling profiler, self time grouped by module.
  const profile = profileStatus();
  const profileTable = [
    '| where | self time | share |',
    '|---|---:|---:|',
    ...profile.rows.map((r) => `| ${r.name} | ${fmt(r.us)} | ${((r.us / profile.totalUs) * 100).toFixed(0)}% |`),
  ].join('\n');
  console.log(`\nOne status run under --cpu-prof (${fmt(profile.totalUs)} sampled):\n\n${profileTable}`);

  const cpu = cpus()[0];
  const machine = `node ${process.version}, ${process.platform} ${process.arch} (kernel ${release()}), ${availableParallelism()} cores (${cpu?.model.trim() ?? 'unknown CPU'}${cpu?.speed ? `, ${(cpu.speed / 1000).toFixed(1)} GHz` : ''}), ${Math.round(totalmem() / 2 ** 30)} GB RAM`;
  console.log(`\n${machine}`);

  if (JSON_OUT) {
    writeFileSync(
      JSON_OUT,
      `${JSON.stringify({ machine, rounds: ROUNDS, ratio, minRatio, target: TARGET, main: main.map((c) => ({ name: c.name, command: c.command, us: c.times })), deps: [depFloor, ...depRuns].map((c) => ({ name: c.name, us: c.times })), profile }, null, 2)}\n`,
    );
  }
  if (!QUICK) {
    const md = report({ machine, mainTable, ratio, minRatio, verdict, anatomy, depTable, depFloorMed, profileTable, profileTotal: profile.totalUs, reached });
    writeFileSync(join(repo, 'bench', 'CLI.md'), md);
    console.log('\nwrote bench/CLI.md');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** The files of dist a `status` run loads (the entry, its static imports and the status chunk), and the packages they import. */
function modulesReachedByStatus(): { files: string[]; externals: Set<string> } {
  const files: string[] = [];
  const externals = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, followDynamic: (spec: string) => boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
    const text = readFileSync(file, 'utf8');
    // Only real import statements at the start of a line, and import() calls, not code inside strings.
    for (const m of text.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) take(m[1] as string, file, () => true);
    for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) take(m[1] as string, file, followDynamic);
  };
  const take = (spec: string, from: string, follow: (spec: string) => boolean): void => {
    if (spec.startsWith('.')) {
      if (follow(spec)) visit(join(from, '..', spec), () => false);
    } else if (!spec.startsWith('node:') && !builtinModules.includes(spec.split('/')[0] as string)) {
      externals.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  };
  visit(cli, (spec) => /\/status-[^/]*\.js$/.test(spec));
  return { files, externals };
}

/** How Node loads a package imported from an ES module: its `import` export, `type: module`, or CommonJS. */
function moduleFormat(name: string): string {
  const p = JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { type?: string; main?: string; exports?: unknown };
  const root = typeof p.exports === 'object' && p.exports !== null && '.' in p.exports ? (p.exports as Record<string, unknown>)['.'] : p.exports;
  const json = JSON.stringify(root ?? null);
  if (p.type === 'module' || /"import"|\.mjs"/.test(json)) return 'ESM';
  return `CommonJS (${(typeof root === 'string' ? root : undefined) ?? p.main ?? 'index.js'})`;
}

/** Whether tsup bundled the package into the library's ES build (noExternal) instead of importing it. */
function bundled(name: string): boolean {
  const dist = join(pkgDir, 'dist');
  const esmFiles = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dist, f), 'utf8'));
  const spec = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const imported = new RegExp(`(?:^import\\s+(?:[^'";]*?\\s+from\\s+)?|\\bimport\\(\\s*)['"]${spec}(?:/[^'"]*)?['"]`, 'm');
  return !esmFiles.some((text) => imported.test(text));
}

function profileStatus(): { totalUs: number; rows: { name: string; us: number }[] } {
  const dir = join(tmp, 'prof');
  mkdirSync(dir);
  spawn({ ...status, args: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '50', ...status.args] });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = prof.timeDeltas[i + 1] ?? 0; // the time until the next sample is this sample's
    const name = node ? group(node.callFrame.url, node.callFrame.functionName) : '(unknown)';
    groups.set(name, (groups.get(name) ?? 0) + dt);
  });
  const rows = [...groups].map(([name, us]) => ({ name, us })).sort((a, b) => b.us - a.us);
  const totalUs = rows.reduce((s, r) => s + r.us, 0);
  const top = rows.slice(0, 12);
  const rest = rows.slice(12).reduce((s, r) => s + r.us, 0);
  return { totalUs, rows: rest > 0 ? [...top, { name: 'everything else', us: rest }] : top };
}

/** A profile sample's module: a package, a dist file, Node's own code, or V8's pseudo-frames. */
function group(url: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? `V8 ${fn}` : 'V8 / native';
  if (url.startsWith('node:internal/modules')) return 'Node: module loader';
  if (url.startsWith('node:internal/deps/')) return `Node: ${url.split('/').slice(1, 3).join('/')}`; // e.g. deps/cjs-module-lexer
  if (url.startsWith('node:')) return `Node: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    return `package ${parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return path.startsWith(pkgDir) ? relative(pkgDir, path) : path;
}

function report(r: {
  machine: string;
  mainTable: string;
  ratio: number;
  minRatio: number;
  verdict: string;
  anatomy: string;
  depTable: string;
  depFloorMed: number;
  profileTable: string;
  profileTotal: number;
  reached: { files: string[]; externals: Set<string> };
}): string {
  return `# Benchmark: cold \`claude-gateway status --json\` against \`node -e 0\`

\`\`\`sh
npm run bench:cli                  # everything (about a minute); rewrites this file
npm run bench:cli -- --quick       # a smoke run, prints only
npm run bench:cli -- --json=out    # also write the raw figures
\`\`\`

## Method

- The **built** CLI (\`${binRel}\`, tsup output; \`npx tsup\` first if it is missing), run from a copy of
  \`dist/\` in a temp directory with \`package.json\` and a link to \`node_modules\`, so that a rebuild during
  the run cannot disturb it.
- The command: \`node ${binRel} status --json ${where.join(' ').replace(layoutRoot, '<layout>')}\`, where
  \`<layout>\` is a copy of [examples/layout](../examples/layout/README.md) with \`home/dev/acme-app/.git\`
  created (as \`npm run demo\` does). A check before timing makes sure it resolves the layout as the
  demo does: base URL \`https://llm-gateway.acme.example\`, origin \`file + drop-ins\`, an \`api-key-helper\`
  credential.
- The floor: \`node -e 0\`, the same Node binary doing nothing. Also timed: an empty \`.mjs\` file (Node
  started from an ES module, as the CLI is), \`${binRel} --version\`, and
  importing the library: \`node -e "import('<repo>/dist/index.js')"\` and \`node -e "require('<repo>/dist/index.cjs')"\`,
  and its light entry \`claude-gateway-config/resolve\` (\`dist/resolve.js\`, \`dist/resolve.cjs\`).
- Every run is a new process started with \`spawnSync\` and timed from the call to its return (wall
  time: start-up, module loading, the work, printing into a pipe, exit). Every process gets the same
  small environment (\`PATH\`, \`LANG=C\`, \`NO_COLOR=1\`). The contenders alternate, in an order that
  rotates every round, after ${WARMUP} warm-up rounds, so that drift (other load, CPU frequency) hits all
  alike; each must exit 0. ${ROUNDS} rounds; the tables give **medians** (and p90, min).

## Machine

${r.machine}. Other work may be running on the machine at the same time: alternating rounds spread it over
every contender, and the p90 column shows how much there was.

## Results

${r.mainTable}

**status --json / node -e 0 = ${r.ratio.toFixed(2)}x** (target ≤ ${TARGET}x: ${r.verdict}). The ratio of the
fastest runs, which other load disturbed least, is ${r.minRatio.toFixed(2)}x. From run to run the median ratio
moves with the other load on the machine (the longer process is exposed to it longer); the minima move less.

${r.anatomy}

\`status\` stays light because the CLI loads each command on use: it reads ${r.reached.files.length} files of
\`dist/cli\` (${r.reached.files.map((f) => `\`${relative(join(pkgDir, 'dist', 'cli'), f)}\``).join(', ')}) and, of the
runtime dependencies, only ${[...r.reached.externals].map((e) => `\`${e}\``).join(', ') || 'none'}. Importing the whole library
(\`dist/index.js\`) loads every dependency at once, which is what the import rows show; the light entry
\`claude-gateway-config/resolve\` (resolving, explaining, diagnosing, verifying: no writers, no generators)
loads neither zod nor yaml nor the writers' packages.

### The runtime dependencies, each imported alone

\`node --input-type=module -e "await import('<name>')"\` from the repository, ${DEP_ROUNDS} alternating rounds;
the floor in this series was ${fmt(r.depFloorMed)}. Costs overlap (they share Node's ESM loader start-up),
so they do not add up to the library's import.

${r.depTable}

### Where one \`status\` run spends its time

One run under \`node --cpu-prof --cpu-prof-interval 50\`, self time grouped by module
(${fmt(r.profileTotal)} sampled; the profiler itself slows the run).

${r.profileTable}
`;
}
