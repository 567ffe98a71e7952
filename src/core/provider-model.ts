/**
 * How a provider's request names the session's model (docs/behavior.md#provider-model-ids), from
 * Claude Code's model catalog (provider-model-table.ts) and the rules recorded from the binary with the
 * provider-model-* vectors:
 *
 * - an alias (and the built-in default) takes the provider's own target where it has one
 *   (`PROVIDER_ALIAS_TARGETS`: Bedrock's `sonnet` is Sonnet 4.5), and the provider's id for it;
 * - a name Claude Code's catalog knows as an Anthropic API id (any casing) is sent by the provider's
 *   id on Bedrock, Vertex and Mantle; Foundry, Claude Platform on AWS, the Anthropic API and gateways
 *   send a name as written; a name the catalog does not know, one the provider does not offer, a
 *   provider id and an ARN go as written everywhere;
 * - on Bedrock a catalog id takes the inference-profile prefix of the region (`us.`, `eu.`, `apac.`,
 *   `us-gov.`, else `global.`) or ANTHROPIC_BEDROCK_REGION_PREFIX (not in GovCloud); a name written
 *   with its own prefix keeps it;
 * - on Vertex the location is the model's VERTEX_REGION_CLAUDE_* variable, else CLOUD_ML_REGION, else
 *   us-east5 (a value with a space, `/` or `.` counts as unset);
 * - before all of these, the `modelOverrides` setting replaces the id of a catalog model on every provider,
 *   keyed by the model's Anthropic API id in exact casing.
 */
import type { Diagnostic, ModelAliasFamily, Provider, ResolvedSetting, SentModel, SessionModel, SourceRef } from './types';
import { diagnostic, type DiagnosticPlace } from './catalogue';
import { compareVersions } from './versions';
import { isValidAwsRegion, resolveAwsRegion } from './aws-region';
import { MODEL_CATALOG, PROVIDER_ALIAS_TARGETS, type CatalogModel } from './provider-model-table';

/** The oldest release whose catalog was read: older ones are given its table. */
const OLDEST_CATALOG = '2.1.236';

/** The models of a release's catalog. */
export function catalogAt(version: string): readonly CatalogModel[] {
  let models = CATALOG_BY_VERSION.get(version);
  if (models === undefined) {
    const v = compareVersions(version, OLDEST_CATALOG) < 0 ? OLDEST_CATALOG : version;
    models = MODEL_CATALOG.filter((m) => compareVersions(v, m.since) >= 0);
    // A few versions are asked for in a process: the table per version is kept (it never changes).
    if (CATALOG_BY_VERSION.size < 64) CATALOG_BY_VERSION.set(version, models);
  }
  return models;
}

const CATALOG_BY_VERSION = new Map<string, readonly CatalogModel[]>();

/** A catalog model by its catalog name. */
export function catalogModel(name: string, version: string): CatalogModel | undefined {
  return catalogAt(version).find((m) => m.id === name);
}

/**
 * The provider's own target for an alias family in a release (a catalog name), when it has one:
 * Bedrock's `sonnet` is `claude-sonnet-4-5`, Claude Platform on AWS's `claude-sonnet-4-6`.
 */
export function providerAliasTarget(family: ModelAliasFamily, provider: Provider, version: string): { id: string; since: string } | undefined {
  if (provider === 'anthropic') return undefined;
  const rows = PROVIDER_ALIAS_TARGETS[family]?.[provider];
  if (rows === undefined) return undefined;
  const v = compareVersions(version, OLDEST_CATALOG) < 0 ? OLDEST_CATALOG : version;
  const row = rows.find((r) => compareVersions(v, r.since) >= 0);
  return row !== undefined && row.id !== '' ? row : undefined;
}

/** The catalog model whose Anthropic API id is `id` (any casing). */
export function byApiId(id: string, version: string): CatalogModel | undefined {
  const lower = id.trim().toLowerCase();
  return catalogAt(version).find((m) => m.ids.anthropic?.toLowerCase() === lower);
}

/** The provider's target for the Haiku family, as a catalog model. */
function haikuTarget(provider: Provider, version: string, builtIn: (family: ModelAliasFamily) => string): CatalogModel | undefined {
  const own = providerAliasTarget('haiku', provider, version);
  return own !== undefined ? catalogModel(own.id, version) : byApiId(builtIn('haiku'), version);
}

/** Providers that send a known Anthropic API id by their own id. */
const MAPS_WRITTEN_IDS: ReadonlySet<Provider> = new Set<Provider>(['bedrock', 'vertex', 'mantle']);

/** Bedrock's inference-profile prefixes Claude Code recognises at the start of an id. */
const BEDROCK_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global'] as const;
/** The values ANTHROPIC_BEDROCK_REGION_PREFIX may take (anything else is ignored). */
const PREFIX_VARIABLE_VALUES: ReadonlySet<string> = new Set(['us', 'eu', 'apac', 'jp', 'au', 'global']);

