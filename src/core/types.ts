/**
 * Every public type of claude-gateway-config, in one place.
 *
 * The rules these types describe are in docs/behavior.md, each under its own anchor.
 * @module
 */
import type { DiagnosticArg, DiagnosticArgsMap } from './catalogue';

export type { DiagnosticArg, DiagnosticArgsMap } from './catalogue';

/** The operating systems Claude Code distinguishes. */
export type Platform = 'linux' | 'darwin' | 'win32';

/** A settings level, highest first: managed > cli > local > project > user (docs/behavior.md#settings-levels). */
export type SettingsScope = 'managed' | 'cli' | 'local' | 'project' | 'user';

/** Where a value came from: a settings level, or the shell environment. */
export type Scope = SettingsScope | 'shell';

/** The settings files `--setting-sources` can select (docs/behavior.md#command-line). */
export type SelectableScope = 'user' | 'project' | 'local';

/** The `/status` label of the managed source in use (docs/behavior.md#managed-precedence). */
export type ManagedOrigin = 'remote' | 'plist' | 'HKLM' | 'file' | 'drop-ins' | 'file + drop-ins' | 'HKCU' | 'helper';

/** Which managed delivery channel a source is. */
export type ManagedChannel = 'remote' | 'plist' | 'HKLM' | 'file' | 'drop-in' | 'HKCU' | 'helper';

/** What happened to a source. */
export type SourceStatus =
  /** Read and applied. */
  | 'loaded'
  /** Not present on this machine. */
  | 'missing'
  /** Present but rejected (bad JSON, not an object, not a regular file, too large). */
  | 'invalid'
  /** Present and valid but not used (a higher managed source wins, not read by this version, ...). */
  | 'ignored'
  /** Applied, except its `env` and `apiKeyHelper`, which wait for workspace trust (docs/behavior.md#trust-gating). */
  | 'pending-trust'
  /** Left out by `--setting-sources`. */
  | 'excluded';

/** The inference provider in use (docs/behavior.md#providers). */
export type Provider = 'anthropic' | 'bedrock' | 'vertex' | 'foundry' | 'anthropic-aws' | 'mantle';

/** Which credential Claude Code sends (docs/behavior.md#credential-order). */
export type CredentialKind = 'auth-token' | 'api-key' | 'api-key-helper' | 'provider' | 'oauth-token' | 'profile' | 'login' | 'none';

/** A reference to the source of a value. */
export interface SourceRef {
  /** The scope the value came from (`shell` for the process environment). */
  scope: Scope;
  /** For managed values: the channel (`plist`, `file`, `drop-in`, ...). */
  origin?: ManagedChannel;
  /** The file the value was read from, when it came from a file. */
  path?: string;
}

/** A value that lost to a higher-precedence one, or was not applied. */
export interface OverriddenValue {
  /** The value that lost. */
  value: string;
  /** Where the losing value was set. */
  source: SourceRef;
  /** Why this value is not the one in effect, in words. */
  reason: string;
}

/** One environment variable as Claude Code's process sees it. */
export interface ResolvedVar {
  /** The variable's name, as written (`ANTHROPIC_BASE_URL`). */
  name: string;
  /** The value that wins. */
  value: string;
  /** Where the winning value was set. */
  source: SourceRef;
  /** Lower-precedence (or not applied) values of the same variable, highest first. */
  overridden: OverriddenValue[];
  /** True for credentials; printers mask these unless told to show secrets. */
  secret: boolean;
}

/** One top-level settings key in the merged settings, with where it came from. */
export interface ResolvedSetting {
  /** The settings key (`model`, `apiKeyHelper`, …). */
  key: string;
  /** The effective value after merging every scope. */
  value: unknown;
  /** The highest source that set the key (for merged lists and objects: the highest contributor). */
  source: SourceRef;
  /** Every source that set the key, highest first (including the winner). */
  contributors: {
    /** The value this source set. */
    value: unknown;
    /** Where it was set. */
    source: SourceRef;
  }[];
  /** How the key's values were combined (`stricter-wins`: a key where a stricter lower value beats precedence, docs/behavior.md#stricter-wins). */
  merge: 'replace' | 'concat' | 'deep' | 'managed-as-is' | 'stricter-wins';
}

/** One source Claude Code consulted. */
export interface SourceInfo {
  /** Which file this is: a settings scope, or `global-config` for `~/.claude.json`. */
  scope: SettingsScope | 'global-config';
  /** For the managed tier: the channel it was read from (`plist`, `file`, `drop-in`, …). */
  origin?: ManagedChannel;
  /** Absolute path of the file read, when the source is a file. */
  path?: string;
  /** Whether the source was loaded, missing, invalid, ignored, pending trust or excluded. */
  status: SourceStatus;
  /** Why it has this status, in words. */
  reason?: string;
  /** The parsed object, when it parsed. */
  settings?: Record<string, unknown>;
}

/** How serious a diagnostic is: `error` (Claude Code will not behave as configured), `warning` or `info`. */
export type Severity = 'error' | 'warning' | 'info';

/** A finding. Codes and their arguments are stable; messages are for people and may change. */
export interface Diagnostic {
  /** Stable machine-readable code; see the README's diagnostic table. */
  code: DiagnosticCode;
  /** How serious it is. */
  severity: Severity;
  /** One sentence saying what is wrong, in plain words, rendered from `args` by the catalogue. */
  message: string;
  /**
   * What the message was rendered from (names, values fit to show, counts), by the code's entry in
   * `DiagnosticArgsMap`; set on every diagnostic this library emits. Narrow with `isDiagnostic(d, code)`.
   */
  args?: Readonly<Record<string, DiagnosticArg>>;
  /** The scope of the file the diagnostic is about, when there is one. */
  scope?: Scope | 'global-config';
  /** Absolute path of the file the diagnostic is about, when there is one. */
  path?: string;
  /** 1-based, as editors show it. */
  line?: number;
  /** 1-based, as editors show it. */
  column?: number;
  /** What to do about it. */
  fix?: string;
  /** The fix as an edit the writers can apply (`writeSettings({ scope, ops })`), where there is one. */
  fixEdit?: {
    /** The settings file to edit. */
    scope: 'user' | 'project' | 'local' | 'managed' | 'cli';
    /** The edits to make, in order. */
    ops: (
      | {
          /** Set the value at `path`. */
          op: 'set';
          /** Where to set it: object keys and array indexes, outermost first. */
          path: (string | number)[];
          /** The value to set. */
          value: unknown;
        }
      | {
          /** Remove the value at `path`. */
          op: 'unset';
          /** What to remove. */
          path: (string | number)[];
        }
    )[];
  };
}

