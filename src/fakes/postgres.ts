/** Throwaway PostgreSQL databases on a server (by default the local one), for tests and benchmarks. */
import pg from 'pg';
import type { StoreLocation } from '../store/location.js';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new, empty PostgreSQL database; dropped on cleanup. */
export async function postgresLocation(
  adminUrl = DEFAULT_PG_ADMIN_URL,
): Promise<{ location: StoreLocation; drop(): Promise<void> }> {
  const name = `rr_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    location: { databaseUrl: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
