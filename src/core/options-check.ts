/**
 * Checks the options of `resolveEffectiveConfig`. Written out rather than with zod: this runs on
 * every resolution, and loading zod alone costs more than a whole cold `claude-gateway status`
 * may take (bench/CLI.md).
 */
import { ConfigError } from './errors';
import type { Platform, ResolveOptions } from './types';

type Check = (v: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'expected a non-empty string');
const string: Check = (v) => (typeof v === 'string' ? undefined : 'expected a string');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
const objectOrText: Check = (v) => (typeof v === 'string' || isObject(v) ? undefined : 'expected a settings object or its JSON text');

const PLATFORMS: readonly Platform[] = ['linux', 'darwin', 'win32'];

const CHECKS: Readonly<Record<string, Check>> = {
  cwd: nonEmptyString,
  homeDir: nonEmptyString,
  platform: oneOf(PLATFORMS),
  wsl: boolean,
  wslWindowsDrive: nonEmptyString,
  env: (v) => (isObject(v) && Object.values(v).every((x) => x === undefined || typeof x === 'string') ? undefined : 'env must map names to strings'),
  fs: (v) =>
    isObject(v) && ['readFile', 'stat', 'readdir'].every((m) => typeof v[m] === 'function') ? undefined : 'fs must implement readFile, stat and readdir',
  settingsFlag: string,
  settingSources: (v) =>
    Array.isArray(v) && v.every((s) => s === 'user' || s === 'project' || s === 'local') ? undefined : 'expected a list of "user", "project", "local"',
  managed: (v) => {
    if (!isObject(v)) return 'expected { remote?, plist?, hklm?, hkcu?, policyHelperOutput? }';
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (k === 'remote' || k === 'plist' || k === 'policyHelperOutput') {
        if (!isObject(x)) return `${k}: expected a settings object`;
      } else if (k === 'hklm' || k === 'hkcu') {
        const e = objectOrText(x);
        if (e) return `${k}: ${e}`;
      } else return `unknown key ${JSON.stringify(k)}`;
    }
    return undefined;
  },
  readOsPolicy: boolean,
  interactive: boolean,
  bare: boolean,
  trusted: boolean,
  claudeCodeVersion: string,
  model: string,
  uid: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'expected a non-negative whole number'),
};

/** Throws `INVALID_OPTIONS` naming the option and what is wrong. Unknown options are left alone (writers add their own). */
export function checkResolveOptions(options: ResolveOptions): void {
  if (!isObject(options)) throw new ConfigError('INVALID_OPTIONS', 'options: expected an object');
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || !Object.hasOwn(CHECKS, key)) continue;
    const problem = CHECKS[key]?.(value);
    if (problem) throw new ConfigError('INVALID_OPTIONS', `options.${key}: ${problem}`);
  }
}
