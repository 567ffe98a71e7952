/**
 * Which credentials Claude Code sends, and in which headers (docs/behavior.md#credential-order). The two credential
 * headers are filled independently, as the binary does (docs/behavior.md#credential-headers, vectors `cred-*`):
 * `authorization` from ANTHROPIC_AUTH_TOKEN, else the apiKeyHelper; `x-api-key` from
 * ANTHROPIC_API_KEY, else the apiKeyHelper.
 */
import type {
  ApiKeyHelperInfo,
  Credential,
  CredentialHeader,
  CredentialMechanism,
  Diagnostic,
  KeylessCredentialMechanism,
  ManagedOrigin,
  OutrankedCredential,
  Provider,
  ResolvedVar,
} from './types';
import { unsafeHeaderValueReason } from './headers';
import { hasFeature } from './versions';
import { PROVIDER_SKIP_AUTH, truth } from './variables';
import { diagnostic, sourcePlace } from './catalogue';

export interface CredentialInputs {
  env: Record<string, ResolvedVar>;
  provider: Provider;
  helper?: ApiKeyHelperInfo | undefined;
  /** The settings of the managed source in use. */
  managedSettings?: Record<string, unknown> | undefined;
  managedOrigin?: ManagedOrigin | undefined;
  version: string;
  interactive: boolean;
  /** `claude --bare`: no CLAUDE_CODE_OAUTH_TOKEN and no saved login (docs/behavior.md#command-line). */
  bare?: boolean;
  /** `customApiKeyResponses` from `~/.claude.json` (undocumented; docs/behavior.md#api-key-approval). */
  apiKeyResponses?: { approved: string[]; rejected: string[] } | undefined;
  /** Whether a saved `/login` is known to exist. */
  login: boolean;
  diagnostics: Diagnostic[];
}

/** A credential present, before the outranked ones are known: a {@link Credential} without `outranked`. */
type CredentialCandidate = Credential extends infer C ? (C extends Credential ? Omit<C, 'outranked'> : never) : never;

/** The provider mechanisms that read a variable (a key, or through a gateway the plain credential sent). */
type KeyedMechanism = Exclude<CredentialMechanism, KeylessCredentialMechanism>;

function outrankedOf(c: CredentialCandidate): OutrankedCredential {
  const o: OutrankedCredential = { kind: c.kind };
  if (c.variable) o.variable = c.variable;
  if (c.source) o.source = c.source;
  return o;
}

/**
 * The credential variable when it holds something: a value of spaces only counts as unset, and the
 * value is sent trimmed (vectors whitespace-token-shell, padded-token-user).
 */
function credentialVar(env: Record<string, ResolvedVar>, name: string): ResolvedVar | undefined {
  const v = env[name];
  return v && v.value.trim() !== '' ? v : undefined;
}

function fromVar(kind: 'auth-token' | 'api-key' | 'oauth-token' | 'profile', v: ResolvedVar, headers: string[]): CredentialCandidate {
  return { kind, variable: v.name, source: v.source, headers };
}

/** A provider's own key variable. */
function providerVar(v: ResolvedVar, headers: string[], mechanism: KeyedMechanism): CredentialCandidate {
  return { kind: 'provider', variable: v.name, source: v.source, headers, mechanism };
}

/** A provider session: its primary credential and what each credential header carries. */
interface ProviderResult {
  primary: CredentialCandidate;
  headers: CredentialHeader[];
  /** Plain credentials present that no header carries. */
  unsent: CredentialCandidate[];
}

/**
 * The credentials of a cloud provider session, as the binary sends them
 * (docs/behavior.md#cloud-providers-through-a-gateway; vectors provider-*). With the provider's own authentication
 * skipped (a gateway signs or authenticates for it), the plain credentials still go out, differently
 * per provider: Bedrock, Vertex, Mantle, Claude Platform on AWS and Foundry without a key put
 * ANTHROPIC_AUTH_TOKEN, else the apiKeyHelper's output, in `authorization`; Vertex also sends
 * ANTHROPIC_API_KEY as `x-api-key`, Bedrock only beside a bearer, Mantle never; Claude Platform on
 * AWS sends the bearer's value in `x-api-key` too and never ANTHROPIC_API_KEY. Foundry's
 * ANTHROPIC_FOUNDRY_API_KEY goes in `x-api-key`, with the bearer beside it until 2.1.252.
 */
