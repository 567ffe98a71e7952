/**
 * Reading settings text the way Claude Code does: strict JSON, an object at the top (§1.1, §1.8).
 * Problems become data (a diagnostic with line and column), never exceptions.
 */
import { createScanner, findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Diagnostic, DiagnosticCode } from './types';

export interface ParsedSettings {
  /** The object, when the text is strict JSON with an object at the top. */
  value?: Record<string, unknown>;
  /** Why the whole text was rejected. */
  error?: Diagnostic;
  /** Problems that do not reject the text (a byte-order mark). */
  warnings: Diagnostic[];
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

function located(code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string | undefined, text: string, offset: number): Diagnostic {
  const { line, column } = lineColumn(text, offset);
  const d: Diagnostic = { code, severity, message, line, column };
  if (path !== undefined) d.path = path;
  return d;
}

function reject(code: DiagnosticCode, message: string, path: string | undefined, text: string, offset: number): ParsedSettings {
  return { error: located(code, 'error', message, path, text, offset), warnings: [] };
}

// jsonc-parser's SyntaxKind is an ambient const enum, which verbatimModuleSyntax cannot read.
const Kind = { CloseBrace: 2, CloseBracket: 4, Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const;

/** Offsets of every comma that stands right before a closing brace or bracket (comments skipped). */
export function trailingCommaOffsets(text: string): number[] {
  const scanner = createScanner(text, false);
  const out: number[] = [];
  let pendingComma = -1;
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.Trivia || kind === Kind.LineBreak || kind === Kind.LineComment || kind === Kind.BlockComment) continue;
    if ((kind === Kind.CloseBrace || kind === Kind.CloseBracket) && pendingComma >= 0) out.push(pendingComma);
    pendingComma = kind === Kind.Comma ? scanner.getTokenOffset() : -1;
  }
  return out;
}

/**
 * Parses settings text as strict JSON. `JSON.parse` decides validity (it accepts exactly strict JSON);
 * jsonc-parser only locates the problem and tells comments and trailing commas apart from broken JSON.
 */
export function parseSettingsText(text: string, path?: string): ParsedSettings {
  const where = path ?? 'settings';
  const warnings: Diagnostic[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    // Current Claude Code reads past a BOM; 2.0-era builds, Claude Desktop and many tools do not (docs/behavior.md).
    warnings.push(
      located('settings-bom', 'warning', `${where} starts with a UTF-8 byte-order mark; Claude Code reads it, but older versions, Claude Desktop and other tools reject the file`, path, text, 0),
    );
    const parsed = parseSettingsText(text.slice(1), path);
    if (parsed.error?.column !== undefined && parsed.error.line === 1) parsed.error.column += 1;
    return { ...parsed, warnings: [...warnings, ...parsed.warnings] };
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
  return { value: value as Record<string, unknown>, warnings };
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
  let offset = first?.offset ?? 0;
  if (lenientErrors.length === 0 && first) {
    const comment = first.error === 10; /* InvalidCommentToken */
    const what = comment ? 'a comment' : 'a trailing comma';
    if (!comment) offset = trailingCommaOffsets(text)[0] ?? offset;
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
