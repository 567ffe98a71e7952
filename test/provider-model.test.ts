/**
 * The model as each provider's request names it (EffectiveConfig.model.sent,
 * docs/behavior.md#provider-model-ids). The provider-model-* vectors hold what the binary sent; the
 * first block checks each recording against the library (as test/conformance/recorded.test.ts does
 * for every vector, here with the sent id itself in the message), the others the rules between the
 * recordings: every region prefix, the prefix variable, Vertex locations, and the catalog reader.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatEffectiveConfig, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout } from '../src/testing';
import { loadVectors } from '../conformance/vector';
import { layoutSpecFor } from '../conformance/predict';
import { requestedModel, sessionRequest } from '../conformance/compare';
import { checkCatalog, readCatalog } from '../conformance/catalog';
import { bedrockRegionPrefix, catalogAt } from '../src/core/provider-model';
import type { MODEL_CATALOG } from '../src/core/provider-model-table';
import { makeTmp, removeTmp } from './helpers/tmp';

const BEDROCK = { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://gw.example.com/bedrock' };
const VERTEX = {
  CLAUDE_CODE_USE_VERTEX: '1',
  CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
  ANTHROPIC_VERTEX_BASE_URL: 'https://gw.example.com/vertex',
  ANTHROPIC_VERTEX_PROJECT_ID: 'p',
};

async function sent(env: Record<string, string>, version = '2.1.332'): Promise<EffectiveConfig['model']> {
  return (await resolveEffectiveConfig(layout({ interactive: false, env, claudeCodeVersion: version }))).model;
}

describe('every recorded provider-model vector: the id the library predicts is the one the binary sent', () => {
  const cases = loadVectors()
    .filter((v) => v.id.startsWith('provider-model-'))
    .flatMap((vector) => Object.keys(vector.recorded).map((version) => ({ vector, version, key: `${vector.id}@${version}` })));

  it('covers every provider on both ends of the recorded versions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    for (const p of ['bedrock', 'vertex', 'mantle', 'foundry', 'anthropic-aws', 'gateway'])
      expect(cases.some((c) => c.vector.id.startsWith(`provider-model-${p}-`))).toBe(true);
  });

  it.each(cases)('$key', async ({ vector, version }) => {
    const run = vector.recorded[version];
    const binary = run !== undefined ? requestedModel(sessionRequest(run)) : undefined;
    expect(binary).toBeDefined();
    const { spec } = layoutSpecFor(vector, version);
    const config = await resolveEffectiveConfig(layout(spec));
    expect(config.model.sent.id).toBe(binary);
    const location = /\/locations\/([^/]+)\//.exec(run ? (sessionRequest(run)?.path ?? '') : '')?.[1];
    if (location !== undefined) expect(config.model.sent.vertexLocation?.region).toBe(location);
  });
});

describe('Bedrock', () => {
  it.each([
    ['us-east-1', 'us'],
    ['us-west-2', 'us'],
    ['us-gov-west-1', 'us-gov'],
    ['us-gov-east-1', 'us-gov'],
    ['eu-central-1', 'eu'],
    ['eu-south-2', 'eu'],
    ['ap-northeast-1', 'apac'],
    ['ap-southeast-2', 'apac'],
    ['ap-south-1', 'apac'],
    ['ca-central-1', 'global'],
    ['sa-east-1', 'global'],
    ['me-central-1', 'global'],
    ['af-south-1', 'global'],
    ['il-central-1', 'global'],
    ['mx-central-1', 'global'],
  ])('region %s takes the prefix %s', async (region, prefix) => {
    expect(bedrockRegionPrefix(region)).toBe(prefix);
    const m = await sent({ ...BEDROCK, AWS_REGION: region });
    expect(m.sent).toMatchObject({ id: `${prefix}.anthropic.claude-opus-5-5`, in: 'path', naming: 'catalog', catalogModel: 'claude-opus-5-5' });
    expect(m.sent.regionPrefix).toEqual({ prefix, from: prefix === 'us-gov' ? 'govcloud' : 'region', region, regionFrom: 'AWS_REGION' });
  });

  it('ANTHROPIC_BEDROCK_REGION_PREFIX chooses the prefix (not in GovCloud); another value is ignored', async () => {
    for (const p of ['us', 'eu', 'apac', 'jp', 'au', 'global'])
      expect((await sent({ ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_BEDROCK_REGION_PREFIX: p })).sent.id).toBe(`${p}.anthropic.claude-opus-5-5`);
    expect((await sent({ ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_BEDROCK_REGION_PREFIX: 'mars' })).sent.id).toBe('eu.anthropic.claude-opus-5-5');
    const gov = await sent({ ...BEDROCK, AWS_REGION: 'us-gov-west-1', ANTHROPIC_BEDROCK_REGION_PREFIX: 'global' });
    expect(gov.sent.id).toBe('us-gov.anthropic.claude-opus-5-5');
    expect(gov.sent.regionPrefix?.from).toBe('govcloud');
  });

  it('without a region variable the prefix is us, with a note that the AWS profile would decide', async () => {
    const m = await sent({ ...BEDROCK });
    expect(m.sent.id).toBe('us.anthropic.claude-opus-5-5');
    expect(m.sent.regionPrefix).toMatchObject({ region: 'us-east-1', regionFrom: 'default' });
    expect(m.notes.join('\n')).toMatch(/AWS profile's region/);
    // The prefix variable decides without a region: no note.
    expect((await sent({ ...BEDROCK, ANTHROPIC_BEDROCK_REGION_PREFIX: 'eu' })).notes.join('\n')).not.toMatch(/AWS profile/);
  });

  it('a name the user wrote with its own prefix, an ARN or an unknown name is sent as written', async () => {
    for (const id of ['jp.anthropic.claude-opus-5-5', 'anthropic.claude-sonnet-5-5', 'arn:aws:bedrock:eu-west-1:1:application-inference-profile/x', 'gw-alias'])
      expect((await sent({ ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: id })).sent).toEqual({ id, in: 'path', naming: 'as-written' });
  });

  it('sonnet and haiku are the Bedrock targets, opusplan the Sonnet one; an API id is mapped in any casing', async () => {
    const at = async (model: string): Promise<string> => (await sent({ ...BEDROCK, AWS_REGION: 'us-east-1', ANTHROPIC_MODEL: model })).sent.id;
    expect(await at('sonnet')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(await at('opusplan')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(await at('haiku')).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(await at('CLAUDE-OPUS-4-6')).toBe('us.anthropic.claude-opus-4-6-v1');
    expect(await at('claude-3-5-sonnet-20241022')).toBe('us.anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(await at('sonnet[1m]')).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it("a model newer than the release's catalog is sent as written; a release older than the catalog gets 2.1.236's", async () => {
    expect((await sent({ ...BEDROCK, ANTHROPIC_MODEL: 'claude-opus-5-5' }, '2.1.278')).sent.id).toBe('claude-opus-5-5');
    expect((await sent({ ...BEDROCK, ANTHROPIC_MODEL: 'claude-opus-5-5' }, '2.1.280')).sent.id).toBe('us.anthropic.claude-opus-5-5');
    expect(catalogAt('2.1.100').map((m) => m.id)).toEqual(catalogAt('2.1.236').map((m) => m.id));
  });
});

describe('Vertex', () => {
  it("the location: the model's own variable, then CLOUD_ML_REGION, then us-east5; a malformed value counts as unset", async () => {
    expect((await sent({ ...VERTEX })).sent.vertexLocation).toEqual({ region: 'us-east5', from: 'default' });
    expect((await sent({ ...VERTEX, CLOUD_ML_REGION: 'global' })).sent.vertexLocation).toEqual({ region: 'global', from: 'CLOUD_ML_REGION' });
    expect((await sent({ ...VERTEX, CLOUD_ML_REGION: 'us east' })).sent.vertexLocation).toEqual({ region: 'us-east5', from: 'default' });
    const own = await sent({ ...VERTEX, CLOUD_ML_REGION: 'global', VERTEX_REGION_CLAUDE_5_5_OPUS: 'europe-west1', VERTEX_REGION_CLAUDE_5_OPUS: 'asia-east1' });
    expect(own.sent).toMatchObject({ id: 'claude-opus-5-5', in: 'path', vertexLocation: { region: 'europe-west1', from: 'VERTEX_REGION_CLAUDE_5_5_OPUS' } });
    const older = await sent({ ...VERTEX, VERTEX_REGION_CLAUDE_5_5_OPUS: 'europe-west1', VERTEX_REGION_CLAUDE_5_OPUS: 'asia-east1' }, '2.1.236');
    expect(older.sent.vertexLocation).toEqual({ region: 'asia-east1', from: 'VERTEX_REGION_CLAUDE_5_OPUS' });
  });

  it('a name written with a date takes the variable of the model it names; an unknown name CLOUD_ML_REGION', async () => {
    const dated = await sent({
      ...VERTEX,
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_MODEL: 'claude-sonnet-4-5@20250929',
      VERTEX_REGION_CLAUDE_4_5_SONNET: 'us-central1',
    });
    expect(dated.sent).toEqual({
      id: 'claude-sonnet-4-5@20250929',
      in: 'path',
      naming: 'as-written',
      vertexLocation: { region: 'us-central1', from: 'VERTEX_REGION_CLAUDE_4_5_SONNET' },
    });
    const sonnet4 = await sent({ ...VERTEX, ANTHROPIC_MODEL: 'claude-sonnet-4@20250514', VERTEX_REGION_CLAUDE_4_0_SONNET: 'europe-west4' });
    expect(sonnet4.sent.vertexLocation?.from).toBe('VERTEX_REGION_CLAUDE_4_0_SONNET');
    const unknown = await sent({ ...VERTEX, CLOUD_ML_REGION: 'us-east5', ANTHROPIC_MODEL: 'my-model', VERTEX_REGION_CLAUDE_4_5_SONNET: 'us-central1' });
    expect(unknown.sent.vertexLocation).toEqual({ region: 'us-east5', from: 'CLOUD_ML_REGION' });
  });
});

describe('the Anthropic API and gateways', () => {
  it('send the id in the body as chosen, and status adds nothing', async () => {
    const c = await resolveEffectiveConfig(
      layout({ interactive: false, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_MODEL: 'claude-sonnet-4-5' } }),
    );
    expect(c.model.sent).toEqual({ id: 'claude-sonnet-4-5', in: 'body', naming: 'as-written' });
    expect(formatEffectiveConfig(c)).not.toMatch(/sent as/);
  });

  it('status names the provider id, the prefix and what chose it', async () => {
    const c = await resolveEffectiveConfig(layout({ interactive: false, env: { ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'sonnet' } }));
    const line = formatEffectiveConfig(c)
      .split('\n')
      .find((l) => l.startsWith('Model:'));
    expect(line).toContain(
      'claude-sonnet-4-5-20250929, sent as eu.anthropic.claude-sonnet-4-5-20250929-v1:0 in the URL path (prefix eu: AWS_REGION eu-west-1)',
    );
    expect(line).toContain('on Amazon Bedrock (since 2.1.236)');
  });
});

describe('the catalog reader (conformance/catalog.ts)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('cgc-catalog-');
  });
  afterEach(() => {
    removeTmp(tmp);
  });

  /** An "executable" holding the catalog literal of the library's table at a version, as a release bundles it. */
  function fakeExecutable(version: string, edit: (text: string) => string = (t) => t): string {
    const ids = (m: (typeof MODEL_CATALOG)[number]): string =>
      `{first_party:${JSON.stringify(m.ids.anthropic)},bedrock:${JSON.stringify(m.ids.bedrock)},vertex:${JSON.stringify(m.ids.vertex)},foundry:${JSON.stringify(m.ids.foundry)},anthropic_aws:${JSON.stringify(m.ids['anthropic-aws'])},mantle:${JSON.stringify(m.ids.mantle)},gateway:null}`;
    const models = catalogAt(version)
      .map(
        (m) =>
          `{id:"${m.id}",family:"${m.family}",provider_ids:${ids(m)},eager_input_streaming:{bedrock:!0},${m.vertexRegionVariable !== undefined ? `vertex_region_env_var:"${m.vertexRegionVariable}",` : ''}context:{window:1e6}}`,
      )
      .join(',');
    const aliases =
      version === '2.1.332'
        ? '{opus:{default:"claude-opus-5-5",per_provider:{bedrock:"claude-opus-5-5",vertex:"claude-opus-5-5",foundry:"claude-opus-5-5",mantle:"claude-opus-5-5",anthropic_aws:"claude-opus-5-5",gateway:"claude-opus-4-7"}},sonnet:{default:"claude-sonnet-5-5",per_provider:{bedrock:"claude-sonnet-4-5",vertex:"claude-sonnet-5-5",foundry:"claude-sonnet-5-5",mantle:"claude-sonnet-5",anthropic_aws:"claude-sonnet-4-6",gateway:"claude-sonnet-4-6"}},haiku:{default:"claude-haiku-5-5",per_provider:{bedrock:"claude-haiku-4-5",vertex:"claude-haiku-4-5",foundry:"claude-haiku-4-5",mantle:"claude-haiku-4-5",anthropic_aws:"claude-haiku-4-5",gateway:"claude-haiku-4-5"}},fable:{default:"claude-fable-5-2",per_provider:{gateway:"claude-fable-5"}}}'
        : '{}';
    const text = `\u0000\u007fELF junk var x={pricing:{a:1},models:[${models}],aliases:${aliases},defaults:{},best:"opus"};function f(){return"}"} more junk`;
    const path = join(tmp, 'claude');
    writeFileSync(path, Buffer.from(edit(text), 'latin1'));
    return path;
  }

  it("reads a release's catalog as data and finds it equal to the library's table", () => {
    const c = readCatalog(fakeExecutable('2.1.332'), '2.1.332');
    expect(c.models.map((m) => m.id)).toEqual(catalogAt('2.1.332').map((m) => m.id));
    expect(c.models.find((m) => m.id === 'claude-sonnet-4-5')?.providerIds.bedrock).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(c.aliases['sonnet']?.perProvider?.['anthropic_aws']).toBe('claude-sonnet-4-6');
    expect(checkCatalog(c)).toEqual([]);
  });

  it('names every difference: a changed provider id, a new model, another alias target', () => {
    const path = fakeExecutable('2.1.332', (t) =>
      t
        .replace('bedrock:"us.anthropic.claude-opus-4-7"', 'bedrock:"us.anthropic.claude-opus-4-7-v2"')
        .replace('models:[', 'models:[{id:"claude-opus-6",family:"opus",provider_ids:{first_party:"claude-opus-6"}},')
        .replace('mantle:"claude-sonnet-5"', 'mantle:"claude-sonnet-5-5"'),
    );
    expect(checkCatalog(readCatalog(path, '2.1.332'))).toEqual([
      "model claude-opus-6: in 2.1.332's catalog, not in the library's table",
      'model claude-opus-4-7 bedrock: binary "us.anthropic.claude-opus-4-7-v2", library "us.anthropic.claude-opus-4-7"',
      'alias sonnet on mantle: binary "claude-sonnet-5-5", library "claude-sonnet-5"',
    ]);
  });

  it('an executable without a catalog is an error naming it, not an empty table', () => {
    const path = join(tmp, 'claude');
    writeFileSync(path, 'no catalog here');
    expect(() => readCatalog(path, '9.9.9')).toThrow(/9\.9\.9: no model catalog found in .*claude/);
  });
});

