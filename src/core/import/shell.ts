/**
 * Reads the variables a shell start-up file exports, as the shell would assign them, without running
 * anything: `export A=… B=…`, `declare -x`/`typeset -x`, `NAME=…` then `export NAME` (POSIX shells);
 * `set -gx NAME value` (fish); `$env:NAME = '…'` (PowerShell). Quoting is read as the shell reads it;
 * `$VAR` / `${VAR}` take values assigned earlier in the file or given; command substitution, other
 * expansions and unknown references are reported as not understood, never guessed. Pure.
 */

/** The shell a start-up file is for. */
export type ShellDialect = 'posix' | 'fish' | 'powershell';

/** A variable a start-up file exports. */
export interface ShellExport {
  /** The variable. */
  name: string;
  /** Its value as the shell would assign it; absent when it could not be read without running the shell. */
  value?: string;
  /** 1-based line and column of the name. */
  line: number;
  /** 1-based column of the name. */
  column: number;
  /** Why the value could not be read (command substitution, an unknown reference, ...). */
  notUnderstood?: string;
  /** Set inside a conditional, a loop or a function: it may not apply. */
  conditional?: true;
}

/** What could be read of a word: its text, or why not. */
type Word = { text: string } | { problem: string };

interface Cursor {
  text: string;
  at: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Reads one POSIX shell word starting at `c.at` (quotes, escapes, `$NAME`/`${NAME}`), up to a space, `;`, `&`, `|`, `#` or the end of the line. */
function posixWord(c: Cursor, vars: ReadonlyMap<string, string>): Word {
  let out = '';
  let problem: string | undefined;
  const expand = (): void => {
    const rest = c.text.slice(c.at + 1);
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    const plain = NAME.exec(rest);
    const name = braced?.[1] ?? plain?.[0];
    if (name === undefined) {
      if (rest.startsWith('(') || rest.startsWith('{')) {
        problem ??= rest.startsWith('(') ? 'a command substitution $(…) is not run' : 'a ${…} expansion other than ${NAME}';
        // Past the matching bracket: what is inside is not words of this statement.
        const [open, close] = rest.startsWith('(') ? ['(', ')'] : ['{', '}'];
        let depth = 0;
        let i = c.at + 1;
        for (; i < c.text.length && c.text[i] !== '\n'; i++) {
          if (c.text[i] === open) depth++;
          else if (c.text[i] === close && --depth === 0) break;
        }
        c.at = i + 1;
        return;
      }
      out += '$';
      c.at += 1;
      return;
    }
    const value = vars.get(name);
    if (value === undefined) problem ??= `$${name} is not set earlier in the file`;
    else out += value;
    c.at += 1 + (braced ? braced[0].length : name.length);
  };
  while (c.at < c.text.length) {
    const ch = c.text[c.at] as string;
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === ';' || ch === '&' || ch === '|' || (ch === '#' && out === '')) break;
    if (ch === "'") {
      const end = c.text.indexOf("'", c.at + 1);
      if (end < 0) return { problem: 'an unterminated single quote' };
      out += c.text.slice(c.at + 1, end);
      c.at = end + 1;
    } else if (ch === '"') {
      c.at += 1;
      for (;;) {
        if (c.at >= c.text.length) return { problem: 'an unterminated double quote' };
        const q = c.text[c.at] as string;
        if (q === '"') {
          c.at += 1;
          break;
        }
        if (q === '\\' && /["\\$`\n]/.test(c.text[c.at + 1] ?? '')) {
          if (c.text[c.at + 1] !== '\n') out += c.text[c.at + 1];
          c.at += 2;
        } else if (q === '$') expand();
        else if (q === '`') {
          problem ??= 'a command substitution `…` is not run';
          const end = c.text.indexOf('`', c.at + 1);
          c.at = end < 0 ? c.text.length : end + 1;
        } else {
          out += q;
          c.at += 1;
        }
      }
    } else if (ch === '\\') {
      if (c.text[c.at + 1] !== '\n') out += c.text[c.at + 1] ?? '';
      c.at += 2;
    } else if (ch === '$') expand();
    else if (ch === '`') {
      problem ??= 'a command substitution `…` is not run';
      const end = c.text.indexOf('`', c.at + 1);
      c.at = end < 0 ? c.text.length : end + 1;
    } else if (ch === '~' && out === '') {
      const home = vars.get('HOME');
      if (home === undefined) problem ??= '~ needs the home directory';
      else out += home;
      c.at += 1;
    } else {
      out += ch;
      c.at += 1;
    }
  }
  return problem !== undefined ? { problem } : { text: out };
}

function skipBlanks(c: Cursor): void {
  while (c.at < c.text.length && (c.text[c.at] === ' ' || c.text[c.at] === '\t' || (c.text[c.at] === '\\' && c.text[c.at + 1] === '\n')))
    c.at += c.text[c.at] === '\\' ? 2 : 1;
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const OPENERS = /^(if|while|until|for|case|function)\b|^[A-Za-z_][A-Za-z0-9_-]*\s*\(\)\s*\{?/;
const CLOSERS = /^(fi|done|esac|end|\})\b/;

/** The exports of a POSIX shell file (bash, zsh, sh, ksh). `env` gives `HOME` and anything else a reference may name. */
function posixExports(text: string, env: Readonly<Record<string, string>>): ShellExport[] {
  const vars = new Map(Object.entries(env));
  /** Assigned but not (yet) exported: `NAME=…` then `export NAME`. */
  const assigned = new Map<string, ShellExport>();
  const out = new Map<string, ShellExport>();
  let depth = 0;
  const c: Cursor = { text, at: 0 };
  while (c.at < text.length) {
    skipBlanks(c);
    // A statement after `then`, `do`, `else` or `{` on the same line (`if …; then export A=1; fi`).
    const lead = /^(then|do|else|\{)[ \t]+/.exec(text.slice(c.at, c.at + 8));
    if (lead) c.at += lead[0].length;
    const statementStart = c.at;
    const rest = text.slice(c.at, text.indexOf('\n', c.at) < 0 ? undefined : text.indexOf('\n', c.at));
    if (CLOSERS.test(rest)) depth = Math.max(0, depth - 1);
    else if (OPENERS.test(rest)) depth += 1;
    const keyword = /^(export|declare\s+-[a-zA-Z]*x[a-zA-Z]*|typeset\s+-[a-zA-Z]*x[a-zA-Z]*|local\s+-x|readonly)\s+/.exec(rest);
    const exporting = keyword !== null && !keyword[1]?.startsWith('readonly');
    if (keyword) c.at += keyword[0].length;
    // Each NAME[=word] of the statement.
    for (;;) {
      skipBlanks(c);
      const m = NAME.exec(text.slice(c.at));
      if (!m) break;
      const nameAt = c.at;
      const after = text[c.at + m[0].length];
      if (after !== '=' && !(exporting && (after === undefined || /[\s;&|]/.test(after)))) break;
      const name = m[0];
      const { line, column } = lineColumnAt(text, nameAt);
      c.at += m[0].length;
      const record = (e: ShellExport): void => {
        if (depth > 0) e.conditional = true;
        if (exporting) out.set(name, e);
        else {
          assigned.set(name, e);
          if (out.has(name)) out.set(name, e);
        }
      };
      if (text[c.at] === '=') {
        c.at += 1;
        const word = posixWord(c, vars);
        if ('text' in word) {
          vars.set(name, word.text);
          record({ name, value: word.text, line, column });
        } else {
          vars.delete(name);
          record({ name, line, column, notUnderstood: word.problem });
        }
      } else {
        // `export NAME`: the value assigned earlier (or the one from the environment, unknown here).
        const earlier = assigned.get(name);
        out.set(name, earlier ? { ...earlier } : { name, line, column, notUnderstood: 'exported without a value in this file' });
      }
      if (!exporting && keyword === null) break;
    }
    // Skip to the end of the statement (the rest of the line, or after `;`).
    const nl = text.indexOf('\n', c.at);
    const semi = text.indexOf(';', c.at);
    const end = nl < 0 ? text.length : nl;
    c.at = semi >= 0 && semi < end && !/#/.test(text.slice(c.at, semi)) ? semi + 1 : end + 1;
    if (c.at <= statementStart) c.at = statementStart + 1;
  }
  return [...out.values()].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The exports of a fish file: `set -x`, `set -gx`, `set --export NAME value…` (a list joins with spaces). */
function fishExports(text: string, env: Readonly<Record<string, string>>): ShellExport[] {
  const vars = new Map(Object.entries(env));
  const out = new Map<string, ShellExport>();
  let depth = 0;
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (CLOSERS.test(line)) depth = Math.max(0, depth - 1);
    else if (/^(if|while|for|function|switch|begin)\b/.test(line)) depth += 1;
    const m = /^set\s+((?:-[a-zA-Z]+\s+|--[a-z]+\s+)*)([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(line);
    if (!m || !/(^|\s)(-[a-zA-Z]*x[a-zA-Z]*|--export)(\s|$)/.test(m[1] ?? '')) continue;
    const name = m[2] as string;
    const column = raw.indexOf(name, raw.indexOf('set') + 3) + 1;
    const c: Cursor = { text: (m[3] ?? '').replace(/\s+#.*$/, ''), at: 0 };
    const words: string[] = [];
    let problem: string | undefined;
    for (;;) {
      skipBlanks(c);
      if (c.at >= c.text.length) break;
      // fish quotes like POSIX for this purpose; `(…)` is command substitution.
      if (c.text[c.at] === '(') {
        problem = 'a command substitution (…) is not run';
        break;
      }
      const w = posixWord(c, vars);
      if ('problem' in w) {
        problem = w.problem;
        break;
      }
      words.push(w.text);
    }
    const e: ShellExport = problem ? { name, line: i + 1, column, notUnderstood: problem } : { name, value: words.join(' '), line: i + 1, column };
    if (depth > 0) e.conditional = true;
    if (e.value !== undefined) vars.set(name, e.value);
    out.set(name, e);
  }
  return [...out.values()].sort((a, b) => a.line - b.line);
}

/** The exports of a PowerShell profile: `$env:NAME = 'literal'` or `"…"` (with `$env:OTHER` inside). */
function powershellExports(text: string, env: Readonly<Record<string, string>>): ShellExport[] {
  const vars = new Map(Object.entries(env));
  const out = new Map<string, ShellExport>();
  let depth = 0;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    depth = Math.max(0, depth + (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0));
    const m = /^\$env:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*(#.*)?$/i.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    const column = raw.indexOf('$env:') + 6;
    const rhs = m[2] ?? '';
    let e: ShellExport;
    const single = /^'((?:[^']|'')*)'$/.exec(rhs);
    const double = /^"((?:[^"`]|`.)*)"$/.exec(rhs);
    if (single) e = { name, value: (single[1] ?? '').replace(/''/g, "'"), line: i + 1, column };
    else if (double) {
      let problem: string | undefined;
      const value = (double[1] ?? '').replace(
        /\$env:([A-Za-z_][A-Za-z0-9_]*)|\$\(|\$([A-Za-z_][A-Za-z0-9_]*)|`(.)/gi,
        (all, envName: string | undefined, plain: string | undefined, esc: string | undefined) => {
          if (esc !== undefined) return ({ n: '\n', t: '\t', '0': '\0' } as Record<string, string>)[esc] ?? esc;
          if (envName !== undefined) {
            const v = vars.get(envName);
            if (v === undefined) problem ??= `$env:${envName} is not set earlier in the file`;
            return v ?? '';
          }
          problem ??= plain !== undefined ? `$${plain} is a PowerShell variable, not read here` : 'a subexpression $(…) is not run';
          return all;
        },
      );
      e = problem ? { name, line: i + 1, column, notUnderstood: problem } : { name, value, line: i + 1, column };
    } else e = { name, line: i + 1, column, notUnderstood: 'not a quoted string' };
    if (depth > (line.includes('{') ? 1 : 0)) e.conditional = true;
    if (e.value !== undefined) vars.set(name, e.value);
    out.set(name, e);
  }
  return [...out.values()].sort((a, b) => a.line - b.line);
}

/** The variables a start-up file exports, in the order they appear (the last assignment of a name wins). */
export function shellExports(text: string, dialect: ShellDialect, env: Readonly<Record<string, string>> = {}): ShellExport[] {
  const normal = text.replace(/\r\n/g, '\n');
  return dialect === 'fish' ? fishExports(normal, env) : dialect === 'powershell' ? powershellExports(normal, env) : posixExports(normal, env);
}

/** A line of a start-up file that has a tool set Claude Code's variables when the shell starts (`eval "$(ccr activate)"`). */
export interface ToolActivation {
  /** The tool. */
  tool: 'claude-code-router';
  /** 1-based line. */
  line: number;
  /** The command as written. */
  command: string;
}

/** `ccr activate` / `ccr env` run by the shell (any dialect: `eval "$(…)"`, `… | source`, `… | Invoke-Expression`), outside comments. */
export function toolActivations(text: string): ToolActivation[] {
  const out: ToolActivation[] = [];
  text.split(/\r\n|\n/).forEach((raw, i) => {
    const code = raw.replace(/(^|\s)#.*$/, '');
    const m = /(?:^|[\s("'`;|&])(ccr|claude-code-router)\s+(activate|env)\b/.exec(code);
    if (m) out.push({ tool: 'claude-code-router', line: i + 1, command: `${m[1]} ${m[2]}` });
  });
  return out;
}
