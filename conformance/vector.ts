/**
 * Conformance vectors: a layout of a scratch machine, and per Claude Code version what the real
 * binary did with it. See conformance/FORMAT.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './install';
import type { InteractiveResult, InteractiveSpec } from './interactive';

export const VECTORS_DIR: string = join(REPO_ROOT, 'conformance', 'vectors');

/** The placeholder every URL in a vector starts with; replaced by the gateway's loopback URL. */
export const GATEWAY = '{{gateway}}';

/** In `globalConfig` (keys included), the scratch home directory: `"{{home}}/project"` is the project directory. */
export const HOME_PLACEHOLDER = '{{home}}';

/** A settings file: an object (written as 2-space JSON) or raw text (a broken file). */
export type SettingsContent = Record<string, unknown> | string;

export interface VectorLayout {
  /**
   * The shell environment `claude` is started with, on top of the harness's fixed variables;
   * `null` removes one of those (the vector then needs namespaces).
   */
  env?: Record<string, string | null>;
  /** `~/.claude/settings.json`. */
  user?: SettingsContent;
  /** `<start dir>/.claude/settings.json`. */
  project?: SettingsContent;
  /** `.claude/settings.local.json` at the git root (with `git`), else in the start directory. */
  local?: SettingsContent;
  /** `/etc/claude-code/managed-settings.json` (needs namespaces). */
  managedFile?: SettingsContent;
  /** `/etc/claude-code/managed-settings.d/<name>` (needs namespaces). */
  dropIns?: Record<string, SettingsContent>;
  /** `~/.claude.json`. */
  globalConfig?: Record<string, unknown> | string;
  /** `--settings`: inline JSON (an object or raw text), or a file written to `~/flag-settings.json`. */
  settingsFlag?: { inline: SettingsContent } | { file: SettingsContent };
  /** `git init` in the project directory. */
  git?: boolean;
  /** With `git`: a linked worktree of the project repository at `~/<worktree>` (start there with `cwd: "~/<worktree>"`). */
  worktree?: string;
  /** The start directory, relative to the project directory (made if missing); `~` is the home directory itself. @default '.' */
  cwd?: string;
  /** More command-line arguments after `-p "say hi" --output-format json`. */
  flags?: string[];
  /** Extra files: `~/…` in the home, `./…` in the project directory; `.sh` files are executable. */
  files?: Record<string, string>;
  /** Run the interactive program (no `-p`) in a pseudo-terminal and answer these steps (conformance/interactive.ts). */
  interactive?: InteractiveSpec;
}

export interface RecordedRequestSummary {
  method: string;
  /** Path and query as received (the layer prefix shows which base URL won). */
  path: string;
  /** Credential headers, planted custom headers and the other headers that are not per-run noise. */
  headers: Record<string, string>;
  /** The `model` field of the body, when it has one. */
  model?: string;
  /** The body's top-level keys in the order sent, when it is a JSON object (recorded from 2026-12-04 on). */
  bodyKeys?: string[];
}

export interface RecordedRun {
  /** Whether Claude Code went as far as sending a request (other than the `HEAD /api/hello` probe). */
  started: boolean;
  exitCode: number | null;
  /** Its stderr (normalised) when it stopped before sending anything. */
  refusal?: string;
  requests: RecordedRequestSummary[];
  /** An interactive vector: what each step saw, the dialogs shown, the last screen. */
  interactive?: InteractiveResult;
  /** When and how this was recorded. */
  recordedAt: string;
  mode: 'namespaces' | 'scratch-home';
}

export interface Vector {
  id: string;
  description: string;
  /** Free-form labels (`credential`, `base-url`, `managed`, ...). */
  tags?: string[];
  layout: VectorLayout;
  /** Per Claude Code version, what the binary did. */
  recorded: Record<string, RecordedRun>;
}

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

export function vectorPath(id: string): string {
  return join(VECTORS_DIR, `${id}.json`);
}

export function loadVectors(dir: string = VECTORS_DIR): Vector[] {
  const out: Vector[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const v = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Vector;
    if (!ID_RE.test(v.id) || `${v.id}.json` !== name) throw new Error(`${name}: id ${JSON.stringify(v.id)} must match the file name`);
    v.recorded ??= {};
    out.push(v);
  }
  return out;
}

export function saveVector(v: Vector, dir: string = VECTORS_DIR): void {
  const sorted: Record<string, RecordedRun> = {};
  for (const k of Object.keys(v.recorded).sort(compareVersionStrings)) sorted[k] = v.recorded[k] as RecordedRun;
  writeFileSync(join(dir, `${v.id}.json`), JSON.stringify({ ...v, recorded: sorted }, null, 2) + '\n');
}

