/**
 * The managed `env`: every managed value of each variable, which one applies and why the others do not.
 * From 2.1.223 the admin sources merge per variable; before, only the source in use supplies env
 * (docs/behavior.md#managed-precedence).
 */
import type { SourceRef } from '../types';
import { envOf } from '../schema';
import { isTelemetryUnitVariable, ROUTING_VARIABLES } from '../variables';
import type { Candidate, ManagedEnvEntry, Part } from './types';

/** Each variable's values in one candidate, highest first (later drop-ins first). */
export function candidateEnv(c: Candidate): Map<string, { value: string; source: SourceRef }[]> {
  const out = new Map<string, { value: string; source: SourceRef }[]>();
  for (let p = c.parts.length - 1; p >= 0; p--) {
    const part = c.parts[p] as Part;
    const env = envOf(part.settings);
    for (const name in env) {
      const entry = { value: env[name] as string, source: part.source };
      const list = out.get(name);
      if (list) list.push(entry);
      else out.set(name, [entry]);
    }
  }
  return out;
}

/** Whether a source pairs routing with a credential helper (apiKeyHelper or otelHeadersHelper). */
export function pairsCredential(c: Candidate): boolean {
  return c.parts.some((p) => 'apiKeyHelper' in p.settings || 'otelHeadersHelper' in p.settings);
}

/** What the env merge works from: every candidate, the usable ones, the winner and how env merges in this version. */
export interface ManagedEnvInput {
  /** Every candidate, highest first. */
  list: readonly Candidate[];
  /** The candidates that may be used. */
  usable: readonly Candidate[];
  /** The source in use. */
  winner: Candidate;
  /** Whether env merges per variable across admin sources (2.1.223+). */
  perVariable: boolean;
  /** The winner's `/status` label. */
  winnerLabel: string | undefined;
}

/** Per variable, every managed value (highest first, at most one applied), and the applied values. */
export function managedEnv(input: ManagedEnvInput): { env: Map<string, ManagedEnvEntry[]>; merged: Record<string, string> } {
  const { list, usable, winner, perVariable, winnerLabel } = input;
  const env = new Map<string, ManagedEnvEntry[]>();
  // Env comes from every admin source per variable (2.1.223+), else from the winner alone (docs/behavior.md#managed-precedence).
  const envSources = new Set(perVariable && winner.admin ? usable.filter((c) => c.admin) : [winner]);
  const envOfCandidate = new Map(list.map((c) => [c, candidateEnv(c)] as const));
  const telemetryOwner = [...envSources].find(
    (c) => 'otelHeadersHelper' in c.settings || [...(envOfCandidate.get(c)?.keys() ?? [])].some(isTelemetryUnitVariable),
  );
  const telemetryLands = telemetryOwner !== undefined && (telemetryOwner === winner || !('otelHeadersHelper' in telemetryOwner.settings));
  const mergedEnv: Record<string, string> = {};
  for (const c of list) {
    const inEnvSources = envSources.has(c);
    const pairs = c !== winner && pairsCredential(c);
    for (const [name, values] of envOfCandidate.get(c) ?? []) {
      let entries = env.get(name);
      if (!entries) env.set(name, (entries = []));
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as { value: string; source: SourceRef };
        let reason: string | undefined;
        if (c.skip) reason = c.skip;
        else if (!inEnvSources)
          reason = perVariable
            ? `${c.channel} is not an admin source and ${winnerLabel} wins`
            : `before 2.1.223 only the managed source in use (${winnerLabel}) supplies env`;
        else if (i > 0) reason = 'a later drop-in sets it';
        else if ((c !== telemetryOwner || !telemetryLands) && isTelemetryUnitVariable(name))
          reason = 'telemetry variables follow, as a unit, the highest managed source that sets them';
        else if (pairs && ROUTING_VARIABLES.has(name)) reason = 'a source that pairs routing with a credential helper contributes routing only when it wins';
        else if (Object.hasOwn(mergedEnv, name)) reason = 'a higher managed source sets it';
        if (reason === undefined) {
          mergedEnv[name] = v.value;
          entries.push({ value: v.value, source: v.source, applied: true });
        } else {
          entries.push({ value: v.value, source: v.source, applied: false, reason });
        }
      }
    }
  }
  return { env, merged: mergedEnv };
}
