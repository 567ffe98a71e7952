/**
 * `npm run docs:diagnostics`: writes the table of docs/diagnostics.md from the diagnostic catalogue
 * (src/core/catalogue), between the "generated" markers. test/docs.test.ts fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CATALOGUE } from '../src/core/catalogue';

export const DIAGNOSTICS_PAGE: string = fileURLToPath(new URL('../docs/diagnostics.md', import.meta.url));
const START = '<!-- generated from src/core/catalogue by npm run docs:diagnostics -->\n';
const END = '<!-- end of generated -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The table, one row per code in catalogue order. */
export function diagnosticsTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CATALOGUE).map(([code, entry]) => {
    const severity = entry.doc.severity ?? (typeof entry.severity === 'string' ? entry.severity : '');
    return `| \`${code}\` | ${cell(severity)} | ${cell(entry.doc.meaning)} | ${cell(entry.doc.fix)} |`;
  });
  return `\n| code | severity | meaning | fix |\n|---|---|---|---|\n${rows.join('\n')}\n\n`;
}

function markers(page: string): { from: number; to: number } {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/diagnostics.md has lost its "generated" markers');
  return { from: start + START.length, to: end };
}

/** The generated part of the page as it is. */
export function diagnosticsTableInPage(page: string): string {
  const { from, to } = markers(page);
  return page.slice(from, to);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = readFileSync(DIAGNOSTICS_PAGE, 'utf8');
  const current = diagnosticsTableInPage(page);
  const next = diagnosticsTable();
  const { from, to } = markers(page);
  writeFileSync(DIAGNOSTICS_PAGE, page.slice(0, from) + next + page.slice(to));
  process.stdout.write(current === next ? 'docs/diagnostics.md was up to date\n' : 'docs/diagnostics.md: the table rewritten from the catalogue\n');
}
