/** The digests sent (or failed), one row per digest, window and recipient list. */
import type { Kysely } from 'kysely';
import type { Database, DigestTable } from './tables.js';

export class Digests {
  constructor(private readonly db: Kysely<Database>) {}

  /** The last successful send of a digest to a recipient list, if any. */
  async lastSent(digest: string, recipients: string): Promise<DigestRecord | null> {
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

  async list(digest?: string): Promise<DigestRecord[]> {
    let q = this.db.selectFrom('digests').selectAll().orderBy('window_end');
    if (digest) q = q.where('digest', '=', digest);
    return (await q.execute()).map(toDigestRecord);
  }

  async record(r: DigestRecord): Promise<void> {
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
