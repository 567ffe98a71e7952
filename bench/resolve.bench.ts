/**
 * Benchmark of `resolveEffectiveConfig` on a real temp directory, against a floor: reading the same
 * files with readFileSync + JSON.parse + an object spread, in the same process.
 *
 *   npm run bench                 # the reference layout and the scaling runs
 *   npm run bench -- --quick      # fewer iterations (a smoke run)
 *   npm run bench -- --json=out   # also write the raw figures as JSON
 *   npm run bench -- --only=reference|sparse|drop-ins|env
 *   node --cpu-prof --cpu-prof-dir=.bench-tmp --import tsx bench/resolve.bench.ts --only=reference
 *
 * The managed directory (/etc/claude-code) is mapped into the temp directory by a small
 * path-rewriting FileSystem that wraps `createNodeFs()`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeFs, resolveEffectiveConfig } from '../src/index';
import type { FileSystem, ResolveOptions } from '../src/index';
// Internal phases, to tell reading from deciding (not public API).
import { gather } from '../src/core/gather';
import { resolveGathered } from '../src/core/resolve';
import { prepareResolution } from '../src/resolve-effective';
import { fmt, median, quantile } from './stats';

const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const JSON_OUT = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const MANAGED_DIR = '/etc/claude-code';

type Json = Record<string, unknown>;

/** `createNodeFs()` with `/etc/claude-code/...` redirected to `<root>/etc/claude-code/...`. */
function redirectedFs(root: string): FileSystem {
  const real = createNodeFs();
  const readIfFile = real.readIfFile?.bind(real);
  const target = join(root, 'etc', 'claude-code');
  const map = (path: string): string => (path === MANAGED_DIR ? target : path.startsWith(`${MANAGED_DIR}/`) ? target + path.slice(MANAGED_DIR.length) : path);
  return {
    readFile: (path) => real.readFile(map(path)),
    stat: (path) => real.stat(map(path)),
    readdir: (path) => real.readdir(map(path)),
    ...(readIfFile ? { readIfFile: (path: string, maxBytes?: number, likelyThere?: boolean) => readIfFile(map(path), maxBytes, likelyThere) } : {}),
  };
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A layout on disk plus the paths the floor reads. */
interface Fixture {
  root: string;
  options: ResolveOptions;
  /** Every settings file that exists, in the order the floor reads them (lowest precedence first). */
  files: string[];
  /** The inline --settings JSON, when there is one. */
  inline?: string;
  variables: number;
}

interface FixtureSpec {
  /**
   * Only the user file, nothing else on disk (no repository, no managed directory, no --settings):
   * what most machines look like, where the resolver mostly looks for files that are not there.
   */
  sparse?: boolean;
  dropIns?: number;
  /** Whether each extra drop-in also adds a permissions.deny rule (a list merged across drop-ins). */
  dropInLists?: boolean;
  /** Extra variables in the user file's env block. */
  bigEnv?: number;
}

/**
 * The reference layout: user, project and local settings (local at the git root), inline
 * `--settings`, a managed file and three drop-ins; 40 variables in all, some set at several levels.
 */
function buildFixture(spec: FixtureSpec = {}): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'cgc-bench-'));
  const home = join(root, 'home', 'user');
  const repo = join(home, 'src', 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  const managed = join(root, 'etc', 'claude-code');

  const userEnv: Record<string, string> = {
    ANTHROPIC_BASE_URL: 'https://user-gw.example.com',
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    API_TIMEOUT_MS: '600000',
    CLAUDE_CODE_MAX_OUTPUT_TOKENS: '32000',
    DISABLE_TELEMETRY: '1',
    HTTPS_PROXY: 'http://proxy.example.com:8080',
    NO_PROXY: 'localhost,127.0.0.1',
    CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '900000',
  };
  for (let i = 0; i < (spec.bigEnv ?? 0); i++) userEnv[`BENCH_VAR_${i}`] = `value-${i}`;
  const user: Json = {
    $schema: 'https://json.schemastore.org/claude-code-settings.json',
    env: userEnv,
    model: 'sonnet',
    permissions: { allow: ['Bash(npm run test:*)', 'Read(~/.zshrc)'], deny: ['Read(./.env)'] },
  };
  const project: Json = {
    env: {
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-4-5',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-6',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-4-6',
      CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
      MAX_THINKING_TOKENS: '8000',
      BASH_DEFAULT_TIMEOUT_MS: '120000',
    },
    permissions: { allow: ['Bash(git diff:*)'], deny: ['Read(./secrets/**)'] },
  };
  const local: Json = {
    env: {
      ANTHROPIC_MODEL: 'claude-opus-4-6',
      ANTHROPIC_CUSTOM_HEADERS: 'X-Team: platform\nX-Cost-Center: 1234',
      CLAUDE_CODE_EFFORT_LEVEL: 'high',
      MCP_TIMEOUT: '30000',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/corp.pem',
    },
    permissions: { allow: ['Bash(make:*)'] },
  };
  const inlineSettings: Json = {
    env: {
      ANTHROPIC_AUTH_TOKEN: 'sk-gw-inline-token-0123456789',
      CLAUDE_CODE_AUTO_COMPACT_WINDOW: '180000',
      DISABLE_ERROR_REPORTING: '1',
      BASH_MAX_OUTPUT_LENGTH: '50000',
    },
  };
  const managedFile: Json = {
    env: {
      ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com',
      CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1',
      CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK: '1',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
    },
    permissions: { deny: ['Bash(curl:*)'] },
    disableAllHooks: false,
  };
  const dropIns: Record<string, Json> = {
    '10-gateway.json': {
      env: {
        ANTHROPIC_BASE_URL: 'https://llm-gateway-eu.example.com',
        ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5',
        CLAUDE_CODE_ATTRIBUTION_HEADER: '0',
        CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS: '1',
      },
    },
    '20-models.json': {
      env: { ANTHROPIC_DEFAULT_FABLE_MODEL: 'claude-fable-1', VERTEX_REGION_CLAUDE_5_OPUS: 'europe-west1', CLOUD_ML_REGION: 'global' },
      availableModels: ['sonnet', 'opus', 'haiku'],
    },
    '30-network.json': {
      env: { HTTP_PROXY: 'http://proxy.example.com:8080', CLAUDE_CODE_PROXY_RESOLVES_HOSTS: '1', API_FORCE_IDLE_TIMEOUT: '1' },
      permissions: { deny: ['WebFetch(domain:pastebin.com)'] },
    },
  };
  for (let i = 0; i < (spec.dropIns ?? 0); i++) {
    dropIns[`50-team-${String(i).padStart(5, '0')}.json`] = {
      env: { [`TEAM_${i}_ENDPOINT`]: `https://team-${i}.example.com`, ANTHROPIC_CUSTOM_HEADERS: `X-Team: team-${i}` },
      ...(spec.dropInLists === false ? {} : { permissions: { deny: [`Bash(team-${i}-danger:*)`] } }),
    };
  }

  if (spec.sparse) {
    const cwd = join(home, 'project');
    mkdirSync(cwd, { recursive: true });
    const file = join(home, '.claude', 'settings.json');
    writeJson(file, user);
    // A credential from the shell: with none, `claude -p` refuses (credential-not-logged-in) and the layout is not what a user runs.
    const options: ResolveOptions = {
      fs: redirectedFs(root),
      homeDir: home,
      cwd,
      platform: 'linux',
      env: { ANTHROPIC_AUTH_TOKEN: 'bench-token-0123456789' },
      interactive: false,
    };
    return { root, options, files: [file], variables: Object.keys(userEnv).length };
  }

  const files = [
    join(home, '.claude', 'settings.json'),
    join(repo, '.claude', 'settings.json'),
    join(repo, '.claude', 'settings.local.json'),
    join(managed, 'managed-settings.json'),
    ...Object.keys(dropIns)
      .sort()
      .map((n) => join(managed, 'managed-settings.d', n)),
  ];
  writeJson(files[0]!, user);
  writeJson(files[1]!, project);
  writeJson(files[2]!, local);
  writeJson(files[3]!, managedFile);
  for (const [name, content] of Object.entries(dropIns)) writeJson(join(managed, 'managed-settings.d', name), content);
  const inline = JSON.stringify(inlineSettings);

  const envBlocks = [user, project, local, inlineSettings, managedFile, ...Object.values(dropIns)].map((s) => Object.keys(s['env'] as Json).length);
  const options: ResolveOptions = {
    fs: redirectedFs(root),
    homeDir: home,
    cwd: repo,
    platform: 'linux',
    env: {},
    interactive: false,
    settingsFlag: inline,
  };
  return { root, options, files, inline, variables: envBlocks.reduce((a, b) => a + b, 0) };
}

