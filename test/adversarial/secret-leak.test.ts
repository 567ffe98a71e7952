/**
 * The secret-leak sweep: a distinctive credential planted in every carrier (credential variables in
 * every scope, an overridden one, one waiting for trust, a password in a base URL and in a proxy URL,
 * credential headers not called Authorization, OTLP headers, a non-string credential, an
 * apiKeyHelper's output, a hostile gateway that echoes the credential in its body across the excerpt
 * cut, in a redirect's Location and in a model id), and every output of every function and command
 * scanned for the whole of each credential and for its first 12 characters. With showSecrets /
 * --show-secrets the credentials do appear, so every scan can fail.
 */
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configJson } from '../../src/cli/format';
import {
  createRedactor,
  createRootedFs,
  isCredentialHeaderName,
  isSecretVariable,
  maskValue,
  diagnose,
  discoverModels,
  explain,
  formatEffectiveConfig,
  maskRequest,
  buildVerificationRequest,
  redactConfig,
  redactSecrets,
  resolveEffectiveConfig,
  verifyGateway,
  type EffectiveConfig,
  type ResolveOptions,
} from '../../src/index';
import { runCli, type CliResult } from '../helpers/cli-io';
import { makeCliWorld, makeRootLayout, type CliWorld, type RootLayout } from '../helpers/cli-world';
import { MESSAGE_BODY, send, sendJson, useGateway, type Behaviour } from '../helpers/gateway-server';
import { findLeak, forms, libraryOutputs, plant, resolvePlanted } from '../helpers/secret-fuzz';
import { writeFile } from '../helpers/tmp';

/** A credential no output may show: unique per carrier, and its first 12 characters unique too. */
const leak = (carrier: string): string => `sk-LEAK-${carrier}-7f3a9c2e5b81d4`;

const L = {
  shell: leak('shellauth'),
  user: leak('userauth'),
  cli: leak('cliauth'),
  managed: leak('managedfoundry'),
  project: leak('projectkey'),
  local: leak('localauth'),
  urlPassword: leak('urlpw'),
  proxyPassword: leak('proxypw'),
  helicone: leak('helicone'),
  cfAig: leak('cfaig'),
  xApiKey: leak('xapikey'),
  otel: leak('otelteam'),
  bedrock: leak('bedrockkey'),
};
/** A credential written as a JSON number (env-not-string): Claude Code skips it, the old fix quoted it. */
const NUMERIC = 719384620571863;
const NUMERIC_TEXT = String(NUMERIC);

function fragmentsOf(secret: string): string[] {
  return [secret, secret.slice(0, 12)];
}

/** Fails when `output` holds any of `secrets` or the first 12 characters of one. */
function expectClean(output: string, secrets: readonly string[], label: string): void {
  for (const s of secrets)
    for (const f of fragmentsOf(s)) expect(output.includes(f), `${label} shows ${JSON.stringify(f)}:\n${output.slice(0, 4000)}`).toBe(false);
}

function cliOut(r: CliResult): string {
  return `${r.stdout}\n${r.stderr}`;
}

