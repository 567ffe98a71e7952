/**
 * Explain(config, name): who decided a value and by which rule, secrets masked.
 */
import { describe, expect, it } from 'vitest';
import { describeSource, explain, maskSecret, resolveEffectiveConfig, type EffectiveConfig, type Platform } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

const SECRET = 'sk-ant-oat01-VERY-SECRET-TOKEN-0123456789';
const SHELL_SECRET = 'shell-secret-token-abcdefghij';

describe('explain an environment variable', () => {
  it.each(['linux', 'darwin', 'win32'] as Platform[])('on %s: winner, overridden list and the rule "settings env beats the shell"', async (platform) => {
    const config = await resolve({
      platform,
      env: { ANTHROPIC_BASE_URL: 'https://shell.example' },
      user: { env: { ANTHROPIC_BASE_URL: 'https://user.example' } },
    });
    const e = explain(config, 'ANTHROPIC_BASE_URL');
    expect(e.kind).toBe('env');
    expect(e.value).toBe('https://user.example');
    expect(e.source).toEqual(config.env['ANTHROPIC_BASE_URL']?.source);
    expect(e.source?.scope).toBe('user');
    expect(e.overridden).toEqual([{ value: 'https://shell.example', source: { scope: 'shell' }, reason: expect.any(String) }]);
    expect(e.rule).toContain('settings env beats the shell');
    expect(e.text).toContain('https://user.example');
    expect(e.text).toContain('https://shell.example');
    expect(e.text).toContain(describeSource(config.env['ANTHROPIC_BASE_URL']?.source ?? { scope: 'shell' }));
  });

  it('vector cred-helper-user-key-shell: a credential variable and the helper each say which header they fill, no value shown', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_API_KEY: SECRET }, user: { apiKeyHelper: 'echo helper' } });
    const key = explain(config, 'ANTHROPIC_API_KEY');
    expect(key.text).toContain('  sent in: x-api-key');
    expect(key.text).not.toContain(SECRET);
    expect(explain(config, 'apiKeyHelper').text).toContain('  sent in: authorization: Bearer');
  });

  it('vector cred-helper-token-key: with both variables set the helper is sent in neither header, and explain says what is', async () => {
    const config = await resolve({
      interactive: false,
      env: { ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: SHELL_SECRET },
      user: { apiKeyHelper: 'echo helper' },
    });
    expect(explain(config, 'ANTHROPIC_AUTH_TOKEN').text).toContain('  sent in: authorization: Bearer');
    expect(explain(config, 'apiKeyHelper').text).toContain(
      '  not sent: authorization: Bearer carries ANTHROPIC_AUTH_TOKEN, x-api-key carries ANTHROPIC_API_KEY',
    );
  });

  it('between files the rule names the level order', async () => {
    const config = await resolve({ trusted: true, user: { env: { A_VAR: 'u' } }, project: { env: { A_VAR: 'p' } } });
    const e = explain(config, 'A_VAR');
    expect(e.value).toBe('p');
    expect(e.overridden.map((o) => [o.value, o.source.scope])).toEqual([['u', 'user']]);
    expect(e.rule).toContain('managed > --settings > local > project > user');
  });

  it('a variable only the shell sets: the shell value applies', async () => {
    const config = await resolve({ env: { ANTHROPIC_MODEL: 'claude-x' } });
    const e = explain(config, 'ANTHROPIC_MODEL');
    expect(e).toMatchObject({ kind: 'env', value: 'claude-x', source: { scope: 'shell' }, overridden: [] });
    expect(e.rule).toContain('shell');
  });

  it("when the files' values are not applied (host-managed), the rule does not claim no file sets it", async () => {
    const config = await resolve({
      env: { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1', ANTHROPIC_BASE_URL: 'https://host.example' },
      user: { env: { ANTHROPIC_BASE_URL: 'https://user.example' } },
    });
    const e = explain(config, 'ANTHROPIC_BASE_URL');
    expect(e.value).toBe('https://host.example');
    expect(e.overridden.map((o) => o.value)).toEqual(['https://user.example']);
    expect(e.rule).not.toContain('no settings file sets it');
    expect(e.rule).toContain('shell');
  });

  it('before 2.0.1 the rule says the shell beat settings env', async () => {
    const config = await resolve({ claudeCodeVersion: '2.0.0', env: { A_VAR: 'shell' }, user: { env: { A_VAR: 'user' } } });
    const e = explain(config, 'A_VAR');
    expect(e.value).toBe('shell');
    expect(e.rule).toContain('before 2.0.1');
  });

  it('a managed winner is explained as managed', async () => {
    const config = await resolve({ managedFile: { env: { A_VAR: 'm' } }, user: { env: { A_VAR: 'u' } } });
    const e = explain(config, 'A_VAR');
    expect(e.source).toMatchObject({ scope: 'managed', origin: 'file' });
    expect(e.rule).toContain('managed settings beat every other source');
  });

  it('a variable set by one file only names that file', async () => {
    const config = await resolve({ user: { env: { A_VAR: 'u' } } });
    const e = explain(config, 'A_VAR');
    expect(e.rule).toContain('user settings');
    expect(e.rule).toContain('/home/user/.claude/settings.json');
  });
});