describe('model-not-provider-id', () => {
  const codes = async (env: Record<string, string>, version = '2.1.332'): Promise<EffectiveConfig['diagnostics']> =>
    (await resolveEffectiveConfig(layout({ interactive: false, env, claudeCodeVersion: version }))).diagnostics.filter(
      (d) => d.code === 'model-not-provider-id',
    );

  it('names a model newer than the release, with the release that knows it and the id to write (vector provider-model-bedrock-explicit-opus at 2.1.278)', async () => {
    const [d, ...rest] = await codes({ ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'claude-opus-5-5' }, '2.1.278');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'warning', scope: 'shell' });
    expect(d?.message).toContain("Claude Code 2.1.278's model catalog does not have it (it does from 2.1.280)");
    expect(d?.fix).toContain('eu.anthropic.claude-opus-5-5');
    expect(await codes({ ...BEDROCK, AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'claude-opus-5-5' }, '2.1.280')).toEqual([]);
  });

  it('names a model the provider does not offer, and the short catalog name, from the variable that set it', async () => {
    expect((await codes({ ...VERTEX, ANTHROPIC_MODEL: 'claude-mythos-5' }))[0]?.message).toMatch(/no Google Vertex AI id for it/);
    const [short] = await codes({ ...BEDROCK, AWS_REGION: 'ap-south-1', ANTHROPIC_MODEL: 'sonnet', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-5' });
    expect(short?.fix).toBe("Write claude-sonnet-4-5-20250929, an alias, or Amazon Bedrock's id (apac.anthropic.claude-sonnet-4-5-20250929-v1:0)");
  });

  it('is silent for names that are not Anthropic models, provider ids, dated Vertex ids, and on providers that send names as written', async () => {
    for (const m of ['my-gateway-model', 'eu.anthropic.claude-opus-5-5', 'arn:aws:bedrock:us-east-1:1:inference-profile/x'])
      expect(await codes({ ...BEDROCK, ANTHROPIC_MODEL: m })).toEqual([]);
    expect(await codes({ ...VERTEX, ANTHROPIC_MODEL: 'claude-sonnet-4-5@20250929' })).toEqual([]);
    expect(
      await codes({
        CLAUDE_CODE_USE_FOUNDRY: '1',
        ANTHROPIC_FOUNDRY_BASE_URL: 'https://f.example.com',
        ANTHROPIC_FOUNDRY_API_KEY: 'k',
        ANTHROPIC_MODEL: 'claude-sonnet-4-5',
      }),
    ).toEqual([]);
    expect(await codes({ ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_MODEL: 'claude-sonnet-4-5' })).toEqual([]);
  });
});

