/**
 * `apiKeyHelper` scripts (docs/behavior.md#apikeyhelper-output): print the credential and nothing else (from 2.1.227 the output must be
 * a single token of printable ASCII), in POSIX sh, Windows cmd or PowerShell, with paths quoted for
 * spaces, and the TTL checked against the token's lifetime.
 */
import { ConfigError } from '../errors';
import type { Diagnostic } from '../types';
import { posixQuote, powershellQuote } from './shell';
import { diagnostic } from '../catalogue';

/** Where the generated helper script reads its credential: a file, a variable, a vault secret or a command. */
export type HelperSource =
  | {
      /** Read the credential from a file. */
      from: 'file';
      /** The file's path. */
      path: string;
    }
  | {
      /** Read the credential from an environment variable. */
      from: 'env';
      /** The variable's name. */
      variable: string;
    }
  | {
      /** Read the credential from HashiCorp Vault (`vault kv get`). */
      from: 'vault';
      /** The secret's path in Vault. */
      secretPath: string;
      /** The field of the secret that holds the credential. @default `api_key` */
      field?: string;
    }
  | {
      /** Print what a command prints. */
      from: 'command';
      /** The command and its arguments. */
      argv: string[];
    };

/** The shell a helper script is written for. */
export type HelperShell = 'sh' | 'cmd' | 'powershell';

/** Options for `helperScript()`. */
export interface HelperScriptOptions {
  /** Where the script reads the credential. */
  source: HelperSource;
  /** The shell to write the script for. @default `sh` */
  shell?: HelperShell;
  /** Where the script will be installed; the `apiKeyHelper` value runs it from there. */
  scriptPath?: string;
  /** How long a token stays valid. The TTL defaults to half of it and may not exceed half. */
  tokenLifetimeMs?: number;
  /** `CLAUDE_CODE_API_KEY_HELPER_TTL_MS`. @default half the token lifetime, else Claude Code's 5 minutes */
  ttlMs?: number;
}

/** A generated `apiKeyHelper` script and the settings that run it. */
export interface HelperScript {
  /** The script's text. */
  script: string;
  /** Where the script is to be installed. */
  scriptPath: string;
  /** The `apiKeyHelper` setting that runs it. */
  apiKeyHelper: string;
  /** The TTL to set, when one is chosen. */
  ttlMs?: number;
  /** What was found while generating it. */
  diagnostics: Diagnostic[];
}

const DEFAULT_PATHS: Readonly<Record<HelperShell, string>> = {
  sh: '~/.claude/bin/get-gateway-key.sh',
  cmd: 'C:\\ProgramData\\ClaudeGateway\\get-gateway-key.cmd',
  powershell: 'C:\\ProgramData\\ClaudeGateway\\get-gateway-key.ps1',
};

const VAR_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A path for /bin/sh: `~/` stays unquoted so the shell expands it, the rest is quoted. */
function shPath(path: string): string {
  return path.startsWith('~/') ? `~/${posixQuote(path.slice(2))}` : posixQuote(path);
}