describe('the redaction rules', () => {
  it('credential header names: the gateway auth headers are, request ids and betas are not', () => {
    for (const name of [
      'Authorization',
      'Proxy-Authorization',
      'Helicone-Auth',
      'cf-aig-authorization',
      'X-Portkey-Api-Key',
      'x-goog-api-key',
      'api-key',
      'apikey',
      'X-Auth-Token',
      'x-api-key',
      'Cookie',
      'X-Session-Token',
      'X-Amz-Security-Token',
      'x-hub-signature',
      'x-honeycomb-team',
      'Ocp-Apim-Subscription-Key',
    ]) {
      expect(isCredentialHeaderName(name), name).toBe(true);
    }
    for (const name of [
      'x-request-id',
      'anthropic-beta',
      'anthropic-version',
      'X-Team',
      'x-tenant',
      'content-type',
      'user-agent',
      'x-dataset',
      'anthropic-workspace-id',
    ])
      expect(isCredentialHeaderName(name), name).toBe(false);
  });

  it('a URL with a credential makes any variable secret; printers keep the rest of the URL', () => {
    expect(isSecretVariable('ANTHROPIC_BASE_URL', 'https://dev:pw@gw.example.com')).toBe(true);
    expect(isSecretVariable('ANTHROPIC_BEDROCK_BASE_URL', 'https://tok123@gw.example.com')).toBe(true);
    expect(isSecretVariable('ANTHROPIC_BASE_URL', 'https://gw.example.com/api?api_key=abc')).toBe(true);
    expect(isSecretVariable('ANTHROPIC_BASE_URL', 'https://gw.example.com/api?tenant=a')).toBe(false);
    expect(isSecretVariable('HTTP_PROXY', 'http://proxy.example:8080')).toBe(false);
    expect(isSecretVariable('ANTHROPIC_MODEL', 'claude-sonnet-4@20250514')).toBe(false);
    expect(maskValue('ANTHROPIC_BASE_URL', 'https://dev:p@ss"w\\d@gw.example.com:8443/api')).toBe('https://dev:<redacted>@gw.example.com:8443/api');
    expect(maskValue('ANTHROPIC_BASE_URL', 'https://tok123@gw.example.com')).toBe('https://<redacted>@gw.example.com');
    expect(maskValue('ANTHROPIC_BASE_URL', 'https://gw.example.com/?key=abc&tenant=a')).toBe('https://gw.example.com/?key=<redacted>&tenant=a');
    expect(maskValue('ANTHROPIC_AUTH_TOKEN', 'sk-abcdef')).toBe('<redacted: 9 chars>');
    expect(maskValue('ANTHROPIC_CUSTOM_HEADERS', 'X-Team: a\nHelicone-Auth: Bearer x\nx-request-id: 7')).toBe(
      'X-Team: a\nHelicone-Auth: <redacted>\nx-request-id: 7',
    );
    expect(maskValue('OTEL_EXPORTER_OTLP_HEADERS', 'x-honeycomb-team=abc,x-dataset=d')).toBe('x-honeycomb-team=<redacted>,x-dataset=d');
  });

  it('a redactor masks every form of a known secret, keeps JSON valid, and is idempotent', () => {
    const secret = 'sk-"odd\\/€-secret\\';
    const r = createRedactor([secret, 'tiny', undefined, '']);
    const data = { a: secret, nested: [`x ${secret} y`, { [secret]: 1 }], url: `https://u:${encodeURIComponent(secret)}@h/`, n: 'tiny is left alone' };
    const json = JSON.stringify(data, null, 2);
    const twice = JSON.stringify({ text: json });
    for (const text of [json, twice]) {
      const masked = r.text(text);
      expect(masked).not.toContain('odd');
      expect(() => JSON.parse(masked) as unknown).not.toThrow();
      expect(r.text(masked)).toBe(masked);
    }
    expect(r.text(json)).toContain('tiny is left alone');
    expect(JSON.stringify(r.value(data))).not.toContain('odd');
    // A JSON member of a credential variable is masked with no knowledge of the value.
    expect(createRedactor([]).text('{"ANTHROPIC_API_KEY": "abc", "ANTHROPIC_AUTH_TOKEN": 1234, "ANTHROPIC_MODEL": "m"}')).toBe(
      '{"ANTHROPIC_API_KEY": "<redacted: 3 chars>", "ANTHROPIC_AUTH_TOKEN": "<redacted>", "ANTHROPIC_MODEL": "m"}',
    );
    // A flag is never a secret: the `secret` member of every variable in `status --json` keeps its boolean.
    expect(createRedactor([]).text('{"secret": true, "client_secret": false, "token": null}')).toBe('{"secret": true, "client_secret": false, "token": null}');
  });

  it('a server reply loses a truncated echo of a known secret (12+ characters of its start)', () => {
    const r = createRedactor([L.user]);
    expect(r.reply(`key ${L.user.slice(0, 15)}… rejected`)).toBe('key <redacted>… rejected');
    expect(r.text(`key ${L.user.slice(0, 15)}… rejected`)).toContain(L.user.slice(0, 15));
    expect(r.reply(`key ${L.user.slice(0, 11)}`)).toContain(L.user.slice(0, 11));
  });
});

