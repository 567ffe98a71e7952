/**
 * Files that bite, against the writers (`writeSettings`, `revert`) and the CLI, with real files:
 * FIFOs, devices, sockets and directories where a settings file should be, files too large to read,
 * read-only files, folders and mounts that cannot be written, credentials in files others can read,
 * and writers of one file that came to it by different paths or keep their backups apart.
 *
 * A case that could hang the process (a FIFO) or exhaust its memory (`/dev/zero`) runs in a child
 * process with a small heap, so that a regression fails the test instead of stopping the suite.
 * Some cases need root (`chattr +i`, a second user, a private read-only mount) or a non-root user
 * (`chmod`); each says which and is skipped only where neither works.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listBackups, revert, writeSettings, type Diagnostic } from '../../src/index';
import { processStart, withFileLock } from '../../src/node/lock';
import { WRITE_MAX_BYTES } from '../../src/node/write';
import { runCli } from '../helpers/cli-io';
import { outcomes, sandbox as relSandbox, startChild, writerOptions, type Sandbox as RelSandbox } from '../helpers/reliability-fixture';
import { filesUnder, makeSandbox, modeOf, rejectsWithCode, set, snapshot, type Sandbox } from '../helpers/sandbox';
import { writeFile } from '../helpers/tmp';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const IS_ROOT = process.getuid?.() === 0;
const POSIX = process.platform !== 'win32';
const NOBODY = { uid: 65534, gid: 65534 };

let sb: Sandbox;
/** Paths made immutable with `chattr +i`, made mutable again after each test. */
const immutable: string[] = [];

beforeEach(() => {
  sb = makeSandbox('cgc-hostile-');
});

afterEach(() => {
  for (const p of immutable.splice(0)) spawnSync('chattr', ['-i', p]);
  vi.unstubAllEnvs();
  sb.cleanup();
});

const userFile = (): string => join(sb.home, '.claude', 'settings.json');
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);
/** Every file in the backup store (none when it was never made). */
const storeFiles = (dir = sb.backupDir): string[] => (existsSync(dir) ? filesUnder(dir) : []);
/** The names in a folder other than `keep`. */
const othersIn = (dir: string, keep: string): string[] => readdirSync(dir).filter((n) => n !== keep);

/** `chattr +i` (root, on a file system that has it): true when it worked, and it is undone after the test. */
function makeImmutable(path: string): boolean {
  if (spawnSync('chattr', ['+i', path]).status !== 0) return false;
  immutable.push(path);
  return true;
}

const CAN_UNSHARE = IS_ROOT && process.platform === 'linux' && spawnSync('unshare', ['-m', 'true']).status === 0;
const CAN_CHATTR = ((): boolean => {
  if (!IS_ROOT || process.platform !== 'linux') return false;
  const probe = join(ROOT, `.chattr-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    const ok = spawnSync('chattr', ['+i', probe]).status === 0;
    if (ok) spawnSync('chattr', ['-i', probe]);
    return ok;
  } finally {
    unlinkSync(probe);
  }
})();

interface Outcome {
  ok?: boolean;
  code?: string;
  message?: string;
  diagnostics?: string[];
}

/**
 * Runs `body` (ES module code with `lib` = src/index.ts and `outcome(promise)`) in a child process
 * with a 192 MB heap, and returns what it put in `out`. A child that does not finish in `hangMs` is
 * killed and the test fails: this is how a blocking open of a FIFO shows.
 */
function isolated(body: string, hangMs = 60_000): Promise<Record<string, Outcome>> {
  const code = `import * as lib from './src/index.ts';
const out = {};
const outcome = async (p) => { try { const r = await p; return { ok: true, diagnostics: (r.diagnostics ?? []).map((d) => d.code) }; } catch (e) { return { code: e.code, message: e.message }; } };
${body}
console.log(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=192', '--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not finish: it hangs (stderr: ${stderr})`));
    }, hangMs);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      if (status !== 0) return reject(new Error(`the child failed (${status ?? signal}): ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, Outcome>);
    });
  });
}

const j = (v: unknown): string => JSON.stringify(v);

