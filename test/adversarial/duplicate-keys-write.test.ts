/**
 * A settings file with a duplicated key: Claude Code (`JSON.parse`) reads the last copy, so a write
 * must change that one and say so, or it reports a change that does nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, writeSettings } from '../../src/index';
import { makeTmp, removeTmp, writeFile } from '../helpers/tmp';

let tmp: string;
beforeEach(() => {
  tmp = makeTmp('cgc-dup-');
});
afterEach(() => removeTmp(tmp));

describe('writeSettings on a file with a duplicated key', () => {
  it('edits the copy Claude Code reads, warns with write-duplicate-key, and the resolver then sees the new value', async () => {
    const home = join(tmp, 'home');
    const file = writeFile(
      join(home, '.claude', 'settings.json'),
      '{\n  "env": { "ANTHROPIC_MODEL": "first" },\n  "model": "sonnet",\n  "env": { "ANTHROPIC_MODEL": "last" }\n}\n',
    );
    const base = { cwd: home, homeDir: home, platform: 'linux' as const, env: {}, backupDir: join(tmp, 'backups') };
    const before = await resolveEffectiveConfig(base);
    expect(before.env['ANTHROPIC_MODEL']?.value).toBe('last');
    expect(before.diagnostics.map((d) => d.code)).toContain('settings-duplicate-key');

    const r = await writeSettings({ ...base, scope: 'user', ops: [{ op: 'set', path: ['env', 'ANTHROPIC_MODEL'], value: 'opus' }] });
    const dup = r.diagnostics.find((d) => d.code === 'write-duplicate-key');
    expect(dup?.path).toBe(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"ANTHROPIC_MODEL": "first"');
    expect(JSON.parse(text)).toEqual({ env: { ANTHROPIC_MODEL: 'opus' }, model: 'sonnet' });

    const after = await resolveEffectiveConfig(base);
    expect(after.env['ANTHROPIC_MODEL']?.value).toBe('opus');
  });
});
