/**
 * The resolver on real temporary directories, with real `git`, FIFOs and symbolic links: what the
 * in-memory file system can't prove. POSIX only (mkfifo, git).
 *
 * Every resolution uses the real Node file system. The machine's own managed directory
 * (/etc/claude-code) is mapped into the temp directory so that it can't leak into a test; one
 * test runs with no `fs` option at all (the library's default) when the machine has none.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type Diagnostic, type EffectiveConfig, type ResolveOptions, type SourceInfo } from '../src/index';
import { git, gitInit, isolatedNodeFs, makeTmp, removeTmp, writeFile } from './helpers/tmp';

const MiB = 1024 * 1024;
const uid = process.getuid?.() ?? 0;

let tmp: string;
let home: string;

beforeEach(() => {
  tmp = makeTmp('cgc-real-');
  home = join(tmp, 'home', 'user');
  mkdirSync(home, { recursive: true });
});

afterEach(() => {
  removeTmp(tmp);
});

/** Options for a Linux resolution on the real file system, with everything explicit. */
function options(cwd: string, extra: ResolveOptions = {}): ResolveOptions {
  return { platform: 'linux', homeDir: home, cwd, env: {}, interactive: false, wsl: false, uid, fs: isolatedNodeFs(tmp), ...extra };
}

function resolve(cwd: string, extra: ResolveOptions = {}): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(options(cwd, extra));
}

function mkdir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The diagnostic codes about the files (these layouts hold no credential: `claude -p` would stop with credential-not-logged-in). */
function codes(config: EffectiveConfig): string[] {
  return config.diagnostics.map((d) => d.code).filter((c) => c !== 'credential-not-logged-in');
}

function only(config: EffectiveConfig, code: Diagnostic['code']): Diagnostic {
  const found = config.diagnostics.filter((d) => d.code === code);
  expect(found, `exactly one ${code} in ${JSON.stringify(config.diagnostics)}`).toHaveLength(1);
  return found[0] as Diagnostic;
}

function sources(config: EffectiveConfig, scope: SourceInfo['scope']): SourceInfo[] {
  return config.sources.filter((s) => s.scope === scope);
}

const userFile = (): string => join(home, '.claude', 'settings.json');
const projectFile = (dir: string): string => join(dir, '.claude', 'settings.json');
const localFile = (dir: string): string => join(dir, '.claude', 'settings.local.json');