describe('files that are not regular files: FILE_NOT_REGULAR, nothing written, no backup', () => {
  it.skipIf(!POSIX)(
    'a FIFO named settings.json (user and cli scope): refused at once, never opened for a blocking read; revert onto a FIFO too',
    { timeout: 90_000 },
    async () => {
      mkdirSync(join(sb.home, '.claude'), { recursive: true });
      execFileSync('mkfifo', [userFile()]);
      const cliFile = join(sb.tmp, 'cfg', 'settings.json');
      mkdirSync(dirname(cliFile));
      execFileSync('mkfifo', [cliFile]);
      // A backup of another file, whose file is then replaced by a FIFO: revert refuses it.
      const other = writeFile(join(sb.tmp, 'other', 'settings.json'), { model: 'a' });
      const { backupId } = await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'b')], { settingsFile: other }));
      unlinkSync(other);
      execFileSync('mkfifo', [other]);
      // A backup whose blob became a FIFO, in a store of its own; and a store whose manifest is one.
      const blobStore = join(sb.tmp, 'blob-store');
      const third = writeFile(join(sb.tmp, 'third', 'settings.json'), { model: 'a' });
      const w3 = await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'b')], { settingsFile: third, backupDir: blobStore }));
      const blob = filesUnder(blobStore).find((f) => f.endsWith('.bak')) as string;
      unlinkSync(join(blobStore, blob));
      execFileSync('mkfifo', [join(blobStore, blob)]);
      const manifestStore = join(sb.tmp, 'manifest-store');
      await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'c')], { settingsFile: third, backupDir: manifestStore }));
      const manifest = join(manifestStore, filesUnder(manifestStore).find((f) => f.endsWith('manifest.json')) as string);
      unlinkSync(manifest);
      execFileSync('mkfifo', [manifest]);
      const storeBefore = storeFiles();

      const out = await isolated(`
      out.user = await outcome(lib.writeSettings(${j(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_BASE_URL'], 'https://gw.example.com')]))}));
      out.cli = await outcome(lib.writeSettings(${j(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: cliFile }))}));
      out.dry = await outcome(lib.writeSettings(${j(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: cliFile, dryRun: true }))}));
      out.revert = await outcome(lib.revert(${j(backupId)}, ${j({ backupDir: sb.backupDir })}));
      out.blob = await outcome(lib.revert(${j(w3.backupId)}, ${j({ backupDir: blobStore })}));
      out.list = { ok: true, diagnostics: lib.listBackups(${j({ backupDir: manifestStore })}).map((e) => e.id) };
    `);
      expect(out['blob']?.code).toBe('BACKUP_CORRUPT');
      expect(out['blob']?.message).toMatch(/FILE_NOT_REGULAR/);
      expect(JSON.parse(readFileSync(third, 'utf8'))).toEqual({ model: 'c' });
      // A manifest that is not a regular file is not read: that store lists nothing.
      expect(out['list']).toEqual({ ok: true, diagnostics: [] });
      for (const [name, path] of [
        ['user', userFile()],
        ['cli', cliFile],
        ['dry', cliFile],
        ['revert', other],
      ] as const) {
        expect(out[name]?.code, name).toBe('FILE_NOT_REGULAR');
        expect(out[name]?.message, name).toContain(path);
        expect(out[name]?.message, name).toContain('FIFO');
        expect(lstatSync(path).isFIFO(), name).toBe(true);
        expect(othersIn(dirname(path), 'settings.json'), `${name}: no lock or staging file`).toEqual([]);
      }
      expect(storeFiles()).toEqual(storeBefore);
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'settings files that are symlinks to /dev/zero (a repository can commit them): refused without reading, and /dev gets no lock file',
    { timeout: 90_000 },
    async () => {
      const repo = sb.repo('repo');
      mkdirSync(join(repo, '.claude'));
      symlinkSync('/dev/zero', join(repo, '.claude', 'settings.json'));
      symlinkSync('/dev/zero', join(repo, '.claude', 'settings.local.json'));
      const devBefore = readdirSync('/dev').filter((n) => n.includes('cgc'));
      // 192 MB of heap: reading /dev/zero whole would abort the child long before the answer.
      // Trusted, so that the link out of the repository (UNSAFE_SYMLINK otherwise) is followed and the device is met.
      const out = await isolated(`
      out.project = await outcome(lib.writeSettings(${j(sb.options('project', repo, [set(['model'], 'opus')], { trusted: true }))}));
      out.local = await outcome(lib.writeSettings(${j(sb.options('local', repo, [set(['env', 'ANTHROPIC_BASE_URL'], 'https://gw.example.com')], { trusted: true }))}));
      out.dry = await outcome(lib.writeSettings(${j(sb.options('local', repo, [set(['model'], 'opus')], { dryRun: true, trusted: true }))}));
      out.untrusted = await outcome(lib.writeSettings(${j(sb.options('project', repo, [set(['model'], 'opus')]))}));
    `);
      expect(out['untrusted']?.code).toBe('UNSAFE_SYMLINK');
      for (const name of ['project', 'local', 'dry']) {
        expect(out[name]?.code, name).toBe('FILE_NOT_REGULAR');
        expect(out[name]?.message, name).toMatch(/character device/);
        expect(out[name]?.message, name).toContain(join(repo, '.claude'));
      }
      expect(readdirSync('/dev').filter((n) => n.includes('cgc'))).toEqual(devBefore);
      expect(othersIn(join(repo, '.claude'), 'settings.json').sort()).toEqual(['settings.local.json']);
      expect(storeFiles()).toEqual([]);
    },
  );

  it.skipIf(!POSIX)('a socket, and a symlink to /dev/null: refused with what they are', async () => {
    const sock = join(sb.tmp, 's', 'settings.json');
    mkdirSync(dirname(sock));
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(sock, done));
    try {
      const e = await rejectsWithCode(writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: sock })), 'FILE_NOT_REGULAR');
      expect(e.message).toContain(sock);
      expect(e.message).toContain('socket');
    } finally {
      server.close();
    }
    const devNull = join(sb.tmp, 'n', 'settings.json');
    mkdirSync(dirname(devNull));
    symlinkSync('/dev/null', devNull);
    const e = await rejectsWithCode(writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: devNull })), 'FILE_NOT_REGULAR');
    expect(e.message).toMatch(/character device/);
    expect(lstatSync(devNull).isSymbolicLink()).toBe(true);
    expect(storeFiles()).toEqual([]);
  });

  it('a directory in place of the settings file: FILE_NOT_REGULAR naming it, no backup; the CLI exits 3 and names no staging file', async () => {
    mkdirSync(userFile(), { recursive: true });
    const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'FILE_NOT_REGULAR');
    expect(e.message).toContain(userFile());
    expect(e.message).toContain('directory');
    expect(storeFiles()).toEqual([]);
    expect(statSync(userFile()).isDirectory()).toBe(true);
    expect(readdirSync(userFile())).toEqual([]);

    const dataHome = join(sb.tmp, 'xdg-data');
    vi.stubEnv('XDG_DATA_HOME', dataHome);
    vi.stubEnv('HOME', sb.home);
    const r = await runCli(['set', 'TEST_X=1', '--scope', 'user', '--home', sb.home, '--cwd', sb.home, '--platform', 'linux'], {
      env: { ...sb.env, XDG_DATA_HOME: dataHome },
      cwd: sb.home,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('[FILE_NOT_REGULAR]');
    expect(r.stderr).toContain(userFile());
    expect(r.stderr).not.toMatch(/\.cgc-|\.tmp/);
    expect(storeFiles(dataHome)).toEqual([]);
  });
});

