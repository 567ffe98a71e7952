/**
 * Reading the vectors shipped with the package (`conformance/vectors/*.json`) and the known
 * differences (`conformance/expected-differences.json`), relative to this module: `dist/` in the
 * package, `src/conformance/` in the repository. Nothing is read until a function is called.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceVector, KnownDifference } from './types';

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

let found: string | undefined;

/**
 * The absolute path of the shipped `conformance/` folder: `vectors/` (one `<id>.json` per vector),
 * `FORMAT.md` (the format) and `expected-differences.json` (what this library still predicts
 * differently). For tools that read the files themselves.
 */
export function conformanceDir(): string {
  if (found !== undefined) return found;
  // The build puts every module (and chunk) in dist/; the source is in src/conformance/.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '..', 'conformance'), resolve(here, '..', '..', 'conformance')]) {
    if (existsSync(join(candidate, 'vectors')) && existsSync(join(candidate, 'expected-differences.json'))) return (found = candidate);
  }
  throw new Error(`claude-gateway-config: the conformance vectors are not next to ${here} (is the package's conformance/ folder missing?)`);
}

/** Every shipped conformance vector, sorted by id; each call reads the files again and returns fresh objects. */
export function loadConformanceVectors(): ConformanceVector[] {
  const dir = join(conformanceDir(), 'vectors');
  const out: ConformanceVector[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ConformanceVector;
    if (!ID_RE.test(v.id) || `${v.id}.json` !== name) throw new Error(`${join(dir, name)}: id ${JSON.stringify(v.id)} must match the file name`);
    v.recorded ??= {};
    out.push(v);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The differences this library is known to predict differently from the binary, per vector and
 * version (`conformance/expected-differences.json`), in file order. A tool testing itself against
 * the vectors does not need them; they say where this library's own model is still open.
 */
export function loadKnownDifferences(): KnownDifference[] {
  const data = JSON.parse(readFileSync(join(conformanceDir(), 'expected-differences.json'), 'utf8')) as {
    groups: { reason: string; unstable?: boolean; cells: Record<string, string[]> }[];
  };
  const out: KnownDifference[] = [];
  for (const group of data.groups) {
    for (const [key, differences] of Object.entries(group.cells)) {
      const at = key.lastIndexOf('@');
      out.push({
        vector: key.slice(0, at),
        version: key.slice(at + 1),
        reason: group.reason,
        differences: [...differences],
        ...(group.unstable === true ? { unstable: true } : {}),
      });
    }
  }
  return out;
}

/** Every Claude Code version the vectors were recorded for, oldest first. */
export function recordedVersions(vectors: readonly Pick<ConformanceVector, 'recorded'>[]): string[] {
  const versions = new Set<string>();
  for (const v of vectors) for (const k of Object.keys(v.recorded)) versions.add(k);
  return [...versions].sort((a, b) => {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
}
