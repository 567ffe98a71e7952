/** The managed tier's shared types: candidates (one per managed source), their parts, and the result. */
import type { Diagnostic, ManagedInput, ManagedOrigin, Platform, SourceInfo, SourceRef } from '../types';
import type { RawManagedLocation } from '../gather';

/** One part of a managed source: the file, a drop-in, or a whole non-file source. */
export interface Part {
  source: SourceRef;
  settings: Record<string, unknown>;
}

export type CandidateChannel = 'remote' | 'plist' | 'HKLM' | 'file' | 'HKCU' | 'helper';

export interface Candidate {
  channel: CandidateChannel;
  /** Admin sources are remote, plist/HKLM and files; HKCU is not (docs/behavior.md#managed-precedence). */
  admin: boolean;
  /** Lowest first: the managed file, then drop-ins alphabetically. */
  parts: Part[];
  /** The parts merged; for files, `env` is only a marker (`{}`): the env is merged per variable from the parts. */
  settings: Record<string, unknown>;
  infos: SourceInfo[];
  /** Set when the source may not be used at all (remote not fetched, version too old). */
  skip?: string;
}

/** A managed value of one variable and whether it is the one managed settings deliver. */
export interface ManagedEnvEntry {
  value: string;
  source: SourceRef;
  applied: boolean;
  reason?: string;
}

export interface ManagedResult {
  origin?: ManagedOrigin;
  winnerChannel?: CandidateChannel;
  /** The winning source's settings, with `env` replaced by the merged managed env. */
  settings?: Record<string, unknown>;
  /** Per variable, every managed value, highest first; at most one is applied. */
  env: Map<string, ManagedEnvEntry[]>;
  /** Per top-level key of the winner: the part (file, drop-in, ...) that set it last. */
  keySources: Record<string, SourceRef>;
  sources: SourceInfo[];
}

/** What the managed tier is resolved from: the platform, the version, the files gathered and the non-file policy given. */
export interface ManagedSources {
  platform: Platform;
  wsl: boolean;
  version: string;
  files: RawManagedLocation[];
  wslWindows?: RawManagedLocation | undefined;
  input: ManagedInput;
  /** Why the server-managed fetch is skipped for this session, if it is (docs/behavior.md#managed-precedence, #managed-gateway-keys). */
  remoteSkipReason?: string | undefined;
  diagnostics: Diagnostic[];
}
