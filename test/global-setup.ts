/**
 * Builds the package once before the tests that load the built files (test/package.test.ts,
 * test/cli-bin.test.ts), so that they never build side by side. Skipped when dist/ is newer than
 * every source file. Then bundles the writer tests' child processes from the sources
 * (test/helpers/child-bundles.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleChildren } from './helpers/child-bundles';

const root = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function builtAt(): number {
  try {
    return Math.min(statSync(join(root, 'dist/index.js')).mtimeMs, statSync(join(root, 'dist/cli/cli.js')).mtimeMs);
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const inputs = Math.max(newest(join(root, 'src')), ...['package.json', 'tsup.config.ts', 'tsconfig.json'].map((f) => statSync(join(root, f)).mtimeMs));
  if (builtAt() <= inputs) execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
  bundleChildren();
}
