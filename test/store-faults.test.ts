// PostgreSQL drops a connection (through a TCP proxy the test cuts): the process lives on, logs it, and the
// pool reconnects. `serve` keeps answering (/healthz says the store is down while it is); `poll` fails the
// repo it was writing with one line and the next run completes it.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/serve/server.js';
import { Store } from '../src/store/store.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { startServe } from './helpers/serve.js';
import { discordKeys } from '../src/fakes/signing.js';
import { PG_ADMIN_URL, postgresLocation } from './helpers/stores.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { until } from './helpers/serve-process.js';

describe('PostgreSQL connection dropped', () => {
  let proxy: TcpProxy;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let gh: FakeGitHub;
  beforeEach(async () => {
    const admin = new URL(PG_ADMIN_URL);
    proxy = await new TcpProxy(admin.hostname, Number(admin.port || 5432)).start();
    const pg = await postgresLocation();
    drop = pg.drop;
    const u = new URL(pg.location.databaseUrl!);
    u.port = String(proxy.port);
    databaseUrl = u.toString();
    gh = await new FakeGitHub().start();
  });
  afterEach(async () => {
    await proxy.stop();
    await gh.close();
    await drop();
  });

  it('serve: logged, /healthz reports the store down while it is, then up again', async () => {
    const lines: string[] = [];
    const store = await Store.open(
      { databaseUrl },
      { logger: pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) }) },
    );
    const discord = await new FakeDiscord().start();
    let server: RunningServer | undefined;
    try {
      server = await startServe(store, { githubUrl: gh.url, discordApiUrl: discord.apiUrl, keys: discordKeys() });
      const health = async () => {
        const r = await fetch(`${server!.url}/healthz`);
        return { status: r.status, body: (await r.json()) as { store_up: boolean } };
      };
      expect(await health()).toMatchObject({ status: 200, body: { store_up: true } });

      proxy.dropConnections(); // the pool's idle connection dies
      await until('the drop logged', () => lines.join('\n').includes('store connection lost'));
      expect(await health()).toMatchObject({ status: 200, body: { store_up: true } }); // reconnected

      await proxy.stop(); // the database is unreachable
      expect(await health()).toMatchObject({ status: 503, body: { store_up: false } });
      await proxy.start();
      expect(await health()).toMatchObject({ status: 200, body: { store_up: true } });
      expect(lines.join('\n')).not.toContain(databaseUrl); // no password, no URL in the log
    } finally {
      await server?.close();
      await store.close();
      await discord.close();
    }
  });

  it('poll: a repo being written fails with one line; the next run completes it', async () => {
    gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    // The database goes away while GitHub is read for the second repo.
    let cut = false;
    gh.onRequest = (request) => {
      if (!cut && new URL(request.url).pathname.includes('/repos/tensorflow/tensorflow/')) {
        cut = true;
        void proxy.stop();
      }
    };
    const env = { GITHUB_API_URL: gh.url, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
    const first = await runCli(['poll', '--repo', 'pytorch/pytorch', '--repo', 'tensorflow/tensorflow'], { env });
    expect(cut).toBe(true);
    expect(first.code).toBe(1);
    // Repos are polled side by side: the one being read when the database went away fails, and maybe the
    // other; each failure is one line naming its repo, and nothing else is printed.
    const errLines = first.err.trim().split('\n');
    expect(errLines.length).toBeLessThanOrEqual(2);
    expect(errLines.some((l) => l.startsWith('release-radar: tensorflow/tensorflow: '))).toBe(true);
    for (const l of errLines) expect(l).toMatch(/^release-radar: (tensorflow\/tensorflow|pytorch\/pytorch): /);
    expect(first.err).not.toContain('BoundPool');

    await proxy.start();
    const second = await runCli(['poll', '--repo', 'pytorch/pytorch', '--repo', 'tensorflow/tensorflow'], { env });
    expect(second.code, second.err).toBe(0);
    const store = await Store.open({ databaseUrl });
    try {
      expect((await store.releases('tensorflow/tensorflow')).map((r) => r.tag)).toEqual(['v2.20.0']);
      expect((await store.releases('pytorch/pytorch')).map((r) => r.tag)).toEqual(['v2.9.0']);
    } finally {
      await store.close();
    }
  });
});
