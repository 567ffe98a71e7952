/**
 * `npm run example:test-layout`: unit tests of Claude Code configuration layouts with
 * `claude-gateway-config/testing`. No disk, no real home: `layout()` builds the files in memory at
 * the paths the platform uses, and `resolveEffectiveConfig` reads them from there.
 *
 * Plain `node:assert/strict` so that it runs as a script; each `check()` body can be pasted into an
 * `it()` or `test()` of vitest, jest, mocha or `node:test` as it is. In your project, import from
 * 'claude-gateway-config' and 'claude-gateway-config/testing' instead of the ../src paths.
 *
 * Exits non-zero on the first failed check.
 */
import assert from 'node:assert/strict';
import { resolveEffectiveConfig } from '../src/index';
import { layout } from '../src/testing';

let passed = 0;
async function check(name: string, body: () => Promise<void>): Promise<void> {
  await body(); // a failed assertion throws: the script stops with exit code 1 and the diff
  passed++;
  console.log(`  ✓ ${name}`);
}

console.log('Config layout tests (claude-gateway-config/testing)\n');

await check('managed settings beat user settings', async () => {
  const config = await resolveEffectiveConfig(
    layout({
      user: { env: { ANTHROPIC_BASE_URL: 'https://my-own-proxy.example' } },
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://llm-gateway.corp.example' } },
      env: { ANTHROPIC_AUTH_TOKEN: 'tok' }, // the shell
    }),
  );
  assert.equal(config.baseUrl?.value, 'https://llm-gateway.corp.example');
  assert.deepEqual(config.baseUrl?.source, { scope: 'managed', origin: 'file', path: '/etc/claude-code/managed-settings.json' });
  assert.equal(config.managedOrigin, 'file');
  // The user's value is still reported, with why it lost.
  assert.equal(config.baseUrl?.overridden[0]?.value, 'https://my-own-proxy.example');
  assert.equal(config.baseUrl?.overridden[0]?.source.scope, 'user');
  assert.equal(config.credential.kind, 'auth-token');
  assert.deepEqual(config.credential.headers, ['authorization']);
});

await check('a project file with a comment is ignored whole (settings-jsonc)', async () => {
  const config = await resolveEffectiveConfig(
    layout({
      git: true,
      trusted: true,
      user: { env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } },
      // Raw text: a comment makes Claude Code ignore the whole file, not just the line.
      project: '{\n  // the team gateway\n  "env": { "ANTHROPIC_MODEL": "claude-opus-4-6", "ANTHROPIC_BASE_URL": "https://team.example" }\n}\n',
    }),
  );
  assert.equal(config.env['ANTHROPIC_MODEL']?.value, 'claude-sonnet-4-6'); // the user's, not the project's
  assert.equal(config.baseUrl, undefined);
  assert.equal(config.sources.find((s) => s.scope === 'project')?.status, 'invalid');
  const d = config.diagnostics.find((x) => x.code === 'settings-jsonc');
  assert.ok(d, 'expected a settings-jsonc diagnostic');
  assert.equal(d.severity, 'error');
  assert.equal(d.path, '/home/user/project/.claude/settings.json');
  assert.deepEqual([d.line, d.column], [2, 3]); // where the comment starts, 1-based as editors show it
});

await check('a Windows layout uses Windows paths', async () => {
  const config = await resolveEffectiveConfig(
    layout({
      platform: 'win32', // home C:\Users\user, start directory C:\Users\user\project
      git: true,
      trusted: true,
      user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
      local: { env: { ANTHROPIC_AUTH_TOKEN: 'tok' } },
      managedFile: { env: { CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' } },
    }),
  );
  // config.sources lists every place consulted, highest first, found or not.
  const source = (scope: string, origin?: string) => config.sources.find((s) => s.scope === scope && (origin === undefined || s.origin === origin));
  assert.equal(source('user')?.path, 'C:\\Users\\user\\.claude\\settings.json');
  assert.equal(source('project')?.path, 'C:\\Users\\user\\project\\.claude\\settings.json');
  assert.equal(source('global-config')?.path, 'C:\\Users\\user\\.claude.json');
  // On Windows the local file stays in the start directory even inside a repository.
  assert.equal(source('local')?.path, 'C:\\Users\\user\\project\\.claude\\settings.local.json');
  assert.equal(source('managed', 'file')?.path, 'C:\\Program Files\\ClaudeCode\\managed-settings.json');
  assert.equal(source('managed', 'HKLM')?.path, 'HKLM\\SOFTWARE\\Policies\\ClaudeCode\\Settings');
  assert.equal(config.baseUrl?.source.path, 'C:\\Users\\user\\.claude\\settings.json');
  assert.equal(config.credential.source?.path, 'C:\\Users\\user\\project\\.claude\\settings.local.json');
  assert.equal(config.managedOrigin, 'file');
});

console.log(`\nok: ${passed} checks passed`);
