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

/** A key under which equal JSON values collide: primitives by type and value, objects by their JSON text. */
function identity(v: unknown): string {
  if (v !== null && typeof v === 'object') return `o${JSON.stringify(v)}`;
  return `${typeof v}:${String(v)}`;
}

/** Keys whose whole value is taken from the highest level that defines them. */
const REPLACED_WHOLE: ReadonlySet<string> = new Set(['fallbackModel']);
/** Keys whose entries (one level down) are replaced whole rather than merged. */
const ENTRIES_REPLACED_WHOLE: ReadonlySet<string> = new Set(['extraKnownMarketplaces']);

/**
 * Merges one settings object into an accumulator the caller owns (and may therefore change),
 * `higher` winning. Lists are kept as Sets of identities while merging, so that many levels or
 * drop-ins merge in linear time; {@link finishMerge} turns the accumulator back into plain JSON.
 */
class Accumulator {
  private readonly root: Plain = {};
  private readonly lists = new Map<unknown[], Set<string>>();

  add(higher: Plain): void {
    for (const [k, v] of Object.entries(higher)) this.root[k] = this.key(k, this.root[k], v, Object.hasOwn(this.root, k));
  }

  result(): Plain {
    return this.root;
  }

  private key(key: string, lower: unknown, higher: unknown, present: boolean): unknown {
    if (!present || REPLACED_WHOLE.has(key)) return copy(higher);
    // `env` holds only strings once sanitized: a flat assign is the per-variable merge.
    if (key === 'env' && isPlainObject(lower) && isPlainObject(higher)) return Object.assign(lower, higher);
    if (ENTRIES_REPLACED_WHOLE.has(key) && isPlainObject(lower) && isPlainObject(higher)) {
      for (const [k, v] of Object.entries(higher)) lower[k] = copy(v);
      return lower;
    }
    return this.value(lower, higher);
  }

  private value(lower: unknown, higher: unknown): unknown {
    if (Array.isArray(lower) && Array.isArray(higher)) {
      let seen = this.lists.get(lower);
      if (!seen) {
        seen = new Set(lower.map(identity));
        this.lists.set(lower, seen);
      }
      for (const v of higher) {
        const id = identity(v);
        if (seen.has(id)) continue;
        seen.add(id);
        lower.push(copy(v));
      }
      return lower;
    }
    if (isPlainObject(lower) && isPlainObject(higher)) {
      for (const [k, v] of Object.entries(higher)) lower[k] = Object.hasOwn(lower, k) ? this.value(lower[k], v) : copy(v);
      return lower;
    }
    return copy(higher);
  }
}

/** A copy of JSON data, so that merging never changes the caller's objects. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (isPlainObject(v)) {
    const out: Plain = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out;
  }
  return v;
}

/** Merges settings objects given lowest first (levels, or the managed file then its drop-ins). */
export function mergeAll(list: readonly Plain[]): Plain {
  const acc = new Accumulator();
  for (const s of list) acc.add(s);
  return acc.result();
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
  const settings = mergeAll(layers.map((l) => l.settings));
  const contributors = new Map<string, { value: unknown; source: SourceRef }[]>();
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.settings)) {
      const list = contributors.get(k);
      if (list) list.push({ value: v, source: layer.source });
      else contributors.set(k, [{ value: v, source: layer.source }]);
    }
  }
  for (const list of contributors.values()) list.reverse();
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
