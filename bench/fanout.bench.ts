/**
 * `npm run bench:fanout`: one `published` event of a large release (PyTorch v2.5.0 from ../shared/corpus)
 * fanned out to 50 Slack channels and 50 Discord webhooks on local fakes that enforce 1 message/s per Slack
 * channel and 5 requests per 2 s per Discord webhook. The fakes run in a child process (src/fakes/
 * chat-fakes-process.ts, warmed up before each round), so this process's event loop and CPU measure our code
 * alone. Three rounds (`--rounds`) in this process (the first with our code cold), each in a fresh store
 * against fresh fakes: wall time, the floor those limits allow, their ratio, lost / duplicated messages; then
 * the median ratio (target <= 1.15; 0 lost, 0 duplicated; exit 1 when missed) and where the median round's
 * time went on its critical path (the Discord webhook answered last), plus the Slack side and CPU.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { senderFactory, templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories, validateConfig } from '../src/config/load.js';
import { pollAndDeliver } from '../src/poll/poll-and-deliver.js';
import { createGitHubClient } from '../src/github/client.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { Redactor } from '../src/domain/redact.js';
import type { Sender } from '../src/platforms/sender.js';
import { publishedPlan } from '../scripts/published-plan.js';
import { createLogger, silentLogger } from '../src/log.js';
import { Store } from '../src/store/store.js';
import { startChatFakesProcess, type ChatFakesReport } from '../src/fakes/chat-fakes-process.js';

const TARGET = 1.15;
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus' },
    n: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.n);
const body = readFileSync(join(resolve(values.corpus!), 'pytorch', 'releases', 'v2.5.0.md'), 'utf8');
const slackChannels = Array.from({ length: N }, (_, i) => `C${i}`);
const discordWebhooks = Array.from({ length: N }, (_, i) => String(500 + i));

const classifier = new Classifier(builtinCategories());
const plan = publishedPlan('pytorch/pytorch', { id: 1, tag_name: 'v2.5.0', name: 'PyTorch 2.5.0', body }, classifier);

/** One destination's sends as its client saw them (ms), and the waits the client announced. */
interface ClientSide {
  sending: number;
  sends: number;
  /** discord.js, ahead of a request, when the headers said the bucket is empty. */
  limitWaits: number;
  /** Retry-After waits after a 429. */
  retryWaits: number;
}

interface Round {
  wall: number;
  floor: number;
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  failed: number;
  rateLimited: { slack: number; discord: number };
  clients: Map<string, ClientSide>;
  report: ChatFakesReport;
  /** Date.now() when the fan-out started: the fakes stamp messages with the same clock. */
  startedAt: number;
  cpuMs: { ours: number; fakes: number };
  slackParts: number;
  discordParts: number;
}

