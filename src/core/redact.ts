/**
 * Redaction: masking as a property of where a value came from, not only of its name
 * (docs/behavior.md#secrets). A value is masked when it is a credential (a credential variable, a name that
 * says secret), when it holds one (a URL's user information or credential query parameter, a
 * credential-bearing header line), or when it equals a credential known from anywhere else (the
 * configuration, a helper's output, a file about to be written). Pure: no IO.
 *
 * Two layers. {@link maskValue} masks one variable's value by what it is, keeping what is useful to
 * read (`https://dev:<redacted>@gw.example.com`, `X-Team: infra` next to `Helicone-Auth: <redacted>`).
 * A {@link Redactor} masks text and data it knows nothing about: every occurrence of a known secret
 * (also in its JSON-escaped and URL-encoded forms) plus rules that need no knowledge (URL user
 * information, credential query parameters, `"NAME": value` members of credential variables).
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { EffectiveConfig, GeneratedConfig, ResolvedSetting, ResolvedVar, SourceInfo } from './types';
import {
  headerPairs,
  headerVariableFormat,
  isCredentialHeaderName,
  isCredentialParameterName,
  isCredentialVariable,
  isSecretVariable,
  maskSecret,
} from './variables';

/** What a masked part of a value or text reads as. */
export const REDACTED = '<redacted>';

/**
 * Secrets shorter than this are masked where they are printed as values (by variable, header or URL
 * position) but not searched for in free text: a string of a few characters (`test`, `1234`, `true`)
 * would mask ordinary words and numbers, and break JSON output, while protecting next to nothing.
 */
export const MIN_SECRET_LENGTH = 6;

/**
 * In server replies, a run of at least this many characters that starts a known secret of 16 or more
 * characters is masked too: a gateway that echoes a truncated key (`sk-ant-api03-AbCd…`) leaks its
 * start.
 */
export const SECRET_PREFIX_LENGTH = 12;
const PREFIX_MIN_SECRET = 16;

/** Masks this module or the generators produce: never masked again, so that masking is idempotent. */
const MASK_RE = /^<(?:redacted(?:: \d+ chars)?|[A-Za-z_][A-Za-z0-9_]*: redacted)>$/;

