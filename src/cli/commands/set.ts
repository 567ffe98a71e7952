import type { EditOp } from '../../core/edit';
import { versioned } from '../output-types';
import type { WriteScope } from '../../core/write-plan';
import { createRedactor, maskSettingValue, secretPartsOf, secretsOfEdit } from '../../core/redact';
import { headerVariableFormat, isCredentialVariable } from '../../core/variables';
import { writeSettings } from '../../node/write';
import { editDiff } from '../diff';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, RefusedError, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, text, writeOptions, type Values, WRITING_GLOBALS } from '../options';
import { noteSecrets } from '../secrets';
import type { Command } from './types';

const SCOPES: readonly WriteScope[] = ['user', 'project', 'local', 'managed', 'managed-drop-in', 'cli'];
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const WRITE_OPTIONS = {
  scope: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'drop-in': { type: 'string' },
  file: { type: 'string' },
  'allow-credentials-in-project': { type: 'boolean' },
  'git-ignore': { type: 'string' },
  'convert-jsonc': { type: 'boolean' },
  'allow-read-only': { type: 'boolean' },
} as const;
export const WRITE_HELP = `  --scope <scope>           user, project, local, managed, managed-drop-in or cli (required)
  --dry-run                 show the diff, write nothing
  --drop-in <name>          for managed-drop-in: e.g. 10-gateway.json
  --file <path>             for cli: the --settings file
  --allow-credentials-in-project   write a credential into the project file anyway (never one git tracks;
                                   git is made to ignore it first)
  --git-ignore <where>      gitignore (default), info-exclude or global, for a credential in an unignored file
  --convert-jsonc           rewrite a file with comments as strict JSON (comments are lost)
  --allow-read-only         write a settings file whose mode says read-only (it stays read-only)`;

