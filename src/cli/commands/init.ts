import { toSettingsOps } from '../../core/generate/settings-patch';
import { writeSettings } from '../../node/write';
import { lineDiff } from '../diff';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT } from '../io';
import { flag, parse, text, writeOptions } from '../options';
import { createRedactor, secretsInEdit, secretsInSettingsText } from '../../core/redact';
import { noteSecrets } from '../secrets';
import { describe, DESCRIBE_HELP, DESCRIBE_OPTIONS, KINDS } from '../describe';
import type { Command } from './types';

export const init: Command = {
  name: 'init',
  summary: `write a gateway or provider configuration into a settings file (${KINDS.join(', ')})`,
  usage: 'claude-gateway init <kind> [describing flags] [--scope user] [--dry-run]',
  options: { ...DESCRIBE_OPTIONS, scope: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'allow-read-only': { type: 'boolean' } },
  help: `  --scope <scope>           user (default), local, project, managed, cli
  --dry-run                 show the diff, write nothing
  --allow-read-only         write a settings file whose mode says read-only (it stays read-only)
Asks for what it needs when run in a terminal; takes flags otherwise.
${DESCRIBE_HELP}`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const value = await describe(positionals[0], values, io);
    const scope = (text(values, 'scope') ?? 'user') as 'user';
    const ops = toSettingsOps(value);
    const show = flag(values, 'show-secrets');
    // The credentials read (flags, standard input, the terminal) are known before the write, whose errors may quote them.
    noteSecrets(io, secretsInEdit(ops));
    const result = await writeSettings({ ...writeOptions(values, io), scope, ops, ...(flag(values, 'dry-run') ? { dryRun: true } : {}), ...(flag(values, 'allow-read-only') ? { allowReadOnly: true } : {}) });
    // The diff shows the target file: the credentials already in it are masked as well as the new ones.
    const secrets = show ? [] : [...secretsInSettingsText(result.previousText ?? ''), ...secretsInSettingsText(result.text), ...secretsInEdit(ops)];
    noteSecrets(io, secrets);
    const redactor = createRedactor(secrets);
    const mask = (t: string): string => (show ? t : redactor.text(t));
    if (flag(values, 'json')) {
      io.stdout(json({ path: result.path, changes: result.changes.length, backupId: result.backupId, dryRun: result.dryRun, diagnostics: [...value.diagnostics, ...result.diagnostics] }));
      return EXIT.ok;
    }
    const paint = painter(io);
    if (result.dryRun) io.stdout(lineDiff(mask(result.previousText ?? ''), mask(result.text), result.path));
    else io.stdout(`${paint('green', 'wrote')} ${result.path} (${result.changes.length} change(s); undo: claude-gateway revert ${result.backupId ?? result.path})\n`);
    for (const d of [...value.diagnostics, ...result.diagnostics]) io.stdout(`${paintDiagnostic(d, paint)}\n`);
    if (value.unset.length > 0) io.stdout(`Also make sure these are not set in your shell: ${value.unset.join(' ')} (claude-gateway generate bash … prints the unset line)\n`);
    return EXIT.ok;
  },
};
