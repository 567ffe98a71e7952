/**
 * The writers under load (`npm run test:stress`): many writer processes of one file that reach it by
 * different paths and keep their backups in different stores, and writers SIGKILLed while they hold
 * the lock or are between their staging file and their rename. The quick versions of these are in
 * test/adversarial/hostile-files.test.ts and test/reliability.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, writeSettings } from '../../src/index';
import { largeSettings, outcomes, sandbox, startChild, writerOptions, type Sandbox } from '../helpers/reliability-fixture';
import { makeTmp, removeTmp, writeFile } from '../helpers/tmp';

let tmp: string;

beforeEach(() => {
  tmp = makeTmp('cgc-wstress-');
});

afterEach(() => {
  removeTmp(tmp);
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const LOCK = '.settings.json.cgc-lock';

describe('writers of one file that agree on nothing but the file', () => {
  it(
    '16 processes x 10 updates through four paths (real, symlinked folder, symlinked ~/.claude, CLAUDE_CONFIG_DIR) and four backup stores, 3 rounds: none of the 480 lost',
    { timeout: 600_000 },
    async () => {
      const realDir = join(tmp, 'real-claude');
      const file = writeFile(join(realDir, 'settings.json'), { model: 'sonnet', env: { TEST_VAR_KEEP: 'kept' } });
      symlinkSync(realDir, join(tmp, 'linked'));
      const homeB = join(tmp, 'home-b');
      mkdirSync(homeB);
      symlinkSync(realDir, join(homeB, '.claude'));
      const routes = [
        (store: string): Sandbox & { extra?: object } => ({ root: tmp, file, backupDir: store }),
        (store: string): Sandbox & { extra?: object } => ({ root: tmp, file: join(tmp, 'linked', 'settings.json'), backupDir: store }),
        (store: string): Sandbox & { extra?: object } => ({ root: tmp, file, backupDir: store, extra: { scope: 'user', homeDir: homeB, env: {} } }),
        (store: string): Sandbox & { extra?: object } => ({
          root: tmp,
          file,
          backupDir: store,
          extra: { scope: 'user', homeDir: join(tmp, 'home-d'), env: { CLAUDE_CONFIG_DIR: realDir } },
        }),
      ];
      const N = 16;
      const COUNT = 10;
      for (let round = 0; round < 3; round++) {
        const t0 = Date.now();
        const children = Array.from({ length: N }, (_, id) => {
          const route = routes[id % routes.length]!(join(tmp, `store-${id % routes.length}`));
          return startChild('writer-child', { mode: 'vars', ...route, prefix: `R${round}`, id, count: COUNT, wait: true });
        });
        await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
        for (const c of children) c.send('go');
        await Promise.all(children.map((c) => c.exited));
        children.forEach((c, id) =>
          expect(outcomes(c), `round ${round} writer ${id}: ${c.stderr()}`).toEqual({ done: Array.from({ length: COUNT }, (_, i) => i), errors: [] }),
        );
        const env = (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env;
        const lost: string[] = [];
        for (let id = 0; id < N; id++) for (let i = 0; i < COUNT; i++) if (env[`R${round}_${id}_${i}`] !== `v${id}-${i}`) lost.push(`R${round}_${id}_${i}`);
        console.log(`round ${round}: ${N * COUNT} writes by ${N} processes over 4 routes in ${((Date.now() - t0) / 1000).toFixed(1)} s; lost ${lost.length}`);
        expect(lost).toEqual([]);
        expect(env['TEST_VAR_KEEP']).toBe('kept');
        expect(readdirSync(realDir)).toEqual(['settings.json']);
      }
      for (let r = 0; r < routes.length; r++) {
        const entries = listBackups({ backupDir: join(tmp, `store-${r}`) });
        expect(new Set(entries.map((e) => e.path))).toEqual(new Set([file]));
      }
    },
  );
});

describe('writers killed while they hold the lock', () => {
  it(
    '30 times: a writer SIGKILLed holding the lock (or between its staging file and its rename); the next takes the lock over because the holder is gone, and leaves nothing beside the file',
    { timeout: 600_000 },
    async () => {
      const s = sandbox(tmp);
      writeFile(s.file, `${JSON.stringify(largeSettings(), null, 2)}\n`);
      const dir = dirname(s.file);
      const stats = { killedHolding: 0, recovered: 0, stagingLeft: 0 };
      for (let round = 0; round < 30; round++) {
        const first = startChild('writer-child', { mode: 'toggle', ...s, from: round * 1000, to: round * 1000 + 1000 });
        await first.waitFor((l) => l.startsWith('start '));
        let watcher: FSWatcher | undefined;
        if (round % 2 === 0) {
          // Aimed at the staging file: it exists only inside the lock.
          await new Promise<void>((resolve) => {
            watcher = watch(dir, (_e, name) => {
              if (typeof name === 'string' && /\.cgc-\d+-[0-9a-f]+\.tmp$/.test(name)) resolve();
            });
          });
          watcher?.close();
        } else {
          for (let t = 0; t < 5000 && !existsSync(join(dir, LOCK)); t++) await sleep(1);
        }
        first.proc.kill('SIGKILL');
        await first.exited;
        if (!existsSync(join(dir, LOCK))) continue; // killed between two writes: nothing to take over
        stats.killedHolding++;
        const holder = JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { pid: number };
        expect(holder.pid).toBe(first.proc.pid);
        if (readdirSync(dir).some((n) => n.includes('.cgc-') && n.endsWith('.tmp'))) stats.stagingLeft++;
        const next = startChild('writer-child', { mode: 'once', ...s, ops: [{ op: 'set', path: ['env', `TEST_VAR_NEXT_${round}`], value: 'next' }] });
        await next.exited;
        expect(outcomes(next), next.stderr()).toEqual({ done: [0], errors: [] });
        const recovered = next.lines.filter((l) => l.startsWith('recovered '));
        expect(recovered).toHaveLength(1);
        expect(recovered[0]).toContain(`its holder, process ${first.proc.pid}, is gone`);
        stats.recovered++;
        expect(readdirSync(dir)).toEqual(['settings.json']);
      }
      console.log(
        `lock takeover: ${stats.killedHolding} writers killed holding the lock (${stats.stagingLeft} with a staging file left), ${stats.recovered} locks taken over because the holder was gone`,
      );
      expect(stats.killedHolding).toBeGreaterThan(10);
      const r = await writeSettings(writerOptions(s, [{ op: 'set', path: ['env', 'TEST_VAR_END'], value: 'end' }]));
      expect(r.changes).toHaveLength(1);
      expect(readdirSync(dir)).toEqual(['settings.json']);
    },
  );
});
