import { toSettingsOps } from '../../core/generate/settings-patch';
import { versioned } from '../output-types';
import { writeSettings } from '../../node/write';
import { editDiff } from '../diff';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, InterruptedError, UsageError } from '../io';
import { flag, parse, resolveOptions, text, writeOptions, WRITING_GLOBALS } from '../options';
import { askForMissing, confirm } from '../guided';
import { doctor as runDoctor } from '../../node/doctor';
import type { WriteSettingsResult as WriteResult } from '../../node/write';
import { secretsInEdit } from '../../core/redact';
import { noteSecrets } from '../secrets';
import { describe, DESCRIBE_HELP, DESCRIBE_OPTIONS, KINDS, type Kind } from '../describe';
import type { Command } from './types';

export const init: Command = {
  globals: WRITING_GLOBALS,
  examples: [
    'claude-gateway init gateway   # in a terminal: asks what it needs',
    'claude-gateway init vertex --project my-proj --region us-east5 --scope user --yes',
  ],
  name: 'init',
  summary: `write a gateway or provider configuration into a settings file (${KINDS.join(', ')})`,
  usage: 'claude-gateway init <kind> [describing flags] [--scope user] [--dry-run]',
  options: {
    ...DESCRIBE_OPTIONS,
    scope: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'allow-read-only': { type: 'boolean' },
    'allow-credentials-in-project': { type: 'boolean' },
    yes: { type: 'boolean' },
  },
  help: `  --scope <scope>           user (default), local, project, managed, cli
  --dry-run                 show the diff, write nothing
  --yes                     in a terminal: ask nothing, write what the flags say
  --allow-read-only         write a settings file whose mode says read-only (it stays read-only)
  --allow-credentials-in-project   a credential may go into the shared project file (never into one git tracks)
In a terminal it asks for what the flags leave out (every kind), checks each answer as it is given, shows
what it will write (masked) and where, asks before writing, then runs the doctor and offers verify.
--token-env NAME (and the other -env flags) copy the variable's value into the settings file.
${DESCRIBE_HELP}`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const kind = positionals[0];
    if (!kind || !(KINDS as readonly string[]).includes(kind))
      throw new UsageError(`say what to configure: ${KINDS.join(', ')}`, `claude-gateway init ${KINDS.join('|')}`);
    const guided = io.prompt !== undefined && !flag(values, 'json') && !flag(values, 'yes');
    // A terminal would echo what is typed, with no question.
    const stdinFlag = ['token-stdin', 'api-key-stdin'].find((f) => flag(values, f));
    if (io.prompt && stdinFlag)
      throw new UsageError(
        `--${stdinFlag} reads a pipe, not a terminal`,
        `echo "$TOKEN" | claude-gateway init …, or leave --${stdinFlag} out to be asked without echo`,
      );
    // In a terminal: ask for what the flags left out, checking each answer as it is given.
    // The shared project file takes no credential unless allowed: the questions offer none there.
    const shared = text(values, 'scope') === 'project' && !flag(values, 'allow-credentials-in-project');
    const asked = guided ? await askForMissing(kind as Kind, values, io, { noCredentials: shared }) : io;
    const { prompt: _prompt, ...quiet } = asked;
    const value = await describe(kind, values, quiet);
    const scope = (text(values, 'scope') ?? 'user') as 'user';
    const ops = toSettingsOps(value);
    const show = flag(values, 'show-secrets');
    // The credentials read (flags, standard input, the terminal) are known before the write, whose errors may quote them.
    noteSecrets(io, secretsInEdit(ops));
    const options = {
      ...writeOptions(values, asked),
      scope,
      ops,
      ...(flag(values, 'allow-read-only') ? { allowReadOnly: true } : {}),
      ...(flag(values, 'allow-credentials-in-project') ? { allowCredentialsInProject: true } : {}),
    };
    const paint = painter(io);
    // The diff shows the target file: the credentials already in it are masked as well as the new ones.
    const render = (r: WriteResult): string => editDiff(io, r, ops, show);
    // Only what is set in this shell needs unsetting.
    const stale = value.unset.filter((n) => (io.env[n] ?? '') !== '');
    if (flag(values, 'dry-run') || guided) {
      const plan = await writeSettings({ ...options, dryRun: true });
      if (flag(values, 'json')) {
        io.stdout(json(versioned({ path: plan.path, changes: plan.changes.length, dryRun: true, diagnostics: [...value.diagnostics, ...plan.diagnostics] })));
        return EXIT.ok;
      }
      if (guided) io.stdout(`\n${paint('bold', `This goes into ${plan.path}`)} (credentials shown masked):\n`);
      io.stdout(render(plan));
      for (const d of [...value.diagnostics, ...plan.diagnostics]) io.stdout(`${paintDiagnostic(d, paint)}\n`);
      if (flag(values, 'dry-run')) {
        if (stale.length > 0) io.stdout(`Also unset in your shell: ${stale.join(' ')} (claude-gateway generate bash … prints the unset line)\n`);
        return EXIT.ok;
      }
      if (!(await confirm(asked, `Write it to ${plan.path}?`))) {
        io.stdout('Nothing written.\n');
        return EXIT.failed;
      }
    }
    const result = await writeSettings(options);
    if (flag(values, 'json')) {
      io.stdout(
        json(
          versioned({
            path: result.path,
            changes: result.changes.length,
            backupId: result.backupId,
            dryRun: result.dryRun,
            diagnostics: [...value.diagnostics, ...result.diagnostics],
          }),
        ),
      );
      return EXIT.ok;
    }
    io.stdout(
      `${paint('green', 'wrote')} ${result.path} (${result.changes.length} change(s); undo: claude-gateway revert ${result.backupId ?? result.path})\n`,
    );
    if (!guided) for (const d of [...value.diagnostics, ...result.diagnostics]) io.stdout(`${paintDiagnostic(d, paint)}\n`);
    if (stale.length > 0) io.stdout(`Also unset in your shell: ${stale.join(' ')} (claude-gateway generate bash … prints the unset line)\n`);
    if (!guided) return EXIT.ok;
    // Then what Claude Code will make of it, and a test request if the person wants one.
    const { diagnostics } = await runDoctor({ ...resolveOptions(values, io), information: false });
    const problems = diagnostics.filter((d) => d.severity !== 'info');
    io.stdout(
      problems.length === 0
        ? `${paint('green', 'claude-gateway doctor: no problems found.')}\n`
        : `\nclaude-gateway doctor:\n${problems.map((d) => paintDiagnostic(d, paint)).join('\n')}\n`,
    );
    let wantsVerify = false;
    try {
      wantsVerify = kind === 'gateway' && (await confirm(asked, 'Send a test request to the gateway now (claude-gateway verify)?'));
    } catch (e) {
      // Ctrl-C here comes after the write: say so, not "nothing written".
      if (!(e instanceof InterruptedError)) throw e;
      io.stderr(
        `claude-gateway init: interrupted; ${result.path} was written already (undo: claude-gateway revert ${result.backupId ?? result.path}); no test request sent\n`,
      );
      return EXIT.interrupted;
    }
    if (wantsVerify) {
      const { verify } = await import('./verify');
      const where = (['cwd', 'home', 'platform', 'claude-version'] as const).flatMap((f) =>
        text(values, f) !== undefined ? [`--${f}`, text(values, f) as string] : [],
      );
      return verify.run(where, io);
    }
    return problems.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};
