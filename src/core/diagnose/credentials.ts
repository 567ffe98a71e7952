/**
 * Two credentials at once, each in its header (docs/behavior.md#credential-headers, docs/behavior.md#auth-messages),
 * and none at all behind a gateway (docs/behavior.md#gateway-errors).
 */
import type { Diagnostic, EffectiveConfig } from '../types';
import { at, shownUrl } from './util';

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
    const each = sent.map((h) => `${h.variable ?? h.kind} as ${h.header === 'authorization' ? 'authorization: Bearer' : 'x-api-key'}`).join(' and ');
    const sentText =
      sentNames.length > 1
        ? `Claude Code sends both, each in its header (${each}), and which one counts is up to the gateway`
        : `Claude Code sends ${each || used}`;
    const ignoredText = ignored.length > 0 ? `; ${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} not sent` : '';
    const others = [...sentNames.filter((n) => n !== used), ...ignored];
    out.push(
      at(c.variable ? config.env[c.variable] : undefined, {
        code: 'doctor-credential-conflict',
        severity: 'warning',
        message: `Two gateway credentials are set: ${sentText}${ignoredText}; it warns "… auth may not work as expected"`,
        fix: `Keep one: unset ${others.join(', ')}, or unset ${used}`,
      }),
    );
  }
  if ((c.kind === 'auth-token' || c.kind === 'api-key' || c.kind === 'api-key-helper') && c.outranked.some((o) => o.kind === 'login')) {
    out.push({
      code: 'doctor-login-outranked',
      severity: 'info',
      message: `A saved claude.ai login is present but unused: ${used} takes over${c.kind === 'api-key' ? ' once you approve it at the prompt' : ''}`,
      fix: 'Run /logout to keep the gateway credential, or unset it to use the login',
    });
  }
  if (config.provider === 'anthropic' && config.baseUrl && c.kind === 'none') {
    out.push({
      code: 'doctor-no-credential',
      severity: 'error',
      message: `ANTHROPIC_BASE_URL points at ${shownUrl(config.baseUrl.value)} but no credential reaches Claude Code: it shows the login screen (or "Not logged in")`,
      fix: config.bare
        ? 'In a --bare session: set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, or pass an apiKeyHelper in --settings'
        : 'Set ANTHROPIC_AUTH_TOKEN (bearer) or ANTHROPIC_API_KEY (x-api-key), or an apiKeyHelper, in user settings or the shell',
    });
  }
  return out;
}