/** Every diagnostic code the resolver, the writers, the generators and the doctor emit: the keys of the catalogue (`DIAGNOSTIC_CATALOGUE`). */
export type DiagnosticCode = keyof DiagnosticArgsMap;

/** The doctor's codes (`diagnose`), each documented with its fix in docs/diagnostics.md. */
export type DoctorCode = Extract<DiagnosticCode, `doctor-${string}`>;

/**
 * The file-system interface every reader goes through. The Node implementation reads the disk;
 * `createMemoryFs` from `claude-gateway-config/testing` reads a plain object.
 */
export interface FileSystem {
  /** Reads a file as UTF-8 text. Rejects with an error whose `code` is `ENOENT`, `EISDIR`, `EACCES`, ... */
  readFile(path: string): Promise<string>;
  /** Describes a path (following symbolic links), or `undefined` when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  /** The entry names of a directory, or `undefined` when it does not exist or is not a directory. */
  readdir(path: string): Promise<string[] | undefined>;
  /**
   * Optional fast path: describes a path and, when it is a regular file no larger than `maxBytes`,
   * reads it. `likelyThere` says the path was just listed in its directory (or nearly always exists),
   * so an implementation may read first and describe only when that fails. Without this method the
   * resolver calls `stat` then `readFile`.
   */
  readIfFile?(path: string, maxBytes?: number, likelyThere?: boolean): Promise<FileRead>;
  /**
   * Optional: where a path this file system reads lives on the real disk (a rooted or redirected file
   * system maps it), for `watchEffectiveConfig` to watch. Without it, paths are taken as they are.
   */
  realPath?(path: string): string;
}

/** What {@link FileSystem.readIfFile} found: nothing, or an entry and, for a small enough file, its text. */
export type FileRead =
  | {
      /** Nothing is at the path. */
      stat: undefined;
    }
  | {
      /** What is at the path. */
      stat: FileStat;
      /** The file's text, when it is a file within the size bound. */
      text?: string;
    };

/** What a path points at, as far as the loader needs to know. */
export interface FileStat {
  /** `file`, `directory`, or `other` (socket, device, …). */
  kind: 'file' | 'directory' | 'other';
  /** Size in bytes. */
  size: number;
  /** Owner's user id on POSIX systems, when known. */
  uid?: number;
}

/** Managed policy that does not come from a plain file (docs/behavior.md#managed-sources). Each value is the parsed settings object. */
export interface ManagedInput {
  /** The server-managed payload (claude.ai admin settings or a Claude apps gateway). */
  remote?: Record<string, unknown>;
  /** The `com.anthropic.claudecode` managed preferences domain (macOS). */
  plist?: Record<string, unknown>;
  /** `HKLM\SOFTWARE\Policies\ClaudeCode` value `Settings`: the JSON text, or the parsed object. */
  hklm?: Record<string, unknown> | string;
  /** `HKCU\SOFTWARE\Policies\ClaudeCode` value `Settings`: the JSON text, or the parsed object. */
  hkcu?: Record<string, unknown> | string;
  /**
   * The `managedSettings` object the `policyHelper` printed (docs/behavior.md#managed-precedence), when the selected managed source
   * names one. It then becomes the only managed settings of the session. The resolver never runs the
   * helper itself.
   */
  policyHelperOutput?: Record<string, unknown>;
}

/** Options of {@link resolveEffectiveConfig}. Every field is optional; defaults come from the real machine. */
export interface ResolveOptions {
  /**
   * The directory Claude Code is started in.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * The user's home directory (`%USERPROFILE%` on Windows).
   * @default os.homedir()
   */
  homeDir?: string;
  /**
   * The operating system to model. Paths are computed with Windows rules for `win32`.
   * @default process.platform (anything else is treated as `linux`)
   */
  platform?: Platform;
  /**
   * Linux under WSL: reads `/etc/claude-code`, and the Windows chain when `wslInheritsWindowsSettings` is on (docs/behavior.md#managed-sources).
   * @default detected from /proc/version on Linux
   */
  wsl?: boolean;
  /**
   * Where WSL sees the Windows `C:` drive.
   * @default '/mnt/c'
   */
  wslWindowsDrive?: string;
  /**
   * The shell environment Claude Code is started with. Never mutated.
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /**
   * Where files are read from.
   * @default the real file system
   */
  fs?: FileSystem;
  /** The `--settings` value: a path to a JSON file or an inline JSON object. */
  settingsFlag?: string;
  /**
   * The `--setting-sources` list. Managed policy and `--settings` always load.
   * @default ['user', 'project', 'local']
   */
  settingSources?: readonly SelectableScope[];
  /**
   * A `claude --bare` session (docs/behavior.md#command-line): `apiKeyHelper` is read only from `--settings`, and neither
   * `CLAUDE_CODE_OAUTH_TOKEN` nor a saved `/login` (OAuth, the keychain) is used.
   * @default false
   */
  bare?: boolean;
  /**
   * Managed policy that is not a plain file. Channels given here are used as they are; the others
   * are read from the machine when `readOsPolicy` is on.
   */
  managed?: ManagedInput;
  /**
   * Read the macOS managed preferences (`plutil`) or the Windows registry (`reg query`; under WSL,
   * `<wslWindowsDrive>/Windows/System32/reg.exe`) for the channels `managed` does not give.
   * @default true when resolving the real machine (no `fs`, `platform` the running OS), else false
   */
  readOsPolicy?: boolean;
  /**
   * Whether the session is interactive. Non-interactive (`-p`, SDK) sessions apply project and local `env`
   * and `apiKeyHelper` without workspace trust (docs/behavior.md#trust-gating).
   * @default true
   */
  interactive?: boolean;
  /**
   * Whether the workspace is trusted.
   * @default read `projects[<root>].hasTrustDialogAccepted` from `~/.claude.json`
   */
  trusted?: boolean;
  /**
   * The Claude Code version to model; every dated rule is gated on it.
   * @default the newest version this library models ({@link LATEST_MODELLED_VERSION})
   */
  claudeCodeVersion?: string;
  /**
   * The current user id, for the ownership exception of the local settings file (docs/behavior.md#local-settings-file).
   * When set, a git root (or its `.git`/`.claude` entry) owned by someone else keeps the local file in the start directory.
   * @default process.getuid() on POSIX with the real file system; undefined otherwise
   */
  uid?: number;
  /**
   * The session's `--model` flag (`claude --model <name>`): a model id or an alias (`sonnet`,
   * `opus[1m]`, ...). It comes before ANTHROPIC_MODEL and the `model` setting from every scope, managed
   * included; `'default'` asks for Claude Code's default model. See {@link EffectiveConfig.model}.
   * @default no flag
   */
  model?: string;
}

