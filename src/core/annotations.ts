/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), so
 * that a finding shows on the line of the pull request it concerns. Pure.
 */
import { posix, relative, sep } from 'node:path';
import type { Diagnostic } from './types';

const LEVEL: Readonly<Record<Diagnostic['severity'], string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** A message as a workflow command carries it: `%`, CR and LF escaped. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,` escaped. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command per diagnostic (errors `::error`, warnings `::warning`, information `::notice`),
 * each file relative to `root` (the repository checked out in the workspace) with `/` between parts.
 */
export function toGitHubAnnotations(diagnostics: readonly Diagnostic[], options: { root?: string } = {}): string {
  return diagnostics
    .map((d) => {
      const props: string[] = [];
      if (d.path !== undefined) {
        const rel = options.root !== undefined ? relative(options.root, d.path) : d.path;
        props.push(`file=${property(rel.split(sep).join(posix.sep))}`);
        if (d.line !== undefined) props.push(`line=${d.line}`);
        if (d.column !== undefined) props.push(`col=${d.column}`);
      }
      props.push(`title=${property(d.code)}`);
      const message = d.fix !== undefined ? `${d.message}. Fix: ${d.fix}` : d.message;
      return `::${LEVEL[d.severity]} ${props.join(',')}::${data(message)}\n`;
    })
    .join('');
}