describe('a bound on what is read: FILE_TOO_LARGE', () => {
  it(`a file one byte over ${WRITE_MAX_BYTES} bytes is refused before it is read; one of exactly that size is written`, { timeout: 30_000 }, async () => {
    const big = join(sb.tmp, 'big', 'settings.json');
    mkdirSync(dirname(big));
    writeFileSync(big, '');
    truncateSync(big, WRITE_MAX_BYTES + 1); // sparse: costs no disk
    const e = await rejectsWithCode(writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: big })), 'FILE_TOO_LARGE');
    expect(e.message).toContain(big);
    expect(statSync(big).size).toBe(WRITE_MAX_BYTES + 1);
    expect(storeFiles()).toEqual([]);
    expect(othersIn(dirname(big), 'settings.json')).toEqual([]);

    const head = '{"pad":"';
    const tail = '"}\n';
    writeFileSync(big, head + 'a'.repeat(WRITE_MAX_BYTES - head.length - tail.length) + tail);
    expect(statSync(big).size).toBe(WRITE_MAX_BYTES);
    const r = await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: big }));
    expect(r.changes).toHaveLength(1);
  });
});

describe('read-only settings files: FILE_READ_ONLY unless allowReadOnly', () => {
  it.skipIf(!POSIX)(
    'a 0444 file is not replaced (a dry run says so too); allowReadOnly writes it and it stays 0444; a write that changes nothing is fine',
    async () => {
      const file = writeFile(userFile(), { model: 'sonnet' });
      chmodSync(file, 0o444);
      const before = snapshot(file);
      const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'FILE_READ_ONLY');
      expect(e.message).toContain(file);
      expect(e.message).toContain('allowReadOnly');
      await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')], { dryRun: true })), 'FILE_READ_ONLY');
      expect(snapshot(file)).toEqual(before);
      expect(modeOf(file)).toBe(0o444);
      expect(storeFiles()).toEqual([]);
      expect((await writeSettings(sb.options('user', sb.home, [set(['model'], 'sonnet')]))).changes).toEqual([]);

      const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')], { allowReadOnly: true }));
      expect(r.changes).toHaveLength(1);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'opus' });
      expect(modeOf(file)).toBe(0o444);
      // With a credential it stays read-only and becomes readable by its owner only.
      const c = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], 'sk-hostile-1')], { allowReadOnly: true }));
      expect(codes(c.diagnostics)).toContain('write-mode-tightened');
      expect(modeOf(file)).toBe(0o400);
    },
  );

  it.skipIf(!POSIX)('revert onto a read-only file is refused the same way, and allowed with allowReadOnly', async () => {
    const file = writeFile(userFile(), { model: 'sonnet' });
    const { backupId } = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    chmodSync(file, 0o444);
    const entries = listBackups({ backupDir: sb.backupDir }).length;
    await rejectsWithCode(revert(backupId as string, { backupDir: sb.backupDir }), 'FILE_READ_ONLY');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'opus' });
    expect(listBackups({ backupDir: sb.backupDir })).toHaveLength(entries);
    await revert(backupId as string, { backupDir: sb.backupDir, allowReadOnly: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });
    expect(modeOf(file)).toBe(0o444);
  });

  it.skipIf(!POSIX)('the CLI exits 3 on a read-only file', async () => {
    const file = writeFile(userFile(), { model: 'sonnet' });
    chmodSync(file, 0o444);
    const dataHome = join(sb.tmp, 'xdg-data');
    vi.stubEnv('XDG_DATA_HOME', dataHome);
    const r = await runCli(['set', 'TEST_X=1', '--scope', 'user', '--home', sb.home, '--cwd', sb.home, '--platform', 'linux'], {
      env: { ...sb.env, XDG_DATA_HOME: dataHome },
      cwd: sb.home,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('[FILE_READ_ONLY]');
    expect(storeFiles(dataHome)).toEqual([]);
  });

  it.skipIf(!IS_ROOT)(
    'another user (not root) who cannot write the file by its mode bits is refused, though the rename in its writable folder would succeed',
    { timeout: 60_000 },
    async () => {
      chmodSync(sb.tmp, 0o755);
      const s = relSandbox(sb.tmp, 'settings.json');
      writeFile(s.file, { model: 'sonnet' });
      chmodSync(dirname(s.file), 0o777);
      chmodSync(s.file, 0o644); // root's, readable by all, writable by root only
      mkdirSync(s.backupDir, { mode: 0o777 });
      chmodSync(s.backupDir, 0o777);
      const child = startChild('writer-child', { mode: 'once', ...s, ops: [set(['model'], 'opus')] }, NOBODY);
      await child.exited;
      const { done, errors } = outcomes(child);
      expect(done, child.stderr()).toEqual([]);
      expect(errors.map((e) => e.code)).toEqual(['FILE_READ_ONLY']);
      expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ model: 'sonnet' });
      expect(statSync(s.file).uid).toBe(0);
      expect(storeFiles(s.backupDir)).toEqual([]);
    },
  );
});