function scopeOf(values: Values): WriteScope {
  const scope = text(values, 'scope');
  if (!scope) throw new UsageError('--scope is required', `one of ${SCOPES.join(', ')}`);
  if (!SCOPES.includes(scope as WriteScope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}`);
  return scope as WriteScope;
}

/** Writes `ops` through the safe writer as `set` does (`--scope`, `--dry-run`, `--file`, …), printing the diff or what was written. */
export async function writeOps(values: Values, io: CliIo, ops: EditOp[]): Promise<number> {
  const scope = scopeOf(values);
  const gitIgnore = text(values, 'git-ignore');
  if (gitIgnore && !['gitignore', 'info-exclude', 'global'].includes(gitIgnore)) throw new UsageError('--git-ignore takes gitignore, info-exclude or global');
  const dropIn = text(values, 'drop-in');
  const file = text(values, 'file');
  const result = await writeSettings({
    ...writeOptions(values, io),
    scope,
    ops,
    ...(flag(values, 'dry-run') ? { dryRun: true } : {}),
    ...(dropIn ? { dropInName: dropIn } : {}),
    ...(file ? { settingsFile: file } : {}),
    ...(flag(values, 'allow-credentials-in-project') ? { allowCredentialsInProject: true } : {}),
    ...(gitIgnore ? { gitIgnoreTarget: gitIgnore as 'gitignore' | 'info-exclude' | 'global' } : {}),
    ...(flag(values, 'convert-jsonc') ? { convertJsonc: true } : {}),
    ...(flag(values, 'allow-read-only') ? { allowReadOnly: true } : {}),
  });
  const show = flag(values, 'show-secrets');
  // Every credential of the file before and after and of the edit, masked in the diff, the JSON and anything else printed.
  const secrets = show ? [] : secretsOfEdit(result.previousText, result.text, ops);
  noteSecrets(io, secrets);
  const redactor = createRedactor(secrets);
  if (flag(values, 'json')) {
    const changes = result.changes.map((c) => ({
      ...c,
      ...('before' in c ? { before: maskSettingValue(c.path, c.before) } : {}),
      ...('after' in c ? { after: maskSettingValue(c.path, c.after) } : {}),
    }));
    io.stdout(json(versioned(show ? result : redactor.value({ ...result, changes }))));
    return EXIT.ok;
  }
  const paint = painter(io);
  if (result.dryRun) io.stdout(editDiff(io, result, ops, show));
  else if (result.changes.length === 0) io.stdout(`${result.path}: nothing to change\n`);
  else
    io.stdout(
      `${paint('green', 'wrote')} ${result.path} (${result.changes.length} change(s); backup ${result.backupId ?? 'none'}; undo: claude-gateway revert ${result.backupId ?? result.path})\n`,
    );
  for (const d of result.diagnostics) io.stdout(`${paintDiagnostic(d, paint)}\n`);
  return EXIT.ok;
}

/** Where `set NAME` (no `=value`) takes the value from: a variable of this shell, standard input, or a hidden prompt. */
async function valueFor(name: string, values: Values, io: CliIo): Promise<string> {
  const fromEnv = text(values, 'value-env');
  if (fromEnv !== undefined) {
    const v = io.env[fromEnv];
    if (v === undefined || v === '') throw new UsageError(`--value-env ${fromEnv}: the variable is not set in this shell`);
    return v;
  }
  if (flag(values, 'value-stdin')) {
    if (!io.stdin) throw new UsageError('--value-stdin: there is no standard input to read');
    return (await io.stdin()).replace(/\r?\n$/, '');
  }
  if (!io.prompt)
    throw new UsageError(`${name} needs a value`, `claude-gateway set ${name}=value, or ${name} --value-env VAR or --value-stdin for a credential`);
  const secret = isCredentialVariable(name, 'x') || headerVariableFormat(name) !== undefined;
  const answer = await io.prompt(`${name}${secret ? ' (not shown)' : ''}: `, { secret });
  if (answer === '') throw new UsageError(`no value given for ${name}; nothing written`);
  return answer;
}

export const set: Command = {
  globals: WRITING_GLOBALS,
  examples: [
    'claude-gateway set ANTHROPIC_BASE_URL=https://gw.example.com --scope user --dry-run',
    'claude-gateway set ANTHROPIC_AUTH_TOKEN --value-env GATEWAY_TOKEN --scope local',
  ],
  name: 'set',
  summary: 'set variables in a settings file (minimal diff, atomic, backed up)',
  usage:
    'claude-gateway set NAME=value [NAME=value ...] --scope <scope> [--dry-run]\n       claude-gateway set NAME [--value-env VAR | --value-stdin] --scope <scope>   (a credential: never as NAME=value)',
  options: { ...WRITE_OPTIONS, 'value-env': { type: 'string' }, 'value-stdin': { type: 'boolean' } },
  help: `${WRITE_HELP}
  --value-env VAR           set NAME to the value of VAR in this shell (for a credential: it never shows in
                            shell history or ps; the value is copied into the settings file)
  --value-stdin             set NAME to what standard input holds (a final line break dropped)
  With NAME alone in a terminal, the value is asked for (hidden for a credential).
  A credential typed as NAME=value (ANTHROPIC_AUTH_TOKEN=…, a credential header in ANTHROPIC_CUSTOM_HEADERS,
  a password in a URL) is refused (exit 3): shell history and ps would keep it.`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    if (positionals.length === 0) throw new UsageError('set needs NAME=value', 'claude-gateway set ANTHROPIC_BASE_URL=https://gw.example.com --scope user');
    const single = positionals.filter((p) => !p.includes('='));
    if (single.length > 0 && positionals.length > 1)
      throw new UsageError('give NAME alone (with --value-env, --value-stdin or a prompt) as the only variable of the command');
    if (single.length === 0 && (text(values, 'value-env') !== undefined || flag(values, 'value-stdin')))
      throw new UsageError('--value-env and --value-stdin go with NAME alone, not NAME=value');
    const ops: EditOp[] = [];
    for (const p of positionals) {
      const eq = p.indexOf('=');
      if (eq < 0) {
        if (!NAME_RE.test(p)) throw new UsageError(`${JSON.stringify(p)} is not a variable name`);
        ops.push({ op: 'set', path: ['env', p], value: await valueFor(p, values, io) });
        continue;
      }
      const name = p.slice(0, eq);
      // The value is left out of every message: it may be a credential.
      if (!NAME_RE.test(name)) throw new UsageError(eq > 0 ? `${JSON.stringify(`${name}=…`)} is not NAME=value` : 'an argument is not NAME=value');
      const value = p.slice(eq + 1);
      if (secretPartsOf(name, value).length > 0) {
        throw new RefusedError(
          'CREDENTIAL_ON_COMMAND_LINE',
          `${name}=… puts a credential on the command line, where shell history and ps keep it; nothing written`,
          `claude-gateway set ${name} --value-env VAR --scope …, or --value-stdin, or ${name} alone in a terminal to be asked`,
        );
      }
      ops.push({ op: 'set', path: ['env', name], value });
    }
    return writeOps(values, io, ops);
  },
};

export const unset: Command = {
  globals: WRITING_GLOBALS,
  examples: [
    'claude-gateway unset ANTHROPIC_API_KEY --scope user --dry-run',
    'claude-gateway unset CLAUDE_CODE_USE_BEDROCK CLAUDE_CODE_SKIP_BEDROCK_AUTH --scope local',
  ],
  name: 'unset',
  summary: 'remove variables from a settings file',
  usage: 'claude-gateway unset NAME [NAME ...] --scope <scope> [--dry-run]',
  options: WRITE_OPTIONS,
  help: WRITE_HELP,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    if (positionals.length === 0) throw new UsageError('unset needs a variable name');
    for (const n of positionals) if (!NAME_RE.test(n)) throw new UsageError(`${JSON.stringify(n)} is not a variable name`);
    return writeOps(
      values,
      io,
      positionals.map((n) => ({ op: 'unset', path: ['env', n] })),
    );
  },
};
