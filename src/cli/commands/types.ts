import type { CliIo } from '../io';
import type { OptionSpec } from '../options';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Extra lines for --help: the command's own options. */
  help?: string;
  /** The shared options that mean something to this command (help lists only these). @default the reading ones */
  globals?: readonly string[];
  /** Command lines to copy, shown under "Examples" in --help. */
  examples?: readonly string[];
  run(args: string[], io: CliIo): Promise<number>;
}
