/**
 * `npm run demo`: resolves the bundled example layout (examples/layout) as Claude Code would and
 * prints the effective gateway configuration with the source of every value, then explains two values.
 *
 *   npm run demo                 the report
 *   npm run demo -- --json       the EffectiveConfig as JSON (secrets are real values there: it is data)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explain, formatEffectiveConfig, resolveEffectiveConfig } from '../src/index';
import { createMemoryFs, type MemoryEntry } from '../src/testing';

const root = fileURLToPath(new URL('./layout/', import.meta.url));

/** Every file under examples/layout, at the absolute path it stands for. */
function loadLayout(dir: string, files: Record<string, MemoryEntry> = {}): Record<string, MemoryEntry> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) loadLayout(full, files);
    else if (full !== join(root, 'README.md')) files[`/${relative(root, full).split(sep).join('/')}`] = readFileSync(full, 'utf8');
  }
  return files;
}

const fs = createMemoryFs({ ...loadLayout(root), '/home/dev/acme-app/.git': { kind: 'directory' } });
const config = await resolveEffectiveConfig({
  fs,
  platform: 'linux',
  homeDir: '/home/dev',
  cwd: '/home/dev/acme-app/services/api',
  env: { ANTHROPIC_BASE_URL: 'https://shell-export.example', PATH: '/usr/bin' },
  interactive: true,
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(config, null, 2));
} else {
  console.log(formatEffectiveConfig(config));
  console.log('\n$ explain ANTHROPIC_BASE_URL');
  console.log(explain(config, 'ANTHROPIC_BASE_URL').text);
  console.log('\n$ explain permissions');
  console.log(explain(config, 'permissions').text);
}
