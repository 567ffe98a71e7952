/**
 * The BUILT package, loaded the way a consumer loads it: in real child processes, through the
 * `exports` map of package.json, as ESM (`import()`) and as CommonJS (`require()`), for both entry
 * points (`claude-gateway-config` and `claude-gateway-config/testing`).
 *
 * Each child runs with an empty environment (PATH only), records every file-system call, child
 * process, `process.env` read and machine-default lookup made from the package's own code (dist/),
 * then resolves an in-memory layout and prints JSON that the tests check.
 */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmp, removeTmp } from './helpers/tmp';

const ROOT = resolvePath(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const NAME = 'claude-gateway-config';

interface PackageJson {
  name: string;
  exports: Record<string, string | Record<string, Record<string, string>>>;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const BUILT = ['index', 'resolve', 'testing', 'schema'].flatMap((e) => ['.js', '.cjs', '.d.ts', '.d.cts'].map((x) => join(DIST, e + x)));

/** True when every built file exists and is newer than every input of the build. */
function distIsFresh(): boolean {
  if (!BUILT.every((f) => existsSync(f))) return false;
  const inputs = [
    ...filesUnder(join(ROOT, 'src')),
    ...filesUnder(join(ROOT, 'schemas')),
    join(ROOT, 'package.json'),
    join(ROOT, 'tsup.config.ts'),
    join(ROOT, 'tsconfig.json'),
  ];
  const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  const oldestOutput = Math.min(...BUILT.map((f) => statSync(f).mtimeMs));
  return oldestOutput > newestInput;
}

/**
 * The probe each child runs. It instruments fs, fs/promises, child_process, os and process.env
 * BEFORE loading the package, so any call whose stack passes through dist/ (other than Node's own
 * module loader) is recorded, per phase: `import` (loading the package) and `resolve` (resolving an
 * in-memory layout with the testing kit).
 */
function probe(mode: 'esm' | 'cjs'): string {
  const load =
    mode === 'esm'
      ? `const main = await import(${JSON.stringify(NAME)});
         const testing = await import(${JSON.stringify(`${NAME}/testing`)});
         const light = await import(${JSON.stringify(`${NAME}/resolve`)});
         const resolvedLight = fileURLToPath(import.meta.resolve(${JSON.stringify(`${NAME}/resolve`)}));
         const resolvedMain = fileURLToPath(import.meta.resolve(${JSON.stringify(NAME)}));
         const resolvedTesting = fileURLToPath(import.meta.resolve(${JSON.stringify(`${NAME}/testing`)}));`
      : `const main = require(${JSON.stringify(NAME)});
         const testing = require(${JSON.stringify(`${NAME}/testing`)});
         const light = require(${JSON.stringify(`${NAME}/resolve`)});
         const resolvedLight = require.resolve(${JSON.stringify(`${NAME}/resolve`)});
         const resolvedMain = require.resolve(${JSON.stringify(NAME)});
         const resolvedTesting = require.resolve(${JSON.stringify(`${NAME}/testing`)});`;
  const prelude =
    mode === 'esm'
      ? `import fs from 'node:fs'; import cp from 'node:child_process'; import os from 'node:os';
         import { syncBuiltinESMExports } from 'node:module'; import { fileURLToPath } from 'node:url';`
      : `const fs = require('node:fs'); const cp = require('node:child_process'); const os = require('node:os');
         const { syncBuiltinESMExports } = require('node:module');`;
  const body = `
    const DIST = ${JSON.stringify(DIST)};
    const DIST_URL = ${JSON.stringify(pathToFileURL(DIST).href)};
    let phase = 'setup';
    const hits = { io: [], env: [] };
    const fromPackage = () => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 100;
      const stack = new Error().stack || '';
      Error.stackTraceLimit = limit;
      return (stack.includes(DIST) || stack.includes(DIST_URL)) && !stack.includes('node:internal/modules');
    };
    const mark = (kind, what) => { if (phase !== 'setup' && fromPackage()) hits[kind].push(phase + ': ' + what); };
    const wrap = (obj, names, kind, label) => {
      for (const name of names) {
        const orig = obj[name];
        if (typeof orig !== 'function') continue;
        obj[name] = function (...args) { mark(kind, label + name + (typeof args[0] === 'string' ? ' ' + args[0] : '')); return orig.apply(this, args); };
      }
    };
    const FS = ['readFileSync', 'readFile', 'statSync', 'stat', 'lstatSync', 'lstat', 'readdirSync', 'readdir', 'existsSync', 'exists',
      'openSync', 'open', 'accessSync', 'access', 'realpathSync', 'realpath', 'opendirSync', 'opendir', 'writeFileSync', 'writeFile'];
    wrap(fs, FS, 'io', 'fs.');
    wrap(fs.promises, FS, 'io', 'fs.promises.');
    wrap(cp, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'io', 'child_process.');
    wrap(os, ['homedir', 'userInfo', 'hostname', 'tmpdir'], 'env', 'os.');
    wrap(process, ['cwd', 'getuid', 'getgid'], 'env', 'process.');
    syncBuiltinESMExports();
    const realEnv = process.env;
    process.env = new Proxy(realEnv, {
      get(t, k) { if (typeof k === 'string') mark('env', 'process.env.' + k); return Reflect.get(t, k); },
      has(t, k) { if (typeof k === 'string') mark('env', 'process.env has ' + k); return Reflect.has(t, k); },
      ownKeys(t) { mark('env', 'process.env keys'); return Reflect.ownKeys(t); },
    });

    phase = 'import';
    ${load}

    phase = 'resolve';
    const spec = {
      user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
      dropIns: { '10-team.json': { env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: platform' } } },
      env: { ANTHROPIC_AUTH_TOKEN: 'sk-test-token' },
    };
    const config = await main.resolveEffectiveConfig(testing.layout(spec));
    const lightConfig = await light.resolveEffectiveConfig(testing.layout(spec));
    let invalidCode;
    try { await main.resolveEffectiveConfig({ platform: 'beos' }); } catch (e) { invalidCode = e.code + ':' + (e instanceof main.ConfigError); }
    let lightInvalidCode;
    try { await light.resolveEffectiveConfig({ platform: 'beos' }); } catch (e) { lightInvalidCode = e.code + ':' + (e instanceof main.ConfigError); }

    // Self-check of the instrumentation: the real file system and the process.env default must be seen.
    phase = 'selfcheck';
    await main.createNodeFs().stat(DIST);
    await main.resolveEffectiveConfig({ fs: testing.createMemoryFs({}), homeDir: '/h', cwd: '/h', platform: 'linux' });
    phase = 'setup';
    process.env = realEnv;
    console.log(JSON.stringify({
      resolvedMain, resolvedTesting, resolvedLight,
      exports: Object.keys(main).sort(), testingExports: Object.keys(testing).sort(), lightExports: Object.keys(light).sort(),
      lightSame: Object.keys(light).filter((k) => light[k] !== main[k]),
      lightConfigSame: JSON.stringify(lightConfig) === JSON.stringify(config),
      lightInvalidCode,
      baseUrl: config.baseUrl && config.baseUrl.value,
      baseUrlScope: config.baseUrl && config.baseUrl.source.scope,
      credentialKind: config.credential.kind,
      credentialHeaders: config.credential.headers,
      customHeaders: config.customHeaders,
      managedOrigin: config.managedOrigin,
      invalidCode,
      hits,
    }));`;
  return mode === 'esm' ? `${prelude}\n${body}` : `${prelude}\n(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });`;
}

interface ProbeResult {
  resolvedMain: string;
  resolvedTesting: string;
  resolvedLight: string;
  exports: string[];
  testingExports: string[];
  lightExports: string[];
  /** Names `/resolve` exports whose value differs from the main entry's (should be none). */
  lightSame: string[];
  lightConfigSame: boolean;
  lightInvalidCode?: string;
  baseUrl?: string;
  baseUrlScope?: string;
  credentialKind: string;
  credentialHeaders: string[];
  customHeaders: { name: string; value: string }[];
  managedOrigin?: string;
  invalidCode?: string;
  hits: { io: string[]; env: string[] };
}

let consumer: string;
const results: Partial<Record<'esm' | 'cjs', ProbeResult>> = {};

/** Runs the probe in a child `node` started in the consumer directory, with PATH as its only variable. */
function runProbe(mode: 'esm' | 'cjs'): ProbeResult {
  const args = mode === 'esm' ? ['--input-type=module', '-e', probe(mode)] : ['--input-type=commonjs', '-e', probe(mode)];
  const stdout = execFileSync(process.execPath, args, {
    cwd: consumer,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ProbeResult;
}

beforeAll(() => {
  if (!distIsFresh()) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  consumer = makeTmp('cgc-consumer-');
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(ROOT, join(consumer, 'node_modules', NAME), 'dir');
  results.esm = runProbe('esm');
  results.cjs = runProbe('cjs');
}, 180_000);

afterAll(() => {
  if (consumer) removeTmp(consumer);
});

function result(mode: 'esm' | 'cjs'): ProbeResult {
  const r = results[mode];
  if (!r) throw new Error(`the ${mode} probe did not run`);
  return r;
}

describe('package.json exports point at built files', () => {
  it('every path in the exports map exists in the build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    expect(pkg.name).toBe(NAME);
    const targets: string[] = [];
    for (const value of Object.values(pkg.exports)) {
      if (typeof value === 'string') targets.push(value);
      else for (const conditions of Object.values(value)) targets.push(...Object.values(conditions));
    }
    expect(targets.length).toBeGreaterThanOrEqual(13);
    for (const target of targets) {
      if (!target.includes('*')) {
        expect(existsSync(join(ROOT, target)), target).toBe(true);
        continue;
      }
      // A subpath pattern: at least one file matches it (the * spans folders, as in Node).
      const [head = '', tail = ''] = target.split('*');
      const matches = filesUnder(join(ROOT, head.endsWith('/') ? head : dirname(head))).filter((f) => f.startsWith(join(ROOT, head)) && f.endsWith(tail));
      expect(matches.length, target).toBeGreaterThan(0);
    }
  });
});

describe.each(['esm', 'cjs'] as const)('the built package loaded as %s in a child process with an empty environment', (mode) => {
  it('resolves both entry points through package.json exports to dist/', () => {
    const r = result(mode);
    expect(r.resolvedMain).toBe(join(DIST, mode === 'esm' ? 'index.js' : 'index.cjs'));
    expect(r.resolvedTesting).toBe(join(DIST, mode === 'esm' ? 'testing.js' : 'testing.cjs'));
    expect(r.exports).toContain('resolveEffectiveConfig');
    expect(r.exports).toContain('createNodeFs');
    expect(r.testingExports).toEqual(expect.arrayContaining(['createMemoryFs', 'layout']));
  });

  it('resolves a memory layout from /testing: base URL, credential kind and headers', () => {
    const r = result(mode);
    expect(r.baseUrl).toBe('https://gw.example.com');
    expect(r.baseUrlScope).toBe('user');
    expect(r.credentialKind).toBe('auth-token');
    expect(r.credentialHeaders).toEqual(['authorization']);
    expect(r.customHeaders).toEqual([{ name: 'X-Team', value: 'platform' }]);
    expect(r.managedOrigin).toBe('drop-ins');
  });

  it('throws ConfigError INVALID_OPTIONS for bad options (the class is exported by the same build)', () => {
    expect(result(mode).invalidCode).toBe('INVALID_OPTIONS:true');
  });

  it('claude-gateway-config/resolve: a subset of the main entry, the very same objects (one ConfigError), the same resolution', () => {
    const r = result(mode);
    expect(r.resolvedLight).toBe(join(DIST, mode === 'esm' ? 'resolve.js' : 'resolve.cjs'));
    expect(r.lightExports).toEqual(
      expect.arrayContaining([
        'resolveEffectiveConfig',
        'explain',
        'formatEffectiveConfig',
        'diagnose',
        'doctor',
        'verifyGateway',
        'createNodeFs',
        'ConfigError',
      ]),
    );
    expect(r.exports).toEqual(expect.arrayContaining(r.lightExports));
    expect(r.lightExports).not.toContain('writeSettings');
    expect(r.lightExports).not.toContain('gatewayConfig');
    expect(r.lightSame).toEqual([]);
    expect(r.lightConfigSame).toBe(true);
    // Thrown by the light entry, recognised with the main entry's class.
    expect(r.lightInvalidCode).toBe('INVALID_OPTIONS:true');
  });

  it('importing the package does no IO, starts no process and reads no environment', () => {
    const { io, env } = result(mode).hits;
    expect(io.filter((h) => h.startsWith('import:'))).toEqual([]);
    expect(env.filter((h) => h.startsWith('import:'))).toEqual([]);
  });

  it('resolving an in-memory layout touches neither the disk nor process.env nor the machine defaults', () => {
    const { io, env } = result(mode).hits;
    expect(io.filter((h) => h.startsWith('resolve:'))).toEqual([]);
    expect(env.filter((h) => h.startsWith('resolve:'))).toEqual([]);
  });

  it("the instrumentation sees the package's real IO and its process.env default (self-check)", () => {
    const { io, env } = result(mode).hits;
    expect(io).toContain(`selfcheck: fs.statSync ${DIST}`);
    expect(env).toContain('selfcheck: process.env keys');
  });
});

describe('the ESM and CommonJS builds agree', () => {
  it('same exports and the same resolution', () => {
    const comparable = (r: ProbeResult): ProbeResult => ({
      ...r,
      resolvedMain: r.resolvedMain.replace(/\.c?js$/, ''),
      resolvedTesting: r.resolvedTesting.replace(/\.c?js$/, ''),
      resolvedLight: r.resolvedLight.replace(/\.c?js$/, ''),
    });
    expect(comparable(result('cjs'))).toEqual(comparable(result('esm')));
  });
});

/** Package names under node_modules among `paths`. */
function packagesIn(paths: string[]): string[] {
  const names = paths.map((p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)].sort();
}

/** Bare specifiers a built ES module file imports statically (`import ... from "x"`, `export ... from "x"`, `import "x"`), following its chunks. */
function staticImports(file: string, seen = new Set<string>()): { bare: Set<string>; dynamic: Set<string> } {
  const out = { bare: new Set<string>(), dynamic: new Set<string>() };
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?(?:from\s*)?["']([^"']+)["']/gm)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.')) {
      const sub = staticImports(join(dirname(file), spec), seen);
      for (const b of sub.bare) out.bare.add(b);
      for (const d of sub.dynamic) out.dynamic.add(d);
    } else {
      out.bare.add(spec);
    }
  }
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.dynamic.add(m[1] ?? '');
  return out;
}

