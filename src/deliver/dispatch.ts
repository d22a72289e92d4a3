/**
 * Sends what the outbox holds: one queue per destination (in order; Slack at about one message a second
 * per channel), every row marked `sent` with the platform's id the moment it is sent, so a crash can at
 * most repeat the message in flight. A broken destination is reported and does not hold up the others.
 */
import { Redactor } from '../domain/redact.js';
import { platformOf } from '../platforms/registry.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Destination } from '../config/schema.js';
import { DEFAULT_LEASE_MS, type DeliveryRow } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { DeliveryError, type Sender } from '../platforms/sender.js';
import { untilStoreAnswers } from './store-retry.js';

export interface DestinationSummary {
  destination: string;
  sent: number;
  retried: number;
  failed: number;
  pending: number;
  /** Unsent messages of a destination that is no longer in the config, retired for good. */
  retired?: number;
  errors: string[];
}

export type SenderFactory = (d: Destination) => Promise<Sender>;

export interface DispatchOptions {
  store: Store;
  destinations: readonly Destination[];
  makeSender: SenderFactory;
  logger: Logger;
  /**
   * Minimum ms from a platform's answer to one message to the next message to the same destination, for the
   * platforms that pace themselves (Slack: about one a second); default each platform's own (`spacingMs`).
   */
  spacingMs?: number;
  now?: () => Date;
  /** Destinations that exist but cannot be sent to in this run (a chat channel without its token): kept, not retired. */
  unusable?: readonly string[];
  /** Who claims the rows (default: host, pid and a random part) and for how long a claim holds unrenewed. */
  owner?: string;
  leaseMs?: number;
  /** Shutting down (`serve` on SIGTERM): the message in flight finishes; the rest stay pending for the next run. */
  signal?: AbortSignal;
  /** Keeps secrets out of the summaries and stored errors (default: one that knows the shapes secrets take). */
  redactor?: Redactor;
  /** The platforms by destination type (default: release-radar's; a test adds its own). */
  platforms?: Parameters<typeof platformOf>[1];
}

function groupByDestination(rows: DeliveryRow[]): Map<string, DeliveryRow[]> {
  const m = new Map<string, DeliveryRow[]>();
  for (const r of rows) m.set(r.destination, [...(m.get(r.destination) ?? []), r]);
  return m;
}

export async function dispatchPending(opts: DispatchOptions): Promise<DestinationSummary[]> {
  const redactor = opts.redactor ?? new Redactor();
  const clock = opts.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const byName = new Map(opts.destinations.map((d) => [d.name, d]));
  const summaries: DestinationSummary[] = [];
  const outbox = opts.store.outbox;

  const retired = await outbox.retireUnknown([...byName.keys(), ...(opts.unusable ?? [])], now());
  for (const [name, n] of retired) {
    opts.logger.warn(
      { destination: name, retired: n },
      'destination no longer in the config: its unsent messages are retired',
    );
    summaries.push({ destination: name, sent: 0, retried: 0, failed: 0, pending: 0, retired: n, errors: [] });
  }

  // Claim before sending: another poll running at the same time gets other rows (or none).
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const dead = (await outbox.leaseOwners()).filter(crashedHere);
  const groups = groupByDestination(await outbox.claim(owner, [...byName.keys()], clock(), leaseMs, dead));
  const heartbeat = setInterval(() => void outbox.renew(owner, clock(), leaseMs).catch(() => {}), leaseMs / 3);
  heartbeat.unref();
  try {
    await sendClaimed(opts, redactor, groups, byName, summaries, now);
  } finally {
    clearInterval(heartbeat);
    // Unsent claims back to pending now, not when the lease runs out.
    await untilStoreAnswers('releasing unsent claims', () => outbox.release(owner, now()), opts.logger);
  }
  return summaries.sort((a, b) => a.destination.localeCompare(b.destination));
}

