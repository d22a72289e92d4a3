// Release URLs are untrusted: only https:// links on the GitHub host reach Slack, Discord and the digest.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { windowInputs } from '../src/digest/net-change.js';
import { renderDigest } from '../src/digest/render-email.js';
import { renderNotesMarkdown } from '../src/render/notes-markdown.js';
import { itemHtml } from '../src/render/item-html.js';
import { discordMessageHtml } from '../src/platforms/discord/preview.js';
import { slackMessageHtml } from '../src/platforms/slack/preview.js';
import { deceptiveLinkText } from '../src/render/links.js';
import { GITHUB_COM, GitHubLinks } from '../src/domain/github-links.js';
import { closeFakes, config, pollAndDeliver, startFakes, type Fakes } from './helpers/deliver.js';
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
  ])('%j -> %j', (url, expected) => expect(GITHUB_COM.safe(url)).toBe(expected));

  it.each([
    ['https://github.com/pytorch/pytorch', 'https://evil.example/phish', true],
    ['github.com/pytorch/pytorch', 'https://evil.example/phish', true],
    ['github.com', 'https://evil.example/', true],
    ['www.github.com', 'https://evil.example/', true],
    ['https://github.com/a', 'javascript:alert(1)', true],
    ['https://github.com/pytorch/pytorch', 'https://github.com/pytorch/pytorch/pull/1', false],
    ['pytorch.org', 'https://docs.pytorch.org/docs/stable/', false], // a parent of the target's host
    ['torch.library.opcheck', 'https://docs.pytorch.org/docs/stable/library.html', false], // a module, not a host
    ['tf.distribute.Strategy', 'https://www.tensorflow.org/guide/distribute_strategy', false],
    ['the c10d docs', 'https://evil.example/', false], // words: the reader sees it is a link
  ])('link text %j to %j deceptive: %j', (text, target, expected) =>
    expect(deceptiveLinkText(text, target)).toBe(expected),
  );

  it('GitHub Enterprise: links on GITHUB_SERVER_URL', () => {
    expect(new GitHubLinks('https://ghe.acme.dev').safe('https://ghe.acme.dev/a/b/releases/tag/v1')).toBe(
      'https://ghe.acme.dev/a/b/releases/tag/v1',
    );
    expect(new GitHubLinks('https://ghe.acme.dev').safe('https://github.com/a/b/releases/tag/v1')).toBeNull();
  });

  describe('end to end', () => {
    let f: Fakes;
    let ts: TestStore;
    beforeEach(async () => {
      [f, ts] = await Promise.all([startFakes(['C1']), sqliteStore()]);
    });
    afterEach(async () => {
      await ts.cleanup();
      await closeFakes(f);
    });
    /** A Slack channel `s` and a Discord webhook `d`, both subscribed to TF. */
    const slackAndDiscord = (subscription: Record<string, unknown> = {}) =>
      config(
        {
          repos: [TF],
          destinations: [
            { name: 's', type: 'slack', channel: 'C1', token: '${SLACK_BOT_TOKEN}' },
            { name: 'd', type: 'discord', webhook_url: '${HOOK}' },
          ],
          subscriptions: [
            { destination: 's', ...subscription },
            { destination: 'd', ...subscription },
          ],
        },
        { SLACK_BOT_TOKEN: 'xoxb-test-token', HOOK: f.discord.addWebhook('9') },
      );

    it('a javascript: URL becomes no link in Slack and Discord payloads nor in the digest', async () => {
      const cfg = slackAndDiscord();
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
        const { html, text } = renderDigest(templateRenderer(), windowInputs(events, {}, GITHUB_COM), {
          name: 'weekly',
          window,
          maxBytes: 100_000,
        });
        expect(html).toContain('MultiWorkerMirroredStrategy'); // the release is there, without its link
        expect(html).not.toMatch(/href="javascript:/i);
        expect(html + text).not.toContain('javascript:');
      }
    });

    it('a masked link whose text is another address shows its target in Slack, Discord, previews, the markdown view, the digest and the site', async () => {
      const cfg = slackAndDiscord({ max_items: 0 }); // every item in the details
      const masked = '[https://github.com/tensorflow/tensorflow](https://evil.example/phish)';
      const body = tfNotes('2.20.0', [
        '',
        `*   Fixed the TFLite Android download link; mirrors are listed at ${masked} for the GPU delegate (#4101).`,
        '*   See [the TFLite docs](https://www.tensorflow.org/lite) for the new TFLite interpreter on Android (#4102).',
      ]);
      f.gh.publish(TF, { tag_name: 'v2.20.0', body });
      const { poll } = await pollAndDeliver(ts.store, f, cfg);
      const sent = JSON.stringify([...f.slack.messages, ...f.discord.messages]);
      expect(sent).toContain('<https://evil.example/phish>'); // the target, as Slack and Discord show a bare link
      expect(sent).not.toContain('|https://github.com/tensorflow/tensorflow>');
      expect(sent).not.toContain('(https://evil.example/phish)');
      expect(sent).toMatch(
        /<https:\/\/www\.tensorflow\.org\/lite\|the TFLite docs>|\[the TFLite docs\]\(https:\/\/www\.tensorflow\.org\/lite\)/,
      ); // words stay a link

      const pages = [
        ...f.slack.messages.map((m) => slackMessageHtml(m as never)),
        ...f.discord.messages.map((m) => discordMessageHtml(m as never)),
      ].join('\n');
      expect(pages).toContain('href="https://evil.example/phish">https://evil.example/phish</a>');
      expect(pages).not.toMatch(/href="https:\/\/evil\.example\/phish">https:\/\/github\.com/);

      const [release] = await ts.store.releases(TF);
      const items = (await ts.store.releaseItems(release!.key, release!.bodyHash))!;
      const md = renderNotesMarkdown(GITHUB_COM, TF, items, ['mobile'], false);
      expect(md).toContain('<https://evil.example/phish>');
      expect(md).not.toContain(masked);

      const window = { start: '2026-01-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' };
      const { html } = renderDigest(templateRenderer(), windowInputs(poll.events, {}, GITHUB_COM), {
        name: 'weekly',
        window,
        maxBytes: 100_000,
      });
      expect(html).not.toContain('evil.example'); // the digest shows item text only: no target, no link
      expect(
        itemHtml(
          items.find((i) => i.text.includes('mirrors'))!,
          TF,
          GITHUB_COM,
        ),
      ).not.toContain('evil.example');
    });
  });
});
