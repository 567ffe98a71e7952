/**
 * What a set of shell exports comes to as configuration: the variables Claude Code reads, in the form
 * the generators render (`GeneratedConfig`), and a diagnostic for each export that cannot be carried
 * over. Pure.
 */
import { diagnostic } from '../catalogue';
import type { Diagnostic, GeneratedConfig } from '../types';
import type { ShellExport, ToolActivation } from './shell';
import { providerOf } from './tool-data';

/** A shell export with the file it is in, as a person writes it. */
export interface ImportedExport extends ShellExport {
  /** The file (`~/.zshrc`). */
  file: string;
}

/** A line of a start-up file that runs a tool to set the variables, with the file as a person writes it. */
export interface ImportedActivation extends ToolActivation {
  /** The file (`~/.zshrc`). */
  file: string;
}

/**
 * The configuration the exports set, the later file winning (a login shell reads them in the order
 * given). Exports whose value cannot be read are left out with `import-not-understood`; those set in a
 * condition are kept with `import-conditional`.
 */
export function configFromExports(
  exports: readonly ImportedExport[],
  files: readonly string[],
  activations: readonly ImportedActivation[] = [],
): GeneratedConfig {
  const env: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const e of exports) {
    if (e.value === undefined) {
      delete env[e.name];
      diagnostics.push(diagnostic('import-not-understood', { variable: e.name, file: e.file, line: e.line, reason: e.notUnderstood ?? 'not read' }));
      continue;
    }
    env[e.name] = e.value;
    if (e.conditional) diagnostics.push(diagnostic('import-conditional', { variable: e.name, file: e.file, line: e.line }));
  }
  if (exports.length === 0) diagnostics.push(diagnostic('import-nothing-found', { files }));
  for (const a of activations) diagnostics.push(diagnostic('import-tool-activation', { file: a.file, line: a.line, command: a.command, source: a.tool }));
  const provider = providerOf(env);
  const sorted = Object.fromEntries(
    Object.keys(env)
      .sort()
      .map((k) => [k, env[k] as string]),
  );
  const out: GeneratedConfig = { env: sorted, settings: {}, unset: [], provider, diagnostics };
  const credential = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'].find((v) => Object.hasOwn(sorted, v));
  if (credential) out.credentialVariable = credential;
  return out;
}
