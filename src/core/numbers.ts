/** Claude Code's reading of numeric variables (docs/behavior.md#variable-values). */
import { hasFeature } from './versions';

/**
 * Parses a numeric variable: plain digits always; scientific notation and `_` separators
 * (`2e3`, `64_000`) from 2.1.211 on. Returns undefined for anything else.
 */
export function parseNumber(value: string, version: string): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (!hasFeature(version, 'numericNotation')) return undefined;
  if (!/^\d+(?:_\d+)*(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(v)) return undefined;
  const n = Number(v.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
}
