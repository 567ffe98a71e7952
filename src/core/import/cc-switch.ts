/**
 * cc-switch's provider store, read as cc-switch reads it, and what its current Claude provider comes
 * to for Claude Code. A provider's `settingsConfig` is the part of `~/.claude/settings.json` cc-switch
 * writes when it switches to that provider (its `env`, sometimes a few keys), merged with the common
 * snippet when the provider has `meta.commonConfigEnabled`; switching replaces the whole `env`, so the
 * variables other providers set are removed (`unset`). Three layouts: the JSON store v2
 * (`{version: 2, claude: {providers, current}, ...}`), v1 (`{providers, current}`, Claude only), and the
 * database rows of the newer versions (table `providers`, `app_type = 'claude'`, the current one from
 * `settings.json`'s `currentProviderClaude` when the database has it, else `is_current`). Fields this
 * reader does not know are named in diagnostics, never a crash. Pure.
 *
 * Formats: test/fixtures/import/FORMATS.md (from cc-switch's public source); docs/import.md.
 */
import { diagnostic } from '../catalogue';
import { MODELLED_KEYS } from '../schema';
import type { Diagnostic, ImportedProvider, ToolImport } from '../types';
import { headerVariableFormat, isCredentialVariable } from '../variables';
import {
  asObject,
  asString,
  configFromVariables,
  emptyImport,
  endpointFormat,
  ENDPOINT_VARIABLES,
  envText,
  fieldPath,
  parseToolText,
  unknownFields,
  type Obj,
} from './tool-data';

/** A provider as cc-switch stores it (the JSON store's object, or a database row turned into one). */
interface StoredProvider {
  id: string;
  at: string;
  value: Obj;
}

/** How to read the store. */
export interface CcSwitchReadOptions {
  /** The file (or database), as it is shown. */
  file: string;
  /** Import this provider (by id or name) instead of the current one. */
  provider?: string;
}

/** A row of the database's `providers` table (the columns this reader uses; others are ignored). */
export interface CcSwitchProviderRow {
  /** `id`. */
  id: string;
  /** `app_type`: only `claude` rows are read. */
  app_type: string;
  /** `name`. */
  name?: string | number | null;
  /** `settings_config`: JSON text (a blob is read as UTF-8; other types are reported). */
  settings_config?: string | Uint8Array | number | bigint | null;
  /** `website_url`. */
  website_url?: string | null;
  /** `meta`: JSON text (as `settings_config`). */
  meta?: string | Uint8Array | number | bigint | null;
  /** `is_current`: 1 for the current provider of its app. */
  is_current?: number | bigint | boolean | null;
  /** `sort_index`. */
  sort_index?: number | bigint | null;
}

/** What the database holds besides its rows: the device settings file and the common snippet. */
export interface CcSwitchDatabaseExtras {
  /** `~/.cc-switch/settings.json`, parsed: its `currentProviderClaude` outranks `is_current`. */
  deviceSettings?: unknown;
  /** The `settings` table's `common_config_claude` value (JSON text). */
  commonSnippet?: string | null;
}

const PROVIDER_FIELDS = new Set([
  'id',
  'name',
  'settingsConfig',
  'websiteUrl',
  'category',
  'createdAt',
  'sortIndex',
  'notes',
  'meta',
  'icon',
  'iconColor',
  'inFailoverQueue',
]);
const MANAGER_FIELDS = new Set(['providers', 'current']);

/** Deep merge of the common snippet into a provider's settings, as cc-switch merges it (objects key by key, anything else replaced). */
function deepMerge(target: unknown, source: unknown): unknown {
  const t = asObject(target);
  const s = asObject(source);
  if (!t || !s) return source;
  const out: Obj = { ...t };
  for (const [k, v] of Object.entries(s)) out[k] = Object.hasOwn(out, k) ? deepMerge(out[k], v) : v;
  return out;
}

/** The provider's settings fragment: `settingsConfig` with the common snippet merged in when the provider asks for it. */
function effectiveSettings(p: StoredProvider, snippet: string | undefined, file: string, diagnostics: Diagnostic[]): Obj {
  const own = asObject(p.value['settingsConfig']) ?? {};
  const enabled = asObject(p.value['meta'])?.['commonConfigEnabled'] === true;
  if (!enabled || snippet === undefined || snippet.trim() === '') return own;
  const parsed = parseToolText(snippet, `${file} (common snippet)`);
  if ('problem' in parsed) {
    diagnostics.push(parsed.problem);
    return own;
  }
  return (asObject(deepMerge(own, parsed.value)) ?? own) as Obj;
}