/** The inference-profile prefix of an AWS region. */
export function bedrockRegionPrefix(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'global';
}

/** A catalog id with its prefix replaced (or added in front of a bare `anthropic.` id). */
function withPrefix(id: string, prefix: string): string {
  for (const p of BEDROCK_PREFIXES) if (id.startsWith(`${p}.anthropic.`)) return `${prefix}.${id.slice(p.length + 1)}`;
  if (id.startsWith('anthropic.')) return `${prefix}.${id}`;
  return id;
}

/** What the session model resolution hands over. */
export interface SentModelInput {
  /** The model as chosen (after an alias or the default was resolved), without `[1m]`. */
  id: string;
  /** The catalog model an alias or the default resolved to, when it did through the catalog. */
  catalog?: CatalogModel;
  provider: Provider;
  version: string;
  env: (name: string) => string | undefined;
  /** The first-party built-in target of a family in this release (BUILT_IN_MODEL_TARGETS). */
  builtIn: (family: ModelAliasFamily) => string;
  /** The merged `modelOverrides` setting, if any. */
  overrides?: ResolvedSetting | undefined;
}

/** The sent model, and a note when a value the library cannot read decided part of it. */
export function resolveSentModel(input: SentModelInput): { sent: SentModel; notes: string[] } {
  const { provider, version, env } = input;
  const notes: string[] = [];
  const where: SentModel['in'] = provider === 'bedrock' || provider === 'vertex' ? 'path' : 'body';
  // modelOverrides: a model of the release's catalog, keyed by its Anthropic API id (exact casing), on
  // every provider (vectors provider-model-*-override-*).
  const overrides = overridesOf(input.overrides);
  if (overrides !== undefined) {
    const model = input.catalog ?? byApiId(input.id, version);
    const key = model?.ids.anthropic;
    const value = key != null ? overrides.values[key] : undefined;
    if (model !== undefined && key != null && typeof value === 'string' && value !== '') {
      const sent: SentModel = { id: value, in: where, naming: 'override', catalogModel: model.id, override: { key, source: overrides.sourceOf(key) } };
      if (provider === 'vertex') sent.vertexLocation = vertexLocation(value, version, env);
      return { sent, notes };
    }
  }
  if (provider === 'anthropic') return { sent: { id: input.id, in: where, naming: 'as-written' }, notes };
  let catalog = input.catalog;
  if (catalog === undefined && MAPS_WRITTEN_IDS.has(provider)) {
    const known = byApiId(input.id, version);
    if (known !== undefined && known.ids[provider] !== null) catalog = known;
  }
  // An alias whose target the provider does not offer: Claude Code asked for the provider's Haiku
  // target instead (Mantle's `sonnet`, Sonnet 4.5, before 2.1.332: vector provider-model-mantle-alias-sonnet).
  if (input.catalog !== undefined && input.catalog.ids[provider] === null) {
    const haiku = haikuTarget(provider, version, input.builtIn);
    if (haiku !== undefined && haiku.ids[provider] !== null) {
      notes.push(`${input.catalog.id} has no ${provider} id in Claude Code ${version}'s catalog: it asks for ${haiku.id} instead`);
      catalog = haiku;
    }
  }
  const providerId = catalog?.ids[provider];
  if (catalog === undefined || providerId === undefined || providerId === null) {
    const sent: SentModel = { id: input.id, in: where, naming: 'as-written' };
    if (provider === 'vertex') sent.vertexLocation = vertexLocation(input.id, version, env);
    return { sent, notes };
  }
  const sent: SentModel = { id: providerId, in: where, naming: 'catalog', catalogModel: catalog.id };
  if (provider === 'bedrock') {
    const { prefix, from, region, regionFrom } = bedrockPrefix(env);
    sent.id = withPrefix(providerId, prefix);
    sent.regionPrefix = { prefix, from, region, regionFrom };
    if (regionFrom === 'default' && from !== 'ANTHROPIC_BEDROCK_REGION_PREFIX')
      notes.push(`No AWS_REGION or AWS_DEFAULT_REGION: Claude Code takes the AWS profile's region (then us-east-1) for the "${prefix}." prefix of ${sent.id}`);
  }
  if (provider === 'vertex') sent.vertexLocation = vertexLocation(providerId, version, env);
  return { sent, notes };
}

