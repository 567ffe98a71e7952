/** Diagnostic catalogue: reading settings files and the env block. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue } from './entry';
import { aValueOf, envIgnoredWhy, keyScopeWhere, whereSet } from './words';

/** Claude Code's own words for a `--settings` refusal end with this note of ours. */
const EXITS = ' (claude exits with code 1)';

/** The note added when the text nests too deep to point at the problem (`what`: `error`, `comment`). */
function tooDeepToPoint(limit: number | undefined, what: string): string {
  return limit === undefined ? '' : ` (it also nests more than ${limit} levels deep from here, too deep to point at the ${what})`;
}

/** The arguments of each settings diagnostic's message. */
export interface SettingsArgs {
  /** A settings file is not valid JSON: Claude Code ignores it whole. */
  'settings-invalid-json': {
    /** The file as named in messages: its path, or `settings` for text without one. */
    file: string;
    /** Why, in words (`a comma expected`); absent when the text nests too deep to locate the error. */
    reason?: string | undefined;
    /** The depth limit the text crosses before the error, when it nests too deep to point at it. */
    nestedBeyond?: number | undefined;
  };
  /** A settings file has a comment or a trailing comma: ignored whole. */
  'settings-jsonc': {
    /** The file as named in messages: its path, or `settings`. */
    file: string;
    /** What was found first: `comment` or `trailing-comma`; absent when the text nests too deep to tell. */
    found?: 'comment' | 'trailing-comma' | undefined;
    /** The depth limit the text crosses before the comment, when it nests too deep to point at it. */
    nestedBeyond?: number | undefined;
  };
  /** A file starts with a UTF-8 byte-order mark: read by current Claude Code, rejected by older ones and by Claude Desktop. */
  'settings-bom': {
    /** The file, as messages name it. */
    file: string;
  };
  /** The top level is not an object: ignored whole. */
  'settings-not-object': {
    /** The file, as messages name it. */
    file: string;
    /** What the top level holds: `null`, `array`, `string`, `number` or `boolean`. */
    valueType: string;
  };
  /** The file is empty: not JSON, ignored. */
  'settings-empty': {
    /** The file, as messages name it. */
    file: string;
  };
  /** The file cannot be read (permissions, not a file). */
  'settings-unreadable': {
    /** The file, as messages name it. */
    file: string;
    /** The error code of the read (`EACCES`), or the file's status when there is none. */
    error: string;
  };
  /** A known key has the wrong type: that entry is skipped. */
  'settings-invalid-entry': {
    /** The settings key (dotted when nested). */
    key: string;
    /** What the value should have been, in words (`expected a non-empty string`). */
    problem: string;
  };
  /** `__proto__`, `constructor` or `prototype` as a key: left out. */
  'settings-unsafe-key': {
    /** Where the key is, dotted (`env.__proto__`). */
    key: string;
  };
  /** A top-level key (or one `env` variable) nests objects or arrays more than 100 levels deep: that entry is left out, the rest of the file applies; Claude Code may still read it, so the report can differ for that key. */
  'settings-too-deep': {
    /** The file as named in messages: its path, or the caller's label for an object. */
    file: string;
    /** The entry left out, dotted as shown (`env.NAME`); absent in the one diagnostic that sums up the entries past the first 20. */
    entry?: string | undefined;
    /** How many more entries were left out, in that summing-up diagnostic. */
    more?: number | undefined;
    /** The nesting limit. */
    depthLimit: number;
  };
  /** A key appears twice in one object; Claude Code (`JSON.parse`) reads the last one. */
  'settings-duplicate-key': {
    /** The file, as messages name it. */
    file: string;
    /** The key, dotted as shown (`env.NAME`); absent in the one diagnostic that sums up the keys past the first 20. */
    key?: string | undefined;
    /** How many times it appears in its object. */
    copies?: number | undefined;
    /** The line of the last copy, the one Claude Code reads. */
    lastLine?: number | undefined;
    /** How many more keys appear more than once, in that summing-up diagnostic. */
    more?: number | undefined;
  };
  /** A key set where Claude Code does not read it (key scopes): a managed-only key in user settings, a user-or-managed key in project settings, a global-config key in any settings file, `forceLoginGatewayUrl` from HKCU or server-managed. */
  'settings-key-out-of-scope': {
    /** The key, dotted (`sandbox.bwrapPath`). */
    key: string;
    /** Where it was set: `user`, `project`, `local`, `cli`, `managed`. */
    scope: string;
    /** Where the key applies from: `managed`, `user-or-managed`, `user-local-or-managed` or `global-config`; absent when `channel` says why. */
    appliesFrom?: string | undefined;
    /** The managed channel that cannot deliver the key (`remote` or `HKCU`), when that is why. */
    channel?: string | undefined;
  };
  /** `--settings` names a file that does not exist (text not between braces is taken as a file name): Claude Code refuses to start. */
  'settings-flag-not-found': {
    /** The name given to `--settings`, as Claude Code prints it (as typed, or resolved from 2.1.284). */
    file: string;
    /** Whether the text starts with `{` (inline JSON that does not end with `}`, read as a file name). */
    opensBrace: boolean;
  };
  /** Inline `--settings` text between braces is not strict JSON (a comment, a trailing comma): Claude Code refuses to start. */
  'settings-flag-invalid-json': {
    /** Where the strict parse first fails, and why in words; absent when the text nests too deep to locate it. */
    line?: number | undefined;
    /** The 1-based column. */
    column?: number | undefined;
    /** Why, in words. */
    reason?: string | undefined;
  };
  /** The base URL that wins is not an absolute URL (`true` in settings `env` is the text "true"): `claude -p` stops with "API Error: Invalid URL" (a warning in an interactive session, where each request fails). */
  'base-url-invalid': {
    /** The base URL variable that wins. */
    variable: string;
    /** Whether the session is interactive (a warning then: each request fails) rather than `claude -p` (an error: it exits). */
    interactive: boolean;
  };
  /** `--settings` names a FIFO, socket or device. */
  'settings-flag-not-regular': {
    /** The file, as messages name it. */
    file: string;
  };
  /** `--settings` names a directory (EISDIR). */
  'settings-flag-directory': {
    /** The file, as messages name it. */
    file: string;
  };
  /** `--settings` file over 2 MiB (2.1.214+). */
  'settings-flag-too-large': {
    /** The file, as messages name it. */
    file: string;
    /** Its size in bytes, when known. */
    size?: number | undefined;
    /** The limit in bytes. */
    limit: number;
  };
  /** An `env` value is not a string: Claude Code takes the text `String()` gives it (`null` is "null", an object "[object Object]", an array its items joined by commas), and it wins like any value. */
  'env-not-string': {
    /** The variable's name. */
    variable: string;
    /** What the value is: `null`, `array`, `object`, `boolean`, `number`. */
    valueType: string;
    /** Whether the value has a text at all (an object whose `toString` is not a function has none: Claude Code stops on it). */
    hasText: boolean;
    /** The text Claude Code uses, when it cannot be a credential (null, a boolean, a plain object); else absent and `textLength` given. */
    text?: string | undefined;
    /** The length of that text, when the text itself is not shown. */
    textLength?: number | undefined;
    /** The value to write in quotes, when it cannot be a credential (a boolean, a short number); absent otherwise. */
    quotable?: string | undefined;
  };
  /** `env` is not an object: skipped. */
  'env-not-object': {
    /** What `env` is: `null`, `array`, `string`, `number`, `boolean`. */
    valueType: string;
  };
  /** Project/local files may not set this variable (user or managed only). */
  'env-ignored-in-scope': {
    /** The variable's name. */
    variable: string;
  };
  /** Claude Code ignores this variable in every settings file. */
  'env-ignored-everywhere': {
    /** The variable's name. */
    variable: string;
  };
  /** `CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` is set: the host chooses provider, endpoint and credential. */
  'env-ignored-host-managed': {
    /** The variable's name. */
    variable: string;
    /** Whether it is a model variable of managed `env` (`ANTHROPIC_MODEL`, `ANTHROPIC_DEFAULT_*_MODEL`), rather than a provider, endpoint or credential variable. */
    modelVariable: boolean;
  };
  /** A switch has a value other than `1`/`true`/`yes`/`on`/`0`/`false`: not on. */
  'env-invalid-boolean': {
    /** The variable's name. */
    variable: string;
    /** Its value (a switch's value, never a credential). */
    value: string;
  };
  /** `claudeCodeVersion` is newer than the newest version the recorded vectors were taken from (2.1.332). */
  'version-not-verified': {
    /** The `claudeCodeVersion` asked for. */
    version: string;
    /** The newest version the library was verified against. */
    latest: string;
  };
  /** `ANTHROPIC_MODEL`, the `model` setting or `ANTHROPIC_DEFAULT_MODEL` is `default`: Claude Code sends the word as the model name (only `--model default` asks for the default model). */
  'model-default-literal': {
    /** What chose `default`: `ANTHROPIC_MODEL`, `ANTHROPIC_DEFAULT_MODEL` or `setting` (the `model` setting). */
    chosenBy: string;
  };
  /**
   * On Bedrock, Vertex or Mantle the model goes as written although it names an Anthropic model the
   * provider knows by another id: the release's catalog does not have it yet, the provider does not
   * offer it, or it is the catalog's short name rather than the API id (docs/behavior.md#provider-model-ids).
   */
  'model-not-provider-id': {
    /** The id as sent. */
    id: string;
    /** The provider's label (`Amazon Bedrock`). */
    provider: string;
    /** Why Claude Code does not translate it. */
    reason: 'newer-than-release' | 'not-offered' | 'short-name';
    /** The Claude Code version modelled. */
    version: string;
    /** `newer-than-release`: the first release whose catalog has it. */
    since?: string;
    /** What Claude Code would send for the model written as its API id, when it can. */
    providerId?: string;
    /** The API id to write instead (`short-name`). */
    apiId?: string;
  };
  /** Project/local `env` or `apiKeyHelper` wait for the trust dialog. */
  'trust-pending': {
    /** The variables and keys (`apiKeyHelper`) that wait. */
    names: readonly string[];
  };
  /** A `--bare` session does not read this: an `apiKeyHelper` outside `--settings`, `CLAUDE_CODE_OAUTH_TOKEN`. */
  'bare-mode-ignored': {
    /** What is not read: `apiKeyHelper` or `CLAUDE_CODE_OAUTH_TOKEN`. */
    ignored: string;
    /** Where it was set. */
    scope: string;
  };
  /** `CLAUDE_CODE_API_KEY_HELPER_TTL_MS` is not a number: 5 minutes apply. */
  'helper-ttl-invalid': {
    /** The value of `CLAUDE_CODE_API_KEY_HELPER_TTL_MS` (a duration, never a credential). */
    value: string;
  };
  /** `~/.claude.json` is not JSON: trust and approvals unknown. */
  'global-config-invalid': {
    /** The file, as messages name it. */
    file: string;
  };
}

