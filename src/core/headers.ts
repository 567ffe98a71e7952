/**
 * `ANTHROPIC_CUSTOM_HEADERS`: one `Name: Value` pair per line (docs/behavior.md#custom-headers), and the
 * header-value check Claude Code applies from 2.1.227 (docs/behavior.md#header-value-check).
 */
import type { CustomHeader, Diagnostic, SourceRef } from './types';

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
      diagnostics.push({
        code: 'custom-headers-malformed',
        severity: 'error',
        ...scope,
        ...where,
        message: `ANTHROPIC_CUSTOM_HEADERS line ${index + 1} is not "Name: Value"`,
        fix: 'Write one "Name: Value" pair per line (\\n between pairs inside JSON strings)',
      });
      return;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!isValidHeaderName(name)) {
      diagnostics.push({
        code: 'custom-headers-invalid-name',
        severity: 'error',
        ...scope,
        ...where,
        message: `ANTHROPIC_CUSTOM_HEADERS line ${index + 1}: the header name has characters HTTP does not allow`,
      });
      return;
    }
    const key = name.toLowerCase();
    if (byName.has(key)) {
      diagnostics.push({
        code: 'custom-headers-duplicate',
        severity: 'warning',
        ...scope,
        ...where,
        message: `ANTHROPIC_CUSTOM_HEADERS sets ${name} more than once; the last value is used`,
      });
      byName.delete(key);
    }
    byName.set(key, { name, value });
  });
  const headers = [...byName.values()];
  if (options.checkValues) {
    headers.forEach((h, i) => {
      const reason = unsafeHeaderValueReason(h.value);
      if (!reason) return;
      diagnostics.push({
        code: 'custom-headers-invalid-value',
        severity: 'error',
        ...scope,
        ...where,
        message: `Invalid ANTHROPIC_CUSTOM_HEADERS: distinct header ${i + 1} of ${headers.length} (${h.name}) has ${reason}; Claude Code refuses to send the request`,
        fix: 'Remove the character from the value',
      });
    });
  }
  return { headers, diagnostics };
}

/** Formats headers back into the variable's text. */
export function formatCustomHeaders(headers: readonly CustomHeader[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}