/** How the credential Claude Code sends is obtained, for provider sessions. */
export type CredentialMechanism =
  | 'sigv4'
  | 'bedrock-api-key'
  | 'google-adc'
  | 'azure-default-chain'
  | 'foundry-api-key'
  | 'foundry-auth-token'
  | 'aws-api-key'
  | 'skipped'
  /** Auth skipped: ANTHROPIC_AUTH_TOKEN goes to the gateway. */
  | 'gateway-token'
  /** Auth skipped: the apiKeyHelper's output goes to the gateway. */
  | 'gateway-helper'
  /** Auth skipped: ANTHROPIC_API_KEY goes to the gateway (Vertex). */
  | 'gateway-api-key';

/** Set when managed `forceLoginMethod`/`forceLoginOrgUUID` blocks a credential (docs/behavior.md#force-login-and-providers). */
export interface CredentialBlock {
  /** Why the credential is blocked, in one sentence. */
  reason: string;
  /** The managed setting that blocks it. */
  key: 'forceLoginMethod' | 'forceLoginOrgUUID';
}

/**
 * What every credential has. `variable`, `source` and `blocked` can be read on any credential (they
 * are `undefined` on the kinds that never have them); the fields of one kind (`mechanism`,
 * `approval`) exist only once `kind` is narrowed.
 */
interface CredentialBase {
  /** The lowercase header names it is sent in on inference. */
  headers: string[];
  /**
   * Other credentials present but sent in no header, highest first. A credential sent in the other
   * header (ANTHROPIC_API_KEY beside ANTHROPIC_AUTH_TOKEN, a helper beside one of them) is not
   * outranked: see {@link EffectiveConfig.credentialHeaders}.
   */
  outranked: OutrankedCredential[];
}

/** `ANTHROPIC_AUTH_TOKEN`, sent as `authorization: Bearer`. */
export interface AuthTokenCredential extends CredentialBase {
  /** Always `auth-token`: `ANTHROPIC_AUTH_TOKEN`, sent as `Authorization: Bearer`. */
  kind: 'auth-token';
  /** The variable holding it. */
  variable: string;
  /** Where that variable came from. */
  source: SourceRef;
  /** Set when a managed login rule keeps Claude Code from using this credential. */
  blocked?: CredentialBlock;
}

/** `ANTHROPIC_API_KEY`, sent as `x-api-key`. */
export interface ApiKeyCredential extends CredentialBase {
  /** Always `api-key`: `ANTHROPIC_API_KEY`, sent as `x-api-key`. */
  kind: 'api-key';
  /** The variable holding it. */
  variable: string;
  /** Where that variable came from. */
  source: SourceRef;
  /**
   * In interactive sessions: the one-time approval state (`~/.claude.json`
   * `customApiKeyResponses`, an undocumented format). Absent in non-interactive sessions.
   */
  approval?: 'approved' | 'pending';
  /** Set when a managed login rule keeps Claude Code from using this credential. */
  blocked?: CredentialBlock;
}

/** The `apiKeyHelper` setting's output. */
export interface ApiKeyHelperCredential extends CredentialBase {
  /** Always `api-key-helper`: the `apiKeyHelper` command's output. */
  kind: 'api-key-helper';
  /** Always `apiKeyHelper`, the setting's name. */
  variable: 'apiKeyHelper';
  /** Where the setting came from. */
  source: SourceRef;
  /** Set when a managed login rule keeps Claude Code from using this credential. */
  blocked?: CredentialBlock;
}

/** `CLAUDE_CODE_OAUTH_TOKEN` (`oauth-token`) or a profile (`ANTHROPIC_PROFILE`, or the federation variables) (`profile`). */
export interface AccountTokenCredential extends CredentialBase {
  /** `oauth-token` (`CLAUDE_CODE_OAUTH_TOKEN`) or `profile` (a named profile). */
  kind: 'oauth-token' | 'profile';
  /** The variable holding it. */
  variable: string;
  /** Where that variable came from. */
  source: SourceRef;
  /** Never blocked. */
  blocked?: undefined;
}

/** The saved `/login` session. */
export interface LoginCredential extends CredentialBase {
  /** Always `login`: the account login stored by `claude /login`. */
  kind: 'login';
  /** No variable: the login is not configured by one. */
  variable?: undefined;
  /** No source: the login is not configured in a file read here. */
  source?: undefined;
  /** Never blocked. */
  blocked?: undefined;
}

/** No credential at all (no header is sent). */
export interface NoCredential extends CredentialBase {
  /** Always `none`: no credential is configured. */
  kind: 'none';
  /** No variable. */
  variable?: undefined;
  /** No source. */
  source?: undefined;
  /** Never blocked. */
  blocked?: undefined;
}

/** The provider mechanisms that read no variable: the provider's own signature or token chain, or auth skipped with nothing to send. */
export type KeylessCredentialMechanism = 'sigv4' | 'google-adc' | 'azure-default-chain' | 'skipped';

/** A cloud provider session's credential obtained without a variable (SigV4, Google ADC, the Azure chain), or auth skipped with nothing sent. */
export interface KeylessProviderCredential extends CredentialBase {
  /** Always `provider`: a cloud provider's own credential chain. */
  kind: 'provider';
  /** How the provider credential is obtained. */
  mechanism: KeylessCredentialMechanism;
  /** No variable: the provider's chain finds the credential itself. */
  variable?: undefined;
  /** No source. */
  source?: undefined;
  /** Set when a managed login rule keeps Claude Code from using this credential. */
  blocked?: CredentialBlock;
}

/** A cloud provider session's credential read from a variable: the provider's key or, through a gateway, the plain credential sent instead. */
export interface KeyedProviderCredential extends CredentialBase {
  /** Always `provider`: a cloud provider credential set in a variable. */
  kind: 'provider';
  /** How the provider credential is obtained. */
  mechanism: Exclude<CredentialMechanism, KeylessCredentialMechanism>;
  /** The variable holding it (`apiKeyHelper` for the helper's output). */
  variable: string;
  /** Where that variable or the helper setting came from. */
  source: SourceRef;
  /** Set when a managed login rule keeps Claude Code from using this credential. */
  blocked?: CredentialBlock;
}

/** A cloud provider session's credential, narrowed further by `mechanism`. */
export type ProviderCredential = KeylessProviderCredential | KeyedProviderCredential;

/**
 * The credential Claude Code sends on inference (docs/behavior.md#credential-order, docs/behavior.md#credential-headers), discriminated by `kind`: narrow it
 * (`if (c.kind === 'provider') c.mechanism`, `if (c.kind === 'api-key') c.approval`).
 */
