/**
 * `import claude-code-router` against the real router: its npm package (1.0.73, the last single-package
 * release, and 2.0.0), installed into a scratch directory from the machine's registry, run in a scratch
 * home. `ccr activate` prints the variables `ccr code` gives Claude Code; `ccr code` itself is run (in a
 * network namespace of its own, where there is one) with `CLAUDE_PATH` naming a recorder that writes
 * down the environment, the arguments and the `--settings` file it was started with. The import must
 * come to the same variables: each value the router sets, each variable it blanks or unsets removed.
 * The one deliberate difference: an `APIKEY` that stays a `${VAR}` reference is not sent as a token.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellExports } from '../../src/core/import/shell';
import { importFromTool } from '../../src/index';
import { REPO_ROOT } from '../helpers/cli-world';
import { makeTmp, removeTmp } from '../helpers/tmp';

const VERSIONS = ['1.0.73', '2.0.0'] as const;
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'import', 'claude-code-router');

let tmp: string;
const cli: Record<string, string> = {};

beforeAll(() => {
  tmp = makeTmp('cgc-ccr-');
  for (const v of VERSIONS) {
    const dir = join(tmp, `ccr-${v}`);
    mkdirSync(dir);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--loglevel=error', `@musistudio/claude-code-router@${v}`], {
      cwd: dir,
      stdio: 'pipe',
      timeout: 240_000,
      // npm needs this machine's registry settings (its CA, proxy, registry): the install alone gets the whole environment.
      env: { ...process.env },
    });
    cli[v] = join(dir, 'node_modules', '@musistudio', 'claude-code-router', 'dist', 'cli.js');
  }
}, 300_000);

afterAll(() => {
  if (tmp) removeTmp(tmp);
});

/** A scratch home with the router's configuration in it. */
function home(name: string, config: string): string {
  const h = join(tmp, 'homes', name);
  mkdirSync(join(h, '.claude-code-router'), { recursive: true });
  writeFileSync(join(h, '.claude-code-router', 'config.json'), config);
  return h;
}

