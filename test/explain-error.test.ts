/**
 * `explainError(text, config?)`: every code in ERROR_CODES recognised in its current wording
 * and, where or give one, its older wording; unknown text left alone; the resolved
 * configuration naming the variable in play; and the ordering traps where one message contains
 * another's words. Tests assert codes and the variable names given, never wording — except where the
 * wording is the point (: a refused character versus a rejected credential).
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, explainError, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

const SECRET = 'sk-gw-LEAKCHECK-41c0ffee';
const GW = 'https://gw.example.com';

/** Each code with its messages: current wording first, then older wordings (section in the label). */
const EXAMPLES: Record<string, [label: string, text: string][]> = {
  'auth-conflict': [
    ['current', 'Both ANTHROPIC_AUTH_TOKEN and /login managed key set · auth may not work as expected'],
    ['current, other sources', 'Both apiKeyHelper and claude.ai set · auth may not work as expected'],
    ['older', 'Auth conflict: Both a token (ANTHROPIC_AUTH_TOKEN) and an API key (ANTHROPIC_API_KEY) are set. This may lead to unexpected behavior.'],
    [
      'older, with its bullets',
      'Auth conflict: Both a token (claude.ai) and an API key (ANTHROPIC_API_KEY) are set. This may lead to unexpected behavior.\n  • Trying to use ANTHROPIC_AUTH_TOKEN? Unset the ANTHROPIC_API_KEY environment variable, or claude /logout then say "No" to the API key approval before login.',
    ],
  ],
  'first-party-login-required': [['row 14', "This machine's managed settings require a first-party login"]],
  'helper-failing': [
    [
      'row 3',
      "Your apiKeyHelper script is failing · This usually means you need to re-authenticate with your provider · Run /status to see the script's error output",
    ],
    ['2.1.227+ output check', 'apiKeyHelper returned output that cannot be used as an API key'],
  ],
  'invalid-custom-headers': [
    ['', 'Invalid ANTHROPIC_CUSTOM_HEADERS · Fix the environment variable'],
    [
      'with description',
      'Invalid ANTHROPIC_CUSTOM_HEADERS · Fix the environment variable\ndistinct header 2 of 3 parsed from ANTHROPIC_CUSTOM_HEADERS contains a line break',
    ],
  ],
  'invalid-api-key': [
    ['', 'Invalid API key · Fix external API key'],
    ['description', 'Invalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41 (120 characters on 2 lines).'],
  ],
  'invalid-auth-token': [
    ['', 'Invalid auth token · Fix external auth token'],
    [
      'description',
      'Invalid auth token · Fix external auth token\nInvalid Authorization header value from ANTHROPIC_AUTH_TOKEN: it contains a line break at character 12 (40 characters on 2 lines).',
    ],
  ],
  'invalid-env-header': [['', 'Invalid request header from the environment · Fix the environment variable']],
  'no-auth-method': [
    [
      '',
      'Could not resolve authentication method. Expected one of apiKey, authToken, credentials, config, or profile to be set. Or for one of the "X-Api-Key" or "Authorization" headers to be explicitly omitted',
    ],
  ],
  'api-key-auth-disabled': [
    [
      'helper variant',
      'Your organization has disabled API key authentication · Unset the apiKeyHelper setting and run /login to sign in with your claude.ai account',
    ],
    ['variable variant', 'Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY and run /login'],
  ],
  'disabled-organization': [
    ['', 'Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead'],
    ['other variant', 'Your ANTHROPIC_API_KEY belongs to a disabled organization · Update or unset the environment variable'],
  ],
  'login-expired': [
    ['', 'Login expired · Please run /login'],
    ['renewal warning (2.1.203+)', 'Your login expires in 3 days · run /login to renew'],
  ],
  'not-logged-in': [
    ['', 'Not logged in · Please run /login'],
    ['CLI check', 'Not logged in'],
  ],
  'tls-untrusted': [
    ['row 16', 'SSL certificate verification failed'],
    ['row 16', 'Self-signed certificate detected'],
    ['rows 4+16 older wrapper', 'Unable to connect to API (SELF_SIGNED_CERT_IN_CHAIN)'],
    ['rows 4+16 older wrapper, corporate CA', 'Unable to connect to API (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)'],
    ['row 16 runtime text', 'unable to get local issuer certificate'],
  ],
  'connection-timeout': [
    ['row 4 before 2.1.227, a timeout', 'Unable to connect to API (ConnectionTimeout)'],
    ['runtime', 'connect ETIMEDOUT 10.0.0.1:443'],
  ],
  'connection-refused': [
    ['row 4 current', 'Connection refused — a firewall or proxy may be blocking it (ConnectionRefused)'],
    ['row 4 before 2.1.227', 'Unable to connect to API (ConnectionRefused)'],
    ['row 4 before 2.1.227', 'Unable to connect to API (FailedToOpenSocket)'],
    ['row 4 before 2.1.227', 'Unable to connect to API (ECONNREFUSED)'],
  ],
  'dns-failure': [
    ['row 4 current', "Can't reach the API server — check your internet or DNS (ENOTFOUND)"],
    ['row 4 older wrapper', 'Unable to connect to API (ENOTFOUND)'],
    ['row 4 older wrapper', 'Unable to connect to API (EAI_AGAIN)'],
  ],
  'malformed-response': [
    ['row 5', 'API returned an empty or malformed response (HTTP 200)'],
    [
      'row 5 2.1.234+ Response clause',
      'API returned an empty or malformed response (HTTP 200). Response: <!DOCTYPE html><html><body>Sign in to continue</body></html>',
    ],
  ],
  'upstream-rejects-betas': [
    ['row 6', 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"context_management: Extra inputs are not permitted"}}'],
    ['beta tool field', 'API Error: 400 {"message":"tools.0.custom.defer_loading: Extra inputs are not permitted"}'],
  ],
  'upstream-no-adaptive': [
    [
      'row 7',
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"thinking: Input tag \'adaptive\' found using \'type\' does not match any of the expected tags: \'disabled\', \'enabled\'"}}',
    ],
    ['', 'API Error: 400 thinking type adaptive is not supported'],
    ['row 7 (validation wording)', 'API Error: 400 {"message":"thinking.type: Input should be \'enabled\' or \'disabled\'"}'],
    ['row 7 (an upstream without thinking)', 'API Error: 400 {"message":"thinking: Extra inputs are not permitted"}'],
  ],
  'models-missing': [
    ['row 9', 'Our gateway models are missing from /model'],
    ['row 9', "/model doesn't list the team models"],
  ],
  'gateway-context-limit': [
    ['row 8', 'API Error: 400 litellm.BadRequestError: litellm.ContextWindowExceededError: prompt is too long'],
    ['row 8', 'API Error: 400 {"error":{"message":"prompt token count of 250000 exceeds the limit of 200000"}}'],
  ],
  'fast-mode-network': [['row 10', 'Fast mode unavailable due to network connectivity issues']],
  'fast-mode-org': [['row 11', 'Fast mode has been disabled by your organization']],
  'remote-control-unavailable': [
    [
      'current (2.1.219+)',
      'Remote Control is only available when using Claude via api.anthropic.com. CLAUDE_CODE_USE_BEDROCK is set, so this session is using Amazon Bedrock — unset it (or run in a shell without it) to use Remote Control.',
    ],
    ['older (first sentence only)', 'Remote Control is only available when using Claude via api.anthropic.com.'],
  ],
  'settings-flag-invalid': [
    ['', 'Error: Settings file exceeds the 2MiB limit: /tmp/settings.json'],
    ['', 'Error: Cannot use settings file (Not a regular file (device, FIFO, or socket))'],
  ],
  'bedrock-stream-rewritten': [['extra rows', 'Bedrock streaming response has content-type application/json; expected application/vnd.amazon.eventstream']],
  'bedrock-model-id': [
    ['', 'API Error: 400 The provided model identifier is invalid.'],
    [
      '',
      "API Error: 400 Invocation of model ID anthropic.claude-opus-5-5 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    ],
  ],
  'desktop-gateway-unreachable': [['extra rows', 'Gateway was unreachable']],
  'unknown-model': [['', 'Model "gpt-4o" is not a recognized model id.']],
  'waf-403': [
    ['row 15', 'API Error: 403 <html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>'],
    ['row 15 bare', '403 Forbidden'],
  ],
  'gateway-401': [
    ['row 2 ', 'Failed to authenticate. API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'],
    ['row 2', 'API Error: 401 {"error":{"message":"Invalid or unrecognized token"}}'],
  ],
  'model-not-routed': [
    ['', 'API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-4-6"}}'],
    ['', '{"error":{"code":"model_not_found","message":"no route for claude-opus-4-8"}}'],
  ],
  'rate-limited': [
    ['', 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}'],
    ['', 'rate_limit exceeded, retry after 30s'],
  ],
};

