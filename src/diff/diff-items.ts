/**
 * Item-level diff of two revisions of release notes. Items are matched by id (section path + normalized
 * text); what is left is paired as "changed" when an old and a new item are the same item reworded:
 * same section and either a shared PR ref or mostly the same words.
 */
import type { Item } from '../../parsers/model.js';

export interface ChangedItem extends Item {
  /** The item as it read before. */
  previous: { text: string; markdown: string; categories: string[] };
}

/** Items added, removed and reworded: for a whole release, and per category within an event. */
export interface ItemDiff {
  added: Item[];
  removed: Item[];
  changed: ChangedItem[];
}

const SIMILARITY = 0.6;

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9_.]+/g) ?? []);
}

/** Dice coefficient of the two word sets. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size && !wb.size) return 1;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

const sameSection = (a: Item, b: Item) => a.section.join('\u0000') === b.section.join('\u0000');

export function diffItems(before: readonly Item[], after: readonly Item[]): ItemDiff {
  const beforeIds = new Set(before.map((i) => i.id));
  const afterIds = new Set(after.map((i) => i.id));
  const gone = before.filter((i) => !afterIds.has(i.id));
  const fresh = after.filter((i) => !beforeIds.has(i.id));

  const changed: ChangedItem[] = [];
  const paired = new Set<Item>();
  const added: Item[] = [];
  for (const n of fresh) {
    let best: Item | null = null;
    let bestScore = 0;
    for (const o of gone) {
      if (paired.has(o) || !sameSection(o, n)) continue;
      const sharesRef = n.refs.length > 0 && n.refs.some((r) => o.refs.includes(r));
      const score = sharesRef ? 1 + similarity(o.text, n.text) : similarity(o.text, n.text);
      if (score >= SIMILARITY && score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    if (best) {
      paired.add(best);
      changed.push({ ...n, previous: { text: best.text, markdown: best.markdown, categories: best.categories } });
    } else added.push(n);
  }
  return { added, removed: gone.filter((o) => !paired.has(o)), changed };
}

/** Per category: an item counts under every category it has (a changed item, old or new ones). */
export function byCategory(diff: ItemDiff, categories: readonly string[]): Record<string, ItemDiff> {
  const out: Record<string, ItemDiff> = {};
  const slot = (c: string) => (out[c] ??= { added: [], removed: [], changed: [] });
  for (const c of categories) {
    for (const i of diff.added) if (i.categories.includes(c)) slot(c).added.push(i);
    for (const i of diff.removed) if (i.categories.includes(c)) slot(c).removed.push(i);
    for (const i of diff.changed)
      if (i.categories.includes(c) || i.previous.categories.includes(c)) slot(c).changed.push(i);
  }
  return out;
}
