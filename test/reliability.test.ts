/**
 * Reliability of the writers with real processes: SIGKILL at
 * random moments, 16 concurrent writers, a foreign program rewriting the file, refused writes of an
 * unparseable file, byte-exact revert.
 *
 * The children (test/helpers/writer-child.ts, test/helpers/foreign-writer.ts) run as
 * `node <bundle> '<json>'` (bundled from the sources by test/global-setup.ts) and use `writeSettings` with scope `cli` on a file in the
 * test's temp directory, explicit home, cwd, platform and env, and a backup directory in the temp
 * directory. Only non-credential variables are written, so no git check runs. POSIX only (SIGKILL).
 */
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, planEdit, revert, writeSettings, type EditOp } from '../src/index';
import { backupBytes } from '../src/node/backup';
import { BIG_VAR, bigValue, largeSettings, outcomes, sandbox, startChild, writerOptions, type Child, type Sandbox } from './helpers/reliability-fixture';
import { makeTmp, removeTmp, writeFile } from './helpers/tmp';
import { seededRandom, TEST_SEED } from './helpers/seeded';

let tmp: string;

beforeEach(() => {
  tmp = makeTmp('cgc-rel-');
});

afterEach(() => {
  removeTmp(tmp);
});

/**
 * `npm test` runs each of these at a size that finishes in seconds; `npm run test:stress` (which CI
 * also runs) sets CGC_STRESS=1 for the full counts: 200 writes with SIGKILLs, 16 writers x 10, 8
 * writers against a foreign program.
 */
const STRESS = process.env['CGC_STRESS'] === '1';
// The test's own random choices replay with TEST_SEED=<seed> (printed on failure).
const random = seededRandom(TEST_SEED);
afterEach((context) => {
  if (context.task.result?.state === 'fail') console.error(`reliability: replay the test's random choices with TEST_SEED=${TEST_SEED}`);
});
const CRASH_WRITES = STRESS ? 200 : 24;
const WRITERS = STRESS ? 16 : 4;
const WRITES_EACH = STRESS ? 10 : 4;
const FOREIGN_RACE_WRITERS = STRESS ? 8 : 4;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

/** Files next to the settings file other than the file itself (staging files, the lock file). */
function neighbours(s: Sandbox): string[] {
  return readdirSync(dirname(s.file)).filter((n) => n !== 'settings.json');
}

/** The lock file beside the settings file, when there is one (left by a writer killed while holding it). */
function locksLeft(s: Sandbox): string[] {
  const dir = dirname(s.file);
  return existsSync(dir) ? readdirSync(dir).filter((n) => n === '.settings.json.cgc-lock') : [];
}

const set = (path: (string | number)[], value: unknown): EditOp => ({ op: 'set', path, value });

/**
 * A write by another program between the writer's read and its rename is detected: the last look
 * comes after the staging file is written, right before the rename, and an in-place write that
 * slips in after that is still in the file the writer read (kept open) and is put back.
 */
const knownWriteRace = it;

/**
 * An existing empty file is never taken for a new one: the writer waits a moment, re-reads, and
 * refuses a file that stays empty (INVALID_JSON), so a program saving in place keeps its save.
 */
const knownEmptyFileRace = it;

