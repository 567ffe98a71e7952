/** Diagnostic catalogue: reading settings files and the env block. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';

/** The arguments of each settings diagnostic's message. */
export interface SettingsArgs {
  'settings-invalid-json': Unconverted;
  'settings-jsonc': Unconverted;
  'settings-bom': Unconverted;
  'settings-not-object': Unconverted;
  'settings-empty': Unconverted;
  'settings-unreadable': Unconverted;
  'settings-invalid-entry': Unconverted;
  'settings-unsafe-key': Unconverted;
  'settings-too-deep': Unconverted;
  'settings-duplicate-key': Unconverted;
  'settings-key-out-of-scope': Unconverted;
  'settings-flag-not-found': Unconverted;
  'settings-flag-invalid-json': Unconverted;
  'base-url-invalid': Unconverted;
  'settings-flag-not-regular': Unconverted;
  'settings-flag-directory': Unconverted;
  'settings-flag-too-large': Unconverted;
  'env-not-string': Unconverted;
  'env-not-object': Unconverted;
  'env-ignored-in-scope': Unconverted;
  'env-ignored-everywhere': Unconverted;
  'env-ignored-host-managed': Unconverted;
  'env-invalid-boolean': Unconverted;
  'version-not-verified': Unconverted;
  'model-default-literal': Unconverted;
  'trust-pending': Unconverted;
  'bare-mode-ignored': Unconverted;
  'helper-ttl-invalid': Unconverted;
  'global-config-invalid': Unconverted;
}