/** The `modelOverrides` object, and which settings file set each key's winning value. */
function overridesOf(setting: ResolvedSetting | undefined): { values: Record<string, unknown>; sourceOf: (key: string) => SourceRef } | undefined {
  const v = setting?.value;
  if (setting === undefined || v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const values = v as Record<string, unknown>;
  return {
    values,
    sourceOf: (key) => {
      const from = setting.contributors.find((c) => {
        const cv = c.value;
        return cv !== null && typeof cv === 'object' && !Array.isArray(cv) && Object.hasOwn(cv, key) && (cv as Record<string, unknown>)[key] === values[key];
      });
      return from?.source ?? setting.source;
    },
  };
}

/** The inference-profile prefix Claude Code puts on a Bedrock catalog id, and what chose it. */
export function bedrockPrefix(env: (name: string) => string | undefined): NonNullable<SentModel['regionPrefix']> {
  const region = resolveAwsRegion({ AWS_REGION: env('AWS_REGION'), AWS_DEFAULT_REGION: env('AWS_DEFAULT_REGION') });
  const variable = env('ANTHROPIC_BEDROCK_REGION_PREFIX');
  const base = { region: region.region, regionFrom: region.from };
  if (region.region.startsWith('us-gov-')) return { prefix: 'us-gov', from: 'govcloud', ...base };
  if (variable !== undefined && PREFIX_VARIABLE_VALUES.has(variable)) return { prefix: variable, from: 'ANTHROPIC_BEDROCK_REGION_PREFIX', ...base };
  return { prefix: bedrockRegionPrefix(region.region), from: 'region', ...base };
}

/** A Vertex location as Claude Code accepts it: not empty, and no whitespace, `/` or `.`. */
function validLocation(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v !== undefined && isValidAwsRegion(v) ? v : undefined;
}

/**
 * The Vertex location for a model id: the variable of the most specific catalog name the id contains
 * (`claude-sonnet-4-5@20250929` → VERTEX_REGION_CLAUDE_4_5_SONNET), else CLOUD_ML_REGION, else us-east5.
 */
function vertexLocation(id: string, version: string, env: (name: string) => string | undefined): NonNullable<SentModel['vertexLocation']> {
  const lower = id.toLowerCase();
  const keyed = catalogAt(version)
    .filter((m) => m.vertexRegionVariable !== undefined)
    .map((m) => ({ key: m.id.replace(/-0$/, ''), variable: m.vertexRegionVariable as string }))
    .sort((a, b) => b.key.length - a.key.length);
  const match = keyed.find((k) => lower.includes(k.key));
  if (match !== undefined) {
    const own = validLocation(env(match.variable));
    if (own !== undefined) return { region: own, from: match.variable };
  }
  const shared = validLocation(env('CLOUD_ML_REGION'));
  return shared !== undefined ? { region: shared, from: 'CLOUD_ML_REGION' } : { region: 'us-east5', from: 'default' };
}

/**
 * `model-not-provider-id`: on Bedrock, Vertex or Mantle a name that is an Anthropic model goes as
 * written although the provider knows it by another id (docs/behavior.md#provider-model-ids). Names
 * that are not Anthropic models (a gateway's own names, provider ids, ARNs) are left alone.
 */
export function sentModelDiagnostics(
  model: SessionModel,
  provider: Provider,
  providerLabel: string,
  version: string,
  env: (name: string) => string | undefined,
): Diagnostic[] {
  if (!MAPS_WRITTEN_IDS.has(provider) || model.sent.naming !== 'as-written') return [];
  const id = model.sent.id.trim();
  if (!/^claude-/i.test(id) || id.includes('@')) return [];
  const place: DiagnosticPlace = {};
  const source = model.alias?.resolvedBy.kind === 'variable' ? model.alias.resolvedBy.source : model.source;
  if (source) {
    place.scope = source.scope;
    if (source.path !== undefined) place.path = source.path;
  }
  const lower = id.toLowerCase();
  const base = { id, provider: providerLabel, version };
  const known = byApiId(id, version);
  if (known !== undefined) return [diagnostic('model-not-provider-id', { ...base, reason: 'not-offered' }, place)];
  const later = MODEL_CATALOG.find((m) => m.ids.anthropic?.toLowerCase() === lower);
  if (later !== undefined) {
    const providerId = later.ids[provider];
    return [
      diagnostic(
        'model-not-provider-id',
        {
          ...base,
          reason: 'newer-than-release',
          since: later.since,
          ...(providerId !== null ? { providerId: providerFormOf(providerId, provider, env) } : {}),
        },
        place,
      ),
    ];
  }
  const short = catalogAt(version).find((m) => m.id.toLowerCase() === lower && m.ids.anthropic !== null);
  if (short !== undefined && short.ids[provider] !== null && short.ids.anthropic !== null) {
    return [
      diagnostic(
        'model-not-provider-id',
        { ...base, reason: 'short-name', apiId: short.ids.anthropic, providerId: providerFormOf(short.ids[provider] as string, provider, env) },
        place,
      ),
    ];
  }
  return [];
}

/** A catalog id with the prefix this session would give it (Bedrock), for a suggestion. */
function providerFormOf(providerId: string, provider: Provider, env: (name: string) => string | undefined): string {
  return provider === 'bedrock' ? withPrefix(providerId, bedrockPrefix(env).prefix) : providerId;
}
