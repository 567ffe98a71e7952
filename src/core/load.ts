/**
 * Loads one settings source: turns its text (or a caller's object) into parsed, sanitized settings,
 * pushing the parse and sanitize diagnostics under the source's scope. Used by every file source in
 * resolve.ts and by the managed tier.
 */
import type { Diagnostic, SettingsScope, SourceInfo } from './types';
import type { RawFile } from './gather';
import { parseSettingsText, withoutTooDeep } from './parse';
import { sanitizeSettings, type SanitizeContext } from './schema';
import { diagnostic } from './catalogue';

/** The outcome of loading one source: its settings, or the parse error that kept it out. */
export interface LoadedSettings {
  /** Sanitized settings, when the text parsed. */
  settings?: Record<string, unknown>;
  /** The parse error (already pushed to the diagnostics), when it did not. */
  error?: Diagnostic;
}

/**
 * Marks `info` invalid and reports `settings-unreadable` when a file exists but cannot be read.
 * Returns true when it did (the caller stops there).
 */
export function unreadable(raw: RawFile, scope: SettingsScope, info: SourceInfo, diagnostics: Diagnostic[]): boolean {
  if (raw.status === 'ok' && raw.text !== undefined) return false;
  info.status = 'invalid';
  const error = raw.errorCode ?? raw.status;
  info.reason = `cannot be read (${error})`;
  diagnostics.push(diagnostic('settings-unreadable', { file: raw.path, error }, { scope, path: raw.path }));
  return true;
}

/** Parses and sanitizes settings text; warnings and the parse error go to `diagnostics` under `scope`. */
export function loadText(scope: SettingsScope, text: string, path: string | undefined, diagnostics: Diagnostic[]): LoadedSettings {
  const parsed = parseSettingsText(text, path);
  for (const w of parsed.warnings) diagnostics.push({ ...w, scope });
  if (parsed.error) {
    diagnostics.push({ ...parsed.error, scope });
    return { error: parsed.error };
  }
  // Plain objects, no conditional spreads: this runs for every file of every resolution (bench/).
  const sanitize: SanitizeContext = { scope, text, diagnostics };
  if (path !== undefined) sanitize.path = path;
  return { settings: sanitizeSettings(parsed.value ?? {}, sanitize, true) };
}

/** Sanitizes a caller's settings object, first cutting what nests too deep (or is circular). */
export function loadObject(scope: SettingsScope, value: Record<string, unknown>, label: string, diagnostics: Diagnostic[]): LoadedSettings {
  const bounded = withoutTooDeep(value, label, label);
  for (const d of bounded.diagnostics) diagnostics.push({ ...d, scope });
  return { settings: sanitizeSettings(bounded.settings, { scope, path: label, diagnostics }) };
}
