/**
 * The store: everything release-radar remembers. Releases, revisions and events are here; the outbox,
 * chat subscriptions and digests are table groups of their own (`store.outbox`, …).
 */
import type { Kysely } from 'kysely';
import type { ChangeEvent } from '../diff/events.js';
import type { RepoPlan } from '../diff/plan.js';
import type { KnownRelease, ReleaseRecord, RevisionRecord } from '../domain/records.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import type { Item } from '../../parsers/model.js';
import { openDatabase, type DialectName, type OpenOptions } from './connect.js';
import type { StoreLocation } from './location.js';
import { ChatSubscriptions } from './chat-subscriptions.js';
import { Digests } from './digests.js';
import { packItems, unpackItems, withRuleTexts } from './items-codec.js';
import { insertOutboxRows, Outbox } from './outbox.js';
import { RepoSchedule } from './repo-schedule.js';
import { ruleTexts, saveRules } from './rules.js';
import type { Database, Db, RepoTable } from './tables.js';
import { kysely } from './kysely.js';

const { sql } = kysely;

/** Advisory lock key for writers of events (an arbitrary constant: "rr" + "ev"). */
const EVENT_WRITER_LOCK = 0x72726576;

export interface RepoState {
  repo: string;
  etag: string | null;
  lastPolledAt: string | null;
  /** When the whole release history was last listed (null: not since this was recorded). */
  lastFullListingAt: string | null;
  /** The quiet check's fingerprint of the newest releases when last listed (null: none yet). */
  quietFingerprint: string | null;
}

function toRepoState(row: RepoTable): RepoState {
  return {
    repo: row.repo,
    etag: row.etag,
    lastPolledAt: row.last_polled_at,
    lastFullListingAt: row.last_full_listing_at ?? null,
    quietFingerprint: row.quiet_fingerprint ?? null,
  };
}

export interface StoredRelease {
  key: string;
  repo: string;
  githubId: string;
  tag: string;
  name: string | null;
  prerelease: boolean;
  publishedAt: string | null;
  createdAt: string | null;
  url: string | null;
  bodyHash: string;
  deleted: boolean;
  /** When the store first recorded it (stands in for a missing publication date). */
  firstSeenAt?: string;
}

export interface StoredEvent {
  seq: number;
  event: ChangeEvent;
}

