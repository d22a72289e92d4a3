/** `poll --format text`: a readable categorized summary per change event. */
import type { ChangeEvent } from '../diff/events.js';
import { sortByChange } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import { grouped, plural } from './plural.js';

const SHOWN_PER_LIST = 15;

function lines(mark: string, items: readonly Item[]): string[] {
  const sorted = sortByChange(items);
  const out = sorted.slice(0, SHOWN_PER_LIST).map((i) => `      ${mark} ${i.breaking ? '[breaking] ' : ''}${i.text}`);
  if (sorted.length > SHOWN_PER_LIST)
    out.push(`      … ${sorted.length - SHOWN_PER_LIST} more (--format json lists all)`);
  return out;
}

export function renderEventText(e: ChangeEvent): string {
  const title = `${e.type.toUpperCase()} ${e.repo} ${e.tag}${e.prerelease ? ' (pre-release)' : ''}${e.name && e.name !== e.tag ? ` "${e.name}"` : ''}`;
  const out = [title];
  if (e.url) out.push(`  ${e.url}`);
  if (e.since) out.push(`  new since ${e.since}`);
  const cats = Object.entries(e.categories);
  if (!cats.length)
    out.push(
      `  no items in any category (${plural(e.counts.items, 'item')} in the ${e.type === 'edited' ? 'change' : 'release'})`,
    );
  for (const [cat, d] of cats) {
    const parts = [
      d.added.length ? (e.type === 'edited' ? `${d.added.length} added` : plural(d.added.length, 'item')) : '',
      d.removed.length ? `${d.removed.length} removed` : '',
      d.changed.length ? `${d.changed.length} changed` : '',
    ].filter(Boolean);
    out.push(`  ${cat}: ${parts.join(', ')}`);
    out.push(...lines('+', d.added), ...lines('-', d.removed), ...lines('~', d.changed));
  }
  return out.join('\n');
}

/** One warning line per release found deleted on GitHub: queries stop showing it, so people should know. */
export function deletionWarnings(deleted: readonly { repo: string; tag: string }[], dryRun = false): string[] {
  return deleted.map(
    (d) =>
      `warning: ${d.repo} ${d.tag} was deleted on GitHub${dryRun ? ' (dry run: not marked)' : '; marked deleted in the store'}`,
  );
}

/** What a poll spent of one of GitHub's budgets, and what GitHub said is left (the poll's `budget`). */
interface StreamBudget {
  requests: number;
  points: number;
  waitedMs: number;
  remaining: number | null;
  limit: number | null;
}

/**
 * GitHub's budget a poll used, in one line: `GitHub budget: REST 12 requests (4,988 of 5,000 left); GraphQL
 * 2 queries, 3 points (4,997 of 5,000 left)`; null when no request was made.
 */
export function budgetLine(budget: { rest: StreamBudget; graphql: StreamBudget }): string | null {
  const part = (name: string, unit: [string, string], b: StreamBudget) => {
    if (!b.requests) return null;
    const points = b.points !== b.requests ? `, ${plural(b.points, 'point')}` : '';
    const left =
      b.remaining !== null && b.limit !== null ? ` (${grouped(b.remaining)} of ${grouped(b.limit)} left)` : '';
    const waited = b.waitedMs >= 1000 ? `, paced ${(b.waitedMs / 1000).toFixed(1)} s` : '';
    return `${name} ${plural(b.requests, ...unit)}${points}${waited}${left}`;
  };
  const parts = [
    part('REST', ['request', 'requests'], budget.rest),
    part('GraphQL', ['query', 'queries'], budget.graphql),
  ].filter(Boolean);
  return parts.length ? `GitHub budget: ${parts.join('; ')}` : null;
}

export function renderPollText(
  events: readonly ChangeEvent[],
  requests: number,
  dryRun: boolean,
  deleted: readonly { repo: string; tag: string }[] = [],
  repos: { total: number; failed: number } = { total: 0, failed: 0 },
  fullListings: readonly { repo: string; requests: number }[] = [],
  budget?: { rest: StreamBudget; graphql: StreamBudget },
): string {
  // With a repo that could not be read, the count must not read like a complete, successful poll.
  const from = repos.failed
    ? ` from ${repos.total - repos.failed} of ${plural(repos.total, 'repo')} (${repos.failed} could not be read)`
    : '';
  // The periodic full listing (edits and deletions past the first page) is counted apart: it is not the usual cost.
  const full = fullListings.reduce((n, f) => n + f.requests, 0);
  const relisted = fullListings.length
    ? ` (${full} for the full listing of ${fullListings.map((f) => f.repo).join(', ')}, done every relist_every)`
    : '';
  const head = `${plural(events.length, 'change event')}${from}${dryRun ? ' (dry run: nothing stored)' : ''}; ${plural(requests, 'GitHub request')}${relisted}`;
  const spent = budget ? budgetLine(budget) : null;
  const warnings = deletionWarnings(deleted, dryRun);
  return (
    [[head, ...(spent ? [spent] : []), ...warnings].join('\n'), ...events.map(renderEventText)].join('\n\n') + '\n'
  );
}
