import type { Diagnostic, ResolvedVar } from '../types';
import { nonEmptyVar } from '../env';

/** A diagnostic about a variable, placed at the file it came from. */
export function at(v: ResolvedVar | undefined, d: Omit<Diagnostic, 'scope' | 'path'>): Diagnostic {
  const out: Diagnostic = { ...d };
  if (v) {
    out.scope = v.source.scope;
    if (v.source.path) out.path = v.source.path;
  }
  return out;
}

/**
 * A URL fit for a message: any user information (`user:password@`, `token@`) replaced, so that a
 * password in the base URL never reaches a diagnostic or an explanation.
 */
export function shownUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#@\s]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}<redacted>@`);
}

export function value(env: Record<string, ResolvedVar>, name: string): string | undefined {
  return nonEmptyVar(env, name)?.value;
}
