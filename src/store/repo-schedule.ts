/**
 * Per-repo scheduling: each repo has its own `next_poll_at`. A poll claims the due repos in batches under a
 * lease (as the outbox does): FOR UPDATE SKIP LOCKED on PostgreSQL, so that replicas and `poll` runs sharing
 * the database each take other repos; an immediate transaction on SQLite (one process). A claim whose holder
 * died is taken over once its lease has expired. Finishing sets the next time and clears the lease.
 */
import type { Kysely } from 'kysely';
import { kysely } from './kysely.js';
import type { DialectName } from './connect.js';
import type { Database } from './tables.js';

const { sql } = kysely;

/** How long a claim holds: longer than a batch takes to check. */
export const DEFAULT_REPO_LEASE_MS = 10 * 60_000;

export interface ClaimedRepo {
  repo: string;
  /** Checks in a row that failed before this one (for the backoff). */
  failures: number;
}

export interface RepoOutcome {
  repo: string;
  /** When it is due again (ISO). */
  nextPollAt: string;
  /** The check failed (counts towards the backoff), or succeeded (resets it); undefined: leave the count. */
  failed?: boolean;
}

export interface ScheduledRepo {
  repo: string;
  nextPollAt: string | null;
  failures: number;
  leaseOwner: string | null;
}

const CHUNK = 500;
/** GitHub's per-minute window, and a second for the time a request takes to arrive (as the pacer counts). */
const PACE_WINDOW_MS = 61_000;

export class RepoSchedule {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Claims for `owner` up to `limit` of `repos` that are due by `dueBy` (never polled, or next_poll_at not
   * later) and not held under an unexpired lease; returns them, those of an expired claim first, then the
   * longest overdue.
   */
  async claimDue(
    owner: string,
    repos: readonly string[],
    now: Date,
    opts: { limit: number; leaseMs?: number; dueBy?: Date },
  ): Promise<ClaimedRepo[]> {
    if (!repos.length) return [];
    const at = now.toISOString();
    const dueBy = (opts.dueBy ?? now).toISOString();
    const until = new Date(now.getTime() + (opts.leaseMs ?? DEFAULT_REPO_LEASE_MS)).toISOString();
    // Every tracked repo has a row to lock (a new one is due at once).
    for (let i = 0; i < repos.length; i += CHUNK)
      await this.db
        .insertInto('repos')
        .values(repos.slice(i, i + CHUNK).map((repo) => ({ repo, etag: null, last_polled_at: null })))
        .onConflict((oc) => oc.column('repo').doNothing())
        .execute();
    const take = async (db: Kysely<Database>): Promise<ClaimedRepo[]> => {
      const claimed: ClaimedRepo[] = [];
      // Two passes over the chunks: first the claims whose lease expired (a dead worker's batch was due
      // before the rest, and its never-polled repos would otherwise tie with every other new repo), then the
      // longest overdue.
      for (const expiredOnly of [true, false])
        for (let i = 0; i < repos.length && claimed.length < opts.limit; i += CHUNK) {
          let q = db
            .selectFrom('repos')
            .select(['repo', 'failures'])
            .where('repo', 'in', repos.slice(i, i + CHUNK))
            .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', dueBy)]))
            .where((eb) =>
              expiredOnly
                ? eb('lease_until', '<', at)
                : eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]),
            )
            .orderBy(sql`coalesce(next_poll_at, '')`)
            .limit(opts.limit - claimed.length);
          if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
          const rows = await q.execute();
          if (!rows.length) continue;
          await db
            .updateTable('repos')
            .set({ lease_owner: owner, lease_until: until })
            .where(
              'repo',
              'in',
              rows.map((r) => r.repo),
            )
            .execute();
          claimed.push(...rows.map((r) => ({ repo: r.repo, failures: Number(r.failures ?? 0) })));
        }
      return claimed;
    };
    if (this.dialect === 'postgres') return this.db.transaction().execute(take);
    return this.db.connection().execute(async (conn) => {
      // BEGIN IMMEDIATE takes SQLite's write lock at once, so two claimers cannot read the same due rows.
      await sql`begin immediate`.execute(conn);
      try {
        const claimed = await take(conn);
        await sql`commit`.execute(conn);
        return claimed;
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      }
    });
  }

  /**
   * How many pollers share GitHub's per-minute limits at `now`: `owner` (recorded as seen unless `record` is
   * false, as in a dry run), those seen within the last minute (a poller between batches, or one that just
   * finished, still has requests in GitHub's minute) and those holding an unexpired claim.
   */
  async pollers(owner: string, now: Date, record = true): Promise<number> {
    const at = now.toISOString();
    if (record) {
      await this.db
        .insertInto('pollers')
        .values({ owner, seen_at: at })
        .onConflict((oc) => oc.column('owner').doUpdateSet({ seen_at: at }))
        .execute();
      // Forget the long gone (their minute has long passed).
      await this.db
        .deleteFrom('pollers')
        .where('seen_at', '<', new Date(now.getTime() - 3_600_000).toISOString())
        .execute();
    }
    const [seen, holding] = await Promise.all([
      this.db
        .selectFrom('pollers')
        .select('owner')
        .where('seen_at', '>=', new Date(now.getTime() - PACE_WINDOW_MS).toISOString())
        .execute(),
      this.db
        .selectFrom('repos')
        .select('lease_owner')
        .distinct()
        .where('lease_until', '>=', at)
        .where('lease_owner', 'is not', null)
        .execute(),
    ]);
    return new Set([owner, ...seen.map((r) => r.owner), ...holding.map((r) => r.lease_owner!)]).size;
  }

  /** The repos of `repos` due by `dueBy`, without claiming them (a dry run). */
  async due(repos: readonly string[], dueBy: Date): Promise<string[]> {
    const out: string[] = [];
    const known = new Set<string>();
    for (let i = 0; i < repos.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('repos')
        .select(['repo', 'next_poll_at'])
        .where('repo', 'in', repos.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) {
        known.add(r.repo);
        if (!r.next_poll_at || r.next_poll_at <= dueBy.toISOString()) out.push(r.repo);
      }
    }
    return repos.filter((r) => !known.has(r) || out.includes(r));
  }

  /** Sets each repo's next time and gives its claim back (only claims `owner` still holds). */
  async finish(owner: string, outcomes: readonly RepoOutcome[]): Promise<void> {
    for (const o of outcomes) {
      await this.db
        .updateTable('repos')
        .set((eb) => ({
          next_poll_at: o.nextPollAt,
          lease_owner: null,
          lease_until: null,
          ...(o.failed === undefined ? {} : { failures: o.failed ? eb('failures', '+', 1) : eb.val(0) }),
        }))
        .where('repo', '=', o.repo)
        .where('lease_owner', '=', owner)
        .execute();
    }
  }

  /** Gives back what `owner` holds, due as it was (a stopped run). */
  async release(owner: string): Promise<void> {
    await this.db
      .updateTable('repos')
      .set({ lease_owner: null, lease_until: null })
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Each repo's schedule (for /healthz and tests). */
  async list(repos?: readonly string[]): Promise<ScheduledRepo[]> {
    let q = this.db.selectFrom('repos').select(['repo', 'next_poll_at', 'failures', 'lease_owner']).orderBy('repo');
    if (repos?.length) q = q.where('repo', 'in', [...repos]);
    return (await q.execute()).map((r) => ({
      repo: r.repo,
      nextPollAt: r.next_poll_at ?? null,
      failures: Number(r.failures ?? 0),
      leaseOwner: r.lease_owner ?? null,
    }));
  }
}
