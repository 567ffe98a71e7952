/**
 * Refusals a hostile repository or a protected file meets, as a person at the command line sees them:
 * the CLI names its own flags (never a library option) and the flag it names does what it says.
 * Also: a repository's settings file that is a symbolic link out of the repository is not written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFlags } from '../../src/cli/main';
import { expectOneLineFailure, runCli } from '../helpers/cli-io';
import { makeCliWorld, worldGit, type CliWorld } from '../helpers/cli-world';
import { ConfigError, writeSettings } from '../../src/index';
import { writeFile } from '../helpers/tmp';

let world: CliWorld;
beforeEach(() => {
  world = makeCliWorld('cgc-refusals-');
});
afterEach(() => world.cleanup());

const cli = (args: string[]): ReturnType<typeof runCli> => runCli([...args, ...world.where], { env: world.env, cwd: world.cwd });

describe('library option names become CLI flags in CLI messages', () => {
  it.each([
    ['if you trust this repository, pass trusted: true', 'if you trust this repository, pass --trusted'],
    ['or pass allowReadOnly to write it anyway', 'or pass --allow-read-only to write it anyway'],
    ['(or pass allowCredentialsInProject)', '(or pass --allow-credentials-in-project)'],
    ['pass convertJsonc: true to rewrite it', 'pass --convert-jsonc to rewrite it'],
    ['a rule (gitIgnoreTarget)', 'a rule (--git-ignore)'],
  ])('%s', (library, cliText) => {
    expect(withFlags(library)).toBe(cliText);
  });

  it('leaves words that merely contain an option name alone', () => {
    expect(withFlags('untrusted: true story; allowReadOnlyness')).toBe('untrusted: true story; allowReadOnlyness');
  });
});

describe('a read-only settings file', () => {
  it('is refused with a message naming --allow-read-only, and that flag writes it (keeping it read-only)', async () => {
    const file = writeFile(world.userSettings, { model: 'sonnet' });
    chmodSync(file, 0o444);
    const refused = await cli(['set', 'TEST_FLAG=1', '--scope', 'user']);
    const { message } = expectOneLineFailure(refused, 3, 'set');
    expect(message).toContain('[FILE_READ_ONLY]');
    expect(message).toContain('--allow-read-only');
    expect(message).not.toMatch(/allowReadOnly/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet' });

    const forced = await cli(['set', 'TEST_FLAG=1', '--scope', 'user', '--allow-read-only']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ model: 'sonnet', env: { TEST_FLAG: '1' } });
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });
});

describe('a repository settings file that is a symbolic link out of the repository', () => {
  /** A repository whose committed .claude/settings.local.json points at a file in the user's home. */
  function plantLink(name: 'settings.local.json' | 'settings.json'): { outside: string; before: string } {
    worldGit(world, world.cwd, 'init', '-q');
    const outside = writeFile(join(world.home, '.bashrc'), 'export PS1="$ "\n');
    mkdirSync(join(world.cwd, '.claude'), { recursive: true });
    symlinkSync(outside, join(world.cwd, '.claude', name));
    return { outside, before: readFileSync(outside, 'utf8') };
  }

  it('writeSettings refuses it (UNSAFE_SYMLINK): the file outside is untouched, no backup is taken', async () => {
    const { outside, before } = plantLink('settings.local.json');
    const backupDir = join(world.tmp, 'backups');
    const e = await writeSettings({
      scope: 'local',
      cwd: world.cwd,
      homeDir: world.home,
      platform: 'linux',
      env: world.env,
      backupDir,
      ops: [{ op: 'set', path: ['env', 'ANTHROPIC_MODEL'], value: 'opus' }],
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(ConfigError);
    if (!(e instanceof ConfigError)) return;
    expect(e.code).toBe('UNSAFE_SYMLINK');
    expect(e.message).toContain(outside);
    expect(e.message).toContain('trusted: true');
    expect(readFileSync(outside, 'utf8')).toBe(before);
    expect(existsSync(backupDir)).toBe(false);
  });

  it('the project file too, and the CLI exits 3 naming --trusted', async () => {
    const { outside, before } = plantLink('settings.json');
    const r = await cli(['set', 'ANTHROPIC_MODEL=opus', '--scope', 'project']);
    const { message } = expectOneLineFailure(r, 3, 'set');
    expect(message).toContain('[UNSAFE_SYMLINK]');
    expect(message).toContain('--trusted');
    expect(readFileSync(outside, 'utf8')).toBe(before);
  });

  it('a link that stays inside the repository is followed, and --trusted follows one that leaves it', async () => {
    worldGit(world, world.cwd, 'init', '-q');
    const inside = writeFile(join(world.cwd, 'config', 'claude.json'), { model: 'sonnet' });
    mkdirSync(join(world.cwd, '.claude'), { recursive: true });
    symlinkSync(inside, join(world.cwd, '.claude', 'settings.json'));
    const ok = await cli(['set', 'ANTHROPIC_MODEL=opus', '--scope', 'project']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(inside, 'utf8'))).toEqual({ model: 'sonnet', env: { ANTHROPIC_MODEL: 'opus' } });

    const outside = writeFile(join(world.home, 'shared-claude.json'), { model: 'sonnet' });
    const other = join(world.tmp, 'other-app');
    mkdirSync(join(other, '.claude'), { recursive: true });
    symlinkSync(outside, join(other, '.claude', 'settings.json'));
    const trusted = await runCli(
      ['set', 'ANTHROPIC_MODEL=opus', '--scope', 'project', '--trusted', '--home', world.home, '--cwd', other, '--platform', 'linux'],
      { env: world.env, cwd: other },
    );
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(readFileSync(outside, 'utf8'))).toEqual({ model: 'sonnet', env: { ANTHROPIC_MODEL: 'opus' } });
  });

  it('a symlinked .claude folder leading out of the repository is refused the same way', async () => {
    worldGit(world, world.cwd, 'init', '-q');
    const elsewhere = join(world.home, 'dotclaude');
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(world.cwd, '.claude'));
    const r = await cli(['set', 'ANTHROPIC_MODEL=opus', '--scope', 'local']);
    expectOneLineFailure(r, 3, 'set');
    expect(existsSync(join(elsewhere, 'settings.local.json'))).toBe(false);
  });
});
