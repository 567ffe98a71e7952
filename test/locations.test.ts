/**
 * One place says where every source lives: the resolver reads there, `layout()` puts files there and
 * `claude-gateway paths` lists it (sourceLocations / locateSources).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateSources, resolveEffectiveConfig, sourceLocations } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { makeTmp, removeTmp } from './helpers/tmp';
import { prepareResolution } from '../src/resolve-effective';

const tmps: string[] = [];
afterEach(() => {
  for (const t of tmps.splice(0)) removeTmp(t);
});

async function located(spec: LayoutSpec): Promise<Record<string, string>> {
  const { input } = await prepareResolution(layout(spec));
  return Object.fromEntries((await sourceLocations(input)).map((l) => [l.name, l.path]));
}

describe('where every source lives', () => {
  it.each(['linux', 'darwin', 'win32'] as const)(
    '%s: the files layout() writes are the ones the resolver loads, at the paths sourceLocations gives',
    async (platform) => {
      const spec: LayoutSpec = {
        platform,
        git: true,
        user: { env: { A: '1' } },
        project: { env: { B: '1' } },
        local: { env: { C: '1' } },
        globalConfig: {},
        trusted: true,
      };
      const where = await located(spec);
      const config = await resolveEffectiveConfig(layout(spec));
      for (const scope of ['user', 'project', 'local'] as const) {
        const source = config.sources.find((s) => s.scope === scope && s.status === 'loaded');
        expect(source?.path, scope).toBe(where[scope]);
      }
      expect(config.sources.find((s) => s.scope === 'global-config')?.path).toBe(where['global config']);
    },
  );

  it('CLAUDE_CONFIG_DIR moves the user file, the global configuration and the login file together', async () => {
    const where = await located({ env: { CLAUDE_CONFIG_DIR: '/srv/claude' } });
    expect(where['user']).toBe('/srv/claude/settings.json');
    expect(where['global config']).toBe('/srv/claude/.claude.json');
    expect(where['credentials']).toBe('/srv/claude/.credentials.json');
  });

  it("on a real repository: the local file at the root, the start directory's own one as a leftover, and the backups folder", async () => {
    const home = makeTmp('cgc-loc-');
    tmps.push(home);
    const repo = join(home, 'repo');
    const cwd = join(repo, 'services', 'api');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(cwd, { recursive: true });
    const rows = await locateSources({ cwd, homeDir: home, platform: 'linux', env: {} });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['local']?.path).toBe(join(repo, '.claude', 'settings.local.json'));
    expect(byName['local (leftover)']?.path).toBe(join(cwd, '.claude', 'settings.local.json'));
    expect(byName['project']?.path).toBe(join(cwd, '.claude', 'settings.json'));
    expect(rows.at(-1)?.name).toBe('backups');
  });
});

describe('one rule for drop-in names', () => {
  it('the resolver reads, and the writers and generators create, the same names: visible, ending in lowercase .json', async () => {
    const { isDropInName, checkDropInName } = await import('../src/core/locations');
    const names = ['10-gateway.json', '.hidden.json', '10-a.JSON', 'gateway.txt', 'x.json.bak', 'a b.json'];
    expect(names.filter(isDropInName)).toEqual(['10-gateway.json', 'a b.json']);
    for (const name of names) {
      const refused = (() => {
        try {
          checkDropInName(name);
          return false;
        } catch {
          return true;
        }
      })();
      expect(refused, name).toBe(!isDropInName(name));
    }
    // A writer also refuses a name that reaches into a folder.
    expect(() => checkDropInName('sub/10-gateway.json')).toThrow(/dropInName must be a visible file name/);
    expect(() => checkDropInName('sub\\10-gateway.json', '--drop-in')).toThrow(/^--drop-in must be/);
  });
});
