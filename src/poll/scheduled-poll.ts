/**
 * A poll of the due repos only: claims them from the store in batches (a lease each, so that replicas and
 * `poll` runs on one PostgreSQL database split them), checks each batch with `runPoll`, then sets each
 * repo's next time (each poller holding claims keeps to its share of GitHub's per-minute limits): its `every` after this check, later for a repo that keeps failing (backoff, so that it
 * does not hold the others back), at the budget's reset for one left because GitHub's budget was spent.
 */
import { randomUUID } from 'node:crypto';
import type { RepoOutcome } from '../store/repo-schedule.js';
import { runPoll, type PollDeps, type PollOptions, type PollResult } from './run-poll.js';

export interface ScheduledPollOptions extends Omit<PollOptions, 'repos'> {
  /** Every tracked repo; the due ones are checked. */
  repos: string[];
  /** Seconds between checks of a repo (`every`, else `poll.every`). */
  everySec: (repo: string) => number;
  /** Who claims (default: a new id per run). */
  owner?: string;
  /** Repos claimed at once (default 50: the tail a worker finishes alone is one batch; one GraphQL query each). */
  batch?: number;
  leaseMs?: number;
}

export interface ScheduledPollResult extends PollResult {
  /** Repos checked in this run (the due ones this process claimed). */
  checked: string[];
  /** Repos backing off after failures in a row: how many, and when they are due again. */
  backoff: { repo: string; failures: number; nextPollAt: string }[];
}

/** The longest a failing repo waits: its interval doubles with each failure in a row, up to this. */
const MAX_BACKOFF_SEC = 6 * 3600;

/** Due a little early: a cron (the Action's) that comes a few seconds before a repo's time still checks it. */
function graceSec(everySec: number): number {
  return Math.min(60, everySec / 4);
}

export function backoffSec(everySec: number, failures: number): number {
  return Math.min(Math.max(everySec, MAX_BACKOFF_SEC), everySec * 2 ** Math.min(failures, 20));
}

export async function runScheduledPoll(deps: PollDeps, opts: ScheduledPollOptions): Promise<ScheduledPollResult> {
  const { store } = deps;
  const clock = deps.now ?? (() => new Date());
  const owner = opts.owner ?? `poll-${randomUUID()}`;
  const batch = opts.batch ?? 50;
  const minEvery = Math.min(...opts.repos.map(opts.everySec));
  const out: ScheduledPollResult = {
    events: [],
    deleted: [],
    deliveries: [],
    requests: 0,
    requestsByKind: { rest: 0, graphql: 0 },
    quiet: 0,
    budget: {
      rest: { requests: 0, points: 0, waitedMs: 0, remaining: null, limit: null },
      graphql: { requests: 0, points: 0, waitedMs: 0, remaining: null, limit: null },
    },
    failures: [],
    fullListings: [],
    checked: [],
    backoff: [],
  };
  if (opts.dryRun) {
    // A dry run claims nothing and writes nothing: the due repos, once.
    const due = await store.schedule.due(opts.repos, new Date(clock().getTime() + graceSec(minEvery) * 1000));
    if (!due.length) return out;
    return { ...(await runPoll(deps, { ...opts, repos: due })), checked: due, backoff: [] };
  }
  try {
    for (;;) {
      const now = clock();
      const done = new Set(out.checked);
      const claimed = await store.schedule.claimDue(
        owner,
        opts.repos.filter((r) => !done.has(r)),
        now,
        {
          limit: batch,
          ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
          dueBy: new Date(now.getTime() + graceSec(minEvery) * 1000),
        },
      );
      if (!claimed.length) break;
      // GitHub's per-minute limits are per token: each poller holding claims keeps to its share of them.
      deps.github.shareWith(await store.schedule.pollers(owner, now));
      const repos = claimed.map((c) => c.repo);
      const r = await runPoll(deps, { ...opts, repos });
      merge(out, r);
      out.checked.push(...repos);
      const failed = new Map(r.failures.map((f) => [f.repo, f]));
      const after = clock().getTime();
      const outcomes: RepoOutcome[] = claimed.map(({ repo, failures }) => {
        const f = failed.get(repo);
        const every = opts.everySec(repo);
        if (!f) return { repo, nextPollAt: new Date(now.getTime() + every * 1000).toISOString(), failed: false };
        if (f.deferredUntil) return { repo, nextPollAt: f.deferredUntil };
        const nextPollAt = new Date(after + backoffSec(every, failures) * 1000).toISOString();
        out.backoff.push({ repo, failures: failures + 1, nextPollAt });
        return { repo, nextPollAt, failed: true };
      });
      await store.schedule.finish(owner, outcomes);
      // GitHub unreachable: every repo would fail alike; stop, the next run tries again.
      if (r.unreachable) break;
    }
  } finally {
    await store.schedule.release(owner);
    // Its last requests are still in GitHub's minute: the next poller counts it for that long.
    if (out.checked.length) await store.schedule.pollers(owner, clock());
  }
  return out;
}

function merge(out: ScheduledPollResult, r: PollResult): void {
  out.events.push(...r.events);
  out.deleted.push(...r.deleted);
  out.deliveries.push(...r.deliveries);
  out.failures.push(...r.failures);
  out.fullListings.push(...r.fullListings);
  out.requests += r.requests;
  out.requestsByKind.rest += r.requestsByKind.rest;
  out.requestsByKind.graphql += r.requestsByKind.graphql;
  out.quiet += r.quiet;
  out.unreachable ??= r.unreachable;
  for (const k of ['rest', 'graphql'] as const) {
    const b = out.budget[k];
    b.requests += r.budget[k].requests;
    b.points += r.budget[k].points;
    b.waitedMs += r.budget[k].waitedMs;
    b.remaining = r.budget[k].remaining ?? b.remaining;
    b.limit = r.budget[k].limit ?? b.limit;
  }
}
