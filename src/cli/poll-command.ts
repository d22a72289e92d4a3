/** `release-radar poll`: the main job. Reads GitHub, records releases and change events, reports them. */
import { appendFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Classifier } from '../classify/classifier.js';
import { UsageError } from '../domain/errors.js';
import { loadConfig } from '../config/load.js';
import type { InitialMode } from '../diff/plan.js';
import { allRoutes } from '../deliver/chat-routes.js';
import { dispatchPending, renderSummaryMarkdown, renderSummaryText } from '../deliver/dispatch.js';
import { planDeliveries } from '../deliver/plan-deliveries.js';
import { senderFactory } from '../deliver/senders/index.js';
import { TemplateRenderer } from '../deliver/templates.js';
import { createGitHubClient } from '../github/client.js';
import { createLogger } from '../log.js';
import { runPoll } from '../poll/run-poll.js';
import { renderPollText } from '../render/event-text.js';
import { describeLocation, storeLocation } from '../store/location.js';
import { Store } from '../store/store.js';
import { checkChoice, checkRepo } from './input.js';
import { deliveryPreviews, PREVIEW_ROUTES, writePreviewPages } from './previews.js';
import type { Io } from './io.js';

export interface PollCommandOptions {
  config?: string;
  db?: string;
  repo: string[];
  dryRun?: boolean;
  format: string;
  initial?: string;
  retryFailed?: boolean;
  preview?: string;
}

export async function pollCommand(opts: PollCommandOptions, io: Io): Promise<number> {
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const config = loadConfig(opts.config, io.env);
  const initial: InitialMode = opts.initial ? checkChoice('--initial', opts.initial, ['latest', 'none', 'all'] as const) : config.poll.initial;
  const repos = opts.repo.length ? opts.repo.map(checkRepo) : config.repos.map((r) => r.name);
  if (!repos.length) throw new UsageError('no repos to poll: list them under `repos:` in the config or pass --repo');

  if (opts.preview && !opts.dryRun) throw new UsageError('--preview writes what would be sent: use it with --dry-run');
  const logger = createLogger(io.env, io.err);
  const loc = storeLocation(io.env, opts.db, opts.dryRun);
  logger.info({ store: describeLocation(loc), repos, dryRun: !!opts.dryRun }, 'poll starting');
  const store = await Store.open(loc);
  try {
    const github = createGitHubClient({ baseUrl: io.env.GITHUB_API_URL, token: io.env.GITHUB_TOKEN, logger });
    const classifier = new Classifier(config.resolvedCategories);
    const renderer = new TemplateRenderer(config.templates ? resolve(dirname(config.file), config.templates) : undefined, { siteBaseUrl: config.site?.base_url });
    // Subscriptions from the config file and those made in chat with /releases subscribe.
    const routes = await allRoutes(config, store, io.env);
    for (const why of routes.skipped) logger.warn(`chat subscription not used: ${why}`);
    // A preview with nowhere to send shows what a Slack and a Discord channel would get.
    const { destinations, subscriptions } = opts.preview && !routes.destinations.length ? PREVIEW_ROUTES : routes;
    const result = await runPoll(
      {
        store,
        github,
        classifier,
        logger,
        planDeliveries: destinations.length ? (events) => planDeliveries(events, destinations, subscriptions, renderer) : undefined,
      },
      { repos, dryRun: !!opts.dryRun, initial, perPage: config.poll.per_page },
    );
    if (opts.retryFailed && !opts.dryRun) {
      const n = await store.outbox.retryFailed(new Date().toISOString());
      logger.info({ deliveries: n }, 'failed deliveries queued again (--retry-failed)');
    }
    // Send what is pending: this run's messages and any a failed run left behind.
    const summaries =
      !opts.dryRun && destinations.length
        ? await dispatchPending({
            store,
            destinations,
            makeSender: senderFactory({ slackApiUrl: io.env.SLACK_API_URL, discordApiUrl: io.env.DISCORD_API_URL, logger }),
            logger,
          })
        : [];

    if (opts.preview) {
      const files = writePreviewPages(opts.preview, renderer, deliveryPreviews(destinations, result.deliveries, result.events));
      io.err(`preview: ${files.length ? files.join(', ') : `nothing to send, no page written to ${opts.preview}`}\n`);
    }
    if (format === 'json') {
      const deliveries = result.deliveries.map((d) => {
        const e = result.events.find((x) => x.id === d.eventId);
        return { destination: d.destination, event: d.eventId, type: e?.type, repo: e?.repo, tag: e?.tag, payloads: d.payloads };
      });
      io.out(JSON.stringify({ events: result.events, requests: result.requests, ...(opts.dryRun ? { deliveries } : {}) }, null, 2) + '\n');
    } else io.out(renderPollText(result.events, result.requests, !!opts.dryRun));
    if (summaries.length) io.err(renderSummaryText(summaries));
    if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, renderSummaryMarkdown(summaries, result.events.length));
    for (const f of result.failures) io.err(`release-radar: ${f.message}\n`);
    const deliveryTrouble = summaries.some((s) => s.errors.length > 0);
    return result.failures.length || deliveryTrouble ? 1 : 0;
  } finally {
    await store.close();
  }
}