export type Credential =
  AuthTokenCredential | ApiKeyCredential | ApiKeyHelperCredential | AccountTokenCredential | LoginCredential | NoCredential | ProviderCredential;

/** A credential Claude Code could have put in a header but did not. */
export interface OutrankedCredential {
  /** Which kind of credential lost. */
  kind: CredentialKind;
  /** The variable or setting that held it, when there is one. */
  variable?: string;
  /** Where it was set, when known. */
  source?: SourceRef;
}

/**
 * What one credential header carries on inference, and from where. Claude Code fills
 * `authorization` and `x-api-key` independently (recorded from the binary, vectors
 * `cred-token-and-key-shell`, `cred-helper-user-key-shell`, `cred-helper-user-token-shell`,
 * `cred-helper-token-key`): `x-api-key` carries ANTHROPIC_API_KEY, else the apiKeyHelper output;
 * `authorization: Bearer` carries ANTHROPIC_AUTH_TOKEN, else the apiKeyHelper output; with neither
 * variable nor helper, `authorization` carries CLAUDE_CODE_OAUTH_TOKEN, a profile or the saved login.
 * Values are never held here: `variable` names where the value is (`apiKeyHelper` for the helper).
 */
export interface CredentialHeader {
  /** The lowercase header name. */
  header: 'authorization' | 'x-api-key';
  /** What fills it. */
  kind: CredentialKind;
  /** The variable holding the value (`ANTHROPIC_AUTH_TOKEN`, ...), or `apiKeyHelper` for the helper's output. */
  variable?: string;
  /** Where that variable or the helper setting came from. */
  source?: SourceRef;
  /** For provider sessions: how the provider credential is obtained. */
  mechanism?: CredentialMechanism;
  /** For `api-key` in interactive sessions: the one-time approval state (see {@link ApiKeyCredential.approval}). */
  approval?: 'approved' | 'pending';
  /** Other credentials present that this header could have carried, highest first (one may still fill the other header). */
  outranked: OutrankedCredential[];
}

/** The `apiKeyHelper` setting in effect: the command Claude Code runs for a key. */
export interface ApiKeyHelperInfo {
  /** The shell command, as written in settings. */
  command: string;
  /** Where the setting was found. */
  source: SourceRef;
  /** Refresh interval: `CLAUDE_CODE_API_KEY_HELPER_TTL_MS`, default 300000 (docs/behavior.md#api-key-helper). */
  ttlMs: number;
}

/** One header from `ANTHROPIC_CUSTOM_HEADERS`, sent with every request. */
export interface CustomHeader {
  /** Header name. */
  name: string;
  /** Header value (a secret when the name says so; printers mask it). */
  value: string;
}

/** Why model discovery is on or off: on when `enabled` or `automatic`; every other value names what turned it off. See docs/behavior.md#model-discovery. */
export type ModelDiscoveryReason =
  | 'enabled'
  | 'automatic'
  | 'not-opted-in'
  | 'no-base-url'
  | 'invalid-base-url'
  | 'first-party-host'
  | 'provider-selected'
  | 'nonessential-traffic-disabled'
  | 'unsupported-version';

interface ModelDiscoveryBase {
  /** The id filter this version applies: `contains` (2.1.223+) or `prefix`. */
  filter: 'contains' | 'prefix';
  /** The credential headers discovery sends (one, or both for a helper alone from 2.1.248). */
  headers: string[];
}

/** Claude Code queries the gateway's models: opted in (`enabled`), or by itself before the opt-in existed (`automatic`). */
export interface ModelDiscoveryOn extends ModelDiscoveryBase {
  /** Always `true`. */
  enabled: true;
  /** `enabled` (opted in) or `automatic` (on without opting in). */
  reason: 'enabled' | 'automatic';
}

/** Claude Code does not query the gateway's models, and why. */
export interface ModelDiscoveryOff extends ModelDiscoveryBase {
  /** Always `false`. */
  enabled: false;
  /** What turned discovery off. */
  reason: Exclude<ModelDiscoveryReason, ModelDiscoveryOn['reason']>;
}

/** Whether Claude Code queries the gateway's `/v1/models` at startup (docs/behavior.md#model-discovery), discriminated by `enabled`. */
export type ModelDiscovery = ModelDiscoveryOn | ModelDiscoveryOff;

/** A setting or variable withheld until the workspace is trusted (docs/behavior.md#trust-gating). */
export interface PendingTrustValue {
  /** `env` for a variable, `apiKeyHelper` for the helper command. */
  kind: 'env' | 'apiKeyHelper';
  /** Variable name, or `apiKeyHelper`. */
  name: string;
  /** The value that applies only after the folder is trusted. */
  value: string;
  /** Where it was set. */
  source: SourceRef;
}

/** What Claude Code will do, with where each value came from. */
export interface EffectiveConfig {
  /** Every variable Claude Code's process sees from the shell and the settings `env` blocks. */
  env: Record<string, ResolvedVar>;
  /** The merged settings object (all keys, modelled or not). */
  settings: Record<string, unknown>;
  /** Per top-level settings key: the winner and every contributor. */
  keys: Record<string, ResolvedSetting>;
  /** Each source consulted, in precedence order (highest first). */
  sources: SourceInfo[];
  /** The `/status` label of the managed source used, if any. */
  managedOrigin?: ManagedOrigin;
  /** The provider in use. */
  provider: Provider;
  /** Every provider switched on, in Claude Code's order (Bedrock and Mantle can be on together). */
  providers: Provider[];
  /** The `/status` "API provider" wording. */
  providerLabel: string;
  /** The endpoint variable in use, if one is set. */
  baseUrl?: ResolvedVar;
  /**
   * The primary credential: the highest of ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, apiKeyHelper,
   * CLAUDE_CODE_OAUTH_TOKEN, a profile and the saved login (or the provider's). Claude Code may send
   * a second one in the other header: {@link EffectiveConfig.credentialHeaders} says what each carries.
   */
  credential: Credential;
  /**
   * Each credential header Claude Code sends on inference, in the order `authorization`, `x-api-key`,
   * with what fills it and from where (empty when none is sent). Both are sent when both apply: for
   * example ANTHROPIC_AUTH_TOKEN in `authorization` and ANTHROPIC_API_KEY in `x-api-key`, or the
   * apiKeyHelper output in whichever header its variable leaves empty. When `credential.blocked`
   * is set Claude Code stops before sending either.
   */
  credentialHeaders: CredentialHeader[];
  /** The `apiKeyHelper` in effect, when one is set. */
  apiKeyHelper?: ApiKeyHelperInfo;
  /** Headers from `ANTHROPIC_CUSTOM_HEADERS`, in order. */
  customHeaders: CustomHeader[];
  /** Whether Claude Code will ask the gateway for its model list, and why. */
  modelDiscovery: ModelDiscovery;
  /** The model Claude Code requests (the request body's `model`), which source chose it and what resolved its alias. */
  model: SessionModel;
  /**
   * Present when Claude Code would stop before sending any request (a `--settings` it cannot use, a
   * managed file it cannot parse from 2.1.259, no credential in `claude -p`: see `STARTUP_REFUSALS`):
   * why, and the file.
   */
  startup?: {
    /** Always `true`. */
    refused: true;
    /** Why Claude Code would stop, in one sentence. */
    reason: string;
    /** The file it would stop on, when one is to blame. */
    path?: string;
    /** What Claude Code prints when it stops. */
    printed: string;
  };
  /** Values from project and local files waiting for workspace trust. */
  pendingTrust: PendingTrustValue[];
  /** Whether the workspace counts as trusted, and why. */
  trust: {
    /** True when the workspace counts as trusted. */
    trusted: boolean;
    /** True when the session is interactive (trust matters only there). */
    interactive: boolean;
    /** The `projects` entry of `~/.claude.json` that holds the trust, when one does. */
    key?: string;
    /** Why, in one sentence. */
    reason: string;
  };
  /** The Claude Code version modelled. */
  claudeCodeVersion: string;
  /** Present (true) for a `claude --bare` session (`options.bare`). */
  bare?: true;
  /** The git root the local settings file was looked up from, if any. */
  gitRoot?: string;
  /** Everything found wrong or worth knowing, most serious first. */
  diagnostics: Diagnostic[];
}

