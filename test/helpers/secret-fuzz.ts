/**
 * A seeded property check for the secret-leak sweep: random credentials, with the characters that
 * escaping and encoding change (quotes, backslashes, `/`, `%`, `@`, `:`, line separators, non-ASCII),
 * planted in random carriers; every library output is scanned for each credential as it is and in
 * its JSON-escaped form. Shared by test/adversarial/secret-leak.test.ts (a few seeds) and
 * test/stress/secret-leak.stress.test.ts (thousands).
 */
import { configJson } from '../../src/cli/format';
import { diagnose, explain, formatEffectiveConfig, resolveEffectiveConfig, type EffectiveConfig } from '../../src/index';
import { createMemoryFs } from '../../src/testing';
import { seededRandom } from './seeded';

/** The seeded generator of test/helpers/seeded.ts: a failing seed replays. */
export const rng: (seed: number) => () => number = seededRandom;

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~';
const ODD = [
  '"',
  '\\',
  '/',
  '%',
  '@',
  ':',
  '+',
  '=',
  '&',
  "'",
  '<',
  '>',
  '`',
  '$',
  '!',
  '*',
  '(',
  ')',
  ';',
  ',',
  'é',
  '€',
  '😀',
  '\u2028',
  '\t',
  ' ',
  '\u0001',
];
/** Characters that end user information, a header line or an OTLP pair: never inside those credentials. */
const URL_UNSAFE = new Set(['/', '?', '#', ' ', '\t', '\u2028', '\u0001', '\\']);
const HEADER_UNSAFE = new Set(['\n', '\r', ',', ' ', '\t', '\u2028', '\u0001']);

export type Carrier = 'variable' | 'url-password' | 'proxy-password' | 'custom-header' | 'otlp-header' | 'overridden' | 'pending';

export interface Planted {
  carrier: Carrier;
  secret: string;
}

function secretFor(next: () => number, carrier: Carrier, n: number): string {
  const unsafe =
    carrier === 'url-password' || carrier === 'proxy-password'
      ? URL_UNSAFE
      : carrier === 'custom-header' || carrier === 'otlp-header'
        ? HEADER_UNSAFE
        : new Set<string>();
  const pool = [...PLAIN, ...ODD.filter((c) => !unsafe.has(c))];
  const length = 10 + Math.floor(next() * 30);
  // A distinctive start, then random characters: never a string that ordinary output holds.
  let s = `Zq${n}${carrier.slice(0, 3)}`;
  while (s.length < length) s += pool[Math.floor(next() * pool.length)] ?? 'x';
  return s;
}

/** A random layout with a credential in each of a random subset of carriers. */
export function plant(seed: number): { files: Record<string, string>; env: Record<string, string>; planted: Planted[] } {
  const next = rng(seed);
  const all: Carrier[] = ['variable', 'url-password', 'proxy-password', 'custom-header', 'otlp-header', 'overridden', 'pending'];
  const carriers = all.filter(() => next() < 0.7);
  if (carriers.length === 0) carriers.push('variable');
  const planted: Planted[] = carriers.map((carrier, i) => ({ carrier, secret: secretFor(next, carrier, i) }));
  const user: Record<string, string> = { ANTHROPIC_MODEL: 'claude-sonnet-4-6' };
  const project: Record<string, string> = {};
  const env: Record<string, string> = {};
  const headerNames = ['Helicone-Auth', 'cf-aig-authorization', 'x-api-key', 'X-Portkey-Api-Key', 'api-key', 'X-Auth-Token', 'Proxy-Authorization', 'Cookie'];
  for (const p of planted) {
    switch (p.carrier) {
      case 'variable':
        user['ANTHROPIC_AUTH_TOKEN'] = p.secret;
        break;
      case 'url-password':
        user['ANTHROPIC_BASE_URL'] = `https://gwuser:${p.secret}@gw.example.com/api`;
        break;
      case 'proxy-password':
        user['HTTPS_PROXY'] = `http://proxyuser:${p.secret}@proxy.example:8080`;
        break;
      case 'custom-header':
        user['ANTHROPIC_CUSTOM_HEADERS'] = `X-Team: infra\n${headerNames[Math.floor(next() * headerNames.length)] ?? 'x-api-key'}: ${p.secret}`;
        break;
      case 'otlp-header':
        user['OTEL_EXPORTER_OTLP_HEADERS'] = `x-honeycomb-team=${p.secret},x-dataset=visible`;
        break;
      case 'overridden':
        env['ANTHROPIC_API_KEY'] = p.secret;
        user['ANTHROPIC_API_KEY'] = 'sk-visible-winner-0000';
        break;
      case 'pending':
        project['AWS_BEARER_TOKEN_BEDROCK'] = p.secret;
        break;
    }
  }
  const files: Record<string, string> = { '/home/u/.claude/settings.json': JSON.stringify({ env: user }, null, 2) };
  if (Object.keys(project).length > 0) files['/home/u/proj/.claude/settings.json'] = JSON.stringify({ env: project }, null, 2);
  return { files, env, planted };
}

export async function resolvePlanted(files: Record<string, string>, env: Record<string, string>): Promise<EffectiveConfig> {
  return resolveEffectiveConfig({ fs: createMemoryFs(files), homeDir: '/home/u', cwd: '/home/u/proj', platform: 'linux', env, readOsPolicy: false });
}

/** Every library output of a configuration, labelled. */
export function libraryOutputs(config: EffectiveConfig): [string, string][] {
  const out: [string, string][] = [
    ['formatEffectiveConfig', formatEffectiveConfig(config, { allVariables: true })],
    ['configJson', JSON.stringify(configJson(config, false), null, 2)],
  ];
  for (const name of [...Object.keys(config.env), ...Object.keys(config.keys), ...config.pendingTrust.map((p) => p.name)])
    out.push([`explain ${name}`, JSON.stringify(explain(config, name))]);
  for (const d of [...diagnose(config), ...config.diagnostics]) out.push([`diagnostic ${d.code}`, `${d.message}\n${d.fix ?? ''}`]);
  return out;
}

/** The forms of a credential no output may hold: as it is, and JSON-escaped once and twice. */
export function forms(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, once, JSON.stringify(once).slice(1, -1)])];
}

/** The first leak found, or undefined: `[label, form]`. */
export function findLeak(outputs: readonly [string, string][], planted: readonly Planted[]): [string, string, Carrier] | undefined {
  for (const [label, text] of outputs) for (const p of planted) for (const f of forms(p.secret)) if (text.includes(f)) return [label, f, p.carrier];
  return undefined;
}
