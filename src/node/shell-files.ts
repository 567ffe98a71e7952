/**
 * The shell start-up files a user's variables live in, and the Claude Code variables they export (read,
 * never run: src/core/import/shell.ts). `interactiveOnly` marks the files only an interactive shell reads
 * (`~/.bashrc`, `~/.zshrc`, fish's `config.fish`, a PowerShell profile): a process started another way
 * (from the desktop, an IDE that does not load the shell, a service) does not get their variables.
 */
import { join } from 'node:path';
import { shellExports, toolActivations, type ShellDialect, type ShellExport, type ToolActivation } from '../core/import/shell';
import type { FileSystem, Platform } from '../core/types';
import { isGatewayVariable } from '../core/variables';
import { createNodeFs } from './fs';

/** A start-up file. */
export interface ShellFile {
  /** Absolute path. */
  path: string;
  /** How it is written, as a person names it (`~/.zshrc`). */
  display: string;
  /** The shell that reads it. */
  dialect: ShellDialect;
  /** Only an interactive shell reads it. */
  interactiveOnly: boolean;
}

/** The start-up files of a home directory, in the order a login shell reads them (POSIX shells, fish, PowerShell). */
export function shellStartupFiles(homeDir: string, platform: Platform): ShellFile[] {
  const at = (rel: string, dialect: ShellDialect, interactiveOnly: boolean): ShellFile => ({
    path: join(homeDir, ...rel.split('/')),
    display: `~/${rel}`,
    dialect,
    interactiveOnly,
  });
  const powershell =
    platform === 'win32'
      ? [
          at('Documents/PowerShell/Microsoft.PowerShell_profile.ps1', 'powershell', true),
          at('Documents/WindowsPowerShell/Microsoft.PowerShell_profile.ps1', 'powershell', true),
        ]
      : [at('.config/powershell/Microsoft.PowerShell_profile.ps1', 'powershell', true)];
  if (platform === 'win32') return powershell;
  return [
    at('.profile', 'posix', false),
    at('.bash_profile', 'posix', false),
    at('.bash_login', 'posix', false),
    at('.bashrc', 'posix', true),
    at('.zshenv', 'posix', false),
    at('.zprofile', 'posix', false),
    at('.zshrc', 'posix', true),
    at('.config/fish/config.fish', 'fish', true),
    ...powershell,
  ];
}

/** A variable Claude Code reads, exported by a start-up file. */
export interface FoundExport extends ShellExport {
  /** The file. */
  file: ShellFile;
}

/** What the start-up files hold for Claude Code: the exports, and the lines that have a tool set the variables. */
export interface ShellFilesRead {
  /** The Claude Code variables each file exports, in file order. */
  exports: FoundExport[];
  /** `eval "$(ccr activate)"` and the like, with their file. */
  activations: FoundActivation[];
}

/** A line of a start-up file that runs a tool to set the variables. */
export interface FoundActivation extends ToolActivation {
  /** The file. */
  file: ShellFile;
}

/** Reads the start-up files (files that are not there are skipped): their exports and tool activations. Never runs them. */
export async function readShellFiles(files: readonly ShellFile[], homeDir: string, fs: FileSystem = createNodeFs()): Promise<ShellFilesRead> {
  const out: ShellFilesRead = { exports: [], activations: [] };
  for (const file of files) {
    let text: string;
    try {
      const st = await fs.stat(file.path);
      if (st?.kind !== 'file') continue;
      text = await fs.readFile(file.path);
    } catch {
      continue;
    }
    for (const e of shellExports(text, file.dialect, { HOME: homeDir })) if (isGatewayVariable(e.name)) out.exports.push({ ...e, file });
    for (const a of toolActivations(text)) out.activations.push({ ...a, file });
  }
  return out;
}

/** The Claude Code variables each file exports (files that are not there are skipped), in file order. */
export async function readShellExports(files: readonly ShellFile[], homeDir: string, fs: FileSystem = createNodeFs()): Promise<FoundExport[]> {
  return (await readShellFiles(files, homeDir, fs)).exports;
}
