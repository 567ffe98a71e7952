/**
 * The options of resolveEffectiveConfig: validation (ConfigError INVALID_OPTIONS) and purity (: the
 * shell environment is read, never written).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, LATEST_MODELLED_VERSION, resolveEffectiveConfig, type ResolveOptions } from '../src/index';
import { createMemoryFs, layout } from '../src/testing';

async function rejection(options: unknown): Promise<ConfigError> {
  try {
    await resolveEffectiveConfig(options as ResolveOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('resolveEffectiveConfig did not reject');
}

const base = (): ResolveOptions => ({ fs: createMemoryFs(), homeDir: '/home/user', cwd: '/home/user/project', platform: 'linux', env: {} });

describe('options validation', () => {
  it.each([
    ['', 'a platform that is not linux, darwin or win32', { platform: 'freebsd' }],
    ['', 'a --setting-sources entry that is not user, project or local', { settingSources: ['user', 'managed'] }],
    ['', 'a --setting-sources that is not a list', { settingSources: 'user,project' }],
    ['', 'an fs without methods', { fs: {} }],
    ['', 'an fs missing readdir', { fs: { readFile: async () => '', stat: async () => undefined } }],
    ['', 'an env with a non-string value', { env: { A: 1 } }],
    ['', 'an empty cwd', { cwd: '' }],
    ['', 'a non-boolean interactive', { interactive: 'yes' }],
    ['', 'a negative uid', { uid: -1 }],
    ['', 'an unknown managed channel', { managed: { gpo: {} } }],
  ])('%s %s throws ConfigError INVALID_OPTIONS', async (_section, _what, bad) => {
    const error = await rejection({ ...base(), ...bad });
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.name).toBe('ConfigError');
  });

  it('a malformed claudeCodeVersion throws ConfigError INVALID_VERSION', async () => {
    const error = await rejection({ ...base(), claudeCodeVersion: 'latest' });
    expect(error.code).toBe('INVALID_VERSION');
  });

  it('valid options resolve, modelling the newest version (2.1.332) by default', async () => {
    const config = await resolveEffectiveConfig(base());
    expect(config.claudeCodeVersion).toBe(LATEST_MODELLED_VERSION);
    expect(LATEST_MODELLED_VERSION).toBe('2.1.332');
    expect(config.trust.interactive).toBe(true);
  });

  it('a version with a v prefix or a suffix is accepted', async () => {
    const config = await resolveEffectiveConfig({ ...base(), claudeCodeVersion: 'v2.0.0' });
    expect(config.claudeCodeVersion).toBe('v2.0.0');
  });

  it('settingSources [] is valid', async () => {
    const config = await resolveEffectiveConfig({ ...base(), settingSources: [] });
    expect(
      config.sources
        .filter((s) => s.status === 'excluded')
        .map((s) => s.scope)
        .sort(),
    ).toEqual(['local', 'project', 'user']);
  });
});

describe("the caller's env is never mutated", () => {
  it('resolving with settings env that overrides the shell leaves the env object untouched', async () => {
    const env = { ANTHROPIC_BASE_URL: 'https://shell.example', PATH: '/usr/bin' };
    const before = structuredClone(env);
    const l = layout({
      user: { env: { ANTHROPIC_BASE_URL: 'https://user.example', NEW_VAR: 'x' } },
      settingsFlag: '{"env":{"PATH":"/evil"}}',
      managedFile: { env: { MANAGED: '1' } },
    });
    const config = await resolveEffectiveConfig({ ...l, env });
    expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe('https://user.example');
    expect(config.env['PATH']?.value).toBe('/evil');
    expect(env).toEqual(before);
    expect(Object.keys(env)).toEqual(['ANTHROPIC_BASE_URL', 'PATH']);
  });

  it('a frozen env object is accepted (nothing writes to it)', async () => {
    const env = Object.freeze({ ANTHROPIC_AUTH_TOKEN: 'tok', CLAUDE_CODE_USE_BEDROCK: '1' });
    const l = layout({ user: { env: { CLAUDE_CODE_USE_BEDROCK: '' } } });
    const config = await resolveEffectiveConfig({ ...l, env });
    expect(config.provider).toBe('anthropic');
    expect(env).toEqual({ ANTHROPIC_AUTH_TOKEN: 'tok', CLAUDE_CODE_USE_BEDROCK: '1' });
  });

  it('the layout env is not mutated either, and two resolutions give the same result', async () => {
    const l = layout({ env: { A_VAR: 'shell' }, user: { env: { A_VAR: 'user' } } });
    const first = await resolveEffectiveConfig(l);
    const second = await resolveEffectiveConfig(l);
    expect(l.env).toEqual({ A_VAR: 'shell' });
    expect(second).toEqual(first);
  });

  it('the options object itself is not mutated', async () => {
    const options = base();
    const snapshot = { ...options, env: { ...options.env } };
    await resolveEffectiveConfig(options);
    expect(options).toEqual(snapshot);
  });
});
