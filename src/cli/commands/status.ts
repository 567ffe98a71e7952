import { formatEffectiveConfig } from '../../core/format';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { secretValuesOf } from '../../core/redact';
import { configJson, json } from '../format';
import { noteSecrets } from '../secrets';
import { EXIT } from '../io';
import { flag, parse, resolveOptions } from '../options';
import type { Command } from './types';

export const status: Command = {
  examples: ['claude-gateway status', 'claude-gateway status --non-interactive --model sonnet --json'],
  name: 'status',
  summary: "what Claude Code's /status would show for gateways, with the source of every value",
  usage: 'claude-gateway status [--all] [options]',
  options: { all: { type: 'boolean' } },
  help: '  --all                     list every variable, not only the gateway-relevant ones',
  async run(args, io) {
    const { values } = parse(args, this.options);
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    const show = flag(values, 'show-secrets');
    noteSecrets(io, secretValuesOf(config));
    io.stdout(
      flag(values, 'json') ? json(configJson(config, show)) : `${formatEffectiveConfig(config, { showSecrets: show, allVariables: flag(values, 'all') })}\n`,
    );
    return EXIT.ok;
  },
};