async function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout(spec));
}

describe('explainError: every code, current and older wordings', () => {
  it('the examples cover exactly ERROR_CODES (a new code needs examples here)', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  const rows = Object.entries(EXAMPLES).flatMap(([code, list]) => list.map(([label, text]): [string, string, string] => [code, label, text]));
  it.each(rows)('%s (%s): %s', (code, _label, text) => {
    const e = explainError(text);
    expect(e?.code).toBe(code);
    expect(e?.cause).toBeTruthy();
    expect(e?.fix).toBeTruthy();
  });

  it.each(['', 'everything is fine', 'Compacting conversation…', 'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"no access"}}'])(
    'text it does not know → undefined: %j',
    (text) => {
      expect(explainError(text)).toBeUndefined();
    },
  );
});

describe("explainError: ordering traps (one message holding another one's words)", () => {
  it('row 2 a 401 body that mentions the model (even model_not_found) is still gateway-401', () => {
    expect(
      explainError('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"key not allowed for model claude-sonnet-4-6"}}')?.code,
    ).toBe('gateway-401');
    expect(explainError('API Error: 401 {"error":{"message":"model_not_found: key has no access to model claude-opus-4-8"}}')?.code).toBe('gateway-401');
    expect(explainError('API Error: 401 {"error":{"message":"Invalid token; rate limit tier unknown"}}')?.code).toBe('gateway-401');
  });

  it('row 15 an HTML 403 that mentions a model, 404 or 401 is waf-403', () => {
    expect(
      explainError('API Error: 403 <!DOCTYPE html><html><body><h1>Request blocked</h1><p>model claude-sonnet-4-6 not found 404 401</p></body></html>')?.code,
    ).toBe('waf-403');
  });

  it('row 5 a 2.1.234+ malformed-response that quotes a login page saying "Not logged in" is malformed-response', () => {
    const text =
      'API returned an empty or malformed response (HTTP 200). Response: <html><body>You are Not logged in. <a href="/sso">Sign in</a> 401</body></html>';
    expect(explainError(text)?.code).toBe('malformed-response');
  });

  it('row 4 the older "Unable to connect to API (CODE)" wrapper follows its code: DNS and TLS are not connection-refused', () => {
    expect(explainError('Unable to connect to API (ENOTFOUND)')?.code).toBe('dns-failure');
    expect(explainError('Unable to connect to API (CERT_HAS_EXPIRED)')?.code).toBe('tls-untrusted');
    expect(explainError('Unable to connect to API (ECONNREFUSED)')?.code).toBe('connection-refused');
  });

  it('a local header check naming X-Api-Key is invalid-api-key, not a gateway 401; no-auth-method naming "X-Api-Key" too', () => {
    expect(
      explainError('Invalid API key · Fix external API key\nInvalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41')
        ?.code,
    ).toBe('invalid-api-key');
    expect(
      explainError('Could not resolve authentication method. Or for one of the "X-Api-Key" or "Authorization" headers to be explicitly omitted')?.code,
    ).toBe('no-auth-method');
  });

  it('row 8 a context-limit error whose numbers include 401 or 404 is gateway-context-limit', () => {
    expect(explainError('API Error: 400 prompt token count of 404 exceeds the limit of 401')?.code).toBe('gateway-context-limit');
  });

  it('api-key-auth-disabled mentions apiKeyHelper and /login: still api-key-auth-disabled', () => {
    expect(
      explainError(
        'Your organization has disabled API key authentication · Unset the apiKeyHelper setting and run /login to sign in with your claude.ai account',
      )?.code,
    ).toBe('api-key-auth-disabled');
  });

  it('the Remote Control text naming CLAUDE_CODE_USE_BEDROCK is remote-control-unavailable', () => {
    expect(explainError(EXAMPLES['remote-control-unavailable']?.[0]?.[1] ?? '')?.code).toBe('remote-control-unavailable');
  });
});

describe('explainError with the resolved configuration', () => {
  const E401 = 'Failed to authenticate. API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Invalid token"}}';

  it('row 2 a 401 with ANTHROPIC_AUTH_TOKEN in play: names it, and suggests ANTHROPIC_API_KEY', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } });
    const e = explainError(E401, config);
    expect(e?.code).toBe('gateway-401');
    expect(e?.cause).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.cause).not.toContain('ANTHROPIC_API_KEY');
    expect(e?.fix).toContain('ANTHROPIC_API_KEY');
  });

  it('row 2 a 401 with ANTHROPIC_API_KEY in play: names it, and suggests ANTHROPIC_AUTH_TOKEN', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_API_KEY: SECRET }, interactive: false });
    const e = explainError(E401, config);
    expect(e?.code).toBe('gateway-401');
    expect(e?.cause).toContain('ANTHROPIC_API_KEY');
    expect(e?.cause).not.toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.fix).toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('a 401 with an apiKeyHelper (both headers sent): no header-swap hint naming one variable as the one in play', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW }, user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' } });
    const withHelper = explainError(E401, config);
    expect(withHelper?.code).toBe('gateway-401');
    expect(withHelper?.cause).toContain('Authorization: Bearer (the apiKeyHelper output) and x-api-key (the apiKeyHelper output)');
    expect(withHelper?.cause).not.toMatch(/ANTHROPIC_(AUTH_TOKEN|API_KEY)/);
    expect(withHelper?.fix).toContain('helper');
  });

  it('a 401 with ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY both set: both headers named, keep the one the gateway reads (vector cred-token-and-key-shell)', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: `${SECRET}-key` } });
    const e = explainError(E401, config);
    expect(e?.cause).toContain('Authorization: Bearer (ANTHROPIC_AUTH_TOKEN) and x-api-key (ANTHROPIC_API_KEY)');
    expect(e?.fix).toContain('unset the other');
  });

  it('a 404 with a base URL ending in /v1: the doubled path is the cause', async () => {
    const config = await resolve({ interactive: false, env: { ANTHROPIC_BASE_URL: `${GW}/v1`, ANTHROPIC_AUTH_TOKEN: SECRET } });
    expect(explainError('API Error: 404 {"type":"error","error":{"type":"not_found_error"}}', config)?.cause).toContain('/v1/v1/messages');
  });

  it('row 12 "Not logged in" with a credential waiting for trust names it', async () => {
    const config = await resolve({ git: true, local: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: true, trusted: false });
    const e = explainError('Not logged in · Please run /login', config);
    expect(e?.code).toBe('not-logged-in');
    expect(e?.cause).toContain('ANTHROPIC_AUTH_TOKEN');
  });

  it('row 12 "Not logged in" with nothing waiting does not blame trust', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW } });
    const e = explainError('Not logged in · Please run /login', config);
    expect(e?.code).toBe('not-logged-in');
    expect(e).not.toEqual(
      explainError(
        'Not logged in · Please run /login',
        await resolve({ git: true, local: { env: { ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: true, trusted: false }),
      ),
    );
  });

  it('auth-conflict with two credentials in play names both variables', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET } });
    const e = explainError(EXAMPLES['auth-conflict']?.[2]?.[1] ?? '', config);
    expect(e?.code).toBe('auth-conflict');
    expect(e?.cause).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.cause).toContain('ANTHROPIC_API_KEY');
    // Both are sent, each in its header (vector cred-token-and-key-shell): no "uses the gateway variable".
    expect(e?.cause).toContain('sends both, each in its header: ANTHROPIC_AUTH_TOKEN as authorization: Bearer and ANTHROPIC_API_KEY as x-api-key');
    expect(e?.fix).toBe('Keep one: unset ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY (the one your gateway does not read)');
    expect(JSON.stringify(e)).not.toContain(SECRET);
  });

  it('row 4 connection and DNS failures name the base URL in play, without a password it carries', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: `https://dev:${SECRET}@gw.example.com:8443`, ANTHROPIC_AUTH_TOKEN: 'tok' } });
    for (const text of ['Unable to connect to API (ECONNREFUSED)', "Can't reach the API server — check your internet or DNS (ENOTFOUND)"]) {
      const e = explainError(text, config);
      expect(e?.cause).toContain('gw.example.com:8443');
      expect(JSON.stringify(e)).not.toContain(SECRET);
    }
  });

  it('no explanation ever contains the credential value, whatever the configuration', async () => {
    const configs = [
      await resolve({
        env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET, ANTHROPIC_API_KEY: SECRET, ANTHROPIC_CUSTOM_HEADERS: `Authorization: Bearer ${SECRET}` },
      }),
      await resolve({ git: true, local: { env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_AUTH_TOKEN: SECRET } }, interactive: true, trusted: false }),
      await resolve({
        env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_FOUNDRY_API_KEY: SECRET, CLAUDE_CODE_OAUTH_TOKEN: SECRET },
        user: { apiKeyHelper: '~/bin/get-gateway-key.sh' },
      }),
    ];
    let explained = 0;
    for (const config of configs) {
      for (const list of Object.values(EXAMPLES)) {
        for (const [, text] of list) {
          const e = explainError(text, config);
          if (e) explained++;
          expect(JSON.stringify(e ?? null)).not.toContain(SECRET);
        }
      }
    }
    expect(explained).toBeGreaterThan(3 * ERROR_CODES.length);
  });
});