async function round(): Promise<Round> {
  const fakes = await startChatFakesProcess({ slackChannels, discordWebhooks, warmUp: 300 });
  const env: Record<string, string> = { SLACK_BOT_TOKEN: 'xoxb-test-token' };
  const destinations: unknown[] = [];
  const subscriptions: unknown[] = [];
  for (let i = 0; i < N; i++) {
    env[`HOOK_${i}`] = fakes.webhookUrls[i]!;
    destinations.push(
      { name: `slack-${i}`, type: 'slack', channel: slackChannels[i], token: '${SLACK_BOT_TOKEN}' },
      { name: `discord-${i}`, type: 'discord', webhook_url: `\${HOOK_${i}}` },
    );
    subscriptions.push({ destination: `slack-${i}` }, { destination: `discord-${i}` });
  }
  const config = validateConfig({ repos: ['pytorch/pytorch'], destinations, subscriptions }, 'bench.yaml', env);
  const renderer = templateRenderer();
  const deliveries = planDeliveries(plan.events, config.destinations, config.subscriptions, renderer);
  // No repo is polled in the timed part: the client is never called.
  const github = createGitHubClient({ baseUrl: 'http://127.0.0.1:9', logger: silentLogger });
  const store = await Store.open({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'rr-fanout-')), 'state.db') });
  await store.applyRepoPlan('pytorch/pytorch', plan, null, new Date().toISOString(), deliveries);
  const partsOf = (prefix: string) =>
    Math.max(...deliveries.filter((d) => d.destination.startsWith(prefix)).map((d) => d.payloads.length));
  const slackParts = partsOf('slack-');
  const discordParts = partsOf('discord-');
  const floor = Math.max((slackParts - 1) * 1, Math.floor((discordParts - 1) / 5) * 2);
  const expected = deliveries.reduce((n, d) => n + d.payloads.length, 0);

  // Measured from outside our code: each send through the sender, and the waits the clients log.
  const clients = new Map<string, ClientSide>();
  const client = (d: string) => {
    let c = clients.get(d);
    if (!c) clients.set(d, (c = { sending: 0, sends: 0, limitWaits: 0, retryWaits: 0 }));
    return c;
  };
  const logger = createLogger({
    level: 'warn',
    write: (line) => {
      const l = JSON.parse(line) as { destination: string; retryAfterMs?: number; retryAfter?: number };
      if (l.retryAfterMs !== undefined) client(l.destination).limitWaits += l.retryAfterMs;
      else if (l.retryAfter !== undefined) client(l.destination).retryWaits += l.retryAfter * 1000;
    },
  });
  const makeSender = senderFactory(
    { apiUrls: { slack: fakes.slackApiUrl, discord: fakes.discordApiUrl }, logger },
    new Redactor(),
  );
  const timedSender = async (d: (typeof config.destinations)[number]): Promise<Sender> => {
    const sender = await makeSender(d);
    return {
      retries: () => sender.retries(),
      async send(payload, opts) {
        const start = performance.now();
        try {
          return await sender.send(payload, opts);
        } finally {
          client(d.name).sending += performance.now() - start;
          client(d.name).sends++;
        }
      },
    };
  };

  // The SDKs are imported before the clock starts (a one-off ~0.3 s per process, not a cost of the fan-out).
  await Promise.all([import('discord.js'), import('@slack/web-api')]);
  const cpu0 = process.cpuUsage();
  const startedAt = Date.now();
  const t0 = performance.now();
  // The runner every command uses, with no repo due: it sends what the outbox holds (the plan stored above).
  const { summaries } = await pollAndDeliver(
    {
      store,
      github,
      classifier,
      logger: silentLogger,
      routes: config,
      renderer,
      makeSender: timedSender,
    },
    { repos: [], dryRun: false, initial: 'latest', perPage: 30 },
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);

  const report: ChatFakesReport = await fakes.report();
  await Promise.all([store.close(), fakes.close()]);
  const { slack, discord } = report;
  const received = slack.messages.length + discord.messages.length;
  const keys = [
    ...slack.messages.map(
      (m) => `${m.channel}:${m.blocks.map((b) => b.text?.text ?? '').join('').length}:${m.thread_ts ?? ''}`,
    ),
    ...discord.messages.map((m) => `${m.webhook}:${m.content}`),
  ];
  const duplicated = keys.length - new Set(keys).size;
  return {
    wall,
    floor,
    expected,
    received,
    lost: expected - received + duplicated,
    duplicated,
    failed: summaries.reduce((n, s) => n + s.failed + s.pending, 0),
    rateLimited: { slack: slack.rateLimited, discord: discord.rateLimited },
    clients,
    report,
    startedAt,
    cpuMs: { ours: (cpu.user + cpu.system) / 1000, fakes: report.cpuMs },
    slackParts,
    discordParts,
  };
}