describe('folders and mounts that cannot be written: a coded error naming the settings file, exit 3, no trace in the backup store', () => {
  it('a file where a folder of the path should be (ENOTDIR): FILE_NOT_WRITABLE; the CLI exits 3', async () => {
    const blocker = writeFile(join(sb.tmp, 'blocker'), 'a file, not a folder');
    const path = join(blocker, 'settings.json');
    const e = await rejectsWithCode(writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: path })), 'FILE_NOT_WRITABLE');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/a part of its folder path is a file, not a folder \((ENOTDIR|EEXIST)\)/);
    expect(storeFiles()).toEqual([]);
    const dataHome = join(sb.tmp, 'xdg-data');
    vi.stubEnv('XDG_DATA_HOME', dataHome);
    const r = await runCli(['set', 'TEST_X=1', '--scope', 'cli', '--file', path, '--home', sb.home, '--cwd', sb.tmp, '--platform', 'linux'], {
      env: { ...sb.env, XDG_DATA_HOME: dataHome },
      cwd: sb.tmp,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('[FILE_NOT_WRITABLE]');
    expect(r.stderr).toContain(path);
    expect(storeFiles(dataHome)).toEqual([]);
  });

  it.skipIf(!POSIX || (IS_ROOT && !CAN_CHATTR))(
    'a folder that cannot be written (chmod 0555, or chattr +i as root): FILE_NOT_WRITABLE, bytes unchanged, no backup',
    async () => {
      const file = writeFile(userFile(), { model: 'sonnet' });
      const dir = dirname(file);
      if (IS_ROOT) expect(makeImmutable(dir)).toBe(true);
      else chmodSync(dir, 0o555);
      try {
        const before = snapshot(file);
        const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'FILE_NOT_WRITABLE');
        expect(e.message).toContain(file);
        expect(e.message).toMatch(/permission denied \((EACCES|EPERM)\)/);
        expect(e.message).not.toMatch(/\.cgc-/);
        expect(snapshot(file)).toEqual(before);
        expect(storeFiles()).toEqual([]);
        expect(readdirSync(dir)).toEqual(['settings.json']);
      } finally {
        if (!IS_ROOT) chmodSync(dir, 0o755);
      }
    },
  );

  it.skipIf(!CAN_CHATTR)(
    'the rename fails after the staging file and the backup were written (an immutable file): the backup is taken back and the staging file removed',
    async () => {
      const file = writeFile(userFile(), { model: 'sonnet' });
      expect(makeImmutable(file)).toBe(true);
      const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'FILE_NOT_WRITABLE');
      expect(e.message).toContain(file);
      expect(e.message).not.toMatch(/\.cgc-/);
      expect(listBackups({ backupDir: sb.backupDir })).toEqual([]);
      expect(storeFiles()).toEqual([]);
      expect(readdirSync(dirname(file))).toEqual(['settings.json']);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });
    },
  );

  it.skipIf(!IS_ROOT)('EACCES for real: another user writing into a folder it may not write (root owns it, 0755)', { timeout: 60_000 }, async () => {
    chmodSync(sb.tmp, 0o755);
    const s = relSandbox(sb.tmp, 'settings.json');
    writeFile(s.file, { model: 'sonnet' });
    chmodSync(dirname(s.file), 0o755);
    chmodSync(s.file, 0o666); // writable by anyone: only the folder stops the write
    mkdirSync(s.backupDir, { mode: 0o777 });
    chmodSync(s.backupDir, 0o777);
    const child = startChild('writer-child', { mode: 'once', ...s, ops: [set(['model'], 'opus')] }, NOBODY);
    await child.exited;
    const { errors } = outcomes(child);
    expect(
      errors.map((e) => e.code),
      child.stderr(),
    ).toEqual(['FILE_NOT_WRITABLE']);
    expect(errors[0]?.message).toContain(s.file);
    expect(errors[0]?.message).toContain('EACCES');
    expect(JSON.parse(readFileSync(s.file, 'utf8'))).toEqual({ model: 'sonnet' });
    expect(storeFiles(s.backupDir)).toEqual([]);
  });

  it.skipIf(!CAN_UNSHARE)(
    'EROFS for real: the CLI writing a file on a read-only mount exits 3 with FILE_NOT_WRITABLE, and keeps no backup',
    { timeout: 60_000 },
    async () => {
      const file = writeFile(join(sb.tmp, 'ro', 'settings.json'), { model: 'sonnet' });
      const dir = dirname(file);
      const dataHome = join(sb.tmp, 'xdg-data');
      const cli = `exec ${JSON.stringify(process.execPath)} dist/cli/cli.js set TEST_X=1 --scope cli --file ${JSON.stringify(file)} --home ${JSON.stringify(sb.home)} --cwd ${JSON.stringify(sb.tmp)} --platform linux`;
      const script = `mount --bind ${JSON.stringify(dir)} ${JSON.stringify(dir)} && mount -o remount,bind,ro ${JSON.stringify(dir)} && ${cli}`;
      const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { cwd: ROOT, env: { ...sb.env, XDG_DATA_HOME: dataHome }, encoding: 'utf8', timeout: 50_000 });
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toContain('[FILE_NOT_WRITABLE]');
      expect(r.stderr).toContain('EROFS');
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toMatch(/\.cgc-/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });
      expect(storeFiles(dataHome)).toEqual([]);
    },
  );

  it.skipIf(!CAN_UNSHARE)(
    'a settings file mounted on its own (a container bind-mounts one file): the rename fails with EBUSY, exit 3, FILE_NOT_WRITABLE, no backup kept',
    { timeout: 60_000 },
    async () => {
      const file = writeFile(join(sb.tmp, 'mnt', 'settings.json'), { model: 'sonnet' });
      const source = writeFile(join(sb.tmp, 'host', 'settings.json'), { model: 'sonnet' });
      const dataHome = join(sb.tmp, 'xdg-data');
      const cli = `${JSON.stringify(process.execPath)} dist/cli/cli.js set TEST_X=1 --scope cli --file ${JSON.stringify(file)} --home ${JSON.stringify(sb.home)} --cwd ${JSON.stringify(sb.tmp)} --platform linux`;
      // Inside the private namespace: the CLI's exit code, then the mounted file as the CLI left it.
      const script = `mount --bind ${JSON.stringify(source)} ${JSON.stringify(file)} && ${cli}; echo "exit=$?"; cat ${JSON.stringify(file)}`;
      const r = spawnSync('unshare', ['-m', 'sh', '-c', script], { cwd: ROOT, env: { ...sb.env, XDG_DATA_HOME: dataHome }, encoding: 'utf8', timeout: 50_000 });
      expect(r.stdout, r.stderr).toContain('exit=3');
      expect(r.stderr).toContain('[FILE_NOT_WRITABLE]');
      expect(r.stderr).toContain('EBUSY');
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toMatch(/\.cgc-/);
      expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('exit=3') + 'exit=3'.length))).toEqual({ model: 'sonnet' });
      expect(readdirSync(dirname(file))).toEqual(['settings.json']);
      expect(storeFiles(dataHome)).toEqual([]);
    },
  );

  it('a backup store that cannot be written (a file in its place): FILE_NOT_WRITABLE, nothing written, no staging file, no folder left', async () => {
    const store = writeFile(join(sb.tmp, 'store-is-a-file'), 'x');
    const file = writeFile(userFile(), { model: 'sonnet' });
    const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')], { backupDir: store })), 'FILE_NOT_WRITABLE');
    expect(e.message).toContain(file);
    expect(e.message).toContain(store);
    expect(readdirSync(dirname(file))).toEqual(['settings.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });
    // A new file in new folders: the folders made for it go again.
    const fresh = join(sb.tmp, 'new', 'deeper', 'settings.json');
    await rejectsWithCode(writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'opus')], { settingsFile: fresh, backupDir: store })), 'FILE_NOT_WRITABLE');
    expect(existsSync(join(sb.tmp, 'new'))).toBe(false);
  });
});

