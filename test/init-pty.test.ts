/**
 * `claude-gateway init` as a person runs it: the BUILT executable in a real pseudo-terminal (a tmux
 * pane of a private tmux server, test/helpers/pty.ts), in a world of its own (HOME, XDG directories
 * and the working directory in a temp folder; no `--home`/`--cwd` flags, as a first-time user types
 * it). The test reads the screen, types answers, presses Ctrl-C, and then reads the files on disk.
 * What it holds the guided flow to (docs/behavior.md, `init`): each answer is checked as it is given
 * and asked again; a credential is typed without echo (never written to the terminal, not even
 * briefly: the raw terminal output is checked, not only the last screen); what will be written is
 * shown masked, with the target file, and nothing is written before yes; then the doctor runs and
 * `verify` is offered; Ctrl-C exits 130 with nothing written; `--token-stdin` on a terminal is refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from './helpers/cli-bin';
import { makeCliWorld, TOKEN, TOKEN_PIECE, type CliWorld } from './helpers/cli-world';
import { tmuxAvailable, type Pty } from './helpers/pty';
import { BASE_URL_QUESTION, CREDENTIAL_QUESTION, TOKEN_QUESTION, filesHolding, startInit } from './helpers/init-terminal';
import { writeFile } from './helpers/tmp';

const HAS_TMUX = tmuxAvailable();
const GATEWAY = 'https://llm-gateway.example.com';

let world: CliWorld;
let ptys: Pty[] = [];

beforeAll(() => {
  if (HAS_TMUX) ensureCliBuilt();
}, 180_000);

beforeEach(() => {
  world = makeCliWorld('cgc-pty-world-');
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

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The credential never reached the terminal: neither the screen nor anything written to it, even briefly. */
function expectNeverShown(pty: Pty, secret: string, piece: string): void {
  for (const [what, s] of [
    ['screen', pty.screen()],
    ['terminal output', pty.output()],
  ] as const) {
    expect(s.includes(secret), `the ${what} shows the credential`).toBe(false);
    expect(s.includes(piece), `the ${what} shows a piece of the credential`).toBe(false);
  }
}

function settings(): unknown {
  return JSON.parse(readFileSync(world.userSettings, 'utf8'));
}

/** Nothing written: no user settings file and no backup (the safe writer backs up before every write). */
function expectNothingWritten(): void {
  expect(existsSync(world.userSettings), 'a settings file was written').toBe(false);
  expect(existsSync(world.backupDir) ? readdirSync(world.backupDir) : [], 'a backup was taken').toEqual([]);
}

