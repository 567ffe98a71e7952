/**
 * Where claude-code-router and cc-switch keep their configuration, and reading it (JSON or JSON5 text,
 * or the SQLite database of their newer versions) into a `ToolImport`. Read only: nothing of the tools'
 * is written, run or locked. The deciding is in src/core/import/.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic } from '../core/catalogue';
import { importFromCcSwitchConfig, importFromCcSwitchRows, type CcSwitchProviderRow } from '../core/import/cc-switch';
import { importFromRouterConfig } from '../core/import/claude-code-router';
import { importFromVsCodeSettings, type VsCodeSettingsText } from '../core/import/vscode';
import { emptyImport, parseToolText } from '../core/import/tool-data';
import type { Diagnostic, FileSystem, ImportTool, Platform, ToolImport } from '../core/types';
import { createNodeFs } from './fs';
import { looksLikeSqlite, withSqlite, type SqliteReader } from './sqlite';

/** A place a tool keeps its configuration. */
export interface ToolFile {
  /** Absolute path. */
  path: string;
  /** As a person writes it (`~/.cc-switch/cc-switch.db`). */
  display: string;
  /** How it is stored. */
  storage: 'json' | 'sqlite';
}

/** What `importFromTool` reads. */
export interface ToolImportOptions {
  /** The home directory the tools' folders are in. */
  homeDir: string;
  /** The platform whose places are used. Default: this process's. */
  platform?: Platform;
  /** Windows: `%APPDATA%` (claude-code-router's desktop version keeps its database there). Default: `<home>\AppData\Roaming`. */
  appDataDir?: string;
  /** Read this file instead (JSON, JSON5 or a SQLite database, told apart by its first bytes). */
  from?: string;
  /** Import this provider (id or name) instead of the one the tool uses now. */
  provider?: string;
  /** The environment claude-code-router's `$VAR` references are read from. Default: none (references stay as written). */
  env?: Readonly<Record<string, string | undefined>>;
  /** VS Code: the workspace folder whose `.vscode/settings.json` is looked at (to say when it sets the key too; never imported). */
  cwd?: string;
  /** The file system JSON files are read through (a layout kit's in-memory one, a rooted one). SQLite files are read from the real disk, at `fs.realPath`. */
  fs?: FileSystem;
}

/** The largest database read (the whole file is read into memory). */
export const MAX_DATABASE_BYTES: number = 256 * 1024 * 1024;
const MAX_TEXT_BYTES = 8 * 1024 * 1024;

/** The places a tool keeps its configuration, in the order the tool itself prefers them. */
export function toolFiles(tool: ImportTool, homeDir: string, platform: Platform, appDataDir?: string, configDir?: string): ToolFile[] {
  const home = (rel: string, storage: ToolFile['storage']): ToolFile => ({ path: join(homeDir, ...rel.split('/')), display: `~/${rel}`, storage });
  if (tool === 'cc-switch') return [home('.cc-switch/cc-switch.db', 'sqlite'), home('.cc-switch/config.json', 'json')];
  const appData = appDataDir ?? join(homeDir, 'AppData', 'Roaming');
  if (tool === 'vscode') {
    // The user settings of VS Code, its Insiders build, Cursor and VSCodium, in that order.
    // On Linux, $XDG_CONFIG_HOME when it is set (and not ~/.config), then ~/.config.
    return ['Code', 'Code - Insiders', 'Cursor', 'VSCodium'].flatMap((app): ToolFile[] => {
      if (platform === 'win32')
        return [{ path: join(appData, app, 'User', 'settings.json'), display: `%APPDATA%\\${app}\\User\\settings.json`, storage: 'json' }];
      if (platform === 'darwin') return [home(`Library/Application Support/${app}/User/settings.json`, 'json')];
      const dotConfig = home(`.config/${app}/User/settings.json`, 'json');
      const xdg = configDir !== undefined && configDir !== '' && join(configDir) !== join(homeDir, '.config');
      return xdg
        ? [{ path: join(configDir, app, 'User', 'settings.json'), display: `$XDG_CONFIG_HOME/${app}/User/settings.json`, storage: 'json' }, dotConfig]
        : [dotConfig];
    });
  }
  // The desktop version reads its database; config.json is read only while there is no database (then migrated).
  const db: ToolFile =
    platform === 'win32'
      ? { path: join(appData, 'claude-code-router', 'config.sqlite'), display: '%APPDATA%\\claude-code-router\\config.sqlite', storage: 'sqlite' }
      : home('.claude-code-router/config.sqlite', 'sqlite');
  return [db, home('.claude-code-router/config.json', 'json')];
}

