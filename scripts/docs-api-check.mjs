// npm run docs:api:check: regenerates the API reference into a temporary folder and fails when the
// checked-in docs/api differs (a public type or TSDoc comment changed without `npm run docs:api`).
// It also fails when an exported function, type or option field has no TSDoc summary
// (typedoc's `validation.notDocumented`).
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

// Exported names allowed without a summary, by file: none. Document a new name instead of listing it.
const UNDOCUMENTED_ALLOWED = {};

/** Fails when typedoc reports an export without documentation outside the allowance above. */
function checkDocumented() {
  const run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--validation.notDocumented', 'true', '--emit', 'none', '--logLevel', 'Warn'],
    { cwd: root, encoding: 'utf8' },
  );
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const missing = output
    .split('\n')
    .filter((line) => line.includes('does not have any documentation'))
    // eslint-disable-next-line no-control-regex -- typedoc colours its warnings
    .map((line) => line.replace(/\u001b\[[0-9;]*m/g, '').replace(/^.*\[warning\]\s*/, ''))
    .filter((line) => {
      const m = /^[^.\s]+\.(\S+) \(\w+\), defined in [^/]+\/(\S+?),/.exec(line);
      return m === null || !(UNDOCUMENTED_ALLOWED[m[2]] ?? []).includes(m[1]);
    });
  if (missing.length > 0) {
    process.stderr.write(
      `${missing.length} exported names have no TSDoc summary; add a one-line /** ... */ to each:\n${missing.map((m) => `  ${m}\n`).join('')}`,
    );
    process.exit(1);
  }
}

try {
  checkDocumented();
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
    process.stderr.write(
      `docs/api is out of date (${stale.length} files); run \`npm run docs:api\` and commit docs/api:\n${stale.map((s) => `  ${s}\n`).join('')}`,
    );
    process.exit(1);
  }
  process.stdout.write(`docs/api is up to date (${after.length} files)\n`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
