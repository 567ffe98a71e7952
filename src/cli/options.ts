/** Parsing: global options shared by every command, plus each command's own (node:util parseArgs). */
import { didYouMean } from '../core/suggest';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Platform, ResolveOptions, SelectableScope } from '../core/types';
import { resolve } from 'node:path';
import { createRootedFs } from '../node/fs';
import type { CliIo } from './io';
import { UsageError } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
  cwd: { type: 'string' },
  home: { type: 'string' },
  platform: { type: 'string' },
  'claude-version': { type: 'string' },
  settings: { type: 'string' },
  'setting-sources': { type: 'string' },
  'non-interactive': { type: 'boolean' },
  bare: { type: 'boolean' },
  model: { type: 'string' },
  trusted: { type: 'boolean' },
  root: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** One help line per shared option. */
const GLOBAL_LINES: Readonly<Record<string, string>> = {
  json: '  --json                    machine-readable output (failures too: one JSON object on stdout)',
  'show-secrets': '  --show-secrets            print credentials as they are (masked otherwise)',
  cwd: '  --cwd <dir>               the directory Claude Code starts in',
  home: '  --home <dir>              the home directory',
  platform: '  --platform <p>            linux, darwin or win32 (paths follow that OS)',
  'claude-version': '  --claude-version <v>      the Claude Code version to model (default: the newest modelled)',
  settings: '  --settings <file|json>    as claude --settings',
  'setting-sources': '  --setting-sources <list>  as claude --setting-sources (user,project,local)',
  'non-interactive': '  --non-interactive         model a -p / SDK session (repository env applies without trust)',
  bare: '  --bare                    model claude --bare (apiKeyHelper only from --settings, no OAuth or /login)',
  model: '  --model <name>            as claude --model (a model id or an alias such as sonnet, opus[1m], default)',
  trusted: '  --trusted                 treat the workspace as trusted',
  root: '  --root <dir>              read every path under <dir> as if it were / (a copied machine or layout)',
  help: '  -h, --help                this help',
};

/** The shared options of a command that reads the configuration as Claude Code would. */
export const READING_GLOBALS: readonly string[] = [
  'json',
  'show-secrets',
  'cwd',
  'home',
  'platform',
  'claude-version',
  'settings',
  'setting-sources',
  'non-interactive',
  'bare',
  'model',
  'trusted',
  'root',
  'help',
];
/** The shared options of a command that writes a settings file (no --root: it writes real files). */
export const WRITING_GLOBALS: readonly string[] = READING_GLOBALS.filter((n) => n !== 'root');

/** The help of the shared options a command takes. */
export function globalHelp(names: readonly string[] = READING_GLOBALS): string {
  return ['Shared options:', ...names.map((n) => GLOBAL_LINES[n]).filter((l): l is string => l !== undefined)].join('\n');
}

/** Every shared option, as the main help lists them. */
export const GLOBAL_HELP: string = globalHelp();

export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export function parse(args: string[], own: OptionSpec): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...own }, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw parseError(error as Error & { code?: string }, Object.keys({ ...GLOBAL_OPTIONS, ...own }));
  }
}

/** parseArgs' messages in our one-line form, with a "did you mean" for a mistyped flag. */
function parseError(error: Error & { code?: string }, known: readonly string[]): UsageError {
  const text = error.message;
  const flags = known.map((k) => `--${k}`);
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  if (unknown) {
    const typed = unknown[1] as string;
    const near = didYouMean(typed.split('=')[0] as string, flags);
    return new UsageError(`unknown option ${typed}`, near ? `did you mean ${near}?` : 'see --help for the options');
  }
  const missing = /^Option '(--[^ ']+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(text);
  if (missing) return new UsageError(`${missing[1]} needs a value`, `${missing[1]} <value> (a value starting with a dash: ${missing[1]}=-value)`);
  const noValue = /^Option '(--[^']+)' does not take an argument/.exec(text);
  if (noValue) return new UsageError(`${noValue[1]} takes no value`, `write ${noValue[1]} alone`);
  // Anything else, on one line: some of parseArgs' messages span several.
  return new UsageError(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' '),
    'see --help',
  );
}

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];

/**
 * The writers' options: the reading ones, without `--root` (a rooted view is for reading; the writer
 * works on the real files, so a copied layout is written through --home and --cwd pointing into it).
 */
export function writeOptions(values: Values, io: CliIo): ResolveOptions {
  if (typeof values['root'] === 'string') {
    throw new UsageError(
      '--root is for reading a copied layout; set, unset and init write real files',
      `point --home and --cwd inside the copy instead, e.g. --home ${values['root']}/home/user --cwd ${values['root']}/home/user/project`,
    );
  }
  return resolveOptions(values, io);
}

/** The resolver's options from the global flags. */
export function resolveOptions(values: Values, io: CliIo): ResolveOptions {
  const o: ResolveOptions = { cwd: typeof values['cwd'] === 'string' ? values['cwd'] : io.cwd, env: io.env };
  if (typeof values['home'] === 'string') o.homeDir = values['home'];
  const platform = values['platform'];
  if (typeof platform === 'string') {
    if (!PLATFORMS.includes(platform as Platform)) throw new UsageError(`--platform must be one of ${PLATFORMS.join(', ')}`);
    o.platform = platform as Platform;
  }
  if (typeof values['claude-version'] === 'string') o.claudeCodeVersion = values['claude-version'];
  if (typeof values['settings'] === 'string') o.settingsFlag = values['settings'];
  if (typeof values['setting-sources'] === 'string') {
    const list = values['setting-sources']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.find((s) => !['user', 'project', 'local'].includes(s));
    if (bad) throw new UsageError(`--setting-sources takes user, project and local, not ${bad}`);
    o.settingSources = list as SelectableScope[];
  }
  if (values['non-interactive'] === true) o.interactive = false;
  if (values['bare'] === true) o.bare = true;
  if (typeof values['model'] === 'string') o.model = values['model'];
  if (values['trusted'] === true) o.trusted = true;
  if (typeof values['root'] === 'string') {
    o.fs = createRootedFs(resolve(io.cwd, values['root']));
    o.homeDir ??= o.platform === 'win32' ? 'C:\\Users\\user' : '/home/user';
  }
  return o;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

export function text(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
