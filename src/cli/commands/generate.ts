import { toSettingsPatch } from '../../core/generate/settings-patch';
import { versioned } from '../output-types';
import { toShell } from '../../core/generate/shell';
import { toVsCodeSettings } from '../../core/generate/vscode';
import { toGitHubActionsStep } from '../../core/generate/github';
import { toAgentSdk } from '../../core/generate/sdk';
import { toVerifyCommand } from '../../core/generate/verify-command';
import { toManagedArtifacts, managedArtifactWarnings } from '../../core/generate/managed-artifacts';
import { redactGeneratedConfig, secretsInEdit } from '../../core/redact';
import { describe, DESCRIBE_HELP, DESCRIBE_OPTIONS, KINDS } from '../describe';
import { noteSecrets } from '../secrets';
import { json } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, resolveOptions, text, type Values } from '../options';
import { configFromEffective } from '../../core/generate/from-effective';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { basename, dirname, resolve } from 'node:path';
import { apiKeyHelperScript, type HelperShell, type HelperSource } from '../../core/generate/helper-script';
import { posixQuote } from '../../core/generate/shell';
import { didYouMean } from '../../core/suggest';
import { managedArtifactFiles, writeArtifactFiles } from '../../node/artifacts';
import type { Platform } from '../../core/types';
import type { CliIo } from '../io';
import type { GeneratedConfig } from '../../core/types';
import type { Command } from './types';
import { withFlags } from '../flags';

export const FORMATS = [
  'settings',
  'bash',
  'zsh',
  'powershell',
  'vscode',
  'github-actions',
  'sdk-typescript',
  'sdk-python',
  'curl',
  'curl-powershell',
  'managed',
  'helper-script',
] as const;

const PLATFORM_NAMES: readonly Platform[] = ['linux', 'darwin', 'win32'];
const isPlatform = (name: string): name is Platform => (PLATFORM_NAMES as readonly string[]).includes(name);

function wholeNumber(values: Values, name: string): number | undefined {
  const v = text(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes milliseconds as a whole number, not ${JSON.stringify(v)}`);
  return Number(v);
}

/** `generate helper-script`: an apiKeyHelper script, printed or written with --out. */
function helperScript(values: Values, io: CliIo): number {
  const sources: HelperSource[] = [];
  const env = text(values, 'from-env');
  const file = text(values, 'from-file');
  const vault = text(values, 'from-vault');
  const command = text(values, 'from-command');
  if (env !== undefined) sources.push({ from: 'env', variable: env });
  if (file !== undefined) sources.push({ from: 'file', path: file });
  if (vault !== undefined)
    sources.push({ from: 'vault', secretPath: vault, ...(text(values, 'vault-field') ? { field: text(values, 'vault-field') as string } : {}) });
  if (command !== undefined) sources.push({ from: 'command', argv: command.split(/\s+/).filter(Boolean) });
  if (sources.length !== 1)
    throw new UsageError(
      'say where the helper gets the credential: one of --from-env VAR, --from-file PATH, --from-vault PATH, --from-command "program args"',
      'claude-gateway generate helper-script --from-vault secret/llm-gateway --token-lifetime 3600000',
    );
  const shell = text(values, 'shell') ?? 'sh';
  if (!['sh', 'cmd', 'powershell'].includes(shell)) throw new UsageError('--shell takes sh, cmd or powershell');
  const lifetime = wholeNumber(values, 'token-lifetime');
  const ttl = wholeNumber(values, 'ttl');
  const out = text(values, 'out');
  const h = apiKeyHelperScript({
    source: sources[0] as HelperSource,
    shell: shell as HelperShell,
    // With --out and no --script-path, the script lives where it is written.
    ...(text(values, 'script-path') ? { scriptPath: text(values, 'script-path') as string } : out ? { scriptPath: resolve(io.cwd, out) } : {}),
    ...(lifetime !== undefined ? { tokenLifetimeMs: lifetime } : {}),
    ...(ttl !== undefined ? { ttlMs: ttl } : {}),
  });
  // Double quotes read best around a value that holds single quotes and nothing a shell expands there.
  const arg = /^[^"$`\\!]*$/.test(h.apiKeyHelper) ? `"${h.apiKeyHelper}"` : posixQuote(h.apiKeyHelper);
  const next = `then: claude-gateway init gateway --base-url <url> --helper ${arg}${h.ttlMs !== undefined ? ` --helper-ttl ${h.ttlMs}` : ''} --scope user`;
  if (flag(values, 'json')) {
    io.stdout(
      json(
        versioned({
          ...h,
          ...(out
            ? {
                written: writeArtifactFiles(dirname(resolve(io.cwd, out)), [{ path: basename(out), content: h.script, mode: 0o755 }], {
                  force: flag(values, 'force'),
                }),
              }
            : {}),
        }),
      ),
    );
    return EXIT.ok;
  }
  if (out) {
    const [written] = writeArtifactFiles(dirname(resolve(io.cwd, out)), [{ path: basename(out), content: h.script, mode: 0o755 }], {
      force: flag(values, 'force'),
    });
    io.stdout(`wrote ${written} (executable)\n`);
  } else io.stdout(h.script.endsWith('\n') ? h.script : `${h.script}\n`);
  for (const d of h.diagnostics) io.stderr(`${d.severity}: ${withFlags(d.message)}\n`);
  io.stderr(`${out ? '' : `install it as ${h.scriptPath}; `}${next}\n`);
  return EXIT.ok;
}

