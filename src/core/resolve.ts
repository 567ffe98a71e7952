/**
 * The pure heart: from what was read (strings) and the session's facts to the {@link EffectiveConfig}.
 */
import { invalidBaseUrl, notLoggedIn, printedRefusal, startupRefusal } from './startup';
import type { ApiKeyHelperInfo, Diagnostic, EffectiveConfig, ManagedInput, Platform, SelectableScope, SourceInfo, SourceRef } from './types';
import type { Gathered, RawFile } from './gather';
import { SETTINGS_FLAG_MAX_BYTES } from './gather';
import { strictJsonError } from './parse';
import { managedLayer, remoteSkipReason, resolveManaged } from './managed';
import { loadText, unreadable } from './load';
import { mergeLayers, type MergedLayers } from './merge';
import { resolveEnv } from './env';
import { fileLayers, type LoadedFile } from './layers';
import { applyStricterValues } from './stricter';
import { resolveProvider } from './provider';
import { resolveCredentials } from './credential';
import { parseCustomHeaders } from './headers';
import { resolveModelDiscovery } from './discovery';
import { modelDiagnostics, resolveSessionModel } from './model';
import { sentModelDiagnostics } from './provider-model';
import { nonEmptyVar } from './env';
import { decideTrust, parseGlobalConfig } from './global-config';
import { pathApi } from './locations';
import { hasFeature, versionDiagnostics } from './versions';
import { parseNumber } from './numbers';
import { sortDiagnostics } from './diagnostics';
import { diagnostic, sourcePlace } from './catalogue';
import { booleanDiagnostics } from './booleans';

/** The facts of one session, defaults already filled in. */
export interface ResolveContext {
  cwd: string;
  homeDir: string;
  platform: Platform;
  wsl: boolean;
  env: Record<string, string | undefined>;
  settingSources: readonly SelectableScope[];
  managed: ManagedInput;
  interactive: boolean;
  /** `claude --bare` (docs/behavior.md#command-line). */
  bare: boolean;
  trusted: boolean | undefined;
  version: string;
  /** The `--model` flag (`ResolveOptions.model`). */
  model?: string | undefined;
}

const DEFAULT_HELPER_TTL_MS = 300_000;

function loadFile(scope: LoadedFile['scope'], raw: RawFile, excluded: boolean, diagnostics: Diagnostic[]): LoadedFile {
  const info: SourceInfo = { scope, path: raw.path, status: 'missing' };
  if (excluded) {
    info.status = 'excluded';
    info.reason = 'left out by --setting-sources';
    return { scope, info };
  }
  if (raw.status === 'missing') return { scope, info };
  if (unreadable(raw, scope, info, diagnostics) || raw.text === undefined) return { scope, info };
  return fromText(scope, raw.text, raw.path, info, diagnostics);
}

function fromText(scope: LoadedFile['scope'], text: string, path: string | undefined, info: SourceInfo, diagnostics: Diagnostic[]): LoadedFile {
  const { settings, error } = loadText(scope, text, path, diagnostics);
  if (settings === undefined) {
    info.status = 'invalid';
    info.reason = error?.message ?? 'not valid JSON';
    return { scope, info };
  }
  info.status = 'loaded';
  info.settings = settings;
  return { scope, info, settings, text };
}

function loadCli(g: Gathered, version: string, diagnostics: Diagnostic[]): LoadedFile | undefined {
  if (!g.cli) return undefined;
  if (g.cli.kind === 'inline') {
    // Inline text must be strict JSON: a comment or a trailing comma stops Claude Code (vector
    // settings-flag-inline-jsonc), unlike a settings file, which is only left out.
    try {
      JSON.parse(g.cli.text);
    } catch {
      // Claude Code says only "Invalid JSON"; where and why come from a strict parse of the same text.
      const at = strictJsonError(g.cli.text);
      const where = at ? ` (line ${at.line}, column ${at.column}: ${at.reason})` : '';
      const info: SourceInfo = { scope: 'cli', status: 'invalid', reason: `Invalid JSON provided to --settings${where}` };
      diagnostics.push(
        diagnostic(
          'settings-flag-invalid-json',
          at ? { line: at.line, column: at.column, reason: at.reason } : {},
          at ? { scope: 'cli', line: at.line, column: at.column } : { scope: 'cli' },
        ),
      );
      return { scope: 'cli', info };
    }
    return fromText('cli', g.cli.text, undefined, { scope: 'cli', status: 'missing', reason: 'inline JSON' }, diagnostics);
  }
  // The name as typed until 2.1.283, resolved against the start directory from 2.1.284 (vector settings-flag-inline-unparseable).
  const shown = hasFeature(version, 'settingsFlagPathShownResolved') ? g.cli.file.path : g.cli.given;
  const raw = g.cli.file;
  const info: SourceInfo = { scope: 'cli', path: raw.path, status: 'invalid' };
  const fail = (d: Diagnostic): LoadedFile => {
    info.reason = d.message.replace(/ \(claude exits with code 1\)$/, '');
    diagnostics.push(d);
    return { scope: 'cli', info };
  };
  const place = { scope: 'cli', path: raw.path } as const;
  switch (raw.status) {
    case 'missing':
      // Text that opens with a brace but does not close with one is taken as a file name (docs/behavior.md).
      return fail(diagnostic('settings-flag-not-found', { file: shown, opensBrace: g.cli.given.trimStart().startsWith('{') }, place));
    case 'directory':
      return fail(diagnostic('settings-flag-directory', { file: raw.path }, place));
    case 'not-regular':
      return fail(diagnostic('settings-flag-not-regular', { file: raw.path }, place));
    case 'too-large':
      return fail(diagnostic('settings-flag-too-large', { file: raw.path, size: raw.size, limit: SETTINGS_FLAG_MAX_BYTES }, place));
    default:
      return loadFile('cli', raw, false, diagnostics);
  }
}

