/**
 * `doctor(options)`: resolves the configuration, learns what only IO can tell (git's view of files
 * holding credentials, whether the helper's program exists), and runs every diagnose rule.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { diagnose, type DiagnoseFacts } from '../core/diagnose';
import type { Diagnostic, EffectiveConfig, Platform, ResolveOptions } from '../core/types';
import { isSecretVariable } from '../core/variables';
import { resolveEffectiveConfig } from '../resolve-effective';
import { checkGitSafety, type GitOptions } from './git';
import { helperEnvironment } from './helper';
import { readShellFiles, shellStartupFiles } from './shell-files';

export interface DoctorOptions extends ResolveOptions {
  /** Options for the git checks on credential files. */
  git?: GitOptions;
  /** Report the information rules too. @default true */
  information?: boolean;
}

/** What `doctor()` found: the effective configuration and every diagnostic. */
export interface DoctorResult {
  /** The effective configuration. */
  config: EffectiveConfig;
  /** Every diagnostic, most serious first. */
  diagnostics: Diagnostic[];
}

/** The program an apiKeyHelper command line starts: its first word, unquoted, `~` expanded (as `/bin/sh` does: only when not quoted). */
export function helperProgram(command: string, home: string = homedir()): string {
  const m = /^\s*(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(command);
  const bare = m?.[3];
  if (bare !== undefined) return bare.startsWith('~/') ? join(home, bare.slice(2)) : bare;
  return m?.[1] ?? m?.[2] ?? '';
}

/** `/bin/sh` built-ins and keywords a command line may start with: not programs, never looked up. */
const SHELL_WORDS = new Set([
  '.',
  ':',
  'source',
  'exec',
  'eval',
  'command',
  'builtin',
  'export',
  'readonly',
  'set',
  'unset',
  'cd',
  'read',
  'trap',
  'if',
  'for',
  'while',
  'until',
  'case',
  '{',
  '!',
  '[[',
]);

function findProgram(program: string, env: Record<string, string | undefined>, cwd: string): { path: string; found: boolean; executable: boolean } {
  const candidates =
    program.includes('/') || program.includes('\\') || isAbsolute(program)
      ? [resolve(cwd, program)]
      : (env['PATH'] ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((d) => join(d, program));
  for (const path of candidates) {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    try {
      accessSync(path, constants.X_OK);
      return { path, found: true, executable: true };
    } catch {
      return { path, found: true, executable: false };
    }
  }
  return { path: candidates[0] ?? program, found: false, executable: false };
}

export async function gatherFacts(config: EffectiveConfig, options: DoctorOptions = {}): Promise<DiagnoseFacts> {
  const facts: DiagnoseFacts = {};
  const git: NonNullable<DiagnoseFacts['git']> = {};
  for (const s of config.sources) {
    if (!s.path || !s.settings || (s.scope !== 'local' && s.scope !== 'user')) continue;
    const env = s.settings['env'];
    if (!env || typeof env !== 'object') continue;
    if (!Object.entries(env as Record<string, unknown>).some(([n, v]) => typeof v === 'string' && isSecretVariable(n, v))) continue;
    const safety = await checkGitSafety(s.path, options.git);
    git[s.path] = { inRepository: safety.inRepository, tracked: safety.tracked, ignored: safety.ignored };
  }
  if (Object.keys(git).length > 0) facts.git = git;
  if (config.apiKeyHelper && process.platform !== 'win32') {
    const program = helperProgram(config.apiKeyHelper.command, options.homeDir);
    // Shell built-ins and pipelines are left alone: only a simple command's program path or name is looked up.
    const simple = !/[|&;<>()$`]/.test(config.apiKeyHelper.command) && !SHELL_WORDS.has(program) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(program);
    if (program && simple) {
      // Looked up as runApiKeyHelper runs it: without a repository's PATH unless the caller trusts it.
      const env = helperEnvironment(config, options.trusted === true ? { trusted: true } : {});
      const found = findProgram(program, env, options.cwd ?? process.cwd());
      facts.helper = { program: found.path, found: found.found, executable: found.executable };
    }
  }
  return facts;
}

/** What the user's shell start-up files export, and the tools they run to set the variables, read through the resolution's file system. */
async function shellFacts(options: DoctorOptions): Promise<Pick<DiagnoseFacts, 'shellExports' | 'shellActivations'>> {
  const home = options.homeDir ?? homedir();
  const read = await readShellFiles(shellStartupFiles(home, options.platform ?? (process.platform as Platform)), home, options.fs);
  const out: Pick<DiagnoseFacts, 'shellExports' | 'shellActivations'> = {};
  if (read.exports.length > 0)
    out.shellExports = read.exports.map((e) => ({ variable: e.name, file: e.file.display, line: e.line, interactiveOnly: e.file.interactiveOnly }));
  if (read.activations.length > 0)
    out.shellActivations = read.activations.map((a) => ({
      command: a.command,
      source: a.tool,
      file: a.file.display,
      line: a.line,
      interactiveOnly: a.file.interactiveOnly,
    }));
  return out;
}

/** Every diagnostic for this machine's (or the given layout's) configuration, errors first. */
export async function doctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const { git: _git, information, ...resolveOptions } = options;
  const config = await resolveEffectiveConfig(resolveOptions);
  const facts = options.fs === undefined ? await gatherFacts(config, options) : {};
  Object.assign(facts, await shellFacts(options));
  return { config, diagnostics: diagnose(config, { facts, ...(information === false ? { information: false } : {}) }) };
}