/** A claim owner `host:pid:…` of this host whose process is gone: its lease need not run out. */
function crashedHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function sendClaimed(
  opts: DispatchOptions,
  redactor: Redactor,
  groups: Map<string, DeliveryRow[]>,
  byName: Map<string, Destination>,
  summaries: DestinationSummary[],
  now: () => string,
): Promise<void> {
  // Longest queue first: under per-destination rate limits the destination with the most messages ends last,
  // so its first request should not wait behind every other destination's (each one's start delays its windows).
  const longestFirst = [...groups].sort((a, b) => b[1].length - a[1].length);
  await Promise.all(
    longestFirst.map(async ([name, rows]) => {
      const s: DestinationSummary = { destination: name, sent: 0, retried: 0, failed: 0, pending: 0, errors: [] };
      summaries.push(s);
      const log = opts.logger.child({ destination: name });
      const destination = byName.get(name)!;
      let sender: Sender;
      try {
        sender = await opts.makeSender(destination);
      } catch (e) {
        s.pending = rows.length;
        s.errors.push(redactor.redact((e as Error).message));
        return;
      }
      // One message at a time, in order. Discord announces its limits in headers, which its client follows;
      // Slack wants about one a second per channel, counted from when it got the previous message: see `spaceOut`.
      const paced = platformOf(destination, opts.platforms).spacingMs;
      const interval = paced === undefined ? 0 : (opts.spacingMs ?? paced);
      const queue = new PQueue({ concurrency: 1 });
      /**
       * Holds the queue's slot for `interval` after the platform's answer, unless nothing follows. Written by hand:
       * p-queue's `interval` windows (fixed or `strict`) count from the start of each send, and a message
       * whose request took longer than the next one's (a slow first connection, a busy event loop) then
       * reaches Slack less than a second after it and meets a 429. Slack got the message before it answered,
       * so a gap counted from the answer is never too short, whatever the latency.
       */
      const spaceOut = async (answeredAt: number) => {
        const wait = answeredAt + interval - performance.now(); // the row was marked meanwhile
        if (wait > 0 && queue.size > 0 && !opts.signal?.aborted)
          await sleep(wait, undefined, { signal: opts.signal }).catch(() => {}); // aborted: the next task stops
      };
      /** Message ids of first parts, for threading the rest (Slack bot tokens). */
      const firstIds = new Map<string, string>();
      /** Rows a send was tried for; after a stop, the rest are settled without waiting for their turn. */
      const tried = new Set<DeliveryRow>();
      let stop: DeliveryError | null = null;

      const mark = (row: DeliveryRow, outcome: Parameters<Store['outbox']['mark']>[1]) =>
        untilStoreAnswers(
          `marking ${row.destination} part ${row.part} ${outcome.status}`,
          () =>
            opts.store.outbox.mark(
              row,
              { ...outcome, error: outcome.error ? redactor.redact(outcome.error) : outcome.error },
              now(),
            ),
          log,
        );
      const send = async (row: DeliveryRow) => {
        if (opts.signal?.aborted) {
          queue.clear(); // this row and the rest stay pending (counted below)
          return;
        }
        tried.add(row);
        let threadTs: string | undefined;
        // Parts after the first go in the thread under it, where the platform threads this destination's messages.
        if (row.part > 0 && platformOf(destination, opts.platforms).threads(destination)) {
          threadTs =
            firstIds.get(row.eventId) ??
            (await untilStoreAnswers('reading the first part', () => firstMessageId(opts.store, row), log)) ??
            undefined;
        }
        let answeredAt = 0;
        let messageId: string;
        try {
          ({ messageId } = await sender
            .send(row.payload, { threadTs })
            .finally(() => (answeredAt = performance.now())));
        } catch (e) {
          const err =
            e instanceof DeliveryError ? e : new DeliveryError('transient', (e as Error).message, { cause: e });
          log.error({ event: row.eventId, part: row.part, kind: err.kind }, err.message);
          s.errors.push(redactor.redact(`${err.kind}: ${err.message}`));
          if (err.kind === 'rejected') {
            await mark(row, { status: 'failed', error: err.message });
            s.failed++;
          } else if (err.kind === 'broken') {
            await mark(row, { status: 'failed', error: `destination broken: ${err.message}` });
            s.failed++;
            stop = err;
            queue.clear();
          } else {
            // Keep order: what follows waits for the next run, after this one.
            await mark(row, { status: 'pending', error: err.message });
            s.pending++;
            stop = err;
            queue.clear();
          }
          return spaceOut(answeredAt);
        }
        // Sent: the row says so before anything else goes to this destination, however long the store takes.
        await mark(row, { status: 'sent', messageId });
        if (row.part === 0) firstIds.set(row.eventId, messageId);
        s.sent++;
        await spaceOut(answeredAt);
      };
      for (const row of rows) {
        queue
          .add(() => send(row))
          .catch((e: unknown) => {
            // Not expected (sends and marks handle their own failures); the rest waits for the next run.
            log.error({ event: row.eventId, part: row.part, err: (e as Error).message }, 'delivery task failed');
            stop ??= new DeliveryError('transient', (e as Error).message, { cause: e });
            queue.clear();
          });
      }
      await queue.onIdle();
      const halted = stop as DeliveryError | null;
      for (const row of rows.filter((r) => !tried.has(r))) {
        if (halted?.kind === 'broken') {
          await mark(row, { status: 'failed', error: `destination broken: ${halted.message}` });
          s.failed++;
        } else s.pending++;
      }
      s.retried = sender.retries();
      log.info({ sent: s.sent, retried: s.retried, failed: s.failed, pending: s.pending }, 'deliveries done');
    }),
  );
}

async function firstMessageId(store: Store, row: DeliveryRow): Promise<string | null> {
  const [first] = await store.outbox.list({ eventId: row.eventId, destination: row.destination });
  return first && first.part === 0 && first.status === 'sent' && first.messageId ? first.messageId : null;
}

export function renderSummaryText(summaries: readonly DestinationSummary[]): string {
  if (!summaries.length) return 'deliveries: nothing to send\n';
  return (
    summaries
      .map((s) =>
        s.retired
          ? `delivery ${s.destination}: ${s.retired} retired (the destination is no longer in the config)`
          : `delivery ${s.destination}: ${s.sent} sent, ${s.retried} retried, ${s.failed} failed, ${s.pending} pending${s.errors.length ? ` (${[...new Set(s.errors)].join('; ')})` : ''}`,
      )
      .join('\n') + '\n'
  );
}

/** Markdown for the GitHub Actions job summary ($GITHUB_STEP_SUMMARY). */
export function renderSummaryMarkdown(
  summaries: readonly DestinationSummary[],
  events: number,
  dryRun = false,
): string {
  const heading = `### release-radar: ${events} new change event${events === 1 ? '' : 's'}${dryRun ? ' (dry run)' : ''}`;
  // No table without rows: a dry run sends nothing, and a quiet run has nothing to send.
  if (!summaries.length)
    return [heading, '', dryRun ? 'Dry run: nothing was sent or recorded.' : 'Nothing to deliver.', ''].join('\n');
  const rows = summaries.map((s) => {
    const notes = [...new Set(s.errors), ...(s.retired ? [`${s.retired} retired: no longer in the config`] : [])];
    return `| ${s.destination} | ${s.sent} | ${s.retried} | ${s.failed} | ${s.pending} | ${notes.join('<br>').replace(/\|/g, '\\|')} |`;
  });
  return [
    heading,
    '',
    '| destination | sent | retried | failed | pending | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
