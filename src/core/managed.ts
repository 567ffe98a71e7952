/**
 * The managed tier (docs/behavior.md#managed-sources): which managed source applies, its `/status` label, and the managed
 * `env`, merged per variable across admin sources from 2.1.223 on.
 */
import type { Diagnostic, ManagedChannel, ManagedInput, ManagedOrigin, Platform, SourceInfo, SourceRef } from './types';
import type { RawFile, RawManagedLocation } from './gather';
import { loadObject, loadText, unreadable } from './load';
import { envOf } from './schema';
import { mergeAll } from './merge';
import { hasFeature } from './versions';
import { MANAGED_DIRS } from './locations';
import { diagnostic } from './catalogue';
import { isTelemetryUnitVariable, ROUTING_VARIABLES } from './variables';

/** One part of a managed source: the file, a drop-in, or a whole non-file source. */
interface Part {
  source: SourceRef;
  settings: Record<string, unknown>;
}

type CandidateChannel = 'remote' | 'plist' | 'HKLM' | 'file' | 'HKCU' | 'helper';

interface Candidate {
  channel: CandidateChannel;
  /** Admin sources are remote, plist/HKLM and files; HKCU is not (docs/behavior.md#managed-precedence). */
  admin: boolean;
  /** Lowest first: the managed file, then drop-ins alphabetically. */
  parts: Part[];
  /** The parts merged; for files, `env` is only a marker (`{}`): the env is merged per variable from the parts. */
  settings: Record<string, unknown>;
  infos: SourceInfo[];
  /** Set when the source may not be used at all (remote not fetched, version too old). */
  skip?: string;
}

/** A managed value of one variable and whether it is the one managed settings deliver. */
export interface ManagedEnvEntry {
  value: string;
  source: SourceRef;
  applied: boolean;
  reason?: string;
}

export interface ManagedResult {
  origin?: ManagedOrigin;
  winnerChannel?: CandidateChannel;
  /** The winning source's settings, with `env` replaced by the merged managed env. */
  settings?: Record<string, unknown>;
  /** Per variable, every managed value, highest first; at most one is applied. */
  env: Map<string, ManagedEnvEntry[]>;
  /** Per top-level key of the winner: the part (file, drop-in, ...) that set it last. */
  keySources: Record<string, SourceRef>;
  sources: SourceInfo[];
}

export interface ManagedInputs {
  platform: Platform;
  wsl: boolean;
  version: string;
  files: RawManagedLocation[];
  wslWindows?: RawManagedLocation | undefined;
  input: ManagedInput;
  /** Why the server-managed fetch is skipped for this session, if it is (docs/behavior.md#managed-precedence, #managed-gateway-keys). */
  remoteSkipReason?: string | undefined;
  diagnostics: Diagnostic[];
}

const POLICY_EXEMPT = 'wslInheritsWindowsSettings';

function hasPolicyKey(settings: Record<string, unknown>): boolean {
  return Object.keys(settings).some((k) => k !== POLICY_EXEMPT);
}

function parseObjectInput(
  value: Record<string, unknown> | string,
  label: string,
  diagnostics: Diagnostic[],
): { settings?: Record<string, unknown>; error?: string } {
  const loaded = typeof value === 'string' ? loadText('managed', value, label, diagnostics) : loadObject('managed', value, label, diagnostics);
  return loaded.settings !== undefined ? { settings: loaded.settings } : { error: loaded.error?.message ?? 'not valid JSON' };
}

function objectCandidate(
  channel: 'remote' | 'plist' | 'HKLM' | 'HKCU' | 'helper',
  value: Record<string, unknown> | string | undefined,
  label: string,
  diagnostics: Diagnostic[],
): Candidate {
  const info: SourceInfo = { scope: 'managed', origin: channel, path: label, status: 'missing' };
  const c: Candidate = { channel, admin: channel !== 'HKCU', parts: [], settings: {}, infos: [info] };
  if (value === undefined) return c;
  const parsed = parseObjectInput(value, label, diagnostics);
  if (!parsed.settings) {
    info.status = 'invalid';
    info.reason = parsed.error ?? 'not valid JSON';
    return c;
  }
  info.status = 'loaded';
  info.settings = parsed.settings;
  c.parts.push({ source: { scope: 'managed', origin: channel, path: label }, settings: parsed.settings });
  c.settings = parsed.settings;
  return c;
}

