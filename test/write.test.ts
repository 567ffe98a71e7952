/**
 * WriteSettings on real temporary directories: the file each scope writes, found as the
 * resolver finds it; minimal diffs on disk (strict JSON); refusals that leave
 * the bytes alone; file modes and symbolic links; shadowing by a higher source.
 *
 * Everything runs in a sandbox: its own HOME, XDG_CONFIG_HOME and backup store; git with no system
 * or user configuration.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryFs } from '../src/testing';
import { listBackups, revert, settingsPathFor, writeSettings, type Diagnostic, type WriteSettingsOptions } from '../src/index';
import { makeSandbox, modeOf, rejectsWithCode, set, snapshot, unset, type Sandbox } from './helpers/sandbox';
import { writeFile } from './helpers/tmp';

let sb: Sandbox;

beforeEach(() => {
  sb = makeSandbox('cgc-write-');
});

afterEach(() => {
  sb.cleanup();
});

const BASE_URL = 'https://gw.example.com';
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
const userFile = (): string => join(sb.home, '.claude', 'settings.json');

describe('writeSettings: the file of each scope', () => {
  it('user scope: creates ~/.claude/ and settings.json, and returns path, changes, backupId and diagnostics', async () => {
    const project = join(sb.tmp, 'work');
    mkdirSync(project);
    expect(existsSync(join(sb.home, '.claude'))).toBe(false);
    const result = await writeSettings(sb.options('user', project, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    expect(result.path).toBe(userFile());
    expect(result.created).toBe(true);
    expect(result.dryRun).toBe(false);
    expect(result.changes).toEqual([{ path: ['env', 'ANTHROPIC_BASE_URL'], after: BASE_URL }]);
    expect(typeof result.backupId).toBe('string');
    expect(Array.isArray(result.diagnostics)).toBe(true);
    expect(readJson(userFile())).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
    expect(readFileSync(userFile(), 'utf8')).toBe(result.text);
    // The backup records that the file did not exist.
    const [entry] = listBackups({ backupDir: sb.backupDir, path: userFile() });
    expect(entry?.id).toBe(result.backupId);
    expect(entry?.existed).toBe(false);
  });

  it('user scope: $CLAUDE_CONFIG_DIR moves the user file', async () => {
    const configDir = join(sb.tmp, 'claude-config');
    const result = await writeSettings(sb.options('user', sb.home, [set(['model'], 'sonnet')], { env: { ...sb.env, CLAUDE_CONFIG_DIR: configDir } }));
    expect(result.path).toBe(join(configDir, 'settings.json'));
    expect(readJson(result.path)).toEqual({ model: 'sonnet' });
    expect(existsSync(userFile())).toBe(false);
  });

  it('project scope: .claude/settings.json in the start directory, never walked up to the git root', async () => {
    const repo = sb.repo();
    const sub = join(repo, 'packages', 'app');
    mkdirSync(sub, { recursive: true });
    const result = await writeSettings(sb.options('project', sub, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    expect(result.path).toBe(join(sub, '.claude', 'settings.json'));
    expect(readJson(result.path)).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
    expect(existsSync(join(repo, '.claude'))).toBe(false);
  });

  it('local scope: written at the git root when started in a subdirectory', async () => {
    const repo = sb.repo();
    const sub = join(repo, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    const result = await writeSettings(sb.options('local', sub, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    expect(result.path).toBe(join(repo, '.claude', 'settings.local.json'));
    expect(readJson(result.path)).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
    expect(existsSync(join(sub, '.claude'))).toBe(false);
    expect(await settingsPathFor(sb.options('local', sub, []))).toBe(result.path);
  });

  it('local scope: outside a git repository the file stays in the start directory', async () => {
    const dir = join(sb.tmp, 'plain', 'dir');
    mkdirSync(dir, { recursive: true });
    const result = await writeSettings(sb.options('local', dir, [set(['model'], 'opus')]));
    expect(result.path).toBe(join(dir, '.claude', 'settings.local.json'));
    expect(readJson(result.path)).toEqual({ model: 'opus' });
  });

  it('local scope: when the repository root is the home directory the file stays in the start directory', async () => {
    sb.git(sb.home, 'init', '-q');
    const dir = join(sb.home, 'code');
    mkdirSync(dir);
    expect(await settingsPathFor(sb.options('local', dir, []))).toBe(join(dir, '.claude', 'settings.local.json'));
  });

  it('cli scope: the --settings file, relative to the start directory; needs settingsFile', async () => {
    const dir = join(sb.tmp, 'cwd');
    mkdirSync(dir);
    const result = await writeSettings(sb.options('cli', dir, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { settingsFile: 'overlays/gw.json' }));
    expect(result.path).toBe(join(dir, 'overlays', 'gw.json'));
    expect(readJson(result.path)).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
    await rejectsWithCode(writeSettings(sb.options('cli', dir, [set(['model'], 'x')])), 'INVALID_OPTIONS');
  });

  it('cli scope as a stand-in for a managed file: an arbitrary absolute path, parent directories created', async () => {
    const file = join(sb.tmp, 'etc', 'claude-code', 'managed-settings.d', '10-gateway.json');
    const result = await writeSettings(sb.options('cli', sb.tmp, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { settingsFile: file }));
    expect(result.path).toBe(file);
    expect(readJson(file)).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
  });

  it.each([
    ['linux', '/etc/claude-code/managed-settings.json', '/etc/claude-code/managed-settings.d/10-gateway.json', '/home/u', '/home/u'],
    [
      'darwin',
      '/Library/Application Support/ClaudeCode/managed-settings.json',
      '/Library/Application Support/ClaudeCode/managed-settings.d/10-gateway.json',
      '/Users/u',
      '/Users/u',
    ],
    [
      'win32',
      'C:\\Program Files\\ClaudeCode\\managed-settings.json',
      'C:\\Program Files\\ClaudeCode\\managed-settings.d\\10-gateway.json',
      'C:\\Users\\u',
      'C:\\Users\\u',
    ],
  ] as const)('settingsPathFor managed and managed-drop-in on %s', async (platform, file, dropIn, homeDir, cwd) => {
    const base = { cwd, homeDir, platform, env: {}, wsl: false, readOsPolicy: false } as const;
    expect(await settingsPathFor({ ...base, scope: 'managed' })).toBe(file);
    expect(await settingsPathFor({ ...base, scope: 'managed-drop-in', dropInName: '10-gateway.json' })).toBe(dropIn);
  });

  it.each([['.hidden.json'], ['gateway.txt'], ['sub/10-gateway.json'], ['sub\\10-gateway.json'], ['']])(
    'managed-drop-in refuses the dropInName %j with INVALID_OPTIONS (hidden and non-.json files are ignored, a folder is not a name)',
    async (dropInName) => {
      await rejectsWithCode(
        settingsPathFor({ scope: 'managed-drop-in', dropInName, cwd: sb.tmp, homeDir: sb.home, platform: 'linux', env: {}, wsl: false }),
        'INVALID_OPTIONS',
      );
      await rejectsWithCode(writeSettings(sb.options('managed-drop-in', sb.tmp, [set(['model'], 'x')], { dropInName })), 'INVALID_OPTIONS');
    },
  );

  it('managed-drop-in without a dropInName is INVALID_OPTIONS', async () => {
    await rejectsWithCode(writeSettings(sb.options('managed-drop-in', sb.tmp, [set(['model'], 'x')])), 'INVALID_OPTIONS');
  });

  it('an `fs` option is INVALID_OPTIONS: writeSettings works on the real disk only', async () => {
    const opts = { ...sb.options('user', sb.home, [set(['model'], 'x')]), fs: createMemoryFs({}) } as WriteSettingsOptions;
    await rejectsWithCode(writeSettings(opts), 'INVALID_OPTIONS');
    expect(existsSync(userFile())).toBe(false);
  });
});

describe('writeSettings: minimal diff on disk', () => {
  // 4-space indentation, CRLF, a BOM, no final newline, unknown keys, hooks and permissions.
  const BEFORE =
    '\uFEFF{\r\n' +
    '    "$schema": "https://json.schemastore.org/claude-code-settings.json",\r\n' +
    '    "myCompanyKey": { "nested": [1, 2,   3], "odd":true },\r\n' +
    '    "env": {\r\n' +
    '        "FOO": "bar"\r\n' +
    '    },\r\n' +
    '    "hooks": {\r\n' +
    '        "PreToolUse": [\r\n' +
    '            { "matcher": "Bash", "hooks": [ { "type": "command", "command": "echo hi" } ] }\r\n' +
    '        ]\r\n' +
    '    },\r\n' +
    '    "permissions": {\r\n' +
    '        "allow": ["Bash(ls)",   "Read"],\r\n' +
    '        "deny": []\r\n' +
    '    }\r\n' +
    '}';

  it('keeps every byte outside the edit: BOM, CRLF, 4 spaces, no final newline, unknown keys, hooks, permissions', async () => {
    const file = writeFile(userFile(), BEFORE);
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    const expected = BEFORE.replace('"FOO": "bar"\r\n', `"FOO": "bar",\r\n        "ANTHROPIC_BASE_URL": "${BASE_URL}"\r\n`);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(expected);
    expect(result.previousText).toBe(BEFORE);
    expect(result.changes).toEqual([{ path: ['env', 'ANTHROPIC_BASE_URL'], after: BASE_URL }]);
  });

  it('a new top-level key and a new nested object follow the file style (4 spaces, CRLF)', async () => {
    const file = writeFile(userFile(), BEFORE);
    await writeSettings(sb.options('user', sb.home, [set(['apiKeyHelper'], '/usr/local/bin/key'), set(['sandbox'], { enabled: true })]));
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(BEFORE.slice(0, BEFORE.lastIndexOf('    }\r\n}')))).toBe(true);
    expect(text).not.toMatch(/(?<!\r)\n/);
    expect(text).toContain('\r\n    "apiKeyHelper": "/usr/local/bin/key"');
    expect(text).toContain('\r\n    "sandbox": {\r\n        "enabled": true\r\n    }');
    expect(text.endsWith('}')).toBe(true);
    expect(readJson(file)).toMatchObject({ apiKeyHelper: '/usr/local/bin/key', sandbox: { enabled: true }, myCompanyKey: { nested: [1, 2, 3], odd: true } });
  });

  it('unsetting a variable removes only it, and the before value is reported', async () => {
    const file = writeFile(userFile(), BEFORE);
    const result = await writeSettings(sb.options('user', sb.home, [unset(['env', 'FOO'])]));
    expect(result.changes).toEqual([{ path: ['env', 'FOO'], before: 'bar' }]);
    const text = readFileSync(file, 'utf8');
    expect(readJson(file)['env']).toEqual({});
    expect(text.startsWith(BEFORE.slice(0, BEFORE.indexOf('"env"')))).toBe(true);
    expect(text.endsWith(BEFORE.slice(BEFORE.indexOf('    "hooks"')))).toBe(true);
  });

  it('a dry run writes nothing (bytes, mtime, no backup) but returns the planned text and changes', async () => {
    const file = writeFile(userFile(), BEFORE);
    const before = snapshot(file);
    await new Promise((r) => setTimeout(r, 20));
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { dryRun: true }));
    expect(result.dryRun).toBe(true);
    expect(result.backupId).toBeUndefined();
    expect(result.changes).toEqual([{ path: ['env', 'ANTHROPIC_BASE_URL'], after: BASE_URL }]);
    expect(result.text).toContain(`"ANTHROPIC_BASE_URL": "${BASE_URL}"`);
    expect(snapshot(file)).toEqual(before);
    expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
    expect(existsSync(sb.backupDir)).toBe(false);
  });

  it('a dry run of a new file creates neither the file nor .claude/', async () => {
    const result = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')], { dryRun: true }));
    expect(result.created).toBe(true);
    expect(JSON.parse(result.text)).toEqual({ model: 'opus' });
    expect(existsSync(join(sb.home, '.claude'))).toBe(false);
  });

  it('a write that changes nothing leaves the file alone and takes no backup', async () => {
    const file = writeFile(userFile(), BEFORE);
    const before = snapshot(file);
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'FOO'], 'bar')]));
    expect(result.changes).toEqual([]);
    expect(result.backupId).toBeUndefined();
    expect(snapshot(file)).toEqual(before);
  });
});

describe('writeSettings: files that do not parse are refused, bytes unchanged', () => {
  it.each([
    ['invalid JSON', '{\n  "env": { "A": "1" \n', 'INVALID_JSON'],
    ['a comment (JSONC)', '{\n  // gateway\n  "env": { "A": "1" }\n}\n', 'JSONC_NOT_ALLOWED'],
    ['a trailing comma (JSONC)', '{\n  "env": { "A": "1", },\n}\n', 'JSONC_NOT_ALLOWED'],
  ])('%s: refused with its code, no byte changed, no backup; a dry run too', async (_name, text, code) => {
    const file = writeFile(userFile(), text);
    const before = snapshot(file);
    for (const dryRun of [false, true]) {
      await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['env', 'B'], '2')], { dryRun })), code);
      expect(snapshot(file)).toEqual(before);
    }
    expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
  });

  it('convertJsonc rewrites a JSONC file as strict JSON with a write-jsonc-converted warning, and keeps a backup of the JSONC bytes', async () => {
    const jsonc = '{\n  // my gateway\n  "env": { "A": "1", },\n  /* block */ "model": "sonnet",\n}\n';
    const file = writeFile(userFile(), jsonc);
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'B'], '2')], { convertJsonc: true }));
    expect(codes(result.diagnostics)).toContain('write-jsonc-converted');
    const text = readFileSync(file, 'utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(text).not.toContain('//');
    expect(text).not.toContain('/*');
    expect(JSON.parse(text)).toEqual({ env: { A: '1', B: '2' }, model: 'sonnet' });
    await revert(result.backupId as string, { backupDir: sb.backupDir });
    expect(readFileSync(file, 'utf8')).toBe(jsonc);
  });
});

