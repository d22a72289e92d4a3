/**
 * The poll runner: for each repo, list releases, plan (pure), write atomically. A repo that fails leaves
 * its state untouched so the next run redoes its work; the other repos go on.
 */
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { ChangeEvent } from '../diff/events.js';
import { deletionSuspects, planRepoPoll, releasesNeedingItems, type InitialMode } from '../diff/plan.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import { StoreError } from '../domain/errors.js';
import type { GitHubClient } from '../github/client.js';
import { UnreachableError } from '../github/errors.js';
import { FIRST_LISTING_PAGE, FirstListings } from '../github/first-listing.js';
import { listReleases, releaseExists, type ListResult } from '../github/list-releases.js';
import { quietCheck } from '../github/quiet-check.js';
import { budgetErrorOf, type Stream, type StreamUse } from '../github/pacing.js';
import type { TagFilter } from '../diff/tag-filter.js';
import type { RepoState, Store } from '../store/store.js';

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
  /** Per repo, its tag filter (config `tags` / `exclude_tags`): releases it does not admit are recorded, never announced. */
  tagFilters?: ReadonlyMap<string, TagFilter>;
  /**
   * List a repo's whole history again when its last full listing is older than this (seconds): edits and
   * deletions past the first page are seen only then. Undefined or 0: never.
   */
  relistEverySec?: number;
}

/** Whether a repo's whole history is due to be listed again (its last full listing is older than the period). */
function relistDue(state: RepoState | null, now: string, everySec: number | undefined): boolean {
  if (!state || !everySec) return false;
  return !state.lastFullListingAt || Date.parse(now) - Date.parse(state.lastFullListingAt) >= everySec * 1000;
}

export interface RepoFailure {
  repo: string;
  message: string;
  /** Not tried: GitHub's budget is spent until then (ISO time); the repo is left for a later poll. */
  deferredUntil?: string;
}

/** What a poll spent of GitHub's budget, per stream, and what GitHub said is left. */
export type BudgetUse = Record<
  Stream,
  { requests: number; points: number; waitedMs: number; remaining: number | null; limit: number | null }
>;

function budgetUse(before: Record<Stream, StreamUse>, after: Record<Stream, StreamUse>): BudgetUse {
  const one = (k: Stream) => ({
    requests: after[k].requests - before[k].requests,
    points: after[k].points - before[k].points,
    waitedMs: Math.round(after[k].waitedMs - before[k].waitedMs),
    remaining: after[k].budget?.remaining ?? null,
    limit: after[k].budget?.limit ?? null,
  });
  return { rest: one('rest'), graphql: one('graphql') };
}

export interface DeletedRelease {
  repo: string;
  tag: string;
}

export interface PollResult {
  events: ChangeEvent[];
  /** Releases found deleted on GitHub in this poll (a warning in the summary). */
  deleted: DeletedRelease[];
  deliveries: PlannedDelivery[];
  requests: number;
  /** The requests by API: REST (listings, release look-ups) and GraphQL (quiet checks). */
  requestsByKind: { rest: number; graphql: number };
  /** Repos the GraphQL quiet check found unchanged (not listed by REST). */
  quiet: number;
  /** GitHub's budget this poll used, per stream. */
  budget: BudgetUse;
  failures: RepoFailure[];
  /** Set when GitHub could not be reached at all (DNS, refused, certificate): why, in one line. */
  unreachable?: string;
  /** Repos whose whole history was listed again in this poll, and the requests (pages) it took. */
  fullListings: { repo: string; requests: number }[];
}

/** A repo seen for the first time is read in pages of 100: its whole history is recorded once. */
const FIRST_POLL_PAGE = 100;
/** Repos polled at once (the client's pacer keeps the requests in flight and per minute under GitHub's limits). */
const REPO_CONCURRENCY = 16;

