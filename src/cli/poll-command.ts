/** `release-radar poll`: the main job. Reads GitHub, records releases and change events, reports them. */
import { UsageError } from '../domain/errors.js';
import type { InitialMode } from '../diff/plan.js';
import { allRoutes } from '../deliver/chat-routes.js';
import { pollAndDeliver } from '../poll/poll-and-deliver.js';
import { repoTagFilters } from '../diff/tag-filter.js';
import { budgetLine, deletionWarnings, renderPollText } from '../render/event-text.js';
import { describeLocation } from '../store/location.js';
import { requireEnv } from '../config/deferred-env.js';
import type { Context } from './context.js';
import { durationSeconds, everySeconds } from '../config/duration.js';
import { checkChoice, checkRepo } from './input.js';

/** Where a newcomer without network goes next. */
const OFFLINE_HINT = 'to try release-radar without network: `npm run demo` in a clone of its repository';

export interface PollCommandOptions {
  config?: string;
  db?: string;
  repo: string[];
  /** Every tracked repo, due or not. */
  all?: boolean;
  dryRun?: boolean;
  format: string;
  initial?: string;
  retryFailed?: boolean;
  preview?: string;
}

export async function pollCommand(opts: PollCommandOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const config = await ctx.config();
  // Sending needs the destinations' secrets; a dry run reads GitHub and the store only.
  if (!opts.dryRun) requireEnv(config, ['destinations'], 'poll sends with it');
  const initial: InitialMode = opts.initial
    ? checkChoice('--initial', opts.initial, ['latest', 'none', 'all'] as const)
    : config.poll.initial;
  const repos = opts.repo.length ? opts.repo.map(checkRepo) : config.repos.map((r) => r.name);
  if (!repos.length) throw new UsageError('no repos to poll: list them under `repos:` in the config or pass --repo');

  if (opts.preview && !opts.dryRun) throw new UsageError('--preview writes what would be sent: use it with --dry-run');
  const [env, logger, redactor] = await Promise.all([ctx.env(), ctx.logger(), ctx.redactor()]);
  logger.debug(
    { store: describeLocation(await ctx.storeLocation(opts.dryRun)), repos, dryRun: !!opts.dryRun },
    'poll starting',
  );
  const store = await ctx.store(opts.dryRun);
  const [github, classifier] = await Promise.all([ctx.github(), ctx.classifier()]);
  // Subscriptions from the config file and those made in chat with /releases subscribe.
  const routes = await allRoutes(config, store, await ctx.chatTokens());
  // Reported in the summary and the exit code: a subscription that is never delivered must not go unnoticed.
  const unusable = routes.skipped.map((why) => `subscription not usable: ${why}`);
  // A preview with nowhere to send shows what a Slack and a Discord channel would get.
  const previews = opts.preview ? await import('./previews.js') : null;
  const { destinations, subscriptions } = previews && !routes.destinations.length ? previews.PREVIEW_ROUTES : routes;
  const renderer = destinations.length ? await ctx.renderer() : undefined;
  const every = new Map(config.repos.map((r) => [r.name, everySeconds(r.every ?? config.poll.every)]));
  const {
    poll: result,
    summaries,
    failedWaiting,
  } = await pollAndDeliver(
    {
      store,
      github,
      classifier,
      logger,
      redactor,
      routes: { destinations, subscriptions },
      renderer,
      makeSender: opts.dryRun || !destinations.length ? undefined : await ctx.senders(),
    },
    {
      repos,
      dryRun: !!opts.dryRun,
      initial,
      perPage: config.poll.per_page,
      tagFilters: repoTagFilters(config.repos),
      relistEverySec: durationSeconds(config.poll.relist_every),
      retryFailed: !!opts.retryFailed,
      // The repos that are due (each repo's `every`, else poll.every), unless --all or --repo names them.
      ...(opts.repo.length || opts.all
        ? {}
        : { everySec: (repo: string) => every.get(repo) ?? everySeconds(config.poll.every) }),
      // Chat channels whose token is missing this run still exist: their rows wait, they are not retired.
      unusable: opts.dryRun ? [] : (await store.chatSubscriptions.list()).map((s) => s.destination),
    },
  );
  const waiting = failedWarning(failedWaiting);
  const spent = budgetLine(result.budget);
  const dispatch = summaries.length || env.GITHUB_STEP_SUMMARY ? await import('../deliver/dispatch.js') : null;

  if (previews && renderer) {
    const files = previews.writePreviewPages(
      opts.preview!,
      renderer,
      previews.deliveryPreviews(destinations, result.deliveries, result.events),
    );
    io.err(`preview: ${files.length ? files.join(', ') : `nothing to send, no page written to ${opts.preview}`}\n`);
  }
  if (format === 'json') {
    const deliveries = result.deliveries.map((d) => {
      const e = result.events.find((x) => x.id === d.eventId);
      return {
        destination: d.destination,
        event: d.eventId,
        type: e?.type,
        repo: e?.repo,
        tag: e?.tag,
        payloads: d.payloads,
      };
    });
    io.out(
      JSON.stringify(
        {
          events: result.events,
          deleted: result.deleted,
          requests: result.requests,
          checked: result.checked.length,
          budget: result.budget,
          full_listings: result.fullListings,
          ...(opts.dryRun ? { deliveries } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else if (!result.unreachable) {
    io.out(
      renderPollText(
        result.events,
        result.requests,
        !!opts.dryRun,
        result.deleted,
        { total: result.checked.length, failed: result.failures.length },
        result.fullListings,
        result.budget,
      ),
    );
    // Who would get what (issue 25 point 5): see dry-run-report.ts.
    if (opts.dryRun && destinations.length) {
      const { renderDryRunReport } = await import('./dry-run-report.js');
      const d = { events: result.events, deliveries: result.deliveries, destinations, subscriptions };
      io.out(`\n${renderDryRunReport({ ...d, links: await ctx.links() })}`);
    }
  }
  if (dispatch && summaries.length) io.err(dispatch.renderSummaryText(summaries));
  if (dispatch && env.GITHUB_STEP_SUMMARY) {
    const quote = (lines: string[]) => (lines.length ? `\n${lines.map((l) => `> ${l}\n`).join('>\n')}` : '');
    await ctx.reportSummary(
      dispatch.renderSummaryMarkdown(summaries, result.events.length, !!opts.dryRun) +
        quote(deletionWarnings(result.deleted, !!opts.dryRun)) +
        quote([...unusable, ...(waiting ? [waiting] : []), ...(spent ? [spent] : [])]),
    );
  }
  if (waiting) io.err(`release-radar: ${waiting}\n`);
  for (const u of unusable) io.err(`release-radar: ${u}\n`);
  if (result.unreachable)
    io.err(
      `release-radar: ${redactor.redact(result.unreachable)}; nothing was polled. Check the network, or GITHUB_API_URL (${OFFLINE_HINT})\n`,
    );
  // One line per failed repo, naming it (a store error's text does not).
  else
    for (const f of result.failures)
      io.err(`release-radar: ${redactor.redact(f.message.includes(f.repo) ? f.message : `${f.repo}: ${f.message}`)}\n`);
  // The action's outputs: counts a later step can test (`steps.<id>.outputs.events`).
  await ctx.reportOutputs({
    events: result.events.length,
    sent: summaries.reduce((n, s) => n + s.sent, 0),
    failed: summaries.reduce((n, s) => n + s.failed, 0),
  });
  const deliveryTrouble = summaries.some((s) => s.errors.length > 0);
  return result.failures.length || deliveryTrouble || unusable.length ? 1 : 0;
}

/** Failed messages that wait, by destination, as one line saying what to do (null when none wait). */
function failedWarning(waiting: ReadonlyMap<string, number>): string | null {
  if (!waiting.size) return null;
  const total = [...waiting.values()].reduce((a, b) => a + b, 0);
  const where = [...waiting].map(([d, n]) => `${d} ${n}`).join(', ');
  return `${total} failed message${total === 1 ? '' : 's'} wait${total === 1 ? 's' : ''} (${where}): fix the destination (its error is in the run that failed), then run \`release-radar poll --retry-failed\``;
}
