/**
 * The Claude Code extension's variables in VS Code settings (docs/behavior.md#vs-code):
 * `claudeCode.environmentVariables`, an array of `{ "name", "value" }`, in the user settings file (JSON
 * with comments). They reach only the extension's Claude Code; as settings they reach every session. A
 * workspace's `.vscode/settings.json` value holds for that folder alone (and comes from a repository): it
 * is named, never imported. Pure.
 */
import { parse, type ParseError } from 'jsonc-parser';
import { diagnostic } from '../catalogue';
import { lineColumn } from '../parse';
import type { Diagnostic, ToolImport } from '../types';
import { secretPartsOf } from '../redact';
import { asObject, configFromVariables, emptyImport, ENDPOINT_VARIABLES, envText } from './tool-data';

const KEY = 'claudeCode.environmentVariables';

/** A VS Code settings file: its text and how it is shown. */
export interface VsCodeSettingsText {
  /** The file's text. */
  text: string;
  /** The file, as it is shown (`~/.config/Code/User/settings.json`). */
  file: string;
}

/** The variables of one settings file, or why it cannot be read; `undefined` when it does not set the key. */
function variablesOf(input: VsCodeSettingsText, diagnostics: Diagnostic[]): Record<string, string> | undefined | 'unreadable' {
  const errors: ParseError[] = [];
  const root = asObject(parse(input.text, errors, { allowTrailingComma: true, disallowComments: false }));
  if (errors.length > 0 || !root) {
    const at = lineColumn(input.text, errors[0]?.offset ?? 0);
    diagnostics.push(
      diagnostic('import-unreadable', {
        file: input.file,
        line: at.line,
        column: at.column,
        reason: errors.length > 0 ? 'not JSON with comments' : 'not a JSON object',
      }),
    );
    return 'unreadable';
  }
  if (!Object.hasOwn(root, KEY)) return undefined;
  const list = root[KEY];
  if (!Array.isArray(list)) {
    diagnostics.push(diagnostic('import-not-carried', { file: input.file, field: KEY, reason: 'it is not a list of { "name", "value" }' }));
    return {};
  }
  const env: Record<string, string> = {};
  list.forEach((entry, i) => {
    const e = asObject(entry);
    const name = typeof e?.['name'] === 'string' ? e['name'].trim() : undefined;
    const value = envText(e?.['value']);
    if (!e || name === undefined || name === '' || value === undefined) {
      diagnostics.push(diagnostic('import-not-carried', { file: input.file, field: `${KEY}[${i}]`, reason: 'an entry is { "name": "…", "value": "…" }' }));
      return;
    }
    env[name] = value;
  });
  return env;
}

/**
 * Reads the extension's variables from VS Code user settings and returns the configuration they come to
 * (a workspace's settings, when given, are only looked at to say they set the key too).
 */
export function importFromVsCodeSettings(user: VsCodeSettingsText, workspace?: VsCodeSettingsText): ToolImport {
  const diagnostics: Diagnostic[] = [];
  const used = variablesOf(user, diagnostics);
  const file = user.file;
  // A workspace's value holds for that folder alone (and a repository's file is not trusted): named, never imported.
  if (workspace && /"claudeCode\.environmentVariables"\s*:/.test(workspace.text))
    diagnostics.push(
      diagnostic('import-not-carried', {
        file: workspace.file,
        field: KEY,
        reason: "a workspace's value holds for that folder alone, in place of the user's: not imported",
      }),
    );
  if (used === 'unreadable') return emptyImport('vscode', file, 'json', diagnostics);
  if (used === undefined) {
    diagnostics.push(diagnostic('import-no-active', { tool: 'vscode', file }));
    return emptyImport('vscode', file, 'json', diagnostics);
  }
  const secrets = Object.entries(used).flatMap(([name, value]) => [
    ...secretPartsOf(name, value),
    ...(/KEY|TOKEN|SECRET|PASSWORD/i.test(name) && value !== '' ? [value] : []),
  ]);
  // Only a configuration that names its endpoint (an address or a provider) replaces the one in the settings file.
  const endpoint = ENDPOINT_VARIABLES.some((n) => n !== 'ANTHROPIC_AUTH_TOKEN' && n !== 'ANTHROPIC_API_KEY' && Object.hasOwn(used, n));
  const config = configFromVariables(used, {}, endpoint ? ENDPOINT_VARIABLES : [], file);
  config.diagnostics.unshift(...diagnostics);
  // The extension's login check reads only its own setting: moved out of it, the extension may ask for a claude.ai login again.
  if (Object.keys(used).length > 0) config.diagnostics.push(diagnostic('import-vscode-keep', { file }));
  return { tool: 'vscode', file, storage: 'json', providers: [], config, secrets: [...new Set(secrets)] };
}
