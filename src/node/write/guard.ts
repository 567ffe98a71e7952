/**
 * The credential guard: a credential never goes into the shared project file (unless allowed) or a
 * file git tracks, and a file inside a repository that git does not ignore gets an ignore rule first
 * (docs/behavior.md, Writing).
 */
import { ConfigError } from '../../core/errors';
import type { Diagnostic } from '../../core/types';
import { checkGitSafety, ensureGitIgnored } from '../git';
import type { WriteSettingsOptions } from './types';
import { diagnostic } from '../../core/catalogue';

/**
 * Refuses or prepares the write of credential `variables` into `path` (really `target`); adds what it
 * did or would do (for a dry run) to `diagnostics`.
 */
export async function guardCredentials(
  options: WriteSettingsOptions,
  path: string,
  target: string,
  variables: string[],
  diagnostics: Diagnostic[],
): Promise<void> {
  const names = variables.join(', ');
  if (options.scope === 'project' && options.allowCredentialsInProject !== true) {
    throw new ConfigError(
      'CREDENTIAL_IN_SHARED_FILE',
      `${names} would go into ${path}, the project file that is meant to be committed; write it to local or user settings instead (or pass allowCredentialsInProject)`,
    );
  }
  // Allowing the shared project file is one decision; a file git tracks, or does not ignore, is
  // another: the same checks as every other scope (refused if tracked, an ignore rule added first).
  const safety = await checkGitSafety(target, options.git);
  if (!safety.inRepository) return;
  if (safety.tracked) {
    throw new ConfigError(
      'CREDENTIAL_IN_TRACKED_FILE',
      `${names} would go into ${path}, which git tracks: it would be committed. Untrack it (git rm --cached) first${options.scope === 'project' ? '; allowCredentialsInProject does not allow a tracked file' : ''}`,
    );
  }
  if (safety.weaker) diagnostics.push(diagnostic('write-git-weak-check', { reason: safety.weaker }, { path }));
  if (safety.ignored) return;
  if (options.dryRun === true) {
    diagnostics.push(diagnostic('write-git-ignore-added', { file: path, dryRun: true, target: options.gitIgnoreTarget ?? 'gitignore' }, { path }));
    return;
  }
  const added = await ensureGitIgnored(target, {
    ...options.git,
    target: options.gitIgnoreTarget ?? 'gitignore',
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
  });
  diagnostics.push(
    diagnostic('write-git-ignore-added', { file: path, dryRun: false, rule: added.pattern, ignoreFile: added.file, credentialNames: names }, { path }),
  );
}
