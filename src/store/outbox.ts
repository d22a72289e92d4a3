/**
 * The outbox: one row per (event, destination, part), written in the same transaction as its event and
 * marked as each message is sent, so that every message goes out once.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PlannedDelivery } from '../domain/delivery.js';
import type { Database, DeliveryTable } from './tables.js';

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

/** Adds the rows of planned deliveries as pending; rows already there are left alone. */
export async function insertOutboxRows(trx: Transaction<Database>, deliveries: readonly PlannedDelivery[], now: string): Promise<void> {
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
}

export class Outbox {
  constructor(private readonly db: Kysely<Database>) {}

  /** Outbox rows with their event's sequence number, for ordering. */
  private rows() {
    return this.db
      .selectFrom('deliveries')
      .innerJoin('events', 'events.id', 'deliveries.event_id')
      .select(['deliveries.event_id', 'deliveries.destination', 'deliveries.part', 'deliveries.status', 'deliveries.message_id', 'deliveries.attempts', 'deliveries.last_error', 'deliveries.payload', 'events.seq']);
  }

  /** Outbox rows still to send, in event order, then part order. */
  async pending(): Promise<DeliveryRow[]> {
    const rows = await this.rows()
      .where('deliveries.status', '=', 'pending')
      .orderBy('events.seq')
      .orderBy('deliveries.part')
      .execute();
    return rows.map(toDeliveryRow);
  }

  async list(filter: { destination?: string; eventId?: string } = {}): Promise<DeliveryRow[]> {
    let q = this.rows()
      .orderBy('events.seq')
      .orderBy('deliveries.destination')
      .orderBy('deliveries.part');
    if (filter.destination) q = q.where('deliveries.destination', '=', filter.destination);
    if (filter.eventId) q = q.where('deliveries.event_id', '=', filter.eventId);
    return (await q.execute()).map(toDeliveryRow);
  }

  /** Failed deliveries (a broken destination, a refused message) back to pending, for `poll --retry-failed`. */
  async retryFailed(now: string): Promise<number> {
    const r = await this.db.updateTable('deliveries').set({ status: 'pending', updated_at: now }).where('status', '=', 'failed').executeTakeFirst();
    return Number(r.numUpdatedRows);
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
        updated_at: now,
      }))
      .where('event_id', '=', key.eventId)
      .where('destination', '=', key.destination)
      .where('part', '=', key.part)
      .where('status', '!=', 'sent')
      .execute();
  }
}
