// Release URLs are untrusted: only https:// links on the GitHub host reach Slack, Discord and the digest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowInputs } from '../src/digest/net-change.js';
import { renderDigest } from '../src/digest/render-email.js';
import { TemplateRenderer } from '../src/deliver/templates.js';
import { safeLink } from '../src/render/links.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { config, pollAndDeliver, type Fakes } from './helpers/deliver.js';
import { tfNotes } from '../src/fakes/notes.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const EVIL = 'javascript:alert(1)//|<!channel>';

describe('untrusted release URLs', () => {
  it.each([
    [EVIL, null],
    ['http://github.com/a/b/releases/tag/v1', null],
    ['https://evil.example/a/b/releases/tag/v1', null],
    ['https://github.com.evil.example/x', null],
    ['https://user:pw@github.com/a/b', null],
    ['not a url', null],
    ['https://github.com/a/b/releases/tag/v1', 'https://github.com/a/b/releases/tag/v1'],
    ['https://github.com/a/b/releases/tag/v1|<x>', 'https://github.com/a/b/releases/tag/v1%7C%3Cx%3E'],
  ])('%j -> %j', (url, expected) => expect(safeLink(url, 'github.com')).toBe(expected));

  it('GitHub Enterprise: links on GITHUB_SERVER_URL', () => {
    expect(safeLink('https://ghe.acme.dev/a/b/releases/tag/v1', 'ghe.acme.dev')).toBe(
      'https://ghe.acme.dev/a/b/releases/tag/v1',
    );
    expect(safeLink('https://github.com/a/b/releases/tag/v1', 'ghe.acme.dev')).toBeNull();
  });

  describe('end to end', () => {
    let f: Fakes;
    let ts: TestStore;
    beforeEach(async () => {
      f = {
        gh: await new FakeGitHub().start(),
        slack: await new FakeSlack().start(),
        discord: await new FakeDiscord().start(),
      };
      f.slack.channels.add('C1');
      ts = await sqliteStore();
    });
    afterEach(async () => {
      await ts.cleanup();
      await Promise.all([f.gh.close(), f.slack.close(), f.discord.close()]);
    });

    it('a javascript: URL becomes no link in Slack and Discord payloads nor in the digest', async () => {
      const hook = f.discord.addWebhook('9');
      const cfg = config(
        {
          repos: [TF],
          destinations: [
            { name: 's', type: 'slack', channel: 'C1', token: '${SLACK_BOT_TOKEN}' },
            { name: 'd', type: 'discord', webhook_url: '${HOOK}' },
          ],
          subscriptions: [{ destination: 's' }, { destination: 'd' }],
        },
        { SLACK_BOT_TOKEN: 'xoxb-test-token', HOOK: hook },
      );
      f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0'), html_url: EVIL });
      const { poll } = await pollAndDeliver(ts.store, f, cfg, { dryRun: true });
      const payloads = JSON.stringify(poll.deliveries.flatMap((d) => d.payloads));
      expect(poll.deliveries).toHaveLength(2);
      expect(payloads).not.toContain('javascript:');
      expect(payloads).not.toContain('<!channel>');
      expect(poll.events[0]!.url).toBeNull();

      const window = { start: '2026-01-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' };
      // Events stored before this change may still carry the URL: the digest checks again.
      const stale = [{ ...poll.events[0]!, url: EVIL }];
      for (const events of [poll.events, stale]) {
        const { html, text } = renderDigest(new TemplateRenderer(), windowInputs(events, {}), {
          name: 'weekly',
          window,
          maxBytes: 100_000,
        });
        expect(html).toContain('MultiWorkerMirroredStrategy'); // the release is there, without its link
        expect(html).not.toMatch(/href="javascript:/i);
        expect(html + text).not.toContain('javascript:');
      }
    });
  });
});
