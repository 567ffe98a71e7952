import { resolveEffectiveConfig } from '../../resolve-effective';
import { versioned } from '../output-types';
import { runApiKeyHelper } from '../../node/helper';
import { discoverModels, verifyGateway } from '../../node/http';
import type { EffectiveConfig } from '../../core/types';
import { assertTrustedDestination, type DestinationPurpose } from '../../core/destination';
import { secretValuesOf } from '../../core/redact';
import { json, painter } from '../format';
import { noteSecrets } from '../secrets';
import { EXIT, UsageError } from '../io';
import type { CliIo } from '../io';
import { flag, parse, resolveOptions, text } from '../options';
import type { Command } from './types';
import { withFlags } from '../flags';

/** Progress on stderr while waiting, only on a terminal. */
function progress(io: CliIo, label: string): () => void {
  if (!io.isTTY) return () => undefined;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let i = 0;
  const timer = setInterval(() => io.stderr(`\r${frames[i++ % frames.length]} ${label}`), 100);
  return () => {
    clearInterval(timer);
    io.stderr(`\r${' '.repeat(label.length + 2)}\r`);
  };
}

/**
 * Refuses, before the helper runs or anything is sent, to send the user's credential to an address a
 * repository's settings chose in a workspace not trusted (`--trusted` makes it trusted).
 */
function checkDestination(config: EffectiveConfig, purpose: DestinationPurpose): void {
  assertTrustedDestination(config, purpose, { remedy: 'pass --trusted if you trust this repository' });
}

async function helperValue(config: EffectiveConfig, trusted: boolean): Promise<string | undefined> {
  // The helper runs when it fills a credential header (with one of ANTHROPIC_AUTH_TOKEN and
  // ANTHROPIC_API_KEY set, it fills the other one).
  const fills = config.credential.kind === 'api-key-helper' || config.credentialHeaders.some((h) => h.kind === 'api-key-helper');
  if (!fills && !(config.apiKeyHelper && !config.env['ANTHROPIC_AUTH_TOKEN']?.value && !config.env['ANTHROPIC_API_KEY']?.value)) return undefined;
  const r = await runApiKeyHelper(config, { trusted });
  if (!r.ok)
    throw new UsageError(
      `apiKeyHelper: ${withFlags(r.message)}`,
      r.outcome === 'untrusted' ? 'pass --trusted if you trust this repository' : 'run the helper yourself to see why',
    );
  return r.value;
}

export const verify: Command = {
  examples: ['claude-gateway verify', 'claude-gateway verify --minimal-request --stream'],
  name: 'verify',
  summary: "send Claude Code's first request (or a minimal one) and say what the answer means",
  usage: 'claude-gateway verify [--minimal-request] [--stream] [--model <id>] [--timeout <ms>] [options]',
  options: { stream: { type: 'boolean' }, model: { type: 'string' }, timeout: { type: 'string' }, 'minimal-request': { type: 'boolean' } },
  help:
    "  (default)                 send Claude Code's first inference request as the modelled version sends it: its path\n" +
    "                            (/v1/messages?beta=true, or the provider's own), anthropic-beta, user-agent, x-app, a streaming\n" +
    '                            body; Bedrock, Vertex and Mantle through a gateway with their skip-auth switch\n' +
    '  --minimal-request         send a plain POST /v1/messages with a one-token body and no anthropic-beta instead\n' +
    '  --stream                  the streaming check\n  --model <id>              the model to ask for (default: the session model; with --minimal-request ANTHROPIC_MODEL or claude-sonnet-4-6)\n  --timeout <ms>            default 15000',
  async run(args, io) {
    const { values } = parse(args, this.options);
    const timeout = text(values, 'timeout');
    if (timeout !== undefined && !/^[1-9][0-9]*$/.test(timeout))
      throw new UsageError(`--timeout takes milliseconds, not ${JSON.stringify(timeout)}`, 'claude-gateway verify --timeout 30000');
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    checkDestination(config, 'verify');
    noteSecrets(io, secretValuesOf(config));
    const value = await helperValue(config, flag(values, 'trusted'));
    noteSecrets(io, [value]);
    const model = text(values, 'model');
    const minimal = flag(values, 'minimal-request');
    const stop = progress(io, `Sending POST ${config.baseUrl?.value ?? ''}/v1/messages${minimal ? '' : '?beta=true'} …`);
    const report = await verifyGateway(config, {
      request: minimal ? 'minimal' : 'claude-code',
      ...(value !== undefined ? { helperValue: value } : {}),
      ...(model ? { model } : {}),
      ...(flag(values, 'stream') ? { stream: true } : {}),
      ...(timeout ? { timeoutMs: Number(timeout) } : {}),
    }).finally(stop);
    const good = report.outcome === 'ok' || report.outcome === 'model-unknown';
    if (flag(values, 'json')) io.stdout(json(versioned(report)));
    else {
      const paint = painter(io);
      io.stdout(`${paint(good ? 'green' : 'red', report.outcome)}${report.status ? ` (HTTP ${report.status})` : ''}: ${withFlags(report.message)}\n`);
      if (report.hint) io.stdout(`  hint: ${withFlags(report.hint)}\n`);
      io.stdout(`  ${report.request.method} ${report.request.url} in ${report.durationMs} ms\n`);
    }
    return good ? EXIT.ok : EXIT.failed;
  },
};

export const discover: Command = {
  examples: ['claude-gateway discover', 'claude-gateway discover --json'],
  name: 'discover',
  summary: 'ask the gateway for its models as Claude Code does and list what /model would show',
  usage: 'claude-gateway discover [--force] [options]',
  options: { force: { type: 'boolean' } },
  help: '  --force                   ask even when Claude Code would not (discovery off, a provider selected)',
  async run(args, io) {
    const { values } = parse(args, this.options);
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    if (config.modelDiscovery.enabled || flag(values, 'force')) checkDestination(config, 'discover');
    noteSecrets(io, secretValuesOf(config));
    const value = await helperValue(config, flag(values, 'trusted'));
    noteSecrets(io, [value]);
    const stop = progress(io, 'Asking the gateway for its models …');
    const result = await discoverModels(config, {
      ...(value !== undefined ? { helperValue: value } : {}),
      ...(flag(values, 'force') ? { force: true } : {}),
    }).finally(stop);
    if (flag(values, 'json')) io.stdout(json(versioned(result)));
    else {
      io.stdout(`${result.outcome}: ${withFlags(result.message)}\n`);
      for (const m of result.models) io.stdout(`  ${m.id}${m.displayName ? `  (${m.displayName})` : ''}\n`);
    }
    return result.outcome === 'ok' ? EXIT.ok : EXIT.failed;
  },
};
