/** Which managed source applies: the first usable one with a policy key (or a policyHelper's output), the others listed with why they are not used. */
import type { SourceInfo, SourceRef } from '../types';
import { hasFeature } from '../versions';
import { diagnostic } from '../catalogue';
import { candidates, hasPolicyKey, originOf } from './candidates';
import { managedEnv } from './env';
import { helperCandidate } from './policy-helper';
import type { ManagedResult, ManagedSources } from './types';

/**
 * A copy of `info` with another status and reason. Object.assign rather than a spread with overrides:
 * the infos have several shapes, and V8's spread of a megamorphic source took 0.5 µs each (bench/).
 */
function withStatus(info: SourceInfo, status: SourceInfo['status'], reason: string): SourceInfo {
  const out: SourceInfo = Object.assign({}, info);
  out.status = status;
  out.reason = reason;
  return out;
}

/** Picks the managed source and merges the managed env. */
export function resolveManaged(managed: ManagedSources): ManagedResult {
  const list = candidates(managed);
  let usable = list.filter((c) => !c.skip);
  let winner = usable.find((c) => hasPolicyKey(c.settings));
  const helper = winner ? helperCandidate(managed, winner, list) : undefined;
  if (helper) {
    list.unshift(helper);
    usable = [helper];
    winner = hasPolicyKey(helper.settings) ? helper : undefined;
  }
  const sources: SourceInfo[] = [];
  const winnerLabel = winner ? originOf(winner) : undefined;
  const perVariable = hasFeature(managed.version, 'managedEnvMerge');

  const inUse = `the managed source in use (${winnerLabel})`;
  for (const c of list) {
    for (const info of c.infos) {
      if (info.status === 'missing' || info.status === 'invalid' || info.status === 'ignored') {
        sources.push(info);
        continue;
      }
      if (c.skip) {
        sources.push(withStatus(info, 'ignored', c.skip));
      } else if (c === winner) {
        sources.push(withStatus(info, 'loaded', inUse));
      } else if (!hasPolicyKey(c.settings)) {
        sources.push(withStatus(info, 'ignored', 'holds no policy key (only wslInheritsWindowsSettings, or nothing)'));
      } else {
        const envNote = perVariable && c.admin && winner?.admin ? '; its env variables still apply where higher sources do not set them' : '';
        sources.push(withStatus(info, 'ignored', `a higher managed source (${winnerLabel}) delivers policy${envNote}`));
        managed.diagnostics.push(
          diagnostic(
            'managed-source-shadowed',
            { source: info.path ?? c.channel, winner: winnerLabel ?? 'a higher source' },
            info.path ? { scope: 'managed', path: info.path } : { scope: 'managed' },
          ),
        );
      }
    }
  }
  if (managed.remoteSkipReason && list[0]?.parts.length) {
    managed.diagnostics.push(diagnostic('managed-remote-skipped', { reason: managed.remoteSkipReason }, { scope: 'managed' }));
  }
  if (!winner) return { env: new Map(), sources, keySources: {} };

  const { env, merged: mergedEnv } = managedEnv({ list, usable, winner, perVariable, winnerLabel });
  const settings: Record<string, unknown> = Object.assign({}, winner.settings);
  if (Object.keys(mergedEnv).length > 0) settings['env'] = mergedEnv;
  else delete settings['env'];
  const keySources: Record<string, SourceRef> = {};
  for (const part of winner.parts) for (const key of Object.keys(part.settings)) keySources[key] = part.source;
  return { origin: originOf(winner), winnerChannel: winner.channel, settings, env, sources, keySources };
}
