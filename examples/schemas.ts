/**
 * `npm run example:schemas`: the schemas of `claude-gateway-config/schema`, as a script or a CI step
 * uses them. (1) Check a settings object with the zod schema: a bad entry is found, an unknown key is
 * kept. (2) Read `claude-gateway status --json` on the bundled example layout and validate it against
 * the JSON Schema of that command's output, pinned to the `schemaVersion` the script was written for.
 * Any JSON Schema validator does; this one uses ajv. In your project, import from
 * 'claude-gateway-config/schema' instead of the ../src path.
 *
 * Exits non-zero if a check fails.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { run, type CliIo } from '../src/cli/main';
import { CLI_JSON_SCHEMA_VERSION, cliJsonSchemas, settingsSchema } from '../src/schema-entry';

// 1. A settings file: the keys this library reads are checked, every other key passes through.
const settings = { apiKeyHelper: '', env: { ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com' }, theme: 'dark' };
const checked = settingsSchema.safeParse(settings);
assert.equal(checked.success, false);
console.log('settings: %s', checked.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
const fixed = settingsSchema.parse({ ...settings, apiKeyHelper: '~/bin/get-gateway-key.sh' });
assert.equal(fixed['theme'], 'dark'); // unknown keys are kept
console.log('settings: valid once apiKeyHelper names a command; "theme" kept as it is');

// 2. The CLI's --json output against its schema (the example layout, as `npm run demo` sees it).
const root = mkdtempSync(join(tmpdir(), 'cgc-example-schemas-'));
cpSync(fileURLToPath(new URL('./layout/', import.meta.url)), root, { recursive: true });
mkdirSync(join(root, 'home/dev/acme-app/.git'), { recursive: true });
let out = '';
const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => process.stderr.write(t), env: {}, cwd: root, isTTY: false };
try {
  const code = await run(['status', '--json', '--root', root, '--home', '/home/dev', '--cwd', '/home/dev/acme-app/services/api', '--platform', 'linux'], io);
  assert.equal(code, 0);
  const status = JSON.parse(out) as { schemaVersion: number; baseUrl?: { value: string } };
  // A script pins the version it was written for: a new version means a field was removed or changed meaning.
  assert.equal(status.schemaVersion, CLI_JSON_SCHEMA_VERSION);
  const validate = new Ajv({ strict: false }).compile(cliJsonSchemas.status);
  assert.ok(validate(status), JSON.stringify(validate.errors));
  console.log('status --json: schemaVersion %d, valid against schemas/cli/status.schema.json; baseUrl %s', status.schemaVersion, status.baseUrl?.value);
} finally {
  rmSync(root, { recursive: true, force: true });
}
