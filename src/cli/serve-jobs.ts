/**
 * The jobs `serve --poll-every / --digest-schedule` runs: the same poll, delivery and digest steps as the
 * `poll` and `digest` commands, on the serve process's store and clients.
 */
import type { Redactor } from '../domain/redact.js';
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { LoadedConfig } from '../config/load.js';
import { durationSeconds, everySeconds } from '../config/duration.js';
import { allRoutes } from '../deliver/chat-routes.js';
import type { Destination } from '../config/schema.js';
import type { Sender } from '../platforms/sender.js';
import type { ChatTokens } from '../deliver/chat-routes.js';
import type { TemplateRenderer } from '../render/templates.js';
import { runDigests } from '../digest/run-digest.js';
import type { GitHubClient } from '../github/client.js';
import { pollAndDeliver } from '../poll/poll-and-deliver.js';
import { repoTagFilters } from '../diff/tag-filter.js';
import type { JobResult } from '../serve/scheduler.js';
import type { Store } from '../store/store.js';
import type { SmtpTransport } from './context.js';

export interface JobDeps {
  config: LoadedConfig;
  store: Store;
  github: GitHubClient;
  classifier: Classifier;
  renderer: TemplateRenderer;
  logger: Logger;
  /** The bot tokens chat-made subscriptions post with. */
  tokens: ChatTokens;
  makeSender: (d: Destination) => Promise<Sender>;
  smtpUrl: string | undefined;
  smtp: (url: string) => Promise<SmtpTransport>;
  redactor: Redactor;
}

/** `everySec` (`serve --poll-every`) stands in for poll.every; a repo's own `every` still wins. */
export function pollJob(d: JobDeps, everySec?: number) {
  const { makeSender } = d;
  const fallback = everySec ?? everySeconds(d.config.poll.every);
  const every = new Map(d.config.repos.map((r) => [r.name, r.every ? everySeconds(r.every) : fallback]));
  return async (signal: AbortSignal): Promise<JobResult> => {
    // Routes are read each time: subscriptions made in chat since the last poll count at once.
    const { destinations, subscriptions, skipped } = await allRoutes(d.config, d.store, d.tokens);
    for (const why of skipped) d.logger.warn(`chat subscription not used: ${why}`);
    // The due repos, claimed in batches: replicas on one PostgreSQL database split them.
    const { poll: result, summaries } = await pollAndDeliver(
      {
        store: d.store,
        github: d.github,
        classifier: d.classifier,
        logger: d.logger,
        redactor: d.redactor,
        routes: { destinations, subscriptions },
        renderer: d.renderer,
        makeSender,
      },
      {
        repos: d.config.repos.map((r) => r.name),
        dryRun: false,
        initial: d.config.poll.initial,
        perPage: d.config.poll.per_page,
        tagFilters: repoTagFilters(d.config.repos),
        relistEverySec: durationSeconds(d.config.poll.relist_every),
        signal,
        everySec: (repo) => every.get(repo) ?? fallback,
      },
    );
    const sum = (k: 'sent' | 'failed' | 'pending') => summaries.reduce((n, s) => n + s[k], 0);
    const failed = result.failures.length > 0 || summaries.some((s) => s.errors.length > 0);
    return {
      outcome: failed ? 'failed' : 'ok',
      detail: {
        events: result.events.length,
        checked: result.checked.length,
        requests: result.requests,
        // GitHub's budget this poll used and what is left, per stream (shown in /healthz).
        budget: result.budget,
        ...(result.fullListings.length ? { full_listings: result.fullListings.length } : {}),
        sent: sum('sent'),
        failed: sum('failed'),
        pending: sum('pending'),
        ...(result.failures.length ? { errors: result.failures.map((f) => f.message) } : {}),
        ...(result.backoff.length ? { backoff: result.backoff } : {}),
      },
    };
  };
}

export function digestJob(d: JobDeps) {
  return async (): Promise<JobResult> => {
    const smtpUrl = d.smtpUrl;
    if (!smtpUrl)
      return { outcome: 'failed', detail: { error: 'no SMTP server: set email.smtp_url in the config or SMTP_URL' } };
    const transport = await d.smtp(smtpUrl);
    try {
      const results = await runDigests(
        { store: d.store, config: d.config, renderer: d.renderer, transport, logger: d.logger, redactor: d.redactor },
        { dryRun: false },
      );
      return {
        outcome: results.some((r) => r.status === 'failed') ? 'failed' : 'ok',
        detail: {
          sent: results.filter((r) => r.status === 'sent').length,
          failed: results.filter((r) => r.status === 'failed').length,
        },
      };
    } finally {
      transport.close();
    }
  };
}
