// The chat extension point stays real: a chat surface defined here, in the test, given to `serve` beside
// release-radar's own, gets its route mounted and its commands parsed and answered by the same core, with
// nothing else changed (no name of it anywhere in src/).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { validateConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { readBody, sendJson } from '../src/platforms/chat-http.js';
import { CHAT_RECEIVERS } from '../src/platforms/chat-receivers.js';
import { templateRenderer } from '../src/platforms/registry.js';
import { SLACK_STYLE } from '../src/platforms/slack/style.js';
import type { ChatReceiver, ChatReceiving, ChatSurface, DestinationBase } from '../src/platforms/types.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

interface PagerSettings {
  key: string;
}

/** A pager console: commands come as JSON with a shared key; the answer is the response, as plain text. */
const receivePager: ChatReceiver = async (settings, host) => {
  const { key } = settings as PagerSettings;
  return {
    routes: [
      {
        method: 'POST',
        path: '/pager/commands',
        handle: async (req, res) => {
          if (req.headers['x-pager-key'] !== key) return sendJson(res, 401, { error: 'wrong key' });
          const {
            console: channelId,
            user,
            text,
          } = JSON.parse((await readBody(req)).toString('utf8')) as {
            console: string;
            user: string;
            text: string;
          };
          const command = host.parse(text);
          const reply = await host.answer(command, { channelId, userId: user });
          sendJson(res, 200, { kind: command.kind, private: reply.ephemeral, pages: reply.payloads });
        },
      },
    ],
    health: { pager: 'listening' },
    status: 'on',
    stop: async () => {},
  };
};

const pagerChat: ChatSurface = {
  name: 'pager',
  style: SLACK_STYLE, // its query answers would be written as Slack's; this test asks none
  textReply: (text) => ({ text: text.toUpperCase() }),
  postingTokenVar: 'PAGER_KEY',
  destination: (name, channelId): DestinationBase => ({ name, type: 'pager', console: channelId }) as DestinationBase,
  channelOf: () => undefined,
};
const pagerReceiving: ChatReceiving = {
  surface: pagerChat,
  offHealth: { pager: 'off' },
  load: async () => receivePager,
};

describe('a chat surface given to serve from outside', () => {
  let ts: TestStore;
  let server: RunningServer;
  beforeEach(async () => {
    ts = await sqliteStore();
    const config = validateConfig({ repos: [{ name: 'ml/trainer', aliases: ['trainer'] }] }, 'pager.yaml', {});
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      receivers: [...CHAT_RECEIVERS, pagerReceiving],
      chatSettings: { pager: { key: 'k-1' } },
      chat: {
        store: ts.store,
        config,
        classifier: new Classifier(config.resolvedCategories),
        renderer: templateRenderer(),
        logger: silentLogger,
      },
      logger: silentLogger,
    });
  });
  afterEach(async () => {
    await server.close();
    await ts.cleanup();
  });

  const ask = (text: string, key = 'k-1') =>
    fetch(`${server.url}/pager/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pager-key': key },
      body: JSON.stringify({ console: 'OPS', user: 'alice', text }),
    });

  it('mounts its route, answers its commands through the core, and stores its subscriptions', async () => {
    expect(server.chat).toEqual({ slack: 'off', discord: 'off', pager: 'on' });
    const health = (await fetch(`${server.url}/healthz`).then((r) => r.json())) as Record<string, unknown>;
    expect(health).toMatchObject({ slack: 'off', discord: false, discord_transport: 'off', pager: 'listening' });
    // Its own verification refuses a wrong key before the core sees anything.
    expect((await ask('help', 'wrong')).status).toBe(401);

    const help = (await (await ask('help')).json()) as { kind: string; private: boolean; pages: { text: string }[] };
    expect(help.kind).toBe('help');
    expect(help.private).toBe(true);
    expect(help.pages).toHaveLength(1);
    expect(help.pages[0]!.text).toContain('/RELEASES'); // the core's usage, written by this surface's textReply

    const sub = (await (await ask('subscribe trainer all')).json()) as { private: boolean; pages: { text: string }[] };
    expect(sub.private).toBe(false);
    expect(sub.pages[0]!.text).toContain('SUBSCRIBED THIS CHANNEL TO ML/TRAINER');
    const stored = await ts.store.chatSubscriptions.list();
    expect(stored.map((s) => [s.destination, s.repos, s.createdBy])).toEqual([['pager:OPS', ['ml/trainer'], 'alice']]);

    const list = (await (await ask('list')).json()) as { pages: { text: string }[] };
    expect(list.pages[0]!.text).toContain('ML/TRAINER: ALL CATEGORIES');
    // Routes of surfaces that are off are not served.
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});
