/**
 * Where the managed tier is read on each platform: Linux, macOS, Windows (with the legacy
 * C:\ProgramData path) and WSL with `wslInheritsWindowsSettings`.
 */
import { describe, expect, it } from 'vitest';
import { MANAGED_DIRS, managedFileLocations, resolveEffectiveConfig } from '../src/index';
import type { EffectiveConfig, Platform, SourceInfo } from '../src/index';
import { layout } from '../src/testing';
import type { LayoutSpec } from '../src/testing';
import { wslWindowsManagedLocation } from '../src/core/locations';

const LINUX_FILE = '/etc/claude-code/managed-settings.json';
const MAC_FILE = '/Library/Application Support/ClaudeCode/managed-settings.json';
const WIN_FILE = 'C:\\Program Files\\ClaudeCode\\managed-settings.json';
const WIN_DROP_IN_DIR = 'C:\\Program Files\\ClaudeCode\\managed-settings.d';
const LEGACY_FILE = 'C:\\ProgramData\\ClaudeCode\\managed-settings.json';
const LEGACY_DROP_IN_DIR = 'C:\\ProgramData\\ClaudeCode\\managed-settings.d';
const X86_FILE = 'C:\\Program Files (x86)\\ClaudeCode\\managed-settings.json';
const WSL_WIN_DIR = '/mnt/c/Program Files/ClaudeCode';
const WSL_WIN_FILE = `${WSL_WIN_DIR}/managed-settings.json`;
const WSL_WIN_DROP_IN_DIR = `${WSL_WIN_DIR}/managed-settings.d`;
const HKLM_LABEL = 'HKLM\\SOFTWARE\\Policies\\ClaudeCode\\Settings';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

function managedPaths(config: EffectiveConfig): (string | undefined)[] {
  return config.sources.filter((s) => s.scope === 'managed').map((s) => s.path);
}

function sourceAt(config: EffectiveConfig, path: string): SourceInfo | undefined {
  return config.sources.find((s) => s.path === path);
}

function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code);
}

describe('managed file locations per platform', () => {
  it('MANAGED_DIRS names the fixed OS directories', () => {
    expect(MANAGED_DIRS).toEqual({
      darwin: '/Library/Application Support/ClaudeCode',
      linux: '/etc/claude-code',
      win32: 'C:\\Program Files\\ClaudeCode',
      win32Legacy: 'C:\\ProgramData\\ClaudeCode',
    });
  });

  it('linux reads /etc/claude-code/managed-settings.json and managed-settings.d', async () => {
    const config = await resolve({ platform: 'linux', managedFile: { model: 'linux-managed' }, dropIns: { '10-a.json': { outputStyle: 'x' } } });
    expect(config.settings['model']).toBe('linux-managed');
    expect(sourceAt(config, LINUX_FILE)?.status).toBe('loaded');
    expect(sourceAt(config, '/etc/claude-code/managed-settings.d/10-a.json')?.status).toBe('loaded');
    expect(config.keys['model']?.source).toMatchObject({ scope: 'managed', origin: 'file' });
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
  });

  it('macOS reads /Library/Application Support/ClaudeCode/managed-settings.json', async () => {
    const config = await resolve({ platform: 'darwin', managedFile: { model: 'mac-managed' } });
    expect(config.settings['model']).toBe('mac-managed');
    expect(sourceAt(config, MAC_FILE)?.status).toBe('loaded');
    expect(managedPaths(config)).not.toContain(LINUX_FILE);
  });

  it('Windows reads C:\\Program Files\\ClaudeCode\\managed-settings.json and its managed-settings.d', async () => {
    const config = await resolve({ platform: 'win32', managedFile: { model: 'win-managed' }, dropIns: { '10-a.json': { outputStyle: 'x' } } });
    expect(config.settings['model']).toBe('win-managed');
    expect(config.settings['outputStyle']).toBe('x');
    expect(sourceAt(config, WIN_FILE)?.status).toBe('loaded');
    expect(sourceAt(config, `${WIN_DROP_IN_DIR}\\10-a.json`)?.status).toBe('loaded');
  });

  it('each platform reads only its own directory', async () => {
    const files = {
      [LINUX_FILE]: { model: 'linux' },
      [MAC_FILE]: { model: 'mac' },
    };
    expect((await resolve({ platform: 'linux', files })).settings['model']).toBe('linux');
    expect((await resolve({ platform: 'darwin', files })).settings['model']).toBe('mac');
    const win = await resolve({ platform: 'win32', files });
    expect(win.settings['model']).toBeUndefined();
    expect(win.managedOrigin).toBeUndefined();
  });

  it('Windows never reads C:\\Program Files (x86)', async () => {
    const config = await resolve({ platform: 'win32', files: { [X86_FILE]: { model: 'x86' } } });
    expect(config.settings['model']).toBeUndefined();
    expect(managedPaths(config)).not.toContain(X86_FILE);
  });

  it('managedFileLocations lists the Windows files by version', () => {
    expect(managedFileLocations('win32', '2.1.236').map((l) => l.file)).toEqual([WIN_FILE]);
    expect(managedFileLocations('win32', '2.1.75').map((l) => l.file)).toEqual([WIN_FILE]);
    expect(managedFileLocations('win32', '2.1.74').map((l) => l.file)).toEqual([WIN_FILE, LEGACY_FILE]);
    expect(managedFileLocations('win32', '2.0.58').map((l) => l.file)).toEqual([WIN_FILE, LEGACY_FILE]);
    expect(managedFileLocations('win32', '2.0.57').map((l) => l.file)).toEqual([LEGACY_FILE]);
    expect(managedFileLocations('win32', '2.0.57').map((l) => l.dropInDir)).toEqual([LEGACY_DROP_IN_DIR]);
    expect(managedFileLocations('linux', '2.0.57').map((l) => l.file)).toEqual([LINUX_FILE]);
    expect(managedFileLocations('darwin', '2.1.236').map((l) => l.file)).toEqual([MAC_FILE]);
  });

  it('the Windows file as WSL sees it is under the Windows drive', () => {
    expect(wslWindowsManagedLocation('/mnt/c')).toMatchObject({ file: WSL_WIN_FILE, dropInDir: WSL_WIN_DROP_IN_DIR, kind: 'windows-from-wsl' });
    expect(wslWindowsManagedLocation('/c').file).toBe('/c/Program Files/ClaudeCode/managed-settings.json');
  });
});

