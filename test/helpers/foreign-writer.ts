/**
 * "Another program" for test/reliability.test.ts: it rewrites the settings file directly, without
 * the library's lock, with a plain read + JSON.parse + fs.writeFileSync, adding its own key
 * `FOREIGN_<k>` to `env` each time. Reports `wrote <k>` on stdout after each write, and `missing <k> <keys>`
 * when some of its keys have disappeared.
 *
 * Usage: node --import tsx test/helpers/foreign-writer.ts '<json>'
 *   { "mode": "loop", "file": ..., "count": 1000, "pauseMs": 5 }
 *       after a first line on stdin, writes (pausing 0..pauseMs ms between writes) until it has
 *       written count times or reads `stop`
 *   { "mode": "window", "file": ..., "count": 10 }
 *       watches the file's folder and writes as soon as a writer's temp file (write-file-atomic's
 *       `<file>.<number>`) appears: after the writer has read and re-checked the file, before its
 *       rename. Exits after count writes.
 *   { "mode": "slow", "file": ..., "count": 1 }
 *       saves in place the way many editors do, slowly: reads the file, adds FOREIGN_0, opens it for
 *       writing (which empties it), says `truncated`, and writes and closes it only after a line on
 *       stdin; then says `wrote 0`.
 */
import { closeSync, openSync, readFileSync, watch, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { seededRandom } from './seeded';

interface Args {
  mode: 'loop' | 'window' | 'slow';
  file: string;
  count: number;
  pauseMs?: number;
  /** The random source's seed (TEST_SEED of the test that started it). */
  seed?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
// Seeded by the test (its TEST_SEED), so that the pauses replay.
const random = seededRandom(args.seed ?? 1);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Keys this program wrote and has not yet found missing. */
const written = new Set<string>();

/**
 * Read, add FOREIGN_k, write in place (readers of this file may see it half-written; only the
 * library writes atomically). Before write k, reports `missing <k> <key>,<key>...` when some of its
 * earlier keys are gone: only a library writer can have removed them.
 */
function foreignWrite(k: number): void {
  for (let tries = 0; ; tries++) {
    try {
      const value = JSON.parse(readFileSync(args.file, 'utf8')) as { env?: Record<string, string> };
      const missing = [...written].filter((key) => value.env?.[key] === undefined);
      if (missing.length > 0) {
        say(`missing ${k} ${missing.join(',')}`);
        for (const key of missing) written.delete(key);
      }
      value.env = { ...value.env, [`FOREIGN_${k}`]: `foreign-${k}` };
      written.add(`FOREIGN_${k}`);
      writeFileSync(args.file, `${JSON.stringify(value, null, 2)}\n`);
      return;
    } catch (error) {
      // The library never leaves a half-written file; give up loudly if that ever happened.
      if (tries > 100) throw error;
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (args.mode === 'loop') {
    say('ready');
    const rl = createInterface({ input: process.stdin });
    let stopped = false;
    await new Promise<void>((resolve) => rl.once('line', () => resolve()));
    rl.on('line', (line) => {
      if (line === 'stop') stopped = true;
    });
    for (let k = 0; k < args.count && !stopped; k++) {
      foreignWrite(k);
      say(`wrote ${k}`);
      await sleep(random() * (args.pauseMs ?? 15));
    }
    rl.close();
    return;
  }
  if (args.mode === 'slow') {
    const value = JSON.parse(readFileSync(args.file, 'utf8')) as { env?: Record<string, string> };
    value.env = { ...value.env, FOREIGN_0: 'foreign-0' };
    const fd = openSync(args.file, 'w');
    say('truncated');
    const rl = createInterface({ input: process.stdin });
    await new Promise<void>((resolve) => rl.once('line', () => resolve()));
    rl.close();
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    closeSync(fd);
    say('wrote 0');
    return;
  }
  const name = basename(args.file);
  const seen = new Set<string>();
  let k = 0;
  const watcher = watch(dirname(args.file), (_event, file) => {
    if (k >= args.count || typeof file !== 'string' || !file.startsWith(`${name}.`) || seen.has(file)) return;
    seen.add(file);
    foreignWrite(k);
    say(`wrote ${k} ${file}`);
    if (++k >= args.count) watcher.close();
  });
  say('ready');
}

await main();
