/**
 * Two credentials at once, each in its header (docs/behavior.md#credential-headers, docs/behavior.md#auth-messages),
 * and none at all behind a gateway (docs/behavior.md#gateway-errors).
 */
import type { Diagnostic, EffectiveConfig } from '../types';
import { at, shownUrl } from './util';
import { diagnostic } from '../catalogue';

const GATEWAY_KINDS = new Set(['auth-token', 'api-key', 'api-key-helper']);

export function credentialRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const c = config.credential;
  const used = c.variable ?? c.kind;
  // Claude Code fills authorization and x-api-key independently (docs/behavior.md#credential-headers, vectors
  // cred-token-and-key-shell, cred-helper-user-key-shell, cred-helper-token-key): two gateway
  // credentials are both sent, each in its header; one sent in neither is ignored.
  const headers = Array.isArray(config.credentialHeaders) ? config.credentialHeaders : [];
  const sent = headers.filter((h) => GATEWAY_KINDS.has(h.kind));
  const sentNames = [...new Set(sent.map((h) => h.variable ?? h.kind))];
  const ignored = c.outranked.filter((o) => GATEWAY_KINDS.has(o.kind) || o.kind === 'oauth-token').map((o) => o.variable ?? o.kind);
  // A cloud provider behind a gateway sends the plain credentials too, per provider
  // (docs/behavior.md#cloud-providers-through-a-gateway): the same conflict when two go out.
  const gatewayCredential = GATEWAY_KINDS.has(c.kind) || (c.kind === 'provider' && sent.length > 0);
  if (gatewayCredential && (sentNames.length > 1 || ignored.length > 0)) {
    const each = sent.map((h) => `${h.variable ?? h.kind} as ${h.header === 'authorization' ? 'authorization: Bearer' : 'x-api-key'}`);
    const others = [...sentNames.filter((n) => n !== used), ...ignored];
    out.push(
      at(
        c.variable ? config.env[c.variable] : undefined,
        diagnostic('doctor-credential-conflict', { used, sent: each, both: sentNames.length > 1, ignored, others }),
      ),
    );
  }
  if ((c.kind === 'auth-token' || c.kind === 'api-key' || c.kind === 'api-key-helper') && c.outranked.some((o) => o.kind === 'login')) {
    out.push(diagnostic('doctor-login-outranked', { used, needsApproval: c.kind === 'api-key' }));
  }
  if (config.provider === 'anthropic' && config.baseUrl && c.kind === 'none') {
    out.push(diagnostic('doctor-no-credential', { baseUrl: shownUrl(config.baseUrl.value), bare: config.bare === true }));
  }
  return out;
}
