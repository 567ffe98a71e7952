/**
 * `npm run conformance`: runs the real Claude Code against every selected vector, compares what
 * arrived at the recording gateway with what the library predicts, prints a matrix and writes it
 * to conformance/results/ (JSON and Markdown; run artifacts, not committed).
 *
 *   npm run conformance -- [--version 2.1.332 | --version 2.1.236..2.1.240]... [--vector <id|glob>]... [--record] [--jobs 3]
 *                          [--timeout 30] [--keep] [--recorded-only] [--mode namespaces|scratch-home]
 *
 * --record         write what the binary did into the vector files (per version)
 * --recorded-only  run no binary: compare the library with the recordings already in the vectors
 *
 * Exit status: 0 every cell matches or differs exactly as conformance/expected-differences.json
 * lists (a known difference, shown as 📌), 1 a new difference, a listed one that has gone, or drift
 * from the recording, 2 a harness error (a run that could not be made).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_MODELLED_VERSION } from '../src/core/versions';
import { compareWithPrediction, compareWithRecorded, summarise } from './compare';
import { checkExpected, loadExpectedDifferences } from './expected';
import { expandVersionRange, installClaude, REPO_ROOT, type InstalledClaude } from './install';
import { predict } from './predict';
import { detectMode, Refused, runInSandbox, type SandboxMode } from './sandbox';
import { compareVersionStrings, loadVectors, matchesId, saveVector, type RecordedRun, type Vector } from './vector';

interface Args {
  versions: string[];
  patterns: string[];
  record: boolean;
  jobs: number;
  timeout: number;
  keep: boolean;
  recordedOnly: boolean;
  mode?: SandboxMode;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { versions: [], patterns: [], record: false, jobs: 3, timeout: 30, keep: false, recordedOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--version')
      a.versions.push(
        ...value()
          .split(',')
          .flatMap((v) => expandVersionRange(v, compareVersionStrings)),
      );
    else if (flag === '--vector') a.patterns.push(...value().split(','));
    else if (flag === '--record') a.record = true;
    else if (flag === '--jobs') a.jobs = Math.max(1, Number(value()));
    else if (flag === '--timeout') a.timeout = Number(value());
    else if (flag === '--keep') a.keep = true;
    else if (flag === '--recorded-only') a.recordedOnly = true;
    else if (flag === '--mode') {
      const m = value();
      if (m !== 'namespaces' && m !== 'scratch-home') throw new Error('--mode is namespaces or scratch-home');
      a.mode = m;
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (a.record && a.recordedOnly) throw new Error('--record and --recorded-only exclude each other');
  return a;
}

type Status = 'match' | 'known' | 'mismatch' | 'refused' | 'error' | 'not-recorded';

interface Cell {
  vector: string;
  version: string;
  status: Status;
  differences: string[];
  /** Listed in expected-differences.json but not found (the library or the binary changed). */
  gone?: string[];
  /** A live run that no longer does what the vector recorded. */
  drift: string[];
  /** What the prediction could not take into account. */
  notes?: string[];
  durationMs?: number;
  message?: string;
}

