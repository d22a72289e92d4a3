/**
 * `npm run bench:poll`: the poll against the whole ../shared/corpus served by the fake GitHub on loopback.
 * Reports requests and wall time for a cold poll (first sight of both repos, `--initial all`), a quiet poll,
 * and a catch-up poll after the newest release of each repo is removed from the store's view.
 * `--postgres` runs it against a temporary PostgreSQL database (TEST_DATABASE_URL or 127.0.0.1:5432) instead of SQLite.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { Store } from '../src/store/store.js';
import { FakeGitHub, type FakeRelease } from '../src/fakes/github.js';
import { postgresLocation } from '../src/fakes/postgres.js';

const { values } = parseArgs({
  options: { corpus: { type: 'string', default: '../shared/corpus' }, postgres: { type: 'boolean', default: false } },
});
const corpus = resolve(values.corpus!);
const gh = await new FakeGitHub().start();
let bodies = 0;
for (const [project, repo] of [
  ['pytorch', 'pytorch/pytorch'],
  ['tensorflow', 'tensorflow/tensorflow'],
] as const) {
  const list = JSON.parse(readFileSync(join(corpus, project, 'releases.json'), 'utf8')) as FakeRelease[];
  gh.repos.set(repo, list);
  bodies += list.reduce((n, r) => n + (r.body?.length ?? 0), 0);
}
const pgdb = values.postgres ? await postgresLocation(process.env.TEST_DATABASE_URL) : null;
const store = await Store.open(
  pgdb ? pgdb.location : { sqlitePath: join(mkdtempSync(join(tmpdir(), 'rr-bench-')), 'state.db') },
);
const classifier = new Classifier(builtinCategories());
const repos = ['pytorch/pytorch', 'tensorflow/tensorflow'];

async function timed(label: string, initial: 'all' | 'latest') {
  const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger });
  const t0 = performance.now();
  const r = await runPoll(
    { store, github, classifier, logger: silentLogger },
    { repos, dryRun: false, initial, perPage: 30 },
  );
  const ms = performance.now() - t0;
  if (r.failures.length) throw new Error(JSON.stringify(r.failures));
  console.log(
    `${label.padEnd(34)} ${String(r.requests).padStart(3)} requests  ${ms.toFixed(0).padStart(6)} ms  ${r.events.length} events`,
  );
  return r;
}

console.log(
  `corpus: ${[...gh.repos.values()].reduce((n, l) => n + l.length, 0)} releases, ${(bodies / 1e6).toFixed(2)} MB of notes; store: ${store.dialect}`,
);
await timed('cold poll (--initial all)', 'all');
await timed('quiet poll (ETag, 304)', 'latest');
// New releases on top of known ones, and the ETag no longer matching: paging stops at the first known.
for (const repo of repos) {
  const list = gh.repos.get(repo)!;
  for (let i = 0; i < 3; i++)
    list.unshift({
      ...list[list.length - 1 - i]!,
      id: 9_000_000 + i + (repo.length << 8),
      tag_name: `v99.${i}.0-${repo.length}`,
    });
}
await timed('catch-up poll (3 new per repo)', 'latest');
await timed('quiet poll again', 'latest');
await store.close();
await pgdb?.drop();
await gh.close();
