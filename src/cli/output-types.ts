/**
 * What `claude-gateway <command> --json` prints, one type per command: the source of the JSON Schemas
 * in schemas/cli/ (`npm run schemas` writes them; `claude-gateway-config/schema` exports them). Every
 * object carries `schemaVersion`; it changes only when a field is removed or changes its meaning
 * (fields are added without a new version).
 * @module
 */
import type { ConfigChange } from '../core/config-diff';
import type { ErrorExplanation } from '../core/explain-error';
import type { HelperScript } from '../core/generate/helper-script';
import type { ImportedExport } from '../core/import/to-config';
import type { ManagedArtifact } from '../core/generate/managed-artifacts';
import type { Diagnostic, EffectiveConfig, Explanation, ImportedProvider, Platform, SourceLocation } from '../core/types';
import type { BackupEntry } from '../node/backup';
import type { DiscoverResult, VerifyReport } from '../node/http';
import type { RevertResult } from '../node/write/revert';
import type { WriteSettingsResult } from '../node/write/types';

/** The version of every `--json` output's shape (`schemaVersion` in each). */
export const CLI_JSON_SCHEMA_VERSION = 1;

/** What every `--json` output starts with. */
export interface Versioned {
  /** The shape's version: 1. */
  schemaVersion: 1;
}

/** `status --json`: the effective configuration, credentials masked unless `--show-secrets`. */
export interface StatusJson extends Versioned, EffectiveConfig {}

/** `status --watch --json`: the first line, the configuration when watching starts. */
export interface StatusWatchInitialJson extends Versioned {
  /** Always `initial`. */
  event: 'initial';
  /** The configuration. */
  config: EffectiveConfig;
}

/** `status --watch --json`: each following line, one change. */
export interface StatusWatchChangeJson extends Versioned, ConfigChange {
  /** Always `change`. */
  event: 'change';
  /** The watched locations whose folders reported the changes. */
  paths: string[];
}

/** One line of `status --watch --json`. */
export type StatusWatchJson = StatusWatchInitialJson | StatusWatchChangeJson;

/** `explain <name> --json`. */
export interface ExplainJson extends Versioned, Explanation {}

/** `explain-error --json` when the error is one this library knows. */
export interface ExplainErrorKnownJson extends Versioned, ErrorExplanation {
  /** Always `true`. */
  known: true;
}

/** `explain-error --json` when it is not (exit 1). */
export interface ExplainErrorUnknownJson extends Versioned {
  /** Always `false`. */
  known: false;
}

/** `explain-error --json`. */
export type ExplainErrorJson = ExplainErrorKnownJson | ExplainErrorUnknownJson;

/** `doctor --json` (and `doctor --ci --json`): every finding. */
export interface DoctorJson extends Versioned {
  /** The findings, most serious first. */
  diagnostics: Diagnostic[];
}

/** One file of `doctor --fix --json`. */
export interface DoctorFixFile {
  /** The settings file. */
  path: string;
  /** Its scope. */
  scope: 'user' | 'project' | 'local' | 'managed' | 'cli';
  /** The codes of the findings fixed there. */
  fixes: string[];
  /** The backup taken before writing (absent in a dry run). */
  backupId?: string;
  /** What the writer says about the edit. */
  warnings: Diagnostic[];
}

/** `doctor --fix --json`. */
export interface DoctorFixJson extends Versioned {
  /** Whether the fixes were written. */
  applied: boolean;
  /** The files fixed, or that would be. */
  files: DoctorFixFile[];
  /** The findings after the fixes (or all of them when there was nothing to fix). */
  remaining?: Diagnostic[];
}

/** `doctor --ci --update-baseline --json`: the baseline written. */
export interface DoctorBaselineJson extends Versioned {
  /** The baseline file. */
  baseline: string;
  /** How many credentials it allows. */
  allowed: number;
}

/** `verify --json`: the answer to the request Claude Code sends first, classified. */
export type VerifyJson = Versioned & VerifyReport;

/** `discover --json`: the gateway's models as `/model` would list them. */
export type DiscoverJson = Versioned & DiscoverResult;

/** `set --json` and `unset --json`: what was written (credentials masked unless `--show-secrets`). */
export interface SetJson extends Versioned, WriteSettingsResult {}

/** `init --json`. */
export interface InitJson extends Versioned {
  /** The settings file. */
  path: string;
  /** How many changes the edit makes. */
  changes: number;
  /** True when nothing was written (`--dry-run`). */
  dryRun: boolean;
  /** The backup taken before writing. */
  backupId?: string;
  /** What the configuration and the writer found. */
  diagnostics: Diagnostic[];
}

