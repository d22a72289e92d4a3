// The platform fakes are msw handlers written once: the same behaviour in-process (setupServer) and served on
// loopback to child processes (@mswjs/http-middleware).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { startChatFakesProcess } from '../src/fakes/chat-fakes-process.js';
import { serveHandlers } from '../src/fakes/http.js';
import { useMsw } from './helpers/msw.js';

const msw = useMsw({ loopback: true });

type Mode = 'in-process' | 'on loopback';
const MODES: Mode[] = ['in-process', 'on loopback'];

/** Puts a fake in a mode: its handlers in msw, or served on loopback (and msw empty). */
async function inMode<T extends FakeGitHub | FakeSlack | FakeDiscord>(fake: T, mode: Mode): Promise<T> {
  if (mode === 'in-process') msw.use(fake);
  else {
    msw.use();
    await fake.start();
  }
  return fake;
}

describe.each(MODES)('fakes %s', (mode) => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((f) => f.close()));
  });

  it('Slack answers a second message to a channel within a second with 429 and Retry-After', async () => {
    const slack = await inMode(new FakeSlack(), mode);
    open.push(slack);
    expect(slack.apiUrl.startsWith(mode === 'in-process' ? 'https://slack.com/' : 'http://127.0.0.1:')).toBe(true);
    slack.channels.add('C1');
    const post = () =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C1', text: 'hi' }),
      });
    const first = await post();
    expect(await first.json()).toMatchObject({ ok: true, channel: 'C1' });
    const second = await post();
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(slack.messages.map((m) => m.text)).toEqual(['hi']);
    expect(slack.rateLimited).toBe(1);
  });

  it('Discord answers over its per-webhook limit with 429 and retry_after, and 404 (10015) for unknown webhooks', async () => {
    const discord = await inMode(new FakeDiscord(), mode);
    open.push(discord);
    discord.limit = 1;
    discord.addWebhook('42');
    const post = (token: string) =>
      fetch(`${discord.apiUrl}/v10/webhooks/42/${token}?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hi' }),
      });
    expect((await post('tok-42')).status).toBe(200);
    const limited = await post('tok-42');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { retry_after: number }).retry_after).toBeGreaterThan(0);
    const unknown = await post('wrong');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 10015 });
    expect(discord.messages.map((m) => m.content)).toEqual(['hi']);
  });

  it('GitHub drops a connection as a network error, then serves the releases with rate-limit headers', async () => {
    const gh = await inMode(new FakeGitHub(), mode);
    open.push(gh);
    gh.publish('o/r', { tag_name: 'v1' });
    gh.faults.push({ status: 0, drop: true });
    await expect(fetch(`${gh.url}/repos/o/r/releases`)).rejects.toThrow();
    const ok = await fetch(`${gh.url}/repos/o/r/releases`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(((await ok.json()) as { tag_name: string }[]).map((r) => r.tag_name)).toEqual(['v1']);
    expect(gh.requests).toHaveLength(2);
  });
});

describe('msw in-process', () => {
  it('fails a request that no fake answers', async () => {
    msw.use(new FakeGitHub());
    await expect(fetch('https://api.github.com/user')).rejects.toThrow();
  });
});

describe('fakes on loopback for benchmarks', () => {
  it('keep a client on its connections (a 1 s keep-alive made undici open one per request)', async () => {
    msw.use(); // nothing in-process: the requests go to the loopback server
    const slack = new FakeSlack();
    const served = await serveHandlers(slack.handlers);
    let connections = 0;
    served.server.on('connection', () => connections++);
    try {
      for (const channel of ['C1', 'C2', 'C3', 'C4', 'C5']) {
        slack.channels.add(channel);
        const res = await fetch(`${served.url}/api/chat.postMessage`, {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
          body: JSON.stringify({ channel, text: 'hi' }),
        });
        expect(await res.json()).toMatchObject({ ok: true, channel });
      }
      expect(connections).toBeLessThanOrEqual(2); // the second may start before the first's socket is free
    } finally {
      await served.close();
    }
  });

  it('serve Slack and Discord from a child process and report what they received', async () => {
    msw.use();
    const fakes = await startChatFakesProcess({ slackChannels: ['C1'], discordWebhooks: ['500'], warmUp: 5 });
    try {
      const slack = await fetch(`${fakes.slackApiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C1', text: 'hi' }),
      });
      expect(await slack.json()).toMatchObject({ ok: true });
      const [, id, token] = /webhooks\/(\d+)\/(.+)$/.exec(fakes.webhookUrls[0]!)!;
      const discord = await fetch(`${fakes.discordApiUrl}/v10/webhooks/${id}/${token}?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hello' }),
      });
      expect(discord.status).toBe(200);
      const report = await fakes.report(); // the warm-up's messages are forgotten
      expect(report.slack.messages.map((m) => [m.channel, m.text])).toEqual([['C1', 'hi']]);
      expect(report.discord.messages.map((m) => [m.webhook, m.content])).toEqual([['500', 'hello']]);
      expect(report.slack.rateLimited + report.discord.rateLimited).toBe(0);
    } finally {
      await fakes.close();
    }
  });
});
