/**
 * `npm run conformance:sweep`: where does Claude Code's behaviour change across a range of releases?
 * Runs every selected vector on a sample of the published versions in the range (every Nth, or the
 * versions given), reduces each run to its behaviour signature (compare.ts `behaviourSignature`, plus
 * the dialogs of an interactive run), and for each vector whose signature differs between two
 * neighbouring samples bisects the published versions between them to the first version that behaves
 * differently. Versions a vector is recorded for are taken from the recording instead of a run (a
 * boundary next to one is confirmed by running both sides live). Prints, and writes to
 * conformance/results/sweep-latest.{json,md}, a table vector × version range → behaviour.
 *
 *   npm run conformance:sweep -- [--from 2.1.236] [--to 2.1.332] [--every 8 | --version X[,Y]...]
 *                                [--vector <id|glob>]... [--jobs 2] [--no-bisect] [--model] [--fresh]
 *
 * --every N     sample every Nth published version of the range (the first and last always); default 8
 * --version     sample exactly these versions (plus the first and last of the range)
 * --model       also tell runs apart by the model of the first inference request (ids change with releases)
 * --no-bisect   only sample
 * --fresh       ignore the signatures kept from earlier sweeps (conformance/results/sweep-cells.json)
 *
 * A change and its reversal between two samples does not show; a finer sample finds it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { behaviourSignature, compareWithPrediction, requestedModel, sessionRequest, summarise } from './compare';
import { installClaude, publishedVersions, REPO_ROOT } from './install';
import { predict } from './predict';
import { Refused, runInSandbox } from './sandbox';
import { compareVersionStrings, loadVectors, matchesId, type RecordedRun, type Vector } from './vector';

interface Args {
  from: string;
  to: string;
  every: number;
  versions: string[];
  patterns: string[];
  jobs: number;
  bisect: boolean;
  model: boolean;
  fresh: boolean;
  timeout: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { from: '2.1.236', to: '2.1.332', every: 8, versions: [], patterns: [], jobs: 2, bisect: true, model: false, fresh: false, timeout: 30 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--from') a.from = value();
    else if (flag === '--to') a.to = value();
    else if (flag === '--every') a.every = Math.max(1, Number(value()));
    else if (flag === '--version') a.versions.push(...value().split(','));
    else if (flag === '--vector') a.patterns.push(...value().split(','));
    else if (flag === '--jobs') a.jobs = Math.max(1, Number(value()));
    else if (flag === '--timeout') a.timeout = Number(value());
    else if (flag === '--no-bisect') a.bisect = false;
    else if (flag === '--model') a.model = true;
    else if (flag === '--fresh') a.fresh = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return a;
}

/** One vector on one version, as kept between sweeps. */
interface SweepCell {
  /** {@link sweepSignature} of the run (without the model). */
  signature: string;
  /** How the library's prediction differs from this run (recomputed with today's library when `run` is kept). */
  differences: string[];
  /** What the run did (kept so the differences can be recomputed after the library changes). */
  run?: RecordedRun;
  model?: string;
  /** `recorded`: taken from the vector's recording; else the live run's time. */
  source: 'recorded' | 'live';
  durationMs?: number;
  error?: string;
}

const RESULTS = join(REPO_ROOT, 'conformance', 'results');
const CELLS_FILE = join(RESULTS, 'sweep-cells.json');

/**
 * An interactive run's signature without its `refusal`: the first line of a terminal session that
 * sent nothing is its banner (which names the version) or the time bound, not a refusal.
 */
function withoutInteractiveRefusal(sig: string): string {
  const at = sig.indexOf(' dialogs=');
  if (at < 0) return sig;
  const base = JSON.parse(sig.slice(0, at)) as Record<string, unknown>;
  delete base['refusal'];
  return JSON.stringify(base) + sig.slice(at);
}

