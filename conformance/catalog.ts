/**
 * Reads the model catalog a Claude Code release carries inside its executable: each model's id and
 * family, the id each provider asks for it by (`provider_ids`), its Vertex region variable, and the
 * alias targets (`aliases`, with a `per_provider` target where a provider's differs). Offline (no
 * served catalog) Claude Code resolves model names with this table; src/core/provider-model-table.ts
 * holds what it says for each release, checked by test/conformance/catalog.test.ts where a cached
 * release is present, and by the provider-model-* vectors against the binary itself.
 *
 *   node --import tsx conformance/catalog.ts [--version 2.1.332]...   one release's catalog as JSON
 *   node --import tsx conformance/catalog.ts --changes [--version …]   every cached release (or those
 *                                                                      given): where the catalog changes
 *   node --import tsx conformance/catalog.ts --check [--version …]     the library's tables against each
 *                                                                      cached release's catalog (exit 1 on a difference)
 *   node --import tsx conformance/catalog.ts --table                   the library's table from every cached release
 *
 * The catalog is a JavaScript object literal in the bundled source; it is read as data (JSON5 after
 * turning `!0`/`!1` into true/false), never run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { CACHE_ROOT, cachedClaude } from './install';
import { compareVersionStrings } from './vector';
import { catalogAt, providerAliasTarget } from '../src/core/provider-model';
import { builtInModelTarget } from '../src/core/model';
import type { ModelAliasFamily, Provider } from '../src/core/types';

/** The providers a catalog entry names an id for (Claude Code's own spelling). */
export type CatalogProvider = 'first_party' | 'bedrock' | 'vertex' | 'foundry' | 'anthropic_aws' | 'anthropic_google_cloud' | 'mantle' | 'gateway';

export interface CatalogModel {
  id: string;
  family: string;
  providerIds: Partial<Record<CatalogProvider, string | null>>;
  vertexRegionVariable?: string;
}

export interface ModelCatalog {
  version: string;
  models: CatalogModel[];
  aliases: Record<string, { default?: string; perProvider?: Record<string, string> }>;
}

/** The balanced `{…}` or `[…]` starting at `start` (strings with escapes skipped). */
function balanced(text: string, start: number): string {
  const open = text[start];
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const q = c;
      for (i++; i < text.length && text[i] !== q; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        if (c !== close) throw new Error(`unbalanced literal at ${start}`);
        return text.slice(start, i + 1);
      }
    }
  }
  throw new Error(`no end to the literal at ${start}`);
}

function literal(text: string): unknown {
  return JSON5.parse(text.replace(/!0\b/g, 'true').replace(/!1\b/g, 'false'));
}

/** The catalog in an executable's bytes. */
export function readCatalog(executable: string, version: string): ModelCatalog {
  const text = readFileSync(executable).toString('latin1');
  const at = text.indexOf('models:[{id:"claude-');
  if (at < 0) throw new Error(`${version}: no model catalog found in ${executable}`);
  const modelsText = balanced(text, at + 'models:'.length);
  const rawModels = literal(modelsText) as { id: string; family: string; provider_ids?: Record<string, string | null>; vertex_region_env_var?: string }[];
  const after = text.slice(at + 'models:'.length + modelsText.length, at + 'models:'.length + modelsText.length + 20);
  if (!after.startsWith(',aliases:{')) throw new Error(`${version}: the catalog's models are not followed by its aliases`);
  const aliasesAt = at + 'models:'.length + modelsText.length + ',aliases:'.length;
  const rawAliases = literal(balanced(text, aliasesAt)) as Record<string, { default?: string; per_provider?: Record<string, string> }>;
  const models: CatalogModel[] = rawModels.map((m) => ({
    id: m.id,
    family: m.family,
    providerIds: (m.provider_ids ?? {}) as CatalogModel['providerIds'],
    ...(m.vertex_region_env_var !== undefined ? { vertexRegionVariable: m.vertex_region_env_var } : {}),
  }));
  const aliases: ModelCatalog['aliases'] = {};
  for (const [name, a] of Object.entries(rawAliases))
    aliases[name] = { ...(a.default !== undefined ? { default: a.default } : {}), ...(a.per_provider !== undefined ? { perProvider: a.per_provider } : {}) };
  return { version, models, aliases };
}

/** The catalog of a cached release; undefined when the release is not in the cache. */
export function cachedCatalog(version: string): ModelCatalog | undefined {
  const claude = cachedClaude(version);
  return claude ? readCatalog(claude.executable, version) : undefined;
}

/** Every release in the cache, oldest first. */
export function cachedVersions(): string[] {
  return readdirSync(CACHE_ROOT)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && cachedClaude(v) !== undefined)
    .sort(compareVersionStrings);
}

