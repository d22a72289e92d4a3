// Per-repo scheduling (issue 27): each repo's next_poll_at, claims under a lease (FOR UPDATE SKIP LOCKED on
// PostgreSQL), backoff of a failing repo, two workers splitting the repos, a worker killed mid-batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../src/diff/events.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runScheduledPoll, type ScheduledPollOptions } from '../src/poll/scheduled-poll.js';
import { Store } from '../src/store/store.js';
import { classifier } from './helpers/poll.js';
import { useMsw } from './helpers/msw.js';
import { STORE_KINDS, postgresStore, type TestStore } from './helpers/stores.js';

const msw = useMsw();
const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 12);
const repos = (n: number) => Array.from({ length: n }, (_, i) => `org/r${String(i).padStart(2, '0')}`);

/** One worker: its own GitHub client, a clock, deliveries of each event to one destination. */
function worker(store: Store, gh: FakeGitHub, at: () => number, opts: Partial<ScheduledPollOptions> = {}) {
  const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 1, retries: 0 });
  return (list: string[]) =>
    runScheduledPoll(
      {
        store,
        github,
        classifier,
        logger: silentLogger,
        now: () => new Date(at()),
        planDeliveries: (events: ChangeEvent[]) =>
          events.map((e) => ({ eventId: e.id, destination: 'chat', payloads: [{ text: e.tag }] })),
      },
      { repos: list, dryRun: false, initial: 'latest', perPage: 30, everySec: () => 900, ...opts },
    );
}

const listed = (gh: FakeGitHub, since = 0) =>
  gh.requests
    .slice(since)
    .filter((r) => r.path.includes('/releases'))
    .map((r) => r.path.split('/releases')[0]!.slice('/repos/'.length));

