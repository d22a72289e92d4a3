/**
 * The poll runner: for each repo, list releases, plan (pure), write atomically. A repo that fails leaves
 * its state untouched so the next run redoes its work; the other repos go on.
 */
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { ChangeEvent } from '../diff/events.js';
import { planRepoPoll, type InitialMode } from '../diff/plan.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import type { GitHubClient } from '../github/client.js';
import { listReleases } from '../github/list-releases.js';
import type { Store } from '../store/store.js';

export interface PollDeps {
  store: Store;
  github: GitHubClient;
  classifier: Classifier;
  logger: Logger;
  now?: () => Date;
  /** Outbox content for new events; written in the same transaction as the events. */
  planDeliveries?: (events: ChangeEvent[]) => PlannedDelivery[];
}

export interface PollOptions {
  repos: string[];
  dryRun: boolean;
  initial: InitialMode;
  perPage: number;
}

export interface RepoFailure {
  repo: string;
  message: string;
}

export interface PollResult {
  events: ChangeEvent[];
  deliveries: PlannedDelivery[];
  requests: number;
  failures: RepoFailure[];
}

/** A repo seen for the first time is read in pages of 100: its whole history is recorded once. */
const FIRST_POLL_PAGE = 100;

export async function runPoll(deps: PollDeps, opts: PollOptions): Promise<PollResult> {
  const { store, github, classifier, logger } = deps;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const result: PollResult = { events: [], deliveries: [], requests: 0, failures: [] };
  const start = github.requests();

  for (const repo of opts.repos) {
    const log = logger.child({ repo });
    try {
      const state = await store.repoState(repo);
      const known = await store.knownReleases(repo);
      const knownIds = new Set(known.map((k) => k.githubId));
      const firstPoll = state === null;
      const listing = await listReleases(github, repo, {
        etag: state?.etag ?? null,
        perPage: firstPoll ? FIRST_POLL_PAGE : opts.perPage,
        isKnown: (id) => knownIds.has(id),
      });
      if (listing.notModified) {
        log.info({ pages: listing.pages }, 'no change (304 Not Modified)');
        if (!opts.dryRun) await store.touchRepo(repo, listing.etag, now());
        continue;
      }
      // The parser (remark) loads only when there is something to parse: a quiet poll never needs it.
      const { parseAndClassify } = await import('../notes.js');
      const plan = planRepoPoll({
        repo,
        known,
        fetched: listing.releases,
        complete: listing.complete,
        firstPoll,
        initial: opts.initial,
        categories: classifier.categories,
        parse: (body, r) => parseAndClassify(body, r, classifier),
        now: now(),
      });
      const deliveries = deps.planDeliveries?.(plan.events) ?? [];
      if (!opts.dryRun) await store.applyRepoPlan(repo, plan, listing.etag, now(), deliveries);
      result.events.push(...plan.events);
      result.deliveries.push(...deliveries);
      log.info(
        {
          pages: listing.pages,
          listed: listing.releases.length,
          recorded: plan.releases.length,
          revisions: plan.revisions.length,
          deleted: plan.deleted.length,
          events: plan.events.length,
          dryRun: opts.dryRun,
        },
        firstPoll ? 'first poll: history recorded' : 'polled',
      );
    } catch (e) {
      const message = (e as Error).message;
      log.error({ err: { message, status: (e as { status?: number }).status } }, 'poll failed; state for this repo not advanced');
      result.failures.push({ repo, message });
    }
  }
  result.requests = github.requests() - start;
  return result;
}
