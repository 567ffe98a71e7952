/**
 * Backups and revert on real files ("Backups and revert"): every write keeps the previous
 * bytes (or the fact that there were none), `listBackups` lists them newest first, `revert` restores
 * byte for byte and can itself be undone, old backups are pruned, and damaged backups are refused.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_BACKUPS, defaultBackupDir, listBackups, revert, writeSettings, type BackupEntry } from '../src/index';
import { filesUnder, makeSandbox, modeOf, rejectsWithCode, set, snapshot, type Sandbox } from './helpers/sandbox';
import { writeFile } from './helpers/tmp';

let sb: Sandbox;

beforeEach(() => {
  sb = makeSandbox('cgc-backup-');
});

afterEach(() => {
  sb.cleanup();
});

const userFile = (): string => join(sb.home, '.claude', 'settings.json');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const backups = (path?: string): BackupEntry[] => listBackups(path === undefined ? { backupDir: sb.backupDir } : { backupDir: sb.backupDir, path });

async function setModel(model: string, extra: Parameters<Sandbox['options']>[3] = {}): Promise<string | undefined> {
  return (await writeSettings(sb.options('user', sb.home, [set(['model'], model)], extra))).backupId;
}

/** The .bak blob files of the store. */
function blobs(): string[] {
  return filesUnder(sb.backupDir).filter((f) => f.endsWith('.bak'));
}

describe('backups: every write keeps the previous state', () => {
  it('the first write records that the file did not exist; later ones keep the previous bytes with their hash and size', async () => {
    await setModel('a');
    const afterA = readFileSync(userFile());
    await setModel('b');
    const afterB = readFileSync(userFile());
    await setModel('c');
    const list = backups(userFile());
    expect(list.map((e) => e.existed)).toEqual([true, true, false]);
    expect(list.map((e) => e.reason)).toEqual(['write', 'write', 'write']);
    expect(list.every((e) => e.path === userFile())).toBe(true);
    expect(list[0]).toMatchObject({ hash: sha(afterB), size: afterB.length });
    expect(list[1]).toMatchObject({ hash: sha(afterA), size: afterA.length });
    expect(list[2]?.hash).toBeUndefined();
    expect(blobs()).toHaveLength(2);
    for (const e of list) expect(Number.isNaN(Date.parse(e.time))).toBe(false);
  });

  it('listBackups: newest first, across files or filtered by path', async () => {
    const other = join(sb.tmp, 'other.json');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push((await setModel(`m${i}`)) as string);
      if (i % 3 === 0) await writeSettings(sb.options('cli', sb.tmp, [set(['model'], `o${i}`)], { settingsFile: other }));
    }
    expect(backups(userFile()).map((e) => e.id)).toEqual([...ids].reverse());
    expect(backups(other)).toHaveLength(3);
    expect(backups(other).every((e) => e.path === other)).toBe(true);
    const all = backups();
    expect(all).toHaveLength(11);
    const times = all.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
    expect(backups(join(sb.tmp, 'never-written.json'))).toEqual([]);
  });

  it('listBackups of an empty store is empty', () => {
    expect(backups()).toEqual([]);
  });

  it('backup blobs are mode 0600 and the store folders 0700 (they may hold credentials)', async () => {
    writeFile(userFile(), { env: { ANTHROPIC_AUTH_TOKEN: 'sk-old' } });
    await setModel('x');
    const [blob] = blobs();
    expect(blob).toBeDefined();
    expect(modeOf(join(sb.backupDir, blob as string))).toBe(0o600);
    expect(modeOf(join(sb.backupDir, (blob as string).split('/')[0] as string))).toBe(0o700);
    expect(modeOf(join(sb.backupDir, (blob as string).split('/')[0] as string, 'manifest.json'))).toBe(0o600);
  });

  it('keepBackups N keeps the N newest entries and removes the older blob files', async () => {
    writeFile(userFile(), {});
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await setModel(`m${i}`, { keepBackups: 2 })) as string);
    expect(backups(userFile()).map((e) => e.id)).toEqual([ids[4], ids[3]]);
    expect(blobs().map((f) => f.split('/')[1])).toEqual([`${ids[3]}.bak`, `${ids[4]}.bak`].sort());
    // The survivors still revert.
    await revert(ids[3] as string, { backupDir: sb.backupDir });
    expect(JSON.parse(readFileSync(userFile(), 'utf8'))).toEqual({ model: 'm2' });
  });

  it(`keeps ${DEFAULT_KEEP_BACKUPS} backups per file by default`, async () => {
    for (let i = 0; i < DEFAULT_KEEP_BACKUPS + 2; i++) await setModel(`m${i}`);
    expect(backups(userFile())).toHaveLength(DEFAULT_KEEP_BACKUPS);
    expect(blobs()).toHaveLength(DEFAULT_KEEP_BACKUPS);
  });

  it('the default store is under the env-paths data directory of claude-gateway-config', () => {
    expect(defaultBackupDir()).toMatch(/claude-gateway-config[/\\]backups$/);
  });
});

