/** `layout()`: a whole Claude Code configuration layout in memory, ready for `resolveEffectiveConfig`. */
import { posix, win32 } from 'node:path';
import type { ManagedInput, Platform, ResolveOptions, SelectableScope } from '../core/types';
import { claudeConfigDir, globalConfigPath, MANAGED_DIRS, settingsFiles } from '../core/locations';
import { createMemoryFs, type MemoryEntry, type MemoryFs } from './memory-fs';

/** A settings file: an object (written as 2-space JSON) or raw text (to test broken files). */
export type SettingsContent = Record<string, unknown> | string;

/** A test layout: files to create in a temporary home and project, and the options to resolve them with. */
export interface LayoutSpec {
  /** @default 'linux' */
  platform?: Platform;
  /** @default '/home/user', '/Users/user' or 'C:\\Users\\user' */
  homeDir?: string;
  /** @default `<homeDir>/project` */
  cwd?: string;
  /** The shell environment. @default {} */
  env?: Record<string, string | undefined>;
  /** `~/.claude/settings.json` (or under `env.CLAUDE_CONFIG_DIR`). */
  user?: SettingsContent;
  /** `<cwd>/.claude/settings.json`. */
  project?: SettingsContent;
  /** `.claude/settings.local.json` at the git root when `git` is set, else in `cwd`. */
  local?: SettingsContent;
  /** `<cwd>/.claude/settings.local.json` when it differs from the `local` location (a pre-2.1.211 leftover). */
  localLeftover?: SettingsContent;
  /** The managed file of the platform. */
  managedFile?: SettingsContent;
  /** Drop-ins by file name, e.g. `{ '10-gateway.json': {...} }`. */
  dropIns?: Record<string, SettingsContent>;
  /** `~/.claude.json`. */
  globalConfig?: Record<string, unknown> | string;
  /** Make the repository: `true` puts `.git/` in `cwd`; a path puts it there. */
  git?: boolean | string;
  /** Extra files by absolute path; `~/` is the home directory and `./` the start directory. */
  files?: Record<string, MemoryEntry | Record<string, unknown>>;
  /** The `--settings` value to resolve with. */
  settingsFlag?: string;
  /** The `--setting-sources` scopes to resolve with. */
  settingSources?: SelectableScope[];
  /** `claude --bare`. */
  bare?: boolean;
  /** `claude --model <name>`. */
  model?: string;
  /** Managed settings from channels other than files (remote, plist, registry). */
  managed?: ManagedInput;
  /** Whether the session is interactive. */
  interactive?: boolean;
  /** Whether the project folder is trusted. */
  trusted?: boolean;
  /** The Claude Code version to resolve for. */
  claudeCodeVersion?: string;
  /** Whether to resolve as under WSL. */
  wsl?: boolean;
  /** The user id to resolve as. */
  uid?: number;
}

export interface Layout extends ResolveOptions {
  fs: MemoryFs;
  platform: Platform;
  homeDir: string;
  cwd: string;
  env: Record<string, string | undefined>;
}

const HOMES: Readonly<Record<Platform, string>> = { linux: '/home/user', darwin: '/Users/user', win32: 'C:\\Users\\user' };

function text(content: SettingsContent | Record<string, unknown>): string {
  return typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
}

/**
 * Builds options for `resolveEffectiveConfig` over an in-memory layout. Every path follows the
 * platform's rules, so the same spec tests Linux, macOS and Windows.
 *
 * @example
 * const config = await resolveEffectiveConfig(layout({
 *   platform: 'win32',
 *   user: { env: { ANTHROPIC_BASE_URL: 'https://gw.example.com' } },
 *   env: { ANTHROPIC_AUTH_TOKEN: 'tok' },
 * }));
 */
export function layout(spec: LayoutSpec = {}): Layout {
  const platform = spec.platform ?? 'linux';
  const p = platform === 'win32' ? win32 : posix;
  const homeDir = spec.homeDir ?? HOMES[platform];
  const cwd = spec.cwd ?? p.join(homeDir, 'project');
  const env = { ...spec.env };
  const configDir = claudeConfigDir(platform, homeDir, cwd, env);
  const gitRoot = spec.git === true ? cwd : typeof spec.git === 'string' ? spec.git : undefined;
  const localDir = gitRoot && platform !== 'win32' ? gitRoot : cwd;
  const managedDir = platform === 'darwin' ? MANAGED_DIRS.darwin : platform === 'win32' ? MANAGED_DIRS.win32 : MANAGED_DIRS.linux;

  const files: Record<string, MemoryEntry> = {};
  const put = (path: string, content: SettingsContent | Record<string, unknown> | MemoryEntry): void => {
    const abs =
      path.startsWith('~/') || path.startsWith('~\\')
        ? p.join(homeDir, path.slice(2))
        : path.startsWith('./') || path.startsWith('.\\')
          ? p.join(cwd, path.slice(2))
          : path;
    const isEntry = typeof content === 'object' && content !== null && ('kind' in content || 'content' in content || 'uid' in content);
    files[abs] = isEntry ? (content as MemoryEntry) : text(content as SettingsContent);
  };
  // The same locations the resolver reads (src/core/locations.ts).
  const settings = settingsFiles(p, platform, configDir, cwd, localDir);
  if (spec.user !== undefined) put(settings.user, spec.user);
  if (spec.project !== undefined) put(settings.project, spec.project);
  if (spec.local !== undefined) put(settings.local, spec.local);
  if (spec.localLeftover !== undefined) put(p.join(cwd, '.claude', 'settings.local.json'), spec.localLeftover);
  if (spec.managedFile !== undefined) put(p.join(managedDir, 'managed-settings.json'), spec.managedFile);
  for (const [name, content] of Object.entries(spec.dropIns ?? {})) put(p.join(managedDir, 'managed-settings.d', name), content);
  if (spec.globalConfig !== undefined) {
    put(globalConfigPath(platform, homeDir, cwd, env), spec.globalConfig);
  }
  if (gitRoot) files[p.join(gitRoot, '.git')] = { kind: 'directory' };
  for (const [path, content] of Object.entries(spec.files ?? {})) put(path, content as MemoryEntry);
  if (!Object.keys(files).some((f) => f.toLowerCase() === cwd.toLowerCase())) files[cwd] ??= { kind: 'directory' };

  const out: Layout = { fs: createMemoryFs(files), platform, homeDir, cwd, env };
  if (spec.settingsFlag !== undefined) out.settingsFlag = spec.settingsFlag;
  if (spec.settingSources) out.settingSources = spec.settingSources;
  if (spec.bare) out.bare = true;
  if (spec.model !== undefined) out.model = spec.model;
  if (spec.managed) out.managed = spec.managed;
  if (spec.interactive !== undefined) out.interactive = spec.interactive;
  if (spec.trusted !== undefined) out.trusted = spec.trusted;
  if (spec.claudeCodeVersion !== undefined) out.claudeCodeVersion = spec.claudeCodeVersion;
  if (spec.wsl !== undefined) out.wsl = spec.wsl;
  if (spec.uid !== undefined) out.uid = spec.uid;
  return out;
}
