// First listings over GraphQL (issue 27): with a token, repos seen for the first time are read with their
// notes in GraphQL queries of 10 repos, not one REST listing each, and the store records what a REST first
// poll records. A repo with more than a page of releases, or a failed query, falls back to REST. On both stores.
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import type { Store } from '../src/store/store.js';
import { useMsw } from './helpers/msw.js';
import { poll } from './helpers/poll.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const msw = useMsw();
const TOKEN = 'ghp_test';
const repos = Array.from({ length: 25 }, (_, i) => `org${i % 3}/lib-${i}`);

const listings = (gh: FakeGitHub, since = 0) =>
  gh.requests.slice(since).filter((r) => r.method === 'GET' && r.path.includes('/releases'));
const queries = (gh: FakeGitHub, since = 0) => gh.requests.slice(since).filter((r) => r.method === 'POST');

/** What the store holds of each repo: its releases' tags, body hashes and item titles. */
async function recorded(store: Store, names: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const repo of names) {
    const known = await store.knownReleases(repo);
    const items = await store.itemsOf(known.map((k) => k.key));
    out[repo] = known
      .map((k) => ({
        tag: k.tag,
        hash: k.bodyHash,
        items: (items.get(k.key) ?? []).map((i) => [i.id, i.text, i.categories]),
      }))
      .sort((a, b) => a.tag.localeCompare(b.tag));
  }
  return out;
}

describe.each(STORE_KINDS)('first listings over GraphQL (%s store)', (_kind, makeStore) => {
  let gh: FakeGitHub;
  let stores: TestStore[];
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    stores = [await makeStore(), await makeStore()];
    repos.forEach((repo, i) => {
      gh.publish(repo, { tag_name: 'v1.0.0', body: '* Added a flag to the Windows installer.' });
      gh.publish(repo, { tag_name: 'v1.1.0-rc1', body: tfNotes('2.1.0'), prerelease: true });
      gh.publish(repo, { tag_name: 'v1.1.0', body: `${tfNotes('2.1.0')}\n* Fixed crash ${i} in NCCL.` });
    });
  });
  afterEach(async () => {
    for (const s of stores) await s.cleanup();
    await gh.close();
  });

  it('a first poll of 25 new repos lists them in 3 GraphQL queries, no REST listing, and records what REST records', async () => {
    const r = await poll(stores[0]!.store, gh, { repos, token: TOKEN, initial: 'none' });
    expect(r.failures).toEqual([]);
    expect(listings(gh)).toEqual([]);
    // One quiet check, then the listings: 25 repos, 10 a query.
    expect(queries(gh)).toHaveLength(4);
    expect(r.requestsByKind).toEqual({ rest: 0, graphql: 4 });
    const since = gh.requests.length;
    await poll(stores[1]!.store, gh, { repos, initial: 'none' }); // no token: REST
    expect(listings(gh, since)).toHaveLength(25);
    expect(await recorded(stores[0]!.store, repos)).toEqual(await recorded(stores[1]!.store, repos));
    // Then the repo is quiet, and a new release is announced as after a REST first poll.
    gh.publish(repos[7]!, { tag_name: 'v1.2.0', body: '* Added int8 quantization.' });
    const next = await poll(stores[0]!.store, gh, { repos, token: TOKEN });
    expect(next.events.map((e) => [e.repo, e.type, e.tag])).toEqual([[repos[7], 'published', 'v1.2.0']]);
    expect(next.quiet).toBe(24);
  });

  it('a repo with more releases than one GraphQL page is listed by REST, page after page, and left out of the GraphQL listing', async () => {
    for (let n = 0; n < 101; n++) gh.publish('big/history', { tag_name: `v0.${n}.0`, body: `* Fixed bug ${n}.` });
    const some = [...repos.slice(0, 4), 'big/history'];
    const r = await poll(stores[0]!.store, gh, { repos: some, token: TOKEN, initial: 'none' });
    expect(r.failures).toEqual([]);
    expect(listings(gh).map((l) => l.path.split('?')[0])).toEqual([
      '/repos/big/history/releases',
      '/repos/big/history/releases',
    ]);
    expect((await stores[0]!.store.knownReleases('big/history')).length).toBe(101);
    // The quiet check counted its releases: its notes never travel in a first listing query.
    const asked = gh.requests.filter((q) => q.graphql?.operation === 'FirstListing').flatMap((q) => q.graphql!.repos);
    expect(asked.sort()).toEqual(repos.slice(0, 4).sort());
  });

  it('a partial answer (an error inside a repo, a release left out) sends that repo to REST, the others stay GraphQL', async () => {
    const some = repos.slice(0, 3);
    msw.use(
      {
        handlers: [
          http.post('*/graphql', async ({ request }) => {
            const body = (await request.clone().json()) as { query: string; variables: Record<string, string> };
            if (!body.query.includes('query FirstListing')) return undefined;
            // GitHub's answer, with the first repo's second release unreadable and the second's id missing.
            const answer = (await gh.graphqlAnswer(body)) as {
              data: Record<string, { releases: { nodes: ({ databaseId: number | null } | null)[] } }>;
            };
            answer.data.r0!.releases.nodes[1] = null;
            answer.data.r1!.releases.nodes[0]!.databaseId = null;
            return Response.json({
              ...answer,
              errors: [{ message: 'Something went wrong', path: ['r0', 'releases', 'nodes', 1, 'tagName'] }],
            });
          }),
        ],
      },
      gh,
    );
    const r = await poll(stores[0]!.store, gh, { repos: some, token: TOKEN, initial: 'none' });
    expect(r.failures).toEqual([]);
    expect(
      listings(gh)
        .map((l) => l.path.split('?')[0])
        .sort(),
    ).toEqual([`/repos/${some[0]}/releases`, `/repos/${some[1]}/releases`]);
    expect(Object.values(await recorded(stores[0]!.store, some)).map((v) => (v as unknown[]).length)).toEqual([
      3, 3, 3,
    ]);
  });

  it('when the GraphQL listing fails, every new repo is listed by REST and nothing is lost', async () => {
    msw.use(
      {
        handlers: [
          // Falls through to the fake for every query but the first listing.
          http.post('*/graphql', async ({ request }) =>
            (await request.clone().text()).includes('query FirstListing')
              ? new Response('{"message":"Something went wrong"}', { status: 502 })
              : undefined,
          ),
        ],
      },
      gh,
    );
    const some = repos.slice(0, 6);
    const r = await poll(stores[0]!.store, gh, { repos: some, token: TOKEN, initial: 'none', retries: 0 });
    expect(r.failures).toEqual([]);
    expect(listings(gh)).toHaveLength(6);
    expect(Object.values(await recorded(stores[0]!.store, some)).every((v) => (v as unknown[]).length === 3)).toBe(
      true,
    );
  });
});
