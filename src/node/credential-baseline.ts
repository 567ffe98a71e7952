/**
 * The baseline of `claude-gateway doctor --ci`: credentials committed on purpose (a test fixture's fake
 * key), each bound to its file, its variable and a fingerprint of its value, so that a new or changed
 * value in the same place is still reported. Read from and written to `.claude-gateway-baseline.json`
 * (or the file given); values are never written, only a truncated SHA-256 of file, variable and value.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors';
import { parseSettingsText } from '../core/parse';

/** The default baseline file name, at the top of the folder checked. */
export const BASELINE_FILE = '.claude-gateway-baseline.json';

/** One credential allowed on purpose. */
export interface CredentialAllowance {
  /** The settings file, relative to the folder checked, `/`-separated. */
  file: string;
  /** The variable. */
  variable: string;
  /** `credentialFingerprint(file, variable, value)`: the value it allows, and no other. */
  fingerprint: string;
}

/** The credentials committed on purpose. */
export interface CredentialBaseline {
  /** The allowed credentials. */
  allow: CredentialAllowance[];
}

/** A truncated SHA-256 (16 hex digits) of file, variable and value: stable, and not the value. */
export function credentialFingerprint(file: string, variable: string, value: string): string {
  return createHash('sha256').update(`${file}\0${variable}\0${value}`).digest('hex').slice(0, 16);
}

/** Reads a baseline file; a file that is not one is an error naming its line and column. */
export function readCredentialBaseline(path: string): CredentialBaseline {
  const text = readFileSync(path, 'utf8');
  const parsed = parseSettingsText(text, path);
  if (parsed.error || !parsed.value)
    throw new ConfigError(
      'INVALID_JSON',
      `${path}${parsed.error?.line ? `:${parsed.error.line}:${parsed.error.column ?? 1}` : ''}: not a baseline (${parsed.error?.message ?? 'not JSON'})`,
    );
  const allow = parsed.value['allow'];
  const entries = Array.isArray(allow) ? allow : undefined;
  const valid = entries?.every(
    (e: unknown) =>
      e !== null &&
      typeof e === 'object' &&
      typeof (e as Record<string, unknown>)['file'] === 'string' &&
      typeof (e as Record<string, unknown>)['variable'] === 'string' &&
      /^[0-9a-f]{16}$/.test(String((e as Record<string, unknown>)['fingerprint'])),
  );
  if (!entries || !valid) throw new ConfigError('INVALID_JSON', `${path}: not a baseline: "allow" must list { "file", "variable", "fingerprint" } entries`);
  return { allow: entries as CredentialAllowance[] };
}

/** Writes a baseline (sorted, one entry per line), atomically. */
export async function writeCredentialBaseline(path: string, baseline: CredentialBaseline): Promise<void> {
  const allow = [...baseline.allow].sort(
    (a, b) => a.file.localeCompare(b.file) || a.variable.localeCompare(b.variable) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const text = `{
  "$comment": "Credentials committed on purpose (test fixtures), allowed by claude-gateway doctor --ci. A fingerprint covers one value in one place: a new or changed value is still reported. Rewrite with claude-gateway doctor --ci --update-baseline.",
  "allow": [${allow.map((a) => `\n    ${JSON.stringify({ file: a.file, variable: a.variable, fingerprint: a.fingerprint })}`).join(',')}${allow.length > 0 ? '\n  ' : ''}]
}
`;
  // Loaded on use: reading (the light entry) never needs it.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, text);
}
