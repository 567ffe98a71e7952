/** `explain(config, name)`: who decided a value, and by which rule, in plain words (docs/behavior.md#which-value-wins). */
import { stricterRule } from './stricter';
import type { EffectiveConfig, Explanation, SourceRef } from './types';
import { createRedactor, maskValue, REDACTED, secretValuesOf } from './redact';
import { isCredentialVariable } from './variables';
import { hasFeature } from './versions';
import { describeSessionModel } from './model';

/** For the variables and the setting that choose the session model: the model Claude Code requests, and why. */
function modelLine(config: EffectiveConfig, name: string): string | undefined {
  if (!Object.hasOwn(config, 'model')) return undefined;
  if (name !== 'model' && name !== 'ANTHROPIC_MODEL' && !/^ANTHROPIC_DEFAULT_(?:SONNET_|OPUS_|HAIKU_|FABLE_)?MODEL$/.test(name)) return undefined;
  const line = `  session model: ${describeSessionModel(config.model)}`;
  const lost = config.model.overridden.find((o) => (name === 'model' ? o.chosenBy === 'setting' : o.chosenBy === name));
  return lost ? `${line}\n  ${name} does not choose it: ${lost.reason}` : line;
}

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

/** A settings key's value as printed: the `env` key's secret entries masked unless `showSecrets`. */
function show(name: string, value: unknown, showSecrets: boolean): string {
  if (showSecrets) return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(maskValue(name, value));
  // The `env` key holds variables: mask the secret ones inside it too.
  if (name === 'env' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const masked = Object.entries(value).map(
      ([k, v]) => [k, typeof v === 'string' ? maskValue(k, v) : v !== null && v !== undefined && isCredentialVariable(k, 'x') ? REDACTED : v] as const,
    );
    return JSON.stringify(Object.fromEntries(masked));
  }
  return JSON.stringify(value);
}

/** A variable's value as printed in the text: JSON-quoted, or a bare `<redacted: N chars>` for a whole credential. */
function quoted(name: string, value: string, showSecrets: boolean): string {
  if (showSecrets) return JSON.stringify(value);
  const masked = maskValue(name, value);
  return masked !== value && masked.startsWith('<redacted') ? masked : JSON.stringify(masked);
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
 * For a credential variable or `apiKeyHelper`: the headers it is sent in, or, when it is present but
 * fills neither, what does. Claude Code fills `authorization` and `x-api-key` independently
 * (docs/behavior.md#credential-headers, vectors cred-token-and-key-shell, cred-helper-token-key).
 */
function credentialLine(config: EffectiveConfig, name: string): string | undefined {
  const headers = Array.isArray(config.credentialHeaders) ? config.credentialHeaders : [];
  const label = (h: string): string => (h === 'authorization' ? 'authorization: Bearer' : h);
  const mine = headers.filter((h) => h.variable === name);
  if (mine.length > 0) return `  sent in: ${mine.map((h) => label(h.header)).join(' and ')}`;
  if (!config.credential.outranked.some((o) => o.variable === name)) return undefined;
  const fillers = headers.map((h) => `${label(h.header)} carries ${h.variable ?? h.mechanism ?? h.kind}`);
  return `  not sent: ${fillers.length > 0 ? fillers.join(', ') : 'no credential header is sent'}`;
}

/**
 * Explains one environment variable or top-level settings key. Unless `showSecrets` is set, values
 * are masked as `formatEffectiveConfig` masks them (credential variables whole, URLs and header
 * lines in part) and any known credential of the configuration is masked wherever it appears.
 */
export function explain(config: EffectiveConfig, name: string, options: { showSecrets?: boolean } = {}): Explanation {
  const showSecrets = options.showSecrets === true;
  // A second line of defence: any known credential of the configuration, wherever it appears.
  const redacted = (e: Explanation): Explanation => (showSecrets ? e : createRedactor(secretValuesOf(config)).value(e));
  // Own properties only: a name like `toString` must not find Object.prototype's.
  const v = Object.hasOwn(config.env, name) ? config.env[name] : undefined;
  if (v) {
    const overridden = v.overridden.map((o) => ({
      value: showSecrets ? o.value : maskValue(name, o.value),
      source: o.source,
      reason: o.reason,
    }));
    const rule = winnerRule(config, v.source, overridden.length > 0);
    const value = showSecrets ? v.value : maskValue(name, v.value);
    const lines = [
      `${name} = ${quoted(name, v.value, showSecrets)}`,
      `  from ${describeSource(v.source)}`,
      `  rule: ${rule}`,
      ...v.overridden.map((o) => `  not used: ${quoted(name, o.value, showSecrets)} from ${describeSource(o.source)}: ${o.reason}`),
    ];
    const sent = credentialLine(config, name);
    if (sent) lines.push(sent);
    const model = modelLine(config, name);
    if (model) lines.push(model);
    return redacted({ name, kind: 'env', value, source: v.source, overridden, rule, text: lines.join('\n') });
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
    const lines = [
      `${name} = ${value}`,
      `  from ${describeSource(k.source)}`,
      `  rule: ${rule}`,
      ...overridden.map((o) => `  also: ${o.value} from ${describeSource(o.source)}: ${o.reason}`),
    ];
    const sent = name === 'apiKeyHelper' ? credentialLine(config, name) : undefined;
    if (sent) lines.push(sent);
    const model = modelLine(config, name);
    if (model) lines.push(model);
    return redacted({ name, kind: 'setting', value, source: k.source, overridden, rule, text: lines.join('\n') });
  }
  if (pending.length > 0) {
    const rule = 'project and local env and apiKeyHelper wait for the workspace-trust dialog in interactive sessions';
    const overridden = pending.map((p) => ({
      value: showSecrets ? p.value : p.kind === 'env' ? maskValue(p.name, p.value) : p.value,
      source: p.source,
      reason: 'waiting for workspace trust',
    }));
    return redacted({
      name,
      kind: pending[0]?.kind === 'apiKeyHelper' ? 'setting' : 'env',
      overridden,
      rule,
      text: [`${name} is not set yet`, `  rule: ${rule}`, ...overridden.map((o) => `  pending: ${o.value} from ${describeSource(o.source)}`)].join('\n'),
    });
  }
  const model = modelLine(config, name);
  return { name, kind: 'unknown', overridden: [], rule: 'no source sets it', text: `${name} is not set by any source${model ? `\n${model}` : ''}` };
}
