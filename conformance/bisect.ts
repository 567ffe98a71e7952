/**
 * Finds the Claude Code release where a vector's behaviour changed: runs the vector on the first
 * and last published versions of a range, then bisects between them (installing each version it
 * needs into the cache). Assumes one change in the range; prints the versions tried.
 *
 *   node --import tsx conformance/bisect.ts --vector <id|glob> [--from 2.1.236] [--to 2.1.332] [--model]
 *
 * --model  also tell runs apart by the model of the first inference request and whether it asks for
 *          the 1M context beta (the behaviour signature leaves model ids out: they change with releases)
 */
import { behaviourSignature, requestedModel, sessionRequest, summarise } from './compare';
import { installClaude, publishedVersions } from './install';
import { Refused, runInSandbox } from './sandbox';
import { compareVersionStrings, loadVectors, matchesId, type Vector } from './vector';

function arg(name: string, fallback?: string): string[] {
  const out: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) if (argv[i] === name && argv[i + 1] !== undefined) out.push(argv[++i] as string);
  return out.length > 0 ? out : fallback !== undefined ? [fallback] : [];
}

async function signatureAt(vector: Vector, version: string, cache: Map<string, string>): Promise<string> {
  const key = `${vector.id}@${version}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const claude = installClaude(version, (l) => process.stderr.write(`  ${l}\n`));
  const run = summarise(await runInSandbox(vector, claude));
  let sig = behaviourSignature(run);
  if (process.argv.includes('--model')) {
    const req = sessionRequest(run);
    sig += ` model=${requestedModel(req) ?? '-'}${(req?.headers['anthropic-beta'] ?? '').includes('context-1m') ? ' +context-1m' : ''}`;
  }
  process.stderr.write(`  ${vector.id} @ ${version}: ${sig}\n`);
  cache.set(key, sig);
  return sig;
}

async function main(): Promise<number> {
  const patterns = arg('--vector');
  if (patterns.length === 0) throw new Error('usage: bisect.ts --vector <id|glob> [--from X] [--to Y]');
  const from = arg('--from', '2.1.236')[0] as string;
  const to = arg('--to', '2.1.332')[0] as string;
  const vectors = loadVectors().filter((v) => patterns.some((p) => matchesId(v.id, p)));
  const versions = publishedVersions().filter((v) => compareVersionStrings(v, from) >= 0 && compareVersionStrings(v, to) <= 0);
  if (versions.length < 2) throw new Error(`fewer than two published versions in ${from}..${to}`);
  const cache = new Map<string, string>();
  for (const vector of vectors) {
    try {
      let lo = 0;
      let hi = versions.length - 1;
      const first = await signatureAt(vector, versions[lo] as string, cache);
      const last = await signatureAt(vector, versions[hi] as string, cache);
      if (first === last) {
        process.stdout.write(`${vector.id}: the same on ${versions[lo]} and ${versions[hi]} (a change and its reversal in between would not show)\n`);
        continue;
      }
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if ((await signatureAt(vector, versions[mid] as string, cache)) === first) lo = mid;
        else hi = mid;
      }
      process.stdout.write(
        `${vector.id}: changed in ${versions[hi]} (${versions[lo]} behaves as ${versions[0]})\n  before: ${first}\n  after:  ${await signatureAt(vector, versions[hi] as string, cache)}\n`,
      );
    } catch (e) {
      process.stdout.write(`${vector.id}: ${e instanceof Refused ? 'refused' : 'error'}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bisect: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
