/**
 * claude-code-router's configuration, read as the router reads it, and what it comes to for Claude
 * Code. The router is itself the gateway: `ccr code` starts Claude Code with
 * `ANTHROPIC_BASE_URL=http://127.0.0.1:<PORT, 3456>`, `ANTHROPIC_AUTH_TOKEN=<APIKEY, or "test">`, an
 * empty `ANTHROPIC_API_KEY` (1.x), `API_TIMEOUT_MS` (600000 unless set), `NO_PROXY=127.0.0.1`,
 * `DISABLE_TELEMETRY` and `DISABLE_COST_WARNINGS` (checked against the real `ccr activate` and `ccr code`
 * of 1.0.73 and 2.0.0: test/stress/ccr.stress.test.ts), and translates each request to
 * the provider its `Router` picks. So the import points Claude Code at the router; the providers and
 * their upstream keys stay with it. Every string of the file first has `$VAR` / `${VAR}` replaced from
 * the environment, the text kept as written when the variable is unset or empty (as the router does).
 * Fields this reader does not know are named in diagnostics, never a crash. Pure.
 *
 * Formats: test/fixtures/import/FORMATS.md (from the router's public source); docs/import.md.
 */
import { diagnostic } from '../catalogue';
import type { Diagnostic, ImportedProvider, ToolImport } from '../types';
import {
  asObject,
  asString,
  asStrings,
  configFromVariables,
  emptyImport,
  endpointFormat,
  ENDPOINT_VARIABLES,
  fieldPath,
  unknownFields,
  type Obj,
} from './tool-data';

/** What the router's file is read with. */
export interface RouterReadOptions {
  /** The file, as it is shown. */
  file: string;
  /** `json` (`config.json`, JSON5) or `sqlite` (the desktop version's `config.sqlite`, its `app_config` row). */
  storage?: 'json' | 'sqlite';
  /** The environment `$VAR` references are read from (the router reads its own process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Send Claude Code to this provider (by name) instead of leaving the choice to the router's `Router.default`. */
  provider?: string;
}

const TOP_LEVEL = new Set([
  'Providers',
  'providers',
  'Router',
  'APIKEY',
  'HOST',
  'PORT',
  'API_TIMEOUT_MS',
  'PROXY_URL',
  'LOG',
  'LOG_LEVEL',
  'NON_INTERACTIVE_MODE',
  'CUSTOM_ROUTER_PATH',
  'CLAUDE_PATH',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'StatusLine',
  'transformers',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'gateway',
]);
const PROVIDER_FIELDS = new Set(['name', 'api_base_url', 'api_key', 'models', 'transformer']);
const ROUTER_FIELDS = new Set(['default', 'background', 'think', 'longContext', 'longContextThreshold', 'webSearch', 'image']);
/** Options of `ccr code` that change how Claude Code is started: a settings file cannot carry them. */
const LAUNCH_ONLY: Record<string, string> = {
  NON_INTERACTIVE_MODE: 'ccr code then also sets CI=true, FORCE_COLOR=0, NODE_NO_READLINE=1 and TERM=dumb; set them in the environment that starts claude',
  CLAUDE_PATH: 'which claude ccr code starts; start that one yourself',
  StatusLine: "the router's status line needs ccr; configure statusLine in settings yourself",
};

const UNRESOLVED = /^\$(\{[^}]+\}|[A-Z_][A-Z0-9_]*)$/;
const REFERENCE = /\$\{([^}]+)\}|\$([A-Z_][A-Z0-9_]*)/g;

/** Every string of the tree with `$VAR` / `${VAR}` replaced as the router replaces it, each reference noted. */
function interpolate(value: unknown, path: string, env: Readonly<Record<string, string | undefined>>, file: string, notes: Diagnostic[]): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (match, braced: string | undefined, plain: string | undefined) => {
      const variable = (braced ?? plain) as string;
      const found = env[variable];
      notes.push(diagnostic('import-env-reference', { file, field: path, variable, resolved: !!found }));
      return found || match;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, fieldPath(path, i), env, file, notes));
  const obj = asObject(value);
  if (obj) return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, interpolate(v, fieldPath(path, k), env, file, notes)]));
  return value;
}

