/**
 * `claude-gateway`: the library on the command line. `run(argv, io)` parses, runs one command and
 * returns the exit code; it prints only through `io` and formats only: every decision is the library's.
 */
import { readFileSync } from 'node:fs';
import { versioned } from './output-types';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors';
import type { Command } from './commands/types';
import { didYouMean } from '../core/suggest';
import { EXIT, InterruptedError, RefusedError, UsageError, type CliIo } from './io';
import { globalHelp } from './options';
import { redactingIo } from './secrets';
import { withFlags } from './flags';

export { withFlags } from './flags';

export type { CliIo } from './io';
export { EXIT } from './io';

interface Entry {
  name: string;
  summary: string;
  /** Commands load on use, so that `status` never pays for the writers, generators or YAML. */
  load: () => Promise<Command>;
}

const COMMANDS: readonly Entry[] = [
  {
    name: 'status',
    summary: "what Claude Code's /status would show for gateways, with the source of every value",
    load: async () => (await import('./commands/status')).status,
  },
  {
    name: 'explain',
    summary: 'the winner of a variable or settings key, every value it overrode, and the rule that decided',
    load: async () => (await import('./commands/explain')).explain,
  },
  {
    name: 'explain-error',
    summary: "what a Claude Code error means for this machine's configuration, and its fix",
    load: async () => (await import('./commands/explain-error')).explainErrorCommand,
  },
  {
    name: 'doctor',
    summary: 'every problem with the configuration, with its fix; exit code 1 on errors',
    load: async () => (await import('./commands/doctor')).doctor,
  },
  {
    name: 'verify',
    summary: 'send the request Claude Code sends first and say what the answer means',
    load: async () => (await import('./commands/verify')).verify,
  },
  { name: 'discover', summary: 'ask the gateway for its models as Claude Code does', load: async () => (await import('./commands/verify')).discover },
  { name: 'set', summary: 'set variables in a settings file (minimal diff, atomic, backed up)', load: async () => (await import('./commands/set')).set },
  { name: 'unset', summary: 'remove variables from a settings file', load: async () => (await import('./commands/set')).unset },
  { name: 'init', summary: 'write a gateway or provider configuration into a settings file', load: async () => (await import('./commands/init')).init },
  {
    name: 'generate',
    summary: 'print the configuration in one format (shell, VS Code, GitHub Actions, SDK, curl, managed files, an apiKeyHelper script)',
    load: async () => (await import('./commands/generate')).generate,
  },
  { name: 'backups', summary: 'the backups taken before every write, newest first', load: async () => (await import('./commands/backups')).backups },
  { name: 'revert', summary: 'restore a settings file byte for byte from a backup', load: async () => (await import('./commands/backups')).revert },
  {
    name: 'import',
    summary: 'read a gateway configuration from where you had it (shell start-up files) and show or write it as settings',
    load: async () => (await import('./commands/import')).importCommand,
  },
  {
    name: 'report',
    summary: 'one HTML page (no script, no network): every variable and key against every source, who wins and why',
    load: async () => (await import('./commands/report')).report,
  },
  {
    name: 'paths',
    summary: 'every location Claude Code reads on this machine (or the layout given)',
    load: async () => (await import('./commands/paths')).paths,
  },
];

/** The package's version, read from the package.json above this module (in src/ and in dist/). */
export function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'claude-gateway-config' && pkg.version) return pkg.version;
    } catch {
      // Not here: one level up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'claude-gateway: see, fix and verify Claude Code behind an LLM gateway',
    '',
    'Usage: claude-gateway <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'claude-gateway <command> --help for its options. --version prints the version.',
    'Exit codes: 0 ok, 1 the check failed, 2 usage error, 3 refused for safety, 4 unexpected error.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [
    `Usage: ${c.usage}`,
    '',
    c.summary,
    ...(c.help ? ['', c.help] : []),
    '',
    globalHelp(c.globals),
    ...(c.examples && c.examples.length > 0 ? ['', 'Examples:', ...c.examples.map((e) => `  ${e}`)] : []),
    '',
  ].join('\n');
}

const REFUSALS: ReadonlySet<string> = new Set([
  'INVALID_JSON',
  'JSONC_NOT_ALLOWED',
  'INVALID_EDIT',
  'CREDENTIAL_IN_SHARED_FILE',
  'CREDENTIAL_IN_TRACKED_FILE',
  'CONCURRENT_MODIFICATION',
  'LOCK_FAILED',
  'FILE_TRACKED',
  'GIT_FAILED',
  'BACKUP_CORRUPT',
  'UNTRUSTED_DESTINATION',
  'UNSAFE_SYMLINK',
  'FILE_READ_ONLY',
  'FILE_NOT_REGULAR',
  'FILE_TOO_LARGE',
  'FILE_NOT_WRITABLE',
  'FILE_EXISTS',
]);

/**
 * Runs one `claude-gateway` command line and returns its exit code (0 ok, 1 the check failed,
 * 2 usage error, 3 refused for safety, 4 unexpected). Prints only through `io`.
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  // Without --show-secrets, everything printed (errors too) passes a redactor; commands note the secrets they meet.
  const io = rest.includes('--show-secrets') ? rawIo : redactingIo(rawIo);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const asJson = rest.includes('--json');
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const near = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    );
    return fail(
      io,
      asJson,
      'claude-gateway',
      {
        code: 'USAGE',
        message: `unknown command ${JSON.stringify(name)}`,
        hint: `${near ? `did you mean claude-gateway ${near}? ` : ''}claude-gateway --help lists the commands`,
      },
      EXIT.usage,
    );
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run([...rest], io);
  } catch (error) {
    const who = `claude-gateway ${name}`;
    if (error instanceof UsageError)
      return fail(io, asJson, who, { code: 'USAGE', message: error.message, ...(error.hint ? { hint: error.hint } : {}) }, EXIT.usage);
    if (error instanceof InterruptedError) return fail(io, asJson, who, { code: 'INTERRUPTED', message: error.message }, EXIT.interrupted);
    if (error instanceof RefusedError)
      return fail(io, asJson, who, { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }, EXIT.refused);
    if (error instanceof ConfigError) {
      return fail(io, asJson, who, { code: error.code, message: withFlags(error.message) }, REFUSALS.has(error.code) ? EXIT.refused : EXIT.usage);
    }
    const hint = io.env['DEBUG'] ? ((error as Error).stack ?? '') : 'set DEBUG=1 for the stack';
    return fail(io, asJson, who, { code: 'INTERNAL', message: `unexpected error: ${(error as Error).message}`, hint }, EXIT.internal);
  }
}

interface Failure {
  code: string;
  message: string;
  hint?: string;
}

/**
 * Reports a failure and returns its exit code: one line (and a hint) on stderr, or under `--json` one
 * JSON object on stdout, `{ "schemaVersion": 1, "error": { "code", "message", "hint"?, "exitCode" } }`, so that a script
 * reading stdout gets JSON whatever happens.
 */
function fail(io: CliIo, asJson: boolean, who: string, f: Failure, exitCode: number): number {
  if (asJson) io.stdout(`${JSON.stringify(versioned({ error: { ...f, exitCode } }), null, 2)}\n`);
  else if (f.code === 'USAGE' || f.code === 'INTERNAL' || f.code === 'INTERRUPTED') io.stderr(`${who}: ${f.message}\n${f.hint ? `  hint: ${f.hint}\n` : ''}`);
  else io.stderr(`${who}: ${f.message} [${f.code}]\n${f.hint ? `  hint: ${f.hint}\n` : ''}`);
  return exitCode;
}
