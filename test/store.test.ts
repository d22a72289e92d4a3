// One store suite, run against SQLite and PostgreSQL alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../src/diff/events.js';
import type { RepoPlan } from '../src/diff/plan.js';
import { Store } from '../src/store/store.js';
import { postgresStore, STORE_KINDS, type TestStore } from './helpers/stores.js';

const REPO = 'acme/radar';

function plan(tag: string, id: string, opts: { event?: boolean } = {}): RepoPlan {
  const key = `${REPO}@${id}`;
  const event: ChangeEvent = {
    id: `ev-${id}`,
    type: 'published',
    repo: REPO,
    tag,
    name: tag,
    url: null,
    prerelease: false,
    categories: {},
    counts: { items: 0, uncategorized: 0 },
    releaseKey: key,
    fromHash: null,
    toHash: `h-${id}`,
    createdAt: `2026-11-0${id}T00:00:00.000Z`,
  };
  return {
    releases: [
      {
        key,
        repo: REPO,
        githubId: id,
        tag,
        name: tag,
        prerelease: false,
        createdAt: null,
        publishedAt: null,
        url: null,
        bodyHash: `h-${id}`,
      },
    ],
    revisions: [{ releaseKey: key, bodyHash: `h-${id}`, body: `# ${tag}`, items: [] }],
    deleted: [],
    events: opts.event === false ? [] : [event],
  };
}

