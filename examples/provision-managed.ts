/**
 * `npm run example:provision`: what an administrator does to point every machine of the fleet at the
 * company gateway. Describe the configuration once (an `apiKeyHelper` that fetches each developer's
 * own key: a shared token in a world-readable managed file would leak), render every managed artifact
 * for Linux, macOS and Windows, and write them to an output folder, one sub-folder per platform,
 * ready to hand to the configuration management or MDM tool.
 *
 * The output folder is a temp directory, removed at the end (pass --keep to keep it and look).
 * Before handing anything out, the script checks that Claude Code would read the Linux file as
 * intended, by resolving it with the in-memory layout of `claude-gateway-config/testing`, and the
 * Windows .reg value the same way. Exits non-zero if any check fails.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gatewayConfig, managedArtifactWarnings, parseSettingsText, resolveEffectiveConfig, toManagedArtifacts } from '../src/index';
import type { ManagedArtifact } from '../src/index';
import { layout } from '../src/testing';

const BASE_URL = 'https://llm-gateway.acme.example';
const HELPER = '/usr/local/bin/acme-gateway-key';
const keep = process.argv.includes('--keep');
const out = mkdtempSync(join(tmpdir(), 'cgc-example-provision-'));

/** Where an artifact goes in the output folder: `<platform>/`, drop-ins under `managed-settings.d/` as on the machine. */
function outputPath(a: ManagedArtifact): string {
  return a.kind === 'drop-in' ? join(out, a.platform, 'managed-settings.d', a.fileName) : join(out, a.platform, a.fileName);
}

/** The output folder as an indented tree, with sizes. */
function tree(dir: string, indent = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? [`${indent}${name}/`, ...tree(full, `${indent}  `)] : [`${indent}${name}  (${statSync(full).size} bytes)`];
    });
}

try {
  // 1. One validated description. A trailing /v1 or a bad header would throw here, before anything is written.
  const gw = gatewayConfig({
    baseUrl: BASE_URL,
    credential: { kind: 'api-key-helper', command: HELPER, ttlMs: 900_000 },
    customHeaders: { 'X-Org': 'acme' },
  });
  // No credential is pushed in a file every user can read: the helper fetches each developer's own.
  assert.deepEqual(
    managedArtifactWarnings(gw).filter((w) => w.severity !== 'info'),
    [],
    'a credential would be pushed to every machine',
  );
  assert.deepEqual(gw.diagnostics, []);

  // 2. Every artifact for every platform, plus a drop-in for teams that keep one fragment each.
  const artifacts = toManagedArtifacts(gw, { platforms: ['linux', 'darwin', 'win32'], dropInName: '10-gateway.json', organization: 'Acme Corp' });
  for (const a of artifacts) {
    const path = outputPath(a);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, a.content);
  }
  console.log(`Managed artifacts written to ${keep ? out : '<tmp>'}:\n`);
  console.log(
    tree(out)
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  const linuxText = artifacts.find((a) => a.platform === 'linux' && a.kind === 'managed-settings')?.content ?? '';
  console.log(`\nlinux/managed-settings.json:\n\n${linuxText.replace(/^/gm, '  ').trimEnd()}`);

  // 3. How to deploy each one (the text comes with the artifact).
  console.log('\nDeploy:\n');
  for (const a of artifacts) {
    console.log(`  [${a.platform}] ${relative(out, outputPath(a))}${a.installPath ? `\n      -> ${a.installPath}` : ''}\n      ${a.deploy}`);
  }

  // 4. Check before shipping: the Linux file is strict JSON, and Claude Code resolves it as intended.
  const linuxFile = artifacts.find((a) => a.platform === 'linux' && a.kind === 'managed-settings');
  assert.ok(linuxFile, 'no Linux managed-settings.json');
  assert.equal(linuxFile.installPath, '/etc/claude-code/managed-settings.json');
  const written = readFileSync(outputPath(linuxFile), 'utf8');
  const parsed = parseSettingsText(written, 'linux/managed-settings.json');
  assert.equal(parsed.error, undefined, parsed.error?.message);
  assert.deepEqual(parsed.warnings, []);
  // A developer's machine: the policy file, the user's own (older) gateway in user settings, nothing in the shell.
  const linux = await resolveEffectiveConfig(
    layout({
      managedFile: written,
      user: { env: { ANTHROPIC_BASE_URL: 'https://old-gateway.example' } },
    }),
  );
  console.log('\nCheck: a Linux machine with this policy and a user setting of its own resolves to\n');
  console.log(`  managed origin  ${linux.managedOrigin}`);
  console.log(`  base URL        ${linux.baseUrl?.value}  (from ${linux.baseUrl?.source.scope}, ${linux.baseUrl?.source.path})`);
  console.log(
    `  credential      ${linux.credential.kind}: ${linux.apiKeyHelper?.command}, every ${(linux.apiKeyHelper?.ttlMs ?? 0) / 60_000} min, headers ${linux.credential.headers.join(' + ')}`,
  );
  console.log(`  custom headers  ${linux.customHeaders.map((h) => `${h.name}: ${h.value}`).join(', ')}`);
  assert.equal(linux.managedOrigin, 'file');
  assert.equal(linux.baseUrl?.value, BASE_URL);
  assert.deepEqual(linux.baseUrl?.source, { scope: 'managed', origin: 'file', path: '/etc/claude-code/managed-settings.json' });
  assert.equal(linux.baseUrl?.overridden[0]?.value, 'https://old-gateway.example');
  assert.equal(linux.credential.kind, 'api-key-helper');
  assert.equal(linux.credential.source?.scope, 'managed');
  assert.equal(linux.apiKeyHelper?.command, HELPER);
  assert.equal(linux.apiKeyHelper?.ttlMs, 900_000);
  assert.deepEqual(linux.customHeaders, [{ name: 'X-Org', value: 'acme' }]);
  assert.equal(linux.diagnostics.filter((d) => d.severity === 'error').length, 0);

  // The Windows .reg file: its single-line JSON value, read back as the registry would hold it.
  const reg = artifacts.find((a) => a.kind === 'reg');
  const value = /^"Settings"="(.*)"\r?$/m.exec(reg?.content ?? '')?.[1];
  assert.ok(value, 'no Settings value in the .reg file');
  const windows = await resolveEffectiveConfig(layout({ platform: 'win32', managed: { hklm: value.replace(/\\(.)/g, '$1') } }));
  assert.equal(windows.managedOrigin, 'HKLM');
  assert.equal(windows.baseUrl?.value, BASE_URL);
  assert.equal(windows.credential.kind, 'api-key-helper');
  console.log(`\nCheck: the .reg value on Windows resolves to origin ${windows.managedOrigin}, base URL ${windows.baseUrl?.value}`);

  // Every platform got its file and drop-in; macOS a plist and a profile; Windows a .reg and two scripts.
  const kinds = (p: string): string[] =>
    artifacts
      .filter((a) => a.platform === p)
      .map((a) => a.kind)
      .sort();
  assert.deepEqual(kinds('linux'), ['drop-in', 'managed-settings']);
  assert.deepEqual(kinds('darwin'), ['drop-in', 'managed-settings', 'mobileconfig', 'plist']);
  assert.deepEqual(kinds('win32'), ['drop-in', 'managed-settings', 'powershell-file', 'powershell-registry', 'reg']);
  console.log(`\nok: ${artifacts.length} artifacts; the policy resolves to ${BASE_URL} with the helper, on Linux (file) and Windows (HKLM)`);
} finally {
  if (!keep) rmSync(out, { recursive: true, force: true });
}
