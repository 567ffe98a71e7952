/**
 * The layer-matrix report: the data (`layerMatrix`), the page (`renderReport`) read as text, and
 * `claude-gateway report` writing it. The page in a real browser: test/browser/report.browser.test.ts.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layerMatrix, renderReport, REPORT_GENERATOR, resolveEffectiveConfig, writeReportFile } from '../src/index';
import { layout } from '../src/testing';
import type { EffectiveConfig, LayerMatrix } from '../src/index';
import { copyExampleLayout, makeCliWorld, TOKEN, TOKEN_PIECE, type CliWorld } from './helpers/cli-world';
import { gitInit } from './helpers/tmp';
import { expectOneLineFailure, runCli } from './helpers/cli-io';
import { ConfigError } from '../src/core/errors';

const URL_PASSWORD = 'hunter2-Url-Pass';

/** Every kind of cell: a winner, overridden values, a pending one, merged lists, an invalid file, a credential. */
async function richConfig(): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(
    layout({
      interactive: true,
      trusted: false,
      env: { ANTHROPIC_BASE_URL: 'https://from-the-shell.example', ANTHROPIC_AUTH_TOKEN: TOKEN },
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://llm-gateway.corp.example' }, permissions: { deny: ['Read(./.env)'] } },
      user: {
        env: { ANTHROPIC_BASE_URL: `https://dev:${URL_PASSWORD}@old.example`, ANTHROPIC_CUSTOM_HEADERS: 'X-Note: <script>alert("x")</script> & \'quotes\'' },
        permissions: { allow: ['Bash(npm test)'] },
        model: 'sonnet',
      },
      project: {
        env: { ANTHROPIC_MODEL: 'claude-opus-4-1', ANTHROPIC_API_KEY: 'sk-from-the-repository-1', ANTHROPIC_BASE_URL: 'https://repo.example' },
        apiKeyHelper: 'echo from-the-repo',
      },
      localLeftover: '{ // a comment\n "env": {} }',
    }),
  );
}

