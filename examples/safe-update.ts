/**
 * `npm run example:safe-update`: changing a developer's settings without the usual accidents (a
 * clobbered file, lost comments or key order, a token committed to git, no way back).
 *
 * Everything happens in a temp directory (removed at the end) holding a home and a git repository;
 * git runs with HOME pointing there and without the system config, and backups go to a folder in it:
 *
 *   1. plan a change to the shared project file as a dry run: the change list and the line diff
 *   2. try to put the gateway token in that shared file: refused, nothing written
 *   3. write the token to the local settings file instead: git ignore rule added first, mode 0600, backup
 *   4. revert that write from its backup: the file the write created is gone
 *
 * Exits non-zero if any step does not behave as printed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError, listBackups, maskSecret, planEdit, resolveEffectiveConfig, revert, writeSettings } from '../src/index';
import type { EditChange, EditOp } from '../src/index';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'cgc-example-update-')));
const home = join(root, 'home');
const repo = join(home, 'src', 'shop');
const backupDir = join(root, 'backups');
const TOKEN = 'sk-gw-example-0123456789abcdef';
// git sees only the temp home: no ~/.gitconfig, no /etc/gitconfig, no global excludes of this machine.
const gitEnv = { PATH: process.env['PATH'], HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
// What the library's calls share: this layout, not the machine running the example.
const where = { homeDir: home, cwd: repo, platform: 'linux' as const, env: { PATH: process.env['PATH'] }, git: { env: gitEnv } };
const show = (p: string): string => `<tmp>/${relative(root, p)}`;

function git(...args: string[]): string {
  const r = spawnSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.stdout.trim();
}

/** `+ env.NAME = "value"` / `- ...` / `~ ... -> ...`, credentials masked. */
function changeLine(c: EditChange): string {
  const name = c.path.join('.');
  const fmt = (v: unknown): string => (typeof v === 'string' && /TOKEN|KEY/.test(name) ? maskSecret(v) : JSON.stringify(v));
  if (c.before === undefined) return `  + ${name} = ${fmt(c.after)}`;
  if (c.after === undefined) return `  - ${name} (was ${fmt(c.before)})`;
  return `  ~ ${name}: ${fmt(c.before)} -> ${fmt(c.after)}`;
}

/** The changed lines of two texts (a small LCS; settings files are small), with one line of context. */
function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const L = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) L[i]![j] = a[i] === b[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const rows: [string, string][] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length;) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      rows.push([' ', a[i++]!]);
      j++;
    } else if (i < a.length && (j >= b.length || L[i + 1]![j]! >= L[i]![j + 1]!)) rows.push(['-', a[i++]!]);
    else rows.push(['+', b[j++]!]);
  }
  const near = (k: number): boolean => [k - 1, k, k + 1].some((x) => rows[x] !== undefined && rows[x][0] !== ' ');
  return rows
    .map((r, k) => (near(k) ? `  ${r[0]} ${r[1]}` : undefined))
    .filter((l) => l !== undefined)
    .join('\n');
}

