/**
 * VS Code user settings (§8.1): `claudeCode.environmentVariables`, an array of `{ name, value }`,
 * merged into an existing `settings.json`. That file is JSONC, so its comments and formatting stay.
 */
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors';
import type { Diagnostic, GeneratedConfig } from '../types';
import { detectStyle } from '../edit';
import { lineColumn } from '../parse';
import { displayValue, type RenderOptions } from './shell';

const KEY = 'claudeCode.environmentVariables';

export interface VsCodeResult {
  text: string;
  diagnostics: Diagnostic[];
}

/**
 * The VS Code user settings text with the configuration's variables set (same names replaced,
 * others kept; variables the configuration needs absent removed).
 */
export function toVsCodeSettings(value: GeneratedConfig, existingText?: string, options: RenderOptions = {}): VsCodeResult {
  const text = existingText === undefined || existingText.trim() === '' ? '{}\n' : existingText;
  const errors: ParseError[] = [];
  const current = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as Record<string, unknown> | undefined;
  if (errors.length > 0 || current === null || typeof current !== 'object' || Array.isArray(current)) {
    const at = lineColumn(text, errors[0]?.offset ?? 0);
    throw new ConfigError('INVALID_JSON', `VS Code settings ${at.line}:${at.column}: not a JSON object; nothing was changed`);
  }
  const existing = Array.isArray(current[KEY]) ? (current[KEY] as unknown[]) : [];
  const drop = new Set([...value.unset, ...Object.keys(value.env)]);
  const kept = existing.filter((e) => !(e && typeof e === 'object' && drop.has(String((e as { name?: unknown }).name))));
  const added = Object.keys(value.env)
    .sort()
    .map((name) => ({ name, value: displayValue(name, value.env[name] as string, options) }));
  const style = detectStyle(text);
  const edits = modify(text, [KEY], [...kept, ...added], { formattingOptions: { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol } });
  const diagnostics: Diagnostic[] = Object.keys(value.settings).map((key) => ({
    code: 'generate-not-expressible' as const,
    severity: 'warning' as const,
    message: `${key} cannot go into VS Code settings; the extension's launch check reads only ${KEY}, so put ${key} in ~/.claude/settings.json`,
  }));
  return { text: applyEdits(text, edits), diagnostics };
}
