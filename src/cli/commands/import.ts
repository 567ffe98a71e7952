import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import { configFromExports, type ImportedExport } from '../../core/import/to-config';
import { maskValue, redactGeneratedConfig, secretPartsOf } from '../../core/redact';
import { maskSecret } from '../../core/variables';
import { toSettingsObject, toSettingsOps } from '../../core/generate/settings-patch';
import { readShellFiles, shellStartupFiles, type ShellFile } from '../../node/shell-files';
import { importFromTool } from '../../node/tool-import';
import type { GeneratedConfig, ImportTool, ImportedProvider, Platform, ToolImport } from '../../core/types';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, resolveOptions } from '../options';
import { versioned } from '../output-types';
import { noteSecrets } from '../secrets';
import { WRITE_HELP, WRITE_OPTIONS, writeOps } from './set';
import type { Command } from './types';

const SOURCES = ['shell', 'claude-code-router', 'cc-switch', 'vscode'] as const;
/** Other names people use for a source. */
const ALIASES: Record<string, (typeof SOURCES)[number]> = {
  ccr: 'claude-code-router',
  cc_switch: 'cc-switch',
  ccswitch: 'cc-switch',
  code: 'vscode',
  'vs-code': 'vscode',
  cursor: 'vscode',
};
const FORMAT_NAMES = { anthropic: 'Anthropic format', openai: 'OpenAI format' } as const;

/** A file named with --from: its shell by its name. */
function fileFrom(path: string): ShellFile {
  const ext = extname(path).toLowerCase();
  return { path, display: path, dialect: ext === '.fish' ? 'fish' : ext === '.ps1' ? 'powershell' : 'posix', interactiveOnly: false };
}

/** A provider's line: the active one starred, its endpoint and format, models, and its key masked unless shown. */
function providerLine(p: ImportedProvider, show: boolean, width: number): string {
  const parts = [`${p.active ? '*' : ' '} ${p.id.padEnd(width)}`];
  if (p.name !== p.id) parts.push(`"${p.name}"`);
  if (p.endpoint !== undefined) parts.push(p.endpoint);
  if (p.format) parts.push(`(${FORMAT_NAMES[p.format]})`);
  if (p.models && p.models.length > 0) parts.push(`models: ${p.models.join(', ')}`);
  if (p.credential !== undefined) parts.push(`key: ${show ? p.credential : maskSecret(p.credential)}`);
  else if (p.credentialReference !== undefined) parts.push(`key: ${p.credentialReference} (not set here)`);
  return `  ${parts.join('  ')}`;
}

/** The configuration changes something when written: a variable or key to set, or one to remove. */
function writesSomething(config: GeneratedConfig): boolean {
  return Object.keys(config.env).length > 0 || Object.keys(config.settings).length > 0 || config.unset.length > 0;
}

/** What a tool's import prints, or its --json. */
function printTool(found: ToolImport, source: string, show: boolean, asJson: boolean, io: Parameters<Command['run']>[1]): void {
  const config: GeneratedConfig = show ? found.config : redactGeneratedConfig(found.config);
  const providers = found.providers.map((p) => (show || p.credential === undefined ? p : { ...p, credential: maskSecret(p.credential) }));
  if (asJson) {
    io.stdout(
      json(
        versioned({
          source,
          found: [],
          file: found.file,
          storage: found.storage,
          providers,
          settings: toSettingsObject(config),
          unset: config.unset,
          diagnostics: config.diagnostics,
        }),
      ),
    );
    return;
  }
  const paint = painter(io);
  if (found.providers.length === 0 && writesSomething(config)) io.stdout(`${source}: ${found.file} (read, not changed)\n`);
  if (found.providers.length > 0) {
    io.stdout(`${source} providers in ${found.file} (read, not changed; * = the one in use):\n`);
    const width = Math.max(...found.providers.map((p) => p.id.length));
    for (const p of found.providers) io.stdout(`${providerLine(p, show, width)}\n`);
  }
  if (writesSomething(config)) {
    io.stdout(`\nAs settings (claude-gateway import ${source} --write --scope user writes them to ~/.claude/settings.json):\n`);
    io.stdout(json(toSettingsObject(config)));
    if (config.unset.length > 0) io.stdout(`--write also removes from that file, when there: ${config.unset.join(', ')}\n`);
  }
  for (const d of config.diagnostics) io.stdout(`${paintDiagnostic(d, paint)}\n`);
}

