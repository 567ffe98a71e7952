/**
 * Entry-level validation of a parsed settings object (docs/behavior.md#invalid-entries): a bad entry is skipped with a warning,
 * the rest of the file applies. Unknown keys are kept as they are. Keys that could reshape an object
 * (`__proto__`, `constructor`, `prototype`) are dropped everywhere.
 */
import { isUnsafeKey, locateJsonPath } from './parse';
import type { Diagnostic, SettingsScope } from './types';
import { diagnostic, type DiagnosticArgsMap } from './catalogue';
import { valueTypeOf } from './catalogue/words';
import { isCredentialVariable } from './variables';

/** A shape check: undefined when the value fits, else what was expected. */
type Shape = (v: unknown) => string | undefined;

const nonEmpty: Shape = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'expected a non-empty string');
const anyString: Shape = (v) => (typeof v === 'string' ? undefined : 'expected a string');
const strings =
  (max?: number): Shape =>
  (v) =>
    !Array.isArray(v) || !v.every((x) => typeof x === 'string')
      ? 'expected a list of strings'
      : max !== undefined && v.length > max
        ? `expected at most ${max} entries`
        : undefined;
const oneOf =
  (values: readonly string[]): Shape =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.join(', ')}`;
const url: Shape = (v) => {
  if (typeof v !== 'string') return 'expected a URL';
  try {
    new URL(v);
    return undefined;
  } catch {
    return 'expected a full URL with its scheme';
  }
};

/**
 * The keys this library reads, with the shapes Claude Code accepts (docs win over the schema,
 * docs/behavior.md#settings-schema).
 * Written out, not zod: it runs on every file of every resolution.
 */
const MODELLED: Readonly<Record<string, Shape>> = {
  apiKeyHelper: nonEmpty,
  awsAuthRefresh: nonEmpty,
  awsCredentialExport: nonEmpty,
  gcpAuthRefresh: nonEmpty,
  otelHeadersHelper: nonEmpty,
  model: anyString,
  fallbackModel: strings(3),
  availableModels: strings(),
  forceLoginMethod: oneOf(['claudeai', 'console', 'gateway']),
  forceLoginOrgUUID: (v) =>
    nonEmpty(v) === undefined || (Array.isArray(v) && v.every((x) => nonEmpty(x) === undefined)) ? undefined : 'expected a UUID or a list of UUIDs',
  forceLoginGatewayUrl: url,
  wslInheritsWindowsSettings: (v) => (typeof v === 'boolean' ? undefined : 'expected true or false'),
  parentSettingsBehavior: oneOf(['first-wins', 'merge']),
  policyHelper: (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && nonEmpty((v as Record<string, unknown>)['path']) === undefined
      ? undefined
      : 'expected an object with a path',
};

/** The top-level keys this library models (besides `env`): the gateway-relevant keys of a settings file. */
export const MODELLED_KEYS: readonly string[] = Object.keys(MODELLED);

/**
 * Keys that fail closed when present but invalid in managed settings (docs/behavior.md#invalid-entries), with the value they
 * then take: `availableModels` becomes an empty allowlist (only Default); `forceLoginOrgUUID` is kept
 * as it is, since its mere presence blocks every login and every gateway credential.
 */
const FAIL_CLOSED: ReadonlyMap<string, (raw: unknown) => unknown> = new Map([
  ['forceLoginOrgUUID', (raw: unknown) => raw],
  ['availableModels', () => []],
]);

export interface SanitizeContext {
  scope: SettingsScope;
  path?: string;
  /** The text the settings were parsed from, to give diagnostics a line and column. */
  text?: string;
  diagnostics: Diagnostic[];
}

function push(ctx: SanitizeContext, d: Diagnostic, at?: (string | number)[]): void {
  const full: Diagnostic = { ...d, scope: ctx.scope };
  if (ctx.path !== undefined) full.path = ctx.path;
  if (at && ctx.text !== undefined) Object.assign(full, locateJsonPath(ctx.text, at));
  ctx.diagnostics.push(full);
}

/** A copy of JSON-like data (plain objects and arrays), so that sanitizing never changes the caller's objects. */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      // defineProperty keeps a `__proto__` key an own property, to be reported and removed below.
      Object.defineProperty(out, k, { value: copyJson((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Removes unsafe keys in place, reporting each; `at` is a shared stack of the path walked. */
function stripUnsafe(value: unknown, ctx: SanitizeContext, at: (string | number)[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      stripUnsafe(value[i], ctx, at);
      at.pop();
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (isUnsafeKey(k)) {
      at.push(k);
      push(ctx, diagnostic('settings-unsafe-key', { key: at.join('.') }), [...at]);
      at.pop();
      delete obj[k];
      continue;
    }
    // Only objects and arrays can hold keys: most values (every env value) are strings.
    const v = obj[k];
    if (v === null || typeof v !== 'object') continue;
    at.push(k);
    stripUnsafe(v, ctx, at);
    at.pop();
  }
}

/**
 * Returns the settings with unsafe keys removed, invalid modelled entries removed (or kept, for fail-closed managed keys),
 * `env` entries turned into text as Claude Code turns them, and a diagnostic for each thing left out or changed.
 */
export function sanitizeSettings(raw: Record<string, unknown>, ctx: SanitizeContext, owned = false): Record<string, unknown> {
  // Text we parsed ourselves is ours to change; an object from the caller is copied first.
  const out = (owned ? raw : copyJson(raw)) as Record<string, unknown>;
  stripUnsafe(out, ctx, []);
  const managed = ctx.scope === 'managed';
  for (const key of Object.keys(out)) {
    const schema = Object.hasOwn(MODELLED, key) ? MODELLED[key] : undefined;
    if (!schema) continue;
    const problem = schema(out[key]);
    if (problem === undefined) continue;
    const closed = managed ? FAIL_CLOSED.get(key) : undefined;
    push(
      ctx,
      managed
        ? diagnostic('managed-invalid-entry', { key, problem, failsClosed: closed !== undefined })
        : diagnostic('settings-invalid-entry', { key, problem }),
      [key],
    );
    if (closed) out[key] = closed(out[key]);
    else delete out[key];
  }
  if ('env' in out) {
    const env = out['env'];
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      push(ctx, diagnostic('env-not-object', { valueType: valueTypeOf(env) }), ['env']);
      delete out['env'];
    } else {
      // The env block is ours (parsed or copied): a non-string entry becomes the text JavaScript's
      // String() gives it, as Claude Code does (null is "null", an object "[object Object]", an array its
      // items joined by commas; vectors env-number-token, env-null-token-over-shell,
      // env-object-token-over-shell, env-array-key-over-shell, env-false-switch-over-shell). It wins
      // over lower sources like any value.
      const clean = env as Record<string, unknown>;
      for (const name of Object.keys(clean)) {
        const value = clean[name];
        if (typeof value === 'string') continue;
        const text = coerce(value);
        if (text === undefined) delete clean[name];
        else clean[name] = text;
        push(ctx, diagnostic('env-not-string', notStringArgs(name, value, text)), ['env', name]);
      }
    }
  }
  return out;
}

/** `String(value)`, or undefined for an object that has no text (a `toString` key that is not a function). */
function coerce(value: unknown): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

/**
 * The env-not-string arguments. The coerced text is shown only when it cannot be a credential (null, a
 * boolean, a plain object), else its length only. For the fix, a boolean or a number of fewer than 8
 * characters of a variable whose name does not say it holds a secret is quoted back
 * (`"API_TIMEOUT_MS": "600000"`); anything else (a credential, a long number, an object, null) is never
 * repeated: a diagnostic must not carry a value that may be a credential.
 */
function notStringArgs(name: string, value: unknown, text: string | undefined): DiagnosticArgsMap['env-not-string'] {
  const args: DiagnosticArgsMap['env-not-string'] = { variable: name, valueType: valueTypeOf(value), hasText: text !== undefined };
  if (text !== undefined) {
    const safe = value === null || typeof value === 'boolean' || (typeof value === 'object' && !Array.isArray(value));
    if (safe && !isCredentialVariable(name, text)) args.text = text;
    else args.textLength = text.length;
  }
  const plain = (typeof value === 'boolean' || (typeof value === 'number' && String(value).length < 8)) && !isCredentialVariable(name, String(value));
  if (plain) args.quotable = String(value);
  return args;
}

/** The `env` block of sanitized settings. */
export function envOf(settings: Record<string, unknown> | undefined): Record<string, string> {
  const env = settings?.['env'];
  return env && typeof env === 'object' ? (env as Record<string, string>) : {};
}
