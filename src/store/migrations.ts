/** Schema migrations, run on every start (kysely's Migrator records which ones ran). */
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';
import type { Migration, MigrationProvider } from 'kysely/migration';

// Written once for both dialects: only types that SQLite and PostgreSQL share.
function migrations(): Record<string, Migration> {
  return {
    '001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('repos')
          .addColumn('repo', 'text', (c) => c.primaryKey())
          .addColumn('etag', 'text')
          .addColumn('last_polled_at', 'text')
          .execute();
        await db.schema
          .createTable('releases')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('repo', 'text', (c) => c.notNull())
          .addColumn('github_id', 'text', (c) => c.notNull())
          .addColumn('tag', 'text', (c) => c.notNull())
          .addColumn('name', 'text')
          .addColumn('prerelease', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text')
          .addColumn('published_at', 'text')
          .addColumn('html_url', 'text')
          .addColumn('body_hash', 'text', (c) => c.notNull())
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addColumn('deleted_at', 'text')
          .execute();
        await db.schema.createIndex('releases_repo_tag').on('releases').columns(['repo', 'tag']).execute();
        await db.schema
          .createTable('revisions')
          .addColumn('release_key', 'text', (c) => c.notNull())
          .addColumn('body_hash', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('items', 'text', (c) => c.notNull())
          .addColumn('seen_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('revisions_pk', ['release_key', 'body_hash'])
          .execute();
        await db.schema
          .createTable('events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull().unique())
          .addColumn('repo', 'text', (c) => c.notNull())
          .addColumn('release_key', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('tag', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('deliveries')
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('destination', 'text', (c) => c.notNull())
          .addColumn('part', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('message_id', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_error', 'text')
          .addColumn('payload', 'text')
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('deliveries_pk', ['event_id', 'destination', 'part'])
          .execute();
        await db.schema
          .createTable('subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('destination', 'text', (c) => c.notNull())
          .addColumn('repos', 'text', (c) => c.notNull())
          .addColumn('categories', 'text', (c) => c.notNull())
          .addColumn('events', 'text', (c) => c.notNull())
          .addColumn('prereleases', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('breaking_only', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('digests')
          .addColumn('digest', 'text', (c) => c.notNull())
          .addColumn('window_end', 'text', (c) => c.notNull())
          .addColumn('recipients', 'text', (c) => c.notNull())
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_error', 'text')
          .addColumn('sent_at', 'text')
          .addPrimaryKeyConstraint('digests_pk', ['digest', 'window_end', 'recipients'])
          .execute();
      },
    },
    '002_digest_last_seq': {
      async up(db: Kysely<unknown>) {
        // The last event a digest send covered: the next window starts after it.
        await db.schema
          .alterTable('digests')
          .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    '003_delivery_lease': {
      async up(db: Kysely<unknown>) {
        // A row being sent is `sending`, leased to one sender until `lease_until` (a crashed sender's rows
        // are taken over once the lease has expired).
        await db.schema.alterTable('deliveries').addColumn('lease_owner', 'text').execute();
        await db.schema.alterTable('deliveries').addColumn('lease_until', 'text').execute();
        await db.schema.createIndex('deliveries_status').on('deliveries').column('status').execute();
      },
    },
    '004_rules': {
      async up(db: Kysely<unknown>) {
        // Stored evidence names rules by id; their text is kept here once. Revisions written before keep
        // the text inline and read as they are (src/store/items-codec.ts), so nothing is rewritten.
        await db.schema
          .createTable('rules')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('field', 'text', (c) => c.notNull())
          .addColumn('pattern', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '005_subscription_tags': {
      async up(db: Kysely<unknown>) {
        // Tag filters of chat-made subscriptions (`--tags`): JSON lists of globs, none for the existing ones.
        await db.schema
          .alterTable('subscriptions')
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
        await db.schema
          .alterTable('subscriptions')
          .addColumn('exclude_tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
      },
    },
    '006_full_listing_and_chat_changes': {
      async up(db: Kysely<unknown>) {
        // When a repo's whole release history was last listed (edits and deletions past the first page).
        await db.schema.alterTable('repos').addColumn('last_full_listing_at', 'text').execute();
        // Kinds of change a chat subscription posts (JSON array; null: every kind), as config subscriptions have.
        await db.schema.alterTable('subscriptions').addColumn('changes', 'text').execute();
      },
    },
    '007_repo_schedule': {
      async up(db: Kysely<unknown>) {
        // The quiet check's fingerprint of a repo's newest releases (GraphQL): unchanged means no REST listing.
        await db.schema.alterTable('repos').addColumn('quiet_fingerprint', 'text').execute();
        // Per-repo scheduling: when the repo is next due, who holds it (a lease, as the outbox has) and until
        // when, and how many checks in a row failed (backoff).
        await db.schema.alterTable('repos').addColumn('next_poll_at', 'text').execute();
        await db.schema.alterTable('repos').addColumn('lease_owner', 'text').execute();
        await db.schema.alterTable('repos').addColumn('lease_until', 'text').execute();
        await db.schema
          .alterTable('repos')
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('repos_next_poll_at').on('repos').column('next_poll_at').execute();
      },
    },
    '008_chat_subscription_surface': {
      async up(db: Kysely<unknown>) {
        // A chat subscription's surface and channel, stored rather than read back out of its destination name.
        await db.schema.alterTable('subscriptions').addColumn('surface', 'text').execute();
        await db.schema.alterTable('subscriptions').addColumn('channel_id', 'text').execute();
        // Rows made before were named `<surface>:<channel id>`: split once, here.
        const d = db as unknown as Kysely<Database>;
        const rows = await d
          .selectFrom('subscriptions')
          .select(['id', 'destination'])
          .where('source', '=', 'chat')
          .execute();
        for (const r of rows) {
          const colon = r.destination.indexOf(':');
          await d
            .updateTable('subscriptions')
            .set({
              surface: colon < 0 ? r.destination : r.destination.slice(0, colon),
              channel_id: r.destination.slice(colon + 1),
            })
            .where('id', '=', r.id)
            .execute();
        }
      },
    },
    '009_pollers': {
      async up(db: Kysely<unknown>) {
        // Pollers seen lately: GitHub's per-minute limits are per token, so each keeps to its share of them.
        await db.schema
          .createTable('pollers')
          .addColumn('owner', 'text', (c) => c.primaryKey())
          .addColumn('seen_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}

export class CodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations();
  }
}