/** Reading settings files and the env block. */
export const SETTINGS: Catalogue<SettingsArgs> = {
  'settings-invalid-json': {
    severity: 'error',
    message: (a) =>
      `${a.file} is not valid JSON${a.reason === undefined ? '' : ` (${a.reason})`}; Claude Code ignores the whole file${tooDeepToPoint(a.nestedBeyond, 'error')}`,
    doc: { meaning: 'A settings file is not valid JSON: Claude Code ignores it whole', fix: 'Fix the JSON at the line and column given' },
  },
  'settings-jsonc': {
    severity: 'error',
    message: (a) =>
      `${a.file} has ${a.found === 'comment' ? 'a comment' : a.found === 'trailing-comma' ? 'a trailing comma' : 'comments or trailing commas'}; settings files are strict JSON, so Claude Code ignores the whole file${tooDeepToPoint(a.nestedBeyond, 'comment')}`,
    doc: { meaning: 'A settings file has a comment or a trailing comma: ignored whole', fix: 'Remove them (or `planEdit(..., { convertJsonc: true })`)' },
  },
  'settings-bom': {
    severity: 'warning',
    message: (a) => `${a.file} starts with a UTF-8 byte-order mark; Claude Code reads it, but older versions, Claude Desktop and other tools reject the file`,
    doc: {
      meaning: 'A file starts with a UTF-8 byte-order mark: read by current Claude Code, rejected by older ones and by Claude Desktop',
      fix: 'Save as UTF-8 without BOM',
    },
  },
  'settings-not-object': {
    severity: 'error',
    message: (a) => `${a.file} holds ${aValueOf(a.valueType)}, not an object; Claude Code ignores it whole`,
    doc: { meaning: 'The top level is not an object: ignored whole', fix: 'Wrap the settings in `{ }`' },
  },
  'settings-empty': {
    severity: 'error',
    message: (a) => `${a.file} is empty; Claude Code reads it as invalid JSON and ignores it`,
    doc: { meaning: 'The file is empty: not JSON, ignored', fix: 'Put `{}` in it or delete it' },
  },
  'settings-unreadable': {
    severity: 'error',
    message: (a) => `${a.file} cannot be read (${a.error})`,
    doc: { meaning: 'The file cannot be read (permissions, not a file)', fix: 'Fix its permissions' },
  },
  'settings-invalid-entry': {
    severity: 'warning',
    message: (a) => `${a.key} is invalid (${a.problem}) and is skipped`,
    doc: { meaning: 'A known key has the wrong type: that entry is skipped', fix: 'Fix the value (the message says how)' },
  },
  'settings-unsafe-key': {
    severity: 'warning',
    message: (a) => `${a.key} is not a settings key and was left out`,
    doc: { meaning: '`__proto__`, `constructor` or `prototype` as a key: left out', fix: 'Remove the key' },
  },
  'settings-too-deep': {
    severity: 'error',
    message: (a) =>
      a.entry === undefined
        ? `${a.more} more entries of ${a.file} nest too deep and are left out`
        : `${a.entry} in ${a.file} nests objects or arrays more than ${a.depthLimit} levels deep; it is left out here, so for ${a.entry} this report may differ from what Claude Code applies`,
    fix: (a) => (a.entry === undefined ? undefined : 'Flatten or remove the value'),
    doc: {
      meaning:
        'A top-level key (or one `env` variable) nests objects or arrays more than 100 levels deep: that entry is left out, the rest of the file applies; Claude Code may still read it, so the report can differ for that key',
      fix: 'Flatten or remove the value',
    },
  },
  'settings-duplicate-key': {
    severity: 'warning',
    message: (a) =>
      a.key === undefined
        ? `${a.more} more keys appear more than once in ${a.file}`
        : `${a.key} appears ${a.copies} times in one object of ${a.file}; Claude Code (JSON.parse) reads the last copy (line ${a.lastLine}), other tools and readers may take this one`,
    fix: (a) => (a.key === undefined ? undefined : `Keep one copy of ${a.key}`),
    doc: { meaning: 'A key appears twice in one object; Claude Code (`JSON.parse`) reads the last one', fix: 'Remove the earlier copy' },
  },
  'settings-key-out-of-scope': {
    severity: 'warning',
    message: (a) =>
      a.channel !== undefined
        ? `${a.key} is not read from ${a.channel === 'remote' ? 'server-managed settings' : a.channel}; Claude Code ignores it there`
        : `${a.key} applies only from ${keyScopeWhere(a.appliesFrom ?? 'managed')}; Claude Code ignores it in ${whereSet(a.scope)}`,
    doc: {
      meaning:
        'A key set where Claude Code does not read it ([key scopes](behavior.md#key-scopes)): a managed-only key in user settings, a user-or-managed key in project settings, a global-config key in any settings file, `forceLoginGatewayUrl` from HKCU or server-managed',
      fix: 'Move it to a scope that applies (the message names it)',
    },
  },
  'settings-flag-not-found': {
    severity: 'error',
    message: (a) => `Settings file not found: ${a.file}${EXITS}`,
    fix: (a) =>
      a.opensBrace
        ? 'Text given to --settings is read as inline JSON only when it starts with { and ends with }; anything else is a file path. Close the braces, or name an existing file'
        : undefined,
    doc: {
      meaning: '`--settings` names a file that does not exist (text not between braces is taken as a file name): Claude Code refuses to start',
      fix: 'Fix the path, or pass a JSON object',
    },
  },
  'settings-flag-invalid-json': {
    severity: 'error',
    message: (a) =>
      `Error: Invalid JSON provided to --settings (${a.line === undefined ? '' : `line ${a.line}, column ${a.column}: ${a.reason}; `}claude exits with code 1)`,
    fix: () => 'Pass strict JSON to --settings (no comments, no trailing commas), or the path of a settings file',
    doc: {
      meaning: 'Inline `--settings` text between braces is not strict JSON (a comment, a trailing comma): Claude Code refuses to start',
      fix: 'Pass strict JSON',
    },
  },
  'base-url-invalid': {
    severity: (a) => (a.interactive ? 'warning' : 'error'),
    message: (a) => `API Error: Invalid URL (${a.variable} is not an absolute URL${a.interactive ? '; every request fails' : '; claude -p exits with code 1'})`,
    fix: (a) => `Set ${a.variable} to an absolute URL such as https://gateway.example.com`,
    doc: {
      severity: 'error / warning',
      meaning:
        'The base URL that wins is not an absolute URL (`true` in settings `env` is the text "true"): `claude -p` stops with "API Error: Invalid URL" (a warning in an interactive session, where each request fails)',
      fix: 'Set an absolute `https://` URL',
    },
  },
  'settings-flag-not-regular': {
    severity: 'error',
    message: () => `Error: Cannot use settings file (Not a regular file (device, FIFO, or socket))${EXITS}`,
    doc: { meaning: '`--settings` names a FIFO, socket or device', fix: 'Use a regular file or inline JSON' },
  },
  'settings-flag-directory': {
    severity: 'error',
    message: (a) => `EISDIR: illegal operation on a directory, read (${a.file})${EXITS}`,
    doc: { meaning: '`--settings` names a directory (EISDIR)', fix: 'Name the file' },
  },
  'settings-flag-too-large': {
    severity: 'error',
    message: (a) => `Error: Settings file exceeds the 2MiB limit: ${a.file} (${a.size ?? '?'} bytes > ${a.limit})${EXITS}`,
    doc: { meaning: '`--settings` file over 2 MiB (2.1.214+)', fix: 'Make it smaller' },
  },
  'env-not-string': {
    severity: 'warning',
    message: (a) =>
      a.hasText
        ? `env.${a.variable} is ${aValueOf(a.valueType)}, not a string; Claude Code uses it as the text ${a.text === undefined ? `of ${a.textLength} characters` : JSON.stringify(a.text)}`
        : `env.${a.variable} is an object Claude Code cannot turn into text; it stops on it`,
    fix: (a) =>
      a.quotable === undefined
        ? `Write the value of ${a.variable} as a JSON string, in double quotes`
        : `Quote the value: ${JSON.stringify(a.variable)}: ${JSON.stringify(a.quotable)}`,
    doc: {
      meaning:
        'An `env` value is not a string: Claude Code takes the text `String()` gives it (`null` is "null", an object "[object Object]", an array its items joined by commas), and it wins like any value',
      fix: 'Quote it: `"NAME": "1"`',
    },
  },
  'env-not-object': {
    severity: 'warning',
    message: () => 'env must be an object of strings; it is skipped',
    doc: { meaning: '`env` is not an object: skipped', fix: 'Make it an object of strings' },
  },
  'env-ignored-in-scope': {
    severity: 'warning',
    message: (a) => `env.${a.variable} has no effect here: ${envIgnoredWhy('env-ignored-in-scope', a.variable, false)}`,
    doc: { meaning: 'Project/local files may not set this variable (user or managed only)', fix: 'Move it to user settings' },
  },
  'env-ignored-everywhere': {
    severity: 'warning',
    message: (a) => `env.${a.variable} has no effect here: ${envIgnoredWhy('env-ignored-everywhere', a.variable, false)}`,
    doc: { meaning: 'Claude Code ignores this variable in every settings file', fix: 'Set it in the shell if at all' },
  },
  'env-ignored-host-managed': {
    severity: 'warning',
    message: (a) => `env.${a.variable} has no effect here: ${envIgnoredWhy('env-ignored-host-managed', a.variable, a.modelVariable)}`,
    doc: {
      meaning: '`CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` is set: the host chooses provider, endpoint and credential',
      fix: 'Configure the embedding host instead',
    },
  },
  'env-invalid-boolean': {
    severity: 'warning',
    message: (a) => `${a.variable} is "${a.value}"; Claude Code reads only 1/true/yes/on as on and 0/false as off, so it is not on`,
    fix: (a) => `Set ${a.variable}=1 (or 0)`,
    doc: { meaning: 'A switch has a value other than `1`/`true`/`yes`/`on`/`0`/`false`: not on', fix: 'Use `1`' },
  },
  'version-not-verified': {
    severity: 'warning',
    message: (a) =>
      `Claude Code ${a.version} is newer than ${a.latest}, the newest version this library was verified against; its behaviour is predicted as ${a.latest}'s`,
    fix: (a) => `Check the result against Claude Code ${a.version} itself, or pass claudeCodeVersion: '${a.latest}'`,
    doc: {
      meaning: '`claudeCodeVersion` is newer than the newest version the recorded vectors were taken from (2.1.332)',
      fix: 'Check against that Claude Code, or model 2.1.332',
    },
  },
  'model-default-literal': {
    severity: 'warning',
    message: (a) =>
      `${a.chosenBy === 'setting' ? 'The model setting' : a.chosenBy} is "default": Claude Code sends "default" as the model name, which the API and most gateways reject; only --model default asks for the default model`,
    fix: (a) => `Remove ${a.chosenBy === 'setting' ? 'the model setting' : a.chosenBy} to get the default model, or name a model or an alias (sonnet, opus)`,
    doc: {
      meaning:
        '`ANTHROPIC_MODEL`, the `model` setting or `ANTHROPIC_DEFAULT_MODEL` is `default`: Claude Code sends the word as the model name (only `--model default` asks for the default model)',
      fix: 'Remove it, or name a model or an alias',
    },
  },
  'model-not-provider-id': {
    severity: 'warning',
    message: (a) =>
      a.reason === 'newer-than-release'
        ? `${a.id} is sent to ${a.provider} as written: Claude Code ${a.version}'s model catalog does not have it (it does from ${a.since ?? 'a later release'}), so it is not turned into ${a.provider}'s id${a.providerId !== undefined ? ` (${a.providerId})` : ''}; ${a.provider} rejects it unless the gateway maps the name`
        : a.reason === 'not-offered'
          ? `${a.id} is sent to ${a.provider} as written: Claude Code's model catalog has no ${a.provider} id for it (the model is not offered there); ${a.provider} rejects it unless the gateway maps the name`
          : `${a.id} is sent to ${a.provider} as written: it is the catalog's short name, and only the API id (${a.apiId ?? ''}) is turned into ${a.provider}'s id${a.providerId !== undefined ? ` (${a.providerId})` : ''}; ${a.provider} rejects it unless the gateway maps the name`,
    fix: (a) =>
      a.reason === 'newer-than-release'
        ? `Update Claude Code to ${a.since ?? 'a newer release'} or later, or write ${a.provider}'s id${a.providerId !== undefined ? ` (${a.providerId})` : ''} yourself`
        : a.reason === 'not-offered'
          ? `Choose a model ${a.provider} offers (an alias such as sonnet or opus gives ${a.provider}'s own target)`
          : `Write ${a.apiId ?? 'the API id'}, an alias, or ${a.provider}'s id${a.providerId !== undefined ? ` (${a.providerId})` : ''}`,
    doc: {
      meaning:
        "On Bedrock, Vertex or Mantle the model goes as written although it names an Anthropic model the provider knows by another id: the release's catalog does not have it yet, the provider does not offer it, or it is the catalog's short name",
      fix: "Update Claude Code, write the API id or an alias, or the provider's own id",
    },
  },
  'trust-pending': {
    severity: 'warning',
    message: (a) => `${a.names.join(', ')} from project or local settings wait for the workspace-trust dialog and are not applied yet`,
    fix: () => 'Accept the trust dialog once, or set these in user settings, the shell or managed settings',
    doc: { meaning: 'Project/local `env` or `apiKeyHelper` wait for the trust dialog', fix: 'Accept it, or move them to user settings' },
  },
  'bare-mode-ignored': {
    severity: 'warning',
    message: (a) =>
      a.ignored === 'apiKeyHelper'
        ? `apiKeyHelper from ${whereSet(a.scope)} is not read in a --bare session; only --settings supplies it`
        : `${a.ignored} is not read in a --bare session`,
    fix: (a) =>
      a.ignored === 'apiKeyHelper'
        ? 'Pass the helper in --settings, or authenticate with ANTHROPIC_API_KEY'
        : 'Authenticate with ANTHROPIC_API_KEY or an apiKeyHelper in --settings',
    doc: {
      meaning: 'A `--bare` session does not read this: an `apiKeyHelper` outside `--settings`, `CLAUDE_CODE_OAUTH_TOKEN`',
      fix: 'Pass the helper in `--settings`, or use `ANTHROPIC_API_KEY`',
    },
  },
  'helper-ttl-invalid': {
    severity: 'warning',
    message: (a) => `CLAUDE_CODE_API_KEY_HELPER_TTL_MS is "${a.value}", not a number of milliseconds; the default of 5 minutes applies`,
    fix: () => 'Set it to milliseconds, for example 900000 for 15 minutes',
    doc: { meaning: '`CLAUDE_CODE_API_KEY_HELPER_TTL_MS` is not a number: 5 minutes apply', fix: 'Milliseconds, e.g. 900000' },
  },
  'global-config-invalid': {
    severity: 'warning',
    message: (a) => `${a.file} is not valid JSON; trust and approvals cannot be read from it`,
    doc: { meaning: '`~/.claude.json` is not JSON: trust and approvals unknown', fix: 'Repair it' },
  },
};
