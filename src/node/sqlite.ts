/**
 * Reading another tool's SQLite database without touching it: the file's bytes are opened in memory
 * (sql.js, SQLite compiled to WebAssembly: no native build, any platform), queried, and dropped. The
 * file on disk is never opened for writing, so a database the tool has open is not disturbed; changes
 * still in a `-wal` file are not seen (`walPending`).
 */
import type { SqlJsStatic } from 'sql.js';

/** A row: column name to value. */
export type SqlRow = Record<string, string | number | bigint | Uint8Array | null>;

/** A read-only view of one database. */
export interface SqliteReader {
  /** The tables it has. */
  tables(): Set<string>;
  /** The columns of a table. */
  columns(table: string): string[];
  /** The rows of a query (with `?` parameters). */
  rows(sql: string, params?: readonly (string | number)[]): SqlRow[];
}

/** The first bytes of every SQLite 3 database file. */
const HEADER = 'SQLite format 3\u0000';

/** True when the bytes (or text) start like a SQLite database. */
export function looksLikeSqlite(start: Uint8Array | string): boolean {
  const text = typeof start === 'string' ? start.slice(0, HEADER.length) : Buffer.from(start.subarray(0, HEADER.length)).toString('latin1');
  return text === HEADER;
}

let engine: Promise<SqlJsStatic> | undefined;

async function load(): Promise<SqlJsStatic> {
  engine ??= import('sql.js').then((m) => {
    const init = ((m as unknown as { default?: unknown }).default ?? m) as (config?: object) => Promise<SqlJsStatic>;
    return init();
  });
  return engine;
}

/** Opens the database's bytes in memory, runs `read` on it, and closes it. */
export async function withSqlite<T>(bytes: Uint8Array, read: (db: SqliteReader) => T): Promise<T> {
  if (!looksLikeSqlite(bytes)) throw new Error('not a SQLite 3 database');
  const SQL = await load();
  const db = new SQL.Database(bytes);
  try {
    const rows = (sql: string, params: readonly (string | number)[] = []): SqlRow[] => {
      const stmt = db.prepare(sql);
      try {
        stmt.bind([...params]);
        const out: SqlRow[] = [];
        while (stmt.step()) out.push(stmt.getAsObject() as SqlRow);
        return out;
      } finally {
        stmt.free();
      }
    };
    return read({
      rows,
      tables: () => new Set(rows("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r['name']))),
      columns: (table) => rows('SELECT name FROM pragma_table_info(?)', [table]).map((r) => String(r['name'])),
    });
  } finally {
    db.close();
  }
}
