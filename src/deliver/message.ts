/**
 * The message model: an event, cut to what one destination subscribed to, as category chunks of
 * platform markup, split into parts that fit the platform's limits. Templates only lay the parts out.
 */
import type { ChangedItem } from '../diff/diff-items.js';
import type { ChangeEvent } from '../diff/events.js';
import { type ChangeKind, filterByChange, sortByChange } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import { escapeDiscord, escapeSlack, itemMarkup } from '../render/markup.js';

export type ChatPlatform = 'slack' | 'discord';

export interface Chunk {
  category: string;
  /** Plain title, e.g. "distributed · 12 items" or "distributed (continued)". */
  title: string;
  /** Lines of platform markup, escaped, joined by newlines. */
  text: string;
  continued: boolean;
}

export interface Part {
  number: number;
  count: number;
  first: boolean;
  last: boolean;
  chunks: Chunk[];
}

/** Room for one chunk, chunks per message, and text per message, under the platform limits. */
export interface Budget {
  chunkChars: number;
  chunksPerPart: number;
  partChars: number;
}

export const BUDGETS: Record<ChatPlatform, Budget> = {
  // Section text max 3,000; 50 blocks a message (the template adds up to 4 around the chunks).
  slack: { chunkChars: 2900, chunksPerPart: 24, partChars: 20_000 },
  // Embed description max 4,096; 10 embeds; 6,000 characters over all embeds of a message.
  discord: { chunkChars: 3800, chunksPerPart: 10, partChars: 5000 },
};

export interface EventFilter {
  /** Categories to show; undefined means every category of the event. */
  categories?: readonly string[];
  breakingOnly: boolean;
  /** Kinds of change to show; undefined means every kind. */
  changes?: readonly ChangeKind[];
}

/** Platform markup of items, computed once per event and platform however many destinations get it. */
export class MarkupCache {
  private readonly cache = new Map<string, string>();
  line(item: Item, repo: string, p: ChatPlatform): string {
    const key = `${p}\u0000${item.id}\u0000${'previous' in item ? 'c' : ''}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      s = itemMarkup(item, repo, p);
      this.cache.set(key, s);
    }
    return s;
  }
}

const bold = (p: ChatPlatform, s: string) => (p === 'slack' ? `*${s}*` : `**${s}**`);
const italic = (s: string) => `_${s}_`;
const esc = (p: ChatPlatform, s: string) => (p === 'slack' ? escapeSlack(s) : escapeDiscord(s));
const bullet = (p: ChatPlatform) => (p === 'slack' ? '•' : '-');

function itemLine(item: Item, repo: string, p: ChatPlatform, cache: MarkupCache, mark = ''): string {
  const breaking = item.breaking ? `${bold(p, 'Breaking:')} ` : '';
  let line = `${bullet(p)} ${mark}${breaking}${cache.line(item, repo, p)}`;
  const prev = (item as Partial<ChangedItem>).previous;
  if (prev) {
    const was = prev.text.length > 160 ? `${prev.text.slice(0, 159)}…` : prev.text;
    line += ` ${italic(`(was: ${esc(p, was)})`)}`;
  }
  return line;
}

interface CategoryLines {
  category: string;
  summary: string;
  lines: string[];
}

/** Per shown category: a summary ("12 items", "2 added, 1 removed") and its item lines, in change order. */
export function categoryLines(event: ChangeEvent, filter: EventFilter, p: ChatPlatform, cache: MarkupCache): CategoryLines[] {
  const out: CategoryLines[] = [];
  for (const [category, diff] of Object.entries(event.categories)) {
    if (filter.categories && !filter.categories.includes(category)) continue;
    const keep = <T extends Item>(xs: T[]) => sortByChange(filterByChange(filter.breakingOnly ? xs.filter((i) => i.breaking) : xs, filter.changes));
    const added = keep(diff.added);
    const removed = keep(diff.removed);
    const changed = keep(diff.changed);
    if (!added.length && !removed.length && !changed.length) continue;
    const lines: string[] = [];
    if (event.type === 'edited') {
      if (added.length) lines.push(bold(p, 'Added'), ...added.map((i) => itemLine(i, event.repo, p, cache)));
      if (removed.length) lines.push(bold(p, 'Removed'), ...removed.map((i) => itemLine(i, event.repo, p, cache)));
      if (changed.length) lines.push(bold(p, 'Changed'), ...changed.map((i) => itemLine(i, event.repo, p, cache)));
    } else {
      lines.push(...added.map((i) => itemLine(i, event.repo, p, cache)));
    }
    const summary =
      event.type === 'edited'
        ? [added.length && `${added.length} added`, removed.length && `${removed.length} removed`, changed.length && `${changed.length} changed`]
            .filter(Boolean)
            .join(', ')
        : `${added.length} item${added.length === 1 ? '' : 's'}${event.type === 'promoted' ? ' new since the candidate' : ''}`;
    out.push({ category, summary, lines });
  }
  return out;
}

/** Packs category lines into chunks and chunks into parts; a category may run over several chunks and parts. */
export function splitIntoParts(cats: CategoryLines[], budget: Budget): Part[] {
  const parts: Chunk[][] = [];
  let current: Chunk[] = [];
  let currentChars = 0;
  const closePart = () => {
    if (current.length) parts.push(current);
    current = [];
    currentChars = 0;
  };
  const addChunk = (chunk: Chunk) => {
    const size = chunk.text.length + chunk.title.length;
    if (current.length >= budget.chunksPerPart || (current.length && currentChars + size > budget.partChars)) closePart();
    current.push(chunk);
    currentChars += size;
  };
  for (const c of cats) {
    let lines: string[] = [];
    let chars = 0;
    let continued = false;
    const flush = () => {
      if (!lines.length) return;
      addChunk({ category: c.category, title: continued ? `${c.category} (continued)` : `${c.category} · ${c.summary}`, text: lines.join('\n'), continued });
      continued = true;
      lines = [];
      chars = 0;
    };
    for (const line of c.lines) {
      const l = line.length > budget.chunkChars ? `${line.slice(0, budget.chunkChars - 1)}…` : line;
      if (chars + l.length + 1 > budget.chunkChars) flush();
      lines.push(l);
      chars += l.length + 1;
    }
    flush();
  }
  closePart();
  return parts.map((chunks, i) => ({ number: i + 1, count: parts.length, first: i === 0, last: i === parts.length - 1, chunks }));
}
