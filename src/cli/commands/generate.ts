import { toSettingsPatch } from '../../core/generate/settings-patch';
import { toShell } from '../../core/generate/shell';
import { toVsCodeSettings } from '../../core/generate/vscode';
import { toGitHubActionsStep } from '../../core/generate/github';
import { toAgentSdk } from '../../core/generate/sdk';
import { toVerifyCommand } from '../../core/generate/verify-command';
import { toManagedArtifacts, managedArtifactWarnings } from '../../core/generate/managed-artifacts';
import { isSecretVariable, maskSecret } from '../../core/variables';
import { describe, DESCRIBE_HELP, DESCRIBE_OPTIONS } from '../describe';
import { json } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, text } from '../options';
import type { Command } from './types';

export const FORMATS = ['settings', 'bash', 'zsh', 'powershell', 'vscode', 'github-actions', 'sdk-typescript', 'sdk-python', 'curl', 'curl-powershell', 'managed'] as const;

export const generate: Command = {
  name: 'generate',
  summary: 'print the configuration in one format',
  usage: `claude-gateway generate <${FORMATS.join('|')}> <kind> [describing flags]`,
  options: { ...DESCRIBE_OPTIONS, secret: { type: 'string' } },
  help: `  --secret <NAME>           github-actions: the repository secret (default GATEWAY_API_KEY)
Credentials are shown as <redacted> unless --show-secrets.
${DESCRIBE_HELP}`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const [format, kind] = positionals;
    if (!format || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`generate needs a format: ${FORMATS.join(', ')}`);
    const value = await describe(kind, values, io);
    const redact = !flag(values, 'show-secrets');
    const mask = (t: string): string => {
      let out = t;
      if (redact) for (const [n, v] of Object.entries(value.env)) if (isSecretVariable(n, v)) out = out.split(v).join(maskSecret(v));
      return out;
    };
    let out: string;
    switch (format) {
      case 'settings':
        out = mask(toSettingsPatch(value).text);
        break;
      case 'bash':
      case 'zsh':
      case 'powershell':
        out = toShell(value, format, { redact });
        break;
      case 'vscode':
        out = toVsCodeSettings(value, undefined, { redact }).text;
        break;
      case 'github-actions':
        out = toGitHubActionsStep(value, { ...(text(values, 'secret') ? { secretName: text(values, 'secret') as string } : {}) }).yaml;
        break;
      case 'sdk-typescript':
      case 'sdk-python':
        out = toAgentSdk(value, format === 'sdk-typescript' ? 'typescript' : 'python', { redact }).code;
        break;
      case 'curl':
      case 'curl-powershell':
        out = toVerifyCommand(value, format === 'curl' ? 'bash' : 'powershell');
        break;
      default: {
        const artifacts = toManagedArtifacts(value);
        if (flag(values, 'json')) {
          io.stdout(json(artifacts.map((a) => ({ ...a, content: mask(a.content) }))));
          return EXIT.ok;
        }
        out = artifacts.map((a) => `### ${a.platform} ${a.kind}: ${a.installPath ?? a.fileName}\n# ${a.deploy}\n${mask(a.content)}`).join('\n');
        for (const w of managedArtifactWarnings(value)) io.stderr(`warning: ${w.message}\n`);
      }
    }
    if (flag(values, 'json')) io.stdout(json({ format, content: out, diagnostics: value.diagnostics }));
    else io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return EXIT.ok;
  },
};
