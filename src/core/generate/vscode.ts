/**
 * VS Code user settings (docs/behavior.md#vs-code): `claudeCode.environmentVariables`, an array of `{ name, value }`,
 * merged into an existing `settings.json`. That file is JSONC, so its comments and formatting stay.
 */
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors';
import type { Diagnostic, GeneratedConfig } from '../types';
import { detectStyle } from '../edit';
import { lineColumn } from '../parse';
import { displayValue, type RenderOptions } from './shell';
import { diagnostic } from '../catalogue';

const KEY = 'claudeCode.environmentVariables';
const LOGIN_PROMPT = 'claudeCode.disableLoginPrompt';

/** The VS Code settings text to write, and what was found while making it. */
export interface VsCodeResult {
  /** The settings file text (JSON). */
  text: string;
  /** What was found while generating it. */
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
  const style = detectStyle(text);
  const fmt = { formattingOptions: { insertSpaces: style.insertSpaces, tabSize: style.tabSize, eol: style.eol } };
  const entry = (name: string): { name: string; value: string } => ({ name, value: displayValue(name, value.env[name] as string, options) });
  const names = Object.keys(value.env).sort();
  let out = text;
  if (!Array.isArray(current[KEY])) {
    out = applyEdits(out, modify(out, [KEY], names.map(entry), fmt));
  } else {
    // Edit the array entry by entry, so that comments and formatting inside it stay (the file is JSONC).
    const existing = current[KEY] as unknown[];
    const drop = new Set([...value.unset, ...names]);
    const present = new Set<string>();
    const removals: number[] = [];
    existing.forEach((e, i) => {
      const name = e && typeof e === 'object' ? String((e as { name?: unknown }).name) : undefined;
      if (name === undefined || !drop.has(name)) return;
      if (Object.hasOwn(value.env, name) && !present.has(name)) {
        present.add(name);
        out = applyEdits(out, modify(out, [KEY, i, 'value'], entry(name).value, fmt));
      } else {
        removals.push(i);
      }
    });
    for (const i of removals.reverse()) out = applyEdits(out, modify(out, [KEY, i], undefined, fmt));
    for (const name of names) if (!present.has(name)) out = applyEdits(out, modify(out, [KEY, -1], entry(name), fmt));
  }
  // For a third-party provider the extension should not ask for a claude.ai login.
  if (value.provider !== 'anthropic' && current[LOGIN_PROMPT] !== true) out = applyEdits(out, modify(out, [LOGIN_PROMPT], true, fmt));
  const diagnostics: Diagnostic[] = Object.keys(value.settings).map((key) => diagnostic('generate-not-expressible', { kind: 'vscode-setting', key }));
  return { text: out, diagnostics };
}
