/**
 * `npm run example:resolve`: what a tool author does with the library. An IDE plugin, a status bar
 * or a support script wants to know which gateway Claude Code will talk to, with which credential,
 * and why, without re-implementing Claude Code's precedence rules.
 *
 * The layout is written as real files in a temp directory (removed at the end), and every machine
 * input is passed explicitly, so the result is the same on any computer:
 *
 *   <tmp>/home/dev/.claude/settings.json               user settings: gateway URL + apiKeyHelper
 *   <tmp>/home/dev/.claude.json                        the workspace trust Claude Code saved
 *   <tmp>/home/dev/billing/.git/                       a repository ...
 *   <tmp>/home/dev/billing/.claude/settings.json       ... with a shared project file
 *
 * Exits non-zero if the result is not what is printed here.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createNodeFs, describeSource, explain, resolveEffectiveConfig } from '../src/index';
import type { FileSystem } from '../src/index';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'cgc-example-resolve-')));
const home = join(root, 'home', 'dev');
const project = join(home, 'billing');

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The real disk, but only inside the temp directory: everything else (such as a managed policy in
 * /etc/claude-code on this machine) reads as absent. A tool resolving the real machine passes no `fs`.
 */
function onlyUnder(dir: string): FileSystem {
  const real = createNodeFs();
  const inside = (p: string): boolean => p === dir || p.startsWith(dir + sep);
  const enoent = (p: string): Error => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return {
    readFile: (p) => (inside(p) ? real.readFile(p) : Promise.reject(enoent(p))),
    stat: async (p) => (inside(p) ? real.stat(p) : undefined),
    readdir: async (p) => (inside(p) ? real.readdir(p) : undefined),
  };
}

try {
  // 1. The layout: real files, as Claude Code would find them.
  writeJson(join(home, '.claude', 'settings.json'), {
    env: { ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com' },
    apiKeyHelper: '/usr/local/bin/get-gateway-key',
  });
  writeJson(join(project, '.claude', 'settings.json'), {
    env: { ANTHROPIC_CUSTOM_HEADERS: 'X-Team: billing' },
    permissions: { allow: ['Bash(npm test:*)'] },
  });
  writeJson(join(home, '.claude.json'), { projects: { [project]: { hasTrustDialogAccepted: true } } });
  mkdirSync(join(project, '.git'), { recursive: true });

  // 2. Resolve. The shell still exports an old gateway address: settings `env` beats the shell.
  const config = await resolveEffectiveConfig({
    homeDir: home,
    cwd: project,
    platform: 'linux',
    env: { ANTHROPIC_BASE_URL: 'https://old-gateway.example.com', PATH: '/usr/bin:/bin' },
    fs: onlyUnder(root),
  });

  // 3. What a tool shows.
  const rel = (p: string | undefined): string => (p ? `<tmp>/${relative(root, p)}` : '');
  console.log('Effective gateway configuration (what Claude Code will use)\n');
  console.log(`  base URL     ${config.baseUrl?.value}`);
  console.log(`               from ${config.baseUrl?.source.scope} settings ${rel(config.baseUrl?.source.path)}`);
  console.log(`  credential   ${config.credential.kind}, sent in: ${config.credential.headers.join(' and ')}`);
  console.log(`               helper ${config.apiKeyHelper?.command} (refreshed every ${(config.apiKeyHelper?.ttlMs ?? 0) / 1000} s)`);
  console.log(`  provider     ${config.provider} (${config.providerLabel})`);
  console.log(
    `  headers      ${config.customHeaders.map((h) => `${h.name}: ${h.value}`).join(', ')}  from ${describeSource(config.env['ANTHROPIC_CUSTOM_HEADERS']?.source ?? { scope: 'shell' }).replace(root, '<tmp>')}`,
  );
  console.log(
    `  sources      ${config.sources
      .filter((s) => s.status === 'loaded')
      .map((s) => s.scope)
      .join(', ')} loaded`,
  );
  console.log(`  diagnostics  ${config.diagnostics.length === 0 ? 'none' : config.diagnostics.map((d) => d.code).join(', ')}`);

  // explain(): the winner, what it overrode and the rule, in words (the CLI's `explain` command).
  const why = explain(config, 'ANTHROPIC_BASE_URL');
  console.log(`\nexplain(config, 'ANTHROPIC_BASE_URL'):\n\n${why.text.replaceAll(root, '<tmp>')}`);

  // 4. The checks that make this example fail loudly in CI if the library's answer changes.
  assert.equal(config.baseUrl?.name, 'ANTHROPIC_BASE_URL');
  assert.equal(config.baseUrl?.value, 'https://llm-gateway.example.com');
  assert.deepEqual(config.baseUrl?.source, { scope: 'user', path: join(home, '.claude', 'settings.json') });
  assert.equal(config.credential.kind, 'api-key-helper');
  assert.deepEqual([...config.credential.headers].sort(), ['authorization', 'x-api-key']);
  assert.equal(config.credential.source?.scope, 'user');
  assert.equal(config.apiKeyHelper?.command, '/usr/local/bin/get-gateway-key');
  assert.equal(config.provider, 'anthropic');
  assert.equal(config.managedOrigin, undefined);
  assert.deepEqual(config.customHeaders, [{ name: 'X-Team', value: 'billing' }]);
  assert.equal(config.env['ANTHROPIC_CUSTOM_HEADERS']?.source.scope, 'project');
  assert.equal(config.trust.trusted, true);
  assert.equal(config.diagnostics.filter((d) => d.severity === 'error').length, 0);
  assert.equal(why.overridden.length, 1);
  assert.equal(why.overridden[0]?.value, 'https://old-gateway.example.com');
  assert.equal(why.overridden[0]?.source.scope, 'shell');
  console.log('\nok: user settings set the gateway, the helper sends both headers, the shell export is overridden');
} finally {
  rmSync(root, { recursive: true, force: true });
}