/** One line per fact of a catalog, for comparing releases. */
export function catalogFacts(c: ModelCatalog): string[] {
  const out: string[] = [];
  for (const m of c.models) {
    for (const [p, id] of Object.entries(m.providerIds)) out.push(`model ${m.id} ${p}=${id === null ? 'null' : id}`);
    if (m.vertexRegionVariable) out.push(`model ${m.id} vertexRegion=${m.vertexRegionVariable}`);
  }
  for (const [name, a] of Object.entries(c.aliases)) {
    if (a.default !== undefined) out.push(`alias ${name} default=${a.default}`);
    for (const [p, id] of Object.entries(a.perProvider ?? {})) out.push(`alias ${name} ${p}=${id}`);
  }
  return out.sort();
}

function versionsArg(args: string[]): string[] {
  const versions: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--version') versions.push(...(args[++i] ?? '').split(','));
  return versions;
}

const TABLE_PROVIDERS: readonly [CatalogProvider, string][] = [
  ['first_party', 'anthropic'],
  ['bedrock', 'bedrock'],
  ['vertex', 'vertex'],
  ['foundry', 'foundry'],
  ['mantle', 'mantle'],
  ['anthropic_aws', 'anthropic-aws'],
];

/**
 * The catalogs of the given releases (oldest first) as the library's table: each model with the
 * first release that carries it, each provider's alias target with the releases it holds for. A
 * boundary is exact only when the two releases either side of it are both given and neighbours among
 * the published ones (`published`); otherwise the line says so.
 */
export function catalogTable(catalogs: ModelCatalog[], published: readonly string[]): string {
  const first = catalogs[0];
  if (first === undefined) throw new Error('no catalog');
  const since = (present: (c: ModelCatalog) => boolean): { since: string; exact: boolean } => {
    const i = catalogs.findIndex(present);
    const at = catalogs[i] as ModelCatalog;
    const before = catalogs[i - 1];
    const exact = i === 0 || (before !== undefined && published.indexOf(at.version) - published.indexOf(before.version) === 1);
    return { since: at.version, exact };
  };
  const lines: string[] = [];
  const seen = new Map<string, CatalogModel>();
  for (const c of catalogs) for (const m of c.models) if (!seen.has(m.id)) seen.set(m.id, m);
  lines.push('export const MODEL_CATALOG: readonly CatalogModel[] = [');
  for (const m of seen.values()) {
    const s = since((c) => c.models.some((x) => x.id === m.id));
    const ids = TABLE_PROVIDERS.map(([k, name]) => `${JSON.stringify(name)}: ${JSON.stringify(m.providerIds[k] ?? null)}`).join(', ');
    const region = m.vertexRegionVariable !== undefined ? `, vertexRegionVariable: ${JSON.stringify(m.vertexRegionVariable)}` : '';
    lines.push(
      `  { id: ${JSON.stringify(m.id)}, family: ${JSON.stringify(m.family)}, since: '${s.since}', ids: { ${ids} }${region} },${s.exact ? '' : ' // since: not bisected'}`,
    );
  }
  lines.push('];', '');
  lines.push(
    'export const PROVIDER_ALIAS_TARGETS: Readonly<Record<string, Readonly<Partial<Record<Provider, readonly { since: string; id: string }[]>>>>> = {',
  );
  const families = [...new Set(catalogs.flatMap((c) => Object.keys(c.aliases)))];
  for (const family of families) {
    lines.push(`  ${family}: {`);
    for (const [k, name] of TABLE_PROVIDERS) {
      if (k === 'first_party') continue;
      // Newest first, like BUILT_IN_MODEL_TARGETS; a release without a per-provider target has none (undefined: the default applies).
      const rows: { since: string; id: string | undefined; exact: boolean }[] = [];
      catalogs.forEach((c, i) => {
        const id = c.aliases[family]?.perProvider?.[k];
        if (i === 0 || rows[rows.length - 1]?.id !== id) {
          const before = catalogs[i - 1];
          rows.push({
            since: c.version,
            id,
            exact: i === 0 || (before !== undefined && published.indexOf(c.version) - published.indexOf(before.version) === 1),
          });
        }
      });
      if (rows.every((r) => r.id === undefined)) continue;
      const cells = rows
        .reverse()
        .map((r) => `{ since: '${r.since}', id: ${r.id === undefined ? "''" : JSON.stringify(r.id)} }${r.exact ? '' : ' /* not bisected */'}`)
        .join(', ');
      lines.push(`    ${JSON.stringify(name)}: [${cells}],`);
    }
    lines.push('  },');
  }
  lines.push('};');
  return lines.join('\n');
}