export function compareVersionStrings(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `*` and `?` globs over vector ids. */
export function matchesId(id: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(id);
}

/** Whether the vector needs the system paths (`/etc/claude-code`), which only namespaces can fake. */
export function needsSystemPaths(v: Vector): boolean {
  return v.layout.managedFile !== undefined || v.layout.dropIns !== undefined;
}

/**
 * Whether the vector can only run in namespaces: it needs `/etc/claude-code`, or it changes one of
 * the variables that keep Claude Code's own traffic off (only an empty network makes that safe).
 */
export function needsNamespaces(v: Vector): string | undefined {
  if (needsSystemPaths(v)) return 'needs /etc/claude-code';
  if (v.layout.interactive !== undefined) return 'is interactive (tmux and everything it starts must end with the run)';
  const leak = baseUrlLeak(v);
  if (leak !== undefined) return leak;
  const touched = Object.keys(v.layout.env ?? {}).filter((k) => k in HARNESS_ENV);
  if (touched.length > 0) return `changes ${touched.join(', ')}`;
  return undefined;
}

/** Replaces `{{gateway}}` in every string of a value. */
export function substitute<T>(value: T, gatewayUrl: string): T {
  if (typeof value === 'string') return value.split(GATEWAY).join(gatewayUrl) as T;
  if (Array.isArray(value)) return value.map((x: unknown) => substitute(x, gatewayUrl)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = substitute(x, gatewayUrl);
    return out as T;
  }
  return value;
}

const URL_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s"'\\,}]*/gi;
const HOST_RE = /\b(?:api\.anthropic\.com|anthropic\.com|amazonaws\.com|googleapis\.com|azure\.com)\b/i;

/**
 * Every URL in the layout must start with the loopback gateway placeholder, and no real API host
 * may be named at all. Returns the reason to refuse, or undefined.
 */
export function unsafeUrlReason(v: Vector): string | undefined {
  const texts: string[] = [];
  const walk = (x: unknown): void => {
    if (typeof x === 'string') texts.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        texts.push(k);
        walk(y);
      }
    }
  };
  walk(v.layout);
  for (const t of texts) {
    const masked = t.split(GATEWAY).join('');
    const url = masked.match(URL_RE);
    if (url) return `${v.id}: the URL ${JSON.stringify(url[0])} is not the loopback gateway (write ${GATEWAY}/<layer>)`;
    const host = masked.match(HOST_RE);
    if (host) return `${v.id}: names the real host ${JSON.stringify(host[0])}`;
  }
  return undefined;
}

const hasDotDot = (p: string): boolean => p.split(/[\\/]/).includes('..');

/**
 * Paths in a layout stay inside the scratch machine: `files` under `~/` or `./` without `..`,
 * drop-in names without a separator, `cwd` relative without `..`, and no shell variable that
 * is `HOME` or holds an absolute or `~` path (a `CLAUDE_CONFIG_DIR` pointing at the real home, say).
 * Returns the reason to refuse, or undefined.
 */
export function unsafePathReason(v: Vector): string | undefined {
  const L = v.layout;
  for (const rel of Object.keys(L.files ?? {})) {
    if (!(rel.startsWith('~/') || rel.startsWith('./')) || hasDotDot(rel))
      return `${v.id}: file ${JSON.stringify(rel)} must start with ~/ or ./ and stay below it`;
  }
  for (const name of Object.keys(L.dropIns ?? {})) {
    if (name.includes('/') || name.includes('\\') || name === '.' || name === '..' || name === '')
      return `${v.id}: drop-in name ${JSON.stringify(name)} is not a plain file name`;
  }
  if (L.worktree !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(L.worktree))
    return `${v.id}: worktree ${JSON.stringify(L.worktree)} must be a plain directory name`;
  if (L.cwd !== undefined && (L.cwd.startsWith('/') || hasDotDot(L.cwd))) return `${v.id}: cwd ${JSON.stringify(L.cwd)} must be relative, without ..`;
  for (const [name, value] of Object.entries(L.env ?? {})) {
    if (name === 'HOME') return `${v.id}: the harness sets HOME`;
    if (value !== null && (value.startsWith('/') || value.startsWith('~') || (name.endsWith('_DIR') && hasDotDot(value)))) {
      return `${v.id}: ${name}=${JSON.stringify(value)} is a path outside the scratch machine`;
    }
  }
  return undefined;
}

const BASE_URL_IN_TEXT = /"([A-Z_]*BASE_URL)"\s*:\s*"([^"]*)"/g;

/**
 * A layout that could send Claude Code to its default (real) host: a `*_BASE_URL` set anywhere to
 * something other than the gateway (an empty value included), the shell's loopback default removed,
 * or a raw settings text naming a base URL variable in a way this check cannot read. Outside
 * namespaces such a run could leave the machine.
 */
function baseUrlLeak(v: Vector): string | undefined {
  if (v.layout.env?.['ANTHROPIC_BASE_URL'] === null) return 'removes the loopback ANTHROPIC_BASE_URL';
  let found: string | undefined;
  const walk = (x: unknown): void => {
    if (found !== undefined) return;
    if (typeof x === 'string') {
      if (!x.includes('BASE_URL')) return;
      const pairs = [...x.matchAll(BASE_URL_IN_TEXT)];
      const named = x.split('BASE_URL').length - 1;
      if (pairs.length !== named || pairs.some((m) => !(m[2] ?? '').startsWith(GATEWAY))) found = 'has settings text with a base URL that is not the gateway';
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        if (k.endsWith('BASE_URL') && !(typeof y === 'string' && y.startsWith(GATEWAY))) found = `sets ${k} to ${JSON.stringify(y)}`;
        else walk(y);
      }
    }
  };
  walk(v.layout);
  return found;
}

/** The fixed variables every run gets unless the vector sets them itself. */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
};

/**
 * The shell environment of the run (before `{{gateway}}` is replaced): the harness's variables,
 * a loopback `ANTHROPIC_BASE_URL` (`/shell`) so that nothing can fall back to a real host, then the
 * vector's own. The prediction uses the same.
 */
export function shellEnv(v: Vector): Record<string, string> {
  const out: Record<string, string> = { ...HARNESS_ENV, ANTHROPIC_BASE_URL: `${GATEWAY}/shell` };
  for (const [k, value] of Object.entries(v.layout.env ?? {})) {
    if (value === null) delete out[k];
    else out[k] = value;
  }
  return out;
}
