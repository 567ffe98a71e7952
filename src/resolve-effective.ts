/**
 * `resolveEffectiveConfig()`: fills the defaults from the real machine, reads every source through
 * the file system given (the real one by default) and hands the text to the pure resolver.
 */
import { checkResolveOptions } from './core/options-check';
import { gather, type GatherInput } from './core/gather';
import { pathApi } from './core/locations';
import { resolveGathered, type ResolveContext } from './core/resolve';
import type { EffectiveConfig, ResolveOptions } from './core/types';
import { hasFeature, LATEST_MODELLED_VERSION, parseVersion } from './core/versions';
import { createNodeFs } from './node/fs';
import { currentHome, currentPlatform, currentUid, currentUser, detectWsl } from './node/defaults';
import { readOsPolicy } from './node/os-policy';

/**
 * Resolves every configuration source exactly as Claude Code does and reports the effective
 * base URL, credential, provider and every variable, each with its source.
 *
 * Bad settings files never throw: they become `diagnostics`. Invalid options throw a
 * {@link ConfigError} with `code: 'INVALID_OPTIONS'` (or `'INVALID_VERSION'`).
 *
 * @example
 * const config = await resolveEffectiveConfig();
 * config.baseUrl?.value; config.credential.kind; config.credential.headers; // 'https://…', 'auth-token', ['authorization']
 */
export async function resolveEffectiveConfig(options: ResolveOptions = {}): Promise<EffectiveConfig> {
  const { input, context } = await prepareResolution(options);
  return resolveGathered(await gather(input), context);
}

/**
 * Validates the options and fills the defaults from the real machine: what to read (for
 * `gather`) and the session's facts (for the pure `resolveGathered`). Not part of the public API;
 * the benchmark uses it to time the two phases apart.
 */
export async function prepareResolution(options: ResolveOptions): Promise<{ input: GatherInput; context: ResolveContext }> {
  checkResolveOptions(options);
  const version = options.claudeCodeVersion ?? LATEST_MODELLED_VERSION;
  parseVersion(version);
  const platform = options.platform ?? currentPlatform();
  const p = pathApi(platform);
  const realFs = options.fs === undefined;
  const fs = options.fs ?? createNodeFs();
  const homeDir = options.homeDir ?? currentHome();
  const cwd = p.resolve(options.cwd ?? (realFs ? process.cwd() : homeDir));
  const env = { ...(options.env ?? process.env) };
  const wsl = options.wsl ?? (realFs ? detectWsl(platform) : false);
  const uid = options.uid ?? (realFs && platform !== 'win32' ? currentUid() : undefined);
  const settingSources = options.settingSources ?? ['user', 'project', 'local'];
  const wslWindowsDrive = options.wslWindowsDrive ?? '/mnt/c';
  // macOS and Windows policy, and under WSL the Windows registry (the WSL chain starts at HKLM, docs/behavior.md#managed-sources).
  const hasOsPolicy = platform !== 'linux' || (wsl && hasFeature(version, 'wslInherits'));
  const readPolicy = hasOsPolicy && (options.readOsPolicy ?? (realFs && platform === currentPlatform()));
  const managed = readPolicy
    ? { ...(await readOsPolicy(platform, { user: currentUser(), env, wsl, wslWindowsDrive })), ...options.managed }
    : (options.managed ?? {});
  const input: GatherInput = {
    fs,
    cwd,
    homeDir,
    platform,
    wsl,
    wslWindowsDrive,
    env,
    settingsFlag: options.settingsFlag,
    settingSources,
    version,
    uid,
  };
  const context: ResolveContext = {
    cwd,
    homeDir,
    platform,
    wsl,
    env,
    settingSources,
    managed,
    interactive: options.interactive ?? true,
    bare: options.bare ?? false,
    trusted: options.trusted,
    version,
    model: options.model,
  };
  return { input, context };
}
