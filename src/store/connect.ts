/**
 * Opens the store: PostgreSQL when a database URL is given (DATABASE_URL), else a SQLite file.
 * Migrations run on open. One implementation over kysely serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { kysely, migration } from './kysely.js';
import { nodeSqliteDialect } from './sqlite-dialect.js';
import { StoreError, UsageError } from '../domain/errors.js';
import { CodeMigrations } from './migrations.js';
import { DEFAULT_DB_PATH, describeLocation, type StoreLocation } from './location.js';
import type { Database } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenOptions {
  /** Where a dropped database connection is reported (default: one line on standard error). */
  logger?: Pick<Logger, 'warn'>;
}

const stderrWarn: Pick<Logger, 'warn'> = {
  warn: ((o: unknown, msg?: string) =>
    void process.stderr.write(`release-radar: ${msg ?? ''} ${JSON.stringify(o)}\n`)) as Logger['warn'],
};

export async function openDatabase(
  loc: StoreLocation,
  opts: OpenOptions = {},
): Promise<{ db: Kysely<Database>; dialect: DialectName }> {
  let db: Kysely<Database>;
  let dialect: DialectName;
  if (loc.databaseUrl) {
    if (!/^postgres(?:ql)?:\/\//.test(loc.databaseUrl)) {
      throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use the SQLite file)');
    }
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: loc.databaseUrl, max: 5, connectionTimeoutMillis: 10_000 });
    // A connection the server (or the network) drops emits 'error': on the pool when idle, on the client
    // while checked out. Unheard, that event kills the process; heard, the pool discards the client and
    // opens a new one for the next query, and the query in flight fails with its own error.
    const log = opts.logger ?? stderrWarn;
    const dropped = (err: Error) =>
      log.warn({ err: err.message, store: describeLocation(loc) }, 'store connection lost; reconnecting on next use');
    pool.on('error', dropped);
    pool.on('connect', (client) => client.on('error', dropped));
    db = new kysely.Kysely<Database>({ dialect: new kysely.PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const path = loc.sqlitePath ?? DEFAULT_DB_PATH;
    const { DatabaseSync } = await import('node:sqlite');
    let sqlite: InstanceType<typeof DatabaseSync>;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      sqlite = new DatabaseSync(path);
      sqlite.exec('pragma busy_timeout = 5000');
      sqlite.exec('pragma journal_mode = WAL');
    } catch (e) {
      throw sqliteError(path, e);
    }
    db = new kysely.Kysely<Database>({
      dialect: nodeSqliteDialect(sqlite, (e) => (STORE_TROUBLE.has(sqliteCode(e)) ? sqliteError(path, e) : e)),
    });
    dialect = 'sqlite';
  }
  let missing: boolean;
  try {
    const migrator = new migration.Migrator({ db, provider: new CodeMigrations() });
    // A dry run creates nothing: with no store in the database yet (no migration ever ran), it reads an empty one.
    missing = !!loc.existingOnly && !(await migrator.getMigrations()).some((m) => m.executedAt);
    const { error, results } = missing ? {} : await migrator.migrateToLatest();
    if (error)
      throw Object.assign(error as Error, { migration: results?.find((r) => r.status === 'Error')?.migrationName });
  } catch (e) {
    await db.destroy();
    if (dialect === 'sqlite') throw sqliteError(loc.sqlitePath ?? DEFAULT_DB_PATH, e);
    throw postgresError(loc, e);
  }
  if (missing) {
    await db.destroy();
    return openDatabase({ sqlitePath: ':memory:' }, opts);
  }
  return { db, dialect };
}

/** A PostgreSQL failure on open, as one line: where (never the password), what, and what to do. */
function postgresError(loc: StoreLocation, e: unknown): StoreError {
  const { code, message, migration } = e as { code?: string; message: string; migration?: string };
  const where = describeLocation(loc);
  const database = URL.canParse(loc.databaseUrl!)
    ? decodeURIComponent(new URL(loc.databaseUrl!).pathname.slice(1))
    : 'NAME';
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused (is PostgreSQL running? check DATABASE_URL)'
      : code === '3D000' // invalid_catalog_name
        ? `database "${database}" does not exist; create it (\`createdb ${database}\`) or point DATABASE_URL at one that does`
        : code === '28P01' || code === '28000' // invalid_password, invalid_authorization_specification
          ? `${message}; check the user and password in DATABASE_URL`
          : `${migration ? `store migration ${migration} failed: ` : ''}${message} (check DATABASE_URL)`;
  return new StoreError(`${code === 'ECONNREFUSED' ? 'cannot connect to ' : ''}${where}: ${why}`, { cause: e });
}

/** A SQLite failure (on open or in use), as a message that names the file and what to do. */
export function sqliteError(path: string, e: unknown): StoreError {
  const code = sqliteCode(e);
  const why =
    code === 'SQLITE_NOTADB'
      ? 'file is not a database (it is not a SQLite file); give --db another path, or move it away to start a new store'
      : code === 'SQLITE_CORRUPT'
        ? 'the database file is corrupt; restore a copy, or move it away to start a new store'
        : code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS'
          ? 'cannot write there (the file or its folder is read-only, or permission denied); make it writable, or give --db a writable path'
          : code === 'SQLITE_BUSY'
            ? 'the database is locked by another process (another release-radar poll or serve writing it, or a sqlite3 shell in a transaction); let it finish or stop it, then run again'
            : code === 'SQLITE_FULL'
              ? 'the disk is full; free some space, or give --db a path on another disk'
              : code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR'
                ? 'cannot open it (is it a directory, or its folder not writable?); give --db another path'
                : `${(e as Error).message.split('\n')[0]}${code ? ` (${code})` : ''}`;
  return new StoreError(`store ${path}: ${why}`, { cause: e });
}

/** SQLite failures that say the store itself cannot be used (not a bad statement): reported as store trouble. */
export const STORE_TROUBLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/** node:sqlite reports SQLite's numeric result code (`errcode`); its low byte is the primary code. */
const PRIMARY_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};

export function sqliteCode(e: unknown): string {
  const { code, errcode } = (e ?? {}) as { code?: string; errcode?: number };
  if (typeof errcode === 'number') return PRIMARY_CODES[errcode & 0xff] ?? `SQLITE_ERROR ${errcode}`;
  return code ?? '';
}