/** Words of a carried setting that look like keys (an `apiKeyHelper` of `echo sk-…`): masked by where they came from. */
function keyLikeWords(value: unknown): string[] {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return (text.match(/[A-Za-z0-9_\-.+/=]{16,}/g) ?? []).filter((w) => /^sk-|^key-/i.test(w) || (/[0-9]/.test(w) && /[A-Za-z]/.test(w) && !w.includes('/')));
}

/** The credentials a variable's value holds, for masking by source. */
function secretsOfEnv(name: string, value: string): string[] {
  return value !== '' && (isCredentialVariable(name, value) || headerVariableFormat(name) !== undefined || /KEY|TOKEN|SECRET|PASSWORD/i.test(name))
    ? [value]
    : [];
}

function readProviders(
  stored: StoredProvider[],
  currentId: string | undefined,
  snippet: string | undefined,
  options: CcSwitchReadOptions,
  storage: 'json' | 'sqlite',
  diagnostics: Diagnostic[],
): ToolImport {
  const file = options.file;
  const providers: ImportedProvider[] = [];
  const secrets: string[] = [];
  const envs = new Map<string, Obj>();
  for (const p of stored) {
    unknownFields(p.value, PROVIDER_FIELDS, file, p.at, diagnostics);
    const settings = effectiveSettings(p, snippet, file, diagnostics);
    const env = asObject(settings['env']) ?? {};
    envs.set(p.id, settings);
    for (const [name, v] of Object.entries(env)) {
      const text = envText(v);
      if (text !== undefined) secrets.push(...secretsOfEnv(name, text));
    }
    const endpoint = envText(env['ANTHROPIC_BASE_URL']);
    const credential = envText(env['ANTHROPIC_AUTH_TOKEN']) || envText(env['ANTHROPIC_API_KEY']);
    const model = envText(env['ANTHROPIC_MODEL']);
    const format = endpoint !== undefined ? (endpointFormat(endpoint) ?? 'anthropic') : undefined;
    providers.push({
      id: p.id,
      name: asString(p.value['name']) ?? p.id,
      active: false,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(format ? { format } : {}),
      ...(model ? { models: [model] } : {}),
      ...(credential ? { credential } : {}),
    });
  }
  const wanted = options.provider ?? currentId;
  const active =
    wanted === undefined || wanted === ''
      ? undefined
      : (providers.find((p) => p.id === wanted) ?? (options.provider !== undefined ? providers.find((p) => p.name === wanted) : undefined));
  if (!active) {
    diagnostics.push(
      options.provider !== undefined
        ? diagnostic('import-provider-not-found', { tool: 'cc-switch', file, provider: options.provider, known: providers.map((p) => p.id) })
        : diagnostic('import-no-active', { tool: 'cc-switch', file }),
    );
    return emptyImport('cc-switch', file, storage, diagnostics, { providers, secrets });
  }
  active.active = true;
  const at = stored.find((p) => p.id === active.id)?.at ?? active.id;
  const settings = envs.get(active.id) ?? {};
  const env: Record<string, string> = {};
  const carried: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    const field = fieldPath(`${at}.settingsConfig`, key);
    if (key === 'env') {
      const vars = asObject(value);
      if (!vars) {
        diagnostics.push(diagnostic('import-not-carried', { file, field, reason: 'env is not an object' }));
        continue;
      }
      for (const [name, v] of Object.entries(vars)) {
        const text = envText(v);
        if (text === undefined)
          diagnostics.push(diagnostic('import-not-carried', { file, field: fieldPath(field, name), reason: 'a variable is text, a number or true/false' }));
        else env[name] = text;
      }
    } else if (MODELLED_KEYS.includes(key)) {
      carried[key] = value;
      secrets.push(...keyLikeWords(value));
    } else
      diagnostics.push(diagnostic('import-not-carried', { file, field, reason: 'not a gateway setting: copy it into your settings yourself if you want it' }));
  }
  // Switching replaces the env: what any provider sets and this one does not is gone after the switch.
  const replaced = new Set(ENDPOINT_VARIABLES);
  for (const s of envs.values()) for (const name of Object.keys(asObject(s['env']) ?? {})) replaced.add(name);
  const config = configFromVariables(env, carried, replaced, file);
  config.diagnostics.unshift(...diagnostics);
  return { tool: 'cc-switch', file, storage, providers, config, secrets: [...new Set(secrets)] };
}