const ratio = (r: Round) => r.wall / Math.max(r.floor, 0.001);
const rounds: Round[] = [];
for (let i = 1; i <= Number(values.rounds); i++) {
  const r = await round();
  rounds.push(r);
  if (i === 1)
    console.log(
      `event: pytorch/pytorch v2.5.0 published, ${plan.events[0]!.counts.items} items; ${N} Slack channels x ${r.slackParts} parts, ${N} Discord webhooks x ${r.discordParts} parts; floor ${r.floor.toFixed(2)} s`,
    );
  console.log(
    `round ${i}: wall ${r.wall.toFixed(2)} s, ratio ${ratio(r).toFixed(3)}; messages ${r.received} of ${r.expected}, ${r.lost} lost, ${r.duplicated} duplicated, ${r.failed} failed/pending; 429s Slack ${r.rateLimited.slack}, Discord ${r.rateLimited.discord}; CPU ours ${(r.cpuMs.ours / 1000).toFixed(2)} s, the fakes' ${(r.cpuMs.fakes / 1000).toFixed(2)} s`,
  );
}
const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
const lost = rounds.reduce((n, r) => n + r.lost, 0);
const duplicated = rounds.reduce((n, r) => n + r.duplicated, 0);
const met = ratio(median) <= TARGET && lost === 0 && duplicated === 0;
console.log(
  `ratios ${rounds.map((r) => ratio(r).toFixed(3)).join(', ')}; median ${ratio(median).toFixed(3)} (target <= ${TARGET}), ${lost} lost, ${duplicated} duplicated: ${met ? 'met' : 'MISSED'}`,
);

// Where the median round's time went: the critical path is the Discord webhook the fake answered last. The fake
// stamps each message when it takes it, on the same clock as ours, so the wall time splits exactly into: until
// its first message reached the fake, the windows the floor counts, how far past each window's end the next
// opened, the last window's messages, and the rest after the fake's last answer.
const { report, startedAt, clients } = median;
const last = report.discord.messages.reduce((a, b) => (b.at > a.at ? b : a));
const msgs = report.discord.messages.filter((m) => m.webhook === last.webhook);
const windowMs = 2000;
const opened = msgs.reduce<number[]>((w, m) => (!w.length || m.at - w.at(-1)! >= windowMs ? [...w, m.at] : w), []);
const name = `discord-${discordWebhooks.indexOf(last.webhook)}`;
const c = clients.get(name)!;
const sec = (ms: number) => (ms / 1000).toFixed(2).padStart(5);
const lines: [number, string][] = [
  [
    opened[0]! - startedAt,
    'until its first message reached the fake (claim, clients set up, first requests of all 100)',
  ],
  [
    (opened.length - 1) * windowMs,
    `${opened.length - 1} rate-limit windows of 2 s before the last (the floor: ${median.floor} s)`,
  ],
  ...opened
    .slice(1)
    .map((at, i): [number, string] => [
      at - opened[i]! - windowMs,
      `window ${i + 2} opened past the end of window ${i + 1} (discord.js's margin 0.05, the answer's and the next request's way)`,
    ]),
  [msgs.at(-1)!.at - opened.at(-1)!, `from window ${opened.length}'s opening to the fake's last answer`],
  [
    median.wall * 1000 - (msgs.at(-1)!.at - startedAt),
    'after that (its way back, marking it sent, the last claims released)',
  ],
];
console.log(
  `\nwhere the median round's ${median.wall.toFixed(2)} s went, on the critical path (${name}, ${msgs.length} messages):`,
);
for (const [ms, what] of lines) console.log(`  ${sec(ms)} s  ${what}`);
console.log(
  `its client: ${sec(c.limitWaits).trim()} s waiting on announced limits, ${sec(c.retryWaits).trim()} s on 429s, ${sec(c.sending - c.limitWaits - c.retryWaits).trim()} s in its ${c.sends} requests`,
);
const slackDone = Math.max(...report.slack.messages.map((m) => m.at)) - startedAt;
console.log(
  `Slack: the last message reached the fake at ${sec(slackDone).trim()} s (its floor ${median.slackParts - 1} s); CPU during the fan-out: ours ${(median.cpuMs.ours / 1000).toFixed(2)} s, the fakes' ${(median.cpuMs.fakes / 1000).toFixed(2)} s (2 cores)`,
);
process.exit(met ? 0 : 1);