try {
  // The starting point: a repository with a shared project file (tabs, a key order of its own).
  mkdirSync(join(repo, '.claude'), { recursive: true });
  git('init', '--quiet');
  const projectFile = join(repo, '.claude', 'settings.json');
  const projectText =
    '{\n\t"permissions": {\n\t\t"allow": ["Bash(npm test:*)"]\n\t},\n\t"env": {\n\t\t"ANTHROPIC_MODEL": "claude-sonnet-4-5",\n\t\t"API_TIMEOUT_MS": "600000"\n\t}\n}\n';
  writeFileSync(projectFile, projectText);

  // 1. A dry run: planEdit is pure. It returns the new text and what changed; nothing is written.
  const teamOps: EditOp[] = [
    { op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://llm-gateway.shop.example' },
    { op: 'set', path: ['env', 'ANTHROPIC_MODEL'], value: 'claude-sonnet-4-6' },
    { op: 'unset', path: ['env', 'API_TIMEOUT_MS'] },
  ];
  const plan = planEdit(readFileSync(projectFile, 'utf8'), teamOps, { path: projectFile });
  console.log(`1. Dry run on ${show(projectFile)} (nothing written)\n`);
  console.log(plan.changes.map(changeLine).join('\n'));
  console.log(`\n${lineDiff(projectText, plan.text)}\n`);
  assert.deepEqual(
    plan.changes.map((c) => c.path.join('.')),
    ['env.ANTHROPIC_BASE_URL', 'env.ANTHROPIC_MODEL', 'env.API_TIMEOUT_MS'],
  );
  assert.equal(readFileSync(projectFile, 'utf8'), projectText, 'a dry run changed the file');
  assert.ok(plan.text.includes('\n\t\t"ANTHROPIC_BASE_URL": "https://llm-gateway.shop.example"'), "the new key does not follow the file's tabs");
  assert.ok(plan.text.startsWith('{\n\t"permissions": {\n\t\t"allow": ["Bash(npm test:*)"]\n\t},'), 'bytes outside the edit changed');

  // 2. The token in the shared, committed file: refused before anything is touched.
  const credentialOps: EditOp[] = [
    { op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://llm-gateway.shop.example' },
    { op: 'set', path: ['env', 'ANTHROPIC_AUTH_TOKEN'], value: TOKEN },
  ];
  const refused = await writeSettings({ ...where, scope: 'project', ops: credentialOps, backupDir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(refused instanceof ConfigError && refused.code === 'CREDENTIAL_IN_SHARED_FILE', `expected CREDENTIAL_IN_SHARED_FILE, got ${String(refused)}`);
  assert.equal(readFileSync(projectFile, 'utf8'), projectText);
  console.log(`2. Token into the project file: refused (${refused.code})\n   ${refused.message.replaceAll(root, '<tmp>')}\n`);

  // 3. The same change to the local scope: found as Claude Code finds it (the git root), made safe first.
  const result = await writeSettings({ ...where, scope: 'local', ops: credentialOps, backupDir });
  const mode = statSync(result.path).mode & 0o777;
  const gitignore = readFileSync(join(repo, '.gitignore'), 'utf8');
  const ignoredBy = git('check-ignore', '-v', '.claude/settings.local.json');
  console.log(`3. Written: ${show(result.path)} (created: ${result.created})`);
  console.log(result.changes.map(changeLine).join('\n'));
  for (const d of result.diagnostics) console.log(`   ${d.severity} ${d.code}: ${d.message.replaceAll(root, '<tmp>')}`);
  console.log(`   .gitignore now:   ${gitignore.trim().split('\n').join(' | ')}`);
  console.log(`   git check-ignore: ${ignoredBy}`);
  console.log(`   mode:             ${mode.toString(8).padStart(4, '0')}`);
  console.log(`   backup:           ${result.backupId} (in ${show(backupDir)})`);
  assert.equal(result.path, join(repo, '.claude', 'settings.local.json'));
  assert.equal(result.created, true);
  assert.ok(
    result.diagnostics.some((d) => d.code === 'write-git-ignore-added'),
    'no ignore rule was added',
  );
  assert.ok(gitignore.split('\n').includes('/.claude/settings.local.json'), '.gitignore has no rule for the local file');
  assert.ok(ignoredBy.includes('.gitignore'), 'git does not ignore the local file');
  assert.equal(git('status', '--porcelain', '--', '.claude/settings.local.json'), '', 'git would add the local file');
  assert.equal(mode, 0o600, `the file holding the token has mode ${mode.toString(8)}`);
  assert.ok(result.backupId, 'no backup id');
  assert.equal(JSON.parse(readFileSync(result.path, 'utf8')).env.ANTHROPIC_AUTH_TOKEN, TOKEN);

  // What Claude Code now uses (`-p` session: no trust dialog for the local file).
  const config = await resolveEffectiveConfig({ ...where, interactive: false });
  console.log(
    `   Claude Code now: ${config.baseUrl?.value} from ${config.baseUrl?.source.scope}, ${config.credential.kind} in ${config.credential.headers.join(', ')}\n`,
  );
  assert.equal(config.baseUrl?.source.scope, 'local');
  assert.equal(config.credential.kind, 'auth-token');

  // 4. Undo: revert restores the state before the write. The write created the file, so it is removed.
  const undone = await revert(result.backupId, { backupDir });
  console.log(`4. Reverted ${result.backupId}: ${undone.removed ? 'file removed' : 'file restored'}; exists now: ${existsSync(result.path)}`);
  console.log(
    `   the revert is itself backed up (${undone.backupId}); backups of the file: ${listBackups({ backupDir, path: result.path })
      .map((b) => b.reason)
      .join(', ')}`,
  );
  console.log(`   the ignore rule stays in .gitignore (commit it): ${readFileSync(join(repo, '.gitignore'), 'utf8').trim().split('\n').join(' | ')}`);
  assert.equal(undone.removed, true);
  assert.equal(existsSync(result.path), false, 'the file is still there after revert');
  assert.equal(readFileSync(projectFile, 'utf8'), projectText, 'the project file changed');
  console.log('\nok: dry run wrote nothing, the shared file was protected, the token went to an ignored 0600 file, and the revert removed it');
} finally {
  rmSync(root, { recursive: true, force: true });
}
