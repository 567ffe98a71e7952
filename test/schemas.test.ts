/**
 * The schemas: the zod settings schema (against SchemaStore's and against the resolver's own entry
 * checks), the generated JSON Schemas (up to date), and every command's real `--json` output and real
 * EffectiveConfigs validated against theirs.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/main';
import { CLI_JSON_TYPES } from '../src/cli/output-types';
import { sanitizeSettings } from '../src/core/schema';
import { MODELLED_KEYS } from '../src/core/schema';
import { resolveEffectiveConfig } from '../src/index';
import { settingsSchema } from '../src/schema/settings';
import { layout } from '../src/testing';
import { schemaFiles } from '../scripts/schemas';
import { runCli } from './helpers/cli-io';
import { copyExampleLayout, makeCliWorld, makeRootLayout, REPO_ROOT, TOKEN, type CliWorld } from './helpers/cli-world';
import { sendJson, startGateway, type FakeGateway } from './helpers/gateway-server';

const SCHEMASTORE = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/schemastore/claude-code-settings.schema.json'), 'utf8')) as {
  properties: Record<string, Record<string, unknown>>;
};
const committed = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as Record<string, unknown>;

describe('the generated schemas', () => {
  it('are up to date with the types and the zod schema (npm run schemas rewrites them)', () => {
    const stale = [...schemaFiles()].filter(([path, value]) => JSON.stringify(committed(path)) !== JSON.stringify(value)).map(([path]) => path);
    expect(stale).toEqual([]);
  }, 30_000);

  it('one per command output, each compiling', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const name of Object.keys(CLI_JSON_TYPES)) expect(() => ajv.compile(committed(`schemas/cli/${name}.schema.json`))).not.toThrow();
  });
});

/** The JSON types a JSON Schema node allows, as a sorted list (`integer` counts as `number`). */
function typesOf(node: Record<string, unknown> | undefined): string[] {
  if (!node) return [];
  const out = new Set<string>();
  const t = node['type'];
  for (const x of Array.isArray(t) ? t : t === undefined ? [] : [t]) out.add(x === 'integer' ? 'number' : String(x));
  if (Array.isArray(node['enum'])) for (const v of node['enum']) out.add(typeof v);
  if (node['const'] !== undefined) out.add(typeof node['const'] === 'number' ? 'number' : typeof node['const']);
  for (const k of ['anyOf', 'oneOf'])
    if (Array.isArray(node[k])) for (const sub of node[k] as Record<string, unknown>[]) for (const x of typesOf(sub)) out.add(x);
  return [...out].sort();
}