/** The alias families Claude Code maps to a model of its own (`best` and `opusplan` take one of them). */
export type ModelAliasFamily = 'sonnet' | 'opus' | 'haiku' | 'fable';

/**
 * What chose the session model, highest first: the `--model` flag (`ResolveOptions.model`),
 * ANTHROPIC_MODEL, the `model` setting, ANTHROPIC_DEFAULT_MODEL, else Claude Code's built-in default.
 */
export type ModelChoice = 'flag' | 'ANTHROPIC_MODEL' | 'setting' | 'ANTHROPIC_DEFAULT_MODEL' | 'default';

/**
 * The session model as Claude Code resolves it (recorded from the binary: the `model-*` vectors,
 * docs/behavior.md#session-model).
 */
export interface SessionModel {
  /**
   * The model id in the request body's `model` on the Anthropic API and ANTHROPIC_BASE_URL gateways
   * (a `[1m]` suffix is not sent). Cloud providers ask for the same model by their own id (`notes`).
   */
  id: string;
  /** Which source chose it. */
  chosenBy: ModelChoice;
  /** Where the variable or setting that chose it came from (absent for the flag and the built-in default). */
  source?: SourceRef;
  /** The value as written (`sonnet[1m]`, `claude-sonnet-4-6`); absent for the built-in default. */
  requested?: string;
  /**
   * Set when the value is an alias, or for the built-in default (the `opus` family, `sonnet` for Foundry and a
   * CLAUDE_CODE_OAUTH_TOKEN session): the alias as read
   * (lowercase, no `[1m]`; `default` for the built-in default), the family whose target it takes, and
   * what gave the id: `ANTHROPIC_DEFAULT_<FAMILY>_MODEL` with its source, else Claude Code's built-in
   * target for the version (`since`: the first version that sends it).
   */
  alias?: {
    /** The alias as written (`opus`, `sonnet[1m]`, …). */
    name: string;
    /** The model family it names. */
    family: ModelAliasFamily;
    /** What gave the alias its model: a variable, or Claude Code's built-in table. */
    resolvedBy:
      | {
          /** Resolved by a variable. */
          kind: 'variable';
          /** The variable (`ANTHROPIC_DEFAULT_OPUS_MODEL`, …). */
          variable: string;
          /** Where it was set. */
          source: SourceRef;
        }
      | {
          /** Resolved by Claude Code's built-in table. */
          kind: 'built-in';
          /** The Claude Code version whose table was used. */
          version: string;
          /** The version from which the alias means this model. */
          since: string;
          /** Set when the provider's own target was used (Bedrock's `sonnet` is Sonnet 4.5), not the first-party one. */
          provider?: Provider;
        };
  };
  /** The value ended in `[1m]`: the 1M-token context window is asked for. */
  context1m?: true;
  /** The lower choices that were set and not used, highest first. */
  overridden: {
    /** What chose the losing model. */
    chosenBy: ModelChoice;
    /** The losing model name. */
    value: string;
    /** Where it was set, when in a file or the environment. */
    source?: SourceRef;
    /** Why it lost, in one sentence. */
    reason: string;
  }[];
  /**
   * What the request carries: the provider's own id for the model and where it goes
   * (docs/behavior.md#provider-model-ids). On the Anthropic API and gateways it is `id`.
   */
  sent: SentModel;
  /** What the model could not say for certain (plan mode, an unrecorded version, the AWS profile's region). */
  notes: string[];
}

/**
 * The model id as the provider's request carries it (docs/behavior.md#provider-model-ids): Claude Code
 * names a model its catalog knows by the provider's own id (`us.anthropic.claude-opus-5-5` on Bedrock,
 * `claude-sonnet-4-5@20250929` on Vertex, `anthropic.claude-opus-5-5` on Mantle), and sends any other
 * name as it was written.
 */
export interface SentModel {
  /** The id as sent (not URL-encoded). */
  id: string;
  /** `body`: the request body's `model`; `path`: Bedrock's `/model/<id>/invoke…` or Vertex's `…/models/<id>:streamRawPredict`. */
  in: 'body' | 'path';
  /**
   * `catalog`: the provider's id from Claude Code's catalog (an alias's target, the built-in default, or
   * an Anthropic API id the catalog knows on Bedrock, Vertex and Mantle); `override`: the `modelOverrides`
   * setting's value for the model (every provider, the Anthropic API included); `as-written`: sent as chosen.
   */
  naming: 'catalog' | 'override' | 'as-written';
  /** `override`: the `modelOverrides` key used (the model's Anthropic API id) and the settings file that set its value. */
  override?: {
    /** The key (`claude-opus-4-6`). */
    key: string;
    /** The settings file whose value won. */
    source: SourceRef;
  };
  /** The catalog model (`claude-sonnet-4-5`), when `naming` is `catalog`. */
  catalogModel?: string;
  /**
   * Bedrock, a catalog id: the cross-region inference profile prefix (`us`, `eu`, `apac`, `us-gov`,
   * `global`, …) put in front of it, and what chose it: ANTHROPIC_BEDROCK_REGION_PREFIX, or the AWS
   * region (`govcloud`: a us-gov-* region, where the variable is ignored).
   */
  regionPrefix?: {
    /** The prefix. */
    prefix: string;
    /** What chose it. */
    from: 'ANTHROPIC_BEDROCK_REGION_PREFIX' | 'region' | 'govcloud';
    /** The AWS region as Claude Code resolves it. */
    region: string;
    /** Where the region came from (`default`: no variable; Claude Code would take the AWS profile's region, else us-east-1). */
    regionFrom: 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';
  };
  /** Vertex: the location in the request path, and the variable that set it (`default`: us-east5). */
  vertexLocation?: {
    /** The location (`us-east5`, `global`, `europe-west1`). */
    region: string;
    /** `CLOUD_ML_REGION`, the model's own `VERTEX_REGION_CLAUDE_*` variable, or `default`. */
    from: string;
  };
}

