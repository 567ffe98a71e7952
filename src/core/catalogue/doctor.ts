/** Diagnostic catalogue: the doctor. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';
import { whereSet } from './words';

/** The arguments of each doctor diagnostic's message. */
export interface DoctorArgs {
  /**
   * `used`: the credential Claude Code uses; `sent`: each gateway credential sent, with its header in words
   * (`ANTHROPIC_AUTH_TOKEN as authorization: Bearer`); `both`: two are sent; `ignored`: those sent in no header;
   * `others`: what to unset to keep only `used`.
   */
  'doctor-credential-conflict': {
    /** The credential Claude Code uses. */
    used: string;
    /** Each gateway credential sent, with its header (`ANTHROPIC_AUTH_TOKEN as authorization: Bearer`). */
    sent: readonly string[];
    /** Two are sent, one in each header. */
    both: boolean;
    /** The credentials sent in no header. */
    ignored: readonly string[];
    /** What to unset to keep only the credential in use. */
    others: readonly string[];
  };
  /** `used` takes over from the saved login; `needsApproval`: it is an API key still to approve. */
  'doctor-login-outranked': {
    /** The credential that takes over from the saved login. */
    used: string;
    /** It is an API key still to approve at the prompt. */
    needsApproval: boolean;
  };
  /** `baseUrl` masked; `bare`: a `--bare` session. */
  'doctor-no-credential': {
    /** The base URL (masked). */
    baseUrl: string;
    /** The session runs with `--bare`. */
    bare: boolean;
  };
  /** A base URL is not an absolute http(s) URL. */
  'doctor-base-url-not-absolute': {
    /** The variable's name. */
    variable: string;
    /** The value as set (never a credential). */
    value: string;
  };
  /** Plain http to a non-local host. */
  'doctor-base-url-insecure': {
    /** The variable's name. */
    variable: string;
    /** The host name the URL names. */
    hostname: string;
    /** The host and port the URL names. */
    host: string;
  };
  /** The base URL ends in `/v1` (requests go to `/v1/v1/messages`). */
  'doctor-base-url-v1': {
    /** The variable's name. */
    variable: string;
    /** The URL without the trailing /v1 (masked). */
    fixed: string;
  };
  /** The base URL carries a query or fragment: Claude Code appends `/v1/messages?beta=true` inside the query (`/query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue`). */
  'doctor-base-url-query': {
    /** The variable's name. */
    variable: string;
    /** What the gateway receives instead of /v1/messages (Messages-format base URLs only). */
    receivedPath?: string | undefined;
  };
  /** `scope` where the empty value is set, `hiddenScope` and `hiddenUrl` the value it hides. */
  'doctor-base-url-empty': {
    /** The variable's name. */
    variable: string;
    /** Where the empty value is set. */
    scope: string;
    /** Where the hidden value is set. */
    hiddenScope: string;
    /** The URL the empty value hides (masked). */
    hiddenUrl: string;
  };
  /** `names` that wait, from `levels` (`project`, `local`). */
  'doctor-credential-waits-for-trust': {
    /** The variables (and `apiKeyHelper`) that wait. */
    names: readonly string[];
    /** The settings levels they come from. */
    levels: readonly string[];
  };
  /** `meanwhile`: the credential used until trust, `meanwhileFrom` its source in words. */
  'doctor-credential-after-trust': {
    /** The variables (and `apiKeyHelper`) that wait. */
    names: readonly string[];
    /** The settings levels they come from. */
    levels: readonly string[];
    /** The credential used until then. */
    meanwhile: string;
    /** Where that credential is set, in words. */
    meanwhileFrom?: string | undefined;
  };
  /**
   * `variables` in `file`. From the staged-files check (`staged: true`): `file` relative to the repository, the
   * `line`, and `link`, the symbolic link it was read through, if any.
   */
  'doctor-credential-in-project-file': {
    /** The variables' names. */
    variables: readonly string[];
    /** The file, as messages name it. */
    file: string;
    /** Found by the staged-files check (then `file` is relative to the repository and `line` is set). */
    staged?: boolean | undefined;
    /** The line, from the staged-files check. */
    line?: number | undefined;
    /** The symbolic link the file was read through, if any. */
    link?: string | undefined;
    /** From the staged-files check: the value's fingerprint, to allow it on purpose in a baseline (not the value). */
    fingerprint?: string | undefined;
  };
  /** As `doctor-credential-in-project-file`. */
  'doctor-credential-in-tracked-file': {
    /** The variables' names. */
    variables: readonly string[];
    /** The file, as messages name it. */
    file: string;
    /** Found by the staged-files check (then `file` is relative to the repository and `line` is set). */
    staged?: boolean | undefined;
    /** The line, from the staged-files check. */
    line?: number | undefined;
    /** The symbolic link the file was read through, if any. */
    link?: string | undefined;
    /** From the staged-files check: the value's fingerprint, to allow it on purpose in a baseline (not the value). */
    fingerprint?: string | undefined;
  };
  /** A Claude Code variable only an interactive shell's start-up file sets. */
  'doctor-shell-only-variable': {
    /** The variable. */
    variable: string;
    /** The start-up file, as a person writes it (`~/.zshrc`). */
    file: string;
    /** The line. */
    line: number;
  };
  /** An interactive shell's start-up file runs a tool that sets the gateway variables (`eval "$(ccr activate)"`), and no settings file gives the address. */
  'doctor-shell-only-activation': {
    /** The command (`ccr activate`). */
    command: string;
    /** The `import` source that reads the tool. */
    source: string;
    /** The start-up file, as a person writes it. */
    file: string;
    /** The line. */
    line: number;
  };
  /** A committed credential allowed on purpose, by an inline comment or the baseline. */
  'doctor-credential-allowed': {
    /** The variables' names. */
    variables: readonly string[];
    /** The file, relative to the folder checked. */
    file: string;
    /** The line. */
    line: number;
    /** What allows it: a `claude-gateway: allow` comment, or an entry of the baseline. */
    by: 'comment' | 'baseline';
    /** The value's fingerprint. */
    fingerprint: string;
  };
  /** A credential in a file git would add. */
  'doctor-credential-not-ignored': {
    /** The variables' names. */
    variables: readonly string[];
    /** The file, as messages name it. */
    file: string;
  };
  /** `overriddenBy` is the variable that wins, `value` its project. */
  'doctor-vertex-project-overridden': {
    /** The project ANTHROPIC_VERTEX_PROJECT_ID names. */
    project: string;
    /** The variable whose project wins. */
    overriddenBy: string;
    /** The project it names. */
    value: string;
  };
  /** What the provider misses: the Claude Platform on AWS workspace, the Vertex project, the Foundry resource. */
  'doctor-provider-incomplete': {
    /** What the provider misses. */
    missing: 'anthropic-aws-workspace' | 'vertex-project' | 'foundry-resource';
  };
  /** `CLAUDE_CODE_SKIP_FOUNDRY_AUTH` beside a Foundry key is ignored. */
  'doctor-foundry-skip-ignored': Record<never, never>;
  /**
   * `variable` unused (`kind: 'endpoint'`) or not sent (`'credential'`); `selectedBy`: the switch and where it is
   * set, in words; `endpoint`: where requests go (endpoints only).
   */
  'doctor-provider-ignores-variable': {
    /** An unused endpoint, or a credential not sent. */
    kind: 'endpoint' | 'credential';
    /** The variable's name. */
    variable: string;
    /** The switch that selects the provider, and where it is set, in words. */
    selectedBy: string;
    /** The provider's switch variable. */
    switchVariable: string;
    /** The provider, as Claude Code labels it. */
    provider: string;
    /** The provider's own base-URL variable. */
    ownBaseUrl: string;
    /** Where requests go instead. */
    endpoint?: string | undefined;
  };
  /** `value` as set; `digits`: it is plain digits (then it is clamped). */
  'doctor-auto-compact-window': {
    /** The value as set. */
    value: string;
    /** The value is plain digits (then it is clamped). */
    digits: boolean;
  };
  /** `ANTHROPIC_SMALL_FAST_MODEL` is deprecated. */
  'doctor-deprecated-variable': {
    /** The deprecated variable. */
    variable: string;
    /** The variable to use instead. */
    replacement: string;
  };
  /** `namesWork`: the `_NAME` and `_DESCRIPTION` variables do work behind a gateway in this version. */
  'doctor-capabilities-behind-gateway': {
    /** The variable's name. */
    variable: string;
    /** The `_NAME` and `_DESCRIPTION` variables work behind a gateway in this version. */
    namesWork: boolean;
  };
  /** Why discovery does not run (`modelDiscovery.reason`), and the version for `unsupported-version`. */
  'doctor-discovery-cannot-run': {
    /** Why discovery does not run (`modelDiscovery.reason`). */
    reason: string;
    /** The Claude Code version (for `unsupported-version`). */
    version: string;
  };
  /** The program the apiKeyHelper runs. */
  'doctor-helper-missing': {
    /** The program the apiKeyHelper runs. */
    program: string;
  };
  /** The apiKeyHelper program is not executable. */
  'doctor-helper-not-executable': {
    /** The program the apiKeyHelper runs. */
    program: string;
  };
  /**
   * Why: a gateway credential (`credential`, its name), a non-Anthropic base URL (`baseUrl`), or a cloud provider;
   * `credential` and `baseUrl` may both hold.
   */
  'doctor-gateway-disables-features': {
    /** The gateway credential in use, when it is the reason. */
    credentialVariable?: string | undefined;
    /** A non-Anthropic ANTHROPIC_BASE_URL is a reason. */
    baseUrl: boolean;
  };
  /** The VS Code extension checks only `claudeCode.environmentVariables` before launch. */
  'doctor-vscode-needs-settings': Record<never, never>;
  /** Claude Desktop ignores `ANTHROPIC_BASE_URL`. */
  'doctor-desktop-ignores-base-url': Record<never, never>;
}