describe('crash safety: SIGKILL during writes of a 1 MB file', () => {
  it(`${CRASH_WRITES} writes, killed at random moments: the file always parses and is exactly the old or the new content`, { timeout: 120_000 }, async () => {
    const s = sandbox(tmp);
    const textA = `${JSON.stringify(largeSettings(), null, 2)}\n`;
    writeFile(s.file, textA);
    expect(textA.length).toBeGreaterThan(1_000_000);
    // Write i sets the 100 KB variable to B (i even) or A (i odd): the whole 1 MB file is rewritten each time.
    const textB = planEdit(textA, [set(['env', BIG_VAR], bigValue('B'))]).text;
    expect(planEdit(textB, [set(['env', BIG_VAR], bigValue('A'))]).text).toBe(textA);
    const textOf = (i: number): string => (i % 2 === 0 ? textB : textA);

    const TOTAL = CRASH_WRITES;
    let attempted = 0;
    let onDisk = textA;
    const writeTimes: number[] = [80];
    const stats = { runs: 0, kills: 0, aimed: 0, killedMidWrite: 0, keptOld: 0, gotNew: 0, staleLocks: 0, recovered: 0 };
    const started = Date.now();
    // Runs go on past TOTAL writes until MIN_KILLS children were killed (a run whose child finished its
    // writes before its moment came is not a kill), so a slow, busy machine cannot thin the test out.
    const MIN_KILLS = STRESS ? 20 : 5;
    while (attempted < TOTAL || (stats.kills < MIN_KILLS && stats.runs < 8 * MIN_KILLS)) {
      const to = Math.max(TOTAL, attempted + 6);
      const child = startChild('writer-child', { mode: 'toggle', ...s, from: attempted, to });
      stats.runs++;
      // Kill at a random moment, after a random number (0-30; 0-5 at the small size; never past the
      // child's last write) of completed writes. Every other run,
      // at a uniformly random point of the next write; the others aim at its last step (the atomic
      // write, about 5% of a write): 0-6 ms after the staging file (or write-file-atomic's temp file
      // for it) appears.
      const after = Math.floor(random() * Math.min(STRESS ? 31 : 6, to - attempted));
      const aimed = stats.runs % 2 === 0;
      let watcher: FSWatcher | undefined;
      const moment = child
        .waitFor((l) => (after === 0 ? l === 'ready' : l.startsWith(`done ${attempted + after - 1} `)))
        .then(async () => {
          if (!aimed) return sleep(random() * 1.1 * median(writeTimes));
          await new Promise<void>((resolve) => {
            watcher = watch(dirname(s.file), (_e, name) => {
              if (typeof name === 'string' && /^settings\.json\.cgc-\d+-[0-9a-f]+\.tmp$/.test(name)) resolve();
            });
          });
          watcher?.close();
          return sleep(random() * 6);
        })
        .then(() => 'timer' as const);
      const ended = await Promise.race([child.exited.then(() => 'exit' as const), moment.catch(() => 'exit' as const)]);
      watcher?.close();
      if (ended === 'timer') {
        child.proc.kill('SIGKILL');
        stats.kills++;
        if (aimed) stats.aimed++;
      }
      const exit = await child.exited;
      child.lines.forEach((line, j) => {
        const m = /^done (\d+) /.exec(line);
        const k = child.lines.lastIndexOf(`start ${m?.[1]}`, j);
        if (m && k >= 0) writeTimes.push(child.stamps[j]! - child.stamps[k]!);
      });
      const { done, errors } = outcomes(child);
      expect(errors, child.lines.join('\n')).toEqual([]);
      if (ended === 'exit') expect(exit, child.stderr()).toEqual({ code: 0, signal: null });

      let inFlight: number | undefined;
      for (const line of child.lines) {
        const m = /^start (\d+)$/.exec(line);
        if (m) {
          inFlight = Number(m[1]);
          attempted = inFlight + 1;
        }
        if (line.startsWith('done ')) inFlight = undefined;
      }
      const lastDone = done.at(-1);
      const before = lastDone === undefined ? onDisk : textOf(lastDone);
      const disk = readFileSync(s.file, 'utf8');
      expect(() => JSON.parse(disk)).not.toThrow();
      if (inFlight === undefined) {
        expect(disk === before, 'no write in flight: the file is what the last write left').toBe(true);
      } else {
        stats.killedMidWrite++;
        const isOld = disk === before;
        const isNew = disk === textOf(inFlight);
        expect(isOld || isNew, `killed during write ${inFlight}: the file is neither the old nor the new content`).toBe(true);
        if (isOld) stats.keptOld++;
        else stats.gotNew++;
      }
      onDisk = disk;

      // A killed holder's lock stays: the next writer takes it over at once, since its holder is gone.
      if (locksLeft(s).length > 0) stats.staleLocks++;
      for (const line of child.lines) {
        if (!line.startsWith('recovered ')) continue;
        stats.recovered++;
        expect(line).toMatch(/its holder, process \d+, is gone/);
      }
    }
    expect(attempted).toBeGreaterThanOrEqual(TOTAL);
    expect(stats.kills).toBeGreaterThanOrEqual(MIN_KILLS);

    // What the kills leave behind: staging files (`settings.json.cgc-<pid>-<hex>.tmp`) next to the file,
    // which nothing reads, and the lock file of a holder killed last. The next write takes the lock over
    // and removes the staging files of writers that are gone, at once.
    if (stats.staleLocks > 0) expect(stats.recovered).toBeGreaterThan(0);
    const leftovers = neighbours(s);
    for (const name of leftovers) expect(name).toMatch(/^(settings\.json\.cgc-\d+-[0-9a-f]+\.tmp|\.settings\.json\.cgc-lock)$/);
    const r = await writeSettings(writerOptions(s, [set(['env', 'TEST_VAR_AFTER'], 'ok')]));
    expect(r.changes).toHaveLength(1);
    expect(neighbours(s)).toEqual([]);
    const final = JSON.parse(readFileSync(s.file, 'utf8')) as { env: Record<string, string> };
    expect(final.env['TEST_VAR_AFTER']).toBe('ok');
    expect([bigValue('A'), bigValue('B')]).toContain(final.env[BIG_VAR]);

    // Every backup the manifest lists still has its bytes, and they match their hash.
    const backups = listBackups({ backupDir: s.backupDir, path: s.file });
    expect(backups.length).toBeGreaterThan(0);
    expect(backups.length).toBeLessThanOrEqual(3);
    for (const b of backups) {
      const bytes = backupBytes(b, { backupDir: s.backupDir })?.toString('utf8');
      expect(bytes === textA || bytes === textB || bytes === onDisk).toBe(true);
    }
    console.log(
      `crash test: ${attempted} writes in ${stats.runs} runs (median write ${median(writeTimes).toFixed(0)} ms), ${stats.kills} SIGKILLs (${stats.aimed} aimed at the atomic write; ${stats.killedMidWrite} during a write: old content kept ${stats.keptOld}, new content ${stats.gotNew}), ` +
        `${stats.staleLocks} locks left by killed holders (${stats.recovered} taken over because the holder was gone), ${leftovers.length} files left next to the file before the next write (${leftovers.join(', ') || 'none'}), none after it, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  it(
    'a writer killed while holding the lock: the next one takes the lock over at once because its holder is gone, and removes its staging files',
    { timeout: 60_000 },
    async () => {
      const s = sandbox(tmp);
      writeFile(s.file, `${JSON.stringify(largeSettings(), null, 2)}\n`);
      const first = startChild('writer-child', { mode: 'toggle', ...s, from: 0, to: 1000 });
      await first.waitFor((l) => l === 'start 2');
      // Kill it while it holds the lock: wait until the lock is there (a loaded machine can take a while to get to it).
      for (let t = 0; t < 5000 && locksLeft(s).length === 0; t++) await sleep(1);
      first.proc.kill('SIGKILL');
      await first.exited;
      expect(locksLeft(s)).toHaveLength(1);
      // The lock file names its holder: the killed process.
      const holder = JSON.parse(readFileSync(join(dirname(s.file), '.settings.json.cgc-lock'), 'utf8')) as { pid: number };
      expect(holder.pid).toBe(first.proc.pid);
      const second = startChild('writer-child', { mode: 'once', ...s, ops: [set(['env', 'TEST_VAR_NEXT'], 'next')] });
      await second.exited;
      expect(outcomes(second), second.stderr()).toEqual({ done: [0], errors: [] });
      // Taken over because the holder's process is gone, not because the lock went stale.
      const recovered = second.lines.filter((l) => l.startsWith('recovered '));
      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toContain(`its holder, process ${first.proc.pid}, is gone`);
      expect((JSON.parse(readFileSync(s.file, 'utf8')) as { env: Record<string, string> }).env['TEST_VAR_NEXT']).toBe('next');
      expect(neighbours(s)).toEqual([]);
    },
  );
});

describe('concurrency: writer processes on one file', () => {
  const base = {
    model: 'sonnet',
    env: { TEST_VAR_KEEP: 'kept' },
    permissions: { allow: Array.from({ length: 50 }, (_, i) => `Bash(tool-${i}:*)`), deny: ['Read(./.env)'] },
    hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'check' }] }] },
  };

  async function startWriters(s: Sandbox, n: number, count: number): Promise<Child[]> {
    const children = Array.from({ length: n }, (_, id) => startChild('writer-child', { mode: 'vars', ...s, id, count, wait: true }));
    await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
    return children;
  }

  it(
    `${WRITERS} processes, ${WRITES_EACH} distinct variables each, one write each: all ${WRITERS * WRITES_EACH} are present`,
    { timeout: 90_000 },
    async () => {
      const s = sandbox(tmp);
      writeFile(s.file, base);
      const children = await startWriters(s, WRITERS, WRITES_EACH);
      const t0 = Date.now();
      for (const c of children) c.send('go');
      const exits = await Promise.all(children.map((c) => c.exited));
      const elapsed = Date.now() - t0;
      children.forEach((c, id) => {
        expect(outcomes(c), `child ${id}: ${c.stderr()}`).toEqual({ done: Array.from({ length: WRITES_EACH }, (_, i) => i), errors: [] });
        expect(exits[id]).toEqual({ code: 0, signal: null });
      });
      const final = JSON.parse(readFileSync(s.file, 'utf8')) as typeof base & { env: Record<string, string> };
      for (let id = 0; id < WRITERS; id++) for (let i = 0; i < WRITES_EACH; i++) expect(final.env[`TEST_${id}_${i}`]).toBe(`v${id}-${i}`);
      expect(Object.keys(final.env)).toHaveLength(WRITERS * WRITES_EACH + 1);
      expect({ ...final, env: { TEST_VAR_KEEP: final.env['TEST_VAR_KEEP'] } }).toEqual(base);
      expect(neighbours(s)).toEqual([]);
      expect(locksLeft(s)).toEqual([]);
      console.log(`concurrency: ${WRITERS * WRITES_EACH} writes by ${WRITERS} processes in ${(elapsed / 1000).toFixed(1)} s after "go"`);
    },
  );

  knownWriteRace(
    "a foreign program rewriting the file during several writers: its keys survive or are named in a writer's CONCURRENT_MODIFICATION, never lost silently",
    { timeout: 90_000 },
    async () => {
      const s = sandbox(tmp);
      writeFile(s.file, base);
      const children = await startWriters(s, FOREIGN_RACE_WRITERS, 10);
      // The foreign program writes every 0-5 ms for as long as the writers run. Both known bugs show
      // here: keys lost in the rename window, and the whole file replaced when a writer reads it in
      // the middle of a foreign save (empty) twice.
      const foreign = startChild('foreign-writer', { mode: 'loop', file: s.file, count: 100_000, pauseMs: 5, seed: TEST_SEED });
      await foreign.waitFor((l) => l === 'ready');
      for (const c of [...children, foreign]) c.send('go');
      await Promise.all(children.map((c) => c.exited));
      foreign.send('stop');
      await foreign.exited;
      const FOREIGN = foreign.lines.filter((l) => l.startsWith('wrote ')).length;
      expect(FOREIGN).toBeGreaterThan(10);
      const final = JSON.parse(readFileSync(s.file, 'utf8')) as { env: Record<string, string> };
      const codes: Record<string, number> = {};
      // Errors naming another program's changes a writer could not carry over (reported, not silent).
      const reported: string[] = [];
      const carriedOver: string[] = [];
      for (const c of children) {
        const { done, errors } = outcomes(c);
        expect(done.length + errors.length).toBe(10);
        for (const e of errors) codes[e.code] = (codes[e.code] ?? 0) + 1;
        for (const e of errors) if (/could not be carried over|did not finish/.test(e.message)) reported.push(e.message);
        // Changes a writer carried over (in its result, or noted in its error).
        for (const line of c.lines) if (line.startsWith('carried ')) carriedOver.push(line);
        for (const e of errors) if (/were carried over/.test(e.message)) carriedOver.push(e.message);
      }
      // Refusing is allowed (the file kept changing, or a reader caught the foreign write half done).
      for (const code of Object.keys(codes)) expect(['CONCURRENT_MODIFICATION', 'INVALID_JSON']).toContain(code);
      // Lost: a foreign key missing from the file at the end. The foreign program also reports keys it
      // found missing before one of its writes: a write of its that landed in the file a library rename
      // was replacing is missing until the writer carries it over (the next attempt), so those absences
      // are counted and shown, and each must have been repaired by the end.
      const transient = foreign.lines.filter((l) => l.startsWith('missing ')).flatMap((l) => l.split(' ')[2]!.split(','));
      const lostKeys = Array.from({ length: FOREIGN }, (_, k) => `FOREIGN_${k}`).filter((key) => final.env[key] === undefined);
      // A writer gives up carrying a change over only after trying for 5 s against a program that keeps
      // rewriting the file, and then names it in its error: never a silent loss.
      const names = (list: string[], key: string): boolean => list.some((m) => m.includes(`env.${key},`) || m.includes(`env.${key} `));
      // A key a writer carried back in and that is gone at the end was dropped afterwards by the foreign
      // program itself: its read-modify-write straddled that writer's rename (it read the file just before
      // and wrote just after, over the file that held the key). No writer can prevent that.
      const droppedByForeign = lostKeys.filter((key) => names(carriedOver, key));
      const silent = lostKeys.filter((key) => !names(reported, key) && !names(carriedOver, key));
      // The rest of the file (which both the foreign program and the library keep) must be there too.
      const restKept = JSON.stringify({ ...final, env: { TEST_VAR_KEEP: final.env['TEST_VAR_KEEP'] } }) === JSON.stringify(base);
      console.log(
        `foreign (loop): ${FOREIGN} foreign writes during ${FOREIGN_RACE_WRITERS * 10} library writes, writer refusals ${JSON.stringify(codes)}; ` +
          `${transient.length} foreign keys missing for a moment, ${carriedOver.length} carry-overs by writers; ${lostKeys.length} lost at the end ` +
          `(${lostKeys.length - silent.length - droppedByForeign.length} reported by a writer, ${droppedByForeign.length} carried over and then dropped by the foreign program's own rewrite); rest of the file kept: ${restKept}`,
      );
      expect(restKept, 'model, permissions, hooks and TEST_VAR_KEEP kept').toBe(true);
      if (silent.length > 0)
        console.log(
          `silent: ${silent.join(', ')}; writer errors naming lost changes: ${JSON.stringify(reported)}; all writer errors: ${JSON.stringify(children.flatMap((c) => outcomes(c).errors.map((e) => e.message.slice(0, 160))).filter((m) => !m.includes('nothing was overwritten')))}`,
        );
      expect(silent, 'foreign keys silently overwritten by a library writer').toEqual([]);
    },
  );

  knownWriteRace('a foreign write landing after the re-read and before the rename is detected, never silently lost', { timeout: 60_000 }, async () => {
    // The foreign program watches the folder and writes as soon as the writer's temp file appears:
    // the writer has planned, backed up and re-checked the file, and is about to rename over it. On a
    // loaded machine the watcher can miss every window of one run: then the scenario runs again (up to
    // three times) until a foreign write lands inside one; every run must lose nothing.
    let foreignWrites = 0;
    for (let run = 0; run < 3 && foreignWrites === 0; run++) {
      const s = sandbox(tmp);
      writeFile(s.file, base);
      const N = 6;
      const foreign = startChild('foreign-writer', { mode: 'window', file: s.file, count: N });
      await foreign.waitFor((l) => l === 'ready');
      const writer = startChild('writer-child', { mode: 'vars', ...s, id: 0, count: N });
      await writer.exited;
      foreign.proc.kill('SIGKILL');
      await foreign.exited;
      const { done, errors } = outcomes(writer);
      const final = JSON.parse(readFileSync(s.file, 'utf8')) as { env: Record<string, string> };
      foreignWrites = foreign.lines.filter((l) => l.startsWith('wrote ')).length;
      const lost = Array.from({ length: foreignWrites }, (_, k) => `FOREIGN_${k}`).filter((key) => final.env[key] === undefined);
      console.log(
        `foreign (window, run ${run + 1}): ${foreignWrites} foreign writes inside the window, writer: ${done.length} done, errors ${JSON.stringify(errors.map((e) => e.code))}, foreign keys lost: ${lost.length}`,
      );
      for (const e of errors) expect(e.code).toBe('CONCURRENT_MODIFICATION');
      expect(lost, 'foreign keys silently overwritten by a library writer').toEqual([]);
    }
    expect(foreignWrites, "a foreign write landed inside a writer's window in one of three runs").toBeGreaterThan(0);
  });
  knownEmptyFileRace(
    'a program saving the file in place (emptied, then written) while a writer runs: nothing of it is silently lost',
    { timeout: 30_000 },
    async () => {
      const s = sandbox(tmp);
      writeFile(s.file, base);
      const foreign = startChild('foreign-writer', { mode: 'slow', file: s.file, count: 1 });
      await foreign.waitFor((l) => l === 'truncated');
      const writer = startChild('writer-child', { mode: 'once', ...s, ops: [set(['env', 'TEST_VAR_DURING'], 'x')] });
      await writer.exited;
      foreign.send('finish');
      await foreign.exited;
      const { done, errors } = outcomes(writer);
      const text = readFileSync(s.file, 'utf8');
      const final = JSON.parse(text) as { env: Record<string, string> };
      console.log(
        `foreign (in-place save): writer ${JSON.stringify(writer.lines.filter((l) => !l.startsWith('start') && l !== 'ready'))}; file after: ${text.length} bytes, keys ${Object.keys(final).join(', ')}`,
      );
      // Either the writer refused (its key absent, the foreign save intact) or it waited for the save and kept it.
      if (errors.length > 0) expect(final.env['TEST_VAR_DURING']).toBeUndefined();
      else expect(done).toEqual([0]);
      expect(final.env['FOREIGN_0']).toBe('foreign-0');
      expect(final['model' as keyof typeof final]).toBe('sonnet');
    },
  );
});

describe('unparseable file: refused, bytes unchanged', () => {
  const broken: Record<string, string> = {
    'invalid JSON': '{\n  "env": {\n    "A": "1",,\n  }\n}\n',
    truncated: '{\n  "env": {\n    "A": "1"\n',
    'JSONC (comment, trailing comma)': '\uFEFF{\r\n  // a comment\r\n  "env": { "A": "1", },\r\n}',
    'not an object': '[1, 2, 3]\n',
    'garbage bytes': '\u0000\u0001{"env"',
  };

  it('in process: every refused write leaves the bytes as they were, takes no backup, leaves no temp file', async () => {
    const s = sandbox(tmp);
    const attempts: EditOp[][] = [
      [set(['env', 'TEST_VAR_1'], 'x')],
      [{ op: 'unset', path: ['env', 'A'] }],
      [set(['permissions', 'allow'], ['Bash(ls)'])],
      [set(['env', 'TEST_VAR_2'], 'y'), { op: 'unset', path: ['model'] }],
    ];
    for (const [label, text] of Object.entries(broken)) {
      writeFile(s.file, text);
      const bytes = readFileSync(s.file);
      for (const ops of attempts) {
        const error = (await writeSettings(writerOptions(s, ops)).then(
          () => undefined,
          (e: unknown) => e,
        )) as { code?: string; message?: string } | undefined;
        expect(error?.code, label).toMatch(/^(INVALID_JSON|JSONC_NOT_ALLOWED)$/);
        expect(error?.message, label).toMatch(/nothing was written/);
        expect(readFileSync(s.file).equals(bytes), label).toBe(true);
      }
      expect(neighbours(s)).toEqual([]);
    }
    expect(listBackups({ backupDir: s.backupDir, path: s.file })).toEqual([]);
  });

  it('in child processes: the same, for each kind of broken file', { timeout: 60_000 }, async () => {
    // One file per kind, all children at once.
    const cases = Object.entries(broken).map(([label, text], n) => {
      const s = sandbox(join(tmp, `case-${n}`));
      writeFile(s.file, text);
      const child = startChild('writer-child', { mode: 'once', ...s, ops: [set(['env', 'TEST_VAR_1'], 'x')] });
      return { label, s, bytes: readFileSync(s.file), child };
    });
    for (const { label, s, bytes, child } of cases) {
      await child.exited;
      const { done, errors } = outcomes(child);
      expect(done, label).toEqual([]);
      expect(errors.map((e) => e.code)[0], label).toMatch(/^(INVALID_JSON|JSONC_NOT_ALLOWED)$/);
      expect(errors[0]?.message, label).toMatch(/:\d+:\d+: /); // path:line:column
      expect(readFileSync(s.file).equals(bytes), label).toBe(true);
      expect(neighbours(s)).toEqual([]);
      expect(listBackups({ backupDir: s.backupDir, path: s.file })).toEqual([]);
    }
  });
});

describe('revert', () => {
  it('restores the bytes before each of 30 writes exactly, newest to oldest, and removes a file that did not exist', async () => {
    const s = sandbox(tmp);
    const opts = (ops: EditOp[]): Parameters<typeof writeSettings>[0] => writerOptions(s, ops, { keepBackups: 100 });
    // The file does not exist before the first write.
    const snapshots: (Buffer | undefined)[] = [];
    const ids: string[] = [];
    const first = await writeSettings(opts([set(['env', 'TEST_VAR_0'], 'zero')]));
    snapshots.push(undefined);
    ids.push(first.backupId!);
    // An odd style that must come back byte for byte: BOM, tabs, CRLF, no final newline, non-ASCII.
    writeFile(s.file, '\uFEFF{\r\n\t"model": "sonnet",\r\n\t"env": {\r\n\t\t"TEST_VAR_0": "zéro ✓"\r\n\t},\r\n\t"permissions": {"allow": ["Bash(ls)"]}\r\n}');
    let lastSet = 'TEST_VAR_0';
    for (let i = 1; i < 30; i++) {
      const ops: EditOp[] =
        i % 5 === 0
          ? [{ op: 'unset', path: ['env', lastSet] }]
          : i % 7 === 0
            ? [set(['hooks', `H${i}`], [{ matcher: 'Bash', hooks: [{ type: 'command', command: `echo ${i}` }] }])]
            : [set(['env', (lastSet = `TEST_VAR_${i}`)], `value ${i} ü`), set(['permissions', 'allow', 0], `Bash(ls ${i})`)];
      const before = readFileSync(s.file);
      const r = await writeSettings(opts(ops));
      expect(r.changes.length).toBeGreaterThan(0);
      snapshots.push(before);
      ids.push(r.backupId!);
    }
    const latest = readFileSync(s.file);
    const undoIds: string[] = [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const r = await revert(ids[i]!, { backupDir: s.backupDir, keepBackups: 100 });
      undoIds.push(r.backupId);
      const want = snapshots[i];
      if (want === undefined) {
        expect(r.removed).toBe(true);
        expect(existsSync(s.file)).toBe(false);
      } else {
        expect(readFileSync(s.file).equals(want), `revert of write ${i}`).toBe(true);
      }
    }
    // Undoing the first revert brings back the state after the last write, byte for byte.
    await revert(undoIds[0]!, { backupDir: s.backupDir, keepBackups: 100 });
    expect(readFileSync(s.file).equals(latest)).toBe(true);
    expect(neighbours(s)).toEqual([]);
  });
});
