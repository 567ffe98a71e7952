/**
 * The errors of a write: a system error turned into a coded error that names the settings file, and
 * the signal the retry loop catches to plan the edit again.
 */
import { ConfigError } from '../../core/errors';
import type { EditOp } from '../../core/edit';

/** The `E...` code of a system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * A system error met while reading or replacing a settings file, as a coded error that names the
 * settings file (never a staging file) and says that nothing was written. Coded errors pass through.
 */
export function fileError(error: unknown, label: string, doing: 'read' | 'written' | 'created'): unknown {
  if (error instanceof ConfigError || error instanceof RetryError) return error;
  const code = errnoOf(error);
  if (code === undefined) return error;
  const cannot = `${label} cannot be ${doing}`;
  const nothing = 'Nothing was written';
  const make = (c: ConfigError['code'], why: string): ConfigError => new ConfigError(c, `${cannot}: ${why}. ${nothing}`, { cause: error });
  switch (code) {
    case 'EISDIR':
      return new ConfigError('FILE_NOT_REGULAR', `${label} is a directory, not a settings file. ${nothing}`, { cause: error });
    case 'ENOTDIR':
    case 'EEXIST':
      return make('FILE_NOT_WRITABLE', `a part of its folder path is a file, not a folder (${code})`);
    case 'EACCES':
    case 'EPERM':
      return make('FILE_NOT_WRITABLE', `permission denied (${code}) on the file or its folder`);
    case 'EROFS':
      return make('FILE_NOT_WRITABLE', 'its folder is on a read-only file system (EROFS)');
    case 'ENOSPC':
    case 'EDQUOT':
      return make('FILE_NOT_WRITABLE', `no space left on its file system (${code})`);
    case 'EBUSY':
    case 'ETXTBSY':
      return make('FILE_NOT_WRITABLE', `it is in use or mounted on its own (${code}), and a file mounted on its own cannot be replaced`);
    case 'ELOOP':
      return new ConfigError('FS_ERROR', `${label} is a loop of symbolic links (ELOOP). ${nothing}`, { cause: error });
    default:
      return new ConfigError('FS_ERROR', `${cannot} (${code}). ${nothing}`, { cause: error });
  }
}

/**
 * Plan again. `rescue` holds what another program wrote into the file our rename replaced: edits to
 * apply to the current file, under the same guards as any write, before ours (see carry-over.ts).
 */
export class RetryError extends Error {
  /** @param committed true when this attempt's rename happened (the earlier rescue edits are in the file now). */
  constructor(
    readonly rescue: EditOp[] = [],
    readonly committed = false,
  ) {
    super('retry');
  }
}
