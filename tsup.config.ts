import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  sourcemap: false,
  treeshake: true,
  // env-paths is ESM-only: bundled, so that require() works without require(esm).
  noExternal: ['env-paths', 'is-safe-filename'],
});
