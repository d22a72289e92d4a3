/**
 * `npm run bench:serve`: 500 signed Slack slash commands from 25 concurrent clients against a freshly
 * started `serve` (a separate process, on loopback; the first requests are the first it ever sees). Slack
 * wants an ack within 3 s; the goal here is every ack under 1 s. Among the commands, queries of a release with
 * 9,000 items (generated here, about 1.5 MB of notes; polled into the store first, as a tracked repo's release
 * is), whose answers are capped at 4 messages and rendered once. Prints p50/p99/max of the acknowledgement and
 * of the answer arriving at response_url, and /healthz meanwhile. Exits 1 if any ack is over 1 s or missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServeProcess } from '../src/fakes/serve-process.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { execFile } from 'node:child_process';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { SLACK_SECRET, slackHeaders, slashBody } from '../src/fakes/signing.js';

const TOTAL = Number(process.env.BENCH_TOTAL ?? 500);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 25);
const GOAL_MS = 1000;
const gh = await new FakeGitHub().start();
gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
// A release with 9,000 items: 25 groups (5 areas x 5 kinds of change) of 360, plus 20.
const big = bigTorchNotes('2.10.0', 360);
gh.publish('pytorch/pytorch', { tag_name: 'v2.10.0', body: big });
const sink = await new ResponseUrlSink().start();
const db = join(mkdtempSync(join(tmpdir(), 'rr-load-')), 'state.db');
// In a child process: this one serves the fake GitHub the poll reads.
await new Promise<void>((resolve, reject) =>
  execFile(
    process.execPath,
    [join(PACKAGE_ROOT, 'bin', 'release-radar.js'), 'poll', '--db', db],
    { env: { ...process.env, GITHUB_API_URL: gh.url, LOG_LEVEL: 'error' } },
    (e) => (e ? reject(e) : resolve()),
  ),
);
console.log(
  `pytorch/pytorch v2.10.0: ${(big.length / 1e6).toFixed(2)} MB of notes, ${big.split('\n- ').length - 1} items, polled into the store`,
);
const serve = await startServeProcess(
  ['--db', db],
  {
    ...process.env,
    GITHUB_API_URL: gh.url,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: `${sink.server.url}/api/`, // response_url may point to this host (Slack's hooks host otherwise)
    LOG_LEVEL: 'warn',
  },
  { inheritStderr: true },
);
const { child, url } = serve;

const texts = [
  'pytorch distributed',
  'tf mobile',
  'torch packaging --public',
  'list',
  'help',
  'quantization',
  'tensorflow',
  'pytorch', // the 9,000-item release, every category
  'pytorch windows v2.10.0',
];
const ackMs: number[] = [];
const bigAckMs: number[] = [];
const sentAt = new Map<string, number>();
let failures = 0;
let next = 0;
let slowestHealth = 0;
let probing = true;
const prober = (async () => {
  while (probing) {
    const t = performance.now();
    await fetch(`${url}/healthz`).then(
      (r) => r.arrayBuffer(),
      () => null,
    );
    slowestHealth = Math.max(slowestHealth, performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
})();
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (next < TOTAL) {
      const n = next++;
      const id = `load-${n}`;
      const body = slashBody(texts[n % texts.length]!, {
        responseUrl: sink.url(id),
        channel: `C${n % 7}`,
        user: `U${n}`,
      });
      const start = performance.now();
      sentAt.set(id, Date.now());
      const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body }).catch(
        () => null,
      );
      const ms = performance.now() - start;
      if (!res || res.status !== 200) failures++;
      else {
        ackMs.push(ms);
        if (process.env.BENCH_DEBUG && ms > 500)
          console.log(`slow ack ${ms.toFixed(0)} ms at ${(start - t0).toFixed(0)} ms: ${texts[n % texts.length]}`);
        if (/^pytorch($| windows)/.test(texts[n % texts.length]!)) bigAckMs.push(ms);
      }
      await res?.arrayBuffer();
    }
  }),
);
const wall = performance.now() - t0;
// Every command answered (an answer may be several posts), then nothing more for a moment (its later parts).
const answered = () => new Set(sink.posts.map((p) => p.path)).size;
for (let last = -1, deadline = Date.now() + 60_000; Date.now() < deadline;) {
  if (answered() >= TOTAL && sink.posts.length === last) break;
  last = answered() >= TOTAL ? sink.posts.length : -1;
  await new Promise((r) => setTimeout(r, 500));
}
probing = false;
await prober;
const answerMs = sink.posts.map((p) => Date.now() - (sentAt.get(p.path.split('/').pop()!) ?? Date.now()));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
const late = ackMs.filter((x) => x > GOAL_MS).length;
const over3 = ackMs.filter((x) => x > 3000).length;
console.log(`${TOTAL} signed slash commands, ${CLIENTS} concurrent clients, ${(wall / 1000).toFixed(2)} s`);
console.log(
  `acknowledged: ${ackMs.length}/${TOTAL} (failed ${failures}); over 1 s: ${late}; over 3 s (Slack's limit): ${over3}`,
);
console.log(
  `ack ms: p50 ${pct(ackMs, 50).toFixed(1)}, p99 ${pct(ackMs, 99).toFixed(1)}, max ${Math.max(...ackMs).toFixed(1)}`,
);
console.log(
  `acks of the ${bigAckMs.length} queries of the 9,000-item release: p50 ${pct(bigAckMs, 50).toFixed(1)}, max ${Math.max(...bigAckMs).toFixed(1)} ms; /healthz meanwhile: slowest ${slowestHealth.toFixed(0)} ms`,
);
console.log(
  `answered at response_url: ${answered()}/${TOTAL} commands, ${sink.posts.length} posts (p99 upper bound ${pct(answerMs, 99)} ms after sending)`,
);
child.kill('SIGTERM');
await Promise.all([gh.close(), sink.close()]);
process.exit(failures || late || ackMs.length < TOTAL || answered() < TOTAL ? 1 : 0);
