/** Diagnostic catalogue: generating configuration. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';

/** What of a configuration an output cannot carry, by `kind` (the arguments of `generate-not-expressible`). */
export type NotExpressible =
  /** Model discovery before the version that made it a switch. */
  | { kind: 'discovery-before-opt-in'; version: string }
  /** A Foundry gateway without a Foundry key or token. */
  | { kind: 'foundry-gateway-credential' }
  /** A GitHub Actions step: the variable is read from the repository secret of its name. */
  | { kind: 'github-secret'; variable: string }
  /** A GitHub Actions step: the action has no input for the provider. */
  | { kind: 'github-provider-input'; provider: string }
  /** A GitHub Actions step: an apiKeyHelper cannot work in the action; `secret` is the secret to use instead. */
  | { kind: 'github-helper'; secret: string }
  /** The Agent SDK: variables that must be absent from the environment it starts from. */
  | { kind: 'sdk-unset'; variables: readonly string[] }
  /** VS Code settings: a settings key the extension's launch check does not read. */
  | { kind: 'vscode-setting'; key: string }
  /** Managed artifacts: credential variables that would reach every machine in a world-readable file. */
  | { kind: 'managed-secrets'; variables: readonly string[] }
  /** Managed artifacts for a gateway: not exactly one credential source (`credentials` lists those present). */
  | { kind: 'managed-credentials'; credentials: readonly string[] }
  /** Managed artifacts: where managed settings do not reach. */
  | { kind: 'managed-reach' };

/** The arguments of each generate diagnostic's message. */
export interface GenerateArgs {
  /** `fix` is the URL to use instead. */
  'generate-insecure-url': {
    /** The base-URL variable's name. */
    variable: string;
    /** The host name the URL names. */
    hostname: string;
    /** The URL to use instead. */
    fix: string;
  };
  /** Part of the configuration cannot be expressed in this output. */
  'generate-not-expressible': NotExpressible;
  /** The TTL asked for, in milliseconds. */
  'generate-helper-ttl': {
    /** The TTL asked for, in milliseconds. */
    ttlMs: number;
  };
  /** `generate <format> current`: no settings file, `--settings` or managed policy sets anything, and the shell exports no `ANTHROPIC_*` / `CLAUDE_CODE_*` variable. */
  'generate-nothing-configured': Record<never, never>;
  /** An export of a shell start-up file whose value cannot be read without running the shell: not imported. */
  'import-not-understood': {
    /** The variable. */
    variable: string;
    /** The file, as given. */
    file: string;
    /** The line. */
    line: number;
    /** What could not be read (a command substitution, an unknown reference, ...). */
    reason: string;
  };
  /** An export set inside a conditional, a loop or a function: imported, but the shell may not set it. */
  'import-conditional': {
    /** The variable. */
    variable: string;
    /** The file, as given. */
    file: string;
    /** The line. */
    line: number;
  };
  /** Nothing Claude Code reads was found to import. */
  'import-nothing-found': {
    /** The files read. */
    files: readonly string[];
  };
  /** `import claude-code-router` / `import cc-switch`: the tool's configuration is not where it keeps it. */
  'import-source-not-found': {
    /** The tool. */
    tool: string;
    /** The places looked at. */
    files: readonly string[];
  };
  /** The tool's file (or database) cannot be read: nothing is imported from it. */
  'import-unreadable': {
    /** The file, as given. */
    file: string;
    /** What is wrong, with the line and column when the text does not parse. */
    reason: string;
    /** 1-based line, when known. */
    line?: number;
    /** 1-based column, when known. */
    column?: number;
  };
  /** A field this reader does not know (a newer version of the tool?): left out, named here so nothing is lost silently. */
  'import-unknown-field': {
    /** The file, as given. */
    file: string;
    /** The field's path (`Providers[0].extra`). */
    field: string;
  };
  /** A field the reader understands but Claude Code's settings cannot express. */
  'import-not-carried': {
    /** The file, as given. */
    file: string;
    /** The field's path. */
    field: string;
    /** Why, and what to do instead. */
    reason: string;
  };
  /** The tool has no provider in use (none current, or a default route to a provider it does not have): cc-switch's import then comes to nothing; the router is still the gateway. */
  'import-no-active': {
    /** The tool. */
    tool: string;
    /** The file, as given. */
    file: string;
  };
  /** `--provider` names no provider the tool has. */
  'import-provider-not-found': {
    /** The tool. */
    tool: string;
    /** The file, as given. */
    file: string;
    /** The id or name asked for. */
    provider: string;
    /** The ids the tool has. */
    known: readonly string[];
  };
  /** A `$VAR` / `${VAR}` reference in the tool's file, read from the environment as the tool reads it. */
  'import-env-reference': {
    /** The file, as given. */
    file: string;
    /** The field's path. */
    field: string;
    /** The variable referred to. */
    variable: string;
    /** The environment has it (its value is used); otherwise the text is kept as written, as the tool keeps it. */
    resolved: boolean;
  };
  /** A start-up file runs a tool that sets Claude Code's variables (`eval "$(ccr activate)"`): they are not in the file to read. */
  'import-tool-activation': {
    /** The file, as given. */
    file: string;
    /** The line. */
    line: number;
    /** The command (`ccr activate`). */
    command: string;
    /** The `import` source that reads the tool's configuration. */
    source: string;
  };
  /** The import sets a variable the importing environment also sets, differently: in settings it wins over the environment. */
  'import-overrides-environment': {
    /** The variable. */
    variable: string;
    /** Its value in the environment (not a credential variable). */
    value: string;
    /** The value the import sets. */
    replacement: string;
  };
  /** Variables imported from VS Code settings: the extension's login check reads only its own setting. */
  'import-vscode-keep': {
    /** The VS Code settings file. */
    file: string;
  };
  /** claude-code-router is the gateway: Claude Code reaches the providers through it, so it must keep running. */
  'import-router-gateway': {
    /** The router's address as Claude Code is given it. */
    url: string;
  };
  /** The gateway credential is not in the tool's files in a form that can be carried over. */
  'import-credential-not-carried': {
    /** The tool. */
    tool: string;
    /** Why. */
    reason: string;
  };
}