function fileInfo(raw: RawFile, origin: ManagedChannel, version: string, diagnostics: Diagnostic[]): { info: SourceInfo; settings?: Record<string, unknown> } {
  const info: SourceInfo = { scope: 'managed', origin, path: raw.path, status: 'missing' };
  if (raw.status === 'missing') return { info };
  if (unreadable(raw, 'managed', info, diagnostics) || raw.text === undefined) return { info };
  const loaded = loadText('managed', raw.text, raw.path, diagnostics);
  const parsedError = loaded.error;
  if (loaded.settings === undefined) {
    info.status = 'invalid';
    info.reason = 'not valid JSON: contributes nothing, the other managed files still apply';
    // An empty file does not stop it (vector managed-empty-file).
    if (parsedError !== undefined && parsedError.code !== 'settings-empty' && hasFeature(version, 'managedUnparseableRefuses')) {
      info.reason = 'not a JSON object: Claude Code refuses to start';
      diagnostics.push(
        diagnostic(
          'managed-refuses-start',
          { file: raw.path, version },
          {
            scope: 'managed',
            path: raw.path,
            ...(parsedError.line !== undefined ? { line: parsedError.line } : {}),
            ...(parsedError.column !== undefined ? { column: parsedError.column } : {}),
          },
        ),
      );
    }
    return { info };
  }
  const settings = loaded.settings;
  info.status = 'loaded';
  info.settings = settings;
  return { info, settings };
}

function fileCandidate(loc: RawManagedLocation, version: string, diagnostics: Diagnostic[]): Candidate {
  const c: Candidate = { channel: 'file', admin: true, parts: [], settings: {}, infos: [] };
  const base = fileInfo(loc.file, 'file', version, diagnostics);
  c.infos.push(base.info);
  if (base.settings) c.parts.push({ source: { scope: 'managed', origin: 'file', path: loc.file.path }, settings: base.settings });
  if (hasFeature(version, 'dropIns')) {
    for (const raw of loc.dropIns) {
      const d = fileInfo(raw, 'drop-in', version, diagnostics);
      c.infos.push(d.info);
      if (d.settings) c.parts.push({ source: { scope: 'managed', origin: 'drop-in', path: raw.path }, settings: d.settings });
    }
  } else {
    const present = loc.dropIns.filter((raw) => raw.status !== 'missing');
    for (const raw of present) {
      c.infos.push({ scope: 'managed', origin: 'drop-in', path: raw.path, status: 'ignored', reason: 'managed-settings.d is read from 2.1.83 on' });
    }
    if (present.length > 0) {
      diagnostics.push(diagnostic('managed-dropins-unsupported-version', { folder: loc.location.dropInDir, version }, { scope: 'managed', path: loc.location.dropInDir }));
    }
  }
  // The managed env is merged per variable by resolveManaged; here only the other keys (and whether env is there).
  c.settings = mergeAll(c.parts.map((p) => p.settings), { env: false });
  if (c.parts.some((p) => 'env' in p.settings)) c.settings['env'] = {};
  return c;
}

function fileOrigin(c: Candidate): ManagedOrigin {
  const fromFile = c.parts.some((p) => p.source.origin === 'file' && hasPolicyKey(p.settings));
  const fromDropIns = c.parts.some((p) => p.source.origin === 'drop-in' && hasPolicyKey(p.settings));
  if (fromFile && fromDropIns) return 'file + drop-ins';
  return fromDropIns ? 'drop-ins' : 'file';
}

/** C:\ProgramData\ClaudeCode from 2.1.75: not read; whatever is left there is listed as ignored (docs/behavior.md#managed-sources). */
function removedLegacyCandidate(loc: RawManagedLocation, diagnostics: Diagnostic[]): Candidate {
  const reason = 'C:\\ProgramData\\ClaudeCode is no longer read (removed in 2.1.75)';
  const present = [loc.file, ...loc.dropIns].filter((raw) => raw.status !== 'missing');
  const infos: SourceInfo[] = present.map((raw) => ({
    scope: 'managed',
    origin: raw === loc.file ? 'file' : 'drop-in',
    path: raw.path,
    status: 'ignored',
    reason,
  }));
  if (present.length > 0) {
    diagnostics.push(
      diagnostic('managed-legacy-path-ignored', { folder: loc.location.dir, replacement: MANAGED_DIRS.win32 }, { scope: 'managed', path: present[0]?.path ?? loc.file.path }),
    );
  }
  return { channel: 'file', admin: true, parts: [], settings: {}, infos, skip: reason };
}

