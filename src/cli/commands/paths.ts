import { locateSources } from '../../node/locate';
import { versioned } from '../output-types';
import { json } from '../format';
import { EXIT } from '../io';
import { flag, parse, resolveOptions } from '../options';
import type { Command } from './types';

export const paths: Command = {
  examples: ['claude-gateway paths', "claude-gateway paths --platform win32 --home 'C:\\Users\\me'"],
  name: 'paths',
  summary: 'every location Claude Code reads on this machine (or the layout given)',
  usage: 'claude-gateway paths [options]',
  options: {},
  async run(args, io) {
    const { values } = parse(args, this.options);
    const rows = await locateSources(resolveOptions(values, io));
    if (flag(values, 'json')) io.stdout(json(versioned({ locations: rows })));
    else for (const { name, path, note } of rows) io.stdout(`${name.padEnd(17)} ${path}\n${' '.repeat(18)}${note}\n`);
    return EXIT.ok;
  },
};
