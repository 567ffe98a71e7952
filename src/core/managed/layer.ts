/**
 * The managed layer as the merge sees it: the winning source's settings, its env reduced to the values
 * that apply, without the model keys a host-managed provider ignores, and without the keys managed
 * settings may not set from this channel (docs/behavior.md#settings-env-and-shell, docs/behavior.md#key-scopes).
 */
import type { Diagnostic, SourceRef } from '../types';
import type { Layer } from '../merge';
import { envOf } from '../schema';
import { fileRefusal } from '../env';
import { NOT_FROM_CHANNEL, withoutOutOfScopeKeys } from '../key-scopes';
import { diagnostic } from '../catalogue';
import type { ManagedResult } from './types';

/** Managed keys ignored while the embedding host manages the provider (docs/behavior.md#settings-env-and-shell). */
const HOST_MANAGED_MODEL_KEYS: readonly string[] = ['model', 'fallbackModel', 'modelOverrides'];

/** What the managed layer is judged with. */
export interface ManagedLayerContext {
  /** The Claude Code version. */
  version: string;
  /** `CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` is set. */
  hostManaged: boolean;
  /** Where the keys left out are reported. */
  diagnostics: Diagnostic[];
}

/** The managed layer to merge, or `undefined` when no managed source applies. */
export function managedLayer(managed: ManagedResult, context: ManagedLayerContext): Layer | undefined {
  if (!managed.settings) return undefined;
  const { version, hostManaged, diagnostics } = context;
  const source: SourceRef = managed.winnerChannel ? { scope: 'managed', origin: managed.winnerChannel } : { scope: 'managed' };
  // The merged settings show only the managed env values that apply (docs/behavior.md#settings-env-and-shell), and with a host-managed
  // provider no managed model keys (docs/behavior.md#settings-env-and-shell).
  const settings = Object.assign({}, managed.settings);
  const managedEnv = envOf(managed.settings);
  const applied: Record<string, string> = {};
  let any = false;
  for (const name of Object.keys(managedEnv)) {
    if (fileRefusal(name, 'managed', version, hostManaged)) continue;
    applied[name] = managedEnv[name] as string;
    any = true;
  }
  if (any) settings['env'] = applied;
  else delete settings['env'];
  if (hostManaged) for (const key of HOST_MANAGED_MODEL_KEYS) delete settings[key];
  // Global-config keys never apply from a settings source (docs/behavior.md#key-scopes); some managed keys not from every channel.
  const scoped = withoutOutOfScopeKeys(settings, 'managed');
  const notFrom = managed.winnerChannel ? (NOT_FROM_CHANNEL[managed.winnerChannel] ?? []) : [];
  const removed = scoped.removed.map((r) => r.args);
  for (const key of notFrom) {
    if (!Object.hasOwn(scoped.settings, key)) continue;
    delete scoped.settings[key];
    removed.push({ key, scope: 'managed', channel: managed.winnerChannel === 'remote' ? 'remote' : 'HKCU' });
  }
  for (const args of removed) {
    const part = managed.keySources[args.key.split('.')[0] as string];
    diagnostics.push(diagnostic('settings-key-out-of-scope', args, part?.path !== undefined ? { scope: 'managed', path: part.path } : { scope: 'managed' }));
  }
  return { source, settings: scoped.settings };
}
