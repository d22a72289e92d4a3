/**
 * `npm run bench:scale` (issue 27): 1,000 repos × 20 releases (bodies of about 1 KB, written here) on the
 * GitHub fake, every answer after a fixed 100 ms, `release-radar poll` run as real processes:
 * - the first poll (`--initial none`), one process on SQLite: wall time, requests by kind, peak RSS;
 * - a quiet poll without a token (REST, one conditional listing per repo: the path of every poll before the
 *   quiet check) and with one (GraphQL quiet check): wall, requests by kind, RSS, and the most REST points
 *   any minute held; printed as the ratio with / without (goals: ≤ 10 s, ≤ 40 requests, RSS ≤ 200 MB);
 * - the first poll on PostgreSQL with 2 and 4 `poll` processes at once: wall relative to one process in the
 *   same pair of runs, median of `--pairs` pairs (goal for 2: ≤ 0.6), repos checked twice and lost (goal: 0);
 * - a worker killed mid-batch (`kill`): 2 `poll` processes (`--initial latest`, each event to a signed webhook) on
 *   a new PostgreSQL database, one SIGKILLed once the other holds claims too and its own batch is part-recorded
 *   (awaited on the store's lease rows and the fake's requests); the survivor, then a `poll` run after the dead
 *   worker's lease has expired, finish. The repo lease (10 min) is not configurable: the bench cuts the dead
 *   worker's claims to end `--kill-lease` ms (default 5,000) after its death. Prints the repos it held, when
 *   they were first checked again (QuietCheck) and by whom, repos checked twice (a held repo may be checked
 *   twice if the dead worker had begun its check; a third check, or a second of any other repo, counts), lost
 *   (never recorded), events beyond one per release, and webhook messages duplicated or lost (goal: all 0);
 * - time to notify: `serve --poll-every 1m`, a release published on the fake right after a poll, until the
 *   Slack fake has its message (goal: ≤ one interval + 5 s).
 * `--repos N` and `--releases N` scale it down for a quick look.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FakeGitHub, type RecordedRequest } from '../src/fakes/github.js';
import { DEFAULT_PG_ADMIN_URL, postgresLocation } from '../src/fakes/postgres.js';
import { startServeProcess } from '../src/fakes/serve-process.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { until } from '../src/fakes/until.js';
import { FakeWebhookReceiver } from '../src/fakes/webhook-receiver.js';
import { Store } from '../src/store/store.js';
import { PEAK_RSS_ON_EXIT, peakRssKiB } from './peak-rss.js';

const { values } = parseArgs({
  options: {
    repos: { type: 'string', default: '1000' },
    releases: { type: 'string', default: '20' },
    workers: { type: 'string', default: '2,4' },
    /** Pairs of runs (one worker, then several, alternating) per count of workers in the workers round. */
    pairs: { type: 'string', default: '3' },
    /** `serve --poll-every` for the time-to-notify round; empty: skip it. */
    'notify-every': { type: 'string', default: '1m' },
    /** Which rounds to run: `first` (SQLite first and quiet polls), `workers`, `kill`, `notify`. */
    rounds: { type: 'string', default: 'first,workers,kill,notify' },
    /** Kill round: ms from the killed worker's death to the end of its claims (0: keep the 10-minute lease). */
    'kill-lease': { type: 'string', default: '5000' },
    'pg-url': { type: 'string', default: process.env.TEST_DATABASE_URL ?? DEFAULT_PG_ADMIN_URL },
  },
});
const BIN = join(import.meta.dirname, '..', 'bin', 'release-radar.js');
const N = Number(values.repos);
const RELEASES = Number(values.releases);
const repos = Array.from({ length: N }, (_, i) => `org${i % 37}/project-${i}`);

/** About 1 KB of notes, varied by release so that no two bodies are alike. */
function body(repo: string, n: number): string {
  const lines = [
    `## Highlights`,
    `* Faster start-up of the ${repo.split('/')[1]} runtime on Linux (${n}).`,
    `## Bug Fixes`,
    ...Array.from(
      { length: 12 },
      (_, k) => `* Fixed a crash in module ${k} when the input is empty (#${n * 100 + k}).`,
    ),
    `* Added int8 quantization of the TFLite converter for Android and Windows builds (${n}).`,
    `## Deprecations`,
    `* The old config loader is deprecated; use the new one (${n}).`,
  ];
  return lines.join('\n');
}

const gh = await new FakeGitHub().start();
for (const repo of repos)
  for (let r = 0; r < RELEASES; r++) gh.publish(repo, { tag_name: `v1.${r}.0`, body: body(repo, r) });
