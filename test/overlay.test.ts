/**
 * WriteSettingsOverlay on the real disk: a session-only strict-JSON file for
 * `claude --settings <file>`, private (0600 in a 0700 folder), that touches no settings file and that
 * the resolver reads at the `--settings` level, above user, project and local.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, writeSettingsOverlay, type Overlay } from '../src/index';
import { makeSandbox, modeOf, rejectsWithCode, snapshot, type Sandbox } from './helpers/sandbox';
import { isolatedNodeFs, writeFile } from './helpers/tmp';

let sb: Sandbox;
const made: Overlay[] = [];

beforeEach(() => {
  sb = makeSandbox('cgc-overlay-');
});

afterEach(() => {
  for (const o of made.splice(0)) o.remove();
  sb.cleanup();
});

async function overlay(settings: Record<string, unknown>, dir?: string): Promise<Overlay> {
  const o = await writeSettingsOverlay(settings, dir === undefined ? {} : { dir });
  made.push(o);
  return o;
}

const SETTINGS = { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'sk-session' }, model: 'opus', permissions: { allow: ['Read'] } };

describe('writeSettingsOverlay', () => {
  it('writes strict JSON holding exactly the settings given', async () => {
    const o = await overlay(SETTINGS);
    const text = readFileSync(o.path, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(JSON.parse(text)).toEqual(SETTINGS);
  });

  it('the file is mode 0600 in a new private (0700) folder under the temp directory', async () => {
    const o = await overlay(SETTINGS);
    expect(modeOf(o.path)).toBe(0o600);
    expect(statSync(o.path).isFile()).toBe(true);
    expect(dirname(dirname(o.path))).toBe(tmpdir());
    expect(modeOf(dirname(o.path))).toBe(0o700);
    const other = await overlay(SETTINGS);
    expect(dirname(other.path)).not.toBe(dirname(o.path));
  });

  it('argv and command: claude --settings <path>', async () => {
    const o = await overlay(SETTINGS);
    expect(o.argv).toEqual(['claude', '--settings', o.path]);
    expect(o.command).toBe(`claude --settings ${o.path}`);
  });

  it('command quotes a path with spaces and quotes for a POSIX shell', async () => {
    const dir = join(sb.tmp, "my dir's");
    mkdirSync(dir);
    const o = await overlay({ model: 'opus' }, dir);
    expect(o.path).toBe(join(dir, 'settings.json'));
    expect(o.argv[2]).toBe(o.path);
    expect(o.command).toBe(`claude --settings '${o.path.replace(/'/g, `'\\''`)}'`);
    expect(modeOf(o.path)).toBe(0o600);
  });

  it('remove() deletes the file and the folder it made', async () => {
    const o = await overlay(SETTINGS);
    o.remove();
    expect(existsSync(o.path)).toBe(false);
    expect(existsSync(dirname(o.path))).toBe(false);
  });

  it('remove() of an overlay in a given folder deletes only the file', async () => {
    const dir = join(sb.tmp, 'mine');
    mkdirSync(dir);
    const keep = writeFile(join(dir, 'keep.txt'), 'x');
    const o = await overlay({ model: 'opus' }, dir);
    o.remove();
    expect(existsSync(o.path)).toBe(false);
    expect(existsSync(keep)).toBe(true);
  });

  it('touches no settings file of the layout', async () => {
    const repo = sb.repo();
    const files = [
      writeFile(join(sb.home, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://user.example' } }),
      writeFile(join(repo, '.claude', 'settings.json'), { model: 'sonnet' }),
      writeFile(join(repo, '.claude', 'settings.local.json'), { env: { A: '1' } }),
    ];
    const before = files.map(snapshot);
    await new Promise((r) => setTimeout(r, 20));
    await overlay(SETTINGS);
    expect(files.map(snapshot)).toEqual(before);
    expect(existsSync(join(repo, '.gitignore'))).toBe(false);
  });

  it('refuses __proto__ (INVALID_EDIT) and a non-object (INVALID_OPTIONS), writing nothing', async () => {
    const dir = join(sb.tmp, 'refused');
    mkdirSync(dir);
    const poisoned = JSON.parse('{"__proto__": {"polluted": true}, "model": "opus"}') as Record<string, unknown>;
    await rejectsWithCode(writeSettingsOverlay(poisoned, { dir }), 'INVALID_EDIT');
    await rejectsWithCode(writeSettingsOverlay([] as unknown as Record<string, unknown>, { dir }), 'INVALID_OPTIONS');
    await rejectsWithCode(writeSettingsOverlay(null as unknown as Record<string, unknown>, { dir }), 'INVALID_OPTIONS');
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('resolving with settingsFlag: overlay.path sees its values at the cli scope, above user, project and local', async () => {
    const repo = sb.repo();
    writeFile(join(sb.home, '.claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://user.example', KEEP: 'user' } });
    writeFile(join(repo, '.claude', 'settings.json'), { model: 'sonnet' });
    writeFile(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_BASE_URL: 'https://local.example' } });
    const o = await overlay(SETTINGS);
    const config = await resolveEffectiveConfig({
      platform: 'linux',
      homeDir: sb.home,
      cwd: repo,
      env: {},
      wsl: false,
      interactive: false,
      fs: isolatedNodeFs(sb.tmp),
      settingsFlag: o.path,
    });
    expect(config.env['ANTHROPIC_BASE_URL']).toMatchObject({ value: 'https://gw.example.com', source: { scope: 'cli', path: o.path } });
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.source.scope).toBe('cli');
    expect(config.keys['model']?.source.scope).toBe('cli');
    expect(config.settings['model']).toBe('opus');
    // Keys the overlay omits keep their file values.
    expect(config.env['KEEP']).toMatchObject({ value: 'user', source: { scope: 'user' } });
    expect(config.baseUrl?.value).toBe('https://gw.example.com');
  });
});
