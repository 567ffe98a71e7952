/**
 * Keys whose scope is restricted: a key set where Claude Code does not read it is left out of the
 * merged settings, with a located warning; the file's own view in `sources` keeps it.
 */
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type Diagnostic, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { KEY_SCOPES, keyAppliesFrom, withoutOutOfScopeKeys } from '../src/core/key-scopes';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec }));
}

function outOfScope(config: EffectiveConfig): Diagnostic[] {
  return config.diagnostics.filter((d) => d.code === 'settings-key-out-of-scope');
}

describe('the scope table', () => {
  it('every label of the settings reference applies from exactly the scopes it names', () => {
    const from = (k: Parameters<typeof keyAppliesFrom>[0]): string[] =>
      (['managed', 'cli', 'local', 'project', 'user'] as const).filter((s) => keyAppliesFrom(k, s));
    expect(from('managed')).toEqual(['managed']);
    expect(from('user-or-managed')).toEqual(['managed', 'cli', 'user']);
    expect(from('user-local-or-managed')).toEqual(['managed', 'cli', 'local', 'user']);
    expect(from('global-config')).toEqual([]);
  });

  it('the gateway-relevant keys are where the reference puts them (and apiKeyHelper, env, forceLoginMethod are not restricted)', () => {
    expect(KEY_SCOPES.get('forceLoginGatewayUrl')).toBe('managed');
    expect(KEY_SCOPES.get('policyHelper')).toBe('managed');
    expect(KEY_SCOPES.get('wslInheritsWindowsSettings')).toBe('managed');
    expect(KEY_SCOPES.get('processWrapper')).toBe('user-or-managed');
    expect(KEY_SCOPES.get('autoConnectIde')).toBe('global-config');
    for (const free of ['apiKeyHelper', 'env', 'forceLoginMethod', 'forceLoginOrgUUID', 'awsAuthRefresh', 'otelHeadersHelper'])
      expect(KEY_SCOPES.has(free), free).toBe(false);
  });

  it('removing a nested key copies the objects on its way and leaves the input alone', () => {
    const input = { sandbox: { bwrapPath: '/usr/bin/bwrap', network: { allowedDomains: ['a.example'] } }, model: 'opus' };
    const before = JSON.stringify(input);
    const r = withoutOutOfScopeKeys(input, 'user');
    expect(r.settings).toEqual({ sandbox: { network: { allowedDomains: ['a.example'] } }, model: 'opus' });
    expect(r.removed.map((x) => x.path.join('.'))).toEqual(['sandbox.bwrapPath']);
    expect(JSON.stringify(input)).toBe(before);
    // Nothing restricted: the very same object back.
    const plain = { model: 'opus', env: { A: '1' } };
    expect(withoutOutOfScopeKeys(plain, 'project').settings).toBe(plain);
  });
});