function failed(tool: ImportTool, file: string, storage: ToolFile['storage'], d: Diagnostic): ToolImport {
  return emptyImport(tool, file, storage, [d]);
}

/** The row a database holds for a tool, as the core reads it. */
function fromDatabase(tool: ImportTool, db: SqliteReader, file: ToolFile, options: ToolImportOptions, deviceSettings: unknown): ToolImport {
  const tables = db.tables();
  if (tool === 'claude-code-router') {
    if (!tables.has('app_config'))
      return failed(tool, file.display, 'sqlite', diagnostic('import-unreadable', { file: file.display, reason: 'the database has no app_config table' }));
    const row = db.rows("SELECT value_json FROM app_config WHERE key = 'default' LIMIT 1")[0];
    const text = row?.['value_json'];
    if (typeof text !== 'string') return failed(tool, file.display, 'sqlite', diagnostic('import-no-active', { tool, file: file.display }));
    const parsed = parseToolText(text, `${file.display} app_config.default`);
    if ('problem' in parsed) return failed(tool, file.display, 'sqlite', parsed.problem);
    return importFromRouterConfig(parsed.value, {
      file: file.display,
      storage: 'sqlite',
      env: options.env ?? {},
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
    });
  }
  if (!tables.has('providers'))
    return failed(tool, file.display, 'sqlite', diagnostic('import-unreadable', { file: file.display, reason: 'the database has no providers table' }));
  const have = new Set(db.columns('providers'));
  for (const needed of ['id', 'app_type', 'settings_config']) {
    if (!have.has(needed))
      return failed(
        tool,
        file.display,
        'sqlite',
        diagnostic('import-unreadable', { file: file.display, reason: `the providers table has no ${needed} column` }),
      );
  }
  const wanted = ['id', 'app_type', 'name', 'settings_config', 'website_url', 'meta', 'is_current', 'sort_index'].filter((c) => have.has(c));
  const rows = db.rows(`SELECT ${wanted.map((c) => `"${c}"`).join(', ')} FROM providers WHERE app_type = 'claude'`) as unknown as CcSwitchProviderRow[];
  const snippet = tables.has('settings') ? db.rows("SELECT value FROM settings WHERE key = 'common_config_claude' LIMIT 1")[0]?.['value'] : undefined;
  const out = importFromCcSwitchRows(
    rows.map((r) => ({ ...r, id: String(r.id), app_type: String(r.app_type) })),
    { deviceSettings, commonSnippet: typeof snippet === 'string' ? snippet : null },
    { file: file.display, ...(options.provider !== undefined ? { provider: options.provider } : {}) },
  );
  const known = new Set([
    ...wanted,
    'category',
    'created_at',
    'notes',
    'icon',
    'icon_color',
    'in_failover_queue',
    'cost_multiplier',
    'limit_daily_usd',
    'limit_monthly_usd',
    'provider_type',
  ]);
  for (const column of have)
    if (!known.has(column)) out.config.diagnostics.push(diagnostic('import-unknown-field', { file: file.display, field: `providers.${column}` }));
  return out;
}

/** A workspace's `.vscode/settings.json`, when there is one. */
async function workspaceSettings(options: ToolImportOptions, fs: FileSystem): Promise<VsCodeSettingsText | undefined> {
  if (options.cwd === undefined) return undefined;
  const path = join(options.cwd, '.vscode', 'settings.json');
  try {
    const st = await fs.stat(path);
    if (st?.kind !== 'file' || st.size > MAX_TEXT_BYTES) return undefined;
    return { text: await fs.readFile(path), file: '.vscode/settings.json' };
  } catch {
    return undefined;
  }
}

async function readBytes(path: string, fs: FileSystem): Promise<Buffer> {
  const real = fs.realPath?.(path) ?? path;
  const st = await stat(real);
  if (st.size > MAX_DATABASE_BYTES)
    throw new Error(`the database is ${Math.round(st.size / 1048576)} MB, more than the ${MAX_DATABASE_BYTES / 1048576} MB read`);
  return readFile(real);
}

