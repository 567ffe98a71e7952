import type { CliIo } from '../io';
import type { OptionSpec } from '../options';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Extra lines for --help. */
  help?: string;
  run(args: string[], io: CliIo): Promise<number>;
}
