/** Diagnostic catalogue: the managed tier. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';

/** The arguments of each managed diagnostic's message. */
export interface ManagedArgs {
  'managed-invalid-entry': {
    key: string;
    /** What the value should have been, in words (`expected a list of strings`). */
    problem: string;
    /** Whether the key fails closed when invalid (`availableModels`, `forceLoginOrgUUID`): kept, still restricting, rather than dropped. */
    failsClosed: boolean;
  };
  'managed-refuses-start': Unconverted;
  'managed-source-shadowed': Unconverted;
  'managed-remote-skipped': Unconverted;
  'managed-legacy-path-ignored': Unconverted;
  'managed-legacy-path-deprecated': Unconverted;
  'managed-requires-first-party-login': Unconverted;
  'managed-channel-unsupported-version': Unconverted;
  'managed-policy-helper': Unconverted;
  'managed-dropins-unsupported-version': Unconverted;
}

/** The managed tier. */
export const MANAGED: Catalogue<ManagedArgs> = {
  'managed-invalid-entry': {
    severity: 'warning',
    message: (a) => (a.failsClosed ? `${a.key} is invalid; managed settings fail closed on it, so it still restricts` : `${a.key} is invalid (${a.problem}) and is skipped`),
    doc: { meaning: "A managed key is invalid: dropped (or fails closed)", fix: "Fix the policy" },
  },
  'managed-refuses-start': {
    severity: 'error',
    doc: { meaning: "A managed file or drop-in is not a JSON object: from 2.1.259 Claude Code refuses to start", fix: "Fix or remove the file" },
  },
  'managed-source-shadowed': {
    severity: 'info',
    doc: { meaning: "A managed source is not used: a higher one delivers policy", fix: "Deliver through the winning channel" },
  },
  'managed-remote-skipped': {
    severity: 'info',
    doc: { meaning: "Server-managed settings are not fetched in this session (gateway, provider or helper)", fix: "Use file or MDM policy for gateway fleets" },
  },
  'managed-legacy-path-ignored': {
    severity: 'warning',
    doc: { meaning: "`C:\\ProgramData\\ClaudeCode` is not read from 2.1.75", fix: "Move the policy to `C:\\Program Files\\ClaudeCode`" },
  },
  'managed-legacy-path-deprecated': {
    severity: 'warning',
    doc: { meaning: "`C:\\ProgramData\\ClaudeCode` is deprecated (2.1.2)", fix: "Move the policy" },
  },
  'managed-requires-first-party-login': {
    severity: 'error',
    doc: { meaning: "Managed `forceLoginMethod`/`forceLoginOrgUUID` block env and helper credentials", fix: "Remove those keys, or use /login" },
  },
  'managed-channel-unsupported-version': {
    severity: 'warning',
    doc: { meaning: "plist/registry policy before 2.1.51", fix: "Upgrade Claude Code or use the file" },
  },
  'managed-policy-helper': {
    severity: 'info',
    doc: { severity: "info, error", meaning: "The selected managed source names a `policyHelper` whose output was not given (info); the output given has an invalid entry, so Claude Code refuses to start (error)", fix: "Pass `managed.policyHelperOutput`; fix the helper's output" },
  },
  'managed-dropins-unsupported-version': {
    severity: 'warning',
    doc: { meaning: "`managed-settings.d` before 2.1.83", fix: "Upgrade or merge into the file" },
  },
};