gh.delayMs = 100;
gh.rateLimit = { limit: 1_000_000, remaining: 1_000_000 };
gh.graphqlLimit = { limit: 1_000_000, remaining: 1_000_000 };

const dir = mkdtempSync(join(tmpdir(), 'rr-scale-'));
const config = join(dir, 'release-radar.yaml');
writeFileSync(config, `repos:\n${repos.map((r) => `  - ${r}`).join('\n')}\n`);

interface Run {
  ms: number;
  rss: number;
  rest: number;
  graphql: number;
  restPerMinute: number;
  listed: Map<string, number>;
}

/** Most points in any 60 s window of the fake's records. */
function maxPerMinute(records: { at: number; points: number }[]): number {
  let best = 0;
  let sum = 0;
  let lo = 0;
  for (const r of records) {
    sum += r.points;
    while (records[lo]!.at <= r.at - 60_000) sum -= records[lo++]!.points;
    best = Math.max(best, sum);
  }
  return best;
}

/** One `release-radar poll` process: its child, and its exit (code or signal, peak RSS in MiB). */
function startPoll(
  args: string[],
  env: Record<string, string>,
  cfg = config,
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; rss: number; err: string }> } {
  const child = spawn(
    process.execPath,
    [...PEAK_RSS_ON_EXIT, BIN, 'poll', '--config', cfg, '--format', 'json', ...args],
    {
      env: { ...process.env, GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn', GITHUB_TOKEN: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: string | null; rss: number; err: string }>((done) =>
    child.on('close', (code, signal) => done({ code, signal, rss: peakRssKiB(err) / 1024, err })),
  );
  return { child, exited };
}

/** Repos checked, each time: with a token, by the quiet check of the batch that holds it; without, by its
 * REST listing's first page (no page=). */
function checksOf(seen: RecordedRequest[]): Map<string, number> {
  const listed = new Map<string, number>();
  const count = (repo: string) => listed.set(repo, (listed.get(repo) ?? 0) + 1);
  const quietChecks = seen.filter((r) => r.graphql?.operation === 'QuietCheck');
  if (quietChecks.length) for (const r of quietChecks) r.graphql!.repos.forEach(count);
  else
    for (const r of seen) {
      const repo = /^\/repos\/([^/]+\/[^/]+)\/releases\?per_page=\d+$/.exec(r.path)?.[1];
      if (repo) count(repo);
    }
  return listed;
}

/** `release-radar poll` processes at once; what the fake saw while they ran. */
async function poll(args: string[], env: Record<string, string>, processes = 1, cfg = config): Promise<Run> {
  const since = gh.requests.length;
  const t0 = performance.now();
  const rss = await Promise.all(
    Array.from({ length: processes }, async () => {
      const { code, rss, err } = await startPoll(args, env, cfg).exited;
      if (code !== 0) throw new Error(`poll exited ${code}: ${err.slice(-2000)}`);
      return rss;
    }),
  );
  const ms = performance.now() - t0;
  const seen = gh.requests.slice(since);
  return {
    ms,
    rss: Math.max(...rss),
    rest: seen.filter((r) => r.method === 'GET').length,
    graphql: seen.filter((r) => r.method === 'POST').length,
    // GitHub's secondary limit counts every request (a 304 too) as a point.
    restPerMinute: maxPerMinute(seen.filter((r) => r.method === 'GET').map((r) => ({ at: r.at, points: 1 }))),
    listed: checksOf(seen),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const line = (what: string, r: Run) =>
  console.log(
    `${what.padEnd(38)} ${s(r.ms).padStart(8)}  REST ${String(r.rest).padStart(5)}  GraphQL ${String(r.graphql).padStart(3)}  RSS ${r.rss.toFixed(0)} MiB  REST requests max/min ${r.restPerMinute}`,
  );

console.log(`${N} repos × ${RELEASES} releases, answers after ${gh.delayMs} ms\n`);
const rounds = new Set(values.rounds!.split(','));
const db = join(dir, 'state.db');
if (rounds.has('first')) {
  const first = await poll(['--db', db, '--all', '--initial', 'none'], { GITHUB_TOKEN: 'ghp_bench' });
  line('first poll (--initial none), SQLite', first);
  // A first listing over GraphQL leaves no ETag: the first REST poll lists each repo in full and keeps one.
  line('poll, no token, no ETags yet (REST)', await poll(['--db', db, '--all'], {}));
  const rest = await poll(['--db', db, '--all'], {});
  line('quiet poll, no token (REST, 304s)', rest);
  const gql = await poll(['--db', db, '--all'], { GITHUB_TOKEN: 'ghp_bench' });
  line('quiet poll, token (GraphQL check)', gql);
  console.log(
    `  quiet with / without token: wall ${(gql.ms / rest.ms).toFixed(3)}, requests ${((gql.rest + gql.graphql) / (rest.rest + rest.graphql)).toFixed(3)}` +
      `  (goals: ≤ 10 s: ${gql.ms <= 10_000 ? 'met' : 'NOT met'}; ≤ 40 requests: ${gql.rest + gql.graphql <= 40 ? 'met' : 'NOT met'}; RSS ≤ 200 MB: ${gql.rss <= 200 ? 'met' : 'NOT met'}; no token ≤ 900 REST/min: ${rest.restPerMinute <= 900 ? 'met' : 'NOT met'})`,
  );
}

/** One first poll by `workers` processes on a new database: the run, and repos checked twice or lost. */
async function firstPollOnPostgres(workers: number): Promise<{ run: Run; twice: number; lost: number }> {
  const pg = await postgresLocation(values['pg-url']);
  try {
    await (await Store.open(pg.location)).close(); // migrated once, before the workers race
    const run = await poll(
      ['--initial', 'none'],
      { DATABASE_URL: pg.location.databaseUrl!, GITHUB_TOKEN: 'ghp_bench' },
      workers,
    );
    const store = await Store.open(pg.location);
    const recorded = (await store.repoStates(repos)).size;
    await store.close();
    return { run, twice: [...run.listed.values()].filter((n) => n > 1).length, lost: N - recorded };
  } finally {
    await pg.drop();
  }
}
if (rounds.has('workers')) {
  console.log('\nfirst poll on PostgreSQL, `poll` processes at once:');
  // Each count of workers against one worker in the same pair of runs, in alternating order, and the median
  // of the pairs' ratios: this machine's speed drifts between runs a minute apart (other VMs on the host).
  const pairs = Number(values.pairs);
  for (const workers of values
    .workers!.split(',')
    .map(Number)
    .filter((w) => w > 1)) {
    const ratios: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const order = i % 2 ? [workers, 1] : [1, workers];
      const [a, b] = [await firstPollOnPostgres(order[0]!), await firstPollOnPostgres(order[1]!)];
      const [one, many] = order[0] === 1 ? [a, b] : [b, a];
      for (const [w, r] of [
        [1, one],
        [workers, many],
      ] as const) {
        line(`${w} worker${w > 1 ? 's' : ''}`, r.run);
        console.log(`  repos checked twice: ${r.twice}; lost: ${r.lost}`);
      }
      ratios.push(many.run.ms / one.run.ms);
    }
    const median = [...ratios].sort((x, y) => x - y)[Math.floor(ratios.length / 2)]!;
    console.log(
      `  ${workers} workers / 1 worker: ${ratios.map((r) => r.toFixed(3)).join(', ')}; median ${median.toFixed(3)}` +
        (workers === 2 ? ` (goal ≤ 0.6: ${median <= 0.6 ? 'met' : 'NOT met'})` : ''),
    );
  }
}
if (rounds.has('kill')) await killRound();
await gh.close();

/**
 * Two `poll` processes on a new PostgreSQL database, one SIGKILLed while it holds a claimed batch whose
 * checks have begun; the survivor, then a `poll` run after the dead worker's lease has expired, finish.
 * Every repo's newest release (`--initial latest`) goes to a signed webhook, so that duplicated plans and
 * messages show.
 */
async function killRound(): Promise<void> {
  const pg = await postgresLocation(values['pg-url']);
  const receiver = await new FakeWebhookReceiver().start();
  const cfg = join(dir, 'kill.yaml');
  writeFileSync(
    cfg,
    [
      `repos:\n${repos.map((r) => `  - ${r}`).join('\n')}`,
      'destinations:',
      '  - { name: hook, type: webhook, url: "${WEBHOOK_URL}", secret: "${WEBHOOK_SECRET}" }',
      'subscriptions:',
      '  - { destination: hook }',
    ].join('\n'),
  );
  const env = {
    DATABASE_URL: pg.location.databaseUrl!,
    GITHUB_TOKEN: 'ghp_bench',
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: receiver.secret,
  };
  const store = await Store.open(pg.location); // migrated once, before the workers race
  /** Unexpired claims: owner -> repos. */
  const leases = async () => {
    const rows = await store.db
      .selectFrom('repos')
      .select(['repo', 'lease_owner'])
      .where('lease_owner', 'is not', null)
      .where('lease_until', '>=', new Date().toISOString())
      .execute();
    const by = new Map<string, string[]>();
    for (const r of rows) by.set(r.lease_owner!, [...(by.get(r.lease_owner!) ?? []), r.repo]);
    return by;
  };
  try {
    const since = gh.requests.length;
    /** Repos named by the requests since the round began (a GraphQL query's repos, a REST path's). */
    const requested = (from = since) => {
      const out = new Set<string>();
      for (const r of gh.requests.slice(from)) {
        r.graphql?.repos.forEach((x) => out.add(x));
        const rest = /^\/repos\/([^/]+\/[^/]+)\//.exec(r.path)?.[1];
        if (rest) out.add(rest);
      }
      return out;
    };
    const t0 = performance.now();
    // The victim starts first, so that the first claim's owner is its (claims name no process).
    const victim = startPoll(['--initial', 'latest'], env, cfg);
    let victimOwner = '';
    await until(
      'the first claim',
      async () => {
        victimOwner = [...(await leases()).keys()][0] ?? '';
        return !!victimOwner;
      },
      120_000,
      20,
    );
    const survivor = startPoll(['--initial', 'latest'], env, cfg);
    // Kill once the survivor holds claims too and the victim is mid-batch: its current batch has requests at
    // the fake and some of its repos are recorded (their transactions committed), not all.
    await until(
      'both workers claiming, the victim mid-batch',
      async () => {
        const held = await leases();
        const mine = held.get(victimOwner) ?? [];
        const seen = requested();
        if (held.size < 2 || !mine.some((r) => seen.has(r))) return false;
        const done = (await store.repoStates(mine)).size;
        return done > 0 && done < mine.length;
      },
      120_000,
      20,
    );
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    const killedExit = await victim.exited;
    // Requests that arrive after its exit are not its own.
    const deadAt = Date.now();
    const killedMs = performance.now() - t0;
    const heldRows = await store.db
      .selectFrom('repos')
      .select(['repo', 'lease_until'])
      .where('lease_owner', '=', victimOwner)
      .execute();
    const held = heldRows.map((r) => r.repo);
    if (!held.length) throw new Error('kill round: the victim held no claim when it died');
    const seenByVictim = requested();
    const startedBeforeKill = held.filter((r) => seenByVictim.has(r)).length;
    const recordedAtKill = (await store.repoStates(held)).size;
    const eventsAtKill = (await store.events({ repos: held })).length;
    const leaseMs = Number(values['kill-lease']);
    const expiry = leaseMs ? killedAt + leaseMs : Date.parse(heldRows[0]!.lease_until!);
    if (leaseMs)
      // The repo lease is 10 minutes and not configurable: the dead worker's claims are cut to end
      // `--kill-lease` ms after its death, as though it had claimed them with a lease that short.
      await store.db
        .updateTable('repos')
        .set({ lease_until: new Date(expiry).toISOString() })
        .where('lease_owner', '=', victimOwner)
        .execute();
    const survived = await survivor.exited;
    if (survived.code !== 0) throw new Error(`surviving poll exited ${survived.code}: ${survived.err.slice(-2000)}`);
    const survivorDone = Date.now();
    // A run after the lease has expired takes over what the survivor did not (the next cron, or serve's tick).
    await until('the lease expiry', async () => Date.now() > expiry, expiry - Date.now() + 60_000, 20);
    const after = await startPoll(['--initial', 'latest'], env, cfg).exited;
    if (after.code !== 0) throw new Error(`follow-up poll exited ${after.code}: ${after.err.slice(-2000)}`);
    const ms = performance.now() - t0;

    const seen = gh.requests.slice(since);
    const checks = checksOf(seen);
    const heldSet = new Set(held);
    const rechecks = seen.filter((q) => q.at > deadAt && q.graphql?.operation === 'QuietCheck');
    const takenOver = held.filter((r) => rechecks.some((q) => q.graphql!.repos.includes(r)));
    const firstTakeover = Math.min(
      ...rechecks.filter((q) => q.graphql!.repos.some((r) => heldSet.has(r))).map((q) => q.at),
    );
    // A held repo the victim had begun to check is checked twice of necessity (by the victim, then by whoever
    // takes it over); any other second check, or a third, counts.
    const begun = new Set(held.filter((r) => seenByVictim.has(r)));
    const twice = [...checks].filter(([r, n]) => n > (begun.has(r) ? 2 : 1)).length;
    const recorded = (await store.repoStates(repos)).size;
    const events = (await store.events()).map((e) => e.event);
    const perRelease = new Map<string, number>();
    for (const e of events) perRelease.set(`${e.repo}@${e.tag}`, (perRelease.get(`${e.repo}@${e.tag}`) ?? 0) + 1);
    const plansTwice = [...perRelease.values()].reduce((a, n) => a + n - 1, 0);
    // (--initial latest: each repo's newest release is one event)
    const eventsMissing = N - perRelease.size;
    const lastTakeover = Math.max(
      ...held.map((r) => Math.min(...rechecks.filter((q) => q.graphql!.repos.includes(r)).map((q) => q.at))),
    );
    const received = new Set(receiver.deliveries.map((d) => d.id));
    const messagesTwice = receiver.deliveries.length - received.size;
    const messagesLost = events.filter((e) => !received.has(`msg_${e.id}`)).length;
    console.log(
      `\nkill round: 2 \`poll\` processes on PostgreSQL (--initial latest, a webhook), one SIGKILLed mid-batch at ${s(killedMs)} (signal ${killedExit.signal}); ${s(ms)} in all`,
    );
    console.log(
      `  the killed worker held ${held.length} repos (checks begun for ${startedBeforeKill}; ${recordedAtKill} already recorded, with ${eventsAtKill} event${eventsAtKill === 1 ? '' : 's'} and outbox rows); lease ${leaseMs ? `cut to ${s(leaseMs)} after the kill` : 'as claimed (10 min)'}`,
    );
    console.log(
      `  taken over: ${takenOver.length} of ${held.length}, first ${Number.isFinite(firstTakeover) ? s(firstTakeover - killedAt) : 'never'} after the kill (${Number.isFinite(firstTakeover) ? s(firstTakeover - expiry) : '-'} after the lease expired; the last ${Number.isFinite(lastTakeover) ? s(lastTakeover - expiry) : 'never'} after) by ${firstTakeover <= survivorDone ? 'the surviving worker' : 'the follow-up poll'}; the survivor finished ${s(survivorDone - killedAt)} after the kill`,
    );
    console.log(
      `  repos checked twice (beyond the held ones' one re-check): ${twice}; lost (never recorded): ${N - recorded}; ` +
        `events ${events.length} for ${perRelease.size} releases (plans duplicated: ${plansTwice}; repos without their event: ${eventsMissing}); ` +
        `messages ${receiver.deliveries.length}, duplicated ${messagesTwice}, lost ${messagesLost}` +
        `  (goal all 0: ${twice + (N - recorded) + plansTwice + eventsMissing + messagesTwice + messagesLost === 0 && takenOver.length === held.length ? 'met' : 'NOT met'})`,
    );
  } finally {
    await store.close();
    await receiver.close();
    await pg.drop();
  }
}

if (rounds.has('notify') && values['notify-every']) {
  const every = values['notify-every'];
  const one = await new FakeGitHub().start();
  one.delayMs = 100;
  one.publish('org/notify', { tag_name: 'v1.0.0', body: body('org/notify', 0) });
  const slack = await new FakeSlack().start();
  slack.channels.add('C1');
  const cfg = join(dir, 'notify.yaml');
  writeFileSync(
    cfg,
    [
      'repos: [org/notify]',
      'poll: { initial: none }',
      'destinations:',
      '  - { name: team, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
      'subscriptions:',
      '  - { destination: team }',
    ].join('\n'),
  );
  const serve = await startServeProcess(['--config', cfg, '--db', join(dir, 'notify.db'), '--poll-every', every], {
    ...process.env,
    GITHUB_API_URL: one.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    GITHUB_TOKEN: '',
    LOG_LEVEL: 'warn',
  });
  await until('the first poll', async () => (await serve.health()).poll?.last?.outcome === 'ok', 30_000, 50);
  const published = Date.now();
  one.publish('org/notify', { tag_name: 'v1.1.0', body: body('org/notify', 1) });
  await until('the message', () => slack.messages.length > 0, 10 * 60_000, 50);
  const took = Date.now() - published;
  const interval =
    Number(/\d+/.exec(every)![0]) * (every.endsWith('m') ? 60_000 : every.endsWith('h') ? 3_600_000 : 1000);
  console.log(
    `\ntime to notify, serve --poll-every ${every}: ${s(took)} from publishing to the Slack fake (goal ≤ ${s(interval + 5000)}: ${took <= interval + 5000 ? 'met' : 'NOT met'})`,
  );
  serve.child.kill('SIGTERM');
  await serve.exited;
  await Promise.all([one.close(), slack.close()]);
}