/** A port as the router takes it: a positive integer (or its text). */
function portOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

/** The router's address as Claude Code is given it: `ccr code` always uses 127.0.0.1; the desktop version its gateway host unless it listens everywhere. */
function routerUrl(config: Obj, storage: 'json' | 'sqlite'): string {
  const gateway = asObject(config['gateway']) ?? {};
  const port = portOf(gateway['port']) ?? portOf(config['PORT']) ?? 3456;
  let host = '127.0.0.1';
  if (storage === 'sqlite') {
    const raw = (asString(gateway['host']) || asString(config['HOST']) || '127.0.0.1').trim();
    host = raw === '0.0.0.0' || raw === '::' || raw === '' ? '127.0.0.1' : raw;
    if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  }
  return `http://${host}:${port}`;
}

/** `provider,model` of a `Router` entry, split on the first comma. */
function routeOf(value: unknown): { provider: string; model: string } | undefined {
  const s = asString(value);
  const comma = s?.indexOf(',') ?? -1;
  if (s === undefined || comma <= 0) return undefined;
  return { provider: s.slice(0, comma).trim(), model: s.slice(comma + 1).trim() };
}

/**
 * Reads claude-code-router's configuration (the parsed object of `~/.claude-code-router/config.json`,
 * or of the desktop version's `app_config` row) and returns its providers and the configuration that
 * sends Claude Code through the router.
 */
