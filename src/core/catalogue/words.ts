/** Phrases the catalogue's messages share, so that one thing is always said the same way. */

/** Where a value came from, as a sentence names it: `the shell`, `--settings`, `user settings`, … */
export function whereSet(scope: string): string {
  return scope === 'shell' ? 'the shell' : scope === 'cli' ? '--settings' : `${scope} settings`;
}

/** A value's type with its article, as a sentence names it: `null`, `an array`, `an object`, `a string`, … */
export function aValueOf(valueType: string): string {
  return valueType === 'null' ? 'null' : valueType === 'array' || valueType === 'object' ? `an ${valueType}` : `a ${valueType}`;
}

/** The type of a JSON value, as {@link aValueOf} takes it: `null`, `array`, `object`, `string`, `number`, `boolean`. */
export function valueTypeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const KEY_SCOPE_WHERE: Readonly<Record<string, string>> = {
  managed: 'managed settings',
  'user-or-managed': 'user or managed settings',
  'user-local-or-managed': 'user, local or managed settings',
  'global-config': '~/.claude.json (global config)',
};

/** Where a key of a restricted scope applies from (`user-or-managed` is `user or managed settings`). */
export function keyScopeWhere(keyScope: string): string {
  return KEY_SCOPE_WHERE[keyScope] ?? `${keyScope} settings`;
}

/**
 * Why a settings file's `env` variable has no effect, by its `env-ignored-*` code: the end of that
 * diagnostic's message, and the reason the variable's overridden value gives.
 */
export function envIgnoredWhy(
  code: 'env-ignored-everywhere' | 'env-ignored-in-scope' | 'env-ignored-host-managed',
  variable: string,
  modelVariable: boolean,
): string {
  if (code === 'env-ignored-everywhere') return `Claude Code ignores ${variable} in every settings file`;
  if (code === 'env-ignored-in-scope') return `${variable} may be set only in user or managed settings`;
  return modelVariable
    ? 'CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST is set: managed-env model variables are ignored'
    : 'CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST is set: the embedding host chooses provider, endpoint and credential';
}
