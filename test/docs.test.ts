import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliCommands, cliReference, cliReferenceInPage } from '../scripts/cli-reference';
import { diagnosticsTable, diagnosticsTableInPage } from '../scripts/diagnostics-table';
import { DIAGNOSTIC_CATALOGUE } from '../src/core/catalogue';

const root = fileURLToPath(new URL('../', import.meta.url));
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

/** The Markdown pages whose links are checked: the README and every page under docs/ (the API reference too). */
function markdownPages(): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return ['README.md', ...docs].sort();
}

/** The text outside fenced code blocks and inline code spans (links and headings there are not links or headings). */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined) lines.push(line);
  }
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

/** Every relative link target in a page's prose: [text](target) and [text]: target. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    const text = line.replace(/`[^`]*`/g, '');
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]!);
    const def = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(text)?.[1];
    if (def !== undefined) targets.push(def);
  }
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('the documentation keeps up with the code', () => {
  it('docs/diagnostics.md has the table the catalogue renders, one row per code', () => {
    const table = diagnosticsTableInPage(read('docs/diagnostics.md'));
    expect(table, 'docs/diagnostics.md is out of date: run npm run docs:diagnostics').toBe(diagnosticsTable());
    const codes = Object.keys(DIAGNOSTIC_CATALOGUE);
    expect(codes.length).toBeGreaterThan(90);
    expect(codes.filter((c) => !table.includes(`| \`${c}\` |`))).toEqual([]);
  });

  it('every version gate appears in the version table of docs/versions.md', async () => {
    const { VERSION_GATES } = await import('../src/core/versions');
    const rows = read('docs/versions.md')
      .split('\n')
      .filter((l) => /^\| \d/.test(l))
      .map((l) => l.split('|')[1]!);
    const missing = [...new Set(Object.values(VERSION_GATES))].filter((v) => !rows.some((cell) => cell.includes(v)));
    expect(missing).toEqual([]);
  });

  it('every command is in the README command table and has its section in docs/cli.md', () => {
    const commands = cliCommands();
    expect(commands).toContain('explain-error');
    const readme = read('README.md');
    const cli = read('docs/cli.md');
    expect(commands.filter((c) => !new RegExp(`^\\| \`${c}[\` ][^\\n]*\\|`, 'm').test(readme) && !readme.includes(`/ \`${c}`))).toEqual([]);
    expect(commands.filter((c) => !cli.includes(`### \`claude-gateway ${c}\``))).toEqual([]);
  });

  it("docs/cli.md holds each command's --help as the CLI prints it (npm run docs:cli rewrites it)", async () => {
    expect(cliReferenceInPage(read('docs/cli.md')), 'docs/cli.md is out of date: run npm run docs:cli').toBe(await cliReference());
  });

  it('the README keeps the newcomer commands and the package runner form', () => {
    const readme = read('README.md');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    expect(scripts['demo']).toBeDefined();
    expect(scripts['test']).toBeDefined();
    expect(readme).toContain('npx -p claude-gateway-config claude-gateway');
  });

  it('every relative link in the README and docs/ points to a file that exists (and a heading that exists)', () => {
    const broken: string[] = [];
    const pages = markdownPages();
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const text = read(page);
      for (const link of relativeLinks(text)) {
        const [path = '', anchor] = link.split('#', 2) as [string, string | undefined];
        const target = path === '' ? join(root, page) : join(root, dirname(page), decodeURIComponent(path));
        if (
          !relative(root, target)
            .split(/[\\/]/)
            .every((part) => part !== '..') ||
          !existsSync(target)
        ) {
          broken.push(`${page}: ${link} (no such file)`);
          continue;
        }
        if (anchor !== undefined && anchor !== '' && statSync(target).isFile() && target.endsWith('.md')) {
          if (!anchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))) broken.push(`${page}: ${link} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('the link check sees a broken link and a broken anchor', () => {
    const page = '# Title\n\n## A `code` heading\n\n[ok](#a-code-heading) [bad](#nowhere) [file](missing.md)\n\n```sh\n[not](a-link.md)\n```\n';
    expect(relativeLinks(page)).toEqual(['#a-code-heading', '#nowhere', 'missing.md']);
    expect([...anchors(page)]).toEqual(['title', 'a-code-heading']);
  });
});