export class Store {
  readonly outbox: Outbox;
  readonly chatSubscriptions: ChatSubscriptions;
  readonly digests: Digests;
  readonly schedule: RepoSchedule;

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
  ) {
    this.outbox = new Outbox(db, dialect);
    this.chatSubscriptions = new ChatSubscriptions(db);
    this.digests = new Digests(db);
    this.schedule = new RepoSchedule(db, dialect);
  }

  static async open(loc: StoreLocation, opts: OpenOptions = {}): Promise<Store> {
    const { db, dialect } = await openDatabase(loc, opts);
    return new Store(db, dialect);
  }

  /** True when the store answers a trivial query within `timeoutMs` (for /healthz). */
  async ping(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([
        sql`select 1`.execute(this.db).then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** A repo's poll state; null until its first poll (a row the scheduler made is not a poll). */
  async repoState(repo: string): Promise<RepoState | null> {
    const row = await this.db.selectFrom('repos').selectAll().where('repo', '=', repo).executeTakeFirst();
    return row && row.last_polled_at !== null ? toRepoState(row) : null;
  }

  /** The poll states of many repos at once (those polled before). */
  async repoStates(repos: readonly string[]): Promise<Map<string, RepoState>> {
    const out = new Map<string, RepoState>();
    for (let i = 0; i < repos.length; i += 500) {
      const rows = await this.db
        .selectFrom('repos')
        .selectAll()
        .where('repo', 'in', repos.slice(i, i + 500))
        .where('last_polled_at', 'is not', null)
        .execute();
      for (const row of rows) out.set(row.repo, toRepoState(row));
    }
    return out;
  }

  /** Repos the quiet check found unchanged: only the time moves, in one statement per 500. */
  async touchRepos(repos: readonly string[], now: string): Promise<void> {
    for (let i = 0; i < repos.length; i += 500)
      await this.db
        .updateTable('repos')
        .set({ last_polled_at: now })
        .where('repo', 'in', repos.slice(i, i + 500))
        .execute();
  }

  /** What a poll plans from: ids, tags and body hashes only (items are loaded by `itemsOf` when needed). */
  async knownReleases(repo: string): Promise<KnownRelease[]> {
    const rows = await this.db
      .selectFrom('releases')
      .select(['key', 'github_id', 'tag', 'body_hash', 'deleted_at', 'created_at', 'published_at'])
      .where('repo', '=', repo)
      .execute();
    return rows.map((r) => ({
      key: r.key,
      githubId: r.github_id,
      tag: r.tag,
      bodyHash: r.body_hash,
      deleted: r.deleted_at !== null,
      createdAt: r.created_at ?? r.published_at,
    }));
  }

  /** The items of the current revision of each release named. */
  async itemsOf(keys: readonly string[]): Promise<Map<string, Item[]>> {
    const out = new Map<string, Item[]>();
    if (!keys.length) return out;
    const rows = await this.db
      .selectFrom('releases')
      .innerJoin('revisions', (j) =>
        j.onRef('revisions.release_key', '=', 'releases.key').onRef('revisions.body_hash', '=', 'releases.body_hash'),
      )
      .select(['releases.key', 'revisions.items'])
      .where('releases.key', 'in', [...keys])
      .execute();
    const items = await this.unpack(rows.map((r) => r.items));
    rows.forEach((r, i) => out.set(r.key, items[i]!));
    return out;
  }

  /** Stored items as the classifier made them: rule ids in their evidence back to the rules' text. */
  private async unpack(stored: readonly string[]): Promise<Item[][]> {
    const unpacked = stored.map(unpackItems);
    const texts = await ruleTexts(this.db, new Set(unpacked.flatMap((u) => [...u.ruleIds])));
    return unpacked.map((u) => withRuleTexts(u, texts));
  }

  /** A quiet poll: only the ETag and the time move. */
  async touchRepo(repo: string, etag: string | null, now: string, fingerprint?: string): Promise<void> {
    await upsertRepo(this.db, repo, etag, now, false, fingerprint);
  }

  /**
   * Writes one repo's poll atomically, with the outbox rows of its events: a crash leaves the store as
   * it was before this repo's step, and no event is ever stored without its deliveries.
   */
  async applyRepoPlan(
    repo: string,
    plan: RepoPlan,
    etag: string | null,
    now: string,
    deliveries: readonly PlannedDelivery[] = [],
    /** The listing was the whole history: recorded, so the next full one is due a period from now. */
    fullListing = false,
    /** The quiet check's fingerprint read before this listing (kept for the next check). */
    fingerprint?: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Event sequence numbers are max+1: writers that add events take turns (serve and poll, or two
      // polls, may share one PostgreSQL). SQLite already serializes writers on its file lock.
      if (this.dialect === 'postgres' && plan.events.length)
        await sql`select pg_advisory_xact_lock(${EVENT_WRITER_LOCK})`.execute(trx);
      await insertReleases(trx, plan.releases, plan.revisions, now);
      if (plan.deleted.length) {
        await trx.updateTable('releases').set({ deleted_at: now }).where('key', 'in', plan.deleted).execute();
      }
      if (plan.events.length) {
        const max = await trx
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst();
        let seq = Number(max?.m ?? 0);
        for (const e of plan.events) {
          await trx
            .insertInto('events')
            .values({
              id: e.id,
              seq: ++seq,
              repo: e.repo,
              release_key: e.releaseKey,
              type: e.type,
              tag: e.tag,
              payload: JSON.stringify(e),
              created_at: e.createdAt,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        }
      }
      await insertOutboxRows(trx, deliveries, now);
      await upsertRepo(trx, repo, etag, now, fullListing, fingerprint);
    });
  }

  /** Events in the order they were recorded, optionally after `afterSeq` or since an ISO time. */
  async events(
    filter: { afterSeq?: number; since?: string; until?: string; repos?: string[] } = {},
  ): Promise<StoredEvent[]> {
    let q = this.db.selectFrom('events').select(['seq', 'payload']).orderBy('seq');
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    if (filter.since) q = q.where('created_at', '>=', filter.since);
    if (filter.until) q = q.where('created_at', '<', filter.until);
    if (filter.repos?.length) q = q.where('repo', 'in', filter.repos);
    const rows = await q.execute();
    return rows.map((r) => ({ seq: Number(r.seq), event: JSON.parse(r.payload) as ChangeEvent }));
  }

  /** Events by id (those that exist). */
  async eventsById(ids: readonly string[]): Promise<ChangeEvent[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('events')
      .select('payload')
      .where('id', 'in', [...ids])
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.payload) as ChangeEvent);
  }

  async countEvents(): Promise<number> {
    const r = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async releases(repo: string): Promise<StoredRelease[]> {
    const rows = await this.db.selectFrom('releases').selectAll().where('repo', '=', repo).execute();
    return rows.map((r) => ({
      key: r.key,
      repo: r.repo,
      githubId: r.github_id,
      tag: r.tag,
      name: r.name,
      prerelease: r.prerelease === 1,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      url: r.html_url,
      bodyHash: r.body_hash,
      deleted: r.deleted_at !== null,
      firstSeenAt: r.first_seen_at,
    }));
  }

  async revisionCount(releaseKey: string): Promise<number> {
    const r = await this.db
      .selectFrom('revisions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('release_key', '=', releaseKey)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Records a release fetched outside a poll (a chat query): no event, no repo poll state. */
  async recordRelease(rec: ReleaseRecord, items: Item[], body: string, now: string): Promise<void> {
    await this.db
      .transaction()
      .execute((trx) =>
        insertReleases(trx, [rec], [{ releaseKey: rec.key, bodyHash: rec.bodyHash, body, items }], now),
      );
  }

  /** Per release of the repo whose notes changed after they were first seen: when the last new body was seen. */
  async lastEdits(repo: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('revisions')
      .innerJoin('releases', 'releases.key', 'revisions.release_key')
      .select((eb) => ['revisions.release_key', eb.fn.max('revisions.seen_at').as('last'), eb.fn.countAll().as('n')])
      .where('releases.repo', '=', repo)
      .groupBy('revisions.release_key')
      .execute();
    return new Map(rows.filter((r) => Number(r.n) > 1).map((r) => [r.release_key, String(r.last)]));
  }

  async releaseItems(releaseKey: string, bodyHash: string): Promise<Item[] | null> {
    const r = await this.db
      .selectFrom('revisions')
      .select('items')
      .where('release_key', '=', releaseKey)
      .where('body_hash', '=', bodyHash)
      .executeTakeFirst();
    return r ? (await this.unpack([r.items]))[0]! : null;
  }
}

/** Rows per INSERT: one statement a batch instead of a round trip a row, within both databases' parameter limits. */
const INSERT_BATCH = 200;

async function insertReleases(
  db: Db,
  releases: readonly ReleaseRecord[],
  revisions: readonly RevisionRecord[],
  now: string,
): Promise<void> {
  // One row per key (the last wins): an upsert statement may not touch a row twice.
  const rows = [
    ...new Map(
      releases.map((r) => [
        r.key,
        {
          key: r.key,
          repo: r.repo,
          github_id: r.githubId,
          tag: r.tag,
          name: r.name,
          prerelease: r.prerelease ? 1 : 0,
          created_at: r.createdAt,
          published_at: r.publishedAt,
          html_url: r.url,
          body_hash: r.bodyHash,
          first_seen_at: now,
          deleted_at: null,
        },
      ]),
    ).values(),
  ];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await db
      .insertInto('releases')
      .values(rows.slice(i, i + INSERT_BATCH))
      .onConflict((oc) =>
        // Everything but first_seen_at takes the new value; a release seen again is no longer deleted.
        oc.column('key').doUpdateSet((eb) => ({
          repo: eb.ref('excluded.repo'),
          github_id: eb.ref('excluded.github_id'),
          tag: eb.ref('excluded.tag'),
          name: eb.ref('excluded.name'),
          prerelease: eb.ref('excluded.prerelease'),
          created_at: eb.ref('excluded.created_at'),
          published_at: eb.ref('excluded.published_at'),
          html_url: eb.ref('excluded.html_url'),
          body_hash: eb.ref('excluded.body_hash'),
          deleted_at: null,
        })),
      )
      .execute();
  }
  const rules = new Map<string, string>();
  const revisionRows = revisions.map((v) => {
    const { packed, rules: used } = packItems(v.items);
    for (const [id, rule] of used) rules.set(id, rule);
    return { release_key: v.releaseKey, body_hash: v.bodyHash, body: v.body, items: packed, seen_at: now };
  });
  for (let i = 0; i < revisionRows.length; i += INSERT_BATCH) {
    await db
      .insertInto('revisions')
      .values(revisionRows.slice(i, i + INSERT_BATCH))
      .onConflict((oc) => oc.columns(['release_key', 'body_hash']).doNothing())
      .execute();
  }
  // In the same transaction as the revisions whose evidence names them.
  if (rules.size) await saveRules(db, rules);
}

async function upsertRepo(
  db: Db,
  repo: string,
  etag: string | null,
  now: string,
  full: boolean,
  fingerprint?: string,
): Promise<void> {
  const set = {
    etag,
    last_polled_at: now,
    ...(full ? { last_full_listing_at: now } : {}),
    ...(fingerprint !== undefined ? { quiet_fingerprint: fingerprint } : {}),
  };
  await db
    .insertInto('repos')
    .values({ repo, ...set })
    .onConflict((oc) => oc.column('repo').doUpdateSet(set))
    .execute();
}
