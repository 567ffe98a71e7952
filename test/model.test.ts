/**
 * The session model (EffectiveConfig.model, ResolveOptions.model): which model id Claude Code puts
 * in the request body, which source chose it and what resolved its alias. Every expectation comes
 * from a vector recorded from the binary (conformance/vectors/model-*.json, named in each test) or
 * from the bisection of the alias targets (conformance/bisect.ts --model).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, explain, formatEffectiveConfig, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { loadVectors } from '../conformance/vector';
import { layoutSpecFor } from '../conformance/predict';
import { makeTmp, removeTmp, writeFile } from './helpers/tmp';
import { runCli } from './helpers/cli-io';

const TOKEN = { ANTHROPIC_AUTH_TOKEN: 'tok-test-1', ANTHROPIC_BASE_URL: 'https://gw.example.com' };

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec, env: { ...TOKEN, ...spec.env } }));
}

async function modelId(env: Record<string, string>, version: string, extra: Partial<LayoutSpec> = {}): Promise<string> {
  return (await resolve({ env, claudeCodeVersion: version, ...extra })).model.id;
}

describe('every recorded model vector: the id the library resolves is the one the binary sent', () => {
  const cases = loadVectors()
    .filter((v) => v.id.startsWith('model-') || v.id === 'oauth-token-alone')
    .flatMap((vector) => Object.keys(vector.recorded).map((version) => ({ vector, version, key: `${vector.id}@${version}` })));

  it('covers the aliases, the flag, the default and both ends of the recorded versions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const versions = new Set(cases.map((c) => c.version));
    expect(versions.has('2.1.236') && versions.has('2.1.332')).toBe(true);
  });

  it.each(cases)('$key', async ({ vector, version }) => {
    const sent = vector.recorded[version]?.requests.find((r) => r.method === 'POST')?.model;
    expect(sent).toBeDefined();
    const { spec, flags } = layoutSpecFor(vector, version);
    const options = layout(spec);
    const config = await resolveEffectiveConfig(flags.bare ? { ...options, bare: true } : options);
    expect(config.model.id).toBe(sent);
  });
});

describe('which source chooses the model', () => {
  it('--model comes before ANTHROPIC_MODEL from any scope, managed included (model-flag-over-env, model-flag-over-managed-env)', async () => {
    const user = await resolve({ user: { env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } }, model: 'claude-haiku-4-5' });
    expect(user.model).toMatchObject({ id: 'claude-haiku-4-5', chosenBy: 'flag', requested: 'claude-haiku-4-5' });
    expect(user.model.source).toBeUndefined();
    expect(user.model.overridden).toEqual([
      { chosenBy: 'ANTHROPIC_MODEL', value: 'claude-sonnet-4-6', source: expect.objectContaining({ scope: 'user' }), reason: '--model comes first' },
    ]);
    const managed = await resolve({ managedFile: { env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } }, model: 'claude-haiku-4-5' });
    expect(managed.model.chosenBy).toBe('flag');
    expect(managed.model.id).toBe('claude-haiku-4-5');
  });

  it('ANTHROPIC_MODEL before the model setting, with the layer it came from (model-env-over-setting, model-env-user)', async () => {
    const c = await resolve({ env: { ANTHROPIC_MODEL: 'claude-haiku-4-5' }, user: { model: 'claude-sonnet-4-6' } });
    expect(c.model).toMatchObject({ id: 'claude-haiku-4-5', chosenBy: 'ANTHROPIC_MODEL', source: { scope: 'shell' } });
    expect(c.model.overridden.map((o) => o.chosenBy)).toEqual(['setting']);
    const u = await resolve({ user: { env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } } });
    expect(u.model).toMatchObject({ id: 'claude-sonnet-4-6', chosenBy: 'ANTHROPIC_MODEL', source: { scope: 'user' } });
  });

  it('an empty ANTHROPIC_MODEL counts as unset (model-empty-env-with-setting)', async () => {
    const c = await resolve({ env: { ANTHROPIC_MODEL: '' }, user: { model: 'claude-sonnet-4-6' } });
    expect(c.model).toMatchObject({ id: 'claude-sonnet-4-6', chosenBy: 'setting', source: { scope: 'user' } });
  });

  it('the model setting follows settings precedence (model-project-setting-over-user)', async () => {
    const c = await resolve({ user: { model: 'claude-sonnet-4-6' }, project: { model: 'claude-haiku-4-5' } });
    expect(c.model).toMatchObject({ id: 'claude-haiku-4-5', chosenBy: 'setting', source: { scope: 'project' } });
  });

  it('ANTHROPIC_DEFAULT_MODEL comes after the setting and before the built-in default (model-default-var, -under-setting, -under-env, -and-opus-var, -alias)', async () => {
    const alone = await resolve({ env: { ANTHROPIC_DEFAULT_MODEL: 'claude-default-custom-1' } });
    expect(alone.model).toMatchObject({ id: 'claude-default-custom-1', chosenBy: 'ANTHROPIC_DEFAULT_MODEL' });
    expect((await resolve({ env: { ANTHROPIC_DEFAULT_MODEL: 'claude-default-custom-1' }, user: { model: 'claude-sonnet-4-6' } })).model.chosenBy).toBe(
      'setting',
    );
    expect((await resolve({ env: { ANTHROPIC_DEFAULT_MODEL: 'claude-default-custom-1', ANTHROPIC_MODEL: 'claude-haiku-4-5' } })).model.id).toBe(
      'claude-haiku-4-5',
    );
    expect(
      (await resolve({ env: { ANTHROPIC_DEFAULT_MODEL: 'claude-default-custom-1', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' } })).model.id,
    ).toBe('claude-default-custom-1');
    const alias = await resolve({ env: { ANTHROPIC_DEFAULT_MODEL: 'sonnet' }, claudeCodeVersion: '2.1.236' });
    expect(alias.model).toMatchObject({ id: 'claude-sonnet-5', chosenBy: 'ANTHROPIC_DEFAULT_MODEL', alias: { name: 'sonnet', family: 'sonnet' } });
  });

  it('--model default asks for the default model; default in ANTHROPIC_MODEL or the setting is sent as it is (model-flag-default, model-default-flag-with-opus-var, model-alias-default-env, model-setting-default)', async () => {
    const flag = await resolve({ env: { ANTHROPIC_MODEL: 'claude-haiku-4-5' }, model: 'default', claudeCodeVersion: '2.1.332' });
    expect(flag.model).toMatchObject({ id: 'claude-opus-5-5', chosenBy: 'default', alias: { name: 'default', family: 'opus' } });
    expect(flag.model.overridden).toEqual([expect.objectContaining({ chosenBy: 'ANTHROPIC_MODEL', reason: '--model default asks for the default model' })]);
    expect(flag.model.notes.join('\n')).toMatch(/--model default/);
    const opusVar = await resolve({ env: { ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' }, model: 'default' });
    expect(opusVar.model.id).toBe('claude-opus-custom-1');
    expect((await resolve({ env: { ANTHROPIC_MODEL: 'default' } })).model).toMatchObject({ id: 'default', chosenBy: 'ANTHROPIC_MODEL' });
    expect((await resolve({ user: { model: 'default' } })).model).toMatchObject({ id: 'default', chosenBy: 'setting' });
    expect((await resolve({ env: { ANTHROPIC_MODEL: 'default', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' } })).model.id).toBe('default');
  });

  it('default sent as a model name is a model-default-literal warning naming its source; --model default is not (model-alias-default-env, model-setting-default)', async () => {
    const env = await resolve({ env: { ANTHROPIC_MODEL: 'default' } });
    expect(env.diagnostics.filter((d) => d.code === 'model-default-literal')).toEqual([
      expect.objectContaining({ severity: 'warning', scope: 'shell', args: { chosenBy: 'ANTHROPIC_MODEL' } }),
    ]);
    const setting = await resolve({ user: { model: 'default' } });
    expect(setting.diagnostics.find((d) => d.code === 'model-default-literal')).toMatchObject({
      scope: 'user',
      path: expect.stringContaining('settings.json'),
      args: { chosenBy: 'setting' },
    });
    const flag = await resolve({ env: { ANTHROPIC_MODEL: 'default' }, model: 'default' });
    expect(flag.diagnostics.some((d) => d.code === 'model-default-literal')).toBe(false);
  });
});

describe('aliases', () => {
  it('ANTHROPIC_DEFAULT_<FAMILY>_MODEL resolves the alias, with its source (model-alias-with-default-var, model-opus-alias-setting, model-flag-alias-with-default-var)', async () => {
    const c = await resolve({ user: { model: 'opus', env: { ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' } } });
    expect(c.model).toMatchObject({
      id: 'claude-opus-custom-1',
      chosenBy: 'setting',
      requested: 'opus',
      alias: { name: 'opus', family: 'opus', resolvedBy: { kind: 'variable', variable: 'ANTHROPIC_DEFAULT_OPUS_MODEL', source: { scope: 'user' } } },
    });
    const flag = await resolve({ user: { env: { ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-custom-1' } }, model: 'haiku' });
    expect(flag.model).toMatchObject({ id: 'claude-haiku-custom-1', chosenBy: 'flag' });
  });

  it.each([
    // [alias, family, before, from, first version with the new target, its predecessor] (bisected)
    ['sonnet', 'claude-sonnet-5', 'claude-sonnet-5-5', '2.1.284', '2.1.283'],
    ['opus', 'claude-opus-5', 'claude-opus-5-5', '2.1.280', '2.1.278'],
    ['haiku', 'claude-haiku-4-5-20251001', 'claude-haiku-5-5', '2.1.293', '2.1.292'],
    ['fable', 'claude-fable-5-1', 'claude-fable-5-2', '2.1.321', '2.1.319'],
    ['fable', 'claude-fable-5', 'claude-fable-5-1', '2.1.257', '2.1.252'],
  ])('the built-in %s target is %s, then %s from %s (model-alias-*-env, bisected)', async (alias, before, after, from, previous) => {
    expect(await modelId({ ANTHROPIC_MODEL: alias }, previous)).toBe(before);
    const c = await resolve({ env: { ANTHROPIC_MODEL: alias }, claudeCodeVersion: from });
    expect(c.model.id).toBe(after);
    expect(c.model.alias?.resolvedBy).toEqual({ kind: 'built-in', version: from, since: from });
  });

  it.each([
    // [version, ANTHROPIC_DEFAULT_FABLE_MODEL set, the id sent] (bisected: model-alias-best-env changed in 2.1.277 and 2.1.321)
    ['2.1.236', false, 'claude-opus-5'],
    ['2.1.236', true, 'claude-fable-custom-1'],
    ['2.1.276', false, 'claude-opus-5'],
    ['2.1.277', false, 'claude-fable-5-1'],
    ['2.1.290', true, 'claude-fable-custom-1'],
    ['2.1.319', false, 'claude-fable-5-1'],
    ['2.1.321', false, 'claude-opus-5-5'],
    ['2.1.332', true, 'claude-opus-5-5'],
  ] as const)('best on %s (fable variable: %s) sends %s (model-alias-best-env, model-alias-best-fable-var)', async (version, fableVar, id) => {
    const env: Record<string, string> = { ANTHROPIC_MODEL: 'best', ...(fableVar ? { ANTHROPIC_DEFAULT_FABLE_MODEL: 'claude-fable-custom-1' } : {}) };
    expect(await modelId(env, version)).toBe(id);
  });

  it('best takes the opus target and opusplan the sonnet one outside plan mode (model-alias-best-env, model-alias-best-opus-var, model-alias-opusplan-env, model-alias-opusplan-sonnet-var)', async () => {
    expect(await modelId({ ANTHROPIC_MODEL: 'best' }, '2.1.332')).toBe('claude-opus-5-5');
    expect(await modelId({ ANTHROPIC_MODEL: 'best', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' }, '2.1.332')).toBe('claude-opus-custom-1');
    const plan = await resolve({ env: { ANTHROPIC_MODEL: 'opusplan' }, claudeCodeVersion: '2.1.236' });
    expect(plan.model).toMatchObject({ id: 'claude-sonnet-5', alias: { name: 'opusplan', family: 'sonnet' } });
    expect(plan.model.notes.join('\n')).toMatch(/plan mode/);
    expect(await modelId({ ANTHROPIC_MODEL: 'opusplan', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-custom-1' }, '2.1.332')).toBe('claude-sonnet-custom-1');
  });

  it('[1m] is not sent, on an alias or an id (model-alias-sonnet-1m-env, model-alias-opus-1m-env, model-alias-haiku-1m-env, model-alias-sonnet-1m-default-var, model-id-1m-env)', async () => {
    const c = await resolve({ env: { ANTHROPIC_MODEL: 'sonnet[1m]' }, claudeCodeVersion: '2.1.332' });
    expect(c.model).toMatchObject({ id: 'claude-sonnet-5-5', requested: 'sonnet[1m]', context1m: true, alias: { name: 'sonnet' } });
    expect(await modelId({ ANTHROPIC_MODEL: 'opus[1m]' }, '2.1.236')).toBe('claude-opus-5');
    expect(await modelId({ ANTHROPIC_MODEL: 'haiku[1m]' }, '2.1.236')).toBe('claude-haiku-4-5-20251001');
    expect(await modelId({ ANTHROPIC_MODEL: 'sonnet[1m]', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-custom-1' }, '2.1.236')).toBe(
      'claude-sonnet-custom-1',
    );
    const id = await resolve({ env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6[1m]' } });
    expect(id.model).toMatchObject({ id: 'claude-sonnet-4-6', context1m: true });
    expect(id.model.alias).toBeUndefined();
  });

  it('an alias in any casing, surrounding spaces ignored (model-alias-uppercase-env, model-alias-spaces-env)', async () => {
    expect(await modelId({ ANTHROPIC_MODEL: 'Sonnet' }, '2.1.332')).toBe('claude-sonnet-5-5');
    expect(await modelId({ ANTHROPIC_MODEL: ' sonnet ' }, '2.1.236')).toBe('claude-sonnet-5');
  });

  it('a model id is sent as written, no alias reported (model-setting)', async () => {
    const c = await resolve({ user: { model: 'claude-sonnet-4-6' } });
    expect(c.model).toMatchObject({ id: 'claude-sonnet-4-6', chosenBy: 'setting', requested: 'claude-sonnet-4-6' });
    expect(c.model.alias).toBeUndefined();
  });
});

describe("Claude Code's built-in default", () => {
  it('opus for a gateway token or an API key, through ANTHROPIC_DEFAULT_OPUS_MODEL, never the sonnet variable (model-unset, model-unset-api-key, model-unset-default-opus-var, model-unset-default-sonnet-var)', async () => {
    const c = await resolve({ claudeCodeVersion: '2.1.278' });
    expect(c.model).toMatchObject({
      id: 'claude-opus-5',
      chosenBy: 'default',
      alias: { name: 'default', family: 'opus', resolvedBy: { kind: 'built-in', since: '2.1.236' } },
    });
    expect(c.model.requested).toBeUndefined();
    const key = await resolveEffectiveConfig(layout({ interactive: false, env: { ANTHROPIC_API_KEY: 'key-test-1' }, claudeCodeVersion: '2.1.332' }));
    expect(key.model.id).toBe('claude-opus-5-5');
    expect(await modelId({ ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-custom-1' }, '2.1.332')).toBe('claude-opus-custom-1');
    expect(await modelId({ ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-custom-1' }, '2.1.332')).toBe('claude-opus-5-5');
  });

  it('sonnet for a CLAUDE_CODE_OAUTH_TOKEN session, whose subscription tier is unknown (oauth-token-alone)', async () => {
    const c = await resolveEffectiveConfig(layout({ interactive: false, env: { CLAUDE_CODE_OAUTH_TOKEN: 'oauth-test-1' }, claudeCodeVersion: '2.1.236' }));
    expect(c.model).toMatchObject({ id: 'claude-sonnet-5', chosenBy: 'default', alias: { family: 'sonnet' } });
  });

  it('sonnet on Foundry, sent by its Foundry id from the catalog (provider-foundry-api-key)', async () => {
    const c = await resolveEffectiveConfig(
      layout({
        interactive: false,
        env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://foundry.example.com', ANTHROPIC_FOUNDRY_API_KEY: 'fk-test-1' },
      }),
    );
    expect(c.model.alias?.family).toBe('sonnet');
    expect(c.model.sent).toEqual({ id: 'claude-sonnet-5-5', in: 'body', naming: 'catalog', catalogModel: 'claude-sonnet-5-5' });
  });

  it('a version older than the recordings gets the oldest recorded targets and says so', async () => {
    const c = await resolve({ claudeCodeVersion: '2.1.200' });
    expect(c.model.id).toBe('claude-opus-5');
    expect(c.model.notes.join('\n')).toMatch(/2\.1\.200 was not recorded/);
  });
});

describe('the model option, status and explain', () => {
  it('options.model must be a string', async () => {
    await expect(resolveEffectiveConfig({ ...layout({}), model: 42 as unknown as string })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('options.model'),
    });
    await expect(resolveEffectiveConfig({ ...layout({}), model: 42 as unknown as string })).rejects.toBeInstanceOf(ConfigError);
  });

  it('formatEffectiveConfig prints the model with what chose it and what resolved the alias', async () => {
    const c = await resolve({ env: { ANTHROPIC_MODEL: 'sonnet' }, user: { env: { ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-custom-1' } } });
    const line = formatEffectiveConfig(c)
      .split('\n')
      .find((l) => l.startsWith('Model:'));
    expect(line).toMatch(
      /^Model: +claude-sonnet-custom-1 +\(ANTHROPIC_MODEL "sonnet" from the shell environment; alias sonnet → ANTHROPIC_DEFAULT_SONNET_MODEL from user settings/,
    );
    const d = formatEffectiveConfig(await resolve({ claudeCodeVersion: '2.1.332' }));
    expect(d).toMatch(
      /^Model: +claude-opus-5-5 +\(Claude Code's built-in default; default = opus → Claude Code 2\.1\.332's built-in target \(since 2\.1\.280\)\)$/m,
    );
  });

  it('explain ANTHROPIC_MODEL names the session model and why the variable does not choose it', async () => {
    const c = await resolve({ env: { ANTHROPIC_MODEL: 'claude-haiku-4-5' }, model: 'opus', claudeCodeVersion: '2.1.332' });
    const e = explain(c, 'ANTHROPIC_MODEL');
    expect(e.text).toContain('session model: claude-opus-5-5  (--model "opus"; alias opus');
    expect(e.text).toContain('ANTHROPIC_MODEL does not choose it: --model comes first');
    expect(explain(c, 'ANTHROPIC_DEFAULT_OPUS_MODEL').text).toMatch(/is not set by any source\n {2}session model: claude-opus-5-5/);
    expect(explain(c, 'ANTHROPIC_BASE_URL').text).not.toContain('session model');
  });
});

describe('claude-gateway status --model', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) removeTmp(dir);
    dir = undefined;
  });

  it('takes the flag like claude --model, in text and --json', async () => {
    dir = makeTmp('cgc-model-');
    const home = `${dir}/home`;
    writeFile(`${home}/.claude/settings.json`, { model: 'claude-sonnet-4-6', env: { ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-custom-1' } });
    writeFile(`${home}/project/README`, 'x');
    const env = { HOME: home, ANTHROPIC_AUTH_TOKEN: 'tok-test-1' };
    const base = ['--home', home, '--cwd', `${home}/project`, '--non-interactive'];
    const text = await runCli(['status', ...base, '--model', 'haiku'], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Model: +claude-haiku-custom-1 +\(--model "haiku"; alias haiku → ANTHROPIC_DEFAULT_HAIKU_MODEL from user settings/m);
    const json = await runCli(['status', ...base, '--json'], { env });
    expect(JSON.parse(json.stdout).model).toMatchObject({ id: 'claude-sonnet-4-6', chosenBy: 'setting', source: { scope: 'user' } });
  });
});

describe("Foundry's default model", () => {
  it('is sent as claude-sonnet-4-5 until 2.1.331 and the Sonnet target from 2.1.332 (vector provider-foundry-api-key on 2.1.236, 2.1.331, 2.1.332)', async () => {
    const env = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/foundry', ANTHROPIC_FOUNDRY_API_KEY: 'k' };
    const at = async (v: string): Promise<string> => (await resolveEffectiveConfig(layout({ interactive: false, env, claudeCodeVersion: v }))).model.sent.id;
    const vector = loadVectors().find((x) => x.id === 'provider-foundry-api-key');
    for (const v of ['2.1.236', '2.1.331', '2.1.332']) {
      const sent = vector?.recorded[v]?.requests.find((r) => r.method === 'POST')?.model;
      if (sent !== undefined) expect(await at(v)).toBe(sent);
    }
    expect(await at('2.1.331')).toBe('claude-sonnet-4-5');
    expect(await at('2.1.332')).toBe('claude-sonnet-5-5');
  });
});