function providerCredentials(input: CredentialInputs): ProviderResult {
  const { env, provider, version } = input;
  const p = provider as Exclude<Provider, 'anthropic'>;
  const skip = truth(PROVIDER_SKIP_AUTH[p], env[PROVIDER_SKIP_AUTH[p]]?.value) === 'on';
  const tokenVar = credentialVar(env, 'ANTHROPIC_AUTH_TOKEN');
  const keyVar = credentialVar(env, 'ANTHROPIC_API_KEY');
  const token = tokenVar ? fromVar('auth-token', tokenVar, ['authorization']) : undefined;
  const key = keyVar ? fromVar('api-key', keyVar, ['x-api-key']) : undefined;
  const helper: CredentialCandidate | undefined = input.helper
    ? { kind: 'api-key-helper', variable: 'apiKeyHelper', source: input.helper.source, headers: ['authorization'] }
    : undefined;
  const plain = [token, key, helper].filter((c): c is CredentialCandidate => c !== undefined);

  const result = (primary: CredentialCandidate, fill: [CredentialHeader['header'], CredentialCandidate, CredentialCandidate[]][]): ProviderResult => {
    const headers = fill.map(([h, c, outranked]) => headerOf(h, c, outranked));
    const used = new Set(fill.map(([, c]) => c));
    return { primary: { ...primary, headers: [...new Set(headers.map((h) => h.header))] }, headers, unsent: plain.filter((c) => !used.has(c)) };
  };
  /** The provider variable fills `header` alone. */
  const own = (v: ResolvedVar, header: CredentialHeader['header'], mechanism: KeyedMechanism): ProviderResult => {
    const c = providerVar(v, [header], mechanism);
    return result(c, [[header, c, []]]);
  };
  /** The provider's own signature or token (SigV4, Google ADC, the Azure chain) in `authorization`; the plain credentials are not sent. */
  const signed = (mechanism: KeylessCredentialMechanism): ProviderResult => {
    const c: CredentialCandidate = { kind: 'provider', headers: ['authorization'], mechanism };
    return result(c, [['authorization', c, []]]);
  };
  /** Through a gateway: the bearer is ANTHROPIC_AUTH_TOKEN, else the helper's output. */
  const bearer = token ?? helper;
  const bearerOutranked = token && helper ? [helper] : [];
  /** Through a gateway: the primary credential is what fills the first header, else nothing (auth skipped). */
  const gateway = (fill: [CredentialHeader['header'], CredentialCandidate, CredentialCandidate[]][]): ProviderResult => {
    const first = fill[0]?.[1];
    if (first?.variable === undefined) return result({ kind: 'provider', headers: [], mechanism: 'skipped' }, fill);
    const mechanism: KeyedMechanism = first.kind === 'auth-token' ? 'gateway-token' : first.kind === 'api-key-helper' ? 'gateway-helper' : 'gateway-api-key';
    return result({ kind: 'provider', variable: first.variable, source: first.source, headers: first.headers, mechanism }, fill);
  };
  switch (p) {
    case 'foundry': {
      // The Foundry variables beat CLAUDE_CODE_SKIP_FOUNDRY_AUTH, which is ignored beside them (docs/behavior.md#cloud-providers-through-a-gateway).
      const foundryToken = hasFeature(version, 'foundryAuthToken') ? credentialVar(env, 'ANTHROPIC_FOUNDRY_AUTH_TOKEN') : undefined;
      if (foundryToken) return own(foundryToken, 'authorization', 'foundry-auth-token');
      const foundryKey = credentialVar(env, 'ANTHROPIC_FOUNDRY_API_KEY');
      if (foundryKey) {
        const c = providerVar(foundryKey, ['x-api-key'], 'foundry-api-key');
        const fill: [CredentialHeader['header'], CredentialCandidate, CredentialCandidate[]][] = [['x-api-key', c, []]];
        // Until 2.1.252 the bearer went beside the key (vector provider-foundry-key-and-plain-credentials).
        if (bearer && !hasFeature(version, 'foundryKeyAlone')) fill.unshift(['authorization', bearer, bearerOutranked]);
        return result(c, fill);
      }
      if (skip && !hasFeature(version, 'foundrySkipAuthAlone')) {
        input.diagnostics.push(diagnostic('provider-unsupported-version', { version, problem: 'foundry-skip-alone' }));
      }
      if (skip) return gateway(bearer ? [['authorization', bearer, bearerOutranked]] : []);
      return signed('azure-default-chain');
    }
    case 'anthropic-aws': {
      const awsKey = credentialVar(env, 'ANTHROPIC_AWS_API_KEY');
      if (awsKey) return own(awsKey, 'x-api-key', 'aws-api-key');
      // The bearer's value goes in both headers; ANTHROPIC_API_KEY is never sent (vectors
      // provider-anthropic-aws-plain-credentials, provider-anthropic-aws-helper, provider-anthropic-aws-api-key-only).
      if (skip)
        return gateway(
          bearer
            ? [
                ['authorization', bearer, bearerOutranked],
                ['x-api-key', bearer, bearerOutranked],
              ]
            : [],
        );
      return signed('sigv4');
    }
    case 'bedrock': {
      if (skip) {
        // ANTHROPIC_API_KEY goes as x-api-key only beside a bearer (vectors provider-bedrock-api-key,
        // provider-bedrock-helper-and-key, provider-bedrock-api-key-only).
        const fill: [CredentialHeader['header'], CredentialCandidate, CredentialCandidate[]][] = bearer ? [['authorization', bearer, bearerOutranked]] : [];
        if (bearer && key) fill.push(['x-api-key', key, []]);
        return gateway(fill);
      }
      const bedrockKey = credentialVar(env, 'AWS_BEARER_TOKEN_BEDROCK');
      // The Bedrock API key alone: the plain credentials are not sent (vector provider-bedrock-bearer-and-plain).
      if (bedrockKey) return own(bedrockKey, 'authorization', 'bedrock-api-key');
      return signed('sigv4');
    }
    case 'mantle':
      // Mantle sends the bearer only, never ANTHROPIC_API_KEY (vectors provider-mantle-*).
      if (skip) return gateway(bearer ? [['authorization', bearer, bearerOutranked]] : []);
      return signed('sigv4');
    case 'vertex': {
      // Vertex sends ANTHROPIC_API_KEY as x-api-key whether or not a bearer goes too (vectors
      // provider-vertex-api-key, provider-vertex-helper-and-key).
      if (!skip) return signed('google-adc');
      const fill: [CredentialHeader['header'], CredentialCandidate, CredentialCandidate[]][] = bearer ? [['authorization', bearer, bearerOutranked]] : [];
      if (key) fill.push(['x-api-key', key, []]);
      return gateway(fill);
    }
  }
}

