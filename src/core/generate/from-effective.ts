/**
 * The configuration this machine already has, as a generator input: what the settings files,
 * `--settings` and managed policy set (the winning value of each variable), plus the shell's own
 * `ANTHROPIC_*` and `CLAUDE_CODE_*` variables, so that it can be printed for another place (VS Code's
 * `claudeCode.environmentVariables`, a shell, CI, the Agent SDK). Other shell variables (`PATH`, a CA
 * bundle the machine sets for every program) are not configuration of Claude Code and stay out.
 */
import type { Diagnostic, EffectiveConfig, GeneratedConfig } from '../types';
import { diagnostic } from '../catalogue';

/** Shell variables that are Claude Code configuration rather than the machine's environment. */
const CLAUDE_CODE_SHELL_VARIABLE = /^(ANTHROPIC_|CLAUDE_CODE_)/;

/** The effective configuration as a {@link GeneratedConfig}: every renderer accepts it. */
export function configFromEffective(config: EffectiveConfig): GeneratedConfig {
  const env: Record<string, string> = {};
  for (const name of Object.keys(config.env).sort()) {
    const v = config.env[name];
    if (!v || v.value === '') continue;
    if (v.source.scope === 'shell' && !CLAUDE_CODE_SHELL_VARIABLE.test(name)) continue;
    env[name] = v.value;
  }
  const settings: Record<string, unknown> = {};
  if (config.apiKeyHelper) settings['apiKeyHelper'] = config.apiKeyHelper.command;
  const diagnostics: Diagnostic[] = [];
  if (Object.keys(env).length === 0 && Object.keys(settings).length === 0) {
    diagnostics.push(diagnostic('generate-nothing-configured', {}));
  }
  const out: GeneratedConfig = { env, settings, unset: [], provider: config.provider, diagnostics };
  const c = config.credential;
  if ('variable' in c && typeof c.variable === 'string' && Object.hasOwn(env, c.variable)) out.credentialVariable = c.variable;
  return out;
}
