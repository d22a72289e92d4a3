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
  const own = highlights.map((h) => [...new Set(words(h.text))]);
  const held = wordsHeld(targets, new Set(own.flat()));
  const merged = new Set<ParsedItem>();
  highlights.forEach((h, n) => {
    const target = targets.find((t) => h.refs.some((r) => t.refs.includes(r))) ?? byWords(own[n]!, targets, held);
    if (!target) return;
    target.highlight = true;
    merged.add(h);
  });
  return merged.size ? items.filter((i) => !merged.has(i)) : items;
}

/**
 * For each target, which of the highlights' words its title holds: one search of each title for all of
 * them at once (a Highlights section has a few dozen words, a release hundreds of titles).
 */
function wordsHeld(targets: readonly ParsedItem[], vocabulary: ReadonlySet<string>): (Set<string> | undefined)[] {
  if (!vocabulary.size) return [];
  const escaped = [...vocabulary].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![a-z0-9])(?:${escaped.join('|')})(?![a-z0-9_])`, 'g');
  return targets.map((t) => {
    let found: Set<string> | undefined;
    for (const m of t.text.toLowerCase().matchAll(re)) (found ??= new Set()).add(m[0]);
    return found;
  });
}

/** The item whose title holds the largest share of the highlight's words (at least MIN_SHARE), first on ties. */
function byWords(
  own: readonly string[],
  targets: readonly ParsedItem[],
  held: readonly (Set<string> | undefined)[],
): ParsedItem | undefined {
  if (!own.length) return undefined;
  let best: ParsedItem | undefined;
  let bestShare = 0;
  held.forEach((ws, k) => {
    if (!ws) return;
    const share = own.filter((w) => ws.has(w)).length / own.length;
    if (share > bestShare) [best, bestShare] = [targets[k], share];
  });
  return bestShare >= MIN_SHARE ? best : undefined;
}