/** Who decided a variable's value, and why, in plain words. */
export interface Explanation {
  /** The variable or setting name asked about. */
  name: string;
  /** `env` for a variable, `setting` for a settings key, `unknown` when neither is recognised. */
  kind: 'env' | 'setting' | 'unknown';
  /** The value in effect, masked when secret unless `showSecrets`. */
  value?: string | undefined;
  /** Where the winning value was set, when it is set. */
  source?: SourceRef;
  /** The values that lost, highest first. */
  overridden: {
    /** The value that lost. */
    value: string;
    /** Where it was set. */
    source: SourceRef;
    /** Why it lost, in one sentence. */
    reason: string;
  }[];
  /** The rule that decided, in words. */
  rule: string;
  /** The whole explanation as lines of text. */
  text: string;
}

/** A gateway credential to generate configuration for. */
export type CredentialInput =
  | {
      /** Sent as `Authorization: Bearer` (`ANTHROPIC_AUTH_TOKEN`). */
      kind: 'auth-token';
      /** The token. */
      value: string;
    }
  | {
      /** Sent as `x-api-key` (`ANTHROPIC_API_KEY`). */
      kind: 'api-key';
      /** The key. */
      value: string;
    }
  | {
      /** Run a command that prints the credential (`apiKeyHelper`). */
      kind: 'api-key-helper';
      /** The shell command Claude Code runs (`/bin/sh` on POSIX, `cmd` on Windows). */
      command: string;
      /** `CLAUDE_CODE_API_KEY_HELPER_TTL_MS`: how long Claude Code reuses the helper's output. */
      ttlMs?: number;
    };

/** What a generator produces and every renderer takes. */
export interface GeneratedConfig {
  /** Variables to set (settings `env`, the shell, CI, the SDK). */
  env: Record<string, string>;
  /** Settings keys other than `env` (for example `apiKeyHelper`). */
  settings: Record<string, unknown>;
  /** Variables that must be absent for the configuration to work as meant (a stale credential, another provider's switch). */
  unset: string[];
  /** Which provider the configuration selects. */
  provider: Provider;
  /** The credential's variable, when it is one (for renderers that pass secrets by reference). */
  credentialVariable?: string;
  /** What was found while generating (insecure URL, values that cannot be expressed, …). */
  diagnostics: Diagnostic[];
}

/** Options for `gatewayConfig()`: a gateway's base URL, its credential and optional extras. */
export interface GatewayOptions {
  /** The gateway's Anthropic-Messages base URL, without `/v1` (Claude Code appends `/v1/messages`). */
  baseUrl: string;
  /** How Claude Code authenticates to the gateway: a token, an API key or a helper command. */
  credential?: CredentialInput;
  /** Extra headers (`ANTHROPIC_CUSTOM_HEADERS`), such as a tenant or routing header. */
  customHeaders?: Record<string, string>;
  /** `CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1`: the gateway serves `GET /v1/models` (docs/behavior.md#model-discovery). */
  modelDiscovery?: boolean;
  /** `CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1`: the upstream is Bedrock or Vertex and rejects betas (docs/behavior.md#rollout). */
  disableExperimentalBetas?: boolean;
  /** Keep fast mode working behind the gateway (docs/behavior.md#fast-mode): both skips with `true`. */
  fastMode?:
    | boolean
    | {
        /** Set `CLAUDE_CODE_SKIP_FAST_MODE_NETWORK_ERRORS=1`. */
        skipNetworkErrors?: boolean;
        /** Set `CLAUDE_CODE_SKIP_FAST_MODE_ORG_CHECK=1`. */
        skipOrgCheck?: boolean;
      };
  /** Model names the gateway routes, when they differ from Claude Code's. */
  models?: {
    /** `ANTHROPIC_MODEL`: the session's model. */
    model?: string;
    /** `ANTHROPIC_DEFAULT_OPUS_MODEL`: what the `opus` alias means. */
    opus?: string;
    /** `ANTHROPIC_DEFAULT_SONNET_MODEL`: what the `sonnet` alias means. */
    sonnet?: string;
    /** `ANTHROPIC_DEFAULT_HAIKU_MODEL`: what the `haiku` alias means. */
    haiku?: string;
    /** `ANTHROPIC_DEFAULT_FABLE_MODEL`: what the `fable` alias means. */
    fable?: string;
    /** `CLAUDE_CODE_SUBAGENT_MODEL`: the model subagents use. */
    subagent?: string;
  };
  /** The Claude Code version the configuration is for. @default the newest modelled */
  claudeCodeVersion?: string;
}

/** Options of `providerConfig` (docs/behavior.md#providers). Through a gateway when `gatewayUrl` is set, direct otherwise. */
export interface ProviderOptions {
  /** Route through a gateway: the provider's base-URL variable plus skip-auth. */
  gatewayUrl?: string;
  /** A token the gateway itself wants (`ANTHROPIC_AUTH_TOKEN`; never for Foundry). */
  gatewayToken?: string;
  /** AWS region (Bedrock, Mantle, Claude Platform on AWS); optional from 2.1.172 (docs/behavior.md#aws-region). */
  region?: string;
  /** AWS profile. */
  awsProfile?: string;
  /** Bedrock API key (`AWS_BEARER_TOKEN_BEDROCK`). */
  bedrockApiKey?: string;
  /** Google Cloud project (Vertex; required). */
  projectId?: string;
  /** Foundry resource name (direct, when there is no base URL). */
  resource?: string;
  /** Foundry key (`ANTHROPIC_FOUNDRY_API_KEY`, sent as x-api-key). */
  foundryApiKey?: string;
  /** Foundry bearer token (`ANTHROPIC_FOUNDRY_AUTH_TOKEN`, 2.1.203+). */
  foundryAuthToken?: string;
  /** Claude Platform on AWS workspace (required). */
  workspaceId?: string;
  /** Claude Platform on AWS workspace key (`ANTHROPIC_AWS_API_KEY`). */
  awsApiKey?: string;
  /** The Claude Code version to generate for. @default the newest verified version */
  claudeCodeVersion?: string;
}