/** Every first-party credential present, in Claude Code's order after the providers (docs/behavior.md#credential-order). */
function firstPartyCandidates(input: CredentialInputs): CredentialCandidate[] {
  const { env } = input;
  const out: CredentialCandidate[] = [];
  const token = credentialVar(env, 'ANTHROPIC_AUTH_TOKEN');
  if (token) out.push(fromVar('auth-token', token, ['authorization']));
  const key = credentialVar(env, 'ANTHROPIC_API_KEY');
  if (key) out.push(fromVar('api-key', key, ['x-api-key']));
  if (input.helper) out.push({ kind: 'api-key-helper', variable: 'apiKeyHelper', source: input.helper.source, headers: ['authorization', 'x-api-key'] });
  const oauth = credentialVar(env, 'CLAUDE_CODE_OAUTH_TOKEN');
  if (oauth && input.bare) {
    const place = sourcePlace(oauth.source);
    input.diagnostics.push(diagnostic('bare-mode-ignored', { ignored: 'CLAUDE_CODE_OAUTH_TOKEN', scope: oauth.source.scope }, place));
  } else if (oauth) out.push(fromVar('oauth-token', oauth, ['authorization']));
  const profile =
    credentialVar(env, 'ANTHROPIC_PROFILE') ?? (credentialVar(env, 'ANTHROPIC_FEDERATION_RULE_ID') && credentialVar(env, 'ANTHROPIC_ORGANIZATION_ID'));
  if (profile) out.push(fromVar('profile', profile, ['authorization']));
  // --bare never reads OAuth or the keychain: a saved /login is not used.
  if (input.login && !input.bare) out.push({ kind: 'login', headers: ['authorization'] });
  return out;
}