describe('precedence of user, project and local files on disk', () => {
  let repo: string;

  beforeEach(() => {
    repo = gitInit(home, join(home, 'work', 'repo'));
    writeFile(userFile(), {
      model: 'user-model',
      env: { GW_LEVEL: 'user', ANTHROPIC_BASE_URL: 'https://user.example.com', ONLY_USER: 'u' },
      permissions: { allow: ['Bash(user)'] },
    });
    writeFile(projectFile(repo), {
      model: 'project-model',
      env: { GW_LEVEL: 'project', ANTHROPIC_BASE_URL: 'https://project.example.com', ONLY_PROJECT: 'p' },
      permissions: { allow: ['Bash(project)'] },
    });
    writeFile(localFile(repo), {
      env: { GW_LEVEL: 'local', ANTHROPIC_BASE_URL: 'https://local.example.com', ONLY_LOCAL: 'l' },
      permissions: { allow: ['Bash(local)'] },
    });
  });

  it('local > project > user per variable and per key; lists combine; settings beat the shell', async () => {
    const config = await resolve(repo, { env: { GW_LEVEL: 'shell', ONLY_SHELL: 's' } });
    expect(codes(config)).toEqual([]);
    const level = config.env['GW_LEVEL'];
    expect(level?.value).toBe('local');
    expect(level?.source).toEqual({ scope: 'local', path: localFile(repo) });
    expect(level?.overridden.map((o) => [o.value, o.source.scope])).toEqual([
      ['project', 'project'],
      ['user', 'user'],
      ['shell', 'shell'],
    ]);
    expect(config.baseUrl?.value).toBe('https://local.example.com');
    expect(config.env['ONLY_USER']?.source).toEqual({ scope: 'user', path: userFile() });
    expect(config.env['ONLY_PROJECT']?.source).toEqual({ scope: 'project', path: projectFile(repo) });
    expect(config.env['ONLY_LOCAL']?.value).toBe('l');
    expect(config.env['ONLY_SHELL']?.source).toEqual({ scope: 'shell' });
    expect(config.settings['model']).toBe('project-model');
    expect(config.keys['model']?.source).toEqual({ scope: 'project', path: projectFile(repo) });
    const allow = (config.settings['permissions'] as { allow: string[] }).allow;
    expect([...allow].sort()).toEqual(['Bash(local)', 'Bash(project)', 'Bash(user)']);
    expect(config.gitRoot).toBe(repo);
    for (const scope of ['user', 'project', 'local'] as const) expect(sources(config, scope).map((s) => s.status)).toEqual(['loaded']);
  });

  it('a --settings file (relative to the start directory) beats the local file', async () => {
    writeFile(join(repo, 'ci-settings.json'), { env: { GW_LEVEL: 'cli' }, model: 'cli-model' });
    const config = await resolve(repo, { settingsFlag: 'ci-settings.json' });
    expect(config.env['GW_LEVEL']?.value).toBe('cli');
    expect(config.env['GW_LEVEL']?.source).toEqual({ scope: 'cli', path: join(repo, 'ci-settings.json') });
    expect(config.env['GW_LEVEL']?.overridden.map((o) => o.source.scope)).toEqual(['local', 'project', 'user']);
    expect(config.settings['model']).toBe('cli-model');
    // Keys the flag omits keep the file values.
    expect(config.baseUrl?.value).toBe('https://local.example.com');
  });

  it('--setting-sources user leaves project and local out', async () => {
    const config = await resolve(repo, { settingSources: ['user'] });
    expect(config.env['GW_LEVEL']?.value).toBe('user');
    expect(sources(config, 'project').map((s) => s.status)).toEqual(['excluded']);
    expect(sources(config, 'local').map((s) => s.status)).toEqual(['excluded']);
  });

  it.skipIf(existsSync('/etc/claude-code'))('the same precedence with the default file system (no fs option)', async () => {
    const withDefaultFs: ResolveOptions = { ...options(repo) };
    delete withDefaultFs.fs;
    const config = await resolveEffectiveConfig(withDefaultFs);
    expect(config.env['GW_LEVEL']?.value).toBe('local');
    expect(config.env['ONLY_USER']?.value).toBe('u');
    expect(config.managedOrigin).toBeUndefined();
  });
});

