/**
 * claude-gateway-config: resolve Claude Code's gateway, credential and provider configuration
 * exactly as Claude Code does, with the source of every value.
 * @module
 */
// Everything claude-gateway-config/resolve exports (resolving, explaining, diagnosing, verifying), then the writers and generators.
export * from './resolve-entry';
export { planEdit, toStrictJson } from './core/edit';
export type { EditChange, EditOp, EditPlan, JsonPath, PlanEditOptions } from './core/edit';
export { credentialsIn } from './core/write-plan';
export type { CredentialInEdit, WriteScope } from './core/write-plan';
export { writeSettings, settingsPathFor, listBackups, revert, WRITE_MAX_BYTES } from './node/write';
export type { RevertOptions, RevertResult, WriteSettingsOptions, WriteSettingsResult } from './node/write';
export { DEFAULT_KEEP_BACKUPS, defaultBackupDir } from './node/backup';
export type { BackupEntry, BackupOptions } from './node/backup';
export { ensureGitIgnored } from './node/git';
export type { EnsureIgnoredOptions, EnsureIgnoredResult, IgnoreTarget } from './node/git';
export { writeSettingsOverlay } from './node/overlay';
export type { Overlay, OverlayOptions } from './node/overlay';
export { gatewayConfig, providerConfig } from './core/generate/config';
export { configFromEffective } from './core/generate/from-effective';
export { locateSources } from './node/locate';
export { sourceLocations } from './core/source-paths';
export { redactGeneratedConfig } from './core/redact';
export type { LocateInput } from './core/source-paths';
export { toShell, posixQuote, powershellQuote } from './core/generate/shell';
export type { RenderOptions, ShellKind } from './core/generate/shell';
export { toSettingsOps, toSettingsPatch, toSettingsObject } from './core/generate/settings-patch';
export { toVsCodeSettings } from './core/generate/vscode';
export type { VsCodeResult } from './core/generate/vscode';
export { toGitHubActionsStep } from './core/generate/github';
export type { GitHubActionsOptions, GitHubActionsResult } from './core/generate/github';
export { toAgentSdk } from './core/generate/sdk';
export type { SdkLanguage, SdkResult } from './core/generate/sdk';
export { toVerifyCommand } from './core/generate/verify-command';
export type { VerifyCommandOptions } from './core/generate/verify-command';
export { apiKeyHelperScript } from './core/generate/helper-script';
export type { HelperScript, HelperScriptOptions, HelperShell, HelperSource } from './core/generate/helper-script';
export { toManagedArtifacts, managedSettingsObject, managedArtifactWarnings } from './core/generate/managed-artifacts';
export type { ManagedArtifact, ManagedArtifactKind, ManagedArtifactOptions } from './core/generate/managed-artifacts';
export { layerMatrix, renderReport, REPORT_GENERATOR } from './core/report';
export { writeReportFile } from './node/report-file';
export type { WriteReportOptions, WrittenReport } from './node/report-file';
export { shellExports, toolActivations } from './core/import/shell';
export type { ShellDialect, ShellExport, ToolActivation } from './core/import/shell';
export { configFromExports } from './core/import/to-config';
export type { ImportedActivation, ImportedExport } from './core/import/to-config';
export { readShellExports, readShellFiles, shellStartupFiles } from './node/shell-files';
export type { FoundActivation, FoundExport, ShellFile, ShellFilesRead } from './node/shell-files';
export { importFromRouterConfig } from './core/import/claude-code-router';
export type { RouterReadOptions } from './core/import/claude-code-router';
export { importFromCcSwitchConfig, importFromCcSwitchRows } from './core/import/cc-switch';
export type { CcSwitchDatabaseExtras, CcSwitchProviderRow, CcSwitchReadOptions } from './core/import/cc-switch';
export { importFromVsCodeSettings } from './core/import/vscode';
export type { VsCodeSettingsText } from './core/import/vscode';
export { importFromTool, importFromToolFile, toolFiles, MAX_DATABASE_BYTES } from './node/tool-import';
export type { ToolFile, ToolImportOptions } from './node/tool-import';
export { toGitHubAnnotations } from './core/annotations';