describe('the settings schema', () => {
  const ours = committed('schemas/settings.schema.json') as { properties: Record<string, Record<string, unknown>> };

  it('covers every key the resolver checks, and env', () => {
    expect(Object.keys(ours.properties).sort()).toEqual([...MODELLED_KEYS, 'env'].sort());
  });

  it('agrees with SchemaStore on the type of every key both know, and of their items and members', () => {
    const shared = Object.keys(ours.properties).filter((k) => Object.hasOwn(SCHEMASTORE.properties, k));
    expect(shared.length).toBeGreaterThanOrEqual(14);
    for (const key of shared) {
      const a = ours.properties[key] ?? {};
      const b = SCHEMASTORE.properties[key] ?? {};
      expect(typesOf(a), key).toEqual(typesOf(b));
      const items = (n: Record<string, unknown> | undefined): Record<string, unknown> | undefined => n?.['items'] as Record<string, unknown> | undefined;
      if (items(b)) expect(typesOf(items(a)), `${key} items`).toEqual(typesOf(items(b)));
      const values = (n: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
        typeof n?.['additionalProperties'] === 'object' ? (n['additionalProperties'] as Record<string, unknown>) : undefined;
      if (values(b) && key === 'env') expect(typesOf(values(a)), `${key} values`).toEqual(typesOf(values(b)));
      const props = (n: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> =>
        (n?.['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {};
      // Members: env's (SchemaStore lists known variables) against our value type; policyHelper's one by one.
      for (const [member, node] of Object.entries(props(b)))
        expect(typesOf(key === 'env' ? values(a) : props(a)[member]), `${key}.${member}`).toEqual(typesOf(node));
      // Enumerations: ours accepts every value SchemaStore lists.
      if (Array.isArray(b['enum'])) expect(a['enum'], key).toEqual(expect.arrayContaining(b['enum'] as unknown[]));
    }
  });

  it('validates as JSON Schema 2020-12 and passes unknown keys through, never rejecting or dropping them', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(ours);
    const file = { env: { ANTHROPIC_BASE_URL: 'https://gw.example' }, theme: 'dark', permissions: { allow: ['Bash(ls)'] }, futureKey: { nested: [1] } };
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(settingsSchema.parse(file)).toEqual(file);
    expect(validate({ apiKeyHelper: '' })).toBe(false);
  });

  // The resolver's entry checks (src/core/schema.ts) and the zod schema judge every sample alike.
  const SAMPLES: readonly unknown[] = [
    '',
    'x',
    'sonnet',
    'https://gw.example.com',
    'gateway',
    'claudeai',
    'first-wins',
    'merge',
    '00000000-0000-0000-0000-000000000000',
    0,
    1,
    true,
    false,
    null,
    [],
    ['a'],
    ['a', 'b', 'c', 'd'],
    ['a', 1],
    [''],
    {},
    { path: '/usr/local/bin/policy' },
    { path: '' },
  ];
  it.each([...MODELLED_KEYS])('%s: the resolver keeps exactly the values the schema accepts', (key) => {
    for (const value of SAMPLES) {
      const diagnostics: unknown[] = [];
      const kept = Object.hasOwn(sanitizeSettings({ [key]: value }, { scope: 'user', diagnostics: diagnostics as never[] }), key);
      const accepted = settingsSchema.safeParse({ [key]: value }).success;
      expect(accepted, `${key} = ${JSON.stringify(value)}`).toBe(kept);
    }
  });
});

describe('real outputs against their schemas', () => {
  const validators = new Map<string, ValidateFunction>();
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = (name: string, value: unknown): void => {
    let v = validators.get(name);
    if (!v) {
      v = ajv.compile(committed(name === 'effective-config' ? 'schemas/effective-config.schema.json' : `schemas/cli/${name}.schema.json`));
      validators.set(name, v);
    }
    expect(v(value), `${name}: ${ajv.errorsText(v.errors)}`).toBe(true);
  };
  const seen = new Set<string>();
  const check = async (name: string, argv: string[], options: Parameters<typeof runCli>[1] = {}, exit = 0): Promise<Record<string, unknown>> => {
    const r = await runCli([...argv, '--json'], options);
    expect(r.code, `${argv.join(' ')}: ${r.stdout}${r.stderr}`).toBe(exit);
    const value = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(value['schemaVersion']).toBe(1);
    validate(name, value);
    seen.add(name);
    return value;
  };

  let world: CliWorld;
  let gw: FakeGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw.close();
    expect([...seen].sort()).toEqual(Object.keys(CLI_JSON_TYPES).sort());
  });
  afterEach(() => world?.cleanup());

  it('status, explain, explain-error, doctor, paths, report and a failure, on the example layout', async () => {
    const l = copyExampleLayout();
    world = makeCliWorld();
    try {
      const env = { ANTHROPIC_BASE_URL: 'https://shell-export.example' };
      await check('status', ['status', ...l.where], { env });
      await check('status', ['status', ...l.where, '--show-secrets', '--non-interactive', '--model', 'opus'], { env });
      await check('explain', ['explain', 'ANTHROPIC_BASE_URL', ...l.where], { env });
      await check('explain', ['explain', 'permissions', ...l.where], { env });
      await check('explain-error', ['explain-error', 'API Error: 401 {"error":{"type":"authentication_error"}}', ...l.where], { env });
      await check('explain-error', ['explain-error', 'something else entirely', ...l.where], { env }, 1);
      await check('doctor', ['doctor', ...l.where], { env }, 1);
      await check('doctor-fix', ['doctor', '--fix', '--dry-run', ...l.where], { env }, 1);
      // The committed-files check and its baseline, in a git repository of its own.
      const { gitInit, git } = await import('./helpers/tmp');
      const repo = gitInit(world.home, join(world.tmp, 'repo'));
      mkdirSync(join(repo, '.claude'), { recursive: true });
      writeFileSync(join(repo, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_API_KEY: TOKEN } }));
      git(world.home, repo, 'add', '.claude/settings.json');
      await check('doctor', ['doctor', '--ci', '--repo', repo], { env: world.env }, 1);
      await check('doctor-baseline', ['doctor', '--ci', '--repo', repo, '--update-baseline'], { env: world.env });
      await check('doctor', ['doctor', '--ci', '--repo', repo], { env: world.env });
      await check('paths', ['paths', ...l.where]);
      await check('report', ['report', ...l.where, '--output', join(world.tmp, 'r.html')], { env });
      writeFileSync(join(world.home, '.zshrc'), `export ANTHROPIC_BASE_URL=https://gw.example.com\nexport ANTHROPIC_MODEL=$(cat f)\n`);
      await check('import', ['import', 'shell', ...world.where], { env: world.env });
      const fixtures = join(REPO_ROOT, 'test', 'fixtures', 'import');
      await check('import', ['import', 'cc-switch', '--from', join(fixtures, 'cc-switch', 'cc-switch.db'), ...world.where], { env: world.env });
      await check('import', ['import', 'claude-code-router', '--from', join(fixtures, 'claude-code-router', 'config.json'), ...world.where], {
        env: world.env,
      });
      await check(
        'import',
        ['import', 'cc-switch', '--provider', 'nope', '--from', join(fixtures, 'cc-switch', 'config.json'), ...world.where],
        { env: world.env },
        1,
      );
      await check('error', ['status', '--no-such-flag'], {}, 2);
      await check('error', ['set', `ANTHROPIC_AUTH_TOKEN=${TOKEN}`, '--scope', 'user', ...world.where], { env: world.env }, 3);
    } finally {
      l.cleanup();
    }
  });

  it('set, unset, init, backups and revert on a temp home', async () => {
    world = makeCliWorld();
    const o = { env: { ...world.env, CGC_TOKEN: TOKEN }, cwd: world.cwd };
    await check('set', ['set', 'ANTHROPIC_MODEL=claude-opus-4-6', '--scope', 'user', ...world.where], o);
    await check('set', ['unset', 'ANTHROPIC_MODEL', '--scope', 'user', ...world.where], o);
    await check(
      'init',
      ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--scope', 'user', '--dry-run', ...world.where],
      o,
    );
    await check('init', ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--scope', 'user', ...world.where], o);
    const { backups } = (await check('backups', ['backups'], o)) as { backups: { id: string }[] };
    expect(backups.length).toBeGreaterThan(0);
    await check('revert', ['revert', backups[0]?.id ?? ''], o);
  });

  it('generate: text formats, the helper script and managed artifacts', async () => {
    world = makeCliWorld();
    const o = { env: { ...world.env, CGC_TOKEN: TOKEN }, cwd: world.cwd };
    const gen = ['gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN'];
    await check('generate', ['generate', 'bash', ...gen], o);
    await check('generate', ['generate', 'settings', ...gen], o);
    await check('generate', ['generate', 'managed', ...gen], o);
    await check('generate', ['generate', 'managed', ...gen, '--out', join(world.tmp, 'managed'), '--platform', 'linux'], o);
    await check('generate', ['generate', 'helper-script', '--from-env', 'GW_KEY'], o);
    await check('generate', ['generate', 'helper-script', '--from-env', 'GW_KEY', '--out', join(world.tmp, 'key.sh')], o);
  });

  it('verify and discover against a real gateway on 127.0.0.1', async () => {
    const l = makeRootLayout({
      '/home/u/.claude/settings.json': { env: { ANTHROPIC_BASE_URL: gw.url, ANTHROPIC_AUTH_TOKEN: TOKEN, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' } },
    });
    try {
      await check('verify', ['verify', ...l.where]);
      gw.behave((_r, res) => sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
      await check('verify', ['verify', ...l.where], {}, 1);
      gw.behave((_r, res) => sendJson(res, 200, { data: [{ id: 'claude-sonnet-4-6', display_name: 'Sonnet' }] }));
      await check('discover', ['discover', ...l.where]);
    } finally {
      l.cleanup();
    }
  });

  it('status --watch: the initial line and a change line', async () => {
    world = makeCliWorld();
    const save = (value: unknown): void => {
      mkdirSync(dirname(world.userSettings), { recursive: true });
      writeFileSync(`${world.userSettings}.tmp`, JSON.stringify(value));
      renameSync(`${world.userSettings}.tmp`, world.userSettings);
    };
    save({ env: { ANTHROPIC_BASE_URL: 'https://one.example' } });
    let out = '';
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), env: world.env, cwd: world.cwd, isTTY: false, untilStopped: () => stopped };
    const done = run(['status', '--watch', '--json', ...world.where], io);
    const lines = async (n: number): Promise<string[]> => {
      for (let i = 0; i < 500 && out.split('\n').filter(Boolean).length < n; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return out.split('\n').filter(Boolean);
    };
    await lines(1);
    save({ env: { ANTHROPIC_BASE_URL: 'https://two.example', ANTHROPIC_AUTH_TOKEN: TOKEN } });
    const all = await lines(2);
    stop();
    expect(await done).toBe(0);
    expect(all).toHaveLength(2);
    for (const line of all) {
      const value = JSON.parse(line) as Record<string, unknown>;
      expect(value['schemaVersion']).toBe(1);
      validate('status-watch', value);
    }
    seen.add('status-watch');
  }, 20_000);

  it('EffectiveConfig, serialised, for layouts of every kind', async () => {
    const layouts = [
      layout({}),
      layout({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: 'b' } }),
      layout({ env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'us-east5' } }),
      layout({
        user: { apiKeyHelper: 'echo k', env: { ANTHROPIC_BASE_URL: 'https://gw.example' } },
        project: { env: { ANTHROPIC_AUTH_TOKEN: 't' } },
        interactive: true,
      }),
      layout({ managedFile: { forceLoginMethod: 'claudeai' }, env: { ANTHROPIC_API_KEY: 'k' } }),
      layout({ settingsFlag: '{ not json', localLeftover: '{ // c\n}' }),
    ];
    for (const l of layouts) validate('effective-config', JSON.parse(JSON.stringify(await resolveEffectiveConfig(l))));
  });
});