describe.each(STORE_KINDS)('store (%s)', (_kind, makeStore) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeStore();
  });
  afterEach(async () => {
    await ts.cleanup();
  });

  it('runs migrations once: reopening an existing store keeps its data', async () => {
    await ts.store.applyRepoPlan(REPO, plan('v1', '1'), '"etag-1"', '2026-11-01T00:00:00.000Z');
    const again = await Store.open(ts.location);
    expect((await again.repoState(REPO))?.etag).toBe('"etag-1"');
    expect(await again.countEvents()).toBe(1);
    await again.close();
  });

  it('writes a repo step atomically: a failure part-way leaves nothing behind', async () => {
    const bad = plan('v1', '1');
    (bad.revisions[0] as { body: unknown }).body = null; // violates NOT NULL after the release row is written
    await expect(ts.store.applyRepoPlan(REPO, bad, '"e"', '2026-11-01T00:00:00.000Z')).rejects.toThrow();
    expect(await ts.store.releases(REPO)).toEqual([]);
    expect(await ts.store.repoState(REPO)).toBeNull();
    expect(await ts.store.countEvents()).toBe(0);
  });

  it('keeps events once, in order, filterable by sequence, time and repo', async () => {
    await ts.store.applyRepoPlan(REPO, plan('v1', '1'), null, '2026-11-01T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, plan('v2', '2'), null, '2026-11-02T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, plan('v2', '2'), null, '2026-11-02T00:00:00.000Z'); // replay: no duplicate
    const all = await ts.store.events();
    expect(all.map((e) => [e.seq, e.event.tag])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
    ]);
    expect((await ts.store.events({ afterSeq: 1 })).map((e) => e.event.tag)).toEqual(['v2']);
    expect((await ts.store.events({ since: '2026-11-02T00:00:00.000Z' })).map((e) => e.event.tag)).toEqual(['v2']);
    expect(await ts.store.events({ repos: ['other/repo'] })).toEqual([]);
  });

  it('knows releases by id, tag and body hash, and loads the items of the current revision on demand', async () => {
    const p = plan('v1', '1', { event: false });
    p.revisions[0]!.items = [
      {
        id: 'a',
        kind: 'item',
        text: 'x',
        markdown: '* x',
        section: [],
        parents: [],
        breaking: false,
        change: 'other',
        refs: [1],
        categories: ['windows'],
        evidence: [],
      },
    ];
    await ts.store.applyRepoPlan(REPO, p, null, '2026-11-01T00:00:00.000Z');
    const [k] = await ts.store.knownReleases(REPO);
    expect(k).toEqual({
      key: expect.any(String),
      githubId: '1',
      tag: 'v1',
      bodyHash: 'h-1',
      deleted: false,
      createdAt: null,
    });
    const items = await ts.store.itemsOf([k!.key, 'no-such-release']);
    expect([...items.keys()]).toEqual([k!.key]);
    expect(items.get(k!.key)).toEqual(p.revisions[0]!.items);
    // Kept packed (brotli, evidence by rule id: test/store-rule-ids.test.ts).
    const row = await ts.store.db.selectFrom('revisions').select('items').executeTakeFirstOrThrow();
    expect(row.items.startsWith('brid:')).toBe(true);
  });

  it('outbox claims: a claimed row goes to one sender; an expired lease is taken over; unsent rows are given back', async () => {
    const t0 = new Date('2026-11-01T00:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const deliveries = [
      { eventId: 'ev-1', destination: 'hook', payloads: [{ content: 'part 1' }, { content: 'part 2' }] },
    ];
    await ts.store.applyRepoPlan(REPO, plan('v1', '1'), null, t0.toISOString(), deliveries);
    const first = await ts.store.outbox.claim('crashed', ['hook'], t0, 1000);
    expect(first.map((r) => [r.part, r.status])).toEqual([
      [0, 'sending'],
      [1, 'sending'],
    ]);
    expect(await ts.store.outbox.claim('other', ['hook'], at(500), 1000)).toEqual([]); // lease still holds
    const taken = await ts.store.outbox.claim('other', ['hook'], at(1500), 1000); // expired: taken over
    expect(taken.map((r) => r.part)).toEqual([0, 1]);
    await ts.store.outbox.mark(taken[0]!, { status: 'sent', messageId: 'm1' }, at(1600).toISOString());
    await ts.store.outbox.release('other', at(1700).toISOString());
    const rows = await ts.store.outbox.list();
    expect(rows.map((r) => [r.part, r.status])).toEqual([
      [0, 'sent'],
      [1, 'pending'],
    ]);
    // A renewed lease keeps the rows; only rows of the listed destinations are claimed.
    expect(await ts.store.outbox.claim('third', ['elsewhere'], at(2000), 1000)).toEqual([]);
    expect((await ts.store.outbox.claim('third', ['hook'], at(2000), 1000)).map((r) => r.part)).toEqual([1]);
    await ts.store.outbox.renew('third', at(2900), 1000);
    expect(await ts.store.outbox.claim('fourth', ['hook'], at(3500), 1000)).toEqual([]);
  });

  it('outbox: rows of a destination no longer in the config are retired, the others left alone', async () => {
    const deliveries = [
      { eventId: 'ev-1', destination: 'gone', payloads: [{ content: 'a' }] },
      { eventId: 'ev-1', destination: 'kept', payloads: [{ content: 'b' }] },
    ];
    await ts.store.applyRepoPlan(REPO, plan('v1', '1'), null, '2026-11-01T00:00:00.000Z', deliveries);
    const retired = await ts.store.outbox.retireUnknown(['kept'], '2026-11-01T00:01:00.000Z');
    expect([...retired]).toEqual([['gone', 1]]);
    const rows = await ts.store.outbox.list();
    expect(rows.map((r) => [r.destination, r.status])).toEqual([
      ['gone', 'retired'],
      ['kept', 'pending'],
    ]);
  });
});

// PostgreSQL only: two processes (serve and poll, or two polls) may write one database at the same time.
// (Two SQLite connections in one process cannot: better-sqlite3 blocks the thread while it waits for the lock.)
describe('store (postgres): concurrent writers', () => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await postgresStore();
  });
  afterEach(async () => {
    await ts.cleanup();
  });

  it('two writers adding events at once both succeed, with distinct sequence numbers', async () => {
    const other = await Store.open(ts.location); // a second pool, as a second process (serve, poll) would have
    try {
      const a = plan('v1', '1');
      const b = { ...plan('v2', '2'), releases: plan('v2', '2').releases.map((r) => ({ ...r, repo: 'acme/other' })) };
      await Promise.all([
        ts.store.applyRepoPlan(REPO, a, null, '2026-11-01T00:00:00.000Z'),
        other.applyRepoPlan('acme/other', b, null, '2026-11-01T00:00:00.000Z'),
      ]);
      const seqs = (await ts.store.events()).map((e) => e.seq).sort();
      expect(seqs).toEqual([1, 2]);
    } finally {
      await other.close();
    }
  });
});
