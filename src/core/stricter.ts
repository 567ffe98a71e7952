/**
 * Keys where a stricter value from a lower level beats managed precedence (docs/behavior.md#stricter-wins). Applied to the
 * merged settings after the ordinary merge; each rule names the value it honours and from where.
 */
import type { ResolvedSetting, SettingsScope, SourceRef } from './types';
import type { MergedLayers } from './merge';

type Contributor = ResolvedSetting['contributors'][number];

interface StricterRule {
  /** In words, for `explain`. */
  rule: string;
  /** The honoured contributor, given every contributor highest first; undefined keeps the ordinary winner. */
  pick(contributors: readonly Contributor[]): Contributor | undefined;
}

const scopeOf = (c: Contributor): SettingsScope | 'shell' | 'global-config' => c.source.scope;
const fromFile = (c: Contributor): boolean => scopeOf(c) === 'project' || scopeOf(c) === 'local';

/** `value` from any of `scopes` (any scope when omitted) wins over everything else; otherwise the ordinary winner. */
function honoured(value: unknown, scopes?: readonly SettingsScope[]): StricterRule['pick'] {
  return (list) => list.find((c) => c.value === value && (scopes === undefined || scopes.includes(scopeOf(c) as SettingsScope))) ?? list[0];
}

const INBOUND_ORDER: readonly string[] = ['accept', 'hold', 'refuse'];

export const STRICTER_KEYS: ReadonlyMap<string, StricterRule> = new Map<string, StricterRule>([
  ['disableClaudeAiConnectors', { rule: 'true from any level wins', pick: honoured(true) }],
  ['isolatePeerMachines', { rule: 'true from any level wins', pick: honoured(true) }],
  [
    'remoteControlAtStartup',
    {
      rule: 'false from the project or local file wins; true there is ignored',
      pick: (list) => list.find((c) => fromFile(c) && c.value === false) ?? list.find((c) => !(fromFile(c) && c.value === true)),
    },
  ],
  [
    'crossSessionInbound',
    {
      rule: 'the project or local file may make it stricter (accept < hold < refuse)',
      pick: (list) => {
        // The value of the other levels (their ordinary winner), made stricter by any project or local value.
        let best = list.find((c) => !fromFile(c));
        for (const c of list) {
          if (!fromFile(c) || typeof c.value !== 'string') continue;
          if (best === undefined || INBOUND_ORDER.indexOf(c.value) > INBOUND_ORDER.indexOf(String(best.value))) best = c;
        }
        return best;
      },
    },
  ],
  [
    'useAutoModeDuringPlan',
    { rule: 'false from managed, --settings, user or local settings wins', pick: honoured(false, ['managed', 'cli', 'user', 'local']) },
  ],
  ['syncClaudeAiSkills', { rule: 'false from managed, --settings, user or local settings wins', pick: honoured(false, ['managed', 'cli', 'user', 'local']) }],
]);

/** Applies the stricter-value exceptions to merged settings, in place. */
export function applyStricterValues(merged: MergedLayers): void {
  for (const [key, rule] of STRICTER_KEYS) {
    const info = merged.keys[key];
    if (!info) continue;
    const picked = rule.pick(info.contributors);
    info.merge = 'stricter-wins';
    if (picked === undefined) {
      // Nothing that may apply (only a project/local remoteControlAtStartup: true): the key has no effect.
      delete merged.keys[key];
      delete merged.settings[key];
      continue;
    }
    info.value = picked.value;
    info.source = picked.source as SourceRef;
    merged.settings[key] = picked.value;
  }
}

/** The rule of a stricter-value key, in words. */
export function stricterRule(key: string): string | undefined {
  return STRICTER_KEYS.get(key)?.rule;
}