/** Reads cc-switch's JSON store (`~/.cc-switch/config.json`, v2 or v1), parsed. */
export function importFromCcSwitchConfig(data: unknown, options: CcSwitchReadOptions): ToolImport {
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const root = asObject(data);
  if (!root) return emptyImport('cc-switch', file, 'json', [diagnostic('import-unreadable', { file, reason: 'the store is not a JSON object' })]);
  // v1 is the Claude store itself; v2 keeps one manager per app at the top level.
  const v1 = asObject(root['providers']) !== undefined && typeof root['current'] === 'string' && root['claude'] === undefined;
  const manager = v1 ? root : asObject(root['claude']);
  const prefix = v1 ? '' : 'claude';
  if (!manager) {
    diagnostics.push(diagnostic('import-no-active', { tool: 'cc-switch', file }));
    if (root['version'] !== undefined && typeof root['version'] === 'number' && root['version'] > 2)
      diagnostics.push(diagnostic('import-unknown-field', { file, field: 'version' }));
    return emptyImport('cc-switch', file, 'json', diagnostics);
  }
  // v1's top level is the Claude manager itself; v2's other top-level keys are other apps' and cc-switch's own.
  unknownFields(manager, MANAGER_FIELDS, file, prefix, diagnostics);
  if (typeof root['version'] === 'number' && root['version'] > 2) diagnostics.push(diagnostic('import-unknown-field', { file, field: 'version' }));
  const list = asObject(manager['providers']) ?? {};
  const stored: StoredProvider[] = [];
  for (const [id, value] of Object.entries(list)) {
    const at = fieldPath(fieldPath(prefix, 'providers'), id);
    const obj = asObject(value);
    if (!obj) diagnostics.push(diagnostic('import-unknown-field', { file, field: at }));
    else stored.push({ id, at, value: obj });
  }
  stored.sort((a, b) => sortIndex(a.value) - sortIndex(b.value));
  const snippets = asObject(root['common_config_snippets']);
  const snippet = asString(snippets?.['claude']) ?? asString(root['claude_common_config_snippet']);
  return readProviders(stored, asString(manager['current']), snippet, options, 'json', diagnostics);
}

/** A JSON text column (a blob read as UTF-8); empty or absent is `{}`; anything else is a problem named by its type. */
function columnJson(value: unknown, where: string): { value: unknown } | { problem: ReturnType<typeof diagnostic> } {
  if (value === null || value === undefined || value === '') return { value: {} };
  if (value instanceof Uint8Array) return parseToolText(new TextDecoder().decode(value), where);
  if (typeof value !== 'string') return { problem: diagnostic('import-unreadable', { file: where, reason: `a ${typeof value} where JSON text was expected` }) };
  return parseToolText(value, where);
}

function sortIndex(p: Obj): number {
  const n = p['sortIndex'];
  return typeof n === 'number' ? n : Number.MAX_SAFE_INTEGER;
}

/** Reads the rows of cc-switch's database (`providers`), with the device settings and the common snippet. */
export function importFromCcSwitchRows(rows: readonly CcSwitchProviderRow[], extras: CcSwitchDatabaseExtras, options: CcSwitchReadOptions): ToolImport {
  const file = options.file;
  const diagnostics: Diagnostic[] = [];
  const stored: StoredProvider[] = [];
  let current: string | undefined;
  const claude = rows.filter((r) => r.app_type === 'claude');
  claude.sort((a, b) => Number(a.sort_index ?? Number.MAX_SAFE_INTEGER) - Number(b.sort_index ?? Number.MAX_SAFE_INTEGER));
  for (const row of claude) {
    const at = `providers[${JSON.stringify(row.id)}]`;
    const settings = columnJson(row.settings_config, `${file} ${at}.settings_config`);
    if ('problem' in settings) {
      diagnostics.push(settings.problem);
      continue;
    }
    const meta = columnJson(row.meta, `${file} ${at}.meta`);
    if ('problem' in meta) {
      diagnostics.push(
        diagnostic('import-not-carried', {
          file,
          field: `${at}.meta`,
          reason: `${String(meta.problem.args?.['reason'] ?? 'not JSON')}: whether the provider uses the common snippet is not known, so it is not merged`,
        }),
      );
    }
    const value: Obj = {
      id: row.id,
      name: typeof row.name === 'string' ? row.name : row.id,
      settingsConfig: settings.value,
      meta: 'value' in meta ? meta.value : {},
    };
    if (row.website_url) value['websiteUrl'] = row.website_url;
    stored.push({ id: row.id, at, value });
    if (row.is_current === true || Number(row.is_current ?? 0) === 1) current ??= row.id;
  }
  // The device's own choice wins when the database has that provider (cc-switch's get_effective_current_provider).
  const device = asString(asObject(extras.deviceSettings)?.['currentProviderClaude']);
  if (device !== undefined && stored.some((p) => p.id === device)) current = device;
  return readProviders(stored, current, extras.commonSnippet ?? undefined, options, 'sqlite', diagnostics);
}