/** `generate <format> --json` for a text format: the content. */
export interface GenerateTextJson extends Versioned {
  /** The format asked for. */
  format: string;
  /** The generated text (credentials masked unless `--show-secrets`). */
  content: string;
  /** What the generator found. */
  diagnostics: Diagnostic[];
}

/** `generate helper-script --json`: the script, and where it was written with `--out`. */
export interface GenerateHelperJson extends Versioned, HelperScript {
  /** The file written, with `--out`. */
  written?: string[];
}

/** `generate managed --json` without `--out`: every artifact. */
export interface GenerateManagedJson extends Versioned {
  /** The artifacts, for each platform asked for. */
  artifacts: ManagedArtifact[];
}

/** `generate managed --out <dir> --json`: the files written. */
export interface GenerateManagedWrittenJson extends Versioned {
  /** The files written, in the order of `artifacts`. */
  written: string[];
  /** What each file is and where it is deployed. */
  artifacts: {
    /** The platform. */
    platform: Platform;
    /** What kind of artifact. */
    kind: ManagedArtifact['kind'];
    /** Its file name. */
    fileName: string;
    /** Where it is installed, for a file. */
    installPath?: string;
    /** How it is deployed. */
    deploy: string;
  }[];
}

/** `generate --json`. */
export type GenerateJson = GenerateTextJson | GenerateHelperJson | GenerateManagedJson | GenerateManagedWrittenJson;

/** `backups --json`: the backups, newest first. */
export interface BackupsJson extends Versioned {
  /** The backups. */
  backups: BackupEntry[];
}

/** `revert --json`. */
export interface RevertJson extends Versioned, RevertResult {}

/** `paths --json`: every location Claude Code reads. */
export interface PathsJson extends Versioned {
  /** The locations. */
  locations: SourceLocation[];
}

/** `import <source> --json` (without `--write`): what was found and the settings it comes to. */
export interface ImportJson extends Versioned {
  /** The source read (`shell`, `claude-code-router`, `cc-switch`). */
  source: string;
  /** `shell`: each export of a variable Claude Code reads, with its file and place (credentials masked unless `--show-secrets`); empty for a tool. */
  found: ImportedExport[];
  /** A tool: the file or database read. */
  file?: string;
  /** A tool: how the file stores its configuration (`json` or `sqlite`). */
  storage?: 'json' | 'sqlite';
  /** A tool: its providers, the active one marked (credentials masked unless `--show-secrets`). */
  providers?: ImportedProvider[];
  /** Variables `--write` removes from the settings file, when there (another credential, a provider switch the import replaces). */
  unset?: string[];
  /** The settings object the import writes. */
  settings: Record<string, unknown>;
  /** What could not be carried over, and notes. */
  diagnostics: Diagnostic[];
}

/** `report --json`: where the page was written. */
export interface ReportJson extends Versioned {
  /** The page's absolute path. */
  path: string;
  /** True when a file was replaced. */
  replaced: boolean;
}

/** Any command's failure under `--json` (on standard output, with the exit code). */
export interface ErrorJson extends Versioned {
  /** What went wrong. */
  error: {
    /** A stable code: `USAGE`, `INTERNAL`, or a `ConfigError` code. */
    code: string;
    /** One sentence. */
    message: string;
    /** What to try, when there is a hint. */
    hint?: string;
    /** The exit code. */
    exitCode: number;
  };
}

/** Each command's `--json` output type, by the name the schemas use. */
export const CLI_JSON_TYPES: Readonly<Record<string, string>> = {
  status: 'StatusJson',
  'status-watch': 'StatusWatchJson',
  explain: 'ExplainJson',
  'explain-error': 'ExplainErrorJson',
  doctor: 'DoctorJson',
  'doctor-fix': 'DoctorFixJson',
  'doctor-baseline': 'DoctorBaselineJson',
  verify: 'VerifyJson',
  discover: 'DiscoverJson',
  set: 'SetJson',
  init: 'InitJson',
  generate: 'GenerateJson',
  backups: 'BackupsJson',
  revert: 'RevertJson',
  paths: 'PathsJson',
  report: 'ReportJson',
  import: 'ImportJson',
  error: 'ErrorJson',
};

/** The value with `schemaVersion` first: what every `--json` output prints. */
export function versioned<T extends object>(value: T): Versioned & T {
  return { schemaVersion: CLI_JSON_SCHEMA_VERSION, ...value };
}
