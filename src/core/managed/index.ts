/**
 * The managed tier (docs/behavior.md#managed-sources): which managed source applies, its `/status` label, and the managed
 * `env`, merged per variable across admin sources from 2.1.223 on. One file per step: candidates.ts (the sources
 * of the platform, loaded), policy-helper.ts, select.ts (which one applies), env.ts (the managed env), remote.ts (whether server-managed
 * settings are fetched), layer.ts (the managed layer the merge sees).
 */
export { resolveManaged } from './select';
export { managedLayer } from './layer';
export { remoteSkipReason } from './remote';
export type { ManagedEnvEntry, ManagedResult, ManagedSources } from './types';
