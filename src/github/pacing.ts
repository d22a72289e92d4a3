/**
 * Pacing of the requests to GitHub, per stream (REST, GraphQL), under GitHub's limits:
 * - secondary limits: at most `perMinute` points in any minute (REST 900, GraphQL 2,000) and a few requests
 *   in flight (GitHub allows 100 concurrent; we keep to `inFlight`);
 * - the primary budget (`x-ratelimit-remaining` / `x-ratelimit-reset`): when it is spent, requests wait for the
 *   reset if it comes within `maxWaitMs`, else they fail at once with BudgetError (no request GitHub would
 *   refuse is sent); when it runs low (under `lowShare`), requests are spread over the time left until the
 *   reset, or fail with BudgetError when that pace is slower than one per `maxWaitMs`;
 * - 403/429 with `retry-after`: the whole stream pauses that long (the retry plugin retries the request);
 * - several processes on one token: each keeps to its share of the per-minute limits (`shareWith`).
 * The clock is injected: tests run minutes of pacing without sleeping.
 */

export type Stream = 'rest' | 'graphql';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PaceLimits {
  /** Points a minute per stream (GitHub's secondary limits: REST 900, GraphQL 2,000). */
  perMinute: Record<Stream, number>;
  /** Requests in flight at once, both streams together. */
  inFlight: number;
  /** Longest wait for a spent budget to reset before giving up on a request. */
  maxWaitMs: number;
  /** Below this share of the budget left, requests are spread until the reset. */
  lowShare: number;
}

export const GITHUB_LIMITS: PaceLimits = {
  perMinute: { rest: 900, graphql: 2000 },
  inFlight: 16,
  maxWaitMs: 120_000,
  lowShare: 0.1,
};

/** The primary budget of one stream, as GitHub last reported it. */
export interface Budget {
  limit: number;
  remaining: number;
  /** Epoch milliseconds. */
  resetAt: number;
}

export interface StreamUse {
  /** Requests sent, and the points they cost (a 304 costs none). */
  requests: number;
  points: number;
  /** Milliseconds requests waited for the pace (window, low budget, retry-after). */
  waitedMs: number;
  budget: Budget | null;
}

/** A request not sent because the budget is spent until a reset too far away. */
export class BudgetError extends Error {
  constructor(
    readonly stream: Stream,
    readonly resetAt: number,
  ) {
    super(
      `GitHub ${stream === 'rest' ? 'REST' : 'GraphQL'} rate limit budget spent until ${new Date(resetAt).toISOString()}; left for the next poll`,
    );
  }
}

/** The window a minute's points are counted in: a second more than GitHub's, for the time a request takes to arrive. */
const MINUTE = 61_000;

class StreamPace {
  /** Start times (and points) in the last minute: every request is a point to the secondary limits. */
  readonly starts: { at: number; points: number }[] = [];
  gate: Promise<void> = Promise.resolve();
  inFlight = 0;
  private drainedWaiters: (() => void)[] = [];
  budget: Budget | null = null;
  /** Requests started since `budget` was read: they spend it before GitHub says so. */
  startedSinceBudget = 0;
  pausedUntil = 0;
  lastStart = 0;
  /** An answer came: the budget is known (or GitHub does not report one). */
  answered = false;
  readonly use: StreamUse = { requests: 0, points: 0, waitedMs: 0, budget: null };

  drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  done(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const w of this.drainedWaiters.splice(0)) w();
  }
}

export class Pacer {
  private readonly streams: Record<Stream, StreamPace> = { rest: new StreamPace(), graphql: new StreamPace() };
  private inFlight = 0;
  /**
   * This process's share of the per-minute limits: GitHub counts them per token, so N processes polling with
   * one token (replicas, `poll` runs on one database) each keep to 1/N of them.
   */
  private share = 1;
  private readonly slotWaiters: (() => void)[] = [];

  constructor(
    readonly limits: PaceLimits = GITHUB_LIMITS,
    private readonly clock: Clock = realClock,
    /** Milliseconds per second of `retry-after` (1000; small in tests, as the retry plugin's unit). */
    private readonly retryUnitMs = 1000,
  ) {}

