// Issue 22, point 2: PostgreSQL connections terminated (pg_terminate_backend, again and again) while `serve
// --poll-every` delivers. The process stays up, every outbox row is sent once: a mark that cannot be written
// is retried until the store answers (the destination's queue waits meanwhile), never an unhandled rejection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { startServeProcess, until, type ServeProcess } from './helpers/serve-process.js';
import { PG_ADMIN_URL, postgresLocation } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
const HOOKS = ['801', '802', '803'];

describe('PostgreSQL connections dropped during delivery', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let db: Awaited<ReturnType<typeof postgresLocation>>;
  let observer: pg.Client;
  let serve: ServeProcess | undefined;
  let outageEnd: NodeJS.Timeout | undefined;

  beforeEach(async () => {
    [gh, discord] = await Promise.all([new FakeGitHub().start(), new FakeDiscord().start()]);
    discord.limit = 1_000_000; // no rate limit: the store is what fails here
    db = await postgresLocation();
    // The test's own connection, spared by the terminations (they pick serve's by application name).
    observer = new pg.Client({ connectionString: db.location.databaseUrl, application_name: 'rr-observer' });
    await observer.connect();
  });
  afterEach(async () => {
    clearTimeout(outageEnd);
    if (serve && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await observer.end();
    await db.drop();
    await Promise.all([gh.close(), discord.close()]);
  });

  it('serve stays up and sends every message once', async () => {
    gh.publish(PT, { tag_name: 'v2.9.0', body: bigTorchNotes('2.9.0', 40) });
    const dir = mkdtempSync(join(tmpdir(), 'rr-store-drop-'));
    const env: Record<string, string> = {};
    const lines = [`repos: [${PT}]`, 'destinations:'];
    for (const id of HOOKS) {
      env[`HOOK_${id}`] = discord.addWebhook(id);
      lines.push(`  - { name: d${id}, type: discord, webhook_url: "\${HOOK_${id}}" }`);
    }
    lines.push('subscriptions:', ...HOOKS.map((id) => `  - { destination: d${id} }`));
    writeFileSync(join(dir, 'release-radar.yaml'), lines.join('\n'));

    const database = new URL(db.location.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    let terminated = 0;
    let outages = 0;
    const setConnections = (allow: boolean) =>
      admin.query(`alter database ${database} with allow_connections ${allow}`);
    // Every tenth message: serve's connections to its database are terminated and new ones refused for a moment,
    // just after the message was accepted and before its answer: its row must still be marked sent.
    discord.beforeAnswer = async () => {
      if (stopFaults || discord.messages.length % 10 !== 0) return;
      outages++;
      await setConnections(false);
      const r = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name <> 'rr-observer' and pid <> pg_backend_pid()`,
        [database],
      );
      terminated += r.rowCount ?? 0;
      outageEnd = setTimeout(() => void setConnections(true).catch(() => {}), 150);
    };
    let stopFaults = false;
    try {
      serve = await startServeProcess(['--config', join(dir, 'release-radar.yaml'), '--poll-every', '2s'], {
        ...env,
        GITHUB_API_URL: gh.url,
        DISCORD_API_URL: discord.apiUrl,
        DATABASE_URL: db.location.databaseUrl,
        LOG_LEVEL: 'warn',
      });
      const rows = async () =>
        (
          await observer
            .query<{ destination: string; status: string; n: string }>(
              'select destination, status, count(*) as n from deliveries group by destination, status',
            )
            .catch(() => ({ rows: [] }))
        ).rows;
      // Outages go on until most of the messages are out; then the store is left alone to finish.
      await until(
        'most messages delivered through outages',
        () => outages >= 5 && discord.messages.length >= 100, // 3 webhooks of 50 messages (max_parts)
        60_000,
      );
      stopFaults = true;
      await setConnections(true);
      await until(
        'every outbox row sent',
        async () => {
          const r = await rows();
          return r.length > 0 && r.every((x) => x.status === 'sent');
        },
        60_000,
      );
      const planned = Object.fromEntries((await rows()).map((r) => [r.destination, Number(r.n)]));
      expect(Object.keys(planned).sort()).toEqual(HOOKS.map((id) => `d${id}`));
      expect(terminated).toBeGreaterThanOrEqual(5); // connections were cut while messages were going out
      // Each row's message exactly once per destination: as many messages as rows, none twice.
      for (const id of HOOKS) {
        const mine = discord.messages.filter((m) => m.webhook === id);
        expect(mine.length, `webhook ${id}`).toBe(planned[`d${id}`]);
        expect(new Set(mine.map((m) => JSON.stringify([m.content, m.embeds]))).size).toBe(mine.length);
      }
      expect(serve.child.exitCode).toBeNull();
      expect(serve.err()).not.toMatch(/Unhandled|uncaught error/i);
      expect((await serve.health()).ok).toBe(true);
    } finally {
      await admin.end();
    }
  }, 240_000);
});
