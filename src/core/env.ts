/**
 * The environment Claude Code's process sees (docs/behavior.md#settings-env-and-shell): per variable, the highest settings file
 * defining it wins and every settings value beats the shell (from 2.0.1; before, the shell won).
 */
import type { Diagnostic, OverriddenValue, PendingTrustValue, ResolvedVar, SettingsScope, SourceRef } from './types';
import type { ManagedEnvEntry } from './managed';
import { hasFeature } from './versions';
import { diagnostic, type DiagnosticArgsMap } from './catalogue';
import { envIgnoredWhy } from './catalogue/words';
import { IGNORED_FROM_FILES, isHostManagedVariable, isSafeBeforeTrust, isSecretVariable, USER_OR_MANAGED_ONLY_VARIABLES } from './variables';

/** One non-managed settings file's env block. */
export interface EnvLayer {
  scope: Exclude<SettingsScope, 'managed'>;
  path?: string;
  env: Record<string, string>;
  /** Project and local env waiting for workspace trust (docs/behavior.md#trust-gating). */
  pendingTrust: boolean;
}

export interface EnvInputs {
  shell: Record<string, string | undefined>;
  /** Non-managed layers, highest first. */
  layers: EnvLayer[];
  managed: Map<string, ManagedEnvEntry[]>;
  version: string;
  diagnostics: Diagnostic[];
}

export interface EnvResult {
  env: Record<string, ResolvedVar>;
  pending: PendingTrustValue[];
}

interface EnvCandidate {
  value: string;
  source: SourceRef;
  /** Set when the value is not applied. */
  reason?: string;
}

function ref(scope: SourceRef['scope'], path?: string): SourceRef {
  return path === undefined ? { scope } : { scope, path };
}

/** A settings file's `env` variable that has no effect: its diagnostic's code and arguments. */
export type EnvRefusal =
  | { code: 'env-ignored-everywhere'; args: DiagnosticArgsMap['env-ignored-everywhere'] }
  | { code: 'env-ignored-in-scope'; args: DiagnosticArgsMap['env-ignored-in-scope'] }
  | { code: 'env-ignored-host-managed'; args: DiagnosticArgsMap['env-ignored-host-managed'] };

/** Why a file may not set this variable, if it may not (docs/behavior.md#settings-env-and-shell). */
export function envRefusal(name: string, scope: SettingsScope, version: string, hostManaged: boolean): EnvRefusal | undefined {
  const ignored = IGNORED_FROM_FILES.get(name);
  if (ignored && (ignored === 'always' || hasFeature(version, ignored))) return { code: 'env-ignored-everywhere', args: { variable: name } };
  if ((scope === 'project' || scope === 'local') && USER_OR_MANAGED_ONLY_VARIABLES.has(name)) return { code: 'env-ignored-in-scope', args: { variable: name } };
  if (hostManaged && isHostManagedVariable(name)) return { code: 'env-ignored-host-managed', args: { variable: name, modelVariable: false } };
  if (hostManaged && scope === 'managed' && isHostManagedModelVariable(name))
    return { code: 'env-ignored-host-managed', args: { variable: name, modelVariable: true } };
  return undefined;
}

/** {@link envRefusal} in words (the reason a refused value gives), if the file may not set the variable. */
export function fileRefusal(name: string, scope: SettingsScope, version: string, hostManaged: boolean): string | undefined {
  const r = envRefusal(name, scope, version, hostManaged);
  return r && refusalWords(r);
}

function refusalWords(r: EnvRefusal): string {
  return envIgnoredWhy(r.code, r.args.variable, r.code === 'env-ignored-host-managed' && r.args.modelVariable);
}

/** With a host-managed provider, managed-env `ANTHROPIC_MODEL` and `ANTHROPIC_DEFAULT_*_MODEL` are ignored. */
function isHostManagedModelVariable(name: string): boolean {
  return name === 'ANTHROPIC_MODEL' || /^ANTHROPIC_DEFAULT_[A-Z0-9_]+_MODEL$/.test(name);
}