describe('modelOverrides', () => {
  const ARN = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/opus-prod';

  it('replaces the id of a catalog model, keyed by its API id, on every provider, and names the file that set it', async () => {
    const c = await resolveEffectiveConfig(
      layout({
        interactive: false,
        env: { ...BEDROCK, AWS_REGION: 'eu-west-1' },
        user: { modelOverrides: { 'claude-opus-5-5': 'user-value' } },
        project: { modelOverrides: { 'claude-opus-5-5': ARN } },
      }),
    );
    expect(c.model.id).toBe('claude-opus-5-5');
    expect(c.model.sent).toMatchObject({ id: ARN, in: 'path', naming: 'override', catalogModel: 'claude-opus-5-5', override: { key: 'claude-opus-5-5' } });
    expect(c.model.sent.override?.source.scope).toBe('project');
    expect(c.model.sent.regionPrefix).toBeUndefined();
    expect(formatEffectiveConfig(c)).toContain(`sent as ${ARN} in the URL path (modelOverrides "claude-opus-5-5" from project settings`);
    const gw = await resolveEffectiveConfig(
      layout({
        interactive: false,
        env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_MODEL: 'Claude-Opus-5-5' },
        user: { modelOverrides: { 'claude-opus-5-5': 'gw-opus' } },
      }),
    );
    expect(gw.model.sent).toMatchObject({ id: 'gw-opus', in: 'body', naming: 'override' });
  });

  it('is not used for an empty or non-string value, a key in another casing or the short name, or a model the release does not know', async () => {
    const at = async (overrides: Record<string, unknown>, env: Record<string, string> = {}, version = '2.1.332'): Promise<string> =>
      (
        await resolveEffectiveConfig(
          layout({ interactive: false, env: { ...BEDROCK, AWS_REGION: 'us-east-1', ...env }, user: { modelOverrides: overrides }, claudeCodeVersion: version }),
        )
      ).model.sent.id;
    expect(await at({ 'claude-opus-5-5': '' })).toBe('us.anthropic.claude-opus-5-5');
    expect(await at({ 'claude-opus-5-5': 42 })).toBe('us.anthropic.claude-opus-5-5');
    expect(await at({ 'Claude-Opus-5-5': ARN })).toBe('us.anthropic.claude-opus-5-5');
    expect(await at({ 'claude-sonnet-4-5': 'x' }, { ANTHROPIC_MODEL: 'sonnet' })).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(await at({ 'claude-sonnet-4-5-20250929': 'x' }, { ANTHROPIC_MODEL: 'sonnet' })).toBe('x');
    expect(await at({ 'claude-opus-5-5': ARN }, { ANTHROPIC_MODEL: 'claude-opus-5-5' }, '2.1.278')).toBe('claude-opus-5-5');
  });
});