describe('invalid-api-key / invalid-auth-token: a refused character only when the description says so', () => {
  const KEY_BARE = 'Invalid API key · Fix external API key';
  const KEY_CHAR =
    'Invalid API key · Fix external API key\nInvalid X-Api-Key header value from ANTHROPIC_API_KEY: it contains a line break at character 41 (120 characters on 2 lines).';
  const TOKEN_BARE = 'Invalid auth token · Fix external auth token';
  const TOKEN_CHAR =
    'Invalid auth token · Fix external auth token\nInvalid Authorization header value from ANTHROPIC_AUTH_TOKEN: it contains a NUL at character 7';
  const STRAY = /line break|NUL|U\+00FF|stray character/;

  it('"Invalid API key" with its description: the line break and its position are the cause', () => {
    const e = explainError(KEY_CHAR);
    expect(e?.code).toBe('invalid-api-key');
    expect(e?.cause).toContain('ANTHROPIC_API_KEY');
    expect(e?.cause).toContain('line break at character 41');
    expect(e?.fix).toContain('stray character');
  });

  it('"Invalid API key" alone: a wrong or rejected key, no line break blamed', () => {
    const e = explainError(KEY_BARE);
    expect(e?.code).toBe('invalid-api-key');
    expect(e?.cause).not.toMatch(STRAY);
    expect(e?.fix).not.toMatch(STRAY);
    expect(e?.cause).toMatch(/rejected|wrong/);
    // Without a configuration, both places the key can come from are named.
    expect(e?.cause).toContain('ANTHROPIC_API_KEY');
    expect(e?.cause).toContain('apiKeyHelper');
  });

  it('"Invalid API key" alone with an apiKeyHelper in play: the helper is named, not ANTHROPIC_API_KEY', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW }, user: { apiKeyHelper: '/usr/local/bin/get-gateway-key' }, interactive: false });
    const e = explainError(KEY_BARE, config);
    expect(e?.code).toBe('invalid-api-key');
    expect(e?.cause).toContain('apiKeyHelper');
    expect(e?.cause).not.toContain('ANTHROPIC_API_KEY');
    expect(e?.fix).toContain('apiKeyHelper');
    expect(e?.cause).not.toMatch(STRAY);
  });

  it('"Invalid API key" alone with ANTHROPIC_API_KEY in play: names the variable', async () => {
    const config = await resolve({ env: { ANTHROPIC_BASE_URL: GW, ANTHROPIC_API_KEY: SECRET }, interactive: false });
    const e = explainError(KEY_BARE, config);
    expect(e?.cause).toContain('ANTHROPIC_API_KEY');
    expect(e?.cause).not.toContain('apiKeyHelper');
    expect(e?.fix).toContain('ANTHROPIC_API_KEY');
    expect(JSON.stringify(e)).not.toContain(SECRET);
  });

  it('"Invalid auth token" with its description: the NUL is the cause', () => {
    const e = explainError(TOKEN_CHAR);
    expect(e?.code).toBe('invalid-auth-token');
    expect(e?.cause).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.cause).toContain('NUL at character 7');
  });

  it('"Invalid auth token" alone: a bad ANTHROPIC_AUTH_TOKEN or CLAUDE_CODE_OAUTH_TOKEN, no line break blamed', () => {
    const e = explainError(TOKEN_BARE);
    expect(e?.code).toBe('invalid-auth-token');
    expect(e?.cause).not.toMatch(STRAY);
    expect(e?.fix).not.toMatch(STRAY);
    expect(e?.cause).toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.cause).toContain('CLAUDE_CODE_OAUTH_TOKEN');
    expect(e?.cause).toMatch(/expired|wrong|revoked/);
  });

  it('"Invalid auth token" alone with CLAUDE_CODE_OAUTH_TOKEN in play: names it and claude setup-token', async () => {
    const config = await resolve({ env: { CLAUDE_CODE_OAUTH_TOKEN: SECRET }, interactive: false });
    const e = explainError(TOKEN_BARE, config);
    expect(e?.cause).toContain('CLAUDE_CODE_OAUTH_TOKEN');
    expect(e?.cause).not.toContain('ANTHROPIC_AUTH_TOKEN');
    expect(e?.fix).toContain('setup-token');
    expect(JSON.stringify(e)).not.toContain(SECRET);
  });
});

