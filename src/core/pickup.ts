/**
 * Whether a running Claude Code takes a configuration change up without a restart
 * (docs/behavior.md#live-changes). Checked against Claude Code 2.1.332 (conformance/reload.ts, results in
 * conformance/results/reload-2.1.332.md): one process kept alive across two requests, a settings file
 * changed between them, the second request compared with a fresh start's first.
 *
 * - A variable whose value changes in a settings file (user, project, local, managed file or drop-in,
 *   a file created after the start): taken up about 1.5 s after the save.
 * - A variable removed from every settings file: kept; the running process still has the last value
 *   (the shell's value, or none, only in a new session).
 * - `apiKeyHelper` changed: taken up. Added where there was none: not used until a restart.
 * - A `managed-settings.d` folder created after the start: not watched; a drop-in in a folder that
 *   existed is taken up.
 * - Bedrock switched on: the provider switches, but requests keep the first-party model id until a
 *   restart. Vertex switched on: taken up.
 * - macOS and Windows policy: checked every 30 minutes; server-managed settings: every hour (documented).
 * Anything not checked says so (`unverified`). Pure.
 */
import type { Pickup, Provider, SourceRef } from './types';
import { PROVIDER_SWITCHES } from './variables';

/** The Claude Code version the rules below were checked against. */
export const PICKUP_CHECKED_WITH = '2.1.332';

/** What the diff knows of the session's files beyond the two configurations. */
export interface PickupContext {
  /** Whether the managed drop-in folder existed when the session started (the watcher: when watching started); unknown when absent. */
  dropInFolderExisted?: boolean;
}

const LIVE: Pickup = { when: 'live', reason: 'a running Claude Code rereads its settings files about 1.5 s after a save', checked: true };
const KEPT: Pickup = {
  when: 'restart',
  reason: 'a variable removed from every settings file keeps its last value in a running Claude Code; only a new session goes without it',
  checked: true,
};
const DROP_IN_FOLDER: Pickup = {
  when: 'restart',
  reason: 'a Claude Code started before the managed-settings.d folder existed does not watch it',
  checked: true,
};

const FILE_SCOPES: ReadonlySet<SourceRef['scope']> = new Set(['managed', 'cli', 'local', 'project', 'user']);

/** The managed channels a running Claude Code reads again only on a schedule. */
function polled(source: SourceRef): Pickup | undefined {
  if (source.scope !== 'managed') return undefined;
  switch (source.origin) {
    case 'plist':
    case 'HKLM':
    case 'HKCU':
      return { when: 'poll', reason: 'Claude Code checks macOS and Windows policy every 30 minutes', checked: false };
    case 'remote':
      return { when: 'poll', reason: 'Claude Code fetches server-managed settings again every hour', checked: false };
    case 'helper':
      return { when: 'poll', reason: 'the policy helper runs at startup and again only at its refresh interval (refreshIntervalMs)', checked: false };
    default:
      return undefined;
  }
}

/** A variable whose winning value or source changed. */
export function variablePickup(before: { source: SourceRef } | undefined, after: { source: SourceRef } | undefined, context: PickupContext = {}): Pickup {
  const fromFile = (s: { source: SourceRef } | undefined): boolean => s !== undefined && FILE_SCOPES.has(s.source.scope);
  // Gone from every file (unset, or the shell's value is what remains): the process keeps the file's value.
  if (fromFile(before) && !fromFile(after)) return (before && polled(before.source)) ?? KEPT;
  if (!after) return { when: 'unverified', reason: 'not checked against Claude Code: restart to be sure', checked: false };
  const poll = polled(after.source);
  if (poll) return poll;
  if (after.source.scope === 'managed' && after.source.origin === 'drop-in' && context.dropInFolderExisted === false) return DROP_IN_FOLDER;
  if (fromFile(after)) return LIVE;
  return { when: 'restart', reason: 'the shell environment of a running Claude Code does not change', checked: false };
}

/** A top-level settings key whose value or source changed. */
export function keyPickup(
  name: string,
  before: { source: SourceRef } | undefined,
  after: { source: SourceRef } | undefined,
  context: PickupContext = {},
): Pickup {
  const poll = (after && polled(after.source)) ?? (before && polled(before.source));
  if (poll) return poll;
  if (name === 'env') return variablePickup(before, after, context);
  if (name === 'apiKeyHelper') {
    if (before && after) return { when: 'live', reason: 'a running Claude Code runs the changed apiKeyHelper for its next request', checked: true };
    if (after) return { when: 'restart', reason: 'an apiKeyHelper added to a running session is not used until Claude Code restarts', checked: true };
  }
  return { when: 'unverified', reason: `not checked against Claude Code: restart to be sure ${name} applies`, checked: false };
}

/** The provider switched by a switch variable a running Claude Code takes up: what it does, by provider. */
export function providerPickup(after: Provider): Pickup {
  switch (after) {
    case 'bedrock':
      return {
        when: 'partial',
        reason: 'a running Claude Code sends to Bedrock at once but keeps the first-party model id (not the us.anthropic.… one) until it restarts',
        checked: true,
      };
    case 'vertex':
      return { when: 'live', reason: 'a running Claude Code switches to Vertex AI about 1.5 s after the save', checked: true };
    default:
      return { when: 'unverified', reason: 'not checked against Claude Code: restart to be sure the provider switches', checked: false };
  }
}

/** The variables that switch a provider on. */
export const PROVIDER_SWITCH_VARIABLES: ReadonlySet<string> = new Set(Object.values(PROVIDER_SWITCHES));
