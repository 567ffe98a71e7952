/**
 * The doctor's rules: every rule fires when it should and stays
 * quiet otherwise, the resolver's own findings come through, errors come first, and no message or fix
 * ever holds a credential. Layouts are in memory (`layout()`); git and helper facts are passed to
 * `diagnose` directly.
 */
import { describe, expect, it } from 'vitest';
import {
  diagnose,
  formatDiagnostic,
  resolveEffectiveConfig,
  type DiagnoseFacts,
  type DiagnoseOptions,
  type Diagnostic,
  type DiagnosticCode,
  type DoctorCode,
  type EffectiveConfig,
} from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

/** A credential value no message, fix or edit may ever contain. */
const SECRET = 'sk-gw-LEAKCHECK-7d1f3a9c5e';
const GW = 'https://gw.example.com';
const HOME = '/home/user';
const LOCAL_FILE = `${HOME}/project/.claude/settings.local.json`;
const PROJECT_FILE = `${HOME}/project/.claude/settings.json`;
const USER_FILE = `${HOME}/.claude/settings.json`;

const INFORMATION: DoctorCode[] = ['doctor-gateway-disables-features', 'doctor-vscode-needs-settings', 'doctor-desktop-ignores-base-url'];

async function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

/** Resolves and diagnoses; every call also checks that the credential never shows. */
async function run(spec: LayoutSpec, options?: DiagnoseOptions): Promise<Diagnostic[]> {
  const found = diagnose(await resolve(spec), options);
  expect(JSON.stringify(found)).not.toContain(SECRET);
  return found;
}

const codes = (ds: Diagnostic[]): DiagnosticCode[] => ds.map((d) => d.code);
const only = (ds: Diagnostic[], code: DiagnosticCode): Diagnostic => {
  const hits = ds.filter((d) => d.code === code);
  expect(hits, `${code} in ${codes(ds).join(', ')}`).toHaveLength(1);
  return hits[0] as Diagnostic;
};

/** A working bearer gateway from the shell. */
const gateway = (extra: Record<string, string> = {}): LayoutSpec => ({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET, ...extra } });

describe('row 1: two credentials at once', () => {
  it('ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY together → doctor-credential-conflict: both are sent, each in its header (vector cred-token-and-key-shell)', async () => {
    const d = only(await run(gateway({ ANTHROPIC_API_KEY: `${SECRET}-key` })), 'doctor-credential-conflict');
    expect(d.severity).toBe('warning');
    expect(d.args).toEqual({
      used: 'ANTHROPIC_AUTH_TOKEN',
      sent: ['ANTHROPIC_AUTH_TOKEN as authorization: Bearer', 'ANTHROPIC_API_KEY as x-api-key'],
      both: true,
      ignored: [],
      others: ['ANTHROPIC_API_KEY'],
    });
    expect(d.fix).toBe('Keep one: unset ANTHROPIC_API_KEY, or unset ANTHROPIC_AUTH_TOKEN');
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });

  it('a token and an apiKeyHelper together → doctor-credential-conflict: the token as the bearer, the helper as x-api-key (vector cred-helper-user-token-shell)', async () => {
    const d = only(await run({ ...gateway(), user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } }), 'doctor-credential-conflict');
    expect(d.args).toMatchObject({ sent: ['ANTHROPIC_AUTH_TOKEN as authorization: Bearer', 'apiKeyHelper as x-api-key'], both: true });
  });

  it('token, key and apiKeyHelper → doctor-credential-conflict: both variables sent, the helper not sent at all (vector cred-helper-token-key)', async () => {
    const d = only(
      await run({ ...gateway({ ANTHROPIC_API_KEY: `${SECRET}-key` }), user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } }),
      'doctor-credential-conflict',
    );
    expect(d.args).toMatchObject({ sent: ['ANTHROPIC_AUTH_TOKEN as authorization: Bearer', 'ANTHROPIC_API_KEY as x-api-key'], ignored: ['apiKeyHelper'] });
    expect(d.fix).toBe('Keep one: unset ANTHROPIC_API_KEY, apiKeyHelper, or unset ANTHROPIC_AUTH_TOKEN');
  });

  it('an apiKeyHelper alone fills both headers: no conflict', async () => {
    const found = codes(await run({ env: { ANTHROPIC_BASE_URL: GW }, user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } }));
    expect(found).not.toContain('doctor-credential-conflict');
  });

  it('one gateway credential alone: no conflict, no outranked login', async () => {
    const found = codes(await run(gateway()));
    expect(found).not.toContain('doctor-credential-conflict');
    expect(found).not.toContain('doctor-login-outranked');
  });

  it('a gateway credential and a saved login in ~/.claude.json (oauthAccount) → doctor-login-outranked', async () => {
    const found = codes(await run({ ...gateway(), globalConfig: { oauthAccount: { emailAddress: 'dev@example.com' } } }));
    expect(found).toContain('doctor-login-outranked');
    expect(found).not.toContain('doctor-credential-conflict');
  });

  it('a gateway API key and a saved login in ~/.claude/.credentials.json → doctor-login-outranked', async () => {
    const found = codes(
      await run({
        env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_API_KEY: SECRET },
        files: { '~/.claude/.credentials.json': { claudeAiOauth: { accessToken: `${SECRET}-oauth` } } },
      }),
    );
    expect(found).toContain('doctor-login-outranked');
  });

  it('a saved login alone (no gateway credential) is just the credential: nothing', async () => {
    const found = codes(await run({ globalConfig: { oauthAccount: { emailAddress: 'dev@example.com' } } }));
    expect(found).not.toContain('doctor-login-outranked');
    expect(found).not.toContain('doctor-credential-conflict');
  });
});

describe('row 12: no credential behind ANTHROPIC_BASE_URL', () => {
  it('row 12 ANTHROPIC_BASE_URL with no credential → doctor-no-credential (error)', async () => {
    expect(only(await run({ env: { ANTHROPIC_BASE_URL: GW } }), 'doctor-no-credential').severity).toBe('error');
  });

  it('row 12 with a token, with an apiKeyHelper, or with a saved login (keeps it): no doctor-no-credential', async () => {
    expect(codes(await run(gateway()))).not.toContain('doctor-no-credential');
    expect(codes(await run({ env: { ANTHROPIC_BASE_URL: GW }, user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } }))).not.toContain(
      'doctor-no-credential',
    );
    expect(codes(await run({ env: { ANTHROPIC_BASE_URL: GW }, globalConfig: { oauthAccount: { emailAddress: 'dev@example.com' } } }))).not.toContain(
      'doctor-no-credential',
    );
  });

  it('row 12 no base URL and no credential is the first-party login screen, not a gateway problem: nothing', async () => {
    expect(await run({})).toEqual([]);
  });
});