/** The managed key that demands a first-party login, if any (docs/behavior.md#managed-gateway-keys). */
function forceLoginKey(input: CredentialInputs): 'forceLoginMethod' | 'forceLoginOrgUUID' | undefined {
  const s = input.managedSettings;
  if (!s) return undefined;
  const method = s['forceLoginMethod'];
  // "gateway" counts only from on-machine sources; server-managed and HKCU treat it as unset.
  const onMachine = input.managedOrigin !== 'remote' && input.managedOrigin !== 'HKCU';
  if (method !== undefined && (method !== 'gateway' || onMachine)) return 'forceLoginMethod';
  if (s['forceLoginOrgUUID'] !== undefined) return 'forceLoginOrgUUID';
  return undefined;
}

function approvalOf(input: CredentialInputs, key: string): 'approved' | 'rejected' | 'pending' {
  const tail = key.slice(-20);
  if (input.apiKeyResponses?.rejected.includes(tail)) return 'rejected';
  if (input.apiKeyResponses?.approved.includes(tail)) return 'approved';
  return 'pending';
}

function headerOf(header: CredentialHeader['header'], c: CredentialCandidate, outranked: CredentialCandidate[]): CredentialHeader {
  const h: CredentialHeader = { header, kind: c.kind, outranked: outranked.map(outrankedOf) };
  if (c.variable) h.variable = c.variable;
  if (c.source) h.source = c.source;
  if (c.kind === 'provider') h.mechanism = c.mechanism;
  return h;
}

/**
 * The first-party headers, filled independently (vectors cred-token-and-key-shell,
 * cred-helper-user-key-shell, cred-helper-user-token-shell, cred-helper-token-key): `authorization`
 * carries ANTHROPIC_AUTH_TOKEN, else the helper's output; `x-api-key` carries ANTHROPIC_API_KEY, else
 * the helper's output. With none of the three, the login-like credentials (CLAUDE_CODE_OAUTH_TOKEN,
 * a profile, the saved login) fill `authorization`.
 */
function firstPartyHeaders(candidates: CredentialCandidate[]): CredentialHeader[] {
  const token = candidates.find((c) => c.kind === 'auth-token');
  const key = candidates.find((c) => c.kind === 'api-key');
  const helper = candidates.find((c) => c.kind === 'api-key-helper');
  const loginLike = candidates.filter((c) => c.kind === 'oauth-token' || c.kind === 'profile' || c.kind === 'login');
  const out: CredentialHeader[] = [];
  if (!token && !key && !helper) {
    const [first, ...rest] = loginLike;
    if (first) out.push(headerOf('authorization', first, rest));
    return out;
  }
  const bearer = token ?? helper;
  if (bearer) out.push(headerOf('authorization', bearer, [...(token && helper ? [helper] : []), ...loginLike]));
  const apiKey = key ?? helper;
  if (apiKey) out.push(headerOf('x-api-key', apiKey, key && helper ? [helper] : []));
  return out;
}

/** A first-party (Anthropic API or ANTHROPIC_BASE_URL gateway) session's primary credential and headers. */
function firstPartyResult(input: CredentialInputs): { credential: Credential; headers: CredentialHeader[] } {
  const { diagnostics } = input;
  let candidates = firstPartyCandidates(input);

  // An interactive session asks once about ANTHROPIC_API_KEY; a declined key is ignored silently (docs/behavior.md#api-key-approval).
  if (input.interactive) {
    candidates = candidates.filter((c) => {
      if (c.kind !== 'api-key' || !c.variable) return true;
      const state = approvalOf(input, input.env[c.variable]?.value ?? '');
      if (state !== 'rejected') return true;
      diagnostics.push(diagnostic('credential-api-key-rejected', {}));
      return false;
    });
  }
  const headers = firstPartyHeaders(candidates);
  const [chosen] = candidates;
  const sent = new Set(headers.map((h) => h.kind));
  const credential: Credential = chosen
    ? {
        ...chosen,
        headers: headers.filter((h) => h.kind === chosen.kind).map((h) => h.header),
        outranked: candidates
          .slice(1)
          .filter((c) => !sent.has(c.kind))
          .map(outrankedOf),
      }
    : { kind: 'none', headers: [], outranked: [] };

  const keyHeader = headers.find((h) => h.kind === 'api-key');
  if (keyHeader && input.interactive && credential.kind !== 'api-key') {
    const state = approvalOf(input, input.env['ANTHROPIC_API_KEY']?.value ?? '');
    keyHeader.approval = state === 'approved' ? 'approved' : 'pending';
    // Asked even beside another credential (vectors interactive-api-key-and-token-*, interactive-api-key-and-helper-*).
    if (state === 'pending') {
      diagnostics.push(diagnostic('credential-api-key-needs-approval', { besideOther: true }));
    }
  }
  if (credential.kind === 'api-key' && input.interactive) {
    const state = approvalOf(input, input.env['ANTHROPIC_API_KEY']?.value ?? '');
    credential.approval = state === 'approved' ? 'approved' : 'pending';
    for (const h of headers) if (h.kind === 'api-key') h.approval = credential.approval;
    if (state === 'pending') {
      diagnostics.push(diagnostic('credential-api-key-needs-approval', { besideOther: false }));
    }
  }

  return { credential, headers };
}

