/**
 * `claude-gateway-config/resolve`: reading, explaining, diagnosing and verifying, without the
 * writers and generators (and so without zod, yaml and the file-locking packages). It loads in a
 * fraction of the time of the main entry: for tools that resolve on every run (status lines, hooks,
 * prompts). Every name here is also exported by `claude-gateway-config`.
 * @module
 */
export { resolveEffectiveConfig } from './resolve-effective';
export { explain, describeSource } from './core/explain';
export { ConfigError } from './core/errors';
export type { ConfigErrorCode } from './core/errors';
export { LATEST_MODELLED_VERSION, VERSION_GATES, compareVersions, hasFeature } from './core/versions';
export { STARTUP_REFUSALS, startupRefusal } from './core/startup';
export type { VersionGate } from './core/versions';
export { formatDiagnostic, sortDiagnostics } from './core/diagnostics';
export { DIAGNOSTIC_CATALOGUE, diagnostic, diagnosticSeverity, isDiagnostic } from './core/catalogue';
export type { CatalogueEntry } from './core/catalogue/entry';
export type { DiagnosticOf, DiagnosticPlace } from './core/catalogue';
export { parseCustomHeaders, formatCustomHeaders, unsafeHeaderValueReason } from './core/headers';
export type { ParsedHeaders } from './core/headers';
export { MAX_SETTINGS_DEPTH, parseSettingsText } from './core/parse';
export type { ParsedSettings } from './core/parse';
export { CREDENTIAL_VARIABLES, isCredentialHeaderName, isSecretVariable, maskSecret, truth } from './core/variables';
export { createRedactor, maskValue, MIN_SECRET_LENGTH, REDACTED, redactConfig, redactSecrets, secretValuesOf, secretsInSettingsText } from './core/redact';
export type { Redactor } from './core/redact';
export type { Truth } from './core/variables';
export { PROVIDER_LABELS, PROVIDER_ORDER } from './core/provider';
export { MANAGED_DIRS, managedFileLocations } from './core/locations';
export type { ManagedFileLocation } from './core/locations';
export { createNodeFs, createRootedFs } from './node/fs';
export { watchEffectiveConfig } from './node/watch';
export type { ConfigChangeEvent, ConfigWatcher, WatchOptions } from './node/watch';
export { diffEffectiveConfig } from './core/config-diff';
export type { ChangedValue, ConfigChange, HeaderState, PickupContext, ValueChange } from './core/config-diff';
export type * from './core/types';
export { formatEffectiveConfig } from './core/format';
export type { FormatOptions } from './core/format';
export { diagnose } from './core/diagnose';
export type { DiagnoseFacts, DiagnoseOptions } from './core/diagnose';
export { explainError, ERROR_CODES } from './core/explain-error';
export type { ErrorExplanation, GatewayErrorCode } from './core/explain-error';
export { buildVerificationRequest, buildClaudeCodeRequest, buildMinimalRequest, claudeCodeBetas, classifyResponse, maskRequest } from './core/verify';
export type {
  Classified,
  StreamArrival,
  VerificationOptions,
  VerificationRequest,
  VerifyAnsweredOutcome,
  VerifyNetworkOutcome,
  VerifyOutcome,
} from './core/verify';
export { verifyGateway, discoverModels } from './node/http';
export type {
  DiscoverHttpFailure,
  DiscoverNoAnswer,
  DiscoverOptions,
  DiscoverResult,
  DiscoverSuccess,
  DiscoveredModel,
  VerifyGatewayOptions,
  VerifyHttpFailure,
  VerifyNoAnswer,
  VerifyReport,
  VerifySuccess,
} from './node/http';
export { checkDestination } from './core/destination';
export type { CarriedCredential, DestinationCheck, DestinationPurpose } from './core/destination';
export {
  runApiKeyHelper,
  validateHelperOutput,
  clearHelperCache,
  helperEnvironment,
  DEFAULT_HELPER_TIMEOUT_MS,
  HELPER_MAX_LENGTH,
  HELPER_PLACEHOLDER,
} from './node/helper';
export type { HelperFailure, HelperOutcome, HelperResult, HelperSuccess, RunHelperOptions } from './node/helper';
export { checkGitSafety } from './node/git';
export type { GitOptions, GitSafety } from './node/git';
export { findCommittedCredentials } from './node/committed-credentials';
export type { CommittedCredentialsOptions } from './node/committed-credentials';
export { BASELINE_FILE, credentialFingerprint, readCredentialBaseline, writeCredentialBaseline } from './node/credential-baseline';
export type { CredentialAllowance, CredentialBaseline } from './node/credential-baseline';
export { doctor, helperProgram } from './node/doctor';
export type { DoctorOptions, DoctorResult } from './node/doctor';
