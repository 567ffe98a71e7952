/**
 * Claude Code's merge rules across settings levels and across managed drop-ins (docs/behavior.md#merge-rules,
 * docs/behavior.md#managed-drop-ins):
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

  /** @param withEnv false to leave `env` blocks out (the managed tier merges env per variable itself). */
  constructor(private readonly withEnv = true) {}

  add(higher: Plain): void {
    const root = this.root;
    for (const k of Object.keys(higher)) {
      if (k === 'env' && !this.withEnv) continue;
      root[k] = Object.hasOwn(root, k) ? this.key(k, root[k], higher[k]) : copy(higher[k]);
    }
  }

  result(): Plain {
    return this.root;
  }

  private key(key: string, lower: unknown, higher: unknown): unknown {
    if (REPLACED_WHOLE.has(key)) return copy(higher);
    // `env` holds only strings once sanitized: a flat assign is the per-variable merge.
    if (key === 'env' && isPlainObject(lower) && isPlainObject(higher)) return Object.assign(lower, higher);
    if (ENTRIES_REPLACED_WHOLE.has(key) && isPlainObject(lower) && isPlainObject(higher)) {
      for (const k of Object.keys(higher)) lower[k] = copy(higher[k]);
      return lower;
    }
    return this.value(lower, higher);
  }

  private value(lower: unknown, higher: unknown): unknown {
    if (Array.isArray(lower) && Array.isArray(higher)) {
      let seen = this.lists.get(lower);
      if (!seen) {
        seen = new Set();
        for (const v of lower) seen.add(identity(v));
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
      for (const k of Object.keys(higher)) lower[k] = Object.hasOwn(lower, k) ? this.value(lower[k], higher[k]) : copy(higher[k]);
      return lower;
    }
    return copy(higher);
  }
}

/** A copy of JSON data, so that merging never changes the caller's objects. */
function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copy);
  const out: Plain = {};
  for (const k of Object.keys(v)) out[k] = copy((v as Plain)[k]);
  return out;
}

/** Merges settings objects given lowest first (levels, or the managed file then its drop-ins). */
export function mergeAll(list: readonly Plain[], o: { env?: boolean } = {}): Plain {
  const acc = new Accumulator(o.env ?? true);
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
 * local lists cannot extend it.
 */
export function mergeLayers(layers: readonly Layer[]): MergedLayers {
  const settings = mergeAll(layers.map((l) => l.settings));
  const contributors = new Map<string, { value: unknown; source: SourceRef }[]>();
  for (const layer of layers) {
    const { settings: s, source } = layer;
    for (const k of Object.keys(s)) {
      const entry = { value: s[k], source };
      const list = contributors.get(k);
      if (list) list.push(entry);
      else contributors.set(k, [entry]);
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
