/** Diagnostic catalogue: writing settings. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';

/** The arguments of each write diagnostic's message. */
export interface WriteArgs {
  /**
   * Either `managedOrigin` (the managed channel in use, which leaves the managed files unused), or `setting` (what
   * was written), `winner` (the source that wins, in words) and `target` (the file or level written).
   */
  'write-shadowed': {
    /** The managed channel in use, which leaves the managed files unused. */
    managedOrigin?: string | undefined;
    /** What was written. */
    setting?: string | undefined;
    /** The source that wins, in words. */
    winner?: string | undefined;
    /** Where the write went: the file, or the settings level in words. */
    target?: string | undefined;
  };
  /** `since`: the version from which settings `env` wins over the shell. */
  'write-shell-wins': {
    /** The variable's name. */
    variable: string;
    /** The Claude Code version modelled. */
    version: string;
    /** The first version with the rule. */
    since: string;
  };
  /**
   * `setting` as written (`env.NAME`, `apiKeyHelper`), `name` as a sentence names it, `level` the settings level written,
   * `folder` the folder to trust, `meanwhileFrom` the source that applies until then (in words).
   */
  'write-waits-for-trust': {
    /** What was written: `env.NAME` or `apiKeyHelper`. */
    setting: string;
    /** The same, as a sentence names it. */
    name: string;
    /** The settings level written. */
    level: string;
    /** The folder to trust. */
    folder: string;
    /** Where that credential is set, in words. */
    meanwhileFrom?: string | undefined;
  };
  /** `higher` is the waiting source in words, `higherLevel` its settings level. */
  'write-outranked-after-trust': {
    /** What was written, as a sentence names it (a variable, or `the apiKeyHelper setting`). */
    name: string;
    /** The source that waits for trust, in words. */
    higher: string;
    /** The waiting source's settings level. */
    higherLevel: string;
    /** The folder to trust. */
    folder: string;
  };
  /** `headers`: what each credential header carries, in words; `remove`: the credentials to remove for this one to be sent, each with where it is set. */
  'write-credential-outranked': {
    /** What was written, as a sentence names it (a variable, or `the apiKeyHelper setting`). */
    name: string;
    /** What each credential header carries, in words. */
    headers: string;
    /** The credentials to remove for this one to be sent, each with where it is set. */
    remove: readonly string[];
  };
  /**
   * A written endpoint (`kind: 'endpoint'`) or credential (`'credential'`) the active cloud provider does not use.
   * `selectedBy`: the switch and where it is set, in words; `instead`: where requests go, or how it authenticates;
   * `skipSwitch`: the provider's skip-auth switch, when turning it on would get the credential sent.
   */
  'write-provider-active': {
    /** A written endpoint, or a written credential. */
    kind: 'endpoint' | 'credential';
    /** What was written, as a sentence names it. */
    name: string;
    /** The switch that selects the provider, and where it is set, in words. */
    selectedBy: string;
    /** Where requests go instead, or how the provider authenticates, in words. */
    instead: string;
    /** The provider's switch variable. */
    switchVariable: string;
    /** Where the switch is set, in words (`in user settings`). */
    switchedWhere: string;
    /** The provider, as Claude Code labels it. */
    provider: string;
    /** The provider's own base-URL variable. */
    ownBaseUrl: string;
    /** The provider's skip-auth switch, when turning it on would get the credential sent. */
    skipSwitch?: string | undefined;
  };
  /** `stillSetBy`: the source that still sets it, in words; `fromShell`: that source is the shell. */
  'write-unset-still-set': {
    /** What was written, as a sentence names it (a variable, or `the apiKeyHelper setting`). */
    name: string;
    /** The file, as messages name it. */
    file: string;
    /** The source that still sets it, in words. */
    stillSetBy: string;
    /** Where it is still set, in words (`in the shell environment`). */
    stillSetWhere: string;
    /** That source is the shell. */
    fromShell: boolean;
  };
  /**
   * `dryRun`: nothing was written (the rule would be added); `rule` and `ignoreFile` the rule added and where;
   * `credentials` the credential names written.
   */
  'write-git-ignore-added': {
    /** The file written. */
    file: string;
    /** Nothing was written: a dry run. */
    dryRun: boolean;
    /** The ignore file a real write would use (`gitignore`, `info/exclude`, ...). */
    target?: string | undefined;
    /** The ignore rule added. */
    rule?: string | undefined;
    /** The ignore file the rule went to. */
    ignoreFile?: string | undefined;
    /** The credential names written. */
    credentialNames?: string | undefined;
  };
  /** Why git's verdict is weaker than usual, in words. */
  'write-git-weak-check': {
    /** Why git's verdict is weaker than usual, in words. */
    reason: string;
  };
  /** `mode` in octal; `why` it was left so. */
  'write-credential-file-readable': {
    /** The file, as messages name it. */
    file: string;
    /** The file mode, in octal. */
    mode: string;
    /** Why it was left so. */
    why: string;
  };
  /** `lines` where the copies are; `unset`: the edit removed every copy; `op` the edit otherwise. */
  'write-duplicate-key': {
    /** The settings key (dotted when nested). */
    key: string;
    /** How many copies the key has. */
    copies: number;
    /** The lines of the copies. */
    lines: readonly string[];
    /** The switches to unset. */
    unset: boolean;
    /** The edit (`set` or `unset`). */
    op: string;
  };
  /** Octal modes before and after. */
  'write-mode-tightened': {
    /** The file, as messages name it. */
    file: string;
    /** The mode before, in octal. */
    from: string;
    /** The mode now, in octal. */
    to: string;
  };
  /** `lock` is the lock's path, `reason` why its writer is known to have stopped. */
  'write-lock-recovered': {
    /** The file, as messages name it. */
    file: string;
    /** The lock's path. */
    lock: string;
    /** Why its writer is known to have stopped. */
    reason: string;
  };
  /** The dotted paths the other program wrote. */
  'write-concurrent-change-kept': {
    /** The dotted paths the other program wrote. */
    paths: readonly string[];
  };
  /** A JSONC file was rewritten as strict JSON (comments gone). */
  'write-jsonc-converted': {
    /** The file, as messages name it. */
    file: string;
    /** Nothing was written: a dry run. */
    dryRun: boolean;
  };
}

