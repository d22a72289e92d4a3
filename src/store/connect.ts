/**
 * Opens the store: PostgreSQL when a database URL is given (DATABASE_URL), else a SQLite file.
 * Migrations run on open. One implementation over kysely serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Logger } from 'pino';
import { UsageError } from '../domain/errors.js';
import { CodeMigrations } from './migrations.js';
import { DEFAULT_DB_PATH, describeLocation, type StoreLocation } from './location.js';
import type { Database } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenOptions {
  /** Where a dropped database connection is reported (default: one line on standard error). */
  logger?: Pick<Logger, 'warn'>;
}

const stderrWarn: Pick<Logger, 'warn'> = {
  warn: ((o: unknown, msg?: string) => void process.stderr.write(`release-radar: ${msg ?? ''} ${JSON.stringify(o)}\n`)) as Logger['warn'],
};

export async function openDatabase(loc: StoreLocation, opts: OpenOptions = {}): Promise<{ db: Kysely<Database>; dialect: DialectName }> {
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
    const dropped = (err: Error) => log.warn({ err: err.message, store: describeLocation(loc) }, 'store connection lost; reconnecting on next use');
    pool.on('error', dropped);
    pool.on('connect', (client) => client.on('error', dropped));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const path = loc.sqlitePath ?? DEFAULT_DB_PATH;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const { default: SQLite } = await import('better-sqlite3');
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
  }
  try {
    const { error, results } = await new Migrator({ db, provider: new CodeMigrations() }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`store migration ${failed ?? ''} failed on ${describeLocation(loc)}: ${(error as Error).message}`, { cause: error });
    }
  } catch (e) {
    await db.destroy();
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
      throw new Error(`cannot connect to ${describeLocation(loc)}: connection refused (is PostgreSQL running?)`, { cause: e });
    }
    throw e;
  }
  return { db, dialect };
}