  /** Runs one request when the pace allows; `send` resolves to its status and headers (or throws). */
  async run<T extends { status: number; headers: Headers }>(stream: Stream, send: () => Promise<T>): Promise<T> {
    await this.slot();
    const s = this.streams[stream];
    try {
      // Reservations of one stream are made one after another, so the window and the budget are exact.
      const turn = s.gate.then(() => this.reserve(stream, s));
      s.gate = turn.then(
        () => {},
        () => {},
      );
      await turn;
      try {
        const res = await send();
        this.observe(s, res.status, res.headers);
        return res;
      } finally {
        s.done();
      }
    } finally {
      this.release();
    }
  }

  /** Keep to `1/processes` of each per-minute limit from now on (at least one process). */
  shareWith(processes: number): void {
    this.share = 1 / Math.max(1, Math.floor(processes));
  }

  /** Points a minute this process may start on `stream` (its share of GitHub's limit, at least one). */
  perMinute(stream: Stream): number {
    return Math.max(1, Math.floor(this.limits.perMinute[stream] * this.share));
  }

  /** What each stream used so far, and the budget GitHub last reported. */
  usage(): Record<Stream, StreamUse> {
    return {
      rest: { ...this.streams.rest.use, budget: this.streams.rest.budget },
      graphql: { ...this.streams.graphql.use, budget: this.streams.graphql.budget },
    };
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.limits.inFlight) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private release(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.inFlight--;
  }

  /** Waits until this stream may start one more request, then records the start. */
  private async reserve(stream: Stream, s: StreamPace): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (s.starts.length && s.starts[0]!.at <= now - MINUTE) s.starts.shift();
      const used = s.starts.reduce((n, x) => n + x.points, 0);
      let until = s.pausedUntil;
      if (used >= this.perMinute(stream)) until = Math.max(until, s.starts[0]!.at + MINUTE);
      const b = s.budget;
      if (b && now >= b.resetAt) {
        s.budget = null; // a new hour: the next answer says how much
      } else if (b) {
        const left = b.remaining - s.startedSinceBudget;
        if (left <= 0) {
          if (b.resetAt - now > this.limits.maxWaitMs) throw new BudgetError(stream, b.resetAt);
          until = Math.max(until, b.resetAt);
        } else if (left < b.limit * this.limits.lowShare) {
          // Spread what is left over the time to the reset, so the budget lasts until it; a pace slower than
          // the longest wait leaves the repos to a later poll.
          const spacing = (b.resetAt - now) / (left + 1);
          if (spacing > this.limits.maxWaitMs) throw new BudgetError(stream, b.resetAt);
          until = Math.max(until, s.lastStart + spacing);
        }
      }
      // Until the first answer says what is left, one request at a time.
      const probing = !s.answered && s.inFlight > 0;
      if (until <= now && !probing) break;
      // Requests already sent are answered first (their times are GitHub's count), then the wait is measured again.
      await s.drained();
      const wait = until - this.clock.now();
      if (wait > 0) {
        s.use.waitedMs += wait;
        await this.clock.sleep(wait);
      }
    }
    const start = { at: this.clock.now(), points: 1 };
    s.starts.push(start);
    s.lastStart = start.at;
    s.startedSinceBudget++;
    s.use.requests++;
    s.inFlight++; // here, not in run(): the next reservation must see it
  }

  private observe(s: StreamPace, status: number, headers: Headers): void {
    s.answered = true;
    // A 304 costs no primary budget, but it is still a request to the secondary limit's minute.
    if (status !== 304) s.use.points++;
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const limit = Number(headers.get('x-ratelimit-limit'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (headers.get('x-ratelimit-remaining') !== null && limit > 0 && reset > 0) {
      s.budget = { limit, remaining, resetAt: reset * 1000 };
      s.startedSinceBudget = Math.max(0, s.inFlight - 1);
    }
    const retryAfter = Number(headers.get('retry-after'));
    if ((status === 403 || status === 429) && retryAfter > 0)
      s.pausedUntil = Math.max(s.pausedUntil, this.clock.now() + retryAfter * this.retryUnitMs);
    s.use.budget = s.budget;
  }
}

/** The BudgetError behind an error (Octokit wraps what its fetch throws), if any. */
export function budgetErrorOf(e: unknown): BudgetError | undefined {
  for (let x = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++)
    if (x instanceof BudgetError) return x;
  return undefined;
}
