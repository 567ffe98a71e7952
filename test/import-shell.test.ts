/**
 * `claude-gateway import shell`: start-up files read as the shell reads them (checked against real bash),
 * never run; the CLI's preview and its write through the safe writer; the doctor's rule for a variable
 * only an interactive shell's file exports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shellExports, toolActivations } from '../src/core/import/shell';
import { doctor } from '../src/index';
import type { Diagnostic } from '../src/index';
import { runCli } from './helpers/cli-io';
import { makeCliWorld, TOKEN, TOKEN_PIECE, type CliWorld } from './helpers/cli-world';
import { makeTmp, removeTmp } from './helpers/tmp';

let tmp: string | undefined;
let world: CliWorld | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  if (tmp) removeTmp(tmp);
  tmp = undefined;
  world?.cleanup();
  world = undefined;
});

describe('shellExports (POSIX) reads values as bash assigns them', () => {
  const CORPUS = [
    'export A=plain',
    'export B=\'single $quoted "text"\'',
    'export C="double \\"escaped\\" \\$dollar \\\\ back"',
    'export D=un\\ quoted\\ spaces',
    'X=https://gw.example.com',
    'export X',
    'export E="$X/v1" F=${X}/v2 G=$X',
    'export H="multi word" I=\'x\'"y"z',
    'export J="tab\there"  # a comment',
    'declare -x K=declared',
    'typeset -x L=typeset',
    'export M=~/file',
    'export N=a=b=c',
    "export O='it'\"'\"'s'",
    'export P=',
    'if [ -n "$HOME" ]; then',
    '  export Q=inside',
    'fi',
    'export R=1; export S=2',
  ];

  it('agrees with real bash on every value of a corpus of quoting, escapes, references and forms', () => {
    tmp = makeTmp('cgc-shell-');
    const file = join(tmp, 'rc.sh');
    writeFileSync(file, `${CORPUS.join('\n')}\n`);
    const ours = shellExports(readFileSync(file, 'utf8'), 'posix', { HOME: '/home/u' });
    const names = ours.map((e) => e.name);
    expect(names).toEqual(['A', 'B', 'C', 'D', 'X', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S']);
    // bash sources the same file (its content is ours: nothing runs that the corpus does not show) and prints each value.
    const script = `. ${JSON.stringify(file)}; for n in ${names.join(' ')}; do printf '%s\\0' "\${!n}"; done`;
    const r = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { env: { HOME: '/home/u', PATH: process.env['PATH'] ?? '' }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const bash = r.stdout.split('\0').slice(0, -1);
    expect(ours.map((e) => e.value)).toEqual(bash);
    expect(ours.find((e) => e.name === 'Q')?.conditional).toBe(true);
    expect(ours.find((e) => e.name === 'A')).toMatchObject({ line: 1, column: 8 });
  });

  it('never runs anything: command substitution and unknown references are reported, not guessed', () => {
    tmp = makeTmp('cgc-shell-');
    const marker = join(tmp, 'ran');
    const text = [`export A=$(touch ${marker})`, `export B=\`touch ${marker}\``, 'export C="$UNSET_ELSEWHERE/x"', 'export D=${X:-default}', 'export E=ok'].join(
      '\n',
    );
    const found = shellExports(text, 'posix');
    expect(existsSync(marker)).toBe(false);
    expect(found.map((e) => [e.name, e.value === undefined])).toEqual([
      ['A', true],
      ['B', true],
      ['C', true],
      ['D', true],
      ['E', false],
    ]);
    expect(found[0]?.notUnderstood).toMatch(/command substitution/);
    expect(found[2]?.notUnderstood).toMatch(/UNSET_ELSEWHERE/);
  });

  it('fish and PowerShell', () => {
    expect(shellExports('set -gx ANTHROPIC_BASE_URL https://gw.example.com\nset -x A (cat f)\nset B not-exported\nset --export C "two words"', 'fish')).toEqual(
      [
        { name: 'ANTHROPIC_BASE_URL', value: 'https://gw.example.com', line: 1, column: 9 },
        { name: 'A', line: 2, column: 8, notUnderstood: 'a command substitution (…) is not run' },
        { name: 'C', value: 'two words', line: 4, column: 14 },
      ],
    );
    expect(
      shellExports(
        '$env:ANTHROPIC_BASE_URL = \'https://gw.example.com\'\n$env:A = "$env:ANTHROPIC_BASE_URL/v1"\n$env:B = "it`"s"\n$env:C = (Get-Secret x)',
        'powershell',
      ),
    ).toEqual([
      { name: 'ANTHROPIC_BASE_URL', value: 'https://gw.example.com', line: 1, column: 6 },
      { name: 'A', value: 'https://gw.example.com/v1', line: 2, column: 6 },
      { name: 'B', value: 'it"s', line: 3, column: 6 },
      { name: 'C', line: 4, column: 6, notUnderstood: 'not a quoted string' },
    ]);
  });
});

describe('claude-gateway import shell', () => {
  it('shows what the start-up files export, credentials masked, and writes it through the safe writer', async () => {
    world = makeCliWorld();
    // The backup store (env-paths) reads process.env: the world's, so no backup lands in the real home.
    for (const [k, v] of Object.entries(world.env)) vi.stubEnv(k, v);
    writeFileSync(
      join(world.home, '.zshrc'),
      `export ANTHROPIC_BASE_URL="https://gw.example.com"\nexport ANTHROPIC_AUTH_TOKEN='${TOKEN}'\nexport EDITOR=vim\n`,
    );
    const preview = await runCli(['import', 'shell', ...world.where], { env: world.env, cwd: world.cwd });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/~\/\.zshrc:1:8 +ANTHROPIC_BASE_URL = "https:\/\/gw\.example\.com"/);
    expect(preview.stdout).not.toContain(TOKEN_PIECE);
    expect(preview.stdout).not.toContain('EDITOR');
    expect(existsSync(world.userSettings)).toBe(false);
    const asJson = JSON.parse((await runCli(['import', 'shell', '--json', ...world.where], { env: world.env, cwd: world.cwd })).stdout) as {
      schemaVersion: number;
      settings: { env: Record<string, string> };
    };
    expect(asJson.schemaVersion).toBe(1);
    expect(asJson.settings.env['ANTHROPIC_BASE_URL']).toBe('https://gw.example.com');
    const written = await runCli(['import', 'shell', '--write', '--scope', 'user', ...world.where], { env: world.env, cwd: world.cwd });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`wrote ${world.userSettings}`);
    expect(written.stdout).not.toContain(TOKEN_PIECE);
    expect(JSON.parse(readFileSync(world.userSettings, 'utf8'))).toEqual({
      env: { ANTHROPIC_AUTH_TOKEN: TOKEN, ANTHROPIC_BASE_URL: 'https://gw.example.com' },
    });
  });

  it('--from reads a named file; an unknown source is a usage error', async () => {
    world = makeCliWorld();
    const file = join(world.tmp, 'gateway.fish');
    writeFileSync(file, 'set -gx ANTHROPIC_BASE_URL https://fish.example.com\n');
    const r = await runCli(['import', 'shell', '--from', file, '--json', ...world.where], { env: world.env, cwd: world.cwd });
    expect((JSON.parse(r.stdout) as { settings: { env: Record<string, string> } }).settings.env).toEqual({ ANTHROPIC_BASE_URL: 'https://fish.example.com' });
    expect((await runCli(['import', 'nope', ...world.where], { env: world.env, cwd: world.cwd })).code).toBe(2);
  });
});

describe('a start-up file that has claude-code-router set the variables', () => {
  it('eval "$(ccr activate)" (and fish, PowerShell) is named with its line and points at import claude-code-router; a comment is not', async () => {
    expect(
      toolActivations('# eval "$(ccr activate)"\nexport A=1\neval "$(ccr activate)"\nccr env | source\nccr activate | Invoke-Expression\necho success\n'),
    ).toEqual([
      { tool: 'claude-code-router', line: 3, command: 'ccr activate' },
      { tool: 'claude-code-router', line: 4, command: 'ccr env' },
      { tool: 'claude-code-router', line: 5, command: 'ccr activate' },
    ]);
    world = makeCliWorld();
    writeFileSync(join(world.home, '.zshrc'), 'export EDITOR=vim\neval "$(ccr activate)"\n');
    const r = await runCli(['import', 'shell', ...world.where], { env: world.env, cwd: world.cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('~/.zshrc (line 2) runs ccr activate when the shell starts');
    expect(r.stdout).toContain('claude-gateway import claude-code-router');
  });
});

/** A temp home (with ~/.claude) and a project folder for the doctor's shell rules. */
function doctorHome(): { home: string; cwd: string } {
  tmp = makeTmp('cgc-shell-doctor-');
  const home = join(tmp, 'home');
  const cwd = join(tmp, 'proj');
  mkdirSync(join(home, '.claude'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  return { home, cwd };
}

describe('doctor: a variable only an interactive shell sets', () => {
  it('warns for ~/.zshrc alone, not when ~/.profile or a settings file sets it too', async () => {
    const { home, cwd } = doctorHome();
    writeFileSync(join(home, '.zshrc'), 'export ANTHROPIC_BASE_URL=https://gw.example.com\n');
    const run = async (): Promise<string[]> =>
      (await doctor({ homeDir: home, cwd, platform: 'linux', env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' }, interactive: false })).diagnostics
        .filter((d) => d.code === 'doctor-shell-only-variable')
        .map((d) => `${String(d.args?.['variable'])} ${String(d.args?.['file'])}:${String(d.args?.['line'])}`);
    expect(await run()).toEqual(['ANTHROPIC_BASE_URL ~/.zshrc:1']);
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } }));
    expect(await run()).toEqual([]);
    writeFileSync(join(home, '.claude', 'settings.json'), '{}');
    writeFileSync(join(home, '.profile'), 'export ANTHROPIC_BASE_URL=https://gw.example.com\n');
    expect(await run()).toEqual([]);
  });

  it('warns for eval "$(ccr activate)" in ~/.zshrc alone, not when ~/.profile runs it too or a settings file gives the address', async () => {
    const { home, cwd } = doctorHome();
    writeFileSync(join(home, '.zshrc'), 'export EDITOR=vim\neval "$(ccr activate)"\n');
    const run = async (): Promise<Diagnostic[]> =>
      (await doctor({ homeDir: home, cwd, platform: 'linux', env: {}, interactive: false })).diagnostics.filter(
        (d) => d.code === 'doctor-shell-only-activation',
      );
    const found = await run();
    expect(found.map((d) => d.args)).toEqual([{ command: 'ccr activate', source: 'claude-code-router', file: '~/.zshrc', line: 2 }]);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.fix).toBe('Put them in ~/.claude/settings.json instead: claude-gateway import claude-code-router --write --scope user');
    writeFileSync(join(home, '.claude', 'settings.json'), JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:3456' } }));
    expect(await run()).toEqual([]);
    writeFileSync(join(home, '.claude', 'settings.json'), '{}');
    writeFileSync(join(home, '.profile'), 'eval "$(ccr activate)"\n');
    expect(await run()).toEqual([]);
  });
});
