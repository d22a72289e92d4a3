// `serve` under attack: oversized bodies, slow and idle sockets, replays, skewed clocks, odd bodies, and the
// JSON lines it writes about each refusal.
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/serve/server.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { startServe } from './helpers/serve.js';
import { until } from './helpers/serve-process.js';
import { discordHeaders, discordKeys, slackHeaders, slashBody, type DiscordKeys } from '../src/fakes/signing.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

/** Sends a raw HTTP request with a chunked body of `size` bytes; resolves with the status line (or 'closed'). */
function rawPost(
  url: string,
  path: string,
  size: number,
  headers: Record<string, string> = {},
): Promise<{ status: string; sent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sock = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sock.destroy();
      resolve({ status: answer.split('\r\n')[0] || 'closed', sent });
    };
    sock.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish();
    });
    sock.on('error', finish);
    sock.on('close', finish);
    sock.on('connect', async () => {
      const h = Object.entries({
        host: hostname,
        'transfer-encoding': 'chunked',
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      sock.write(`POST ${path} HTTP/1.1\r\n${h}\r\n`);
      const chunk = Buffer.alloc(16 * 1024, 'a');
      while (sent < size && !done) {
        const ok = sock.write(`${chunk.length.toString(16)}\r\n`) && sock.write(chunk) && sock.write('\r\n');
        sent += chunk.length;
        if (!ok) await once(sock, 'drain');
      }
      if (!done) sock.write('0\r\n\r\n');
    });
  });
}