export function resolveGathered(g: Gathered, ctx: ResolveContext): EffectiveConfig {
  const diagnostics: Diagnostic[] = versionDiagnostics(ctx.version);
  const { version, platform } = ctx;
  const p = pathApi(platform);
  const selected = new Set(ctx.settingSources);

  const cli = loadCli(g, version, diagnostics);
  const local = loadFile('local', g.local, !selected.has('local'), diagnostics);
  const leftover = g.localLeftover ? loadFile('local', g.localLeftover, !selected.has('local'), diagnostics) : undefined;
  const project = g.projectIsUser
    ? {
        scope: 'project' as const,
        info: {
          scope: 'project' as const,
          path: g.project.path,
          status: 'ignored' as const,
          reason: 'started in the home directory: this file is the user settings file',
        },
      }
    : loadFile('project', g.project, !selected.has('project'), diagnostics);
  const user = loadFile('user', g.user, !selected.has('user'), diagnostics);
  if (local.info.status !== 'missing') local.info.reason ??= g.localReason;
  if (leftover && leftover.info.status === 'loaded')
    leftover.info.reason = 'leftover local file in the start directory; the repository-root file wins on conflicts';
  // Highest first.
  const files = [cli, local, leftover, project, user].filter((f): f is LoadedFile => f !== undefined);

  const globalConfig = parseGlobalConfig(g.globalConfig.text, g.globalConfig.path, diagnostics);
  const trustKey = g.git?.mainRoot ?? ctx.cwd;
  const trust =
    ctx.trusted === undefined
      ? decideTrust(globalConfig, { key: trustKey, startDir: ctx.cwd }, platform, p)
      : { trusted: ctx.trusted, key: trustKey, reason: ctx.trusted ? 'trusted by the caller' : 'untrusted by the caller' };
  const waitsForTrust = ctx.interactive && !trust.trusted;

  const hostManaged = (ctx.env['CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST'] ?? '') !== '';
  const { layers, envLayers, pendingHelpers } = fileLayers(files, { waitsForTrust, hostManaged, version, diagnostics });
  const skip = remoteSkipReason(layers, ctx.env);
  const managed = resolveManaged({
    platform,
    wsl: ctx.wsl,
    version,
    files: g.managed,
    wslWindows: g.wslWindows,
    input: ctx.managed,
    remoteSkipReason: skip,
    diagnostics,
  });

  const managedSettings = managedLayer(managed, { version, hostManaged, diagnostics });
  if (managedSettings) layers.push(managedSettings);

  const { env, pending } = resolveEnv({ shell: ctx.env, layers: envLayers, managed: managed.env, version, diagnostics });
  const pendingTrust = [...pending, ...pendingHelpers];
  if (pendingTrust.length > 0) {
    diagnostics.push(diagnostic('trust-pending', { names: pendingTrust.map((v) => v.name) }));
  }
  const merged = mergeLayers(layers);
  // Name the managed file or drop-in that set each managed key, not just the channel.
  for (const key of Object.keys(managed.keySources)) {
    const part = managed.keySources[key] as SourceRef;
    const info = merged.keys[key];
    if (!info) continue;
    if (info.source.scope === 'managed') info.source = part;
    for (const c of info.contributors) if (c.source.scope === 'managed') c.source = part;
  }

  applyStricterValues(merged);
  if (ctx.bare) bareHelper(merged, diagnostics);
  let apiKeyHelper: ApiKeyHelperInfo | undefined;
  const helperKey = merged.keys['apiKeyHelper'];
  if (helperKey && typeof helperKey.value === 'string') {
    apiKeyHelper = { command: helperKey.value, source: helperKey.source, ttlMs: helperTtl(env['CLAUDE_CODE_API_KEY_HELPER_TTL_MS'], version, diagnostics) };
  }

  diagnostics.push(...booleanDiagnostics(env));
  const provider = resolveProvider(env, version, diagnostics);
  const { credential, headers: credentialHeaders } = resolveCredentials({
    env,
    provider: provider.provider,
    helper: apiKeyHelper,
    managedSettings: managed.settings,
    managedOrigin: managed.origin,
    version,
    interactive: ctx.interactive,
    bare: ctx.bare,
    apiKeyResponses: globalConfig.apiKeyResponses,
    login: g.loginCredentialsFile || globalConfig.oauthAccount,
    diagnostics,
  });
  if (provider.provider === 'anthropic' && credentialHeaders.length === 0 && !ctx.interactive) diagnostics.push(notLoggedIn(ctx.bare === true));
  if (provider.baseUrl && !URL.canParse(provider.baseUrl.value.trim())) diagnostics.push(invalidBaseUrl(provider.baseUrl.name, ctx.interactive));
  const headersVar = env['ANTHROPIC_CUSTOM_HEADERS'];
  const headers = headersVar
    ? parseCustomHeaders(headersVar.value, { checkValues: hasFeature(version, 'headerSafety') && provider.provider === 'anthropic', source: headersVar.source })
    : { headers: [], diagnostics: [] };
  for (const d of headers.diagnostics) diagnostics.push(d);

  const model = resolveSessionModel({
    env,
    setting: merged.keys['model'],
    overrides: merged.keys['modelOverrides'],
    flag: ctx.model,
    version,
    provider: provider.provider,
    providerLabel: provider.label,
    credentialKind: credential.kind,
  });
  diagnostics.push(...modelDiagnostics(model));
  diagnostics.push(...sentModelDiagnostics(model, provider.provider, provider.label, version, (name) => nonEmptyVar(env, name)?.value));
  const globalInfo: SourceInfo = {
    scope: 'global-config',
    path: g.globalConfig.path,
    status: g.globalConfig.status === 'ok' ? 'loaded' : g.globalConfig.status === 'missing' ? 'missing' : 'invalid',
  };
  const config: EffectiveConfig = {
    env,
    settings: merged.settings,
    keys: merged.keys,
    sources: [...managed.sources, ...files.map((f) => f.info), globalInfo],
    provider: provider.provider,
    providers: provider.providers,
    providerLabel: provider.label,
    credential,
    credentialHeaders,
    customHeaders: headers.headers,
    modelDiscovery: resolveModelDiscovery(env, provider.provider, apiKeyHelper, version),
    model,
    pendingTrust,
    trust: { trusted: trust.trusted, interactive: ctx.interactive, ...(trust.key ? { key: trust.key } : {}), reason: trust.reason },
    claudeCodeVersion: version,
    diagnostics: sortDiagnostics(diagnostics),
  };
  if (managed.origin) config.managedOrigin = managed.origin;
  const refusal = startupRefusal(config.diagnostics);
  if (refusal)
    config.startup = {
      refused: true,
      reason: refusal.message,
      ...(refusal.path !== undefined ? { path: refusal.path } : {}),
      printed: printedRefusal(refusal),
    };
  if (provider.baseUrl) config.baseUrl = provider.baseUrl;
  if (apiKeyHelper) config.apiKeyHelper = apiKeyHelper;
  if (g.git) config.gitRoot = g.git.mainRoot;
  if (ctx.bare) config.bare = true;
  return config;
}

