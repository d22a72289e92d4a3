/** `release-radar poll`: the main job. Reads GitHub, records releases and change events, reports them. */
import { redact } from '../domain/redact.js';
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
import { deletionWarnings, renderPollText } from '../render/event-text.js';
import { describeLocation, storeLocation } from '../store/location.js';
import { Store } from '../store/store.js';
import { checkChoice, checkRepo } from './input.js';
import { deliveryPreviews, PREVIEW_ROUTES, writePreviewPages } from './previews.js';
import type { Io } from './io.js';

/** Where a newcomer without network goes next. */
const OFFLINE_HINT = 'to try release-radar without network, see "Offline" in the README';

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
  logger.debug({ store: describeLocation(loc), repos, dryRun: !!opts.dryRun }, 'poll starting');
  const store = await Store.open(loc, { logger });
  try {
    const github = createGitHubClient({ baseUrl: io.env.GITHUB_API_URL, token: io.env.GITHUB_TOKEN, logger });
    const classifier = new Classifier(config.resolvedCategories);
    const renderer = new TemplateRenderer(config.templates ? resolve(dirname(config.file), config.templates) : undefined, { siteBaseUrl: config.site?.base_url });
    // Subscriptions from the config file and those made in chat with /releases subscribe.
    const routes = await allRoutes(config, store, io.env);
    // Reported in the summary and the exit code: a subscription that is never delivered must not go unnoticed.
    const unusable = routes.skipped.map((why) => `subscription not usable: ${why}`);
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
      const at = new Date().toISOString();
      const retried = await store.outbox.retryFailed(at);
      // Sent again as today's templates render them (a template fix is often why they are retried).
      const events = await store.eventsById([...new Set(retried.map((r) => r.eventId))]);
      const fresh = planDeliveries(events, destinations, subscriptions, renderer);
      let rerendered = 0;
      for (const r of retried) {
        const d = fresh.find((x) => x.eventId === r.eventId && x.destination === r.destination);
        if (d && (await store.outbox.rerender(d, at))) rerendered++;
      }
      logger.info({ deliveries: retried.length, rerendered }, 'failed deliveries queued again (--retry-failed)');
    }
    // Send what is pending: this run's messages and any a failed run left behind.
    const summaries =
      !opts.dryRun && destinations.length
        ? await dispatchPending({
            store,
            destinations,
            makeSender: senderFactory({ slackApiUrl: io.env.SLACK_API_URL, discordApiUrl: io.env.DISCORD_API_URL, logger }),
            logger,
            // Chat channels whose token is missing this run still exist: their rows wait, they are not retired.
            unusable: (await store.chatSubscriptions.list()).map((s) => s.destination),
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
      io.out(JSON.stringify({ events: result.events, deleted: result.deleted, requests: result.requests, ...(opts.dryRun ? { deliveries } : {}) }, null, 2) + '\n');
    } else if (!result.unreachable) {
      io.out(renderPollText(result.events, result.requests, !!opts.dryRun, result.deleted, { total: repos.length, failed: result.failures.length }));
    }
    if (summaries.length) io.err(renderSummaryText(summaries));
    if (io.env.GITHUB_STEP_SUMMARY) {
      const warnings = deletionWarnings(result.deleted, !!opts.dryRun).map((w) => `> ${w}\n`);
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, renderSummaryMarkdown(summaries, result.events.length, !!opts.dryRun) + (warnings.length ? `\n${warnings.join('>\n')}` : ''));
    }
    for (const u of unusable) io.err(`release-radar: ${u}\n`);
    if (unusable.length && io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `\n${unusable.map((u) => `> ${u}\n`).join('>\n')}`);
    if (result.unreachable) io.err(`release-radar: ${redact(result.unreachable)}; nothing was polled. Check the network, or GITHUB_API_URL (${OFFLINE_HINT})\n`);
    // One line per failed repo, naming it (a store error's text does not).
    else for (const f of result.failures) io.err(`release-radar: ${redact(f.message.includes(f.repo) ? f.message : `${f.repo}: ${f.message}`)}\n`);
    // The action's outputs: counts a later step can test (`steps.<id>.outputs.events`).
    if (io.env.GITHUB_OUTPUT) {
      const sent = summaries.reduce((n, s) => n + s.sent, 0);
      const failed = summaries.reduce((n, s) => n + s.failed, 0);
      appendFileSync(io.env.GITHUB_OUTPUT, `events=${result.events.length}\nsent=${sent}\nfailed=${failed}\n`);
    }
    const deliveryTrouble = summaries.some((s) => s.errors.length > 0);
    return result.failures.length || deliveryTrouble || unusable.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
