/**
 * Entry-level validation of a parsed settings object (§1.8): a bad entry is skipped with a warning,
 * the rest of the file applies. Unknown keys are kept as they are. Keys that could reshape an object
 * (`__proto__`, `constructor`, `prototype`) are dropped everywhere.
 */
import { z } from 'zod';
import { isUnsafeKey, locateJsonPath } from './parse';
import type { Diagnostic, SettingsScope } from './types';

const nonEmpty = z.string().min(1);

/** The keys this library reads, with the shapes Claude Code accepts (docs win over the schema, §11). */
const MODELLED: Readonly<Record<string, z.ZodType>> = {
  apiKeyHelper: nonEmpty,
  awsAuthRefresh: nonEmpty,
  awsCredentialExport: nonEmpty,
  gcpAuthRefresh: nonEmpty,
  otelHeadersHelper: nonEmpty,
  model: z.string(),
  fallbackModel: z.array(z.string()).max(3),
  availableModels: z.array(z.string()),
  forceLoginMethod: z.enum(['claudeai', 'console', 'gateway']),
  forceLoginOrgUUID: z.union([nonEmpty, z.array(nonEmpty)]),
  forceLoginGatewayUrl: z.url(),
  wslInheritsWindowsSettings: z.boolean(),
  parentSettingsBehavior: z.enum(['first-wins', 'merge']),
  policyHelper: z.object({ path: nonEmpty }).loose(),
};

/**
 * Keys that fail closed when present but invalid in managed settings (§1.8), with the value they
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

function push(ctx: SanitizeContext, d: Omit<Diagnostic, 'scope' | 'path'>, at?: (string | number)[]): void {
  const full: Diagnostic = { ...d, scope: ctx.scope };
  if (ctx.path !== undefined) full.path = ctx.path;
  if (at && ctx.text !== undefined) Object.assign(full, locateJsonPath(ctx.text, at));
  ctx.diagnostics.push(full);
}

/** Deep copy of user JSON without unsafe keys. */
export function safeClone(value: unknown, ctx: SanitizeContext, at: (string | number)[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => safeClone(v, ctx, [...at, i]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isUnsafeKey(k)) {
        push(
          ctx,
          {
            code: 'settings-unsafe-key',
            severity: 'warning',
            message: `${[...at, k].join('.')} is not a settings key and was left out`,
          },
          [...at, k],
        );
        continue;
      }
      out[k] = safeClone(v, ctx, [...at, k]);
    }
    return out;
  }
  return value;
}

/**
 * Returns the settings with invalid modelled entries removed (or kept, for fail-closed managed keys),
 * `env` reduced to its string entries, and a diagnostic for each thing left out.
 */
export function sanitizeSettings(raw: Record<string, unknown>, ctx: SanitizeContext): Record<string, unknown> {
  const out = safeClone(raw, ctx, []) as Record<string, unknown>;
  const managed = ctx.scope === 'managed';
  for (const [key, schema] of Object.entries(MODELLED)) {
    if (!(key in out)) continue;
    const result = schema.safeParse(out[key]);
    if (result.success) continue;
    const closed = managed ? FAIL_CLOSED.get(key) : undefined;
    const failClosed = closed !== undefined;
    push(ctx, {
      code: managed ? 'managed-invalid-entry' : 'settings-invalid-entry',
      severity: 'warning',
      message: failClosed
        ? `${key} is invalid; managed settings fail closed on it, so it still restricts`
        : `${key} is invalid (${result.error.issues[0]?.message ?? 'wrong type'}) and is skipped`,
    }, [key]);
    if (closed) out[key] = closed(out[key]);
    else delete out[key];
  }
  if ('env' in out) {
    const env = out['env'];
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      push(ctx, { code: 'env-not-object', severity: 'warning', message: 'env must be an object of strings; it is skipped' }, ['env']);
      delete out['env'];
    } else {
      const clean: Record<string, string> = {};
      for (const [name, value] of Object.entries(env)) {
        if (typeof value === 'string') {
          clean[name] = value;
        } else {
          push(ctx, {
            code: 'env-not-string',
            severity: 'warning',
            message: `env.${name} is ${value === null ? 'null' : typeof value}, not a string; Claude Code skips it`,
            fix: `Quote the value: "${name}": "${String(value)}"`,
          }, ['env', name]);
        }
      }
      out['env'] = clean;
    }
  }
  return out;
}

/** The `env` block of sanitized settings. */
export function envOf(settings: Record<string, unknown> | undefined): Record<string, string> {
  const env = settings?.['env'];
  return env && typeof env === 'object' ? (env as Record<string, string>) : {};
}
