/**
 * `npm run bench:flood`: eight unsigned 100 MB POSTs at once to /slack/events of a freshly started `serve`
 * (a separate process, on loopback), streamed in 1 MB chunks. Samples the server's RSS (/proc) and probes
 * /healthz meanwhile. Prints the RSS before and at its peak, the answers and the slowest /healthz. Then idle
 * sockets: 300 from one address (how many it may keep: the per-address limit), and 32 from each of 8 addresses
 * (every general connection taken) while /healthz and a slash command come from a ninth. Exits 1 if RSS grew by
 * more than 64 MB, a flood request was not refused with 413, one address kept more than its limit, or /healthz
 * did not answer 200 within 1 s with every connection taken.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServeProcess } from '../src/fakes/serve-process.js';
import { DEFAULT_LIMITS } from '../src/serve/server.js';

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

/** Idle sockets from one local address (any 127.x is this machine); resolves with how many are still open once each was accepted or closed. */
async function idleSockets(from: string, n: number): Promise<{ kept: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const settled = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<boolean>((resolve) => {
          const s = connect({ port: Number(url.port), host: url.hostname, localAddress: from });
          sockets.push(s);
          s.on('error', () => resolve(false));
          s.on('close', () => resolve(false));
          // A refused socket is closed right after it is accepted; one kept open answers a request.
          s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n'));
          s.once('data', () => resolve(true));
        }),
    ),
  );
  return { kept: settled.filter(Boolean).length, sockets };
}
/** A request from `from` on a new connection: status and ms. */
function ask(from: string, path: string, method = 'GET'): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  return new Promise((resolve) => {
    request({ host: url.hostname, port: url.port, path, method, localAddress: from, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - t });
    })
      .on('error', () => resolve({ status: 0, ms: performance.now() - t }))
      .end();
  });
}

const one = await idleSockets('127.0.0.2', 300);
const healthBeside = await ask('127.0.0.3', '/healthz');
console.log(
  `one address, 300 idle sockets: ${one.kept} kept open (per-address limit ${DEFAULT_LIMITS.maxConnectionsPerAddress}); /healthz from another address meanwhile: ${healthBeside.status} in ${healthBeside.ms.toFixed(0)} ms`,
);
for (const s of one.sockets) s.destroy();
const perAddress = DEFAULT_LIMITS.maxConnectionsPerAddress;
const fill = Math.ceil(DEFAULT_LIMITS.maxConnections / perAddress);
const many = await Promise.all(Array.from({ length: fill }, (_, i) => idleSockets(`127.0.1.${i + 1}`, perAddress)));
const taken = many.reduce((n, m) => n + m.kept, 0);
const [health, command] = [await ask('127.0.2.1', '/healthz'), await ask('127.0.2.2', '/slack/events', 'POST')];
console.log(
  `${fill} addresses x ${perAddress} idle sockets: ${taken} taken (limit ${DEFAULT_LIMITS.maxConnections}); from a new address, /healthz: ${health.status} in ${health.ms.toFixed(0)} ms (reserve of ${DEFAULT_LIMITS.healthReserve}); a slash command: ${command.status}`,
);
for (const m of many) for (const s of m.sockets) s.destroy();
child.kill('SIGTERM');
process.exit(
  peak - before > 64 ||
    answers.some((a) => a !== '413') ||
    one.kept > perAddress ||
    health.status !== 200 ||
    health.ms > 1000
    ? 1
    : 0,
);