/** What `ccr activate` prints: the variables it exports (read as a shell reads them) and those it unsets. */
function activate(version: string, h: string, env: Record<string, string>): { set: Record<string, string | undefined>; unset: string[] } {
  const r = spawnSync(process.execPath, [cli[version] as string, 'activate'], {
    cwd: h,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: h, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const set = Object.fromEntries(shellExports(r.stdout, 'posix', {}).map((e) => [e.name, e.value]));
  const unset = [...r.stdout.matchAll(/^unset (\w+)$/gm)].map((m) => m[1] as string);
  return { set, unset };
}

/** The import's variables agree with what the router sets: every value it gives, every variable it blanks or unsets removed. */
function expectSame(
  ours: Awaited<ReturnType<typeof importFromTool>>,
  router: { set: Record<string, string | undefined>; unset: string[] },
  except: readonly string[] = [],
): void {
  for (const [name, value] of Object.entries(router.set)) {
    if (except.includes(name)) continue;
    if (value === '') expect(ours.config.unset, name).toContain(name);
    else expect(ours.config.env[name], name).toBe(value);
  }
  for (const name of router.unset) expect(ours.config.unset, name).toContain(name);
  const routerSets = Object.entries(router.set)
    .filter(([, v]) => v !== '')
    .map(([n]) => n);
  expect(Object.keys(ours.config.env).filter((n) => !routerSets.includes(n) && !except.includes(n))).toEqual([]);
}

const CASES: { name: string; config: string; env?: Record<string, string> }[] = [
  { name: 'fixture', config: readFileSync(join(FIXTURES, 'config.json'), 'utf8') },
  { name: 'json5-and-reference', config: readFileSync(join(FIXTURES, 'config-with-comments.json5'), 'utf8'), env: { CCR_TEST_APIKEY: 'sk-ccr-from-env-0001' } },
  { name: 'oldest-no-apikey', config: readFileSync(join(FIXTURES, 'config-old.json'), 'utf8') },
  {
    name: 'string-timeout-plain-reference',
    config: JSON.stringify({ PORT: 4123, API_TIMEOUT_MS: '120000', APIKEY: '$CCR_KEY', Providers: [] }),
    env: { CCR_KEY: 'sk-ccr-plain-ref-0002' },
  },
];

describe.each(VERSIONS)('claude-code-router %s', (version) => {
  it.each(CASES)('ccr activate and the import agree: $name', async ({ name, config, env = {} }) => {
    const h = home(`${version}-${name}`, config);
    const router = activate(version, h, env);
    expect(router.set['ANTHROPIC_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ours = await importFromTool('claude-code-router', { homeDir: h, env });
    expectSame(ours, router);
  });

  it('a ${VAR} APIKEY the environment does not set: the router sends the literal text, the import sends no token and says so', async () => {
    const h = home(`${version}-unresolved`, readFileSync(join(FIXTURES, 'config-with-comments.json5'), 'utf8'));
    const router = activate(version, h, {});
    // The shell reading `export ANTHROPIC_AUTH_TOKEN="${CCR_TEST_APIKEY}"` has no value for it either.
    expect(router.set['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
    const ours = await importFromTool('claude-code-router', { homeDir: h, env: {} });
    expect(ours.config.env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
    expect(ours.config.diagnostics.map((d) => d.code)).toContain('import-credential-not-carried');
    expectSame(ours, router, ['ANTHROPIC_AUTH_TOKEN']);
  });

  it('ccr code starts Claude Code with what the import writes (a recorder stands in for claude)', async () => {
    const unshare = spawnSync('unshare', ['--net', 'true']).status === 0;
    const port = version === '1.0.73' ? 4731 : 4732;
    const h = home(
      `${version}-code`,
      JSON.stringify({
        PORT: port,
        APIKEY: 'sk-ccr-code-test-0003',
        API_TIMEOUT_MS: 90000,
        ANTHROPIC_SMALL_FAST_MODEL: 'small-model',
        Providers: [],
        Router: {},
      }),
    );
    const rec = join(h, 'recorded');
    mkdirSync(rec);
    const recorder = join(h, 'claude-recorder.sh');
    writeFileSync(
      recorder,
      `#!/bin/sh\nenv > "${rec}/env.txt"\nprev=\nfor a in "$@"; do\n  if [ "$prev" = "--settings" ]; then printf '%s' "$a" > "${rec}/settings-arg.txt"; fi\n  prev=$a\ndone\n`,
    );
    chmodSync(recorder, 0o755);
    const node = process.execPath;
    const script = `${unshare ? 'ip link set lo up || exit 97; ' : ''}"${node}" "${cli[version]}" code; code=$?; "${node}" "${cli[version]}" stop >/dev/null 2>&1; exit $code`;
    const r = spawnSync(unshare ? 'unshare' : 'sh', unshare ? ['--net', 'sh', '-c', script] : ['-c', script], {
      cwd: h,
      env: { PATH: `${join(node, '..')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, HOME: h, CLAUDE_PATH: recorder },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const recorded: Record<string, string> = Object.fromEntries(
      readFileSync(join(rec, 'env.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    // 1.x puts the variables in the environment; 2.x in a --settings file (or its JSON) given to claude.
    let given: Record<string, string> = recorded;
    if (existsSync(join(rec, 'settings-arg.txt'))) {
      const arg = readFileSync(join(rec, 'settings-arg.txt'), 'utf8');
      const settings = JSON.parse(arg.trim().startsWith('{') ? arg : readFileSync(arg, 'utf8')) as { env: Record<string, string> };
      given = settings.env;
    }
    const ours = await importFromTool('claude-code-router', { homeDir: h, env: {} });
    for (const [name, value] of Object.entries(ours.config.env)) {
      if (name === 'ANTHROPIC_SMALL_FAST_MODEL' && given[name] === undefined) continue; // 2.0.0 no longer passes it
      expect(given[name], name).toBe(value);
    }
    // What the import removes, claude did not get (or got empty).
    for (const name of ours.config.unset) expect(given[name] ?? '', name).toBe('');
    expect(given['ANTHROPIC_BASE_URL']).toBe(`http://127.0.0.1:${port}`);
  }, 120_000);
});
