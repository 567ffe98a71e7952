/**
 * The session model: which model id Claude Code puts in the request body's `model`, which source
 * chose it, and what turned an alias into an id. Every rule here was recorded from the binary
 * (2.1.236 and 2.1.332, the `model-*` vectors in conformance/vectors) and the built-in alias
 * targets were bisected between them (docs/behavior.md#session-model).
 */
import type { CredentialKind, Diagnostic, ModelAliasFamily, ModelChoice, Provider, ResolvedSetting, ResolvedVar, SessionModel, SourceRef } from './types';
import { compareVersions } from './versions';
import { describeSource } from './explain';
import { nonEmptyVar } from './env';
import { diagnostic, type DiagnosticPlace } from './catalogue';
import { PROVIDER_LABELS } from './provider';
import { byApiId, catalogModel, providerAliasTarget, resolveSentModel } from './provider-model';
import type { CatalogModel } from './provider-model-table';

/**
 * Claude Code's own target for each alias family, newest first: `since` is the first version that
 * sends `id`. Bisected with conformance/bisect.ts --model (vectors model-alias-env,
 * model-alias-opus-env, model-alias-haiku-env, model-alias-fable-env). Versions before 2.1.236 were
 * not recorded: they are given 2.1.236's targets.
 */
export const BUILT_IN_MODEL_TARGETS: Readonly<Record<ModelAliasFamily, readonly { since: string; id: string }[]>> = {
  sonnet: [
    { since: '2.1.284', id: 'claude-sonnet-5-5' },
    { since: '2.1.236', id: 'claude-sonnet-5' },
  ],
  opus: [
    { since: '2.1.280', id: 'claude-opus-5-5' },
    { since: '2.1.236', id: 'claude-opus-5' },
  ],
  haiku: [
    { since: '2.1.293', id: 'claude-haiku-5-5' },
    { since: '2.1.236', id: 'claude-haiku-4-5-20251001' },
  ],
  fable: [
    { since: '2.1.321', id: 'claude-fable-5-2' },
    { since: '2.1.257', id: 'claude-fable-5-1' },
    { since: '2.1.236', id: 'claude-fable-5' },
  ],
};

/** The oldest version whose targets were recorded. */
const OLDEST_RECORDED = '2.1.236';

/** Each alias Claude Code reads (any casing, surrounding spaces ignored), and the family whose target it takes in `claude -p` (`best`: {@link bestFamily}). */
const ALIASES: Readonly<Record<string, ModelAliasFamily>> = {
  sonnet: 'sonnet',
  opus: 'opus',
  haiku: 'haiku',
  fable: 'fable',
  best: 'opus',
  opusplan: 'sonnet',
};

/**
 * The versions where `best` changed family (bisected with conformance/bisect.ts --model, vector
 * model-alias-best-env; model-alias-best-fable-var run on 2.1.290): from 2.1.277 it takes the Fable
 * model, from 2.1.321 the Opus one again.
 */
export const BEST_ALIAS_GATES = { fable: '2.1.277', opus: '2.1.321' } as const;

/**
 * The family `best` takes: before 2.1.277 the Fable model only when ANTHROPIC_DEFAULT_FABLE_MODEL names
 * one (model-alias-best-fable-var on 2.1.236), else Opus (model-alias-best-env, model-alias-best-opus-var);
 * 2.1.277-2.1.320 always Fable; from 2.1.321 always Opus (model-alias-best-fable-var on 2.1.332).
 */
function bestFamily(version: string, fableVariable: boolean): ModelAliasFamily {
  if (compareVersions(version, BEST_ALIAS_GATES.opus) >= 0) return 'opus';
  if (compareVersions(version, BEST_ALIAS_GATES.fable) >= 0) return 'fable';
  return fableVariable ? 'fable' : 'opus';
}

/**
 * The family the built-in default model takes: Opus for API credentials, gateways, Bedrock, Vertex,
 * Mantle and Claude Platform on AWS (vectors model-unset, model-unset-api-key, provider-*); Sonnet for
 * Foundry (provider-foundry-*) and for a CLAUDE_CODE_OAUTH_TOKEN session, whose subscription tier
 * Claude Code does not know (oauth-token-alone). A saved login's tier decides in Claude Code (Max, and
 * Pro, Team or Enterprise where Opus is offered, get Opus): it is modelled as Opus, with a note.
 */
function defaultFamily(provider: Provider, credential: CredentialKind): ModelAliasFamily {
  if (provider === 'foundry') return 'sonnet';
  if (provider === 'anthropic' && credential === 'oauth-token') return 'sonnet';
  return 'opus';
}