describe('where the local file is read, with real git repositories', () => {
  it('from 2.1.211, started in a subdirectory: the local file at the git root applies', async () => {
    const repo = gitInit(home, join(home, 'work', 'repo'));
    const sub = join(repo, 'packages', 'app');
    mkdirSync(sub, { recursive: true });
    writeFile(localFile(repo), { env: { LOCAL_FROM: 'root' } });
    // the shared project file is read only in the start directory, never at the root.
    writeFile(projectFile(repo), { env: { PROJECT_FROM: 'root' } });
    for (const version of ['2.1.211', undefined]) {
      const config = await resolve(sub, version ? { claudeCodeVersion: version } : {});
      expect(config.env['LOCAL_FROM']?.value, `version ${version ?? 'latest'}`).toBe('root');
      expect(config.env['LOCAL_FROM']?.source).toEqual({ scope: 'local', path: localFile(repo) });
      expect(config.env['PROJECT_FROM']).toBeUndefined();
      expect(sources(config, 'project')[0]).toMatchObject({ path: projectFile(sub), status: 'missing' });
      expect(config.gitRoot).toBe(repo);
    }
  });

  it('from 2.1.211 a leftover local file in the start directory is still read; the root file wins on conflicts', async () => {
    const repo = gitInit(home, join(home, 'work', 'repo'));
    const sub = join(repo, 'sub');
    writeFile(localFile(repo), { env: { BOTH: 'root' } });
    writeFile(localFile(sub), { env: { BOTH: 'leftover', ONLY_LEFTOVER: 'yes' } });
    const config = await resolve(sub);
    expect(config.env['BOTH']?.value).toBe('root');
    expect(config.env['BOTH']?.overridden[0]).toMatchObject({ value: 'leftover', source: { scope: 'local', path: localFile(sub) } });
    expect(config.env['ONLY_LEFTOVER']?.value).toBe('yes');
  });

  it('claudeCodeVersion 2.1.210: the local file is read in the start directory, not at the git root', async () => {
    const repo = gitInit(home, join(home, 'work', 'repo'));
    const sub = join(repo, 'packages', 'app');
    writeFile(localFile(repo), { env: { LOCAL_FROM: 'root', ONLY_ROOT: 'r' } });
    writeFile(localFile(sub), { env: { LOCAL_FROM: 'start-dir' } });
    const config = await resolve(sub, { claudeCodeVersion: '2.1.210' });
    expect(config.env['LOCAL_FROM']?.value).toBe('start-dir');
    expect(config.env['LOCAL_FROM']?.source).toEqual({ scope: 'local', path: localFile(sub) });
    expect(config.env['ONLY_ROOT']).toBeUndefined();
    expect(sources(config, 'local').map((s) => s.path)).toEqual([localFile(sub)]);
  });

  it('a linked worktree made with `git worktree add` resolves the local file at the main checkout', async () => {
    const main = gitInit(home, join(home, 'code', 'main'));
    git(home, main, 'commit', '-q', '--allow-empty', '-m', 'init');
    const wt = join(home, 'code', 'feature-wt');
    git(home, main, 'worktree', 'add', '-q', '--detach', wt);
    expect(statSync(join(wt, '.git')).isFile()).toBe(true); // a real linked worktree: .git is a file
    const start = join(wt, 'src');
    mkdirSync(start, { recursive: true });
    writeFile(localFile(main), { env: { LOCAL_FROM: 'main-checkout' } });
    const config = await resolve(start);
    expect(config.gitRoot).toBe(main);
    expect(config.env['LOCAL_FROM']?.value).toBe('main-checkout');
    expect(config.env['LOCAL_FROM']?.source).toEqual({ scope: 'local', path: localFile(main) });
  });

  it('in a linked worktree, workspace trust is keyed by the main checkout', async () => {
    const main = gitInit(home, join(home, 'code', 'main'));
    git(home, main, 'commit', '-q', '--allow-empty', '-m', 'init');
    const wt = join(home, 'code', 'wt');
    git(home, main, 'worktree', 'add', '-q', '--detach', wt);
    writeFile(join(home, '.claude.json'), { projects: { [main]: { hasTrustDialogAccepted: true } } });
    writeFile(localFile(main), { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } });
    const config = await resolve(wt, { interactive: true });
    expect(config.trust).toMatchObject({ trusted: true, key: main });
    expect(config.baseUrl?.value).toBe('https://gw.example.com');
    expect(config.pendingTrust).toEqual([]);
  });

  it('outside a git repository the local file stays in the start directory', async () => {
    const dir = join(home, 'scratch');
    writeFile(localFile(dir), { env: { LOCAL_FROM: 'start-dir' } });
    const config = await resolve(dir);
    expect(config.gitRoot).toBeUndefined();
    expect(config.env['LOCAL_FROM']?.source).toEqual({ scope: 'local', path: localFile(dir) });
  });

  it('when the repository root is the home directory the local file stays in the start directory', async () => {
    gitInit(home, home);
    const start = join(home, 'proj');
    writeFile(localFile(home), { env: { LOCAL_FROM: 'home' } });
    writeFile(localFile(start), { env: { LOCAL_FROM: 'start-dir' } });
    const config = await resolve(start);
    expect(config.env['LOCAL_FROM']?.value).toBe('start-dir');
    expect(sources(config, 'local').map((s) => s.path)).toEqual([localFile(start)]);
  });

  it.skipIf(uid !== 0)('when the repository root is owned by another user the local file stays in the start directory', async () => {
    const repo = gitInit(home, join(home, 'work', 'shared'));
    const start = join(repo, 'sub');
    writeFile(localFile(repo), { env: { LOCAL_FROM: 'root' } });
    writeFile(localFile(start), { env: { LOCAL_FROM: 'start-dir' } });
    chownSync(repo, 4242, 4242);
    const config = await resolve(start);
    expect(config.env['LOCAL_FROM']?.value).toBe('start-dir');
    expect(sources(config, 'local').map((s) => s.path)).toEqual([localFile(start)]);
  });
});