/** What a run did, reduced to what configuration decides (the model is kept apart: `--model` adds it). */
export function sweepSignature(run: RecordedRun): string {
  let sig = behaviourSignature(run);
  if (run.interactive !== undefined) {
    const i = run.interactive;
    sig += ` dialogs=${i.dialogs.join('+') || '-'} steps=${i.steps.map((s) => s.outcome).join(',')} prompt=${i.prompt?.typed === true ? 'typed' : '-'}`;
  }
  return withoutInteractiveRefusal(sig);
}

async function pool<T>(items: T[], jobs: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

class Sweep {
  readonly cells: Record<string, SweepCell>;
  private dirty = 0;
  liveRuns = 0;
  liveMs = 0;
  constructor(private readonly args: Args) {
    this.cells = !args.fresh && existsSync(CELLS_FILE) ? (JSON.parse(readFileSync(CELLS_FILE, 'utf8')) as Record<string, SweepCell>) : {};
  }

  /** Writes the kept cells, merged with what another sweep wrote meanwhile (ours win). */
  save(): void {
    mkdirSync(RESULTS, { recursive: true });
    const others = existsSync(CELLS_FILE) ? (JSON.parse(readFileSync(CELLS_FILE, 'utf8')) as Record<string, SweepCell>) : {};
    for (const [k, c] of Object.entries(others)) if (!(k in this.cells)) this.cells[k] = c;
    writeFileSync(CELLS_FILE, JSON.stringify(this.cells, null, 1) + '\n');
    this.dirty = 0;
  }

  /** The signature a search compares: with `--model`, the model of the first inference request added. */
  async sig(vector: Vector, version: string, live = false): Promise<string> {
    const c = await this.cell(vector, version, live);
    const sig = withoutInteractiveRefusal(c.signature);
    return this.args.model ? `${sig} model=${c.model ?? '-'}` : sig;
  }

  /** The cell of a vector on a version: the recording, a kept signature, or a live run (`live` forces one). */
  async cell(vector: Vector, version: string, live = false): Promise<SweepCell> {
    const key = `${vector.id}@${version}`;
    const recorded = vector.recorded[version];
    if (!live && recorded !== undefined) return this.fromRun(vector, version, recorded, 'recorded');
    // `live`: a confirmation, run again beside the search's own run (kept apart as `<key>#confirm`).
    const kept = this.cells[live ? `${key}#confirm` : key];
    if (kept !== undefined && kept.error === undefined)
      return kept.run !== undefined ? { ...(await this.fromRun(vector, version, kept.run, 'live')), durationMs: kept.durationMs ?? 0 } : kept;
    const claude = installClaude(version, (l) => process.stderr.write(`  ${l}\n`));
    const t = Date.now();
    let cell: SweepCell;
    try {
      const run = summarise(await runInSandbox(vector, claude, { timeoutSeconds: this.args.timeout }));
      cell = await this.fromRun(vector, version, run, 'live');
    } catch (e) {
      cell = {
        signature: `${e instanceof Refused ? 'refused' : 'error'}`,
        differences: [],
        source: 'live',
        error: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e),
      };
    }
    cell.durationMs = Date.now() - t;
    this.liveRuns++;
    this.liveMs += cell.durationMs;
    this.cells[live ? `${key}#confirm` : key] = cell;
    if (++this.dirty >= 20) this.save();
    process.stderr.write(
      `  ${vector.id} @ ${version}${live ? ' (confirm)' : ''}: ${(cell.durationMs / 1000).toFixed(1)} s${cell.error !== undefined ? ` ${cell.error}` : ''}\n`,
    );
    return cell;
  }

  private async fromRun(vector: Vector, version: string, run: RecordedRun, source: SweepCell['source']): Promise<SweepCell> {
    const { prediction } = await predict(vector, version);
    const cell: SweepCell = { signature: sweepSignature(run), differences: compareWithPrediction(prediction, run), source };
    if (source === 'live') cell.run = run;
    const model = requestedModel(sessionRequest(run));
    if (model !== undefined) cell.model = model;
    return cell;
  }
}

interface Change {
  vector: string;
  /** The last version that behaves as before, and the first that behaves differently. */
  last: string;
  first: string;
  before: string;
  after: string;
  /** Both sides run again live and behaved the same as in the search. */
  confirmed: boolean | 'unstable';
}