describe('credentials in files others can read', () => {
  it.skipIf(!POSIX)('a file that already holds a credential is narrowed to 0600 by any write (write-mode-tightened)', async () => {
    const file = writeFile(userFile(), { env: { ANTHROPIC_AUTH_TOKEN: 'sk-hostile-2' } });
    chmodSync(file, 0o644);
    const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    expect(codes(r.diagnostics)).toContain('write-mode-tightened');
    expect(modeOf(file)).toBe(0o600);
    // A file without one keeps its mode.
    const plain = writeFile(join(sb.tmp, 'plain.json'), { model: 'a' });
    chmodSync(plain, 0o644);
    const p = await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'b')], { settingsFile: plain }));
    expect(codes(p.diagnostics)).not.toContain('write-mode-tightened');
    expect(modeOf(plain)).toBe(0o644);
  });

  it.skipIf(!POSIX)('revert re-creates a deleted credential file 0600, and a deleted plain file with the mode it had', async () => {
    const first = await writeSettings(sb.options('user', sb.home, [set(['env', 'ANTHROPIC_AUTH_TOKEN'], 'sk-hostile-3')]));
    expect(first.created).toBe(true);
    expect(modeOf(userFile())).toBe(0o600);
    const second = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    unlinkSync(userFile());
    await revert(second.backupId as string, { backupDir: sb.backupDir });
    expect(JSON.parse(readFileSync(userFile(), 'utf8'))).toEqual({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-hostile-3' } });
    expect(modeOf(userFile())).toBe(0o600);

    const plain = writeFile(join(sb.tmp, 'plain.json'), { model: 'a' });
    chmodSync(plain, 0o640);
    const w = await writeSettings(sb.options('cli', sb.tmp, [set(['model'], 'b')], { settingsFile: plain }));
    unlinkSync(plain);
    await revert(w.backupId as string, { backupDir: sb.backupDir });
    expect(modeOf(plain)).toBe(0o640);
  });

  it.skipIf(!POSIX)('revert restoring bytes that hold a credential into a 0644 file narrows it (write-mode-tightened in its result)', async () => {
    const file = writeFile(userFile(), { env: { ANTHROPIC_API_KEY: 'sk-hostile-4' } });
    chmodSync(file, 0o644);
    const r = await writeSettings(sb.options('user', sb.home, [{ op: 'unset', path: ['env', 'ANTHROPIC_API_KEY'] }]));
    expect(modeOf(file)).toBe(0o644);
    const back = await revert(r.backupId as string, { backupDir: sb.backupDir });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ env: { ANTHROPIC_API_KEY: 'sk-hostile-4' } });
    expect(modeOf(file)).toBe(0o600);
    expect(codes(back.diagnostics)).toContain('write-mode-tightened');
  });

  it.skipIf(!IS_ROOT)("a writer that is not the file's owner leaves the mode and says why (write-credential-file-readable)", { timeout: 60_000 }, async () => {
    chmodSync(sb.tmp, 0o755);
    const s = relSandbox(sb.tmp, 'settings.json');
    writeFile(s.file, { model: 'sonnet' });
    chmodSync(dirname(s.file), 0o777);
    chmodSync(s.file, 0o666);
    mkdirSync(s.backupDir, { mode: 0o777 });
    chmodSync(s.backupDir, 0o777);
    const child = startChild('writer-child', { mode: 'once', ...s, ops: [set(['env', 'TEST_API_KEY'], 'sk-hostile-5')] }, NOBODY);
    await child.exited;
    expect(outcomes(child), child.stderr()).toEqual({ done: [0], errors: [] });
    const diag = child.lines.find((l) => l.startsWith('diag 0 write-credential-file-readable '));
    expect(diag).toMatch(/belongs to user 0, not to this user \(65534\)/);
    expect(modeOf(s.file)).toBe(0o666);
  });
});