const REGISTRY = {
  HKLM: 'HKLM\\SOFTWARE\\Policies\\ClaudeCode\\Settings',
  HKCU: 'HKCU\\SOFTWARE\\Policies\\ClaudeCode\\Settings',
} as const;
const PLIST_LABEL = 'com.anthropic.claudecode (managed preferences)';
const REMOTE_LABEL = 'server-managed settings';

function inheritsFlag(c: Candidate): boolean {
  return c.parts.some((p) => p.settings[POLICY_EXEMPT] === true);
}

/** The managed sources of this platform, highest first (docs/behavior.md#managed-precedence, WSL chain of docs/behavior.md#managed-sources). */
function candidates(m: ManagedInputs): Candidate[] {
  const { platform, version, diagnostics, input } = m;
  const osPolicy = hasFeature(version, 'osPolicy');
  const remote = objectCandidate('remote', input.remote, REMOTE_LABEL, diagnostics);
  if (m.remoteSkipReason && remote.parts.length > 0) remote.skip = m.remoteSkipReason;
  const list: Candidate[] = [remote];
  const removedLegacy = hasFeature(version, 'windowsProgramDataRemoved')
    ? m.files.filter((f) => f.location.kind === 'windows-legacy')
    : [];
  const read = m.files.filter((f) => !removedLegacy.includes(f));
  const files = read.map((f) => fileCandidate(f, version, diagnostics));
  // Between 2.0.58 and 2.1.74 C:\ProgramData is a fallback used only when Program Files has nothing (docs/behavior.md#managed-sources).
  // The location not used stays listed; whatever it loaded is reported as ignored.
  if (files.length > 1) {
    const picked = files.find((f) => f.parts.length > 0) ?? files[0];
    files.forEach((f, i) => {
      const loc = read[i];
      if (f !== picked) {
        f.skip = 'C:\\Program Files\\ClaudeCode is preferred';
      } else if (loc?.location.kind === 'windows-legacy' && f.parts.length > 0 && hasFeature(version, 'windowsProgramDataDeprecated')) {
        diagnostics.push(diagnostic('managed-legacy-path-deprecated', { folder: loc.location.dir, replacement: MANAGED_DIRS.win32 }, { scope: 'managed', path: loc.file.path }));
      }
    });
  }
  const osCandidate = (channel: 'plist' | 'HKLM' | 'HKCU', value: Record<string, unknown> | string | undefined, label: string): Candidate => {
    const c = objectCandidate(channel, value, label, diagnostics);
    if (!osPolicy && c.parts.length > 0) {
      c.skip = `${channel} policy is read from 2.1.51 on`;
      diagnostics.push(diagnostic('managed-channel-unsupported-version', { channel, version }, { scope: 'managed' }));
    }
    return c;
  };
  if (platform === 'darwin') {
    list.push(osCandidate('plist', input.plist, PLIST_LABEL), ...files);
  } else if (platform === 'win32') {
    const legacy = removedLegacy.map((loc) => removedLegacyCandidate(loc, diagnostics));
    list.push(osCandidate('HKLM', input.hklm, REGISTRY.HKLM), ...files, ...legacy, osCandidate('HKCU', input.hkcu, REGISTRY.HKCU));
  } else if (m.wsl && m.wslWindows) {
    const hklm = osCandidate('HKLM', input.hklm, REGISTRY.HKLM);
    const winFile = fileCandidate(m.wslWindows, version, diagnostics);
    if (inheritsFlag(hklm) || inheritsFlag(winFile)) {
      const hkcu = osCandidate('HKCU', input.hkcu, REGISTRY.HKCU);
      const etc = files;
      // /etc/claude-code is read only when no Windows file or drop-in delivers a policy key (docs/behavior.md#managed-sources).
      if (hasPolicyKey(winFile.settings)) for (const e of etc) e.skip = 'a Windows managed file delivers policy';
      list.push(hklm, winFile, ...etc);
      if (inheritsFlag(hkcu)) list.push(hkcu);
    } else {
      list.push(...files);
    }
  } else {
    list.push(...files);
  }
  return list;
}