interface Segment {
  from: string;
  to: string;
  signature: string;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const all = loadVectors();
  const vectors = args.patterns.length === 0 ? all : all.filter((v) => args.patterns.some((p) => matchesId(v.id, p)));
  if (vectors.length === 0) throw new Error(`no vector matches ${args.patterns.join(', ')}`);
  const published = publishedVersions().filter((v) => compareVersionStrings(v, args.from) >= 0 && compareVersionStrings(v, args.to) <= 0);
  if (published.length < 2) throw new Error(`fewer than two published versions in ${args.from}..${args.to}`);
  const first = published[0] as string;
  const last = published[published.length - 1] as string;
  let sample: string[];
  if (args.versions.length > 0) {
    for (const v of args.versions) if (!published.includes(v)) throw new Error(`${v} is not a published version in ${first}..${last}`);
    sample = [...new Set([first, ...args.versions, last])];
  } else sample = [...new Set([...published.filter((_, i) => i % args.every === 0), last])];
  sample.sort(compareVersionStrings);
  process.stderr.write(
    `sweep: ${vectors.length} vectors × ${sample.length} sampled versions of ${published.length} (${sample.join(', ')}), ${args.jobs} at a time\n`,
  );

  const sweep = new Sweep(args);
  const started = Date.now();
  const perVersion: Record<string, { seconds: number; vectors: number; live: number; kept: number; recorded: number; errors: number; libraryDiffers: number }> =
    {};
  // Sample: the versions with recordings cost nothing; the others one run per vector.
  for (const version of sample) {
    const t = Date.now();
    const before = sweep.liveRuns;
    const cells = new Map<string, SweepCell>();
    process.stderr.write(`sweep: ${version}\n`);
    await pool(vectors, args.jobs, async (v) => void cells.set(v.id, await sweep.cell(v, version)));
    sweep.save();
    const list = [...cells.values()];
    perVersion[version] = {
      seconds: (Date.now() - t) / 1000,
      vectors: list.length,
      live: sweep.liveRuns - before,
      kept: list.length - (sweep.liveRuns - before) - list.filter((c) => c.source === 'recorded').length,
      recorded: list.filter((c) => c.source === 'recorded').length,
      errors: list.filter((c) => c.error !== undefined).length,
      libraryDiffers: list.filter((c) => c.differences.length > 0).length,
    };
  }

  // Bisect: for each vector, each pair of neighbouring samples that behave differently.
  const changes: Change[] = [];
  const idx = (v: string): number => published.indexOf(v);
  interface Search {
    vector: Vector;
    lo: number;
    hi: number;
    before: string;
  }
  const searches: Search[] = [];
  for (const vector of vectors) {
    for (let i = 0; i + 1 < sample.length; i++) {
      const [a, b] = [await sweep.cell(vector, sample[i] as string), await sweep.cell(vector, sample[i + 1] as string)];
      const [sa, sb] = [await sweep.sig(vector, sample[i] as string), await sweep.sig(vector, sample[i + 1] as string)];
      if (a.error !== undefined || b.error !== undefined || sa === sb) continue;
      searches.push({ vector, lo: idx(sample[i] as string), hi: idx(sample[i + 1] as string), before: sa });
    }
  }
  if (args.bisect) {
    for (;;) {
      const open = searches.filter((s) => s.hi - s.lo > 1);
      if (open.length === 0) break;
      await pool(open, args.jobs, async (s) => {
        const mid = Math.floor((s.lo + s.hi) / 2);
        if ((await sweep.sig(s.vector, published[mid] as string)) === s.before) s.lo = mid;
        else s.hi = mid;
      });
      sweep.save();
    }
  }
  for (const s of searches) {
    const lastOld = published[s.lo] as string;
    const firstNew = published[s.hi] as string;
    const after = await sweep.sig(s.vector, firstNew);
    let confirmed: Change['confirmed'] = false;
    if (s.hi - s.lo === 1) {
      // Both sides again, live (a recording may be older than the harness; a run may be unstable).
      const again = [await sweep.sig(s.vector, lastOld, true), await sweep.sig(s.vector, firstNew, true)];
      confirmed = again[0] === s.before && again[1] === after ? true : 'unstable';
    }
    changes.push({ vector: s.vector.id, last: lastOld, first: firstNew, before: s.before, after, confirmed });
  }
  sweep.save();

