/**
 * The main job, composed once: poll GitHub (recording releases, events and their outbox rows in one
 * transaction per repo), optionally queue failed deliveries again, then send what is pending. `poll`, the
 * `serve --poll-every` job, the tests and the benchmarks all run this; commands only parse flags and print.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { Destination, Subscription } from '../config/schema.js';
import type { DestinationSummary, SenderFactory } from '../deliver/dispatch.js';
import type { Redactor } from '../domain/redact.js';
import type { GitHubClient } from '../github/client.js';
import type { platformOf } from '../platforms/registry.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { Store } from '../store/store.js';
import { runPoll, type PollOptions } from './run-poll.js';
import { runScheduledPoll, type ScheduledPollResult } from './scheduled-poll.js';

export interface PollAndDeliverDeps {
  store: Store;
  github: GitHubClient;
  classifier: Classifier;
  logger: Logger;
  /** Where messages go: the config's routes and the chat-made ones, read for this run. */
  routes: { destinations: readonly Destination[]; subscriptions: readonly Subscription[] };
  /** Renders messages; needed when there are destinations. */
  renderer?: TemplateRenderer;
  /** Makes each destination's sender; without it nothing is sent (a dry run). */
  makeSender?: SenderFactory;
  redactor?: Redactor;
  /** The platforms by destination type (default release-radar's). */
  platforms?: Parameters<typeof platformOf>[1];
  now?: () => Date;
}

export interface PollAndDeliverOptions extends PollOptions {
  /**
   * Seconds between checks of a repo (its `every`, else `poll.every`): given, only the due repos are checked,
   * claimed in batches so that replicas and runs on one database split them (src/poll/scheduled-poll.ts);
   * not given (`--all`, `--repo`), every repo in `repos` is checked now.
   */
  everySec?: (repo: string) => number;
  /** Queue the failed deliveries again, rendered by today's templates, before sending. */
  retryFailed?: boolean;
  /** Destinations that exist but cannot be sent to in this run: their rows wait. */
  unusable?: readonly string[];
  /** Ms between messages to one destination, for platforms that pace themselves (default each platform's). */
  spacingMs?: number;
  /** Shutting down: the message in flight finishes, the rest wait for the next run. */
  signal?: AbortSignal;
}

export interface PollAndDeliverResult {
  poll: ScheduledPollResult;
  /** Per destination, what was sent (empty on a dry run or with nowhere to send). */
  summaries: DestinationSummary[];
  /** With `retryFailed`: deliveries queued again, and how many of them were rendered afresh. */
  retried?: { deliveries: number; rerendered: number };
  /**
   * Per destination, the messages that failed (in this run or an earlier one) and wait for
   * `poll --retry-failed`: a destination that broke once must not go quiet in later runs. Empty on a dry run.
   */
  failedWaiting: Map<string, number>;
}

export async function pollAndDeliver(
  deps: PollAndDeliverDeps,
  opts: PollAndDeliverOptions,
): Promise<PollAndDeliverResult> {
  const { store, routes, renderer } = deps;
  // Templates and the outbox dispatcher load only when there is somewhere to deliver.
  const delivering = routes.destinations.length > 0 && !!renderer;
  const planning = delivering ? await import('../deliver/plan-deliveries.js') : null;
  const plan =
    planning && renderer
      ? (events: Parameters<typeof planning.planDeliveries>[0]) =>
          planning.planDeliveries(events, routes.destinations, routes.subscriptions, renderer, deps.platforms)
      : undefined;
  const pollDeps = {
    store,
    github: deps.github,
    classifier: deps.classifier,
    logger: deps.logger,
    planDeliveries: plan,
    ...(deps.now ? { now: deps.now } : {}),
  };
  const { everySec } = opts;
  if (!everySec && opts.repos.length && !opts.dryRun) {
    // `--all` and `--repo` claim nothing, but their requests count against the token's minute too.
    deps.github.shareWith(await store.schedule.pollers(`poll-${randomUUID()}`, deps.now?.() ?? new Date()));
  }
  const poll: ScheduledPollResult = everySec
    ? await runScheduledPoll(pollDeps, { ...opts, everySec })
    : { ...(await runPoll(pollDeps, opts)), checked: opts.repos, backoff: [] };

  let retried: PollAndDeliverResult['retried'];
  if (opts.retryFailed && !opts.dryRun) {
    const at = (deps.now?.() ?? new Date()).toISOString();
    const rows = await store.outbox.retryFailed(at);
    // Sent again as today's templates render them (a template fix is often why they are retried).
    let rerendered = 0;
    if (rows.length && plan) {
      const fresh = plan(await store.eventsById([...new Set(rows.map((r) => r.eventId))]));
      for (const r of rows) {
        const d = fresh.find((x) => x.eventId === r.eventId && x.destination === r.destination);
        if (d && (await store.outbox.rerender(d, at))) rerendered++;
      }
    }
    retried = { deliveries: rows.length, rerendered };
    deps.logger.info(retried, 'failed deliveries queued again (--retry-failed)');
  }

  // Send what is pending: this run's messages and any a failed run left behind.
  const summaries =
    !opts.dryRun && delivering && deps.makeSender
      ? await (
          await import('../deliver/dispatch.js')
        ).dispatchPending({
          store,
          destinations: routes.destinations,
          makeSender: deps.makeSender,
          logger: deps.logger,
          ...(deps.redactor ? { redactor: deps.redactor } : {}),
          ...(deps.platforms ? { platforms: deps.platforms } : {}),
          ...(deps.now ? { now: deps.now } : {}),
          ...(opts.unusable ? { unusable: opts.unusable } : {}),
          ...(opts.spacingMs !== undefined ? { spacingMs: opts.spacingMs } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        })
      : [];
  // Advisory: a store that went away mid-run has already failed the repos it was writing; say nothing more.
  const failedWaiting = opts.dryRun
    ? new Map<string, number>()
    : await store.outbox.failedCounts().catch(() => new Map<string, number>());
  return { poll, summaries, failedWaiting, ...(retried ? { retried } : {}) };
}