function originOf(c: Candidate): ManagedOrigin {
  return c.channel === 'file' ? fileOrigin(c) : c.channel;
}

/** Each variable's values in one candidate, highest first (later drop-ins first). */
function candidateEnv(c: Candidate): Map<string, { value: string; source: SourceRef }[]> {
  const out = new Map<string, { value: string; source: SourceRef }[]>();
  for (let p = c.parts.length - 1; p >= 0; p--) {
    const part = c.parts[p] as Part;
    const env = envOf(part.settings);
    for (const name in env) {
      const entry = { value: env[name] as string, source: part.source };
      const list = out.get(name);
      if (list) list.push(entry);
      else out.set(name, [entry]);
    }
  }
  return out;
}

function pairsCredential(c: Candidate): boolean {
  return c.parts.some((p) => 'apiKeyHelper' in p.settings || 'otelHeadersHelper' in p.settings);
}

/**
 * A copy of `info` with another status and reason. Object.assign rather than a spread with overrides:
 * the infos have several shapes, and V8's spread of a megamorphic source took 0.5 µs each (bench/).
 */
function withStatus(info: SourceInfo, status: SourceInfo['status'], reason: string): SourceInfo {
  const out: SourceInfo = Object.assign({}, info);
  out.status = status;
  out.reason = reason;
  return out;
}

const HELPER_LABEL = 'policyHelper output (managedSettings)';

/** The `policyHelper` path the selected source names, when it may run one (plist, HKLM or the managed file, 2.1.136+; docs/behavior.md#managed-precedence). */
function policyHelperOf(c: Candidate, version: string): string | undefined {
  if (c.channel !== 'plist' && c.channel !== 'HKLM' && c.channel !== 'file') return undefined;
  if (!hasFeature(version, 'policyHelper')) return undefined;
  const ph = c.settings['policyHelper'];
  return ph !== null && typeof ph === 'object' && typeof (ph as Record<string, unknown>)['path'] === 'string' ? ((ph as Record<string, unknown>)['path'] as string) : undefined;
}

/**
 * When the selected source names a `policyHelper` and its output is given, that output is
 * the only managed source (every other one, its own source included, is set aside). Its entries are
 * strict: an invalid one makes Claude Code refuse to start (docs/behavior.md#managed-precedence, #invalid-entries).
 */
function helperCandidate(m: ManagedInputs, selected: Candidate, list: Candidate[]): Candidate | undefined {
  const path = policyHelperOf(selected, m.version);
  if (path === undefined) return undefined;
  const output = m.input.policyHelperOutput;
  if (output === undefined) {
    m.diagnostics.push(diagnostic('managed-policy-helper', { helper: path }, { scope: 'managed' }));
    return undefined;
  }
  const own: Diagnostic[] = [];
  const c = objectCandidate('helper', output, HELPER_LABEL, own);
  const invalid = own.filter((d) => d.code === 'managed-invalid-entry' || d.code === 'settings-unsafe-key' || d.code === 'env-not-string' || d.code === 'env-not-object');
  for (const d of own) m.diagnostics.push(d);
  if (invalid.length > 0) {
    m.diagnostics.push(diagnostic('managed-policy-helper', { helper: path, invalidEntries: invalid.length }, { scope: 'managed' }));
  }
  for (const other of list) other.skip ??= `the policyHelper (${path}) output is the only managed settings of the session`;
  return c;
}