  // The table: per vector, the version ranges with one behaviour (over the versions that were run).
  const segmentsOf = async (vector: Vector): Promise<Segment[]> => {
    const ran = published.filter((v) => sweep.cells[`${vector.id}@${v}`] !== undefined || vector.recorded[v] !== undefined);
    const segs: Segment[] = [];
    for (const v of ran) {
      const signature = await sweep.sig(vector, v);
      const prev = segs[segs.length - 1];
      if (prev !== undefined && prev.signature === signature) prev.to = v;
      else segs.push({ from: v, to: v, signature });
    }
    return segs;
  };
  const seconds = (Date.now() - started) / 1000;
  const changed = vectors.filter((v) => changes.some((c) => c.vector === v.id));
  const segments: Record<string, Segment[]> = {};
  for (const v of vectors) segments[v.id] = await segmentsOf(v);
  const segmentRows = changed.flatMap((v) =>
    (segments[v.id] ?? []).map((s) => `| ${v.id} | ${s.from === s.to ? s.from : `${s.from}–${s.to}`} | \`${s.signature}\` |`),
  );
  const lines = [
    `# Sweep: ${vectors.length} vectors × ${sample.length} sampled versions of ${published.length} published in ${first}..${last}`,
    '',
    `Sampled: ${sample.join(', ')}. ${sweep.liveRuns} live runs in this sweep (${(sweep.liveMs / 1000).toFixed(0)} s of runs, ${seconds.toFixed(0)} s wall, ${args.jobs} at a time).`,
    '',
    '| version | vectors | run now | kept from earlier sweeps | from recordings | errors | library differs | seconds |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...sample.map((v) => {
      const p = perVersion[v];
      return p
        ? `| ${v} | ${p.vectors} | ${p.live} | ${p.kept} | ${p.recorded} | ${p.errors} | ${p.libraryDiffers} | ${p.seconds.toFixed(0)} |`
        : `| ${v} | | | | | | | |`;
    }),
    '',
    '"library differs": cells where the library predicts otherwise (the versions not recorded have no expected-differences entries; a kept cell without its run keeps the differences of the day it ran).',
    '',
    '## Changes',
    '',
    changes.length === 0
      ? 'No vector behaves differently on any two neighbouring samples.'
      : '| vector | last before | first after | confirmed | before | after |',
    ...(changes.length === 0 ? [] : ['|---|---|---|---|---|---|']),
    ...changes.map(
      (c) =>
        `| ${c.vector} | ${c.last} | ${c.first} | ${c.confirmed === true ? 'yes' : c.confirmed === false ? 'not bisected' : 'UNSTABLE'} | \`${c.before}\` | \`${c.after}\` |`,
    ),
    '',
    '## Vector × version range → behaviour',
    '',
    `${vectors.length - changed.length} vectors behave the same on every version run; the ${changed.length} others:`,
    '',
    '| vector | versions | behaviour |',
    '|---|---|---|',
    ...segmentRows,
  ];
  const md = lines.join('\n') + '\n';
  process.stdout.write(md);
  const json =
    JSON.stringify(
      { from: first, to: last, sample, published, perVersion, seconds, liveRuns: sweep.liveRuns, liveSeconds: sweep.liveMs / 1000, changes, segments },
      null,
      2,
    ) + '\n';
  writeFileSync(join(RESULTS, 'sweep-latest.json'), json);
  writeFileSync(join(RESULTS, 'sweep-latest.md'), md);
  process.stderr.write('written conformance/results/sweep-latest.{json,md}\n');
  return changes.some((c) => c.confirmed === 'unstable') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`sweep: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
