/** Throwaway PostgreSQL databases on the local server (127.0.0.1:5432, or TEST_DATABASE_URL), for tests and benchmarks. */
import pg from 'pg';
import type { StoreLocation } from '../store/location.js';

export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