function row(m: LayerMatrix, name: string): LayerMatrix['rows'][number] {
  const r = m.rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name}: ${m.rows.map((x) => x.name).join(', ')}`);
  return r;
}

describe('layerMatrix', () => {
  it('puts the sources present in precedence order with the shell last, and the ones not present aside', async () => {
    const m = layerMatrix(await richConfig());
    const scopes = m.columns.map((c) => c.scope);
    expect(scopes.at(-1)).toBe('shell');
    expect(scopes.indexOf('managed')).toBeLessThan(scopes.indexOf('project'));
    expect(scopes.indexOf('project')).toBeLessThan(scopes.indexOf('user'));
    expect(m.columns.find((c) => c.scope === 'local')?.status).toBe('invalid');
    expect(m.consulted.some((c) => c.scope === 'global-config')).toBe(true);
    expect(m.consulted.every((c) => c.status === 'missing' || c.scope === 'global-config')).toBe(true);
  });

  it('marks the winner, strikes the overridden values with the rule, and shows values waiting for trust', async () => {
    const m = layerMatrix(await richConfig());
    const base = row(m, 'ANTHROPIC_BASE_URL');
    const col = (i: number): string => m.columns[i]?.scope ?? '?';
    const winner = base.cells.find((c) => c.state === 'winner');
    expect(winner && col(winner.column)).toBe('managed');
    expect(base.winner).toBe(winner?.column);
    const lost = base.cells.filter((c) => c.state === 'overridden');
    expect(lost.map((c) => col(c.column))).toEqual(['user', 'shell']);
    for (const c of lost) expect(c.reason).toMatch(/\w/);
    // A model variable is safe before trust: it applies from the project file.
    const model = row(m, 'ANTHROPIC_MODEL').cells.find((c) => c.state === 'winner');
    expect(model && col(model.column)).toBe('project');
    // A credential only the repository sets waits: no value in effect, one pending cell.
    const key = row(m, 'ANTHROPIC_API_KEY');
    expect(key.value).toBeUndefined();
    expect(key.cells.map((c) => [col(c.column), c.state])).toEqual([['project', 'pending-trust']]);
    // Beside a winner from elsewhere.
    const pendingBase = base.cells.find((c) => c.state === 'pending-trust');
    expect(pendingBase && col(pendingBase.column)).toBe('project');
    expect(row(m, 'apiKeyHelper').cells.map((c) => c.state)).toContain('pending-trust');
  });

  it('shows merged contributions for keys merged across levels (with all)', async () => {
    const config = await richConfig();
    expect(layerMatrix(config).rows.some((r) => r.name === 'permissions')).toBe(false);
    const perms = row(layerMatrix(config, { all: true }), 'permissions');
    expect(perms.cells.map((c) => c.state).sort()).toEqual(['merged', 'winner']);
  });

  it('masks credentials by where they came from unless secrets are shown', async () => {
    const config = await richConfig();
    const masked = JSON.stringify(layerMatrix(config));
    expect(masked).not.toContain(TOKEN_PIECE);
    expect(masked).not.toContain(URL_PASSWORD);
    expect(row(layerMatrix(config), 'ANTHROPIC_AUTH_TOKEN').secret).toBe(true);
    const shown = JSON.stringify(layerMatrix(config, { showSecrets: true }));
    expect(shown).toContain(TOKEN);
    expect(shown).toContain(URL_PASSWORD);
  });

  it('places each diagnostic beside the row and column it concerns', async () => {
    const m = layerMatrix(await richConfig());
    const jsonc = m.notes.find((n) => n.diagnostic.code === 'settings-jsonc');
    expect(jsonc?.column).toBeDefined();
    expect(m.columns[jsonc?.column ?? -1]?.scope).toBe('local');
    const rowNotes = m.notes.filter((n) => n.row !== undefined);
    for (const n of rowNotes) expect(Object.values(n.diagnostic.args ?? {})).toContain(m.rows[n.row ?? -1]?.name);
  });
});

describe('renderReport', () => {
  it('is one self-contained page: no script, nothing loaded, a policy that forbids loading', async () => {
    const html = renderReport(await richConfig());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta name="generator" content="${REPORT_GENERATOR}">`);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|srcset|action|formaction)=/i);
    // Every link stays in the page.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href?.startsWith('#')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('escapes what the files hold', async () => {
    const html = renderReport(await richConfig(), { showSecrets: true });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
  });

  it('masks secrets unless asked, and says which it is', async () => {
    const config = await richConfig();
    const masked = renderReport(config);
    expect(masked).not.toContain(TOKEN_PIECE);
    expect(masked).not.toContain(URL_PASSWORD);
    expect(masked).toContain('secrets masked');
    const shown = renderReport(config, { showSecrets: true });
    expect(shown).toContain(TOKEN);
    expect(shown).toContain('Secrets are shown in this report');
  });

  it('marks cells by state and lists every diagnostic with its fix', async () => {
    const config = await richConfig();
    const html = renderReport(config);
    for (const state of ['winner', 'overridden', 'pending-trust']) expect(html).toContain(`data-state="${state}"`);
    expect(html).toContain('<del>');
    for (const [k, d] of config.diagnostics.entries()) {
      expect(html).toContain(`id="diag-${k}"`);
      expect(html).toContain(d.code);
    }
    expect(html).toContain('data-status="invalid"');
  });

  it('prints the shell and --all rows only when asked', async () => {
    const config = await resolveEffectiveConfig(layout({ env: { EDITOR: 'vim', ANTHROPIC_BASE_URL: 'https://gw.example' } }));
    expect(renderReport(config)).not.toContain('data-name="EDITOR"');
    expect(renderReport(config, { all: true })).toContain('data-name="EDITOR"');
  });
});