/** The built-in target of an alias family for a version, and the version it has been sent since. */
export function builtInModelTarget(family: ModelAliasFamily, version: string): { id: string; since: string } {
  const rows = BUILT_IN_MODEL_TARGETS[family];
  const row = rows.find((r) => compareVersions(version, r.since) >= 0) ?? (rows[rows.length - 1] as { since: string; id: string });
  return { id: row.id, since: row.since };
}

/** `sonnet[1m]` → `{ base: 'sonnet[1m]' minus the suffix, oneM: true }` (the suffix in any casing). */
function splitContextSuffix(value: string): { base: string; oneM: boolean } {
  const m = /^(.*)\[1m\]$/i.exec(value.trim());
  return m ? { base: m[1] as string, oneM: true } : { base: value, oneM: false };
}

export interface SessionModelInput {
  /** Every variable as resolved (ANTHROPIC_MODEL, ANTHROPIC_DEFAULT_*_MODEL, ...). */
  env: Readonly<Record<string, ResolvedVar>>;
  /** The merged settings key `model`, if any. */
  setting: ResolvedSetting | undefined;
  /** The merged settings key `modelOverrides`, if any. */
  overrides?: ResolvedSetting | undefined;
  /** The `--model` flag (`ResolveOptions.model`). */
  flag: string | undefined;
  version: string;
  provider: Provider;
  providerLabel: string;
  /** The primary credential's kind: the built-in default depends on it. */
  credentialKind: CredentialKind;
}

interface ModelCandidate {
  chosenBy: ModelChoice;
  value: string;
  source?: SourceRef;
}

/**
 * Which model the session requests, as the binary decides it:
 *
 * - the choice: `--model`, else `ANTHROPIC_MODEL`, else the `model` setting, else
 *   `ANTHROPIC_DEFAULT_MODEL`, else the built-in default (`defaultFamily`); an empty value counts
 *   as unset (vectors model-flag-over-env, model-flag-over-managed-env, model-env-over-setting,
 *   model-empty-env-with-setting, model-default-var-under-setting, model-default-var-and-opus-var,
 *   model-unset);
 * - `--model default` asks for the default model: ANTHROPIC_MODEL and the setting are not used
 *   (model-flag-default, model-default-flag-with-opus-var); `default` in ANTHROPIC_MODEL or the
 *   setting is sent as it is (model-alias-default-env, model-setting-default);
 * - an alias (`sonnet`, `opus`, `haiku`, `fable`, `best` (`bestFamily`), `opusplan` = sonnet outside plan
 *   mode; any casing, spaces trimmed) takes `ANTHROPIC_DEFAULT_<FAMILY>_MODEL`, else the version's
 *   built-in target; a trailing `[1m]` is not sent (model-alias-*, model-id-1m-env).
 */
