/**
 * `ANTHROPIC_CUSTOM_HEADERS`: one `Name: Value` pair per line (docs/behavior.md#custom-headers), and the
 * header-value check Claude Code applies from 2.1.227 (docs/behavior.md#header-value-check).
 */
import type { CustomHeader, Diagnostic, SourceRef } from './types';
import { diagnostic } from './catalogue';

/** RFC 9110 token characters. */
const HEADER_NAME_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why Claude Code refuses a header value (2.1.227+), or undefined when it is acceptable. */
export function unsafeHeaderValueReason(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10 || c === 13) return `a line break at character ${i + 1}`;
    if (c === 0) return `a NUL character at character ${i + 1}`;
    if (c > 0xff) return `a character above U+00FF at character ${i + 1}`;
  }
  return undefined;
}

/** True for an HTTP header name (RFC 9110 token characters). */
export function isValidHeaderName(name: string): boolean {
  return HEADER_NAME_RE.test(name);
}

/** The headers read from `ANTHROPIC_CUSTOM_HEADERS`, and the problems found in it. */
export interface ParsedHeaders {
  /** The headers, in order. */
  headers: CustomHeader[];
  /** Malformed lines, invalid names or values, duplicates. */
  diagnostics: Diagnostic[];
}

/**
 * Parses the variable. Names and values are trimmed; a line without a colon is reported and skipped.
 * Duplicate names (case-insensitive) keep the last value, as setting a header twice does; the
 * "distinct header" wording of Claude Code's error suggests it de-duplicates too
 * (docs/behavior.md#open-points-what-we-chose).
 */
export function parseCustomHeaders(text: string, options: { checkValues: boolean; source?: SourceRef }): ParsedHeaders {
  const diagnostics: Diagnostic[] = [];
  const where = options.source?.path ? { path: options.source.path } : {};
  const scope = options.source ? { scope: options.source.scope } : {};
  const byName = new Map<string, CustomHeader>();
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      diagnostics.push(diagnostic('custom-headers-malformed', { line: index + 1 }, { ...scope, ...where }));
      return;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!isValidHeaderName(name)) {
      diagnostics.push(diagnostic('custom-headers-invalid-name', { line: index + 1 }, { ...scope, ...where }));
      return;
    }
    const key = name.toLowerCase();
    if (byName.has(key)) {
      diagnostics.push(diagnostic('custom-headers-duplicate', { header: name }, { ...scope, ...where }));
      byName.delete(key);
    }
    byName.set(key, { name, value });
  });
  const headers = [...byName.values()];
  if (options.checkValues) {
    headers.forEach((h, i) => {
      const reason = unsafeHeaderValueReason(h.value);
      if (!reason) return;
      diagnostics.push(
        diagnostic('custom-headers-invalid-value', { index: i + 1, count: headers.length, header: h.name, problem: reason }, { ...scope, ...where }),
      );
    });
  }
  return { headers, diagnostics };
}

/** Formats headers back into the variable's text. */
export function formatCustomHeaders(headers: readonly CustomHeader[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}
