/**
 * `~/.claude.json`, the global config (docs/behavior.md#settings-files): workspace trust
 * (docs/behavior.md#workspace-trust), the undocumented API-key approvals
 * (docs/behavior.md#api-key-approval) and whether a claude.ai login is saved.
 */
import type { Diagnostic, Platform } from './types';
import type { PathApi } from './locations';
import { diagnostic } from './catalogue';

export interface GlobalConfig {
  projects: Record<string, { hasTrustDialogAccepted?: unknown }>;
  apiKeyResponses?: { approved: string[]; rejected: string[] };
  oauthAccount: boolean;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Parses the parts we use; the file is not a settings file, so a bad one only yields a warning. */
export function parseGlobalConfig(text: string | undefined, path: string, diagnostics: Diagnostic[]): GlobalConfig {
  const empty: GlobalConfig = { projects: {}, oauthAccount: false };
  if (text === undefined) return empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    diagnostics.push(diagnostic('global-config-invalid', { file: path }, { scope: 'global-config', path }));
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
 * Trust as Claude Code looks it up (docs/behavior.md#workspace-trust; vectors interactive-trust-lookup-*): the
 * start directory or any directory above it with `hasTrustDialogAccepted: true` in `projects`
 * counts, whether it is the repository root, a directory between the start directory and the root,
 * the start directory itself, or the home directory (also when Claude Code starts there). A
 * directory below the start directory does not. For a linked worktree the main checkout's entry
 * (and those above it) count too. `key` is the directory reported (the repository root, else the
 * start directory).
 */
export function decideTrust(config: GlobalConfig, where: { key: string; startDir: string }, platform: Platform, p: PathApi): TrustDecision {
  const { key } = where;
  const trustedKeys = new Set(
    Object.entries(config.projects)
      .filter(([, v]) => v && typeof v === 'object' && v.hasTrustDialogAccepted === true)
      .map(([k]) => normalise(platform, k)),
  );
  const untrusted = {
    trusted: false,
    key,
    reason: `neither ${where.startDir} nor a directory above it has been trusted (no hasTrustDialogAccepted in ~/.claude.json)`,
  };
  if (trustedKeys.size === 0) return untrusted;
  for (const from of [where.startDir, key]) {
    for (let dir = from; ; dir = p.dirname(dir)) {
      if (trustedKeys.has(normalise(platform, dir))) {
        const what =
          dir === key
            ? `${key} was trusted (hasTrustDialogAccepted)`
            : dir === where.startDir
              ? `the start directory ${dir} was trusted`
              : `its parent ${dir} was trusted`;
        return { trusted: true, key, reason: what };
      }
      if (p.dirname(dir) === dir) break;
    }
  }
  return untrusted;
}
