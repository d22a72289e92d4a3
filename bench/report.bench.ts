/**
 * `npm run bench:report`: upgrade reports over the corpus (../shared/corpus, served by the fake GitHub on
 * loopback as bench:poll does): TensorFlow v2.15.1..v2.19.0 and PyTorch v2.7.0..v2.10.0. For each, in-process
 * (gather + merge + render markdown):
 *   cold      an empty store: the releases are listed, the range's ones parsed and recorded
 *   again     the same store, the repo never polled: listed again, nothing parsed
 *   warm      after a poll recorded everything: from the store alone (goal: <= 2 s, no request)
 * and `warm (CLI)`: the built `release-radar report` in a child process, as a user runs it (Node start included).
 * Reports: releases, items in them, report entries, wall time, GitHub requests, releases parsed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { gatherRange } from '../src/report/gather.js';
import { buildReport } from '../src/report/model.js';
import { parseRange } from '../src/report/range.js';
import { renderReportMarkdown } from '../src/report/render-markdown.js';
import { Store } from '../src/store/store.js';
import { FakeGitHub, type FakeRelease } from '../src/fakes/github.js';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: '../shared/corpus' } } });
const corpus = resolve(values.corpus!);
const ROOT = join(import.meta.dirname, '..');
const gh = await new FakeGitHub().start();
for (const [project, repo] of [
  ['pytorch', 'pytorch/pytorch'],
  ['tensorflow', 'tensorflow/tensorflow'],
] as const)
  gh.repos.set(repo, JSON.parse(readFileSync(join(corpus, project, 'releases.json'), 'utf8')) as FakeRelease[]);

const REPORTS = [
  { repo: 'tensorflow/tensorflow', range: 'v2.15.1..v2.19.0' },
  { repo: 'pytorch/pytorch', range: 'v2.7.0..v2.10.0' },
];
const categories = Object.keys(builtinCategories());
const classifier = new Classifier(builtinCategories());
const dbPath = join(mkdtempSync(join(tmpdir(), 'rr-bench-report-')), 'state.db');
const store = await Store.open({ sqlitePath: dbPath });

async function timed(label: string, repo: string, range: string) {
  const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger });
  const t0 = performance.now();
  const gathered = await gatherRange({ store, github, classifier }, repo, parseRange(range));
  const report = buildReport(gathered, { categories });
  const md = renderReportMarkdown(report, github.links);
  const ms = performance.now() - t0;
  const items = gathered.releases.reduce((n, r) => n + r.items.filter((i) => !i.group).length, 0);
  console.log(
    `${`${repo} ${range}`.padEnd(40)} ${label.padEnd(11)} ${String(gathered.releases.length).padStart(2)} releases ` +
      `${String(items).padStart(5)} items -> ${String(report.total + report.uncategorized).padStart(5)} entries ` +
      `(${String(report.total).padStart(3)} in a category)  ` +
      `${ms.toFixed(0).padStart(5)} ms  ${gathered.requests} requests  ${gathered.parsed} parsed  (${(md.length / 1024).toFixed(0)} KB)`,
  );
}

for (const { repo, range } of REPORTS) await timed('cold', repo, range);
for (const { repo, range } of REPORTS) await timed('again', repo, range);
const polled = await runPoll(
  { store, github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger }), classifier, logger: silentLogger },
  { repos: REPORTS.map((r) => r.repo), dryRun: false, initial: 'none', perPage: 100 },
);
if (polled.failures.length) throw new Error(JSON.stringify(polled.failures));
for (const { repo, range } of REPORTS) await timed('warm', repo, range);
await store.close();

// The built CLI, as users run it: Node's start and the module loading included.
for (const { repo, range } of REPORTS) {
  const before = gh.requests.length;
  const t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'bin', 'release-radar.js'), 'report', repo, range, '--db', dbPath],
    { env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' },
  );
  const ms = performance.now() - t0;
  console.log(
    `${`${repo} ${range}`.padEnd(40)} ${'warm (CLI)'.padEnd(11)} ${ms.toFixed(0).padStart(5)} ms  ${gh.requests.length - before} requests  (${(out.length / 1024).toFixed(0)} KB of markdown)`,
  );
}
await gh.close();
