/**
 * Boolean parsing of the provider switches, which provider is used, and its endpoint.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDER_LABELS, PROVIDER_ORDER, resolveEffectiveConfig, truth, type EffectiveConfig, type Platform, type CloudProvider } from '../src/index';
import { PROVIDER_SWITCHES } from '../src/core/variables';
import { layout, type LayoutSpec } from '../src/testing';
import { loadConformanceVectors } from '../src/conformance/index';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

describe('truthiness', () => {
  it.each(['1', 'true', 'TRUE', 'True', ' 1 '])('%j switches a provider on', async (value) => {
    expect(truth('CLAUDE_CODE_USE_BEDROCK', value)).toBe('on');
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: value } });
    expect(config.provider).toBe('bedrock');
  });

  it.each(['0', 'false', 'FALSE'])('%j is off', async (value) => {
    expect(truth('CLAUDE_CODE_USE_BEDROCK', value)).toBe('off');
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: value } });
    expect(config.provider).toBe('anthropic');
    expect(codes(config)).not.toContain('env-invalid-boolean');
  });

  it('an empty value is unset', async () => {
    expect(truth('CLAUDE_CODE_USE_VERTEX', '')).toBe('unset');
    expect(truth('CLAUDE_CODE_USE_VERTEX', undefined)).toBe('unset');
    const config = await resolve({ env: { CLAUDE_CODE_USE_VERTEX: '' } });
    expect(config.provider).toBe('anthropic');
    expect(codes(config)).not.toContain('env-invalid-boolean');
  });

  it.each(['yes', 'on', 'YES', ' On '])(
    '%j switches a provider on, as the binary does (vectors provider-bedrock-switch-yes, provider-bedrock-switch-on, provider-vertex-switch-yes)',
    async (value) => {
      expect(truth('CLAUDE_CODE_USE_BEDROCK', value)).toBe('on');
      const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: value } });
      expect(config.provider).toBe('bedrock');
      expect(codes(config)).not.toContain('env-invalid-boolean');
    },
  );

  it('"yes" skips provider auth too (vector provider-bedrock-skip-auth-yes)', () => {
    expect(truth('CLAUDE_CODE_SKIP_BEDROCK_AUTH', 'yes')).toBe('on');
  });

  it.each(['no', 'enabled', '2'])('%j is not on and is reported (env-invalid-boolean; vector provider-bedrock-switch-no)', async (value) => {
    expect(truth('CLAUDE_CODE_USE_BEDROCK', value)).toBe('unrecognised');
    const config = await resolve({ user: { env: { CLAUDE_CODE_USE_BEDROCK: value } } });
    expect(config.provider).toBe('anthropic');
    const d = config.diagnostics.find((x) => x.code === 'env-invalid-boolean');
    expect(d).toMatchObject({ severity: 'warning', scope: 'user', path: '/home/user/.claude/settings.json' });
  });

  it('the any-value variables are on for every non-empty value, 0 and false included', () => {
    for (const name of [
      'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
      'DISABLE_TELEMETRY',
      'DISABLE_ERROR_REPORTING',
      'CLAUDE_CODE_TMUX_TRUECOLOR',
      'FALLBACK_FOR_ALL_PRIMARY_MODELS',
      'IS_DEMO',
    ]) {
      expect(truth(name, '0'), name).toBe('on');
      expect(truth(name, 'false'), name).toBe('on');
      expect(truth(name, ''), name).toBe('unset');
    }
  });
});

describe('which provider', () => {
  it('the order seen in the binary: bedrock > foundry > anthropic-aws > mantle > vertex (vectors provider-*-and-*)', () => {
    expect(PROVIDER_ORDER).toEqual(['bedrock', 'foundry', 'anthropic-aws', 'mantle', 'vertex']);
  });

  it.each([
    [{ CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_FOUNDRY: '1' }, 'foundry', 'provider-vertex-and-foundry'],
    [{ CLAUDE_CODE_USE_VERTEX: '1', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' }, 'anthropic-aws', 'provider-anthropic-aws-and-vertex'],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_FOUNDRY: '1' }, 'bedrock', 'provider-bedrock-and-foundry'],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_VERTEX: '1' }, 'bedrock', 'provider-bedrock-and-vertex'],
    [{ CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' }, 'bedrock', 'provider-anthropic-aws-and-bedrock'],
    [{ CLAUDE_CODE_USE_FOUNDRY: '1', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' }, 'foundry', 'provider-foundry-and-anthropic-aws'],
    [{ CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_USE_FOUNDRY: '1' }, 'foundry', 'provider-mantle-and-foundry'],
    [{ CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' }, 'anthropic-aws', 'provider-mantle-and-anthropic-aws'],
    [{ CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_USE_VERTEX: '1' }, 'mantle', 'provider-mantle-and-vertex'],
  ] as [Record<string, string>, string, string][])('%j selects %s (vector %s)', async (env, provider, _vector) => {
    const config = await resolve({ env });
    expect(config.provider).toBe(provider);
    const d = config.diagnostics.find((x) => x.code === 'provider-multiple');
    const switches = Object.keys(env);
    expect(d?.args).toEqual({
      switches: expect.arrayContaining(switches),
      used: config.providerLabel,
      unset: switches.filter((k) => k !== PROVIDER_SWITCHES[provider as CloudProvider]),
    });
  });

  describe('Claude Platform on Google Cloud, which the library does not model', () => {
    const GOOGLE = 'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD';
    const notModelled = (config: EffectiveConfig) => config.diagnostics.filter((d) => d.code === 'provider-not-modelled');

    it('the binary sends to its own endpoint, not to ANTHROPIC_BASE_URL beside it (vector provider-anthropic-google-cloud-skip-auth)', () => {
      const vector = loadConformanceVectors().find((v) => v.id === 'provider-anthropic-google-cloud-skip-auth');
      expect(vector?.layout.env?.[GOOGLE]).toBe('1');
      for (const version of ['2.1.236', '2.1.332']) {
        const paths = (vector?.recorded?.[version]?.requests ?? []).map((r) => r.path);
        expect(paths.length, version).toBeGreaterThan(0);
        for (const path of paths) expect(path, version).toMatch(/^\/gcp\//);
      }
    });

    it.each([
      [{}, 'Anthropic'],
      [{ CLAUDE_CODE_USE_VERTEX: '1' }, 'Google Vertex AI'],
      [{ CLAUDE_CODE_USE_MANTLE: '1' }, 'Amazon Bedrock (Mantle)'],
    ] as [Record<string, string>, string][])('on with %j: a warning that names the switch, its file and what is shown instead (%s)', async (others, shown) => {
      const config = await resolve({ env: others, user: { env: { [GOOGLE]: '1', ANTHROPIC_GOOGLE_CLOUD_BASE_URL: 'https://gw.example.com/gcp' } } });
      const [d, ...rest] = notModelled(config);
      expect(rest).toEqual([]);
      expect(d?.severity).toBe('warning');
      expect(d?.args).toEqual({
        variable: GOOGLE,
        provider: 'Claude Platform on Google Cloud',
        endpoint: 'ANTHROPIC_GOOGLE_CLOUD_BASE_URL',
        shown,
        differs: 'endpoint',
      });
      expect(d?.scope).toBe('user');
      expect(d?.message).toContain(`not to the ${shown} endpoint`);
      expect(config.providerLabel).toBe(shown);
    });

    it.each([['CLAUDE_CODE_USE_BEDROCK'], ['CLAUDE_CODE_USE_FOUNDRY'], ['CLAUDE_CODE_USE_ANTHROPIC_AWS']])('outranked by %s: no warning', async (higher) => {
      const config = await resolve({ env: { [GOOGLE]: '1', [higher]: '1' } });
      expect(notModelled(config)).toEqual([]);
    });

    it.each([['0'], ['false'], ['']])('switched off (%j): no warning', async (value) => {
      expect(notModelled(await resolve({ env: { [GOOGLE]: value } }))).toEqual([]);
    });
  });

  describe("Claude Code's cloud gateway provider (CLAUDE_CODE_USE_GATEWAY), which the library does not model", () => {
    it("the binary sends to the same address with the same token, and asks for the provider's own default model (vector provider-use-gateway-token)", async () => {
      const vector = loadConformanceVectors().find((v) => v.id === 'provider-use-gateway-token');
      const env = { ...vector?.layout.env, ANTHROPIC_BASE_URL: 'https://gw.example.com' };
      const config = await resolve({ env });
      for (const version of ['2.1.236', '2.1.332']) {
        const [request, ...more] = vector?.recorded?.[version]?.requests ?? [];
        expect(more, version).toEqual([]);
        expect(request?.path, version).toBe('/v1/messages?beta=true');
        expect(request?.headers['authorization'], version).toBe('Bearer tok-gw-1');
        // Not the first-party default the library predicts: the difference the warning names.
        expect(request?.model, version).toBe('claude-opus-4-7');
        const predicted = await resolve({ env, claudeCodeVersion: version });
        expect(predicted.model.id, version).not.toBe(request?.model);
      }
      const [d, ...rest] = config.diagnostics.filter((x) => x.code === 'provider-not-modelled');
      expect(rest).toEqual([]);
      expect(d?.args).toEqual({
        variable: 'CLAUDE_CODE_USE_GATEWAY',
        provider: 'its cloud gateway provider',
        endpoint: 'ANTHROPIC_BASE_URL',
        shown: 'Anthropic',
        differs: 'model',
      });
      expect(d?.message).toContain('the model shown may not be the one sent');
      expect(config.baseUrl?.value).toBe('https://gw.example.com');
    });
  });

  it.each([
    ['CLAUDE_CODE_USE_BEDROCK', 'bedrock', 'Amazon Bedrock'],
    ['CLAUDE_CODE_USE_MANTLE', 'mantle', 'Amazon Bedrock (Mantle)'],
    ['CLAUDE_CODE_USE_VERTEX', 'vertex', 'Google Vertex AI'],
    ['CLAUDE_CODE_USE_FOUNDRY', 'foundry', 'Microsoft Foundry'],
    ['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'anthropic-aws', 'Claude Platform on AWS'],
  ])('%s selects %s, labelled %j', async (name, provider, label) => {
    const config = await resolve({ env: { [name]: '1' } });
    expect(config.provider).toBe(provider);
    expect(config.providers).toEqual([provider]);
    expect(config.providerLabel).toBe(label);
    expect(PROVIDER_LABELS[config.provider]).toBe(label);
    expect(codes(config)).not.toContain('provider-multiple');
  });

  it('no switch: the Anthropic API', async () => {
    const config = await resolve({});
    expect(config).toMatchObject({ provider: 'anthropic', providers: ['anthropic'], providerLabel: 'Anthropic' });
  });

  it.each([
    [['CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_BEDROCK'], 'bedrock'],
    [['CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_VERTEX'], 'foundry'],
    [['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_VERTEX'], 'anthropic-aws'],
    [['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_FOUNDRY'], 'foundry'],
    [['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_BEDROCK'], 'bedrock'],
    [['CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_VERTEX'], 'mantle'],
  ])('%j together: %s is used, with provider-multiple', async (names, provider) => {
    const config = await resolve({ env: Object.fromEntries(names.map((n) => [n, '1'])) });
    expect(config.provider).toBe(provider);
    expect(config.providers).toEqual([provider]);
    expect(config.diagnostics.filter((d) => d.code === 'provider-multiple')).toHaveLength(1);
  });

  it('Bedrock and Mantle together run side by side, without provider-multiple', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_MANTLE: 'true' } });
    expect(config.provider).toBe('bedrock');
    expect(config.providers).toEqual(['bedrock', 'mantle']);
    expect(config.providerLabel).toBe('Amazon Bedrock + Amazon Bedrock (Mantle)');
    expect(codes(config)).not.toContain('provider-multiple');
  });

  it('Bedrock + Mantle + Vertex: Bedrock and Mantle, with provider-multiple for Vertex', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_MANTLE: '1', CLAUDE_CODE_USE_VERTEX: '1' } });
    expect(config.providers).toEqual(['bedrock', 'mantle']);
    expect(codes(config)).toContain('provider-multiple');
  });

  it('the switch may come from a settings file; "0" in a higher file switches it off', async () => {
    const fromFile = await resolve({ user: { env: { CLAUDE_CODE_USE_VERTEX: '1' } } });
    expect(fromFile.provider).toBe('vertex');
    const off = await resolve({ env: { CLAUDE_CODE_USE_VERTEX: '1' }, settingsFlag: '{"env":{"CLAUDE_CODE_USE_VERTEX":"0"}}' });
    expect(off.provider).toBe('anthropic');
  });

  it('Foundry needs 2.0.45 (provider-unsupported-version before)', async () => {
    const old = await resolve({ claudeCodeVersion: '2.0.44', env: { CLAUDE_CODE_USE_FOUNDRY: '1' } });
    expect(old.provider).toBe('anthropic');
    expect(codes(old)).toContain('provider-unsupported-version');
    const current = await resolve({ claudeCodeVersion: '2.0.45', env: { CLAUDE_CODE_USE_FOUNDRY: '1' } });
    expect(current.provider).toBe('foundry');
    expect(codes(current)).not.toContain('provider-unsupported-version');
  });

  it('Mantle needs 2.1.94 (provider-unsupported-version before)', async () => {
    const old = await resolve({ claudeCodeVersion: '2.1.93', env: { CLAUDE_CODE_USE_MANTLE: '1' } });
    expect(old.provider).toBe('anthropic');
    expect(codes(old)).toContain('provider-unsupported-version');
    const current = await resolve({ claudeCodeVersion: '2.1.94', env: { CLAUDE_CODE_USE_MANTLE: '1' } });
    expect(current.provider).toBe('mantle');
  });

  it('before 2.1.94 Bedrock + Mantle is Bedrock alone', async () => {
    const config = await resolve({ claudeCodeVersion: '2.1.93', env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_MANTLE: '1' } });
    expect(config.providers).toEqual(['bedrock']);
    expect(config.providerLabel).toBe('Amazon Bedrock');
  });

  it('before 2.0.45 Foundry + Claude Platform on AWS: the AWS platform is used alone', async () => {
    const config = await resolve({ claudeCodeVersion: '2.0.44', env: { CLAUDE_CODE_USE_FOUNDRY: '1', CLAUDE_CODE_USE_ANTHROPIC_AWS: '1' } });
    expect(config.provider).toBe('anthropic-aws');
    expect(codes(config)).not.toContain('provider-multiple');
  });
});

describe('the endpoint of the provider in use', () => {
  it.each([
    ['CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_BEDROCK_BASE_URL'],
    ['CLAUDE_CODE_USE_MANTLE', 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL'],
    ['CLAUDE_CODE_USE_VERTEX', 'ANTHROPIC_VERTEX_BASE_URL'],
    ['CLAUDE_CODE_USE_FOUNDRY', 'ANTHROPIC_FOUNDRY_BASE_URL'],
    ['CLAUDE_CODE_USE_ANTHROPIC_AWS', 'ANTHROPIC_AWS_BASE_URL'],
  ])('with %s the base URL is %s, not ANTHROPIC_BASE_URL', async (use, endpoint) => {
    const config = await resolve({
      env: { [use]: '1', ANTHROPIC_BASE_URL: 'https://anthropic-gw.example' },
      user: { env: { [endpoint]: 'https://llm-gateway.example.com/provider' } },
    });
    expect(config.baseUrl?.name).toBe(endpoint);
    expect(config.baseUrl?.value).toBe('https://llm-gateway.example.com/provider');
    expect(config.baseUrl?.source.scope).toBe('user');
  });

  it('with a provider and no endpoint variable there is no baseUrl', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_BASE_URL: 'https://anthropic-gw.example' } });
    expect(config.baseUrl).toBeUndefined();
  });

  it('Bedrock + Mantle: the Bedrock endpoint is reported', async () => {
    const config = await resolve({
      env: {
        CLAUDE_CODE_USE_BEDROCK: '1',
        CLAUDE_CODE_USE_MANTLE: '1',
        ANTHROPIC_BEDROCK_BASE_URL: 'https://b',
        ANTHROPIC_BEDROCK_MANTLE_BASE_URL: 'https://m',
      },
    });
    expect(config.baseUrl?.value).toBe('https://b');
  });

  it.each(['linux', 'darwin', 'win32'] as Platform[])('on %s ANTHROPIC_BASE_URL is the Anthropic endpoint', async (platform) => {
    const config = await resolve({ platform, user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example' } } });
    expect(config.provider).toBe('anthropic');
    expect(config.baseUrl).toMatchObject({ name: 'ANTHROPIC_BASE_URL', value: 'https://gw.example', source: { scope: 'user' } });
  });
});
