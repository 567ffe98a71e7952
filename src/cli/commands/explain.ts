import { explain as explainValue } from '../../core/explain';
import { versioned } from '../output-types';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { secretValuesOf } from '../../core/redact';
import { KNOWN_VARIABLES } from '../../core/known-variables';
import { didYouMean } from '../../core/suggest';
import { json } from '../format';
import { noteSecrets } from '../secrets';
import { EXIT, UsageError } from '../io';
import { flag, parse, resolveOptions } from '../options';
import type { Command } from './types';

export const explain: Command = {
  examples: ['claude-gateway explain ANTHROPIC_BASE_URL', 'claude-gateway explain apiKeyHelper --json'],
  name: 'explain',
  summary: 'the winner of a variable or settings key, every value it overrode, and the rule that decided',
  usage: 'claude-gateway explain <VARIABLE|key> [options]',
  options: {},
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const name = positionals[0];
    if (!name || positionals.length > 1) throw new UsageError('explain takes one variable or settings key', 'claude-gateway explain ANTHROPIC_BASE_URL');
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    noteSecrets(io, secretValuesOf(config));
    // A name no source sets and Claude Code does not read, next to one it does: a typo, not an answer.
    const known = [...KNOWN_VARIABLES, ...Object.keys(config.env), ...Object.keys(config.keys)];
    if (!Object.hasOwn(config.env, name) && !Object.hasOwn(config.keys, name) && !KNOWN_VARIABLES.includes(name)) {
      const near = didYouMean(name, known);
      if (near)
        throw new UsageError(
          `${name} is not set by any source, and Claude Code reads no variable or key of that name`,
          `did you mean claude-gateway explain ${near}?`,
        );
    }
    const e = explainValue(config, name, { showSecrets: flag(values, 'show-secrets') });
    io.stdout(flag(values, 'json') ? json(versioned(e)) : `${e.text}\n`);
    return EXIT.ok;
  },
};