describe('review fixes', () => {
  it('the helper explanation names the program only, never the rest of its command line', async () => {
    const { resolveEffectiveConfig } = await import('../src/index');
    const { layout } = await import('../src/testing');
    const config = await resolveEffectiveConfig(layout({ user: { apiKeyHelper: 'echo sk-literal-key-123' }, interactive: false }));
    const e = explainError('Your apiKeyHelper script is failing · This usually means you need to re-authenticate', config);
    expect(e?.code).toBe('helper-failing');
    expect(JSON.stringify(e)).not.toContain('sk-literal-key-123');
    expect(e?.cause).toContain('echo');
  });
});

describe('config-aware answers for rows 9 and the Vertex extra row', () => {
  it('extra row: a "model not found" 404 on Vertex points at the region and Model Garden, elsewhere at the gateway route', async () => {
    const vertex = await resolveEffectiveConfig(
      layout({ interactive: false, env: { CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p', CLOUD_ML_REGION: 'us-east5' } }),
    );
    const text = 'API Error: 404 {"error":{"code":404,"message":"Publisher Model `claude-opus-4-8` not found.","status":"NOT_FOUND"}}';
    const v = explainError(text, vertex);
    expect(v?.code).toBe('model-not-routed');
    expect(v?.cause).toContain('region');
    expect(v?.fix).toContain('CLOUD_ML_REGION');
    const gw = await resolveEffectiveConfig(
      layout({ interactive: false, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok-123456' } }),
    );
    expect(explainError(text, gw)?.cause).toContain('does not route');
    expect(v?.cause).toContain('Claude Code asked for claude-opus-5-5 in us-east5, from CLOUD_ML_REGION');
  });

  it("Bedrock's invalid model id names what Claude Code sent and what chose its prefix, or that it went as written", async () => {
    const bedrock = (env: Record<string, string>): Promise<EffectiveConfig> =>
      resolveEffectiveConfig(layout({ interactive: false, env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', ...env } }));
    const text = 'API Error: 400 The provided model identifier is invalid.';
    const catalog = explainError(text, await bedrock({ AWS_REGION: 'ca-central-1' }));
    expect(catalog?.code).toBe('bedrock-model-id');
    expect(catalog?.cause).toBe(
      'Claude Code asked for global.anthropic.claude-opus-5-5 (prefix global from the region ca-central-1 in AWS_REGION): that inference profile is not offered in the region, or the account has no access to the model',
    );
    const written = explainError(text, await bedrock({ AWS_REGION: 'eu-west-1', ANTHROPIC_MODEL: 'claude-sonnet-4-5' }));
    expect(written?.cause).toContain('sent the model as written (claude-sonnet-4-5)');
    expect(explainError(text)?.cause).toContain('cross-region inference profile');
    const overridden = await resolveEffectiveConfig(
      layout({
        interactive: false,
        env: { CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'eu-west-1' },
        user: { modelOverrides: { 'claude-opus-5-5': 'arn:aws:bedrock:eu-west-1:1:application-inference-profile/p' } },
      }),
    );
    expect(explainError(text, overridden)?.cause).toContain('the modelOverrides value for claude-opus-5-5');
  });

  it('row 9: models missing from /model → turn discovery on, or say what discovery kept when it is on', async () => {
    const off = await resolveEffectiveConfig(
      layout({ interactive: false, env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok-123456' } }),
    );
    const a = explainError('the gateway models are missing from /model', off);
    expect(a?.code).toBe('models-missing');
    expect(a?.fix).toContain('CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1');
    const on = await resolveEffectiveConfig(
      layout({
        interactive: false,
        env: { ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok-123456', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1' },
      }),
    );
    expect(explainError('the gateway models are missing from /model', on)?.fix).toContain('claude-gateway discover');
  });
});