/** Double quotes for cmd, with % doubled (cmd has no escape inside quotes for anything else). */
function cmdQuote(value: string): string {
  if (/["\r\n]/.test(value)) throw new ConfigError('INVALID_OPTIONS', `cmd cannot quote ${JSON.stringify(value)}`);
  return `"${value.replace(/%/g, '%%')}"`;
}

function shScript(source: HelperSource): string {
  const lines = ['#!/bin/sh', '# apiKeyHelper for Claude Code: prints the gateway credential and nothing else.', 'set -eu'];
  switch (source.from) {
    case 'file':
      lines.push(`key=$(cat ${shPath(source.path)})`);
      break;
    case 'env':
      lines.push(`key=\${${source.variable}:?${source.variable} is not set}`);
      break;
    case 'vault':
      lines.push(`key=$(vault kv get -field=${posixQuote(source.field ?? 'api_key')} ${posixQuote(source.secretPath)})`);
      break;
    case 'command':
      lines.push(`key=$(${source.argv.map(posixQuote).join(' ')})`);
      break;
  }
  // Command substitution drops trailing newlines; a CR from a Windows-edited file goes too.
  lines.push(`printf '%s' "$key" | tr -d '\\r\\n'`);
  return `${lines.join('\n')}\n`;
}

function cmdScript(source: HelperSource): string {
  const lines = ['@echo off', 'rem apiKeyHelper for Claude Code: prints the gateway credential and nothing else.', 'setlocal'];
  const print = '<nul set /p ="%KEY%"';
  switch (source.from) {
    case 'file':
      lines.push(`set /p KEY=<${cmdQuote(source.path)}`, print);
      break;
    case 'env':
      lines.push(`if not defined ${source.variable} exit /b 1`, `<nul set /p ="%${source.variable}%"`);
      break;
    case 'vault':
      lines.push(
        `for /f "usebackq delims=" %%K in (\`vault kv get -field=${cmdQuote(source.field ?? 'api_key')} ${cmdQuote(source.secretPath)}\`) do set KEY=%%K`,
        print,
      );
      break;
    case 'command':
      lines.push(`for /f "usebackq delims=" %%K in (\`${source.argv.map(cmdQuote).join(' ')}\`) do set KEY=%%K`, print);
      break;
  }
  return `${lines.join('\r\n')}\r\n`;
}

function psScript(source: HelperSource): string {
  const lines = ['# apiKeyHelper for Claude Code: prints the gateway credential and nothing else.', "$ErrorActionPreference = 'Stop'"];
  switch (source.from) {
    case 'file':
      lines.push(`$key = Get-Content -Raw -LiteralPath ${powershellQuote(source.path)}`);
      break;
    case 'env':
      lines.push(`$key = [Environment]::GetEnvironmentVariable(${powershellQuote(source.variable)})`, `if (-not $key) { exit 1 }`);
      break;
    case 'vault':
      lines.push(`$key = vault kv get ${powershellQuote(`-field=${source.field ?? 'api_key'}`)} ${powershellQuote(source.secretPath)} | Out-String`);
      break;
    case 'command': {
      const [exe, ...args] = source.argv;
      lines.push(`$key = & ${powershellQuote(exe ?? '')} ${args.map(powershellQuote).join(' ')} | Out-String`);
      break;
    }
  }
  lines.push('[Console]::Out.Write($key.Trim())');
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * An `apiKeyHelper` script and the setting that runs it, with a TTL at most half the token's lifetime.
 *
 * @example
 * apiKeyHelperScript({ source: { from: 'vault', secretPath: 'secret/llm-gateway' }, tokenLifetimeMs: 3_600_000 })
 */
export function apiKeyHelperScript(options: HelperScriptOptions): HelperScript {
  const shell = options.shell ?? 'sh';
  const s = options.source;
  if (s.from === 'env' && !VAR_RE.test(s.variable)) throw new ConfigError('INVALID_OPTIONS', `${JSON.stringify(s.variable)} is not a variable name`);
  if (s.from === 'command' && s.argv.length === 0) throw new ConfigError('INVALID_OPTIONS', 'the command needs at least a program');
  if ((s.from === 'file' && s.path === '') || (s.from === 'vault' && s.secretPath === '')) throw new ConfigError('INVALID_OPTIONS', 'an empty path');
  const diagnostics: Diagnostic[] = [];
  const half = options.tokenLifetimeMs !== undefined ? Math.floor(options.tokenLifetimeMs / 2) : undefined;
  if (options.tokenLifetimeMs !== undefined && !(options.tokenLifetimeMs > 0)) throw new ConfigError('INVALID_OPTIONS', 'tokenLifetimeMs must be positive');
  if (options.ttlMs !== undefined && !(Number.isInteger(options.ttlMs) && options.ttlMs > 0))
    throw new ConfigError('INVALID_OPTIONS', 'ttlMs must be a positive whole number of milliseconds');
  if (options.ttlMs !== undefined && half !== undefined && options.ttlMs > half) {
    throw new ConfigError(
      'INVALID_OPTIONS',
      `ttlMs ${options.ttlMs} is more than half the token lifetime (${half} ms): Claude Code would keep sending an expired token`,
    );
  }
  const ttlMs = options.ttlMs ?? half;
  if (ttlMs !== undefined && ttlMs < 60_000) {
    diagnostics.push(diagnostic('generate-helper-ttl', { ttlMs }));
  }
  const scriptPath = options.scriptPath ?? DEFAULT_PATHS[shell];
  const script = shell === 'sh' ? shScript(s) : shell === 'cmd' ? cmdScript(s) : psScript(s);
  const apiKeyHelper =
    shell === 'sh'
      ? shPath(scriptPath)
      : shell === 'cmd'
        ? cmdQuote(scriptPath)
        : `powershell -NoProfile -ExecutionPolicy Bypass -File ${cmdQuote(scriptPath)}`;
  const out: HelperScript = { script, scriptPath, apiKeyHelper, diagnostics };
  if (ttlMs !== undefined) out.ttlMs = ttlMs;
  return out;
}
