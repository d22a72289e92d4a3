// Several `poll` processes at once on one store: each outbox row is claimed (leased) before it is sent, so
// every (event, destination, part) reaches its destination exactly once, on SQLite and on PostgreSQL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import type { StoreLocation } from '../src/store/location.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { tfNotes } from '../src/fakes/notes.js';
import { runBin } from './helpers/spawn.js';
import { postgresLocation } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const channels = ['C1', 'C2'];
const hooks = ['301', '302', '303', '304', '305', '306', '307', '308'];

describe('concurrent polls deliver each message once', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let cfgFile: string;

  beforeAll(async () => {
    [gh, slack, discord] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new FakeDiscord().start(),
    ]);
    discord.limit = 1000; // rate limits are not what this test is about
    dir = mkdtempSync(join(tmpdir(), 'rr-concurrent-'));
    for (const c of channels) slack.channels.add(c);
    const hookEnv = Object.fromEntries(hooks.map((h) => [`HOOK_${h}`, discord.addWebhook(h)]));
    cfgFile = join(dir, 'release-radar.yaml');
    writeFileSync(
      cfgFile,
      [
        `repos: [${TF}]`,
        'destinations:',
        ...channels.map((c) => `  - { name: slack-${c}, type: slack, channel: ${c}, token: "\${SLACK_BOT_TOKEN}" }`),
        ...hooks.map((h) => `  - { name: discord-${h}, type: discord, webhook_url: "\${HOOK_${h}}" }`),
        'subscriptions:',
        ...channels.map((c) => `  - { destination: slack-${c} }`),
        ...hooks.map((h) => `  - { destination: discord-${h} }`),
      ].join('\n'),
    );
    env = {
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      LOG_LEVEL: 'silent',
      ...hookEnv,
    };
    for (const v of ['2.18.0', '2.19.0', '2.20.0']) gh.publish(TF, { tag_name: `v${v}`, body: tfNotes(v) });
  });
  afterAll(async () => {
    await Promise.all([gh.close(), slack.close(), discord.close()]);
  });

  const cases: [string, number][] = [];
  for (const kind of ['sqlite', 'postgres']) for (const n of [2, 4, 8]) cases.push([kind, n]);

  it.each(cases)(
    '%s, %i polls at once: 30 outbox rows, 30 messages',
    async (kind, n) => {
      slack.messages.length = 0;
      discord.messages.length = 0;
      let location: StoreLocation;
      let drop = async () => {};
      let runEnv = env;
      const args = ['poll', '--config', cfgFile, '--initial', 'all'];
      if (kind === 'postgres') {
        const pg = await postgresLocation();
        location = pg.location;
        drop = pg.drop;
        runEnv = { ...env, DATABASE_URL: pg.location.databaseUrl };
        // The schema exists before the polls race (as it does in every run after the first).
        await (await Store.open(location)).close();
      } else {
        const db = join(dir, `c${n}.db`);
        location = { sqlitePath: db };
        args.push('--db', db);
        await (await Store.open(location)).close();
      }
      try {
        const runs = await Promise.all(Array.from({ length: n }, () => runBin(args, runEnv)));
        for (const r of runs) expect(r.code, r.err).toBe(0);

        const store = await Store.open(location);
        const rows = await store.outbox.list();
        await store.close();
        expect(rows).toHaveLength(30); // 3 releases x 10 destinations, one part each
        expect(rows.every((r) => r.status === 'sent')).toBe(true);

        // Every message once: keyed by where it went and what it says.
        const received = [
          ...slack.messages.map((m) => `slack-${m.channel}|${m.text}`),
          ...discord.messages.map((m) => `discord-${m.webhook}|${m.content}|${JSON.stringify(m.embeds)}`),
        ];
        const perRow = received.length / rows.length;
        console.log(
          `${kind}, ${n} concurrent polls: ${received.length} messages for ${rows.length} rows (${perRow.toFixed(2)} per row)`,
        );
        expect(new Set(received).size).toBe(received.length);
        expect(received).toHaveLength(30);
      } finally {
        await drop();
      }
    },
    120_000,
  );
});
