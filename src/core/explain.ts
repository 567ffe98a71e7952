/** `explain(config, name)`: who decided a value, and by which rule, in plain words (§2). */
import { stricterRule } from './stricter';
import type { EffectiveConfig, Explanation, SourceRef } from './types';
import { maskSecret, isSecretVariable } from './variables';
import { hasFeature } from './versions';

/** A source as a person reads it: `user settings (/home/a/.claude/settings.json)`. */
export function describeSource(s: SourceRef): string {
  const names: Record<SourceRef['scope'], string> = {
    managed: 'managed settings',
    cli: '--settings',
    local: 'local settings',
    project: 'project settings',
    user: 'user settings',
    shell: 'the shell environment',
  };
  const origin = s.origin ? ` [${s.origin}]` : '';
  return `${names[s.scope]}${origin}${s.path ? ` (${s.path})` : ''}`;
}

function show(name: string, value: unknown, showSecrets: boolean): string {
  if (typeof value === 'string' && !showSecrets && isSecretVariable(name, value)) return maskSecret(value);
  // The `env` key holds variables: mask the secret ones inside it too.
  if (name === 'env' && !showSecrets && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const masked = Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && isSecretVariable(k, v) ? maskSecret(v) : v] as const);
    return JSON.stringify(Object.fromEntries(masked));
  }
  return JSON.stringify(value);
}

function winnerRule(config: EffectiveConfig, source: SourceRef, hasOverridden: boolean): string {
  const v = config.claudeCodeVersion;
  if (source.scope === 'managed') {
    const origin = config.managedOrigin ?? source.origin ?? 'managed';
    return hasFeature(v, 'managedEnvMerge')
      ? `managed settings beat every other source; managed: ${origin} wins; env merged per variable across admin sources since 2.1.223`
      : `managed settings beat every other source; managed: ${origin} wins; before 2.1.223 only its env applies`;
  }
  if (source.scope === 'shell') {
    if (!hasOverridden) return 'no settings file sets it, so the shell value applies';
    return hasFeature(v, 'settingsEnvBeatsShell')
      ? 'the settings values listed are not applied here, so the shell value applies'
      : 'before 2.0.1 the shell beat settings env';
  }
  return hasOverridden
    ? 'settings env beats the shell; between files: managed > --settings > local > project > user'
    : `only ${describeSource(source)} sets it`;
}

/**
 * Explains one environment variable or top-level settings key. Values of secret variables are
 * masked unless `showSecrets` is set.
 */
export function explain(config: EffectiveConfig, name: string, options: { showSecrets?: boolean } = {}): Explanation {
  const showSecrets = options.showSecrets === true;
  // Own properties only: a name like `toString` must not find Object.prototype's.
  const v = Object.hasOwn(config.env, name) ? config.env[name] : undefined;
  if (v) {
    const overridden = v.overridden.map((o) => ({
      value: showSecrets || !v.secret ? o.value : maskSecret(o.value),
      source: o.source,
      reason: o.reason,
    }));
    const rule = winnerRule(config, v.source, overridden.length > 0);
    const value = showSecrets || !v.secret ? v.value : maskSecret(v.value);
    const lines = [
      `${name} = ${showSecrets || !v.secret ? JSON.stringify(v.value) : value}`,
      `  from ${describeSource(v.source)}`,
      `  rule: ${rule}`,
      ...overridden.map((o) => `  not used: ${showSecrets || !v.secret ? JSON.stringify(o.value) : o.value} from ${describeSource(o.source)}: ${o.reason}`),
    ];
    return { name, kind: 'env', value, source: v.source, overridden, rule, text: lines.join('\n') };
  }
  const pending = config.pendingTrust.filter((p) => p.name === name);
  const k = Object.hasOwn(config.keys, name) ? config.keys[name] : undefined;
  if (k) {
    const rule =
      k.merge === 'stricter-wins'
        ? (stricterRule(name) ?? 'a stricter value wins')
        : k.merge === 'managed-as-is'
        ? 'a managed availableModels is used as-is; lower levels cannot extend it'
        : k.merge === 'concat'
          ? 'lists from every level are concatenated and de-duplicated'
          : k.merge === 'deep'
            ? 'objects merge key by key; the higher level wins each key'
            : k.contributors.length > 1
              ? 'the highest level that sets it wins (managed > --settings > local > project > user)'
              : `only ${describeSource(k.source)} sets it`;
    const others = k.merge === 'stricter-wins' ? k.contributors.filter((c) => c.source !== k.source) : k.contributors.slice(1);
    const reasonOf = (c: (typeof k.contributors)[number]): string =>
      k.merge === 'stricter-wins'
        ? c.value === k.value
          ? 'the same value'
          : 'the stricter value wins'
        : k.merge === 'replace' || k.merge === 'managed-as-is'
          ? 'a higher level sets it'
          : 'merged into the value';
    const overridden = others.map((c) => ({ value: show(name, c.value, showSecrets), source: c.source, reason: reasonOf(c) }));
    const value = show(name, k.value, showSecrets);
    const lines = [`${name} = ${value}`, `  from ${describeSource(k.source)}`, `  rule: ${rule}`, ...overridden.map((o) => `  also: ${o.value} from ${describeSource(o.source)}: ${o.reason}`)];
    return { name, kind: 'setting', value, source: k.source, overridden, rule, text: lines.join('\n') };
  }
  if (pending.length > 0) {
    const rule = 'project and local env and apiKeyHelper wait for the workspace-trust dialog in interactive sessions';
    const overridden = pending.map((p) => ({ value: showSecrets ? p.value : maskSecret(p.value), source: p.source, reason: 'waiting for workspace trust' }));
    return { name, kind: pending[0]?.kind === 'apiKeyHelper' ? 'setting' : 'env', overridden, rule, text: [`${name} is not set yet`, `  rule: ${rule}`, ...overridden.map((o) => `  pending: ${o.value} from ${describeSource(o.source)}`)].join('\n') };
  }
  return { name, kind: 'unknown', overridden: [], rule: 'no source sets it', text: `${name} is not set by any source` };
}
