/**
 * A session-only settings file for `claude --settings <file>` (docs/behavior.md#command-line): the overlay's keys win over
 * user, project and local settings for that session, and no settings file is touched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ConfigError } from '../core/errors';
import { planEdit } from '../core/edit';
import { isUnsafeKey } from '../core/parse';
import { posixQuote } from '../core/generate/shell';

/** Options for `overlay()`. */
export interface OverlayOptions {
  /** The folder to create the overlay in. @default a new private folder under os.tmpdir() */
  dir?: string;
}

/** A temporary `--settings` overlay file, the command that uses it, and the means to remove it. */
export interface Overlay {
  /** The overlay file (mode 0600). */
  path: string;
  /** The command as an argument list: `['claude', '--settings', path]`. */
  argv: string[];
  /** The command line for a POSIX shell, quoted. */
  command: string;
  /** Deletes the overlay (and the folder it made). */
  remove(): void;
}

/** A word for POSIX shells: as it is when it needs no quoting, else single-quoted (posixQuote). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.:=@%+-]+$/.test(word) ? word : posixQuote(word);
}

/**
 * Writes `settings` to a private file for `claude --settings`. Values are checked to be JSON and the
 * file is strict JSON, as Claude Code requires.
 *
 * @example
 * const overlay = await writeSettingsOverlay({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
 * overlay.command; // 'claude --settings /tmp/claude-gateway-overlay-XXXX/settings.json'
 */
export async function writeSettingsOverlay(settings: Record<string, unknown>, options: OverlayOptions = {}): Promise<Overlay> {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new ConfigError('INVALID_OPTIONS', 'an overlay is a settings object');
  }
  const keys = Object.keys(settings);
  const bad = keys.find(isUnsafeKey);
  if (bad) throw new ConfigError('INVALID_EDIT', `refusing the key ${JSON.stringify(bad)}`);
  const { text } = planEdit(
    undefined,
    keys.map((k) => ({ op: 'set' as const, path: [k], value: settings[k] })),
  );
  const made = options.dir === undefined ? mkdtempSync(join(tmpdir(), 'claude-gateway-overlay-')) : undefined;
  const path = join(options.dir ?? (made as string), 'settings.json');
  await writeFileAtomic(path, text, { encoding: 'utf8', mode: 0o600 });
  const argv = ['claude', '--settings', path];
  return {
    path,
    argv,
    command: argv.map(shellQuote).join(' '),
    remove(): void {
      rmSync(made ?? path, { recursive: true, force: true });
    },
  };
}
