/** The store: everything release-radar remembers, behind methods the runners use. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChangeEvent } from '../diff/events.js';
import type { KnownRelease, ReleaseRecord, RepoPlan, RevisionRecord } from '../diff/plan.js';
import type { PlannedDelivery } from '../deliver/plan-deliveries.js';
import type { Item } from '../model.js';
import { openDatabase, type DialectName, type StoreLocation } from './connect.js';
import type { Database, DeliveryTable, DigestTable } from './tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Advisory lock key for writers of events (an arbitrary constant: "rr" + "ev"). */
const EVENT_WRITER_LOCK = 0x72726576;

export interface RepoState {
  repo: string;
  etag: string | null;
  lastPolledAt: string | null;
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

export interface DeliveryRow {
  eventId: string;
  destination: string;
  part: number;
  status: 'pending' | 'sent' | 'failed';
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  payload: Record<string, unknown>;
  seq: number;
}

function toDeliveryRow(r: Omit<DeliveryTable, 'updated_at'> & { seq: number }): DeliveryRow {
  return {
    eventId: r.event_id,
    destination: r.destination,
    part: Number(r.part),
    status: r.status as DeliveryRow['status'],
    messageId: r.message_id,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    payload: JSON.parse(r.payload ?? '{}') as Record<string, unknown>,
    seq: Number(r.seq),
  };
}

export interface StoredEvent {
  seq: number;
  event: ChangeEvent;
}

export class Store {
  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
  ) {}

  static async open(loc: StoreLocation): Promise<Store> {
    const { db, dialect } = await openDatabase(loc);
    return new Store(db, dialect);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async repoState(repo: string): Promise<RepoState | null> {
    const row = await this.db.selectFrom('repos').selectAll().where('repo', '=', repo).executeTakeFirst();
    return row ? { repo: row.repo, etag: row.etag, lastPolledAt: row.last_polled_at } : null;
  }

  async knownReleases(repo: string): Promise<KnownRelease[]> {
    const rows = await this.db
      .selectFrom('releases')
      .innerJoin('revisions', (j) =>
        j.onRef('revisions.release_key', '=', 'releases.key').onRef('revisions.body_hash', '=', 'releases.body_hash'),
      )
      .select(['releases.key', 'releases.github_id', 'releases.tag', 'releases.body_hash', 'releases.deleted_at', 'revisions.items'])
      .where('releases.repo', '=', repo)
      .execute();
    return rows.map((r) => ({
      key: r.key,
      githubId: r.github_id,
      tag: r.tag,
      bodyHash: r.body_hash,
      items: JSON.parse(r.items) as Item[],
      deleted: r.deleted_at !== null,
    }));
  }

  /** A quiet poll: only the ETag and the time move. */
  async touchRepo(repo: string, etag: string | null, now: string): Promise<void> {
    await upsertRepo(this.db, repo, etag, now);
  }

  /**
   * Writes one repo's poll atomically, with the outbox rows of its events: a crash leaves the store as
   * it was before this repo's step, and no event is ever stored without its deliveries.
   */
  async applyRepoPlan(repo: string, plan: RepoPlan, etag: string | null, now: string, deliveries: readonly PlannedDelivery[] = []): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Event sequence numbers are max+1: writers that add events take turns (serve and poll, or two
      // polls, may share one PostgreSQL). SQLite already serializes writers on its file lock.
      if (this.dialect === 'postgres' && plan.events.length) await sql`select pg_advisory_xact_lock(${EVENT_WRITER_LOCK})`.execute(trx);
      await insertReleases(trx, plan.releases, plan.revisions, now);
      if (plan.deleted.length) {
        await trx.updateTable('releases').set({ deleted_at: now }).where('key', 'in', plan.deleted).execute();
      }
      if (plan.events.length) {
        const max = await trx.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
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
      for (const d of deliveries) {
        for (const [part, payload] of d.payloads.entries()) {
          await trx
            .insertInto('deliveries')
            .values({
              event_id: d.eventId,
              destination: d.destination,
              part,
              status: 'pending',
              message_id: null,
              attempts: 0,
              last_error: null,
              payload: JSON.stringify(payload),
              updated_at: now,
            })
            .onConflict((oc) => oc.columns(['event_id', 'destination', 'part']).doNothing())
            .execute();
        }
      }
      await upsertRepo(trx, repo, etag, now);
    });
  }

