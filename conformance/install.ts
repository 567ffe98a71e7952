/**
 * Installs a published Claude Code version on demand into a cache folder
 * (`<repo>/.cache/claude-code/<version>/`), never into this package's dependencies, and finds its
 * native executable. A version already in the cache is used as it is: no network.
 *
 * Usage: node --import tsx conformance/install.ts 2.1.332 [2.1.236 ...]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_ROOT: string = join(REPO_ROOT, '.cache', 'claude-code');

const VERSION_RE = /^\d+\.\d+\.\d+$/;

export interface InstalledClaude {
  version: string;
  /** Absolute path of the native executable. */
  executable: string;
  /** What `claude --version` printed. */
  versionLine: string;
  /** True when the cache already held it (nothing was downloaded). */
  cached: boolean;
  /** Seconds spent installing (0 on a cache hit). */
  installSeconds: number;
}

interface Marker {
  version: string;
  executable: string;
  versionLine: string;
}

/** Where the native program sits inside an installed tree, most specific first. */
function findExecutable(dir: string): string | undefined {
  const candidates = [
    join(dir, 'node_modules', '@anthropic-ai', 'claude-code-linux-x64', 'claude'),
    join(dir, 'node_modules', '@anthropic-ai', 'claude-code-linux-x64', 'bin', 'claude'),
    join(dir, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude.exe'),
    join(dir, 'node_modules', '@anthropic-ai', 'claude-code', 'bin', 'claude'),
  ];
  for (const c of candidates) {
    try {
      const st = statSync(c);
      // A real executable, not the small JavaScript launcher stub some versions ship.
      if (st.isFile() && st.size > 1_000_000) return c;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Runs `<exe> --version` in a scratch environment and checks the printed version. */
export function verifyExecutable(executable: string, version: string): string {
  const home = join(CACHE_ROOT, '.version-home');
  mkdirSync(home, { recursive: true });
  // Without a network where a network namespace can be made (root): --version needs none.
  const isolated = process.getuid?.() === 0 && existsSync('/usr/bin/unshare');
  const [cmd, args] = isolated ? ['/usr/bin/unshare', ['--net', '--', executable, '--version']] : [executable, ['--version']];
  const r = spawnSync(cmd, args, {
    env: { PATH: '/usr/bin:/bin', HOME: home, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
    encoding: 'utf8',
  });
  const line = (r.stdout ?? '').trim();
  if (r.status !== 0 || !line.startsWith(`${version} `)) {
    throw new Error(
      `${executable} --version printed ${JSON.stringify(line)} (exit ${r.status}, stderr ${JSON.stringify((r.stderr ?? '').slice(0, 300))}); expected ${version}`,
    );
  }
  return line;
}

/** Reads the cache without touching the network; undefined when the version is not there. */
export function cachedClaude(version: string): InstalledClaude | undefined {
  const markerPath = join(CACHE_ROOT, version, 'installed.json');
  if (!existsSync(markerPath)) return undefined;
  const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
  if (!existsSync(marker.executable)) return undefined;
  return { version, executable: marker.executable, versionLine: marker.versionLine, cached: true, installSeconds: 0 };
}

/**
 * Installs `@anthropic-ai/claude-code@<version>` into the cache (unless there already) and returns
 * its executable. The install goes to a temporary folder renamed into place when verified, so an
 * interrupted install never looks complete.
 */
export function installClaude(version: string, log: (line: string) => void = () => {}): InstalledClaude {
  if (!VERSION_RE.test(version)) throw new Error(`not a plain version number: ${JSON.stringify(version)}`);
  const hit = cachedClaude(version);
  if (hit) return hit;
  const started = Date.now();
  const final = join(CACHE_ROOT, version);
  const tmp = join(CACHE_ROOT, `.${version}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'claude-code-cache', private: true }) + '\n');
  log(`installing @anthropic-ai/claude-code@${version} into ${final} ...`);
  try {
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--prefix', tmp, `@anthropic-ai/claude-code@${version}`],
      { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const err = e as { stderr?: Buffer };
    throw new Error(`npm install of @anthropic-ai/claude-code@${version} failed: ${err.stderr?.toString().slice(0, 1000) ?? String(e)}`);
  }
  const tmpExe = findExecutable(tmp);
  if (tmpExe === undefined) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`@anthropic-ai/claude-code@${version} installed, but no native executable was found in it`);
  }
  verifyExecutable(tmpExe, version);
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  const executable = findExecutable(final);
  if (executable === undefined) throw new Error(`executable vanished after moving ${tmp} to ${final}`);
  const versionLine = verifyExecutable(executable, version);
  const marker: Marker = { version, executable, versionLine };
  writeFileSync(join(final, 'installed.json'), JSON.stringify(marker, null, 2) + '\n');
  const installSeconds = (Date.now() - started) / 1000;
  log(`installed ${versionLine} in ${installSeconds.toFixed(1)} s`);
  return { version, executable, versionLine, cached: false, installSeconds };
}

/**
 * Every published plain version (`X.Y.Z`) of `@anthropic-ai/claude-code`, oldest first, from one
 * `npm view` (kept in the cache for a day).
 */
export function publishedVersions(): string[] {
  const file = join(CACHE_ROOT, 'versions.json');
  try {
    if (Date.now() - statSync(file).mtimeMs < 24 * 3600_000) return JSON.parse(readFileSync(file, 'utf8')) as string[];
  } catch {
    // not cached yet
  }
  const out = execFileSync('npm', ['view', '@anthropic-ai/claude-code', 'versions', '--json'], {
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const versions = (JSON.parse(out) as string[]).filter((v) => VERSION_RE.test(v));
  mkdirSync(CACHE_ROOT, { recursive: true });
  writeFileSync(file, JSON.stringify(versions) + '\n');
  return versions;
}

/** `A..B` (inclusive, published versions only) or a single version. */
export function expandVersionRange(spec: string, compare: (a: string, b: string) => number): string[] {
  const m = /^(\d+\.\d+\.\d+)\.\.(\d+\.\d+\.\d+)$/.exec(spec);
  if (!m) return [spec];
  const [from, to] = [m[1] as string, m[2] as string];
  return publishedVersions().filter((v) => compare(v, from) >= 0 && compare(v, to) <= 0);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const versions = process.argv.slice(2);
  if (versions.length === 0) {
    process.stderr.write('usage: conformance/install.ts <version> [<version> ...]\n');
    process.exit(2);
  }
  for (const v of versions) {
    const r = installClaude(v, (l) => process.stderr.write(l + '\n'));
    process.stdout.write(`${r.version}\t${r.cached ? 'cached' : `installed in ${r.installSeconds.toFixed(1)} s`}\t${r.executable}\n`);
  }
}