const VSCODE_KEY = 'claudeCode.environmentVariables';
const VSCODE_LOGIN_PROMPT = 'claudeCode.disableLoginPrompt';

function notExpressible(a: NotExpressible): string {
  switch (a.kind) {
    case 'discovery-before-opt-in':
      return `Claude Code ${a.version} queries /v1/models on its own; the switch takes effect from 2.1.129`;
    case 'foundry-gateway-credential':
      return 'a Foundry gateway usually needs foundryApiKey or foundryAuthToken; without one the Azure credential chain is used';
    case 'github-secret':
      return `${a.variable} carries a credential: store its value in the repository secret ${a.variable}; the workflow reads it from there`;
    case 'github-provider-input':
      return `the action has no input for ${a.provider}; the variables in env select it`;
    case 'github-helper':
      return `apiKeyHelper cannot work in the action: its launch check needs anthropic_api_key, which outranks a helper; store the gateway key in the ${a.secret} secret`;
    case 'sdk-unset':
      return `make sure ${a.variables.join(', ')} are not set in the environment the SDK starts from`;
    case 'vscode-setting':
      return `${a.key} cannot go into VS Code settings; the extension's launch check reads only ${VSCODE_KEY}, so put ${a.key} in ~/.claude/settings.json`;
    case 'managed-secrets':
      return `${a.variables.join(', ')} would be pushed to every machine in a file every user can read`;
    case 'managed-credentials':
      return a.credentials.length === 0
        ? 'The managed configuration carries no credential: each developer must still set one (apiKeyHelper, ANTHROPIC_AUTH_TOKEN or ANTHROPIC_API_KEY)'
        : `The managed configuration carries ${a.credentials.join(' and ')}: distribute exactly one`;
    case 'managed-reach':
      return "Managed settings do not reach the Claude desktop app (its own MDM configuration), CI runners (set the runner's environment) or WSL on managed Windows (needs wslInheritsWindowsSettings)";
  }
}

function notExpressibleFix(a: NotExpressible): string | undefined {
  if (a.kind === 'vscode-setting' && a.key === 'apiKeyHelper') {
    return `The launch check then finds no credential and shows the login screen: set "${VSCODE_LOGIN_PROMPT}": true as well, or give the extension a token in ${VSCODE_KEY}`;
  }
  if (a.kind === 'managed-secrets') return "Distribute an apiKeyHelper that fetches each developer's own key instead";
  if (a.kind === 'managed-credentials') return 'Include exactly one of apiKeyHelper, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY';
  return undefined;
}