/** Reads one file of a tool (its storage told by its first bytes). */
export async function importFromToolFile(tool: ImportTool, file: ToolFile, options: ToolImportOptions): Promise<ToolImport> {
  const fs = options.fs ?? createNodeFs();
  const pick = options.provider !== undefined ? { provider: options.provider } : {};
  let text: string | undefined;
  let bytes: Buffer | undefined;
  try {
    if (file.storage === 'sqlite') {
      bytes = await readBytes(file.path, fs);
      // Named like a database but JSON text (`--from store.db`): read it as what it is.
      if (!looksLikeSqlite(bytes)) {
        text = bytes.toString('utf8');
        bytes = undefined;
      }
    } else {
      const st = await fs.stat(file.path);
      if (st?.kind !== 'file') throw new Error(st === undefined ? 'not found' : 'not a regular file');
      if (st.size > MAX_TEXT_BYTES) throw new Error(`larger than ${MAX_TEXT_BYTES / 1048576} MB`);
      text = await fs.readFile(file.path);
      // A database named like a JSON file (`--from`): read it as one.
      if (looksLikeSqlite(text)) bytes = await readBytes(file.path, fs);
    }
  } catch (e) {
    return failed(tool, file.display, file.storage, diagnostic('import-unreadable', { file: file.display, reason: (e as Error).message }));
  }
  if (bytes !== undefined && tool === 'vscode')
    return failed(tool, file.display, 'sqlite', diagnostic('import-unreadable', { file: file.display, reason: 'a database, not a settings file' }));
  if (bytes !== undefined) {
    let deviceSettings: unknown;
    if (tool === 'cc-switch') {
      // The device's own choice of provider (cc-switch keeps it beside the database).
      const settingsPath = join(file.path, '..', 'settings.json');
      try {
        const parsed = parseToolText(await fs.readFile(settingsPath), settingsPath);
        if ('value' in parsed) deviceSettings = parsed.value;
      } catch {
        // No settings file: the database's is_current decides.
      }
    }
    try {
      const out = await withSqlite(bytes, (db) => fromDatabase(tool, db, { ...file, storage: 'sqlite' }, options, deviceSettings));
      const wal = await fs.stat(`${file.path}-wal`).catch(() => undefined);
      if (wal?.kind === 'file' && wal.size > 0) {
        out.config.diagnostics.push(
          diagnostic('import-not-carried', {
            file: `${file.display}-wal`,
            field: '(pending changes)',
            reason: 'the tool has changes not yet in its database file; close the tool and import again to see them',
          }),
        );
      }
      return out;
    } catch (e) {
      return failed(tool, file.display, 'sqlite', diagnostic('import-unreadable', { file: file.display, reason: (e as Error).message }));
    }
  }
  if (tool === 'vscode') return importFromVsCodeSettings({ text: text as string, file: file.display }, await workspaceSettings(options, fs));
  const parsed = parseToolText(text as string, file.display);
  if ('problem' in parsed) return failed(tool, file.display, 'json', parsed.problem);
  return tool === 'cc-switch'
    ? importFromCcSwitchConfig(parsed.value, { file: file.display, ...pick })
    : importFromRouterConfig(parsed.value, { file: file.display, storage: 'json', env: options.env ?? {}, ...pick });
}

/**
 * Reads a tool's configuration from where it keeps it (or `from`): its providers and the configuration
 * the active one comes to. A tool not installed gives `import-source-not-found`, never an exception.
 */
export async function importFromTool(tool: ImportTool, options: ToolImportOptions): Promise<ToolImport> {
  const fs = options.fs ?? createNodeFs();
  if (options.from !== undefined) {
    const storage = /\.(db|sqlite3?)$/i.test(options.from) ? 'sqlite' : 'json';
    return importFromToolFile(tool, { path: options.from, display: options.from, storage }, { ...options, fs });
  }
  const files = toolFiles(
    tool,
    options.homeDir,
    options.platform ?? (process.platform as Platform),
    options.appDataDir ?? options.env?.['APPDATA'],
    options.env?.['XDG_CONFIG_HOME'],
  );
  for (const file of files) {
    const st = await fs.stat(file.path).catch(() => undefined);
    if (st !== undefined) return importFromToolFile(tool, file, { ...options, fs });
  }
  return failed(tool, files[files.length - 1]?.display ?? '', 'json', diagnostic('import-source-not-found', { tool, files: files.map((f) => f.display) }));
}
