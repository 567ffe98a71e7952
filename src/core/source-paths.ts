/**
 * Where every source Claude Code reads lives, in one place: the settings files of each scope, the
 * managed files and drop-in folders, the global configuration, the login file and the model cache.
 * The resolver reads these (gather.ts), the writers write them, `claude-gateway paths` lists them and
 * the test kit's `layout()` puts files there.
 */
import type { FileSystem, SourceLocation } from './types';
import { claudeConfigDir, globalConfigPath, managedFileLocations, pathApi, settingsFiles } from './locations';
import { findGitRoot, localDirectory, type GatherInput } from './gather';

/** The input {@link sourceLocations} needs: a file system to find the repository, and the session's facts. */
export type LocateInput = Pick<GatherInput, 'fs' | 'cwd' | 'homeDir' | 'platform' | 'env' | 'version' | 'uid'> & {
  /** The file system to look for the repository in. */
  fs: FileSystem;
};

/** Every location Claude Code reads for a session started in `input.cwd`, with what each is for. */
export async function sourceLocations(input: LocateInput): Promise<SourceLocation[]> {
  const { platform, homeDir, cwd, env, version } = input;
  const p = pathApi(platform);
  const git = await findGitRoot(input.fs, p, cwd);
  const local = await localDirectory({ ...input, wsl: false, wslWindowsDrive: 'c', settingsFlag: undefined, settingSources: [] }, p, git);
  const configDir = claudeConfigDir(platform, homeDir, cwd, env);
  const files = settingsFiles(p, platform, configDir, cwd, local.dir);
  const out: SourceLocation[] = [
    { name: 'user', path: files.user, note: 'user settings' },
    { name: 'project', path: files.project, note: 'shared project settings (start directory only)' },
    { name: 'local', path: files.local, note: local.reason },
  ];
  if (files.localLeftover) out.push({ name: 'local (leftover)', path: files.localLeftover, note: 'still read; the root file wins' });
  for (const l of managedFileLocations(platform, version)) {
    out.push({ name: 'managed', path: l.file, note: l.kind === 'windows-legacy' ? 'legacy C:\\ProgramData fallback' : 'managed settings file' });
    out.push({ name: 'managed drop-ins', path: l.dropInDir, note: '*.json merged alphabetically after the file' });
  }
  out.push(
    { name: 'global config', path: globalConfigPath(platform, homeDir, cwd, env), note: 'trust (hasTrustDialogAccepted), API-key approvals' },
    { name: 'credentials', path: p.join(configDir, '.credentials.json'), note: platform === 'darwin' ? 'not used on macOS (Keychain)' : 'the /login session' },
    { name: 'model cache', path: p.join(configDir, 'cache', 'gateway-models.json'), note: 'gateway model discovery cache' },
  );
  return out;
}
