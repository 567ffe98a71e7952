/**
 * The AWS region of Claude Platform on AWS resolves as Bedrock's does — AWS_REGION →
 * AWS_DEFAULT_REGION → the active profile's region (credentials file, then config file) → us-east-1,
 * malformed values counting as unset — and picks the default host of the verification request.
 * The Node side reads real AWS files in temp directories; the request goes to a real server on 127.0.0.1.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildVerificationRequest, resolveEffectiveConfig, verifyGateway, type EffectiveConfig } from '../src/index';
import { awsProfileRegion, isValidAwsRegion, parseAwsIni, resolveAwsRegion } from '../src/core/aws-region';
import { readAwsProfileRegion } from '../src/node/http';
import { layout, type LayoutSpec } from '../src/testing';
import { useGateway } from './helpers/gateway-server';
import { makeTmp, removeTmp, writeFile } from './helpers/tmp';

const CPA = { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01ABCDEFGHIJKLMN', ANTHROPIC_AWS_API_KEY: 'aws-ws-key-0123456789' };
const host = (region: string): string => `https://aws-external-anthropic.${region}.api.aws/v1/messages?beta=true`;

function cpa(env: Record<string, string> = {}, spec: LayoutSpec = {}): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec, env: { ...CPA, ...env } }));
}

describe('the region chain (pure)', () => {
  it('AWS_REGION wins over AWS_DEFAULT_REGION and the profile', () => {
    expect(resolveAwsRegion({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }, 'ca-central-1')).toEqual({
      region: 'eu-west-1',
      from: 'AWS_REGION',
    });
  });

  it('AWS_DEFAULT_REGION when AWS_REGION is unset or empty', () => {
    expect(resolveAwsRegion({ AWS_DEFAULT_REGION: 'ap-south-1' }, 'ca-central-1')).toEqual({ region: 'ap-south-1', from: 'AWS_DEFAULT_REGION' });
    expect(resolveAwsRegion({ AWS_REGION: '', AWS_DEFAULT_REGION: 'ap-south-1' })).toEqual({ region: 'ap-south-1', from: 'AWS_DEFAULT_REGION' });
  });

  it('the profile region when neither variable is set, else us-east-1', () => {
    expect(resolveAwsRegion({}, 'ca-central-1')).toEqual({ region: 'ca-central-1', from: 'profile' });
    expect(resolveAwsRegion({})).toEqual({ region: 'us-east-1', from: 'default' });
  });

  it.each(['eu/west-1', 'eu.west-1', 'eu west-1', ' eu-west-1', 'eu-west-1\n'])('a malformed value (%j) counts as unset at every step', (bad) => {
    expect(isValidAwsRegion(bad)).toBe(false);
    expect(resolveAwsRegion({ AWS_REGION: bad, AWS_DEFAULT_REGION: 'ap-south-1' })).toEqual({ region: 'ap-south-1', from: 'AWS_DEFAULT_REGION' });
    expect(resolveAwsRegion({ AWS_REGION: bad, AWS_DEFAULT_REGION: bad }, 'ca-central-1')).toEqual({ region: 'ca-central-1', from: 'profile' });
    expect(resolveAwsRegion({ AWS_REGION: bad, AWS_DEFAULT_REGION: bad }, bad)).toEqual({ region: 'us-east-1', from: 'default' });
  });

  it('the AWS files: sections, key = value, # and ; comments, nested sub-properties skipped', () => {
    const ini = parseAwsIni(
      '# top\n[default]\nregion = eu-north-1 ; inline\n; note\ns3 =\n  region = nested-1\noutput=json\n[profile  work ]\nregion=us-west-2\n',
    );
    expect(ini['default']).toEqual({ region: 'eu-north-1', output: 'json' });
    expect(ini['profile work']).toEqual({ region: 'us-west-2' });
  });

  it('the profile region: credentials file first, then the config file ([profile NAME]; [default] for default)', () => {
    const credentials = '[default]\naws_access_key_id = AKIA\n[work]\nregion = eu-central-1\n';
    const config = '[default]\nregion = sa-east-1\n[profile work]\nregion = us-west-2\n[other]\nregion = af-south-1\n[profile third]\nregion = me-south-1\n';
    expect(awsProfileRegion('work', credentials, config)).toBe('eu-central-1');
    expect(awsProfileRegion('default', credentials, config)).toBe('sa-east-1');
    expect(awsProfileRegion('default', undefined, '[profile default]\nregion = il-central-1\n')).toBe('il-central-1');
    expect(awsProfileRegion('third', credentials, config)).toBe('me-south-1');
    // In the config file a non-default profile is only `[profile NAME]`.
    expect(awsProfileRegion('other', undefined, config)).toBeUndefined();
    // A malformed region in the credentials file does not hide the config file's.
    expect(awsProfileRegion('work', '[work]\nregion = eu.central.1\n', config)).toBe('us-west-2');
    expect(awsProfileRegion('work', undefined, undefined)).toBeUndefined();
  });
});

describe('the default Claude Platform on AWS host of the verification request', () => {
  it('AWS_REGION → its host', async () => {
    expect(buildVerificationRequest(await cpa({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }), { awsProfileRegion: 'ca-central-1' }).url).toBe(
      host('eu-west-1'),
    );
  });

  it('AWS_DEFAULT_REGION when AWS_REGION is unset (was us-east-1)', async () => {
    expect(buildVerificationRequest(await cpa({ AWS_DEFAULT_REGION: 'ap-south-1' }), { awsProfileRegion: 'ca-central-1' }).url).toBe(host('ap-south-1'));
  });

  it('the profile region when neither variable is set; a malformed AWS_REGION counts as unset', async () => {
    expect(buildVerificationRequest(await cpa(), { awsProfileRegion: 'ca-central-1' }).url).toBe(host('ca-central-1'));
    expect(buildVerificationRequest(await cpa({ AWS_REGION: 'eu.west.1' }), { awsProfileRegion: 'ca-central-1' }).url).toBe(host('ca-central-1'));
  });

  it('nothing set, or only malformed values → us-east-1', async () => {
    expect(buildVerificationRequest(await cpa()).url).toBe(host('us-east-1'));
    expect(buildVerificationRequest(await cpa({ AWS_REGION: 'eu west', AWS_DEFAULT_REGION: 'a/b' }), { awsProfileRegion: 'x.y' }).url).toBe(host('us-east-1'));
  });

  it('ANTHROPIC_AWS_BASE_URL wins over every region', async () => {
    const config = await cpa({ ANTHROPIC_AWS_BASE_URL: 'https://llm-gateway.example.com/anthropic-aws', AWS_REGION: 'eu-west-1' });
    expect(buildVerificationRequest(config, { awsProfileRegion: 'ca-central-1' }).url).toBe(
      'https://llm-gateway.example.com/anthropic-aws/v1/messages?beta=true',
    );
  });
});

describe('the AWS files read by verifyGateway (real files, real server)', () => {
  const gw = useGateway();
  let home: string;

  beforeEach(() => {
    home = makeTmp('cgc-aws-');
  });

  afterEach(() => {
    removeTmp(home);
  });

  /** Real fetch, sent to the local gateway: the report still names the URL Claude Code would use. */
  const toLocal =
    (seen: string[]): typeof fetch =>
    (input, init) => {
      seen.push(String(input));
      return fetch(`${gw.url}/v1/messages`, init);
    };

  it('readAwsProfileRegion: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, AWS_PROFILE, ~/.aws by default', async () => {
    const credentials = writeFile(join(home, 'elsewhere', 'creds'), '[default]\naws_access_key_id = AKIA\n');
    const config = writeFile(join(home, 'elsewhere', 'conf'), '[default]\nregion = eu-north-1\n[profile work]\nregion = us-west-2\n');
    expect(await readAwsProfileRegion({ AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config }, home)).toBe('eu-north-1');
    expect(await readAwsProfileRegion({ AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config, AWS_PROFILE: 'work' }, home)).toBe('us-west-2');
    // Nothing in ~/.aws yet: undefined, no throw.
    expect(await readAwsProfileRegion({}, home)).toBeUndefined();
    writeFile(join(home, '.aws', 'config'), '[default]\nregion = ap-northeast-1\n');
    writeFile(join(home, '.aws', 'credentials'), '[default]\nregion = ap-southeast-2\n');
    expect(await readAwsProfileRegion({}, home)).toBe('ap-southeast-2');
    expect(await readAwsProfileRegion({ AWS_CONFIG_FILE: '~/.aws/config', AWS_SHARED_CREDENTIALS_FILE: join(home, 'missing') }, home)).toBe('ap-northeast-1');
  });

  it('a missing or unreadable AWS file never throws', async () => {
    const dir = join(home, 'a-directory');
    mkdirSync(dir);
    expect(await readAwsProfileRegion({ AWS_CONFIG_FILE: dir, AWS_SHARED_CREDENTIALS_FILE: join(home, 'nope') }, home)).toBeUndefined();
    if (process.getuid?.() !== 0) {
      const locked = writeFile(join(home, 'locked'), '[default]\nregion = eu-west-3\n');
      chmodSync(locked, 0o000);
      expect(await readAwsProfileRegion({ AWS_CONFIG_FILE: locked }, home)).toBeUndefined();
    }
    const seen: string[] = [];
    const report = await verifyGateway(await cpa({ AWS_CONFIG_FILE: dir }), { homeDir: home, fetch: toLocal(seen) });
    expect(report.outcome).toBe('ok');
    expect(seen).toEqual([host('us-east-1')]);
  });

  it('no AWS_REGION: the profile region from AWS_CONFIG_FILE (settings env) picks the host, AWS_PROFILE the section', async () => {
    const config = writeFile(join(home, 'aws-config'), '[default]\nregion = eu-west-3\n[profile work]\nregion = us-west-2\n');
    const seen: string[] = [];
    const first = await verifyGateway(await cpa({}, { user: { env: { AWS_CONFIG_FILE: config } } }), { homeDir: home, fetch: toLocal(seen) });
    const second = await verifyGateway(await cpa({ AWS_CONFIG_FILE: config, AWS_PROFILE: 'work' }), { homeDir: home, fetch: toLocal(seen) });
    expect(first.outcome).toBe('ok');
    expect(first.request.url).toBe(host('eu-west-3'));
    expect(second.request.url).toBe(host('us-west-2'));
    expect(seen).toEqual([host('eu-west-3'), host('us-west-2')]);
    expect(gw.requests).toHaveLength(2);
  });

  it('the credentials file beats the config file; AWS_REGION / AWS_DEFAULT_REGION beat both', async () => {
    writeFile(join(home, '.aws', 'config'), '[default]\nregion = eu-west-3\n');
    writeFile(join(home, '.aws', 'credentials'), '[default]\nregion = eu-south-1\n');
    const seen: string[] = [];
    await verifyGateway(await cpa(), { homeDir: home, fetch: toLocal(seen) });
    await verifyGateway(await cpa({ AWS_DEFAULT_REGION: 'ap-south-1' }), { homeDir: home, fetch: toLocal(seen) });
    await verifyGateway(await cpa({ AWS_REGION: 'eu.bad', AWS_DEFAULT_REGION: 'ca-central-1' }), { homeDir: home, fetch: toLocal(seen) });
    expect(seen).toEqual([host('eu-south-1'), host('ap-south-1'), host('ca-central-1')]);
  });

  it('ANTHROPIC_AWS_BASE_URL still wins over the AWS files', async () => {
    writeFile(join(home, '.aws', 'config'), '[default]\nregion = eu-west-3\n');
    const config = writeFile(join(home, 'aws-config'), '[default]\nregion = us-west-2\n');
    const report = await verifyGateway(await cpa({ ANTHROPIC_AWS_BASE_URL: gw.url, AWS_CONFIG_FILE: config }), { homeDir: home });
    expect(report.outcome).toBe('ok');
    expect(report.request.url).toBe(`${gw.url}/v1/messages?beta=true`);
    expect(gw.requests).toHaveLength(1);
    expect(gw.requests[0]?.url).toBe('/v1/messages?beta=true');
    expect(gw.requests[0]?.headers['anthropic-workspace-id']).toBe('wrkspc_01ABCDEFGHIJKLMN');
  });
});