describe('the lock: one per real file, taken over at once from a writer that is gone', () => {
  const lockOf = (file: string): string => join(dirname(file), `.${file.split('/').pop()}.cgc-lock`);
  const plant = (file: string, holder: Record<string, unknown>): string => {
    const lock = lockOf(file);
    writeFileSync(lock, `${JSON.stringify({ token: 'planted', time: new Date().toISOString(), ...holder })}\n`);
    return lock;
  };
  const deadPid = (): number => {
    const r = spawnSync(process.execPath, ['-e', '0']);
    return r.pid as number;
  };

  it('a lock whose holder process is gone is taken over at once (write-lock-recovered names its pid), and removed after the write', async () => {
    const file = writeFile(userFile(), {});
    const pid = deadPid();
    plant(file, { pid, host: hostname() });
    const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
    const d = r.diagnostics.find((x) => x.code === 'write-lock-recovered');
    expect(d?.message).toContain(`its holder, process ${pid}, is gone`);
    expect(existsSync(lockOf(file))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('a lock whose pid now belongs to a newer process (start time differs) is taken over', async () => {
    const file = writeFile(userFile(), {});
    const sleeper = spawn('sleep', ['30']);
    try {
      plant(file, { pid: sleeper.pid, host: hostname(), start: '1' });
      const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
      expect(r.diagnostics.find((x) => x.code === 'write-lock-recovered')?.message).toMatch(/newer process/);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a live holder is waited for and never taken over (LOCK_FAILED after the timeout, its lock untouched); one on another host or in another pid namespace only once it stops refreshing it', async () => {
    const file = writeFile(userFile(), {});
    const start = processStart(process.pid);
    const lock = plant(file, { pid: process.pid, host: hostname(), ...(start ? { start } : {}) });
    const planted = readFileSync(lock);
    const e = await rejectsWithCode(
      withFileLock(file, { timeoutMs: 300 }, async () => 'ran'),
      'LOCK_FAILED',
    );
    expect(e.message).toContain(`process ${process.pid}`);
    expect(readFileSync(lock).equals(planted)).toBe(true);

    // The same host name but another pid namespace (another container): its pid means nothing here.
    if (process.platform === 'linux') {
      plant(file, { pid: deadPid(), host: hostname(), ns: 'pid:[1]' });
      await rejectsWithCode(
        withFileLock(file, { timeoutMs: 300 }, async () => 'ran'),
        'LOCK_FAILED',
      );
    }
    plant(file, { pid: 1, host: 'another-host.example' });
    await rejectsWithCode(
      withFileLock(file, { timeoutMs: 300 }, async () => 'ran'),
      'LOCK_FAILED',
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    let info: unknown;
    expect(await withFileLock(file, { timeoutMs: 300 }, async (i) => ((info = i), 'ran'))).toBe('ran');
    expect(JSON.stringify(info)).toMatch(/has not refreshed it for \d+ s/);
    expect(existsSync(lock)).toBe(false);
  });

  it('a directory planted where the lock goes: LOCK_FAILED naming it, nothing written', async () => {
    const file = writeFile(userFile(), { model: 'sonnet' });
    mkdirSync(lockOf(file));
    const e = await rejectsWithCode(writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')])), 'LOCK_FAILED');
    expect(e.message).toContain(lockOf(file));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });
    expect(storeFiles()).toEqual([]);
  });

  it('the lock sits beside the real file: a writer through a symlinked folder finds the lock left beside the real one', async () => {
    const real = join(sb.tmp, 'dotfiles', 'claude');
    const file = writeFile(join(real, 'settings.json'), {});
    symlinkSync(real, join(sb.home, '.claude'));
    const pid = deadPid();
    plant(file, { pid, host: hostname() });
    const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')], { backupDir: join(sb.tmp, 'other-store') }));
    expect(r.diagnostics.find((x) => x.code === 'write-lock-recovered')?.message).toContain(`process ${pid}`);
    // Backups are kept under the real path, whichever path was asked for.
    expect(listBackups({ backupDir: join(sb.tmp, 'other-store') })[0]?.path).toBe(file);
    expect(listBackups({ backupDir: join(sb.tmp, 'other-store'), path: userFile() })).toHaveLength(1);
  });

  it("staging files of a writer that is gone are removed by the next write at once; a live writer's young one stays", async () => {
    const file = writeFile(userFile(), {});
    const dir = dirname(file);
    const dead = `settings.json.cgc-${deadPid()}-0a1b2c3d.tmp`;
    const sleeper = spawn('sleep', ['30']);
    try {
      const live = `settings.json.cgc-${sleeper.pid}-0a1b2c3d.tmp`;
      writeFileSync(join(dir, dead), '{"half":');
      writeFileSync(join(dir, live), '{"half":');
      await writeSettings(sb.options('user', sb.home, [set(['model'], 'opus')]));
      expect(readdirSync(dir).sort()).toEqual([live, 'settings.json'].sort());
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('orphans in the backup store (blobs no manifest lists, write-file-atomic temp files) are cleaned when a backup is taken', async () => {
    writeFile(userFile(), { model: 'a' });
    await writeSettings(sb.options('user', sb.home, [set(['model'], 'b')]));
    const [folder] = readdirSync(sb.backupDir);
    const mine = join(sb.backupDir, folder as string);
    writeFileSync(join(mine, '20200101T000000000Z-abcdef.bak'), 'orphan');
    writeFileSync(join(mine, 'manifest.json.123456'), 'temp');
    // Another file's folder: a fresh orphan may be a writer between its blob and its manifest; an old one is not.
    const other = join(sb.backupDir, 'f'.repeat(32));
    mkdirSync(other);
    writeFileSync(join(other, '20200101T000000000Z-000001.bak'), 'fresh orphan');
    writeFileSync(join(other, '20200101T000000000Z-000002.bak'), 'old orphan');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(other, '20200101T000000000Z-000002.bak'), old, old);
    const r = await writeSettings(sb.options('user', sb.home, [set(['model'], 'c')]));
    const listed = listBackups({ backupDir: sb.backupDir, path: userFile() })
      .filter((e) => e.existed)
      .map((e) => `${e.id}.bak`);
    expect(readdirSync(mine).sort()).toEqual([...listed, 'manifest.json'].sort());
    expect(listed).toContain(`${r.backupId}.bak`);
    expect(readdirSync(other)).toEqual(['20200101T000000000Z-000001.bak']);
  });
});

describe('lost updates between writers of one file that disagree on everything but the file', () => {
  it(
    '4 writer processes x 10 updates: two backup stores, a symlinked folder, a symlinked ~/.claude and CLAUDE_CONFIG_DIR; none lost',
    { timeout: 120_000 },
    async () => {
      const realDir = join(sb.tmp, 'real-claude');
      const file = writeFile(join(realDir, 'settings.json'), { model: 'sonnet' });
      symlinkSync(realDir, join(sb.tmp, 'linked'));
      const homeB = join(sb.tmp, 'home-b');
      mkdirSync(homeB);
      symlinkSync(realDir, join(homeB, '.claude'));
      const s = (name: string, path: string): RelSandbox => ({ root: sb.tmp, file: path, backupDir: join(sb.tmp, `store-${name}`) });
      const writers = [
        { ...s('a', file) },
        { ...s('b', join(sb.tmp, 'linked', 'settings.json')) },
        { ...s('c', file), extra: { scope: 'user', homeDir: homeB, env: {} } },
        { ...s('d', file), extra: { scope: 'user', homeDir: join(sb.tmp, 'home-d'), env: { CLAUDE_CONFIG_DIR: realDir } } },
      ];
      const COUNT = 10;
      const children = writers.map((w, id) => startChild('writer-child', { mode: 'vars', ...w, id, count: COUNT, wait: true }));
      await Promise.all(children.map((c) => c.waitFor((l) => l === 'ready')));
      for (const c of children) c.send('go');
      await Promise.all(children.map((c) => c.exited));
      children.forEach((c, id) => expect(outcomes(c), `writer ${id}: ${c.stderr()}`).toEqual({ done: Array.from({ length: COUNT }, (_, i) => i), errors: [] }));
      const env = (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env;
      const lost = writers.flatMap((_, id) => Array.from({ length: COUNT }, (_, i) => `TEST_${id}_${i}`)).filter((k) => env[k] === undefined);
      expect(lost).toEqual([]);
      expect(readdirSync(realDir)).toEqual(['settings.json']);
      // Each store keeps its writer's backups, under the real path.
      for (const [i, w] of writers.entries()) {
        const entries = listBackups({ backupDir: w.backupDir });
        expect(entries, `store ${i}`).toHaveLength(writerOptions(w, []).keepBackups ?? 0);
        expect(new Set(entries.map((e) => e.path))).toEqual(new Set([file]));
      }
    },
  );
});