export function resolveEnv(input: EnvInputs): EnvResult {
  const { version, diagnostics } = input;
  const hostManaged = (input.shell['CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST'] ?? '') !== '';
  const byName = new Map<string, EnvCandidate[]>();
  const pending: PendingTrustValue[] = [];
  const add = (name: string, c: EnvCandidate): void => {
    const list = byName.get(name);
    if (list) list.push(c);
    else byName.set(name, [c]);
  };
  const refuse = (name: string, c: EnvCandidate, scope: SettingsScope): boolean => {
    const r = envRefusal(name, scope, version, hostManaged);
    if (!r) return false;
    add(name, { ...c, reason: refusalWords(r) });
    diagnostics.push(diagnostic(r.code, r.args, c.source.path ? { scope, path: c.source.path } : { scope }));
    return true;
  };

  for (const [name, entries] of input.managed) {
    for (const e of entries) {
      const c: EnvCandidate = e.applied ? { value: e.value, source: e.source } : { value: e.value, source: e.source, reason: e.reason ?? 'not applied' };
      if (!e.applied || !refuse(name, c, 'managed')) add(name, c);
    }
  }
  for (const layer of input.layers) {
    // One source object per file, shared by its variables.
    const source = ref(layer.scope, layer.path);
    const env = layer.env;
    for (const name of Object.keys(env)) {
      const value = env[name] as string;
      const c: EnvCandidate = { value, source };
      if (refuse(name, c, layer.scope)) continue;
      if (layer.pendingTrust && !isSafeBeforeTrust(name)) {
        pending.push({ kind: 'env', name, value, source });
        add(name, { value, source, reason: 'waiting for workspace trust' });
        continue;
      }
      add(name, c);
    }
  }
  const shellFirst = !hasFeature(version, 'settingsEnvBeatsShell');
  const shell = input.shell;
  for (const name of Object.keys(shell)) {
    const value = shell[name];
    if (value === undefined) continue;
    const c: EnvCandidate = { value, source: { scope: 'shell' } };
    const list = byName.get(name);
    if (list && shellFirst) list.unshift(c);
    else add(name, c);
  }

  const env: Record<string, ResolvedVar> = {};
  for (const [name, list] of byName) {
    let winner: EnvCandidate | undefined;
    for (const c of list) {
      if (c.reason === undefined) {
        winner = c;
        break;
      }
    }
    if (!winner) continue;
    const overridden: OverriddenValue[] = [];
    let secret = isSecretVariable(name, winner.value);
    for (const c of list) {
      if (c === winner) continue;
      overridden.push({ value: c.value, source: c.source, reason: c.reason ?? overrideReason(winner.source, c.source, shellFirst) });
      if (!secret) secret = isSecretVariable(name, c.value);
    }
    const resolved: ResolvedVar = { name, value: winner.value, source: winner.source, overridden, secret };
    // An own property even for a variable named `__proto__`: plain assignment would replace the prototype.
    if (name === '__proto__') Object.defineProperty(env, name, { value: resolved, enumerable: true, writable: true, configurable: true });
    else env[name] = resolved;
  }
  return { env, pending };
}

/** The rule by which `winner` beats `loser`, in words. */
export function overrideReason(winner: SourceRef, loser: SourceRef, shellFirst = false): string {
  if (winner.scope === 'shell') return shellFirst ? 'before 2.0.1 the shell beat settings env' : 'the shell value applies';
  if (loser.scope === 'shell') return 'settings env beats the shell (since 2.0.1)';
  if (winner.scope === loser.scope) {
    if (winner.scope === 'local') return 'the local file at the repository root beats the leftover one in the start directory';
    return 'a higher managed source wins';
  }
  return `${winner.scope} settings beat ${loser.scope} settings (managed > --settings > local > project > user)`;
}

/** The variable when it holds something: an empty value counts as unset. */
export function nonEmptyVar(env: Readonly<Record<string, ResolvedVar>>, name: string): ResolvedVar | undefined {
  const v = Object.hasOwn(env, name) ? env[name] : undefined;
  return v !== undefined && v.value !== '' ? v : undefined;
}