// ---------------------------------------------------------------------------------------------
// The static world: every carrier in settings, read through --root.
// ---------------------------------------------------------------------------------------------

const SHELL_ENV: Record<string, string> = { ANTHROPIC_AUTH_TOKEN: L.shell, PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const HEADERS = `X-Team: infra\nHelicone-Auth: Bearer ${L.helicone}\ncf-aig-authorization: ${L.cfAig}\nx-api-key: ${L.xApiKey}\nx-request-id: req-visible-42`;

function staticLayout(): RootLayout {
  return makeRootLayout({
    '/etc/claude-code/managed-settings.json': { env: { ANTHROPIC_FOUNDRY_API_KEY: L.managed, ANTHROPIC_CUSTOM_HEADERS: HEADERS } },
    '/home/u/cli-settings.json': { env: { ANTHROPIC_AUTH_TOKEN: L.cli } },
    '/home/u/.claude/settings.json': {
      env: {
        ANTHROPIC_AUTH_TOKEN: L.user,
        ANTHROPIC_BASE_URL: `https://gwuser:${L.urlPassword}@gw.example.com`,
        HTTPS_PROXY: `http://proxyuser:${L.proxyPassword}@proxy.example:8080`,
        OTEL_EXPORTER_OTLP_HEADERS: `x-honeycomb-team=${L.otel},x-dataset=visible`,
        AWS_BEARER_TOKEN_BEDROCK: L.bedrock,
        ANTHROPIC_API_KEY: NUMERIC,
        ANTHROPIC_MODEL: 'claude-sonnet-4-6',
      },
    },
    '/home/u/proj/.claude/settings.json': { env: { ANTHROPIC_API_KEY: L.project } },
    '/home/u/proj/.claude/settings.local.json': { env: { ANTHROPIC_AUTH_TOKEN: L.local } },
  });
}

const STATIC_SECRETS = [...Object.values(L), NUMERIC_TEXT];
/** The values the configuration really uses (not the overridden or pending ones), shown by --show-secrets. */
const SHOWN_WINNERS = [L.cli, L.managed, L.urlPassword, L.proxyPassword, L.helicone, L.cfAig, L.xApiKey, L.otel, L.bedrock];

describe('secret-leak sweep: every carrier in settings', () => {
  let layout: RootLayout;
  let config: EffectiveConfig;
  let options: ResolveOptions;
  beforeAll(async () => {
    layout = staticLayout();
    options = {
      fs: createRootedFs(layout.root),
      homeDir: '/home/u',
      cwd: '/home/u/proj',
      platform: 'linux',
      env: SHELL_ENV,
      settingsFlag: '/home/u/cli-settings.json',
      readOsPolicy: false,
    };
    config = await resolveEffectiveConfig(options);
  });
  afterAll(() => layout.cleanup());

  it('the carriers really are in play (the sweep can fail)', () => {
    const all = JSON.stringify(config);
    for (const s of [L.shell, L.user, L.cli, L.managed, L.project, L.local, L.urlPassword, L.proxyPassword, L.helicone, L.cfAig, L.xApiKey, L.otel, L.bedrock])
      expect(all, s).toContain(s);
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.value).toBe(L.cli);
    expect(config.env['ANTHROPIC_AUTH_TOKEN']?.overridden.map((o) => o.value)).toEqual(expect.arrayContaining([L.user, L.shell]));
    expect(config.pendingTrust.map((p) => p.value)).toEqual(expect.arrayContaining([L.project, L.local]));
    expect(config.diagnostics.map((d) => d.code)).toContain('env-not-string');
    for (const name of ['ANTHROPIC_BASE_URL', 'HTTPS_PROXY', 'ANTHROPIC_CUSTOM_HEADERS', 'OTEL_EXPORTER_OTLP_HEADERS'])
      expect(config.env[name]?.secret, name).toBe(true);
  });

  it('formatEffectiveConfig, every explain(), diagnose(), configJson and redactConfig show none of them', () => {
    expectClean(formatEffectiveConfig(config), STATIC_SECRETS, 'formatEffectiveConfig');
    expectClean(formatEffectiveConfig(config, { allVariables: true }), STATIC_SECRETS, 'formatEffectiveConfig --all');
    const names = [...Object.keys(config.env), ...Object.keys(config.keys), ...config.pendingTrust.map((p) => p.name)];
    for (const name of names) expectClean(JSON.stringify(explain(config, name)), STATIC_SECRETS, `explain(${name})`);
    for (const d of diagnose(config)) expectClean(`${d.message}\n${d.fix ?? ''}`, STATIC_SECRETS, `diagnose ${d.code}`);
    for (const d of config.diagnostics) expectClean(`${d.message}\n${d.fix ?? ''}`, STATIC_SECRETS, `config diagnostic ${d.code}`);
    expectClean(JSON.stringify(configJson(config, false)), STATIC_SECRETS, 'configJson');
    expectClean(JSON.stringify(redactConfig(config)), STATIC_SECRETS, 'redactConfig');
    expectClean(
      redactSecrets(JSON.stringify(config), config),
      STATIC_SECRETS.filter((s) => s !== NUMERIC_TEXT),
      'redactSecrets',
    );
  });

  it('what stays readable: the URL but its password, the headers but their credentials', () => {
    const text = formatEffectiveConfig(config, { allVariables: true });
    expect(text).toContain('https://gwuser:<redacted>@gw.example.com');
    expect(text).toContain('http://proxyuser:<redacted>@proxy.example:8080');
    expect(text).toContain('X-Team: infra');
    expect(text).toContain('x-request-id: req-visible-42');
    expect(text).toContain('x-dataset=visible');
    expect(explain(config, 'ANTHROPIC_BASE_URL').value).toBe('https://gwuser:<redacted>@gw.example.com');
  });

  it('showSecrets shows them (library)', () => {
    const text = formatEffectiveConfig(config, { showSecrets: true, allVariables: true });
    for (const s of [...SHOWN_WINNERS, L.user, L.shell]) expect(text, s).toContain(s);
    expect(explain(config, 'ANTHROPIC_AUTH_TOKEN', { showSecrets: true }).text).toContain(L.user);
    expect(explain(config, 'ANTHROPIC_API_KEY', { showSecrets: true }).text).toContain(L.project);
    expect(JSON.stringify(configJson(config, true))).toContain(L.helicone);
  });

  const READERS: string[][] = [
    ['status'],
    ['status', '--all'],
    ['status', '--json'],
    ['doctor'],
    ['doctor', '--json'],
    ['doctor', '--no-info', '--json'],
    ['verify'],
    ['verify', '--json'],
    ['discover', '--force'],
    ['discover', '--force', '--json'],
  ];

  it.each(READERS)('claude-gateway %s … shows none of them', async (...argv) => {
    const r = await runCli([...argv, ...layout.where, '--settings', '/home/u/cli-settings.json'], { env: SHELL_ENV });
    expect(r.code, cliOut(r)).toBeLessThan(2);
    expectClean(cliOut(r), STATIC_SECRETS, argv.join(' '));
  });

  it('claude-gateway explain NAME (text and --json) shows none of them, for every variable and key', async () => {
    const names = [...new Set([...Object.keys(config.env), 'env', ...config.pendingTrust.map((p) => p.name), 'NOT_SET'])];
    for (const name of names) {
      for (const extra of [[], ['--json']]) {
        const r = await runCli(['explain', name, ...extra, ...layout.where, '--settings', '/home/u/cli-settings.json'], { env: SHELL_ENV });
        expect(r.code, cliOut(r)).toBe(0);
        expectClean(cliOut(r), STATIC_SECRETS, `explain ${name} ${extra.join(' ')}`);
      }
    }
  });

  it('--show-secrets shows them (CLI)', async () => {
    const r = await runCli(['status', '--all', '--show-secrets', ...layout.where, '--settings', '/home/u/cli-settings.json'], { env: SHELL_ENV });
    for (const s of SHOWN_WINNERS) expect(r.stdout, s).toContain(s);
    const j = await runCli(['explain', 'ANTHROPIC_BASE_URL', '--json', '--show-secrets', ...layout.where], { env: SHELL_ENV });
    expect(j.stdout).toContain(L.urlPassword);
  });
});

