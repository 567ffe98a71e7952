/**
 * Every location Claude Code reads on this machine (or the layout the options describe), with this
 * library's own backup folder: what `claude-gateway paths` prints.
 */
import { sourceLocations } from '../core/source-paths';
import type { ResolveOptions, SourceLocation } from '../core/types';
import { prepareResolution } from '../resolve-effective';
import { defaultBackupDir } from './backup';

/**
 * The locations Claude Code reads for a session started in `options.cwd`, then the backups folder.
 *
 * @example
 * const local = (await locateSources({ cwd: '/work/app' })).find((l) => l.name === 'local')?.path;
 */
export async function locateSources(options: ResolveOptions = {}): Promise<SourceLocation[]> {
  const { input } = await prepareResolution(options);
  return [...(await sourceLocations(input)), { name: 'backups', path: defaultBackupDir(), note: 'claude-gateway-config backups' }];
}