// Each wait is bounded by the helper (10 s, then it fails with the screen); the test's own limit is above that.
describe.skipIf(!HAS_TMUX)(
  HAS_TMUX ? 'init in a terminal (tmux pseudo-terminal)' : 'init in a terminal: SKIPPED, tmux is not on PATH',
  { timeout: 60_000 },
  () => {
    it('guides a gateway setup: a wrong base URL is refused at once, the token is hidden, the preview is masked, then write, doctor and verify offered', async () => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);

      // A /v1 URL is refused as soon as it is typed, and asked again before any credential question.
      pty.answer(`${GATEWAY}/v1`);
      let screen = await pty.waitFor(/ends in \/v1[^\n]*try again\n[^\n]*Gateway base URL \(without \/v1\):$/);
      expect(screen).toContain(`use ${GATEWAY}`);
      // Not a URL at all: the same.
      pty.answer('llm gateway');
      screen = await pty.waitFor(/is not an absolute URL[^\n]*try again\n[^\n]*Gateway base URL \(without \/v1\):$/);
      expect(occurrences(screen, BASE_URL_QUESTION.trim())).toBe(3);
      expect(screen).not.toContain('Credential');
      expect(screen).not.toMatch(/token/i);

      pty.answer(GATEWAY);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer(''); // the default: 1, a bearer token
      await pty.waitFor(TOKEN_QUESTION);
      // Typed with a mistake corrected (Backspace redraws the line in readline): still nothing echoed.
      pty.type(`${TOKEN}x`);
      pty.keys('BSpace');
      pty.answer('');

      screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toContain(`This goes into ${world.userSettings} (credentials shown masked)`);
      expect(screen).toContain(`"ANTHROPIC_BASE_URL": "${GATEWAY}"`);
      expect(screen).toMatch(/\+ {4}"ANTHROPIC_AUTH_TOKEN": "[^"]+"/);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
      // Asked, not yet written.
      expect(existsSync(world.userSettings)).toBe(false);

      pty.answer('y');
      screen = await pty.waitFor('Send a test request to the gateway now (claude-gateway verify)? [y/N]: ');
      expect(screen).toContain(`wrote ${world.userSettings}`);
      expect(screen).toContain('claude-gateway doctor');
      expect(screen).not.toContain('doctor-no-credential');
      // Nothing conflicting is set in this shell, so nothing to unset is named.
      expect(screen).not.toMatch(/unset in your shell|not set in your shell/i);
      pty.answer('n');
      expect(await pty.exitCode()).toBe(0);
      // verify was declined: nothing after the answer.
      expect(pty.screen()).toMatch(/\(claude-gateway verify\)\? \[y\/N\]: n\n+\[pty: program ended\]$/);

      expect(settings()).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: GATEWAY } });
      if (process.platform !== 'win32') expect(statSync(world.userSettings).mode & 0o777).toBe(0o600);
      // The token is in the settings file and nowhere else (not in the backup, not on the terminal).
      expect(holding(TOKEN)).toEqual([world.userSettings]);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
    });

    it.each([
      ['n', 'no'],
      ['', 'Enter (the default is no)'],
    ])('writes nothing when the confirmation is answered %j (%s), and leaves the existing file as it was', async (reply) => {
      const before = `${JSON.stringify({ model: 'opus' }, null, 2)}\n`;
      writeFile(world.userSettings, before);
      // Everything given by flags: the only question is the confirmation.
      const pty = init(['gateway', '--base-url', GATEWAY, '--api-key-env', 'GW_KEY'], { GW_KEY: TOKEN });
      const screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).not.toContain(BASE_URL_QUESTION);
      expect(screen).toContain('-  "model": "opus"');
      expect(screen).toMatch(/\+ {4}"ANTHROPIC_API_KEY": "[^"]+"/);
      pty.answer(reply);
      expect(await pty.exitCode()).toBe(1);
      expect(pty.screen()).toContain('Nothing written.');
      expect(readFileSync(world.userSettings, 'utf8')).toBe(before);
      expect(existsSync(world.backupDir) ? readdirSync(world.backupDir) : []).toEqual([]);
      expect(holding(TOKEN)).toEqual([]);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
    });

    it.each([
      ['the base URL question', async (_pty: Pty) => undefined],
      [
        'the hidden token question, halfway through the token',
        async (pty: Pty) => {
          pty.answer(GATEWAY);
          await pty.waitFor(CREDENTIAL_QUESTION);
          pty.answer('1');
          await pty.waitFor(TOKEN_QUESTION);
          pty.type(TOKEN.slice(0, 12));
        },
      ],
      [
        'the confirmation, after the preview',
        async (pty: Pty) => {
          pty.answer(GATEWAY);
          await pty.waitFor(CREDENTIAL_QUESTION);
          pty.answer('1');
          await pty.waitFor(TOKEN_QUESTION);
          pty.answer(TOKEN);
          await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
        },
      ],
    ])('Ctrl-C at %s exits 130 and writes nothing', async (_where, reach) => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      await reach(pty);
      pty.interrupt();
      expect(await pty.exitCode()).toBe(130);
      expect(pty.screen()).toContain('claude-gateway init: interrupted; nothing written');
      expectNothingWritten();
      expectNeverShown(pty, TOKEN, TOKEN.slice(0, 12));
    });

    it('Ctrl-C at the verify question, after the write, exits 130 and says the file was written (not "nothing written")', async () => {
      const pty = init(['gateway', '--base-url', GATEWAY, '--token-env', 'GW_TOKEN'], { GW_TOKEN: TOKEN });
      await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      pty.answer('y');
      await pty.waitFor('Send a test request to the gateway now (claude-gateway verify)? [y/N]: ');
      pty.interrupt();
      expect(await pty.exitCode()).toBe(130);
      const screen = pty.screen();
      expect(screen).toContain(`claude-gateway init: interrupted; ${world.userSettings} was written already (undo: claude-gateway revert `);
      expect(screen).toContain('); no test request sent');
      expect(screen).not.toContain('nothing written');
      expect(settings()).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: GATEWAY } });
    });

    it.each(['--token-stdin', '--api-key-stdin'])('refuses %s on a terminal (it would echo the credential), exit 2, asking nothing', async (option) => {
      const pty = init(['gateway', '--base-url', GATEWAY, option]);
      // It does not wait for input: it ends by itself.
      expect(await pty.exitCode()).toBe(2);
      const screen = pty.screen();
      expect(screen).toContain(`claude-gateway init: ${option} reads a pipe, not a terminal`);
      expect(screen).toContain(`leave ${option} out to be asked without echo`);
      expect(screen).not.toContain('?');
      expectNothingWritten();
    });

    it('names what this shell sets against the new configuration: warned in the preview before the question, the unset line after the write', async () => {
      const shell = { GW_TOKEN: TOKEN, CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: 'sk-shell-Wm2SHELLKEYq7' };
      const pty = init(['gateway', '--base-url', GATEWAY, '--token-env', 'GW_TOKEN'], shell);
      let screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      const [preview] = screen.split(`Write it to ${world.userSettings}?`);
      expect(preview).toContain('warning write-provider-active');
      expect(preview).toContain('CLAUDE_CODE_USE_BEDROCK (from the shell environment) selects Amazon Bedrock');
      pty.answer('y');
      screen = await pty.waitFor('Send a test request to the gateway now (claude-gateway verify)? [y/N]: ');
      expect(screen).toContain('Also unset in your shell: ANTHROPIC_API_KEY CLAUDE_CODE_USE_BEDROCK');
      pty.answer('n');
      await pty.exitCode();
      expect(settings()).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: GATEWAY } });
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
      expectNeverShown(pty, shell.ANTHROPIC_API_KEY, 'SHELLKEY');
    });

    it('asks again after an empty token; with no credential at all it warns and asks before writing the base URL alone', async () => {
      const pty = init(['gateway']);
      await pty.waitFor(BASE_URL_QUESTION);
      pty.answer(GATEWAY);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer('4');
      let screen = await pty.waitFor('With no credential, claude -p stops with "Not logged in". Write the base URL alone anyway? [y/N]: ');
      expect(screen).not.toContain('This goes into');
      pty.answer('y');
      screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toContain(`"ANTHROPIC_BASE_URL": "${GATEWAY}"`);
      expect(screen).not.toMatch(/ANTHROPIC_(AUTH_TOKEN|API_KEY)/);
      expect(existsSync(world.userSettings)).toBe(false);
      pty.answer('y');
      // The doctor, run on what was just written, names the missing credential.
      screen = await pty.waitFor('Send a test request to the gateway now (claude-gateway verify)? [y/N]: ');
      expect(screen).toContain('doctor-no-credential');
      pty.answer('n');
      expect(await pty.exitCode()).toBe(1);
      expect(settings()).toEqual({ env: { ANTHROPIC_BASE_URL: GATEWAY } });
    });

    it('an empty answer at the hidden token question is asked again; no credential declined at the warning writes nothing', async () => {
      const pty = init(['gateway', '--base-url', GATEWAY]);
      await pty.waitFor(CREDENTIAL_QUESTION);
      pty.answer('1');
      await pty.waitFor(TOKEN_QUESTION);
      pty.answer('');
      const screen = await pty.waitFor(/a credential is needed; try again\n[^\n]*Gateway token \(hidden\):$/);
      expect(screen).not.toContain('This goes into');
      pty.interrupt();
      expect(await pty.exitCode()).toBe(130);

      const declined = init(['gateway', '--base-url', GATEWAY]);
      await declined.waitFor(CREDENTIAL_QUESTION);
      declined.answer('4');
      await declined.waitFor('Write the base URL alone anyway? [y/N]: ');
      declined.answer('');
      expect(await declined.exitCode()).toBe(2);
      expect(declined.screen()).toContain('claude-gateway init: nothing written');
      expectNothingWritten();
    });

    it('guides a Bedrock setup through a gateway: region and gateway URL checked as typed, the gateway token hidden, no verify offered', async () => {
      const pty = init(['bedrock']);
      await pty.waitFor('AWS region [us-east-1]: ');
      pty.answer('us east 1');
      await pty.waitFor(/a region is letters, digits and dashes[^\n]*try again\n[^\n]*AWS region \[us-east-1\]:$/);
      pty.answer('eu-west-1');
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('y');
      await pty.waitFor('Gateway URL for this provider: ');
      pty.answer(`${GATEWAY}/bedrock/v1`);
      let screen = await pty.waitFor(/ends in \/v1[^\n]*try again\n[^\n]*Gateway URL for this provider:$/);
      expect(screen).not.toContain('Gateway token');
      pty.answer(`${GATEWAY}/bedrock`);
      await pty.waitFor('Gateway token (hidden; empty if the gateway needs none): ');
      pty.answer(TOKEN);
      screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toContain(`This goes into ${world.userSettings}`);
      expect(screen).toContain('"CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1"');
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
      pty.answer('y');
      expect(await pty.exitCode()).toBe(0);
      screen = pty.screen();
      expect(screen).toContain(`wrote ${world.userSettings}`);
      expect(screen).toContain('claude-gateway doctor');
      expect(screen).not.toContain('claude-gateway verify');
      expect(settings()).toEqual({
        env: {
          ANTHROPIC_AUTH_TOKEN: TOKEN,
          ANTHROPIC_BEDROCK_BASE_URL: `${GATEWAY}/bedrock`,
          AWS_REGION: 'eu-west-1',
          CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
          CLAUDE_CODE_USE_BEDROCK: '1',
        },
      });
      expect(holding(TOKEN)).toEqual([world.userSettings]);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
    });

    it('guides a Vertex setup: a project id with a space is refused at once, the default region taken on Enter', async () => {
      const pty = init(['vertex']);
      await pty.waitFor('Google Cloud project id: ');
      pty.answer('my project');
      await pty.waitFor(/a project id is one word[^\n]*try again\n[^\n]*Google Cloud project id:$/);
      pty.answer('my-proj');
      await pty.waitFor('Vertex region [global]: ');
      pty.answer('');
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('');
      await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      pty.answer('yes');
      expect(await pty.exitCode()).toBe(0);
      expect(pty.screen()).toContain('claude-gateway doctor');
      expect(settings()).toEqual({ env: { ANTHROPIC_VERTEX_PROJECT_ID: 'my-proj', CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'global' } });
    });

    it('guides a Foundry setup through a gateway: the typed gateway key goes to ANTHROPIC_FOUNDRY_API_KEY (never ANTHROPIC_AUTH_TOKEN)', async () => {
      const pty = init(['foundry']);
      await pty.waitFor('Through an LLM gateway? [y/N]: ');
      pty.answer('y');
      await pty.waitFor('Gateway URL for this provider: ');
      pty.answer(`${GATEWAY}/foundry`);
      await pty.waitFor('Gateway token (hidden; empty if the gateway needs none): ');
      pty.answer(TOKEN);
      const screen = await pty.waitFor(`Write it to ${world.userSettings}? [y/N]: `);
      expect(screen).toMatch(/\+ {4}"ANTHROPIC_FOUNDRY_API_KEY": "[^"]+"/);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
      pty.answer('y');
      expect(await pty.exitCode()).toBe(0);
      expect(settings()).toEqual({ env: { ANTHROPIC_FOUNDRY_API_KEY: TOKEN, ANTHROPIC_FOUNDRY_BASE_URL: `${GATEWAY}/foundry`, CLAUDE_CODE_USE_FOUNDRY: '1' } });
      expect(holding(TOKEN)).toEqual([world.userSettings]);
      expectNeverShown(pty, TOKEN, TOKEN_PIECE);
    });
  },
);