describe('explain masks secrets', () => {
  it('a credential and its overridden values are masked by default', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: SHELL_SECRET }, user: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } } });
    const e = explain(config, 'ANTHROPIC_AUTH_TOKEN');
    expect(e.value).toBe(maskSecret(SECRET));
    expect(e.overridden[0]?.value).toBe(maskSecret(SHELL_SECRET));
    expect(e.text).not.toContain(SECRET);
    expect(e.text).not.toContain(SHELL_SECRET);
    expect(e.text).not.toContain('VERY-SECRET');
    expect(JSON.stringify(e)).not.toContain(SECRET);
  });

  it('{ showSecrets: true } shows them', async () => {
    const config = await resolve({ env: { ANTHROPIC_AUTH_TOKEN: SHELL_SECRET }, user: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } } });
    const e = explain(config, 'ANTHROPIC_AUTH_TOKEN', { showSecrets: true });
    expect(e.value).toBe(SECRET);
    expect(e.text).toContain(SECRET);
    expect(e.text).toContain(SHELL_SECRET);
  });

  it('custom headers that carry a credential are masked', async () => {
    const config = await resolve({ env: { ANTHROPIC_CUSTOM_HEADERS: `Authorization: Bearer ${SECRET}` } });
    const e = explain(config, 'ANTHROPIC_CUSTOM_HEADERS');
    expect(e.text).not.toContain(SECRET);
  });

  it('a non-secret variable is shown as is', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example' } });
    expect(explain(config, 'ANTHROPIC_BASE_URL').value).toBe('https://gw.example');
  });

  it('explaining the env settings key does not reveal the secrets inside it', async () => {
    const config = await resolve({
      trusted: true,
      user: { env: { ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_BASE_URL: 'https://gw.example' } },
      project: { env: { ANTHROPIC_API_KEY: SHELL_SECRET } },
    });
    const e = explain(config, 'env');
    expect(e.kind).toBe('setting');
    expect(e.text).not.toContain(SECRET);
    expect(e.text).not.toContain(SHELL_SECRET);
    expect(JSON.stringify(e)).not.toContain(SECRET);
    expect(e.text).toContain('https://gw.example');
    const shown = explain(config, 'env', { showSecrets: true });
    expect(shown.text).toContain(SECRET);
  });

  it('a value waiting for trust is explained as pending, masked by default', async () => {
    const config = await resolve({ project: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } } });
    const e = explain(config, 'ANTHROPIC_AUTH_TOKEN');
    expect(e.kind).toBe('env');
    expect(e.value).toBeUndefined();
    expect(e.rule).toContain('trust');
    expect(e.overridden).toEqual([
      { value: maskSecret(SECRET), source: { scope: 'project', path: '/home/user/project/.claude/settings.json' }, reason: expect.any(String) },
    ]);
    expect(e.text).not.toContain(SECRET);
    expect(explain(config, 'ANTHROPIC_AUTH_TOKEN', { showSecrets: true }).text).toContain(SECRET);
  });
});

describe('explain a settings key', () => {
  it('a scalar key: the highest level wins, lower ones are listed', async () => {
    const config = await resolve({ trusted: true, user: { model: 'user-model' }, project: { model: 'project-model' } });
    const e = explain(config, 'model');
    expect(e).toMatchObject({ kind: 'setting', value: '"project-model"', source: { scope: 'project' } });
    expect(e.overridden).toEqual([{ value: '"user-model"', source: { scope: 'user', path: '/home/user/.claude/settings.json' }, reason: expect.any(String) }]);
    expect(e.rule).toContain('highest level');
  });

  it('a pending apiKeyHelper is explained as a setting waiting for trust', async () => {
    const config = await resolve({ project: { apiKeyHelper: '/bin/project-helper' } });
    const e = explain(config, 'apiKeyHelper');
    expect(e.kind).toBe('setting');
    expect(e.rule).toContain('trust');
  });

  it('an unknown name is reported as set by no source', async () => {
    const config = await resolve({});
    expect(explain(config, 'NOPE')).toEqual({
      name: 'NOPE',
      kind: 'unknown',
      overridden: [],
      rule: 'no source sets it',
      text: 'NOPE is not set by any source',
    });
  });
});

describe('describeSource', () => {
  it('names each scope and includes origin and path', () => {
    expect(describeSource({ scope: 'shell' })).toBe('the shell environment');
    expect(describeSource({ scope: 'user', path: '/home/u/.claude/settings.json' })).toBe('user settings (/home/u/.claude/settings.json)');
    expect(describeSource({ scope: 'managed', origin: 'plist' })).toBe('managed settings [plist]');
    expect(describeSource({ scope: 'cli' })).toBe('--settings');
  });
});
