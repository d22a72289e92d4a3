/** `release-radar report OWNER/NAME FROM..TO`: an upgrade report (see src/report/). */
import { writeFileSync } from 'node:fs';
import { CHANGE_KINDS, type ChangeKind } from '../../parsers/change.js';
import { contextFromConfig, resolveRepo } from '../chat/commands.js';
import { tagFilter } from '../diff/tag-filter.js';
import { UsageError } from '../domain/errors.js';
import { gatherRange } from '../report/gather.js';
import { buildReport, reportJson } from '../report/model.js';
import { parseRange } from '../report/range.js';
import { renderReportHtml } from '../report/render-html.js';
import { renderReportMarkdown } from '../report/render-markdown.js';
import type { Context } from './context.js';
import { checkCategories, checkChangeKinds, checkChoice, unknownRepo } from './input.js';

export interface ReportOptions {
  category: string[];
  changes?: string;
  prereleases?: boolean;
  tag?: string;
  format: string;
  out?: string;
  config?: string;
  db?: string;
}

export async function reportCommand(repoArg: string, rangeArg: string, opts: ReportOptions, ctx: Context) {
  const { io } = ctx;
  const format = checkChoice('--format', opts.format, ['markdown', 'json', 'html'] as const);
  const spec = parseRange(rangeArg);
  const config = await ctx.config();
  const known = Object.keys(config.resolvedCategories);
  const repo = resolveRepo(repoArg, contextFromConfig(config.repos, known));
  if (!repo) throw unknownRepo(repoArg, config.repos);
  const categories = checkCategories(opts.category, known);
  const changes = opts.changes
    ? (checkChangeKinds('--changes', opts.changes, CHANGE_KINDS) as ChangeKind[])
    : undefined;
  const [store, github, classifier] = await Promise.all([ctx.store(), ctx.github(), ctx.classifier()]);
  const started = Date.now();
  const gathered = await gatherRange({ store, github, classifier }, repo, spec, {
    prereleases: !!opts.prereleases,
    tagFilter: opts.tag ? tagFilter({ tags: [opts.tag] }) : undefined,
  });
  const report = buildReport(gathered, { categories, changes });
  const text =
    format === 'json'
      ? JSON.stringify(reportJson(report), null, 2) + '\n'
      : format === 'html'
        ? renderReportHtml(report, await ctx.renderer({ siteLinks: false }))
        : renderReportMarkdown(report, await ctx.links());
  if (!opts.out) {
    io.out(text);
    return 0;
  }
  try {
    writeFileSync(opts.out, text);
  } catch (e) {
    throw new UsageError(
      `cannot write --out ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  io.err(
    `report ${opts.out}: ${repo} ${report.from}..${report.to}, ${report.releases.length} releases, ${report.total} changes` +
      ` (${gathered.parsed} parsed, ${gathered.requests} GitHub requests, ${Date.now() - started} ms)\n`,
  );
  return 0;
}
