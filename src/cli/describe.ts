/**
 * A configuration from command-line flags, for `init` and `generate`. Credentials never come from
 * the command line itself (shell history, `ps`): from a variable (`--token-env NAME`), standard input
 * (`--token-stdin`), or a question on the terminal.
 */
import { gatewayConfig, providerConfig } from '../core/generate/config';
import type { CredentialInput, GeneratedConfig, ProviderOptions } from '../core/types';
import type { CliIo } from './io';
import { UsageError } from './io';
import { flag, text, type OptionSpec, type Values } from './options';

export const KINDS = ['gateway', 'bedrock', 'vertex', 'foundry', 'anthropic-aws', 'mantle'] as const;
export type Kind = (typeof KINDS)[number];

export const DESCRIBE_OPTIONS: OptionSpec = {
  'base-url': { type: 'string' },
  'token-env': { type: 'string' },
  'api-key-env': { type: 'string' },
  'token-stdin': { type: 'boolean' },
  'api-key-stdin': { type: 'boolean' },
  helper: { type: 'string' },
  'helper-ttl': { type: 'string' },
  header: { type: 'string', multiple: true },
  discovery: { type: 'boolean' },
  'disable-betas': { type: 'boolean' },
  'fast-mode': { type: 'boolean' },
  'gateway-url': { type: 'string' },
  'gateway-token-env': { type: 'string' },
  region: { type: 'string' },
  project: { type: 'string' },
  resource: { type: 'string' },
  'workspace-id': { type: 'string' },
  'foundry-key-env': { type: 'string' },
  'foundry-token-env': { type: 'string' },
  'aws-profile': { type: 'string' },
};

export const DESCRIBE_HELP = `Describing the configuration (gateway):
  --base-url <url>          the gateway (without /v1)
  --token-env <NAME>        bearer token from this variable (ANTHROPIC_AUTH_TOKEN)
  --api-key-env <NAME>      x-api-key from this variable (ANTHROPIC_API_KEY)
  --token-stdin | --api-key-stdin   the credential from standard input
  --helper <command>        an apiKeyHelper instead   --helper-ttl <ms>
  --header 'Name: Value'    a custom header (repeatable)
  --discovery  --disable-betas  --fast-mode
Providers (bedrock, vertex, foundry, anthropic-aws, mantle):
  --gateway-url <url> [--gateway-token-env NAME]   through a gateway (skip-auth)
  --region  --project  --resource  --workspace-id  --aws-profile
  --foundry-key-env NAME  --foundry-token-env NAME`;

/** What the output will do with a credential: write its value, or only refer to it (a secret, a variable). */
export interface DescribeUse {
  /** False when the output never holds the value (GitHub Actions, curl): the variable need not be set. @default true */
  needsValues?: boolean;
}

/** A stand-in for a credential the output only refers to (never printed: those formats name variables). */
const NOT_NEEDED = 'value-not-needed-for-this-format';

function fromEnv(io: CliIo, name: string, option: string, use: DescribeUse): string {
  const v = io.env[name];
  if (v !== undefined && v !== '') return v;
  if (use.needsValues === false) return NOT_NEEDED;
  throw new UsageError(`${option} ${name}: the variable is not set`);
}

async function readStdin(io: CliIo, option: string): Promise<string> {
  if (!io.stdin) throw new UsageError(`${option}: there is no standard input to read`);
  // A terminal would echo what is typed, with no question: leave the flag out to be asked, hidden.
  if (io.prompt)
    throw new UsageError(`${option} reads a pipe, not a terminal`, `echo "$TOKEN" | claude-gateway …, or leave ${option} out to be asked without echo`);
  return (await io.stdin()).trim();
}

async function ask(io: CliIo, question: string, secret = false): Promise<string | undefined> {
  if (!io.prompt) return undefined;
  const answer = (await io.prompt(question, { secret })).trim();
  return answer === '' ? undefined : answer;
}

export async function describe(kind: string | undefined, values: Values, io: CliIo, use: DescribeUse = {}): Promise<GeneratedConfig> {
  if (!kind || !(KINDS as readonly string[]).includes(kind)) throw new UsageError(`say what to configure: ${KINDS.join(', ')}`);
  const version = text(values, 'claude-version');
  if (kind === 'gateway') {
    const baseUrl = text(values, 'base-url') ?? (await ask(io, 'Gateway base URL (without /v1): '));
    if (!baseUrl)
      throw new UsageError('--base-url is required', 'claude-gateway init gateway --base-url https://llm-gateway.example.com --token-env GATEWAY_TOKEN');
    let credential: CredentialInput | undefined;
    const tokenEnv = text(values, 'token-env');
    const keyEnv = text(values, 'api-key-env');
    const helper = text(values, 'helper');
    if (tokenEnv) credential = { kind: 'auth-token', value: fromEnv(io, tokenEnv, '--token-env', use) };
    else if (keyEnv) credential = { kind: 'api-key', value: fromEnv(io, keyEnv, '--api-key-env', use) };
    else if (flag(values, 'token-stdin')) credential = { kind: 'auth-token', value: await readStdin(io, '--token-stdin') };
    else if (flag(values, 'api-key-stdin')) credential = { kind: 'api-key', value: await readStdin(io, '--api-key-stdin') };
    else if (helper) {
      const ttl = text(values, 'helper-ttl');
      if (ttl !== undefined && !/^\d+$/.test(ttl)) throw new UsageError(`--helper-ttl takes milliseconds as a whole number, not ${JSON.stringify(ttl)}`);
      credential = { kind: 'api-key-helper', command: helper, ...(ttl ? { ttlMs: Number(ttl) } : {}) };
    } else {
      const token = await ask(io, 'Gateway token (sent as Authorization: Bearer; empty to skip): ', true);
      if (token) credential = { kind: 'auth-token', value: token };
    }
    const headers: Record<string, string> = {};
    for (const h of (values['header'] as string[] | undefined) ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`--header ${JSON.stringify(h)} is not 'Name: Value'`);
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    return gatewayConfig({
      baseUrl,
      ...(credential ? { credential } : {}),
      ...(Object.keys(headers).length > 0 ? { customHeaders: headers } : {}),
      ...(flag(values, 'discovery') ? { modelDiscovery: true } : {}),
      ...(flag(values, 'disable-betas') ? { disableExperimentalBetas: true } : {}),
      ...(flag(values, 'fast-mode') ? { fastMode: true } : {}),
      ...(version ? { claudeCodeVersion: version } : {}),
    });
  }
  const o: ProviderOptions = {};
  const str = (flagName: string, key: keyof ProviderOptions): void => {
    const v = text(values, flagName);
    if (v !== undefined) (o as Record<string, string>)[key] = v;
  };
  str('gateway-url', 'gatewayUrl');
  str('region', 'region');
  str('project', 'projectId');
  str('resource', 'resource');
  str('workspace-id', 'workspaceId');
  str('aws-profile', 'awsProfile');
  const gt = text(values, 'gateway-token-env');
  if (gt) o.gatewayToken = fromEnv(io, gt, '--gateway-token-env', use);
  const fk = text(values, 'foundry-key-env');
  if (fk) o.foundryApiKey = fromEnv(io, fk, '--foundry-key-env', use);
  const ft = text(values, 'foundry-token-env');
  if (ft) o.foundryAuthToken = fromEnv(io, ft, '--foundry-token-env', use);
  if (version) o.claudeCodeVersion = version;
  return providerConfig(kind as Exclude<Kind, 'gateway'>, o);
}
