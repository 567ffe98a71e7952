// npm run docs:api:check: regenerates the API reference into a temporary folder and fails when the
// checked-in docs/api differs (a public type or TSDoc comment changed without `npm run docs:api`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const checkedIn = join(root, 'docs', 'api');
const fresh = mkdtempSync(join(tmpdir(), 'cgc-docs-api-'));

/** Every file under dir, as paths relative to it, sorted. */
const files = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

try {
  const typedoc = spawnSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', fresh, '--logLevel', 'Warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (typedoc.status !== 0) process.exit(typedoc.status ?? 1);
  const before = new Set(files(checkedIn));
  const after = files(fresh);
  const stale = [
    ...after.filter((f) => !before.has(f)).map((f) => `new: ${f}`),
    ...[...before].filter((f) => !after.includes(f)).map((f) => `gone: ${f}`),
    ...after.filter((f) => before.has(f) && readFileSync(join(checkedIn, f), 'utf8') !== readFileSync(join(fresh, f), 'utf8')).map((f) => `changed: ${f}`),
  ];
  if (stale.length > 0) {
    process.stderr.write(`docs/api is out of date (${stale.length} files); run \`npm run docs:api\` and commit docs/api:\n${stale.map((s) => `  ${s}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write(`docs/api is up to date (${after.length} files)\n`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
