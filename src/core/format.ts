/**
 * A plain-text report of an {@link EffectiveConfig}: what Claude Code's `/status` would show for
 * gateways, with the source of every value. Secrets are masked unless `showSecrets` is set.
 */
import type { EffectiveConfig, ResolvedVar, SourceInfo } from './types';
import { describeSource } from './explain';
import { describeSessionModel } from './model';
import { formatDiagnostic } from './diagnostics';
import { isCredentialHeaderName, isGatewayVariable, maskSecret } from './variables';
import { createRedactor, maskValue, secretValuesOf } from './redact';

/** Options for formatting an effective configuration as text. */
export interface FormatOptions {
  /** Print credential values as they are. @default false */
  showSecrets?: boolean;
  /** Also list every variable, not only the gateway-relevant ones. @default false */
  allVariables?: boolean;
}

/** A value as printed: JSON-quoted, masked (whole or in part) unless `showSecrets`. */
function shown(name: string, value: string, showSecrets: boolean): string {
  if (showSecrets) return JSON.stringify(value);
  const masked = maskValue(name, value);
  return masked !== value && masked.startsWith('<redacted') ? masked : JSON.stringify(masked);
}

function value(v: ResolvedVar, showSecrets: boolean): string {
  return shown(v.name, v.value, showSecrets);
}

function sourceLine(s: SourceInfo): string {
  const name = s.scope === 'global-config' ? 'global config' : s.scope;
  const origin = s.origin ? ` [${s.origin}]` : '';
  // The path is on the line already: a reason that opens with it says "the file" instead.
  const why = s.reason && s.path && s.reason.startsWith(`${s.path} `) ? `the file ${s.reason.slice(s.path.length + 1)}` : s.reason;
  const reason = why && s.status !== 'loaded' ? ` — ${why}` : '';
  // Server-managed settings are fetched by Claude Code, not read from a file here: "missing" would claim
  // a lookup that was not made.
  const remote = s.origin === 'remote';
  const status = remote && s.status === 'missing' ? 'not checked' : s.status;
  // The remote source has a label, not a file.
  return `  ${status.padEnd(13)} ${name}${origin}${s.path ? ` ${s.path}` : ''}${remote && s.status === 'missing' ? ' (fetched by Claude Code from the server; not read here)' : reason}`;
}