describe('the legacy C:\\ProgramData\\ClaudeCode path', () => {
  it('from 2.1.75 the legacy path is not read, even when Program Files has nothing', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.75',
      files: { [LEGACY_FILE]: { model: 'legacy', env: { ANTHROPIC_MODEL: 'legacy-model' } } },
    });
    expect(config.settings['model']).toBeUndefined();
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
    expect(config.managedOrigin).toBeUndefined();
    const legacy = sourceAt(config, LEGACY_FILE);
    expect(legacy?.status).toBe('ignored');
    expect(legacy?.settings).toBeUndefined();
  });

  it('from 2.1.75 a file left at the legacy path raises managed-legacy-path-ignored', async () => {
    const config = await resolve({ platform: 'win32', files: { [LEGACY_FILE]: '{ not even json' }, managedFile: { model: 'pf' } });
    const d = config.diagnostics.filter((x) => x.code === 'managed-legacy-path-ignored');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', scope: 'managed', path: LEGACY_FILE });
    // Not parsed: no JSON error for a file Claude Code does not read.
    expect(codes(config)).not.toContain('settings-invalid-json');
    expect(config.settings['model']).toBe('pf');
    expect(config.managedOrigin).toBe('file');
  });

  it('from 2.1.75 nothing is listed or reported when the legacy path is empty', async () => {
    const config = await resolve({ platform: 'win32', managedFile: { model: 'pf' } });
    expect(managedPaths(config)).not.toContain(LEGACY_FILE);
    expect(codes(config)).not.toContain('managed-legacy-path-ignored');
  });

  it('before 2.1.75 a used legacy file raises no managed-legacy-path-ignored', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.1.74', files: { [LEGACY_FILE]: { model: 'legacy' } } });
    expect(codes(config)).not.toContain('managed-legacy-path-ignored');
  });

  it('with the newest version the legacy path is not read', async () => {
    const config = await resolve({ platform: 'win32', files: { [LEGACY_FILE]: { model: 'legacy' } }, managedFile: { outputStyle: 'pf' } });
    expect(config.settings['model']).toBeUndefined();
    expect(config.settings['outputStyle']).toBe('pf');
  });

  it('in 2.1.74 the legacy path is the fallback when Program Files has nothing', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.1.74', files: { [LEGACY_FILE]: { model: 'legacy' } } });
    expect(config.settings['model']).toBe('legacy');
    expect(config.managedOrigin).toBe('file');
    expect(sourceAt(config, LEGACY_FILE)?.status).toBe('loaded');
    expect(sourceAt(config, WIN_FILE)?.status).toBe('missing');
  });

  it.each(['2.0.58', '2.1.2', '2.1.74'])('in %s Program Files is preferred; the legacy file is ignored', async (version) => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: version,
      managedFile: { model: 'program-files' },
      files: { [LEGACY_FILE]: { model: 'legacy', outputStyle: 'legacy' } },
    });
    expect(config.settings['model']).toBe('program-files');
    expect(config.settings['outputStyle']).toBeUndefined();
    expect(sourceAt(config, WIN_FILE)?.status).toBe('loaded');
    const legacy = sourceAt(config, LEGACY_FILE);
    expect(legacy?.status).toBe('ignored');
    expect(legacy?.reason?.length ?? 0).toBeGreaterThan(0);
  });

  it('in 2.1.74 an invalid Program Files file leaves the legacy file as the fallback', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.74',
      managedFile: '{ not json',
      files: { [LEGACY_FILE]: { model: 'legacy' } },
    });
    expect(sourceAt(config, WIN_FILE)?.status).toBe('invalid');
    expect(config.settings['model']).toBe('legacy');
  });

  it.each(['2.1.2', '2.1.74'])('in %s a used legacy file raises managed-legacy-path-deprecated', async (version) => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: version, files: { [LEGACY_FILE]: { model: 'legacy' } } });
    const d = config.diagnostics.filter((x) => x.code === 'managed-legacy-path-deprecated');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', scope: 'managed', path: LEGACY_FILE });
  });

  it('in 2.1.1 the legacy fallback is not yet deprecated', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.1.1', files: { [LEGACY_FILE]: { model: 'legacy' } } });
    expect(config.settings['model']).toBe('legacy');
    expect(codes(config)).not.toContain('managed-legacy-path-deprecated');
  });

  it('no deprecation warning when Program Files is used and the legacy file is ignored', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.74',
      managedFile: { model: 'program-files' },
      files: { [LEGACY_FILE]: { model: 'legacy' } },
    });
    expect(codes(config)).not.toContain('managed-legacy-path-deprecated');
  });

  it('in 2.1.74 a Program Files file without policy keys still shadows the legacy file (our reading of "has nothing")', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.1.74',
      managedFile: {},
      files: { [LEGACY_FILE]: { model: 'legacy', env: { ANTHROPIC_MODEL: 'legacy-model' } } },
    });
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
    expect(config.env['ANTHROPIC_MODEL']).toBeUndefined();
    expect(sourceAt(config, LEGACY_FILE)?.status).toBe('ignored');
  });

  it('in 2.1.74 the legacy fallback is listed after Program Files', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.1.74' });
    expect(managedPaths(config)).toEqual(['server-managed settings', HKLM_LABEL, WIN_FILE, LEGACY_FILE, 'HKCU\\SOFTWARE\\Policies\\ClaudeCode\\Settings']);
  });

  it('before 2.0.58 the legacy path is the only one read', async () => {
    const config = await resolve({
      platform: 'win32',
      claudeCodeVersion: '2.0.57',
      managedFile: { model: 'program-files' },
      files: { [LEGACY_FILE]: { outputStyle: 'legacy' } },
    });
    expect(config.settings['model']).toBeUndefined();
    expect(config.settings['outputStyle']).toBe('legacy');
    expect(managedPaths(config)).toContain(LEGACY_FILE);
    expect(managedPaths(config)).not.toContain(WIN_FILE);
  });

  it('before 2.0.58 nothing is read when only Program Files holds a file', async () => {
    const config = await resolve({ platform: 'win32', claudeCodeVersion: '2.0.57', managedFile: { model: 'program-files' } });
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
  });
});

