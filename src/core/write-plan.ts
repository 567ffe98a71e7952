/**
 * Pure decisions of a settings write: which credentials it carries, where each scope's file is,
 * and whether a higher source shadows what is written.
 */
import type { Diagnostic, EffectiveConfig, Scope } from './types';
import type { EditOp } from './edit';
import { isSecretVariable } from './variables';
import { describeSource } from './explain';
import { diagnostic } from './catalogue';

/** The places a writer can write to. */
export type WriteScope = 'user' | 'project' | 'local' | 'managed' | 'managed-drop-in' | 'cli';

/** A credential an edit would put into a file. */
export interface CredentialInEdit {
  /** `env.ANTHROPIC_AUTH_TOKEN`, `env.ANTHROPIC_CUSTOM_HEADERS`, ... */
  path: string;
  /** The credential variable the edit sets. */
  variable: string;
}

/** Every credential the set operations carry: credential variables, and custom headers or proxy URLs holding one. */
export function credentialsIn(ops: readonly EditOp[]): CredentialInEdit[] {
  const out: CredentialInEdit[] = [];
  for (const op of ops) {
    if (op.op !== 'set' || op.path[0] !== 'env') continue;
    if (op.path.length === 2 && typeof op.path[1] === 'string' && typeof op.value === 'string') {
      if (isSecretVariable(op.path[1], op.value)) out.push({ path: `env.${op.path[1]}`, variable: op.path[1] });
    } else if (op.path.length === 1 && op.value && typeof op.value === 'object') {
      for (const [name, value] of Object.entries(op.value)) {
        if (typeof value === 'string' && isSecretVariable(name, value)) out.push({ path: `env.${name}`, variable: name });
      }
    }
  }
  return out;
}

const RANK: Readonly<Record<Scope, number>> = { managed: 5, cli: 4, local: 3, project: 2, user: 1, shell: 0 };

function scopeOf(target: WriteScope): Scope {
  return target === 'managed-drop-in' ? 'managed' : target;
}

/**
 * Warnings for writes that will not take effect because a higher source sets the same variable or
 * key (managed > --settings > local > project > user): "ANTHROPIC_BASE_URL is set in managed
 * settings (...), which wins". What else keeps a write from taking effect (the shell before 2.0.1,
 * workspace trust, the credential order, a cloud provider) is `writeEffectWarnings` in
 * `write-warnings.ts`, judged on the configuration after the write.
 */
export function shadowWarnings(config: EffectiveConfig, target: WriteScope, ops: readonly EditOp[]): Diagnostic[] {
  const mine = RANK[scopeOf(target)];
  const out: Diagnostic[] = [];
  // Only one managed source applies; the files lose to server-managed, plist and HKLM policy (docs/behavior.md#managed-precedence).
  const origin = config.managedOrigin;
  if (scopeOf(target) === 'managed' && origin && origin !== 'file' && origin !== 'drop-ins' && origin !== 'file + drop-ins') {
    out.push(diagnostic('write-shadowed', { managedOrigin: origin }));
  }
  // A whole `env` object is one write per variable: env merges per variable across levels.
  const sets = ops.flatMap((op): EditOp[] =>
    op.op === 'set' && op.path.length === 1 && op.path[0] === 'env' && op.value !== null && typeof op.value === 'object' && !Array.isArray(op.value)
      ? Object.keys(op.value).map((name) => ({ op: 'set', path: ['env', name], value: (op.value as Record<string, unknown>)[name] }))
      : [op],
  );
  for (const op of sets) {
    if (op.op !== 'set') continue;
    const [first, second] = op.path;
    const winner =
      first === 'env' && typeof second === 'string' && op.path.length === 2
        ? Object.hasOwn(config.env, second)
          ? config.env[second]?.source
          : undefined
        : typeof first === 'string' && op.path.length === 1 && Object.hasOwn(config.keys, first)
          ? config.keys[first]?.source
          : undefined;
    if (!winner || RANK[winner.scope] <= mine) continue;
    // Lists and objects merge across levels; only a replaced value is shadowed.
    if (first !== 'env' && typeof first === 'string' && config.keys[first]?.merge !== 'replace') continue;
    const name = first === 'env' ? String(second) : String(first);
    out.push(diagnostic('write-shadowed', { setting: name, winner: describeSource(winner), target: `${scopeOf(target)} settings` }));
  }
  return out;
}
