import { posix, win32 } from 'node:path';
import { claudeConfigDir, globalConfigPath, managedFileLocations } from '../../core/locations';
import { findGitRoot, localDirectory } from '../../core/gather';
import { prepareResolution } from '../../resolve-effective';
import { defaultBackupDir } from '../../node/backup';
import { json } from '../format';
import { EXIT } from '../io';
import { flag, parse, resolveOptions } from '../options';
import type { Command } from './types';

export const paths: Command = {
  examples: ['claude-gateway paths', 'claude-gateway paths --platform win32 --home \'C:\\Users\\me\''],
  name: 'paths',
  summary: 'every location Claude Code reads on this machine (or the layout given)',
  usage: 'claude-gateway paths [options]',
  options: {},
  async run(args, io) {
    const { values } = parse(args, this.options);
    const { input } = await prepareResolution(resolveOptions(values, io));
    const p = input.platform === 'win32' ? win32 : posix;
    const git = await findGitRoot(input.fs, p, input.cwd);
    const local = await localDirectory(input, p, git);
    const configDir = claudeConfigDir(input.platform, input.homeDir, input.cwd, input.env);
    const rows: [string, string, string][] = [
      ['user', p.join(configDir, 'settings.json'), 'user settings'],
      ['project', p.join(input.cwd, '.claude', 'settings.json'), 'shared project settings (start directory only)'],
      ['local', p.join(local.dir, '.claude', 'settings.local.json'), local.reason],
      ...(local.dir !== input.cwd ? [['local (leftover)', p.join(input.cwd, '.claude', 'settings.local.json'), 'still read; the root file wins'] as [string, string, string]] : []),
      ...managedFileLocations(input.platform, input.version).flatMap((l): [string, string, string][] => [
        ['managed', l.file, l.kind === 'windows-legacy' ? 'legacy C:\\ProgramData fallback' : 'managed settings file'],
        ['managed drop-ins', l.dropInDir, '*.json merged alphabetically after the file'],
      ]),
      ['global config', globalConfigPath(input.platform, input.homeDir, input.cwd, input.env), 'trust (hasTrustDialogAccepted), API-key approvals'],
      ['credentials', p.join(configDir, '.credentials.json'), input.platform === 'darwin' ? 'not used on macOS (Keychain)' : 'the /login session'],
      ['model cache', p.join(configDir, 'cache', 'gateway-models.json'), 'gateway model discovery cache'],
      ['backups', defaultBackupDir(), 'claude-gateway-config backups'],
    ];
    if (flag(values, 'json')) io.stdout(json(rows.map(([name, path, note]) => ({ name, path, note }))));
    else for (const [name, path, note] of rows) io.stdout(`${name.padEnd(17)} ${path}\n${' '.repeat(18)}${note}\n`);
    return EXIT.ok;
  },
};
