/**
 * (, "Running apiKeyHelper"): real helper scripts on disk, run through /bin/sh as the
 * user settings configure them: exit codes, empty, noisy, long and non-ASCII output, the timeout
 * (and the process really stopped), the trust refusal, the cache and the environment.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearHelperCache,
  DEFAULT_HELPER_TIMEOUT_MS,
  HELPER_MAX_LENGTH,
  resolveEffectiveConfig,
  runApiKeyHelper,
  validateHelperOutput,
  type EffectiveConfig,
  type HelperResult,
} from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { makeTmp, removeTmp } from './helpers/tmp';

const KEY = 'sk-helper-RUN-0123456789abcdef';
const isWindows = process.platform === 'win32';

let dir: string;
let counter = 0;

/** Writes an executable `#!/bin/sh` script and returns its path. */
function script(body: string): string {
  counter += 1;
  const path = join(dir, `helper-${counter}.sh`);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A fresh marker path in the temp directory. */
function marker(name: string): string {
  counter += 1;
  return join(dir, `${name}-${counter}`);
}

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec }));
}

/** A configuration whose apiKeyHelper (in user settings) is `command`. */
function userHelper(command: string, extra: Omit<LayoutSpec, 'user'> & { userEnv?: Record<string, string> } = {}): Promise<EffectiveConfig> {
  const { userEnv, ...rest } = extra;
  return resolve({ ...rest, user: { apiKeyHelper: command, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ...userEnv } } });
}

function run(config: EffectiveConfig, options: Parameters<typeof runApiKeyHelper>[1] = {}): Promise<HelperResult> {
  return runApiKeyHelper(config, { cwd: dir, ...options });
}

function runs(countFile: string): number {
  return existsSync(countFile) ? readFileSync(countFile, 'utf8').split('\n').filter(Boolean).length : 0;
}

beforeAll(() => {
  dir = makeTmp('cgc-helper-run-');
});

afterAll(() => {
  removeTmp(dir);
});

beforeEach(() => {
  clearHelperCache();
});

