/**
 * The outbox: one row per (event, destination, part), written in the same transaction as its event and
 * marked as each message is sent, so that every message goes out once.
 */
import type { Kysely, Transaction } from 'kysely';
import { kysely } from './kysely.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import type { DialectName } from './connect.js';
import type { Database, DeliveryTable } from './tables.js';

const { sql } = kysely;

/** How long a claim holds without being renewed (a sender renews while it works). */
export const DEFAULT_LEASE_MS = 120_000;

export interface DeliveryRow {
  eventId: string;
  destination: string;
  part: number;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'retired';
  messageId: string | null;
  attempts: number;
  lastError: string | null;
  payload: Record<string, unknown>;
  seq: number;
}

function toDeliveryRow(
  r: Omit<DeliveryTable, 'updated_at' | 'lease_owner' | 'lease_until'> & { seq: number },
): DeliveryRow {
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

/** Adds the rows of planned deliveries as pending; rows already there are left alone. */
export async function insertOutboxRows(
  trx: Transaction<Database>,
  deliveries: readonly PlannedDelivery[],
  now: string,
): Promise<void> {
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
          lease_owner: null,
          lease_until: null,
        })
        .onConflict((oc) => oc.columns(['event_id', 'destination', 'part']).doNothing())
        .execute();
    }
  }
}

type Key = { event_id: string; destination: string; part: number };

