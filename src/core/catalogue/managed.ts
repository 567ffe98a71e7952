/** Diagnostic catalogue: the managed tier. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';

/** The arguments of each managed diagnostic's message. */
export interface ManagedArgs {
  /** A managed key is invalid: dropped (or fails closed). */
  'managed-invalid-entry': {
    /** The managed key. */
    key: string;
    /** What the value should have been, in words (`expected a list of strings`). */
    problem: string;
    /** Whether the key fails closed when invalid (`availableModels`, `forceLoginOrgUUID`): kept, still restricting, rather than dropped. */
    failsClosed: boolean;
  };
  /** `version` is the Claude Code version modelled. */
  'managed-refuses-start': {
    /** The file, as messages name it. */
    file: string;
    /** The Claude Code version modelled. */
    version: string;
  };
  /** `source` is the file or channel not used, `winner` the label of the one that applies. */
  'managed-source-shadowed': {
    /** The managed file or channel not used. */
    source: string;
    /** The label of the source that applies. */
    winner: string;
  };
  /** Why the fetch is skipped, in words. */
  'managed-remote-skipped': {
    /** Why the fetch is skipped, in words. */
    reason: string;
  };
  /** `folder` is the legacy folder, `replacement` where policy belongs now. */
  'managed-legacy-path-ignored': {
    /** The legacy folder. */
    folder: string;
    /** Where managed settings belong now. */
    replacement: string;
  };
  /** `C:\\ProgramData\\ClaudeCode` is deprecated (2.1.2). */
  'managed-legacy-path-deprecated': {
    /** The legacy folder. */
    folder: string;
    /** Where managed settings belong now. */
    replacement: string;
  };
  /**
   * `key` is the managed key (`forceLoginMethod`, `forceLoginOrgUUID`), `blocked` the credential variable (or kind) it
   * blocks, `provider` the cloud provider when the block reaches a provider session, `printed` what Claude Code prints.
   */
  'managed-requires-first-party-login': {
    /** The managed key (`forceLoginMethod`, `forceLoginOrgUUID`). */
    key: string;
    /** The credential the key blocks. */
    blocked: string;
    /** The cloud provider, when the block reaches a provider session. */
    provider?: string | undefined;
    /** What Claude Code prints when it stops. */
    printed: string;
  };
  /** `channel`: `plist`, `HKLM` or `HKCU`. */
  'managed-channel-unsupported-version': {
    /** The managed channel (`remote`, `plist`, `HKLM`, `HKCU`). */
    channel: string;
    /** The Claude Code version modelled. */
    version: string;
  };
  /**
   * `helper` is the program the selected source names; `invalidEntries` is absent while its output is unknown (info),
   * and counts the invalid entries of the output given (error when above zero).
   */
  'managed-policy-helper': {
    /** The program the policyHelper names. */
    helper: string;
    /** How many entries of the output given are invalid; absent while the output is unknown. */
    invalidEntries?: number | undefined;
  };
  /** `managed-settings.d` before 2.1.83. */
  'managed-dropins-unsupported-version': {
    /** The drop-in folder. */
    folder: string;
    /** The Claude Code version modelled. */
    version: string;
  };
}

