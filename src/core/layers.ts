/**
 * The non-managed settings files as merge layers: what each applies now, what waits for workspace
 * trust (docs/behavior.md#trust-gating), and which variables a file may not set
 * (docs/behavior.md#settings-env-and-shell).
 */
import type { Diagnostic, PendingTrustValue, SettingsScope, SourceInfo, SourceRef } from './types';
import type { Layer } from './merge';
import { fileRefusal, type EnvLayer } from './env';
import { envOf } from './schema';
import { isSafeBeforeTrust } from './variables';
import { withoutOutOfScopeKeys } from './key-scopes';
import { locateJsonPath } from './parse';
import { diagnostic } from './catalogue';

/** A non-managed settings file after parsing. */
export interface LoadedFile {
  scope: Exclude<SettingsScope, 'managed'>;
  info: SourceInfo;
  settings?: Record<string, unknown>;
  /** The text the settings were parsed from, to locate a diagnostic. */
  text?: string;
}

export interface FileLayers {
  /** Lowest first, for merging. */
  layers: Layer[];
  /** Highest first, every env entry (the env resolver reports refusals and pending values itself). */
  envLayers: EnvLayer[];
  pendingHelpers: PendingTrustValue[];
}

/**
 * `files` highest first. In an interactive session of an untrusted workspace, project and local
 * `apiKeyHelper` and every variable not classed safe wait for trust; the file is then reported
 * `pending-trust` (only when something actually waits).
 */
export function fileLayers(
  files: readonly LoadedFile[],
  o: { waitsForTrust: boolean; hostManaged: boolean; version: string; diagnostics: Diagnostic[] },
): FileLayers {
  const layers: Layer[] = [];
  const envLayers: EnvLayer[] = [];
  const pendingHelpers: PendingTrustValue[] = [];
  for (const f of files) {
    if (!f.settings) continue;
    const gated = o.waitsForTrust && (f.scope === 'project' || f.scope === 'local');
    // Keys this scope may not set (docs/behavior.md#key-scopes) are left out (the file's own view in `sources` keeps them).
    const scoped = withoutOutOfScopeKeys(f.settings, f.scope);
    for (const r of scoped.removed) {
      const d = diagnostic('settings-key-out-of-scope', r.args, f.info.path === undefined ? { scope: f.scope } : { scope: f.scope, path: f.info.path });
      if (f.text !== undefined) Object.assign(d, locateJsonPath(f.text, r.path));
      o.diagnostics.push(d);
    }
    const settings = Object.assign({}, scoped.settings);
    const source: SourceRef = f.info.path === undefined ? { scope: f.scope } : { scope: f.scope, path: f.info.path };
    const helper = settings['apiKeyHelper'];
    if (gated && typeof helper === 'string') {
      pendingHelpers.push({ kind: 'apiKeyHelper', name: 'apiKeyHelper', value: helper, source });
      delete settings['apiKeyHelper'];
    }
    const env = envOf(f.settings);
    const envLayer: EnvLayer = { scope: f.scope, env, pendingTrust: gated };
    if (f.info.path) envLayer.path = f.info.path;
    envLayers.push(envLayer);
    // One pass: what applies now, and whether anything waits (refused variables never wait).
    const applied: Record<string, string> = {};
    let withheld = false;
    for (const name of Object.keys(env)) {
      if (fileRefusal(name, f.scope, o.version, o.hostManaged)) continue;
      if (gated && !isSafeBeforeTrust(name)) withheld = true;
      else applied[name] = env[name] as string;
    }
    if (Object.keys(applied).length > 0) settings['env'] = applied;
    else delete settings['env'];
    if (gated && (withheld || typeof helper === 'string')) {
      f.info.status = 'pending-trust';
      f.info.reason = 'env and apiKeyHelper wait for the workspace-trust dialog in interactive sessions';
    }
    layers.unshift({ source, settings });
  }
  return { layers, envLayers, pendingHelpers };
}