  /** Outbox rows with their event's sequence number, for ordering. */
  private deliveryRows() {
    return this.db
      .selectFrom('deliveries')
      .innerJoin('events', 'events.id', 'deliveries.event_id')
      .select(['deliveries.event_id', 'deliveries.destination', 'deliveries.part', 'deliveries.status', 'deliveries.message_id', 'deliveries.attempts', 'deliveries.last_error', 'deliveries.payload', 'events.seq']);
  }

  /** Outbox rows still to send, in event order, then part order. */
  async pendingDeliveries(): Promise<DeliveryRow[]> {
    const rows = await this.deliveryRows()
      .where('deliveries.status', '=', 'pending')
      .orderBy('events.seq')
      .orderBy('deliveries.part')
      .execute();
    return rows.map(toDeliveryRow);
  }

  async deliveries(filter: { destination?: string; eventId?: string } = {}): Promise<DeliveryRow[]> {
    let q = this.deliveryRows()
      .orderBy('events.seq')
      .orderBy('deliveries.destination')
      .orderBy('deliveries.part');
    if (filter.destination) q = q.where('deliveries.destination', '=', filter.destination);
    if (filter.eventId) q = q.where('deliveries.event_id', '=', filter.eventId);
    return (await q.execute()).map(toDeliveryRow);
  }