const COMMITTED_FIX = 'Remove it from the file and the history, and rotate the credential';

/** A credential found in a staged or committed file. */
function committedMessage(a: { variables: readonly string[]; file: string; line?: number | undefined; link?: string | undefined }): string {
  return `${a.variables.join(', ')} committed in ${a.file} (line ${a.line}${a.link !== undefined ? `, read through the link ${a.link}` : ''})`;
}

const DISCOVERY_WHY: Readonly<Record<string, string>> = {
  'provider-selected': 'a CLAUDE_CODE_USE_* provider is selected',
  'nonessential-traffic-disabled': 'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC is set (any value, even 0); models cached by an earlier run still show in /model',
  'no-base-url': 'ANTHROPIC_BASE_URL is not set',
  'invalid-base-url': 'ANTHROPIC_BASE_URL is not an http(s) URL',
  'first-party-host': 'ANTHROPIC_BASE_URL is api.anthropic.com',
};

function discoveryWhy(reason: string, version: string): string {
  return reason === 'unsupported-version' ? `Claude Code ${version} has no gateway discovery` : (DISCOVERY_WHY[reason] ?? reason);
}

/** The doctor. */
export const DOCTOR: Catalogue<DoctorArgs> = {
  'doctor-credential-conflict': {
    severity: 'warning',
    message: (a) =>
      `Two gateway credentials are set: ${a.both ? `Claude Code sends both, each in its header (${a.sent.join(' and ')}), and which one counts is up to the gateway` : `Claude Code sends ${a.sent.join(' and ') || a.used}`}${a.ignored.length > 0 ? `; ${a.ignored.join(', ')} ${a.ignored.length > 1 ? 'are' : 'is'} not sent` : ''}; it warns "… auth may not work as expected"`,
    fix: (a) => `Keep one: unset ${a.others.join(', ')}, or unset ${a.used}`,
    doc: {
      meaning: 'Two gateway credentials at once: both are sent, each in its header (or one is sent in neither) ("auth may not work as expected")',
      fix: 'Unset one',
    },
  },
  'doctor-login-outranked': {
    severity: 'info',
    message: (a) => `A saved claude.ai login is present but unused: ${a.used} takes over${a.needsApproval ? ' once you approve it at the prompt' : ''}`,
    fix: () => 'Run /logout to keep the gateway credential, or unset it to use the login',
    doc: { meaning: 'A saved claude.ai login is present but the gateway credential wins', fix: '`/logout`, or unset the variable' },
  },
  'doctor-no-credential': {
    severity: 'error',
    message: (a) => `ANTHROPIC_BASE_URL points at ${a.baseUrl} but no credential reaches Claude Code: it shows the login screen (or "Not logged in")`,
    fix: (a) =>
      a.bare
        ? 'In a --bare session: set ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY, or pass an apiKeyHelper in --settings'
        : 'Set ANTHROPIC_AUTH_TOKEN (bearer) or ANTHROPIC_API_KEY (x-api-key), or an apiKeyHelper, in user settings or the shell',
    doc: {
      meaning: '`ANTHROPIC_BASE_URL` is set but no credential reaches Claude Code (login screen)',
      fix: 'Set `ANTHROPIC_AUTH_TOKEN`/`ANTHROPIC_API_KEY`/`apiKeyHelper`',
    },
  },
  'doctor-base-url-not-absolute': {
    severity: 'error',
    message: (a) => `${a.variable} is ${JSON.stringify(a.value)}, not an absolute http(s) URL`,
    fix: () => 'Write it as https://host[:port][/path]',
    doc: { meaning: 'A base URL is not an absolute http(s) URL', fix: '`https://host[:port][/path]`' },
  },
  'doctor-base-url-insecure': {
    severity: 'warning',
    message: (a) => `${a.variable} sends the credential over plain http to ${a.hostname}`,
    fix: (a) => `Use https://${a.host}`,
    doc: { meaning: 'Plain http to a non-local host', fix: 'Use https' },
  },
  'doctor-base-url-v1': {
    severity: 'error',
    message: (a) => `${a.variable} ends in /v1, and Claude Code appends /v1/messages: requests go to …/v1/v1/messages`,
    fix: (a) => `Set ${a.variable}=${a.fixed}`,
    doc: { meaning: 'The base URL ends in `/v1` (requests go to `/v1/v1/messages`)', fix: 'Drop `/v1` (a `fixEdit` does it)' },
  },
  'doctor-base-url-query': {
    severity: 'error',
    message: (a) =>
      `${a.variable} carries a query or fragment; Claude Code appends its paths after it${a.receivedPath === undefined ? '' : `, so the gateway receives POST ${a.receivedPath} instead of …/v1/messages`}`,
    fix: () => 'Remove the ?… or #… part; send tenant data in ANTHROPIC_CUSTOM_HEADERS',
    doc: {
      meaning:
        'The base URL carries a query or fragment: Claude Code appends `/v1/messages?beta=true` inside the query (`/query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue`)',
      fix: 'Remove it; use custom headers',
    },
  },
  'doctor-base-url-empty': {
    severity: 'warning',
    message: (a) =>
      `${a.variable} is empty in ${whereSet(a.scope)} and overrides the one from ${whereSet(a.hiddenScope)} (${a.hiddenUrl}): Claude Code uses no base URL${a.variable === 'ANTHROPIC_BASE_URL' ? ' and goes to api.anthropic.com' : ''}`,
    fix: (a) => `Remove the empty ${a.variable} from ${whereSet(a.scope)}`,
    doc: {
      meaning: 'An empty base URL variable in a higher source overrides a real one below it: Claude Code uses no base URL (the default API host)',
      fix: 'Remove the empty value',
    },
  },
  'doctor-credential-waits-for-trust': {
    severity: 'warning',
    message: (a) =>
      `${a.names.join(', ')} come only from ${a.levels.join(' and ')} settings, which apply after the workspace-trust dialog, and nothing else supplies a credential: the first run shows the login screen`,
    fix: () => 'Put the gateway URL and credential in user settings, the shell or managed settings',
    doc: {
      meaning:
        'The gateway URL or credential is only in project/local env, which waits for trust, and no other credential resolves: the first run shows the login screen',
      fix: 'Move it to user settings or the shell',
    },
  },
  'doctor-credential-after-trust': {
    severity: 'info',
    message: (a) =>
      `${a.names.join(', ')} from ${a.levels.join(' and ')} settings apply only after the workspace-trust dialog is accepted; until then Claude Code uses ${a.meanwhile}${a.meanwhileFrom !== undefined ? ` from ${a.meanwhileFrom}` : ''}, and accepting adds them`,
    fix: () => 'See the configuration after trust with `trusted: true`; if the repository should not choose them, remove them from its settings',
    doc: {
      meaning: 'A credential already resolves, and project/local env adds a gateway URL or credential that applies only after the trust dialog is accepted',
      fix: "See the configuration after trust with `--trusted`; remove them from the repository's settings if it should not choose them",
    },
  },
  'doctor-credential-in-project-file': {
    severity: 'error',
    message: (a) =>
      a.staged
        ? committedMessage(a)
        : `${a.variables.join(', ')} is in ${a.file}, the project file meant to be committed: everyone with the repository gets it`,
    fix: (a) => (a.staged ? COMMITTED_FIX : 'Move it to .claude/settings.local.json or user settings, and rotate the credential if it was pushed'),
    doc: { meaning: 'A credential in the shared, committed project file', fix: 'Move it to local/user settings and rotate it (`fixEdit` unsets it)' },
  },
  'doctor-credential-in-tracked-file': {
    severity: 'error',
    message: (a) => (a.staged ? committedMessage(a) : `${a.variables.join(', ')} is in ${a.file}, which git tracks: it is (or will be) committed`),
    fix: (a) => (a.staged ? COMMITTED_FIX : `git rm --cached ${a.file}, add it to .gitignore, and rotate the credential`),
    doc: { meaning: 'A credential in a file git tracks', fix: '`git rm --cached`, ignore, rotate' },
  },
  'doctor-shell-only-variable': {
    severity: 'warning',
    message: (a) =>
      `${a.variable} is exported in ${a.file} (line ${a.line}), which only an interactive shell reads: Claude Code started from a terminal gets it; started another way (from the desktop, an IDE that does not load your shell, a service) it does not`,
    fix: (a) =>
      `Put it in ~/.claude/settings.json instead: claude-gateway import shell --write --scope user (or claude-gateway set ${a.variable} --scope user)`,
    doc: {
      meaning: 'A gateway variable only `~/.zshrc`, `~/.bashrc`, `config.fish` or a PowerShell profile exports, and no settings file sets',
      fix: 'Move it to user settings (`claude-gateway import shell --write --scope user`)',
    },
  },
  'doctor-shell-only-activation': {
    severity: 'warning',
    message: (a) =>
      `${a.file} (line ${a.line}) runs ${a.command}, and only an interactive shell reads it: Claude Code started from a terminal gets the variables it sets; started another way (from the desktop, an IDE that does not load your shell, a service) it does not`,
    fix: (a) => `Put them in ~/.claude/settings.json instead: claude-gateway import ${a.source} --write --scope user`,
    doc: {
      meaning:
        'An interactive shell\'s start-up file runs a tool that sets the gateway variables (`eval "$(ccr activate)"`), and no settings file gives the address',
      fix: 'Write them to user settings (`claude-gateway import claude-code-router --write --scope user`)',
    },
  },
  'doctor-credential-allowed': {
    severity: 'info',
    message: (a) =>
      `${a.variables.join(', ')} committed in ${a.file} (line ${a.line}) is allowed on purpose by ${a.by === 'comment' ? 'a claude-gateway: allow comment' : 'the baseline'}`,
    doc: {
      meaning:
        'A credential in a staged settings file that a `claude-gateway: allow` comment on its line (or the line above) or an entry of the baseline allows: a test fixture ([guarding repositories](../README.md#guarding-repositories))',
      fix: 'Nothing, if it is a fake; a real credential must not be allowed',
    },
  },
  'doctor-credential-not-ignored': {
    severity: 'warning',
    message: (a) => `${a.variables.join(', ')} is in ${a.file}, which git does not ignore: the next "git add ." commits it`,
    fix: () => 'Add the file to .gitignore (ensureGitIgnored does it, as Claude Code does with **/.claude/settings.local.json)',
    doc: { meaning: 'A credential in a file git would add', fix: 'Ignore it (`ensureGitIgnored`)' },
  },
  'doctor-vertex-project-overridden': {
    severity: 'warning',
    message: (a) => `ANTHROPIC_VERTEX_PROJECT_ID is "${a.project}", but ${a.overriddenBy}="${a.value}" overrides it: requests go to that project`,
    fix: (a) => `Unset ${a.overriddenBy}, or make the two agree`,
    doc: {
      meaning:
        '`GCLOUD_PROJECT` or `GOOGLE_CLOUD_PROJECT` names another project than `ANTHROPIC_VERTEX_PROJECT_ID`, and overrides it ([providers](behavior.md#providers))',
      fix: 'Unset the override or make them agree',
    },
  },
  'doctor-provider-incomplete': {
    severity: (a) => (a.missing === 'vertex-project' ? 'warning' : 'error'),
    message: (a) =>
      a.missing === 'anthropic-aws-workspace'
        ? 'Claude Platform on AWS needs ANTHROPIC_AWS_WORKSPACE_ID (sent as anthropic-workspace-id)'
        : a.missing === 'vertex-project'
          ? 'Vertex has no project: none of ANTHROPIC_VERTEX_PROJECT_ID, GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT or a credentials file names one (gcloud config may still)'
          : 'Foundry needs ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL',
    fix: (a) =>
      a.missing === 'anthropic-aws-workspace'
        ? 'Set ANTHROPIC_AWS_WORKSPACE_ID=wrkspc_…'
        : a.missing === 'vertex-project'
          ? 'Set ANTHROPIC_VERTEX_PROJECT_ID'
          : 'Set ANTHROPIC_FOUNDRY_RESOURCE=<resource name>',
    doc: {
      severity: 'error / warning',
      meaning: 'A provider block misses what it needs (CPA workspace id, Vertex project, Foundry resource)',
      fix: 'Set the missing variable',
    },
  },
  'doctor-foundry-skip-ignored': {
    severity: 'warning',
    message: () => 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH is ignored while ANTHROPIC_FOUNDRY_API_KEY or ANTHROPIC_FOUNDRY_AUTH_TOKEN is set: the key is sent',
    fix: () => 'Unset one of them',
    doc: { meaning: '`CLAUDE_CODE_SKIP_FOUNDRY_AUTH` beside a Foundry key is ignored', fix: 'Unset one' },
  },
  'doctor-provider-ignores-variable': {
    severity: 'warning',
    message: (a) =>
      a.kind === 'endpoint'
        ? `${a.variable} is not used: ${a.selectedBy}, which sends its requests to ${a.endpoint}`
        : `${a.variable} is not sent: ${a.selectedBy}, which authenticates in its own way`,
    fix: (a) =>
      a.kind === 'endpoint'
        ? `Unset ${a.switchVariable} if Claude Code should use ${a.variable}; to reach ${a.provider} through a gateway, set ${a.ownBaseUrl} instead`
        : `Unset ${a.switchVariable} if Claude Code should use the Anthropic API or the gateway at ANTHROPIC_BASE_URL; otherwise remove ${a.variable}`,
    doc: {
      meaning: "A cloud provider's switch is on, so `ANTHROPIC_BASE_URL` (or another provider's endpoint) or an Anthropic credential is set but not used",
      fix: 'Unset the switch to use the gateway; to reach the provider through a gateway, set its own base-URL variable',
    },
  },
  'doctor-auto-compact-window': {
    severity: (a) => (a.digits ? 'info' : 'warning'),
    message: (a) =>
      a.digits
        ? `CLAUDE_CODE_AUTO_COMPACT_WINDOW ${Number(a.value)} is outside 100000–1000000 and is clamped`
        : `CLAUDE_CODE_AUTO_COMPACT_WINDOW is "${a.value}": only plain digits count (500k reads as 500, then clamps to 100000)`,
    fix: (a) => (a.digits ? "Choose a value in 100000–1000000, below the model's context window" : 'Write the number of tokens in digits, e.g. 180000'),
    doc: { severity: 'warning / info', meaning: '`CLAUDE_CODE_AUTO_COMPACT_WINDOW` not plain digits, or clamped', fix: 'Digits in 100000–1000000' },
  },
  'doctor-deprecated-variable': {
    severity: 'warning',
    message: (a) => `${a.variable} is deprecated`,
    fix: (a) => `Use ${a.replacement}`,
    doc: { meaning: '`ANTHROPIC_SMALL_FAST_MODEL` is deprecated', fix: '`ANTHROPIC_DEFAULT_HAIKU_MODEL`' },
  },
  'doctor-capabilities-behind-gateway': {
    severity: 'warning',
    message: (a) =>
      `${a.variable} has no effect behind ANTHROPIC_BASE_URL; capability variables work only with a provider (CLAUDE_CODE_USE_BEDROCK/VERTEX/FOUNDRY/MANTLE)`,
    fix: (a) => `Remove it${a.namesWork ? '; _NAME and _DESCRIPTION do work behind a gateway' : ''}`,
    doc: { meaning: '`*_SUPPORTED_CAPABILITIES` do nothing behind `ANTHROPIC_BASE_URL`', fix: 'Remove them' },
  },
  'doctor-discovery-cannot-run': {
    severity: 'warning',
    message: (a) => `Model discovery is switched on but does not run: ${discoveryWhy(a.reason, a.version)}`,
    fix: () => 'Remove the switch, or fix what stops it',
    doc: { meaning: 'Model discovery is on but cannot run (provider, nonessential traffic off, no base URL)', fix: 'Fix what stops it or remove the switch' },
  },
  'doctor-helper-missing': {
    severity: 'error',
    message: (a) => `apiKeyHelper runs ${a.program}, which does not exist: Claude Code fails with "Your apiKeyHelper script is failing"`,
    fix: (a) => `Install ${a.program}, or fix the apiKeyHelper path`,
    doc: { meaning: 'The apiKeyHelper program does not exist', fix: 'Install it or fix the path' },
  },
  'doctor-helper-not-executable': {
    severity: 'error',
    message: (a) => `apiKeyHelper runs ${a.program}, which is not executable`,
    fix: (a) => `chmod +x ${a.program}`,
    doc: { meaning: 'The apiKeyHelper program is not executable', fix: '`chmod +x`' },
  },
  'doctor-gateway-disables-features': {
    severity: 'info',
    message: (a) =>
      `Remote Control${a.credentialVariable !== undefined ? ', voice dictation, /schedule and claude.ai connectors are' : ' is'} unavailable with ${a.credentialVariable ?? (a.baseUrl ? 'a non-Anthropic ANTHROPIC_BASE_URL' : 'a cloud provider')}`,
    fix: (a) =>
      a.credentialVariable !== undefined
        ? `Unset the gateway credential${a.baseUrl ? ' (and ANTHROPIC_BASE_URL for Remote Control)' : ''} to use them`
        : a.baseUrl
          ? 'Unset ANTHROPIC_BASE_URL (or point it at api.anthropic.com) to use Remote Control'
          : 'Unset the provider to use Remote Control',
    doc: {
      meaning: 'Remote Control, voice, `/schedule`, connectors are off with a gateway credential',
      fix: 'Unset the credential (and base URL) to use them',
    },
  },
  'doctor-vscode-needs-settings': {
    severity: 'info',
    message: () =>
      'The VS Code extension checks credentials before launch from claudeCode.environmentVariables only; ~/.claude/settings.json env reaches the CLI but not that check',
    fix: () =>
      'Add the gateway variables to claudeCode.environmentVariables in VS Code user settings (toVsCodeSettings(configFromEffective(config)) prints them)',
    doc: { meaning: 'The VS Code extension checks only `claudeCode.environmentVariables` before launch', fix: '`toVsCodeSettings`' },
  },
  'doctor-desktop-ignores-base-url': {
    severity: 'info',
    message: () => 'The Claude desktop app ignores ANTHROPIC_BASE_URL and settings.json for routing; it has its own third-party inference configuration',
    fix: () => 'Configure the gateway in the desktop app (Developer → Configure Third-Party Inference, or its MDM keys)',
    doc: { meaning: 'Claude Desktop ignores `ANTHROPIC_BASE_URL`', fix: 'Configure its third-party inference' },
  },
};
