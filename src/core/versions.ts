import { ConfigError } from './errors';
import type { Diagnostic } from './types';
import { diagnostic } from './catalogue';

/**
 * The newest Claude Code version whose behaviour this library models: the newest the recorded
 * conformance vectors were taken from (conformance/vectors). The default `claudeCodeVersion`.
 */
export const LATEST_MODELLED_VERSION = '2.1.332';

/** A warning when `version` is newer than the newest the vectors were recorded for. */
export function versionDiagnostics(version: string): Diagnostic[] {
  if (compareVersions(version, LATEST_MODELLED_VERSION) <= 0) return [];
  return [diagnostic('version-not-verified', { version, latest: LATEST_MODELLED_VERSION })];
}

/**
 * Every dated rule, with the first Claude Code version that has it. One table, so that the
 * README and the code cannot disagree. docs/versions.md lists them with what changed.
 */
export const VERSION_GATES = {
  /** Settings `env` overwrites the shell (before: the shell won). */
  settingsEnvBeatsShell: '2.0.1',
  /** Microsoft Foundry. */
  foundry: '2.0.45',
  /** Windows prefers C:\Program Files\ClaudeCode over C:\ProgramData\ClaudeCode. */
  windowsProgramFiles: '2.0.58',
  /** C:\ProgramData\ClaudeCode deprecated. */
  windowsProgramDataDeprecated: '2.1.2',
  /** macOS plist and Windows registry policy. */
  osPolicy: '2.1.51',
  /** C:\ProgramData\ClaudeCode no longer read. */
  windowsProgramDataRemoved: '2.1.75',
  /** managed-settings.d drop-ins. */
  dropIns: '2.1.83',
  /** Bedrock Mantle. */
  mantle: '2.1.94',
  /** wslInheritsWindowsSettings. */
  wslInherits: '2.1.118',
  /** the model _NAME and _DESCRIPTION variables are honoured behind gateways. */
  modelNamesBehindGateway: '2.1.118',
  /** gateway model discovery, automatic in 2.1.126-2.1.128. */
  discoveryAutomatic: '2.1.126',
  /** gateway model discovery becomes opt-in. */
  discoveryOptIn: '2.1.129',
  /** Remote Control and voice unavailable while ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or apiKeyHelper is active. */
  credentialDisablesRemoteControl: '2.1.139',
  /** policyHelper in plist, HKLM or the managed file. */
  policyHelper: '2.1.136',
  /** managed forceLoginMethod/forceLoginOrgUUID block env and helper credentials. */
  forceLoginBlocks: '2.1.146',
  /** cloud-provider sessions no longer blocked by forceLogin*, unless an Anthropic credential (ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY, an apiKeyHelper) is configured beside the provider (verified against the binary). */
  forceLoginSparesProviders: '2.1.161',
  /** AWS_REGION optional (region from the AWS config files, then us-east-1). */
  awsRegionOptional: '2.1.172',
  /** Remote Control off when ANTHROPIC_BASE_URL is not api.anthropic.com. */
  baseUrlDisablesRemoteControl: '2.1.196',
  /** a failing apiKeyHelper is reported ("script is failing") within 3 attempts; before, a plain 401 after about 10 retries. */
  helperFailureSurfaced: '2.1.208',
  /** ANTHROPIC_FOUNDRY_AUTH_TOKEN. */
  foundryAuthToken: '2.1.203',
  /** CLAUDE_CODE_SKIP_FOUNDRY_AUTH usable without an API key. */
  foundrySkipAuthAlone: '2.1.203',
  /** the local settings file lives at the git root. */
  localAtGitRoot: '2.1.211',
  /** numeric variables accept scientific notation and `_` separators (`2e3`, `64_000`). */
  numericNotation: '2.1.211',
  /** the 2 MiB --settings size check. */
  settingsFlagSizeCheck: '2.1.214',
  /** managed env merged per variable across admin sources. */
  managedEnvMerge: '2.1.223',
  /** model discovery keeps ids that contain "claude" or "anthropic" (before: ids that start with them); docs/behavior.md#model-discovery. */
  discoveryContainsFilter: '2.1.223',
  /** CLAUDE_CODE_MESSAGING_SOCKET ignored from files. */
  ignoreMessagingSocket: '2.1.224',
  /** header-value safety check; strict apiKeyHelper output. */
  headerSafety: '2.1.227',
  /** CLAUDE_CODE_MESSAGING_TOKEN ignored from files. */
  ignoreMessagingToken: '2.1.228',
  /** CLAUDE_CODE_PROJECT_DIR_NAME ignored from files. */
  ignoreProjectDirName: '2.1.234',
  /**
   * An unparseable or non-object managed file or drop-in stops Claude Code before any request (before:
   * a warning, and that source contributed nothing). Seen in the binary: vectors managed-unparseable,
   * managed-dropin-unparseable, managed-dropin-array (docs/behavior.md).
   */
  managedUnparseableRefuses: '2.1.259',
  /** Model discovery: a helper-only request carries the helper output as x-api-key and as a bearer (vector discovery-helper-only). */
  discoveryHelperBothHeaders: '2.1.248',
  /**
   * Model discovery is sent whatever CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC says (vectors
   * discovery-enabled-nonessential-off, discovery-nonessential-zero).
   */
  discoveryIgnoresNonessential: '2.1.257',
  /**
   * Foundry with ANTHROPIC_FOUNDRY_API_KEY sends the key alone; until 2.1.252 ANTHROPIC_AUTH_TOKEN (else
   * the apiKeyHelper's output) went beside it as a bearer (vectors provider-foundry-key-and-plain-credentials,
   * provider-foundry-key-and-helper; 2.1.253-2.1.256 were not published).
   */
  foundryKeyAlone: '2.1.257',
  /**
   * A `--settings` file that does not exist is named in the refusal by its path resolved against the
   * start directory; before, as typed (vector settings-flag-inline-unparseable).
   */
  settingsFlagPathShownResolved: '2.1.284',
  /**
   * A managed `forceLoginMethod: "gateway"` that blocks a configured credential stops Claude Code with
   * "Administrator policy requires a Cloud gateway sign-in on this machine"; before, with the first-party
   * login message (vector managed-force-login-gateway; bisected).
   */
  forceLoginGatewayMessage: '2.1.261',
} as const;

/** The name of a dated rule in {@link VERSION_GATES}, for `hasFeature(version, gate)`. */
export type VersionGate = keyof typeof VERSION_GATES;

type Triple = readonly [number, number, number];

const VERSION_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/** Parses `X.Y.Z` (an optional leading `v` and a pre-release or build suffix are accepted). */
export function parseVersion(version: string): Triple {
  const m = VERSION_RE.exec(version.trim());
  if (!m) {
    throw new ConfigError('INVALID_VERSION', `claudeCodeVersion must look like 2.1.236, got ${JSON.stringify(version)}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const parsed = new Map<string, Triple>();

function cachedParse(version: string): Triple {
  let t = parsed.get(version);
  if (!t) {
    t = parseVersion(version);
    if (parsed.size < 256) parsed.set(version, t);
  }
  return t;
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = cachedParse(a);
  const y = cachedParse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `version` has the rule named `gate`. */
export function hasFeature(version: string, gate: VersionGate): boolean {
  return compareVersions(version, VERSION_GATES[gate]) >= 0;
}
