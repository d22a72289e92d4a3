/**
 * A Highlights table or list restates items that the notes list again further down. Each highlight is
 * matched to the item it summarises (one citing the same PR, else the one whose title holds the highlight's
 * words); that item is marked `highlight` and the highlight is not an item of its own. A highlight that
 * summarises nothing stays one item. Only highlights are merged: two ordinary items citing one PR stay two.
 */
import type { ParsedItem } from './model.js';

const HIGHLIGHTS = /^\W*(?:release )?highlights?\b/i;
const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'on', 'in', 'with', 'and', 'to', 'by', 'as', 'at', 'is', 'are']);
/** At least this share of a highlight's words must be in the item's title. */
const MIN_SHARE = 0.75;

const words = (text: string): string[] =>
  (text.toLowerCase().match(/[a-z0-9][a-z0-9_.+-]*/g) ?? [])
    .map((w) => w.replace(/[.+-]+$/, ''))
    .filter((w) => w && !STOP.has(w));

const isHighlight = (i: ParsedItem) => i.kind !== 'heading' && i.section.some((h) => HIGHLIGHTS.test(h));

export function mergeHighlights(items: ParsedItem[]): ParsedItem[] {
  const highlights = items.filter(isHighlight);
  if (!highlights.length) return items;
  const targets = items.filter((i) => !isHighlight(i) && !i.group);
  const targetWords = new Map(targets.map((t) => [t, new Set(words(t.text))]));
  const merged = new Set<ParsedItem>();
  for (const h of highlights) {
    const target = targets.find((t) => h.refs.some((r) => t.refs.includes(r))) ?? byWords(h, targetWords);
    if (!target) continue;
    target.highlight = true;
    merged.add(h);
  }
  return merged.size ? items.filter((i) => !merged.has(i)) : items;
}

function byWords(h: ParsedItem, targetWords: Map<ParsedItem, Set<string>>): ParsedItem | undefined {
  const own = [...new Set(words(h.text))];
  if (!own.length) return undefined;
  let best: ParsedItem | undefined;
  let bestShare = 0;
  for (const [t, ws] of targetWords) {
    const share = own.filter((w) => ws.has(w)).length / own.length;
    if (share > bestShare) [best, bestShare] = [t, share];
  }
  return bestShare >= MIN_SHARE ? best : undefined;
}
