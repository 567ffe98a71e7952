import { defineConfig } from 'tsup';

const shared = {
  target: 'node20',
  platform: 'node',
  splitting: false,
  sourcemap: false,
  treeshake: true,
  // env-paths and uuid are ESM-only: bundled, so that require() works without require(esm).
  noExternal: ['env-paths', 'is-safe-filename', 'uuid'],
} as const;

const library = {
  index: 'src/index.ts',
  resolve: 'src/resolve-entry.ts',
  testing: 'src/testing.ts',
  conformance: 'src/conformance/index.ts',
  schema: 'src/schema-entry.ts',
};

// `npm run build` empties dist/ first: the two builds run side by side, so neither may clean.
export default defineConfig([
  // Split into shared chunks, so that the entries share one copy of the code (one ConfigError, one
  // helper cache) and `claude-gateway-config/resolve` loads only what reading needs.
  // The ES build bundles jsonc-parser as ES modules (Node would load its package as CommonJS and scan
  // it first: about 10 ms of every import); the CommonJS build requires it.
  { ...shared, entry: library, format: ['esm'], dts: true, clean: false, splitting: true, noExternal: [...shared.noExternal, 'jsonc-parser'] },
  // `shims`: import.meta.url in CommonJS (the conformance loader finds the shipped vectors from it).
  { ...shared, entry: library, format: ['cjs'], dts: true, clean: false, splitting: true, shims: true },
  // The executable: ESM only, nothing imports it.
  // Split: each command is a chunk loaded on use, so a cold `status` stays light.
  // jsonc-parser is bundled here as ES modules: Node loads its package as CommonJS and scans it first.
  {
    ...shared,
    entry: { cli: 'src/cli/bin.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    dts: false,
    clean: false,
    splitting: true,
    noExternal: [...shared.noExternal, 'jsonc-parser'],
  },
]);
