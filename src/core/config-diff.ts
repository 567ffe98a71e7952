/**
 * What changed between two resolutions of the same session: variables and settings keys (old and new
 * value with their source), the credential headers, the provider, the session model, and the
 * diagnostics that appeared or went away. Pure: the watcher (`watchEffectiveConfig`) resolves, this
 * compares. Values are compared as given: pass masked configurations (`redactConfig`) to keep secrets
 * out of the result.
 */
import { keyPickup, providerPickup, PROVIDER_SWITCH_VARIABLES, variablePickup, type PickupContext } from './pickup';
import type { CredentialHeader, Diagnostic, EffectiveConfig, Pickup, SourceRef } from './types';

export type { PickupContext } from './pickup';

/** One value of a variable or key, and where it was set. */
export interface ChangedValue {
  /** The value (a variable's text, or a settings key's JSON value). */
  value: unknown;
  /** Where it was set. */
  source: SourceRef;
}

/** A variable or settings key whose winning value or source changed. */
export interface ValueChange {
  /** The variable or key name. */
  name: string;
  /** What it was; absent when it was not set. */
  before?: ChangedValue;
  /** What it is now; absent when it is no longer set. */
  after?: ChangedValue;
  /** Whether a Claude Code already running takes the change up, and why. */
  pickup: Pickup;
}

/** A credential header as a change reports it: the header, what fills it, and from where. */
export interface HeaderState {
  /** `authorization` or `x-api-key`. */
  header: CredentialHeader['header'];
  /** The credential's kind. */
  kind: CredentialHeader['kind'];
  /** The variable (or `apiKeyHelper`) that fills it, when one does. */
  variable?: string;
  /** Where that credential was set, when it was. */
  source?: SourceRef;
}

/** Everything that differs between two resolutions; `changed` is false when nothing does. */
export interface ConfigChange {
  /** Whether anything below differs. */
  changed: boolean;
  /** Variables whose winning value or source changed, by name. */
  variables: ValueChange[];
  /** Top-level settings keys whose merged value or source changed, by name. */
  keys: ValueChange[];
  /** The credential headers before and after, when they differ. */
  credentialHeaders?: {
    /** The headers before. */
    before: HeaderState[];
    /** The headers now. */
    after: HeaderState[];
  };
  /** The provider before and after, when it differs. */
  provider?: {
    /** The provider before. */
    before: string;
    /** The provider now. */
    after: string;
    /** Whether a Claude Code already running switches. */
    pickup: Pickup;
  };
  /** The session model before and after, when it or the provider's id for it differs (`claude-opus-5-5 (sent as eu.anthropic.claude-opus-5-5)`). */
  model?: {
    /** The model id before, with the provider's id when that differs. */
    before: string;
    /** The model id now, with the provider's id when that differs. */
    after: string;
    /** Whether a Claude Code already running requests the new model. */
    pickup: Pickup;
  };
  /** True when some of the change reaches a running Claude Code only after a restart (a pickup `restart` or `partial`). */
  restartNeeded: boolean;
  /** Diagnostics that appeared, and those that went away (compared by code, file, line, column and arguments). */
  diagnostics: {
    /** Diagnostics the new configuration has and the old one did not. */
    added: Diagnostic[];
    /** Diagnostics the old configuration had and the new one does not. */
    removed: Diagnostic[];
  };
}

function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.scope === b.scope && a.path === b.path && a.origin === b.origin;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function compare(
  before: Record<string, { value: unknown; source: SourceRef }>,
  after: Record<string, { value: unknown; source: SourceRef }>,
  pickup: (name: string, b: ChangedValue | undefined, a: ChangedValue | undefined) => Pickup,
): ValueChange[] {
  const out: ValueChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const name of names) {
    const b = Object.hasOwn(before, name) ? before[name] : undefined;
    const a = Object.hasOwn(after, name) ? after[name] : undefined;
    if (b && a && sameValue(b.value, a.value) && sameSource(b.source, a.source)) continue;
    const was = b ? { value: b.value, source: b.source } : undefined;
    const now = a ? { value: a.value, source: a.source } : undefined;
    out.push({ name, ...(was ? { before: was } : {}), ...(now ? { after: now } : {}), pickup: pickup(name, was, now) });
  }
  return out;
}