/** The cloud providers `providerConfig` configures: every {@link Provider} but the Anthropic API. */
export type CloudProvider = Exclude<Provider, 'anthropic'>;

/** The fields of {@link ProviderOptions} that a form of a provider's options does not take: each may only be left out. */
export type NotInThisForm<K extends keyof ProviderOptions> = {
  /** Not used in this form. */
  [N in K]?: undefined;
};

/** A provider's options when it is reached directly: no gateway fields. */
export type DirectForm<K extends keyof ProviderOptions> = NotInThisForm<'gatewayUrl' | 'gatewayToken'> & Pick<ProviderOptions, K | 'claudeCodeVersion'>;

/** A provider's options when it is reached through a gateway: `gatewayUrl` set (and, but for Foundry, an optional `gatewayToken`). */
export type GatewayForm<K extends keyof ProviderOptions> = Required<Pick<ProviderOptions, 'gatewayUrl'>> & Pick<ProviderOptions, K | 'claudeCodeVersion'>;

/**
 * `providerConfig('bedrock', …)`: direct (SigV4 from the AWS chain, a profile, or a Bedrock API key),
 * or through a gateway (`gatewayUrl`, skip-auth). `region` is required before Claude Code 2.1.172,
 * which only the run-time check can know.
 */
export type BedrockOptions =
  DirectForm<'region' | 'awsProfile' | 'bedrockApiKey'> | (GatewayForm<'gatewayToken' | 'region'> & NotInThisForm<'awsProfile' | 'bedrockApiKey'>);

/** `providerConfig('mantle', …)`: direct (the AWS chain or a profile), or through a gateway. Claude Code 2.1.94+. */
export type MantleOptions = DirectForm<'region' | 'awsProfile'> | (GatewayForm<'gatewayToken' | 'region'> & NotInThisForm<'awsProfile'>);

/** `providerConfig('vertex', …)`: `projectId` is required, direct or through a gateway. */
export type VertexOptions = Required<Pick<ProviderOptions, 'projectId'>> & (DirectForm<'region'> | GatewayForm<'gatewayToken' | 'region'>);

/**
 * `providerConfig('foundry', …)`: direct needs `resource`, a gateway needs `gatewayUrl`. A Foundry
 * gateway takes its credential in `foundryApiKey` or `foundryAuthToken`, never `gatewayToken`.
 */
export type FoundryOptions =
  | (Required<Pick<ProviderOptions, 'resource'>> &
      NotInThisForm<'gatewayUrl'> &
      Pick<ProviderOptions, 'foundryApiKey' | 'foundryAuthToken' | 'claudeCodeVersion'>)
  | (GatewayForm<'foundryApiKey' | 'foundryAuthToken'> & NotInThisForm<'resource'>);

/** `providerConfig('anthropic-aws', …)` (Claude Platform on AWS): `workspaceId` is required, direct or through a gateway. */
export type AnthropicAwsOptions = Required<Pick<ProviderOptions, 'workspaceId'>> &
  (DirectForm<'awsApiKey' | 'region'> | (GatewayForm<'gatewayToken' | 'region'> & NotInThisForm<'awsApiKey'>));

/** The options each cloud provider takes in `providerConfig`. */
export interface ProviderOptionsMap {
  /** Options for `providerConfig('bedrock')`. */
  bedrock: BedrockOptions;
  /** Options for `providerConfig('mantle')`. */
  mantle: MantleOptions;
  /** Options for `providerConfig('vertex')`. */
  vertex: VertexOptions;
  /** Options for `providerConfig('foundry')`. */
  foundry: FoundryOptions;
  /** Options for `providerConfig('anthropic-aws')`. */
  'anthropic-aws': AnthropicAwsOptions;
}

/**
 * The options argument of `providerConfig(provider, …)`: the provider's own options, optional only
 * where nothing is required (Bedrock, Mantle). For a provider known only at run time (a union type)
 * it is the loose {@link ProviderOptions}, checked at run time.
 */
export type ProviderConfigArgs<P extends CloudProvider> =
  // One provider when no member of P is left beside another (`{ [K in P]: Exclude<P, K> }[P]` is never).
  [{ [K in P]: Exclude<P, K> }[P]] extends [never]
    ? Record<never, never> extends ProviderOptionsMap[P]
      ? [options?: ProviderOptionsMap[P]]
      : [options: ProviderOptionsMap[P]]
    : [options?: ProviderOptions];

/** A location Claude Code reads (`sourceLocations`, `claude-gateway paths`). */
export interface SourceLocation {
  /** `user`, `project`, `local`, `local (leftover)`, `managed`, `managed drop-ins`, `global config`, `credentials`, `model cache`. */
  name: string;
  /** Absolute path of the source. */
  path: string;
  /** What it holds, or why it is where it is. */
  note: string;
}

/** One source Claude Code consulted, as a column of the layer matrix (`layerMatrix`, `renderReport`). */
export interface LayerColumn {
  /** The source's scope: a settings level, `shell` for the process environment, `global-config` for `~/.claude.json`. */
  scope: Scope | 'global-config';
  /** For the managed tier: the channel (`file`, `drop-in`, `plist`, …). */
  origin?: ManagedChannel;
  /** The file, when the source is one. */
  path?: string;
  /** What happened to the source (`environment` for the shell's). */
  status: SourceStatus | 'environment';
  /** Why it has this status, in words, when it is not simply loaded. */
  reason?: string;
  /** The source as a person reads it: `managed settings [drop-in]`, `user settings`, `the shell environment`. */
  label: string;
}

/**
 * What a source's value is to the row it sits in: the one in effect, one that lost to a higher
 * source or was not applied (with the rule in `reason`), one merged into the value in effect, or one
 * waiting for workspace trust.
 */
export type LayerCellState = 'winner' | 'overridden' | 'merged' | 'pending-trust';

/** One value a source sets for a row. */
export interface LayerCell {
  /** The column (index into {@link LayerMatrix.columns}). */
  column: number;
  /** The value as printed (masked unless secrets are shown; settings keys as JSON). */
  value: string;
  /** What the value is to the row. */
  state: LayerCellState;
  /** Why it is not the value in effect, or how it was merged, in one sentence. */
  reason?: string;
}