describe('ANTHROPIC_BASE_URL that Claude Code cannot use as meant', () => {
  it.each(['gw.example.com', 'ftp://gw.example.com', '/relative/path'])('%s is not an absolute http(s) URL → doctor-base-url-not-absolute', async (url) => {
    const d = only(await run(gateway({ ANTHROPIC_BASE_URL: url })), 'doctor-base-url-not-absolute');
    expect(d).toMatchObject({ severity: 'error', args: { variable: 'ANTHROPIC_BASE_URL', value: url } });
  });

  it('http to a non-local host → doctor-base-url-insecure', async () => {
    expect(only(await run(gateway({ ANTHROPIC_BASE_URL: 'http://gw.example.com:4000' })), 'doctor-base-url-insecure').args).toEqual({
      variable: 'ANTHROPIC_BASE_URL',
      hostname: 'gw.example.com',
      host: 'gw.example.com:4000',
    });
  });

  it.each(['http://localhost:4000', 'http://127.0.0.1:8080/anthropic', 'http://[::1]:4000', GW])('%s is fine: no base-URL finding', async (url) => {
    const found = codes(await run(gateway({ ANTHROPIC_BASE_URL: url })));
    expect(found.filter((c) => c.startsWith('doctor-base-url'))).toEqual([]);
  });

  it.each([`${GW}/v1`, `${GW}/v1/`, `${GW}/V1`, `${GW}/litellm/v1//`])(
    '%s ends in /v1 → doctor-base-url-v1, fixEdit sets the URL without it in the user file',
    async (url) => {
      const base = url.replace(/\/v1\/*$/i, '');
      const d = only(await run({ user: { env: { ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: SECRET } } }), 'doctor-base-url-v1');
      expect(d.severity).toBe('error');
      expect(d.args).toEqual({ variable: 'ANTHROPIC_BASE_URL', fixed: base });
      expect(d.scope).toBe('user');
      expect(d.path).toBe(USER_FILE);
      expect(d.fixEdit).toEqual({ scope: 'user', ops: [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: base }] });
    },
  );

  it('a /v1 URL set in the local file: the fixEdit goes to the local file', async () => {
    const d = only(
      await run({ local: { env: { ANTHROPIC_BASE_URL: `${GW}/v1` } }, env: { ANTHROPIC_AUTH_TOKEN: SECRET }, interactive: false }),
      'doctor-base-url-v1',
    );
    expect(d.fixEdit).toEqual({ scope: 'local', ops: [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: GW }] });
  });

  it('a /v1 URL from the shell or from managed settings: reported, but no fixEdit (the writers cannot change those)', async () => {
    const shell = only(await run(gateway({ ANTHROPIC_BASE_URL: `${GW}/v1` })), 'doctor-base-url-v1');
    expect(shell.scope).toBe('shell');
    expect(shell.fixEdit).toBeUndefined();
    const managed = only(await run({ managedFile: { env: { ANTHROPIC_BASE_URL: `${GW}/v1` } }, env: { ANTHROPIC_AUTH_TOKEN: SECRET } }), 'doctor-base-url-v1');
    expect(managed.scope).toBe('managed');
    expect(managed.fixEdit).toBeUndefined();
  });

  it('paths that merely contain v1 are fine: no doctor-base-url-v1', async () => {
    for (const url of [`${GW}/v1beta`, `${GW}/api/v10`, `${GW}/v1/anthropic`]) {
      expect(codes(await run(gateway({ ANTHROPIC_BASE_URL: url })))).not.toContain('doctor-base-url-v1');
    }
  });

  it('Foundry speaks Anthropic Messages: ANTHROPIC_FOUNDRY_BASE_URL ending in /v1 → doctor-base-url-v1', async () => {
    const found = codes(
      await run({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/foundry/v1', ANTHROPIC_FOUNDRY_API_KEY: SECRET } }),
    );
    expect(found).toContain('doctor-base-url-v1');
  });

  it('a Vertex gateway route may end in /v1 (LiteLLM …/vertex_ai/v1; rawPredict paths, not /v1/messages): no doctor-base-url-v1', async () => {
    const found = codes(
      await run({
        env: {
          CLAUDE_CODE_USE_VERTEX: '1',
          ANTHROPIC_VERTEX_BASE_URL: 'https://litellm.example.com:4000/vertex_ai/v1',
          ANTHROPIC_VERTEX_PROJECT_ID: 'p',
          CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
        },
      }),
    );
    expect(found).not.toContain('doctor-base-url-v1');
  });

  it.each([`${GW}/?tenant=acme`, `${GW}/anthropic?x=1`, `${GW}/#frag`, `${GW}?`])('%s carries a query or fragment → doctor-base-url-query', async (url) => {
    expect(only(await run(gateway({ ANTHROPIC_BASE_URL: url })), 'doctor-base-url-query').severity).toBe('error');
  });

  it('a query swallows the path: the message shows what the gateway receives (vector base-form-query)', async () => {
    const d = only(await run(gateway({ ANTHROPIC_BASE_URL: `${GW}/query?tenant=a` })), 'doctor-base-url-query');
    expect(d.args).toEqual({ variable: 'ANTHROPIC_BASE_URL', receivedPath: '/query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue' });
  });

  it('an empty ANTHROPIC_BASE_URL in settings overrides the shell one: no base URL, the default host (vector base-form-empty-in-user)', async () => {
    const config = await resolve({
      env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET },
      user: { env: { ANTHROPIC_BASE_URL: '' } },
      interactive: false,
    });
    expect(config.baseUrl).toBeUndefined();
    const d = only(diagnose(config), 'doctor-base-url-empty');
    expect(d).toMatchObject({ severity: 'warning', scope: 'user', fixEdit: { scope: 'user', ops: [{ op: 'unset', path: ['env', 'ANTHROPIC_BASE_URL'] }] } });
    expect(d.args).toEqual({ variable: 'ANTHROPIC_BASE_URL', scope: 'user', hiddenScope: 'shell', hiddenUrl: GW });
    // Empty everywhere: nothing is hidden, nothing to say.
    expect(codes(diagnose(await resolve({ env: { ANTHROPIC_BASE_URL: '', ANTHROPIC_AUTH_TOKEN: SECRET } })))).not.toContain('doctor-base-url-empty');
  });
});

describe('row 12: a gateway credential that waits for workspace trust', () => {
  const repoOnly: LayoutSpec = { git: true, project: { env: { ANTHROPIC_BASE_URL: GW } }, local: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } } };

  it('credential only in project/local env, interactive and untrusted → doctor-credential-waits-for-trust', async () => {
    const d = only(await run({ ...repoOnly, interactive: true, trusted: false }), 'doctor-credential-waits-for-trust');
    expect(['project', 'local']).toContain(d.scope);
  });

  it('the same files in a trusted workspace: nothing waits', async () => {
    expect(codes(await run({ ...repoOnly, interactive: true, trusted: true }))).not.toContain('doctor-credential-waits-for-trust');
  });

  it('the same files non-interactive (-p applies project env without trust): nothing waits', async () => {
    expect(codes(await run({ ...repoOnly, interactive: false }))).not.toContain('doctor-credential-waits-for-trust');
  });

  it('an apiKeyHelper only in the project file, untrusted → doctor-credential-waits-for-trust', async () => {
    expect(codes(await run({ project: { apiKeyHelper: '~/bin/get-gateway-key.sh' }, interactive: true, trusted: false }))).toContain(
      'doctor-credential-waits-for-trust',
    );
  });

  it('a pending copy of a credential the user file already supplies: no login screen, no doctor-credential-waits-for-trust', async () => {
    const found = codes(
      await run({
        git: true,
        user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
        local: { env: { ANTHROPIC_AUTH_TOKEN: `${SECRET}-local` } },
        interactive: true,
        trusted: false,
      }),
    );
    expect(found).not.toContain('doctor-credential-waits-for-trust');
  });

  it('a user token resolves and the untrusted repository adds a key: no login screen predicted, an information note names what is used until trust', async () => {
    const found = await run({
      git: true,
      user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
      local: { env: { ANTHROPIC_API_KEY: `${SECRET}-key` } },
      interactive: true,
      trusted: false,
    });
    expect(codes(found)).not.toContain('doctor-credential-waits-for-trust');
    expect(codes(found)).not.toContain('doctor-no-credential');
    const d = only(found, 'doctor-credential-after-trust');
    expect(d).toMatchObject({ severity: 'info', scope: 'local', args: { names: ['ANTHROPIC_API_KEY'], levels: ['local'], meanwhile: 'ANTHROPIC_AUTH_TOKEN' } });
    expect(d.args?.['meanwhileFrom']).toMatch(/^user settings/);
    expect(JSON.stringify(d)).not.toContain(SECRET);
    // Trusted, nothing waits and nothing is said.
    expect(
      codes(
        await run({
          git: true,
          user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
          local: { env: { ANTHROPIC_API_KEY: SECRET } },
          interactive: true,
          trusted: true,
        }),
      ),
    ).not.toContain('doctor-credential-after-trust');
  });

  it('the login screen is predicted only when no credential resolves before trust', async () => {
    const d = only(await run({ ...repoOnly, interactive: true, trusted: false }), 'doctor-credential-waits-for-trust');
    expect(d.severity).toBe('warning');
    expect(d.args?.['names']).toEqual(expect.arrayContaining(['ANTHROPIC_BASE_URL']));
    expect(codes(await run({ ...repoOnly, interactive: true, trusted: false }))).not.toContain('doctor-credential-after-trust');
  });

  it('a pending variable that is not a route or credential (ANTHROPIC_MODEL): nothing', async () => {
    expect(codes(await run({ project: { env: { ANTHROPIC_MODEL: 'claude-sonnet-4-6' } }, interactive: true, trusted: false }))).not.toContain(
      'doctor-credential-waits-for-trust',
    );
  });
});

describe('a cloud provider leaves the gateway unused', () => {
  it('Bedrock on in the shell, a gateway URL and token in user settings: both named as unused, with the switch and its source', async () => {
    const found = (
      await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1' }, user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } } })
    ).filter((d) => d.code === 'doctor-provider-ignores-variable');
    expect(found.map((d) => d.args?.['variable']).sort()).toEqual(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL']);
    const url = found.find((d) => d.args?.['variable'] === 'ANTHROPIC_BASE_URL');
    expect(url).toMatchObject({
      severity: 'warning',
      scope: 'user',
      args: { kind: 'endpoint', selectedBy: 'CLAUDE_CODE_USE_BEDROCK (from the shell environment) selects Amazon Bedrock' },
    });
    expect(found.find((d) => d.args?.['variable'] === 'ANTHROPIC_AUTH_TOKEN')?.args).toMatchObject({ kind: 'credential' });
    expect(url?.fix).toContain('set ANTHROPIC_BEDROCK_BASE_URL instead');
  });

  it('Bedrock through its own gateway variable: nothing unused; no provider: nothing', async () => {
    const through = await run({
      env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', ANTHROPIC_BEDROCK_BASE_URL: GW, CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1' },
    });
    expect(codes(through)).not.toContain('doctor-provider-ignores-variable');
    expect(codes(await run({ user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } } }))).not.toContain('doctor-provider-ignores-variable');
  });
});

describe('a credential in the shared project file', () => {
  it('a token in .claude/settings.json → doctor-credential-in-project-file, fixEdit unsets it in the project file', async () => {
    const d = only(
      await run({ project: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } }, trusted: true }),
      'doctor-credential-in-project-file',
    );
    expect(d.severity).toBe('error');
    expect(d.path).toBe(PROJECT_FILE);
    expect(d.fixEdit).toEqual({ scope: 'project', ops: [{ op: 'unset', path: ['env', 'ANTHROPIC_AUTH_TOKEN'] }] });
  });

  it('every credential in the project file is unset by the fixEdit, the base URL is kept', async () => {
    const d = only(
      await run({ project: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_API_KEY: SECRET, AWS_SECRET_ACCESS_KEY: SECRET } }, interactive: false }),
      'doctor-credential-in-project-file',
    );
    const unsets = (d.fixEdit?.ops ?? []).map((o) => (o.op === 'unset' ? o.path.join('.') : `set ${o.path.join('.')}`));
    expect(unsets.sort()).toEqual(['env.ANTHROPIC_API_KEY', 'env.AWS_SECRET_ACCESS_KEY']);
  });

  it('the project file with only the base URL, or the credential in the local file: no doctor-credential-in-project-file', async () => {
    expect(codes(await run({ project: { env: { ANTHROPIC_BASE_URL: GW } }, env: { ANTHROPIC_AUTH_TOKEN: SECRET } }))).not.toContain(
      'doctor-credential-in-project-file',
    );
    expect(codes(await run({ git: true, local: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: false }))).not.toContain(
      'doctor-credential-in-project-file',
    );
  });
});

describe('facts: a credential in a local file that git tracks or would not ignore', () => {
  const spec: LayoutSpec = { git: true, local: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: false };
  const facts = (f: { inRepository: boolean; tracked: boolean; ignored: boolean }, path = LOCAL_FILE): DiagnoseFacts => ({ git: { [path]: f } });
  const repoCodes = (ds: Diagnostic[]): DiagnosticCode[] =>
    codes(ds).filter((c) => c === 'doctor-credential-in-tracked-file' || c === 'doctor-credential-not-ignored');

  it('tracked → doctor-credential-in-tracked-file (error, at the file)', async () => {
    const d = only(await run(spec, { facts: facts({ inRepository: true, tracked: true, ignored: false }) }), 'doctor-credential-in-tracked-file');
    expect(d.severity).toBe('error');
    expect(d.path).toBe(LOCAL_FILE);
    expect(d.scope).toBe('local');
  });

  it('untracked and not ignored → doctor-credential-not-ignored only', async () => {
    const found = await run(spec, { facts: facts({ inRepository: true, tracked: false, ignored: false }) });
    expect(repoCodes(found)).toEqual(['doctor-credential-not-ignored']);
    expect(only(found, 'doctor-credential-not-ignored').path).toBe(LOCAL_FILE);
  });

  it('ignored → nothing', async () => {
    expect(repoCodes(await run(spec, { facts: facts({ inRepository: true, tracked: false, ignored: true }) }))).toEqual([]);
  });

  it('outside a repository, or without git facts → nothing', async () => {
    expect(repoCodes(await run(spec, { facts: facts({ inRepository: false, tracked: false, ignored: false }) }))).toEqual([]);
    expect(repoCodes(await run(spec))).toEqual([]);
  });

  it('a local file without a credential is not reported even when git would commit it', async () => {
    const found = await run(
      { git: true, local: { env: { ANTHROPIC_BASE_URL: GW } }, env: { ANTHROPIC_AUTH_TOKEN: SECRET }, interactive: false },
      { facts: facts({ inRepository: true, tracked: true, ignored: false }) },
    );
    expect(repoCodes(found)).toEqual([]);
  });

  it('a user settings file in a dotfiles repository, tracked → doctor-credential-in-tracked-file', async () => {
    const found = await run(
      { user: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } } },
      { facts: facts({ inRepository: true, tracked: true, ignored: false }, USER_FILE) },
    );
    expect(only(found, 'doctor-credential-in-tracked-file').scope).toBe('user');
  });
});

describe('resolver diagnostics come through diagnose (row 14)', () => {
  it('a settings file with a comment or a trailing comma → settings-jsonc; invalid JSON → settings-invalid-json', async () => {
    expect(codes(await run({ user: '{\n  // the gateway\n  "env": { "ANTHROPIC_BASE_URL": "https://gw.example.com" }\n}\n' }))).toContain('settings-jsonc');
    expect(codes(await run({ user: '{ "env": { "ANTHROPIC_MODEL": "x", } }' }))).toContain('settings-jsonc');
    expect(codes(await run({ user: '{ "env": ' }))).toContain('settings-invalid-json');
    expect(codes(await run({ user: { env: { ANTHROPIC_MODEL: 'x' } } })).filter((c) => c.startsWith('settings-'))).toEqual([]);
  });

  it('row 14 managed forceLoginMethod with an env credential → managed-requires-first-party-login', async () => {
    expect(codes(await run({ managedFile: { forceLoginMethod: 'claudeai' }, ...gateway() }))).toContain('managed-requires-first-party-login');
  });

  it('managed forceLoginOrgUUID with an apiKeyHelper → managed-requires-first-party-login', async () => {
    expect(
      codes(
        await run({ managedFile: { forceLoginOrgUUID: '11111111-2222-3333-4444-555555555555' }, user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } }),
      ),
    ).toContain('managed-requires-first-party-login');
  });

  it('forceLoginMethod without a gateway credential, or a credential without forceLoginMethod: no managed-requires-first-party-login', async () => {
    expect(codes(await run({ managedFile: { forceLoginMethod: 'claudeai' } }))).not.toContain('managed-requires-first-party-login');
    expect(codes(await run(gateway()))).not.toContain('managed-requires-first-party-login');
  });

  it('two CLAUDE_CODE_USE_* at once → provider-multiple; one → none', async () => {
    expect(codes(await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p' } }))).toContain(
      'provider-multiple',
    );
    expect(codes(await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }))).not.toContain('provider-multiple');
  });

  it('ANTHROPIC_CUSTOM_HEADERS that is not "Name: Value" → custom-headers-malformed; a good one → none', async () => {
    expect(codes(await run(gateway({ ANTHROPIC_CUSTOM_HEADERS: 'X-Tenant acme' })))).toContain('custom-headers-malformed');
    expect(codes(await run(gateway({ ANTHROPIC_CUSTOM_HEADERS: 'X-Tenant: acme' }))).filter((c) => c.startsWith('custom-headers'))).toEqual([]);
  });

  it('CLAUDE_CODE_API_KEY_HELPER_TTL_MS that is not a number → helper-ttl-invalid; 900000 → none', async () => {
    const helper = { user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } };
    expect(codes(await run({ ...helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: 'fifteen minutes' } }))).toContain('helper-ttl-invalid');
    expect(codes(await run({ ...helper, env: { CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '900000' } }))).not.toContain('helper-ttl-invalid');
  });

  it('a managed source that a higher one outranks → managed-source-shadowed; a single source → none', async () => {
    expect(codes(await run({ managed: { remote: { env: { ANTHROPIC_BASE_URL: GW } } }, managedFile: { env: { ANTHROPIC_MODEL: 'x' } } }))).toContain(
      'managed-source-shadowed',
    );
    expect(codes(await run({ managedFile: { env: { ANTHROPIC_MODEL: 'x' } } }))).not.toContain('managed-source-shadowed');
  });
});

describe('provider blocks that cannot work', () => {
  it('Claude Platform on AWS without ANTHROPIC_AWS_WORKSPACE_ID → doctor-provider-incomplete; with it → none', async () => {
    expect(only(await run({ env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', AWS_REGION: 'us-east-1' } }), 'doctor-provider-incomplete').severity).toBe('error');
    expect(codes(await run({ env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_WORKSPACE_ID: 'wrkspc_01ABCDEFGHIJKLMN' } }))).not.toContain(
      'doctor-provider-incomplete',
    );
  });

  it('Vertex: GCLOUD_PROJECT or GOOGLE_CLOUD_PROJECT naming another project than ANTHROPIC_VERTEX_PROJECT_ID → doctor-vertex-project-overridden', async () => {
    const base = { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'team-a', CLOUD_ML_REGION: 'us-east5' };
    const d = only(await run({ env: { ...base, GOOGLE_CLOUD_PROJECT: 'team-b' } }), 'doctor-vertex-project-overridden');
    expect(d.severity).toBe('warning');
    expect(d.args).toEqual({ project: 'team-a', overriddenBy: 'GOOGLE_CLOUD_PROJECT', value: 'team-b' });
    expect(only(await run({ env: { ...base, GCLOUD_PROJECT: 'team-c', GOOGLE_CLOUD_PROJECT: 'team-b' } }), 'doctor-vertex-project-overridden').args).toEqual({
      project: 'team-a',
      overriddenBy: 'GCLOUD_PROJECT',
      value: 'team-c',
    });
    // The same project, or no override, or another provider: nothing to say.
    expect(codes(await run({ env: { ...base, GOOGLE_CLOUD_PROJECT: 'team-a' } }))).not.toContain('doctor-vertex-project-overridden');
    expect(codes(await run({ env: base }))).not.toContain('doctor-vertex-project-overridden');
    expect(codes(await run({ env: { ANTHROPIC_VERTEX_PROJECT_ID: 'team-a', GOOGLE_CLOUD_PROJECT: 'team-b' } }))).not.toContain(
      'doctor-vertex-project-overridden',
    );
  });

  it('Vertex without a project → doctor-provider-incomplete; ANTHROPIC_VERTEX_PROJECT_ID or GOOGLE_CLOUD_PROJECT → none', async () => {
    expect(codes(await run({ env: { CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'us-east5' } }))).toContain('doctor-provider-incomplete');
    expect(codes(await run({ env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'my-project' } }))).not.toContain('doctor-provider-incomplete');
    expect(codes(await run({ env: { CLAUDE_CODE_USE_VERTEX: '1', GOOGLE_CLOUD_PROJECT: 'my-project' } }))).not.toContain('doctor-provider-incomplete');
  });

  it('Foundry without ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL → doctor-provider-incomplete; either → none', async () => {
    expect(codes(await run({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_API_KEY: SECRET } }))).toContain('doctor-provider-incomplete');
    expect(codes(await run({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource' } }))).not.toContain('doctor-provider-incomplete');
    expect(codes(await run({ env: { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/foundry' } }))).not.toContain(
      'doctor-provider-incomplete',
    );
  });

  it('CLAUDE_CODE_SKIP_FOUNDRY_AUTH beside ANTHROPIC_FOUNDRY_API_KEY or _AUTH_TOKEN → doctor-foundry-skip-ignored', async () => {
    const base = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/foundry', CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' };
    expect(codes(await run({ env: { ...base, ANTHROPIC_FOUNDRY_API_KEY: SECRET } }))).toContain('doctor-foundry-skip-ignored');
    expect(codes(await run({ env: { ...base, ANTHROPIC_FOUNDRY_AUTH_TOKEN: SECRET } }))).toContain('doctor-foundry-skip-ignored');
  });

  it('CLAUDE_CODE_SKIP_FOUNDRY_AUTH alone, or a key without the skip: no doctor-foundry-skip-ignored', async () => {
    const base = { CLAUDE_CODE_USE_FOUNDRY: '1', ANTHROPIC_FOUNDRY_BASE_URL: 'https://gw.example.com/foundry' };
    expect(codes(await run({ env: { ...base, CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1' } }))).not.toContain('doctor-foundry-skip-ignored');
    expect(codes(await run({ env: { ...base, ANTHROPIC_FOUNDRY_API_KEY: SECRET } }))).not.toContain('doctor-foundry-skip-ignored');
    expect(codes(await run({ env: { ...base, CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '0', ANTHROPIC_FOUNDRY_API_KEY: SECRET } }))).not.toContain(
      'doctor-foundry-skip-ignored',
    );
  });
});

describe('variables read differently than meant', () => {
  const acw = async (value: string): Promise<Diagnostic[]> =>
    (await run(gateway({ CLAUDE_CODE_AUTO_COMPACT_WINDOW: value }))).filter((d) => d.code === 'doctor-auto-compact-window');

  it("CLAUDE_CODE_AUTO_COMPACT_WINDOW '500k' is not a plain integer → warning", async () => {
    expect((await acw('500k')).map((d) => d.severity)).toEqual(['warning']);
    expect((await acw('1e5')).map((d) => d.severity)).toEqual(['warning']);
  });

  it("CLAUDE_CODE_AUTO_COMPACT_WINDOW '50000' or '2000000' is clamped → info", async () => {
    expect((await acw('50000')).map((d) => d.severity)).toEqual(['info']);
    expect((await acw('2000000')).map((d) => d.severity)).toEqual(['info']);
  });

  it("CLAUDE_CODE_AUTO_COMPACT_WINDOW '180000', '100000' and '1000000' are in range: nothing", async () => {
    for (const v of ['180000', '100000', '1000000']) expect(await acw(v)).toEqual([]);
  });

  it('ANTHROPIC_SMALL_FAST_MODEL → doctor-deprecated-variable; in the user file the fixEdit renames it there', async () => {
    const d = only(await run({ user: { env: { ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5' } } }), 'doctor-deprecated-variable');
    expect(d.severity).toBe('warning');
    expect(d.fixEdit?.scope).toBe('user');
    expect(d.fixEdit?.ops).toEqual(
      expect.arrayContaining([
        { op: 'set', path: ['env', 'ANTHROPIC_DEFAULT_HAIKU_MODEL'], value: 'claude-haiku-4-5' },
        { op: 'unset', path: ['env', 'ANTHROPIC_SMALL_FAST_MODEL'] },
      ]),
    );
  });

  it('ANTHROPIC_SMALL_FAST_MODEL from the shell: reported without a fixEdit; ANTHROPIC_DEFAULT_HAIKU_MODEL → nothing', async () => {
    expect(only(await run({ env: { ANTHROPIC_SMALL_FAST_MODEL: 'claude-haiku-4-5' } }), 'doctor-deprecated-variable').fixEdit).toBeUndefined();
    expect(codes(await run({ env: { ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-4-5' } }))).not.toContain('doctor-deprecated-variable');
  });

  it('the capability fix mentions _NAME/_DESCRIPTION only from 2.1.118, when they work behind a gateway', async () => {
    const env = { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: 'tok-123456', ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES: 'effort' };
    expect(only(await run({ env }), 'doctor-capabilities-behind-gateway').fix).toContain('_NAME and _DESCRIPTION');
    expect(only(await run({ env, claudeCodeVersion: '2.1.117' }), 'doctor-capabilities-behind-gateway').fix).not.toContain('_NAME');
  });

  it('up to 2.1.256 discovery stopped by CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC says cached models still show', async () => {
    const spec: LayoutSpec = {
      env: {
        ANTHROPIC_BASE_URL: GW,
        ANTHROPIC_AUTH_TOKEN: 'tok-123456',
        CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      },
    };
    const d = only(diagnose(await resolveEffectiveConfig({ ...layout(spec), claudeCodeVersion: '2.1.256' })), 'doctor-discovery-cannot-run');
    expect(d.args).toEqual({ reason: 'nonessential-traffic-disabled', version: '2.1.256' });
    expect(d.message).toContain('cached');
  });

  it('*_SUPPORTED_CAPABILITIES behind ANTHROPIC_BASE_URL → doctor-capabilities-behind-gateway (one per variable)', async () => {
    const found = await run(
      gateway({ ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES: 'effort,thinking', ANTHROPIC_CUSTOM_MODEL_OPTION_SUPPORTED_CAPABILITIES: 'effort' }),
    );
    const caps = found.filter((d) => d.code === 'doctor-capabilities-behind-gateway');
    expect(caps.map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('*_SUPPORTED_CAPABILITIES with a provider, or _NAME behind a gateway: nothing', async () => {
    expect(codes(await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_DEFAULT_OPUS_MODEL_SUPPORTED_CAPABILITIES: 'effort' } }))).not.toContain(
      'doctor-capabilities-behind-gateway',
    );
    expect(codes(await run(gateway({ ANTHROPIC_DEFAULT_OPUS_MODEL_NAME: 'Opus via gateway' })))).not.toContain('doctor-capabilities-behind-gateway');
  });

  it('discovery switched on with a provider selected → doctor-discovery-cannot-run', async () => {
    expect(codes(await run({ env: { ANTHROPIC_BASE_URL: GW, CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' } }))).toContain(
      'doctor-discovery-cannot-run',
    );
  });

  it('up to 2.1.256 discovery switched on with CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC (even "0") → doctor-discovery-cannot-run; from 2.1.257 it runs (vector discovery-nonessential-zero)', async () => {
    const spec = gateway({ CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '0' });
    expect(codes(diagnose(await resolveEffectiveConfig({ ...layout(spec), claudeCodeVersion: '2.1.256' })))).toContain('doctor-discovery-cannot-run');
    expect(codes(await run(spec))).not.toContain('doctor-discovery-cannot-run');
  });

  it('discovery that can run, or that is not switched on: nothing', async () => {
    expect(codes(await run(gateway({ CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' })))).not.toContain('doctor-discovery-cannot-run');
    expect(codes(await run({ env: { ANTHROPIC_BASE_URL: GW, CLAUDE_CODE_USE_BEDROCK: '1' } }))).not.toContain('doctor-discovery-cannot-run');
    expect(codes(await run(gateway({ CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '0', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' })))).not.toContain(
      'doctor-discovery-cannot-run',
    );
  });
});

describe('row 3: the apiKeyHelper program (facts)', () => {
  const spec: LayoutSpec = { env: { ANTHROPIC_BASE_URL: GW }, user: { apiKeyHelper: '~/bin/get-gateway-key.sh' } };
  const helperFacts = (found: boolean, executable: boolean): DiagnoseOptions => ({
    facts: { helper: { program: `${HOME}/bin/get-gateway-key.sh`, found, executable } },
  });
  const helperCodes = (ds: Diagnostic[]): DiagnosticCode[] => codes(ds).filter((c) => c.startsWith('doctor-helper'));

  it('the program does not exist → doctor-helper-missing (error, at the file that set apiKeyHelper)', async () => {
    const d = only(await run(spec, helperFacts(false, false)), 'doctor-helper-missing');
    expect(d.severity).toBe('error');
    expect(d.scope).toBe('user');
    expect(d.path).toBe(USER_FILE);
  });

  it('the program exists but is not executable → doctor-helper-not-executable', async () => {
    expect(helperCodes(await run(spec, helperFacts(true, false)))).toEqual(['doctor-helper-not-executable']);
  });

  it('an executable program, no facts, or facts without an apiKeyHelper: nothing', async () => {
    expect(helperCodes(await run(spec, helperFacts(true, true)))).toEqual([]);
    expect(helperCodes(await run(spec))).toEqual([]);
    expect(helperCodes(await run(gateway(), helperFacts(false, false)))).toEqual([]);
  });
});

describe('information rules', () => {
  it('a gateway credential: all three information codes by default, as info', async () => {
    const found = await run(gateway());
    for (const code of INFORMATION) expect(only(found, code).severity).toBe('info');
  });

  it('a provider: Remote Control off (doctor-gateway-disables-features), no VS Code/desktop gateway notes', async () => {
    const found = codes(await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1' } }));
    expect(found).toContain('doctor-gateway-disables-features');
    expect(found).not.toContain('doctor-vscode-needs-settings');
    expect(found).not.toContain('doctor-desktop-ignores-base-url');
  });

  it('information: false leaves them out (and keeps the other findings)', async () => {
    const found = codes(await run(gateway({ ANTHROPIC_BASE_URL: `${GW}/v1` }), { information: false }));
    for (const code of INFORMATION) expect(found).not.toContain(code);
    expect(found).toContain('doctor-base-url-v1');
  });

  const features = (ds: Diagnostic[]): Diagnostic | undefined => ds.find((d) => d.code === 'doctor-gateway-disables-features');

  it('a gateway credential without a gateway URL: nothing before 2.1.139, Remote Control and voice off from 2.1.139', async () => {
    for (const env of [{ ANTHROPIC_AUTH_TOKEN: SECRET }, { ANTHROPIC_API_KEY: SECRET }]) {
      expect(features(await run({ env, interactive: false, claudeCodeVersion: '2.1.138' }))).toBeUndefined();
      const at = features(await run({ env, interactive: false, claudeCodeVersion: '2.1.139' }));
      expect(at?.args).toEqual({ credentialVariable: Object.keys(env)[0], baseUrl: false });
    }
    const helper = { user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' }, interactive: false };
    expect(features(await run({ ...helper, claudeCodeVersion: '2.1.138' }))).toBeUndefined();
    expect(features(await run({ ...helper, claudeCodeVersion: '2.1.139' }))?.args).toMatchObject({ credentialVariable: 'apiKeyHelper' });
  });

  it('a non-Anthropic ANTHROPIC_BASE_URL without a gateway credential: Remote Control off only from 2.1.196', async () => {
    const spec = (claudeCodeVersion: string): LayoutSpec => ({ env: { ANTHROPIC_BASE_URL: GW }, claudeCodeVersion });
    expect(features(await run(spec('2.1.195')))).toBeUndefined();
    const at = features(await run(spec('2.1.196')));
    expect(at?.args).toEqual({ credentialVariable: undefined, baseUrl: true });
  });

  it('a credential and a gateway URL between 2.1.139 and 2.1.195: the credential alone is blamed; from 2.1.196 the fix names the URL too', async () => {
    const before = features(await run({ ...gateway(), claudeCodeVersion: '2.1.195' }));
    expect(before?.args).toEqual({ credentialVariable: 'ANTHROPIC_AUTH_TOKEN', baseUrl: false });
    expect(before?.fix).not.toContain('ANTHROPIC_BASE_URL');
    const at = features(await run({ ...gateway(), claudeCodeVersion: '2.1.196' }));
    expect(at?.fix).toContain('ANTHROPIC_BASE_URL');
    expect(features(await run({ ...gateway(), claudeCodeVersion: '2.1.138' }))).toBeUndefined();
  });

  it('a provider turns Remote Control off at any version', async () => {
    expect(features(await run({ env: { CLAUDE_CODE_USE_BEDROCK: '1' }, claudeCodeVersion: '2.1.100' }))).toBeDefined();
  });

  it('a claude.ai login on api.anthropic.com: no information codes', async () => {
    const found = codes(
      await run({ globalConfig: { oauthAccount: { emailAddress: 'dev@example.com' } }, env: { ANTHROPIC_BASE_URL: 'https://api.anthropic.com' } }),
    );
    for (const code of INFORMATION) expect(found).not.toContain(code);
  });
});

describe('order and secrets', () => {
  const RANK = { error: 0, warning: 1, info: 2 } as const;

  it('diagnostics are sorted errors first, then warnings, then information', async () => {
    const found = await run({
      user: { env: { ANTHROPIC_BASE_URL: `${GW}/v1`, ANTHROPIC_SMALL_FAST_MODEL: 'h' } },
      env: { ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET, CLAUDE_CODE_AUTO_COMPACT_WINDOW: '50000' },
      project: '{ // comment\n}',
    });
    const ranks = found.map((d) => RANK[d.severity]);
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The resolver's error (settings-jsonc) is not left behind the doctor's warnings.
    expect(found.findIndex((d) => d.code === 'settings-jsonc')).toBeLessThan(found.findIndex((d) => d.code === 'doctor-credential-conflict'));
  });

  /** Scenarios that, together, raise every doctor code with the credential in every slot it can take. */
  const SCENARIOS: { spec: LayoutSpec; options?: DiagnoseOptions }[] = [
    { spec: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1' }, user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } } } },
    {
      spec: {
        git: true,
        user: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
        local: { env: { ANTHROPIC_API_KEY: SECRET } },
        interactive: true,
        trusted: false,
      },
    },
    {
      spec: {
        env: {
          ANTHROPIC_BASE_URL: `http://gw.example.com/v1?t=1`,
          ANTHROPIC_AUTH_TOKEN: SECRET,
          ANTHROPIC_API_KEY: SECRET,
          CLAUDE_CODE_OAUTH_TOKEN: SECRET,
          ANTHROPIC_CUSTOM_HEADERS: `Authorization: Bearer ${SECRET}\nX-Key ${SECRET}`,
        },
        globalConfig: { oauthAccount: { emailAddress: 'a@b' } },
      },
    },
    {
      spec: {
        user: {
          env: {
            ANTHROPIC_BASE_URL: `${GW}/v1`,
            ANTHROPIC_AUTH_TOKEN: `${SECRET}\n`,
            ANTHROPIC_SMALL_FAST_MODEL: 'h',
            CLAUDE_CODE_AUTO_COMPACT_WINDOW: '500k',
          },
        },
      },
    },
    { spec: { env: { ANTHROPIC_BASE_URL: 'gw.example.com', ANTHROPIC_API_KEY: SECRET } } },
    { spec: { env: { ANTHROPIC_BASE_URL: GW } } },
    { spec: { env: { ANTHROPIC_BASE_URL: `https://dev:${SECRET}@gw.example.com`, ANTHROPIC_AUTH_TOKEN: SECRET }, user: { env: { ANTHROPIC_BASE_URL: '' } } } },
    {
      spec: {
        git: true,
        project: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
        local: { env: { ANTHROPIC_API_KEY: SECRET } },
        interactive: true,
        trusted: false,
      },
      options: { facts: { git: { [LOCAL_FILE]: { inRepository: true, tracked: false, ignored: false } } } },
    },
    {
      spec: { git: true, local: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: false },
      options: { facts: { git: { [LOCAL_FILE]: { inRepository: true, tracked: true, ignored: false } } } },
    },
    {
      spec: {
        env: {
          CLAUDE_CODE_USE_FOUNDRY: '1',
          CLAUDE_CODE_SKIP_FOUNDRY_AUTH: '1',
          ANTHROPIC_FOUNDRY_API_KEY: SECRET,
          ANTHROPIC_BASE_URL: GW,
          CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
        },
      },
    },
    { spec: { env: { CLAUDE_CODE_USE_ANTHROPIC_AWS: '1', ANTHROPIC_AWS_API_KEY: SECRET } } },
    { spec: { env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_BEARER_TOKEN_BEDROCK: SECRET, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SECRET } } },
    { spec: { ...gateway({ ANTHROPIC_DEFAULT_SONNET_MODEL_SUPPORTED_CAPABILITIES: 'effort' }), managedFile: { forceLoginMethod: 'claudeai' } } },
    {
      spec: { user: { apiKeyHelper: '~/bin/k.sh' }, env: { ANTHROPIC_BASE_URL: GW, CLAUDE_CODE_API_KEY_HELPER_TTL_MS: 'x' } },
      options: { facts: { helper: { program: `${HOME}/bin/k.sh`, found: false, executable: false } } },
    },
    {
      spec: { user: { apiKeyHelper: '~/bin/k.sh' }, env: { ANTHROPIC_BASE_URL: GW } },
      options: { facts: { helper: { program: `${HOME}/bin/k.sh`, found: true, executable: false } } },
    },
    { spec: { env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'team-a', GOOGLE_CLOUD_PROJECT: 'team-b' } } },
    {
      spec: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } },
      options: { facts: { shellExports: [{ variable: 'ANTHROPIC_AUTH_TOKEN', file: '~/.zshrc', line: 3, interactiveOnly: true }] } },
    },
    {
      spec: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } },
      options: { facts: { shellActivations: [{ command: 'ccr activate', source: 'claude-code-router', file: '~/.zshrc', line: 7, interactiveOnly: true }] } },
    },
  ];
  const ALL_DOCTOR_CODES = {
    'doctor-credential-conflict': true,
    'doctor-login-outranked': true,
    'doctor-base-url-not-absolute': true,
    'doctor-base-url-insecure': true,
    'doctor-base-url-v1': true,
    'doctor-base-url-query': true,
    'doctor-base-url-empty': true,
    'doctor-credential-waits-for-trust': true,
    'doctor-credential-after-trust': true,
    'doctor-credential-in-project-file': true,
    'doctor-credential-in-tracked-file': true,
    'doctor-credential-not-ignored': true,
    'doctor-shell-only-variable': true,
    'doctor-shell-only-activation': true,
    'doctor-provider-incomplete': true,
    'doctor-foundry-skip-ignored': true,
    'doctor-provider-ignores-variable': true,
    'doctor-vertex-project-overridden': true,
    'doctor-auto-compact-window': true,
    'doctor-deprecated-variable': true,
    'doctor-capabilities-behind-gateway': true,
    'doctor-discovery-cannot-run': true,
    'doctor-helper-missing': true,
    'doctor-helper-not-executable': true,
    'doctor-gateway-disables-features': true,
    'doctor-vscode-needs-settings': true,
    'doctor-desktop-ignores-base-url': true,
    'doctor-no-credential': true,
    // doctor-credential-allowed comes from the staged-files check alone (test/adversarial/committed-credentials.test.ts, test/guard.test.ts).
  } satisfies Record<Exclude<DoctorCode, 'doctor-credential-allowed'>, true>;

  it.each([`https://dev:${SECRET}@gw.example.com/v1`, `https://${SECRET}@gw.example.com/v1`, `dev:${SECRET}@gw.example.com`])(
    'a password in ANTHROPIC_BASE_URL (%s) never reaches a message or fix; a fixEdit keeps the real URL',
    async (url) => {
      const found = diagnose(await resolve({ user: { env: { ANTHROPIC_BASE_URL: url } } }));
      expect(
        codes(found).filter((c) => c === 'doctor-no-credential' || c === 'doctor-base-url-v1' || c === 'doctor-base-url-not-absolute').length,
      ).toBeGreaterThanOrEqual(2);
      for (const d of found) expect(`${d.message}\n${d.fix ?? ''}\n${JSON.stringify(d.args ?? null)}`, d.code).not.toContain(SECRET);
      const edit = found.find((d) => d.code === 'doctor-base-url-v1')?.fixEdit?.ops[0];
      if (edit?.op === 'set') expect(edit.value).toBe(url.replace(/\/v1$/, ''));
    },
  );

  it('no message, fix or fixEdit ever contains a credential value, across scenarios raising every doctor code', async () => {
    const seen = new Set<string>();
    for (const { spec, options } of SCENARIOS) {
      const config = await resolve(spec);
      // The secret really is in play wherever the scenario sets it (the check can fail).
      if (JSON.stringify(spec).includes(SECRET)) expect(JSON.stringify(config)).toContain(SECRET);
      const found = diagnose(config, options);
      for (const d of found) {
        seen.add(d.code);
        // Every diagnostic comes from the catalogue: it carries the arguments its message was rendered from.
        expect(d.args, d.code).toBeDefined();
        expect(`${d.message}\n${d.fix ?? ''}\n${JSON.stringify(d.fixEdit ?? null)}\n${JSON.stringify(d.args ?? null)}`, d.code).not.toContain(SECRET);
        expect(d.message, d.code).not.toContain(SECRET.slice(-12));
      }
    }
    expect(Object.keys(ALL_DOCTOR_CODES).filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('doctor-credential-conflict behind a cloud provider gateway', () => {
  it('two plain credentials sent to a Bedrock gateway are a conflict; a stale key beside a signed provider is not (vectors provider-bedrock-helper-and-key, provider-bedrock-bearer-and-plain)', async () => {
    const bedrock = {
      CLAUDE_CODE_USE_BEDROCK: '1',
      CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
      ANTHROPIC_BEDROCK_BASE_URL: 'https://gw.example.com/bedrock',
      AWS_REGION: 'us-east-1',
    };
    const both = diagnose(
      await resolveEffectiveConfig(
        layout({ interactive: false, env: { ...bedrock, ANTHROPIC_API_KEY: 'sk-stale-1234567' }, user: { apiKeyHelper: '/bin/h' } }),
      ),
    );
    const d = both.find((x) => x.code === 'doctor-credential-conflict');
    expect(d?.args).toMatchObject({ sent: ['apiKeyHelper as authorization: Bearer', 'ANTHROPIC_API_KEY as x-api-key'] });
    const signed = diagnose(
      await resolveEffectiveConfig(
        layout({ interactive: false, env: { CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1', ANTHROPIC_API_KEY: 'sk-stale-1234567' } }),
      ),
    );
    expect(signed.some((x) => x.code === 'doctor-credential-conflict')).toBe(false);
  });
});

describe('a diagnostic as printed', () => {
  it('names its file once: the location first, the message without the path again', async () => {
    const config = await resolve({ user: '{\n  // a comment\n  "env": {}\n}\n' });
    const d = config.diagnostics.find((x) => x.code === 'settings-jsonc');
    expect(d?.path).toBeDefined();
    const text = formatDiagnostic(d as Diagnostic);
    expect(text.split(d?.path as string).length - 1, text).toBe(1);
    expect(text).toMatch(/^\/.*settings\.json:2:3: (error|warning) settings-jsonc: /);
  });
});
