import { explainError } from '../../core/explain-error';
import { versioned } from '../output-types';
import { secretValuesOf } from '../../core/redact';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { json } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, resolveOptions } from '../options';
import { noteSecrets } from '../secrets';
import type { Command } from './types';
import { withFlags } from '../flags';

export const explainErrorCommand: Command = {
  examples: ['claude-gateway explain-error "API Error: 401 Invalid bearer token"', 'claude -p "hi" 2>&1 | claude-gateway explain-error --stdin'],
  name: 'explain-error',
  summary: "what a Claude Code error means for this machine's configuration, and how to fix it",
  usage: 'claude-gateway explain-error "<error text>" [options]\n       <command> 2>&1 | claude-gateway explain-error --stdin',
  options: { stdin: { type: 'boolean' } },
  help: `  "<error text>"            the message Claude Code printed (quote it), e.g. "API Error: 401 ..."
  --stdin                   read the error text from standard input (paste it, or pipe claude's output)
Exit codes: 0 the error is known and explained, 1 it is not one this tool knows.`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    let text = positionals.join(' ');
    if (flag(values, 'stdin')) {
      if (!io.stdin) throw new UsageError('--stdin: there is no standard input to read');
      text = `${text}\n${await io.stdin()}`.trim();
    }
    if (text.trim() === '')
      throw new UsageError('explain-error needs the error text', 'claude-gateway explain-error "API Error: 401 ...", or pipe it with --stdin');
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    noteSecrets(io, secretValuesOf(config));
    const e = explainError(text, config);
    if (flag(values, 'json')) {
      io.stdout(json(versioned(e ? { known: true, ...e } : { known: false })));
      return e ? EXIT.ok : EXIT.failed;
    }
    if (!e) {
      io.stdout('Not an error this tool knows. Run claude-gateway doctor for the configuration, or claude-gateway verify to test the gateway.\n');
      return EXIT.failed;
    }
    io.stdout(`${e.code}\n  cause: ${withFlags(e.cause)}\n  fix:   ${withFlags(e.fix)}\n`);
    return EXIT.ok;
  },
};
