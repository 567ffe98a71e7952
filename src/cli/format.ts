/** Output helpers: colour only on a terminal (NO_COLOR, FORCE_COLOR), masked JSON. */
import { withFlags } from './flags';
import type { Diagnostic, EffectiveConfig } from '../core/types';
import { formatDiagnostic } from '../core/diagnostics';
import { redactConfig } from '../core/redact';
import type { CliIo } from './io';

export function colourOn(io: CliIo): boolean {
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

export type Paint = (code: 'red' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'green', text: string) => string;

export function painter(io: CliIo): Paint {
  const codes = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 };
  return colourOn(io) ? (c, t) => `\u001b[${codes[c]}m${t}\u001b[0m` : (_c, t) => t;
}

export function paintDiagnostic(d: Diagnostic, paint: Paint): string {
  const colour = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'cyan';
  return withFlags(formatDiagnostic(d)).replace(`${d.severity} ${d.code}`, paint(colour, `${d.severity} ${d.code}`));
}

/** The configuration as JSON, credentials masked unless asked (`redactConfig`: by variable, header, URL and value). */
export function configJson(config: EffectiveConfig, showSecrets: boolean): EffectiveConfig {
  return showSecrets ? config : redactConfig(config);
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
