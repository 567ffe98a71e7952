/**
 * `findCommittedCredentials(repoDir)`: the credentials that a commit of the repository would publish
 * in Claude Code settings files (`claude-gateway doctor --ci`). What is read is git's index, the
 * content the next commit holds (a file deleted from the working tree, or changed and not staged,
 * is read as staged). A file Claude Code would reject (a comment, a trailing comma, broken JSON) is
 * still scanned: git commits it all the same.
 */
import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { createScanner, visit } from 'jsonc-parser';
import { ConfigError } from '../core/errors';
import { JSON_TOKEN, lineColumn } from '../core/parse';
import type { Diagnostic } from '../core/types';
import { isSecretVariable } from '../core/variables';
import type { GitOptions } from './git';
import { runGit, type GitRunResult } from './git-run';
import { diagnostic } from '../core/catalogue';
import { credentialFingerprint, type CredentialBaseline } from './credential-baseline';

/** Options for `findCommittedCredentials()`: the git checks' and what is allowed on purpose. */
export interface CommittedCredentialsOptions extends GitOptions {
  /** Credentials committed on purpose (`readCredentialBaseline`): reported as `doctor-credential-allowed`, not as errors. */
  baseline?: CredentialBaseline;
  /** Honour a `claude-gateway: allow` comment on a key's line or the line above. @default true */
  allowComments?: boolean;
}

/** The settings files looked at, at any depth below the folder: `.claude/settings.json`, `.claude/settings.local.json` and any other `.claude/settings*.json` (a copy, a backup). */
const PATHSPECS = [':(glob,icase)**/.claude/settings*.json'];

/** A credential key found in a text: its name, where the key starts, and its value (never printed). */
interface Found {
  name: string;
  offset: number;
  value: string;
}

/** Control characters and line separators in names and paths a repository chose, shown escaped (no terminal sequences). */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const Kind = JSON_TOKEN;

/** The lenient parse: comments and trailing commas allowed, errors recovered from. Every top-level `env` object counts (duplicates too). */
function lenient(text: string, add: (f: Omit<Found, 'value'>, value: string) => void): boolean {
  let clean = true;
  let key: Omit<Found, 'value'> | undefined;
  try {
    visit(
      text,
      {
        onObjectProperty: (property, offset) => {
          key = { name: property, offset };
        },
        onLiteralValue: (value: unknown, _offset, _length, _line, _character, path) => {
          const p = path();
          if (typeof value === 'string' && p.length === 2 && p[0] === 'env' && key !== undefined && key.name === p[1]) add(key, value);
        },
        onError: () => {
          clean = false;
        },
      },
      { allowTrailingComma: true, disallowComments: false },
    );
  } catch {
    // Deep nesting overflows the parser's recursion: the scan below has no recursion.
    return false;
  }
  return clean;
}

/**
 * The tolerant scan, for text even the lenient parse cannot read: tokens only, with a stack of the
 * open objects and arrays. In an object opened as the value of a top-level `"env"`, a string key
 * followed by a string value (with or without the colon) is a variable.
 */
function tolerant(text: string, add: (f: Omit<Found, 'value'>, value: string) => void): void {
  const scanner = createScanner(text, false);
  const stack: { object: boolean; env: boolean }[] = [];
  let key: Omit<Found, 'value'> | undefined;
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.Trivia || kind === Kind.LineBreak || kind === Kind.LineComment || kind === Kind.BlockComment || kind === Kind.Colon) continue;
    const top = stack[stack.length - 1];
    if (kind === Kind.OpenBrace || kind === Kind.OpenBracket) {
      stack.push({ object: kind === Kind.OpenBrace, env: kind === Kind.OpenBrace && stack.length === 1 && top?.object === true && key?.name === 'env' });
      key = undefined;
    } else if (kind === Kind.String && top?.object === true) {
      const value = scanner.getTokenValue();
      if (key === undefined) key = { name: value, offset: scanner.getTokenOffset() };
      else {
        if (top.env) add(key, value);
        key = undefined;
      }
    } else {
      if (kind === Kind.CloseBrace || kind === Kind.CloseBracket) stack.pop();
      key = undefined;
    }
  }
}

/** The credential keys under `env` in a settings text, whatever state the text is in, in the order they appear. */
export function credentialKeysIn(text: string): Found[] {
  const byOffset = new Map<number, Found>();
  const add = (f: Omit<Found, 'value'>, value: string): void => {
    if (isSecretVariable(f.name, value)) byOffset.set(f.offset, { ...f, value });
  };
  if (!lenient(text, add)) tolerant(text, add);
  return [...byOffset.values()].sort((a, b) => a.offset - b.offset);
}

/** The words of an inline allow marker, in a `//` or block comment on the key's line or the line above. */
const ALLOW_MARKER = /claude-gateway:\s*allow\b/i;

/** The lines an allow comment covers: its own lines and the line after it. */
function allowedLines(text: string): Set<number> {
  const lines = new Set<number>();
  const scanner = createScanner(text, false);
  for (let kind: number = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if ((kind !== Kind.LineComment && kind !== Kind.BlockComment) || !ALLOW_MARKER.test(scanner.getTokenValue())) continue;
    const first = scanner.getTokenStartLine() + 1;
    const last = lineColumn(text, scanner.getTokenOffset() + scanner.getTokenLength()).line;
    for (let l = first; l <= last + 1; l++) lines.add(l);
  }
  return lines;
}

interface IndexEntry {
  mode: string;
  oid: string;
  /** Relative to the folder asked about, `/`-separated. */
  rel: string;
}

