/**
 * Store factories for tests: every store suite runs against a SQLite file and a fresh PostgreSQL
 * database (127.0.0.1:5432, or TEST_DATABASE_URL). `.ci/run` makes sure PostgreSQL is up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PG_ADMIN_URL, postgresLocation as freshPostgres } from '../../src/fakes/postgres.js';
import { Store } from '../../src/store/store.js';
import type { StoreLocation } from '../../src/store/location.js';

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
