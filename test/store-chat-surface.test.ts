// A chat subscription's surface and channel are stored with it; ones made before they were (named
// `<surface>:<channel id>` only) read back with both after the store is upgraded, on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { chatRoutes } from '../src/deliver/chat-routes.js';
import type { StoreLocation } from '../src/store/location.js';
import { Store } from '../src/store/store.js';
import { EMPTY_LOCATIONS, migratedTo } from './helpers/stores.js';

/** A store migrated as far as before 008, with two chat subscriptions written as they were then, closed. */
async function storeBeforeSurfaces(location: StoreLocation): Promise<void> {
  const db = await migratedTo(location, '007_repo_schedule');
  const row = (id: string, destination: string) => ({
    id,
    source: 'chat',
    destination,
    repos: '["ml/trainer"]',
    categories: '[]',
    events: '["published"]',
    prereleases: 0,
    breaking_only: 0,
    tags: '[]',
    exclude_tags: '[]',
    created_by: 'U1',
    created_at: `2026-01-0${id.length}T00:00:00Z`,
  });
  await db
    .insertInto('subscriptions')
    .values([row('s', 'slack:C0OLD'), row('dd', 'discord:1234567')])
    .execute();
  await db.destroy();
}

describe.each(Object.keys(EMPTY_LOCATIONS))('chat subscriptions made before surfaces were stored (%s)', (kind) => {
  it('read back with the surface and channel their destination was named after, and route there', async () => {
    const { location, drop } = await EMPTY_LOCATIONS[kind]!();
    await storeBeforeSurfaces(location);
    const store = await Store.open(location);
    try {
      const subs = await store.chatSubscriptions.list();
      expect(subs.map((s) => [s.destination, s.surface, s.channelId])).toEqual([
        ['slack:C0OLD', 'slack', 'C0OLD'],
        ['discord:1234567', 'discord', '1234567'],
      ]);
      const routes = chatRoutes(subs, { slack: 'xoxb-1', discord: 'bot-1' });
      expect(routes.skipped).toEqual([]);
      expect(routes.destinations).toEqual([
        { name: 'slack:C0OLD', type: 'slack', channel: 'C0OLD', token: 'xoxb-1' },
        { name: 'discord:1234567', type: 'discord-channel', channel_id: '1234567', token: 'bot-1' },
      ]);
      // A new one is stored with its surface as given, whatever its destination is named.
      await store.chatSubscriptions.save({ ...subs[0]!, id: 'n', destination: 'slack:CNEW', channelId: 'CNEW' });
      expect((await store.chatSubscriptions.list('slack:CNEW')).map((s) => [s.surface, s.channelId])).toEqual([
        ['slack', 'CNEW'],
      ]);
    } finally {
      await store.close();
      await drop();
    }
  });
});
