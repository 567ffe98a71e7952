/**
 * The permissions of the file that replaces a settings file: a read-only file refused, the old mode
 * and owner kept, and group and other access removed when the file holds a credential.
 */
import type { Stats } from 'node:fs';
import { ConfigError } from '../../core/errors';
import type { Diagnostic } from '../../core/types';
import { isSecretVariable } from '../../core/variables';
import { diagnostic } from '../../core/catalogue';

/** True when this user may not write the file, by its mode bits (root only when nobody may: root bypasses permissions). */
export function isReadOnly(st: Stats): boolean {
  const perms = st.mode & 0o777;
  if (process.platform === 'win32') return (perms & 0o200) === 0;
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return (perms & 0o222) === 0;
  if (uid === st.uid) return (perms & 0o200) === 0;
  const groups = [process.getgid?.(), ...(process.getgroups?.() ?? [])];
  if (groups.includes(st.gid)) return (perms & 0o020) === 0;
  return (perms & 0o002) === 0;
}

/** The refusal of a read-only file; `option` names what allows it anyway. */
export function readOnlyError(label: string, st: Stats, option: string): ConfigError {
  return new ConfigError(
    'FILE_READ_ONLY',
    `${label} is read-only (mode ${(st.mode & 0o777).toString(8)}): it is not replaced. Make it writable (chmod u+w), or pass ${option} to write it anyway (it stays read-only). Nothing was written`,
  );
}

/** True when a settings text holds a credential in `env` (the variables Claude Code reads, last duplicate winning). */
export function holdsCredential(text: string): boolean {
  let env: unknown;
  try {
    env = (JSON.parse(text.replace(/^\uFEFF/, '')) as { env?: unknown } | null)?.env;
  } catch {
    // Not strict JSON (a JSONC backup being restored): any string pair that looks like a credential counts.
    for (const m of text.matchAll(/"([^"\\]{1,200})"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) if (isSecretVariable(m[1] ?? '', m[2] ?? '')) return true;
    return false;
  }
  if (env === null || typeof env !== 'object' || Array.isArray(env)) return false;
  return Object.entries(env).some(([name, value]) => typeof value === 'string' && isSecretVariable(name, value));
}

/** The mode and owner a replacing file gets, and what the caller reports about them. */
export interface ModePlan {
  /** The exact mode to set; absent: the umask default of a new file. */
  mode?: number;
  chown?: { uid: number; gid: number };
  /** Group and other bits removed because the file holds a credential. */
  tightened?: { from: number; to: number };
  /** Why a file holding a credential stays readable by others. */
  readable?: string;
}

/**
 * The mode of the file that replaces `existing` (mode, uid, gid; absent for a new file): its own, and
 * `0600`-like (group and other bits removed) when it holds a credential, unless this user is not its
 * owner (narrowing it would shut its owner out: then it stays, and the caller says why).
 */
export function planMode(existing: { mode: number; uid: number; gid: number } | undefined, holds: () => boolean): ModePlan {
  const posix = process.platform !== 'win32';
  if (!existing) return posix && holds() ? { mode: 0o600 } : {};
  const plan: ModePlan = {};
  let mode = existing.mode & 0o7777;
  const uid = process.getuid?.();
  if (uid === 0 && (existing.uid !== uid || existing.gid !== process.getgid?.())) plan.chown = { uid: existing.uid, gid: existing.gid };
  if (posix && (mode & 0o077) !== 0 && holds()) {
    if (uid === undefined || uid === 0 || uid === existing.uid) {
      plan.tightened = { from: mode & 0o777, to: mode & 0o777 & ~0o077 };
      mode &= ~0o077;
    } else {
      plan.readable = `it belongs to user ${existing.uid}, not to this user (${uid}), and narrowing its mode would shut its owner out`;
    }
  }
  plan.mode = mode;
  return plan;
}

/** What a mode plan reports: `write-mode-tightened`, `write-credential-file-readable`. */
export function modeDiagnostics(plan: ModePlan, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (plan.tightened) {
    out.push(diagnostic('write-mode-tightened', { file: path, from: plan.tightened.from.toString(8), to: plan.tightened.to.toString(8) }, { path }));
  }
  if (plan.readable !== undefined && plan.mode !== undefined) {
    out.push(diagnostic('write-credential-file-readable', { file: path, mode: (plan.mode & 0o777).toString(8), why: plan.readable }, { path }));
  }
  return out;
}