describe('writeReportFile', () => {
  let world: CliWorld | undefined;
  afterEach(() => world?.cleanup());

  it('writes a new file, replaces an earlier report, and refuses anything else unless forced', async () => {
    world = makeCliWorld();
    const path = join(world.tmp, 'r.html');
    const html = renderReport(await resolveEffectiveConfig(layout({})));
    expect((await writeReportFile(path, html)).replaced).toBe(false);
    expect((await writeReportFile(path, html)).replaced).toBe(true);
    const other = join(world.tmp, 'notes.html');
    writeFileSync(other, '<p>my notes</p>');
    await expect(writeReportFile(other, html)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(readFileSync(other, 'utf8')).toBe('<p>my notes</p>');
    await writeReportFile(other, html, { force: true });
    expect(readFileSync(other, 'utf8')).toBe(html);
  });

  it('never writes through a symbolic link', async () => {
    world = makeCliWorld();
    const target = join(world.tmp, 'elsewhere.txt');
    writeFileSync(target, 'keep me');
    const link = join(world.tmp, 'claude-gateway-report.html');
    symlinkSync(target, link);
    const html = renderReport(await resolveEffectiveConfig(layout({})));
    const err = await writeReportFile(link, html, { force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('UNSAFE_SYMLINK');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('claude-gateway report', () => {
  let world: CliWorld | undefined;
  afterEach(() => world?.cleanup());

  it('writes the page to the default file in the working directory, masked', async () => {
    world = makeCliWorld();
    mkdirSync(join(world.home, '.claude'), { recursive: true });
    writeFileSync(world.userSettings, JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example', ANTHROPIC_AUTH_TOKEN: TOKEN } }));
    const r = await runCli(['report', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.code, r.stderr).toBe(0);
    const file = join(world.cwd, 'claude-gateway-report.html');
    expect(r.stdout).toContain(`wrote ${file}`);
    expect(r.stdout).toContain('secrets masked');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('data-name="ANTHROPIC_AUTH_TOKEN"');
    expect(html).not.toContain(TOKEN_PIECE);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    // Again: the earlier report is replaced without --force.
    const again = await runCli(['report', ...world.where], { env: world.env, cwd: world.cwd });
    expect(again.stdout).toContain(`replaced ${file}`);
  });

  it('--show-secrets writes the values, readable only by the owner', async () => {
    world = makeCliWorld();
    mkdirSync(join(world.home, '.claude'), { recursive: true });
    writeFileSync(world.userSettings, JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN } }));
    const out = join(world.tmp, 'secret.html');
    const r = await runCli(['report', ...world.where, '--show-secrets', '--output', out], { env: world.env, cwd: world.cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(TOKEN);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(r.stdout).toContain('SECRETS SHOWN');
  });

  it('--show-secrets never writes where git would commit the page (real git): refused in a repository unless ignored', async () => {
    world = makeCliWorld();
    mkdirSync(join(world.home, '.claude'), { recursive: true });
    writeFileSync(world.userSettings, JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: TOKEN } }));
    gitInit(world.home, world.cwd);
    const inRepo = join(world.cwd, 'report.html');
    const refused = await runCli(['report', ...world.where, '--show-secrets', '-o', 'report.html'], { env: world.env, cwd: world.cwd });
    const { message } = expectOneLineFailure(refused, 3, 'report');
    expect(message).toContain('git');
    expect(message).not.toContain(TOKEN_PIECE);
    expect(existsSync(inRepo)).toBe(false);
    // Masked, the page may go there; ignored, the secret one may too.
    expect((await runCli(['report', ...world.where, '-o', 'report.html'], { env: world.env, cwd: world.cwd })).code).toBe(0);
    writeFileSync(join(world.cwd, '.gitignore'), 'secret-report.html\n');
    const ignored = await runCli(['report', ...world.where, '--show-secrets', '-o', 'secret-report.html'], { env: world.env, cwd: world.cwd });
    expect(ignored.code, ignored.stderr).toBe(0);
    expect(readFileSync(join(world.cwd, 'secret-report.html'), 'utf8')).toContain(TOKEN);
  });

  it('--output - prints the page; the example layout shows its invalid project file', async () => {
    const l = copyExampleLayout();
    try {
      const r = await runCli(['report', ...l.where, '--output', '-'], { env: { ANTHROPIC_BASE_URL: 'https://shell-export.example' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
      expect(r.stdout).toContain('settings-jsonc');
      expect(r.stdout).toContain('https://llm-gateway.acme.example');
    } finally {
      l.cleanup();
    }
  });

  it('refuses a file that is not a report (exit 3, the file kept) and names --force', async () => {
    world = makeCliWorld();
    const out = join(world.cwd, 'index.html');
    writeFileSync(out, '<h1>mine</h1>');
    const r = await runCli(['report', ...world.where, '-o', 'index.html'], { env: world.env, cwd: world.cwd });
    const { message } = expectOneLineFailure(r, 3, 'report');
    expect(message).toContain('--force');
    expect(message).not.toMatch(/pass force\b/);
    expect(readFileSync(out, 'utf8')).toBe('<h1>mine</h1>');
    const forced = await runCli(['report', ...world.where, '-o', 'index.html', '--force'], { env: world.env, cwd: world.cwd });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(REPORT_GENERATOR);
  });

  it('says where it cannot write', async () => {
    world = makeCliWorld();
    const dir = join(world.tmp, 'locked');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    const r = await runCli(['report', ...world.where, '-o', join(dir, 'missing', 'r.html')], { env: world.env, cwd: world.cwd });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(join(dir, 'missing'));
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