/**
 * `--bare` (docs/behavior.md#command-line): `apiKeyHelper` is read only from `--settings`. The merged view keeps the `--settings`
 * value when there is one (even under a managed helper) and drops the key otherwise.
 */
function bareHelper(merged: MergedLayers, diagnostics: Diagnostic[]): void {
  const info = merged.keys['apiKeyHelper'];
  if (!info) return;
  const fromFlag = info.contributors.find((c) => c.source.scope === 'cli');
  for (const c of info.contributors) {
    if (c.source.scope === 'cli') continue;
    const place = c.source.path !== undefined ? { scope: c.source.scope, path: c.source.path } : { scope: c.source.scope };
    diagnostics.push(diagnostic('bare-mode-ignored', { ignored: 'apiKeyHelper', scope: c.source.scope }, place));
  }
  if (fromFlag) {
    info.value = fromFlag.value;
    info.source = fromFlag.source;
    info.contributors = [fromFlag];
    merged.settings['apiKeyHelper'] = fromFlag.value;
  } else {
    delete merged.keys['apiKeyHelper'];
    delete merged.settings['apiKeyHelper'];
  }
}

function helperTtl(v: EffectiveConfig['env'][string] | undefined, version: string, diagnostics: Diagnostic[]): number {
  if (!v || v.value === '') return DEFAULT_HELPER_TTL_MS;
  const n = parseNumber(v.value, version);
  if (n !== undefined && n >= 0) return n;
  diagnostics.push(diagnostic('helper-ttl-invalid', { value: v.value }, sourcePlace(v.source)));
  return DEFAULT_HELPER_TTL_MS;
}
