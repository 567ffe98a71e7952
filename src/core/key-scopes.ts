/**
 * Settings keys whose scope is restricted (docs/behavior.md#key-scopes; the lists follow the "All settings" index of
 * https://code.claude.com/docs/en/settings-reference, 2026-08-22): where a key may
 * apply from. A key outside its scope is ignored by Claude Code; the resolver leaves it out of the
 * merged settings and says so.
 */
import type { SettingsScope } from './types';
import { diagnostic, type DiagnosticArgsMap } from './catalogue';

/** The scope labels of the settings reference, other than `Any file`. */
export type KeyScope = 'managed' | 'user-or-managed' | 'user-local-or-managed' | 'global-config';

/** Dotted paths (a nested key names its parents) and their scope. */
export const KEY_SCOPES: ReadonlyMap<string, KeyScope> = new Map<string, KeyScope>([
  ...[
    'allowAllClaudeAiMcps',
    'allowedChannelPlugins',
    'allowManagedHooksOnly',
    'allowManagedMcpServersOnly',
    'allowManagedPermissionRulesOnly',
    'blockedMarketplaces',
    'browserExternalPageTools',
    'channelsEnabled',
    'claudeMd',
    'disableBrowserExternalNavigation',
    'disableCommandPluginSources',
    'disableMobileSimulatorTools',
    'disableSideloadFlags',
    'forceLoginGatewayUrl',
    'forceRemoteSettingsRefresh',
    'parentSettingsBehavior',
    'pluginSuggestionMarketplaces',
    'pluginTrustMessage',
    'policyHelper',
    'requiredMaximumVersion',
    'requiredMinimumVersion',
    'sandbox.bwrapPath',
    'sandbox.socatPath',
    'sandbox.filesystem.allowManagedReadPathsOnly',
    'sandbox.network.allowManagedDomainsOnly',
    'sshHostAllowlist',
    'strictKnownMarketplaces',
    'strictPluginOnlyCustomization',
    'wslInheritsWindowsSettings',
  ].map((k) => [k, 'managed'] as const),
  ...[
    'askUserQuestionTimeout',
    'autoMode',
    'dialogExpiry',
    'enableArtifact',
    'footerLinksRegexes',
    'pluginConfigs',
    'processWrapper',
    'sandbox.allowAppleEvents',
    'sandbox.credentials.allowPlaintextInject',
    'sandbox.credentials.awsPairs',
    'sandbox.credentials.sigv4',
    'sandbox.filesystem.disabled',
    'sandbox.network.strictAllowlist',
    'sandbox.network.tlsTerminate',
    'sandbox.ripgrep',
    'skipAutoPermissionPrompt',
    'spellcheck',
    'sshConfigs',
    'vimInsertModeRemaps',
  ].map((k) => [k, 'user-or-managed'] as const),
  ...['skipDangerousModePermissionPrompt', 'syncClaudeAiSkills', 'useAutoModeDuringPlan'].map((k) => [k, 'user-local-or-managed'] as const),
  ...['autoConnectIde', 'autoInstallIdeExtension', 'diffTool', 'externalEditorContext', 'permissionExplainerEnabled', 'teammateDefaultModel'].map(
    (k) => [k, 'global-config'] as const,
  ),
]);

/** The top-level keys that have a restricted path under them, for a quick first look at a file. */
const ROOTS: ReadonlySet<string> = new Set([...KEY_SCOPES.keys()].map((k) => k.split('.')[0] as string));

/** Whether a key of this scope applies from a settings source of `scope` (`cli` is `--settings`, which may set what the user file may). */
export function keyAppliesFrom(keyScope: KeyScope, scope: SettingsScope): boolean {
  switch (keyScope) {
    case 'managed':
      return scope === 'managed';
    case 'user-or-managed':
      return scope === 'managed' || scope === 'user' || scope === 'cli';
    case 'user-local-or-managed':
      return scope !== 'project';
    case 'global-config':
      return false;
  }
}

/** One key left out, with why. */
export interface OutOfScopeKey {
  path: string[];
  scope: KeyScope;
  /** The arguments of its `settings-key-out-of-scope` diagnostic. */
  args: DiagnosticArgsMap['settings-key-out-of-scope'];
  /** That diagnostic's message. */
  message: string;
}

function has(obj: unknown, key: string): obj is Record<string, unknown> {
  return obj !== null && typeof obj === 'object' && !Array.isArray(obj) && Object.hasOwn(obj, key);
}

/**
 * `settings` without the keys that may not apply from `scope`, and the keys left out. The input is
 * never changed: the objects on the way to a removed key are copied.
 */
export function withoutOutOfScopeKeys(
  settings: Record<string, unknown>,
  scope: SettingsScope,
): { settings: Record<string, unknown>; removed: OutOfScopeKey[] } {
  let out = settings;
  const removed: OutOfScopeKey[] = [];
  // Most files hold none of these keys: one look at the top level decides.
  if (!Object.keys(settings).some((k) => ROOTS.has(k))) return { settings, removed };
  for (const [dotted, keyScope] of KEY_SCOPES) {
    if (keyAppliesFrom(keyScope, scope)) continue;
    const path = dotted.split('.');
    // Walk down; bail out when the path is not there.
    let node: unknown = out;
    let present = true;
    for (const part of path) {
      if (!has(node, part)) {
        present = false;
        break;
      }
      node = node[part];
    }
    if (!present) continue;
    // Copy the objects along the path, then delete the leaf.
    if (out === settings) out = Object.assign({}, settings);
    let parent: Record<string, unknown> = out;
    for (const part of path.slice(0, -1)) {
      const copy = Object.assign({}, parent[part] as Record<string, unknown>);
      parent[part] = copy;
      parent = copy;
    }
    delete parent[path[path.length - 1] as string];
    const args = { key: dotted, scope, appliesFrom: keyScope };
    removed.push({ path, scope: keyScope, args, message: diagnostic('settings-key-out-of-scope', args).message });
  }
  return { settings: out, removed };
}

/** Managed keys a managed channel cannot deliver (docs/behavior.md#key-scopes): OS-policy-only keys from server-managed, on-machine-only keys from HKCU. */
export const NOT_FROM_CHANNEL: Readonly<Partial<Record<'remote' | 'plist' | 'HKLM' | 'file' | 'HKCU' | 'helper', readonly string[]>>> = {
  remote: ['forceLoginGatewayUrl', 'policyHelper', 'wslInheritsWindowsSettings'],
  HKCU: ['forceLoginGatewayUrl', 'policyHelper'],
};
