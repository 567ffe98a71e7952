/**
 * Shared by the pseudo-terminal tests of `claude-gateway init` (test/init-pty.test.ts and its stress
 * twin): the questions as the guided flow prints them, starting the built executable in a world's
 * terminal, and finding every file that holds a text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_JS } from './cli-bin';
import type { CliWorld } from './cli-world';
import { startPty, type Pty } from './pty';

/** The guided flow's questions, as printed. */
export const BASE_URL_QUESTION = 'Gateway base URL (without /v1): ';
export const CREDENTIAL_QUESTION = 'Credential: 1 bearer token (Authorization), 2 API key (x-api-key), 3 apiKeyHelper command, 4 none [1]: ';
export const TOKEN_QUESTION = 'Gateway token (hidden): ';
export const VERIFY_QUESTION = 'Send a test request to the gateway now (claude-gateway verify)? [y/N]: ';

/** `claude-gateway init …args` in a terminal of its own, in the world's environment and project; remembered in `ptys` for closing. */
export function startInit(world: CliWorld, ptys: Pty[], args: readonly string[], extraEnv: Record<string, string> = {}): Pty {
  const pty = startPty([process.execPath, CLI_JS, 'init', ...args], { env: { ...world.env, ...extraEnv }, cwd: world.cwd });
  ptys.push(pty);
  return pty;
}

/** Every file under `dir` whose content contains `text`. */
export function filesHolding(text: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesHolding(text, p);
    return e.isFile() && readFileSync(p, 'utf8').includes(text) ? [p] : [];
  });
}