describe.skipIf(isWindows)('running the helper through /bin/sh', () => {
  it('exit 0 with a key → ok, the value, not cached', async () => {
    const result = await run(await userHelper(script(`printf '%s' '${KEY}'`)));
    expect(result.outcome).toBe('ok');
    expect(result.ok).toBe(true);
    expect(result.value).toBe(KEY);
    expect(result.cached).toBe(false);
  });

  it('a key with a trailing newline → ok, without the newline', async () => {
    const result = await run(await userHelper(script(`echo '${KEY}'`)));
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe(KEY);
  });

  it('the command line is run by /bin/sh -c (a pipeline works)', async () => {
    const result = await run(await userHelper(`printf 'abc-%s' "$((40 + 2))" | tr 'a-c' 'x-z'`));
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe('xyz-42');
  });

  it('row 3: exit 3 → exit-code 3 with stderr captured, no value', async () => {
    const result = await run(await userHelper(script(`echo 'vault: permission denied' >&2\nexit 3`)));
    expect(result.outcome).toBe('exit-code');
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('vault: permission denied');
    expect(result.value).toBeUndefined();
  });

  it('what Claude Code shows for a failing helper follows the version (named from 2.1.208, a plain 401 before)', async () => {
    const now = await run(await userHelper(script('exit 3')), { useCache: false });
    expect(now.message).toContain('Your apiKeyHelper script is failing');
    const old = await run(await userHelper(script('exit 3'), { claudeCodeVersion: '2.1.207' }), { useCache: false });
    expect(old.message).toContain('plain 401');
    expect(old.message).not.toContain('script is failing');
  });

  it('row 3: no output → empty', async () => {
    const result = await run(await userHelper(script('exit 0')));
    expect(result.outcome).toBe('empty');
    expect(result.ok).toBe(false);
  });

  it('whitespace-only output before 2.1.227 → empty (trimmed)', async () => {
    const result = await run(await userHelper(script(`printf '  \\n\\n'`), { claudeCodeVersion: '2.1.226' }));
    expect(result.outcome).toBe('empty');
  });

  it('a banner line plus the key → invalid-output from 2.1.227', async () => {
    const noisy = script(`echo 'Welcome to Vault'\necho '${KEY}'`);
    for (const claudeCodeVersion of ['2.1.227', '2.1.236']) {
      const result = await run(await userHelper(noisy, { claudeCodeVersion }), { useCache: false });
      expect(result.outcome).toBe('invalid-output');
      expect(result.value).toBeUndefined();
    }
  });

  it('the same noisy output before 2.1.227 (2.1.226) → ok, the whole output trimmed', async () => {
    const noisy = script(`echo '  Welcome to Vault'\necho '${KEY}  '\necho`);
    const result = await run(await userHelper(noisy, { claudeCodeVersion: '2.1.226' }));
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe(`Welcome to Vault\n${KEY}`);
  });

  it(`a key of ${HELPER_MAX_LENGTH + 1} characters → invalid-output; exactly ${HELPER_MAX_LENGTH} → ok`, async () => {
    const long = await run(await userHelper(script(`head -c ${HELPER_MAX_LENGTH + 1} /dev/zero | tr '\\0' 'k'`)));
    expect(long.outcome).toBe('invalid-output');
    const max = await run(await userHelper(script(`head -c ${HELPER_MAX_LENGTH} /dev/zero | tr '\\0' 'k'`)));
    expect(max.outcome).toBe('ok');
    expect(max.value).toHaveLength(HELPER_MAX_LENGTH);
  });

  it('non-ASCII output → invalid-output', async () => {
    const result = await run(await userHelper(script(`printf 'sk-cl\\303\\251-0123456789'`)));
    expect(result.outcome).toBe('invalid-output');
  });

  it('timeout: a slow helper (sleep 2) with timeoutMs 200 → timeout, and it is really stopped', async () => {
    const done = marker('slow-finished');
    const result = await run(await userHelper(script(`sleep 2\ntouch '${done}'\necho '${KEY}'`)), { timeoutMs: 200 });
    expect(result.outcome).toBe('timeout');
    expect(result.value).toBeUndefined();
    // Order, not time: the answer came before the helper could have finished, and it never did.
    expect(existsSync(done)).toBe(false);
    await new Promise((r) => setTimeout(r, 2400));
    expect(existsSync(done)).toBe(false);
  }, 10_000);

  it('the documented default timeout is 30 s', () => {
    expect(DEFAULT_HELPER_TIMEOUT_MS).toBe(30_000);
  });

  it('a directory that does not exist to run in → spawn-failed', async () => {
    const result = await runApiKeyHelper(await userHelper(script(`echo '${KEY}'`)), { cwd: join(dir, 'no-such-dir') });
    expect(result.outcome).toBe('spawn-failed');
    expect(result.ok).toBe(false);
  });

  it('no helper configured → not-configured', async () => {
    const result = await run(await resolve({ env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok-0123456789' } }));
    expect(result.outcome).toBe('not-configured');
    expect(result.ok).toBe(false);
  });
});

describe.skipIf(isWindows)('trust: helpers from the repository', () => {
  for (const scope of ['project', 'local'] as const) {
    it(`a helper in ${scope} settings → untrusted, not run`, async () => {
      const ran = marker(`${scope}-ran`);
      const config = await resolve({
        env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' },
        [scope]: { apiKeyHelper: script(`touch '${ran}'\necho '${KEY}'`) },
      });
      expect(config.apiKeyHelper?.source.scope).toBe(scope);
      const result = await run(config);
      expect(result.outcome).toBe('untrusted');
      expect(result.value).toBeUndefined();
      expect(existsSync(ran)).toBe(false);
    });

    it(`a helper in ${scope} settings with trusted: true → runs`, async () => {
      const ran = marker(`${scope}-trusted-ran`);
      const config = await resolve({
        env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' },
        [scope]: { apiKeyHelper: script(`touch '${ran}'\necho '${KEY}'`) },
      });
      const result = await run(config, { trusted: true });
      expect(result.outcome).toBe('ok');
      expect(result.value).toBe(KEY);
      expect(existsSync(ran)).toBe(true);
    });
  }
});

describe.skipIf(isWindows)('helpers delivered by server-managed settings', () => {
  it('a server-managed apiKeyHelper → untrusted, not run, until approvedRemote: true (Claude Code asks first)', async () => {
    const ran = marker('remote-ran');
    const config = await resolve({
      managed: { remote: { apiKeyHelper: script(`touch '${ran}'\necho '${KEY}'`), env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } } },
    });
    expect(config.apiKeyHelper?.source).toMatchObject({ scope: 'managed', origin: 'remote' });
    const refused = await run(config);
    expect(refused.outcome).toBe('untrusted');
    expect(refused.message).toContain('server-managed');
    expect(existsSync(ran)).toBe(false);
    const approved = await run(config, { approvedRemote: true });
    expect(approved.outcome).toBe('ok');
    expect(existsSync(ran)).toBe(true);
  });

  it('a helper from the managed file (on the machine) runs without approval', async () => {
    const ran = marker('file-ran');
    const config = await resolve({
      managedFile: { apiKeyHelper: script(`touch '${ran}'\necho '${KEY}'`), env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
    });
    expect((await run(config)).outcome).toBe('ok');
    expect(existsSync(ran)).toBe(true);
  });
});

describe.skipIf(isWindows)('the cache', () => {
  it('a second call within the TTL is cached and does not run; clearHelperCache or useCache:false runs it again', async () => {
    const count = marker('count');
    const config = await userHelper(script(`echo run >> '${count}'\necho '${KEY}'`));
    const first = await run(config);
    expect([first.outcome, first.cached, runs(count)]).toEqual(['ok', false, 1]);
    const second = await run(config);
    expect([second.outcome, second.cached, second.value, runs(count)]).toEqual(['ok', true, KEY, 1]);
    clearHelperCache();
    const third = await run(config);
    expect([third.cached, runs(count)]).toEqual([false, 2]);
    const fourth = await run(config, { useCache: false });
    expect([fourth.cached, runs(count)]).toEqual([false, 3]);
  });

  it('after CLAUDE_CODE_API_KEY_HELPER_TTL_MS has passed, the helper runs again', async () => {
    const count = marker('ttl-count');
    const config = await userHelper(script(`echo run >> '${count}'\necho '${KEY}'`), { userEnv: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '150' } });
    expect(config.apiKeyHelper?.ttlMs).toBe(150);
    await run(config);
    expect((await run(config)).cached).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    const later = await run(config);
    expect([later.cached, runs(count)]).toEqual([false, 2]);
  });

  it('a failure is not cached', async () => {
    const count = marker('fail-count');
    const config = await userHelper(script(`echo run >> '${count}'\nexit 1`));
    await run(config);
    const again = await run(config);
    expect([again.outcome, again.cached, runs(count)]).toEqual(['exit-code', false, 2]);
  });
});

describe.skipIf(isWindows)('the environment and secrecy', () => {
  it('[issue] #26999: the helper sees the settings env (a variable from user settings)', async () => {
    const config = await userHelper(script(`printf 'key-%s' "$GATEWAY_TEAM"`), { userEnv: { GATEWAY_TEAM: 'infra42' } });
    const result = await run(config);
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe('key-infra42');
  });

  it('the value never appears in message or stderr, even when the helper echoes it to stderr', async () => {
    const result = await run(await userHelper(script(`echo "fetched ${KEY} from vault" >&2\necho '${KEY}'`)));
    expect(result.outcome).toBe('ok');
    expect(result.value).toBe(KEY);
    expect(result.message).not.toContain(KEY);
    expect(result.stderr ?? '').not.toContain(KEY);
    expect(result.stderr).toContain('from vault');
  });

  it('rejected output (noisy, or printed before a failing exit) is not repeated in message or stderr', async () => {
    const noisy = await run(await userHelper(script(`echo 'Token:'\necho '${KEY}'\necho "${KEY}" >&2`)));
    expect(noisy.outcome).toBe('invalid-output');
    const failing = await run(await userHelper(script(`echo '${KEY}'\nexit 2`)));
    expect(failing.outcome).toBe('exit-code');
    for (const r of [noisy, failing]) {
      expect(r.value).toBeUndefined();
      expect(r.message).not.toContain(KEY);
      expect(r.stderr ?? '').not.toContain(KEY);
    }
  });
});

describe('validateHelperOutput', () => {
  it('2.1.227+ wants one printable-ASCII token of at most 16,384 characters', () => {
    const v = '2.1.227';
    expect(validateHelperOutput(`${KEY}\n`, v)).toEqual({ value: KEY });
    expect(validateHelperOutput(`${KEY}\r\n`, v)).toEqual({ value: KEY });
    expect(validateHelperOutput('', v)).toMatchObject({ problem: 'empty' });
    expect(validateHelperOutput(`banner\n${KEY}\n`, v)).toMatchObject({ problem: 'invalid-output' });
    expect(validateHelperOutput(`key with spaces`, v)).toMatchObject({ problem: 'invalid-output' });
    expect(validateHelperOutput('sk-\u00e9', v)).toMatchObject({ problem: 'invalid-output' });
    expect(validateHelperOutput('k'.repeat(HELPER_MAX_LENGTH + 1), v)).toMatchObject({ problem: 'invalid-output' });
    expect(validateHelperOutput('k'.repeat(HELPER_MAX_LENGTH), v)).toEqual({ value: 'k'.repeat(HELPER_MAX_LENGTH) });
  });

  it.each(['2.1.236', '2.1.332'])(
    '%s: surrounding whitespace is trimmed before the check, as the binary does (vectors helper-output-padded, -tab-padded, -crlf, -leading-newlines, -no-newline)',
    (v) => {
      expect(validateHelperOutput('  helper-pad-1  \n', v)).toEqual({ value: 'helper-pad-1' });
      expect(validateHelperOutput('\thelper-tab-1\t\n', v)).toEqual({ value: 'helper-tab-1' });
      expect(validateHelperOutput('helper-crlf-1\r\n', v)).toEqual({ value: 'helper-crlf-1' });
      expect(validateHelperOutput('\n\nhelper-lead-1\n', v)).toEqual({ value: 'helper-lead-1' });
      expect(validateHelperOutput('helper-nonl-1', v)).toEqual({ value: 'helper-nonl-1' });
      // What is left must still be one token (vectors helper-output-inner-space, -two-lines, -non-ascii, -too-long).
      expect(validateHelperOutput('helper in-space\n', v)).toMatchObject({ problem: 'invalid-output' });
      expect(validateHelperOutput('helper-line-1\nhelper-line-2\n', v)).toMatchObject({ problem: 'invalid-output' });
      expect(validateHelperOutput('helper-\u00e9-1\n', v)).toMatchObject({ problem: 'invalid-output' });
      expect(validateHelperOutput('k'.repeat(20_000), v)).toMatchObject({ problem: 'invalid-output' });
    },
  );

  it('before 2.1.227 the output is trimmed and otherwise taken as is', () => {
    const v = '2.1.226';
    expect(validateHelperOutput(`  banner\n${KEY}  \n`, v)).toEqual({ value: `banner\n${KEY}` });
    expect(validateHelperOutput(' \n\t', v)).toMatchObject({ problem: 'empty' });
    expect(validateHelperOutput('k'.repeat(HELPER_MAX_LENGTH + 1), v)).toEqual({ value: 'k'.repeat(HELPER_MAX_LENGTH + 1) });
  });
});

describe('HelperResult narrows on ok', () => {
  it('the documented use compiles under exactOptionalPropertyTypes: a success has a string value, a failure none', () => {
    const use = (r: HelperResult): string => (r.ok ? r.value : `failed: ${r.outcome}`);
    expect(use({ ok: true, outcome: 'ok', value: 'k', message: 'm', durationMs: 1, cached: false })).toBe('k');
    expect(use({ ok: false, outcome: 'empty', message: 'm', durationMs: 1, cached: false })).toBe('failed: empty');
  });
});