export function resolveSessionModel(input: SessionModelInput): SessionModel {
  const { env, version } = input;
  const present = (name: string): ResolvedVar | undefined => nonEmptyVar(env, name);
  const notes: string[] = [];
  const candidates: ModelCandidate[] = [];
  const flag = input.flag !== undefined && input.flag !== '' ? input.flag : undefined;
  const flagDefault = flag !== undefined && flag.trim().toLowerCase() === 'default';
  if (flag !== undefined) candidates.push({ chosenBy: 'flag', value: flag });
  const envModel = present('ANTHROPIC_MODEL');
  if (envModel) candidates.push({ chosenBy: 'ANTHROPIC_MODEL', value: envModel.value, source: envModel.source });
  const setting = input.setting;
  if (setting && typeof setting.value === 'string' && setting.value !== '')
    candidates.push({ chosenBy: 'setting', value: setting.value, source: setting.source });
  const defaultVar = present('ANTHROPIC_DEFAULT_MODEL');
  if (defaultVar) candidates.push({ chosenBy: 'ANTHROPIC_DEFAULT_MODEL', value: defaultVar.value, source: defaultVar.source });

  // `--model default`: the flag, ANTHROPIC_MODEL and the setting step aside for the default model.
  let chosen: ModelCandidate | undefined;
  const overridden: SessionModel['overridden'] = [];
  for (const c of candidates) {
    if (flagDefault && c.chosenBy !== 'ANTHROPIC_DEFAULT_MODEL') {
      if (c.chosenBy !== 'flag') overridden.push({ ...c, reason: '--model default asks for the default model' });
      continue;
    }
    if (chosen === undefined) chosen = c;
    else overridden.push({ ...c, reason: `${describeChoice(chosen.chosenBy)} comes first` });
  }
  if (flagDefault) notes.push('--model default asks for the default model: ANTHROPIC_MODEL and the model setting are not used');

  let model: SessionModel;
  // The catalog model an alias or the default resolved to through Claude Code's table (not a variable).
  let catalog: CatalogModel | undefined;
  if (chosen === undefined) {
    // Object.assign rather than spreads: this runs on every resolution (docs/architecture.md, hot-path objects).
    // A provider's own target counts here too: Foundry's default stayed Sonnet 4.5 until 2.1.331, whatever
    // the first-party alias pointed at (vector provider-foundry-api-key on 2.1.236, 2.1.331 and 2.1.332).
    const resolved = aliasModel(defaultFamily(input.provider, input.credentialKind), 'default', false, present, version, input.provider);
    catalog = resolved.catalog;
    model = Object.assign(resolved.model, { chosenBy: 'default' as const, overridden, notes, sent: PENDING });
    if (input.provider === 'anthropic' && (input.credentialKind === 'login' || input.credentialKind === 'profile')) {
      notes.push(
        "A Claude subscription's tier decides the default: Opus for Max (and Pro, Team or Enterprise where Opus is offered), Sonnet when the tier is not known",
      );
    }
  } else {
    const { base, oneM } = splitContextSuffix(chosen.value);
    const name = base.trim().toLowerCase();
    const family = name === 'best' ? bestFamily(version, present('ANTHROPIC_DEFAULT_FABLE_MODEL') !== undefined) : ALIASES[name];
    let resolved: Pick<SessionModel, 'id' | 'alias' | 'context1m'>;
    if (family !== undefined) {
      const a = aliasModel(family, name, oneM, present, version, input.provider);
      resolved = a.model;
      catalog = a.catalog;
    } else resolved = { id: oneM ? base.trim() : chosen.value };
    if (family === undefined && oneM) resolved.context1m = true;
    model = Object.assign(resolved, { chosenBy: chosen.chosenBy, requested: chosen.value, overridden, notes, sent: PENDING });
    if (chosen.source) model.source = chosen.source;
    if (base.trim().toLowerCase() === 'opusplan') notes.push('opusplan: the Sonnet model outside plan mode (claude -p), the Opus model in plan mode');
  }
  const builtIn = model.alias?.resolvedBy.kind === 'built-in';
  if (builtIn && compareVersions(version, OLDEST_RECORDED) < 0) {
    notes.push(`Claude Code ${version} was not recorded: the alias targets are ${OLDEST_RECORDED}'s, which may not be this version's`);
  }
  const sent = resolveSentModel({
    id: model.id,
    ...(catalog !== undefined ? { catalog } : {}),
    provider: input.provider,
    version,
    env: (name) => present(name)?.value,
    builtIn: (family) => builtInModelTarget(family, version).id,
    overrides: input.overrides,
  });
  model.sent = sent.sent;
  for (const n of sent.notes) notes.push(n);
  return model;
}

/** Placeholder until the sent model is worked out at the end of resolveSessionModel. */
const PENDING: SessionModel['sent'] = { id: '', in: 'body', naming: 'as-written' };

/**
 * An alias family's model: `ANTHROPIC_DEFAULT_<FAMILY>_MODEL` when set, else the provider's own target
 * (`PROVIDER_ALIAS_TARGETS`: Bedrock's `sonnet` is Sonnet 4.5), else the release's first-party target.
 * `catalog`: the catalog model it resolved to, when it resolved through Claude Code's tables.
 */
function aliasModel(
  family: ModelAliasFamily,
  name: string,
  oneM: boolean,
  present: (name: string) => ResolvedVar | undefined,
  version: string,
  provider: Provider,
): { model: Pick<SessionModel, 'id' | 'alias' | 'context1m'>; catalog?: CatalogModel } {
  const variable = `ANTHROPIC_DEFAULT_${family.toUpperCase()}_MODEL`;
  const v = present(variable);
  if (v) {
    const model: Pick<SessionModel, 'id' | 'alias' | 'context1m'> = {
      id: v.value,
      alias: { name, family, resolvedBy: { kind: 'variable', variable, source: v.source } },
    };
    if (oneM) model.context1m = true;
    return { model };
  }
  const own = providerAliasTarget(family, provider, version);
  const builtIn = builtInModelTarget(family, version);
  // The Anthropic API and gateways send the id as it is: no catalog look-up on that (most common) path.
  const catalog = own !== undefined ? catalogModel(own.id, version) : provider === 'anthropic' ? undefined : byApiId(builtIn.id, version);
  const model: Pick<SessionModel, 'id' | 'alias' | 'context1m'> = {
    id: own !== undefined ? (catalog?.ids.anthropic ?? own.id) : builtIn.id,
    alias: {
      name,
      family,
      resolvedBy: own !== undefined ? { kind: 'built-in', version, since: own.since, provider } : { kind: 'built-in', version, since: builtIn.since },
    },
  };
  if (oneM) model.context1m = true;
  return catalog !== undefined ? { model, catalog } : { model };
}

