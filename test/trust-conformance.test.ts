/**
 * Workspace trust and the API-key approval as the real Claude Code handles them in interactive
 * sessions, from the recorded vectors conformance/vectors/interactive-*.json (2.1.236 and 2.1.332
 * alike), and the tmux driver that records them (conformance/interactive.ts), run against a small
 * stand-in program.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';
import { answerDialogs, compareInteractive } from '../conformance/interactive-predict';
import { driveInteractive } from '../conformance/interactive';
import { startGateway } from '../conformance/gateway';
import { compareWithPrediction } from '../conformance/compare';
import { predict } from '../conformance/predict';
import { loadVectors } from '../conformance/vector';
import { makeTmp, removeTmp } from './helpers/tmp';

const HOME = '/home/user';
const PROJECT = `${HOME}/project`;
const PROJECT_ENV = { env: { ANTHROPIC_BASE_URL: 'https://project-gw.example', ANTHROPIC_AUTH_TOKEN: 'project-token' } };
const KEY = 'sk-ant-api03-shell-key-0123456789abcdefghij';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: true, ...spec }));
}

const trusting = (...dirs: string[]): Record<string, unknown> => ({
  hasCompletedOnboarding: true,
  projects: Object.fromEntries(dirs.map((d) => [d, { hasTrustDialogAccepted: true }])),
});

describe('where trust is looked up (vectors interactive-trust-lookup-*)', () => {
  // [vector id, start directory, git root or none, trusted entries, trusted?]
  const cases: [string, string, string | undefined, string[], boolean][] = [
    ['interactive-trust-lookup-root-exact', PROJECT, PROJECT, [PROJECT], true],
    ['interactive-trust-lookup-subdir-root-trusted', `${PROJECT}/sub/dir`, PROJECT, [PROJECT], true],
    ['interactive-trust-lookup-subdir-startdir-trusted', `${PROJECT}/sub/dir`, PROJECT, [`${PROJECT}/sub/dir`], true],
    ['interactive-trust-lookup-subdir-between-trusted', `${PROJECT}/sub/dir`, PROJECT, [`${PROJECT}/sub`], true],
    ['interactive-trust-lookup-nogit-parent-trusted', `${PROJECT}/sub`, undefined, [PROJECT], true],
    ['interactive-trust-lookup-nogit-home-trusted', PROJECT, undefined, [HOME], true],
    ['interactive-trust-lookup-above-root', HOME, PROJECT, [PROJECT], false],
    ['interactive-trust-lookup-home-trusted', HOME, undefined, [HOME], true],
    ['interactive-trust-lookup-home-untrusted', HOME, undefined, [], false],
  ];

  it.each(cases)('%s: started in %s (git root %s), trusted %j → trusted %s', async (_id, cwd, git, trusted, want) => {
    const spec: LayoutSpec = { cwd, globalConfig: trusting(...trusted), project: PROJECT_ENV };
    if (git !== undefined) spec.git = git;
    const config = await resolve(spec);
    expect(config.trust.trusted).toBe(want);
    if (cwd !== HOME) {
      // Project env applies exactly when trusted (the binary's request went to /project, or the dialog showed).
      expect(config.env['ANTHROPIC_BASE_URL']?.value).toBe(want ? 'https://project-gw.example' : undefined);
      expect(config.pendingTrust.length > 0).toBe(!want);
    }
  });

  it('interactive-trust-lookup-worktree-main-trusted / -untrusted: a linked worktree is trusted through its main checkout, and "Yes" saves the main checkout', async () => {
    const worktree: LayoutSpec = {
      cwd: `${HOME}/wt`,
      git: PROJECT,
      project: PROJECT_ENV,
      files: { [`${HOME}/wt/.git`]: `gitdir: ${PROJECT}/.git/worktrees/wt\n`, [`${PROJECT}/.git/worktrees/wt/commondir`]: '../..\n' },
    };
    const trusted = await resolve({ ...worktree, globalConfig: trusting(PROJECT) });
    expect(trusted.trust).toMatchObject({ trusted: true, key: PROJECT });
    const accepted = await answerDialogs([{ expect: 'trust', answer: 'trust-accept' }], { ...worktree, globalConfig: trusting() }, false);
    expect(accepted.prediction).toEqual({ dialogs: ['trust'], saved: { trusted: ['<project>'] } });
  });

  it('a trusted directory below the start directory does not count (interactive-trust-lookup-above-root)', async () => {
    const config = await resolve({ cwd: HOME, git: PROJECT, globalConfig: trusting(`${PROJECT}`, `${PROJECT}/sub`) });
    expect(config.trust.trusted).toBe(false);
    expect(config.trust.reason).toContain(HOME);
  });

  it('the reason names the entry that matched', async () => {
    const between = await resolve({ cwd: `${PROJECT}/sub/dir`, git: PROJECT, globalConfig: trusting(`${PROJECT}/sub`) });
    expect(between.trust).toMatchObject({ trusted: true, key: PROJECT });
    expect(between.trust.reason).toBe(`its parent ${PROJECT}/sub was trusted`);
    const start = await resolve({ cwd: `${PROJECT}/sub/dir`, git: PROJECT, globalConfig: trusting(`${PROJECT}/sub/dir`) });
    expect(start.trust.reason).toBe(`the start directory ${PROJECT}/sub/dir was trusted`);
  });
});

describe('the dialogs and what is sent after the answers (interactive-trust-*, interactive-api-key-*)', () => {
  const untrustedRepo: LayoutSpec = { git: PROJECT, globalConfig: trusting(), project: PROJECT_ENV, env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:1/shell' } };

  it('interactive-trust-lookup-home-untrusted: "Yes" in the home directory is for the session only', async () => {
    const r = await answerDialogs(
      [{ expect: 'trust', answer: 'trust-accept' }],
      { cwd: HOME, globalConfig: trusting(), env: { ANTHROPIC_AUTH_TOKEN: 't' } },
      false,
    );
    expect(r.prediction).toEqual({ dialogs: ['trust'], saved: { trusted: [] } });
    expect(r.config.trust.trusted).toBe(true);
  });

  it('interactive-trust-accept-project-env / interactive-trust-exit-project-env: the dialog, then the project base URL and token only after "Yes"', async () => {
    const exit = await answerDialogs([{ expect: 'trust', answer: 'trust-exit' }], untrustedRepo, false);
    expect(exit.prediction).toEqual({ dialogs: ['trust'], stopsAt: 'trust', saved: { trusted: [] } });
    // Before the answer the project's base URL is not in effect (2.1.236's probe went to /shell).
    expect(exit.config.baseUrl?.value).toBe('http://127.0.0.1:1/shell');
    const accept = await answerDialogs([{ expect: 'trust', answer: 'trust-accept' }], untrustedRepo, false);
    // "Yes" saves the repository root (the start directory outside a repository).
    expect(accept.prediction).toEqual({ dialogs: ['trust'], saved: { trusted: ['<project>'] } });
    expect(accept.config.baseUrl?.value).toBe('https://project-gw.example');
    expect(accept.config.credentialHeaders.map((h) => [h.header, h.variable])).toEqual([['authorization', 'ANTHROPIC_AUTH_TOKEN']]);
  });

  it('interactive-trust-accept-project-api-key: a project ANTHROPIC_API_KEY is asked about after trust is accepted', async () => {
    const spec: LayoutSpec = { ...untrustedRepo, project: { env: { ANTHROPIC_BASE_URL: 'https://project-gw.example', ANTHROPIC_API_KEY: KEY } } };
    const r = await answerDialogs(
      [
        { expect: 'trust', answer: 'trust-accept' },
        { expect: 'key', answer: 'api-key-approve' },
      ],
      spec,
      false,
    );
    expect(r.prediction).toEqual({
      dialogs: ['trust', 'api-key'],
      saved: { trusted: ['<project>'], apiKeyResponses: { approved: [KEY.slice(-20)], rejected: [] } },
    });
    expect(r.config.credentialHeaders.map((h) => h.header)).toEqual(['x-api-key']);
  });

  const trustedShell = (env: Record<string, string>, more: LayoutSpec = {}): LayoutSpec => ({
    globalConfig: trusting(PROJECT),
    env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:1/shell', ...env },
    ...more,
  });

  it('interactive-api-key-and-token-approve / -reject: the key is asked about although ANTHROPIC_AUTH_TOKEN is set; "No" drops only x-api-key', async () => {
    const approve = await answerDialogs(
      [{ expect: 'key', answer: 'api-key-approve' }],
      trustedShell({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_AUTH_TOKEN: 'shell-token' }),
      false,
    );
    expect(approve.prediction.dialogs).toEqual(['api-key']);
    expect(approve.config.credentialHeaders.map((h) => h.header).sort()).toEqual(['authorization', 'x-api-key']);
    const reject = await answerDialogs(
      [{ expect: 'key', answer: 'api-key-reject' }],
      trustedShell({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_AUTH_TOKEN: 'shell-token' }),
      false,
    );
    expect(reject.config.credentialHeaders.map((h) => h.header)).toEqual(['authorization']);
  });

  it('interactive-api-key-and-helper-reject: a rejected key leaves x-api-key to the apiKeyHelper', async () => {
    const r = await answerDialogs(
      [{ expect: 'key', answer: 'api-key-reject' }],
      trustedShell({ ANTHROPIC_API_KEY: KEY }, { user: { apiKeyHelper: 'echo helper-user' } }),
      false,
    );
    expect(r.prediction.dialogs).toEqual(['api-key']);
    expect(r.config.credentialHeaders.map((h) => [h.header, h.kind]).sort()).toEqual([
      ['authorization', 'api-key-helper'],
      ['x-api-key', 'api-key-helper'],
    ]);
  });

  it('interactive-api-key-approved-listed / -rejected-listed: customApiKeyResponses (last 20 characters) answer without asking', async () => {
    const tail = KEY.slice(-20);
    const approved = await resolve(
      trustedShell({ ANTHROPIC_API_KEY: KEY }, { globalConfig: { ...trusting(PROJECT), customApiKeyResponses: { approved: [tail], rejected: [] } } }),
    );
    expect(approved.credentialHeaders.map((h) => [h.header, h.approval])).toEqual([['x-api-key', 'approved']]);
    const rejected = await answerDialogs(
      [],
      trustedShell({ ANTHROPIC_API_KEY: KEY }, { globalConfig: { ...trusting(PROJECT), customApiKeyResponses: { approved: [], rejected: [tail] } } }),
      false,
    );
    // Nothing left to send: the session says "Not logged in" and sends no request (interactive-api-key-reject).
    expect(rejected.prediction).toEqual({ dialogs: [], stopsAt: 'login', saved: { trusted: ['<project>'] } });
  });

  it('compareInteractive reports a dialog the binary showed and the library did not predict, and a missing request', () => {
    const run = { steps: [], dialogs: ['trust'], finalScreen: '', exitCode: null, timedOut: false };
    expect(compareInteractive({ dialogs: [], saved: { trusted: [] } }, run, false, true)).toEqual([
      'interactive: binary showed the trust dialog, library predicts none',
      'interactive: binary sent no inference request after the answers, library predicts one',
    ]);
    expect(compareInteractive({ dialogs: ['trust'], stopsAt: 'trust', saved: { trusted: [] } }, run, false, false)).toEqual([]);
    // What the answers saved: trust in the home directory is not (interactive-trust-lookup-home-untrusted).
    const saved = { ...run, saved: { trust: { '<home>': false, '<project>': true } } };
    expect(compareInteractive({ dialogs: ['trust'], saved: { trusted: ['<home>', '<project>'] } }, saved, true, true)).toEqual([
      'interactive: ~/.claude.json trusts ["<project>"] after the run, library predicts ["<home>","<project>"]',
    ]);
  });

  it('every recorded interactive vector is predicted, apart from the listed difference', async () => {
    const vectors = loadVectors().filter((v) => v.layout.interactive !== undefined);
    expect(vectors.length).toBeGreaterThanOrEqual(31);
    const differing: string[] = [];
    for (const v of vectors) {
      for (const [version, run] of Object.entries(v.recorded)) {
        const { prediction } = await predict(v, version);
        if (compareWithPrediction(prediction, run).length > 0) differing.push(`${v.id}@${version}`);
      }
    }
    expect(differing.sort()).toEqual(['interactive-trust-accept-local-helper@2.1.236', 'interactive-trust-accept-local-helper@2.1.332']);
  });
});

/**
 * A stand-in for the interactive program: a menu with a highlighted line (moved with the arrow
 * keys), then an input box; the typed prompt is posted to $ANTHROPIC_BASE_URL/v1/messages.
 */
