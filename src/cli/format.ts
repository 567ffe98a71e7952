/** Output helpers: colour only on a terminal (NO_COLOR, FORCE_COLOR), masked JSON. */
import type { Diagnostic, EffectiveConfig } from '../core/types';
import { formatDiagnostic } from '../core/diagnostics';
import { isSecretVariable, maskSecret } from '../core/variables';
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
  return formatDiagnostic(d).replace(`${d.severity} ${d.code}`, paint(colour, `${d.severity} ${d.code}`));
}

/** The configuration as JSON, credentials masked unless asked. */
export function configJson(config: EffectiveConfig, showSecrets: boolean): unknown {
  if (showSecrets) return config;
  const env = Object.fromEntries(
    Object.entries(config.env).map(([n, v]) => [
      n,
      v.secret ? { ...v, value: maskSecret(v.value), overridden: v.overridden.map((o) => ({ ...o, value: maskSecret(o.value) })) } : v,
    ]),
  );
  const secretHeaders = config.env['ANTHROPIC_CUSTOM_HEADERS']?.secret === true;
  const settings = JSON.parse(JSON.stringify(config.settings)) as Record<string, unknown>;
  const senv = settings['env'] as Record<string, string> | undefined;
  if (senv) for (const k of Object.keys(senv)) if (isSecretVariable(k, senv[k] ?? '')) senv[k] = maskSecret(senv[k] ?? '');
  const sources = config.sources.map((s) => {
    if (!s.settings) return s;
    const copy = JSON.parse(JSON.stringify(s.settings)) as Record<string, unknown>;
    const e = copy['env'] as Record<string, string> | undefined;
    if (e) for (const k of Object.keys(e)) if (isSecretVariable(k, String(e[k]))) e[k] = maskSecret(String(e[k]));
    return { ...s, settings: copy };
  });
  const keys = Object.fromEntries(
    Object.entries(config.keys).map(([k, v]) => [k, k === 'env' ? { ...v, value: settings['env'], contributors: v.contributors.map((c) => ({ ...c, value: '<see env>' })) } : v]),
  );
  return {
    ...config,
    env,
    settings,
    keys,
    sources,
    customHeaders: secretHeaders ? config.customHeaders.map((h) => ({ name: h.name, value: maskSecret(h.value) })) : config.customHeaders,
    pendingTrust: config.pendingTrust.map((p) => (p.kind === 'env' && isSecretVariable(p.name, p.value) ? { ...p, value: maskSecret(p.value) } : p)),
    ...(config.baseUrl ? { baseUrl: env[config.baseUrl.name] } : {}),
  };
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