/** A choice in words: `--model`, `ANTHROPIC_MODEL`, `the model setting`, ... */
export function describeChoice(c: ModelChoice): string {
  switch (c) {
    case 'flag':
      return '--model';
    case 'ANTHROPIC_MODEL':
      return 'ANTHROPIC_MODEL';
    case 'setting':
      return 'the model setting';
    case 'ANTHROPIC_DEFAULT_MODEL':
      return 'ANTHROPIC_DEFAULT_MODEL';
    case 'default':
      return "Claude Code's built-in default";
  }
}

/**
 * The session model in one line, as `status` prints it:
 * `claude-sonnet-5-5  (ANTHROPIC_MODEL "sonnet" from the shell environment; alias sonnet → Claude Code 2.1.332's built-in target, since 2.1.284)`.
 */
export function describeSessionModel(model: SessionModel): string {
  const parts: string[] = [];
  const from = model.source ? ` from ${describeSource(model.source)}` : '';
  if (model.chosenBy === 'default') parts.push("Claude Code's built-in default");
  else parts.push(`${describeChoice(model.chosenBy)} ${JSON.stringify(model.requested ?? '')}${from}`);
  const a = model.alias;
  if (a) {
    const by =
      a.resolvedBy.kind === 'variable'
        ? `${a.resolvedBy.variable} from ${describeSource(a.resolvedBy.source)}`
        : `Claude Code ${a.resolvedBy.version}'s built-in target${a.resolvedBy.provider !== undefined ? ` on ${PROVIDER_LABELS[a.resolvedBy.provider]}` : ''} (since ${a.resolvedBy.since})`;
    parts.push(`${a.name === a.family ? `alias ${a.name}` : `${a.name} = ${a.family}`} → ${by}`);
  }
  if (model.context1m) parts.push('1M context asked for ([1m] is not sent)');
  const sent = describeSentModel(model);
  return `${model.id}${sent !== undefined ? `, ${sent}` : ''}  (${parts.join('; ')})`;
}

/**
 * How the provider's request names the model, when not as `id` in the body:
 * `sent as eu.anthropic.claude-opus-5-5 in the URL path (prefix eu: AWS_REGION eu-west-1)`,
 * `sent as claude-sonnet-4-5@20250929 in the URL path, location europe-west1 (VERTEX_REGION_CLAUDE_4_5_SONNET)`.
 */
export function describeSentModel(model: SessionModel): string | undefined {
  // A configuration saved by an older version of this library has no `sent`.
  const s = (model as Partial<SessionModel>).sent;
  if (s === undefined) return undefined;
  if (s.id === model.id && s.in === 'body' && s.override === undefined) return undefined;
  let out = `sent as ${s.id}${s.in === 'path' ? ' in the URL path' : ''}`;
  if (s.override !== undefined) return `${out} (modelOverrides "${s.override.key}" from ${describeSource(s.override.source)})`;
  const p = s.regionPrefix;
  if (p !== undefined) {
    const region = p.regionFrom === 'default' ? `${p.region}, no region variable` : `${p.regionFrom} ${p.region}`;
    out += ` (prefix ${p.prefix}: ${p.from === 'ANTHROPIC_BEDROCK_REGION_PREFIX' ? 'ANTHROPIC_BEDROCK_REGION_PREFIX' : p.from === 'govcloud' ? `GovCloud region, ${region}` : region})`;
  }
  const l = s.vertexLocation;
  if (l !== undefined) out += `, location ${l.region} (${l.from === 'default' ? 'the default' : l.from})`;
  return out;
}

/**
 * `default` in ANTHROPIC_MODEL or the `model` setting is sent to the API as the model name "default"
 * (vectors model-alias-default-env, model-setting-default): only `--model default` asks for the default.
 */
export function modelDiagnostics(model: SessionModel): Diagnostic[] {
  if (model.id !== 'default' || (model.chosenBy !== 'ANTHROPIC_MODEL' && model.chosenBy !== 'setting' && model.chosenBy !== 'ANTHROPIC_DEFAULT_MODEL'))
    return [];
  const place: DiagnosticPlace = {};
  if (model.source) {
    place.scope = model.source.scope;
    if (model.source.path !== undefined) place.path = model.source.path;
  }
  return [diagnostic('model-default-literal', { chosenBy: model.chosenBy }, place)];
}
