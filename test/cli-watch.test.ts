/** `claude-gateway status --watch`: the status, then one line per change (JSON with --json), masked, until stopped. */
import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/main';
import { makeCliWorld, type CliWorld } from './helpers/cli-world';

let world: CliWorld | undefined;
afterEach(() => world?.cleanup());

function save(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

/** An in-process io whose untilStopped the test settles; `lines()` waits for a number of output lines (bounded). */
function watchIo(w: CliWorld, isTTY = false): { io: CliIo; out: () => string; stop: () => void; lines: (n: number) => Promise<string[]> } {
  let out = '';
  let stop = (): void => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), env: w.env, cwd: w.cwd, isTTY, untilStopped: () => stopped };
  const lines = async (n: number): Promise<string[]> => {
    for (let i = 0; i < 500 && out.split('\n').filter(Boolean).length < n; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return out.split('\n').filter(Boolean);
  };
  return { io, out: () => out, stop, lines };
}

describe('claude-gateway status --watch', () => {
  it('--json: the configuration as one line, then one line per change with what changed, masked; Ctrl-C ends it with exit 0', async () => {
    world = makeCliWorld();
    save(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://old.example.com' } });
    const { io, stop, lines } = watchIo(world);
    const done = run(['status', '--watch', '--json', ...world.where], io);
    const [first] = await lines(1);
    expect(JSON.parse(first ?? '{}')).toMatchObject({ event: 'initial', config: { baseUrl: { value: 'https://old.example.com' } } });
    save(world.userSettings, { env: { ANTHROPIC_BASE_URL: 'https://new.example.com', ANTHROPIC_AUTH_TOKEN: 'sk-cli-watch-secret-987' } });
    const all = await lines(2);
    const change = JSON.parse(all[1] ?? '{}') as { event: string; variables: { name: string; after?: { value: string } }[] };
    expect(change.event).toBe('change');
    expect(change.variables.map((v) => v.name)).toEqual(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL']);
    expect(change.variables.find((v) => v.name === 'ANTHROPIC_BASE_URL')?.after?.value).toBe('https://new.example.com');
    expect(all.join('\n')).not.toContain('sk-cli-watch-secret-987');
    stop();
    expect(await done).toBe(0);
  }, 20_000);

  it('text: the status, then a line naming what changed and where it is set now', async () => {
    world = makeCliWorld();
    save(world.userSettings, { env: { ANTHROPIC_MODEL: 'claude-opus-5' } });
    const { io, stop, lines, out } = watchIo(world);
    const done = run(['status', '--watch', ...world.where], io);
    await lines(3);
    expect(out()).toMatch(/watching \d+ folder\(s\); Ctrl-C stops/);
    save(world.userSettings, { env: { ANTHROPIC_MODEL: 'claude-haiku-5' } });
    for (let i = 0; i < 500 && !out().includes('changed:'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(out()).toMatch(/changed: ANTHROPIC_MODEL from user settings .*; model claude-opus-5 → claude-haiku-5/);
    stop();
    expect(await done).toBe(0);
  }, 20_000);
});
