import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettingsText } from '../../core/parse';
import { isSecretVariable } from '../../core/variables';
import type { Diagnostic } from '../../core/types';
import { doctor as runDoctor } from '../../node/doctor';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, resolveOptions, text } from '../options';
import type { Command } from './types';

/** A tracked file's text: the working tree's, or the index's when it was deleted from the tree. */
function readTracked(dir: string, rel: string, path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    try {
      return execFileSync('git', ['show', `:./${rel}`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  }
}

/** `--ci`: settings files committed to the repository that hold a credential (values never printed). */
function committedCredentials(dir: string): Diagnostic[] {
  let listed: string;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--', ':(glob)**/.claude/settings.json', ':(glob)**/.claude/settings.local.json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // A pipeline pointed at the wrong folder must not pass silently.
    throw new UsageError(`doctor --ci: ${dir} is not in a git repository (or git is missing)`, 'run it in the repository, or pass --repo <dir>');
  }
  const out: Diagnostic[] = [];
  for (const rel of listed.split('\0').filter(Boolean)) {
    const path = join(dir, rel);
    const content = readTracked(dir, rel, path);
    if (content === undefined) continue;
    const parsed = parseSettingsText(content, path);
    const env = parsed.value?.['env'];
    if (!env || typeof env !== 'object') continue;
    const found = Object.entries(env as Record<string, unknown>).filter(([n, v]) => typeof v === 'string' && isSecretVariable(n, v)).map(([n]) => n);
    if (found.length > 0) {
      out.push({
        code: rel.endsWith('settings.json') ? 'doctor-credential-in-project-file' : 'doctor-credential-in-tracked-file',
        severity: 'error',
        path,
        message: `${found.join(', ')} committed in ${rel}`,
        fix: 'Remove it from the file and the history, and rotate the credential',
      });
    }
  }
  return out;
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
      const found = committedCredentials(text(values, 'repo') ?? text(values, 'cwd') ?? io.cwd);
      print(io, found, asJson);
      return found.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const { diagnostics } = await runDoctor({ ...resolveOptions(values, io), ...(flag(values, 'no-info') ? { information: false } : {}) });
    print(io, diagnostics, asJson);
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};
