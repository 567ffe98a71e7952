/**
 * `watchEffectiveConfig`: follow the configuration while Claude Code runs. Resolves once, watches the
 * folder of every location the resolution reads (settings files, `--settings`, the managed file and its
 * drop-in folder, `~/.claude.json`, the local file at the git root; the nearest existing folder for a
 * location whose folder does not exist yet), and after a burst of changes resolves again and reports
 * what changed (`diffEffectiveConfig`). One resolution per burst; closed by `close()` or an `AbortSignal`.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diffEffectiveConfig, type ConfigChange } from '../core/config-diff';
import { redactConfig } from '../core/redact';
import type { EffectiveConfig, ResolveOptions } from '../core/types';
import { prepareResolution, resolveEffectiveConfig } from '../resolve-effective';
import { sourceLocations } from '../core/source-paths';

/** Options of {@link watchEffectiveConfig}: what `resolveEffectiveConfig` takes, and how to watch. */
export interface WatchOptions extends ResolveOptions {
  /** Quiet time after the last change before resolving again, in milliseconds (editors save in steps). @default 100 */
  debounceMs?: number;
  /** Stops the watcher when aborted. */
  signal?: AbortSignal;
  /** Report values as they are; masked otherwise (credentials, URL passwords, credential headers). */
  showSecrets?: boolean;
  /** Called when a resolution after a change fails (the watcher keeps watching). */
  onError?: (error: unknown) => void;
}

/** A change the watcher reports: what differs, and both configurations (masked unless `showSecrets`). */
export interface ConfigChangeEvent extends ConfigChange {
  /** The configuration now. */
  config: EffectiveConfig;
  /** The configuration before the change. */
  previous: EffectiveConfig;
  /** The watched locations whose folders reported the changes of this burst. */
  paths: string[];
}

/** A running watcher. */
export interface ConfigWatcher {
  /** The configuration as last resolved (masked unless `showSecrets`). */
  readonly config: EffectiveConfig;
  /** The folders being watched. */
  readonly folders: readonly string[];
  /** Stops watching: every folder watcher and timer is released. */
  close(): void;
}

/** The folder to watch for `path` (its own folder, or the nearest existing ancestor), and the name that matters there. */
function watchPoint(virtualPath: string, real: (path: string) => string): { folder: string; name: string } | undefined {
  const path = real(virtualPath);
  let child = path;
  let folder = dirname(path);
  for (;;) {
    try {
      if (statSync(folder).isDirectory()) return { folder, name: basename(child) };
    } catch {
      // Not there yet: watch the folder above it for its creation.
    }
    const up = dirname(folder);
    if (up === folder) return undefined;
    child = folder;
    folder = up;
  }
}

/**
 * Resolves, watches every location the resolution reads, and calls `onChange` after each burst of
 * changes that changes the configuration (nothing is reported when a write leaves it as it was).
 *
 * @example
 * const watcher = await watchEffectiveConfig({ cwd: '/work/app' }, (e) => console.log(e.variables));
 * // ... later
 * watcher.close();
 */
export async function watchEffectiveConfig(options: WatchOptions, onChange: (event: ConfigChangeEvent) => void): Promise<ConfigWatcher> {
  const debounceMs = options.debounceMs ?? 100;
  const view = (c: EffectiveConfig): EffectiveConfig => (options.showSecrets === true ? c : redactConfig(c));
  let current = view(await resolveEffectiveConfig(options));
  const watchers = new Map<string, FSWatcher>();
  /** Per watched folder, the names in it that matter; `*` for a drop-in folder (any file). */
  let interest = new Map<string, Set<string>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let closed = false;
  const touched = new Set<string>();
  /**
   * Whether the managed drop-in folder existed when watching started: a Claude Code started before the
   * folder existed does not watch it (docs/behavior.md#live-changes), and the watcher's start stands for the session's.
   */
  let dropInFolderAtStart: boolean | undefined;

  const schedule = (where: string): void => {
    if (closed) return;
    touched.add(where);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void resolveAgain();
    }, debounceMs);
  };

  const arm = async (): Promise<void> => {
    const { input } = await prepareResolution(options);
    const locations = (await sourceLocations(input)).filter((l) => l.name !== 'model cache');
    const next = new Map<string, Set<string>>();
    const add = (folder: string, name: string): void => {
      let names = next.get(folder);
      if (!names) next.set(folder, (names = new Set()));
      names.add(name);
    };
    const real = (path: string): string => options.fs?.realPath?.(path) ?? path;
    let folderExists: boolean | undefined;
    for (const l of locations) {
      if (l.name === 'managed drop-ins') {
        try {
          folderExists = statSync(real(l.path)).isDirectory();
        } catch {
          folderExists = false;
        }
      }
      const point = watchPoint(l.path, real);
      if (point) add(point.folder, point.name);
      // A drop-in folder that exists: any file added, changed or removed in it.
      if (l.name === 'managed drop-ins' && point && point.folder === dirname(real(l.path))) {
        try {
          if (statSync(real(l.path)).isDirectory()) add(real(l.path), '*');
        } catch {
          // Not a folder: its parent is watched for it.
        }
      }
    }
    if (closed) return;
    interest = next;
    dropInFolderAtStart ??= folderExists;
    for (const [folder, w] of watchers) {
      if (!next.has(folder)) {
        w.close();
        watchers.delete(folder);
      }
    }
    for (const folder of next.keys()) {
      if (watchers.has(folder)) continue;
      try {
        const w = watch(folder, { persistent: true }, (_event, filename) => {
          const names = interest.get(folder);
          const name = typeof filename === 'string' ? filename : undefined;
          // Without a name (some platforms), any event counts.
          if (!names || name === undefined || names.has('*') || names.has(name)) schedule(name === undefined ? folder : join(folder, name));
        });
        w.on('error', () => {
          // The folder went away: resolve again, which re-arms from what exists now.
          w.close();
          watchers.delete(folder);
          schedule(folder);
        });
        watchers.set(folder, w);
      } catch {
        // Gone between the check and the watch: the next resolution re-arms.
      }
    }
  };

  const resolveAgain = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const paths = [...touched].sort();
      touched.clear();
      const next = view(await resolveEffectiveConfig(options));
      await arm();
      if (closed) return;
      const change = diffEffectiveConfig(current, next, dropInFolderAtStart === undefined ? {} : { dropInFolderExisted: dropInFolderAtStart });
      const previous = current;
      current = next;
      if (change.changed) onChange(Object.assign(change, { config: next, previous, paths }));
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule('');
      }
    }
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const w of watchers.values()) w.close();
    watchers.clear();
    options.signal?.removeEventListener('abort', close);
  };

  await arm();
  if (options.signal?.aborted) close();
  else options.signal?.addEventListener('abort', close, { once: true });
  return {
    get config() {
      return current;
    },
    get folders() {
      return [...watchers.keys()].sort();
    },
    close,
  };
}
