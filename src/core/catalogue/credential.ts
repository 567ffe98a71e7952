/** Diagnostic catalogue: credentials, headers and providers. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';

/** The arguments of each credential diagnostic's message. */
export interface CredentialArgs {
  'credential-not-logged-in': Unconverted;
  'custom-headers-malformed': Unconverted;
  'custom-headers-invalid-name': Unconverted;
  'custom-headers-invalid-value': Unconverted;
  'custom-headers-duplicate': Unconverted;
  'credential-invalid-header-value': Unconverted;
  'credential-api-key-rejected': Unconverted;
  'credential-api-key-needs-approval': Unconverted;
  'provider-multiple': Unconverted;
  'provider-unsupported-version': Unconverted;
}

/** Credentials, headers and providers. */
export const CREDENTIAL: Catalogue<CredentialArgs> = {
  'credential-not-logged-in': {
    severity: 'error',
    doc: { meaning: "`claude -p` on the Anthropic API or a gateway has no credential for either header: it stops with \"Not logged in · Please run /login\"", fix: "Set `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_API_KEY` or an `apiKeyHelper` (under `--bare`, in `--settings`)" },
  },
  'custom-headers-malformed': {
    severity: 'error',
    doc: { meaning: "A line of `ANTHROPIC_CUSTOM_HEADERS` is not `Name: Value`", fix: "One pair per line" },
  },
  'custom-headers-invalid-name': {
    severity: 'error',
    doc: { meaning: "A header name has characters HTTP does not allow", fix: "Fix the name" },
  },
  'custom-headers-invalid-value': {
    severity: 'error',
    doc: { meaning: "A header value has a line break, NUL or a char above U+00FF (2.1.227+ refuses to send)", fix: "Remove the character" },
  },
  'custom-headers-duplicate': {
    severity: 'warning',
    doc: { meaning: "A header is set twice: the last value is used", fix: "Keep one" },
  },
  'credential-invalid-header-value': {
    severity: 'error',
    doc: { meaning: "The credential has a character Claude Code refuses in a header (2.1.227+)", fix: "Set it again without it" },
  },
  'credential-api-key-rejected': {
    severity: 'warning',
    doc: { meaning: "`ANTHROPIC_API_KEY` was declined at the prompt: ignored silently", fix: "`/config` → \"Use custom API key\"" },
  },
  'credential-api-key-needs-approval': {
    severity: 'info',
    doc: { meaning: "Interactive Claude Code asks once before using `ANTHROPIC_API_KEY`", fix: "Approve it at the prompt" },
  },
  'provider-multiple': {
    severity: 'warning',
    doc: { meaning: "Several `CLAUDE_CODE_USE_*` are on", fix: "Unset all but one" },
  },
  'provider-unsupported-version': {
    severity: 'warning',
    doc: { severity: "warning, error", meaning: "A provider the modelled version does not have (warning); `CLAUDE_CODE_SKIP_FOUNDRY_AUTH` without an API key before 2.1.203 (error)", fix: "Upgrade Claude Code" },
  },
};
