/** `poll --format text`: a readable categorized summary per change event. */
import type { ChangeEvent } from '../diff/events.js';
import type { Item } from '../../parsers/model.js';

const SHOWN_PER_LIST = 15;

function lines(mark: string, items: readonly Item[]): string[] {
  const sorted = [...items.filter((i) => i.breaking), ...items.filter((i) => !i.breaking)];
  const out = sorted.slice(0, SHOWN_PER_LIST).map((i) => `      ${mark} ${i.breaking ? '[breaking] ' : ''}${i.text}`);
  if (sorted.length > SHOWN_PER_LIST) out.push(`      … ${sorted.length - SHOWN_PER_LIST} more (--format json lists all)`);
  return out;
}

export function renderEventText(e: ChangeEvent): string {
  const title = `${e.type.toUpperCase()} ${e.repo} ${e.tag}${e.prerelease ? ' (pre-release)' : ''}${e.name && e.name !== e.tag ? ` "${e.name}"` : ''}`;
  const out = [title];
  if (e.url) out.push(`  ${e.url}`);
  if (e.since) out.push(`  new since ${e.since}`);
  const cats = Object.entries(e.categories);
  if (!cats.length) out.push(`  no items in any category (${e.counts.items} items in the ${e.type === 'edited' ? 'change' : 'release'})`);
  for (const [cat, d] of cats) {
    const parts = [
      d.added.length ? `${d.added.length} ${e.type === 'edited' ? 'added' : 'items'}` : '',
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
  return deleted.map((d) => `warning: ${d.repo} ${d.tag} was deleted on GitHub${dryRun ? ' (dry run: not marked)' : '; marked deleted in the store'}`);
}

export function renderPollText(
  events: readonly ChangeEvent[],
  requests: number,
  dryRun: boolean,
  deleted: readonly { repo: string; tag: string }[] = [],
  repos: { total: number; failed: number } = { total: 0, failed: 0 },
): string {
  // With a repo that could not be read, the count must not read like a complete, successful poll.
  const from = repos.failed ? ` from ${repos.total - repos.failed} of ${repos.total} repos (${repos.failed} could not be read)` : '';
  const head = `${events.length} change event${events.length === 1 ? '' : 's'}${from}${dryRun ? ' (dry run: nothing stored)' : ''}; ${requests} GitHub request${requests === 1 ? '' : 's'}`;
  const warnings = deletionWarnings(deleted, dryRun);
  return [[head, ...warnings].join('\n'), ...events.map(renderEventText)].join('\n\n') + '\n';
}