describe('claude-gateway-config/resolve loads without the writers and generators', () => {
  const HEAVY = ['zod', 'yaml', 'write-file-atomic', 'ignore'];

  /** Packages loaded (CommonJS) after requiring `entry` alone in a fresh process. */
  const loadedBy = (entry: string): string[] => {
    const code = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)));`;
    const stdout = execFileSync(process.execPath, ['--input-type=commonjs', '-e', code], {
      cwd: consumer,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return packagesIn(JSON.parse(stdout.trim()) as string[]);
  };

  // jsonc-parser locates JSON errors in settings files; everything else is loaded on use.
  const LIGHT = ['jsonc-parser'];

  it('require(): the light entry loads only jsonc-parser; the main entry loads zod, yaml and the writers (the check can tell)', () => {
    expect(loadedBy(`${NAME}/resolve`)).toEqual(LIGHT);
    expect(loadedBy(NAME)).toEqual(expect.arrayContaining(['jsonc-parser', 'zod', 'yaml', 'write-file-atomic']));
  });

  it('claude-gateway-config/schema loads zod and gives the schemas (require and import); the light entry still does not', () => {
    expect(loadedBy(`${NAME}/schema`)).toEqual(expect.arrayContaining(['zod']));
    expect(loadedBy(`${NAME}/resolve`)).not.toContain('zod');
    const code = `
      const s = await import(${JSON.stringify(`${NAME}/schema`)});
      const c = require(${JSON.stringify(`${NAME}/schema`)});
      const file = require(${JSON.stringify(`${NAME}/schemas/cli/status.schema.json`)});
      console.log(JSON.stringify({
        kept: s.settingsSchema.parse({ theme: 'dark', env: { A: 'b' } }),
        rejected: c.settingsSchema.safeParse({ apiKeyHelper: '' }).success,
        version: s.CLI_JSON_SCHEMA_VERSION,
        commands: Object.keys(c.cliJsonSchemas).length,
        same: JSON.stringify(file) === JSON.stringify(s.cliJsonSchemas.status),
        settings: s.settingsJsonSchema.$schema,
      }));`;
    const stdout = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);${code}`],
      {
        cwd: consumer,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(JSON.parse(stdout.trim())).toEqual({
      kept: { theme: 'dark', env: { A: 'b' } },
      rejected: false,
      version: 1,
      commands: 18,
      same: true,
      settings: 'https://json-schema.org/draft/2020-12/schema',
    });
  });

  it('import: dist/resolve.js and its chunks import only built-ins up front (jsonc-parser is bundled as ES modules); write-file-atomic and ignore are loaded on use', () => {
    const light = staticImports(join(DIST, 'resolve.js'));
    const bare = [...light.bare].filter((s) => !builtinModules.includes(s.replace(/^node:/, ''))).sort();
    expect(bare).toEqual([]);
    expect([...light.dynamic]).toEqual(expect.arrayContaining(['write-file-atomic', 'ignore']));
    const main = staticImports(join(DIST, 'index.js'));
    expect([...main.bare]).toEqual(expect.arrayContaining(['zod', 'yaml']));
    for (const h of HEAVY) expect(light.bare.has(h), h).toBe(false);
  });
});

