/**
 * `npm run bench:fanout`: one `published` event of a large release (PyTorch v2.5.0 from ../shared/corpus)
 * fanned out to 50 Slack channels and 50 Discord webhooks on local fakes that enforce 1 message/s per Slack
 * channel and 5 requests per 2 s per Discord webhook. Prints wall time, the floor those limits allow,
 * their ratio (target <= 1.2), and lost / duplicated messages (target 0 / 0).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories, validateConfig } from '../src/config/load.js';
import { dispatchPending } from '../src/deliver/dispatch.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { senderFactory } from '../src/deliver/senders/index.js';
import { TemplateRenderer } from '../src/deliver/templates.js';
import { planRepoPoll } from '../src/diff/plan.js';
import { silentLogger } from '../src/log.js';
import { parseAndClassify } from '../src/notes.js';
import { Store } from '../src/store/store.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeSlack } from '../src/fakes/slack.js';

const { values } = parseArgs({
  options: { corpus: { type: 'string', default: '../shared/corpus' }, n: { type: 'string', default: '50' } },
});
const N = Number(values.n);
const body = readFileSync(join(resolve(values.corpus!), 'pytorch', 'releases', 'v2.5.0.md'), 'utf8');
const [slack, discord] = await Promise.all([new FakeSlack().start(), new FakeDiscord().start()]);
const env: Record<string, string> = { SLACK_BOT_TOKEN: 'xoxb-test-token' };
const destinations: unknown[] = [];
const subscriptions: unknown[] = [];
for (let i = 0; i < N; i++) {
  slack.channels.add(`C${i}`);
  env[`HOOK_${i}`] = discord.addWebhook(String(500 + i));
  destinations.push(
    { name: `slack-${i}`, type: 'slack', channel: `C${i}`, token: '${SLACK_BOT_TOKEN}' },
    { name: `discord-${i}`, type: 'discord', webhook_url: `\${HOOK_${i}}` },
  );
  subscriptions.push({ destination: `slack-${i}` }, { destination: `discord-${i}` });
}
const config = validateConfig({ repos: ['pytorch/pytorch'], destinations, subscriptions }, 'bench.yaml', env);
const classifier = new Classifier(builtinCategories());
const plan = planRepoPoll({
  repo: 'pytorch/pytorch',
  known: [],
  fetched: [
    {
      githubId: '1',
      tag: 'v2.5.0',
      name: 'PyTorch 2.5.0',
      body,
      draft: false,
      prerelease: false,
      createdAt: null,
      publishedAt: null,
      url: 'https://github.com/pytorch/pytorch/releases/tag/v2.5.0',
    },
  ],
  complete: true,
  firstPoll: false,
  initial: 'latest',
  categories: classifier.categories,
  parse: (b, r) => parseAndClassify(b, r, classifier),
  itemsOf: () => [],
  now: new Date().toISOString(),
});
const deliveries = planDeliveries(plan.events, config.destinations, config.subscriptions, new TemplateRenderer());
const store = await Store.open({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'rr-fanout-')), 'state.db') });
await store.applyRepoPlan('pytorch/pytorch', plan, null, new Date().toISOString(), deliveries);

const partsOf = (prefix: string) =>
  Math.max(...deliveries.filter((d) => d.destination.startsWith(prefix)).map((d) => d.payloads.length));
const slackParts = partsOf('slack-');
const discordParts = partsOf('discord-');
const floorSec = Math.max((slackParts - 1) * 1, Math.floor((discordParts - 1) / 5) * 2);
const expected = deliveries.reduce((n, d) => n + d.payloads.length, 0);

// The SDKs are imported before the clock starts (a one-off ~0.3 s per process, not a cost of the fan-out).
await Promise.all([import('discord.js'), import('@slack/web-api')]);
const t0 = performance.now();
const summaries = await dispatchPending({
  store,
  destinations: config.destinations,
  makeSender: senderFactory({ slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl, logger: silentLogger }),
  logger: silentLogger,
});
const wall = (performance.now() - t0) / 1000;

const received = slack.messages.length + discord.messages.length;
const keys = [
  ...slack.messages.map(
    (m) => `${m.channel}:${m.blocks.map((b) => b.text?.text ?? '').join('').length}:${m.thread_ts ?? ''}`,
  ),
  ...discord.messages.map((m) => `${m.webhook}:${m.content}`),
];
const duplicated = keys.length - new Set(keys).size;
const failed = summaries.reduce((n, s) => n + s.failed + s.pending, 0);
console.log(
  `event: pytorch/pytorch v2.5.0 published, ${plan.events[0]!.counts.items} items; ${N} Slack channels x ${slackParts} parts, ${N} Discord webhooks x ${discordParts} parts`,
);
console.log(
  `messages: ${expected} expected, ${received} received, ${expected - received + duplicated} lost, ${duplicated} duplicated, ${failed} failed/pending`,
);
console.log(`429s from the fakes: Slack ${slack.rateLimited}, Discord ${discord.rateLimited}`);
console.log(
  `wall ${wall.toFixed(2)} s, floor ${floorSec.toFixed(2)} s, ratio ${(wall / Math.max(floorSec, 0.001)).toFixed(3)} (target <= 1.2)`,
);
await store.close();
await Promise.all([slack.close(), discord.close()]);
process.exit(0);
