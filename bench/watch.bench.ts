/**
 * `npm run bench:watch`: watchEffectiveConfig's latency (a settings file renamed over → the change
 * event, with the default 100 ms debounce and with none) and its cost while nothing changes (CPU time
 * over 10 s idle, and how many resolutions ran: none should).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchEffectiveConfig, type ConfigChangeEvent } from '../src/index';
import { fmt, median, quantile } from './stats';

const QUICK = process.argv.includes('--quick');
const root = mkdtempSync(join(tmpdir(), 'cgc-bench-watch-'));
const home = join(root, 'home');
const cwd = join(root, 'proj');
mkdirSync(join(home, '.claude'), { recursive: true });
mkdirSync(cwd, { recursive: true });
const file = join(home, '.claude', 'settings.json');
const save = (value: unknown): void => {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
};
save({ env: { N: '0' } });
// The managed folder (/etc/claude-code) is only probed; the bench writes nothing outside its temp folder.
const options = { platform: 'linux' as const, homeDir: home, cwd, env: {}, interactive: false, wsl: false };

async function latency(debounceMs: number, n: number): Promise<number[]> {
  let waiting: ((e: ConfigChangeEvent) => void) | undefined;
  const watcher = await watchEffectiveConfig({ ...options, debounceMs }, (e) => waiting?.(e));
  const out: number[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const event = new Promise<ConfigChangeEvent>((resolve) => (waiting = resolve));
      const t = process.hrtime.bigint();
      save({ env: { N: String(i + debounceMs * 1000) } });
      await event;
      out.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  } finally {
    watcher.close();
  }
  return out;
}

async function idle(seconds: number): Promise<{ cpuMs: number; events: number; folders: number }> {
  let events = 0;
  const watcher = await watchEffectiveConfig(options, () => events++);
  // Let the start (the first resolution, compilation, collection) settle before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const used = process.cpuUsage(before);
  const folders = watcher.folders.length;
  watcher.close();
  return { cpuMs: (used.user + used.system) / 1000, events, folders };
}

// Idle first, while the process is quiet: the same window without and with a watcher.
await new Promise((resolve) => setTimeout(resolve, 1000));
const baselineStart = process.cpuUsage();
await new Promise((resolve) => setTimeout(resolve, (QUICK ? 2 : 10) * 1000));
const baselineUsed = process.cpuUsage(baselineStart);
const baselineMs = (baselineUsed.user + baselineUsed.system) / 1000;
const quiet = await idle(QUICK ? 2 : 10);
const n = QUICK ? 10 : 50;
const immediate = await latency(0, n);
const debounced = await latency(100, QUICK ? 5 : 20);
console.log(`watchEffectiveConfig: node ${process.version}, ${process.platform}\n`);
console.log('| change → event | median | p90 | changes |');
console.log('|---|---:|---:|---:|');
console.log(`| debounce 0 ms | ${fmt(median(immediate))} | ${fmt(quantile(immediate, 0.9))} | ${immediate.length} |`);
console.log(`| debounce 100 ms (the default) | ${fmt(median(debounced))} | ${fmt(quantile(debounced, 0.9))} | ${debounced.length} |`);
console.log(
  `\nIdle for ${QUICK ? 2 : 10} s watching ${quiet.folders} folders: ${quiet.cpuMs.toFixed(1)} ms of CPU (the same process idle without a watcher: ${baselineMs.toFixed(1)} ms), ${quiet.events} events.`,
);
rmSync(root, { recursive: true, force: true });
