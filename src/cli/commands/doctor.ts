import { ConfigError } from '../../core/errors';
import type { Diagnostic } from '../../core/types';
import { findCommittedCredentials } from '../../node/committed-credentials';
import { doctor as runDoctor } from '../../node/doctor';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, resolveOptions, text } from '../options';
import type { Command } from './types';

/** `--ci`: settings files committed to the repository that hold a credential (values never printed). */
async function committedCredentials(dir: string, io: CliIo): Promise<Diagnostic[]> {
  try {
    return await findCommittedCredentials(dir, { env: io.env });
  } catch (error) {
    // A pipeline pointed at the wrong folder must not pass silently.
    if (error instanceof ConfigError && (error.code === 'GIT_FAILED' || error.code === 'INVALID_OPTIONS')) {
      throw new UsageError(`doctor --ci: ${error.message}`, 'run it in the repository, or pass --repo <dir>');
    }
    throw error;
  }
}

function print(io: CliIo, diagnostics: Diagnostic[], asJson: boolean): void {
  if (asJson) {
    io.stdout(json(diagnostics));
    return;
  }
  const paint = painter(io);
  if (diagnostics.length === 0) io.stdout(`${paint('green', 'No problems found.')}\n`);
  for (const d of diagnostics) io.stdout(`${paintDiagnostic(d, paint)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (diagnostics.length > 0) io.stdout(`\n${errors} error(s), ${warnings} warning(s)\n`);
}

export const doctor: Command = {
  name: 'doctor',
  summary: 'every problem with the configuration, with its fix; exit code 1 on errors',
  usage: 'claude-gateway doctor [--ci [--repo <dir>]] [--no-info] [options]',
  options: { ci: { type: 'boolean' }, repo: { type: 'string' }, 'no-info': { type: 'boolean' } },
  help: '  --ci                      only check settings files committed to the repository for credentials\n  --repo <dir>              the repository for --ci (default: --cwd)\n  --no-info                 leave out the information findings',
  async run(args, io) {
    const { values } = parse(args, this.options);
    const asJson = flag(values, 'json');
    if (flag(values, 'ci')) {
      const found = await committedCredentials(text(values, 'repo') ?? text(values, 'cwd') ?? io.cwd, io);
      print(io, found, asJson);
      return found.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const { diagnostics } = await runDoctor({ ...resolveOptions(values, io), ...(flag(values, 'no-info') ? { information: false } : {}) });
    print(io, diagnostics, asJson);
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};
