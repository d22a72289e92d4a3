// A chat subscription that can never be delivered is refused by serve, and reported by poll (exit 1).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from './helpers/serve-process.js';
import type { RunningServer } from '../src/serve/server.js';
import { Store } from '../src/store/store.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes } from '../src/fakes/notes.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { startServe } from './helpers/serve.js';
import {
  discordHeaders,
  discordKeys,
  interaction,
  slackHeaders,
  slashBody,
  type DiscordKeys,
} from '../src/fakes/signing.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

describe('serve refuses a subscription it cannot deliver', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let sink: ResponseUrlSink;
  let ts: TestStore;
  let keys: DiscordKeys;
  let server: RunningServer;
  beforeEach(async () => {
    [gh, discord, sink] = await Promise.all([
      new FakeGitHub().start(),
      new FakeDiscord().start(),
      new ResponseUrlSink().start(),
    ]);
    ts = await sqliteStore();
    keys = discordKeys();
    server = await startServe(ts.store, {
      githubUrl: gh.url,
      discordApiUrl: discord.apiUrl,
      keys,
      tokens: { discord: undefined },
    });
  });
  afterEach(async () => {
    await server.close();
    await ts.cleanup();
    await Promise.all([gh.close(), discord.close(), sink.close()]);
  });

  it('Discord subscribe without DISCORD_BOT_TOKEN: says so, stores nothing', async () => {
    const body = interaction('subscribe', { repo: 'all', categories: 'all' });
    await fetch(`${server.url}/discord/interactions`, { method: 'POST', headers: discordHeaders(keys, body), body });
    await until('the answer', () => discord.interactionReplies.length > 0);
    const reply = String(discord.interactionReplies[0]!.body.content);
    expect(reply).toContain('Not subscribed');
    expect(reply).toContain('DISCORD_BOT_TOKEN');
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
  });

  it('Slack subscribe to a repo the config does not track: names the tracked repos, stores nothing', async () => {
    const body = slashBody('subscribe jax-ml/jax all', { responseUrl: sink.url('j') });
    await fetch(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body });
    const [post] = await sink.waitFor(1, 'j');
    const text = String(post!.body.text);
    // Refused when the command is read (the repo check of chat queries), before any subscription is made.
    expect(text).toContain('`jax-ml/jax` is not tracked here');
    expect(text).toContain('Tracked: pytorch/pytorch, tensorflow/tensorflow');
    expect(await ts.store.chatSubscriptions.list()).toEqual([]);
  });
});

describe('poll reports every unusable subscription', () => {
  it('lists each in the summary and exits 1', async () => {
    const gh = await new FakeGitHub().start();
    try {
      gh.publish('tensorflow/tensorflow', { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
      const dir = mkdtempSync(join(tmpdir(), 'rr-unusable-'));
      const db = join(dir, 's.db');
      const store = await Store.open({ sqlitePath: db });
      const base = {
        categories: [],
        events: ['published', 'edited', 'promoted'],
        prereleases: false,
        breakingOnly: false,
        createdBy: 'U1',
        createdAt: new Date().toISOString(),
      };
      const on = (surface: string, channelId: string) => ({
        destination: `${surface}:${channelId}`,
        surface,
        channelId,
      });
      await store.chatSubscriptions.save({ ...base, id: 'd1', ...on('discord', '777'), repos: [] });
      await store.chatSubscriptions.save({ ...base, id: 's1', ...on('slack', 'CJAX'), repos: ['jax-ml/jax'] });
      await store.close();
      const summary = join(dir, 'summary.md');
      const env = {
        GITHUB_API_URL: gh.url,
        LOG_LEVEL: 'silent',
        SLACK_BOT_TOKEN: 'xoxb-test',
        GITHUB_STEP_SUMMARY: summary,
      };
      const r = await runCli(['poll', '--db', db, '--repo', 'tensorflow/tensorflow'], { env });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/subscription not usable: discord:777 .*DISCORD_BOT_TOKEN/);
      expect(r.err).toMatch(/subscription not usable: slack:CJAX .*jax-ml\/jax is not tracked/);
      expect(readFileSync(summary, 'utf8')).toContain('DISCORD_BOT_TOKEN');
    } finally {
      await gh.close();
    }
  });
});
