/**
 * watchEffectiveConfig on real files: a rename over the file, a delete and a re-creation, a drop-in
 * folder created where none was, a burst of writes (one resolution), a write that changes nothing (no
 * event), and a close or an abort that leaves no watcher and no timer behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffEffectiveConfig, resolveEffectiveConfig, watchEffectiveConfig, type ConfigChangeEvent, type ConfigWatcher, type WatchOptions } from '../src/index';
import { isolatedNodeFs, makeTmp, removeTmp } from './helpers/tmp';

let tmp: string;
let home: string;
let cwd: string;
let watcher: ConfigWatcher | undefined;

beforeEach(() => {
  tmp = makeTmp('cgc-watch-');
  home = join(tmp, 'home');
  cwd = join(tmp, 'proj');
  mkdirSync(join(home, '.claude'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
});

afterEach(() => {
  watcher?.close();
  watcher = undefined;
  removeTmp(tmp);
});

const options = (extra: Partial<WatchOptions> = {}): WatchOptions => ({
  platform: 'linux',
  homeDir: home,
  cwd,
  env: {},
  interactive: false,
  wsl: false,
  fs: isolatedNodeFs(tmp),
  debounceMs: 40,
  ...extra,
});
const userFile = (): string => join(home, '.claude', 'settings.json');

/** Atomic save, as editors and this library do: write beside, rename over. */
function renameOver(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

/** Events in order; `next()` waits for the next one (the wait is a bound, not a timing assertion). */
function recorder(): { events: ConfigChangeEvent[]; onChange: (e: ConfigChangeEvent) => void; next: () => Promise<ConfigChangeEvent> } {
  const events: ConfigChangeEvent[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  return {
    events,
    onChange: (e) => {
      events.push(e);
      waiters.splice(0).forEach((w) => w());
    },
    next: () =>
      new Promise((resolve, reject) => {
        const bound = setTimeout(() => reject(new Error('no change reported within 10 s')), 10_000);
        const check = (): void => {
          if (events.length > taken) {
            clearTimeout(bound);
            resolve(events[taken++] as ConfigChangeEvent);
          } else waiters.push(check);
        };
        check();
      }),
  };
}

describe('watchEffectiveConfig', () => {
  // First in the file: no watcher of another test is still being released.
  it('close() and an AbortSignal release every folder watcher, and a pending resolution never reports', async () => {
    const watchersOpen = (): number => process.getActiveResourcesInfo().filter((k) => k === 'FSEventWrap').length;
    // A closed folder watcher is released when the event loop next runs its close callbacks: wait for that (bounded).
    const settled = async (count: number): Promise<number> => {
      for (let i = 0; i < 100 && watchersOpen() !== count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return watchersOpen();
    };
    const before = watchersOpen();
    const reported: ConfigChangeEvent[] = [];
    const w = await watchEffectiveConfig(options(), (e) => reported.push(e));
    expect(w.folders.length).toBeGreaterThan(0);
    expect(watchersOpen()).toBe(before + w.folders.length);
    // A change whose debounce timer is pending when the watcher closes: the timer goes with it.
    renameOver(userFile(), { env: { A: '1' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    w.close();
    expect(w.folders).toEqual([]);
    expect(await settled(before)).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reported).toEqual([]);
    const controller = new AbortController();
    const aborted = await watchEffectiveConfig(options({ signal: controller.signal }), (e) => reported.push(e));
    expect(watchersOpen()).toBeGreaterThan(before);
    controller.abort();
    expect(aborted.folders).toEqual([]);
    expect(await settled(before)).toBe(before);
  }, 20_000);

  it('a settings file renamed over: one event naming the variable, its old and new value and source, the credential header, masked', async () => {
    renameOver(userFile(), { env: { ANTHROPIC_BASE_URL: 'https://old.example.com' } });
    const r = recorder();
    watcher = await watchEffectiveConfig(options(), r.onChange);
    expect(watcher.config.baseUrl?.value).toBe('https://old.example.com');
    renameOver(userFile(), { env: { ANTHROPIC_BASE_URL: 'https://new.example.com', ANTHROPIC_AUTH_TOKEN: 'sk-watch-secret-123456' } });
    const e = await r.next();
    expect(e.variables.map((v) => v.name)).toEqual(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL']);
    const base = e.variables.find((v) => v.name === 'ANTHROPIC_BASE_URL');
    expect(base?.before?.value).toBe('https://old.example.com');
    expect(base?.after).toMatchObject({ value: 'https://new.example.com', source: { scope: 'user', path: userFile() } });
    expect(e.credentialHeaders?.after).toEqual([expect.objectContaining({ header: 'authorization', variable: 'ANTHROPIC_AUTH_TOKEN' })]);
    expect(JSON.stringify(e)).not.toContain('sk-watch-secret-123456');
    expect(e.paths.some((p) => p.startsWith(join(home, '.claude')))).toBe(true);
    expect(watcher.config.baseUrl?.value).toBe('https://new.example.com');
  }, 20_000);

  it('a file deleted, then created again: each reported', async () => {
    renameOver(userFile(), { env: { ANTHROPIC_MODEL: 'claude-opus-5' } });
    const r = recorder();
    watcher = await watchEffectiveConfig(options(), r.onChange);
    rmSync(userFile());
    const gone = await r.next();
    expect(gone.variables.map((v) => v.name)).toEqual(['ANTHROPIC_MODEL']);
    expect(gone.variables[0]?.after).toBeUndefined();
    expect(gone.model).toBeDefined();
    writeFileSync(userFile(), JSON.stringify({ env: { ANTHROPIC_MODEL: 'claude-haiku-5' } }));
    const back = await r.next();
    expect(back.variables[0]?.after?.value).toBe('claude-haiku-5');
  }, 20_000);

  it('a managed drop-in folder created where none was, then a drop-in in it', async () => {
    const r = recorder();
    watcher = await watchEffectiveConfig(options(), r.onChange);
    const dropIns = join(tmp, 'etc', 'claude-code', 'managed-settings.d');
    mkdirSync(dropIns, { recursive: true });
    writeFileSync(join(dropIns, '10-gateway.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://managed.example.com' } }));
    let e = await r.next();
    // The folder and the file may land in one burst or two; the last event has the drop-in's value.
    while (!e.variables.some((v) => v.name === 'ANTHROPIC_BASE_URL')) e = await r.next();
    expect(e.variables.find((v) => v.name === 'ANTHROPIC_BASE_URL')?.after?.source).toMatchObject({ scope: 'managed', origin: 'drop-in' });
    expect(watcher.folders).toContain(dropIns);
  }, 20_000);

  it('a burst of writes is one resolution and one event; a write that changes nothing reports nothing', async () => {
    renameOver(userFile(), { env: { N: '0' } });
    const r = recorder();
    watcher = await watchEffectiveConfig(options({ debounceMs: 300 }), r.onChange);
    for (let i = 1; i <= 20; i++) renameOver(userFile(), { env: { N: String(i) } });
    const e = await r.next();
    expect(e.variables).toEqual([
      expect.objectContaining({ name: 'N', before: expect.objectContaining({ value: '0' }), after: expect.objectContaining({ value: '20' }) }),
    ]);
    // The same content again: no event; the next real change is the next event.
    renameOver(userFile(), { env: { N: '20' } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    renameOver(userFile(), { env: { N: '21' } });
    const after = await r.next();
    expect(after.variables[0]?.after?.value).toBe('21');
    expect(r.events).toHaveLength(2);
  }, 20_000);
});

describe('diffEffectiveConfig', () => {
  it('nothing changed: changed is false; a provider switch: the provider, the headers and the variable', async () => {
    const spec = { platform: 'linux' as const, homeDir: '/h', cwd: '/w', interactive: false, wsl: false, fs: isolatedNodeFs(makeTmp('cgc-diff-')) };
    const a = await resolveEffectiveConfig({ ...spec, env: { ANTHROPIC_AUTH_TOKEN: 'tok-1', ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    expect(diffEffectiveConfig(a, a).changed).toBe(false);
    const b = await resolveEffectiveConfig({
      ...spec,
      env: { ANTHROPIC_AUTH_TOKEN: 'tok-1', ANTHROPIC_BASE_URL: 'https://gw.example.com', CLAUDE_CODE_USE_BEDROCK: '1' },
    });
    const d = diffEffectiveConfig(a, b);
    expect(d.changed).toBe(true);
    expect(d.provider).toMatchObject({ before: 'anthropic', after: 'bedrock' });
    // The shell of a running Claude Code does not change: only a new session sees it.
    expect(d.provider?.pickup.when).toBe('restart');
    expect(d.restartNeeded).toBe(true);
    expect(d.variables.map((v) => v.name)).toEqual(['CLAUDE_CODE_USE_BEDROCK']);
    expect(d.credentialHeaders?.before).toEqual([expect.objectContaining({ header: 'authorization', variable: 'ANTHROPIC_AUTH_TOKEN' })]);
  });
});
