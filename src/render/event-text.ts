/** `poll --format text`: a readable categorized summary per change event. */
import type { ChangeEvent } from '../diff/events.js';
import type { Item } from '../../parsers/model.js';
import { byKindOfChange } from './message-model.js';

const SHOWN_PER_LIST = 15;

function lines(mark: string, items: readonly Item[]): string[] {
  const sorted = byKindOfChange(items);
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

export function renderPollText(events: readonly ChangeEvent[], requests: number, dryRun: boolean): string {
  const head = `${events.length} change event${events.length === 1 ? '' : 's'}${dryRun ? ' (dry run: nothing stored)' : ''}; ${requests} GitHub request${requests === 1 ? '' : 's'}`;
  return [head, ...events.map(renderEventText)].join('\n\n') + '\n';
}