export class Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /** Outbox rows with their event's sequence number, for ordering. */
  private rows() {
    return this.db
      .selectFrom('deliveries')
      .innerJoin('events', 'events.id', 'deliveries.event_id')
      .select([
        'deliveries.event_id',
        'deliveries.destination',
        'deliveries.part',
        'deliveries.status',
        'deliveries.message_id',
        'deliveries.attempts',
        'deliveries.last_error',
        'deliveries.payload',
        'events.seq',
      ]);
  }

  /**
   * Claims the rows still to send (pending, or `sending` under an expired lease) of the given destinations
   * for `owner`, and returns every row `owner` holds, in event order, then part order. The claim is one
   * transaction that no other sender can interleave with (FOR UPDATE SKIP LOCKED on PostgreSQL, an
   * immediate transaction on SQLite), so each row goes to one sender; all parts of an event are claimed
   * together (they are written together), so Slack replies find their first part's message id.
   * `takeOver`: owners known to be dead (a crashed process on this host), whose claims are taken at once.
   */
  async claim(
    owner: string,
    destinations: readonly string[],
    now: Date,
    leaseMs = DEFAULT_LEASE_MS,
    takeOver: readonly string[] = [],
  ): Promise<DeliveryRow[]> {
    if (destinations.length) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const take = async (db: Kysely<Database>) => {
        let q = db
          .selectFrom('deliveries')
          .select(['event_id', 'destination', 'part'])
          .where('destination', 'in', [...destinations])
          .where((eb) =>
            eb.or([
              eb('status', '=', 'pending'),
              eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
              ...(takeOver.length
                ? [eb.and([eb('status', '=', 'sending'), eb('lease_owner', 'in', [...takeOver])])]
                : []),
            ]),
          );
        if (this.dialect === 'postgres') q = q.forUpdate().skipLocked();
        const keys: Key[] = (await q.execute()).map((k) => ({ ...k, part: Number(k.part) }));
        for (let i = 0; i < keys.length; i += 200) {
          const chunk = keys.slice(i, i + 200);
          await db
            .updateTable('deliveries')
            .set({ status: 'sending', lease_owner: owner, lease_until: until, updated_at: at })
            .where((eb) =>
              eb(
                eb.refTuple('event_id', 'destination', 'part'),
                'in',
                chunk.map((k) => eb.tuple(k.event_id, k.destination, k.part)),
              ),
            )
            .execute();
        }
      };
      if (this.dialect === 'postgres') await this.db.transaction().execute(take);
      else
        await this.db.connection().execute(async (conn) => {
          // BEGIN IMMEDIATE takes SQLite's write lock at once (waiting busy_timeout), so two senders
          // cannot both read the same pending rows before either marks them.
          await sql`begin immediate`.execute(conn);
          try {
            await take(conn);
            await sql`commit`.execute(conn);
          } catch (e) {
            await sql`rollback`.execute(conn);
            throw e;
          }
        });
    }
    const rows = await this.rows()
      .where('deliveries.status', '=', 'sending')
      .where('deliveries.lease_owner', '=', owner)
      .orderBy('events.seq')
      .orderBy('deliveries.part')
      .execute();
    return rows.map(toDeliveryRow);
  }

  /** Owners of unexpired claims (so that a sender can recognise those of crashed processes on its own host). */
  async leaseOwners(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select('lease_owner')
      .distinct()
      .where('status', '=', 'sending')
      .execute();
    return rows.map((r) => r.lease_owner).filter((o): o is string => !!o);
  }

  /** Extends `owner`'s claims (a sender that is still working keeps its rows). */
  async renew(owner: string, now: Date, leaseMs = DEFAULT_LEASE_MS): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
      .where('status', '=', 'sending')
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Gives back what `owner` claimed and did not send (a stopped queue): pending again, for the next run. */
  async release(owner: string, now: string): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', lease_owner: null, lease_until: null, updated_at: now })
      .where('status', '=', 'sending')
      .where('lease_owner', '=', owner)
      .execute();
  }

  /**
   * Retires the unsent rows of destinations that no longer exist (not in `known`): they can never be sent.
   * Returns the number retired per destination.
   */
  async retireUnknown(known: readonly string[], now: string): Promise<Map<string, number>> {
    let q = this.db
      .selectFrom('deliveries')
      .select(['destination', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('status', 'in', ['pending', 'failed'])
      .groupBy('destination');
    if (known.length) q = q.where('destination', 'not in', [...known]);
    const gone = new Map((await q.execute()).map((r) => [r.destination, Number(r.n)]));
    for (const destination of gone.keys()) {
      await this.db
        .updateTable('deliveries')
        .set({
          status: 'retired',
          last_error: `destination "${destination}" is no longer in the config`,
          updated_at: now,
        })
        .where('destination', '=', destination)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
    }
    return gone;
  }

  async list(filter: { destination?: string; eventId?: string } = {}): Promise<DeliveryRow[]> {
    let q = this.rows().orderBy('events.seq').orderBy('deliveries.destination').orderBy('deliveries.part');
    if (filter.destination) q = q.where('deliveries.destination', '=', filter.destination);
    if (filter.eventId) q = q.where('deliveries.event_id', '=', filter.eventId);
    return (await q.execute()).map(toDeliveryRow);
  }

  /** Per destination, its messages that failed and wait for `poll --retry-failed` (none: an empty map). */
  async failedCounts(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select(['destination', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
      .where('status', '=', 'failed')
      .groupBy('destination')
      .orderBy('destination')
      .execute();
    return new Map(rows.map((r) => [r.destination, Number(r.n)]));
  }

  /**
   * Failed deliveries (a broken destination, a refused message) back to pending, for `poll --retry-failed`.
   * Returns the (event, destination) pairs set back, so that their messages can be rendered again.
   */
  async retryFailed(now: string): Promise<{ eventId: string; destination: string }[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select(['event_id', 'destination'])
      .distinct()
      .where('status', '=', 'failed')
      .execute();
    await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', updated_at: now })
      .where('status', '=', 'failed')
      .execute();
    return rows.map((r) => ({ eventId: r.event_id, destination: r.destination }));
  }

  /**
   * Replaces the messages of one (event, destination) with a fresh rendering, when none of its parts has
   * been sent (a partly sent message keeps its parts, so that the parts still fit together). Returns
   * whether it replaced them.
   */
  async rerender(d: PlannedDelivery, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('deliveries')
        .select('status')
        .where('event_id', '=', d.eventId)
        .where('destination', '=', d.destination)
        .execute();
      if (!rows.length || rows.some((r) => r.status !== 'pending')) return false;
      await trx
        .deleteFrom('deliveries')
        .where('event_id', '=', d.eventId)
        .where('destination', '=', d.destination)
        .execute();
      await insertOutboxRows(trx, [d], now);
      return true;
    });
  }

  /** Records the outcome of one send; `sent` rows are never sent again. */
  async mark(
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
        lease_owner: null,
        lease_until: null,
        updated_at: now,
      }))
      .where('event_id', '=', key.eventId)
      .where('destination', '=', key.destination)
      .where('part', '=', key.part)
      .where('status', '!=', 'sent')
      .execute();
  }
}