describe('restricted keys through resolveEffectiveConfig', () => {
  it('a managed-only key in user settings does not apply; from the managed file it does', async () => {
    const userOnly = await resolve({ user: { forceLoginGatewayUrl: 'https://gw.example.com', model: 'opus' } });
    expect(userOnly.settings['forceLoginGatewayUrl']).toBeUndefined();
    expect(userOnly.keys['forceLoginGatewayUrl']).toBeUndefined();
    expect(userOnly.settings['model']).toBe('opus');
    const [d] = outOfScope(userOnly);
    // The layout kit writes JSON with two-space indentation: the key stands on line 2, column 3.
    expect(d).toMatchObject({ severity: 'warning', scope: 'user', path: '/home/user/.claude/settings.json', line: 2, column: 3 });
    expect(d?.args).toEqual({ key: 'forceLoginGatewayUrl', scope: 'user', appliesFrom: 'managed' });
    // The file's own view still shows what it holds.
    expect(userOnly.sources.find((s) => s.scope === 'user')?.settings?.['forceLoginGatewayUrl']).toBe('https://gw.example.com');

    const managed = await resolve({ managedFile: { forceLoginGatewayUrl: 'https://gw.example.com' } });
    expect(managed.settings['forceLoginGatewayUrl']).toBe('https://gw.example.com');
    expect(outOfScope(managed)).toEqual([]);
  });

  it('a user-or-managed key (processWrapper) applies from user settings and --settings, not from project or local', async () => {
    const wrapper = { processWrapper: '/usr/local/bin/wrap' };
    expect((await resolve({ user: wrapper })).settings['processWrapper']).toBe('/usr/local/bin/wrap');
    expect((await resolve({ settingsFlag: JSON.stringify(wrapper) })).settings['processWrapper']).toBe('/usr/local/bin/wrap');
    for (const where of ['project', 'local'] as const) {
      const c = await resolve({ git: true, [where]: wrapper });
      expect(c.settings['processWrapper'], where).toBeUndefined();
      expect(outOfScope(c).map((d) => d.scope)).toEqual([where]);
    }
  });

  it('a lower scope that may set the key still wins over a higher one that may not', async () => {
    const c = await resolve({ user: { processWrapper: '/user/wrap' }, project: { processWrapper: '/project/wrap' } });
    expect(c.keys['processWrapper']?.value).toBe('/user/wrap');
    expect(c.keys['processWrapper']?.source.scope).toBe('user');
  });

  it('a user-local-or-managed key applies from local settings but not from the shared project file', async () => {
    const key = { useAutoModeDuringPlan: false };
    expect((await resolve({ git: true, local: key })).settings['useAutoModeDuringPlan']).toBe(false);
    const project = await resolve({ project: key });
    expect(project.settings['useAutoModeDuringPlan']).toBeUndefined();
    expect(outOfScope(project)[0]?.args).toEqual({ key: 'useAutoModeDuringPlan', scope: 'project', appliesFrom: 'user-local-or-managed' });
  });

  it('--settings may not set managed-only keys (requiredMinimumVersion, parentSettingsBehavior)', async () => {
    const c = await resolve({ settingsFlag: JSON.stringify({ requiredMinimumVersion: '2.1.200', parentSettingsBehavior: 'merge', model: 'opus' }) });
    expect(c.settings['requiredMinimumVersion']).toBeUndefined();
    expect(c.settings['parentSettingsBehavior']).toBeUndefined();
    expect(c.settings['model']).toBe('opus');
    expect(
      outOfScope(c)
        .map((d) => d.args)
        .sort((a, b) => String(a?.['key']).localeCompare(String(b?.['key']))),
    ).toEqual([
      { key: 'parentSettingsBehavior', scope: 'cli', appliesFrom: 'managed' },
      { key: 'requiredMinimumVersion', scope: 'cli', appliesFrom: 'managed' },
    ]);
  });

  it('global-config keys never apply from a settings file, managed included', async () => {
    const c = await resolve({ project: { autoConnectIde: true }, managedFile: { diffTool: 'auto', model: 'opus' } });
    expect(c.settings['autoConnectIde']).toBeUndefined();
    expect(c.settings['diffTool']).toBeUndefined();
    expect(c.settings['model']).toBe('opus');
    const found = outOfScope(c);
    expect(found.map((d) => d.scope).sort()).toEqual(['managed', 'project']);
    expect(found.find((d) => d.scope === 'managed')?.path).toBe('/etc/claude-code/managed-settings.json');
  });

  it('forceLoginGatewayUrl and wslInheritsWindowsSettings are not read from server-managed settings; forceLoginGatewayUrl and policyHelper not from HKCU', async () => {
    const remote = await resolve({ managed: { remote: { forceLoginGatewayUrl: 'https://gw.example.com', wslInheritsWindowsSettings: true, model: 'opus' } } });
    expect(remote.managedOrigin).toBe('remote');
    expect(remote.settings['forceLoginGatewayUrl']).toBeUndefined();
    expect(remote.settings['wslInheritsWindowsSettings']).toBeUndefined();
    expect(remote.settings['model']).toBe('opus');
    expect(outOfScope(remote).map((d) => d.args)).toContainEqual({ key: 'forceLoginGatewayUrl', scope: 'managed', channel: 'remote' });

    const hkcu = await resolve({
      platform: 'win32',
      managed: { hkcu: { forceLoginGatewayUrl: 'https://gw.example.com', policyHelper: { path: 'C:\\p.exe' }, model: 'opus' } },
    });
    expect(hkcu.managedOrigin).toBe('HKCU');
    expect(hkcu.settings['forceLoginGatewayUrl']).toBeUndefined();
    expect(hkcu.settings['policyHelper']).toBeUndefined();
    expect(outOfScope(hkcu)).toHaveLength(2);

    const hklm = await resolve({ platform: 'win32', managed: { hklm: { forceLoginGatewayUrl: 'https://gw.example.com' } } });
    expect(hklm.settings['forceLoginGatewayUrl']).toBe('https://gw.example.com');
  });

  it('nested restricted keys (sandbox.bwrapPath) leave their siblings in place', async () => {
    const c = await resolve({ user: { sandbox: { bwrapPath: '/opt/bwrap', enabled: true } } });
    expect(c.settings['sandbox']).toEqual({ enabled: true });
    expect(outOfScope(c)[0]?.args).toEqual({ key: 'sandbox.bwrapPath', scope: 'user', appliesFrom: 'managed' });
  });
});
