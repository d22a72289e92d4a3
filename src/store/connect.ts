/**
 * Opens the store: PostgreSQL when a database URL is given (DATABASE_URL), else a SQLite file.
 * Migrations run on open. One implementation over kysely serves both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { kysely } from './kysely.js';
import { UsageError } from '../domain/errors.js';
import { CodeMigrations } from './migrations.js';
import { DEFAULT_DB_PATH, describeLocation, type StoreLocation } from './location.js';
import type { Database } from './tables.js';

export type DialectName = 'sqlite' | 'postgres';

export async function openDatabase(loc: StoreLocation): Promise<{ db: Kysely<Database>; dialect: DialectName }> {
  let db: Kysely<Database>;
  let dialect: DialectName;
  if (loc.databaseUrl) {
    if (!/^postgres(?:ql)?:\/\//.test(loc.databaseUrl)) {
      throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use the SQLite file)');
    }
    const { default: pg } = await import('pg');
    db = new kysely.Kysely<Database>({ dialect: new kysely.PostgresDialect({ pool: new pg.Pool({ connectionString: loc.databaseUrl, max: 5 }) }) });
    dialect = 'postgres';
  } else {
    const path = loc.sqlitePath ?? DEFAULT_DB_PATH;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const { default: SQLite } = await import('better-sqlite3');
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new kysely.Kysely<Database>({ dialect: new kysely.SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
  }
  try {
    const { error, results } = await new kysely.Migrator({ db, provider: new CodeMigrations() }).migrateToLatest();
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