describe('writeSettings: file modes and symbolic links', () => {
  it('keeps the mode of an existing file (0640 stays 0640)', async () => {
    const file = writeFile(userFile(), '{}\n');
    chmodSync(file, 0o640);
    await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    expect(readJson(file)).toEqual({ model: 'opus' });
    expect(modeOf(file)).toBe(0o640);
  });

  it('creates a new file holding a credential with mode 0600', async () => {
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], 'sk-secret')]));
    expect(result.created).toBe(true);
    expect(modeOf(userFile())).toBe(0o600);
    expect(codes(result.diagnostics)).not.toContain('write-credential-file-readable');
  });

  it('creates a new file without a credential with the umask default', async () => {
    await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    expect(modeOf(userFile())).toBe(0o666 & ~process.umask());
  });

  it('a credential going into an existing file others can read: the file becomes 0600 (write-mode-tightened), with no window where it is readable', async () => {
    const file = writeFile(userFile(), '{}\n');
    chmodSync(file, 0o644);
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_API_KEY'], 'sk-ant-x')]));
    expect(codes(result.diagnostics)).toContain('write-mode-tightened');
    expect(codes(result.diagnostics)).not.toContain('write-credential-file-readable');
    expect(result.diagnostics.find((d) => d.code === 'write-mode-tightened')?.args).toEqual({ file, from: '644', to: '600' });
    expect(modeOf(file)).toBe(0o600);
  });

  it('a symlinked settings file stays a symlink, its target is updated, and revert restores the target', async () => {
    const target = writeFile(join(sb.tmp, 'dotfiles', 'claude-settings.json'), '{\n  "model": "sonnet"\n}\n');
    const original = readFileSync(target);
    mkdirSync(join(sb.home, '.claude'));
    symlinkSync(target, userFile());
    const result = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)]));
    expect(result.path).toBe(userFile());
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
    expect(readlinkSync(userFile())).toBe(target);
    expect(readJson(target)).toEqual({ model: 'sonnet', env: { ANTHROPIC_BASE_URL: BASE_URL } });
    // Backups are listed under the file that really changed, whichever name is asked for.
    expect(listBackups({ backupDir: sb.backupDir, path: userFile() })).toHaveLength(1);
    expect(listBackups({ backupDir: sb.backupDir, path: target })).toHaveLength(1);

    const reverted = await revert(userFile(), { backupDir: sb.backupDir });
    expect(reverted.path).toBe(target);
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
    expect(readlinkSync(userFile())).toBe(target);
    expect(readFileSync(target).equals(original)).toBe(true);
  });
});

