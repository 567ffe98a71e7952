/**
 * `writeSettings`, read top to bottom: find the file (target.ts), follow its links (symlinks.ts),
 * guard credentials (guard.ts), note what shadows the write, then, holding the file's lock (locked.ts),
 * try the write (attempt.ts, which commits through commit.ts) until it lands, carrying over another
 * program's changes it replaced (carry-over.ts). docs/behavior.md, Writing, gives the choices.
 */
import { ConfigError } from '../../core/errors';
import { gather } from '../../core/gather';
import { resolveGathered } from '../../core/resolve';
import type { Diagnostic, ResolveOptions } from '../../core/types';
import { credentialsIn, shadowWarnings } from '../../core/write-plan';
import { prepareResolution } from '../../resolve-effective';
import { attempt, type WriteJob } from './attempt';
import { CarryOver } from './carry-over';
import { guardCredentials } from './guard';
import { lockDiagnostics, underLock } from './locked';
import { refuseNotRegular } from './read';
import { describePath, realTarget, refuseEscapingLink } from './symlinks';
import { resolverOptions, settingsPathFor } from './target';
import type { WriteSettingsOptions, WriteSettingsResult } from './types';

/** Attempts of one write that find the file changed (by another program) before it gives up. */
const MAX_ATTEMPTS = 5;

/**
 * Applies `ops` to the settings file of `scope`.
 *
 * Refuses (throws a coded {@link ConfigError}) to write a file it cannot parse (`INVALID_JSON`,
 * `JSONC_NOT_ALLOWED`), a credential into the shared project file (`CREDENTIAL_IN_SHARED_FILE`) or
 * into a file git tracks (`CREDENTIAL_IN_TRACKED_FILE`), a path that is not a regular file
 * (`FILE_NOT_REGULAR`), a file larger than `WRITE_MAX_BYTES` (`FILE_TOO_LARGE`), a read-only
 * file unless `allowReadOnly` (`FILE_READ_ONLY`), and a file or folder the system will not let it
 * write (`FILE_NOT_WRITABLE`). A credential going into a file inside a repository that git would not
 * ignore gets an ignore rule first (`gitIgnoreTarget`).
 *
 * @example
 * await writeSettings({ scope: 'user', ops: [{ op: 'set', path: ['env', 'ANTHROPIC_BASE_URL'], value: 'https://gw.example.com' }] });
 */
export async function writeSettings(options: WriteSettingsOptions): Promise<WriteSettingsResult> {
  if ((options as ResolveOptions).fs !== undefined) {
    throw new ConfigError('INVALID_OPTIONS', 'writeSettings works on the real file system; for a memory layout use planEdit and set the text yourself');
  }
  // Which file, really, and may it be written at all.
  const path = await settingsPathFor(options);
  const target = realTarget(path);
  const label = describePath(path, target);
  refuseEscapingLink(options.scope, options.trusted, path, target);
  refuseNotRegular(target, label);

  const diagnostics: Diagnostic[] = [];
  const credentials = credentialsIn(options.ops);
  if (credentials.length > 0)
    await guardCredentials(
      options,
      path,
      target,
      credentials.map((c) => c.variable),
      diagnostics,
    );

  // Shadowing: a higher source setting the same thing wins over this write.
  const { input, context } = await prepareResolution(resolverOptions(options));
  const gathered = await gather(input);
  diagnostics.push(...shadowWarnings(resolveGathered(gathered, context), options.scope, options.ops));

  const job: WriteJob = { options, path, target, label, diagnostics, writesCredential: credentials.length > 0, gathered, context };
  if (options.dryRun === true) return attempt(job, [], () => undefined);

  // The retry loop: an attempt that finds the file changed plans again from the new bytes.
  return underLock(target, label, async (lock, wrote) => {
    const carry = new CarryOver(path);
    for (let i = 1; ; i++) {
      try {
        const result = await attempt(job, carry.pending, wrote);
        carry.landed(result.diagnostics);
        result.diagnostics.push(...lockDiagnostics(lock, path));
        return result;
      } catch (error) {
        if (carry.failed(error, i)) continue;
        if (i >= MAX_ATTEMPTS) throw carry.gaveUp(i);
      }
    }
  });
}
