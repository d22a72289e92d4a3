/**
 * `npx tsx scripts/payload-digest.ts [--corpus DIR]`: one hash of every chat payload the corpus makes: each
 * release of ../shared/corpus as a `published` event, planned for a Slack channel, a Slack webhook, a Discord
 * webhook, a Discord forum webhook and a Discord bot channel, for every category and for all of them. A
 * refactor of delivery must leave it unchanged (prints the deliveries, the payloads and the sha256).
 */
import { createHash } from 'node:crypto';
import { templateRenderer } from '../src/platforms/registry.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories, validateConfig } from '../src/config/load.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { publishedPlan } from './published-plan.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' } } });
const corpus = resolve(values.corpus!);
const classifier = new Classifier(builtinCategories());
const scopes = [...classifier.categories.map((c) => [c]), null] as (string[] | null)[];
const name = (s: string[] | null) => (s ? s[0]! : 'all');
const kinds = [
  { type: 'slack', channel: 'CBENCH', token: 'xoxb-test-token' },
  { type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX' },
  { type: 'discord', webhook_url: 'https://discord.com/api/webhooks/700/tok-700-aaaaaaaaaaaaaaaa' },
  { type: 'discord', forum: true, webhook_url: 'https://discord.com/api/webhooks/701/tok-701-aaaaaaaaaaaaaaaa' },
  { type: 'discord-channel', channel_id: '702', token: '${DISCORD_BOT_TOKEN}' },
];
const destinations = scopes.flatMap((s) =>
  kinds.map((k, i) => ({ ...k, name: `${k.type}${'forum' in k ? '-forum' : ''}-${i}-${name(s)}` })),
);
const subscriptions = scopes.flatMap((s) =>
  kinds.map((k, i) => ({
    destination: `${k.type}${'forum' in k ? '-forum' : ''}-${i}-${name(s)}`,
    ...(s ? { categories: s } : {}),
  })),
);
const config = validateConfig(
  { repos: ['pytorch/pytorch', 'tensorflow/tensorflow'], destinations, subscriptions },
  'digest.yaml',
  {
    DISCORD_BOT_TOKEN: 'bot-token-xxxxxxxxxxxx',
  },
);
const renderer = templateRenderer();
const hash = createHash('sha256');
let deliveries = 0;
let payloads = 0;
for (const [project, repo] of [
  ['pytorch', 'pytorch/pytorch'],
  ['tensorflow', 'tensorflow/tensorflow'],
] as const) {
  const list = JSON.parse(readFileSync(join(corpus, project, 'releases.json'), 'utf8')) as {
    id: number;
    tag_name: string;
    name: string | null;
    body: string | null;
    draft: boolean;
  }[];
  for (const r of list) {
    if (r.draft || !r.body) continue;
    const plan = publishedPlan(repo, { ...r, body: r.body }, classifier, '2026-01-01T00:00:00.000Z');
    const event = plan.events[0];
    if (!event) continue;
    for (const d of planDeliveries([event], config.destinations, config.subscriptions, renderer)) {
      deliveries++;
      payloads += d.payloads.length;
      hash.update(`${repo} ${r.tag_name} ${d.destination}\n${JSON.stringify(d.payloads)}\n`);
    }
  }
}
console.log(`${deliveries} deliveries, ${payloads} payloads, sha256 ${hash.digest('hex')}`);
