/**
 * More of `claude-gateway init` in a real pseudo-terminal (tmux; test/helpers/pty.ts), the built
 * executable in a world of its own: the cases beyond test/init-pty.test.ts, kept here for the time
 * they take. verify answered yes against a real gateway on 127.0.0.1; the API key and apiKeyHelper
 * choices; a credential already in the file masked in the preview too; three unusable answers;
 * Ctrl-D; direct Foundry, Claude Platform on AWS and Mantle flows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../helpers/cli-bin';
import { makeCliWorld, TOKEN, TOKEN_PIECE, type CliWorld } from '../helpers/cli-world';
import { useGateway } from '../helpers/gateway-server';
import { tmuxAvailable, type Pty } from '../helpers/pty';
import { BASE_URL_QUESTION, CREDENTIAL_QUESTION, VERIFY_QUESTION, filesHolding, startInit } from '../helpers/init-terminal';
import { writeFile } from '../helpers/tmp';

const HAS_TMUX = tmuxAvailable();
const GATEWAY = 'https://llm-gateway.example.com';
/** A credential already in the settings file before init runs. */
const OLD_TOKEN = 'sk-old-Hq4PREVIOUSLYw9Tz';

let world: CliWorld;
let ptys: Pty[] = [];
const gw = useGateway();

beforeAll(() => {
  if (HAS_TMUX) ensureCliBuilt();
}, 180_000);

beforeEach(() => {
  world = makeCliWorld('cgc-pty-stress-');
});

afterEach(() => {
  for (const p of ptys) p.close();
  ptys = [];
  world.cleanup();
});

/** `claude-gateway init …args` in a terminal, in the test's world. */
function init(args: readonly string[], extraEnv: Record<string, string> = {}): Pty {
  return startInit(world, ptys, args, extraEnv);
}

/** Every file under the world's temp folder whose content contains `text`. */
function holding(text: string): string[] {
  return filesHolding(text, world.tmp);
}

function expectNeverShown(pty: Pty, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(pty.screen().includes(secret), `the screen shows ${secret}`).toBe(false);
    expect(pty.output().includes(secret), `the terminal output shows ${secret}`).toBe(false);
  }
}

function settings(): unknown {
  return JSON.parse(readFileSync(world.userSettings, 'utf8'));
}

