// npm run docs:recipes: runs every command shown in docs/recipes.md and writes its real output back.
//
// Each ```console block holds commands (lines starting with "$ "); everything else in the block is
// replaced by what the command printed (stdout and stderr in order) and, when it is not 0, its exit code.
// `<!-- run: command -->` runs a command without showing it (setup); a ```lang file=PATH block is written
// to PATH before the next command runs. `cd` and `export NAME=value` carry over to later commands.
//
// The commands run as a user "alice" on a scratch machine: HOME=/tmp/demo/alice (emptied first), the CLI
// built in dist/ (`npm run build` first; copied to /tmp/demo/.pkg) on PATH as claude-gateway, and a stand-in gateway on
// 127.0.0.1:8787 that accepts the tokens listed in /tmp/demo/gateway-tokens. Needs root on Linux: the
// script re-runs itself in a private mount namespace with an overlay over /etc, so that the recipe that
// installs managed settings writes /etc/claude-code there, never on the real machine.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = join(root, 'docs', 'recipes.md');
const demo = '/tmp/demo';
const home = join(demo, 'alice');
const port = 8787;

if (process.argv[2] === '--gateway') gateway();
else if (process.env.CGC_RECIPES_NS !== '1') {
  // A private mount namespace with /etc overlaid: nothing written to /etc reaches the machine.
  const ns = '/tmp/cgc-recipes-ns';
  rmSync(ns, { recursive: true, force: true });
  mkdirSync(join(ns, 'up'), { recursive: true });
  mkdirSync(join(ns, 'work'), { recursive: true });
  const mount = `mount -t overlay overlay -o lowerdir=/etc,upperdir=${ns}/up,workdir=${ns}/work /etc`;
  const r = spawnSync(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', `${mount} && exec "$0" "$@"`, process.execPath, fileURLToPath(import.meta.url)],
    {
      stdio: 'inherit',
      env: { ...process.env, CGC_RECIPES_NS: '1' },
    },
  );
  process.exit(r.status ?? 1);
} else run();

/** The stand-in gateway: a bearer or x-api-key from the tokens file, the Messages API (streamed) and /v1/models. */
function gateway() {
  createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      let tokens = [];
      try {
        tokens = readFileSync(join(demo, 'gateway-tokens'), 'utf8').split('\n').filter(Boolean);
      } catch {
        // no tokens: every request is refused
      }
      const bearer = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
      const key = String(req.headers['x-api-key'] ?? '');
      if (!tokens.includes(bearer) && !tokens.includes(key)) {
        res.writeHead(401, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid bearer token' } }));
        return;
      }
      if (req.url?.startsWith('/v1/models')) {
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        const models = [
          ['claude-sonnet-5-5', 'Claude Sonnet 5.5'],
          ['claude-opus-5-5', 'Claude Opus 5.5'],
        ];
        res.end(JSON.stringify({ data: models.map(([id, name]) => ({ id, type: 'model', display_name: name })), has_more: false }));
        return;
      }
      let request = {};
      try {
        request = JSON.parse(body);
      } catch {
        // not JSON: answered like any request
      }
      const model = request.model ?? 'claude-sonnet-5-5';
      const message = { id: 'msg_01Recipe', type: 'message', role: 'assistant', model, content: [], usage: { input_tokens: 8, output_tokens: 0 } };
      if (request.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        res.end(
          JSON.stringify({ ...message, content: [{ type: 'text', text: 'Hi' }], stop_reason: 'max_tokens', usage: { input_tokens: 8, output_tokens: 1 } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' });
      const events = [
        { type: 'message_start', message },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 1 } },
        { type: 'message_stop' },
      ];
      for (const e of events) {
        res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        await sleep(40);
      }
      res.end();
    });
  }).listen(port, '127.0.0.1');
}

function run() {
  rmSync(demo, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  // A copy of the built package (dist/ can be rebuilt while the commands run): /tmp/demo/.pkg.
  const pkg = join(demo, '.pkg');
  if (!existsSync(join(root, 'dist', 'cli', 'cli.js')) || !existsSync(join(root, 'dist', 'index.js'))) {
    process.stderr.write('dist/ is not built: run npm run build first\n');
    process.exit(1);
  }
  cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(root, 'conformance'), join(pkg, 'conformance'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
  const bin = join(demo, '.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'claude-gateway'), `#!/bin/sh\nexec "${process.execPath}" "${join(pkg, 'dist', 'cli', 'cli.js')}" "$@"\n`);
  chmodSync(join(bin, 'claude-gateway'), 0o755);
  const server = spawn(process.execPath, [fileURLToPath(import.meta.url), '--gateway'], { stdio: 'ignore' });
  spawnSync('sleep', ['0.5']);

  const env = {
    PATH: `${bin}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    USER: 'alice',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Alice',
    GIT_AUTHOR_EMAIL: 'alice@example.com',
    GIT_COMMITTER_NAME: 'Alice',
    GIT_COMMITTER_EMAIL: 'alice@example.com',
  };
  let cwd = home;
  const exec = (command) => {
    const cd = /^cd\s+(.+)$/.exec(command);
    if (cd) {
      cwd = resolve(cwd, cd[1].replace(/^~/, env.HOME));
      return '';
    }
    const exported = /^export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(command);
    if (exported) {
      env[exported[1]] = exported[2].replace(/^'(.*)'$/, '$1');
      return '';
    }
    const r = spawnSync('bash', ['-c', `exec 2>&1\n${command}`], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    const out = r.stdout.replace(/\s+$/, '');
    return r.status === 0 ? out : `${out}${out === '' ? '' : '\n'}(exit ${r.status ?? r.signal})`;
  };

  const lines = readFileSync(page, 'utf8').split('\n');
  const result = [];
  try {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const hidden = /^<!-- run: (.*) -->$/.exec(line);
      if (hidden) exec(hidden[1]);
      const file = /^```\w+ file=(\S+)$/.exec(line);
      if (file) {
        const body = [];
        result.push(line);
        while (lines[++i] !== '```') {
          body.push(lines[i]);
          result.push(lines[i]);
        }
        result.push('```');
        const path = resolve(cwd, file[1]);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${body.join('\n')}\n`);
        continue;
      }
      if (line !== '```console') {
        result.push(line);
        continue;
      }
      result.push(line);
      while (lines[++i] !== '```') {
        const command = /^\$ (.*)$/.exec(lines[i])?.[1];
        if (command === undefined) continue;
        result.push(`$ ${command}`);
        const out = exec(command);
        if (out !== '') result.push(out);
      }
      result.push('```');
    }
  } finally {
    server.kill();
  }
  writeFileSync(page, result.join('\n'));
  process.stdout.write(`docs/recipes.md: every command run again, its output written (${result.length} lines)\n`);
}
