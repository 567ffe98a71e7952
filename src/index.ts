/**
 * claude-gateway-config: resolve Claude Code's gateway, credential and provider configuration
 * exactly as Claude Code does, with the source of every value.
 * @module
 */
export { resolveEffectiveConfig } from './resolve-effective';
export { explain, describeSource } from './core/explain';
export { ConfigError } from './core/errors';
export type { ConfigErrorCode } from './core/errors';
export { LATEST_MODELLED_VERSION, VERSION_GATES, compareVersions, hasFeature } from './core/versions';
export type { VersionGate } from './core/versions';
export { formatDiagnostic, sortDiagnostics } from './core/diagnostics';
export { parseCustomHeaders, formatCustomHeaders, unsafeHeaderValueReason } from './core/headers';
export { parseSettingsText } from './core/parse';
export { CREDENTIAL_VARIABLES, isSecretVariable, maskSecret, truth } from './core/variables';
export type { Truth } from './core/variables';
export { PROVIDER_LABELS, PROVIDER_ORDER } from './core/provider';
export { MANAGED_DIRS, managedFileLocations } from './core/locations';
export { createNodeFs } from './node/fs';
export type * from './core/types';
export { formatEffectiveConfig } from './core/format';
export type { FormatOptions } from './core/format';