describe('writeSettings: symbolic links, more cases', () => {
  it('a symlink whose target does not exist yet stays a symlink; the target is created', async () => {
    const dotfiles = join(sb.tmp, 'dotfiles');
    mkdirSync(dotfiles);
    mkdirSync(join(sb.home, '.claude'));
    symlinkSync(join(dotfiles, 'claude.json'), userFile());
    const result = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    expect(result.created).toBe(true);
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
    expect(readJson(join(dotfiles, 'claude.json'))).toEqual({ model: 'opus' });
    // Revert removes the target it created, and leaves the link.
    await revert(result.backupId as string, { backupDir: sb.backupDir });
    expect(existsSync(join(dotfiles, 'claude.json'))).toBe(false);
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
  });

  it('a relative symlink, and a chain of two links: the final target is updated, both links stay', async () => {
    const target = writeFile(join(sb.home, 'dotfiles', 'claude.json'), '{}\n');
    mkdirSync(join(sb.home, '.claude'));
    symlinkSync('dotfiles/claude.json', join(sb.home, 'middle.json'));
    symlinkSync('../middle.json', userFile());
    await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(sb.home, 'middle.json')).isSymbolicLink()).toBe(true);
    expect(readJson(target)).toEqual({ model: 'opus' });
  });

  it('a loop of symbolic links is refused (FS_ERROR) and both links stay', async () => {
    mkdirSync(join(sb.home, '.claude'));
    symlinkSync(join(sb.home, 'loop.json'), userFile());
    symlinkSync(userFile(), join(sb.home, 'loop.json'));
    await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'FS_ERROR');
    expect(lstatSync(userFile()).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(sb.home, 'loop.json')).isSymbolicLink()).toBe(true);
  });

  it('a user file tracked by a dotfiles repository in HOME: a credential is refused (CREDENTIAL_IN_TRACKED_FILE)', async () => {
    sb.git(sb.home, 'init', '-q');
    const file = writeFile(userFile(), { model: 'opus' });
    sb.git(sb.home, 'add', '.claude/settings.json');
    sb.git(sb.home, 'commit', '-q', '-m', 'dotfiles');
    const before = snapshot(file);
    await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_API_KEY'], 'sk-ant-x')])), 'CREDENTIAL_IN_TRACKED_FILE');
    expect(snapshot(file)).toEqual(before);
  });
});