/** The managed tier. */
export const MANAGED: Catalogue<ManagedArgs> = {
  'managed-invalid-entry': {
    severity: 'warning',
    message: (a) =>
      a.failsClosed ? `${a.key} is invalid; managed settings fail closed on it, so it still restricts` : `${a.key} is invalid (${a.problem}) and is skipped`,
    doc: { meaning: 'A managed key is invalid: dropped (or fails closed)', fix: 'Fix the policy' },
  },
  'managed-refuses-start': {
    severity: 'error',
    message: (a) =>
      `Claude Code ${a.version} refuses to start: ${a.file}: Managed settings document could not be parsed as a JSON object; none of its settings are in effect. Fix or remove it.`,
    fix: (a) => `Fix or remove ${a.file}`,
    doc: { meaning: 'A managed file or drop-in is not a JSON object: from 2.1.259 Claude Code refuses to start', fix: 'Fix or remove the file' },
  },
  'managed-source-shadowed': {
    severity: 'info',
    message: (a) => `${a.source} is not used: only one managed source applies and ${a.winner} comes first`,
    doc: { meaning: 'A managed source is not used: a higher one delivers policy', fix: 'Deliver through the winning channel' },
  },
  'managed-remote-skipped': {
    severity: 'info',
    message: (a) => `Server-managed settings are not fetched: ${a.reason}`,
    doc: { meaning: 'Server-managed settings are not fetched in this session (gateway, provider or helper)', fix: 'Use file or MDM policy for gateway fleets' },
  },
  'managed-legacy-path-ignored': {
    severity: 'warning',
    message: (a) => `${a.folder} is not read: Claude Code stopped reading the legacy path in 2.1.75`,
    fix: (a) => `Move the managed settings to ${a.replacement}`,
    doc: { meaning: '`C:\\ProgramData\\ClaudeCode` is not read from 2.1.75', fix: 'Move the policy to `C:\\Program Files\\ClaudeCode`' },
  },
  'managed-legacy-path-deprecated': {
    severity: 'warning',
    message: (a) => `${a.folder} is deprecated (2.1.2); from 2.1.75 Claude Code no longer reads it`,
    fix: (a) => `Move the managed settings to ${a.replacement}`,
    doc: { meaning: '`C:\\ProgramData\\ClaudeCode` is deprecated (2.1.2)', fix: 'Move the policy' },
  },
  'managed-requires-first-party-login': {
    severity: 'error',
    message: (a) =>
      `Managed ${a.key} blocks ${a.blocked}${a.provider === undefined ? '' : ` (even beside ${a.provider})`}: Claude Code stops with "${a.printed}"`,
    fix: (a) => `Ask the administrator to remove ${a.key} from managed settings, or drop the gateway credential and use /login`,
    doc: { meaning: 'Managed `forceLoginMethod`/`forceLoginOrgUUID` block env and helper credentials', fix: 'Remove those keys, or use /login' },
  },
  'managed-channel-unsupported-version': {
    severity: 'warning',
    message: (a) => `Claude Code ${a.version} does not read ${a.channel} policy (2.1.51+)`,
    doc: { meaning: 'plist/registry policy before 2.1.51', fix: 'Upgrade Claude Code or use the file' },
  },
  'managed-policy-helper': {
    severity: (a) => (a.invalidEntries === undefined || a.invalidEntries === 0 ? 'info' : 'error'),
    message: (a) =>
      a.invalidEntries === undefined
        ? `The managed source in use names policyHelper ${a.helper}: Claude Code runs it at startup, and the managedSettings it prints replace all managed settings. Its output is not known here`
        : `The policyHelper output has ${a.invalidEntries} invalid entr${a.invalidEntries === 1 ? 'y' : 'ies'}: its output is strict, so Claude Code refuses to start`,
    fix: (a) =>
      a.invalidEntries === undefined
        ? 'Pass what the helper prints (its managedSettings object) as managed.policyHelperOutput to see the settings that apply'
        : 'Fix the managedSettings the helper prints',
    doc: {
      severity: 'info, error',
      meaning:
        'The selected managed source names a `policyHelper` whose output was not given (info); the output given has an invalid entry, so Claude Code refuses to start (error)',
      fix: "Pass `managed.policyHelperOutput`; fix the helper's output",
    },
  },
  'managed-dropins-unsupported-version': {
    severity: 'warning',
    message: (a) => `Claude Code ${a.version} does not read ${a.folder} (drop-ins are read from 2.1.83 on)`,
    doc: { meaning: '`managed-settings.d` before 2.1.83', fix: 'Upgrade or merge into the file' },
  },
};
