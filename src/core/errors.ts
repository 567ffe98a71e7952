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
  | 'FILE_TRACKED';

/** An error the caller can recognise by its `code`, never by its message. */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.code = code;
  }
}
