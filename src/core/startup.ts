/**
 * Whether Claude Code stops before it sends any request, and why
 * (docs/behavior.md#when-claude-code-refuses-to-start). Each refusal is a diagnostic of the resolution; this file names which codes are
 * refusals and which one Claude Code reports first.
 */
import type { Diagnostic, DiagnosticCode } from './types';
import { diagnostic } from './catalogue';

/**
 * The diagnostics that mean Claude Code exits (code 1) before any request, in the order it meets
 * them: its own arguments first, then managed settings, then the credential.
 */
export const STARTUP_REFUSALS: readonly DiagnosticCode[] = [
  'settings-flag-invalid-json',
  'settings-flag-not-found',
  'settings-flag-directory',
  'settings-flag-not-regular',
  'settings-flag-too-large',
  'managed-refuses-start',
  'managed-requires-first-party-login',
  'base-url-invalid',
  'credential-not-logged-in',
];

/** The refusal Claude Code reports, if it refuses to start (an error of one of {@link STARTUP_REFUSALS}). */
export function startupRefusal(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  for (const code of STARTUP_REFUSALS) {
    const d = diagnostics.find((x) => x.code === code && x.severity === 'error');
    if (d) return d;
  }
  return undefined;
}

/**
 * The first words Claude Code prints when it refuses for `d` (without an `Error: ` prefix), as far as
 * they are the same in every version modelled; the conformance harness checks them against the binary.
 */
export function printedRefusal(d: Diagnostic): string {
  const quoted = /Claude Code stops with "([^"]+)"/.exec(d.message);
  if (quoted) return quoted[1] as string;
  const managed = /refuses to start: (.*)$/.exec(d.message);
  if (managed) return managed[1] as string;
  // Our own note on the exit comes last, in parentheses.
  return d.message.replace(/^Error: /, '').replace(/ \([^()]*\)$/, '');
}

/**
 * A base URL that is not a URL: `claude -p` stops with "API Error: Invalid URL" before any request
 * (vector env-boolean-base-url: `true` in settings `env` is the text "true"); an interactive session
 * starts and fails each request the same way.
 */
export function invalidBaseUrl(name: string, interactive: boolean): Diagnostic {
  return diagnostic('base-url-invalid', { variable: name, interactive });
}

/**
 * `claude -p` on the Anthropic API or an `ANTHROPIC_BASE_URL` gateway with nothing to put in a
 * credential header stops with "Not logged in · Please run /login" (vectors cred-none,
 * bare-no-credential, bare-oauth-token-only). An interactive session starts, shows "Not logged in · Run
 * /login" and sends nothing (vector interactive-api-key-reject): no refusal, nothing is reported then.
 */
export function notLoggedIn(bare: boolean): Diagnostic {
  return diagnostic('credential-not-logged-in', { bare });
}
