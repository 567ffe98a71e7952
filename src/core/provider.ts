/** Which provider Claude Code uses (docs/behavior.md#providers). */
import type { Diagnostic, Provider, ResolvedVar } from './types';
import { PROVIDER_BASE_URL, PROVIDER_SWITCHES, truth } from './variables';
import { hasFeature, type VersionGate } from './versions';
import { diagnostic, sourcePlace } from './catalogue';

/**
 * Claude Code's order when several switches are on, seen in the binary (2.1.236 and 2.1.332): Bedrock
 * outranks every other provider, Foundry outranks Claude Platform on AWS, both outrank Mantle, and Mantle
 * outranks Vertex (vectors provider-bedrock-and-*, provider-foundry-and-anthropic-aws,
 * provider-mantle-and-foundry, provider-mantle-and-anthropic-aws, provider-mantle-and-vertex,
 * provider-vertex-and-foundry, provider-anthropic-aws-and-vertex). Mantle beside Bedrock is used with it
 * (docs/behavior.md#open-points-what-we-chose).
 */
export const PROVIDER_ORDER: readonly Exclude<Provider, 'anthropic'>[] = ['bedrock', 'foundry', 'anthropic-aws', 'mantle', 'vertex'];

/**
 * Providers Claude Code has that the library does not model yet, and the modelled providers that
 * outrank each (docs/behavior.md#providers). Claude Platform on Google Cloud sits between Claude
 * Platform on AWS and Mantle in Claude Code's order and sends to its own endpoint (vector
 * provider-anthropic-google-cloud-skip-auth); the cloud gateway provider sends to ANTHROPIC_BASE_URL
 * with the same token but resolves the default model and the aliases to its own targets (vector
 * provider-use-gateway-token; with another provider switched on beside it, not recorded). Both vectors
 * are known differences.
 */
const UNMODELLED: readonly { variable: string; provider: string; endpoint: string; differs: 'endpoint' | 'model'; outrankedBy: readonly Provider[] }[] = [
  {
    variable: 'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
    provider: 'Claude Platform on Google Cloud',
    endpoint: 'ANTHROPIC_GOOGLE_CLOUD_BASE_URL',
    differs: 'endpoint',
    outrankedBy: ['bedrock', 'foundry', 'anthropic-aws'],
  },
  { variable: 'CLAUDE_CODE_USE_GATEWAY', provider: 'its cloud gateway provider', endpoint: 'ANTHROPIC_BASE_URL', differs: 'model', outrankedBy: [] },
];

const GATES: Partial<Record<Provider, VersionGate>> = { foundry: 'foundry', mantle: 'mantle' };

/** `/status` "API provider" wording. */
export const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  anthropic: 'Anthropic',
  bedrock: 'Amazon Bedrock',
  mantle: 'Amazon Bedrock (Mantle)',
  vertex: 'Google Vertex AI',
  foundry: 'Microsoft Foundry',
  'anthropic-aws': 'Claude Platform on AWS',
};

export interface ProviderResult {
  provider: Provider;
  providers: Provider[];
  label: string;
  baseUrl?: ResolvedVar;
}

export function resolveProvider(env: Record<string, ResolvedVar>, version: string, diagnostics: Diagnostic[]): ProviderResult {
  const on: Exclude<Provider, 'anthropic'>[] = [];
  for (const p of PROVIDER_ORDER) {
    const name = PROVIDER_SWITCHES[p];
    const v = env[name];
    if (truth(name, v?.value) !== 'on') continue;
    const gate = GATES[p];
    if (gate && !hasFeature(version, gate)) {
      diagnostics.push(diagnostic('provider-unsupported-version', { version, problem: 'no-support', variable: name, provider: PROVIDER_LABELS[p] }));
      continue;
    }
    on.push(p);
  }
  const first = on[0];
  for (const u of UNMODELLED) {
    const v = env[u.variable];
    if (truth(u.variable, v?.value) !== 'on' || (first && u.outrankedBy.includes(first))) continue;
    const place = v ? sourcePlace(v.source) : undefined;
    diagnostics.push(
      diagnostic(
        'provider-not-modelled',
        { variable: u.variable, provider: u.provider, endpoint: u.endpoint, shown: PROVIDER_LABELS[first ?? 'anthropic'], differs: u.differs },
        place,
      ),
    );
  }
  if (!first) {
    const baseUrl = env[PROVIDER_BASE_URL.anthropic];
    const out: ProviderResult = { provider: 'anthropic', providers: ['anthropic'], label: PROVIDER_LABELS.anthropic };
    if (baseUrl?.value) out.baseUrl = baseUrl;
    return out;
  }
  const bedrockWithMantle = first === 'bedrock' && on.includes('mantle');
  const others = on.filter((p) => p !== first && !(bedrockWithMantle && p === 'mantle'));
  if (others.length > 0) {
    diagnostics.push(
      diagnostic('provider-multiple', {
        switches: on.map((p) => PROVIDER_SWITCHES[p]),
        used: PROVIDER_LABELS[first],
        unset: others.map((p) => PROVIDER_SWITCHES[p]),
      }),
    );
  }
  const providers: Provider[] = bedrockWithMantle ? ['bedrock', 'mantle'] : [first];
  const label = providers.map((p) => PROVIDER_LABELS[p]).join(' + ');
  const baseUrl = env[PROVIDER_BASE_URL[first]];
  const out: ProviderResult = { provider: first, providers, label };
  if (baseUrl?.value) out.baseUrl = baseUrl;
  return out;
}
