/**
 * Writes a report page to a file: never through a symbolic link, never over a file that is not a
 * report this library made unless asked, atomically (a reader sees the old page or the new one).
 */
import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ConfigError } from '../core/errors';
import { REPORT_GENERATOR } from '../core/report';
import { checkGitSafety } from './git';

/** What {@link writeReportFile} did. */
export interface WrittenReport {
  /** The absolute path written. */
  path: string;
  /** True when a file was there before (an earlier report, or any file with `force`). */
  replaced: boolean;
}

/** Options for {@link writeReportFile}. */
export interface WriteReportOptions {
  /** Replace a file that is not a report made by this library. @default false */
  force?: boolean;
  /**
   * The page shows secrets (rendered with `showSecrets`): it is written readable by its owner only (0600),
   * and never where git would commit it (a file tracked, or inside a repository and not ignored).
   * @default false
   */
  showsSecrets?: boolean;
  /** The git executable for that check. @default 'git' on PATH */
  git?: string;
}

/** The head of a file: enough to find the report's generator tag. */
function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `html` to `path` (relative to the working directory). Refuses a symbolic link, a file that
 * exists and is not an earlier report (found by its `<meta name="generator">`) unless `force`, and, for
 * a page that shows secrets, a place where git would commit it.
 * Returns the absolute path and whether a file was replaced.
 */
export async function writeReportFile(path: string, html: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const abs = resolve(path);
  let replaced = false;
  let st;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (st) {
    if (st.isSymbolicLink()) throw new ConfigError('UNSAFE_SYMLINK', `${abs} is a symbolic link; the report is not written through it`);
    if (!st.isFile()) throw new ConfigError('FILE_EXISTS', `${abs} exists and is not a regular file; the report is not written there`);
    if (options.force !== true && !head(abs).includes(`<meta name="generator" content="${REPORT_GENERATOR}">`))
      throw new ConfigError('FILE_EXISTS', `${abs} exists and is not a report made by claude-gateway-config; pass force to replace it`);
    replaced = true;
  }
  if (options.showsSecrets === true) {
    const safety = await checkGitSafety(abs, options.git !== undefined ? { git: options.git } : {});
    if (safety.tracked || (safety.inRepository && !safety.ignored))
      throw new ConfigError(
        safety.tracked ? 'CREDENTIAL_IN_TRACKED_FILE' : 'CREDENTIAL_IN_SHARED_FILE',
        `${abs} is ${safety.tracked ? 'tracked by git' : 'in a git repository and not ignored'} (${safety.root ?? 'the repository'}); a report that shows secrets is not written where git would commit it: choose a file outside the repository or one git ignores`,
      );
  }
  await writeFileAtomic(abs, html, { mode: options.showsSecrets === true ? 0o600 : 0o644 });
  return { path: abs, replaced };
}
