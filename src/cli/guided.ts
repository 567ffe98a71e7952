/**
 * `init` in a terminal: asks for what the flags did not give, checks each answer as it is given (and
 * asks again), for every kind. The answers become the same flags a script would pass, so the rest of
 * `init` is one path. A credential typed here travels in a variable of this process only.
 */
import { ConfigError } from '../core/errors';
import { checkBaseUrl } from '../core/generate/validate';
import type { CliIo } from './io';
import { UsageError } from './io';
import { text, type Values } from './options';
import type { Kind } from './describe';

/** The variable a credential typed at the prompt is handed over in (this process only, never written as a name). */
export const TYPED_CREDENTIAL_VARIABLE = 'CLAUDE_GATEWAY_TYPED_CREDENTIAL';

type Ask = (question: string, options?: { secret?: boolean }) => Promise<string>;

/** Asks until `check` accepts the answer (three tries); an empty answer takes `fallback` when there is one. */
async function askChecked(ask: Ask, io: CliIo, question: string, check: (answer: string) => string | undefined, fallback?: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const raw = (await ask(`${question}${fallback !== undefined ? ` [${fallback}]` : ''}: `)).trim();
    const answer = raw === '' && fallback !== undefined ? fallback : raw;
    const problem = answer === '' ? 'an answer is needed' : check(answer);
    if (problem === undefined) return answer;
    io.stderr(`  ${problem}; try again\n`);
  }
  throw new UsageError(`no usable answer to "${question}"`, 'pass it as a flag instead (claude-gateway init --help)');
}

function baseUrlProblem(name: string): (answer: string) => string | undefined {
  return (answer) => {
    try {
      checkBaseUrl(answer, name, []);
      return undefined;
    } catch (e) {
      return e instanceof ConfigError ? e.message.replace(/^[A-Za-z]+: /, '') : String(e);
    }
  };
}

const REGION = (answer: string): string | undefined => (/^[a-z0-9-]+$/.test(answer) ? undefined : 'a region is letters, digits and dashes, such as us-east-1');
const ID =
  (what: string) =>
  (answer: string): string | undefined =>
    /^[A-Za-z0-9_.:-]+$/.test(answer) ? undefined : `${what} is one word of letters, digits, dashes, dots or underscores`;
const YES = /^y(es)?$/i;

/**
 * Fills `values` (and `io.env`, for a typed credential) from questions for whatever the kind needs
 * and the flags left out. Returns the io to describe the configuration with.
 */
