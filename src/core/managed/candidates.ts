/** The managed sources of a platform as candidates, highest first, each loaded and marked when it may not be used. */
import type { Diagnostic, ManagedChannel, ManagedOrigin, SourceInfo } from '../types';
import type { RawFile, RawManagedLocation } from '../gather';
import { loadObject, loadText, unreadable } from '../load';
import { mergeAll } from '../merge';
import { hasFeature } from '../versions';
import { MANAGED_DIRS } from '../locations';
import { diagnostic } from '../catalogue';
import type { Candidate, ManagedSources } from './types';

export const POLICY_EXEMPT = 'wslInheritsWindowsSettings';

/** Whether a source's settings hold a policy key (anything but wslInheritsWindowsSettings). */
export function hasPolicyKey(settings: Record<string, unknown>): boolean {
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

/** A candidate for a source given as an object or JSON text (server-managed, plist, registry, a policyHelper's output). */
export function objectCandidate(
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
      diagnostics.push(
        diagnostic('managed-dropins-unsupported-version', { folder: loc.location.dropInDir, version }, { scope: 'managed', path: loc.location.dropInDir }),
      );
    }
  }
  // The managed env is merged per variable by resolveManaged; here only the other keys (and whether env is there).
  c.settings = mergeAll(
    c.parts.map((p) => p.settings),
    { env: false },
  );
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
      diagnostic(
        'managed-legacy-path-ignored',
        { folder: loc.location.dir, replacement: MANAGED_DIRS.win32 },
        { scope: 'managed', path: present[0]?.path ?? loc.file.path },
      ),
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
export function candidates(sources: ManagedSources): Candidate[] {
  const { platform, version, diagnostics, input } = sources;
  const osPolicy = hasFeature(version, 'osPolicy');
  const remote = objectCandidate('remote', input.remote, REMOTE_LABEL, diagnostics);
  if (sources.remoteSkipReason && remote.parts.length > 0) remote.skip = sources.remoteSkipReason;
  const list: Candidate[] = [remote];
  const removedLegacy = hasFeature(version, 'windowsProgramDataRemoved') ? sources.files.filter((f) => f.location.kind === 'windows-legacy') : [];
  const read = sources.files.filter((f) => !removedLegacy.includes(f));
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
        diagnostics.push(
          diagnostic(
            'managed-legacy-path-deprecated',
            { folder: loc.location.dir, replacement: MANAGED_DIRS.win32 },
            { scope: 'managed', path: loc.file.path },
          ),
        );
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
  } else if (sources.wsl && sources.wslWindows) {
    const hklm = osCandidate('HKLM', input.hklm, REGISTRY.HKLM);
    const winFile = fileCandidate(sources.wslWindows, version, diagnostics);
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

/** The `/status` label of a candidate's channel (for files: file, drop-ins, or both). */
export function originOf(c: Candidate): ManagedOrigin {
  return c.channel === 'file' ? fileOrigin(c) : c.channel;
}