describe('--settings must be a regular file of at most 2 MiB', () => {
  let repo: string;
  let holder: ChildProcess | undefined;

  beforeEach(() => {
    repo = join(home, 'work', 'repo');
    mkdirSync(repo, { recursive: true });
    writeFile(userFile(), { env: { FROM_USER: 'yes' } });
  });

  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
  });

  function flagSource(config: EffectiveConfig): SourceInfo | undefined {
    return sources(config, 'cli')[0];
  }

  it('a directory gives settings-flag-directory (EISDIR) and the other files still apply', async () => {
    const dir = join(repo, 'settings.d');
    mkdirSync(dir);
    const config = await resolve(repo, { settingsFlag: dir });
    const d = only(config, 'settings-flag-directory');
    expect(d).toMatchObject({ severity: 'error', scope: 'cli', path: dir });
    expect(flagSource(config)?.status).toBe('invalid');
    expect(config.env['FROM_USER']?.value).toBe('yes');
  });

  it('a FIFO gives settings-flag-not-regular and is never read', { timeout: 20_000 }, async () => {
    const fifo = join(repo, 'settings.fifo');
    execFileSync('mkfifo', [fifo]);
    // Guard: a child holds the FIFO open for writing for a few seconds, so that a regression that
    // reads the FIFO fails (it sees EOF when the child exits) instead of blocking the test run.
    const fd = openSync(fifo, 'r+');
    holder = spawn('sleep', ['8'], { stdio: [fd, 'ignore', 'ignore'] });
    closeSync(fd);
    const config = await resolve(repo, { settingsFlag: fifo });
    // Order, not time: the resolver was done while the FIFO's writer still held it open (a read would have waited for it).
    expect(holder?.exitCode).toBeNull();
    const d = only(config, 'settings-flag-not-regular');
    expect(d).toMatchObject({ severity: 'error', scope: 'cli', path: fifo, args: { file: fifo } });
    expect(flagSource(config)?.status).toBe('invalid');
  });

  it('a user settings file that is a FIFO (read first, as the user file is) never blocks and is reported unreadable', { timeout: 20_000 }, async () => {
    rmSync(userFile(), { force: true });
    execFileSync('mkfifo', [userFile()]);
    const fd = openSync(userFile(), 'r+');
    holder = spawn('sleep', ['8'], { stdio: [fd, 'ignore', 'ignore'] });
    closeSync(fd);
    const config = await resolve(repo);
    // Order, not time: the resolver was done while the FIFO's writer still held it open (a read would have waited for it).
    expect(holder?.exitCode).toBeNull();
    expect(sources(config, 'user')[0]?.status).toBe('invalid');
    expect(codes(config)).toContain('settings-unreadable');
  });

  it('a file over 2 MiB gives settings-flag-too-large', async () => {
    const big = writeFile(join(repo, 'big.json'), `{"env":{"FROM_FLAG":"yes"}}${' '.repeat(2 * MiB + 1 - 27)}`);
    expect(statSync(big).size).toBe(2 * MiB + 1);
    const config = await resolve(repo, { settingsFlag: big });
    const d = only(config, 'settings-flag-too-large');
    expect(d).toMatchObject({ severity: 'error', scope: 'cli', path: big, args: { file: big, size: 2 * MiB + 1, limit: 2 * MiB } });
    expect(config.env['FROM_FLAG']).toBeUndefined();
    expect(config.env['FROM_USER']?.value).toBe('yes');
  });

  it('a file of exactly 2 MiB is accepted', async () => {
    const edge = writeFile(join(repo, 'edge.json'), `{"env":{"FROM_FLAG":"yes"}}${' '.repeat(2 * MiB - 27)}`);
    expect(statSync(edge).size).toBe(2 * MiB);
    const config = await resolve(repo, { settingsFlag: edge });
    expect(codes(config)).toEqual([]);
    expect(config.env['FROM_FLAG']?.source).toEqual({ scope: 'cli', path: edge });
  });

  it('before 2.1.214 (no size check) a file over 2 MiB is read', async () => {
    const big = writeFile(join(repo, 'big.json'), `{"env":{"FROM_FLAG":"yes"}}${' '.repeat(2 * MiB + 1 - 27)}`);
    const config = await resolve(repo, { settingsFlag: big, claudeCodeVersion: '2.1.213' });
    expect(codes(config)).not.toContain('settings-flag-too-large');
    expect(config.env['FROM_FLAG']?.value).toBe('yes');
  });

  it('a path that does not exist gives settings-flag-not-found', async () => {
    const config = await resolve(repo, { settingsFlag: 'nope.json' });
    expect(only(config, 'settings-flag-not-found').path).toBe(join(repo, 'nope.json'));
  });
});