export async function runPoll(deps: PollDeps, opts: PollOptions): Promise<PollResult> {
  const { store, github, classifier, logger } = deps;
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const result: PollResult = {
    events: [],
    deleted: [],
    deliveries: [],
    requests: 0,
    requestsByKind: { rest: 0, graphql: 0 },
    quiet: 0,
    budget: budgetUse(github.usage(), github.usage()),
    failures: [],
    fullListings: [],
  };
  const usageBefore = github.usage();
  const start = github.requests();
  const startByKind = github.requestsByKind();

  // With a token, one GraphQL query per 100 repos reads their newest releases: a repo whose fingerprint is
  // the one stored at its last listing (and whose full re-listing is not due) is quiet, with no REST request.
  const fingerprints = new Map<string, string>();
  const quiet = new Set<string>();
  let firstListings: FirstListings | undefined;
  if (github.canQuery && opts.repos.length) {
    const [states, check] = await Promise.all([store.repoStates(opts.repos), quietCheck(github, opts.repos)]);
    // Repos seen for the first time are read with their notes over GraphQL, a batch of them a query: those
    // whose whole history fits one page (the quiet check counted it; a longer one would travel for nothing).
    firstListings = new FirstListings(
      github,
      opts.repos.filter((r) => !states.has(r) && (check.totals.get(r) ?? Infinity) <= FIRST_LISTING_PAGE),
      (e, repos) =>
        logger.warn({ err: { message: e.message }, repos }, 'first listing over GraphQL failed: listed by REST'),
    );
    for (const [repo, fp] of check.fingerprints) {
      fingerprints.set(repo, fp);
      const state = states.get(repo);
      if (state && state.quietFingerprint === fp && !relistDue(state, now(), opts.relistEverySec)) quiet.add(repo);
    }
    if (quiet.size && !opts.dryRun) await store.touchRepos([...quiet], now());
    result.quiet = quiet.size;
    logger.info(
      { repos: opts.repos.length, quiet: quiet.size, queries: check.queries, rateLimit: check.rateLimit },
      'quiet check (GraphQL)',
    );
  }

  // Repos are polled side by side (a few at a time; Octokit's throttling still paces the requests). Each
  // repo's outcome goes to its own slot so the result lists repos in the order they were asked for.
  const perRepo = opts.repos.map(() => ({
    events: [] as ChangeEvent[],
    deleted: [] as DeletedRelease[],
    deliveries: [] as PlannedDelivery[],
    failure: null as RepoFailure | null,
    fullListing: null as { repo: string; requests: number } | null,
  }));
  const queue = new PQueue({ concurrency: REPO_CONCURRENCY });
  let storeTrouble: StoreError | undefined;
  await queue.addAll(
    opts.repos.map((repo, index) => async () => {
      const slot = perRepo[index]!;
      const log = logger.child({ repo });
      if (result.unreachable) {
        slot.failure = { repo, message: result.unreachable }; // same host: not tried
        return;
      }
      if (storeTrouble) return; // the store cannot be written: the command stops with that
      if (quiet.has(repo)) return;
      const fingerprint = fingerprints.get(repo);

      try {
        const state = await store.repoState(repo);
        const known = await store.knownReleases(repo);
        const knownIds = new Set(known.map((k) => k.githubId));
        const firstPoll = state === null;
        // Now and then the whole history, unconditionally (an ETag would answer 304 for a later page's edit).
        const relist = relistDue(state, now(), opts.relistEverySec);
        const graph = firstPoll ? await firstListings?.take(repo) : undefined;
        const listing: ListResult = graph
          ? { notModified: false, etag: null, complete: true, pages: 0, ...graph }
          : await listReleases(github, repo, {
              etag: relist ? null : (state?.etag ?? null),
              perPage: firstPoll || relist ? FIRST_POLL_PAGE : opts.perPage,
              isKnown: (id) => knownIds.has(id),
              full: relist,
            });
        if (listing.notModified) {
          log.info({ pages: listing.pages }, 'no change (304 Not Modified)');
          if (!opts.dryRun) await store.touchRepo(repo, listing.etag, now(), fingerprint);
          return;
        }
        // A partial listing proves no deletion: ask GitHub about each known release it should have shown.
        const gone = new Set<string>();
        if (!listing.complete) {
          for (const k of deletionSuspects(known, listing.releases))
            if (!(await releaseExists(github, repo, k.githubId))) gone.add(k.githubId);
        }
        if (listing.droppedUrls.length)
          log.warn({ tags: listing.droppedUrls }, 'release URL is not an https:// link on the GitHub host: dropped');
        // The parser (remark) loads only when there is something to parse: a quiet poll never needs it.
        const { parseAndClassify } = await import('../notes.js');
        const items = await store.itemsOf(releasesNeedingItems(known, listing.releases));
        const plan = planRepoPoll({
          repo,
          known,
          itemsOf: (key) => items.get(key) ?? [],
          fetched: listing.releases,
          complete: listing.complete,
          gone,
          firstPoll,
          initial: opts.initial,
          categories: classifier.categories,
          parse: (body, r) => parseAndClassify(body, r, classifier),
          announces: opts.tagFilters?.get(repo),
          now: now(),
        });
        const deliveries = deps.planDeliveries?.(plan.events) ?? [];
        // A complete listing (a first poll's, a full one) is when the next full listing is counted from.
        const full = firstPoll || relist;
        if (!opts.dryRun)
          await store.applyRepoPlan(repo, plan, listing.etag, now(), deliveries, full && listing.complete, fingerprint);
        if (relist) slot.fullListing = { repo, requests: listing.pages };
        slot.events.push(...plan.events);
        const tagOf = new Map(known.map((k) => [k.key, k.tag]));
        slot.deleted.push(...plan.deleted.map((key) => ({ repo, tag: tagOf.get(key) ?? key })));
        slot.deliveries.push(...deliveries);
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
          firstPoll ? 'first poll: history recorded' : relist ? 'polled, whole history listed again' : 'polled',
        );
      } catch (e) {
        const message = (e as Error).message;
        // A locked or read-only store fails every repo alike: stop and say so, once (exit code 3).
        if (e instanceof StoreError) {
          storeTrouble ??= e;
          return;
        }
        const budget = budgetErrorOf(e);
        if (budget) {
          const until = new Date(budget.resetAt).toISOString();
          log.warn({ until }, 'GitHub budget spent: repo left for a later poll');
          slot.failure = { repo, message: `${repo}: ${budget.message}`, deferredUntil: until };
          return;
        }
        if (e instanceof UnreachableError) {
          // The command says this in one plain line; a JSON error line per repo would only repeat it.
          result.unreachable ??= message;
          log.debug({ err: { message } }, 'GitHub unreachable');
          slot.failure = { repo, message };
          return;
        }
        log.error(
          { err: { message, status: (e as { status?: number }).status } },
          'poll failed; state for this repo not advanced',
        );
        slot.failure = { repo, message };
      }
    }),
  );
  if (storeTrouble) throw storeTrouble;
  for (const slot of perRepo) {
    result.events.push(...slot.events);
    result.deleted.push(...slot.deleted);
    result.deliveries.push(...slot.deliveries);
    if (slot.failure) result.failures.push(slot.failure);
    if (slot.fullListing) result.fullListings.push(slot.fullListing);
  }
  result.requests = github.requests() - start;
  const byKind = github.requestsByKind();
  result.requestsByKind = { rest: byKind.rest - startByKind.rest, graphql: byKind.graphql - startByKind.graphql };
  result.budget = budgetUse(usageBefore, github.usage());
  logger.info({ budget: result.budget }, 'GitHub budget used');
  return result;
}
