/**
 * `claude-gateway`: the library on the command line. `run(argv, io)` parses, runs one command and
 * returns the exit code; it prints only through `io` and formats only: every decision is the library's.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors';
import { backups, revert } from './commands/backups';
import { doctor } from './commands/doctor';
import { explain } from './commands/explain';
import { generate } from './commands/generate';
import { init } from './commands/init';
import { paths } from './commands/paths';
import { set, unset } from './commands/set';
import { status } from './commands/status';
import type { Command } from './commands/types';
import { discover, verify } from './commands/verify';
import { EXIT, UsageError, type CliIo } from './io';
import { GLOBAL_HELP } from './options';

export type { CliIo } from './io';
export { EXIT } from './io';

const COMMANDS: readonly Command[] = [status, explain, doctor, verify, discover, set, unset, init, generate, backups, revert, paths];

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
  return [`Usage: ${c.usage}`, '', c.summary, ...(c.help ? ['', c.help] : []), '', GLOBAL_HELP, ''].join('\n');
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
  'BACKUP_NOT_FOUND',
  'BACKUP_CORRUPT',
]);

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`claude-gateway: unknown command ${JSON.stringify(name)}\n  hint: claude-gateway --help lists the commands\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run([...rest], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`claude-gateway ${name}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      const refusal = REFUSALS.has(error.code);
      io.stderr(`claude-gateway ${name}: ${error.message} [${error.code}]\n`);
      return refusal ? EXIT.refused : EXIT.usage;
    }
    io.stderr(`claude-gateway ${name}: unexpected error: ${(error as Error).message}\n${io.env['DEBUG'] ? `${(error as Error).stack ?? ''}\n` : '  hint: set DEBUG=1 for the stack\n'}`);
    return EXIT.internal;
  }
}
