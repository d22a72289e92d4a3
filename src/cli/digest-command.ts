/** `release-radar digest`: the digest emails of the config, over SMTP (nodemailer, pooled and rate-limited). */
import { appendFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { loadConfig } from '../config/load.js';
import { TemplateRenderer } from '../deliver/templates.js';
import { runDigests, type MailTransport } from '../digest/run-digest.js';
import { parseSince } from '../digest/window.js';
import { createLogger } from '../log.js';
import { Store } from '../store/store.js';
import type { Io } from './io.js';
import { plural } from '../render/plural.js';
import { storeLocation } from '../store/location.js';

export interface DigestCommandOptions {
  config?: string;
  db?: string;
  since?: string;
  dryRun?: boolean;
  preview?: string;
  digest: string[];
}

export async function createSmtpTransport(url: string): Promise<MailTransport & { close(): void }> {
  const { default: nodemailer } = await import('nodemailer');
  // Pooled and rate-limited: a few connections, at most 5 messages a second.
  return nodemailer.createTransport({ url, pool: true, maxConnections: 2, maxMessages: 100, rateDelta: 1000, rateLimit: 5 } as never) as unknown as MailTransport & { close(): void };
}

export async function digestCommand(opts: DigestCommandOptions, io: Io): Promise<number> {
  const config = loadConfig(opts.config, io.env);
  if (!config.digests.length) throw new UsageError(`${config.file}: no digests configured (add a \`digests:\` section; see the README)`);
  if (opts.since) parseSince(opts.since, new Date()); // a bad --since fails before anything else
  for (const d of opts.digest) if (!config.digests.some((x) => x.name === d)) throw new UsageError(`unknown digest "${d}": configured are ${config.digests.map((x) => x.name).join(', ')}`);
  const sending = !opts.dryRun && !opts.preview;
  const smtpUrl = config.email?.smtp_url ?? io.env.SMTP_URL;
  if (sending && !smtpUrl) throw new UsageError('no SMTP server: set email.smtp_url in the config or SMTP_URL in the environment');

  const logger = createLogger(io.env, io.err);
  const store = await Store.open(storeLocation(io.env, opts.db, !sending));
  const transport = sending ? await createSmtpTransport(smtpUrl!) : null;
  try {
    const renderer = new TemplateRenderer(config.templates ? resolve(dirname(config.file), config.templates) : undefined, { siteBaseUrl: config.site?.base_url });
    const results = await runDigests({ store, config, renderer, transport, logger }, { since: opts.since, dryRun: !!opts.dryRun, previewDir: opts.preview, only: opts.digest });
    for (const r of results) {
      const what = r.status === 'empty' ? 'nothing to send' : r.status === 'dry-run' ? 'would send' : r.status;
      io.out(
        `digest ${r.name} -> ${r.to.join(', ')}: ${what}; ${plural(r.events, 'event')}, ${plural(r.items, 'item')}, ${Math.round(r.bytes / 1024)} KB HTML` +
          `${r.limitedTo ? ` (shortened to ${r.limitedTo} items per category)` : ''}${r.error ? `; error: ${r.error}` : ''}\n` +
          (r.status !== 'empty' ? `  subject: ${r.subject}\n` : '') +
          (r.preview ? `  preview: ${r.preview.join(', ')}\n` : ''),
      );
    }
    if (io.env.GITHUB_STEP_SUMMARY) {
      const rows = results.map((r) => `| ${r.name} | ${r.to.length} | ${r.status} | ${r.events} | ${r.items} |`);
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, ['### release-radar digests', '', '| digest | recipients | status | events | items |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n'));
    }
    if (io.env.GITHUB_OUTPUT) appendFileSync(io.env.GITHUB_OUTPUT, `sent=${results.filter((r) => r.status === 'sent').length}\nfailed=${results.filter((r) => r.status === 'failed').length}\n`);
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  } finally {
    transport?.close();
    await store.close();
  }
}
