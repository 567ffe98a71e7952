/**
 * `~/.claude.json`, the global config (§1.1): workspace trust (§2.4), the undocumented API-key
 * approvals (§3.1) and whether a claude.ai login is saved.
 */
import type { Diagnostic, Platform } from './types';
import type { PathApi } from './locations';

export interface GlobalConfig {
  projects: Record<string, { hasTrustDialogAccepted?: unknown }>;
  apiKeyResponses?: { approved: string[]; rejected: string[] };
  oauthAccount: boolean;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads the parts we use; the file is not a settings file, so a bad one only yields a warning. */
export function readGlobalConfig(text: string | undefined, path: string, diagnostics: Diagnostic[]): GlobalConfig {
  const empty: GlobalConfig = { projects: {}, oauthAccount: false };
  if (text === undefined) return empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    diagnostics.push({ code: 'global-config-invalid', severity: 'warning', scope: 'global-config', path, message: `${path} is not valid JSON; trust and approvals cannot be read from it` });
    return empty;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return empty;
  const o = value as Record<string, unknown>;
  const projects = o['projects'] && typeof o['projects'] === 'object' ? (o['projects'] as GlobalConfig['projects']) : {};
  const out: GlobalConfig = { projects, oauthAccount: o['oauthAccount'] !== undefined && o['oauthAccount'] !== null };
  const r = o['customApiKeyResponses'];
  if (r && typeof r === 'object') {
    const rr = r as Record<string, unknown>;
    out.apiKeyResponses = { approved: strings(rr['approved']), rejected: strings(rr['rejected']) };
  }
  return out;
}

export interface TrustDecision {
  trusted: boolean;
  key?: string;
  reason: string;
}

function normalise(platform: Platform, p: string): string {
  return platform === 'win32' ? p.replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase() : p.replace(/\/+$/, '') || '/';
}

/**
 * Trust is keyed by the repository root (the main checkout for a worktree), outside a repository by
 * the start directory; in the home directory it is for the session only (§2.4). A trusted parent
 * directory counts too.
 */
export function decideTrust(
  config: GlobalConfig,
  key: string,
  homeDir: string,
  platform: Platform,
  p: PathApi,
): TrustDecision {
  if (normalise(platform, key) === normalise(platform, homeDir)) {
    return { trusted: false, key, reason: 'in the home directory trust lasts for one session only and is never saved' };
  }
  const trustedKeys = new Set(
    Object.entries(config.projects)
      .filter(([, v]) => v && typeof v === 'object' && v.hasTrustDialogAccepted === true)
      .map(([k]) => normalise(platform, k)),
  );
  const untrusted = { trusted: false, key, reason: `${key} has not been trusted (no hasTrustDialogAccepted in ~/.claude.json)` };
  if (trustedKeys.size === 0) return untrusted;
  for (let dir = key; ; dir = p.dirname(dir)) {
    if (trustedKeys.has(normalise(platform, dir))) {
      return { trusted: true, key, reason: dir === key ? `${key} was trusted (hasTrustDialogAccepted)` : `its parent ${dir} was trusted` };
    }
    if (p.dirname(dir) === dir) break;
  }
  return untrusted;
}
