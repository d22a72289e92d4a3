/** `release-radar digest`: the digest emails of the config, over SMTP (nodemailer, pooled and rate-limited). */
import { UsageError } from '../domain/errors.js';
import { runDigests } from '../digest/run-digest.js';
import { parseSince } from '../digest/window.js';
import { plural } from '../render/plural.js';
import { requireEnv } from '../config/deferred-env.js';
import type { Context } from './context.js';

export interface DigestCommandOptions {
  config?: string;
  db?: string;
  since?: string;
  dryRun?: boolean;
  preview?: string;
  digest: string[];
}

export async function digestCommand(opts: DigestCommandOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const config = await ctx.config();
  if (!config.digests.length)
    throw new UsageError(`${config.file}: no digests configured (add a \`digests:\` section; see docs/digest.md)`);
  if (opts.since) parseSince(opts.since, new Date()); // a bad --since fails before anything else
  for (const d of opts.digest)
    if (!config.digests.some((x) => x.name === d))
      throw new UsageError(`unknown digest "${d}": configured are ${config.digests.map((x) => x.name).join(', ')}`);
  const sending = !opts.dryRun && !opts.preview;
  if (sending) requireEnv(config, ['email'], 'digest sends mail with it');
  const smtpUrl = await ctx.smtpUrl();
  if (sending && !smtpUrl)
    throw new UsageError('no SMTP server: set email.smtp_url in the config or SMTP_URL in the environment');

  const [logger, store] = await Promise.all([ctx.logger(), ctx.store(!sending)]);
  const transport = sending ? await ctx.smtp(smtpUrl!) : null;
  const renderer = await ctx.renderer();
  const results = await runDigests(
    { store, config, renderer, transport, logger, redactor: await ctx.redactor() },
    { since: opts.since, dryRun: !!opts.dryRun, previewDir: opts.preview, only: opts.digest },
  );
  for (const r of results) {
    const what = r.status === 'empty' ? 'nothing to send' : r.status === 'dry-run' ? 'would send' : r.status;
    io.out(
      `digest ${r.name} -> ${r.to.join(', ')}: ${what}; ${plural(r.events, 'event')}, ${plural(r.items, 'item')}, ${Math.round(r.bytes / 1024)} KB HTML` +
        `${r.limitedTo ? ` (shortened: large releases show ${r.limitedTo} highlights)` : ''}${r.error ? `; error: ${r.error}` : ''}\n` +
        (r.status !== 'empty' ? `  subject: ${r.subject}\n` : '') +
        (r.preview ? `  preview: ${r.preview.join(', ')}\n` : ''),
    );
  }
  const rows = results.map((r) => `| ${r.name} | ${r.to.length} | ${r.status} | ${r.events} | ${r.items} |`);
  await ctx.reportSummary(
    [
      '### release-radar digests',
      '',
      '| digest | recipients | status | events | items |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  await ctx.reportOutputs({
    sent: results.filter((r) => r.status === 'sent').length,
    failed: results.filter((r) => r.status === 'failed').length,
  });
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}