export async function askForMissing(kind: Kind, values: Values, io: CliIo, options: { noCredentials?: boolean } = {}): Promise<CliIo> {
  const ask = io.prompt;
  if (!ask) return io;
  const noCredentials = options.noCredentials === true;
  const SHARED = 'the project file is committed, so no token or key goes into it (--scope local or user keep one out of git)';
  const set = (flagName: string, value: string): void => {
    values[flagName] = value;
  };
  let env = io.env;
  const typed = async (question: string, flagName: string, optional: boolean): Promise<void> => {
    if (noCredentials) {
      // Refused before anything is typed, not after.
      if (!optional) throw new UsageError(`${SHARED}; nothing written`, 'run init again with --scope local or --scope user');
      io.stderr(`  no credential asked: ${SHARED}\n`);
      return;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = (await ask(question, { secret: true })).trim();
      if (answer === '' && optional) return;
      if (answer !== '' && !/\s/.test(answer)) {
        env = { ...env, [TYPED_CREDENTIAL_VARIABLE]: answer };
        set(flagName, TYPED_CREDENTIAL_VARIABLE);
        return;
      }
      io.stderr(answer === '' ? '  a credential is needed; try again\n' : '  a credential has no spaces or line breaks; try again\n');
    }
    throw new UsageError('no usable credential typed', 'pass --token-env NAME or --api-key-env NAME instead');
  };
  // A gateway's own credential: ANTHROPIC_AUTH_TOKEN, except for Foundry, whose gateways take ANTHROPIC_FOUNDRY_API_KEY.
  const through = async (tokenFlags: readonly string[] = ['gateway-token-env']): Promise<boolean> => {
    if (text(values, 'gateway-url') !== undefined) return true;
    const answer = (await ask('Through an LLM gateway? [y/N]: ')).trim();
    if (!YES.test(answer)) return false;
    set('gateway-url', await askChecked(ask, io, 'Gateway URL for this provider', baseUrlProblem('gatewayUrl')));
    if (tokenFlags.every((f) => text(values, f) === undefined))
      await typed('Gateway token (hidden; empty if the gateway needs none): ', tokenFlags[0] as string, true);
    return true;
  };
  switch (kind) {
    case 'gateway': {
      if (text(values, 'base-url') === undefined) set('base-url', await askChecked(ask, io, 'Gateway base URL (without /v1)', baseUrlProblem('baseUrl')));
      const hasCredential =
        ['token-env', 'api-key-env', 'helper'].some((f) => text(values, f) !== undefined) || values['token-stdin'] === true || values['api-key-stdin'] === true;
      if (!hasCredential) {
        if (noCredentials) io.stderr(`  ${SHARED}: an apiKeyHelper command (3) or none (4)\n`);
        const how = noCredentials
          ? await askChecked(ask, io, 'Credential: 3 apiKeyHelper command, 4 none', (a) => (/^[34]$/.test(a) ? undefined : 'answer 3 or 4'), '3')
          : await askChecked(
              ask,
              io,
              'Credential: 1 bearer token (Authorization), 2 API key (x-api-key), 3 apiKeyHelper command, 4 none',
              (a) => (/^[1-4]$/.test(a) ? undefined : 'answer 1, 2, 3 or 4'),
              '1',
            );
        if (how === '1') await typed('Gateway token (hidden): ', 'token-env', false);
        else if (how === '2') await typed('Gateway API key (hidden): ', 'api-key-env', false);
        else if (how === '3') set('helper', await askChecked(ask, io, 'apiKeyHelper command (prints the key)', () => undefined));
        else if (!YES.test((await ask('With no credential, claude -p stops with "Not logged in". Write the base URL alone anyway? [y/N]: ')).trim())) {
          throw new UsageError('nothing written', 'run init again and choose a credential');
        }
      }
      break;
    }
    case 'bedrock':
    case 'mantle': {
      if (text(values, 'region') === undefined) set('region', await askChecked(ask, io, 'AWS region', REGION, 'us-east-1'));
      await through();
      break;
    }
    case 'vertex': {
      if (text(values, 'project') === undefined) set('project', await askChecked(ask, io, 'Google Cloud project id', ID('a project id')));
      if (text(values, 'region') === undefined) set('region', await askChecked(ask, io, 'Vertex region', REGION, 'global'));
      await through();
      break;
    }
    case 'foundry': {
      const viaGateway = await through(['foundry-key-env', 'foundry-token-env', 'gateway-token-env']);
      if (!viaGateway && text(values, 'resource') === undefined)
        set('resource', await askChecked(ask, io, 'Azure AI Foundry resource name', ID('a resource name')));
      if (!viaGateway && text(values, 'foundry-key-env') === undefined && text(values, 'foundry-token-env') === undefined)
        await typed('Foundry API key (hidden; empty to use the Azure credential chain): ', 'foundry-key-env', true);
      break;
    }
    case 'anthropic-aws': {
      if (text(values, 'workspace-id') === undefined)
        set(
          'workspace-id',
          await askChecked(ask, io, 'Workspace id (wrkspc_…)', (a) =>
            /^wrkspc_[A-Za-z0-9]+$/.test(a) ? undefined : 'a workspace id looks like wrkspc_01ABC…',
          ),
        );
      if (text(values, 'region') === undefined) set('region', await askChecked(ask, io, 'AWS region', REGION, 'us-east-1'));
      await through();
      break;
    }
  }
  return env === io.env ? io : { ...io, env };
}

/** Whether to go on: yes at the prompt. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.prompt) return true;
  return YES.test((await io.prompt(`${question} [y/N]: `)).trim());
}
