/**
 * What the library predicts for a vector: the same layout in memory (the testing kit), resolved
 * with `resolveEffectiveConfig` for the version asked, turned into the request Claude Code would
 * send. Read-only: it calls the library and changes nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveEffectiveConfig } from '../src/resolve-entry';
import { HELPER_PLACEHOLDER, runApiKeyHelper } from '../src/node/helper';
import { credentialHeaders } from '../src/core/credential-headers';
import { requestUrl } from '../src/core/request-url';
import { layout, type LayoutSpec } from '../src/testing';
import type { EffectiveConfig, SelectableScope } from '../src/core/types';
import { HOME_PLACEHOLDER, shellEnv, substitute, type Vector } from './vector';
import { answerDialogs, type InteractivePrediction } from './interactive-predict';

/** The gateway URL used for predictions (any loopback URL would do: only paths are compared). */
export const PREDICTION_GATEWAY = 'http://127.0.0.1:47800';
const HOME = '/home/user';
const PROJECT = `${HOME}/project`;

export interface Prediction {
  /** Whether Claude Code starts (sends a request) at all. */
  started: boolean;
  /** When it does not: what the library says Claude Code prints (`EffectiveConfig.startup.printed`), scratch paths written `<home>`, `<project>`. */
  refusal?: string;
  /** The path of the base URL that wins (`/user`, `/shell`, ...), if one is set. */
  basePath?: string;
  /** The path and query of the first inference request on the Anthropic API or a gateway, as Claude Code joins them. */
  inferencePath?: string;
  /** No base URL wins: the request goes to the default API host (unreachable from the sandbox). */
  defaultHost?: boolean;
  provider: string;
  /** The credential headers (`authorization`, `x-api-key`) with their values; absent = not sent. */
  credentialHeaders: Record<string, string>;
  /** The other headers the library says the request carries: `ANTHROPIC_CUSTOM_HEADERS` (names lowercased), `anthropic-workspace-id`. */
  customHeaders: Record<string, string>;
  /** The model the session's request asks for (`EffectiveConfig.model.sent.id`): the body's `model`, or the id in Bedrock's and Vertex's path. */
  model?: string;
  /** Vertex: the location in the request path (`EffectiveConfig.model.sent.vertexLocation`). */
  vertexLocation?: string;
  /** Whether `GET …/v1/models` is sent at startup, and the credential header names it carries. */
  discovery: { enabled: boolean; reason: string; headers: string[] };
  /** What the prediction could not take into account (flags the library has no input for, ...). */
  notes: string[];
  /** An interactive vector: the dialogs shown and where the run ends. */
  interactive?: InteractivePrediction;
  /** The library's own word for the credential it picked, for the report. */
  credentialKind: string;
}

const CREDENTIAL_HEADER_NAMES: readonly string[] = ['authorization', 'x-api-key'];

/** The memory layout for a vector, the same shape the sandbox lays out on disk. */
export function layoutSpecFor(vector: Vector, version: string): { spec: LayoutSpec; notes: string[]; flags: { bare: boolean } } {
  const L = substitute(vector.layout, PREDICTION_GATEWAY);
  const notes: string[] = [];
  const cwd =
    L.cwd === undefined || L.cwd === '.' ? PROJECT : L.cwd === '~' ? HOME : L.cwd.startsWith('~/') ? `${HOME}/${L.cwd.slice(2)}` : `${PROJECT}/${L.cwd}`;
  const files: Record<string, string> = {};
  for (const [rel, text] of Object.entries(L.files ?? {})) files[rel.startsWith('./') ? `${PROJECT}/${rel.slice(2)}` : rel] = text;
  const spec: LayoutSpec = {
    platform: 'linux',
    homeDir: HOME,
    cwd,
    env: substitute(shellEnv(vector), PREDICTION_GATEWAY),
    interactive: L.interactive !== undefined,
    wsl: false,
    claudeCodeVersion: version,
    files,
  };
  if (L.user !== undefined) spec.user = L.user;
  if (L.project !== undefined) spec.project = L.project;
  if (L.local !== undefined) spec.local = L.local;
  if (L.managedFile !== undefined) spec.managedFile = L.managedFile;
  if (L.dropIns !== undefined) spec.dropIns = L.dropIns;
  if (L.globalConfig !== undefined)
    spec.globalConfig = JSON.parse(JSON.stringify(L.globalConfig).split(HOME_PLACEHOLDER).join(HOME)) as Record<string, unknown> | string;
  if (L.git === true) spec.git = PROJECT;
  if (L.git === true && L.worktree !== undefined) {
    // The linked worktree as git lays it out: a .git file pointing into the main repository.
    files[`${HOME}/${L.worktree}/.git`] = `gitdir: ${PROJECT}/.git/worktrees/${L.worktree}\n`;
    files[`${PROJECT}/.git/worktrees/${L.worktree}/commondir`] = '../..\n';
  }
  if (L.settingsFlag !== undefined) {
    if ('inline' in L.settingsFlag)
      spec.settingsFlag = typeof L.settingsFlag.inline === 'string' ? L.settingsFlag.inline : JSON.stringify(L.settingsFlag.inline);
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
    else if (f.startsWith('--setting-sources='))
      spec.settingSources = f
        .slice('--setting-sources='.length)
        .split(',')
        .filter((s) => s !== '') as SelectableScope[];
    else if (f === '--model') spec.model = flags[++i] ?? '';
    else if (f.startsWith('--model=')) spec.model = f.slice('--model='.length);
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

/**
 * Runs the configuration's apiKeyHelper as the library does, in a scratch home holding the
 * vector's files (so `~/bin/key.sh` is the vector's script, never one in the real home).
 */
async function helperValue(vector: Vector, spec: LayoutSpec, bare: boolean, notes: string[]): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'cgc-conf-predict-'));
  try {
    const home = join(scratch, 'home');
    const project = join(home, 'project');
    mkdirSync(project, { recursive: true });
    for (const [rel, text] of Object.entries(vector.layout.files ?? {})) {
      const abs = rel.startsWith('~/') ? join(home, rel.slice(2)) : join(project, rel.slice(2));
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text, { mode: rel.endsWith('.sh') ? 0o755 : 0o644 });
    }
    const options = layout({ ...spec, env: { ...spec.env, HOME: home } });
    const config = await resolveEffectiveConfig(bare ? { ...options, bare: true } : options);
    const r = await runApiKeyHelper(config, { trusted: true, useCache: false, timeoutMs: 10_000, cwd: project });
    if (r.ok && r.value !== undefined) return r.value;
    notes.push(`apiKeyHelper (run by the library): ${r.outcome}: ${r.message}`);
    return HELPER_PLACEHOLDER;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Resolves the vector with the library and says what request that means. */
