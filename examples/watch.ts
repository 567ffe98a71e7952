/**
 * `npm run example:watch`: follow Claude Code's configuration as its files change, as a status line or an
 * editor panel would. A temp folder stands in for your machine; the example saves the user settings file
 * twice (as an editor does: write beside, rename over) and prints what the watcher reports each time.
 * In your project, import from 'claude-gateway-config' instead of the ../src path.
 *
 * Exits non-zero if a change is not reported as expected.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootedFs, watchEffectiveConfig, type ConfigChangeEvent } from '../src/index';

// A folder read as if it were / (createRootedFs): nothing of this machine's own configuration is read.
const root = mkdtempSync(join(tmpdir(), 'cgc-example-watch-'));
mkdirSync(join(root, 'home', 'user', '.claude'), { recursive: true });
mkdirSync(join(root, 'home', 'user', 'project'), { recursive: true });
const settings = join(root, 'home', 'user', '.claude', 'settings.json');
const save = (value: unknown): void => {
  writeFileSync(`${settings}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${settings}.tmp`, settings);
};
save({ env: { ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com' } });

const events: ConfigChangeEvent[] = [];
let wake: (() => void) | undefined;
const next = (): Promise<ConfigChangeEvent> =>
  new Promise((resolve, reject) => {
    const bound = setTimeout(() => reject(new Error('no change reported within 10 s')), 10_000);
    const check = (): void => {
      const e = events.shift();
      if (e) {
        clearTimeout(bound);
        resolve(e);
      } else wake = check;
    };
    check();
  });

const machine = { fs: createRootedFs(root), platform: 'linux' as const, homeDir: '/home/user', cwd: '/home/user/project', env: {}, interactive: false };
const watcher = await watchEffectiveConfig(machine, (e) => {
  events.push(e);
  wake?.();
});
try {
  console.log(`Watching ${watcher.folders.length} folders. Base URL now: ${watcher.config.baseUrl?.value}\n`);

  save({ env: { ANTHROPIC_BASE_URL: 'https://llm-gateway-eu.example.com', ANTHROPIC_AUTH_TOKEN: 'sk-example-token-000' } });
  const first = await next();
  for (const v of first.variables) console.log(`  ${v.name}: ${String(v.before?.value ?? '(unset)')} → ${String(v.after?.value ?? '(unset)')}`);
  console.log(`  credential headers now: ${first.credentialHeaders?.after.map((h) => `${h.header} (${h.variable})`).join(', ')}\n`);
  assert.deepEqual(
    first.variables.map((v) => v.name),
    ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL'],
  );
  assert.ok(!JSON.stringify(first).includes('sk-example-token-000'), 'the token is masked');

  save({ env: { ANTHROPIC_BASE_URL: 'https://llm-gateway-eu.example.com' } });
  const second = await next();
  for (const v of second.variables) console.log(`  ${v.name}: ${String(v.before?.value ?? '(unset)')} → ${String(v.after?.value ?? '(unset)')}`);
  console.log(`  new diagnostics: ${second.diagnostics.added.map((d) => d.code).join(', ') || 'none'}`);
  assert.deepEqual(
    second.variables.map((v) => v.name),
    ['ANTHROPIC_AUTH_TOKEN'],
  );
} finally {
  watcher.close();
  rmSync(root, { recursive: true, force: true });
}
