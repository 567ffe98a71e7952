import { describe, expect, it } from 'vitest';
import { parseRegQueryOutput, plistPaths, readOsPolicy, type CommandRunner } from '../src/node/os-policy';
import { resolveEffectiveConfig } from '../src/index';
import { layout } from '../src/testing';

// The registry and `plutil` do not exist on Linux: these are the only mocked readers (see DEVELOPERS.md).
function fakeRunner(outputs: Record<string, { stdout: string; code: number }>): CommandRunner & { calls: string[] } {
  const calls: string[] = [];
  const run = (async (file: string, args: readonly string[]) => {
    const line = [file, ...args].join(' ');
    calls.push(line);
    return outputs[line] ?? { stdout: '', code: 1 };
  }) as CommandRunner & { calls: string[] };
  run.calls = calls;
  return run;
}

const REG_HKLM = 'reg query HKLM\\SOFTWARE\\Policies\\ClaudeCode /v Settings';
const REG_HKCU = 'reg query HKCU\\SOFTWARE\\Policies\\ClaudeCode /v Settings';

describe('reading OS policy channels', () => {
  it('parses the Settings value of reg query output (REG_SZ)', () => {
    const out = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeCode\r\n    Settings    REG_SZ    {"env":{"ANTHROPIC_BASE_URL":"https://gw"}}\r\n\r\n';
    expect(parseRegQueryOutput(out)).toBe('{"env":{"ANTHROPIC_BASE_URL":"https://gw"}}');
  });

  it('expands %VARS% in a REG_EXPAND_SZ value', () => {
    const out = '    Settings    REG_EXPAND_SZ    {"apiKeyHelper":"%ProgramFiles%\\\\k.exe","x":"%NOPE%"}';
    expect(parseRegQueryOutput(out, { PROGRAMFILES: 'C:\\\\Program Files' })).toBe('{"apiKeyHelper":"C:\\\\Program Files\\\\k.exe","x":"%NOPE%"}');
  });

  it('ignores other values and types', () => {
    expect(parseRegQueryOutput('    Other    REG_SZ    {}\n    Settings    REG_DWORD    0x1')).toBeUndefined();
  });

  it('reads HKLM and HKCU on win32 as JSON text', async () => {
    const run = fakeRunner({
      [REG_HKLM]: { stdout: '    Settings    REG_SZ    {"env":{"A":"1"}}', code: 0 },
      [REG_HKCU]: { stdout: '', code: 1 },
    });
    expect(await readOsPolicy('win32', { run })).toEqual({ hklm: '{"env":{"A":"1"}}' });
    expect(run.calls.sort()).toEqual([REG_HKCU, REG_HKLM].sort());
  });

  it('reads the managed preferences domain on macOS, per-user file first', async () => {
    const userPath = plistPaths('ann')[0];
    const run = fakeRunner({
      [`/usr/bin/plutil -convert json -o - ${userPath}`]: { stdout: '{"env":{"ANTHROPIC_BASE_URL":"https://user-level"}}', code: 0 },
      '/usr/bin/plutil -convert json -o - /Library/Managed Preferences/com.anthropic.claudecode.plist': { stdout: '{"env":{}}', code: 0 },
    });
    expect(await readOsPolicy('darwin', { run, user: 'ann' })).toEqual({ plist: { env: { ANTHROPIC_BASE_URL: 'https://user-level' } } });
  });

  it('a plist that is missing or not JSON gives nothing; Linux reads nothing', async () => {
    const run = fakeRunner({
      '/usr/bin/plutil -convert json -o - /Library/Managed Preferences/com.anthropic.claudecode.plist': { stdout: 'garbage', code: 0 },
    });
    expect(await readOsPolicy('darwin', { run })).toEqual({});
    const none = fakeRunner({});
    expect(await readOsPolicy('linux', { run: none })).toEqual({});
    expect(none.calls).toEqual([]);
  });

  it('registry text read this way resolves as the HKLM source', async () => {
    const run = fakeRunner({ [REG_HKLM]: { stdout: '    Settings    REG_SZ    {"env":{"ANTHROPIC_BASE_URL":"https://hklm.example"}}', code: 0 } });
    const managed = await readOsPolicy('win32', { run });
    const config = await resolveEffectiveConfig(layout({ platform: 'win32', managed }));
    expect(config.managedOrigin).toBe('HKLM');
    expect(config.baseUrl?.value).toBe('https://hklm.example');
  });
});

describe('WSL: the Windows registry through reg.exe on the Windows drive', () => {
  it('under WSL, HKLM and HKCU are read with <drive>/Windows/System32/reg.exe; plain Linux runs nothing', async () => {
    const reg = '/mnt/d/Windows/System32/reg.exe';
    const run = fakeRunner({
      [`${reg} query HKLM\\SOFTWARE\\Policies\\ClaudeCode /v Settings`]: {
        stdout: '    Settings    REG_SZ    {"wslInheritsWindowsSettings":true}\r\n',
        code: 0,
      },
    });
    expect(await readOsPolicy('linux', { run, wsl: true, wslWindowsDrive: '/mnt/d/' })).toEqual({ hklm: '{"wslInheritsWindowsSettings":true}' });
    expect(run.calls.every((c) => c.startsWith(reg))).toBe(true);
    expect(run.calls).toHaveLength(2);
  });

  it('resolving the real machine under WSL runs reg.exe from the Windows drive, and HKLM policy then outranks /etc/claude-code', async () => {
    const { mkdirSync, writeFileSync, chmodSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { makeTmp, removeTmp } = await import('./helpers/tmp');
    const root = makeTmp('cgc-wsl-');
    try {
      // A stand-in for Windows' reg.exe: a real executable that answers like reg query.
      const sys32 = join(root, 'drive', 'Windows', 'System32');
      mkdirSync(sys32, { recursive: true });
      const policy = JSON.stringify({ wslInheritsWindowsSettings: true, env: { ANTHROPIC_BASE_URL: 'https://hklm-gw.example.com' } });
      const regExe = join(sys32, 'reg.exe');
      writeFileSync(
        regExe,
        `#!/bin/sh\ncase "$2" in\n  HKLM*) printf '\\r\\nHKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Policies\\\\ClaudeCode\\r\\n    Settings    REG_SZ    %s\\r\\n' '${policy}' ;;\n  *) exit 1 ;;\nesac\n`,
      );
      chmodSync(regExe, 0o755);
      const home = join(root, 'home');
      mkdirSync(home);
      const config = await resolveEffectiveConfig({
        platform: 'linux',
        wsl: true,
        wslWindowsDrive: join(root, 'drive'),
        readOsPolicy: true,
        homeDir: home,
        cwd: home,
        env: {},
        interactive: false,
      });
      expect(config.managedOrigin).toBe('HKLM');
      expect(config.baseUrl?.value).toBe('https://hklm-gw.example.com');
      // Without WSL the same machine reads no registry.
      const plain = await resolveEffectiveConfig({
        platform: 'linux',
        wsl: false,
        wslWindowsDrive: join(root, 'drive'),
        readOsPolicy: true,
        homeDir: home,
        cwd: home,
        env: {},
        interactive: false,
      });
      expect(plain.managedOrigin).not.toBe('HKLM');
    } finally {
      removeTmp(root);
    }
  });
});