export function importFromRouterConfig(data: unknown, options: RouterReadOptions): ToolImport {
  const file = options.file;
  const storage = options.storage ?? 'json';
  const diagnostics: Diagnostic[] = [];
  const raw = asObject(data);
  if (!raw)
    return emptyImport('claude-code-router', file, storage, [diagnostic('import-unreadable', { file, reason: 'the configuration is not a JSON object' })]);
  const config = interpolate(raw, '', options.env ?? {}, file, diagnostics) as Obj;
  unknownFields(config, TOP_LEVEL, file, '', diagnostics);
  const secrets: string[] = [];

  // Providers: `Providers` (or `providers`, which the router also reads), and the single provider of the earliest versions.
  const providers: ImportedProvider[] = [];
  const listKey = Array.isArray(config['Providers']) ? 'Providers' : 'providers';
  const list = Array.isArray(config[listKey]) ? (config[listKey] as unknown[]) : [];
  list.forEach((entry, i) => {
    const at = fieldPath(listKey, i);
    const p = asObject(entry);
    const name = asString(p?.['name']);
    if (!p || name === undefined) {
      diagnostics.push(diagnostic('import-unknown-field', { file, field: at }));
      return;
    }
    unknownFields(p, PROVIDER_FIELDS, file, at, diagnostics);
    const endpoint = asString(p['api_base_url']);
    const written = asString(p['api_key']);
    // A reference the environment does not set stays as written: it names a variable, it is not a key.
    const reference = written !== undefined && UNRESOLVED.test(written) ? written : undefined;
    const key = reference === undefined ? written : undefined;
    if (key) secrets.push(key);
    const format = endpointFormat(endpoint);
    const models = asStrings(p['models']);
    providers.push({
      id: name,
      name,
      active: false,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(format ? { format } : {}),
      ...(models ? { models } : {}),
      ...(key ? { credential: key } : {}),
      ...(reference !== undefined ? { credentialReference: reference } : {}),
    });
  });
  const legacyUrl = asString(config['OPENAI_BASE_URL']);
  const legacyWritten = asString(config['OPENAI_API_KEY']);
  const legacyKey = legacyWritten !== undefined && UNRESOLVED.test(legacyWritten) ? undefined : legacyWritten;
  if (legacyKey) secrets.push(legacyKey);
  if (legacyUrl !== undefined || legacyKey) {
    const model = asString(config['OPENAI_MODEL']);
    providers.push({
      id: 'OPENAI_BASE_URL',
      name: 'OPENAI_BASE_URL (the single provider of the first versions)',
      active: false,
      ...(legacyUrl !== undefined ? { endpoint: legacyUrl } : {}),
      format: 'openai',
      ...(model ? { models: [model] } : {}),
      ...(legacyKey ? { credential: legacyKey } : {}),
    });
  }

  const router = asObject(config['Router']) ?? {};
  unknownFields(router, ROUTER_FIELDS, file, 'Router', diagnostics);
  const route = routeOf(router['default']);
  const chosen = options.provider ?? route?.provider ?? (providers.length === 1 ? providers[0]?.id : undefined);
  const active = providers.find((p) => p.id === chosen);
  if (active) active.active = true;
  else if (options.provider !== undefined) {
    diagnostics.push(
      diagnostic('import-provider-not-found', { tool: 'claude-code-router', file, provider: options.provider, known: providers.map((p) => p.id) }),
    );
    return emptyImport('claude-code-router', file, storage, diagnostics, { providers, secrets });
  }
  // The router still answers (it is the gateway), but routes to nothing it has.
  else diagnostics.push(diagnostic('import-no-active', { tool: 'claude-code-router', file }));
  for (const [key, reason] of Object.entries(LAUNCH_ONLY)) {
    const v = config[key];
    if (v !== undefined && v !== false && !(key === 'StatusLine' && asObject(v)?.['enabled'] !== true))
      diagnostics.push(diagnostic('import-not-carried', { file, field: key, reason }));
  }

  // What ccr code gives Claude Code.
  const url = routerUrl(config, storage);
  const env: Record<string, string> = { ANTHROPIC_BASE_URL: url };
  const apiKey = asString(config['APIKEY']);
  if (apiKey && !UNRESOLVED.test(apiKey)) secrets.push(apiKey);
  if (apiKey !== undefined && UNRESOLVED.test(apiKey))
    diagnostics.push(
      diagnostic('import-credential-not-carried', {
        tool: 'claude-code-router',
        reason: `APIKEY is ${apiKey}, which is not set here (the router reads it from its own environment); set it and import again`,
      }),
    );
  else if (storage === 'json') env['ANTHROPIC_AUTH_TOKEN'] = apiKey || 'test';
  else
    diagnostics.push(
      diagnostic('import-credential-not-carried', {
        tool: 'claude-code-router',
        reason: "the desktop version keeps its client keys in its database's api_keys table, one per client profile; create one in the router",
      }),
    );
  // What ccr code (and ccr activate) also set: the router is reached directly, and Claude Code reports nothing home.
  if (storage === 'json') {
    env['NO_PROXY'] = '127.0.0.1';
    env['DISABLE_TELEMETRY'] = 'true';
    env['DISABLE_COST_WARNINGS'] = 'true';
    const own = options.env?.['NO_PROXY'] ?? options.env?.['no_proxy'];
    if (own !== undefined && own !== '' && own !== '127.0.0.1')
      diagnostics.push(diagnostic('import-overrides-environment', { variable: 'NO_PROXY', value: own, replacement: '127.0.0.1' }));
  }
  const timeout = config['API_TIMEOUT_MS'];
  env['API_TIMEOUT_MS'] = typeof timeout === 'number' || (typeof timeout === 'string' && timeout !== '') ? String(timeout) : '600000';
  const small = asString(config['ANTHROPIC_SMALL_FAST_MODEL']);
  if (small) env['ANTHROPIC_SMALL_FAST_MODEL'] = small;
  // A provider chosen by hand: the router sends a `provider,model` model name straight to that provider.
  if (options.provider !== undefined && active) {
    const model = active.models?.[0];
    if (model !== undefined) env['ANTHROPIC_MODEL'] = `${active.id},${model}`;
  }
  // ccr code blanks ANTHROPIC_API_KEY and drops the Bedrock switch; a token is replaced only when one is carried over.
  const replaced = ENDPOINT_VARIABLES.filter((n) => n !== 'ANTHROPIC_AUTH_TOKEN' || env['ANTHROPIC_AUTH_TOKEN'] !== undefined);
  const out = configFromVariables(env, {}, replaced, file);
  out.diagnostics.unshift(...diagnostics);
  out.diagnostics.push(diagnostic('import-router-gateway', { url }));
  return { tool: 'claude-code-router', file, storage, providers, config: out, secrets: [...new Set(secrets)] };
}
