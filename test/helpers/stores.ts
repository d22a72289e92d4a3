/**
 * Store factories for tests: every store suite runs against a SQLite file and a fresh PostgreSQL
 * database (127.0.0.1:5432, or TEST_DATABASE_URL). `.ci/run` makes sure PostgreSQL is up.
 */
import { mkdtempSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PG_ADMIN_URL, postgresLocation as freshPostgres } from '../../src/fakes/postgres.js';
import { Store } from '../../src/store/store.js';
import type { StoreLocation } from '../../src/store/location.js';
import { CodeMigrations } from '../../src/store/migrations.js';
import { nodeSqliteDialect } from '../../src/store/sqlite-dialect.js';
import type { Database } from '../../src/store/tables.js';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_PG_ADMIN_URL;

/** A new, empty PostgreSQL database on PG_ADMIN_URL's server; dropped on cleanup. */
export const postgresLocation = () => freshPostgres(PG_ADMIN_URL);

export interface TestStore {
  store: Store;
  location: StoreLocation;
  cleanup(): Promise<void>;
}

/** A SQLite file in a new temporary directory, not created yet. */
export const sqliteLocation = (): StoreLocation => ({
  sqlitePath: join(mkdtempSync(join(tmpdir(), 'rr-store-')), 'state.db'),
});

export async function sqliteStore(): Promise<TestStore> {
  const location = sqliteLocation();
  const store = await Store.open(location);
  return { store, location, cleanup: () => store.close() };
}

export async function postgresStore(): Promise<TestStore> {
  const { location, drop } = await postgresLocation();
  const store = await Store.open(location);
  return {
    store,
    location,
    async cleanup() {
      await store.close();
      await drop();
    },
  };
}

export const STORE_KINDS: [string, () => Promise<TestStore>][] = [
  ['sqlite', sqliteStore],
  ['postgres', postgresStore],
];

/** Where to set a database up by hand, per kind of store. */
export const EMPTY_LOCATIONS: Record<string, () => Promise<{ location: StoreLocation; drop(): Promise<void> }>> = {
  sqlite: async () => ({ location: sqliteLocation(), drop: async () => undefined }),
  postgres: postgresLocation,
};

/** The database at `location` migrated up to `migration` (included): to write rows as they were then. */
export async function migratedTo(location: StoreLocation, migration: string): Promise<Kysely<Database>> {
  const dialect = location.databaseUrl
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: location.databaseUrl, max: 1 }) })
    : nodeSqliteDialect(new DatabaseSync(location.sqlitePath!));
  const db = new Kysely<Database>({ dialect });
  const { error } = await new Migrator({ db, provider: new CodeMigrations() }).migrateTo(migration);
  if (error) throw error;
  return db;
}
