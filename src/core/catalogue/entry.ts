/** The shape of one entry of the diagnostic catalogue (src/core/catalogue/index.ts). */
import type { Severity } from '../types';

/** A value a diagnostic's message is rendered from: text already fit to show (secrets masked), a number, a flag or a list. */
export type DiagnosticArg = string | number | boolean | readonly string[] | undefined;

/** How one diagnostic code is rendered and documented. */
export interface CatalogueEntry<A> {
  /** How serious the finding is, fixed for the code or decided by its arguments. */
  severity: Severity | ((args: A) => Severity);
  /** The sentence a person reads, from the arguments. */
  message: (args: A) => string;
  /** What to do about it, from the arguments; absent when there is nothing to do. */
  fix?: (args: A) => string | undefined;
  /** The code's row in docs/diagnostics.md, in Markdown. */
  doc: {
    /** The severity column, when the severity depends on the arguments (`error / warning`). */
    severity?: string;
    /** What the code means. */
    meaning: string;
    /** The usual fix. */
    fix: string;
  };
}

/** One part of the catalogue: an entry for every code of an arguments map, and no other. */
export type Catalogue<M> = { readonly [C in keyof M]: CatalogueEntry<M[C]> };
