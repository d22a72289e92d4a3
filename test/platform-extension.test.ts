// The extension point stays real: a platform defined here, in the test, registered beside release-radar's
// own, gets its events planned and delivered through the same outbox, with nothing else changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import type { Destination } from '../src/config/schema.js';
import { dispatchPending } from '../src/deliver/dispatch.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { Redactor } from '../src/domain/redact.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { registry, senderFactory, templateRenderer } from '../src/platforms/registry.js';
import type { Sender } from '../src/platforms/sender.js';
import type { DestinationBase, Platform } from '../src/platforms/types.js';
import { runPoll } from '../src/poll/run-poll.js';
import { buildParts } from '../src/render/message.js';
import { TEXT_STYLE } from '../src/render/markup.js';
import { config } from './helpers/deliver.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const REPO = 'ml/trainer';
interface PagerDestination extends DestinationBase {
  type: 'pager';
  pager_key: string;
}

/** A pager that takes one plain-text page per part; what it was sent is kept for the test to read. */
function pagerPlatform(pages: { key: string; text: string; threadTs?: string }[]): Platform<PagerDestination> {
  return {
    type: 'pager',
    plan: (ctx) =>
      buildParts(
        ctx.input,
        ctx.filter,
        { markup: TEXT_STYLE, budget: { chunkChars: 500, chunksPerPart: 2, partChars: 1000 }, summaryFrameLines: 1 },
        ctx.cache,
      )?.parts.map((part) => ({ text: part.chunks.map((c) => `${c.title}\n${c.text}`).join('\n\n') })) ?? null,
    threads: () => false,
    createSender: async (d): Promise<Sender> => ({
      send: async (payload, opts) => {
        pages.push({ key: d.pager_key, text: String(payload.text), ...opts });
        return { messageId: String(pages.length) };
      },
      retries: () => 0,
    }),
    secrets: (d) => [d.pager_key],
    preview: { family: 'pager', messageHtml: (p) => `<pre>${String(p.text)}</pre>` },
  };
}

describe('a platform registered from outside', () => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  it('is planned and delivered through the outbox like the built-in ones, once', async () => {
    gh.publish(REPO, {
      tag_name: 'v1.0.0',
      body: [
        '## Distributed',
        '- Fixed an NCCL timeout when a rank restarts (#11)',
        '## Mobile',
        '- Added an iOS Metal backend (#12)',
      ].join('\n'),
    });
    const pages: { key: string; text: string }[] = [];
    const platforms = registry([pagerPlatform(pages) as unknown as Platform<DestinationBase>]);
    // Subscriptions come from a config as usual; the destination is of the new type.
    const cfg = config({
      repos: [REPO],
      destinations: [
        { name: 'oncall', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/x' },
      ],
      subscriptions: [{ destination: 'oncall', categories: ['distributed'] }],
    });
    const pager = { name: 'oncall', type: 'pager', pager_key: 'pk_live_0123456789abcdef' };
    const destinations = [pager as unknown as Destination];
    const renderer = templateRenderer();
    const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 5 });
    const poll = await runPoll(
      {
        store: ts.store,
        github,
        classifier: new Classifier(cfg.resolvedCategories),
        logger: silentLogger,
        planDeliveries: (events) => planDeliveries(events, destinations, cfg.subscriptions, renderer, platforms),
      },
      { repos: [REPO], dryRun: false, initial: 'latest', perPage: 30 },
    );
    expect(poll.failures).toEqual([]);
    const dispatch = () =>
      dispatchPending({
        store: ts.store,
        destinations,
        makeSender: senderFactory({ apiUrls: {}, logger: silentLogger }, new Redactor(), platforms),
        logger: silentLogger,
        platforms,
      });
    const [summary] = await dispatch();
    expect(summary).toMatchObject({ destination: 'oncall', sent: 1, failed: 0, pending: 0 });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.key).toBe('pk_live_0123456789abcdef');
    expect(pages[0]!.text).toContain('Fixed an NCCL timeout when a rank restarts');
    // Only the subscribed category.
    expect(pages[0]!.text).not.toContain('Metal');
    // Delivered once: a second dispatch finds nothing pending.
    await dispatch();
    expect(pages).toHaveLength(1);
  });
});
