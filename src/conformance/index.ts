/**
 * `claude-gateway-config/conformance`: the conformance vectors recorded from the real Claude Code
 * (a layout of a scratch machine and, per version, what the binary sent), their format
 * (conformance/FORMAT.md in the package), and helpers to test another tool against them.
 * @module
 */
export { conformanceDir, loadConformanceVectors, loadKnownDifferences, recordedVersions } from './load';
export {
  compareRequest,
  CREDENTIAL_HEADERS,
  firstInferenceRequest,
  GATEWAY_PLACEHOLDER,
  HARNESS_ENV,
  HOME_PLACEHOLDER,
  inferenceBasePath,
  requestedModel,
  runEnvironment,
  sessionRequest,
  substituteGateway,
} from './requests';
export type {
  CompareRequestOptions,
  ConformanceInteractiveSpec,
  ConformanceInteractiveStep,
  ConformanceLayout,
  ConformanceVector,
  KnownDifference,
  RecordedInteractiveResult,
  RecordedInteractiveStep,
  RecordedRequest,
  RecordedRun,
  VectorSettingsContent,
} from './types';
