import { ConfigError } from '../../core/errors';
import { versioned } from '../output-types';
import type { Diagnostic } from '../../core/types';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toGitHubAnnotations } from '../../core/annotations';
import { findCommittedCredentials } from '../../node/committed-credentials';
import { BASELINE_FILE, readCredentialBaseline, writeCredentialBaseline, type CredentialBaseline } from '../../node/credential-baseline';
import { doctor as runDoctor } from '../../node/doctor';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, resolveOptions, text, writeOptions, type Values } from '../options';
import { groupFixEdits, type FixGroup } from '../../core/fixes';
import type { WriteScope } from '../../core/write-plan';
import { writeSettings } from '../../node/write';
import { editDiff } from '../diff';
import type { Command } from './types';

/** `--ci`: settings files committed to the repository that hold a credential (values never printed). */
async function committedCredentials(dir: string, io: CliIo, baseline: CredentialBaseline | undefined): Promise<Diagnostic[]> {
  try {
    return await findCommittedCredentials(dir, { env: io.env, ...(baseline ? { baseline } : {}) });
  } catch (error) {
    // A pipeline pointed at the wrong folder must not pass silently.
    if (error instanceof ConfigError && (error.code === 'GIT_FAILED' || error.code === 'INVALID_OPTIONS')) {
      throw new UsageError(`doctor --ci: ${error.message}`, 'run it in the repository, or pass --repo <dir>');
    }
    throw error;
  }
}