function isMask(value: string): boolean {
  return value.charCodeAt(0) === 60 /* < */ && MASK_RE.test(value);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The token of `Bearer <token>`, `Basic <token>`, `Token <token>`, …: echoed alone as often as whole. */
function schemeToken(value: string): string[] {
  const m = /^\s*(?:bearer|basic|token|bot|digest|apikey|api-key|key)\s+(\S+)\s*$/i.exec(value);
  return m?.[1] ? [m[1]] : [];
}

// URL credentials in text. User information ends at the last `@` before the host (as WHATWG URL reads it).
const USERINFO_TEXT_RE = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'`<>\\]*(?:@[^\s/?#@"'`<>\\]*)*)@(?=[^\s@/?#"'`<>\\]*(?:[/?#\s"'`<>\\]|$))/gi;
// `user:password@host` without a scheme, at the start of a value or after a quote, space, `=` or `(`.
// Addresses such as `mailto:me@example.com` are not user information.
const BARE_USERINFO_TEXT_RE = /(^|[\s"'=(])(?!(?:mailto|sips?|xmpp|tel|urn|news|im|pres):)([^\s/?#@"'`<>\\:=]+):([^\s/?#@"'`<>\\]+)@(?=[A-Za-z0-9[])/gi;
const QUERY_TEXT_RE = /([?&])([^=&#\s"'`<>\\]+)=([^&#\s"'`<>\\]+)/g;
// A whole value that is a URL: its user information is everything before the last `@` ahead of the
// first `/`, `?` or `#`, whatever characters it holds (quotes and backslashes too).
const VALUE_USERINFO_RE = /^(\s*[a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;
const VALUE_BARE_USERINFO_RE = /^(\s*[^/?#@\s:]+):([^/?#]*)@/;
// A JSON member: a string name, then a string or a bare literal.
const MEMBER_TEXT_RE = /"((?:[^"\\\n]|\\.){1,200})"(\s*:\s*)("(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g;

/** Every credential a value's URLs carry: passwords, user information alone, credential query parameters (raw and decoded). */
export function urlCredentials(value: string): string[] {
  const out: string[] = [];
  const push = (s: string | undefined): void => {
    if (s && !isMask(s)) out.push(s, decode(s));
  };
  // Most values hold no URL credential: user information needs an `@`, a query a `?` after a scheme.
  const query = value.includes('?') && value.includes('://');
  if (!value.includes('@')) {
    if (query) for (const m of value.matchAll(QUERY_TEXT_RE)) if (isCredentialParameterName(m[2] ?? '')) push(m[3]);
    return out;
  }
  const whole = VALUE_USERINFO_RE.exec(value);
  if (whole) {
    const info = whole[2] ?? '';
    const colon = info.indexOf(':');
    push(colon >= 0 ? info.slice(colon + 1) : info);
  } else {
    push(VALUE_BARE_USERINFO_RE.exec(value)?.[2]);
  }
  for (const m of value.matchAll(USERINFO_TEXT_RE)) {
    const info = m[2] ?? '';
    const colon = info.indexOf(':');
    push(colon >= 0 ? info.slice(colon + 1) : info);
  }
  for (const m of value.matchAll(BARE_USERINFO_TEXT_RE)) push(m[3]);
  if (query) for (const m of value.matchAll(QUERY_TEXT_RE)) if (isCredentialParameterName(m[2] ?? '')) push(m[3]);
  return out;
}

/** The rules that need no knowledge of any secret: URL user information and credential query parameters. */
function redactPatterns(text: string): string {
  let out = text;
  if (out.includes('@')) {
    out = out.replace(USERINFO_TEXT_RE, (whole, scheme: string, info: string) => {
      const colon = info.indexOf(':');
      if (colon < 0) return isMask(info) ? whole : `${scheme}${REDACTED}@`;
      return isMask(info.slice(colon + 1)) ? whole : `${scheme}${info.slice(0, colon)}:${REDACTED}@`;
    });
    out = out.replace(BARE_USERINFO_TEXT_RE, (whole, before: string, user: string, password: string) =>
      isMask(password) ? whole : `${before}${user}:${REDACTED}@`,
    );
  }
  if (out.includes('=')) {
    out = out.replace(QUERY_TEXT_RE, (whole, sep: string, name: string, value: string) =>
      isCredentialParameterName(name) && !isMask(value) ? `${sep}${name}=${REDACTED}` : whole,
    );
  }
  return out;
}

/** A whole value that is a URL, its password (or bare user information) masked whatever characters it holds. */
function maskUrlValue(value: string): string {
  const whole = VALUE_USERINFO_RE.exec(value);
  if (whole) {
    const info = whole[2] ?? '';
    const colon = info.indexOf(':');
    const secret = colon >= 0 ? info.slice(colon + 1) : info;
    if (secret === '' || isMask(secret)) return value;
    return `${whole[1] ?? ''}${colon >= 0 ? `${info.slice(0, colon)}:` : ''}${REDACTED}@${value.slice(whole[0].length)}`;
  }
  const bare = VALUE_BARE_USERINFO_RE.exec(value);
  if (bare && bare[2] !== '' && !isMask(bare[2] ?? '')) return `${bare[1] ?? ''}:${REDACTED}@${value.slice(bare[0].length)}`;
  return value;
}

function maskHeaderText(value: string, format: 'lines' | 'pairs'): string {
  if (format === 'pairs') {
    return value
      .split(',')
      .map((part) => {
        const i = part.indexOf('=');
        return i > 0 && isCredentialHeaderName(part.slice(0, i).trim()) && !isMask(part.slice(i + 1).trim()) ? `${part.slice(0, i)}=${REDACTED}` : part;
      })
      .join(',');
  }
  return value
    .split('\n')
    .map((line) => {
      const i = line.indexOf(':');
      if (i <= 0 || !isCredentialHeaderName(line.slice(0, i).trim())) return line;
      const rest = line.slice(i + 1).replace(/\r$/, '');
      if (isMask(rest.trim())) return line;
      return `${line.slice(0, i)}: ${REDACTED}${line.endsWith('\r') ? '\r' : ''}`;
    })
    .join('\n');
}

/**
 * A variable's value as printers show it without `showSecrets`: a credential variable as
 * `<redacted: N chars>`; header variables with each credential-bearing header's value replaced;
 * URLs with their password, bare user information or credential query parameter replaced
 * (`https://dev:<redacted>@gw.example.com`); anything else as it is.
 */
export function maskValue(name: string, value: string): string {
  if (isMask(value)) return value;
  if (isCredentialVariable(name, value)) return maskSecret(value);
  const format = headerVariableFormat(name);
  return redactPatterns(format ? maskHeaderText(value, format) : maskUrlValue(value));
}

/** The credential strings a variable's value holds (empty for a value with none). */
export function secretPartsOf(name: string, value: string): string[] {
  const out: string[] = [];
  if (value === '' || isMask(value)) return out;
  if (isCredentialVariable(name, value)) out.push(value, ...schemeToken(value));
  const format = headerVariableFormat(name);
  if (format) {
    for (const [n, v] of headerPairs(value, format)) {
      if (v !== '' && isCredentialHeaderName(n) && !isMask(v)) out.push(v, ...schemeToken(v), ...(format === 'pairs' ? [decode(v)] : []));
    }
  }
  out.push(...urlCredentials(value));
  return out;
}

const MAX_WALK_DEPTH = 256;

/** Secrets in a settings object: its `env` blocks (non-string credential values too) and URL credentials in every string. */
function settingsSecrets(root: unknown, add: (values: Iterable<string>) => void): void {
  const stack: { value: unknown; depth: number; env: boolean }[] = [{ value: root, depth: 0, env: false }];
  while (stack.length > 0) {
    const { value, depth, env } = stack.pop() as { value: unknown; depth: number; env: boolean };
    if (typeof value === 'string') {
      if (value.includes('@') || value.includes('?')) add(urlCredentials(value));
      continue;
    }
    if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, depth: depth + 1, env: false });
      continue;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (env) {
        if (typeof v === 'string') add(secretPartsOf(k, v));
        else if (v !== null && v !== undefined && isCredentialVariable(k, 'x')) add(typeof v === 'object' ? [JSON.stringify(v)] : [String(v)]);
      }
      stack.push({ value: v, depth: depth + 1, env: k === 'env' && depth === 0 });
    }
  }
}

/**
 * Every secret string a configuration holds: values of credential variables (winners, overridden
 * values, values waiting for trust), credential-bearing custom header values, URL passwords and
 * credential query parameters in any variable or settings value, every `env` entry of every source,
 * and `extra` (an apiKeyHelper's output, a token read from standard input).
 */
export function secretValuesOf(config: EffectiveConfig, extra: Iterable<string | undefined> = []): string[] {
  const out = new Set<string>();
  const add = (values: Iterable<string>): void => {
    for (const v of values) if (v !== '') out.add(v);
  };
  for (const v of Object.values(config.env)) {
    add(secretPartsOf(v.name, v.value));
    for (const o of v.overridden) add(secretPartsOf(v.name, o.value));
  }
  for (const p of config.pendingTrust) add(p.kind === 'env' ? secretPartsOf(p.name, p.value) : urlCredentials(p.value));
  for (const h of config.customHeaders) if (isCredentialHeaderName(h.name) && h.value !== '') add([h.value, ...schemeToken(h.value)]);
  settingsSecrets(config.settings, add);
  for (const s of config.sources) if (s.settings) settingsSecrets(s.settings, add);
  for (const e of extra) if (typeof e === 'string' && e !== '') add([e, ...schemeToken(e)]);
  return [...out];
}

/**
 * Every secret string in settings text (a file about to be written, a file's previous content),
 * read leniently: comments and trailing commas are accepted, and non-string credential values count.
 */
export function secretsInSettingsText(text: string): string[] {
  const out = new Set<string>();
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    // Too deep for the parser: the text rules of the redactor still apply.
    return [];
  }
  settingsSecrets(value, (values) => {
    for (const v of values) if (v !== '') out.add(v);
  });
  return [...out];
}

/** Masks text and JSON-like data. Build one with {@link createRedactor}. */
export interface Redactor {
  /** The known secrets searched for in text (at least {@link MIN_SECRET_LENGTH} characters), longest first. */
  readonly secrets: readonly string[];
  /**
   * Text with every known secret (also JSON-escaped, twice JSON-escaped and URL-encoded) replaced by
   * `<redacted>`, URL user information and credential query parameters masked, and the values of
   * `"NAME": value` members of credential variables masked.
   */
  text(text: string): string;
  /** For text a server sent: {@link Redactor.text}, and any run of 12+ characters that starts a known secret of 16+. */
  reply(text: string): string;
  /** A deep copy of JSON-like data with {@link Redactor.text} applied to every string (object keys included). */
  value<T>(value: T): T;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Needles for a secret: as it is, JSON-escaped once and twice, with `/` escaped, URL-encoded. */
function formsOf(s: string): string[] {
  const once = jsonInner(s);
  return [s, once, jsonInner(once), once.replace(/\//g, '\\/'), encodeURIComponent(s)];
}

function maskMembers(text: string): string {
  if (!text.includes('"')) return text;
  return text.replace(MEMBER_TEXT_RE, (whole, rawName: string, sep: string, rawValue: string) => {
    let name: string;
    try {
      name = JSON.parse(`"${rawName}"`) as string;
    } catch {
      return whole;
    }
    if (rawValue.startsWith('"')) {
      let value: string;
      try {
        value = JSON.parse(rawValue) as string;
      } catch {
        return whole;
      }
      if (!isSecretVariable(name, value)) return whole;
      const masked = maskValue(name, value);
      return masked === value ? whole : `"${rawName}"${sep}${JSON.stringify(masked)}`;
    }
    // A number may be a secret (a PIN); `true`, `false` and `null` never are (the `secret` flag of every variable).
    return isCredentialVariable(name, 'x') && rawValue !== 'null' && rawValue !== 'true' && rawValue !== 'false' ? `"${rawName}"${sep}"${REDACTED}"` : whole;
  });
}

/**
 * A redactor that knows `secrets` (undefined and empty entries are skipped; secrets shorter than
 * {@link MIN_SECRET_LENGTH} are not searched for in text).
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const known = new Set<string>();
  for (const s of secrets) if (typeof s === 'string' && s.length >= MIN_SECRET_LENGTH && !isMask(s)) known.add(s);
  const list = [...known].sort((a, b) => b.length - a.length);
  const needles = new Set<string>();
  for (const s of list) for (const f of formsOf(s)) if (f.length >= MIN_SECRET_LENGTH) needles.add(f);
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  const byPrefix = new Map<string, string[]>();
  for (const s of list) {
    if (s.length < PREFIX_MIN_SECRET) continue;
    const p = s.slice(0, SECRET_PREFIX_LENGTH);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), s]);
  }
  const prefix = byPrefix.size > 0 ? new RegExp([...byPrefix.keys()].map(escapeRegExp).join('|'), 'g') : undefined;

  // Credential members first (they show a length), then every known secret, then the URL rules.
  // Longest first, so that a secret containing another is masked whole; `includes` first, since most texts hold none.
  const exactly = (input: string): string => {
    let out = input;
    for (const needle of sorted) if (out.includes(needle)) out = out.replaceAll(needle, REDACTED);
    return out;
  };
  const text = (input: string): string => (typeof input !== 'string' || input === '' ? input : redactPatterns(exactly(maskMembers(input))));
  const prefixes = (input: string): string => {
    if (!prefix) return input;
    let out = '';
    let last = 0;
    prefix.lastIndex = 0;
    for (let m = prefix.exec(input); m; m = prefix.exec(input)) {
      let end = m.index + m[0].length;
      for (const s of byPrefix.get(m[0]) ?? []) {
        let k = SECRET_PREFIX_LENGTH;
        while (k < s.length && input[m.index + k] === s[k]) k++;
        end = Math.max(end, m.index + k);
      }
      out += `${input.slice(last, m.index)}${REDACTED}`;
      last = end;
      prefix.lastIndex = end;
    }
    return out + input.slice(last);
  };
  const walk = (v: unknown, seen: WeakMap<object, unknown>, depth: number): unknown => {
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object' || depth > MAX_WALK_DEPTH) return v;
    const prior = seen.get(v);
    if (prior !== undefined) return prior;
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const x of v) arr.push(walk(x, seen, depth + 1));
      return arr;
    }
    const obj: Record<string, unknown> = {};
    seen.set(v, obj);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const key = text(k);
      // An own property even for `__proto__`.
      Object.defineProperty(obj, key, { value: walk(x, seen, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return obj;
  };
  return {
    secrets: list,
    text,
    reply: (input) => (typeof input !== 'string' || input === '' ? input : redactPatterns(prefixes(exactly(maskMembers(input))))),
    value: <T>(value: T): T => walk(value, new WeakMap(), 0) as T,
  };
}

/**
 * Text with every credential of `config` masked (and `extra`, such as an apiKeyHelper's output),
 * plus the rules that need no knowledge (URL user information, credential query parameters): for
 * tools that print something of their own next to a configuration (a status line, a log).
 */
export function redactSecrets(text: string, config: EffectiveConfig, extra: Iterable<string | undefined> = []): string {
  return createRedactor(secretValuesOf(config, extra)).text(text);
}

function maskEnvObject(env: unknown): unknown {
  if (env === null || typeof env !== 'object' || Array.isArray(env)) return env;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env as Record<string, unknown>)) {
    const masked = typeof v === 'string' ? maskValue(k, v) : v !== null && v !== undefined && isCredentialVariable(k, 'x') ? REDACTED : v;
    Object.defineProperty(out, k, { value: masked, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function maskSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(settings, 'env') ? { ...settings, env: maskEnvObject(settings['env']) } : settings;
}

/**
 * A value at a settings path, masked as printers show it: `['env', NAME]` through {@link maskValue}
 * (a non-string credential value as `<redacted>`), the `env` object entry by entry, a whole settings
 * object's `env` block; URL credentials in anything else.
 */
export function maskSettingValue(path: readonly (string | number)[], value: unknown): unknown {
  if (path[0] === 'env' && path.length === 2) {
    const name = String(path[1]);
    if (typeof value === 'string') return maskValue(name, value);
    return value !== null && value !== undefined && isCredentialVariable(name, 'x') ? REDACTED : value;
  }
  if (path.length === 1 && path[0] === 'env') return maskEnvObject(value);
  if (path.length === 0 && value !== null && typeof value === 'object' && !Array.isArray(value)) return maskSettings(value as Record<string, unknown>);
  return typeof value === 'string' ? redactPatterns(value) : value;
}

/** Every credential an edit touches: those in the file before and after it, and those the edit writes. */
export function secretsOfEdit(
  previousText: string | undefined,
  text: string,
  ops: readonly { op: string; path: readonly (string | number)[]; value?: unknown }[],
): string[] {
  return [...secretsInSettingsText(previousText ?? ''), ...secretsInSettingsText(text), ...secretsInEdit(ops)];
}

/** Every secret string the `set` operations of an edit carry (`['env', NAME]`, a whole `env` object, a whole settings object). */
export function secretsInEdit(ops: readonly { op: string; path: readonly (string | number)[]; value?: unknown }[]): string[] {
  const out = new Set<string>();
  const add = (values: Iterable<string>): void => {
    for (const v of values) if (v !== '') out.add(v);
  };
  for (const op of ops) {
    if (op.op !== 'set') continue;
    const p = op.path;
    const settings =
      p.length === 0
        ? op.value
        : p.length === 1 && p[0] === 'env'
          ? { env: op.value }
          : p.length === 2 && p[0] === 'env'
            ? { env: { [String(p[1])]: op.value } }
            : { [String(p[0])]: op.value };
    settingsSecrets(settings, add);
  }
  return [...out];
}

/**
 * A copy of a configuration fit to print or serialise: every variable's value and overridden values
 * through {@link maskValue}, the `env` blocks of the merged settings, of every source and of the
 * `env` key's contributors, credential-bearing custom headers, values waiting for trust, and then
 * every string of the whole (diagnostics and their `fixEdit` included) through a redactor that knows
 * every secret of the configuration. `secret` flags are kept.
 */
export function redactConfig(config: EffectiveConfig, extra: Iterable<string | undefined> = []): EffectiveConfig {
  const redactor = createRedactor(secretValuesOf(config, extra));
  const env: Record<string, ResolvedVar> = {};
  for (const [n, v] of Object.entries(config.env)) {
    const masked: ResolvedVar = { ...v, value: maskValue(n, v.value), overridden: v.overridden.map((o) => ({ ...o, value: maskValue(n, o.value) })) };
    Object.defineProperty(env, n, { value: masked, enumerable: true, writable: true, configurable: true });
  }
  const keys: Record<string, ResolvedSetting> = {};
  for (const [k, s] of Object.entries(config.keys)) {
    const masked: ResolvedSetting =
      k === 'env' ? { ...s, value: maskEnvObject(s.value), contributors: s.contributors.map((c) => ({ ...c, value: maskEnvObject(c.value) })) } : s;
    Object.defineProperty(keys, k, { value: masked, enumerable: true, writable: true, configurable: true });
  }
  const sources: SourceInfo[] = config.sources.map((s) => (s.settings ? { ...s, settings: maskSettings(s.settings) } : s));
  const baseUrl = config.baseUrl ? (Object.hasOwn(env, config.baseUrl.name) ? env[config.baseUrl.name] : undefined) : undefined;
  const copy: EffectiveConfig = {
    ...config,
    env,
    settings: maskSettings(config.settings),
    keys,
    sources,
    customHeaders: config.customHeaders.map((h) => (isCredentialHeaderName(h.name) ? { name: h.name, value: maskSecret(h.value) } : h)),
    pendingTrust: config.pendingTrust.map((p) => (p.kind === 'env' ? { ...p, value: maskValue(p.name, p.value) } : { ...p, value: redactPatterns(p.value) })),
    ...(config.baseUrl ? { baseUrl: baseUrl ?? { ...config.baseUrl, value: maskValue(config.baseUrl.name, config.baseUrl.value) } } : {}),
  };
  return redactor.value(copy);
}

/**
 * A generated configuration with each credential variable's value masked, for rendering to show a
 * person: a credential escaped by the output format (JSON, XML, `.reg`) is hidden too.
 */
export function redactGeneratedConfig(value: GeneratedConfig): GeneratedConfig {
  return { ...value, env: Object.fromEntries(Object.entries(value.env).map(([n, v]) => [n, isSecretVariable(n, v) ? maskSecret(v) : v])) };
}
