/** Subscriptions made from chat, kept in the store (config subscriptions live in the config file). */
import type { Kysely } from 'kysely';
import type { ChatSubscription } from '../domain/subscription.js';
import type { Database } from './tables.js';

export class ChatSubscriptions {
  constructor(private readonly db: Kysely<Database>) {}

  /** Chat-made subscriptions, optionally of one destination. */
  async list(destination?: string): Promise<ChatSubscription[]> {
    let q = this.db.selectFrom('subscriptions').selectAll().orderBy('created_at').orderBy('id');
    if (destination) q = q.where('destination', '=', destination);
    return (await q.execute()).map((r) => ({
      id: r.id,
      destination: r.destination,
      surface: r.surface ?? '',
      channelId: r.channel_id ?? '',
      repos: JSON.parse(r.repos) as string[],
      categories: JSON.parse(r.categories) as string[],
      events: JSON.parse(r.events) as string[],
      prereleases: r.prereleases === 1,
      breakingOnly: r.breaking_only === 1,
      tags: JSON.parse(r.tags) as string[],
      excludeTags: JSON.parse(r.exclude_tags) as string[],
      ...(r.changes ? { changes: JSON.parse(r.changes) as string[] } : {}),
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  async save(s: ChatSubscription): Promise<void> {
    const row = {
      source: 'chat',
      destination: s.destination,
      surface: s.surface,
      channel_id: s.channelId,
      repos: JSON.stringify(s.repos),
      categories: JSON.stringify(s.categories),
      events: JSON.stringify(s.events),
      prereleases: s.prereleases ? 1 : 0,
      breaking_only: s.breakingOnly ? 1 : 0,
      tags: JSON.stringify(s.tags ?? []),
      exclude_tags: JSON.stringify(s.excludeTags ?? []),
      changes: s.changes?.length ? JSON.stringify(s.changes) : null,
      created_by: s.createdBy,
    };
    await this.db
      .insertInto('subscriptions')
      .values({ id: s.id, ...row, created_at: s.createdAt })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('subscriptions').where('id', '=', id).execute();
  }
}
