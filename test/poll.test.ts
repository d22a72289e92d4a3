// The poll against the fake GitHub in-process (msw), on both stores: the scenarios of the poll issue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { useMsw } from './helpers/msw.js';
import { poll } from './helpers/poll.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';

const TF = 'tensorflow/tensorflow';
const PT = 'pytorch/pytorch';

// Loopback passes: one test polls a closed local server.
const msw = useMsw({ loopback: true });

describe.each(STORE_KINDS)('poll (%s store)', (_kind, makeStore) => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    ts = await makeStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  it('first poll records every release and announces only the newest', async () => {
    for (const v of ['2.0.0', '2.1.0', '2.2.0']) gh.publish(TF, { tag_name: `v${v}`, body: tfNotes(v) });
    const r = await poll(ts.store, gh);
    expect(r.failures).toEqual([]);
    expect(r.events.map((e) => [e.type, e.tag])).toEqual([['published', 'v2.2.0']]);
    expect((await ts.store.releases(TF)).map((x) => x.tag).sort()).toEqual(['v2.0.0', 'v2.1.0', 'v2.2.0']);
    const ev = r.events[0]!;
    expect(Object.keys(ev.categories).sort()).toEqual(['distributed', 'mobile', 'quantization', 'windows']);
    expect(ev.categories.mobile!.added.map((i) => i.text)).toContain(
      'Added int8 support for SQRT in the TFLite converter.',
    );
    expect(ev.categories.windows!.removed).toEqual([]);
  });

  it('--initial none records silently; --initial all announces every release oldest first', async () => {
    for (const v of ['2.0.0', '2.1.0']) gh.publish(TF, { tag_name: `v${v}`, body: tfNotes(v) });
    expect((await poll(ts.store, gh, { initial: 'none' })).events).toEqual([]);
    expect(await ts.store.releases(TF)).toHaveLength(2);
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    gh.publish(PT, { tag_name: 'v2.10.0', body: torchNotes('2.10.0') });
    const all = await poll(ts.store, gh, { repos: [PT], initial: 'all' });
    expect(all.events.map((e) => e.tag)).toEqual(['v2.9.0', 'v2.10.0']);
  });

  it('polls repos side by side, and reports them in the order asked', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    gh.publish('jax-ml/jax', { tag_name: 'v0.5.0', body: '* Added a flag.' });
    gh.delayMs = 200;
    const r = await poll(ts.store, gh, { repos: [TF, PT, 'jax-ml/jax'] });
    // The first answer alone (it says how much budget is left), then the other two side by side.
    expect(gh.maxInFlight).toBe(2);
    expect(r.events.map((e) => e.repo)).toEqual([TF, PT, 'jax-ml/jax']);
  });

  it('a quiet poll costs one request per repo and creates nothing', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    await poll(ts.store, gh, { repos: [TF, PT] });
    const before = gh.requests.length;
    const quiet = await poll(ts.store, gh, { repos: [TF, PT] });
    expect(quiet.events).toEqual([]);
    expect(quiet.requests).toBe(2);
    expect(gh.requests.length - before).toBe(2);
    expect(gh.requests.slice(-2).every((r) => r.ifNoneMatch)).toBe(true);
    expect(await ts.store.countEvents()).toBe(2);
  });

  it('without a matching ETag, a quiet poll still stops at the first known release (one request)', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await poll(ts.store, gh);
    await ts.store.touchRepo(TF, '"stale"', new Date().toISOString()); // as when the Actions token changes
    const before = gh.requests.length;
    const r = await poll(ts.store, gh);
    expect(r.events).toEqual([]);
    expect(gh.requests.length - before).toBe(1);
  });

  it('catches up over several pages after an outage, announcing every missed release in order', async () => {
    for (let i = 0; i < 5; i++) gh.publish(TF, { tag_name: `v1.${i}.0`, body: tfNotes(`1.${i}.0`) });
    await poll(ts.store, gh, { perPage: 3 });
    for (let i = 0; i < 7; i++) gh.publish(TF, { tag_name: `v3.${i}.0`, body: tfNotes(`3.${i}.0`) });
    const before = gh.requests.length;
    const r = await poll(ts.store, gh, { perPage: 3 });
    expect(r.events.map((e) => e.tag)).toEqual(['v3.0.0', 'v3.1.0', 'v3.2.0', 'v3.3.0', 'v3.4.0', 'v3.5.0', 'v3.6.0']);
    expect(r.events.every((e) => e.type === 'published')).toBe(true);
    // 7 new releases at 3 a page: pages 1-3, the third holding the first known release.
    expect(gh.requests.length - before).toBe(3);
    expect((await poll(ts.store, gh, { perPage: 3 })).events).toEqual([]);
  });

  it('an edited body yields an edited event with items added, removed and changed per category', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await poll(ts.store, gh);
    gh.edit(
      TF,
      'v2.0.0',
      tfNotes('2.0.0')
        .replace(
          'in the TFLite converter.',
          'in the TFLite converter.\r\n    *   Added a GPU delegate option for Android.',
        )
        .replace('now recovers from worker preemption', 'now recovers from worker preemption and restarts')
        .replace(/\r\n\* {3}Windows: fixed DLL search paths for CUDA libraries\.$/, ''),
    );
    const r = await poll(ts.store, gh);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e.type).toBe('edited');
    expect(e.categories.mobile!.added.map((i) => i.text)).toEqual(['Added a GPU delegate option for Android.']);
    expect(e.categories.distributed!.changed.map((i) => i.text)).toEqual([
      'MultiWorkerMirroredStrategy now recovers from worker preemption and restarts.',
    ]);
    expect(e.categories.distributed!.changed[0]!.previous.text).toBe(
      'MultiWorkerMirroredStrategy now recovers from worker preemption.',
    );
    expect(e.categories.windows!.removed.map((i) => i.text)).toEqual([
      'Windows: fixed DLL search paths for CUDA libraries.',
    ]);
    const [rel] = await ts.store.releases(TF);
    expect(await ts.store.revisionCount(rel!.key)).toBe(2);
    // Idempotent: the same GitHub state creates no new event.
    expect((await poll(ts.store, gh)).events).toEqual([]);
    expect(await ts.store.countEvents()).toBe(2);
  });

  it('a final release after release candidates is promoted, with what is new since the last candidate', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await poll(ts.store, gh);
    gh.publish(TF, { tag_name: 'v2.1.0-rc1', body: tfNotes('2.1.0'), prerelease: true });
    const rc1 = await poll(ts.store, gh);
    expect(rc1.events.map((e) => [e.type, e.tag, e.prerelease])).toEqual([['published', 'v2.1.0-rc1', true]]);
    gh.publish(TF, {
      tag_name: 'v2.1.0-rc2',
      body: tfNotes('2.1.0', ['*   Added `tf.distribute.experimental.rpc` retries.']),
      prerelease: true,
    });
    gh.publish(TF, {
      tag_name: 'v2.1.0',
      body: tfNotes('2.1.0', [
        '*   Added `tf.distribute.experimental.rpc` retries.',
        '*   The pip package is now built with CUDA 13.',
      ]),
    });
    const r = await poll(ts.store, gh);
    expect(r.events.map((e) => [e.type, e.tag])).toEqual([
      ['published', 'v2.1.0-rc2'],
      ['promoted', 'v2.1.0'],
    ]);
    const promoted = r.events[1]!;
    expect(promoted.since).toBe('v2.1.0-rc2');
    expect(promoted.prerelease).toBe(false);
    expect(Object.keys(promoted.categories)).toEqual(['packaging']);
    expect(promoted.categories.packaging!.added.map((i) => i.text)).toEqual([
      'The pip package is now built with CUDA 13.',
    ]);
  });

  it('a deleted release is marked deleted; re-created with the same notes it is not announced again', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.publish(TF, { tag_name: 'v2.1.0', body: tfNotes('2.1.0') });
    await poll(ts.store, gh);
    gh.remove(TF, 'v2.1.0');
    expect((await poll(ts.store, gh)).events).toEqual([]);
    expect((await ts.store.releases(TF)).filter((x) => x.deleted).map((x) => x.tag)).toEqual(['v2.1.0']);
    gh.publish(TF, { tag_name: 'v2.1.0', body: tfNotes('2.1.0') });
    expect((await poll(ts.store, gh)).events).toEqual([]);
    expect((await ts.store.releases(TF)).filter((x) => x.deleted)).toEqual([]);
  });

  it('drafts are ignored', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await poll(ts.store, gh);
    gh.publish(TF, { tag_name: 'v2.1.0', body: tfNotes('2.1.0'), draft: true });
    expect((await poll(ts.store, gh)).events).toEqual([]);
    expect((await ts.store.releases(TF)).map((x) => x.tag)).toEqual(['v2.0.0']);
  });

  it('a 5xx mid-way (after retries) fails the repo without advancing its state; the next poll completes', async () => {
    for (let i = 0; i < 4; i++) gh.publish(TF, { tag_name: `v1.${i}.0`, body: tfNotes(`1.${i}.0`) });
    await poll(ts.store, gh, { perPage: 2 });
    for (let i = 0; i < 4; i++) gh.publish(TF, { tag_name: `v3.${i}.0`, body: tfNotes(`3.${i}.0`) });
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    // Page 2 of the catch-up fails on every try (1 + 2 retries).
    gh.faultsFor.push({
      match: /^\/repos\/tensorflow\/tensorflow\/releases\?.*\bpage=2\b/,
      fault: { status: 502 },
      times: 3,
    });
    const failed = await poll(ts.store, gh, { perPage: 2, repos: [TF, PT] });
    expect(failed.failures).toHaveLength(1);
    expect(failed.failures[0]!.message).toMatch(
      /listing releases of tensorflow\/tensorflow failed: GitHub answered 502 after retries/,
    );
    expect(failed.events.map((e) => e.repo)).toEqual([PT]); // the other repo went on
    expect((await ts.store.releases(TF)).map((x) => x.tag).sort()).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0']);
    const next = await poll(ts.store, gh, { perPage: 2, repos: [TF, PT] });
    expect(next.failures).toEqual([]);
    expect(next.events.map((e) => e.tag)).toEqual(['v3.0.0', 'v3.1.0', 'v3.2.0', 'v3.3.0']);
  });

  it('retries a transient 5xx, a dropped connection and a 429 with Retry-After', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.faults.push(
      { status: 503 },
      { status: 0, drop: true },
      { status: 429, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } },
    );
    const r = await poll(ts.store, gh, { retries: 3 });
    expect(r.failures).toEqual([]);
    expect(r.events.map((e) => e.tag)).toEqual(['v2.0.0']);
    expect(r.requests).toBe(4);
  });

  it('an exhausted primary rate limit fails with a clear message and exit-worthy failure', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.rateLimit.remaining = 0;
    const r = await poll(ts.store, gh);
    expect(r.failures[0]!.message).toMatch(/rate limit exceeded \(resets at .*\); set GITHUB_TOKEN/);
    expect(await ts.store.repoState(TF)).toBeNull();
  });

  it('an unreachable GitHub is reported as a network error, not as a 500', async () => {
    msw.use(); // no handlers: the host-wildcard ones would answer for 127.0.0.1 too
    const gone = await new FakeGitHub().start();
    await gone.close();
    const r = await poll(ts.store, gone);
    expect(r.failures[0]!.message).toMatch(/cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/); // not retried: see offline.test.ts
    expect(r.failures[0]!.message).not.toMatch(/\b500\b/); // a status, not the digits of a random port
    expect(await ts.store.repoState(TF)).toBeNull();
  });

  it('--dry-run reads GitHub and writes nothing', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    const r = await poll(ts.store, gh, { dryRun: true });
    expect(r.events.map((e) => e.tag)).toEqual(['v2.0.0']);
    expect(await ts.store.repoState(TF)).toBeNull();
    expect(await ts.store.releases(TF)).toEqual([]);
    expect(await ts.store.countEvents()).toBe(0);
  });
});
