/**
 * claude-gateway-config/schema: the schemas for what this library reads and what its command prints.
 *
 * - `settingsSchema`: a zod schema of a settings file (the keys this library understands; any other
 *   key passes through), and `settingsJsonSchema`, the same as JSON Schema 2020-12.
 * - `effectiveConfigJsonSchema`: a serialised `EffectiveConfig` (JSON Schema draft-07).
 * - `cliJsonSchemas`: each `claude-gateway <command> --json` output, by command (`status`, `doctor`,
 *   `status-watch` for each line of `status --watch --json`, `error` for any failure). Every output
 *   carries `schemaVersion` (`CLI_JSON_SCHEMA_VERSION`).
 *
 * The same files ship in the package's schemas/ folder. This entry loads zod; the library's other
 * entries do not need it for reading (`claude-gateway-config/resolve` never loads it).
 * @module
 */
import settings from '../schemas/settings.schema.json' with { type: 'json' };
import effectiveConfig from '../schemas/effective-config.schema.json' with { type: 'json' };
import status from '../schemas/cli/status.schema.json' with { type: 'json' };
import statusWatch from '../schemas/cli/status-watch.schema.json' with { type: 'json' };
import explain from '../schemas/cli/explain.schema.json' with { type: 'json' };
import explainError from '../schemas/cli/explain-error.schema.json' with { type: 'json' };
import doctor from '../schemas/cli/doctor.schema.json' with { type: 'json' };
import doctorFix from '../schemas/cli/doctor-fix.schema.json' with { type: 'json' };
import doctorBaseline from '../schemas/cli/doctor-baseline.schema.json' with { type: 'json' };
import verify from '../schemas/cli/verify.schema.json' with { type: 'json' };
import discover from '../schemas/cli/discover.schema.json' with { type: 'json' };
import set from '../schemas/cli/set.schema.json' with { type: 'json' };
import init from '../schemas/cli/init.schema.json' with { type: 'json' };
import generate from '../schemas/cli/generate.schema.json' with { type: 'json' };
import backups from '../schemas/cli/backups.schema.json' with { type: 'json' };
import revert from '../schemas/cli/revert.schema.json' with { type: 'json' };
import paths from '../schemas/cli/paths.schema.json' with { type: 'json' };
import report from '../schemas/cli/report.schema.json' with { type: 'json' };
import importJson from '../schemas/cli/import.schema.json' with { type: 'json' };
import error from '../schemas/cli/error.schema.json' with { type: 'json' };

export { settingsSchema } from './schema/settings';
export { CLI_JSON_SCHEMA_VERSION } from './cli/output-types';
export type * from './cli/output-types';
export type { SettingsObject } from './core/types';

/** A JSON Schema document, as parsed JSON. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The commands (and outputs) with a JSON Schema of their own. */
export type CliJsonSchemaName =
  | 'status'
  | 'status-watch'
  | 'explain'
  | 'explain-error'
  | 'doctor'
  | 'doctor-fix'
  | 'doctor-baseline'
  | 'verify'
  | 'discover'
  | 'set'
  | 'init'
  | 'generate'
  | 'backups'
  | 'revert'
  | 'paths'
  | 'report'
  | 'import'
  | 'error';

/** A settings file, as JSON Schema 2020-12 (generated from `settingsSchema`; unknown keys allowed). */
export const settingsJsonSchema: JsonSchema = settings;

/** A serialised `EffectiveConfig`, as JSON Schema draft-07 (generated from its TypeScript type). */
export const effectiveConfigJsonSchema: JsonSchema = effectiveConfig;

/** Each `--json` output's JSON Schema (draft-07), by command; `set` covers `unset` too. */
export const cliJsonSchemas: Readonly<Record<CliJsonSchemaName, JsonSchema>> = {
  status,
  'status-watch': statusWatch,
  explain,
  'explain-error': explainError,
  doctor,
  'doctor-fix': doctorFix,
  'doctor-baseline': doctorBaseline,
  verify,
  discover,
  set,
  init,
  generate,
  backups,
  revert,
  paths,
  report,
  import: importJson,
  error,
};
