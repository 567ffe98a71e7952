/** Two credentials at once (§3.1, §3.3, §10 row 1), and none at all behind a gateway (§10 row 12). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { at, shownUrl } from './util';

export function credentialRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const c = config.credential;
  const used = c.variable ?? c.kind;
  const envLike = c.outranked.filter((o) => o.kind === 'auth-token' || o.kind === 'api-key' || o.kind === 'api-key-helper' || o.kind === 'oauth-token');
  if ((c.kind === 'auth-token' || c.kind === 'api-key' || c.kind === 'api-key-helper') && envLike.length > 0) {
    const others = envLike.map((o) => o.variable ?? o.kind).join(', ');
    out.push(
      at(c.variable ? config.env[c.variable] : undefined, {
        code: 'doctor-credential-conflict',
        severity: 'warning',
        message: `Two gateway credentials are set: Claude Code sends ${used} and ignores ${others}; it warns "… auth may not work as expected"`,
        fix: `Keep one: unset ${others}, or unset ${used}`,
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
