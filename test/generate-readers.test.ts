/**
 * Generated output run by the real programs that read it: bash (and zsh when installed)
 * sourcing the exports, /bin/sh running the apiKeyHelper scripts, python3 reading the Agent
 * SDK snippet, and curl sending the verification request of to a real HTTP server.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHelperScript, gatewayConfig, providerConfig, toAgentSdk, toShell, toVerifyCommand, type GeneratedConfig, type HelperSource } from '../src/index';
import { AWKWARD_MODELS, allCases, awkwardGateway } from './helpers/generate-fixtures';
import { baseEnv, hasCommand, run, runAsync, sourceAndDumpEnv } from './helpers/generate-shells';
import { makeTmp, removeTmp } from './helpers/tmp';

const HAS_BASH = hasCommand('bash');
const HAS_ZSH = hasCommand('zsh');
const HAS_CURL = hasCommand('curl');
const HAS_PYTHON = hasCommand('python3');

let tmp = '';
beforeAll(() => {
  tmp = makeTmp('cgc-gen-');
});
afterAll(() => {
  removeTmp(tmp);
});

/** Every variable a configuration may need absent, present and stale in the starting environment. */
const STALE: Record<string, string> = {
  ANTHROPIC_API_KEY: 'stale-key',
  ANTHROPIC_AUTH_TOKEN: 'stale-token',
  CLAUDE_CODE_USE_BEDROCK: '1',
  CLAUDE_CODE_USE_VERTEX: '1',
  CLAUDE_CODE_USE_FOUNDRY: '1',
  CLAUDE_CODE_USE_ANTHROPIC_AWS: '1',
  CLAUDE_CODE_USE_MANTLE: '1',
};

function shellConfigs(): [string, GeneratedConfig][] {
  return [
    ['gateway with every awkward value', awkwardGateway()],
    ...allCases().map((c): [string, GeneratedConfig] => [c.name, c.value]),
    [
      'vertex with awkward project and gateway token',
      providerConfig('vertex', { gatewayUrl: 'https://gw.example.com/vertex', projectId: `p 'q' "r" $(id) \`id\` \\ é 🚀\n`, gatewayToken: `t'o"k$HOME!` }),
    ],
  ];
}

