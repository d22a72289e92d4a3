/**
 * Store factories for tests: every store suite runs against a SQLite file and a fresh PostgreSQL
 * database (127.0.0.1:5432, or TEST_DATABASE_URL). `.ci/run` makes sure PostgreSQL is up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Store } from '../../src/store/store.js';
import type { StoreLocation } from '../../src/store/location.js';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  store: Store;
  location: StoreLocation;
  cleanup(): Promise<void>;
}

export async function sqliteStore(): Promise<TestStore> {
  const path = join(mkdtempSync(join(tmpdir(), 'rr-store-')), 'state.db');
  const store = await Store.open({ sqlitePath: path });
  return { store, location: { sqlitePath: path }, cleanup: () => store.close() };
}

/** A new, empty PostgreSQL database; dropped on cleanup. */
export async function postgresLocation(): Promise<{ location: StoreLocation; drop(): Promise<void> }> {
  const name = `rr_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: { databaseUrl: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
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