/**
 * The floor: the same files, read with readFileSync and parsed with JSON.parse, merged with an object
 * spread (top level) and Object.assign for the env blocks, so the floor itself stays linear.
 */
function floor(f: Fixture): Json {
  const parsed: Json[] = f.files.map((path) => JSON.parse(readFileSync(path, 'utf8')) as Json);
  if (f.inline !== undefined) parsed.push(JSON.parse(f.inline) as Json);
  const env: Json = {};
  for (const s of parsed) Object.assign(env, s['env'] as Json | undefined);
  return { ...Object.assign({}, ...parsed), env };
}

interface Samples {
  resolve: number[];
  floor: number[];
}

/**
 * Alternates batches of the resolver and the floor, so that drift (GC, JIT, CPU frequency) hits
 * both alike. Each call is timed on its own with hrtime.bigint; times are in microseconds.
 */
async function measure(f: Fixture, opts: { warmup: number; minIters: number; budgetMs: number }): Promise<Samples> {
  let sink = 0;
  for (let i = 0; i < opts.warmup; i++) {
    const c = await resolveEffectiveConfig(f.options);
    sink += Object.keys(c.env).length + Object.keys(floor(f)).length;
  }
  const out: Samples = { resolve: [], floor: [] };
  const batch = Math.max(1, Math.min(200, Math.ceil(opts.minIters / 10)));
  const start = process.hrtime.bigint();
  const budget = BigInt(opts.budgetMs) * 1_000_000n;
  while (out.resolve.length < opts.minIters || process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < batch; i++) {
      const t0 = process.hrtime.bigint();
      const c = await resolveEffectiveConfig(f.options);
      const t1 = process.hrtime.bigint();
      out.resolve.push(Number(t1 - t0) / 1000);
      sink += Object.keys(c.env).length;
    }
    for (let i = 0; i < batch; i++) {
      const t0 = process.hrtime.bigint();
      const m = floor(f);
      const t1 = process.hrtime.bigint();
      out.floor.push(Number(t1 - t0) / 1000);
      sink += Object.keys(m).length;
    }
    if (out.resolve.length >= opts.minIters * 50) break;
  }
  if (sink === -1) console.log('unreachable');
  return out;
}

