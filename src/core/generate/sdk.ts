/**
 * Agent SDK snippets (docs/behavior.md#agent-sdk): TypeScript `options.env` replaces the child's environment, so the
 * snippet spreads `process.env`; Python `env` merges on top of it. `apiKeyHelper` travels as
 * `--settings` through `extraArgs` / `extra_args`.
 */
import type { Diagnostic, GeneratedConfig } from '../types';
import { displayValue, type RenderOptions } from './shell';
import { diagnostic } from '../catalogue';

/** The language of a generated SDK snippet. */
export type SdkLanguage = 'typescript' | 'python';

/** A generated SDK snippet, and what was found while making it. */
export interface SdkResult {
  /** The snippet's source code. */
  code: string;
  /** What was found while generating it. */
  diagnostics: Diagnostic[];
}

/** A string literal both languages read back exactly: JSON's escaping is valid TypeScript and Python. */
function literal(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An Agent SDK snippet (TypeScript or Python) that starts Claude Code with the configuration. */
export function toAgentSdk(value: GeneratedConfig, language: SdkLanguage = 'typescript', options: RenderOptions = {}): SdkResult {
  const names = Object.keys(value.env).sort();
  const settings = Object.keys(value.settings).length > 0 ? JSON.stringify(value.settings) : undefined;
  const diagnostics: Diagnostic[] = [];
  if (value.unset.length > 0) {
    diagnostics.push(diagnostic('generate-not-expressible', { kind: 'sdk-unset', variables: value.unset }));
  }
  if (language === 'python') {
    const lines = [
      'from claude_agent_sdk import ClaudeAgentOptions',
      '',
      '# env merges on top of the inherited environment.',
      '# A value in ~/.claude/settings.json env still wins over these (settings env beats the process environment).',
      'options = ClaudeAgentOptions(',
      '    env={',
    ];
    for (const n of names) lines.push(`        ${literal(n)}: ${literal(displayValue(n, value.env[n] as string, options))},`);
    lines.push('    },');
    if (settings) lines.push(`    extra_args={"settings": ${literal(settings)}},`);
    lines.push(')', '');
    return { code: lines.join('\n'), diagnostics };
  }
  const lines = [
    "import { query, type Options } from '@anthropic-ai/claude-agent-sdk';",
    '',
    '// options.env replaces the environment of the Claude Code process: keep the rest of it.',
    '// A value in ~/.claude/settings.json env still wins over these (settings env beats the process environment).',
    'const options: Options = {',
    '  env: {',
    '    ...process.env,',
  ];
  for (const n of names) lines.push(`    ${n}: ${literal(displayValue(n, value.env[n] as string, options))},`);
  lines.push('  },');
  if (settings) lines.push(`  extraArgs: { settings: ${literal(settings)} },`);
  lines.push('};', '', "for await (const message of query({ prompt: 'Reply with one word: connected', options })) console.log(message);", '');
  return { code: lines.join('\n'), diagnostics };
}