  /** Failed deliveries (a broken destination, a refused message) back to pending, for `poll --retry-failed`. */
  async retryFailedDeliveries(now: string): Promise<number> {
    const r = await this.db.updateTable('deliveries').set({ status: 'pending', updated_at: now }).where('status', '=', 'failed').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Records the outcome of one send; `sent` rows are never sent again. */
  async markDelivery(
    key: { eventId: string; destination: string; part: number },
    outcome: { status: 'sent' | 'pending' | 'failed'; messageId?: string | null; error?: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        status: outcome.status,
        message_id: outcome.messageId ?? null,
        last_error: outcome.error ?? null,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('event_id', '=', key.eventId)
      .where('destination', '=', key.destination)
      .where('part', '=', key.part)
      .where('status', '!=', 'sent')
      .execute();
  }

  /** Events in the order they were recorded, optionally after `afterSeq` or since an ISO time. */
  async events(filter: { afterSeq?: number; since?: string; until?: string; repos?: string[] } = {}): Promise<StoredEvent[]> {
    let q = this.db.selectFrom('events').select(['seq', 'payload']).orderBy('seq');
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    if (filter.since) q = q.where('created_at', '>=', filter.since);
    if (filter.until) q = q.where('created_at', '<', filter.until);
    if (filter.repos?.length) q = q.where('repo', 'in', filter.repos);
    const rows = await q.execute();
    return rows.map((r) => ({ seq: Number(r.seq), event: JSON.parse(r.payload) as ChangeEvent }));
  }

  async countEvents(): Promise<number> {
    const r = await this.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
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

  /** Chat-made subscriptions, optionally of one destination. */
  async subscriptions(destination?: string): Promise<ChatSubscription[]> {
    let q = this.db.selectFrom('subscriptions').selectAll().orderBy('created_at').orderBy('id');
    if (destination) q = q.where('destination', '=', destination);
    return (await q.execute()).map((r) => ({
      id: r.id,
      destination: r.destination,
      repos: JSON.parse(r.repos) as string[],
      categories: JSON.parse(r.categories) as string[],
      events: JSON.parse(r.events) as string[],
      prereleases: r.prereleases === 1,
      breakingOnly: r.breaking_only === 1,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  async saveSubscription(s: ChatSubscription): Promise<void> {
    const row = {
      source: 'chat',
      destination: s.destination,
      repos: JSON.stringify(s.repos),
      categories: JSON.stringify(s.categories),
      events: JSON.stringify(s.events),
      prereleases: s.prereleases ? 1 : 0,
      breaking_only: s.breakingOnly ? 1 : 0,
      created_by: s.createdBy,
    };
    await this.db
      .insertInto('subscriptions')
      .values({ id: s.id, ...row, created_at: s.createdAt })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async deleteSubscription(id: string): Promise<void> {
    await this.db.deleteFrom('subscriptions').where('id', '=', id).execute();
  }

  /** The last successful send of a digest to a recipient list, if any. */
  async lastDigestSent(digest: string, recipients: string): Promise<DigestRecord | null> {
    const r = await this.db
      .selectFrom('digests')
      .selectAll()
      .where('digest', '=', digest)
      .where('recipients', '=', recipients)
      .where('status', '=', 'sent')
      .orderBy('last_seq', 'desc')
      .orderBy('window_end', 'desc')
      .executeTakeFirst();
    return r ? toDigestRecord(r) : null;
  }

  async digestRecords(digest?: string): Promise<DigestRecord[]> {
    let q = this.db.selectFrom('digests').selectAll().orderBy('window_end');
    if (digest) q = q.where('digest', '=', digest);
    return (await q.execute()).map(toDigestRecord);
  }

  async recordDigest(r: DigestRecord): Promise<void> {
    const row = {
      window_start: r.windowStart,
      status: r.status,
      attempts: r.attempts,
      last_error: r.lastError,
      sent_at: r.sentAt,
      last_seq: r.lastSeq,
    };
    await this.db
      .insertInto('digests')
      .values({ digest: r.digest, window_end: r.windowEnd, recipients: r.recipients, ...row })
      .onConflict((oc) => oc.columns(['digest', 'window_end', 'recipients']).doUpdateSet(row))
      .execute();
  }

  /** Records a release fetched outside a poll (a chat query): no event, no repo poll state. */
  async recordRelease(rec: ReleaseRecord, items: Item[], body: string, now: string): Promise<void> {
    await this.db.transaction().execute((trx) => insertReleases(trx, [rec], [{ releaseKey: rec.key, bodyHash: rec.bodyHash, body, items }], now));
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
    return r ? (JSON.parse(r.items) as Item[]) : null;
  }
}

export interface DigestRecord {
  digest: string;
  recipients: string;
  windowStart: string;
  windowEnd: string;
  status: 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  /** The last event the window covered. */
  lastSeq: number;
}

function toDigestRecord(r: DigestTable): DigestRecord {
  return {
    digest: r.digest,
    recipients: r.recipients,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    status: r.status as DigestRecord['status'],
    attempts: Number(r.attempts),
    lastError: r.last_error,
    sentAt: r.sent_at,
    lastSeq: Number(r.last_seq),
  };
}

export interface ChatSubscription {
  id: string;
  /** `slack:<channel id>` or `discord:<channel id>`. */
  destination: string;
  /** Empty: every repo. */
  repos: string[];
  /** Empty: every category. */
  categories: string[];
  events: string[];
  prereleases: boolean;
  breakingOnly: boolean;
  createdBy: string | null;
  createdAt: string;
}

async function insertReleases(db: Db, releases: readonly ReleaseRecord[], revisions: readonly RevisionRecord[], now: string): Promise<void> {
  for (const r of releases) {
    const row = {
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
    };
    await db
      .insertInto('releases')
      .values({ ...row, first_seen_at: now, deleted_at: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ ...row, deleted_at: null }))
      .execute();
  }
  for (const v of revisions) {
    await db
      .insertInto('revisions')
      .values({ release_key: v.releaseKey, body_hash: v.bodyHash, body: v.body, items: JSON.stringify(v.items), seen_at: now })
      .onConflict((oc) => oc.columns(['release_key', 'body_hash']).doNothing())
      .execute();
  }
}

async function upsertRepo(db: Db, repo: string, etag: string | null, now: string): Promise<void> {
  await db
    .insertInto('repos')
    .values({ repo, etag, last_polled_at: now })
    .onConflict((oc) => oc.column('repo').doUpdateSet({ etag, last_polled_at: now }))
    .execute();
}