describe('secret-leak sweep: random credentials with the characters escaping changes (a few seeds; thousands in the stress run)', () => {
  it('40 seeded layouts: no output holds a credential as it is or JSON-escaped; showSecrets does', async () => {
    let planted = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const layout = plant(seed);
      const config = await resolvePlanted(layout.files, layout.env);
      const leakFound = findLeak(libraryOutputs(config), layout.planted);
      expect(leakFound, `seed ${seed}`).toBeUndefined();
      const shown = formatEffectiveConfig(config, { showSecrets: true, allVariables: true });
      for (const p of layout.planted)
        if (p.carrier !== 'pending')
          expect(
            forms(p.secret).some((f) => shown.includes(f)),
            `seed ${seed} ${p.carrier}`,
          ).toBe(true);
      planted += layout.planted.length;
    }
    expect(planted).toBeGreaterThan(100);
  });
});

// ---------------------------------------------------------------------------------------------
// Writers: set, unset and init --dry-run against a file that already holds credentials.
// ---------------------------------------------------------------------------------------------

describe('secret-leak sweep: set, unset and init --dry-run', () => {
  const W = {
    existing: leak('wexisting'),
    urlPassword: leak('wurlpw'),
    helicone: leak('whelicone'),
    fresh: leak('wfresh'),
    proxy: leak('wproxy'),
    init: leak('winit'),
    initHeader: leak('winithdr'),
  };
  const SECRETS = [...Object.values(W), NUMERIC_TEXT];
  let world: CliWorld;
  beforeAll(() => {
    world = makeCliWorld('cgc-leak-');
  });
  afterAll(() => world.cleanup());
  afterEach(() => {
    writeExisting();
  });
  function writeExisting(jsonc = false): void {
    writeFile(
      world.userSettings,
      `{${jsonc ? '\n  // a comment: the file is JSONC, and the diff (with --convert-jsonc) still masks what it holds' : ''}
  "env": {
    "ANTHROPIC_AUTH_TOKEN": "${W.existing}",
    "ANTHROPIC_BASE_URL": "https://gwuser:${W.urlPassword}@gw.example.com",
    "ANTHROPIC_CUSTOM_HEADERS": "X-Team: infra\\nHelicone-Auth: ${W.helicone}",
    "ANTHROPIC_API_KEY": ${NUMERIC}
  }
}
`,
    );
  }

  const WRITES: string[][] = [
    ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run'],
    ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run', '--json'],
    ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run', '--convert-jsonc', 'JSONC'],
    ['set', 'ANTHROPIC_MODEL=claude-opus-4-1', '--scope', 'user', '--dry-run', '--convert-jsonc', '--json', 'JSONC'],
    ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_FRESH', '--scope', 'user', '--dry-run'],
    ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_FRESH', '--scope', 'user', '--dry-run', '--json'],
    ['set', 'HTTPS_PROXY', '--value-env', 'CGC_PROXY', '--scope', 'user', '--dry-run'],
    ['set', 'HTTPS_PROXY', '--value-env', 'CGC_PROXY', '--scope', 'user', '--dry-run', '--json'],
    ['unset', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', '--scope', 'user', '--dry-run'],
    ['unset', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', '--scope', 'user', '--dry-run', '--json'],
    ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--header', `Helicone-Auth: ${W.initHeader}`, '--dry-run'],
    [
      'init',
      'gateway',
      '--base-url',
      'https://gw.example.com',
      '--token-env',
      'CGC_TOKEN',
      '--header',
      `Helicone-Auth: ${W.initHeader}`,
      '--dry-run',
      '--json',
    ],
  ];

  it.each(WRITES)('claude-gateway %s … shows none of them', async (...args) => {
    const jsonc = args.at(-1) === 'JSONC';
    const argv = jsonc ? args.slice(0, -1) : args;
    writeExisting(jsonc);
    const r = await runCli([...argv, ...world.where], {
      env: { ...world.env, CGC_TOKEN: W.init, CGC_FRESH: W.fresh, CGC_PROXY: `http://u:${W.proxy}@proxy.example:8080` },
    });
    expect(r.code, cliOut(r)).toBe(0);
    // Every output shows a masked credential (init --json reports counts, not texts).
    if (!(argv[0] === 'init' && argv.includes('--json'))) expect(r.stdout).toContain('<redacted');
    expectClean(cliOut(r), SECRETS, argv.join(' '));
    // Nothing was written, and the file really holds what the diff hid.
    expect(readFileSync(world.userSettings, 'utf8')).toContain(W.existing);
  });

  it('the dry runs did run (a diff was printed) and --show-secrets shows the credentials already in the file', async () => {
    writeExisting();
    const hidden = await runCli(['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--dry-run', ...world.where], {
      env: { ...world.env, CGC_TOKEN: W.init },
    });
    expect(hidden.stdout).toMatch(/^\+[^+]/m);
    expect(hidden.stdout).toContain('<redacted');
    const shown = await runCli(
      ['init', 'gateway', '--base-url', 'https://gw.example.com', '--token-env', 'CGC_TOKEN', '--dry-run', '--show-secrets', ...world.where],
      { env: { ...world.env, CGC_TOKEN: W.init } },
    );
    for (const s of [W.existing, W.urlPassword, W.helicone, W.init]) expect(shown.stdout, s).toContain(s);
    writeExisting(true);
    const set = await runCli(
      ['set', 'ANTHROPIC_AUTH_TOKEN', '--value-env', 'CGC_FRESH', '--scope', 'user', '--dry-run', '--convert-jsonc', '--show-secrets', ...world.where],
      { env: { ...world.env, CGC_FRESH: W.fresh } },
    );
    for (const s of [W.existing, W.fresh, NUMERIC_TEXT]) expect(set.stdout, s).toContain(s);
  });
});

describe('secret-leak sweep: generate, every format', () => {
  const T = { token: leak('gentoken'), header: leak('genheader') };
  const FORMATS = ['settings', 'bash', 'zsh', 'powershell', 'vscode', 'github-actions', 'sdk-typescript', 'sdk-python', 'curl', 'curl-powershell', 'managed'];
  const GEN = [
    'gateway',
    '--base-url',
    'https://gw.example.com',
    '--token-env',
    'CGC_TOKEN',
    '--header',
    `Helicone-Auth: Bearer ${T.header}`,
    '--header',
    'X-Team: infra',
  ];

  it.each(FORMATS)('claude-gateway generate %s (text and --json) shows neither the token nor a credential header', async (format) => {
    for (const extra of [[], ['--json']]) {
      const r = await runCli(['generate', format, ...GEN, ...extra], { env: { CGC_TOKEN: T.token } });
      expect(r.code, cliOut(r)).toBe(0);
      expectClean(cliOut(r), Object.values(T), `generate ${format} ${extra.join(' ')}`);
    }
  });

  it('--show-secrets shows the header where the format carries it (the settings); curl reads it from ANTHROPIC_CUSTOM_HEADERS when it runs', async () => {
    const r = await runCli(['generate', 'settings', ...GEN, '--show-secrets'], { env: { CGC_TOKEN: T.token } });
    expect(r.stdout).toContain(T.header);
    const curl = await runCli(['generate', 'curl', ...GEN, '--show-secrets'], { env: { CGC_TOKEN: T.token } });
    expect(curl.stdout).not.toContain(T.header);
    expect(curl.stdout).toContain('$ANTHROPIC_CUSTOM_HEADERS');
  });
});

// ---------------------------------------------------------------------------------------------
// A hostile gateway: echoes the credential in its body (across the excerpt's cut), in a redirect's
// Location, in model ids and names.
// ---------------------------------------------------------------------------------------------

describe('secret-leak sweep: what a hostile gateway sends back', () => {
  const G = { token: leak('gwtoken'), helicone: leak('gwhelicone'), helper: leak('gwhelper') };
  const SECRETS = Object.values(G);
  /** The credentials of each configuration: a gateway may echo any string, only these are the session's. */
  const IN_PLAY = { token: [G.token, G.helicone], helper: [G.helper] } as const;
  const gw = useGateway();
  let world: CliWorld;
  beforeAll(() => {
    world = makeCliWorld('cgc-leak-gw-');
  });
  afterAll(() => world.cleanup());

  function tokenSettings(): void {
    writeFile(world.userSettings, {
      env: {
        ANTHROPIC_BASE_URL: gw.url,
        ANTHROPIC_AUTH_TOKEN: G.token,
        ANTHROPIC_CUSTOM_HEADERS: `Helicone-Auth: Bearer ${G.helicone}\nX-Team: infra`,
        CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
      },
    });
  }
  function helperSettings(): void {
    const script = writeFile(join(world.tmp, 'bin', 'gateway-key'), `#!/bin/sh\nprintf '%s' '${G.helper}'\n`);
    chmodSync(script, 0o755);
    writeFile(world.userSettings, { apiKeyHelper: script, env: { ANTHROPIC_BASE_URL: gw.url, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' } });
  }
  async function config(): Promise<EffectiveConfig> {
    return resolveEffectiveConfig({ homeDir: world.home, cwd: world.cwd, platform: 'linux', env: world.env, readOsPolicy: false });
  }

  /** Echoes every credential it received: the bearer token straddles character 400 of the body. */
  const echoAcrossTheCut =
    (status: number): Behaviour =>
    (r, res) => {
      const bearer = String(r.headers['authorization'] ?? '').replace(/^Bearer /, '');
      const key = String(r.headers['x-api-key'] ?? '');
      const helicone = String(r.headers['helicone-auth'] ?? '');
      const pad = '{"type":"error","error":{"type":"authentication_error","message":"bad key: ';
      // 14 characters of the credential before character 400, the rest after: a cut before the scrub shows its start.
      const body = `${pad}${'x'.repeat(400 - pad.length - 14)}${bearer || key}", "helicone": "${helicone}", "key": "${key}"}}`;
      send(res, status, body, { 'content-type': 'application/json' });
    };

  it('verifyGateway and discoverModels (library): no credential in the whole report, though the gateway echoed them', async () => {
    tokenSettings();
    const c = await config();
    gw.behave(echoAcrossTheCut(401));
    const unauthorized = await verifyGateway(c);
    expect(unauthorized.outcome).toBe('unauthorized');
    expect(gw.requests[0]?.headers['authorization']).toBe(`Bearer ${G.token}`);
    expect(gw.requests[0]?.headers['helicone-auth']).toBe(`Bearer ${G.helicone}`);
    expect(unauthorized.bodyExcerpt?.length).toBeGreaterThan(390);
    expectClean(JSON.stringify(unauthorized), SECRETS, 'verify 401 echo');

    gw.behave((_r, res) => send(res, 302, '', { location: `https://login.example.com/cb?token=${G.token}&next=https://u:${G.helicone}@x.example/` }));
    const redirect = await verifyGateway(c);
    expect(redirect.outcome).toBe('redirect');
    expect(redirect.message).toContain('login.example.com');
    expectClean(JSON.stringify(redirect), SECRETS, 'verify redirect');

    gw.behave((_r, res) =>
      sendJson(res, 200, {
        data: [{ id: `claude-${G.token}`, display_name: `Key ${G.helicone.slice(0, 14)}…` }, { id: 'claude-sonnet-4-6' }, { id: `gpt-${G.token}` }],
      }),
    );
    const models = await discoverModels(c);
    expect(models.outcome).toBe('ok');
    expect(models.listed).toHaveLength(3);
    expect(models.models.map((m) => m.id)).toContain('claude-sonnet-4-6');
    expectClean(JSON.stringify(models), SECRETS, 'discover ids');

    gw.behave((_r, res) => send(res, 302, '', { location: `https://x.example/?api_key=${G.token}` }));
    expectClean(JSON.stringify(await discoverModels(c)), SECRETS, 'discover redirect');
  });

  it('the request in the report masks every credential header, not only Authorization', async () => {
    tokenSettings();
    const c = await config();
    const request = buildVerificationRequest(c);
    expect(request.headers['helicone-auth']).toBe(`Bearer ${G.helicone}`);
    const masked = maskRequest(request);
    expectClean(JSON.stringify(masked), SECRETS, 'maskRequest');
    expect(masked.headers['x-team']).toBe('infra');
    // By value too: a header whose name says nothing but whose value is a known credential.
    const odd = maskRequest({ ...request, headers: { ...request.headers, 'x-trace': `t=${G.token}` } });
    expectClean(JSON.stringify(odd), SECRETS, 'maskRequest by value');
  });

  it('an apiKeyHelper output echoed back is masked in the report', async () => {
    helperSettings();
    const c = await config();
    gw.behave(echoAcrossTheCut(401));
    const report = await verifyGateway(c, { helperValue: G.helper });
    expect(gw.requests[0]?.headers['x-api-key']).toBe(G.helper);
    expectClean(JSON.stringify(report), SECRETS, 'verify helper echo');
    expect(createRedactor([G.helper]).text(`"${G.helper}"`)).toBe('"<redacted>"');
  });

  const COMMANDS: { name: string; argv: string[]; behave: Behaviour }[] = [
    { name: 'verify (401 echo)', argv: ['verify'], behave: echoAcrossTheCut(401) },
    { name: 'verify --json (401 echo)', argv: ['verify', '--json'], behave: echoAcrossTheCut(401) },
    { name: 'verify --json (500 echo)', argv: ['verify', '--json'], behave: echoAcrossTheCut(500) },
    { name: 'verify --stream --json (echo)', argv: ['verify', '--stream', '--json'], behave: echoAcrossTheCut(400) },
    {
      name: 'verify --json (redirect)',
      argv: ['verify', '--json'],
      behave: (_r, res) => send(res, 307, '', { location: `https://evil.example/?token=${G.token}&helper=${G.helper}` }),
    },
    { name: 'verify (redirect)', argv: ['verify'], behave: (_r, res) => send(res, 307, '', { location: `https://u:${G.token}@evil.example/${G.helper}` }) },
    {
      name: 'discover',
      argv: ['discover'],
      behave: (_r, res) =>
        sendJson(res, 200, { data: [{ id: `claude-${G.token}`, display_name: G.helper }, { id: `anthropic-${G.helper}` }, { id: 'claude-sonnet-4-6' }] }),
    },
    {
      name: 'discover --json',
      argv: ['discover', '--json'],
      behave: (_r, res) =>
        sendJson(res, 200, { data: [{ id: `claude-${G.token}`, display_name: G.helicone }, { id: `anthropic-${G.helper}` }, { id: 'claude-sonnet-4-6' }] }),
    },
    {
      name: 'verify (200)',
      argv: ['verify', '--json'],
      behave: (_r, res) => sendJson(res, 200, { ...MESSAGE_BODY, content: [{ type: 'text', text: `echo ${G.token} ${G.helper}` }] }),
    },
  ];

  for (const credential of ['token', 'helper'] as const) {
    it.each(COMMANDS)(`claude-gateway $name with the ${credential} … shows none of them`, async ({ argv, behave }) => {
      if (credential === 'token') tokenSettings();
      else helperSettings();
      gw.behave(behave);
      const r = await runCli([...argv, ...world.where], { env: world.env });
      expect(r.code, cliOut(r)).toBeLessThan(2);
      expect(gw.requests.length, cliOut(r)).toBeGreaterThan(0);
      const sent = gw.requests[0]?.headers;
      expect(credential === 'token' ? sent?.['authorization'] : sent?.['x-api-key']).toContain(credential === 'token' ? G.token : G.helper);
      expectClean(cliOut(r), IN_PLAY[credential], `${argv.join(' ')} (${credential})`);
    });
  }
});
