/**
 * `doctor()` on real temporary directories with the library's own file system (no `fs` option), a
 * real `git` and real helper scripts (row 3), and `helperProgram`, the
 * first word of an apiKeyHelper command line as `/bin/sh` would read it.
 *
 * git runs with HOME and XDG_CONFIG_HOME inside the sandbox and no system configuration. POSIX only;
 * skipped on a machine with its own managed policy in /etc/claude-code, which would leak in.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctor, helperProgram, type DiagnosticCode, type DoctorOptions } from '../src/index';
import { gatherFacts } from '../src/node/doctor';
import { makeSandbox, type Sandbox } from './helpers/sandbox';
import { writeFile } from './helpers/tmp';

const SECRET = 'sk-gw-LEAKCHECK-doctor-5a5a';
const GW = 'https://gw.example.com';
const POSIX = process.platform !== 'win32';
const MACHINE_POLICY = existsSync('/etc/claude-code');

const REPO_CODES: DiagnosticCode[] = ['doctor-credential-in-tracked-file', 'doctor-credential-not-ignored', 'doctor-credential-in-project-file'];
const HELPER_CODES: DiagnosticCode[] = ['doctor-helper-missing', 'doctor-helper-not-executable'];

describe('helperProgram: the program an apiKeyHelper command starts', () => {
  it.each([
    ['~/bin/get-gateway-key.sh', '/home/dev/bin/get-gateway-key.sh'],
    ['~/bin/get-gateway-key.sh --profile work', '/home/dev/bin/get-gateway-key.sh'],
    ['  /usr/local/bin/get-gateway-key   --ttl 5', '/usr/local/bin/get-gateway-key'],
    ['vault kv get -field=api_key secret/llm-gateway/claude-code', 'vault'],
    ['"/opt/my tools/get key.sh" --flag "a b"', '/opt/my tools/get key.sh'],
    ["'/opt/x y/k' a b", '/opt/x y/k'],
    ['~other/bin/k', '~other/bin/k'],
    ['', ''],
  ])('%j → %j', (command, program) => {
    expect(helperProgram(command, '/home/dev')).toBe(program);
  });

  it('a quoted ~ is not expanded (/bin/sh expands only an unquoted tilde)', () => {
    expect(helperProgram('"~/bin/get-gateway-key.sh"', '/home/dev')).toBe('~/bin/get-gateway-key.sh');
    expect(helperProgram("'~/bin/k.sh' --x", '/home/dev')).toBe('~/bin/k.sh');
  });
});

describe.skipIf(!POSIX || MACHINE_POLICY)('doctor() on real directories, real git, real scripts', () => {
  let sb: Sandbox;
  let repo: string;

  beforeEach(() => {
    sb = makeSandbox('cgc-doctor-');
    repo = sb.repo('repo');
  });

  afterEach(() => {
    sb.cleanup();
  });

  const options = (cwd: string, extra: Partial<DoctorOptions> = {}): DoctorOptions => ({
    cwd,
    homeDir: sb.home,
    env: sb.env,
    platform: 'linux',
    wsl: false,
    interactive: false,
    git: { env: sb.env },
    ...extra,
  });

  const run = async (cwd: string, extra: Partial<DoctorOptions> = {}): Promise<DiagnosticCode[]> => {
    const { diagnostics } = await doctor(options(cwd, extra));
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
    return diagnostics.map((d) => d.code);
  };

  const localFile = (): string => writeFile(join(repo, '.claude', 'settings.local.json'), { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } });
  const userFile = (settings: Record<string, unknown>): string => writeFile(join(sb.home, '.claude', 'settings.json'), settings);
  const script = (path: string, mode: number): string => {
    writeFile(path, '#!/bin/sh\nprintf %s "$GATEWAY_KEY"\n');
    chmodSync(path, mode);
    return path;
  };

  it('a credential in an untracked local file git would not ignore → doctor-credential-not-ignored, at that file', async () => {
    const path = localFile();
    const { diagnostics } = await doctor(options(repo));
    const hits = diagnostics.filter((d) => REPO_CODES.includes(d.code));
    expect(hits.map((d) => [d.code, d.path, d.scope])).toEqual([['doctor-credential-not-ignored', path, 'local']]);
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  });

  it('after git add and commit → doctor-credential-in-tracked-file (and no longer "not ignored")', async () => {
    localFile();
    sb.git(repo, 'add', '.claude/settings.local.json');
    sb.git(repo, 'commit', '-q', '-m', 'oops');
    const found = await run(repo);
    expect(found.filter((c) => REPO_CODES.includes(c))).toEqual(['doctor-credential-in-tracked-file']);
  });

  it('with a .gitignore rule for the file → no repository finding', async () => {
    localFile();
    writeFile(join(repo, '.gitignore'), '.claude/settings.local.json\n');
    expect((await run(repo)).filter((c) => REPO_CODES.includes(c))).toEqual([]);
  });

  it('with the global pattern **/.claude/settings.local.json in .git/info/exclude → no repository finding', async () => {
    localFile();
    writeFile(join(repo, '.git', 'info', 'exclude'), '**/.claude/settings.local.json\n');
    expect((await run(repo)).filter((c) => REPO_CODES.includes(c))).toEqual([]);
  });

  it('the local file outside any repository → no repository finding', async () => {
    const plain = join(sb.tmp, 'plain');
    writeFile(join(plain, '.claude', 'settings.local.json'), { env: { ANTHROPIC_AUTH_TOKEN: SECRET } });
    expect((await run(plain)).filter((c) => REPO_CODES.includes(c))).toEqual([]);
  });

  it('a user settings file in a dotfiles repository (HOME under git), not ignored → doctor-credential-not-ignored for the user file', async () => {
    sb.git(sb.home, 'init', '-q');
    const path = userFile({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } });
    const { diagnostics } = await doctor(options(repo));
    expect(diagnostics.filter((d) => d.code === 'doctor-credential-not-ignored').map((d) => [d.path, d.scope])).toEqual([[path, 'user']]);
  });

  it('row 3 an apiKeyHelper pointing at a missing script → doctor-helper-missing', async () => {
    userFile({ apiKeyHelper: join(sb.tmp, 'bin', 'get-gateway-key.sh'), env: { ANTHROPIC_BASE_URL: GW } });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });

  it('an apiKeyHelper pointing at a directory → doctor-helper-missing (not a program)', async () => {
    mkdirSync(join(sb.tmp, 'bin', 'dir.sh'), { recursive: true });
    userFile({ apiKeyHelper: join(sb.tmp, 'bin', 'dir.sh') });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });

  it('an apiKeyHelper pointing at a file without execute permission → doctor-helper-not-executable', async () => {
    const path = script(join(sb.tmp, 'bin', 'get-gateway-key.sh'), 0o644);
    userFile({ apiKeyHelper: `${path} --profile work` });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-not-executable']);
  });

  it('an executable script → no helper finding', async () => {
    const path = script(join(sb.tmp, 'bin', 'get-gateway-key.sh'), 0o755);
    userFile({ apiKeyHelper: path });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
  });

  it('~/bin/get-gateway-key.sh with homeDir set: looked up under that home; executable → nothing', async () => {
    const path = script(join(sb.home, 'bin', 'get-gateway-key.sh'), 0o755);
    userFile({ apiKeyHelper: '~/bin/get-gateway-key.sh' });
    const { config } = await doctor(options(repo));
    expect((await gatherFacts(config, options(repo))).helper).toEqual({ program: path, found: true, executable: true });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
  });

  it('~/bin/get-gateway-key.sh with homeDir set and no such script there → doctor-helper-missing', async () => {
    userFile({ apiKeyHelper: '~/bin/get-gateway-key.sh' });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });

  it('a bare program name is looked up on PATH: found there → nothing; not on PATH → doctor-helper-missing', async () => {
    const bin = join(sb.tmp, 'pathbin');
    script(join(bin, 'get-gateway-key'), 0o755);
    userFile({ apiKeyHelper: 'get-gateway-key --profile work' });
    expect((await run(repo, { env: { ...sb.env, PATH: `${bin}:${sb.env['PATH'] ?? ''}` } })).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });

  it('a helper that is a shell pipeline is not looked up (no helper facts, no helper finding)', async () => {
    userFile({ apiKeyHelper: "no-such-vault-cli-3f2e kv get -field=api_key secret/llm-gateway | tr -d '\\n'", env: { ANTHROPIC_BASE_URL: GW } });
    const { config, diagnostics } = await doctor(options(repo));
    expect((await gatherFacts(config, options(repo))).helper).toBeUndefined();
    expect(diagnostics.map((d) => d.code).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
  });

  it.each(['VAULT_ADDR=https://vault.example.com get-gateway-key', 'exec /nonexistent/get-gateway-key', '. /nonexistent/gateway.env'])(
    'a command starting with an assignment or a shell built-in (%s) is not looked up as a program',
    async (command) => {
      userFile({ apiKeyHelper: command });
      const { config, diagnostics } = await doctor(options(repo));
      expect((await gatherFacts(config, options(repo))).helper).toBeUndefined();
      expect(diagnostics.map((d) => d.code).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
    },
  );

  it('a quoted "~/…" is not expanded by /bin/sh, so the helper is missing even though ~/bin/… exists', async () => {
    script(join(sb.home, 'bin', 'get-gateway-key.sh'), 0o755);
    userFile({ apiKeyHelper: '"~/bin/get-gateway-key.sh"' });
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });

  it('information rules by default, none with information: false', async () => {
    userFile({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } });
    const info: DiagnosticCode[] = ['doctor-gateway-disables-features', 'doctor-vscode-needs-settings', 'doctor-desktop-ignores-base-url'];
    expect((await run(repo)).filter((c) => info.includes(c)).sort()).toEqual([...info].sort());
    expect((await run(repo, { information: false })).filter((c) => info.includes(c))).toEqual([]);
  });

  it('with an fs option doctor gathers no facts: a missing helper script is not reported', async () => {
    userFile({ apiKeyHelper: join(sb.tmp, 'bin', 'missing.sh') });
    const { createNodeFs } = await import('../src/index');
    expect((await run(repo, { fs: createNodeFs() })).filter((c) => HELPER_CODES.includes(c))).toEqual([]);
    expect((await run(repo)).filter((c) => HELPER_CODES.includes(c))).toEqual(['doctor-helper-missing']);
  });
});