const STAND_IN = `
const http = require('node:http');
const items = ['Yes, I trust this folder', 'No, exit'];
let at = 1, phase = 'menu', line = '';
const draw = () => {
  process.stdout.write('\\x1b[2J\\x1b[H');
  if (phase === 'menu') process.stdout.write('Do you trust the files in this folder?\\r\\n' + items.map((t, i) => (i === at ? ' \\u276f ' : '   ') + t).join('\\r\\n') + '\\r\\n');
  else process.stdout.write('\\u2500'.repeat(20) + '\\r\\n\\u276f ' + line + '\\r\\n' + '\\u2500'.repeat(20) + '\\r\\n');
};
process.stdin.setRawMode(true);
process.stdin.on('data', (b) => {
  const s = b.toString();
  if (phase === 'menu') {
    if (s === '\\x1b[A') at = Math.max(0, at - 1);
    else if (s === '\\x1b[B') at = Math.min(items.length - 1, at + 1);
    else if (s === '\\r') { if (at === 1) process.exit(1); phase = 'input'; }
  } else if (s === '\\r') {
    const req = http.request(process.env.ANTHROPIC_BASE_URL + '/v1/messages', { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => res.resume());
    req.end(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: line }] }));
    line = '';
  } else line += s;
  draw();
});
draw();
`;