/** One variable or settings key across every source. */
export interface LayerRow {
  /** `env` for a variable, `setting` for a top-level settings key. */
  kind: 'env' | 'setting';
  /** The variable or key. */
  name: string;
  /** The value in effect (masked unless secrets are shown); absent when only pending values exist. */
  value?: string;
  /** The column of the value in effect, when one is. */
  winner?: number;
  /** The rule that decided, in words. */
  rule: string;
  /** True for a credential. */
  secret: boolean;
  /** The values each source sets, in column order. */
  cells: LayerCell[];
}

/** A diagnostic placed beside what it concerns. */
export interface LayerNote {
  /** The diagnostic (masked unless secrets are shown). */
  diagnostic: Diagnostic;
  /** The row it concerns (its variable or key), when it names one that is in the matrix. */
  row?: number;
  /** The column it concerns (its file), when it names one. */
  column?: number;
}

/**
 * Who sets what, and who wins: every gateway-relevant variable and settings key (rows) against every
 * source Claude Code consulted that is present (columns, highest precedence first, the shell last).
 */
export interface LayerMatrix {
  /** The sources with something to show, highest precedence first; the shell environment last. */
  columns: LayerColumn[];
  /** Sources consulted and not present (a missing file, the server-managed settings not read here, `~/.claude.json`). */
  consulted: LayerColumn[];
  /** Variables first (by name), then settings keys (by name). */
  rows: LayerRow[];
  /** Every diagnostic of the configuration, most serious first, with the row and column it concerns. */
  notes: LayerNote[];
}

/** Options for `layerMatrix` and `renderReport`. */
export interface LayerMatrixOptions {
  /** Show credential values as they are. @default false */
  showSecrets?: boolean;
  /** Every variable and settings key, not only the gateway-relevant ones. @default false */
  all?: boolean;
}

/** Options for `renderReport`. */
export interface ReportOptions extends LayerMatrixOptions {
  /** When the report was made, printed in its header (the library reads no clock). */
  generatedAt?: string;
  /** The folder the configuration was resolved for, printed in the title. */
  cwd?: string;
}

/** A settings file as `settingsSchema` reads it (`claude-gateway-config/schema`): the keys this library understands, and any other key. */
export interface SettingsObject {
  /** Variables for Claude Code and everything it starts. */
  env?: Record<string, string> | undefined;
  /** A shell command whose output is sent as the credential. */
  apiKeyHelper?: string | undefined;
  /** A command run when AWS credentials are expired or missing. */
  awsAuthRefresh?: string | undefined;
  /** A command that prints AWS credentials as JSON. */
  awsCredentialExport?: string | undefined;
  /** A command run when GCP credentials are expired or missing. */
  gcpAuthRefresh?: string | undefined;
  /** A command that prints OpenTelemetry headers as JSON. */
  otelHeadersHelper?: string | undefined;
  /** The model for new sessions. */
  model?: string | undefined;
  /** Models tried in order when the primary is unavailable (at most 3). */
  fallbackModel?: string[] | undefined;
  /** The models people may choose. */
  availableModels?: string[] | undefined;
  /** The only login allowed. */
  forceLoginMethod?: 'claudeai' | 'console' | 'gateway' | undefined;
  /** The organization (or organizations) a login must belong to. */
  forceLoginOrgUUID?: string | string[] | undefined;
  /** The gateway URL the /login gateway screen uses (managed settings only). */
  forceLoginGatewayUrl?: string | undefined;
  /** Under WSL, also read the Windows managed settings. */
  wslInheritsWindowsSettings?: boolean | undefined;
  /** How an embedding host's managed settings combine with the others. */
  parentSettingsBehavior?: 'first-wins' | 'merge' | undefined;
  /** A program that prints managed settings at startup. */
  policyHelper?:
    | {
        /** The absolute path of the program. */
        path: string;
        /** How long to wait for it, in milliseconds. */
        timeoutMs?: number | undefined;
        /** How often to run it again in the background (0: never; else at least 60000). */
        refreshIntervalMs?: number | undefined;
        /** Any other key, kept. */
        [key: string]: unknown;
      }
    | undefined;
  /** Any other key, kept as it is. */
  [key: string]: unknown;
}

/**
 * Whether a running Claude Code takes a change up (docs/behavior.md#live-changes): `live` (about 1.5 s
 * after the save), `restart` (only a new session sees it), `partial` (part of it now, the rest after a
 * restart), `poll` (when Claude Code next checks: policy every 30 minutes, server-managed hourly), or
 * `unverified` (not checked against Claude Code: restart to be sure).
 */
export interface Pickup {
  /** When the change takes effect in a session already running. */
  when: 'live' | 'restart' | 'partial' | 'poll' | 'unverified';
  /** Why, in one sentence. */
  reason: string;
  /** True when the rule was checked against the Claude Code binary (2.1.332); false when it is documented only or not known. */
  checked: boolean;
}

/** A tool whose gateway configuration `import` reads (besides shell start-up files): VS Code is the Claude Code extension's settings. */
export type ImportTool = 'claude-code-router' | 'cc-switch' | 'vscode';

/** A provider configured in the tool imported from. Its credential is there in full: mask it before showing it. */
export interface ImportedProvider {
  /** Its id in the tool (cc-switch's id; claude-code-router's name). */
  id: string;
  /** Its name, as the tool shows it. */
  name: string;
  /** The one the tool uses now (cc-switch's current provider; the provider of claude-code-router's `Router.default`). */
  active: boolean;
  /** Where requests go: the base URL Claude Code is given (cc-switch), or the upstream endpoint the router calls (claude-code-router). */
  endpoint?: string;
  /** The API format of `endpoint`: `anthropic` (Claude Code can call it), `openai` (only through a translating gateway), or unknown. */
  format?: 'anthropic' | 'openai';
  /** The models the tool lists for it. */
  models?: string[];
  /** The credential the tool keeps for it (a secret). */
  credential?: string;
  /** The credential is a `$VAR` reference the environment does not set (kept as written, as the tool keeps it). */
  credentialReference?: string;
}

/** What `importFrom…` read from a tool: its providers and the configuration the active one comes to. */
export interface ToolImport {
  /** The tool. */
  tool: ImportTool;
  /** The file (or database) read, as given. */
  file: string;
  /** How it is stored: `json` (the tool's JSON or JSON5 file) or `sqlite` (its database). */
  storage: 'json' | 'sqlite';
  /** Every provider found, in the tool's order. */
  providers: ImportedProvider[];
  /** The configuration for Claude Code (`env`, settings keys, variables to remove) and what could not be carried over (`diagnostics`). */
  config: GeneratedConfig;
  /**
   * Every secret read (provider credentials, the router's key, credential variables): for callers that
   * print anything the tool's files hold, to mask by where a value came from rather than by its name.
   */
  secrets: string[];
}
