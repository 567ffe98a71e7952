/**
 * `npm run bench:json-locate`: the hand-written walks of src/core/json-locate.ts against jsonc-parser
 * doing the same jobs, on settings files of three sizes:
 *   - locating one value by path (what every edit does): `locateValue` against `parseTree` +
 *     `findNodeAtLocation`;
 *   - finding duplicated keys (what every read of a file does): `scanStructure` against `visit`.
 * Both answers are compared on every file before timing; a disagreement stops the run.
 */
import { findNodeAtLocation, parseTree, visit } from 'jsonc-parser';
import { locateValue, scanStructure } from '../src/core/json-locate';
import { fmt, median } from './stats';

const QUICK = process.argv.includes('--quick');

function settingsText(variables: number, padding = 0): string {
  const env: Record<string, string> = {};
  for (let i = 0; i < variables; i++) env[`VAR_${i}`] = `value-${i}`;
  env['ANTHROPIC_BASE_URL'] = 'https://gw.example.com';
  const settings = {
    model: 'opus',
    permissions: { allow: ['Bash(git status)', 'Read(./src/**)'], deny: [] },
    hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo hi' }] }] },
    env,
    notes: 'x'.repeat(padding),
  };
  // A duplicated key, as a hand-edited file may have one.
  return JSON.stringify(settings, null, 2).replace('"model": "opus",', '"model": "sonnet",\n  "model": "opus",');
}

const FILES: [string, string][] = [
  ['small (10 variables)', settingsText(10)],
  ['200 variables', settingsText(200)],
  ['2 MB (10,000 variables and a long note)', settingsText(10_000, 1_600_000)],
];
const PATH = ['env', 'ANTHROPIC_BASE_URL'];

function viaTree(text: string): { offset: number; length: number } | undefined {
  const tree = parseTree(text);
  const node = tree && findNodeAtLocation(tree, PATH);
  return node ? { offset: node.offset, length: node.length } : undefined;
}

function duplicatesViaVisit(text: string): string[] {
  const stack: Set<string>[] = [];
  const out: string[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (name) => {
      const keys = stack[stack.length - 1];
      if (keys?.has(name)) out.push(name);
      keys?.add(name);
    },
  });
  return out;
}

function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return median(samples);
}

console.log(`json-locate against jsonc-parser: node ${process.version}\n`);
console.log('| file | bytes | locate: hand-written | locate: parseTree + find | ratio | duplicates: scanStructure | duplicates: visit | ratio |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, text] of FILES) {
  const ours = locateValue(text, PATH);
  const theirs = viaTree(text);
  if (ours?.offset !== theirs?.offset || ours?.length !== theirs?.length)
    throw new Error(`${name}: the two locate different values (${JSON.stringify(ours)} / ${JSON.stringify(theirs)})`);
  const dupOurs = scanStructure(text, 100).duplicates.map((d) => d.key);
  const dupTheirs = duplicatesViaVisit(text);
  if (JSON.stringify(dupOurs) !== JSON.stringify(dupTheirs))
    throw new Error(`${name}: duplicates differ (${JSON.stringify(dupOurs)} / ${JSON.stringify(dupTheirs)})`);
  const runs = QUICK ? 20 : text.length > 1_000_000 ? 60 : 2000;
  for (let w = 0; w < 3; w++) {
    locateValue(text, PATH);
    viaTree(text);
    scanStructure(text, 100);
    duplicatesViaVisit(text);
  }
  const a = time(() => locateValue(text, PATH), runs);
  const b = time(() => viaTree(text), runs);
  const c = time(() => scanStructure(text, 100), runs);
  const d = time(() => duplicatesViaVisit(text), runs);
  console.log(
    `| ${name} | ${text.length.toLocaleString('en')} | ${fmt(a)} | ${fmt(b)} | ${(b / a).toFixed(1)}x | ${fmt(c)} | ${fmt(d)} | ${(d / c).toFixed(1)}x |`,
  );
}