describe.each([
  ['bash', HAS_BASH],
  ['zsh', HAS_ZSH],
] as const)('%s sources the exports', (shell, present) => {
  const label = present ? shell : `${shell} (skipped: ${shell} is not installed)`;

  it.skipIf(!present).each(shellConfigs())(`${label}: %s: every value comes back byte for byte, the unset ones are gone`, (name, value) => {
    const canary = join(tmp, `canary-${shell}-${name.replace(/\W+/g, '-')}`);
    const v = name.startsWith('gateway with every awkward') ? awkwardGateway(canary) : value;
    const start = baseEnv(STALE);
    const env = sourceAndDumpEnv(shell, tmp, toShell(v, shell), start, `exports-${shell}.sh`);
    for (const [n, val] of Object.entries(v.env)) expect(env[n], n).toBe(val);
    for (const n of v.unset) expect(env, n).not.toHaveProperty(n);
    // Nothing was executed while sourcing: no $(...) or backticks ran.
    expect(existsSync(canary)).toBe(false);
    // Stale variables the configuration neither sets nor unsets are left alone.
    for (const [n, val] of Object.entries(STALE)) if (!(n in v.env) && !v.unset.includes(n)) expect(env[n]).toBe(val);
  });

  it.skipIf(!present)(`${label}: the exports pass a syntax check (-n)`, () => {
    const file = join(tmp, `syntax-${shell}.sh`);
    writeFileSync(file, toShell(awkwardGateway(), shell));
    const r = run(shell, ['-n', file], baseEnv());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('awkward values reach the shell exactly', () => {
  it.skipIf(!HAS_BASH)('bash: a trailing newline, U+2028, CRLF, emoji and quotes inside model names survive', () => {
    const env = sourceAndDumpEnv('bash', tmp, toShell(awkwardGateway(), 'bash'), baseEnv());
    expect(env['ANTHROPIC_DEFAULT_OPUS_MODEL']).toBe(AWKWARD_MODELS.opus);
    expect(env['ANTHROPIC_DEFAULT_OPUS_MODEL']?.endsWith('\n')).toBe(true);
    expect(env['CLAUDE_CODE_SUBAGENT_MODEL']).toBe(AWKWARD_MODELS.subagent);
    expect(env['ANTHROPIC_MODEL']).toBe(AWKWARD_MODELS.model);
    expect(env['ANTHROPIC_CUSTOM_HEADERS']?.split('\n')).toHaveLength(3);
  });

  it.skipIf(!HAS_BASH)('bash: an interactive shell (history expansion on) reads "!" literally', () => {
    const value = gatewayConfig({ baseUrl: 'https://gw.example.com', credential: { kind: 'auth-token', value: 'a!!b!$c!-1' } });
    const file = join(tmp, 'bang.sh');
    writeFileSync(file, toShell(value, 'bash'));
    const r = run('bash', ['-c', `set -H; source "$1"; printf '%s' "$ANTHROPIC_AUTH_TOKEN"`, 'bash', file], baseEnv());
    expect(r.stdout.toString('utf8')).toBe('a!!b!$c!-1');
  });
});

describe('apiKeyHelper scripts run with /bin/sh', () => {
  const sh = '/bin/sh';

  function install(name: string, source: HelperSource, scriptPath?: string): { path: string; apiKeyHelper: string; script: string } {
    const path = scriptPath ?? join(tmp, 'helper scripts', `${name}.sh`);
    const h = apiKeyHelperScript({ source, scriptPath: path });
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, h.script);
    chmodSync(path, 0o755);
    return { path, apiKeyHelper: h.apiKeyHelper, script: h.script };
  }

  function runHelper(name: string, source: HelperSource, env: Record<string, string> = baseEnv()): { status: number | null; stdout: string } {
    const h = install(name, source);
    expect(run(sh, ['-n', h.path], env).status).toBe(0);
    // Claude Code runs the apiKeyHelper setting as a /bin/sh command line.
    const r = run(sh, ['-c', h.apiKeyHelper], env);
    return { status: r.status, stdout: r.stdout.toString('utf8') };
  }

  it('file source: a path with spaces; a trailing newline is dropped', () => {
    const keyFile = join(tmp, 'dir with spaces', "it's key.txt");
    mkdirSync(join(keyFile, '..'), { recursive: true });
    writeFileSync(keyFile, 'tok-from-file\n');
    expect(runHelper('file-lf', { from: 'file', path: keyFile })).toEqual({ status: 0, stdout: 'tok-from-file' });
  });

  it('file source: a CRLF file (edited on Windows) gives the token without CR', () => {
    const keyFile = join(tmp, 'dir with spaces', 'crlf key.txt');
    mkdirSync(join(keyFile, '..'), { recursive: true });
    writeFileSync(keyFile, 'tok-crlf\r\n');
    expect(runHelper('file-crlf', { from: 'file', path: keyFile })).toEqual({ status: 0, stdout: 'tok-crlf' });
  });

  it('file source: a missing file fails (non-zero, no output)', () => {
    const r = runHelper('file-missing', { from: 'file', path: join(tmp, 'no such file') });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
  });

  it('env source: set → the token; unset or empty → non-zero exit and no output', () => {
    expect(runHelper('env', { from: 'env', variable: 'GATEWAY_KEY' }, baseEnv({ GATEWAY_KEY: 'tok-env' }))).toEqual({ status: 0, stdout: 'tok-env' });
    const unset = runHelper('env', { from: 'env', variable: 'GATEWAY_KEY' }, baseEnv());
    expect(unset.status).not.toBe(0);
    expect(unset.stdout).toBe('');
    const empty = runHelper('env', { from: 'env', variable: 'GATEWAY_KEY' }, baseEnv({ GATEWAY_KEY: '' }));
    expect(empty.status).not.toBe(0);
  });

  it('command source: argv with spaces and quotes is passed intact (printf as the command)', () => {
    const r = runHelper('command', { from: 'command', argv: ['printf', '%s|%s\\n', `a b 'c' "d"`, '$HOME `id`'] });
    expect(r).toEqual({ status: 0, stdout: `a b 'c' "d"|$HOME \`id\`` });
  });

  it('vault source: the vault CLI gets kv get -field=<field> <path> as separate arguments', () => {
    const bin = join(tmp, 'fake bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'vault'), '#!/bin/sh\nprintf \'%s|\' "$@"\necho\n');
    chmodSync(join(bin, 'vault'), 0o755);
    const env = baseEnv({ PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` });
    expect(runHelper('vault', { from: 'vault', secretPath: "secret/llm gateway/it's" }, env)).toEqual({
      status: 0,
      stdout: "kv|get|-field=api_key|secret/llm gateway/it's|",
    });
    expect(runHelper('vault-field', { from: 'vault', secretPath: 'secret/gw', field: 'token value' }, env)).toEqual({
      status: 0,
      stdout: 'kv|get|-field=token value|secret/gw|',
    });
  });

  it('the default ~/ path: /bin/sh expands ~ even in a home with spaces', () => {
    const home = join(tmp, 'home with spaces');
    const h = apiKeyHelperScript({ source: { from: 'env', variable: 'K' } });
    const path = join(home, '.claude', 'bin', 'get-gateway-key.sh');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, h.script);
    chmodSync(path, 0o755);
    const r = run(sh, ['-c', h.apiKeyHelper], baseEnv({ HOME: home, K: 'tok-home' }));
    expect(r.stdout.toString('utf8')).toBe('tok-home');
    expect(r.status).toBe(0);
  });
});

describe('Agent SDK Python snippet read by python3', () => {
  it.skipIf(!HAS_PYTHON)(`the env dict comes back byte for byte${HAS_PYTHON ? '' : ' (skipped: python3 is not installed)'}`, () => {
    const value: GeneratedConfig = { ...awkwardGateway(), settings: { apiKeyHelper: '/opt/get key.sh \'x\' "y" \\z' } };
    const code = toAgentSdk(value, 'python').code;
    expect(code).toContain('from claude_agent_sdk import ClaudeAgentOptions');
    const snippet = join(tmp, 'sdk_snippet.py');
    writeFileSync(snippet, code);
    const program = join(tmp, 'read_snippet.py');
    writeFileSync(
      program,
      [
        'import json, sys',
        "src = open(sys.argv[1], encoding='utf-8').read()",
        "src = '\\n'.join(l for l in src.split('\\n') if not l.startswith('from claude_agent_sdk'))",
        "src = src.replace('ClaudeAgentOptions(', 'dict(')",
        'ns = {}',
        'exec(src, ns)',
        "print(json.dumps(ns['options']))",
        '',
      ].join('\n'),
    );
    const r = run('python3', [program, snippet], baseEnv());
    expect(r.stderr).toBe('');
    const options = JSON.parse(r.stdout.toString('utf8')) as { env: Record<string, string>; extra_args: { settings: string } };
    expect(options.env).toEqual(value.env);
    expect(JSON.parse(options.extra_args.settings)).toEqual(value.settings);
  });
});

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('the verification request sent by curl to a real server', () => {
  let server: Server;
  let port = 0;
  const seen: Recorded[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"msg_1","content":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function send(value: GeneratedConfig, env: Record<string, string>, stream = false): Promise<{ req: Recorded; command: string; stdout: string }> {
    seen.length = 0;
    const command = toVerifyCommand(value, 'bash', { stream });
    const r = await runAsync('bash', ['-c', command], baseEnv({ HOME: tmp, NO_PROXY: '*', ...env }));
    expect(seen).toHaveLength(1);
    return { req: seen[0] as Recorded, command, stdout: r.stdout };
  }

  const label = HAS_CURL && HAS_BASH ? '' : ' (skipped: curl or bash is not installed)';
  const headers = { 'X-Tenant': `acme "q" $HOME it's`, 'X-Route': 'eu-1' };

  it.skipIf(!HAS_CURL || !HAS_BASH)(
    `bearer gateway: POST /v1/messages with Authorization: Bearer, anthropic-version, custom headers, max_tokens 1${label}`,
    async () => {
      const value = gatewayConfig({ baseUrl: `http://127.0.0.1:${port}`, credential: { kind: 'auth-token', value: 'tok-bearer' }, customHeaders: headers });
      const { req, command, stdout } = await send(value, { ANTHROPIC_AUTH_TOKEN: 'tok-bearer' });
      expect(command).not.toContain('tok-bearer');
      expect(req.method).toBe('POST');
      expect(req.url).toBe('/v1/messages');
      expect(req.headers['anthropic-version']).toBe('2023-06-01');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['authorization']).toBe('Bearer tok-bearer');
      expect(req.headers['x-api-key']).toBeUndefined();
      expect(req.headers['x-tenant']).toBe(headers['X-Tenant']);
      expect(req.headers['x-route']).toBe('eu-1');
      expect(JSON.parse(req.body)).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [{ role: 'user', content: '.' }] });
      expect(stdout).toContain('"id":"msg_1"');
    },
  );

  it.skipIf(!HAS_CURL || !HAS_BASH)(`api-key gateway: x-api-key and no Authorization${label}`, async () => {
    const value = gatewayConfig({ baseUrl: `http://127.0.0.1:${port}/`, credential: { kind: 'api-key', value: 'sk-key' }, models: { model: 'gw-model' } });
    const { req } = await send(value, { ANTHROPIC_API_KEY: 'sk-key' });
    expect(req.url).toBe('/v1/messages');
    expect(req.headers['x-api-key']).toBe('sk-key');
    expect(req.headers['authorization']).toBeUndefined();
    expect((JSON.parse(req.body) as { model: string }).model).toBe('gw-model');
  });

  it.skipIf(!HAS_CURL || !HAS_BASH)(`apiKeyHelper gateway: the helper output in both Authorization and x-api-key${label}`, async () => {
    const value = gatewayConfig({ baseUrl: `http://127.0.0.1:${port}/api`, credential: { kind: 'api-key-helper', command: 'printf tok' } });
    const { req } = await send(value, {});
    expect(req.url).toBe('/api/v1/messages');
    expect(req.headers['authorization']).toBe('Bearer tok');
    expect(req.headers['x-api-key']).toBe('tok');
  });

  it.skipIf(!HAS_CURL || !HAS_BASH)(`streaming check: curl -N, stream true, max_tokens 16${label}`, async () => {
    const value = gatewayConfig({ baseUrl: `http://127.0.0.1:${port}`, credential: { kind: 'auth-token', value: 't' } });
    const { req, command } = await send(value, { ANTHROPIC_AUTH_TOKEN: 't' }, true);
    expect(command).toMatch(/^curl -N /m);
    expect(JSON.parse(req.body)).toEqual({ model: 'claude-sonnet-4-6', max_tokens: 16, stream: true, messages: [{ role: 'user', content: 'count to 3' }] });
  });
});

describe('GitHub Actions expressions in values', () => {
  it('a value containing ${{ is written so that Actions yields it literally', async () => {
    const { gatewayConfig: g, toGitHubActionsStep: step } = await import('../src/index');
    const { parse } = await import('yaml');
    const out = step(g({ baseUrl: 'https://gw.example.com', customHeaders: { 'X-Note': 'a ${{ github.token }} b' } }));
    const env = (parse(out.yaml) as { env: Record<string, string> }[])[0]?.env ?? {};
    expect(env['ANTHROPIC_CUSTOM_HEADERS']).toBe("X-Note: a ${{ '${{' }} github.token }} b");
    // What Actions evaluates: the expression yields the two characters back.
    expect(env['ANTHROPIC_CUSTOM_HEADERS']?.replace(/\$\{\{ '\$\{\{' \}\}/g, '${{')).toBe('X-Note: a ${{ github.token }} b');
  });
});