describe('revert', () => {
  const BOM_CRLF = '\uFEFF{\r\n\t"model": "sonnet",\r\n\t"env": {\r\n\t\t"A": "1"\r\n\t}\r\n}';

  it('by id: restores the bytes of a BOM/CRLF/tab file exactly', async () => {
    const file = writeFile(userFile(), BOM_CRLF);
    const original = readFileSync(file);
    const id = (await writeSettings(sb.options('user', sb.home, [set(['env', 'B'], '2'), set(['model'], 'opus')]))).backupId as string;
    expect(readFileSync(file).equals(original)).toBe(false);
    const result = await revert(id, { backupDir: sb.backupDir });
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(result).toMatchObject({ path: file, removed: false });
    expect(result.restored.id).toBe(id);
  });

  it('by path: restores the newest backup of that file', async () => {
    const file = writeFile(userFile(), BOM_CRLF);
    await setModel('one');
    const afterOne = readFileSync(file);
    await setModel('two');
    await revert(file, { backupDir: sb.backupDir });
    expect(readFileSync(file).equals(afterOne)).toBe(true);
  });

  it('an older id restores that older state, whatever came after', async () => {
    const file = writeFile(userFile(), BOM_CRLF);
    const original = readFileSync(file);
    const first = (await setModel('one')) as string;
    await setModel('two');
    await setModel('three');
    await revert(first, { backupDir: sb.backupDir });
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('reverting the backup of a file that did not exist removes the file', async () => {
    const id = (await setModel('new')) as string;
    expect(existsSync(userFile())).toBe(true);
    const result = await revert(id, { backupDir: sb.backupDir });
    expect(result.removed).toBe(true);
    expect(existsSync(userFile())).toBe(false);
  });

  it('revert takes a backup itself, so it can be undone (byte for byte)', async () => {
    const file = writeFile(userFile(), BOM_CRLF);
    const id = (await setModel('opus')) as string;
    const written = readFileSync(file);
    const result = await revert(id, { backupDir: sb.backupDir });
    const [newest] = backups(file);
    expect(newest).toMatchObject({ id: result.backupId, reason: 'revert', existed: true, hash: sha(written) });
    await revert(result.backupId, { backupDir: sb.backupDir });
    expect(readFileSync(file).equals(written)).toBe(true);
  });

  it('a revert that removed a file can be undone: the file comes back', async () => {
    const id = (await setModel('new')) as string;
    const written = readFileSync(userFile());
    const result = await revert(id, { backupDir: sb.backupDir });
    expect(existsSync(userFile())).toBe(false);
    await revert(result.backupId, { backupDir: sb.backupDir });
    expect(readFileSync(userFile()).equals(written)).toBe(true);
  });

  it('revert keeps the file mode', async () => {
    const file = writeFile(userFile(), BOM_CRLF);
    const id = (await setModel('opus')) as string;
    chmodSync(file, 0o640);
    await revert(id, { backupDir: sb.backupDir });
    expect(modeOf(file)).toBe(0o640);
  });

  it('a tampered blob is BACKUP_CORRUPT and the file is left alone', async () => {
    writeFile(userFile(), BOM_CRLF);
    const id = (await setModel('opus')) as string;
    const [blob] = blobs();
    writeFileSync(join(sb.backupDir, blob as string), '{"model":"evil"}');
    const before = snapshot(userFile());
    await rejectsWithCode(revert(id, { backupDir: sb.backupDir }), 'BACKUP_CORRUPT');
    expect(snapshot(userFile())).toEqual(before);
  });

  it('a missing blob is BACKUP_CORRUPT', async () => {
    writeFile(userFile(), BOM_CRLF);
    const id = (await setModel('opus')) as string;
    const [blob] = blobs();
    unlinkSync(join(sb.backupDir, blob as string));
    await rejectsWithCode(revert(id, { backupDir: sb.backupDir }), 'BACKUP_CORRUPT');
  });

  it('an unknown id or a path without backups is BACKUP_NOT_FOUND', async () => {
    await setModel('opus');
    await rejectsWithCode(revert('20000101T000000000Z-000000', { backupDir: sb.backupDir }), 'BACKUP_NOT_FOUND');
    await rejectsWithCode(revert(join(sb.tmp, 'nope.json'), { backupDir: sb.backupDir }), 'BACKUP_NOT_FOUND');
    await rejectsWithCode(revert('anything', { backupDir: join(sb.tmp, 'empty-store') }), 'BACKUP_NOT_FOUND');
  });

  it('backups never land outside the given backupDir: the default store gains nothing', async () => {
    const ids = (): string[] => listBackups().map((e) => e.id);
    const before = ids();
    const id = (await setModel('opus')) as string;
    expect(backups().map((e) => e.id)).toEqual([id]);
    expect(ids()).toEqual(before);
  });
});
