/**
 * A writer process for test/reliability.test.ts. It uses the library's `writeSettings` (scope `cli`)
 * and reports on stdout, one line per event, so that the parent can count and kill it:
 *
 *   ready                      started, options read (after `--wait`, waits for a line on stdin)
 *   start <i>                  write i is about to begin
 *   done <i> <changes> <len>   write i returned (len: length of the text it edited, or absent)
 *   error <i> <CODE> <message> write i threw
 *   carried <i> <message>       write i carried another program's changes over (write-concurrent-change-kept)
 *   recovered <i> <message>    write i took over a lock left by a writer that is gone (write-lock-recovered)
 *   diag <i> <code> <message>  every diagnostic of write i
 *
 * Usage: node --import tsx test/helpers/writer-child.ts '<json>' (the tests start its bundle: child-bundles.ts)
 *   { "mode": "toggle", "root": ..., "file": ..., "backupDir": ..., "from": 0, "to": 200 }
 *       write i sets TEST_VAR_BIG to the 100 KB value B (i even) or A (i odd); the file starts with A
 *   { "mode": "vars", ..., "id": 3, "count": 10, "wait": true }
 *       write i sets TEST_3_<i> to "v3-<i>", one write each; errors are reported and the loop goes on
 *   { "mode": "once", ..., "ops": [...] }
 *       one write of the given ops
 *   "prefix": "P" (vars mode)   the variables are P_<id>_<i> instead of TEST_<id>_<i>
 *   "extra": { ... }            more writeSettings options (scope, env, homeDir, allowReadOnly, ...)
 */
import { createInterface } from 'node:readline';
import { writeSettings, type EditOp, type WriteSettingsOptions } from '../../src/index';
import { BIG_VAR, bigValue, writerOptions, type Sandbox } from './reliability-fixture';

interface Args extends Sandbox {
  mode: 'toggle' | 'vars' | 'once';
  from?: number;
  to?: number;
  id?: number;
  count?: number;
  wait?: boolean;
  ops?: EditOp[];
  prefix?: string;
  extra?: Partial<WriteSettingsOptions>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;

function say(line: string): void {
  // stdout to a pipe is synchronous on Linux: the line is out before a SIGKILL can land.
  process.stdout.write(`${line}\n`);
}

async function write(i: number, ops: EditOp[]): Promise<boolean> {
  say(`start ${i}`);
  try {
    const r = await writeSettings(writerOptions(args, ops, args.extra ?? {}));
    say(`done ${i} ${r.changes.length} ${r.previousText === undefined ? 'absent' : r.previousText.length}`);
    for (const d of r.diagnostics) if (d.code === 'write-concurrent-change-kept') say(`carried ${i} ${d.message}`);
    for (const d of r.diagnostics) if (d.code === 'write-lock-recovered') say(`recovered ${i} ${d.message.replace(/\s+/g, ' ')}`);
    for (const d of r.diagnostics) say(`diag ${i} ${d.code} ${d.message.replace(/\s+/g, ' ')}`);
    return true;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    say(`error ${i} ${e.code ?? 'UNKNOWN'} ${(e.message ?? String(error)).replace(/\s+/g, ' ')}`);
    return false;
  }
}

async function waitForGo(): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => rl.once('line', () => resolve()));
  rl.close();
}

async function main(): Promise<void> {
  // Load everything (the library) before saying ready, so that "go" starts every child at once.
  const A = bigValue('A');
  const B = bigValue('B');
  say('ready');
  if (args.wait) await waitForGo();
  switch (args.mode) {
    case 'toggle':
      for (let i = args.from ?? 0; i < (args.to ?? 0); i++) {
        if (!(await write(i, [{ op: 'set', path: ['env', BIG_VAR], value: i % 2 === 0 ? B : A }]))) process.exit(1);
      }
      break;
    case 'vars':
      for (let i = 0; i < (args.count ?? 0); i++)
        await write(i, [{ op: 'set', path: ['env', `${args.prefix ?? 'TEST'}_${args.id}_${i}`], value: `v${args.id}-${i}` }]);
      break;
    case 'once':
      await write(0, args.ops ?? []);
      break;
  }
}

await main();
