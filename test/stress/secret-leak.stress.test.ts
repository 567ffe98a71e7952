/**
 * The secret-leak sweep, heavy part: thousands of seeded layouts with random credentials (quotes,
 * backslashes, `%`, `@`, `:`, line separators, non-ASCII) in random carriers, scanned in every
 * library output; and a few hundred through the CLI (status, status --json, explain, doctor --json,
 * set --dry-run and --json against the file that holds them). A failing seed is named: replay it with
 * `plant(seed)` from test/helpers/secret-fuzz.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-io';
import { makeCliWorld, type CliWorld } from '../helpers/cli-world';
import { findLeak, libraryOutputs, plant, resolvePlanted } from '../helpers/secret-fuzz';
import { writeFile } from '../helpers/tmp';

describe('secret-leak sweep (stress)', () => {
  it('3,000 seeded layouts: no library output holds a planted credential, as it is or JSON-escaped', async () => {
    let planted = 0;
    for (let seed = 1000; seed < 4000; seed++) {
      const layout = plant(seed);
      const config = await resolvePlanted(layout.files, layout.env);
      const found = findLeak(libraryOutputs(config), layout.planted);
      expect(found, `seed ${seed}`).toBeUndefined();
      planted += layout.planted.length;
    }
    expect(planted).toBeGreaterThan(10_000);
  });

  let world: CliWorld;
  beforeAll(() => {
    world = makeCliWorld('cgc-leak-stress-');
  });
  afterAll(() => world.cleanup());

  it('300 seeded layouts through the CLI: status, explain, doctor and set --dry-run show none', async () => {
    for (let seed = 5000; seed < 5300; seed++) {
      const layout = plant(seed);
      const user = layout.files['/home/u/.claude/settings.json'] ?? '{}';
      writeFile(world.userSettings, user);
      const env = { ...world.env, ...layout.env };
      const outputs: [string, string][] = [];
      for (const argv of [
        ['status', '--all'],
        ['status', '--json'],
        ['explain', 'env', '--json'],
        ['explain', 'ANTHROPIC_BASE_URL'],
        ['explain', 'ANTHROPIC_CUSTOM_HEADERS', '--json'],
        ['doctor', '--json'],
        ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run'],
        ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run', '--json'],
        ['unset', 'ANTHROPIC_AUTH_TOKEN', '--scope', 'user', '--dry-run'],
      ]) {
        const r = await runCli([...argv, ...world.where], { env });
        expect(r.code, `seed ${seed} ${argv.join(' ')}: ${r.stderr}`).toBeLessThan(2);
        outputs.push([argv.join(' '), `${r.stdout}\n${r.stderr}`]);
      }
      // The project file is not in this world: its carrier is not in play here.
      const found = findLeak(
        outputs,
        layout.planted.filter((p) => p.carrier !== 'pending'),
      );
      expect(found, `seed ${seed}`).toBeUndefined();
    }
  });
});
