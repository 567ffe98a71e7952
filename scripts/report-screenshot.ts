/**
 * `npm run docs:screenshot`: the report of the bundled example layout (as `npm run demo` sees it) in
 * headless Chromium at 1280×800, light and dark, saved as docs/report-example.png and
 * docs/report-example-dark.png (shown in the README). Needs Debian's chromium (CHROMIUM_PATH to use another).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run, type CliIo } from '../src/cli/main';
// The same browser, started the same way, as the report's browser tests.
import { launchChromium } from '../test/helpers/browser';

const repo = fileURLToPath(new URL('..', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'claude-gateway-shot-'));
cpSync(join(repo, 'examples', 'layout'), root, { recursive: true });
mkdirSync(join(root, 'home/dev/acme-app/.git'), { recursive: true });
const page = join(root, 'report.html');
const io: CliIo = {
  stdout: () => {},
  stderr: (t) => process.stderr.write(t),
  env: { ANTHROPIC_BASE_URL: 'https://shell-export.example' },
  cwd: root,
  isTTY: false,
};
const browser = await launchChromium();
try {
  const code = await run(['report', '--root', root, '--home', '/home/dev', '--cwd', '/home/dev/acme-app/services/api', '--platform', 'linux', '-o', page], io);
  if (code !== 0) throw new Error(`claude-gateway report exited ${code}`);
  for (const [scheme, file] of [
    ['light', 'report-example.png'],
    ['dark', 'report-example-dark.png'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href);
    await tab.screenshot({ path: join(repo, 'docs', file) });
    await context.close();
    process.stdout.write(`docs/${file}\n`);
  }
} finally {
  await browser.close();
  rmSync(root, { recursive: true, force: true });
}
