/**
 * Shared by test/reliability.test.ts and its child processes: the options every writer uses, the
 * large settings file and the two values the crash test toggles between.
 */
import { join } from 'node:path';
import type { WriteSettingsOptions } from '../../src/index';

/** The variable the crash test toggles (a non-credential name: no git checks run). */
export const BIG_VAR = 'TEST_VAR_BIG';

/** A deterministic 100 KB value, different for `A` and `B` along its whole length. */
export function bigValue(which: 'A' | 'B', size = 100_000): string {
  const unit = which === 'A' ? 'alpha-0123456789-' : 'bravo-9876543210-';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * About 1 MB of realistic settings: a large env block, long permissions lists, hooks and plugins.
 * The env block holds `BIG_VAR` set to value A.
 */
export function largeSettings(): Record<string, unknown> {
  const env: Record<string, string> = { ANTHROPIC_BASE_URL: 'https://llm-gateway.example.com', ANTHROPIC_MODEL: 'claude-sonnet-4-6' };
  for (let i = 0; i < 4000; i++) env[`TEST_VAR_${i}`] = `value-${i}-${'x'.repeat(i % 40)}`;
  env[BIG_VAR] = bigValue('A');
  const allow: string[] = [];
  const deny: string[] = [];
  for (let i = 0; i < 6000; i++) allow.push(`Bash(npm run script-${i}:*)`, `Read(./packages/pkg-${i}/**)`);
  for (let i = 0; i < 2000; i++) deny.push(`Read(./secrets/area-${i}/**)`, `WebFetch(domain:blocked-${i}.example.com)`);
  const hooks: Record<string, unknown> = {
    PreToolUse: Array.from({ length: 300 }, (_, i) => ({
      matcher: `Bash|Edit|Write-${i}`,
      hooks: [{ type: 'command', command: `/usr/local/bin/check-tool --rule ${i} --strict`, timeout: 30 }],
    })),
    PostToolUse: Array.from({ length: 300 }, (_, i) => ({ matcher: `Edit-${i}`, hooks: [{ type: 'command', command: `prettier --write "$FILE" # ${i}` }] })),
  };
  return {
    $schema: 'https://json.schemastore.org/claude-code-settings.json',
    model: 'sonnet',
    env,
    permissions: { allow, deny, defaultMode: 'acceptEdits' },
    hooks,
    enabledPlugins: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`plugin-${i}@marketplace`, i % 2 === 0])),
    includeCoAuthoredBy: false,
  };
}

/** The layout a test works in (all inside one temp directory). */
export interface Sandbox {
  root: string;
  file: string;
  backupDir: string;
}

export function sandbox(root: string, fileName = 'settings.json'): Sandbox {
  return { root, file: join(root, 'cfg', fileName), backupDir: join(root, 'backups') };
}

/** The writer's options: `--settings` file scope, explicit home, cwd, platform and env, backups in the sandbox. */
export function writerOptions(s: Sandbox, ops: WriteSettingsOptions['ops'], extra: Partial<WriteSettingsOptions> = {}): WriteSettingsOptions {
  return {
    scope: 'cli',
    settingsFile: s.file,
    homeDir: join(s.root, 'home'),
    cwd: join(s.root, 'work'),
    platform: 'linux',
    env: {},
    interactive: false,
    backupDir: s.backupDir,
    keepBackups: 3,
    ops,
    ...extra,
  };
}
