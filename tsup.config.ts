import { defineConfig } from 'tsup';

const shared = {
  target: 'node20',
  platform: 'node',
  splitting: false,
  sourcemap: false,
  treeshake: true,
  // env-paths is ESM-only: bundled, so that require() works without require(esm).
  noExternal: ['env-paths', 'is-safe-filename'],
} as const;

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', testing: 'src/testing.ts' }, format: ['esm', 'cjs'], dts: true, clean: true },
  // The executable: ESM only, nothing imports it.
  { ...shared, entry: { cli: 'src/cli/bin.ts' }, format: ['esm'], dts: false, clean: false },
]);
