import { formatEffectiveConfig } from '../../core/format';
import { versioned } from '../output-types';
import type { ConfigChangeEvent } from '../../node/watch';
import { watchEffectiveConfig } from '../../node/watch';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { describeSource } from '../../core/explain';
import { secretValuesOf } from '../../core/redact';
import { configJson, json } from '../format';
import { noteSecrets } from '../secrets';
import { EXIT } from '../io';
import type { Pickup } from '../../core/types';
import { flag, parse, resolveOptions } from '../options';
import type { Command } from './types';

export const status: Command = {
  examples: ['claude-gateway status', 'claude-gateway status --non-interactive --model sonnet --json', 'claude-gateway status --watch --json'],
  name: 'status',
  summary: "what Claude Code's /status would show for gateways, with the source of every value",
  usage: 'claude-gateway status [--all] [--watch] [options]',
  options: { all: { type: 'boolean' }, watch: { type: 'boolean' } },
  help: [
    '  --all                     list every variable, not only the gateway-relevant ones',
    '  --watch                   keep watching: redraw on every change (a terminal), or one line per change',
    '                            (one JSON object per line with --json); Ctrl-C stops',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse(args, this.options);
    if (flag(values, 'watch')) return watchStatus(values, io);
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    const show = flag(values, 'show-secrets');
    noteSecrets(io, secretValuesOf(config));
    io.stdout(
      flag(values, 'json')
        ? json(versioned(configJson(config, show)))
        : `${formatEffectiveConfig(config, { showSecrets: show, allVariables: flag(values, 'all') })}\n`,
    );
    return EXIT.ok;
  },
};

/** What a running Claude Code does with a change, as a short note after it (nothing when it takes it up). */
const PICKUP_NOTE: Readonly<Record<Pickup['when'], string>> = {
  live: '',
  restart: ' (restart Claude Code)',
  partial: ' (partly: restart Claude Code)',
  poll: ' (when Claude Code next checks)',
  unverified: ' (restart to be sure)',
};

/** One change in a line: what changed and where it is set now; then what needs a restart of a running Claude Code, and why. */
function changeLine(e: ConfigChangeEvent): string {
  const parts = [
    ...e.variables.map((v) => `${v.name} ${v.after ? `from ${describeSource(v.after.source)}` : 'unset'}${PICKUP_NOTE[v.pickup.when]}`),
    ...e.keys
      .filter((k) => k.name !== 'env')
      .map((k) => `${k.name} ${k.after ? `from ${describeSource(k.after.source)}` : 'unset'}${PICKUP_NOTE[k.pickup.when]}`),
    ...(e.provider ? [`provider ${e.provider.before} → ${e.provider.after}${PICKUP_NOTE[e.provider.pickup.when]}`] : []),
    ...(e.model ? [`model ${e.model.before} → ${e.model.after}${PICKUP_NOTE[e.model.pickup.when]}`] : []),
    ...(e.credentialHeaders ? ['credential headers'] : []),
    ...(e.diagnostics.added.length > 0 ? [`${e.diagnostics.added.length} new diagnostic(s): ${e.diagnostics.added.map((d) => d.code).join(', ')}`] : []),
    ...(e.diagnostics.removed.length > 0 ? [`${e.diagnostics.removed.length} diagnostic(s) gone`] : []),
  ];
  const restart = [
    ...new Set(
      [...e.variables, ...e.keys, ...(e.provider ? [e.provider] : []), ...(e.model ? [e.model] : [])]
        .filter((c) => c.pickup.when === 'restart' || c.pickup.when === 'partial')
        .map((c) => c.pickup.reason),
    ),
  ];
  return `changed: ${parts.join('; ')}\n${restart.map((r) => `  a running Claude Code: ${r}\n`).join('')}`;
}

/** `status --watch`: the status, then every change until the person stops it. */
async function watchStatus(values: Parameters<typeof flag>[0], io: Parameters<Command['run']>[1]): Promise<number> {
  const show = flag(values, 'show-secrets');
  const asJson = flag(values, 'json');
  const redraw = io.isTTY && !asJson;
  const render = (config: ConfigChangeEvent['config']): string => formatEffectiveConfig(config, { showSecrets: show, allVariables: flag(values, 'all') });
  const watcher = await watchEffectiveConfig({ ...resolveOptions(values, io), showSecrets: true }, (e) => {
    noteSecrets(io, secretValuesOf(e.config));
    noteSecrets(io, secretValuesOf(e.previous));
    if (asJson) {
      const { config: _config, previous: _previous, ...change } = e;
      // Masked by the CLI's redactor (the values were noted above) unless --show-secrets.
      io.stdout(`${JSON.stringify(versioned({ event: 'change', ...change }))}\n`);
    } else if (redraw) io.stdout(`\x1b[H\x1b[2J${render(e.config)}\n\n${changeLine(e)}watching ${watcher.folders.length} folder(s); Ctrl-C stops\n`);
    else io.stdout(changeLine(e));
  });
  noteSecrets(io, secretValuesOf(watcher.config));
  if (asJson) io.stdout(`${JSON.stringify(versioned({ event: 'initial', config: configJson(watcher.config, show) }))}\n`);
  else io.stdout(`${redraw ? '\x1b[H\x1b[2J' : ''}${render(watcher.config)}\n\nwatching ${watcher.folders.length} folder(s); Ctrl-C stops\n`);
  if (io.untilStopped) await io.untilStopped();
  watcher.close();
  return EXIT.ok;
}
