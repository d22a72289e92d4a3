// `serve` over real HTTP: signed Slack slash commands and Discord interactions, and the ones to refuse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/serve/server.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { config, pollAndDeliver } from './helpers/deliver.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { startServe } from './helpers/serve.js';
import { until } from './helpers/serve-process.js';
import {
  discordHeaders,
  discordKeys,
  interaction,
  slackHeaders,
  slashBody,
  type DiscordKeys,
} from '../src/fakes/signing.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
const TF = 'tensorflow/tensorflow';

describe('serve', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let sink: ResponseUrlSink;
  let ts: TestStore;
  let keys: DiscordKeys;
  let server: RunningServer;

  beforeEach(async () => {
    [gh, discord, slack, sink] = await Promise.all([
      new FakeGitHub().start(),
      new FakeDiscord().start(),
      new FakeSlack().start(),
      new ResponseUrlSink().start(),
    ]);
    gh.publish(PT, { tag_name: 'v2.8.0', body: torchNotes('2.8.0', ['Old NCCL fix (#900)']) });
    gh.publish(PT, {
      tag_name: 'v2.9.0',
      body: torchNotes('2.9.0', ['Fixed a hang in `ProcessGroupNCCL` abort (#1001)']),
    });
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    ts = await sqliteStore();
    keys = discordKeys();
    server = await startServe(ts.store, { githubUrl: gh.url, discordApiUrl: discord.apiUrl, keys });
  });
  afterEach(async () => {
    await server.close();
    await ts.cleanup();
    await Promise.all([gh.close(), discord.close(), slack.close(), sink.close()]);
  });

  const slash = (
    text: string,
    id: string,
    opts: { headers?: Record<string, string>; channel?: string; user?: string } = {},
  ) => {
    const body = slashBody(text, { responseUrl: sink.url(id), channel: opts.channel, user: opts.user });
    return fetch(`${server.url}/slack/events`, { method: 'POST', headers: opts.headers ?? slackHeaders(body), body });
  };
  const discordPost = (body: string, headers = discordHeaders(keys, body)) =>
    fetch(`${server.url}/discord/interactions`, { method: 'POST', headers, body });

  it('/healthz says what is on', async () => {
    const r = await fetch(`${server.url}/healthz`);
    expect(await r.json()).toEqual({
      ok: true,
      slack: 'http',
      discord: true,
      discord_transport: 'http',
      store: 'sqlite',
      store_up: true,
    });
  });

  it('a signed Slack slash command is acknowledged, then answered through response_url (from GitHub, then stored)', async () => {
    const r = await slash('pytorch distributed', 'q1');
    expect(r.status).toBe(200);
    const [post] = await sink.waitFor(1, 'q1');
    expect(post!.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(post!.body.blocks);
    expect(text).toContain('pytorch/pytorch v2.9.0>* · distributed');
    expect(text).toContain('Fixed a hang in `ProcessGroupNCCL` abort');
    expect(text).not.toContain('packaging');
    expect((await ts.store.releases(PT)).map((x) => x.tag)).toEqual(['v2.9.0']); // fetched once, stored
    await slash('torch distributed v2.8.0 --public', 'q2');
    const [older] = await sink.waitFor(1, 'q2');
    expect(older!.body.response_type).toBe('in_channel');
    expect(JSON.stringify(older!.body.blocks)).toContain('Old NCCL fix');
  });

  it('a category across repos, side by side; help; a wrong command gets usage, not a trace', async () => {
    await slash('distributed', 'c1');
    const [c] = await sink.waitFor(1, 'c1');
    const blocks = JSON.stringify(c!.body.blocks);
    expect(blocks).toContain('pytorch/pytorch v2.9.0');
    expect(blocks).toContain('tensorflow/tensorflow v2.20.0');
    await slash('jax <!channel>', 'u1');
    const [u] = await sink.waitFor(1, 'u1');
    expect(String(u!.body.text)).toContain('Unknown repo or category `jax`');
    expect(String(u!.body.text)).toContain('&lt;repo&gt;');
    expect(String(u!.body.text)).not.toContain('<!channel>');
    expect(String(u!.body.text)).not.toMatch(/Error|at .*\.js/);
  });

  it.each([
    ['unsigned', (_b: string) => ({ 'content-type': 'application/x-www-form-urlencoded' }) as Record<string, string>],
    ['wrongly signed', (b: string) => slackHeaders(b, { secret: 'not-the-secret' })],
    ['stale (6 minutes old)', (b: string) => slackHeaders(b, { ts: Math.floor(Date.now() / 1000) - 360 })],
  ])('a %s Slack request gets 401 and changes nothing', async (_n, headersFor) => {
    const body = slashBody('subscribe all all', { responseUrl: sink.url('bad') });
    const r = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: headersFor(body), body });
    expect(r.status).toBe(401);
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
  });

  it("signed but malformed: a response_url elsewhere, a repeated field, a channel id not of Slack's shape get 400 and change nothing", async () => {
    const other = await new ResponseUrlSink().start(); // a host response_url must not reach
    try {
      const send = (body: string) =>
        fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body });
      const base = () => new URLSearchParams(slashBody('subscribe all all', { responseUrl: sink.url('m') }));
      const cases: [string, (p: URLSearchParams) => void][] = [
        ['response_url', (p) => p.set('response_url', other.url('evil').replace('127.0.0.1', 'localhost'))],
        ['response_url', (p) => p.set('response_url', 'https://hooks.slack.com.evil.example/commands/1')],
        ['response_url', (p) => p.set('response_url', 'http://hooks.slack.com/commands/1')],
        ['text', (p) => p.append('text', 'list')],
        ['channel_id', (p) => p.set('channel_id', 'C1,C2')],
        ['channel_id', (p) => p.set('channel_id', 'C<!channel>|../x')],
        ['user_id', (p) => p.set('user_id', 'U1 U2')],
      ];
      for (const [field, spoil] of cases) {
        const p = base();
        spoil(p);
        const r = await send(p.toString());
        expect(r.status, `${field}: ${p.toString()}`).toBe(400);
        expect(await r.text()).toContain(`malformed slash command (${field}`);
      }
      // The same command, well-formed, works: response_url on the allowed host.
      expect((await send(base().toString())).status).toBe(200);
      await sink.waitFor(1, 'm');
      expect(other.posts).toEqual([]);
      expect((await ts.store.chatSubscriptions.list()).map((s) => s.destination)).toEqual(['slack:CINFRA']);
    } finally {
      await other.close();
    }
  });

  it("Discord: an interaction whose token, id or application id is not of Discord's shape gets 400 and sends nothing", async () => {
    const good = JSON.parse(interaction('list')) as Record<string, unknown>;
    for (const [field, value] of [
      ['token', '../../channels/1/messages'],
      ['token', '.hidden'],
      ['application_id', '../x'],
      ['application_id', '9999'], // another application
      ['id', 'abc'],
      ['channel_id', 'C1,C2'],
    ] as const) {
      const body = JSON.stringify({ ...good, [field]: value });
      const r = await discordPost(body);
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(await r.text()).toContain(`malformed interaction (${field}`);
    }
    expect(discord.interactionReplies).toEqual([]);
  });

  it('a replayed Slack request, or a signed body swapped for another, gets 401', async () => {
    const body = slashBody('subscribe all distributed', { responseUrl: sink.url('s1') });
    const headers = slackHeaders(body);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', headers, body })).status).toBe(200);
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', headers, body })).status).toBe(401);
    const other = slashBody('subscribe all all --prereleases', { responseUrl: sink.url('s2') });
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', headers, body: other })).status).toBe(401);
    await sink.waitFor(1, 's1');
    const subs = await ts.store.chatSubscriptions.list();
    expect(subs.map((s) => [s.destination, s.categories, s.prereleases])).toEqual([
      ['slack:CINFRA', ['distributed'], false],
    ]);
  });

  it('subscribe, list and unsubscribe from Slack; a subscription made by command is used by the next poll', async () => {
    await slash('subscribe pytorch distributed', 'a');
    await slash('subscribe pytorch packaging', 'b');
    await sink.waitFor(1, 'b');
    await slash('list', 'c');
    const [list] = await sink.waitFor(1, 'c');
    expect(String(list!.body.text)).toContain('pytorch/pytorch: distributed, packaging');
    // The next poll posts a new PyTorch release to this channel, with only those categories.
    slack.channels.add('CINFRA');
    const cfg = config({ repos: [PT] });
    await pollAndDeliver(ts.store, { gh, slack, discord }, cfg, { spacingMs: 10 }); // first poll: PyTorch's newest
    expect(slack.messages.map((m) => m.channel)).toEqual(['CINFRA']);
    const counts = slack.messages[0]!.blocks.filter((b) => b.type === 'section')[1]!.text!.text;
    expect(counts).toBe('*distributed*: 1 fixed\n*packaging*: 1 new');

    await slash('unsubscribe pytorch distributed packaging', 'd');
    await sink.waitFor(1, 'd');
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
    gh.publish(PT, { tag_name: 'v2.10.0', body: torchNotes('2.10.0') });
    await pollAndDeliver(ts.store, { gh, slack, discord }, cfg, { spacingMs: 10 });
    expect(slack.messages).toHaveLength(1);
  });

  it('a Discord subscription is delivered by the bot to that channel on the next poll', async () => {
    await discordPost(interaction('subscribe', { repo: 'pytorch/pytorch', categories: 'distributed' }));
    await until('the answer', () => discord.interactionReplies.length >= 1);
    await pollAndDeliver(ts.store, { gh, slack, discord }, config({ repos: [PT] }));
    expect(discord.channelMessages.map((m) => [m.channel, m.authorization])).toEqual([['777', 'Bot bot-token']]);
    const embeds = discord.channelMessages[0]!.body.embeds as { title: string; description: string }[];
    expect(embeds.map((e) => e.description.split('\n')[0])).toEqual(['**distributed**: 1 fixed']);
    expect(discord.channelMessages[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('Discord: PING gets PONG; a command is deferred at once and answered by editing the reply', async () => {
    const ping = JSON.stringify({ type: 1, id: '1', application_id: '4242', token: 'x' });
    const pong = await discordPost(ping);
    expect(pong.status).toBe(200);
    expect(await pong.json()).toEqual({ type: 1 });

    const r = await discordPost(interaction('show', { repo: 'pytorch/pytorch', category: 'distributed' }));
    expect(await r.json()).toEqual({ type: 5, data: { flags: 64 } });
    await until('the answer', () => discord.interactionReplies.length >= 1);
    const edit = discord.interactionReplies[0]!;
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toMatch(/^\/api\/v10\/webhooks\/4242\/itoken-\w+\/messages\/@original$/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(edit.body.embeds)).toContain('Fixed a hang in `ProcessGroupNCCL` abort');
  });

  it('Discord: autocomplete offers versions from the store', async () => {
    await discordPost(interaction('show', { repo: 'pytorch/pytorch' })); // stores v2.9.0 from GitHub
    await until('the answer', () => discord.interactionReplies.length >= 1);
    const body = JSON.stringify({
      type: 4,
      id: '2',
      application_id: '4242',
      token: 'itoken-ac',
      data: {
        name: 'releases',
        options: [
          {
            type: 1,
            name: 'show',
            options: [
              { type: 3, name: 'repo', value: 'pytorch/pytorch' },
              { type: 3, name: 'version', value: 'v2', focused: true },
            ],
          },
        ],
      },
    });
    const r = await discordPost(body);
    expect(await r.json()).toEqual({ type: 8, data: { choices: [{ name: 'v2.9.0', value: 'v2.9.0' }] } });
  });

  it.each([
    ['unsigned', (_b: string) => ({ 'content-type': 'application/json' }) as Record<string, string>],
    ['wrongly signed', (b: string) => discordHeaders(discordKeys(), b)],
    ['stale', (b: string) => discordHeaders(keys, b, String(Math.floor(Date.now() / 1000) - 600))],
  ])('a %s Discord request gets 401 and changes nothing', async (_n, headersFor) => {
    const body = interaction('subscribe', { repo: 'all', categories: 'all' });
    const r = await discordPost(body, headersFor(body));
    expect(r.status).toBe(401);
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
  });

  it('a replayed Discord interaction gets 401', async () => {
    const body = interaction('list');
    const headers = discordHeaders(keys, body);
    expect((await discordPost(body, headers)).status).toBe(200);
    expect((await discordPost(body, headers)).status).toBe(401);
    const swapped = interaction('subscribe', { repo: 'all', categories: 'all' });
    expect((await discordPost(swapped, headers)).status).toBe(401);
  });

  it('only the configured admins may change subscriptions', async () => {
    await server.close();
    server = await startServe(ts.store, {
      githubUrl: gh.url,
      discordApiUrl: discord.apiUrl,
      keys,
      config: { repos: [PT, TF], chat: { admins: ['UADMIN'] } },
    });
    await slash('subscribe all all', 'x1', { user: 'USOMEONE' });
    const [no] = await sink.waitFor(1, 'x1');
    expect(String(no!.body.text)).toContain('Only the configured admins');
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
    await slash('subscribe all all', 'x2', { user: 'UADMIN' });
    await sink.waitFor(1, 'x2');
    expect(await ts.store.chatSubscriptions.list()).toHaveLength(1);
    await slash('pytorch windows', 'x3', { user: 'USOMEONE' }); // queries stay open to everyone
    const [q] = await sink.waitFor(1, 'x3');
    expect(String(q!.body.text)).toContain('pytorch/pytorch v2.9.0');
  });

  it('Discord subscribe is stored for the channel, by the user', async () => {
    await discordPost(
      interaction('subscribe', { repo: 'tensorflow/tensorflow', categories: 'mobile windows', breaking_only: true }),
    );
    await until('the answer', () => discord.interactionReplies.length >= 1);
    expect(String(discord.interactionReplies[0]!.body.content)).toContain(
      'Subscribed this channel to tensorflow/tensorflow: mobile, windows (breaking only)',
    );
    const [s] = await ts.store.chatSubscriptions.list();
    expect(s).toMatchObject({
      destination: 'discord:777',
      repos: [TF],
      categories: ['mobile', 'windows'],
      breakingOnly: true,
      createdBy: '55',
    });
  });
});