/** Picks the managed source and merges the managed env. */
export function resolveManaged(m: ManagedInputs): ManagedResult {
  const list = candidates(m);
  let usable = list.filter((c) => !c.skip);
  let winner = usable.find((c) => hasPolicyKey(c.settings));
  const helper = winner ? helperCandidate(m, winner, list) : undefined;
  if (helper) {
    list.unshift(helper);
    usable = [helper];
    winner = hasPolicyKey(helper.settings) ? helper : undefined;
  }
  const sources: SourceInfo[] = [];
  const env = new Map<string, ManagedEnvEntry[]>();
  const winnerLabel = winner ? originOf(winner) : undefined;
  const perVariable = hasFeature(m.version, 'managedEnvMerge');

  const inUse = `the managed source in use (${winnerLabel})`;
  for (const c of list) {
    for (const info of c.infos) {
      if (info.status === 'missing' || info.status === 'invalid' || info.status === 'ignored') {
        sources.push(info);
        continue;
      }
      if (c.skip) {
        sources.push(withStatus(info, 'ignored', c.skip));
      } else if (c === winner) {
        sources.push(withStatus(info, 'loaded', inUse));
      } else if (!hasPolicyKey(c.settings)) {
        sources.push(withStatus(info, 'ignored', 'holds no policy key (only wslInheritsWindowsSettings, or nothing)'));
      } else {
        const envNote = perVariable && c.admin && winner?.admin ? '; its env variables still apply where higher sources do not set them' : '';
        sources.push(withStatus(info, 'ignored', `a higher managed source (${winnerLabel}) delivers policy${envNote}`));
        m.diagnostics.push(diagnostic('managed-source-shadowed', { source: info.path ?? c.channel, winner: winnerLabel ?? 'a higher source' }, info.path ? { scope: 'managed', path: info.path } : { scope: 'managed' }));
      }
    }
  }
  if (m.remoteSkipReason && list[0]?.parts.length) {
    m.diagnostics.push(diagnostic('managed-remote-skipped', { reason: m.remoteSkipReason }, { scope: 'managed' }));
  }
  if (!winner) return { env, sources, keySources: {} };

  // Env comes from every admin source per variable (2.1.223+), else from the winner alone (docs/behavior.md#managed-precedence).
  const envSources = new Set(perVariable && winner.admin ? usable.filter((c) => c.admin) : [winner]);
  const envOfCandidate = new Map(list.map((c) => [c, candidateEnv(c)] as const));
  const telemetryOwner = [...envSources].find(
    (c) => 'otelHeadersHelper' in c.settings || [...(envOfCandidate.get(c)?.keys() ?? [])].some(isTelemetryUnitVariable),
  );
  const telemetryLands = telemetryOwner !== undefined && (telemetryOwner === winner || !('otelHeadersHelper' in telemetryOwner.settings));
  const mergedEnv: Record<string, string> = {};
  for (const c of list) {
    const inEnvSources = envSources.has(c);
    const pairs = c !== winner && pairsCredential(c);
    for (const [name, values] of envOfCandidate.get(c) ?? []) {
      let entries = env.get(name);
      if (!entries) env.set(name, (entries = []));
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as { value: string; source: SourceRef };
        let reason: string | undefined;
        if (c.skip) reason = c.skip;
        else if (!inEnvSources) reason = perVariable ? `${c.channel} is not an admin source and ${winnerLabel} wins` : `before 2.1.223 only the managed source in use (${winnerLabel}) supplies env`;
        else if (i > 0) reason = 'a later drop-in sets it';
        else if ((c !== telemetryOwner || !telemetryLands) && isTelemetryUnitVariable(name)) reason = 'telemetry variables follow, as a unit, the highest managed source that sets them';
        else if (pairs && ROUTING_VARIABLES.has(name)) reason = 'a source that pairs routing with a credential helper contributes routing only when it wins';
        else if (Object.hasOwn(mergedEnv, name)) reason = 'a higher managed source sets it';
        if (reason === undefined) {
          mergedEnv[name] = v.value;
          entries.push({ value: v.value, source: v.source, applied: true });
        } else {
          entries.push({ value: v.value, source: v.source, applied: false, reason });
        }
      }
    }
  }
  const settings: Record<string, unknown> = Object.assign({}, winner.settings);
  if (Object.keys(mergedEnv).length > 0) settings['env'] = mergedEnv;
  else delete settings['env'];
  const keySources: Record<string, SourceRef> = {};
  for (const part of winner.parts) for (const key of Object.keys(part.settings)) keySources[key] = part.source;
  return { origin: originOf(winner), winnerChannel: winner.channel, settings, env, sources, keySources };
}