describe.each(STORE_KINDS)('per-repo schedule (%s store)', (_kind, makeStore) => {
  let gh: FakeGitHub;
  let ts: TestStore;
  let now: number;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    ts = await makeStore();
    now = T0;
  });
  afterEach(() => ts.cleanup());

  it('checks the due repos only: each after its own every; a new repo at once', async () => {
    const list = repos(3);
    for (const r of list) gh.publish(r, { tag_name: 'v1' });
    const every = (r: string) => (r === list[2] ? 3600 : 900);
    const poll = worker(ts.store, gh, () => now, { everySec: every });
    expect((await poll(list)).checked).toEqual(list);
    now = T0 + 5 * MIN;
    const since = gh.requests.length;
    expect((await poll(list)).checked).toEqual([]);
    expect(gh.requests.length).toBe(since);
    now = T0 + 15 * MIN;
    gh.publish(list[0]!, { tag_name: 'v2' });
    gh.publish('org/new', { tag_name: 'v1' });
    const r = await poll([...list, 'org/new']);
    expect(r.checked.sort()).toEqual(['org/new', list[0], list[1]]); // the hourly one is not due
    expect(r.events.map((e) => [e.repo, e.tag]).sort()).toEqual([
      ['org/new', 'v1'],
      [list[0], 'v2'],
    ]);
    const sched = await ts.store.schedule.list(list);
    expect(sched.map((s) => s.nextPollAt)).toEqual([
      new Date(T0 + 30 * MIN).toISOString(),
      new Date(T0 + 30 * MIN).toISOString(),
      new Date(T0 + 60 * MIN).toISOString(),
    ]);
  });

  it('a failing repo backs off, doubling its interval, without holding the others back', async () => {
    const list = repos(4);
    for (const r of list) gh.publish(r, { tag_name: 'v1' });
    const bad = list[1]!;
    gh.faultsFor.push({ match: new RegExp(`^/repos/${bad}/releases`), fault: { status: 500 }, times: 100 });
    const poll = worker(ts.store, gh, () => now);
    const first = await poll(list);
    expect(first.failures.map((f) => f.repo)).toEqual([bad]);
    expect(first.backoff).toEqual([{ repo: bad, failures: 1, nextPollAt: new Date(T0 + 15 * MIN).toISOString() }]);
    now = T0 + 15 * MIN;
    const second = await poll(list);
    expect(second.checked.sort()).toEqual(list);
    expect(second.backoff).toEqual([{ repo: bad, failures: 2, nextPollAt: new Date(now + 30 * MIN).toISOString() }]);
    now = T0 + 30 * MIN; // the others are due; the failing one waits for its backoff
    expect((await poll(list)).checked.sort()).toEqual(list.filter((r) => r !== bad));
    gh.faultsFor.length = 0;
    now = T0 + 45 * MIN;
    const healed = await poll(list);
    expect(healed.checked).toContain(bad);
    expect(healed.backoff).toEqual([]);
    expect((await ts.store.schedule.list([bad]))[0]!.failures).toBe(0);
  });

  it('a worker killed mid-batch: its repos are taken over once the lease expires, each checked once', async () => {
    const list = repos(12);
    for (const r of list) gh.publish(r, { tag_name: 'v1' });
    // Worker A claims a batch of five and dies before checking them.
    const held = await ts.store.schedule.claimDue('worker-a', list, new Date(now), { limit: 5, leaseMs: 10 * MIN });
    expect(held).toHaveLength(5);
    const b = worker(ts.store, gh, () => now, { owner: 'worker-b', leaseMs: 10 * MIN, batch: 4 });
    const first = await b(list);
    expect(first.checked.sort()).toEqual(list.filter((r) => !held.some((h) => h.repo === r)));
    now = T0 + 10 * MIN + 1000; // A's lease has expired
    const takeover = await b(list);
    expect(takeover.checked.sort()).toEqual(held.map((h) => h.repo).sort());
    expect(listed(gh).sort()).toEqual([...list].sort()); // each listed once
    expect(await ts.store.countEvents()).toBe(12);
  });

  it("a dead worker's expired claims are taken before other due repos, also new ones and past the first 500", async () => {
    const list = Array.from({ length: 600 }, (_, i) => `org/r${String(i).padStart(3, '0')}`);
    const held = list.slice(596); // the last four, in the second chunk of the store's queries
    const dead = await ts.store.schedule.claimDue('worker-a', held, new Date(now), { limit: 4, leaseMs: MIN });
    expect(dead.map((d) => d.repo)).toEqual(held);
    now = T0 + MIN + 1000; // A's lease has expired; none of the 600 was ever polled
    const next = await ts.store.schedule.claimDue('worker-b', list, new Date(now), { limit: 6, leaseMs: MIN });
    expect(next.slice(0, 4).map((c) => c.repo)).toEqual(held);
    expect(next.slice(4).filter((c) => !held.includes(c.repo))).toHaveLength(2); // then other due repos
  });

  it("while another poller holds claims, a poll keeps to half of GitHub's per-minute limits; alone, to all", async () => {
    const list = repos(6);
    for (const r of list) gh.publish(r, { tag_name: 'v1' });
    await ts.store.schedule.claimDue('worker-a', list.slice(0, 2), new Date(now), { limit: 2, leaseMs: 10 * MIN });
    const shares: number[] = [];
    const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 1, retries: 0 });
    const shareWith = github.shareWith;
    github.shareWith = (n) => (shares.push(n), shareWith(n));
    const run = (owner: string) =>
      runScheduledPoll(
        { store: ts.store, github, classifier, logger: silentLogger, now: () => new Date(now) },
        { repos: list, dryRun: false, initial: 'none', perPage: 30, everySec: () => 900, owner, batch: 2 },
      );
    await run('worker-b');
    expect(shares).toEqual([2, 2]); // worker-a's claim and its own, for each of its two batches
    await ts.store.schedule.release('worker-a');
    now += 20 * MIN;
    shares.length = 0;
    await run('worker-b');
    expect(shares).toEqual([1, 1, 1]);
    // Pollers in turn: one that finished within the last minute still has requests in GitHub's minute.
    now += 20 * MIN;
    shares.length = 0;
    await run('worker-c');
    expect(shares).toEqual([1, 1, 1]);
    now += 30_000;
    const d = await ts.store.schedule.claimDue('worker-d', list.slice(0, 1), new Date(now), {
      limit: 1,
      leaseMs: MIN,
      dueBy: new Date(now + 60 * MIN),
    });
    expect(d).toHaveLength(1);
    expect(await ts.store.schedule.pollers('worker-e', new Date(now))).toBe(3); // c seen, d holding, e itself
    now += 2 * MIN;
    expect(await ts.store.schedule.pollers('worker-f', new Date(now), false)).toBe(1);
  });
});

describe('two workers on one PostgreSQL database', () => {
  let gh: FakeGitHub;
  let a: TestStore;
  let b: Store;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    a = await postgresStore();
    b = await Store.open(a.location); // another process's connection pool
  });
  afterEach(async () => {
    await b.close();
    await a.cleanup();
  });

  it('split the due repos: none checked twice, each event and message once', async () => {
    const list = repos(60);
    for (const r of list) gh.publish(r, { tag_name: 'v1' });
    gh.delayMs = 5; // answers overlap, so the two really run side by side
    const at = () => T0;
    const [ra, rb] = await Promise.all([
      worker(a.store, gh, at, { owner: 'a', batch: 7 })(list),
      worker(b, gh, at, { owner: 'b', batch: 7 })(list),
    ]);
    expect(ra.checked.length).toBeGreaterThan(0);
    expect(rb.checked.length).toBeGreaterThan(0);
    expect([...ra.checked, ...rb.checked].sort()).toEqual(list);
    expect(listed(gh).sort()).toEqual(list);
    expect(await a.store.countEvents()).toBe(60);
    const rows = await a.store.outbox.list({ destination: 'chat' });
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(60);
  });
});