const WARNINGS: ReadonlySet<NotExpressible['kind']> = new Set([
  'foundry-gateway-credential',
  'github-helper',
  'vscode-setting',
  'managed-secrets',
  'managed-credentials',
]);

/** Generating configuration. */
export const GENERATE: Catalogue<GenerateArgs> = {
  'generate-insecure-url': {
    severity: 'warning',
    message: (a) => `${a.variable} uses plain http to ${a.hostname}: the credential travels unencrypted`,
    fix: (a) => `Use ${a.fix}`,
    doc: { meaning: 'Plain http to a non-local gateway', fix: 'Use https' },
  },
  'generate-not-expressible': {
    severity: (a) => (WARNINGS.has(a.kind) ? 'warning' : 'info'),
    message: notExpressible,
    fix: notExpressibleFix,
    doc: {
      severity: 'warning / info',
      meaning: 'Part of the configuration cannot be expressed in this output',
      fix: 'Follow the message (e.g. put `apiKeyHelper` in settings)',
    },
  },
  'generate-helper-ttl': {
    severity: 'warning',
    message: (a) => `the helper would run every ${a.ttlMs} ms; every run delays a request`,
    doc: { meaning: 'A helper TTL under a minute', fix: 'Raise it' },
  },
  'generate-nothing-configured': {
    severity: 'warning',
    message: () =>
      'Nothing is configured here for Claude Code: no settings file, --settings or managed policy sets a variable or an apiKeyHelper, and the shell exports no ANTHROPIC_* or CLAUDE_CODE_* variable',
    fix: () => 'Describe the configuration instead (a gateway base URL and credential, or a provider)',
    doc: {
      meaning:
        '`generate <format> current`: no settings file, `--settings` or managed policy sets anything, and the shell exports no `ANTHROPIC_*` / `CLAUDE_CODE_*` variable',
      fix: 'Describe the configuration instead (`generate <format> gateway --base-url …`)',
    },
  },
  'import-not-understood': {
    severity: 'warning',
    message: (a) => `${a.variable} in ${a.file} (line ${a.line}) is not imported: ${a.reason}`,
    fix: (a) => `Set ${a.variable} yourself (claude-gateway set ${a.variable} --scope user)`,
    doc: { meaning: 'An export whose value needs the shell to run (a command substitution, an unknown reference)', fix: 'Set it yourself' },
  },
  'import-conditional': {
    severity: 'info',
    message: (a) => `${a.variable} in ${a.file} (line ${a.line}) is set inside a condition, a loop or a function: the shell may not set it`,
    doc: { meaning: 'An export inside a conditional block, imported as written', fix: 'Check it applies' },
  },
  'import-nothing-found': {
    severity: 'warning',
    message: (a) => `no variable Claude Code reads is exported in ${a.files.length > 0 ? a.files.join(', ') : 'any start-up file found'}`,
    doc: { meaning: '`import shell` found nothing to import', fix: 'Name the file with --from' },
  },
  'import-source-not-found': {
    severity: 'warning',
    message: (a) => `no ${a.tool} configuration found (looked at ${a.files.join(', ')})`,
    fix: (a) => `Name the file: claude-gateway import ${a.tool} --from <file>`,
    doc: { meaning: 'The tool keeps no configuration where it does by default', fix: 'Name the file with --from' },
  },
  'import-unreadable': {
    severity: 'error',
    message: (a) => `${a.file}${a.line !== undefined ? `:${a.line}${a.column !== undefined ? `:${a.column}` : ''}` : ''}: cannot be read: ${a.reason}`,
    fix: () => 'Fix the file (or export it again from the tool), then import again',
    doc: { meaning: 'The file does not parse, or the database cannot be opened: nothing is imported from it', fix: 'Fix the file' },
  },
  'import-unknown-field': {
    severity: 'info',
    message: (a) => `${a.field} in ${a.file} is not known to this reader: not carried over`,
    fix: (a) => `If Claude Code needs it, set it yourself (claude-gateway set … --scope user); it stays in ${a.file}`,
    doc: {
      meaning: "A field of the tool's format this reader does not know (a newer version of the tool?), named so that nothing is dropped silently",
      fix: 'Carry it over yourself if needed',
    },
  },
  'import-not-carried': {
    severity: 'info',
    message: (a) => `${a.field} in ${a.file} is not carried over: ${a.reason}`,
    doc: {
      meaning: "A field the reader understands that Claude Code's settings cannot express (routing rules, upstream keys, the tool's own options)",
      fix: 'Keep the tool for it, or configure it elsewhere',
    },
  },
  'import-no-active': {
    severity: 'warning',
    message: (a) => `${a.tool} has no provider in use in ${a.file}`,
    fix: (a) => `Choose a provider in ${a.tool}, or pick one: claude-gateway import ${a.tool} --provider <id>`,
    doc: {
      meaning: 'The tool has no provider in use (cc-switch: nothing is imported; claude-code-router: the router answers but routes nowhere)',
      fix: 'Pick one with --provider',
    },
  },
  'import-provider-not-found': {
    severity: 'error',
    message: (a) => `${a.tool} has no provider ${JSON.stringify(a.provider)} in ${a.file}${a.known.length > 0 ? ` (it has ${a.known.join(', ')})` : ''}`,
    fix: () => 'Give one of the ids listed with --provider',
    doc: { meaning: '`--provider` names no provider the tool has', fix: 'Use an id it lists' },
  },
  'import-env-reference': {
    severity: (a) => (a.resolved ? 'info' : 'warning'),
    message: (a) =>
      a.resolved
        ? `${a.field} in ${a.file} refers to $${a.variable}: its value in this environment is imported`
        : `${a.field} in ${a.file} refers to $${a.variable}, which is not set here: the text is kept as written, as the tool keeps it`,
    fix: (a) => (a.resolved ? undefined : `Set ${a.variable} and import again, or set the value yourself`),
    doc: {
      severity: 'info / warning',
      meaning: "A `$VAR` / `${VAR}` reference in the tool's file, read from the environment as the tool reads it",
      fix: 'Set the variable, or the value yourself',
    },
  },
  'import-tool-activation': {
    severity: 'info',
    message: (a) => `${a.file} (line ${a.line}) runs ${a.command} when the shell starts: the variables it sets are not in the file`,
    fix: (a) => `Read them from the tool instead: claude-gateway import ${a.source}`,
    doc: { meaning: 'A start-up file runs a tool that prints Claude Code\'s variables (`eval "$(ccr activate)"`)', fix: 'Import from the tool' },
  },
  'import-overrides-environment': {
    severity: 'info',
    message: (a) =>
      `${a.variable} becomes ${a.replacement} for Claude Code (as the tool set it), over this environment's ${JSON.stringify(a.value)}: a settings file's env wins over the shell's`,
    fix: (a) => `If Claude Code needs the rest, set ${a.variable} to both: claude-gateway set ${a.variable}=${a.replacement},… --scope user`,
    doc: { meaning: 'A variable the import sets that the environment sets differently; in settings it wins', fix: 'Combine the values' },
  },
  'import-vscode-keep': {
    severity: 'info',
    message: (a) =>
      `the Claude Code extension's login check reads only claudeCode.environmentVariables: keep them in ${a.file} too, or set "claudeCode.disableLoginPrompt": true there, or it may ask for a claude.ai login`,
    doc: {
      meaning: "Variables imported from VS Code settings: the extension's login check reads only its own setting (docs/behavior.md#vs-code)",
      fix: 'Keep them there too, or set `claudeCode.disableLoginPrompt`',
    },
  },
  'import-router-gateway': {
    severity: 'info',
    message: (a) =>
      `Claude Code reaches these providers through claude-code-router at ${a.url} (it translates to their formats): keep the router running (ccr start), then start claude directly instead of ccr code`,
    doc: { meaning: 'claude-code-router is the gateway: its providers speak other formats', fix: 'Keep the router running' },
  },
  'import-credential-not-carried': {
    severity: 'warning',
    message: (a) => `the gateway credential is not imported from ${a.tool}: ${a.reason}`,
    fix: () => 'Set it yourself: claude-gateway set ANTHROPIC_AUTH_TOKEN --scope user',
    doc: { meaning: 'The tool keeps its client credential where this reader cannot carry it over', fix: 'Set it yourself' },
  },
};