describe('serve hardening', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let sink: ResponseUrlSink;
  let ts: TestStore;
  let keys: DiscordKeys;
  let server: RunningServer;
  let logs: Record<string, unknown>[];

  const start = async (limits?: Parameters<typeof startServe>[1]['limits']) => {
    logs = [];
    const logger = pino(
      { level: 'info' },
      { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) },
    );
    server = await startServe(ts.store, {
      githubUrl: gh.url,
      discordApiUrl: discord.apiUrl,
      keys,
      logger,
      ...(limits ? { limits } : {}),
    });
  };
  beforeEach(async () => {
    [gh, discord, sink] = await Promise.all([
      new FakeGitHub().start(),
      new FakeDiscord().start(),
      new ResponseUrlSink().start(),
    ]);
    ts = await sqliteStore();
    keys = discordKeys();
  });
  afterEach(async () => {
    await server.close();
    await ts.cleanup();
    await Promise.all([gh.close(), discord.close(), sink.close()]);
  });

  const refusals = () => logs.filter((l) => l.msg === 'request refused').map((l) => l.refused);

  it('refuses a body over 64 KB with 413 on every route, announced or streamed, before reading it all', async () => {
    await start();
    const big = 'x'.repeat(200 * 1024);
    for (const path of ['/slack/events', '/discord/interactions', '/healthz', '/nowhere']) {
      const r = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(r.status, path).toBe(413);
    }
    // Chunked, no Content-Length: counted while streaming; the server stops long before 8 MB.
    for (const path of ['/slack/events', '/discord/interactions']) {
      const r = await rawPost(server.url, path, 8 * 1024 * 1024);
      expect(r.status, path).toMatch(/^HTTP\/1\.1 413/);
      expect(r.sent).toBeLessThan(8 * 1024 * 1024);
    }
    expect(refusals().filter((r) => r === 'too large').length).toBeGreaterThanOrEqual(6);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('Discord: a signed `null` body is a 400, not a 500', async () => {
    await start();
    const r = await fetch(`${server.url}/discord/interactions`, {
      method: 'POST',
      headers: discordHeaders(keys, 'null'),
      body: 'null',
    });
    expect(r.status).toBe(400);
  });

  it('closes slow (slowloris) sockets and caps connections', async () => {
    await start({ headersTimeoutMs: 800, requestTimeoutMs: 1500, checkIntervalMs: 100, maxConnections: 20 });
    const { hostname, port } = new URL(server.url);
    const sockets: Socket[] = [];
    const closed = new Set<Socket>();
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < 40; i++) {
      const s = connect(Number(port), hostname);
      s.on('error', () => {});
      s.on('close', () => closed.add(s));
      s.on('connect', () => {
        s.write('POST /slack/events HTTP/1.1\r\nhost: x\r\n');
        // One more header line now and then: never the end of the headers.
        timers.push(setInterval(() => s.writable && s.write(`x-slow-${Date.now()}: 1\r\n`), 200));
      });
      sockets.push(s);
    }
    await until('every slow socket closed', () => closed.size === 40, 5000).finally(() => {
      for (const t of timers) clearInterval(t);
    });
    for (const s of sockets) s.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // and it still serves
  });

  it('one address cannot take every connection; /healthz keeps a reserve when all are taken', async () => {
    await start({ maxConnections: 6, maxConnectionsPerAddress: 3, healthReserve: 2 });
    const { hostname, port } = new URL(server.url);
    const idle: Socket[] = [];
    /** An idle connection from `from` (any 127.x address is this machine); resolves when open, or closed at once. */
    const open = (from: string) =>
      new Promise<'open' | 'closed'>((resolve) => {
        const s = connect({ port: Number(port), host: hostname, localAddress: from });
        idle.push(s);
        s.on('error', () => {});
        s.on('close', () => resolve('closed'));
        // The server closes a refused socket right after accepting it: a request shows which it was.
        s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n'));
        s.once('data', () => resolve('open'));
      });
    try {
      expect(await Promise.all([1, 2, 3].map(() => open('127.0.0.1')))).toEqual(['open', 'open', 'open']);
      expect(await open('127.0.0.1')).toBe('closed'); // a fourth from the same address
      expect(await open('127.0.0.2')).toBe('open'); // others still get in
      expect(await Promise.all([open('127.0.0.3'), open('127.0.0.3')])).toEqual(['open', 'open']);
      // All 6 taken: /healthz still answers (the reserve); anything else there is refused with 503.
      const ask = (path: string) =>
        new Promise<number>((resolve, reject) =>
          request({ host: hostname, port, path, method: 'GET', localAddress: '127.0.0.4', agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          })
            .on('error', reject)
            .end(),
        );
      expect(await ask('/healthz')).toBe(200);
      expect(await ask('/slack/events')).toBe(503);
      expect(logs.some((l) => l.refused === 'too many connections' && l.remote === '127.0.0.1')).toBe(true);
    } finally {
      for (const s of idle) s.destroy();
    }
  });

  it('replays: Discord keyed on the signature bytes (hex case does not matter)', async () => {
    await start();
    const body = JSON.stringify({ type: 1 });
    const headers = discordHeaders(keys, body);
    const post = (h: Record<string, string>) =>
      fetch(`${server.url}/discord/interactions`, { method: 'POST', headers: h, body });
    expect((await post(headers)).status).toBe(200);
    const upper = { ...headers, 'x-signature-ed25519': headers['x-signature-ed25519']!.toUpperCase() };
    expect((await post(upper)).status).toBe(401);
    expect(refusals()).toContain('replay');
  });

  it('replays: unsigned Slack ssl_check pings do not take a replay key; signed requests do', async () => {
    await start();
    const ping = () =>
      fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'ssl_check=1&token=x',
      });
    expect((await ping()).status).toBe(200);
    expect((await ping()).status).toBe(200);
    const body = slashBody('help', { responseUrl: sink.url('r1') });
    const h = slackHeaders(body);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', headers: h, body })).status).toBe(200);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', headers: h, body })).status).toBe(401);
  });

  it('refuses timestamps more than 5 minutes in the future as well as in the past', async () => {
    await start();
    const future = Math.floor(Date.now() / 1000) + 400;
    const body = slashBody('help', { responseUrl: sink.url('f1') });
    expect(
      (await fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(body, { ts: future }), body }))
        .status,
    ).toBe(401);
    const past = Math.floor(Date.now() / 1000) - 400;
    expect(
      (await fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(body, { ts: past }), body }))
        .status,
    ).toBe(401);
    const ping = JSON.stringify({ type: 1 });
    expect(
      (
        await fetch(`${server.url}/discord/interactions`, {
          method: 'POST',
          headers: discordHeaders(keys, ping, String(future)),
          body: ping,
        })
      ).status,
    ).toBe(401);
    expect(refusals().filter((r) => r === 'stale')).toHaveLength(3);
  });

  it('a signed Slack body that is not a slash command gets a 404 at once, not after 3 s', async () => {
    await start();
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });
    const headers = { ...slackHeaders(body), 'content-type': 'application/json' };
    const t0 = Date.now();
    const r = await fetch(`${server.url}/slack/events`, { method: 'POST', headers, body });
    expect(r.status).toBe(404);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('logs each handled command and each refusal as a JSON line, without secrets', async () => {
    await start();
    const body = slashBody('help', { responseUrl: sink.url('log1'), channel: 'CLOG' });
    await fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body });
    await sink.waitFor(1, 'log1');
    await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: slackHeaders(body, { secret: 'wrong' }),
      body,
    });
    await until('the command logged', () => logs.some((l) => l.msg === 'command handled'));
    const handled = logs.find((l) => l.msg === 'command handled')!;
    expect(handled).toMatchObject({
      platform: 'slack',
      team: 'T1',
      channel: 'CLOG',
      command: 'help',
      outcome: 'answered',
    });
    expect(typeof handled.latency_ms).toBe('number');
    expect(refusals()).toContain('bad signature');
    const all = JSON.stringify(logs);
    expect(all).not.toContain('xoxb-test-token');
    expect(all).not.toContain('slack-signing-secret-for-tests');
  });
});
