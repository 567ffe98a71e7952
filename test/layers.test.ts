/**
 * The layers are enforced by lint (eslint.config.js): src/core is pure (no builtin but node:path, no
 * process, nothing from src/node or src/cli), and src/node imports nothing from src/cli. Diagnostics are
 * built from the catalogue (src/core/catalogue), never written as sentences at their sites.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli-world';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function rules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}:${m.line}`);
}

describe('the layer rule in lint', () => {
  it('src/core may not reach IO, the process, src/node or src/cli', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'node:path';",
      "import { execFile } from 'child_process';",
      "import { writeSettings } from '../node/write';",
      "import { run } from '../cli/main';",
      'export const x = (): unknown => [readFileSync, join, execFile, writeSettings, run, process.env];',
    ].join('\n');
    expect(await rules('src/core/layer-probe.ts', code)).toEqual([
      'no-restricted-imports:1',
      'no-restricted-imports:3',
      'no-restricted-imports:4',
      'no-restricted-imports:5',
      'no-restricted-globals:6',
    ]);
  }, 60_000);

  it('src/node may not import src/cli; the CLI may import both', async () => {
    const code = "import { run } from '../cli/main';\nimport { parseSettingsText } from '../core/parse';\nexport const y = [run, parseSettingsText];\n";
    expect(await rules('src/node/layer-probe.ts', code)).toEqual(['no-restricted-imports:1']);
    const cli =
      "import { writeSettings } from '../node/write';\nimport { parseSettingsText } from '../core/parse';\nexport const z = [writeSettings, parseSettingsText];\n";
    expect(await rules('src/cli/layer-probe.ts', cli)).toEqual([]);
  }, 60_000);

  it('outside the catalogue, no diagnostic is written as a sentence: a { code, severity, message } literal is refused', async () => {
    const literal = "export const d = { code: 'doctor-base-url-v1', severity: 'error', message: 'ends in /v1' };\n";
    expect(await rules('src/core/diagnose/probe.ts', literal)).toEqual(['no-restricted-syntax:1']);
    expect(await rules('src/node/probe.ts', literal)).toEqual(['no-restricted-syntax:1']);
    // The catalogue renders sentences, and other objects with a message are not diagnostics.
    expect(await rules('src/core/catalogue/probe.ts', literal)).toEqual([]);
    expect(await rules('src/core/probe.ts', "export const r = { outcome: 'ok', message: 'fine' };\n")).toEqual([]);
  }, 60_000);
});
