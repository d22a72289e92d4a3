// Pacing under GitHub's limits (issue 27): points per minute per stream, requests in flight, a low or spent
// budget, and retry-after. A fake GitHub on a virtual clock counts the points of every minute; nothing sleeps.
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../src/github/client.js';
import { listReleases } from '../src/github/list-releases.js';
import { GITHUB_LIMITS, Pacer, type PaceLimits } from '../src/github/pacing.js';
import { quietCheck } from '../src/github/quiet-check.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { Store } from '../src/store/store.js';
import { classifier } from './helpers/poll.js';
import { maxPerMinute, virtualClock } from './helpers/clock.js';
import { useMsw } from './helpers/msw.js';

const msw = useMsw();
const names = (n: number) => Array.from({ length: n }, (_, i) => `org/r${i}`);

function setup(limits: Partial<PaceLimits> = {}, token?: string) {
  const clock = virtualClock();
  const gh = new FakeGitHub();
  gh.now = clock.now;
  msw.use(gh);
  const pacer = new Pacer({ ...GITHUB_LIMITS, ...limits }, clock);
  const github = createGitHubClient({
    baseUrl: gh.url,
    logger: silentLogger,
    retryUnitMs: 1,
    pacer,
    ...(token ? { token } : {}),
  });
  return { clock, gh, github };
}

const listAll = (github: ReturnType<typeof createGitHubClient>, repos: string[]) =>
  Promise.all(repos.map((r) => listReleases(github, r, { etag: null, perPage: 30, isKnown: () => false })));

const points = (gh: FakeGitHub, method: string) => gh.requests.filter((r) => r.method === method);

describe('pacing', () => {
  it("GitHub's limits by default: 1,200 REST listings never put more than 900 points in a minute", async () => {
    const { gh, github, clock } = setup();
    const repos = names(1200);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const t0 = clock.now();
    await listAll(github, repos);
    expect(points(gh, 'GET')).toHaveLength(1200);
    expect(maxPerMinute(points(gh, 'GET'))).toBeLessThanOrEqual(900);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000); // the 901st waited for the minute to pass
    expect(github.usage().rest).toMatchObject({ requests: 1200, points: 1200 });
    expect(gh.maxInFlight).toBeLessThanOrEqual(GITHUB_LIMITS.inFlight);
  });

  it('two processes on one token: each keeps to half of the limits, so together they stay under them', async () => {
    const { gh, github, clock } = setup();
    github.shareWith(2);
    const repos = names(500);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const t0 = clock.now();
    await listAll(github, repos);
    expect(maxPerMinute(points(gh, 'GET'))).toBeLessThanOrEqual(450);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000); // the 451st waited for the minute to pass
  });

  it('a 304 costs no budget but is still a request in the minute (the secondary limit counts requests)', async () => {
    const { gh, github } = setup({ perMinute: { rest: 50, graphql: 2000 } });
    const repos = names(120);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const first = await listAll(github, repos);
    const since = gh.requests.length;
    const again = await Promise.all(
      repos.map((r, i) => listReleases(github, r, { etag: first[i]!.etag, perPage: 30, isKnown: () => false })),
    );
    expect(again.every((r) => r.notModified)).toBe(true);
    const quiet = gh.requests.slice(since).map((r) => ({ at: r.at, points: 1 }));
    expect(quiet).toHaveLength(120);
    expect(maxPerMinute(quiet)).toBeLessThanOrEqual(50);
    expect(github.usage().rest).toMatchObject({ requests: 240, points: 120 });
  });

  it('GraphQL is paced as its own stream (points per minute), the quiet check batches 100 repos a query', async () => {
    const { gh, github, clock } = setup({ perMinute: { rest: 900, graphql: 3 } }, 'ghp_x');
    const repos = names(1000);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const t0 = clock.now();
    const check = await quietCheck(github, repos);
    expect(check.fingerprints.size).toBe(1000);
    expect(points(gh, 'POST')).toHaveLength(10);
    expect(maxPerMinute(points(gh, 'POST'))).toBeLessThanOrEqual(3);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(3 * 60_000);
    expect(github.usage().graphql.points).toBe(10);
  });

  it('a low budget is spread until its reset: no request is refused, the rest goes after the reset', async () => {
    const { gh, github, clock } = setup();
    const resetAt = clock.now() + 100_000;
    gh.rateLimit = { limit: 5000, remaining: 40, reset: resetAt / 1000 };
    const repos = names(100);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const results = await listAll(github, repos);
    expect(results.every((r) => !r.notModified && r.releases.length === 1)).toBe(true);
    const gets = points(gh, 'GET');
    expect(gets).toHaveLength(100); // none refused (a 403 would have been retried: more requests)
    expect(gets.filter((g) => g.at < resetAt)).toHaveLength(40);
    // Spread: the 40 before the reset take most of the 100 s, not a burst.
    expect(gets[39]!.at - gets[0]!.at).toBeGreaterThan(80_000);
    expect(github.usage().rest.budget).toMatchObject({ limit: 5000, remaining: 4940 });
  });

  it('a budget spent until a far reset: the repos are left for a later poll, nothing GitHub would refuse is sent', async () => {
    const { gh, github, clock } = setup();
    gh.rateLimit = { limit: 60, remaining: 5, reset: (clock.now() + 3_600_000) / 1000 };
    const repos = names(20);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    const store = await Store.open({ sqlitePath: ':memory:' });
    const r = await runPoll(
      { store, github, classifier, logger: silentLogger, now: () => new Date(clock.now()) },
      { repos, dryRun: false, initial: 'none', perPage: 30 },
    );
    await store.close();
    // The first answer says 4 of 60 are left for an hour: one request per 12 minutes is too slow to wait for.
    expect(points(gh, 'GET')).toHaveLength(1);
    expect(r.failures).toHaveLength(19);
    expect(r.failures.every((f) => f.deferredUntil && /budget spent/.test(f.message))).toBe(true);
    expect(r.budget.rest).toMatchObject({ requests: 1, points: 1, remaining: 4, limit: 60 });
  });

  it('a 429 with retry-after pauses the whole stream that long', async () => {
    const { gh, github, clock } = setup();
    const repos = names(8);
    for (const r of repos) gh.publish(r, { tag_name: 'v1' });
    gh.faultAt.set(1, { status: 429, headers: { 'retry-after': '30' } });
    const t0 = clock.now();
    const results = await listAll(github, repos);
    expect(results).toHaveLength(8);
    const gets = points(gh, 'GET');
    expect(gets).toHaveLength(9); // the refused one retried
    expect(gets.slice(1).every((g) => g.at >= t0 + 30_000)).toBe(true);
  });
});
