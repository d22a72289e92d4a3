// The batched GraphQL quiet check (issue 27): with a token, one query per 100 repos reads their newest
// releases; only a repo whose newest releases changed is listed by REST. On both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { useMsw } from './helpers/msw.js';
import { poll } from './helpers/poll.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const msw = useMsw();
const TOKEN = 'ghp_test';
const repos = Array.from({ length: 251 }, (_, i) => `org${i % 7}/lib-${i}`);
const CHANGED = repos[137]!;

const listings = (gh: FakeGitHub, since: number) =>
  gh.requests.slice(since).filter((r) => r.method === 'GET' && r.path.includes('/releases'));
const queries = (gh: FakeGitHub, since: number) => gh.requests.slice(since).filter((r) => r.method === 'POST');

describe.each(STORE_KINDS)('quiet check over GraphQL (%s store)', (_kind, makeStore) => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    ts = await makeStore();
    for (const repo of repos) {
      gh.publish(repo, { tag_name: 'v1.0.0', body: '* Added a flag.' });
      gh.publish(repo, { tag_name: 'v1.1.0', body: '* Fixed a crash.' });
    }
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  it('a changed repo among 250 quiet ones is the only one listed, and its release is announced', async () => {
    const first = await poll(ts.store, gh, { repos, token: TOKEN, initial: 'none' });
    expect(first.failures).toEqual([]);
    gh.publish(CHANGED, { tag_name: 'v1.2.0', body: tfNotes('2.2.0') });
    const since = gh.requests.length;
    const r = await poll(ts.store, gh, { repos, token: TOKEN });
    expect(r.failures).toEqual([]);
    expect(r.events.map((e) => [e.repo, e.type, e.tag])).toEqual([[CHANGED, 'published', 'v1.2.0']]);
    expect(queries(gh, since)).toHaveLength(3); // 251 repos, 100 a query
    expect(listings(gh, since).map((l) => l.path.split('?')[0])).toEqual([`/repos/${CHANGED}/releases`]);
    expect(r.quiet).toBe(250);
    expect(r.requestsByKind).toEqual({ rest: 1, graphql: 3 });
    // The next poll finds everything quiet: GraphQL only.
    const again = gh.requests.length;
    const q = await poll(ts.store, gh, { repos, token: TOKEN });
    expect(q.events).toEqual([]);
    expect(listings(gh, again)).toEqual([]);
    expect(q.quiet).toBe(251);
  });

  it('an edit to one of the newest releases is listed and announced; without a token every repo is listed', async () => {
    const some = repos.slice(0, 20);
    await poll(ts.store, gh, { repos: some, token: TOKEN, initial: 'none' });
    gh.edit(some[3]!, 'v1.1.0', '* Fixed a crash.\n* Fixed a leak in the TFLite converter.\n');
    const since = gh.requests.length;
    const r = await poll(ts.store, gh, { repos: some, token: TOKEN });
    expect(r.events.map((e) => [e.repo, e.type])).toEqual([[some[3], 'edited']]);
    expect(listings(gh, since)).toHaveLength(1);
    const rest = gh.requests.length;
    const plain = await poll(ts.store, gh, { repos: some });
    expect(plain.events).toEqual([]);
    expect(queries(gh, rest)).toEqual([]);
    expect(listings(gh, rest)).toHaveLength(20);
  });

  it('a repo GitHub cannot resolve in GraphQL is listed by REST, which names the failure; the others stay quiet', async () => {
    const some = [...repos.slice(0, 5), 'gone/missing'];
    const first = await poll(ts.store, gh, { repos: some, token: TOKEN, initial: 'none' });
    expect(first.failures.map((f) => f.repo)).toEqual(['gone/missing']);
    const since = gh.requests.length;
    const r = await poll(ts.store, gh, { repos: some, token: TOKEN });
    expect(r.quiet).toBe(5);
    expect(listings(gh, since).map((l) => l.path.split('?')[0])).toEqual(['/repos/gone/missing/releases']);
  });

  it('a renamed repo (301) is followed, on REST and GraphQL, and keeps its history', async () => {
    const OLD = repos[0]!;
    await poll(ts.store, gh, { repos: [OLD], token: TOKEN, initial: 'none' });
    // GitHub moves the repo: the old name answers 301 to the new one.
    gh.repos.set('neworg/renamed', gh.repos.get(OLD)!);
    gh.repos.delete(OLD);
    gh.renamed.set(OLD, 'neworg/renamed');
    gh.publish('neworg/renamed', { tag_name: 'v1.2.0', body: '* Added a switch.' });
    for (const token of [TOKEN, undefined]) {
      const since = gh.requests.length;
      const r = await poll(ts.store, gh, { repos: [OLD], ...(token ? { token } : {}) });
      expect(r.failures).toEqual([]);
      expect(r.events.map((e) => [e.repo, e.tag])).toEqual(token ? [[OLD, 'v1.2.0']] : []);
      if (token) expect(gh.requests.slice(since).some((q) => q.path.startsWith(`/repos/${OLD}/releases`))).toBe(true);
      expect(gh.requests.slice(since).some((q) => q.path.startsWith('/repos/neworg/renamed/releases'))).toBe(true);
    }
    expect((await ts.store.releases(OLD)).map((x) => x.tag).sort()).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0']);
  });
});
