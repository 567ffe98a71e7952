/** Diagnostic catalogue: credentials, headers and providers. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';

/** The arguments of each credential diagnostic's message. */
export interface CredentialArgs {
  /** `bare`: the session runs with `--bare`, which reads fewer credentials. */
  'credential-not-logged-in': {
    /** The session runs with `--bare`. */
    bare: boolean;
  };
  /** `line` is the 1-based line of `ANTHROPIC_CUSTOM_HEADERS`. */
  'custom-headers-malformed': {
    /** The 1-based line. */
    line: number;
  };
  /** A header name has characters HTTP does not allow. */
  'custom-headers-invalid-name': {
    /** The 1-based line. */
    line: number;
  };
  /** The header's place among the distinct headers (1-based), their count, its name and what is wrong with its value. */
  'custom-headers-invalid-value': {
    /** The header's place among the distinct headers (1-based). */
    index: number;
    /** How many distinct headers there are. */
    count: number;
    /** The header's name. */
    header: string;
    /** What is wrong with it, in words. */
    problem: string;
  };
  /** A header is set twice: the last value is used. */
  'custom-headers-duplicate': {
    /** The header's name. */
    header: string;
  };
  /** `header` as Claude Code names it (`Authorization`, `X-Api-Key`), the variable it comes from and what is wrong with the value. */
  'credential-invalid-header-value': {
    /** The header as Claude Code names it (`Authorization`, `X-Api-Key`). */
    header: string;
    /** The variable's name. */
    variable: string;
    /** What is wrong with it, in words. */
    problem: string;
  };
  /** `ANTHROPIC_API_KEY` was declined at the prompt: ignored silently. */
  'credential-api-key-rejected': Record<never, never>;
  /** `besideOther`: another credential is sent meanwhile (authorization still is). */
  'credential-api-key-needs-approval': {
    /** Another credential is sent meanwhile. */
    besideOther: boolean;
  };
  /** The switches turned on, the label of the provider used, and the switches to unset. */
  'provider-multiple': {
    /** The provider switches that are on. */
    switches: readonly string[];
    /** The label of the provider used. */
    used: string;
    /** The switches to unset. */
    unset: readonly string[];
  };
  /** A provider switch of Claude Code's that the library does not model decides the provider. */
  'provider-not-modelled': {
    /** The provider's switch. */
    variable: string;
    /** The provider's name in Claude Code. */
    provider: string;
    /** The provider's endpoint variable. */
    endpoint: string;
    /** The label of the provider the rest of the resolution describes. */
    shown: string;
    /** What differs from what is shown: where requests go, or (same endpoint) the model they ask for. */
    differs: 'endpoint' | 'model';
  };
  /**
   * `problem`: `no-support` (the version has no such provider: `variable` is its switch, `provider` its label), or
   * `foundry-skip-alone` (`CLAUDE_CODE_SKIP_FOUNDRY_AUTH` without a key before 2.1.203).
   */
  'provider-unsupported-version': {
    /** The Claude Code version modelled. */
    version: string;
    /** `no-support`: the version has no such provider; `foundry-skip-alone`: CLAUDE_CODE_SKIP_FOUNDRY_AUTH without a key before 2.1.203. */
    problem: 'no-support' | 'foundry-skip-alone';
    /** The provider's switch (`no-support`). */
    variable?: string | undefined;
    /** The provider's label (`no-support`). */
    provider?: string | undefined;
  };
}

