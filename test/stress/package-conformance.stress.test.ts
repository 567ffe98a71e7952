/**
 * `claude-gateway-config/conformance` as a user gets it: the package packed with `npm pack`,
 * installed from the tarball into a fresh app (`npm install <tarball>`, dependencies from the npm
 * cache when they are there), and loaded from that app in child processes with `import` and with
 * `require`. The vectors, FORMAT.md and the known differences must be in the tarball, and the
 * loader must find them from the installed package, not from this repository.
 *
 * Here and not in `npm test`: packing and installing take 10 to 20 s.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmp, removeTmp } from '../helpers/tmp';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NAME = 'claude-gateway-config';
const BUILT = ['conformance.js', 'conformance.cjs', 'conformance.d.ts', 'conformance.d.cts'];

let tmp: string;
let app: string;
let installed: string;

interface Loaded {
  count: number;
  versions: string[];
  known: number;
  dir: string;
  withRequest: number;
  agrees: boolean;
}

/** Loads the entry from the app in a child process (empty environment but PATH) and reports what it found. */
function load(mode: 'import' | 'require'): Loaded {
  const body = `
    const vectors = c.loadConformanceVectors();
    const withRequest = vectors.filter((v) => Object.values(v.recorded).some((r) => c.firstInferenceRequest(r) !== undefined));
    const req = c.firstInferenceRequest(Object.values(withRequest[0].recorded)[0]);
    console.log(JSON.stringify({
      count: vectors.length, versions: c.recordedVersions(vectors), known: c.loadKnownDifferences().length,
      dir: c.conformanceDir(), withRequest: withRequest.length, agrees: c.compareRequest(req, req).length === 0,
    }));`;
  const file = join(app, mode === 'import' ? 'probe.mjs' : 'probe.cjs');
  writeFileSync(
    file,
    mode === 'import'
      ? `const c = await import(${JSON.stringify(`${NAME}/conformance`)});${body}`
      : `const c = require(${JSON.stringify(`${NAME}/conformance`)});${body}`,
  );
  const out = execFileSync(process.execPath, [file], { cwd: app, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, encoding: 'utf8' });
  return JSON.parse(out) as Loaded;
}

describe('claude-gateway-config/conformance from the packed tarball', () => {
  beforeAll(() => {
    // test/global-setup.ts builds dist/ when it is older than the sources.
    for (const f of BUILT) expect(existsSync(join(ROOT, 'dist', f)), `dist/${f} (npm run build)`).toBe(true);
    tmp = makeTmp('cgc-pack-');
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1) as string;
    app = join(tmp, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'conformance-user', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', join(tmp, packed), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: app,
      encoding: 'utf8',
    });
    installed = join(app, 'node_modules', NAME);
  }, 180_000);

  afterAll(() => {
    if (tmp !== undefined) removeTmp(tmp);
  });

  it('ships the vectors, FORMAT.md, the known differences and the built entry with its types', () => {
    expect(readdirSync(join(installed, 'conformance', 'vectors')).filter((n) => n.endsWith('.json')).length).toBeGreaterThanOrEqual(150);
    expect(existsSync(join(installed, 'conformance', 'FORMAT.md'))).toBe(true);
    expect(existsSync(join(installed, 'conformance', 'expected-differences.json'))).toBe(true);
    for (const f of BUILT) expect(existsSync(join(installed, 'dist', f)), f).toBe(true);
    // The harness itself is not shipped.
    expect(existsSync(join(installed, 'conformance', 'run.ts'))).toBe(false);
  });

  for (const mode of ['import', 'require'] as const) {
    it(`${mode}: loads every vector from the installed package`, () => {
      const r = load(mode);
      expect(r.count).toBeGreaterThanOrEqual(150);
      expect(r.versions).toEqual(expect.arrayContaining(['2.1.236', '2.1.332']));
      expect(r.withRequest).toBeGreaterThan(100);
      expect(r.agrees).toBe(true);
      expect(r.known).toBeGreaterThanOrEqual(0);
      // From node_modules, not from this repository.
      expect(r.dir).toBe(join(installed, 'conformance'));
    });
  }
});
