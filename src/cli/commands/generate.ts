import { toSettingsPatch } from '../../core/generate/settings-patch';
import { toShell } from '../../core/generate/shell';
import { toVsCodeSettings } from '../../core/generate/vscode';
import { toGitHubActionsStep } from '../../core/generate/github';
import { toAgentSdk } from '../../core/generate/sdk';
import { toVerifyCommand } from '../../core/generate/verify-command';
import { toManagedArtifacts, managedArtifactWarnings } from '../../core/generate/managed-artifacts';
import { isSecretVariable, maskSecret } from '../../core/variables';
import { secretsInEdit } from '../../core/redact';
import { describe, DESCRIBE_HELP, DESCRIBE_OPTIONS } from '../describe';
import { noteSecrets } from '../secrets';
import { json } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, text } from '../options';
import type { GeneratedConfig } from '../../core/types';
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
    // GitHub Actions and curl name the credential's variable or secret, never its value.
    const value = await describe(kind, values, io, { needsValues: !['github-actions', 'curl', 'curl-powershell'].includes(format) });
    const redact = !flag(values, 'show-secrets');
    // Formats that carry a header or a token as they are (curl, GitHub Actions) are masked by the CLI's redactor.
    noteSecrets(io, secretsInEdit([{ op: 'set', path: ['env'], value: value.env }]));
    // Rendered from masked values: a credential escaped by the format (JSON, XML, .reg) is hidden too.
    const shown: GeneratedConfig = redact ? { ...value, env: Object.fromEntries(Object.entries(value.env).map(([n, v]) => [n, isSecretVariable(n, v) ? maskSecret(v) : v])) } : value;
    let out: string;
    switch (format) {
      case 'settings':
        out = toSettingsPatch(shown).text;
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
        const artifacts = toManagedArtifacts(shown);
        if (flag(values, 'json')) {
          io.stdout(json(artifacts));
          return EXIT.ok;
        }
        out = artifacts.map((a) => `### ${a.platform} ${a.kind}: ${a.installPath ?? a.fileName}\n# ${a.deploy}\n${a.content}`).join('\n');
        for (const w of managedArtifactWarnings(value)) io.stderr(`${w.severity === 'info' ? 'note' : 'warning'}: ${w.message}\n`);
      }
    }
    if (flag(values, 'json')) io.stdout(json({ format, content: out, diagnostics: value.diagnostics }));
    else io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return EXIT.ok;
  },
};