/** Reading settings files and the env block. */
export const SETTINGS: Catalogue<SettingsArgs> = {
  'settings-invalid-json': {
    severity: 'error',
    doc: { meaning: "A settings file is not valid JSON: Claude Code ignores it whole", fix: "Fix the JSON at the line and column given" },
  },
  'settings-jsonc': {
    severity: 'error',
    doc: { meaning: "A settings file has a comment or a trailing comma: ignored whole", fix: "Remove them (or `planEdit(..., { convertJsonc: true })`)" },
  },
  'settings-bom': {
    severity: 'warning',
    doc: { meaning: "A file starts with a UTF-8 byte-order mark: read by current Claude Code, rejected by older ones and by Claude Desktop", fix: "Save as UTF-8 without BOM" },
  },
  'settings-not-object': {
    severity: 'error',
    doc: { meaning: "The top level is not an object: ignored whole", fix: "Wrap the settings in `{ }`" },
  },
  'settings-empty': {
    severity: 'error',
    doc: { meaning: "The file is empty: not JSON, ignored", fix: "Put `{}` in it or delete it" },
  },
  'settings-unreadable': {
    severity: 'error',
    doc: { meaning: "The file cannot be read (permissions, not a file)", fix: "Fix its permissions" },
  },
  'settings-invalid-entry': {
    severity: 'warning',
    doc: { meaning: "A known key has the wrong type: that entry is skipped", fix: "Fix the value (the message says how)" },
  },
  'settings-unsafe-key': {
    severity: 'warning',
    doc: { meaning: "`__proto__`, `constructor` or `prototype` as a key: left out", fix: "Remove the key" },
  },
  'settings-too-deep': {
    severity: 'error',
    doc: { meaning: "A top-level key (or one `env` variable) nests objects or arrays more than 100 levels deep: that entry is left out, the rest of the file applies; Claude Code may still read it, so the report can differ for that key", fix: "Flatten or remove the value" },
  },
  'settings-duplicate-key': {
    severity: 'warning',
    doc: { meaning: "A key appears twice in one object; Claude Code (`JSON.parse`) reads the last one", fix: "Remove the earlier copy" },
  },
  'settings-key-out-of-scope': {
    severity: 'warning',
    doc: { meaning: "A key set where Claude Code does not read it ([key scopes](behavior.md#key-scopes)): a managed-only key in user settings, a user-or-managed key in project settings, a global-config key in any settings file, `forceLoginGatewayUrl` from HKCU or server-managed", fix: "Move it to a scope that applies (the message names it)" },
  },
  'settings-flag-not-found': {
    severity: 'error',
    doc: { meaning: "`--settings` names a file that does not exist (text not between braces is taken as a file name): Claude Code refuses to start", fix: "Fix the path, or pass a JSON object" },
  },
  'settings-flag-invalid-json': {
    severity: 'error',
    doc: { meaning: "Inline `--settings` text between braces is not strict JSON (a comment, a trailing comma): Claude Code refuses to start", fix: "Pass strict JSON" },
  },
  'base-url-invalid': {
    severity: 'error',
    doc: { meaning: "The base URL that wins is not an absolute URL (`true` in settings `env` is the text \"true\"): `claude -p` stops with \"API Error: Invalid URL\" (a warning in an interactive session, where each request fails)", fix: "Set an absolute `https://` URL" },
  },
  'settings-flag-not-regular': {
    severity: 'error',
    doc: { meaning: "`--settings` names a FIFO, socket or device", fix: "Use a regular file or inline JSON" },
  },
  'settings-flag-directory': {
    severity: 'error',
    doc: { meaning: "`--settings` names a directory (EISDIR)", fix: "Name the file" },
  },
  'settings-flag-too-large': {
    severity: 'error',
    doc: { meaning: "`--settings` file over 2 MiB (2.1.214+)", fix: "Make it smaller" },
  },
  'env-not-string': {
    severity: 'warning',
    doc: { meaning: "An `env` value is not a string: Claude Code takes the text `String()` gives it (`null` is \"null\", an object \"[object Object]\", an array its items joined by commas), and it wins like any value", fix: "Quote it: `\"NAME\": \"1\"`" },
  },
  'env-not-object': {
    severity: 'warning',
    doc: { meaning: "`env` is not an object: skipped", fix: "Make it an object of strings" },
  },
  'env-ignored-in-scope': {
    severity: 'warning',
    doc: { meaning: "Project/local files may not set this variable (user or managed only)", fix: "Move it to user settings" },
  },
  'env-ignored-everywhere': {
    severity: 'warning',
    doc: { meaning: "Claude Code ignores this variable in every settings file", fix: "Set it in the shell if at all" },
  },
  'env-ignored-host-managed': {
    severity: 'warning',
    doc: { meaning: "`CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` is set: the host chooses provider, endpoint and credential", fix: "Configure the embedding host instead" },
  },
  'env-invalid-boolean': {
    severity: 'warning',
    doc: { meaning: "A switch has a value other than `1`/`true`/`yes`/`on`/`0`/`false`: not on", fix: "Use `1`" },
  },
  'version-not-verified': {
    severity: 'warning',
    doc: { meaning: "`claudeCodeVersion` is newer than the newest version the recorded vectors were taken from (2.1.332)", fix: "Check against that Claude Code, or model 2.1.332" },
  },
  'model-default-literal': {
    severity: 'warning',
    doc: { meaning: "`ANTHROPIC_MODEL`, the `model` setting or `ANTHROPIC_DEFAULT_MODEL` is `default`: Claude Code sends the word as the model name (only `--model default` asks for the default model)", fix: "Remove it, or name a model or an alias" },
  },
  'trust-pending': {
    severity: 'warning',
    doc: { meaning: "Project/local `env` or `apiKeyHelper` wait for the trust dialog", fix: "Accept it, or move them to user settings" },
  },
  'bare-mode-ignored': {
    severity: 'warning',
    doc: { meaning: "A `--bare` session does not read this: an `apiKeyHelper` outside `--settings`, `CLAUDE_CODE_OAUTH_TOKEN`", fix: "Pass the helper in `--settings`, or use `ANTHROPIC_API_KEY`" },
  },
  'helper-ttl-invalid': {
    severity: 'warning',
    doc: { meaning: "`CLAUDE_CODE_API_KEY_HELPER_TTL_MS` is not a number: 5 minutes apply", fix: "Milliseconds, e.g. 900000" },
  },
  'global-config-invalid': {
    severity: 'warning',
    doc: { meaning: "`~/.claude.json` is not JSON: trust and approvals unknown", fix: "Repair it" },
  },
};
