/**
 * Reads every source through the injected {@link FileSystem} into plain strings. This is the only
 * part of the resolver that waits on anything; what it returns is decided upon by pure code.
 */
import type { FileSystem, Platform, SelectableScope } from './types';
import {
  claudeConfigDir,
  globalConfigPath,
  legacyWindowsManagedLocation,
  isDropInName,
  managedFileLocations,
  pathApi,
  samePath,
  settingsFiles,
  wslWindowsManagedLocation,
  type ManagedFileLocation,
  type PathApi,
} from './locations';
import { hasFeature } from './versions';

/** One file as read. */
export interface RawFile {
  path: string;
  status: 'ok' | 'missing' | 'unreadable' | 'not-regular' | 'directory' | 'too-large';
  text?: string;
  size?: number;
  /** The error code when unreadable. */
  errorCode?: string;
}

export interface RawManagedLocation {
  location: ManagedFileLocation;
  file: RawFile;
  /** `managed-settings.d/*.json` in alphabetical order, hidden files skipped. */
  dropIns: RawFile[];
}

export interface GitInfo {
  /** The directory holding `.git` nearest the start directory. */
  root: string;
  /** The main checkout, for a linked worktree; equal to `root` otherwise. */
  mainRoot: string;
  /** Owner of the main checkout's `.git`, when the walk already saw it. */
  dotGitUid?: number;
}

export interface GatherInput {
  fs: FileSystem;
  cwd: string;
  homeDir: string;
  platform: Platform;
  wsl: boolean;
  wslWindowsDrive: string;
  env: Record<string, string | undefined>;
  settingsFlag: string | undefined;
  settingSources: readonly SelectableScope[];
  version: string;
  uid: number | undefined;
}

export interface Gathered {
  user: RawFile;
  project: RawFile;
  /** True when the start directory's `.claude/settings.json` is the user file (started in the home directory). */
  projectIsUser: boolean;
  /** The local file at the git root or in the start directory. */
  local: RawFile;
  /** The leftover local file in the start directory, when the main one is at the git root. */
  localLeftover?: RawFile;
  /** Why the local file is where it is. */
  localReason: string;
  git?: GitInfo;
  /** `--settings`: inline JSON text, or the file it names (`given` as typed, `file.path` resolved against the start directory). */
  cli?: { kind: 'inline'; text: string } | { kind: 'file'; file: RawFile; given: string };
  /** The managed file locations, highest first; from 2.1.75 on Windows the unread legacy location comes last. */
  managed: RawManagedLocation[];
  /** `C:\Program Files\ClaudeCode` seen from WSL, read only when `wsl` is on. */
  wslWindows?: RawManagedLocation;
  globalConfig: RawFile;
  /** Whether a `/login` credentials file exists (Linux and Windows; macOS keeps it in the Keychain). */
  loginCredentialsFile: boolean;
}

/** The 2 MiB limit on a `--settings` file (docs/behavior.md#command-line). */
export const SETTINGS_FLAG_MAX_BYTES: number = 2 * 1024 * 1024;

async function readRaw(fs: FileSystem, path: string, maxBytes?: number, likelyThere?: boolean): Promise<RawFile> {
  if (fs.readIfFile) {
    try {
      const r = await fs.readIfFile(path, maxBytes, likelyThere);
      if (!r.stat) return { path, status: 'missing' };
      const { kind, size } = r.stat;
      if (kind === 'directory') return { path, status: 'directory', size };
      if (kind === 'other') return { path, status: 'not-regular', size };
      if (r.text === undefined) return { path, status: 'too-large', size };
      return { path, status: 'ok', text: r.text, size };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { path, status: 'unreadable', errorCode: typeof code === 'string' ? code : 'EIO' };
    }
  }
  const st = await fs.stat(path);
  if (!st) return { path, status: 'missing' };
  if (st.kind === 'directory') return { path, status: 'directory', size: st.size };
  if (st.kind === 'other') return { path, status: 'not-regular', size: st.size };
  if (maxBytes !== undefined && st.size > maxBytes) return { path, status: 'too-large', size: st.size };
  try {
    return { path, status: 'ok', text: await fs.readFile(path), size: st.size };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { path, status: 'missing' };
    return { path, status: 'unreadable', errorCode: typeof code === 'string' ? code : 'EIO' };
  }
}

