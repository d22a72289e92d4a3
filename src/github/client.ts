/**
 * The GitHub adapter's client: Octokit with the throttling and retry plugins. Every HTTP request (retries
 * included) goes through a counting fetch, so a poll can report what it cost.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import type { Logger } from 'pino';
import { GITHUB_COM, type GitHubLinks } from '../domain/github-links.js';
import { isFatalNetworkError } from './errors.js';
import { BudgetError, GITHUB_LIMITS, Pacer, realClock, type Stream, type StreamUse } from './pacing.js';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  /** GITHUB_API_URL; default https://api.github.com. */
  baseUrl?: string;
  /** GITHUB_TOKEN; optional (60 requests an hour without). */
  token?: string;
  logger: Logger;
  /** Retries of 5xx / network errors, and of rate limits that reset soon. */
  retries?: number;
  /** Longest wait for a rate limit to reset before giving up, in seconds. */
  maxRateLimitWait?: number;
  /** Milliseconds per second of Retry-After / backoff: 1000 in production, small in tests. */
  retryUnitMs?: number;
  /** The web host release URLs may point to (GITHUB_SERVER_URL); default github.com. */
  links?: GitHubLinks;
  /** Paces the requests under GitHub's limits (default: GitHub's limits on the real clock). */
  pacer?: Pacer;
}

export interface GitHubClient {
  octokit: Octokit;
  /** The API base URL, for messages. */
  baseUrl: string;
  /** HTTP requests made so far. */
  requests(): number;
  /** The same, by API: REST reads and GraphQL queries. */
  requestsByKind(): { rest: number; graphql: number };
  /** GraphQL needs a token: without one, every check is a REST listing. */
  canQuery: boolean;
  /** Per stream: requests, points, time waited for the pace, and the budget GitHub last reported. */
  usage(): Record<Stream, StreamUse>;
  /** Which release URLs from the API may become links. */
  links: GitHubLinks;
  /** `processes` poll with this token at once: keep to 1/processes of GitHub's per-minute limits. */
  shareWith(processes: number): void;
}

/**
 * Runs before the retry plugin sees an error (plugins added first are innermost): a fatal network error
 * loses its stand-in status 500, so plugin-retry does not schedule a retry.
 */
function failFast(octokit: { hook: Octokit['hook'] }): void {
  octokit.hook.error('request', (error) => {
    // A request the pacer did not send (budget spent until a far reset) is not retried either.
    if (isFatalNetworkError(error) || (error as { cause?: unknown }).cause instanceof BudgetError)
      (error as { status?: number }).status = 0;
    throw error;
  });
}

const RetryingOctokit = Octokit.plugin(failFast, throttling, retry);

/** A stand-in for a Bottleneck group that runs every job at once (what the throttling plugin calls of it). */
const passThroughGroup = {
  key: () => ({
    schedule: <T>(_options: unknown, job: (...a: unknown[]) => Promise<T>, ...args: unknown[]) => job(...args),
  }),
};

export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  let count = 0;
  let graphqlCount = 0;
  const retries = opts.retries ?? 3;
  const maxWait = opts.maxRateLimitWait ?? 120;
  const unit = opts.retryUnitMs ?? 1000;
  const log = opts.logger;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= maxWait;
      log.warn(
        { url: options.url, retryAfter, retryCount },
        `GitHub ${kind} rate limit hit${again ? `; retrying in ${retryAfter}s` : '; giving up'}`,
      );
      return again;
    };
  const baseUrl = (opts.baseUrl || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const pacer = opts.pacer ?? new Pacer(GITHUB_LIMITS, realClock, unit);
  const octokit = new RetryingOctokit({
    baseUrl,
    ...(opts.token ? { auth: opts.token } : {}),
    userAgent: 'release-radar',
    request: {
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        const graphql = /\/graphql$/.test(new URL(url instanceof Request ? url.url : url).pathname);
        return pacer.run(graphql ? 'graphql' : 'rest', () => {
          count++;
          if (graphql) graphqlCount++;
          return fetch(url, init);
        });
      },
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      // The plugin sends GraphQL through its group for writes, one a second: the pacer paces GraphQL under
      // GitHub's points a minute instead, so that group lets each job through (release-radar never writes).
      write: passThroughGroup as unknown as NonNullable<ThrottlingOptions['write']>,
    },
    retry: { retries, retryAfterBaseValue: unit },
    // Octokit's own logging would print request details to the console; ours goes through pino.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) },
  });
  return {
    octokit,
    baseUrl,
    requests: () => count,
    requestsByKind: () => ({ rest: count - graphqlCount, graphql: graphqlCount }),
    canQuery: !!opts.token,
    usage: () => pacer.usage(),
    links: opts.links ?? GITHUB_COM,
    shareWith: (processes) => pacer.shareWith(processes),
  };
}
