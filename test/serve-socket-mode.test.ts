// Slack Socket Mode: with SLACK_APP_TOKEN, serve opens a WebSocket (apps.connections.open on SLACK_API_URL),
// acknowledges slash-command envelopes and answers through response_url. The fake speaks Slack's envelopes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { Classifier } from '../src/classify/classifier.js';
import { validateConfig } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { torchNotes } from '../src/fakes/notes.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

describe('serve with Slack Socket Mode', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let sink: ResponseUrlSink;
  let ts: TestStore;
  let server: RunningServer;
  beforeEach(async () => {
    [gh, slack, sink] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new ResponseUrlSink().start(),
    ]);
    gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    ts = await sqliteStore();
    const config = validateConfig({ repos: [{ name: 'pytorch/pytorch', aliases: ['torch'] }] }, 'socket.yaml', {});
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      chatSettings: {
        slack: {
          signingSecret: 'unused-in-socket-mode',
          botToken: 'xoxb-test-token',
          appToken: 'xapp-test-token',
          apiUrl: slack.apiUrl,
        },
      },
      chat: {
        store: ts.store,
        config,
        classifier: new Classifier(config.resolvedCategories),
        renderer: templateRenderer(),
        github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger }),
        logger: silentLogger,
      },
      logger: silentLogger,
    });
  });
  afterEach(async () => {
    await server.close();
    await ts.cleanup();
    await Promise.all([gh.close(), slack.close(), sink.close()]);
  });

  it('acknowledges a slash-command envelope and answers through response_url; /slack/events is not served', async () => {
    expect(server.chat.slack).toBe('socket');
    expect((await fetch(`${server.url}/healthz`).then((r) => r.json())).slack).toBe('socket');
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(404);
    const sent = slack.pushEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'legacy',
        team_id: 'T1',
        channel_id: 'CSOCK',
        user_id: 'U1',
        command: '/releases',
        text: 'torch distributed',
        api_app_id: 'A1',
        response_url: sink.url('sock'),
        trigger_id: '1.2.3',
      },
    });
    expect(sent).toBe(1);
    const [answer] = await sink.waitFor(1, 'sock');
    expect(slack.socketAcks.map((a) => a.envelope_id)).toContain('env-1');
    expect(JSON.stringify(answer!.body.blocks)).toContain('pytorch/pytorch v2.9.0>* · distributed');
  });

  it("a command envelope with a response_url off Slack's hooks host is acknowledged and not answered", async () => {
    const other = await new ResponseUrlSink().start();
    try {
      const payload = {
        team_id: 'T1',
        channel_id: 'CSOCK',
        user_id: 'U1',
        command: '/releases',
        text: 'torch distributed',
        trigger_id: '1.2.3',
      };
      const push = (id: string, responseUrl: string) =>
        slack.pushEnvelope({
          envelope_id: id,
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: { ...payload, response_url: responseUrl },
        });
      push('env-evil', other.url('evil').replace('127.0.0.1', 'localhost'));
      push('env-ok', sink.url('ok'));
      await sink.waitFor(1, 'ok'); // answered in order: the first was dropped, not delayed
      expect(slack.socketAcks.map((a) => a.envelope_id)).toEqual(expect.arrayContaining(['env-evil', 'env-ok']));
      expect(other.posts).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