function headers(config: EffectiveConfig): HeaderState[] {
  return config.credentialHeaders.map((h) => {
    const state: HeaderState = { header: h.header, kind: h.kind };
    if (h.variable !== undefined) state.variable = h.variable;
    if (h.source !== undefined) state.source = h.source;
    return state;
  });
}

function diagnosticKey(d: Diagnostic): string {
  return JSON.stringify([d.code, d.path ?? '', d.line ?? 0, d.column ?? 0, d.args ?? d.message]);
}

/**
 * What changed from `before` to `after` (two resolutions of one session), and whether a Claude Code
 * started with `before` takes each change up without a restart (`pickup`, `restartNeeded`;
 * docs/behavior.md#live-changes). `context` tells what the configurations cannot: whether the managed
 * drop-in folder existed (the watcher knows).
 */
export function diffEffectiveConfig(before: EffectiveConfig, after: EffectiveConfig, context: PickupContext = {}): ConfigChange {
  const variables = compare(before.env, after.env, (_name, b, a) => variablePickup(b, a, context));
  const keys = compare(before.keys, after.keys, (name, b, a) => keyPickup(name, b, a, context));
  // The env key is its variables: a restart when one of them needs it.
  const env = keys.find((k) => k.name === 'env');
  if (env) env.pickup = variables.find((v) => v.pickup.when === 'restart')?.pickup ?? variables[0]?.pickup ?? env.pickup;
  const out: ConfigChange = { changed: false, variables, keys, restartNeeded: false, diagnostics: { added: [], removed: [] } };
  const headersBefore = headers(before);
  const headersAfter = headers(after);
  if (!sameValue(headersBefore, headersAfter)) out.credentialHeaders = { before: headersBefore, after: headersAfter };
  if (before.provider !== after.provider) {
    // A switch variable the running session does not take up decides; else what was seen of the provider.
    const held = variables.find((v) => PROVIDER_SWITCH_VARIABLES.has(v.name) && v.pickup.when !== 'live')?.pickup;
    out.provider = { before: before.provider, after: after.provider, pickup: held ?? providerPickup(after.provider) };
  }
  // What the request asks for: the model, and the provider's id for it when that differs (a region's
  // Bedrock prefix, a modelOverrides entry).
  const modelBefore = wireName(before.model);
  const modelAfter = wireName(after.model);
  if (modelBefore !== modelAfter) {
    // On Bedrock switched on live, the model id is exactly what the running session does not take up.
    const pickup: Pickup =
      out.provider && out.provider.pickup.when !== 'live'
        ? out.provider.pickup
        : { when: 'unverified', reason: 'not checked against Claude Code: restart to be sure the new model is requested', checked: false };
    out.model = { before: modelBefore, after: modelAfter, pickup };
  }
  const pickups = [...variables, ...keys, ...(out.provider ? [out.provider] : []), ...(out.model ? [out.model] : [])].map((c) => c.pickup.when);
  out.restartNeeded = pickups.some((w) => w === 'restart' || w === 'partial');
  const beforeKeys = new Set(before.diagnostics.map(diagnosticKey));
  const afterKeys = new Set(after.diagnostics.map(diagnosticKey));
  out.diagnostics.added = after.diagnostics.filter((d) => !beforeKeys.has(diagnosticKey(d)));
  out.diagnostics.removed = before.diagnostics.filter((d) => !afterKeys.has(diagnosticKey(d)));
  out.changed =
    variables.length > 0 ||
    keys.length > 0 ||
    out.credentialHeaders !== undefined ||
    out.provider !== undefined ||
    out.model !== undefined ||
    out.diagnostics.added.length > 0 ||
    out.diagnostics.removed.length > 0;
  return out;
}

/** The model id, with the provider's id for it when that differs. */
function wireName(model: EffectiveConfig['model']): string {
  const sent = (model as Partial<EffectiveConfig['model']>).sent;
  return sent !== undefined && sent.id !== model.id ? `${model.id} (sent as ${sent.id})` : model.id;
}