/**
 * `generate <format> current`: this machine's configuration as Claude Code resolves it (the reading
 * flags choose the layout), for another place. For managed, --platform names the artifacts' platforms,
 * so it chooses the layout's OS only when it names one.
 */
async function current(format: string, values: Values, io: CliIo): Promise<GeneratedConfig> {
  const platform = text(values, 'platform');
  const reading = format === 'managed' && platform !== undefined && !isPlatform(platform) ? { ...values, platform: undefined } : values;
  const value = configFromEffective(await resolveEffectiveConfig(resolveOptions(reading, io)));
  for (const d of value.diagnostics) io.stderr(`${d.severity}: ${withFlags(d.message)}\n`);
  return value;
}

export const generate: Command = {
  globals: ['json', 'show-secrets', 'claude-version', 'platform', 'cwd', 'home', 'root', 'settings', 'trusted', 'help'],
  examples: [
    'claude-gateway generate bash gateway --base-url https://gw.example.com --token-env GATEWAY_TOKEN',
    'claude-gateway generate vscode current',
    'claude-gateway generate github-actions bedrock --gateway-url https://gw.example.com/bedrock --region us-east-1',
  ],
  name: 'generate',
  summary: 'print the configuration in one format',
  usage: `claude-gateway generate <${FORMATS.join('|')}> <kind> [describing flags]`,
  options: {
    ...DESCRIBE_OPTIONS,
    secret: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'drop-in': { type: 'string' },
    'from-env': { type: 'string' },
    'from-file': { type: 'string' },
    'from-vault': { type: 'string' },
    'vault-field': { type: 'string' },
    'from-command': { type: 'string' },
    shell: { type: 'string' },
    'script-path': { type: 'string' },
    'token-lifetime': { type: 'string' },
    ttl: { type: 'string' },
  },
  help: `Kinds: current, ${KINDS.join(', ')} (helper-script takes none)
  current                   what this machine already has: the winning value of every variable the
                            settings files, --settings and managed policy set, the shell's ANTHROPIC_*
                            and CLAUDE_CODE_* variables, and the apiKeyHelper (--home, --cwd, --root,
                            --settings and --trusted choose the layout)
  --secret <NAME>           github-actions: the repository secret (default GATEWAY_API_KEY)
  --out <dir>               managed: write each artifact to <dir>/<platform>/<file> instead of printing
  --platform <list>         managed: linux, darwin, win32 (comma-separated; default all three)
  --drop-in <name>          managed: also a drop-in, e.g. 10-gateway.json
  --force                   with --out: replace files that exist
helper-script (no <kind>): an apiKeyHelper script that prints the credential and nothing else
  --from-env VAR | --from-file PATH | --from-vault PATH [--vault-field F] | --from-command "program args"
  --shell sh|cmd|powershell --script-path <where it will live> --token-lifetime <ms> --ttl <ms>
  --out <file>              write the script (executable) instead of printing it
Credentials are shown as <redacted> unless --show-secrets.
${DESCRIBE_HELP}`,
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const [format, kind] = positionals;
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      const near = format ? didYouMean(format, FORMATS) : undefined;
      throw new UsageError(`generate needs a format: ${FORMATS.join(', ')}`, near ? `did you mean ${near}?` : undefined);
    }
    if (format === 'helper-script') return helperScript(values, io);
    if (text(values, 'out') !== undefined && format !== 'managed')
      throw new UsageError('--out is for managed and helper-script; redirect the output of the other formats');
    if (kind !== 'current' && !(KINDS as readonly string[]).includes(kind ?? '')) {
      const near = kind ? didYouMean(kind, ['current', ...KINDS]) : undefined;
      throw new UsageError(
        `say what to configure: current (what this machine has), ${KINDS.join(', ')}`,
        near ? `did you mean ${near}?` : `e.g. claude-gateway generate ${format} current`,
      );
    }
    // GitHub Actions and curl name the credential's variable or secret, never its value.
    const value =
      kind === 'current'
        ? await current(format, values, io)
        : await describe(kind, values, io, { needsValues: !['github-actions', 'curl', 'curl-powershell'].includes(format) });
    const redact = !flag(values, 'show-secrets');
    // Formats that carry a header or a token as they are (curl, GitHub Actions) are masked by the CLI's redactor.
    noteSecrets(io, secretsInEdit([{ op: 'set', path: ['env'], value: value.env }]));
    // Rendered from masked values: a credential escaped by the format (JSON, XML, .reg) is hidden too.
    const shown: GeneratedConfig = redact ? redactGeneratedConfig(value) : value;
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
        const names = (text(values, 'platform') ?? PLATFORM_NAMES.join(','))
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        const bad = names.find((p) => !isPlatform(p));
        const platforms = names.filter(isPlatform);
        if (bad) throw new UsageError(`--platform takes linux, darwin and win32, not ${bad}`);
        const artifacts = toManagedArtifacts(shown, { platforms, ...(text(values, 'drop-in') ? { dropInName: text(values, 'drop-in') as string } : {}) });
        const outDir = text(values, 'out');
        if (outDir !== undefined) {
          // Written from the real values: these files are what gets deployed.
          const real = redact
            ? toManagedArtifacts(value, { platforms, ...(text(values, 'drop-in') ? { dropInName: text(values, 'drop-in') as string } : {}) })
            : artifacts;
          const written = writeArtifactFiles(resolve(io.cwd, outDir), managedArtifactFiles(real), { force: flag(values, 'force') });
          if (flag(values, 'json'))
            io.stdout(
              json(
                versioned({
                  written,
                  artifacts: artifacts.map((a) => ({ platform: a.platform, kind: a.kind, fileName: a.fileName, installPath: a.installPath, deploy: a.deploy })),
                }),
              ),
            );
          else
            for (const [i, a] of artifacts.entries())
              io.stdout(`wrote ${written[i]}\n  ${a.platform} ${a.kind}${a.installPath ? ` → ${a.installPath}` : ''}: ${a.deploy}\n`);
          for (const w of managedArtifactWarnings(value)) io.stderr(`${w.severity === 'info' ? 'note' : 'warning'}: ${withFlags(w.message)}\n`);
          return EXIT.ok;
        }
        if (flag(values, 'json')) {
          io.stdout(json(versioned({ artifacts })));
          return EXIT.ok;
        }
        out = artifacts.map((a) => `### ${a.platform} ${a.kind}: ${a.installPath ?? a.fileName}\n# ${a.deploy}\n${a.content}`).join('\n');
        for (const w of managedArtifactWarnings(value)) io.stderr(`${w.severity === 'info' ? 'note' : 'warning'}: ${withFlags(w.message)}\n`);
      }
    }
    if (flag(values, 'json')) io.stdout(json(versioned({ format, content: out, diagnostics: value.diagnostics })));
    else io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return EXIT.ok;
  },
};
