import type { Diagnostic, ResolvedVar } from '../types';

/** A diagnostic about a variable, placed at the file it came from. */
export function at(v: ResolvedVar | undefined, d: Omit<Diagnostic, 'scope' | 'path'>): Diagnostic {
  const out: Diagnostic = { ...d };
  if (v) {
    out.scope = v.source.scope;
    if (v.source.path) out.path = v.source.path;
  }
  return out;
}

export function value(env: Record<string, ResolvedVar>, name: string): string | undefined {
  const v = Object.hasOwn(env, name) ? env[name] : undefined;
  return v && v.value !== '' ? v.value : undefined;
}