async function pool<T>(items: T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

const ICON: Record<Status, string> = { match: '✅', known: '📌', mismatch: '❌', refused: '⏭', error: '💥', 'not-recorded': '·' };

function markdown(cells: Cell[], versions: string[], vectors: Vector[], header: string): string {
  const lines = [header, '', `| vector | ${versions.join(' | ')} |`, `|---|${versions.map(() => '---').join('|')}|`];
  for (const v of vectors) {
    const row = versions.map((ver) => {
      const c = cells.find((x) => x.vector === v.id && x.version === ver);
      if (!c) return '';
      return c.status === 'mismatch' ? `${ICON.mismatch} ${c.differences.length}` : ICON[c.status];
    });
    lines.push(`| ${v.id} | ${row.join(' | ')} |`);
  }
  const bad = cells.filter((c) => (c.status !== 'match' && c.status !== 'not-recorded') || c.drift.length > 0);
  if (bad.length > 0) {
    lines.push('', '## Differences', '');
    for (const c of bad) {
      lines.push(`### ${c.vector} @ ${c.version}: ${c.status}`);
      if (c.message !== undefined) lines.push('', '```', c.message, '```');
      for (const d of c.differences) lines.push(`- ${d}`);
      for (const d of c.gone ?? []) lines.push(`- listed in expected-differences.json but not found: ${d}`);
      for (const d of c.drift) lines.push(`- ${d}`);
      for (const n of c.notes ?? []) lines.push(`- (note) ${n}`);
      lines.push('');
    }
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = loadVectors();
  const expected = loadExpectedDifferences();
  const vectors = args.patterns.length === 0 ? all : all.filter((v) => args.patterns.some((p) => matchesId(v.id, p)));
  if (vectors.length === 0) throw new Error(`no vector matches ${args.patterns.join(', ')}`);
  let versions = args.versions;
  if (versions.length === 0) {
    const recorded = new Set(vectors.flatMap((v) => Object.keys(v.recorded)));
    versions = recorded.size > 0 ? [...recorded] : [LATEST_MODELLED_VERSION];
  }
  versions = [...new Set(versions)].sort(compareVersionStrings);
  const mode = args.recordedOnly ? 'recorded' : (args.mode ?? (await detectMode()));
  process.stderr.write(`conformance: ${vectors.length} vectors × ${versions.length} versions (${versions.join(', ')}), mode ${mode}, ${args.jobs} at a time\n`);

  const installed = new Map<string, InstalledClaude>();
  if (!args.recordedOnly)
    for (const v of versions)
      installed.set(
        v,
        installClaude(v, (l) => process.stderr.write(l + '\n')),
      );

  const cells: Cell[] = [];
  const started = Date.now();
  const pairs = vectors.flatMap((vector) => versions.map((version) => ({ vector, version })));
  await pool(pairs, args.recordedOnly ? 8 : args.jobs, async ({ vector, version }) => {
    const cell: Cell = { vector: vector.id, version, status: 'match', differences: [], drift: [] };
    cells.push(cell);
    try {
      let run: RecordedRun | undefined;
      if (args.recordedOnly) {
        run = vector.recorded[version];
        if (run === undefined) {
          cell.status = 'not-recorded';
          return;
        }
      } else {
        const t = Date.now();
        const live = await runInSandbox(vector, installed.get(version) as InstalledClaude, {
          timeoutSeconds: args.timeout,
          keep: args.keep,
          ...(args.mode !== undefined ? { mode: args.mode } : {}),
        });
        cell.durationMs = Date.now() - t;
        run = summarise(live);
        const before = vector.recorded[version];
        if (before !== undefined && !args.record) cell.drift = compareWithRecorded(before, run);
        if (args.record) {
          vector.recorded[version] = run;
          saveVector(vector);
        }
      }
      const { prediction } = await predict(vector, version);
      cell.differences = compareWithPrediction(prediction, run);
      if (prediction.notes.length > 0) cell.notes = prediction.notes;
      const listed = expected.get(`${vector.id}@${version}`);
      const check = checkExpected(cell.differences, listed?.differences, listed?.unstable === true);
      if (check.gone.length > 0) cell.gone = check.gone;
      cell.status = !check.expected || cell.drift.length > 0 ? 'mismatch' : cell.differences.length > 0 ? 'known' : 'match';
    } catch (e) {
      cell.status = e instanceof Refused ? 'refused' : 'error';
      cell.message = e instanceof Error ? e.message : String(e);
    }
    const c = cell;
    process.stderr.write(
      `${ICON[c.status]} ${c.vector} @ ${c.version}${c.durationMs !== undefined ? ` (${(c.durationMs / 1000).toFixed(1)} s)` : ''}${c.message !== undefined ? `: ${c.message.split('\n')[0]}` : ''}\n`,
    );
  });
  const seconds = (Date.now() - started) / 1000;
  cells.sort((a, b) => a.vector.localeCompare(b.vector) || compareVersionStrings(a.version, b.version));

  const counts = (s: Status): number => cells.filter((c) => c.status === s).length;
  const header = `# Conformance: ${vectors.length} vectors × ${versions.join(', ')} (${mode}, ${seconds.toFixed(1)} s)\n\n${counts('match')} match, ${counts('known')} known differences (conformance/expected-differences.json), ${counts('mismatch')} differ, ${counts('refused')} refused, ${counts('error')} errors, ${counts('not-recorded')} not recorded.`;
  const md = markdown(cells, versions, vectors, header);
  process.stdout.write(md);
  const dir = join(REPO_ROOT, 'conformance', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ mode, versions, seconds, jobs: args.jobs, cells }, null, 2) + '\n';
  for (const name of [`run-${stamp}`, 'latest']) {
    writeFileSync(join(dir, `${name}.json`), json);
    writeFileSync(join(dir, `${name}.md`), md);
  }
  process.stderr.write(`written conformance/results/latest.{json,md} (and run-${stamp})\n`);
  return counts('error') > 0 ? 2 : counts('mismatch') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`conformance: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
