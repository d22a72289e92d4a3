/**
 * Sends the configured digests: for each, the events of its window (since its last send to that recipient
 * list, at most 7 days back the first time), rendered and mailed. Each send is recorded with the last
 * event it covered, so a rerun sends nothing twice; a failure is recorded and its window retried next run.
 */
import { Redactor } from '../domain/redact.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/load.js';
import type { DigestConfig } from '../config/schema.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { ChangeEvent } from '../diff/events.js';
import type { Store, StoredEvent } from '../store/store.js';
import { windowInputs } from './net-change.js';
import { renderDigest } from './render-email.js';
import { DEFAULT_LOOKBACK_MS, parseSince } from './window.js';

export interface MailTransport {
  sendMail(msg: {
    from: string;
    to: string[];
    subject: string;
    html: string;
    text: string;
    headers: Record<string, string>;
  }): Promise<{ messageId?: string; rejected?: unknown[] }>;
}

export interface DigestResult {
  name: string;
  to: string[];
  status: 'sent' | 'failed' | 'empty' | 'dry-run';
  events: number;
  items: number;
  bytes: number;
  subject: string;
  limitedTo: number | null;
  error?: string;
  preview?: string[];
}

export interface DigestRunOptions {
  since?: string;
  dryRun: boolean;
  previewDir?: string;
  only?: string[];
}

/** The sender's address, from `Name <addr>` or a bare address. */
function senderAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

export function unsubscribeHeaders(
  email: NonNullable<LoadedConfig['email']>,
  digest: DigestConfig,
): Record<string, string> {
  const mailto = `mailto:${email.unsubscribe_mailto ?? senderAddress(email.from)}?subject=${encodeURIComponent(`unsubscribe ${digest.name}`)}`;
  const links = [`<${mailto}>`];
  const headers: Record<string, string> = {};
  if (email.unsubscribe_url) {
    const url = new URL(email.unsubscribe_url);
    url.searchParams.set('digest', digest.name);
    links.push(`<${url.toString()}>`);
    // RFC 8058 one-click needs an https URL to POST to.
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  headers['List-Unsubscribe'] = links.join(', ');
  return headers;
}

export async function runDigests(
  deps: {
    store: Store;
    config: LoadedConfig;
    renderer: TemplateRenderer;
    transport: MailTransport | null;
    logger: Logger;
    now?: () => Date;
    /** Keeps secrets out of the stored error of a failed send (default: one that knows the shapes secrets take). */
    redactor?: Redactor;
  },
  opts: DigestRunOptions,
): Promise<DigestResult[]> {
  const { store, config, renderer, logger } = deps;
  const redactor = deps.redactor ?? new Redactor();
  const now = deps.now?.() ?? new Date();
  const email = config.email!;
  const results: DigestResult[] = [];

  for (const digest of config.digests) {
    if (opts.only?.length && !opts.only.includes(digest.name)) continue;
    const log = logger.child({ digest: digest.name });
    const recipients = [...digest.to].sort().join(',');
    const last = await store.digests.lastSent(digest.name, recipients);
    const start = opts.since
      ? parseSince(opts.since, now)
      : last
        ? new Date(last.windowEnd)
        : new Date(now.getTime() - DEFAULT_LOOKBACK_MS);
    const window = { start: start.toISOString(), end: now.toISOString() };
    // Events already covered by a send to this list are never sent again, whatever --since says.
    const events = (await store.events({ since: window.start, until: window.end, repos: digest.repos })).filter(
      (e) => e.seq > (last?.lastSeq ?? 0),
    );
    const releases = windowInputs(
      events.map((e) => e.event),
      digest,
      renderer.links,
      await candidatesSeenBy(store, digest.name, recipients, events),
    );
    const rendered = renderDigest(renderer, releases, {
      name: digest.name,
      window,
      categories: digest.categories,
      changes: digest.changes,
      siteBaseUrl: config.site?.base_url,
      maxBytes: email.max_bytes,
      unsubscribeUrl: email.unsubscribe_url,
    });
    const { model } = rendered;
    const result: DigestResult = {
      name: digest.name,
      to: digest.to,
      status: 'dry-run',
      events: events.length,
      items: model.total,
      bytes: Buffer.byteLength(rendered.html),
      subject: rendered.subject,
      limitedTo: rendered.limitedTo,
    };
    results.push(result);
    if (opts.previewDir) {
      mkdirSync(opts.previewDir, { recursive: true });
      const base = join(opts.previewDir, digest.name);
      writeFileSync(`${base}.html`, rendered.html);
      writeFileSync(`${base}.txt`, rendered.text);
      result.preview = [`${base}.html`, `${base}.txt`];
    }
    if (model.total === 0 && !digest.send_empty) {
      result.status = 'empty';
      log.info({ window }, 'nothing in the window: not sent (send_empty is off)');
      continue;
    }
    if (opts.dryRun || opts.previewDir || !deps.transport) continue;

    const lastSeq = Math.max(last?.lastSeq ?? 0, ...events.map((e) => e.seq));
    const record = { digest: digest.name, recipients, windowStart: window.start, windowEnd: window.end, lastSeq };
    try {
      const info = await deps.transport.sendMail({
        from: email.from,
        to: digest.to,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: unsubscribeHeaders(email, digest),
      });
      if (info.rejected?.length) throw new Error(`recipients rejected: ${JSON.stringify(info.rejected)}`);
      await store.digests.record({
        ...record,
        status: 'sent',
        attempts: 1,
        lastError: null,
        sentAt: now.toISOString(),
      });
      result.status = 'sent';
      log.info({ events: events.length, items: model.total, bytes: result.bytes }, 'digest sent');
    } catch (e) {
      const message = (e as Error).message.split('\n')[0]!;
      await store.digests.record({
        ...record,
        status: 'failed',
        attempts: 1,
        lastError: redactor.redact(message),
        sentAt: null,
      });
      result.status = 'failed';
      result.error = message;
      log.error({ err: message }, 'digest not sent; its window will be retried next run');
    }
  }
  return results;
}

/**
 * Did this recipient list get the candidate a promoted event followed? Yes when the candidate's event is in
 * this window, or an earlier send to the list covered it (its window held it and its last event came after).
 */
async function candidatesSeenBy(
  store: Store,
  digest: string,
  recipients: string,
  windowEvents: readonly StoredEvent[],
): Promise<(e: ChangeEvent) => boolean> {
  const promoted = windowEvents.filter((w) => w.event.type === 'promoted' && w.event.since);
  if (!promoted.length) return () => true;
  const repos = [...new Set(promoted.map((w) => w.event.repo))];
  const candidates = (await store.events({ repos })).filter((w) => w.event.type === 'published' && w.event.prerelease);
  const sent = (await store.digests.list(digest)).filter((r) => r.recipients === recipients && r.status === 'sent');
  const inWindow = new Set(windowEvents.map((w) => w.seq));
  return (e) => {
    const c = candidates.find((w) => w.event.repo === e.repo && w.event.tag === e.since);
    if (!c) return false;
    return inWindow.has(c.seq) || sent.some((r) => r.windowStart <= c.event.createdAt && c.seq <= r.lastSeq);
  };
}
