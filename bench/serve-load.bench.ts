/**
 * `npm run bench:serve`: 500 signed Slack slash commands from 25 concurrent clients against a freshly
 * started `serve` (a separate process, on loopback; the first requests are the first it ever sees). Slack
 * wants an ack within 3 s; the goal here is every ack under 1 s. Prints p50/p99/max of the acknowledgement
 * and of the answer arriving at response_url. Exits 1 if any ack is over 1 s or missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServeProcess } from '../src/fakes/serve-process.js';
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
const sink = await new ResponseUrlSink().start();
const db = join(mkdtempSync(join(tmpdir(), 'rr-load-')), 'state.db');
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
];
const ackMs: number[] = [];
const sentAt = new Map<string, number>();
let failures = 0;
let next = 0;
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
      else ackMs.push(ms);
      await res?.arrayBuffer();
    }
  }),
);
const wall = performance.now() - t0;
await sink.waitFor(TOTAL, undefined, 30_000).catch(() => {});
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
console.log(`answers at response_url: ${sink.posts.length} (p99 upper bound ${pct(answerMs, 99)} ms after sending)`);
child.kill('SIGTERM');
await Promise.all([gh.close(), sink.close()]);
process.exit(failures || late || ackMs.length < TOTAL ? 1 : 0);
