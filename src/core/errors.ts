/** Error codes for misuse of the API. Bad user files never throw: they become diagnostics. */
export type ConfigErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_VERSION'
  | 'FS_ERROR'
  | 'INVALID_JSON'
  | 'JSONC_NOT_ALLOWED'
  | 'INVALID_EDIT'
  | 'CREDENTIAL_IN_SHARED_FILE'
  | 'CREDENTIAL_IN_TRACKED_FILE'
  | 'CONCURRENT_MODIFICATION'
  | 'LOCK_FAILED'
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_CORRUPT'
  | 'GIT_FAILED'
  | 'FILE_TRACKED'
  /** The settings file is read-only (mode without write bits); the writer does not replace it unless told to. */
  | 'FILE_READ_ONLY'
  /** The path is a FIFO, a device, a socket or a directory, not a regular file. */
  | 'FILE_NOT_REGULAR'
  /** The file is larger than a settings file can sensibly be; it is not read whole. */
  | 'FILE_TOO_LARGE'
  /** The file or its folder cannot be written (permissions, a read-only mount, a directory in its place). */
  | 'FILE_NOT_WRITABLE'
  /** JSON nested deeper than the library reads. */
  | 'TOO_DEEP'
  /** A credential would go to an address a repository chose, in a workspace not trusted. */
  | 'UNTRUSTED_DESTINATION'
  /** A write would follow a symbolic link out of the repository (or another place it must stay in). */
  | 'UNSAFE_SYMLINK'
  /** An output file exists already and overwriting it was not asked for. */
  | 'FILE_EXISTS';

/** An error the caller can recognise by its `code`, never by its message. */
export class ConfigError extends Error {
  /** Stable code saying what went wrong; the CLI maps it to an exit code. */
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.code = code;
  }
}
