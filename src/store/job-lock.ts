/**
 * One scheduled job (poll + delivery, digests) at a time across `serve` replicas sharing one PostgreSQL
 * database: a session advisory lock, tried without waiting, held on one reserved connection for the job's
 * length. A replica that does not get it skips this turn (another is doing the work). SQLite stores are one
 * process's file: the caller's own no-overlap rule is enough there.
 */
import { kysely } from './kysely.js';
import type { Store } from './store.js';

const { sql } = kysely;

/** Arbitrary constant ("rrjb"), distinct from the event writers' transaction lock. */
const JOB_LOCK = 0x72726a62;

export type LockedRun<T> = { ran: true; value: T } | { ran: false };

export async function withJobLock<T>(store: Store, job: () => Promise<T>): Promise<LockedRun<T>> {
  if (store.dialect !== 'postgres') return { ran: true, value: await job() };
  return store.db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${JOB_LOCK}) as locked`.execute(conn);
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, value: await job() };
    } finally {
      await sql`select pg_advisory_unlock(${JOB_LOCK})`.execute(conn);
    }
  });
}