export const importCommand: Command = {
  examples: [
    'claude-gateway import shell',
    'claude-gateway import shell --write --scope user',
    'claude-gateway import shell --from ~/.config/gateway.sh',
    'claude-gateway import claude-code-router',
    'claude-gateway import cc-switch --write --scope user',
    'claude-gateway import cc-switch --provider my-relay',
    'claude-gateway import vscode --write --scope user',
  ],
  name: 'import',
  summary: 'read a gateway configuration from where you had it (shell start-up files, claude-code-router, cc-switch, VS Code) and show or write it as settings',
  usage: 'claude-gateway import <shell|claude-code-router|cc-switch|vscode> [--from <file>] [--provider <id>] [--write --scope <scope>] [options]',
  options: { ...WRITE_OPTIONS, from: { type: 'string', multiple: true }, provider: { type: 'string' }, write: { type: 'boolean' } },
  globals: ['json', 'show-secrets', 'cwd', 'home', 'platform', 'root', 'help'],
  help: [
    '  shell                     ~/.profile, ~/.bashrc, ~/.zshrc, fish and PowerShell profiles (read, never run)',
    "  claude-code-router        ~/.claude-code-router/config.json (or the desktop version's config.sqlite): Claude Code",
    '                            is pointed at the router, which keeps translating for its providers (alias: ccr)',
    '  cc-switch                 ~/.cc-switch/cc-switch.db (or config.json): its current Claude provider',
    "  vscode                    the Claude Code extension's claudeCode.environmentVariables in VS Code (or Cursor,",
    "                            VSCodium) user settings (a workspace's .vscode/settings.json is named, not imported)",
    '  --from <file>             read this file instead (shell: repeatable, .fish and .ps1 by their name;',
    '                            a tool: its JSON, JSON5 or SQLite file)',
    '  --provider <id>           a tool: import this provider instead of the one in use (claude-code-router:',
    '                            Claude Code asks the router for it by model name)',
    '  --write                   write the variables into the settings file of --scope (safe writer, backup)',
    WRITE_HELP,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const given0 = positionals[0];
    const source = given0 !== undefined ? (ALIASES[given0] ?? given0) : undefined;
    if (source === undefined || !(SOURCES as readonly string[]).includes(source))
      throw new UsageError(`import takes a source: ${SOURCES.join(', ')}`, 'claude-gateway import shell');
    const options = resolveOptions(values, io);
    const home = options.homeDir ?? io.env['HOME'] ?? homedir();
    const platform = (options.platform ?? process.platform) as Platform;
    const given = (values['from'] as string[] | undefined) ?? [];
    const show = flag(values, 'show-secrets');
    const provider = values['provider'] as string | undefined;
    if (source !== 'shell') {
      if (given.length > 1) throw new UsageError(`import ${source} reads one file: give --from once`);
      if (source === 'vscode' && provider !== undefined)
        throw new UsageError('--provider is for claude-code-router and cc-switch', 'claude-gateway import vscode');
      const found = await importFromTool(source as ImportTool, {
        homeDir: home,
        platform,
        env: io.env,
        cwd: options.cwd ?? io.cwd,
        ...(options.fs ? { fs: options.fs } : {}),
        ...(given[0] !== undefined ? { from: resolve(io.cwd, given[0]) } : {}),
        ...(provider !== undefined ? { provider } : {}),
      });
      // Everything the tool keeps is masked by where it came from, whatever its variable is called.
      noteSecrets(io, [...found.secrets, ...Object.entries(found.config.env).flatMap(([name, value]) => secretPartsOf(name, value))]);
      if (flag(values, 'write')) {
        if (!writesSomething(found.config)) {
          for (const d of found.config.diagnostics) io.stderr(`${paintDiagnostic(d, painter(io))}\n`);
          throw new UsageError(`nothing to write: no configuration was read from ${source}`);
        }
        return writeOps(values, io, toSettingsOps(found.config));
      }
      printTool(found, source, show, flag(values, 'json'), io);
      return found.config.diagnostics.some((d) => d.severity === 'error') ? EXIT.failed : EXIT.ok;
    }
    if (provider !== undefined) throw new UsageError('--provider is for claude-code-router and cc-switch', 'claude-gateway import cc-switch --provider <id>');
    const files = given.length > 0 ? given.map((f) => fileFrom(resolve(io.cwd, f))) : shellStartupFiles(home, platform);
    const read = await readShellFiles(files, home, options.fs);
    const exports: ImportedExport[] = read.exports.map(({ file, ...e }) => ({ ...e, file: file.display }));
    const config = configFromExports(
      exports,
      files.map((f) => f.display),
      read.activations.map(({ file, ...a }) => ({ ...a, file: file.display })),
    );
    // Only what is a credential (a credential variable, a URL's password, a credential header) is masked.
    noteSecrets(
      io,
      Object.entries(config.env).flatMap(([name, value]) => secretPartsOf(name, value)),
    );
    if (flag(values, 'write')) {
      if (Object.keys(config.env).length === 0) throw new UsageError('nothing to write: no variable Claude Code reads was found');
      return writeOps(values, io, toSettingsOps(config));
    }
    const shown = show ? config : redactGeneratedConfig(config);
    if (flag(values, 'json')) {
      io.stdout(
        json(
          versioned({
            source,
            found: exports.map((e) => ({ ...e, ...(e.value !== undefined && !show ? { value: maskValue(e.name, e.value) } : {}) })),
            settings: toSettingsObject(shown),
            diagnostics: config.diagnostics,
          }),
        ),
      );
      return EXIT.ok;
    }
    const paint = painter(io);
    if (exports.length > 0) {
      io.stdout(`Exported in your shell start-up files (read, not run):\n`);
      for (const e of exports) {
        const where = `${e.file}:${e.line}:${e.column}`;
        io.stdout(
          `  ${where.padEnd(28)} ${e.name}${e.value !== undefined ? ` = ${JSON.stringify(show ? e.value : maskValue(e.name, e.value))}` : ' (not imported)'}\n`,
        );
      }
    }
    if (Object.keys(config.env).length > 0) {
      io.stdout(`\nAs settings (claude-gateway import shell --write --scope user writes them to ~/.claude/settings.json):\n`);
      io.stdout(json(toSettingsObject(shown)));
    }
    for (const d of config.diagnostics) io.stdout(`${paintDiagnostic(d, paint)}\n`);
    return EXIT.ok;
  },
};
