/**
 * Reading settings text the way Claude Code does: strict JSON, an object at the top (§1.1, §1.8).
 * Problems become data (a diagnostic with line and column), never exceptions.
 */
import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Diagnostic, DiagnosticCode } from './types';

export interface ParsedSettings {
  /** The object, when the text is strict JSON with an object at the top. */
  value?: Record<string, unknown>;
  /** Why the whole text was rejected. */
  error?: Diagnostic;
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for keys that must never be copied onto an object built from user JSON. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

function reject(code: DiagnosticCode, message: string, path: string | undefined, text: string, offset: number): ParsedSettings {
  const { line, column } = lineColumn(text, offset);
  const d: Diagnostic = { code, severity: 'error', message, line, column };
  if (path !== undefined) d.path = path;
  return { error: d };
}

/**
 * Parses settings text as strict JSON. `JSON.parse` decides validity (it accepts exactly strict JSON);
 * jsonc-parser only locates the problem and tells comments and trailing commas apart from broken JSON.
 */
export function parseSettingsText(text: string, path?: string): ParsedSettings {
  const where = path ?? 'settings';
  if (text.charCodeAt(0) === 0xfeff) {
    return reject(
      'settings-bom',
      `${where} starts with a byte-order mark; Claude Code reads the file as invalid JSON and ignores it whole`,
      path,
      text,
      0,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return locateSyntaxError(text, path, where);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    const offset = text.length - text.trimStart().length;
    return reject('settings-not-object', `${where} holds ${kind}, not an object; Claude Code ignores it whole`, path, text, offset);
  }
  return { value: value as Record<string, unknown> };
}

function locateSyntaxError(text: string, path: string | undefined, where: string): ParsedSettings {
  if (text.trim() === '') {
    return reject('settings-empty', `${where} is empty; Claude Code reads it as invalid JSON and ignores it`, path, text, 0);
  }
  const strictErrors: ParseError[] = [];
  parseJsonc(text, strictErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lenientErrors: ParseError[] = [];
  parseJsonc(text, lenientErrors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = strictErrors[0];
  const offset = first?.offset ?? 0;
  if (lenientErrors.length === 0 && first) {
    const what = first.error === 10 /* InvalidCommentToken */ ? 'a comment' : 'a trailing comma';
    return reject(
      'settings-jsonc',
      `${where} has ${what}; settings files are strict JSON, so Claude Code ignores the whole file`,
      path,
      text,
      offset,
    );
  }
  const reason = first ? printParseErrorCode(first.error) : 'InvalidSymbol';
  return reject('settings-invalid-json', `${where} is not valid JSON (${reason}); Claude Code ignores the whole file`, path, text, offset);
}

/** Line and column of the value at a JSON path in `text`, when it is there. */
export function locateJsonPath(text: string, at: (string | number)[]): { line?: number; column?: number } {
  const tree = parseTree(text, [], { disallowComments: true });
  const node = tree ? findNodeAtLocation(tree, at) : undefined;
  if (!node) return {};
  // Point at the property name, which is where an editor's eye goes.
  const target = node.parent?.type === 'property' ? node.parent : node;
  return lineColumn(text, target.offset);
}
