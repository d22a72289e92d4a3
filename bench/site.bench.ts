/**
 * `npm run bench:site`: `release-radar site` over the whole ../shared/corpus. The corpus goes into a store
 * through the real poll against the fake GitHub on loopback (as bench:poll does), then the site is built
 * cold (empty folder), again with nothing changed (nothing may be written), and after one release is
 * edited. Goal: a whole-corpus build under 5 s. `--postgres` uses a temporary PostgreSQL database.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { buildSite } from '../src/site/build-site.js';
import { Store } from '../src/store/store.js';
import { FakeGitHub, type FakeRelease } from '../src/fakes/github.js';
import { postgresLocation } from '../src/fakes/postgres.js';

const GOAL_MS = 5000;
const { values } = parseArgs({
  options: { corpus: { type: 'string', default: '../shared/corpus' }, postgres: { type: 'boolean', default: false } },
});
const corpus = resolve(values.corpus!);
const repos = ['pytorch/pytorch', 'tensorflow/tensorflow'];
const gh = await new FakeGitHub().start();
for (const [project, repo] of [
  ['pytorch', repos[0]!],
  ['tensorflow', repos[1]!],
] as const) {
  gh.repos.set(repo, JSON.parse(readFileSync(join(corpus, project, 'releases.json'), 'utf8')) as FakeRelease[]);
}
const pgdb = values.postgres ? await postgresLocation(process.env.TEST_DATABASE_URL) : null;
const store = await Store.open(
  pgdb ? pgdb.location : { sqlitePath: join(mkdtempSync(join(tmpdir(), 'rr-bench-site-')), 'state.db') },
);
const categories = builtinCategories();
const poll = () =>
  runPoll(
    {
      store,
      github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger }),
      classifier: new Classifier(categories),
      logger: silentLogger,
    },
    { repos, dryRun: false, initial: 'all', perPage: 100 },
  );
// One page of 100: the whole listing, so the poll's deletion check sees every release (the corpus's ids do
// not grow with publication order, which a partial listing would take for deletions).
const polled = await poll();
if (polled.failures.length) throw new Error(JSON.stringify(polled.failures));
const outDir = join(mkdtempSync(join(tmpdir(), 'rr-bench-site-out-')), 'site');
const renderer = templateRenderer();

async function timed(label: string) {
  const t0 = performance.now();
  const r = await buildSite(
    { store, renderer },
    { outDir, repos, categories: Object.keys(categories), baseUrl: 'https://radar.example.com/' },
  );
  const ms = performance.now() - t0;
  console.log(
    `${label.padEnd(30)} ${String(r.files).padStart(4)} files  ${String(r.written.length).padStart(4)} written  ${ms.toFixed(0).padStart(6)} ms  ${(ms / GOAL_MS).toFixed(2)} of the 5 s goal`,
  );
  return { ms, r };
}

console.log(`corpus: ${[...gh.repos.values()].reduce((n, l) => n + l.length, 0)} releases; store: ${store.dialect}`);
const cold = await timed('cold build (empty folder)');
const warm = await timed('rebuild, nothing changed');
const newest = gh.repos.get(repos[1]!)![0]!;
gh.edit(
  repos[1]!,
  newest.tag_name,
  `${newest.body}\r\n\r\n## Bug Fixes and Other Changes\r\n\r\n*   Windows: fixed DLL search paths once more.\r\n`,
);
await poll();
const edited = await timed(`rebuild after editing ${newest.tag_name}`);
await store.close();
await pgdb?.drop();
await gh.close();
const ok = cold.ms < GOAL_MS && warm.r.written.length === 0 && edited.r.written.length > 0;
console.log(ok ? 'site bench: ok' : 'site bench: FAILED (over the goal, or a rebuild wrote what did not change)');
process.exitCode = ok ? 0 : 1;
