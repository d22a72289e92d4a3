// The store's reads for the site, on SQLite and PostgreSQL alike: first-seen times and last edits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepoPlan } from '../src/diff/plan.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const REPO = 'acme/radar';

function revision(id: string, hash: string, repo = REPO): RepoPlan {
  const key = `${repo}@${id}`;
  return {
    releases: [
      {
        key,
        repo,
        githubId: id,
        tag: `v${id}`,
        name: null,
        prerelease: false,
        createdAt: null,
        publishedAt: null,
        url: null,
        bodyHash: hash,
      },
    ],
    revisions: [{ releaseKey: key, bodyHash: hash, body: `# ${hash}`, items: [] }],
    deleted: [],
    events: [],
  };
}

describe.each(STORE_KINDS)('store reads for the site (%s)', (_kind, makeStore) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeStore();
  });
  afterEach(async () => {
    await ts.cleanup();
  });

  it('lastEdits: when a new body was last seen, only for releases edited after their first body', async () => {
    await ts.store.applyRepoPlan(REPO, revision('1', 'a'), null, '2026-11-01T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, revision('2', 'x'), null, '2026-11-01T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, revision('1', 'b'), null, '2026-11-03T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, revision('1', 'c'), null, '2026-11-05T00:00:00.000Z');
    await ts.store.applyRepoPlan('other/repo', revision('9', 'y', 'other/repo'), null, '2026-11-01T00:00:00.000Z');
    await ts.store.applyRepoPlan('other/repo', revision('9', 'z', 'other/repo'), null, '2026-11-06T00:00:00.000Z');
    expect(await ts.store.lastEdits(REPO)).toEqual(new Map([[`${REPO}@1`, '2026-11-05T00:00:00.000Z']]));
    expect(await ts.store.lastEdits('other/repo')).toEqual(new Map([['other/repo@9', '2026-11-06T00:00:00.000Z']]));
    expect(await ts.store.lastEdits('nobody/here')).toEqual(new Map());
  });

  it('releases carry the time the store first recorded them', async () => {
    await ts.store.applyRepoPlan(REPO, revision('1', 'a'), null, '2026-11-01T00:00:00.000Z');
    await ts.store.applyRepoPlan(REPO, revision('1', 'b'), null, '2026-11-03T00:00:00.000Z');
    const [r] = await ts.store.releases(REPO);
    expect(r!.firstSeenAt).toBe('2026-11-01T00:00:00.000Z');
  });
});