describe.skipIf(!HAS_TMUX)(
  HAS_TMUX ? 'init in a terminal, more cases (tmux pseudo-terminal)' : 'init in a terminal: SKIPPED, tmux is not on PATH',
  { timeout: 60_000 },
  () => {
    it('verify answered yes sends the test request to the gateway just configured, with the typed token, never shown', async () => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      pty.answer(gw.url);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer('1');
      await pty.waitFor('Gateway token (hidden): ');
      pty.answer(TOKEN);
      await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      pty.answer('y');
      await pty.waitFor(VERIFY_QUESTION);
      expect(gw.requests).toEqual([]);
      pty.answer('y');
      expect(await pty.exitCode(30_000)).toBe(0);
      expect(gw.requests.length).toBeGreaterThan(0);
      const messages = gw.requests.find((r) => r.method === 'POST' && r.url.startsWith('/v1/messages'));
      expect(messages, JSON.stringify(gw.requests.map((r) => `${r.method} ${r.url}`))).toBeDefined();
      expect(messages?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      expect(settings()).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: gw.url } });
      // verify kept no record of it either.
      expect(holding(TOKEN)).toEqual([world.userSettings]);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
    });

    it('the API key choice writes ANTHROPIC_API_KEY, hidden as typed; a credential already in the file is masked in the preview too', async () => {
      writeFile(world.userSettings, { env: { ANTHROPIC_AUTH_TOKEN: OLD_TOKEN, ANTHROPIC_BASE_URL: 'https://old-gateway.example.com' } });
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      pty.answer(GATEWAY);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer('2');
      await pty.waitFor('Gateway API key (hidden): ');
      pty.answer(TOKEN);
      const screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toContain('-    "ANTHROPIC_BASE_URL": "https://old-gateway.example.com"');
      expect(screen).toMatch(/\+ {4}"ANTHROPIC_API_KEY": "[^"]+"/);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE, OLD_TOKEN, 'PREVIOUSLY');
      pty.answer('y');
      await pty.waitFor(VERIFY_QUESTION);
      pty.answer('n');
      await pty.exitCode();
      // The old bearer token goes (it would outrank the new key).
      expect(settings()).toEqual({ env: { ANTHROPIC_API_KEY: TOKEN, ANTHROPIC_BASE_URL: GATEWAY } });
      expectNeverShown(pty, TOKEN, TOKEN_PIECE, OLD_TOKEN, 'PREVIOUSLY');
    });

    it('the apiKeyHelper choice writes the command, and no credential value', async () => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      pty.answer(GATEWAY);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer('3');
      await pty.waitFor('apiKeyHelper command (prints the key): ');
      pty.answer('/usr/local/bin/print-gateway-key --team ml');
      await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      pty.answer('y');
      await pty.waitFor(VERIFY_QUESTION);
      pty.answer('n');
      await pty.exitCode();
      expect(settings()).toEqual({ apiKeyHelper: '/usr/local/bin/print-gateway-key --team ml', env: { ANTHROPIC_BASE_URL: GATEWAY } });
    });

    it('three unusable answers end the questions with exit 2, naming the flag to pass instead; nothing written', async () => {
      const pty = init(['gateway']);
      for (const [i, wrong] of [`${GATEWAY}/v1`, 'ftp://llm-gateway.example.com', 'llm-gateway'].entries()) {
        // The question the (i+1)th time.
        await pty.waitFor(new RegExp(`(Gateway base URL \\(without /v1\\):[\\s\\S]*){${i + 1}}`));
        pty.answer(wrong);
      }
      expect(await pty.exitCode()).toBe(2);
      const screen = pty.screen();
      expect(screen).toContain('claude-gateway init: no usable answer to "Gateway base URL (without /v1)"');
      expect(screen).toContain('claude-gateway init --help');
      expect(screen).not.toContain('Credential');
      expect(existsSync(world.userSettings)).toBe(false);
    });

    it('Ctrl-D at a question exits 130 and writes nothing', async () => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      pty.keys('C-d');
      expect(await pty.exitCode()).toBe(130);
      expect(pty.screen()).toContain('interrupted; nothing written');
      expect(existsSync(world.userSettings)).toBe(false);
    });

    it('guides a direct Foundry setup: a resource name with a space is refused at once, the API key hidden', async () => {
      const pty = init(['foundry']);
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('');
      await pty.waitFor('Azure AI Foundry resource name: ');
      pty.answer('my resource');
      await pty.waitFor(/a resource name is one word[^\n]*try again\n[^\n]*Azure AI Foundry resource name:$/);
      pty.answer('my-resource');
      await pty.waitFor('Foundry API key (hidden; empty to use the Azure credential chain): ');
      pty.answer(TOKEN);
      const screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toMatch(/\+ {4}"ANTHROPIC_FOUNDRY_API_KEY": "[^"]+"/);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
      pty.answer('y');
      expect(await pty.exitCode()).toBe(0);
      expect(settings()).toEqual({ env: { ANTHROPIC_FOUNDRY_API_KEY: TOKEN, ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource', CLAUDE_CODE_USE_FOUNDRY: '1' } });
      expect(holding(TOKEN)).toEqual([world.userSettings]);
    });

    it('guides a Claude Platform on AWS setup: a malformed workspace id is refused at once', async () => {
      const pty = init(['anthropic-aws']);
      await pty.waitFor('Workspace id (wrkspc_…): ');
      pty.answer('workspace-1');
      await pty.waitFor(/a workspace id looks like wrkspc_01ABC…; try again\n[^\n]*Workspace id \(wrkspc_…\):$/);
      pty.answer('wrkspc_01ABCDEFGHIJKLMN');
      await pty.waitFor('AWS region [us-east-1]: ');
      pty.answer('us-west-2');
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('n');
      await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      pty.answer('y');
      expect(await pty.exitCode()).toBe(0);
      const env = (settings() as { env: Record<string, string> }).env;
      expect(env).toMatchObject({ ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01ABCDEFGHIJKLMN', AWS_REGION: 'us-west-2', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' });
    });

    it('guides a Mantle setup through a gateway with no gateway token (empty answer accepted)', async () => {
      const pty = init(['mantle']);
      await pty.waitFor('AWS region [us-east-1]: ');
      pty.answer('');
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('yes');
      await pty.waitFor('Gateway URL for this provider: ');
      pty.answer(`${GATEWAY}/mantle`);
      await pty.waitFor('Gateway token (hidden; empty if the gateway needs none): ');
      pty.answer('');
      const screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).not.toContain('ANTHROPIC_AUTH_TOKEN');
      pty.answer('y');
      expect(await pty.exitCode()).toBe(0);
      const env = (settings() as { env: Record<string, string> }).env;
      expect(env).toMatchObject({ ANTHROPIC_BEDROCK_MANTLE_BASE_URL: `${GATEWAY}/mantle`, CLAUDE_CODE_SKIP_MANTLE_AUTH: '1', CLAUDE_CODE_USE_MANTLE: '1' });
      expect(env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
    });
  },
);
