/**
 * Claude Code's merge rules across settings levels and across managed drop-ins (§1.6, §2.2):
 * scalars by precedence, lists concatenated and de-duplicated, nested objects key by key,
 * `fallbackModel` replaced whole, `extraKnownMarketplaces` entries replaced whole, and a managed
 * `availableModels` used as-is.
 */
import type { ResolvedSetting, SourceRef } from './types';

/** One settings object and where it came from. */
export interface Layer {
  source: SourceRef;
  settings: Record<string, unknown>;
}

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Concatenation with duplicates removed, first occurrence kept. */
export function concatUnique(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of [...a, ...b]) if (!out.some((x) => sameValue(x, v))) out.push(v);
  return out;
}

/** Keys whose whole value is taken from the highest level that defines them. */
const REPLACED_WHOLE: ReadonlySet<string> = new Set(['fallbackModel']);
/** Keys whose entries (one level down) are replaced whole rather than merged. */
const ENTRIES_REPLACED_WHOLE: ReadonlySet<string> = new Set(['extraKnownMarketplaces']);

/** Merges `higher` over `lower` for the value of one key (generic rules). */
export function mergeValue(lower: unknown, higher: unknown): unknown {
  if (Array.isArray(lower) && Array.isArray(higher)) return concatUnique(lower, higher);
  if (isPlainObject(lower) && isPlainObject(higher)) {
    const out: Plain = { ...lower };
    for (const [k, v] of Object.entries(higher)) out[k] = k in out ? mergeValue(out[k], v) : v;
    return out;
  }
  return higher;
}

function mergeKey(key: string, lower: unknown, higher: unknown): unknown {
  if (REPLACED_WHOLE.has(key)) return higher;
  if (ENTRIES_REPLACED_WHOLE.has(key) && isPlainObject(lower) && isPlainObject(higher)) return { ...lower, ...higher };
  return mergeValue(lower, higher);
}

/** Merges two settings objects, `higher` winning (used for drop-ins over the managed file). */
export function mergeSettings(lower: Plain, higher: Plain): Plain {
  const out: Plain = { ...lower };
  for (const [k, v] of Object.entries(higher)) out[k] = k in out ? mergeKey(k, out[k], v) : v;
  return out;
}

function mergeKind(key: string, value: unknown): ResolvedSetting['merge'] {
  if (REPLACED_WHOLE.has(key)) return 'replace';
  if (Array.isArray(value)) return 'concat';
  if (isPlainObject(value)) return 'deep';
  return 'replace';
}

export interface MergedLayers {
  settings: Plain;
  keys: Record<string, ResolvedSetting>;
}

/**
 * Merges levels given lowest first. A managed `availableModels` is used as-is: user, project and
 * local lists cannot extend it (§2.2).
 */
export function mergeLayers(layers: readonly Layer[]): MergedLayers {
  let settings: Plain = {};
  const contributors = new Map<string, { value: unknown; source: SourceRef }[]>();
  for (const layer of layers) {
    settings = mergeSettings(settings, layer.settings);
    for (const [k, v] of Object.entries(layer.settings)) {
      const list = contributors.get(k) ?? [];
      list.unshift({ value: v, source: layer.source });
      contributors.set(k, list);
    }
  }
  const managedModels = layers.filter((l) => l.source.scope === 'managed' && 'availableModels' in l.settings).at(-1);
  if (managedModels) settings['availableModels'] = managedModels.settings['availableModels'];

  const keys: Record<string, ResolvedSetting> = {};
  for (const [key, list] of contributors) {
    const top = list[0];
    if (!top) continue;
    keys[key] = {
      key,
      value: settings[key],
      source: top.source,
      contributors: list,
      merge: key === 'availableModels' && managedModels ? 'managed-as-is' : mergeKind(key, settings[key]),
    };
  }
  return { settings, keys };
}
