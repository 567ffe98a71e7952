/**
 * What the library predicts for a vector: the same layout in memory (the testing kit), resolved
 * with `resolveEffectiveConfig` for the version asked, turned into the request Claude Code would
 * send. Read-only: it calls the library and changes nothing.
 */
import { resolveEffectiveConfig } from '../src/resolve-entry';
import { runApiKeyHelper } from '../src/node/helper';
import { layout, type LayoutSpec } from '../src/testing';
import type { EffectiveConfig, SelectableScope } from '../src/core/types';
import { shellEnv, substitute, type Vector } from './vector';

/** The gateway URL used for predictions (any loopback URL would do: only paths are compared). */
export const PREDICTION_GATEWAY = 'http://127.0.0.1:47800';
const HOME = '/home/user';
const PROJECT = `${HOME}/project`;

export interface Prediction {
  /** Whether Claude Code starts (sends a request) at all. */
  started: boolean;
  /** The path of the base URL that wins (`/user`, `/shell`, ...), if one is set. */
  basePath?: string;
  provider: string;
  /** The credential headers (`authorization`, `x-api-key`) with their values; absent = not sent. */
  credentialHeaders: Record<string, string>;
  /** `ANTHROPIC_CUSTOM_HEADERS` as the library parsed them (names lowercased). */
  customHeaders: Record<string, string>;
  /** The model, when the layout names one. */
  model?: string;
  /** What the prediction could not take into account (flags the library has no input for, ...). */
  notes: string[];
  /** The library's own word for the credential it picked, for the report. */
  credentialKind: string;
}

/** Diagnostic codes that mean "Claude Code refuses to start" (none modelled yet). */
export const REFUSAL_DIAGNOSTICS: ReadonlySet<string> = new Set<string>([]);

/** The memory layout for a vector, the same shape the sandbox lays out on disk. */
export function layoutSpecFor(vector: Vector, version: string): { spec: LayoutSpec; notes: string[]; flags: { bare: boolean } } {
  const L = substitute(vector.layout, PREDICTION_GATEWAY);
  const notes: string[] = [];
  const cwd = L.cwd === undefined || L.cwd === '.' ? PROJECT : `${PROJECT}/${L.cwd}`;
  const files: Record<string, string> = {};
  for (const [rel, text] of Object.entries(L.files ?? {})) files[rel.startsWith('./') ? `${PROJECT}/${rel.slice(2)}` : rel] = text;
  const spec: LayoutSpec = {
    platform: 'linux',
    homeDir: HOME,
    cwd,
    env: substitute(shellEnv(vector), PREDICTION_GATEWAY),
    interactive: false,
    wsl: false,
    claudeCodeVersion: version,
    files,
  };
  if (L.user !== undefined) spec.user = L.user;
  if (L.project !== undefined) spec.project = L.project;
  if (L.local !== undefined) spec.local = L.local;
  if (L.managedFile !== undefined) spec.managedFile = L.managedFile;
  if (L.dropIns !== undefined) spec.dropIns = L.dropIns;
  if (L.globalConfig !== undefined) spec.globalConfig = L.globalConfig;
  if (L.git === true) spec.git = PROJECT;
  if (L.settingsFlag !== undefined) {
    if ('inline' in L.settingsFlag) spec.settingsFlag = typeof L.settingsFlag.inline === 'string' ? L.settingsFlag.inline : JSON.stringify(L.settingsFlag.inline);
    else {
      files[`${HOME}/flag-settings.json`] = typeof L.settingsFlag.file === 'string' ? L.settingsFlag.file : JSON.stringify(L.settingsFlag.file, null, 2);
      spec.settingsFlag = `${HOME}/flag-settings.json`;
    }
  }
  let bare = false;
  const flags = L.flags ?? [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i] as string;
    if (f === '--bare') bare = true;
    else if (f === '--setting-sources') spec.settingSources = (flags[++i] ?? '').split(',').filter((s) => s !== '') as SelectableScope[];
    else if (f.startsWith('--setting-sources=')) spec.settingSources = f.slice('--setting-sources='.length).split(',').filter((s) => s !== '') as SelectableScope[];
    else notes.push(`flag ${f} is not an input of resolveEffectiveConfig`);
  }
  return { spec, notes, flags: { bare } };
}

function basePathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** Resolves the vector with the library and says what request that means. */
export async function predict(vector: Vector, version: string): Promise<{ prediction: Prediction; config: EffectiveConfig }> {
  const { spec, notes, flags } = layoutSpecFor(vector, version);
  const options = layout(spec);
  const config = await resolveEffectiveConfig(flags.bare ? { ...options, bare: true } : options);
  const credentialHeaders: Record<string, string> = {};
  const cred = config.credential;
  let value: string | undefined;
  if (cred.kind === 'auth-token' || cred.kind === 'api-key') value = cred.variable !== undefined ? config.env[cred.variable]?.value : undefined;
  else if (cred.kind === 'api-key-helper') {
    const r = await runApiKeyHelper(config, { trusted: true, useCache: false, timeoutMs: 10_000 });
    if (r.ok) value = r.value;
    else notes.push(`apiKeyHelper: ${r.message}`);
  } else if (cred.kind !== 'none') notes.push(`credential kind ${cred.kind}: header values not predicted`);
  if (value !== undefined) {
    for (const h of cred.headers) credentialHeaders[h] = h === 'authorization' ? `Bearer ${value}` : value;
  }
  const customHeaders: Record<string, string> = {};
  for (const h of config.customHeaders) customHeaders[h.name.toLowerCase()] = h.value;
  const model = config.env['ANTHROPIC_MODEL']?.value ?? (typeof config.settings['model'] === 'string' ? config.settings['model'] : undefined);
  const basePath = basePathOf(config.baseUrl?.value);
  const prediction: Prediction = {
    started: !config.diagnostics.some((d) => REFUSAL_DIAGNOSTICS.has(d.code)),
    provider: config.provider,
    credentialHeaders,
    customHeaders,
    notes,
    credentialKind: cred.kind,
    ...(basePath !== undefined ? { basePath } : {}),
    ...(model !== undefined ? { model } : {}),
  };
  return { prediction, config };
}