describe('WSL', () => {
  const wsl = (spec: LayoutSpec): LayoutSpec => ({ platform: 'linux', wsl: true, ...spec });

  it('WSL reads /etc/claude-code only when no wslInheritsWindowsSettings flag is set', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { model: 'windows' } },
        managed: { hklm: { model: 'hklm' }, hkcu: { model: 'hkcu' } },
      }),
    );
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('etc');
    expect(managedPaths(config)).toEqual(['server-managed settings', LINUX_FILE]);
  });

  it('WSL: with the flag in HKLM, HKLM outranks /etc/claude-code', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc', outputStyle: 'etc' },
        managed: { hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
      }),
    );
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.settings['model']).toBe('hklm');
    expect(config.settings['outputStyle']).toBeUndefined();
    expect(sourceAt(config, HKLM_LABEL)?.status).toBe('loaded');
    expect(sourceAt(config, LINUX_FILE)?.status).toBe('ignored');
  });

  it('WSL: with the flag in HKLM as JSON text, the chain is on too', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        managed: { hklm: '{"wslInheritsWindowsSettings":true,"model":"hklm-text"}' },
      }),
    );
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.settings['model']).toBe('hklm-text');
  });

  it('WSL: with the flag in HKLM, the Windows file outranks /etc/claude-code', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { model: 'windows' } },
        managed: { hklm: { wslInheritsWindowsSettings: true } },
      }),
    );
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('windows');
    expect(sourceAt(config, WSL_WIN_FILE)?.status).toBe('loaded');
    expect(sourceAt(config, LINUX_FILE)?.status).toBe('ignored');
    expect(managedPaths(config)).toEqual(['server-managed settings', HKLM_LABEL, WSL_WIN_FILE, LINUX_FILE]);
  });

  it('WSL: the flag in the Windows file turns the chain on', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: true, model: 'windows' } },
      }),
    );
    expect(config.settings['model']).toBe('windows');
    expect(config.keys['model']?.source).toMatchObject({ scope: 'managed', origin: 'file' });
  });

  it('WSL: the flag in a Windows drop-in turns the chain on', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [`${WSL_WIN_DROP_IN_DIR}/10-wsl.json`]: { wslInheritsWindowsSettings: true }, [WSL_WIN_FILE]: { model: 'windows' } },
      }),
    );
    expect(config.settings['model']).toBe('windows');
    expect(sourceAt(config, `${WSL_WIN_DROP_IN_DIR}/10-wsl.json`)?.status).toBe('loaded');
  });

  it('WSL: the flag set to false does not turn the chain on', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: false, model: 'windows' } },
        managed: { hklm: { wslInheritsWindowsSettings: false, model: 'hklm' } },
      }),
    );
    expect(config.settings['model']).toBe('etc');
  });

  it('WSL: /etc/claude-code is still read when the Windows file delivers nothing but the flag', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: true } },
      }),
    );
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('etc');
    expect(sourceAt(config, LINUX_FILE)?.status).toBe('loaded');
    expect(sourceAt(config, WSL_WIN_FILE)?.status).toBe('ignored');
  });

  it('WSL: /etc/claude-code is not read when a Windows file delivers policy, so its env fills no gaps', async () => {
    const config = await resolve(
      wsl({
        managedFile: { env: { API_TIMEOUT_MS: '111', ANTHROPIC_MODEL: 'etc-model' } },
        files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: true, env: { ANTHROPIC_MODEL: 'win-model' } } },
      }),
    );
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('win-model');
    expect(config.env['API_TIMEOUT_MS']).toBeUndefined();
  });

  it('WSL: when only HKLM delivers policy, /etc/claude-code is read and its env fills gaps (2.1.223+)', async () => {
    const config = await resolve(
      wsl({
        managedFile: { env: { API_TIMEOUT_MS: '111', ANTHROPIC_MODEL: 'etc-model' } },
        managed: { hklm: { wslInheritsWindowsSettings: true, env: { ANTHROPIC_MODEL: 'hklm-model' } } },
      }),
    );
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.env['ANTHROPIC_MODEL']?.value).toBe('hklm-model');
    expect(config.env['API_TIMEOUT_MS']?.value).toBe('111');
  });

  it('WSL: HKCU does not join when only HKLM sets the flag', async () => {
    const config = await resolve(wsl({ managed: { hklm: { wslInheritsWindowsSettings: true }, hkcu: { model: 'hkcu' } } }));
    expect(config.managedOrigin).toBeUndefined();
    expect(config.settings['model']).toBeUndefined();
    expect(managedPaths(config)).not.toContain('HKCU\\SOFTWARE\\Policies\\ClaudeCode\\Settings');
  });

  it('WSL: HKCU joins, as the last resort, when it sets the flag too', async () => {
    const config = await resolve(wsl({ managed: { hklm: { wslInheritsWindowsSettings: true }, hkcu: { wslInheritsWindowsSettings: true, model: 'hkcu' } } }));
    expect(config.managedOrigin).toBe('HKCU');
    expect(config.settings['model']).toBe('hkcu');
  });

  it('WSL: a joined HKCU still loses to /etc/claude-code', async () => {
    const config = await resolve(
      wsl({
        managedFile: { model: 'etc' },
        managed: { hklm: { wslInheritsWindowsSettings: true }, hkcu: { wslInheritsWindowsSettings: true, model: 'hkcu' } },
      }),
    );
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('etc');
  });

  it('WSL: the HKCU flag alone does not turn the chain on', async () => {
    const config = await resolve(wsl({ managedFile: { outputStyle: 'etc' }, managed: { hkcu: { wslInheritsWindowsSettings: true, model: 'hkcu' } } }));
    expect(config.settings['model']).toBeUndefined();
    expect(config.settings['outputStyle']).toBe('etc');
  });

  it('WSL: remote still outranks the Windows chain', async () => {
    const config = await resolve(
      wsl({
        managed: { remote: { model: 'remote' }, hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
      }),
    );
    expect(config.managedOrigin).toBe('remote');
    expect(config.settings['model']).toBe('remote');
  });

  it('WSL: a custom wslWindowsDrive moves the Windows file', async () => {
    const options = {
      ...layout(
        wsl({
          managedFile: { model: 'etc' },
          files: { '/win/c/Program Files/ClaudeCode/managed-settings.json': { wslInheritsWindowsSettings: true, model: 'windows' } },
        }),
      ),
      wslWindowsDrive: '/win/c',
    };
    const config = await resolveEffectiveConfig(options);
    expect(config.settings['model']).toBe('windows');
  });

  it('without wsl the Windows chain is never consulted on Linux', async () => {
    const config = await resolve({
      platform: 'linux',
      managedFile: { model: 'etc' },
      files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: true, model: 'windows' } },
      managed: { hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
    });
    expect(config.settings['model']).toBe('etc');
    expect(managedPaths(config)).not.toContain(WSL_WIN_FILE);
    expect(managedPaths(config)).not.toContain(HKLM_LABEL);
  });

  it('the flag has no effect on native Windows: HKLM holding only the flag is passed over', async () => {
    const config = await resolve({
      platform: 'win32',
      managedFile: { model: 'win-file' },
      managed: { hklm: { wslInheritsWindowsSettings: true } },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('win-file');
  });

  it('the flag has no effect on native Windows: HKCU setting it is still only the last resort', async () => {
    const config = await resolve({
      platform: 'win32',
      managedFile: { model: 'win-file' },
      managed: { hklm: { wslInheritsWindowsSettings: true }, hkcu: { wslInheritsWindowsSettings: true, model: 'hkcu' } },
    });
    expect(config.managedOrigin).toBe('file');
    expect(config.settings['model']).toBe('win-file');
    expect(managedPaths(config)).not.toContain(LINUX_FILE);
  });

  it('wsl: true has no effect on native Windows: neither /etc/claude-code nor /mnt/c is consulted', async () => {
    const config = await resolve({
      platform: 'win32',
      wsl: true,
      managedFile: { model: 'win-file' },
      files: { [LINUX_FILE]: { model: 'etc' }, [WSL_WIN_FILE]: { model: 'mnt' } },
      managed: { hklm: { wslInheritsWindowsSettings: true } },
    });
    expect(config.settings['model']).toBe('win-file');
    expect(managedPaths(config)).not.toContain(LINUX_FILE);
    expect(managedPaths(config)).not.toContain(WSL_WIN_FILE);
  });

  it('WSL: before 2.1.118 the flag is not honoured', async () => {
    const config = await resolve(
      wsl({
        claudeCodeVersion: '2.1.117',
        managedFile: { model: 'etc' },
        files: { [WSL_WIN_FILE]: { wslInheritsWindowsSettings: true, model: 'windows' } },
        managed: { hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
      }),
    );
    expect(config.settings['model']).toBe('etc');
    expect(config.managedOrigin).toBe('file');
    expect(codes(config)).not.toContain('managed-channel-unsupported-version');
  });

  it('WSL: from 2.1.118 the flag is honoured', async () => {
    const config = await resolve(
      wsl({
        claudeCodeVersion: '2.1.118',
        managedFile: { model: 'etc' },
        managed: { hklm: { wslInheritsWindowsSettings: true, model: 'hklm' } },
      }),
    );
    expect(config.settings['model']).toBe('hklm');
  });
});

describe('platform isolation of OS policy', () => {
  const platforms: readonly Platform[] = ['linux', 'darwin', 'win32'];

  it.each(platforms)("(%s) only the platform's own OS policy channel is read", async (platform) => {
    const config = await resolve({ platform, managed: { plist: { model: 'plist' }, hklm: { model: 'hklm' }, hkcu: { model: 'hkcu' } } });
    const expected = platform === 'darwin' ? 'plist' : platform === 'win32' ? 'hklm' : undefined;
    expect(config.settings['model']).toBe(expected);
    expect(config.managedOrigin).toBe(platform === 'darwin' ? 'plist' : platform === 'win32' ? 'HKLM' : undefined);
  });
});
