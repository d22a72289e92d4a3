/**
 * `npm run bench:quiet-poll`: a quiet poll (GitHub answers 304) must not grow with history. Builds two
 * SQLite stores, one with 10 and one with 1,000 releases of realistic notes, then runs `release-radar poll`
 * as a real process against each, alternately, and prints the median wall time and peak RSS of the
 * 1,000-release poll as a ratio of the 10-release one (goal: <= 1.1 each), and the stored items' size as
 * a ratio of the bodies' size (goal: < 1.5).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { Store } from '../src/store/store.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { PEAK_RSS_ON_EXIT, peakRssKiB } from './peak-rss.js';

const { values } = parseArgs({
  options: { corpus: { type: 'string', default: '../shared/corpus' }, rounds: { type: 'string', default: '7' } },
});
const root = join(import.meta.dirname, '..');
const BIN = join(root, 'bin', 'release-radar.js');
const REPO = 'tensorflow/tensorflow';

/** Release bodies to cycle through: the corpus when it is there, else the package's sample releases. */
function sampleBodies(): string[] {
  const corpus = resolve(values.corpus!, 'tensorflow', 'releases');
  const dir = existsSync(corpus) ? corpus : join(root, 'examples', 'releases', 'tensorflow');
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
}

const bodies = sampleBodies();
const classifier = new Classifier(builtinCategories());

async function storeWith(n: number): Promise<{ gh: FakeGitHub; db: string; bodyBytes: number; itemBytes: number }> {
  const gh = await new FakeGitHub().start();
  let bodyBytes = 0;
  for (let i = 0; i < n; i++) {
    const body = bodies[i % bodies.length]!;
    bodyBytes += body.length;
    gh.publish(REPO, { tag_name: `v${Math.floor(i / 10)}.${i % 10}.0`, body });
  }
  const db = join(mkdtempSync(join(tmpdir(), 'rr-quiet-')), 'state.db');
  const store = await Store.open({ sqlitePath: db });
  const github = createGitHubClient({ baseUrl: gh.url, logger: silentLogger });
  const r = await runPoll(
    { store, github, classifier, logger: silentLogger },
    { repos: [REPO], dryRun: false, initial: 'none', perPage: 30 },
  );
  if (r.failures.length) throw new Error(JSON.stringify(r.failures));
  const sizes = await store.db.selectFrom('revisions').select(['items']).execute();
  await store.close();
  return { gh, db, bodyBytes, itemBytes: sizes.reduce((s, x) => s + x.items.length, 0) };
}

/** One quiet poll as a real process: wall time, and the child's own peak RSS (reported on exit). */
function quietPoll(gh: FakeGitHub, db: string): Promise<{ ms: number; rss: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...PEAK_RSS_ON_EXIT, BIN, 'poll', '--db', db, '--repo', REPO], {
      env: { ...process.env, GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn', GITHUB_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const rss = peakRssKiB(err);
      if (code !== 0) fail(new Error(`quiet poll exited ${code}: ${err}`));
      else done({ ms, rss });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const small = await storeWith(10);
const large = await storeWith(1000);
const rounds = Number(values.rounds);
const runs = { small: [] as { ms: number; rss: number }[], large: [] as { ms: number; rss: number }[] };
await quietPoll(small.gh, small.db); // warm the file cache
for (let i = 0; i < rounds; i++) {
  runs.small.push(await quietPoll(small.gh, small.db));
  runs.large.push(await quietPoll(large.gh, large.db));
}
for (const s of [small, large]) {
  const quiet = s.gh.requests.slice(-rounds);
  if (quiet.some((r) => !r.ifNoneMatch)) throw new Error('a quiet poll did not send If-None-Match');
}
const ms = (k: 'small' | 'large') => median(runs[k].map((r) => r.ms));
const rss = (k: 'small' | 'large') => median(runs[k].map((r) => r.rss));
console.log(
  `quiet poll, 10 releases:    ${ms('small').toFixed(0)} ms, peak RSS ${(rss('small') / 1024).toFixed(0)} MiB (median of ${rounds})`,
);
console.log(
  `quiet poll, 1,000 releases: ${ms('large').toFixed(0)} ms, peak RSS ${(rss('large') / 1024).toFixed(0)} MiB`,
);
console.log(
  `ratio 1,000 / 10: wall ${(ms('large') / ms('small')).toFixed(3)} (goal <= 1.1), peak RSS ${(rss('large') / rss('small')).toFixed(3)} (goal <= 1.1)`,
);
console.log(`stored items / bodies: ${(large.itemBytes / large.bodyBytes).toFixed(3)} (goal < 1.5)`);
await small.gh.close();
await large.gh.close();
