/**
 * `npm run bench:flood`: eight unsigned 100 MB POSTs at once to /slack/events of a freshly started `serve`
 * (a separate process, on loopback), streamed in 1 MB chunks. Samples the server's RSS (/proc) and probes
 * /healthz meanwhile. Prints the RSS before and at its peak, the answers and the slowest /healthz; exits 1
 * if RSS grew by more than 64 MB or a flood request was not refused with 413.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServeProcess } from '../src/fakes/serve-process.js';

const FLOODS = 8;
const SIZE = 100 * 1024 * 1024;
const db = join(mkdtempSync(join(tmpdir(), 'rr-flood-')), 'state.db');
const serve = await startServeProcess(
  ['--db', db],
  {
    ...process.env,
    SLACK_SIGNING_SECRET: 'flood-secret',
    SLACK_BOT_TOKEN: 'xoxb-flood',
    DISCORD_PUBLIC_KEY: '0'.repeat(64),
    DISCORD_APPLICATION_ID: '1',
    LOG_LEVEL: 'error',
  },
  { inheritStderr: true },
);
const { child } = serve;
const url = new URL(serve.url);
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
await new Promise((r) => setTimeout(r, 500));
const before = rssMb();
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);

function flood(path: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    let sent = 0;
    let done = false;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    req.on('response', (res) => {
      done = true;
      res.resume();
      resolve(String(res.statusCode));
      req.destroy();
    });
    req.on('error', (e) => {
      if (!done)
        resolve(
          `error after ${(sent / 1024 / 1024).toFixed(0)} MB (${(e as NodeJS.ErrnoException).code ?? e.message})`,
        );
      done = true;
    });
    const pump = () => {
      while (!done && sent < SIZE) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

let slowestHealth = 0;
let healthFailures = 0;
let flooding = true;
const prober = (async () => {
  while (flooding) {
    const t = performance.now();
    const ok = await fetch(`${url.origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    slowestHealth = Math.max(slowestHealth, performance.now() - t);
    if (!ok) healthFailures++;
    await new Promise((r) => setTimeout(r, 100));
  }
})();
const t0 = performance.now();
const answers = await Promise.all(Array.from({ length: FLOODS }, () => flood('/slack/events')));
const wall = performance.now() - t0;
flooding = false;
await prober;
clearInterval(sampler);
console.log(
  `${FLOODS} unsigned ${SIZE / 1024 / 1024} MB POSTs to /slack/events at once, ${(wall / 1000).toFixed(2)} s`,
);
console.log(`answers: ${answers.join(', ')}`);
console.log(
  `server RSS: ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at peak (+${(peak - before).toFixed(0)} MB)`,
);
console.log(`/healthz meanwhile: slowest ${slowestHealth.toFixed(0)} ms, ${healthFailures} failed`);
child.kill('SIGTERM');
process.exit(peak - before > 64 || answers.some((a) => a !== '413') ? 1 : 0);
