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
  const lower = targets.map((t) => t.text.toLowerCase());
  const merged = new Set<ParsedItem>();
  for (const h of highlights) {
    const target = targets.find((t) => h.refs.some((r) => t.refs.includes(r))) ?? byWords(h, targets, lower);
    if (!target) continue;
    target.highlight = true;
    merged.add(h);
  }
  return merged.size ? items.filter((i) => !merged.has(i)) : items;
}

/** The item whose title holds the largest share of the highlight's words (at least MIN_SHARE), first on ties. */
function byWords(h: ParsedItem, targets: readonly ParsedItem[], lower: readonly string[]): ParsedItem | undefined {
  const own = [...new Set(words(h.text))];
  if (!own.length) return undefined;
  // A title must hold enough of the words as substrings to reach the share: a cheap test before the split.
  const needed = Math.ceil(MIN_SHARE * own.length);
  let best: ParsedItem | undefined;
  let bestShare = 0;
  targets.forEach((t, k) => {
    if (own.filter((w) => lower[k]!.includes(w)).length < needed) return;
    const ws = new Set(words(t.text));
    const share = own.filter((w) => ws.has(w)).length / own.length;
    if (share > bestShare) [best, bestShare] = [t, share];
  });
  return bestShare >= MIN_SHARE ? best : undefined;
}