describe.skipIf(!existsSync('/usr/bin/tmux') || !existsSync('/usr/bin/timeout'))('the tmux driver (conformance/interactive.ts) on a stand-in program', () => {
  it('moves the highlight to the chosen label whatever the default, types the prompt, and counts the requests per step', async () => {
    const dir = makeTmp();
    const script = join(dir, 'stand-in.cjs');
    writeFileSync(script, STAND_IN);
    const gateway = await startGateway(0);
    try {
      const r = await driveInteractive({
        scratch: dir,
        executable: process.execPath,
        args: [script],
        env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', ANTHROPIC_BASE_URL: `${gateway.url}/shell` },
        cwd: dir,
        timeoutSeconds: 20,
        interactive: {
          steps: [
            { expect: 'Detected a custom API key', optional: true },
            { expect: 'trust the files', choose: 'Yes, I trust this folder' },
          ],
          prompt: 'say hi',
        },
        requests: gateway.requests,
      });
      expect(r.steps.map((s) => s.outcome)).toEqual(['skipped', 'seen']);
      expect(r.steps[1]?.screen).toContain('❯ No, exit');
      expect(r.steps[1]?.requestsBefore).toBe(0);
      expect(r.dialogs).toEqual(['trust']);
      expect(r.prompt).toEqual({ typed: true, requestsBefore: 0 });
      expect(gateway.requests.map((q) => `${q.method} ${q.url}`)).toEqual(['POST /shell/v1/messages']);
      expect(gateway.requests[0]?.body).toContain('say hi');
    } finally {
      await gateway.close();
      removeTmp(dir);
    }
  }, 40_000);
});