describe('writeSettings: shadowing by a higher source', () => {
  function projectWith(settings: Record<string, unknown>, local?: Record<string, unknown>): string {
    const repo = sb.repo();
    writeFile(join(repo, '.claude', 'settings.json'), settings);
    if (local) writeFile(join(repo, '.claude', 'settings.local.json'), local);
    return repo;
  }

  const shadowed = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'write-shadowed');

  it('user env.ANTHROPIC_BASE_URL under a project file that sets it (non-interactive): a write-shadowed warning naming the project file', async () => {
    const repo = projectWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const result = await writeSettings(sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: false }));
    const [warning, ...rest] = shadowed(result.diagnostics);
    expect(rest).toEqual([]);
    expect(warning?.severity).toBe('warning');
    expect(warning?.args).toMatchObject({
      setting: 'ANTHROPIC_BASE_URL',
      target: 'user settings',
      winner: expect.stringContaining(join(repo, '.claude', 'settings.json')),
    });
    // The write still happens.
    expect(readJson(userFile())).toEqual({ env: { ANTHROPIC_BASE_URL: BASE_URL } });
  });

  it('the same with a trusted interactive workspace; the local file wins over the project file and is the one named', async () => {
    const repo = projectWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } }, { env: { ANTHROPIC_BASE_URL: 'https://local.example' } });
    const result = await writeSettings(sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { trusted: true }));
    const [warning, ...rest] = shadowed(result.diagnostics);
    expect(rest).toEqual([]);
    expect(warning?.args?.['winner']).toContain(join(repo, '.claude', 'settings.local.json'));
  });

  it('an untrusted interactive workspace does not apply project env: no warning', async () => {
    const repo = projectWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const result = await writeSettings(sb.options('user', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: true, trusted: false }));
    expect(shadowed(result.diagnostics)).toEqual([]);
  });

  it('the managed tier shadows a project write', async () => {
    const repo = sb.repo();
    const result = await writeSettings(
      sb.options('project', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], {
        interactive: false,
        managed: { remote: { env: { ANTHROPIC_BASE_URL: 'https://managed.example' } } },
      }),
    );
    expect(shadowed(result.diagnostics)).toHaveLength(1);
  });

  it('a top-level scalar key (model) set by a higher source is shadowed too', async () => {
    const repo = projectWith({ model: 'opus' });
    const result = await writeSettings(sb.options('user', repo, [set(['model'], 'sonnet')], { interactive: false }));
    expect(shadowed(result.diagnostics)).toHaveLength(1);
  });

  it('a whole env object: a warning for each variable a higher source sets, none for the others (env merges per variable)', async () => {
    const repo = projectWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const result = await writeSettings(
      sb.options('user', repo, [set(['env'], { ANTHROPIC_BASE_URL: BASE_URL, ANTHROPIC_MODEL: 'opus' })], { interactive: false }),
    );
    const warnings = shadowed(result.diagnostics);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.args).toMatchObject({ setting: 'ANTHROPIC_BASE_URL' });
    const other = await writeSettings(sb.options('user', repo, [set(['env'], { ANTHROPIC_MODEL: 'opus' })], { interactive: false }));
    expect(shadowed(other.diagnostics)).toEqual([]);
  });

  it('no warning when the written scope is the higher one (local over project)', async () => {
    const repo = projectWith({ env: { ANTHROPIC_BASE_URL: 'https://project.example' } });
    const result = await writeSettings(sb.options('local', repo, [set(['env', 'ANTHROPIC_BASE_URL'], BASE_URL)], { interactive: false }));
    expect(shadowed(result.diagnostics)).toEqual([]);
  });

  it('no warning for a list key (permissions): lists combine across levels', async () => {
    const repo = projectWith({ permissions: { allow: ['Bash(ls)'] } });
    const nested = await writeSettings(sb.options('user', repo, [set(['permissions', 'allow'], ['Read'])], { interactive: false }));
    expect(shadowed(nested.diagnostics)).toEqual([]);
    const whole = await writeSettings(sb.options('user', repo, [set(['permissions'], { allow: ['Read'], deny: [] })], { interactive: false }));
    expect(shadowed(whole.diagnostics)).toEqual([]);
  });
});