describe('settings files are strict JSON', () => {
  const COMMENTED = ['{', '  "env": {', '    // the corporate gateway', '    "ANTHROPIC_BASE_URL": "https://gw.example.com"', '  }', '}', ''];

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('a project file with a // comment (%s line ends) is ignored whole: settings-jsonc at line 3, column 5', async (_name, eol) => {
    const repo = join(home, 'work', 'repo');
    const file = writeFile(projectFile(repo), COMMENTED.join(eol));
    writeFile(userFile(), { env: { FROM_USER: 'yes' } });
    const config = await resolve(repo);
    const d = only(config, 'settings-jsonc');
    expect(d).toMatchObject({ severity: 'error', scope: 'project', path: file, line: 3, column: 5 });
    expect(sources(config, 'project')[0]?.status).toBe('invalid');
    expect(config.baseUrl).toBeUndefined();
    expect(config.env['FROM_USER']?.value).toBe('yes');
  });
});

describe('symbolic links', () => {
  it('a symlinked user settings file is followed', async () => {
    const target = writeFile(join(home, 'dotfiles', 'claude', 'settings.json'), { env: { ANTHROPIC_BASE_URL: 'https://dotfiles.example.com' } });
    mkdirSync(join(home, '.claude'), { recursive: true });
    symlinkSync(target, userFile());
    // Not started in the home directory: there ~/.claude/settings.json would also be the project file.
    const config = await resolve(mkdir(join(home, 'work')));
    expect(config.baseUrl?.value).toBe('https://dotfiles.example.com');
    expect(config.baseUrl?.source).toEqual({ scope: 'user', path: userFile() });
    expect(sources(config, 'user')[0]?.status).toBe('loaded');
  });

  it('a project whose .claude directory is a (relative) symlink is read through it', async () => {
    const repo = join(home, 'work', 'repo');
    writeFile(join(repo, 'config', 'claude', 'settings.json'), { env: { FROM_PROJECT: 'via-link' } });
    symlinkSync(join('config', 'claude'), join(repo, '.claude'));
    const config = await resolve(repo);
    expect(config.env['FROM_PROJECT']?.value).toBe('via-link');
  });

  it('a dangling symlink counts as a missing file, not an error', async () => {
    mkdirSync(join(home, '.claude'), { recursive: true });
    symlinkSync(join(home, 'nowhere.json'), userFile());
    const config = await resolve(mkdir(join(home, 'work')));
    expect(sources(config, 'user')[0]?.status).toBe('missing');
    expect(codes(config)).toEqual([]);
  });

  it('--settings through a symlink to a FIFO is still refused as not regular', async () => {
    const repo = join(home, 'work', 'repo');
    mkdirSync(repo, { recursive: true });
    const fifo = join(repo, 'pipe');
    execFileSync('mkfifo', [fifo]);
    symlinkSync(fifo, join(repo, 'settings.json'));
    // No holder needed for the assertion; a regression would block, so keep one anyway.
    const fd = openSync(fifo, 'r+');
    const holder = spawn('sleep', ['8'], { stdio: [fd, 'ignore', 'ignore'] });
    closeSync(fd);
    try {
      const config = await resolve(repo, { settingsFlag: join(repo, 'settings.json') });
      expect(only(config, 'settings-flag-not-regular').path).toBe(join(repo, 'settings.json'));
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('entries that are not regular files, and drop-ins read from a real directory', () => {
  let holder: ChildProcess | undefined;

  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
  });

  /** A FIFO that a child holds open for writing for a few seconds (so a regression fails instead of hanging). */
  function guardedFifo(path: string): string {
    mkdirSync(join(path, '..'), { recursive: true });
    execFileSync('mkfifo', [path]);
    const fd = openSync(path, 'r+');
    holder = spawn('sleep', ['8'], { stdio: [fd, 'ignore', 'ignore'] });
    closeSync(fd);
    return path;
  }

  it('a FIFO in place of the project settings file is never read: settings-unreadable, the rest applies', { timeout: 20_000 }, async () => {
    const repo = mkdir(join(home, 'work', 'repo'));
    const fifo = guardedFifo(projectFile(repo));
    writeFile(userFile(), { env: { FROM_USER: 'yes' } });
    const config = await resolve(repo);
    // Order, not time: the resolver was done while the FIFO's writer still held it open (a read would have waited for it).
    expect(holder?.exitCode).toBeNull();
    expect(only(config, 'settings-unreadable')).toMatchObject({ scope: 'project', path: fifo });
    expect(sources(config, 'project')[0]?.status).toBe('invalid');
    expect(config.env['FROM_USER']?.value).toBe('yes');
  });

  it(
    'drop-ins merge in alphabetical order whatever the directory order; hidden, non-.json, directory and FIFO entries contribute nothing',
    { timeout: 20_000 },
    async () => {
      const managed = join(tmp, 'etc', 'claude-code'); // where isolatedNodeFs puts /etc/claude-code
      const dropIns = join(managed, 'managed-settings.d');
      writeFile(join(managed, 'managed-settings.json'), { env: { ORDER: 'file', FROM_FILE: 'yes' }, permissions: { deny: ['Bash(rm:*)'] } });
      // Created in reverse alphabetical order on purpose.
      writeFile(join(dropIns, '2-late.json'), { env: { ORDER: '2-late' }, permissions: { deny: ['Bash(curl:*)'] } });
      writeFile(join(dropIns, '10-early.json'), { env: { ORDER: '10-early', FROM_DROPIN: 'yes' }, permissions: { deny: ['Bash(rm:*)'] } });
      writeFile(join(dropIns, '.99-hidden.json'), { env: { ORDER: 'hidden' } });
      writeFile(join(dropIns, '50-notes.md'), '{"env":{"ORDER":"markdown"}}');
      mkdirSync(join(dropIns, '60-dir.json'));
      guardedFifo(join(dropIns, '70-pipe.json'));
      const repo = mkdir(join(home, 'work', 'repo'));
      const config = await resolve(repo);
      // Order, not time: the resolver was done while the FIFO's writer still held it open (a read would have waited for it).
      expect(holder?.exitCode).toBeNull();
      expect(config.managedOrigin).toBe('file + drop-ins');
      expect(config.env['ORDER']?.value).toBe('2-late');
      expect(config.env['ORDER']?.source).toEqual({ scope: 'managed', origin: 'drop-in', path: '/etc/claude-code/managed-settings.d/2-late.json' });
      expect(config.env['FROM_FILE']?.value).toBe('yes');
      expect(config.env['FROM_DROPIN']?.value).toBe('yes');
      expect((config.settings['permissions'] as { deny: string[] }).deny).toEqual(['Bash(rm:*)', 'Bash(curl:*)']);
      const seen = sources(config, 'managed').map((s) => s.path);
      expect(seen).not.toContain('/etc/claude-code/managed-settings.d/.99-hidden.json');
      expect(seen).not.toContain('/etc/claude-code/managed-settings.d/50-notes.md');
      expect(seen).not.toContain('/etc/claude-code/managed-settings.d/60-dir.json');
      expect(only(config, 'settings-unreadable').path).toBe('/etc/claude-code/managed-settings.d/70-pipe.json');
    },
  );
});
