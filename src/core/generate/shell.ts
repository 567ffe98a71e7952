/**
 * Shell snippets: bash/zsh `export` lines and PowerShell `$env:` lines, quoted so that every value
 * survives byte for byte (quotes, `$`, backticks, backslashes, spaces, non-ASCII, line breaks), and
 * `unset` / `Remove-Item` lines for variables that must be absent.
 */
import type { GeneratedConfig } from '../types';
import { isSecretVariable } from '../variables';

/** The shell to write `export` lines for. */
export type ShellKind = 'bash' | 'zsh' | 'powershell';

/** Options for rendering variables as shell lines. */
export interface RenderOptions {
  /** Replace credential values with a placeholder, for output that may be shared. @default false */
  redact?: boolean;
}

/** POSIX single quotes: everything literal, a single quote written as '\''. */
export function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single quotes: everything literal, a single quote doubled. */
export function powershellQuote(value: string): string {
  return `'${value.replace(/[''‘’‚‛]/g, (q) => q + q)}'`;
}

/** A placeholder that says what was left out. */
export function redacted(name: string): string {
  return `<${name}: redacted>`;
}

export function displayValue(name: string, value: string, options: RenderOptions): string {
  return options.redact === true && isSecretVariable(name, value) ? redacted(name) : value;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function names(value: GeneratedConfig): string[] {
  for (const n of [...Object.keys(value.env), ...value.unset]) {
    if (!NAME_RE.test(n)) throw new TypeError(`${JSON.stringify(n)} is not a variable name a shell accepts`);
  }
  return Object.keys(value.env).sort();
}

/**
 * The configuration as shell lines. Settings keys that have no variable (such as `apiKeyHelper`)
 * become a comment saying where they go.
 */
export function toShell(value: GeneratedConfig, shell: ShellKind = 'bash', options: RenderOptions = {}): string {
  const lines: string[] = [];
  const sorted = names(value);
  if (shell === 'powershell') {
    for (const n of value.unset) lines.push(`Remove-Item -Path Env:${n} -ErrorAction SilentlyContinue`);
    for (const n of sorted) lines.push(`$env:${n} = ${powershellQuote(displayValue(n, value.env[n] as string, options))}`);
  } else {
    if (value.unset.length > 0) lines.push(`unset ${value.unset.join(' ')}`);
    for (const n of sorted) lines.push(`export ${n}=${posixQuote(displayValue(n, value.env[n] as string, options))}`);
  }
  for (const key of Object.keys(value.settings).sort()) {
    lines.push(`# ${key} is a settings key, not a variable: put it in a settings file (writeSettings) or pass it with claude --settings`);
  }
  return `${lines.join(shell === 'powershell' ? '\r\n' : '\n')}${shell === 'powershell' ? '\r\n' : '\n'}`;
}
