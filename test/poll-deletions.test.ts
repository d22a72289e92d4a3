// Deletions are concluded only from a complete listing or a 404 for the release itself, never from id order.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub, type FakeRelease } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes } from '../src/fakes/notes.js';
import { poll } from './helpers/poll.js';
import { renderPollText } from '../src/render/event-text.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString();

/**
 * 40 mainline releases (ids 100..139, one a day) and 5 patch releases of old branches published much later
 * (ids 200..204) whose dates are those of their old branch: GitHub lists by date, so the patches sit on a
 * later page than releases with smaller ids.
 */
function tfHistory(): FakeRelease[] {
  const list: FakeRelease[] = [];
  for (let i = 0; i < 40; i++) list.push(rel(100 + i, `v2.${i}.0`, day(i * 10)));
  for (let k = 0; k < 5; k++) list.push(rel(200 + k, `v2.${k}.1`, day(k * 10 + 5)));
  return list.sort((a, b) => b.created_at!.localeCompare(a.created_at!));
}

function rel(id: number, tag: string, date: string): FakeRelease {
  return {
    id,
    tag_name: tag,
    name: tag,
    body: tfNotes(tag.slice(1)),
    draft: false,
    prerelease: false,
    created_at: date,
    published_at: date,
    html_url: `https://github.com/${TF}/releases/tag/${tag}`,
  };
}

describe.each(STORE_KINDS)('deletions (%s store)', (_kind, makeStore) => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    ts = await makeStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  const deletedTags = async () =>
    (await ts.store.releases(TF))
      .filter((x) => x.deleted)
      .map((x) => x.tag)
      .sort();

  it('edits and deletions past the first page are seen by the periodic full listing, counted apart', async () => {
    gh.repos.set(TF, tfHistory());
    const clock = Date.parse('2026-03-01T00:00:00Z');
    const at = (hours: number) => () => new Date(clock + hours * 3600_000);
    const relist = { relistEverySec: 24 * 3600, perPage: 30 };
    const first = await poll(ts.store, gh, { ...relist, now: at(0) });
    expect(first.fullListings).toEqual([]); // a first poll lists everything anyway
    gh.edit(TF, 'v2.3.0', tfNotes('2.3.0', ['*   Added a late note to an old release.'])); // page 2 of 30
    gh.remove(TF, 'v2.1.0');
    gh.publish(TF, { tag_name: 'v2.40.0', body: tfNotes('2.40.0') });

    const soon = await poll(ts.store, gh, { ...relist, now: at(1) });
    expect(soon.events.map((e) => `${e.type} ${e.tag}`)).toEqual(['published v2.40.0']);
    expect(soon.deleted).toEqual([]);
    expect(soon.fullListings).toEqual([]);

    const nextDay = await poll(ts.store, gh, { ...relist, now: at(25) });
    expect(nextDay.events.map((e) => `${e.type} ${e.tag}`)).toEqual(['edited v2.3.0']);
    expect(nextDay.deleted).toEqual([{ repo: TF, tag: 'v2.1.0' }]);
    expect(nextDay.fullListings).toEqual([{ repo: TF, requests: 1 }]); // 45 releases: one page of 100
    expect(await deletedTags()).toEqual(['v2.1.0']);
    const summary = renderPollText(
      nextDay.events,
      nextDay.requests,
      false,
      nextDay.deleted,
      { total: 1, failed: 0 },
      nextDay.fullListings,
    );
    expect(summary.split('\n')[0]).toBe(
      `1 change event; 1 GitHub request (1 for the full listing of ${TF}, done every relist_every)`,
    );

    const after = await poll(ts.store, gh, { ...relist, now: at(26) });
    expect(after.fullListings).toEqual([]); // not again until a day has passed
    expect(after.requests).toBe(1);
    expect((await poll(ts.store, gh, { ...relist, now: at(50) })).fullListings).toEqual([{ repo: TF, requests: 1 }]);
  });

  it('a partial listing (pages of 30 after a first poll in pages of 100) deletes nothing by id order', async () => {
    gh.repos.set(TF, tfHistory());
    const first = await poll(ts.store, gh, { perPage: 30 }); // the first poll reads pages of 100
    expect(first.failures).toEqual([]);
    expect(gh.requests.map((r) => r.path)).toEqual([`/repos/${TF}/releases?per_page=100`]);
    expect(await ts.store.releases(TF)).toHaveLength(45);

    const before = gh.requests.length;
    const second = await poll(ts.store, gh, { perPage: 30 });
    expect(second.failures).toEqual([]);
    expect(gh.requests.slice(before).map((r) => r.path)).toEqual([`/repos/${TF}/releases?per_page=30`]);
    expect(second.deleted).toEqual([]);
    expect(await deletedTags()).toEqual([]);
  });

  it('a release missing from a partial listing is deleted only when GET /releases/{id} answers 404', async () => {
    gh.repos.set(TF, tfHistory());
    await poll(ts.store, gh);
    gh.remove(TF, 'v2.30.0'); // inside the first page's window: checked, gone
    gh.remove(TF, 'v2.2.0'); // beyond the window: not seen, not concluded
    const before = gh.requests.length;
    const r = await poll(ts.store, gh, { perPage: 30 });
    expect(gh.requests.slice(before).map((q) => q.path)).toEqual([
      `/repos/${TF}/releases?per_page=30`,
      `/repos/${TF}/releases/130`,
    ]);
    expect(r.deleted).toEqual([{ repo: TF, tag: 'v2.30.0' }]);
    expect(await deletedTags()).toEqual(['v2.30.0']);
    // A complete listing (one page of 100) shows the other one gone.
    const full = await poll(ts.store, gh, { perPage: 100 });
    expect(full.deleted).toEqual([{ repo: TF, tag: 'v2.2.0' }]);
    expect(await deletedTags()).toEqual(['v2.2.0', 'v2.30.0']);
  });

  it('a release the listing skips but GET still finds is kept', async () => {
    gh.repos.set(TF, tfHistory());
    await poll(ts.store, gh);
    const hidden = gh.repos.get(TF)!.find((x) => x.tag_name === 'v2.35.0')!;
    gh.remove(TF, 'v2.35.0');
    gh.extra.push({ repo: TF, release: hidden }); // answered by id, absent from the list
    const r = await poll(ts.store, gh, { perPage: 30 });
    expect(r.deleted).toEqual([]);
    expect(await deletedTags()).toEqual([]);
  });
});

describe('poll summary', () => {
  it('says which releases were deleted, on standard output and in $GITHUB_STEP_SUMMARY', async () => {
    const gh = await new FakeGitHub().start();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'rr-del-'));
      const summary = join(dir, 'summary.md');
      const env = { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent', GITHUB_STEP_SUMMARY: summary };
      gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
      gh.publish(TF, { tag_name: 'v2.1.0', body: tfNotes('2.1.0') });
      const db = join(dir, 's.db');
      expect((await runCli(['poll', '--db', db, '--repo', TF], { env })).code).toBe(0);
      gh.remove(TF, 'v2.1.0');
      const r = await runCli(['poll', '--db', db, '--repo', TF], { env });
      expect(r.code).toBe(0);
      expect(r.out).toContain('warning: tensorflow/tensorflow v2.1.0 was deleted on GitHub');
      expect(readFileSync(summary, 'utf8')).toContain('warning: tensorflow/tensorflow v2.1.0 was deleted on GitHub');
      const json = JSON.parse(
        (await runCli(['poll', '--db', join(dir, 'j.db'), '--repo', TF, '--format', 'json'], { env })).out,
      );
      expect(json.deleted).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});