/** Finds the git root from `start` upward, following a linked worktree to its main checkout. */
export async function findGitRoot(fs: FileSystem, p: PathApi, start: string): Promise<GitInfo | undefined> {
  let dir = start;
  for (;;) {
    const dotGit = p.join(dir, '.git');
    const st = await fs.stat(dotGit);
    if (st?.kind === 'directory') return st.uid === undefined ? { root: dir, mainRoot: dir } : { root: dir, mainRoot: dir, dotGitUid: st.uid };
    if (st?.kind === 'file') return { root: dir, mainRoot: await worktreeMainRoot(fs, p, dir, dotGit) };
    const parent = p.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function worktreeMainRoot(fs: FileSystem, p: PathApi, dir: string, dotGit: string): Promise<string> {
  try {
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(await fs.readFile(dotGit));
    if (!m?.[1]) return dir;
    const gitDir = p.resolve(dir, m[1]);
    const commonText = (await fs.readFile(p.join(gitDir, 'commondir'))).trim();
    const common = p.resolve(gitDir, commonText);
    return p.basename(common) === '.git' ? p.dirname(common) : dir;
  } catch {
    // A submodule or a broken worktree: the directory holding `.git` is the root.
    return dir;
  }
}

async function ownedBy(fs: FileSystem, uid: number, paths: string[]): Promise<boolean> {
  for (const path of paths) {
    const st = await fs.stat(path);
    if (st?.uid !== undefined && st.uid !== uid) return false;
  }
  return true;
}

/** Where the local file lives (docs/behavior.md#local-settings-file), and why. */
export async function localDirectory(input: GatherInput, p: PathApi, git: GitInfo | undefined): Promise<{ dir: string; reason: string }> {
  const { cwd, homeDir, platform, version, uid, fs } = input;
  if (!hasFeature(version, 'localAtGitRoot')) return { dir: cwd, reason: 'before 2.1.211 the local file lives in the start directory' };
  if (!git) return { dir: cwd, reason: 'outside a git repository the local file stays in the start directory' };
  const root = git.mainRoot;
  if (platform === 'win32') return { dir: cwd, reason: 'on Windows the local file stays in the start directory' };
  if (samePath(p, platform, root, homeDir)) return { dir: cwd, reason: 'the repository root is the home directory' };
  const knownGit = git.dotGitUid !== undefined && git.mainRoot === git.root;
  if (knownGit && git.dotGitUid !== uid && uid !== undefined) return { dir: cwd, reason: 'the repository root is not owned by the current user' };
  const toCheck = knownGit ? [root, p.join(root, '.claude')] : [root, p.join(root, '.git'), p.join(root, '.claude')];
  if (uid !== undefined && !(await ownedBy(fs, uid, toCheck))) {
    return { dir: cwd, reason: 'the repository root is not owned by the current user' };
  }
  return { dir: root, reason: 'since 2.1.211 the local file lives at the repository root' };
}

export { samePath } from './locations';

/**
 * Reads one managed location. Drop-ins are read at every version: before 2.1.83 Claude Code ignores
 * them, and the managed tier reports them as ignored.
 */
async function readManaged(fs: FileSystem, location: ManagedFileLocation): Promise<RawManagedLocation> {
  const p = pathApi(location.dir.includes('\\') ? 'win32' : 'linux');
  const [file, names] = await Promise.all([readRaw(fs, location.file), fs.readdir(location.dropInDir)]);
  const picked = (names ?? []).filter(isDropInName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Just listed: they are there (read first, described only if that fails).
  const dropIns = await Promise.all(picked.map((n) => readRaw(fs, p.join(location.dropInDir, n), undefined, true)));
  return { location, file, dropIns: dropIns.filter((f) => f.status !== 'directory') };
}

/**
 * The managed locations Claude Code reads, plus, from 2.1.75 on Windows, the legacy
 * `C:\ProgramData\ClaudeCode`, which the managed tier reports as ignored when something is left there
 * (docs/behavior.md#managed-sources).
 */
function managedLocationsToRead(platform: Platform, version: string): ManagedFileLocation[] {
  const read = managedFileLocations(platform, version);
  if (platform === 'win32' && hasFeature(version, 'windowsProgramDataRemoved')) read.push(legacyWindowsManagedLocation());
  return read;
}

/** Reads every source of one resolution. */
export async function gather(input: GatherInput): Promise<Gathered> {
  const { fs, cwd, homeDir, platform, env, version } = input;
  const p = pathApi(platform);
  const configDir = claudeConfigDir(platform, homeDir, cwd, env);
  const git = await findGitRoot(fs, p, cwd);
  const local = await localDirectory(input, p, git);
  const files = settingsFiles(p, platform, configDir, cwd, local.dir);
  const localPath = files.local;
  const leftoverPath = files.localLeftover ?? files.local;
  const hasLeftover = files.localLeftover !== undefined;
  const flag = input.settingsFlag;
  // Text between braces is inline JSON; anything else is a file name, even text that only starts with a
  // brace (vectors settings-flag-inline-unparseable, settings-flag-inline-array, settings-flag-inline-padded).
  const trimmed = flag?.trim();
  const inline = trimmed !== undefined && trimmed.startsWith('{') && trimmed.endsWith('}');
  const maxFlagBytes = hasFeature(version, 'settingsFlagSizeCheck') ? SETTINGS_FLAG_MAX_BYTES : undefined;

  const [user, project, localFile, leftover, cliFile, managed, wslWindows, globalConfig, creds] = await Promise.all([
    // The user file exists on nearly every machine that runs Claude Code.
    readRaw(fs, files.user, undefined, true),
    readRaw(fs, files.project),
    readRaw(fs, localPath),
    hasLeftover ? readRaw(fs, leftoverPath) : undefined,
    flag !== undefined && !inline ? readRaw(fs, p.resolve(cwd, flag), maxFlagBytes) : undefined,
    Promise.all(managedLocationsToRead(platform, version).map((l) => readManaged(fs, l))),
    input.wsl && platform === 'linux' && hasFeature(version, 'wslInherits') ? readManaged(fs, wslWindowsManagedLocation(input.wslWindowsDrive)) : undefined,
    readRaw(fs, globalConfigPath(platform, homeDir, cwd, env)),
    platform === 'darwin' ? undefined : fs.stat(p.join(configDir, '.credentials.json')),
  ]);

  const out: Gathered = {
    user,
    project,
    projectIsUser: samePath(p, platform, user.path, project.path),
    local: localFile,
    localReason: local.reason,
    managed,
    globalConfig,
    loginCredentialsFile: creds?.kind === 'file',
  };
  if (git) out.git = git;
  if (leftover) out.localLeftover = leftover;
  if (flag !== undefined) out.cli = inline ? { kind: 'inline', text: flag } : { kind: 'file', file: cliFile as RawFile, given: flag };
  if (wslWindows) out.wslWindows = wslWindows;
  return out;
}