describe('review: staging files, managed shadowing, backup order', () => {
  it('a write removes its own staging files left by a killed writer (older than a minute), nothing else', async () => {
    const { mkdtempSync, writeFileSync: wf, utimesSync, readdirSync: rd } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join: j } = await import('node:path');
    const dir = mkdtempSync(j(tmpdir(), 'cgc-stage-'));
    const file = j(dir, 'settings.json');
    wf(file, '{}\n');
    const old = new Date(Date.now() - 5 * 60_000);
    for (const n of ['settings.json.cgc-0a1b2c3d.tmp', 'settings.json.cgc-0a1b2c3d.tmp.12345', 'settings.json.bak', 'other.cgc-00.tmp']) {
      wf(j(dir, n), 'x');
      utimesSync(j(dir, n), old, old);
    }
    wf(j(dir, 'settings.json.cgc-ffffffff.tmp'), 'young');
    const { writeSettings: write } = await import('../src/index');
    await write({
      scope: 'cli',
      settingsFile: file,
      ops: [{ op: 'set', path: ['env', 'A'], value: '1' }],
      homeDir: dir,
      cwd: dir,
      platform: 'linux',
      env: {},
      backupDir: j(dir, 'b'),
    });
    expect(rd(dir).sort()).toEqual(['b', 'other.cgc-00.tmp', 'settings.json', 'settings.json.bak', 'settings.json.cgc-ffffffff.tmp']);
  });
});
