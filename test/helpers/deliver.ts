/** A poll with deliveries against the fakes (GitHub, Slack and Discord on loopback), through the one runner. */
import { allRoutes } from '../../src/deliver/chat-routes.js';
import { senderFactory, templateRenderer } from '../../src/platforms/registry.js';
import { Redactor } from '../../src/domain/redact.js';
import type { DestinationSummary } from '../../src/deliver/dispatch.js';
import { validateConfig, type LoadedConfig } from '../../src/config/load.js';
import { Classifier } from '../../src/classify/classifier.js';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';
import { pollAndDeliver as runPollAndDeliver } from '../../src/poll/poll-and-deliver.js';
import type { PollResult } from '../../src/poll/run-poll.js';
import type { Store } from '../../src/store/store.js';
import { FakeDiscord } from '../../src/fakes/discord.js';
import { FakeGitHub } from '../../src/fakes/github.js';
import { FakeSlack } from '../../src/fakes/slack.js';

export interface Fakes {
  gh: FakeGitHub;
  slack: FakeSlack;
  discord: FakeDiscord;
}

/** GitHub, Slack and Discord fakes on loopback, with these Slack channels. */
export async function startFakes(slackChannels: string[] = []): Promise<Fakes> {
  const [gh, slack, discord] = await Promise.all([
    new FakeGitHub().start(),
    new FakeSlack().start(),
    new FakeDiscord().start(),
  ]);
  for (const c of slackChannels) slack.channels.add(c);
  return { gh, slack, discord };
}

export async function closeFakes(f: Fakes): Promise<void> {
  await Promise.all([f.gh.close(), f.slack.close(), f.discord.close()]);
}

export function config(raw: unknown, env: NodeJS.ProcessEnv = {}): LoadedConfig {
  return validateConfig(raw, 'test.yaml', env);
}

export async function pollAndDeliver(
  store: Store,
  fakes: Fakes,
  cfg: LoadedConfig,
  opts: { dryRun?: boolean; spacingMs?: number; templates?: string; now?: () => Date } = {},
): Promise<{ poll: PollResult; summaries: DestinationSummary[] }> {
  const renderer = templateRenderer(opts.templates);
  const classifier = new Classifier(cfg.resolvedCategories);
  // Config routes plus chat-made subscriptions, as the poll command does.
  const { destinations, subscriptions } = await allRoutes(cfg, store, {
    slack: 'xoxb-test-token',
    discord: fakes.discord.botToken,
  });
  const { poll, summaries } = await runPollAndDeliver(
    {
      store,
      github: createGitHubClient({ baseUrl: fakes.gh.url, logger: silentLogger, retryUnitMs: 5 }),
      classifier,
      logger: silentLogger,
      routes: { destinations, subscriptions },
      renderer,
      makeSender: senderFactory(
        {
          apiUrls: { slack: fakes.slack.apiUrl, discord: fakes.discord.apiUrl },
          retry: { retries: 3, minDelayMs: 20 },
          logger: silentLogger,
        },
        new Redactor(),
      ),
      ...(opts.now ? { now: opts.now } : {}),
    },
    {
      repos: cfg.repos.map((r) => r.name),
      dryRun: !!opts.dryRun,
      initial: 'latest',
      perPage: 30,
      ...(opts.spacingMs !== undefined ? { spacingMs: opts.spacingMs } : {}),
    },
  );
  if (poll.failures.length) throw new Error(JSON.stringify(poll.failures));
  return { poll, summaries };
}