interface Row {
  label: string;
  n: number;
  files: number;
  variables: number;
  resolve: number;
  resolveP90: number;
  floor: number;
  iterations: number;
}

async function run(label: string, n: number, spec: FixtureSpec, heavy: boolean): Promise<Row> {
  const f = buildFixture(spec);
  try {
    // Sanity: the layout resolves as intended (all levels read, managed file + drop-ins in use).
    const c = await resolveEffectiveConfig(f.options);
    const loaded = c.sources.filter((s) => s.status === 'loaded').length;
    const intended = spec.sparse
      ? loaded === 1 && c.baseUrl?.value === 'https://user-gw.example.com' && c.managedOrigin === undefined
      : c.managedOrigin === 'file + drop-ins' && loaded >= 4 + 3 + (spec.dropIns ?? 0) && c.credential.kind === 'auth-token';
    if (!intended || c.diagnostics.some((d) => d.severity === 'error')) {
      const errors = c.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      throw new Error(`bench layout did not resolve as intended: ${JSON.stringify({ origin: c.managedOrigin, loaded, kind: c.credential.kind, errors })}`);
    }
    const iters = QUICK
      ? { warmup: 20, minIters: 30, budgetMs: 300 }
      : heavy
        ? { warmup: 5, minIters: 15, budgetMs: 3000 }
        : { warmup: 500, minIters: 2000, budgetMs: 4000 };
    const s = await measure(f, iters);
    return {
      label,
      n,
      files: f.files.length + (f.inline === undefined ? 0 : 1),
      variables: f.variables,
      resolve: median(s.resolve),
      resolveP90: quantile(s.resolve, 0.9),
      floor: median(s.floor),
      iterations: s.resolve.length,
    };
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
}

function scalingTable(title: string, unit: string, rows: Row[], base: Row): string[] {
  const lines = [
    `### ${title}`,
    '',
    `| ${unit} | files | variables | resolve (median) | floor (median) | ratio | per ${unit.replace(/s$/, '')} (t/n) | marginal per ${unit.replace(/s$/, '')} | iterations |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  let prev = base;
  for (const r of rows) {
    const perItem = r.resolve / r.n;
    const marginal = (r.resolve - prev.resolve) / (r.n - prev.n);
    lines.push(
      `| ${r.n} | ${r.files} | ${r.variables} | ${fmt(r.resolve)} | ${fmt(r.floor)} | ${(r.resolve / r.floor).toFixed(1)}x | ${fmt(perItem)} | ${fmt(marginal)} | ${r.iterations} |`,
    );
    prev = r;
  }
  return lines;
}

/** The reference layout's time split into reading (`gather`) and deciding (`resolveGathered`). */
async function phases(): Promise<{ gather: number; decide: number }> {
  const f = buildFixture({});
  try {
    const { input, context } = await prepareResolution(f.options);
    const g = await gather(input);
    const n = QUICK ? 200 : 20000;
    const reads: number[] = [];
    const decides: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await gather(input);
      const t1 = process.hrtime.bigint();
      resolveGathered(g, context);
      const t2 = process.hrtime.bigint();
      if (i >= n / 10) {
        reads.push(Number(t1 - t0) / 1000);
        decides.push(Number(t2 - t1) / 1000);
      }
    }
    return { gather: median(reads), decide: median(decides) };
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const facts = `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`;
  console.log(`claude-gateway-config benchmark: ${facts}${QUICK ? ' [quick]' : ''}\n`);

  const ref = await run('reference', 0, {}, false);
  const want = (part: string): boolean => ONLY === undefined || ONLY === part;
  const sparse = want('sparse') ? await run('sparse', 0, { sparse: true }, false) : undefined;
  const ratio = ref.resolve / ref.floor;
  const out: string[] = [
    '### Reference layout',
    '',
    `${ref.files} sources (user, project, local at the git root, inline --settings, managed file, 3 drop-ins), ${ref.variables} env entries.`,
    '',
    '| measurement | median | p90 | iterations |',
    '|---|---:|---:|---:|',
    `| resolveEffectiveConfig | ${fmt(ref.resolve)} | ${fmt(ref.resolveP90)} | ${ref.iterations} |`,
    `| floor (readFileSync + JSON.parse + spread) | ${fmt(ref.floor)} | | ${ref.iterations} |`,
    `| **ratio** | **${ratio.toFixed(2)}x** (target ≤ 3x: ${ratio <= 3 ? 'met' : 'NOT met'}) | | |`,
    '',
  ];
  const split = await phases();
  out.push(
    'Where the time goes (medians, same layout): reading every source through the FileSystem',
    `(\`gather\`, which also probes the paths that are absent) ${fmt(split.gather)}; deciding (\`resolveGathered\`, pure) ${fmt(split.decide)}.`,
    '',
  );
  if (sparse) {
    out.push(
      '### Sparse layout (only ~/.claude/settings.json exists; no repository, no managed directory, no --settings)',
      '',
      '| measurement | median | p90 | iterations |',
      '|---|---:|---:|---:|',
      `| resolveEffectiveConfig | ${fmt(sparse.resolve)} | ${fmt(sparse.resolveP90)} | ${sparse.iterations} |`,
      `| floor (readFileSync + JSON.parse + spread of the one file) | ${fmt(sparse.floor)} | | ${sparse.iterations} |`,
      `| ratio | ${(sparse.resolve / sparse.floor).toFixed(2)}x | | |`,
      '',
    );
  }

  const dropInRows: Row[] = [];
  if (want('drop-ins')) for (const n of [10, 100, 300, 1000]) dropInRows.push(await run('drop-ins', n, { dropIns: n }, n >= 300));
  if (dropInRows.length > 0)
    out.push(...scalingTable('Extra drop-ins (each: 2 env variables, 1 permissions.deny rule)', 'drop-ins', dropInRows, { ...ref, n: 0 }), '');
  const envDropInRows: Row[] = [];
  if (want('drop-ins')) for (const n of [10, 100, 1000]) envDropInRows.push(await run('drop-ins-env', n, { dropIns: n, dropInLists: false }, n >= 1000));
  if (envDropInRows.length > 0)
    out.push(...scalingTable('Extra drop-ins without lists (each: 2 env variables only)', 'drop-ins', envDropInRows, { ...ref, n: 0 }), '');

  const envRows: Row[] = [];
  if (want('env')) for (const n of [100, 1000, 10000]) envRows.push(await run('env', n, { bigEnv: n }, n >= 10000));
  if (envRows.length > 0) out.push(...scalingTable('Extra variables in the user env block', 'vars', envRows, { ...ref, n: 0 }), '');

  console.log(out.join('\n'));
  if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify({ facts, ref, sparse, dropInRows, envDropInRows, envRows }, null, 2)}\n`);
}

await main();