/** Credentials, headers and providers. */
export const CREDENTIAL: Catalogue<CredentialArgs> = {
  'credential-not-logged-in': {
    severity: 'error',
    message: (a) =>
      `Not logged in · Please run /login (claude -p exits with code 1: no credential${a.bare ? '; --bare reads neither CLAUDE_CODE_OAUTH_TOKEN, the saved login nor an apiKeyHelper outside --settings' : ''})`,
    fix: (a) =>
      a.bare
        ? 'Under --bare, authenticate with ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or an apiKeyHelper given in --settings'
        : 'Set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY (user settings or the shell), or an apiKeyHelper, or run /login',
    doc: {
      meaning: '`claude -p` on the Anthropic API or a gateway has no credential for either header: it stops with "Not logged in · Please run /login"',
      fix: 'Set `ANTHROPIC_AUTH_TOKEN`, `ANTHROPIC_API_KEY` or an `apiKeyHelper` (under `--bare`, in `--settings`)',
    },
  },
  'custom-headers-malformed': {
    severity: 'error',
    message: (a) => `ANTHROPIC_CUSTOM_HEADERS line ${a.line} is not "Name: Value"`,
    fix: () => 'Write one "Name: Value" pair per line (\\n between pairs inside JSON strings)',
    doc: { meaning: 'A line of `ANTHROPIC_CUSTOM_HEADERS` is not `Name: Value`', fix: 'One pair per line' },
  },
  'custom-headers-invalid-name': {
    severity: 'error',
    message: (a) => `ANTHROPIC_CUSTOM_HEADERS line ${a.line}: the header name has characters HTTP does not allow`,
    doc: { meaning: 'A header name has characters HTTP does not allow', fix: 'Fix the name' },
  },
  'custom-headers-invalid-value': {
    severity: 'error',
    message: (a) =>
      `Invalid ANTHROPIC_CUSTOM_HEADERS: distinct header ${a.index} of ${a.count} (${a.header}) has ${a.problem}; Claude Code refuses to send the request`,
    fix: () => 'Remove the character from the value',
    doc: { meaning: 'A header value has a line break, NUL or a char above U+00FF (2.1.227+ refuses to send)', fix: 'Remove the character' },
  },
  'custom-headers-duplicate': {
    severity: 'warning',
    message: (a) => `ANTHROPIC_CUSTOM_HEADERS sets ${a.header} more than once; the last value is used`,
    doc: { meaning: 'A header is set twice: the last value is used', fix: 'Keep one' },
  },
  'credential-invalid-header-value': {
    severity: 'error',
    message: (a) => `Invalid ${a.header} header value from ${a.variable}: it contains ${a.problem}`,
    fix: (a) => `Remove the stray character from ${a.variable}`,
    doc: { meaning: 'The credential has a character Claude Code refuses in a header (2.1.227+)', fix: 'Set it again without it' },
  },
  'credential-api-key-rejected': {
    severity: 'warning',
    message: () => 'ANTHROPIC_API_KEY was declined at the approval prompt earlier, so Claude Code ignores it without asking',
    fix: () => 'Run /config and turn on "Use custom API key"',
    doc: { meaning: '`ANTHROPIC_API_KEY` was declined at the prompt: ignored silently', fix: '`/config` → "Use custom API key"' },
  },
  'credential-api-key-needs-approval': {
    severity: 'info',
    message: (a) =>
      `Interactive Claude Code asks once whether to use ANTHROPIC_API_KEY; until approved ${a.besideOther ? 'x-api-key is not sent (authorization still is)' : 'it is not sent'}`,
    doc: { meaning: 'Interactive Claude Code asks once before using `ANTHROPIC_API_KEY`', fix: 'Approve it at the prompt' },
  },
  'provider-multiple': {
    severity: 'warning',
    message: (a) => `Several providers are switched on (${a.switches.join(', ')}); ${a.used} is used`,
    fix: (a) => `Unset ${a.unset.join(', ')}`,
    doc: { meaning: 'Several `CLAUDE_CODE_USE_*` are on', fix: 'Unset all but one' },
  },
  'provider-not-modelled': {
    severity: 'warning',
    message: (a) =>
      a.differs === 'endpoint'
        ? `${a.variable} switches Claude Code to ${a.provider}, which claude-gateway-config does not model yet: Claude Code sends its requests to ${a.endpoint}, not to the ${a.shown} endpoint shown here, and the credential headers and model shown may differ`
        : `${a.variable} switches Claude Code to ${a.provider}, which claude-gateway-config does not model yet: requests still go to ${a.endpoint}, but the default model and the aliases resolve to that provider's own targets, so the model shown may not be the one sent`,
    fix: (a) => `Unset ${a.variable} if you meant ${a.shown}`,
    doc: {
      meaning:
        'A provider Claude Code has and this library does not model decides the session: `CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD` (another endpoint), `CLAUDE_CODE_USE_GATEWAY` (the same endpoint, other model targets)',
      fix: 'Unset the switch, or check the requests at the gateway',
    },
  },
  'provider-unsupported-version': {
    severity: (a) => (a.problem === 'foundry-skip-alone' ? 'error' : 'warning'),
    message: (a) =>
      a.problem === 'foundry-skip-alone'
        ? `Claude Code ${a.version} cannot use CLAUDE_CODE_SKIP_FOUNDRY_AUTH without ANTHROPIC_FOUNDRY_API_KEY (it works alone from 2.1.203)`
        : `${a.variable} is set but Claude Code ${a.version} has no ${a.provider} support`,
    fix: (a) => (a.problem === 'foundry-skip-alone' ? 'Upgrade Claude Code to 2.1.203 or later, or set ANTHROPIC_FOUNDRY_API_KEY' : undefined),
    doc: {
      severity: 'warning, error',
      meaning: 'A provider the modelled version does not have (warning); `CLAUDE_CODE_SKIP_FOUNDRY_AUTH` without an API key before 2.1.203 (error)',
      fix: 'Upgrade Claude Code',
    },
  },
};
