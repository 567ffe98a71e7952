/** Finding the file a scope writes to, as the resolver finds it (docs/behavior.md, Writing). */
import { ConfigError } from '../../core/errors';
import { findGitRoot, localDirectory } from '../../core/gather';
import { checkDropInName, claudeConfigDir, managedFileLocations, pathApi, settingsFiles, type SettingsFiles } from '../../core/locations';
import type { ResolveOptions } from '../../core/types';
import { prepareResolution } from '../../resolve-effective';
import type { WriteSettingsOptions } from './types';

/** The file a scope writes to, found as the resolver finds it (docs/behavior.md, where each file is). */
export async function settingsPathFor(options: Omit<WriteSettingsOptions, 'ops'>): Promise<string> {
  const { input } = await prepareResolution(resolverOptions(options));
  const p = pathApi(input.platform);
  // The settings files where the resolver reads them (settingsFiles, src/core/locations.ts).
  const files = (localDir: string = input.cwd): SettingsFiles =>
    settingsFiles(p, input.platform, claudeConfigDir(input.platform, input.homeDir, input.cwd, input.env), input.cwd, localDir);
  switch (options.scope) {
    case 'user':
      return files().user;
    case 'project':
      return files().project;
    case 'local': {
      const git = await findGitRoot(input.fs, p, input.cwd);
      const { dir } = await localDirectory(input, p, git);
      return files(dir).local;
    }
    case 'managed': {
      const loc = managedFileLocations(input.platform, input.version)[0];
      if (!loc) throw new ConfigError('INVALID_OPTIONS', `no managed settings location for ${input.platform}`);
      return loc.file;
    }
    case 'managed-drop-in': {
      const name = options.dropInName ?? '';
      checkDropInName(name);
      const loc = managedFileLocations(input.platform, input.version)[0];
      if (!loc) throw new ConfigError('INVALID_OPTIONS', `no managed settings location for ${input.platform}`);
      return p.join(loc.dropInDir, name);
    }
    case 'cli':
      if (!options.settingsFile) throw new ConfigError('INVALID_OPTIONS', 'scope "cli" needs settingsFile: the --settings file to edit');
      return p.resolve(input.cwd, options.settingsFile);
    default:
      throw new ConfigError('INVALID_OPTIONS', `unknown scope ${JSON.stringify(options.scope)}`);
  }
}

/** The resolver's options out of a writer's options. */
export function resolverOptions(o: Omit<WriteSettingsOptions, 'ops'>): ResolveOptions {
  const {
    scope: _s,
    dryRun: _d,
    dropInName: _n,
    settingsFile: _f,
    allowCredentialsInProject: _a,
    gitIgnoreTarget: _g,
    convertJsonc: _c,
    git: _git,
    backupDir: _b,
    keepBackups: _k,
    allowReadOnly: _r,
    ...rest
  } = o as WriteSettingsOptions;
  return rest;
}
