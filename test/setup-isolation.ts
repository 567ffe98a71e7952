/**
 * Every test worker's own data directory: the backup store lives where env-paths says (XDG_DATA_HOME
 * on Linux), and a CLI run in process reads process.env. Tests that care set their own (vi.stubEnv or
 * a world's env); the others now back up into this temporary directory instead of the real home.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { clearHelperCache } from '../src/node/helper';

if (process.env['CGC_TEST_DATA_HOME'] === undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'cgc-xdg-data-'));
  process.env['CGC_TEST_DATA_HOME'] = dir;
  process.env['XDG_DATA_HOME'] = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

// The test files of a worker share one module graph (vitest.config.ts: isolate): each file starts
// without the helper values an earlier file cached.
beforeAll(() => {
  clearHelperCache();
});
