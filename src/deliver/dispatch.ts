/**
 * Sends what the outbox holds: one queue per destination (in order; Slack at about one message a second
 * per channel), every row marked `sent` with the platform's id the moment it is sent, so a crash can at
 * most repeat the message in flight. A broken destination is reported and does not hold up the others.
 */
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { Destination } from '../config/schema.js';
import type { DeliveryRow } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { DeliveryError, type Sender } from './senders/types.js';

export interface DestinationSummary {
  destination: string;
  sent: number;
  retried: number;
  failed: number;
  pending: number;
  errors: string[];
}

export type SenderFactory = (d: Destination) => Promise<Sender>;

export interface DispatchOptions {
  store: Store;
  destinations: readonly Destination[];
  makeSender: SenderFactory;
  logger: Logger;
  /** Minimum ms between two messages to one Slack channel (Slack allows about one a second; 1,050 by default, a little margin). */
  slackIntervalMs?: number;
  now?: () => Date;
}

function groupByDestination(rows: DeliveryRow[]): Map<string, DeliveryRow[]> {
  const m = new Map<string, DeliveryRow[]>();
  for (const r of rows) m.set(r.destination, [...(m.get(r.destination) ?? []), r]);
  return m;
}

export async function dispatchPending(opts: DispatchOptions): Promise<DestinationSummary[]> {
  const now = () => (opts.now ?? (() => new Date()))().toISOString();
  const byName = new Map(opts.destinations.map((d) => [d.name, d]));
  const groups = groupByDestination(await opts.store.outbox.pending());
  const summaries: DestinationSummary[] = [];

  await Promise.all(
    [...groups].map(async ([name, rows]) => {
      const s: DestinationSummary = { destination: name, sent: 0, retried: 0, failed: 0, pending: 0, errors: [] };
      summaries.push(s);
      const log = opts.logger.child({ destination: name });
      const destination = byName.get(name);
      if (!destination) {
        s.pending = rows.length;
        s.errors.push(`destination "${name}" is no longer in the config; ${rows.length} message(s) left pending`);
        return;
      }
      let sender: Sender;
      try {
        sender = await opts.makeSender(destination);
      } catch (e) {
        s.pending = rows.length;
        s.errors.push((e as Error).message);
        return;
      }
      // One message at a time, in order. Slack wants about one a second per channel, measured from one
      // message to the next (p-queue's interval windows are fixed slots, which lets two land closer); Discord
      // announces its limits in headers, which discord.js follows.
      const queue = new PQueue({ concurrency: 1 });
      const spacing = destination.type === 'slack' || destination.type === 'slack-webhook' ? (opts.slackIntervalMs ?? 1050) : 0;
      let lastSend = -Infinity;
      /** Message ids of first parts, for threading the rest (Slack bot tokens). */
      const firstIds = new Map<string, string>();
      let stop: DeliveryError | null = null;

      for (const row of rows) {
        void queue.add(async () => {
          if (stop) {
            if (stop.kind === 'broken') {
              await opts.store.outbox.mark(row, { status: 'failed', error: `destination broken: ${stop.message}` }, now());
              s.failed++;
            } else s.pending++;
            return;
          }
          let threadTs: string | undefined;
          // Parts after the first go in the thread under it where the sender can thread (it ignores the id otherwise).
          if (row.part > 0) {
            threadTs = firstIds.get(row.eventId) ?? (await firstMessageId(opts.store, row)) ?? undefined;
          }
          const wait = lastSend + spacing - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          try {
            // Spacing counts from the previous answer: the platform saw that request no later than this.
            const { messageId } = await sender.send(row.payload, { threadTs }).finally(() => (lastSend = Date.now()));
            await opts.store.outbox.mark(row, { status: 'sent', messageId }, now());
            if (row.part === 0) firstIds.set(row.eventId, messageId);
            s.sent++;
          } catch (e) {
            const err = e instanceof DeliveryError ? e : new DeliveryError('transient', (e as Error).message, { cause: e });
            log.error({ event: row.eventId, part: row.part, kind: err.kind }, err.message);
            s.errors.push(`${err.kind}: ${err.message}`);
            if (err.kind === 'rejected') {
              await opts.store.outbox.mark(row, { status: 'failed', error: err.message }, now());
              s.failed++;
            } else if (err.kind === 'broken') {
              await opts.store.outbox.mark(row, { status: 'failed', error: `destination broken: ${err.message}` }, now());
              s.failed++;
              stop = err;
            } else {
              // Keep order: what follows waits for the next run, after this one.
              await opts.store.outbox.mark(row, { status: 'pending', error: err.message }, now());
              s.pending++;
              stop = err;
            }
          }
        });
      }
      await queue.onIdle();
      s.retried = sender.retries();
      log.info({ sent: s.sent, retried: s.retried, failed: s.failed, pending: s.pending }, 'deliveries done');
    }),
  );
  return summaries.sort((a, b) => a.destination.localeCompare(b.destination));
}

async function firstMessageId(store: Store, row: DeliveryRow): Promise<string | null> {
  const [first] = await store.outbox.list({ eventId: row.eventId, destination: row.destination });
  return first && first.part === 0 && first.status === 'sent' && first.messageId && !first.messageId.startsWith('webhook:') ? first.messageId : null;
}

export function renderSummaryText(summaries: readonly DestinationSummary[]): string {
  if (!summaries.length) return 'deliveries: nothing to send\n';
  return (
    summaries
      .map((s) => `delivery ${s.destination}: ${s.sent} sent, ${s.retried} retried, ${s.failed} failed, ${s.pending} pending${s.errors.length ? ` (${[...new Set(s.errors)].join('; ')})` : ''}`)
      .join('\n') + '\n'
  );
}

/** Markdown for the GitHub Actions job summary ($GITHUB_STEP_SUMMARY). */
export function renderSummaryMarkdown(summaries: readonly DestinationSummary[], events: number): string {
  const rows = summaries.map((s) => `| ${s.destination} | ${s.sent} | ${s.retried} | ${s.failed} | ${s.pending} | ${[...new Set(s.errors)].join('<br>').replace(/\|/g, '\\|')} |`);
  return [`### release-radar: ${events} new change event${events === 1 ? '' : 's'}`, '', '| destination | sent | retried | failed | pending | errors |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
