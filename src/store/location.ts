/** Where the store lives, decided from DATABASE_URL and --db. Cheap to import: opens nothing, loads no driver. */
import { existsSync } from 'node:fs';

export const DEFAULT_DB_PATH = '.release-radar/state.db';

export interface StoreLocation {
  /** postgres:// URL; wins over `sqlitePath`. */
  databaseUrl?: string;
  /** SQLite file, or ':memory:'. */
  sqlitePath?: string;
  /** A dry run: a PostgreSQL database with no store yet is read as an empty store in memory, not migrated. */
  existingOnly?: boolean;
}

/** A description safe to log: never the password. */
export function describeLocation(loc: StoreLocation): string {
  if (loc.databaseUrl) {
    try {
      const u = new URL(loc.databaseUrl);
      return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
    } catch {
      return 'PostgreSQL (DATABASE_URL)';
    }
  }
  return `SQLite ${loc.sqlitePath ?? DEFAULT_DB_PATH}`;
}

/** Where the store is: a database URL (DATABASE_URL) wins, else --db, else the default SQLite file. */
export function storeLocation(databaseUrl: string | undefined, db: string | undefined, dryRun = false): StoreLocation {
  if (databaseUrl) return dryRun ? { databaseUrl, existingOnly: true } : { databaseUrl };
  const path = db ?? DEFAULT_DB_PATH;
  // A dry run must not create a store: with no file yet, it works on an empty one in memory.
  if (dryRun && path !== ':memory:' && !existsSync(path)) return { sqlitePath: ':memory:' };
  return { sqlitePath: path };
}
