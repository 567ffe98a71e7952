/**
 * `npm run demo`: the claude-gateway CLI on the bundled example layout (examples/layout, see its
 * README): what Claude Code would use, where each value came from, why, and what is wrong.
 *
 *   npm run demo             status, explain and doctor, then the HTML report (a file in the temp folder)
 *   npm run demo -- --json   status as JSON (credentials masked)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type CliIo } from '../src/cli/main';

const layoutDir = fileURLToPath(new URL('./layout/', import.meta.url));
// git cannot commit a nested .git directory: the layout is copied and its repository made here.
const root = mkdtempSync(join(tmpdir(), 'claude-gateway-demo-'));
cpSync(layoutDir, root, { recursive: true });
mkdirSync(join(root, 'home/dev/acme-app/.git'), { recursive: true });

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  // The shell the developer starts claude from: it exports an old gateway address.
  env: { ANTHROPIC_BASE_URL: 'https://shell-export.example', PATH: process.env['PATH'] },
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
};
const where = ['--root', root, '--home', '/home/dev', '--cwd', '/home/dev/acme-app/services/api', '--platform', 'linux'];

try {
  if (process.argv.includes('--json')) {
    process.exitCode = await run(['status', ...where, '--json'], io);
  } else {
    for (const args of [['status'], ['explain', 'ANTHROPIC_BASE_URL'], ['explain', 'permissions'], ['doctor', '--no-info']]) {
      io.stdout(`\n$ claude-gateway ${args.join(' ')}   (on examples/layout)\n\n`);
      await run([...args, ...where], io);
    }
    // The layer matrix as a page to open in a browser (kept after the demo: the layout copy is not).
    const page = join(tmpdir(), 'claude-gateway-demo-report.html');
    io.stdout(`\n$ claude-gateway report --output ${page}   (on examples/layout)\n\n`);
    const code = await run(['report', ...where, '--output', page], io);
    if (code !== 0) process.exitCode = code;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
