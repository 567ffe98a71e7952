/**
 * `npm run example:import`: moving from cc-switch and from claude-code-router to plain settings with the
 * library: read each tool's store where it keeps it, look at its providers, write the active one's
 * configuration into the user settings through the safe writer, and ask the resolver what Claude Code
 * will now use.
 *
 * Everything happens in a temp home (removed at the end) holding the fixtures of test/fixtures/import:
 * cc-switch's database and claude-code-router's config.json. Exits non-zero if any step does not behave
 * as printed.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromTool, maskSecret, resolveEffectiveConfig, toSettingsOps, writeSettings } from '../src/index';
import type { ToolImport } from '../src/index';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'import');
const root = realpathSync(mkdtempSync(join(tmpdir(), 'cgc-example-import-')));
const home = join(root, 'home');
const where = { homeDir: home, cwd: home, platform: 'linux' as const, env: { PATH: process.env['PATH'] } };
const backupDir = join(root, 'backups');

function place(from: string, to: string): void {
  mkdirSync(dirname(join(home, to)), { recursive: true });
  copyFileSync(join(fixtures, from), join(home, to));
}

function show(found: ToolImport): void {
  console.log(`${found.tool}: ${found.file} (${found.storage})`);
  for (const p of found.providers) {
    const key = p.credential !== undefined ? `  key ${maskSecret(p.credential)}` : '';
    console.log(`  ${p.active ? '*' : ' '} ${p.name}${p.endpoint ? `  ${p.endpoint}` : ''}${p.format ? ` (${p.format})` : ''}${key}`);
  }
  for (const d of found.config.diagnostics) console.log(`  ${d.severity} ${d.code}: ${d.message}`);
}

async function adopt(found: ToolImport): Promise<void> {
  const result = await writeSettings({ ...where, scope: 'user', ops: toSettingsOps(found.config), backupDir });
  const config = await resolveEffectiveConfig({ ...where, interactive: false });
  console.log(`  written: ~/.claude/settings.json (backup ${result.backupId ?? 'none'})`);
  console.log(
    `  Claude Code now: ${config.baseUrl?.value} from ${config.baseUrl?.source.scope}, ${config.credential.kind} in ${config.credential.headers.join(', ')}\n`,
  );
  assert.equal(config.baseUrl?.value, found.config.env['ANTHROPIC_BASE_URL']);
  assert.equal(config.baseUrl?.source.scope, 'user');
}

try {
  place('cc-switch/cc-switch.db', '.cc-switch/cc-switch.db');
  place('claude-code-router/config.json', '.claude-code-router/config.json');

  console.log('1. cc-switch: its current Claude provider');
  const ccSwitch = await importFromTool('cc-switch', { homeDir: home });
  show(ccSwitch);
  assert.equal(ccSwitch.providers.filter((p) => p.active).length, 1);
  await adopt(ccSwitch);

  console.log('2. claude-code-router: Claude Code pointed at the router, as `ccr code` does');
  const router = await importFromTool('claude-code-router', { homeDir: home, env: {} });
  show(router);
  assert.equal(router.config.env['ANTHROPIC_BASE_URL'], 'http://127.0.0.1:3456');
  await adopt(router);
  // The router's token replaced the relay's in the same file: still a bearer token, now the router's.
  const after = await resolveEffectiveConfig({ ...where, interactive: false });
  assert.equal(after.credential.kind, 'auth-token');
} finally {
  rmSync(root, { recursive: true, force: true });
}
