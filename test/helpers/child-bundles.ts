/**
 * The child processes of the writer tests (test/helpers/writer-child.ts, foreign-writer.ts) as plain
 * JavaScript: bundled once per test run from the sources by test/global-setup.ts, so that each child
 * starts with `node <bundle>` (about 0.3 s here) instead of `node --import tsx` (about 1.2 s, most of it
 * the loader transforming and resolving every source file again in every child). The library inside
 * the bundle is the source as it is now, not dist/; dependencies load from node_modules.
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The children that can be started (test/helpers/<name>.ts). */
export type ChildScript = 'writer-child' | 'foreign-writer';
const CHILDREN: ChildScript[] = ['writer-child', 'foreign-writer'];

/** Under the project's node_modules, so that the bundle's imports of dependencies resolve there. */
const OUT = join(ROOT, 'node_modules', '.cache', 'cgc-test-children');

/** The bundle of a child, as bundleChildren() wrote it. */
export function childBundle(name: ChildScript): string {
  return join(OUT, `${name}.mjs`);
}

/** Bundles every child from the current sources (a few hundred milliseconds). */
export function bundleChildren(): void {
  mkdirSync(OUT, { recursive: true });
  buildSync({
    entryPoints: Object.fromEntries(CHILDREN.map((name) => [name, join(ROOT, 'test', 'helpers', `${name}.ts`)])),
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
}