export async function predict(vector: Vector, version: string): Promise<{ prediction: Prediction; config: EffectiveConfig }> {
  const { spec, notes, flags } = layoutSpecFor(vector, version);
  // An interactive vector: the configuration after the dialogs' answers (conformance/interactive-predict.ts).
  const answered = vector.layout.interactive !== undefined ? await answerDialogs(vector.layout.interactive.steps ?? [], spec, flags.bare) : undefined;
  const options = layout(answered?.spec ?? spec);
  const config = answered?.config ?? (await resolveEffectiveConfig(flags.bare ? { ...options, bare: true } : options));
  const cred = config.credential;
  // The headers as the library builds them for the verification request: custom headers, the
  // Claude Platform on AWS workspace, then the credential headers over them.
  const requestHeaders: Record<string, string> = {};
  for (const h of config.customHeaders) requestHeaders[h.name.toLowerCase()] = h.value;
  const workspace = config.env['ANTHROPIC_AWS_WORKSPACE_ID']?.value;
  if (config.provider === 'anthropic-aws' && workspace !== undefined && workspace !== '') requestHeaders['anthropic-workspace-id'] = workspace;
  // Each header from config.credentialHeaders; the helper is run when it fills one (a failing helper
  // fills them with an empty value, as Claude Code does).
  let helper: string | undefined;
  if (config.credentialHeaders.some((h) => h.kind === 'api-key-helper')) helper = await helperValue(vector, answered?.spec ?? spec, flags.bare, notes);
  // Surrounding whitespace is not part of a header value on the wire (`Bearer ` arrives as `Bearer`).
  for (const [k, v] of Object.entries(credentialHeaders(config, helper))) requestHeaders[k] = v.trim();
  const credentialHeadersOut: Record<string, string> = {};
  const customHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(requestHeaders)) {
    if (CREDENTIAL_HEADER_NAMES.includes(k)) credentialHeadersOut[k] = v;
    else customHeaders[k] = v;
  }
  // The model as the provider's request names it (flag, variables, settings, aliases, the catalog).
  const model = config.model.sent.id;
  const vertexLocation = config.model.sent.vertexLocation?.region;
  const basePath = basePathOf(config.baseUrl?.value);
  const url = config.provider === 'anthropic' && config.baseUrl !== undefined ? requestUrl(config.baseUrl.value) : undefined;
  const prediction: Prediction = {
    started: config.startup === undefined && answered?.prediction.stopsAt === undefined,
    ...(answered !== undefined ? { interactive: answered.prediction } : {}),
    ...(config.startup !== undefined ? { refusal: config.startup.printed.split(PROJECT).join('<project>').split(HOME).join('<home>') } : {}),
    provider: config.provider,
    credentialHeaders: credentialHeadersOut,
    customHeaders,
    notes,
    credentialKind: cred.kind,
    discovery: { enabled: config.modelDiscovery.enabled, reason: config.modelDiscovery.reason, headers: [...config.modelDiscovery.headers].sort() },
    ...(basePath !== undefined ? { basePath } : {}),
    ...(url !== undefined ? { inferencePath: url.pathname + url.search } : {}),
    ...(config.provider === 'anthropic' && config.baseUrl === undefined ? { defaultHost: true } : {}),
    model,
    ...(vertexLocation !== undefined ? { vertexLocation } : {}),
  };
  return { prediction, config };
}