/** A duration as a person says it: `5 minutes`, `90 seconds`, `1.5 hours`, `250 ms`. */
export function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && (ms % size === 0 || ms >= size * 10 || (ms * 10) % size === 0)) {
      const n = Math.round((ms / size) * 10) / 10;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

const DISCOVERY_WORDS: Readonly<Record<string, string>> = {
  enabled: 'on (CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY)',
  automatic: 'on (automatic for this gateway and version)',
  'not-opted-in': 'off (CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY is not set)',
  'no-base-url': 'off (no gateway base URL)',
  'invalid-base-url': 'off (the base URL is not a URL)',
  'first-party-host': "off (Anthropic's own API)",
  'provider-selected': 'off (a cloud provider is selected)',
  'nonessential-traffic-disabled': 'off (non-essential traffic is disabled)',
  'unsupported-version': 'off (this Claude Code version has no discovery)',
};

/** Whether Claude Code asks the gateway for its models, in words: `on (CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY)`. */
export function discoveryWords(config: EffectiveConfig): string {
  return DISCOVERY_WORDS[config.modelDiscovery.reason] ?? `${config.modelDiscovery.enabled ? 'on' : 'off'} (${config.modelDiscovery.reason})`;
}

/**
 * The configuration as the text `claude-gateway status` prints: provider, base URL, credential and
 * headers, every gateway variable with its source and what it overrode, the sources, the diagnostics.
 * Credentials are masked unless `showSecrets`: credential variables whole, URLs and header lines in
 * part (`https://dev:<redacted>@gw…`), and any known credential wherever else it appears.
 */
export function formatEffectiveConfig(config: EffectiveConfig, options: FormatOptions = {}): string {
  const show = options.showSecrets === true;
  const out: string[] = [];
  const c = config.credential;
  out.push(`Claude Code ${config.claudeCodeVersion}${config.bare ? ' (--bare session)' : ''}`);
  out.push(`API provider:     ${config.providerLabel}`);
  out.push(
    `Base URL:         ${config.baseUrl ? `${show ? config.baseUrl.value : maskValue(config.baseUrl.name, config.baseUrl.value)}  (${config.baseUrl.name}, ${describeSource(config.baseUrl.source)})` : '(default endpoint)'}`,
  );
  const credSource = c.source ? `, ${describeSource(c.source)}` : '';
  const credName = c.variable ?? (c.kind === 'provider' ? c.mechanism : c.kind);
  out.push(`Credential:       ${c.kind}${c.kind === 'none' ? '' : ` (${credName}${credSource})`}`);
  // Each header with what fills it (Claude Code fills authorization and x-api-key independently:
  // docs/behavior.md#credential-headers), never a value.
  const sentIn = Array.isArray(config.credentialHeaders)
    ? config.credentialHeaders.map((h) => `${h.header} (${h.variable ?? h.mechanism ?? h.kind}${h.source ? `, ${describeSource(h.source)}` : ''})`)
    : c.headers;
  out.push(`Sent in:          ${sentIn.length > 0 ? sentIn.join(' + ') : '(no credential header)'}${c.blocked ? `  BLOCKED: ${c.blocked.reason}` : ''}`);
  if (c.outranked.length > 0) out.push(`Also present:     ${c.outranked.map((o) => o.variable ?? o.kind).join(', ')} (outranked, not sent)`);
  if (config.apiKeyHelper)
    out.push(
      `apiKeyHelper:     ${config.apiKeyHelper.command}  (${describeSource(config.apiKeyHelper.source)}, refreshed every ${humanDuration(config.apiKeyHelper.ttlMs)})`,
    );
  if (config.customHeaders.length > 0) {
    out.push(
      `Custom headers:   ${config.customHeaders.map((h) => `${h.name}: ${!show && isCredentialHeaderName(h.name) ? maskSecret(h.value) : h.value}`).join('; ')}`,
    );
  }
  if (Object.hasOwn(config, 'model')) {
    out.push(`Model:            ${describeSessionModel(config.model)}`);
    for (const note of config.model.notes) out.push(`                  note: ${note}`);
  }
  out.push(`Model discovery:  ${discoveryWords(config)}`);
  out.push(`Managed settings: ${config.managedOrigin ? `Enterprise managed settings (${config.managedOrigin})` : '(none)'}`);
  out.push(
    `Workspace trust:  ${config.trust.trusted ? 'trusted' : 'not trusted'}${config.trust.interactive ? '' : ' (non-interactive: repository env applies)'} — ${config.trust.reason}`,
  );
  out.push('', 'Variables (winner first, then what it overrode):');
  const names = Object.keys(config.env)
    .filter((n) => options.allVariables === true || isGatewayVariable(n))
    .sort();
  for (const name of names) {
    const v = config.env[name];
    if (!v) continue;
    out.push(`  ${name} = ${value(v, show)}   ← ${describeSource(v.source)}`);
    for (const o of v.overridden) out.push(`      not used: ${shown(name, o.value, show)} ← ${describeSource(o.source)}: ${o.reason}`);
  }
  for (const p of config.pendingTrust) out.push(`  ${p.name} (waiting for trust) ← ${describeSource(p.source)}`);
  out.push('', 'Sources (highest precedence first):', ...config.sources.map(sourceLine));
  if (config.diagnostics.length > 0) out.push('', 'Diagnostics:', ...config.diagnostics.map((d) => `  ${formatDiagnostic(d).replace(/\n/g, '\n  ')}`));
  // A second line of defence: every known credential of the configuration, wherever it appears.
  return show ? out.join('\n') : createRedactor(secretValuesOf(config)).text(out.join('\n'));
}