describe.each(['esm', 'cjs'] as const)('packages loaded on use work from the built %s files', (mode) => {
  it('checkGitSafety without git (ignore, loaded on use) and ensureGitIgnored (write-file-atomic, loaded on use)', () => {
    const repo = makeTmp('cgc-lazy-');
    try {
      mkdirSync(join(repo, '.git'));
      mkdirSync(join(repo, '.claude'));
      const load = (entry: string): string => (mode === 'esm' ? `await import(${JSON.stringify(entry)})` : `require(${JSON.stringify(entry)})`);
      const body = `
        const light = ${load(`${NAME}/resolve`)};
        const main = ${load(NAME)};
        const file = ${JSON.stringify(join(repo, '.claude', 'settings.local.json'))};
        const before = await light.checkGitSafety(file, { git: '/nonexistent/git' });
        const ensured = await main.ensureGitIgnored(file, { git: '/nonexistent/git' });
        console.log(JSON.stringify({ before: [before.method, before.ignored], after: [ensured.safety.method, ensured.safety.ignored], file: ensured.file }));`;
      const code = mode === 'esm' ? body : `(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`;
      const stdout = execFileSync(process.execPath, [mode === 'esm' ? '--input-type=module' : '--input-type=commonjs', '-e', code], {
        cwd: consumer,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const r = JSON.parse(stdout.trim()) as { before: [string, boolean]; after: [string, boolean]; file: string };
      expect(r.before).toEqual(['ignore-package', false]);
      expect(r.after).toEqual(['ignore-package', true]);
      expect(r.file).toBe(join(repo, '.gitignore'));
      expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toContain('/.claude/settings.local.json');
    } finally {
      removeTmp(repo);
    }
  });
});
