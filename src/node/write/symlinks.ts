/**
 * Following symbolic links to the file that is really written, and refusing a repository's settings
 * file whose links lead out of the repository.
 */
import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../../core/errors';
import type { WriteScope } from '../../core/write-plan';
import { errnoOf, fileError } from './errors';

/**
 * The file that is really written, with every symbolic link resolved: the file's own (a symlinked
 * settings file stays a symlink and its target changes) and its folders' (a symlinked `~/.claude`), so
 * that every writer of one file, whichever path it came through, locks and backs up the same path.
 */
export function realTarget(path: string): string {
  let current = resolve(path);
  const rest: string[] = [];
  for (let hops = 0; ;) {
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (error) {
      const code = errnoOf(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileError(error, path, 'read');
      // Not there (yet): written where it is asked for, below its nearest folder that exists.
      const parent = dirname(current);
      if (parent === current) return join(current, ...rest);
      rest.unshift(basename(current));
      current = parent;
      continue;
    }
    if (st.isSymbolicLink()) {
      // Followed by hand, so that a dangling link's target is created instead of the link replaced.
      if (++hops > 40) throw new ConfigError('FS_ERROR', `${path} is a loop of symbolic links`);
      current = resolve(dirname(current), readlinkSync(current));
      continue;
    }
    try {
      return join(realpathSync(current), ...rest);
    } catch (error) {
      throw errnoOf(error) === 'ELOOP' ? new ConfigError('FS_ERROR', `${path} is a loop of symbolic links`) : fileError(error, path, 'read');
    }
  }
}

/** The settings file as messages name it: the path asked for, and where it really is when that differs. */
export function describePath(path: string, target: string): string {
  return path === target ? path : `${path} (really ${target})`;
}

/**
 * A repository's settings file (project or local scope) must not lead out of the folder holding its
 * `.claude`: a committed symbolic link could aim the write at `~/.bashrc` or another repository.
 * Followed only when the caller says the repository is trusted (docs/behavior.md, Writing).
 */
export function refuseEscapingLink(scope: WriteScope, trusted: boolean | undefined, path: string, target: string): void {
  if ((scope !== 'project' && scope !== 'local') || trusted === true) return;
  const workspace = dirname(dirname(resolve(path)));
  let real: string;
  try {
    real = realpathSync(workspace);
  } catch {
    return; // Not there yet: nothing to follow.
  }
  const rel = relative(real, target);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return;
  throw new ConfigError(
    'UNSAFE_SYMLINK',
    `${path} leads out of ${workspace} through a symbolic link (to ${target}); a repository's settings file is not written outside it. Nothing was written; if you trust this repository, pass trusted: true`,
  );
}