/** A cloud provider session's primary credential and headers. */
function providerResult(input: CredentialInputs): { credential: Credential; headers: CredentialHeader[] } {
  const { primary, headers, unsent } = providerCredentials(input);
  return { credential: { ...primary, outranked: unsent.map(outrankedOf) }, headers };
}

/** The primary credential and what each credential header carries. */
export function resolveCredentials(input: CredentialInputs): { credential: Credential; headers: CredentialHeader[] } {
  const { credential, headers } = input.provider === 'anthropic' ? firstPartyResult(input) : providerResult(input);
  const { diagnostics } = input;
  const key = forceLoginKey(input);
  // An Anthropic-issued credential configured in the session (ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY,
  // an apiKeyHelper), named as Claude Code names it: the bearer first.
  const plain =
    credentialVar(input.env, 'ANTHROPIC_AUTH_TOKEN')?.name ??
    credentialVar(input.env, 'ANTHROPIC_API_KEY')?.name ??
    (input.helper ? 'apiKeyHelper' : undefined);
  const gated = credential.kind === 'auth-token' || credential.kind === 'api-key' || credential.kind === 'api-key-helper';
  // From 2.1.161 a cloud provider session is spared, unless such a credential is configured too,
  // whether or not the provider sends it (vectors managed-force-login-bedrock,
  // managed-force-login-vertex-key, managed-force-login-bedrock-skip-only).
  const providerGated = credential.kind === 'provider' && (!hasFeature(input.version, 'forceLoginSparesProviders') || plain !== undefined);
  if (key && hasFeature(input.version, 'forceLoginBlocks') && (gated || providerGated)) {
    const what = gated ? credential.variable : (plain ?? credential.variable ?? credential.kind);
    const viaGateway =
      key === 'forceLoginMethod' && input.managedSettings?.['forceLoginMethod'] === 'gateway' && hasFeature(input.version, 'forceLoginGatewayMessage');
    const printed = viaGateway
      ? 'Administrator policy requires a Cloud gateway sign-in on this machine'
      : "This machine's managed settings require a first-party login";
    credential.blocked = { key, reason: printed };
    diagnostics.push(
      diagnostic(
        'managed-requires-first-party-login',
        { key, blocked: what, provider: credential.kind === 'provider' ? input.provider : undefined, printed },
        { scope: 'managed' },
      ),
    );
  }

  // Header-safety check (2.1.227+) on the Anthropic API and ANTHROPIC_BASE_URL gateways only (docs/behavior.md#header-value-check),
  // for every variable sent in a credential header.
  if (input.provider === 'anthropic' && hasFeature(input.version, 'headerSafety')) {
    for (const h of headers) {
      if (!h.variable || (h.kind !== 'auth-token' && h.kind !== 'api-key' && h.kind !== 'oauth-token')) continue;
      const v = input.env[h.variable];
      const reason = v ? unsafeHeaderValueReason(v.value) : undefined;
      if (!v || !reason) continue;
      const header = h.header === 'x-api-key' ? 'X-Api-Key' : 'Authorization';
      diagnostics.push(diagnostic('credential-invalid-header-value', { header, variable: v.name, problem: reason }, sourcePlace(v.source)));
    }
  }
  return { credential, headers };
}

/** The primary credential (see {@link resolveCredentials} for both headers). */
export function resolveCredential(input: CredentialInputs): Credential {
  return resolveCredentials(input).credential;
}
