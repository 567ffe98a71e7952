import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import { configFromExports, type ImportedExport } from '../../core/import/to-config';
import { maskValue, redactGeneratedConfig, secretPartsOf } from '../../core/redact';
import { toSettingsObject, toSettingsOps } from '../../core/generate/settings-patch';
import type { Platform } from '../../core/types';
import { readShellExports, shellStartupFiles, type ShellFile } from '../../node/shell-files';
import { json, painter, paintDiagnostic } from '../format';
import { EXIT, UsageError } from '../io';
import { flag, parse, resolveOptions } from '../options';
import { versioned } from '../output-types';
import { noteSecrets } from '../secrets';
import { WRITE_HELP, WRITE_OPTIONS, writeOps } from './set';
import type { Command } from './types';

const SOURCES = ['shell'] as const;

/** A file named with --from: its shell by its name. */
function fileFrom(path: string): ShellFile {
  const ext = extname(path).toLowerCase();
  return { path, display: path, dialect: ext === '.fish' ? 'fish' : ext === '.ps1' ? 'powershell' : 'posix', interactiveOnly: false };
}

export const importCommand: Command = {
  examples: ['claude-gateway import shell', 'claude-gateway import shell --write --scope user', 'claude-gateway import shell --from ~/.config/gateway.sh'],
  name: 'import',
  summary: 'read a gateway configuration from where you had it (shell start-up files) and show or write it as settings',
  usage: 'claude-gateway import shell [--from <file>]... [--write --scope <scope>] [options]',
  options: { ...WRITE_OPTIONS, from: { type: 'string', multiple: true }, write: { type: 'boolean' } },
  globals: ['json', 'show-secrets', 'cwd', 'home', 'platform', 'root', 'help'],
  help: [
    '  shell                     ~/.profile, ~/.bashrc, ~/.zshrc, fish and PowerShell profiles (read, never run)',
    '  --from <file>             read this file instead (repeatable; .fish and .ps1 by their name)',
    '  --write                   write the variables into the settings file of --scope (safe writer, backup)',
    WRITE_HELP,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parse(args, this.options);
    const source = positionals[0];
    if (source === undefined || !(SOURCES as readonly string[]).includes(source))
      throw new UsageError(`import takes a source: ${SOURCES.join(', ')}`, 'claude-gateway import shell');
    const options = resolveOptions(values, io);
    const home = options.homeDir ?? io.env['HOME'] ?? homedir();
    const platform = (options.platform ?? process.platform) as Platform;
    const given = (values['from'] as string[] | undefined) ?? [];
    const files = given.length > 0 ? given.map((f) => fileFrom(resolve(io.cwd, f))) : shellStartupFiles(home, platform);
    const found = await readShellExports(files, home, options.fs);
    const exports: ImportedExport[] = found.map(({ file, ...e }) => ({ ...e, file: file.display }));
    const config = configFromExports(
      exports,
      files.map((f) => f.display),
    );
    const show = flag(values, 'show-secrets');
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
