import { isAbsolute, resolve } from 'node:path';
import { versioned } from '../output-types';
import { listBackups, revert as revertFile } from '../../node/write';
import { json } from '../format';
import { EXIT, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, text, type Values } from '../options';
import type { Command } from './types';

/** A settings file named on the command line, relative to --cwd (or the working directory). */
function absolute(path: string, values: Values, io: CliIo): string {
  return isAbsolute(path) ? path : resolve(io.cwd, text(values, 'cwd') ?? '.', path);
}

export const backups: Command = {
  globals: ['json', 'cwd', 'help'],
  examples: ['claude-gateway backups', 'claude-gateway backups --path ~/.claude/settings.json --json'],
  name: 'backups',
  summary: 'the backups taken before every write, newest first',
  usage: 'claude-gateway backups [--path <settings file>] [--backup-dir <dir>]',
  options: { path: { type: 'string' }, 'backup-dir': { type: 'string' } },
  async run(args, io) {
    const { values } = parse(args, this.options);
    const given = text(values, 'path');
    const path = given === undefined ? undefined : absolute(given, values, io);
    const dir = text(values, 'backup-dir');
    const list = listBackups({ ...(path ? { path } : {}), ...(dir ? { backupDir: dir } : {}) });
    if (flag(values, 'json')) io.stdout(json(versioned({ backups: list })));
    else if (list.length === 0) io.stdout('No backups.\n');
    else for (const b of list) io.stdout(`${b.id}  ${b.time}  ${b.existed ? `${b.size ?? 0} bytes` : '(file did not exist)'}  ${b.reason}  ${b.path}\n`);
    return EXIT.ok;
  },
};

export const revert: Command = {
  globals: ['json', 'cwd', 'help'],
  examples: ['claude-gateway revert 20261204T205200770Z-9f663d', 'claude-gateway revert ~/.claude/settings.json   # the newest backup of that file'],
  name: 'revert',
  summary: 'restore a settings file byte for byte from a backup (an id, or a path for its newest backup)',
  usage: 'claude-gateway revert <backup id | settings file> [--backup-dir <dir>] [--allow-read-only]',
  options: { 'backup-dir': { type: 'string' }, 'allow-read-only': { type: 'boolean' } },
  help: '  --backup-dir <dir>        where the backups are (default: the data directory)\n  --allow-read-only         restore a settings file whose mode says read-only',
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const target = positionals[0];
    if (!target) throw new UsageError('revert needs a backup id or a settings file', 'claude-gateway backups lists them');
    const dir = text(values, 'backup-dir');
    const isPath = target.includes('/') || target.includes('\\');
    const r = await revertFile(isPath ? absolute(target, values, io) : target, {
      ...(dir ? { backupDir: dir } : {}),
      ...(flag(values, 'allow-read-only') ? { allowReadOnly: true } : {}),
    });
    if (flag(values, 'json')) io.stdout(json(versioned(r)));
    else io.stdout(`${r.removed ? 'removed' : 'restored'} ${r.path} (from ${r.restored.id}; undo with claude-gateway revert ${r.backupId})\n`);
    return EXIT.ok;
  },
};