/**
 * Where the library's tables (src/core/provider-model-table.ts, BUILT_IN_MODEL_TARGETS) say something
 * else than a release's own catalog; empty when they agree.
 */
export function checkCatalog(c: ModelCatalog): string[] {
  const diffs: string[] = [];
  const ours = catalogAt(c.version);
  const theirs = new Map(c.models.map((m) => [m.id, m]));
  for (const m of ours) if (!theirs.has(m.id)) diffs.push(`model ${m.id}: in the library's table, not in ${c.version}'s catalog`);
  for (const m of c.models) {
    const mine = ours.find((x) => x.id === m.id);
    if (mine === undefined) {
      diffs.push(`model ${m.id}: in ${c.version}'s catalog, not in the library's table`);
      continue;
    }
    for (const [k, name] of TABLE_PROVIDERS) {
      const want = m.providerIds[k] ?? null;
      const got = mine.ids[name as Provider];
      if (want !== got) diffs.push(`model ${m.id} ${name}: binary ${JSON.stringify(want)}, library ${JSON.stringify(got)}`);
    }
    if (m.vertexRegionVariable !== mine.vertexRegionVariable)
      diffs.push(`model ${m.id} Vertex region variable: binary ${m.vertexRegionVariable ?? 'none'}, library ${mine.vertexRegionVariable ?? 'none'}`);
  }
  for (const [family, a] of Object.entries(c.aliases)) {
    if (!FAMILIES.has(family)) continue;
    const f = family as ModelAliasFamily;
    const defaultApiId = a.default !== undefined ? (theirs.get(a.default)?.providerIds.first_party ?? a.default) : undefined;
    if (defaultApiId !== builtInModelTarget(f, c.version).id)
      diffs.push(`alias ${family}: binary's target ${JSON.stringify(defaultApiId)}, library ${JSON.stringify(builtInModelTarget(f, c.version).id)}`);
    for (const [k, name] of TABLE_PROVIDERS) {
      if (k === 'first_party') continue;
      const want = a.perProvider?.[k];
      const got = providerAliasTarget(f, name as Provider, c.version)?.id;
      if (want !== got) diffs.push(`alias ${family} on ${name}: binary ${JSON.stringify(want)}, library ${JSON.stringify(got)}`);
    }
  }
  return diffs;
}

const FAMILIES: ReadonlySet<string> = new Set(['opus', 'sonnet', 'haiku', 'fable']);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    let failed = 0;
    for (const v of versionsArg(args).length > 0 ? versionsArg(args) : cachedVersions()) {
      const c = cachedCatalog(v);
      if (!c) throw new Error(`${v} is not in the cache (npm run conformance -- --version ${v} installs it)`);
      const diffs = checkCatalog(c);
      process.stdout.write(
        `${diffs.length === 0 ? '✅' : '❌'} ${v}: ${c.models.length} models, ${Object.keys(c.aliases).length} aliases${diffs.length > 0 ? `\n  ${diffs.join('\n  ')}` : ''}\n`,
      );
      if (diffs.length > 0) failed++;
    }
    if (failed > 0) process.exitCode = 1;
    return;
  }
  if (args.includes('--table')) {
    const list = cachedVersions();
    const published = (JSON.parse(readFileSync(join(CACHE_ROOT, 'versions.json'), 'utf8')) as string[]).slice().sort(compareVersionStrings);
    const catalogs = list.map((v) => cachedCatalog(v) as ModelCatalog);
    process.stdout.write(`${catalogTable(catalogs, published)}\n`);
    return;
  }
  const versions = versionsArg(args);
  if (!args.includes('--changes')) {
    for (const v of versions.length > 0 ? versions : ['2.1.332']) {
      const c = cachedCatalog(v);
      if (!c) throw new Error(`${v} is not in the cache (npm run conformance -- --version ${v} installs it)`);
      process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
    }
    return;
  }
  let previous: { version: string; facts: Set<string> } | undefined;
  for (const v of versions.length > 0 ? versions.sort(compareVersionStrings) : cachedVersions()) {
    const c = cachedCatalog(v);
    if (!c) continue;
    const facts = new Set(catalogFacts(c));
    if (previous === undefined) process.stdout.write(`${v}: ${facts.size} facts\n`);
    else {
      const gone = [...previous.facts].filter((f) => !facts.has(f));
      const added = [...facts].filter((f) => !previous!.facts.has(f));
      if (gone.length + added.length > 0) {
        process.stdout.write(`${previous.version} → ${v}:\n`);
        for (const f of gone) process.stdout.write(`  - ${f}\n`);
        for (const f of added) process.stdout.write(`  + ${f}\n`);
      }
    }
    previous = { version: v, facts };
  }
}

if (process.argv[1] !== undefined && /catalog\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
