/**
 * The diagnostic catalogue: every code this library emits, with the arguments its message is
 * rendered from, its severity, its message, its fix and its row in docs/diagnostics.md. Sites build
 * diagnostics with {@link diagnostic} (a code and typed arguments), never with sentences of their own;
 * tests assert codes and arguments; the documentation table is generated from here.
 */
import type { Diagnostic, Severity, SourceRef } from '../types';
import type { CatalogueEntry, DiagnosticArg } from './entry';
import { CREDENTIAL, type CredentialArgs } from './credential';
import { DOCTOR, type DoctorArgs } from './doctor';
import { GENERATE, type GenerateArgs } from './generate';
import { MANAGED, type ManagedArgs } from './managed';
import { SETTINGS, type SettingsArgs } from './settings';
import { WRITE, type WriteArgs } from './write';

export type { DiagnosticArg } from './entry';

/** The arguments of every diagnostic code's message, by code. `DiagnosticCode` is its keys. */
export interface DiagnosticArgsMap extends SettingsArgs, CredentialArgs, ManagedArgs, WriteArgs, GenerateArgs, DoctorArgs {}

/** Every code, with how it is rendered and documented (read-only; for tools that render or translate diagnostics). */
export const DIAGNOSTIC_CATALOGUE: { readonly [C in keyof DiagnosticArgsMap]: CatalogueEntry<DiagnosticArgsMap[C]> } = {
  ...SETTINGS,
  ...CREDENTIAL,
  ...MANAGED,
  ...WRITE,
  ...GENERATE,
  ...DOCTOR,
};

/** Where a diagnostic points, and the edit that fixes it: everything but what the catalogue renders. */
export type DiagnosticPlace = Pick<Diagnostic, 'scope' | 'path' | 'line' | 'column' | 'fixEdit'>;

/** A diagnostic of one code, with its arguments typed. */
export type DiagnosticOf<C extends keyof DiagnosticArgsMap> = Diagnostic & {
  /** The code. */
  code: C;
  /** The arguments its message was rendered from. */
  args: DiagnosticArgsMap[C];
};

/** Whether `d` has the code `code`, narrowing its `args` to that code's arguments. */
export function isDiagnostic<C extends keyof DiagnosticArgsMap>(d: Diagnostic, code: C): d is DiagnosticOf<C> {
  return d.code === code;
}

/** Where a value came from, as a diagnostic's place: its scope, and its file when it came from one. */
export function sourcePlace(source: SourceRef): DiagnosticPlace {
  return source.path === undefined ? { scope: source.scope } : { scope: source.scope, path: source.path };
}

function defined<T extends object>(place: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(place) as [keyof T, T[keyof T]][]) if (v !== undefined) out[k] = v;
  return out;
}

/** The severity a code has for these arguments. */
export function diagnosticSeverity<C extends keyof DiagnosticArgsMap>(code: C, args: DiagnosticArgsMap[C]): Severity {
  const { severity } = DIAGNOSTIC_CATALOGUE[code] as CatalogueEntry<DiagnosticArgsMap[C]>;
  return typeof severity === 'function' ? severity(args) : severity;
}

/**
 * Builds a diagnostic from its code and arguments: severity, message and fix come from the catalogue,
 * the place (file, line, column, the fix as an edit) from the caller. Arguments must already be fit
 * to show (URLs through the masking helpers, secret values never).
 */
export function diagnostic<C extends keyof DiagnosticArgsMap>(code: C, args: DiagnosticArgsMap[C], place: DiagnosticPlace = {}): Diagnostic {
  const entry = DIAGNOSTIC_CATALOGUE[code] as CatalogueEntry<DiagnosticArgsMap[C]>;
  const fix = entry.fix?.(args);
  const out: Diagnostic = {
    code,
    severity: diagnosticSeverity(code, args),
    message: entry.message(args),
    ...defined(place),
    args: args as Readonly<Record<string, DiagnosticArg>>,
  };
  if (fix !== undefined) out.fix = fix;
  return out;
}
