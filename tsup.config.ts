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

// `npm run build` empties dist/ first: the two builds run side by side, so neither may clean.
export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts', testing: 'src/testing.ts' }, format: ['esm', 'cjs'], dts: true, clean: false },
  // The executable: ESM only, nothing imports it.
  // Split: each command is a chunk loaded on use, so a cold `status` stays light.
  // jsonc-parser is bundled here as ES modules: Node loads its package as CommonJS and scans it first.
  { ...shared, entry: { cli: 'src/cli/bin.ts' }, outDir: 'dist/cli', format: ['esm'], dts: false, clean: false, splitting: true, noExternal: [...shared.noExternal, 'jsonc-parser'] },
]);