/** Writing settings. */
export const WRITE: Catalogue<WriteArgs> = {
  'write-shadowed': {
    severity: 'warning',
    message: (a) =>
      a.managedOrigin !== undefined
        ? `managed settings come from ${a.managedOrigin} on this machine: the managed file and its drop-ins are not used (only their env variables, where ${a.managedOrigin} does not set them, since 2.1.223)`
        : `${a.setting} is also set in ${a.winner}, which wins over ${a.target}: this write will not take effect`,
    fix: (a) => (a.managedOrigin !== undefined ? `Deliver the change through ${a.managedOrigin}` : 'Change it where it wins, or remove it there'),
    doc: { meaning: 'A higher source sets the same thing: the write has no effect', fix: 'Change it where it wins' },
  },
  'write-shell-wins': {
    severity: 'warning',
    message: (a) =>
      `${a.variable} is also set in the shell environment, which wins over settings env in Claude Code ${a.version} (settings env wins from ${a.since}): this write will not take effect`,
    fix: (a) => `Unset ${a.variable} in the shell (and in the profile that exports it), or upgrade Claude Code to ${a.since} or later`,
    doc: {
      meaning: 'Before Claude Code 2.0.1 the shell environment beats settings `env`, and the shell sets the written variable: the write has no effect',
      fix: 'Unset it in the shell, or upgrade to 2.0.1 or later',
    },
  },
  'write-waits-for-trust': {
    severity: 'warning',
    message: (a) =>
      `${a.setting} in ${a.level} settings waits for workspace trust: ${a.folder} is not trusted, so an interactive Claude Code applies it only after "Yes, I trust this folder" is chosen in the trust dialog (claude -p applies it at once)${a.meanwhileFrom !== undefined ? `; until then ${a.name} comes from ${a.meanwhileFrom}` : ''}`,
    fix: (a) => `Start claude in ${a.folder} and accept the trust dialog, or set ${a.name} in user settings if it should apply before that`,
    doc: {
      meaning:
        'The written project or local `env` variable (or `apiKeyHelper`) waits for workspace trust: an interactive session applies it only after the trust dialog is accepted (`claude -p` at once)',
      fix: 'Accept the trust dialog in that folder, or write it to user settings',
    },
  },
  'write-outranked-after-trust': {
    severity: 'warning',
    message: (a) =>
      `${a.name} is also set in ${a.higher}, which waits for workspace trust: interactive sessions use this write only until the trust dialog is accepted for ${a.folder}; from then on (and at once in claude -p) the ${a.higherLevel} value wins`,
    fix: (a) => `Remove ${a.name} from ${a.higher}, or change it there`,
    doc: {
      meaning:
        'A project or local file that waits for workspace trust sets the same thing: the write applies only until the trust dialog is accepted (and not in `claude -p`)',
      fix: 'Remove it from that file, or change it there',
    },
  },
  'write-credential-outranked': {
    severity: 'warning',
    message: (a) => `${a.name} will not be sent: each credential header carries one credential, and ${a.headers}`,
    fix: (a) => `If ${a.name} should be used, remove ${a.remove.join(' and ') || 'the credential sent instead'}; otherwise leave ${a.name} out`,
    doc: {
      meaning:
        'The written credential is sent in no header: another credential fills each header it could fill (a credential sent in the other header is not warned)',
      fix: 'Remove the credential sent instead, or leave this one out',
    },
  },
  'write-provider-active': {
    severity: 'warning',
    message: (a) =>
      a.kind === 'endpoint'
        ? `${a.name} will not be used: ${a.selectedBy}, which sends its requests to ${a.instead}`
        : `${a.name} will not be sent: ${a.selectedBy}, and ${a.instead}`,
    fix: (a) =>
      a.kind === 'endpoint'
        ? `Unset ${a.switchVariable} ${a.switchedWhere} if Claude Code should use ${a.name}; to reach ${a.provider} through a gateway, set ${a.ownBaseUrl} instead`
        : `Unset ${a.switchVariable} ${a.switchedWhere} if Claude Code should use the Anthropic API or the gateway at ANTHROPIC_BASE_URL${a.skipSwitch !== undefined ? `; to stay on ${a.provider} behind a gateway that authenticates for it, set ${a.skipSwitch}=1 (then ${a.name} is sent)` : ''}`,
    doc: {
      meaning: 'A cloud provider switch (`CLAUDE_CODE_USE_*`) is on, and the provider does not use the written `ANTHROPIC_BASE_URL` or credential',
      fix: "Unset the switch, or configure the provider's own endpoint (or its skip-auth switch, when that gets the credential sent)",
    },
  },
  'write-unset-still-set': {
    severity: 'warning',
    message: (a) => `${a.name} is removed from ${a.file}, but ${a.stillSetBy} still sets it: Claude Code keeps using that value`,
    fix: (a) => `Remove it ${a.stillSetWhere} too${a.fromShell ? ' (and from the profile that exports it)' : ''}, if it should be gone`,
    doc: {
      meaning: 'A removed variable or `apiKeyHelper` is still set by another source (the shell, another settings file), so Claude Code keeps using it',
      fix: 'Remove it there too, if it should be gone',
    },
  },
  'write-git-ignore-added': {
    severity: 'info',
    message: (a) =>
      a.dryRun
        ? `${a.file} is not ignored by git; a real write would add an ignore rule (${a.target ?? 'gitignore'}) first`
        : `git did not ignore ${a.file}; added ${a.rule ?? 'a rule'} to ${a.ignoreFile ?? 'the ignore file'} before writing ${a.credentialNames}`,
    doc: { meaning: 'An ignore rule was added before writing a credential', fix: 'Commit the `.gitignore` change' },
  },
  'write-git-weak-check': {
    severity: 'warning',
    message: (a) => a.reason,
    doc: { meaning: 'git was not found: the ignore check was weaker', fix: 'Install git' },
  },
  'write-credential-file-readable': {
    severity: 'warning',
    message: (a) => `${a.file} holds a credential and other users can read it (mode ${a.mode}); it was left so because ${a.why}`,
    fix: (a) => `chmod 600 ${a.file} (as its owner)`,
    doc: { meaning: 'A file holding a credential is readable by others', fix: '`chmod 600`' },
  },
  'write-duplicate-key': {
    severity: 'warning',
    message: (a) =>
      `${a.key} appears ${a.copies} times in one object (lines ${a.lines.join(', ')}); ${a.unset ? 'every copy was removed' : `the ${a.op} went to the last copy, the one Claude Code reads`}`,
    fix: (a) => `Keep one copy of ${a.key}`,
    doc: {
      meaning: 'A key on the edited path appears twice in its object; the write changed the last copy, the one Claude Code reads (an unset removes every copy)',
      fix: 'Remove the earlier copy',
    },
  },
  'write-mode-tightened': {
    severity: 'info',
    message: (a) => `${a.file} holds a credential: its mode was ${a.from} and is now ${a.to}, so that only its owner can read it`,
    doc: { meaning: 'The file now holds a credential, so its mode was narrowed to `0600`', fix: 'Nothing to do' },
  },
  'write-lock-recovered': {
    severity: 'info',
    message: (a) => `the lock of ${a.file} (${a.lock}) was left by a writer that stopped (${a.reason}); this write took it over`,
    doc: { meaning: 'A writer that stopped while writing this file (its process gone) left its lock; this write took it over at once', fix: 'Nothing to do' },
  },
  'write-concurrent-change-kept': {
    severity: 'info',
    message: (a) => `another program wrote ${a.paths.join(', ')} while this write was under way; its changes were carried over`,
    doc: {
      meaning: 'Another program wrote the file while this write was under way; what it wrote into the file our rename replaced was carried over',
      fix: 'Nothing to do (the message names the keys)',
    },
  },
  'write-jsonc-converted': {
    severity: 'warning',
    message: (a) =>
      a.dryRun
        ? `${a.file} has comments or trailing commas; it would be rewritten as strict JSON and the comments would be gone`
        : `${a.file} had comments or trailing commas; it was rewritten as strict JSON and the comments are gone`,
    doc: { meaning: 'A JSONC file was rewritten as strict JSON (comments gone)', fix: 'Nothing: Claude Code reads it now' },
  },
};
