/**
 * Whether a running Claude Code takes a change up (docs/behavior.md#live-changes): the rules the
 * conformance run conformance/reload.ts recorded from Claude Code 2.1.332, as the diff and the watcher
 * report them, and as `status --watch` prints them.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/main';
import { diffEffectiveConfig, resolveEffectiveConfig, watchEffectiveConfig, type ConfigChangeEvent, type ConfigWatcher } from '../src/index';
import { layout } from '../src/testing';
import type { LayoutSpec } from '../src/testkit/layout';
import { makeCliWorld, REPO_ROOT, type CliWorld } from './helpers/cli-world';
import { isolatedNodeFs, makeTmp, removeTmp } from './helpers/tmp';

async function diff(before: LayoutSpec, after: LayoutSpec, context: { dropInFolderExisted?: boolean } = {}): Promise<ReturnType<typeof diffEffectiveConfig>> {
  // A -p session: project and local env apply without the trust dialog.
  return diffEffectiveConfig(
    await resolveEffectiveConfig(layout({ interactive: false, ...before })),
    await resolveEffectiveConfig(layout({ interactive: false, ...after })),
    context,
  );
}

const GW = 'https://gw.example.com';

describe('diffEffectiveConfig: what a running Claude Code takes up', () => {
  it('a variable changed in any settings file: live, checked against the binary', async () => {
    for (const where of ['user', 'project', 'local', 'managedFile'] as const) {
      const d = await diff({ [where]: { env: { ANTHROPIC_BASE_URL: `${GW}/one` } } }, { [where]: { env: { ANTHROPIC_BASE_URL: `${GW}/two` } } });
      expect(
        d.variables.map((v) => [v.name, v.pickup.when, v.pickup.checked]),
        where,
      ).toEqual([['ANTHROPIC_BASE_URL', 'live', true]]);
      expect(d.restartNeeded, where).toBe(false);
    }
  });

  it('a variable removed from every file keeps its last value: restart, also when the shell has one', async () => {
    const user = { env: { ANTHROPIC_BASE_URL: `${GW}/user`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: one' } };
    const d = await diff({ user, env: { ANTHROPIC_BASE_URL: `${GW}/shell` } }, { user: {}, env: { ANTHROPIC_BASE_URL: `${GW}/shell` } });
    expect(Object.fromEntries(d.variables.map((v) => [v.name, v.pickup.when]))).toEqual({ ANTHROPIC_BASE_URL: 'restart', ANTHROPIC_CUSTOM_HEADERS: 'restart' });
    expect(d.variables[0]?.pickup.reason).toMatch(/keeps its last value/);
    expect(d.restartNeeded).toBe(true);
    // Removed from one file while another still sets it: the remaining file's value is taken up.
    const moved = await diff({ user, project: { env: { ANTHROPIC_BASE_URL: `${GW}/project` } } }, { user });
    expect(moved.variables.map((v) => v.pickup.when)).toEqual(['live']);
  });

  it('apiKeyHelper: changed is live; added where there was none needs a restart', async () => {
    const base = { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: 'tok-one' } };
    const changed = await diff({ user: { ...base, apiKeyHelper: 'echo key-one' } }, { user: { ...base, apiKeyHelper: 'echo key-two' } });
    expect(changed.keys.find((k) => k.name === 'apiKeyHelper')?.pickup.when).toBe('live');
    const added = await diff({ user: base }, { user: { ...base, apiKeyHelper: 'echo key-two' } });
    expect(added.keys.find((k) => k.name === 'apiKeyHelper')?.pickup).toMatchObject({ when: 'restart', checked: true });
    expect(added.restartNeeded).toBe(true);
  });

  it('a managed drop-in: live in a folder that existed, restart in one created after the start, said as unknown without that knowledge', async () => {
    const before = { managedFile: {} };
    const after = { managedFile: {}, dropIns: { '50-new.json': { env: { ANTHROPIC_BASE_URL: `${GW}/dropin` } } } };
    expect((await diff(before, after, { dropInFolderExisted: true })).variables[0]?.pickup.when).toBe('live');
    expect((await diff(before, after, { dropInFolderExisted: false })).variables[0]?.pickup).toMatchObject({ when: 'restart', checked: true });
    // Without the context the configurations cannot tell an empty folder from none: the drop-in's value is taken as live.
    expect((await diff(before, after)).variables[0]?.pickup.when).toBe('live');
  });

  it('Bedrock switched on: partial (the provider now, its model id after a restart); Vertex: live', async () => {
    const user = { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: 'tok' } };
    const bedrock = await diff(
      { user },
      { user: { env: { ...user.env, CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' } } },
    );
    expect(bedrock.provider?.pickup.when).toBe('partial');
    expect(bedrock.provider?.pickup.reason).toMatch(/model id/);
    expect(bedrock.restartNeeded).toBe(true);
    const vertex = await diff(
      { user },
      {
        user: {
          env: { ...user.env, CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'us-east5', CLAUDE_CODE_SKIP_VERTEX_AUTH: '1' },
        },
      },
    );
    expect(vertex.provider?.pickup.when).toBe('live');
    // Switched off by removing the variable: the running process keeps it.
    const off = await diff({ user: { env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'us-east5' } } }, { user: {} });
    expect(off.provider?.pickup.when).toBe('restart');
  });

  it("a change of the provider's id for the model (the region's Bedrock prefix, a modelOverrides entry) is a model change", async () => {
    const env = { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ANTHROPIC_BEDROCK_BASE_URL: `${GW}/bedrock` };
    const region = await diff({ user: { env: { ...env, AWS_REGION: 'us-east-1' } } }, { user: { env: { ...env, AWS_REGION: 'eu-west-1' } } });
    expect(region.model).toMatchObject({
      before: 'claude-opus-5-5 (sent as us.anthropic.claude-opus-5-5)',
      after: 'claude-opus-5-5 (sent as eu.anthropic.claude-opus-5-5)',
    });
    const override = await diff(
      { user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: 't' } } },
      { user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: 't' }, modelOverrides: { 'claude-opus-5-5': 'gw-opus' } } },
    );
    expect(override.model).toMatchObject({ before: 'claude-opus-5-5', after: 'claude-opus-5-5 (sent as gw-opus)' });
    expect((await diff({ user: { env: { ...env, AWS_REGION: 'us-east-1' } } }, { user: { env: { ...env, AWS_REGION: 'us-west-2' } } })).model).toBeUndefined();
  });

  it('policy from macOS or the server: when Claude Code next checks (documented, not checked); a key not checked: unverified', async () => {
    const polled = await diff(
      { platform: 'darwin', managed: { plist: { env: { ANTHROPIC_BASE_URL: `${GW}/one` } } } },
      { platform: 'darwin', managed: { plist: { env: { ANTHROPIC_BASE_URL: `${GW}/two` } } } },
    );
    expect(polled.variables[0]?.pickup).toMatchObject({ when: 'poll', checked: false });
    expect(polled.variables[0]?.pickup.reason).toMatch(/30 minutes/);
    const model = await diff({ user: { model: 'sonnet' } }, { user: { model: 'opus' } });
    expect(model.keys.find((k) => k.name === 'model')?.pickup).toMatchObject({ when: 'unverified', checked: false });
    expect(model.restartNeeded).toBe(false);
  });
});

describe('the watcher and status --watch', () => {
  let tmp: string | undefined;
  let watcher: ConfigWatcher | undefined;
  let world: CliWorld | undefined;
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    if (tmp) removeTmp(tmp);
    tmp = undefined;
    world?.cleanup();
    world = undefined;
  });

  const save = (path: string, value: unknown): void => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(value));
    renameSync(`${path}.tmp`, path);
  };

  /** The next event whose change names `name` (bounded wait). */
  const waitFor = (events: ConfigChangeEvent[], name: string): Promise<ConfigChangeEvent> =>
    new Promise((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error(`no change to ${name} within 10 s`)), 10_000);
      const poll = setInterval(() => {
        const e = events.find((x) => x.variables.some((v) => v.name === name));
        if (e) {
          clearTimeout(bound);
          clearInterval(poll);
          resolve(e);
        }
      }, 20);
    });

  it('a managed-settings.d folder created after watching started: the drop-in needs a restart; one added to a folder that was there is live', async () => {
    for (const folderAtStart of [false, true]) {
      tmp = makeTmp('cgc-pickup-');
      const home = join(tmp, 'home');
      const cwd = join(tmp, 'proj');
      mkdirSync(join(home, '.claude'), { recursive: true });
      mkdirSync(cwd, { recursive: true });
      const dropIns = join(tmp, 'etc', 'claude-code', 'managed-settings.d');
      if (folderAtStart) mkdirSync(dropIns, { recursive: true });
      const events: ConfigChangeEvent[] = [];
      watcher = await watchEffectiveConfig(
        { platform: 'linux', homeDir: home, cwd, env: {}, interactive: false, wsl: false, fs: isolatedNodeFs(tmp), debounceMs: 40 },
        (e) => events.push(e),
      );
      mkdirSync(dropIns, { recursive: true });
      writeFileSync(join(dropIns, '50-new.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: `${GW}/dropin` } }));
      const e = await waitFor(events, 'ANTHROPIC_BASE_URL');
      expect(e.variables.find((v) => v.name === 'ANTHROPIC_BASE_URL')?.pickup.when, `folder at start: ${folderAtStart}`).toBe(
        folderAtStart ? 'live' : 'restart',
      );
      expect(e.restartNeeded).toBe(!folderAtStart);
      watcher.close();
      watcher = undefined;
      removeTmp(tmp);
      tmp = undefined;
    }
  }, 30_000);

  it('status --watch says which change needs a restart of a running Claude Code, and why; --json carries pickup', async () => {
    world = makeCliWorld();
    save(world.userSettings, { env: { ANTHROPIC_BASE_URL: `${GW}/one`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: one' } });
    for (const asJson of [false, true]) {
      let out = '';
      let stop = (): void => {};
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), env: world.env, cwd: world.cwd, isTTY: false, untilStopped: () => stopped };
      const done = run(['status', '--watch', ...(asJson ? ['--json'] : []), ...world.where], io);
      for (let i = 0; i < 500 && !out.includes(asJson ? '"initial"' : 'watching'); i++) await new Promise((r) => setTimeout(r, 20));
      // The header removed, the address changed.
      save(world.userSettings, { env: { ANTHROPIC_BASE_URL: asJson ? `${GW}/three` : `${GW}/two` } });
      for (let i = 0; i < 500 && !out.includes(asJson ? '"change"' : 'changed:'); i++) await new Promise((r) => setTimeout(r, 20));
      stop();
      expect(await done).toBe(0);
      if (asJson) {
        const change = JSON.parse(out.split('\n').filter(Boolean).at(-1) ?? '{}') as {
          restartNeeded: boolean;
          variables: { name: string; pickup: { when: string } }[];
        };
        expect(change.restartNeeded).toBe(true);
        expect(change.variables.map((v) => [v.name, v.pickup.when])).toEqual([
          ['ANTHROPIC_BASE_URL', 'live'],
          ['ANTHROPIC_CUSTOM_HEADERS', 'restart'],
        ]);
      } else {
        expect(out).toMatch(/changed: ANTHROPIC_BASE_URL from user settings \([^)]*\); ANTHROPIC_CUSTOM_HEADERS unset \(restart Claude Code\)/);
        expect(out).toMatch(/a running Claude Code: a variable removed from every settings file keeps its last value/);
      }
      save(world.userSettings, { env: { ANTHROPIC_BASE_URL: `${GW}/one`, ANTHROPIC_CUSTOM_HEADERS: 'X-Reload: one' } });
    }
  }, 30_000);

  it('the recorded results these rules come from are in the repository', async () => {
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(join(REPO_ROOT, 'conformance/results/reload-2.1.332.md'), 'utf8');
    for (const c of [
      'user-custom-headers-remove | no',
      'user-helper-added | no',
      'managed-dropin-dir-created | no',
      'user-bedrock-switch | partial',
      'user-vertex-switch | yes',
    ])
      expect(md).toContain(c);
  });
});