function print(io: CliIo, diagnostics: Diagnostic[], asJson: boolean, verbose = true): void {
  if (asJson) {
    io.stdout(json(versioned({ diagnostics })));
    return;
  }
  const paint = painter(io);
  if (diagnostics.length === 0) io.stdout(`${paint('green', 'No problems found.')}\n`);
  // The information findings (true of every gateway setup) fold into one line unless --verbose.
  const notes = verbose ? [] : diagnostics.filter((d) => d.severity === 'info');
  for (const d of diagnostics) if (!notes.includes(d)) io.stdout(`${paintDiagnostic(d, paint)}\n`);
  if (notes.length > 0)
    io.stdout(`${paint('cyan', `${notes.length} note(s)`)}: ${notes.map((d) => d.code).join(', ')} (claude-gateway doctor --verbose shows them)\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (diagnostics.length > 0) io.stdout(`\n${errors} error(s), ${warnings} warning(s)\n`);
}

/**
 * `--fix`: the fixes the doctor can make itself, each file written once through the safe writer.
 * Without `--yes` it shows the diff of each file and asks (in a terminal) or stops there.
 */
async function fix(values: Values, io: CliIo, diagnostics: Diagnostic[]): Promise<number> {
  const groups = groupFixEdits(diagnostics);
  const asJson = flag(values, 'json');
  const paint = painter(io);
  if (groups.length === 0) {
    if (asJson) io.stdout(json(versioned({ applied: false, files: [], remaining: diagnostics })));
    else io.stdout('Nothing the doctor can fix by itself; the fixes above are for you to apply.\n');
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
  }
  const show = flag(values, 'show-secrets');
  const settingsFile = text(values, 'settings');
  const target = (g: FixGroup): { scope: WriteScope; settingsFile?: string } => {
    if (g.scope !== 'cli') return { scope: g.scope };
    if (!settingsFile || settingsFile.trim().startsWith('{'))
      throw new UsageError('a fix in --settings needs --settings <file> (inline JSON cannot be edited)');
    return { scope: 'cli', settingsFile };
  };
  type Planned = { group: FixGroup; path: string; diff: string; backupId?: string; warnings: Diagnostic[] };
  const writeAll = async (dryRun: boolean): Promise<Planned[]> => {
    const out: Planned[] = [];
    for (const g of groups) {
      const r = await writeSettings({ ...writeOptions(values, io), ...target(g), ops: g.ops, dryRun });
      // What the writer says about the edit (a value that still will not take effect, and why).
      out.push({ group: g, path: r.path, diff: editDiff(io, r, g.ops, show), warnings: r.diagnostics, ...(r.backupId ? { backupId: r.backupId } : {}) });
    }
    return out;
  };
  const planned = await writeAll(true);
  if (!asJson) {
    io.stdout(`\n${paint('bold', `The doctor can fix ${groups.reduce((n, g) => n + g.fixes.length, 0)} finding(s) in ${groups.length} file(s):`)}\n`);
    for (const p of planned) {
      io.stdout(`${p.group.fixes.map((d) => `  ${d.code}`).join('\n')}\n${p.diff}`);
      for (const d of p.warnings) io.stdout(`${paintDiagnostic(d, paint)}\n`);
    }
  }
  let apply = flag(values, 'yes');
  if (!apply && !flag(values, 'dry-run') && io.prompt && !asJson) {
    apply = /^y(es)?$/i.test((await io.prompt('Apply these changes? (backups are taken; claude-gateway revert undoes them) [y/N] ')).trim());
  }
  if (!apply) {
    if (asJson)
      io.stdout(
        json(
          versioned({
            applied: false,
            files: planned.map((p) => ({ path: p.path, scope: p.group.scope, fixes: p.group.fixes.map((d) => d.code), warnings: p.warnings })),
          }),
        ),
      );
    else io.stdout(`Nothing written. ${flag(values, 'dry-run') ? 'Run without --dry-run' : 'Run claude-gateway doctor --fix --yes'} to apply.\n`);
    return EXIT.failed;
  }
  const written = await writeAll(false);
  const after = await runDoctor({ ...resolveOptions(values, io), ...(flag(values, 'no-info') ? { information: false } : {}) });
  if (asJson) {
    io.stdout(
      json(
        versioned({
          applied: true,
          files: written.map((w) => ({
            path: w.path,
            scope: w.group.scope,
            fixes: w.group.fixes.map((d) => d.code),
            backupId: w.backupId,
            warnings: w.warnings,
          })),
          remaining: after.diagnostics,
        }),
      ),
    );
  } else {
    for (const w of written)
      io.stdout(`${paint('green', 'wrote')} ${w.path} (backup ${w.backupId ?? 'none'}; undo: claude-gateway revert ${w.backupId ?? w.path})\n`);
    io.stdout('\nAfter the fixes:\n');
    print(io, after.diagnostics, false);
  }
  return after.diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
}

/**
 * `--ci`: the credentials a commit would publish in settings files, less those allowed on purpose (an
 * allow comment, the baseline); `--update-baseline` allows every one found; `--format github` prints
 * workflow commands that annotate the lines.
 */
async function ci(values: Values, io: CliIo, github: boolean): Promise<number> {
  const repo = resolve(io.cwd, text(values, 'repo') ?? text(values, 'cwd') ?? io.cwd);
  const given = text(values, 'baseline');
  const baselinePath = given !== undefined ? resolve(io.cwd, given) : join(repo, BASELINE_FILE);
  const baseline = given !== undefined || existsSync(baselinePath) ? readCredentialBaseline(baselinePath) : undefined;
  if (flag(values, 'update-baseline')) {
    const found = await committedCredentials(repo, io, baseline);
    const allow = found
      .filter((d) => d.code !== 'doctor-credential-allowed' || d.args?.['by'] === 'baseline')
      .map((d) => ({
        file: String(d.args?.['file']),
        variable: String((d.args?.['variables'] as readonly string[] | undefined)?.[0]),
        fingerprint: String(d.args?.['fingerprint']),
      }));
    await writeCredentialBaseline(baselinePath, { allow });
    if (flag(values, 'json')) io.stdout(json(versioned({ baseline: baselinePath, allowed: allow.length })));
    else io.stdout(`wrote ${baselinePath}: ${allow.length} credential(s) allowed on purpose; commit it, and check each is a fake\n`);
    return EXIT.ok;
  }
  const found = await committedCredentials(repo, io, baseline);
  if (github) io.stdout(toGitHubAnnotations(found, { root: repo }));
  else print(io, found, flag(values, 'json'));
  return found.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
}

export const doctor: Command = {
  examples: [
    'claude-gateway doctor',
    'claude-gateway doctor --fix --dry-run',
    'claude-gateway doctor --ci --repo .   # in a pipeline: credentials in committed settings files',
  ],
  name: 'doctor',
  summary: 'every problem with the configuration, with its fix; exit code 1 on errors',
  usage: 'claude-gateway doctor [--ci [--repo <dir>] [--format github] [--baseline <file>]] [--fix [--yes | --dry-run]] [--no-info] [options]',
  options: {
    ci: { type: 'boolean' },
    repo: { type: 'string' },
    'no-info': { type: 'boolean' },
    verbose: { type: 'boolean' },
    fix: { type: 'boolean' },
    yes: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    format: { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
  },
  help: [
    '  --ci                      only check settings files committed to the repository for credentials',
    '  --repo <dir>              the repository for --ci (default: --cwd)',
    '  --format <text|github>    with --ci: github prints one annotation per finding (::error file=…,line=…)',
    `  --baseline <file>         with --ci: credentials allowed on purpose (default ${BASELINE_FILE} in --repo)`,
    '  --update-baseline         with --ci: allow every credential found now (test fixtures), and write the baseline',
    '  --no-info                 leave out the information findings',
    '  --verbose                 print each information finding (otherwise one line names them)',
    "  --fix                     make the fixes the doctor can make itself (shows each file's diff first,",
    '                            asks in a terminal; through the safe writer, with backups)',
    '  --yes                     with --fix: apply without asking',
    '  --dry-run                 with --fix: show the diffs, write nothing',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse(args, this.options);
    const asJson = flag(values, 'json');
    if ((flag(values, 'yes') || flag(values, 'dry-run')) && !flag(values, 'fix')) throw new UsageError('--yes and --dry-run go with --fix');
    const format = text(values, 'format') ?? 'text';
    if (format !== 'text' && format !== 'github') throw new UsageError(`--format takes text or github, not ${format}`);
    if (!flag(values, 'ci') && (format !== 'text' || text(values, 'baseline') !== undefined || flag(values, 'update-baseline')))
      throw new UsageError('--format, --baseline and --update-baseline go with --ci');
    if (format === 'github' && asJson) throw new UsageError('--format github and --json both choose the output: give one');
    if (flag(values, 'ci')) return ci(values, io, format === 'github');
    const { diagnostics } = await runDoctor({ ...resolveOptions(values, io), ...(flag(values, 'no-info') ? { information: false } : {}) });
    if (flag(values, 'fix')) {
      if (!asJson) print(io, diagnostics, false);
      return fix(values, io, diagnostics);
    }
    print(io, diagnostics, asJson, flag(values, 'verbose'));
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};