function gitFailed(what: string, dir: string, r: GitRunResult): ConfigError {
  if (r.missing) return new ConfigError('GIT_FAILED', `git was not found: the committed settings files in ${dir} cannot be checked`);
  const reason = r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${r.code}`;
  return new ConfigError('GIT_FAILED', `${what} failed in ${dir}: ${printable(reason.replace(/^fatal: /, ''))}`);
}

/** The index entries (`git ls-files -s`) for the pathspecs, relative to `dir`. */
function parseLsFiles(stdout: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const record of stdout.split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]+) \d\t([\s\S]+)$/.exec(record);
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) out.push({ mode: m[1], oid: m[2], rel: m[3] });
  }
  return out;
}

/** The blobs' contents by object name (`git cat-file --batch`, which never runs a filter or textconv driver). */
async function readBlobs(names: string[], dir: string, options: GitOptions): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(names)].filter((n) => !n.includes('\n'));
  if (wanted.length === 0) return out;
  const r = await runGit(['cat-file', '--batch'], {
    cwd: dir,
    env: options.env ?? process.env,
    input: `${wanted.join('\n')}\n`,
    ...(options.git === undefined ? {} : { git: options.git }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  if (r.code !== 0) throw gitFailed('git cat-file', dir, r);
  const raw = r.raw;
  let at = 0;
  for (const name of wanted) {
    const nl = raw.indexOf(10, at);
    if (nl < 0) break;
    const header = raw.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!m?.[2]) continue;
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(name, raw.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

/**
 * Settings files staged in the git repository at or below `repoDir` (every `.claude/settings*.json`,
 * at any depth) that hold a credential under `env`: one error per credential key, with its line and
 * column. Values are never part of a message. Git runs the safe way: nothing the repository's
 * configuration names is started.
 *
 * Throws `GIT_FAILED` when `repoDir` is not in a git repository or git is missing (a check that
 * cannot run must not pass), `INVALID_OPTIONS` when `repoDir` is not a folder.
 *
 * @example
 * const found = await findCommittedCredentials(process.cwd());
 * if (found.length > 0) process.exitCode = 1;
 */
export async function findCommittedCredentials(repoDir: string, options: CommittedCredentialsOptions = {}): Promise<Diagnostic[]> {
  if (statSync(repoDir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new ConfigError('INVALID_OPTIONS', `${repoDir} is not a folder`);
  }
  const common = {
    cwd: repoDir,
    env: options.env ?? process.env,
    ...(options.git === undefined ? {} : { git: options.git }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const listed = await runGit(['ls-files', '-s', '-z', '--', ...PATHSPECS], common);
  if (listed.code !== 0) throw gitFailed('git ls-files', repoDir, listed);
  const entries = parseLsFiles(listed.stdout).filter((e) => e.mode === '100644' || e.mode === '100755' || e.mode === '120000');
  // A committed symbolic link is followed (one step) to the committed file it names, as Claude Code follows it on disk.
  const objectOf = (e: IndexEntry, link?: string): { name: string; rel: string } | undefined => {
    if (e.mode !== '120000') return { name: e.oid, rel: e.rel };
    if (link === undefined || posix.isAbsolute(link) || /^[A-Za-z]:/.test(link)) return undefined;
    const rel = posix.normalize(posix.join(posix.dirname(e.rel), link));
    return { name: rel.startsWith('../') ? `:${rel}` : `:./${rel}`, rel };
  };
  const links = entries.filter((e) => e.mode === '120000');
  const linkTexts = await readBlobs(
    links.map((e) => e.oid),
    repoDir,
    options,
  );
  const names = new Map<IndexEntry, { name: string; rel: string }>();
  for (const e of entries) {
    const o = objectOf(e, linkTexts.get(e.oid));
    if (o !== undefined) names.set(e, o);
  }
  const texts = await readBlobs(
    [...names.values()].map((o) => o.name),
    repoDir,
    options,
  );
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const [e, { name, rel }] of names) {
    const text = texts.get(name);
    if (text === undefined) {
      // A link to nothing committed holds nothing; a staged file whose content is not here (a partial
      // clone) cannot be checked, and a check that cannot run must not pass.
      if (e.mode === '120000') continue;
      throw new ConfigError(
        'GIT_FAILED',
        `the staged content of ${printable(e.rel)} is not in ${repoDir}'s object store (a partial clone?): it cannot be checked; fetch it first`,
      );
    }
    // Conflicted paths have an entry per stage: each is looked at, each finding reported once.
    const path = join(repoDir, rel);
    const shared = posix.basename(e.rel).toLowerCase() === 'settings.json';
    const marked = options.allowComments === false ? new Set<number>() : allowedLines(text);
    for (const f of credentialKeysIn(text)) {
      const { line, column } = lineColumn(text, f.offset);
      const id = `${rel}\0${f.name}\0${line}\0${column}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const fingerprint = credentialFingerprint(rel, f.name, f.value);
      const inBaseline = options.baseline?.allow.some((a) => a.file === rel && a.variable === f.name && a.fingerprint === fingerprint) === true;
      if (marked.has(line) || inBaseline) {
        const by = marked.has(line) ? ('comment' as const) : ('baseline' as const);
        out.push(
          diagnostic('doctor-credential-allowed', { variables: [printable(f.name)], file: printable(rel), line, by, fingerprint }, { path, line, column }),
        );
        continue;
      }
      const args = {
        variables: [printable(f.name)],
        file: printable(rel),
        staged: true,
        line,
        link: e.mode === '120000' ? printable(e.rel) : undefined,
        fingerprint,
      };
      out.push(diagnostic(shared ? 'doctor-credential-in-project-file' : 'doctor-credential-in-tracked-file', args, { path, line, column }));
    }
  }
  return out;
}
