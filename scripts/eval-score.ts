/**
 * Scores one labelled set against our items. A label meets the item whose title holds its key (an unused
 * item whose title starts with it first, then one whose title contains it), else the item whose body holds
 * it: an explanation paragraph labelled on its own is matched through the item it now belongs to, and is
 * judged by that item's kind and categories. A label that meets no item is missed.
 */
import { CHANGE_KINDS, type ChangeKind } from '../parsers/change.js';
import type { Item } from '../parsers/model.js';
import { normalizedKey } from '../parsers/text.js';
import type { EvalLabel, LabelSet, NonItem } from './eval-sets.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score {
  labels: number;
  missed: EvalLabel[];
  /** Items no label meets (generic sets, where every item of a document is labelled). */
  unlabelled: Item[];
  items: number;
  nonItemsEmitted: { nonItem: NonItem; item: Item }[];
  kindCorrect: number;
  kindLabelled: number;
  /** labelled kind -> our kind (`missed` when no item) -> count. */
  confusion: Map<ChangeKind, Map<ChangeKind | 'missed', number>>;
  breaking: Counts;
  deprecation: Counts;
  categories: Map<string, Counts>;
  /** One line per disagreement, for --verbose. */
  report: string[];
}

const keyOf = (s: string) => normalizedKey(s, 100_000);

interface Keyed {
  item: Item;
  /** The title's key, from its text and from its markdown (a label may keep an entity such as `&gt;`). */
  titles: string[];
  body: string;
}

/** The item a label meets, or undefined. `used` holds the items already met through their title. */
function meet(label: EvalLabel, items: readonly Keyed[], used: Set<Item>): Item | undefined {
  const free = items.filter((k) => !used.has(k.item));
  // A label's key is its first 80 characters, which may run on from a short title into the body.
  const byTitle =
    free.find((k) => k.titles.some((t) => (t + k.body).startsWith(label.key))) ??
    free.find((k) => k.titles.some((t) => t.includes(label.key)));
  if (byTitle) {
    used.add(byTitle.item);
    return byTitle.item;
  }
  return items.find((k) => k.body.includes(label.key))?.item;
}

export function score(set: LabelSet, parse: (body: string, repo: string) => Item[], categories: string[]): Score {
  const s: Score = {
    labels: set.labels.length,
    missed: [],
    unlabelled: [],
    items: 0,
    nonItemsEmitted: [],
    kindCorrect: 0,
    kindLabelled: 0,
    confusion: new Map(),
    breaking: { tp: 0, fp: 0, fn: 0 },
    deprecation: { tp: 0, fp: 0, fn: 0 },
    categories: new Map(categories.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])),
    report: [],
  };
  for (const doc of set.docs) {
    const items = parse(doc.body, doc.repo);
    const keyed = items.map((item) => ({
      item,
      titles: [keyOf(item.text), keyOf(item.markdown.replace(/\]\([^)]*\)/g, ']'))],
      body: keyOf(item.body?.text ?? ''),
    }));
    const used = new Set<Item>();
    const met = new Set<Item>();
    let right = 0;
    const labels = set.labels.filter((l) => l.doc === doc.id);
    for (const label of labels) {
      const item = meet(label, keyed, used);
      if (item && item.change === label.change) right++;
      if (item) met.add(item);
      else {
        s.missed.push(label);
        s.report.push(`MISSED ${label.id} ${label.where} | ${label.text.slice(0, 120)}`);
      }
      judge(s, label, item);
    }
    s.report.push(`DOC ${doc.id}: kind ${right}/${labels.length}`);
    if (set.kind === 'generic') {
      const announced = items.filter((i) => !i.highlight);
      s.items += announced.length;
      for (const item of announced.filter((i) => !met.has(i))) {
        s.unlabelled.push(item);
        s.report.push(`UNLABELLED ${doc.id} ${JSON.stringify(item.section)} | ${item.text.slice(0, 120)}`);
      }
      for (const nonItem of set.nonItems.filter((n) => n.doc === doc.id)) {
        // The set keeps a non-item's first 80 characters: an item is that line when its title is the text
        // (or starts with it, where it was cut).
        const key = keyOf(nonItem.text);
        const cut = nonItem.text.length >= 80;
        const item = key ? keyed.find((k) => k.titles[0] === key || (cut && k.titles[0]!.startsWith(key))) : undefined;
        if (item) {
          s.nonItemsEmitted.push({ nonItem, item: item.item });
          s.report.push(`NON-ITEM ${doc.id} (${nonItem.why}) | ${nonItem.text.slice(0, 120)}`);
        }
      }
    }
  }
  return s;
}

function judge(s: Score, label: EvalLabel, item: Item | undefined): void {
  const what = `${label.id} ${label.where} | ${label.text.slice(0, 140)}`;
  if (label.change) {
    const ours: ChangeKind | 'missed' = item ? item.change : 'missed';
    const row = s.confusion.get(label.change) ?? new Map<ChangeKind | 'missed', number>();
    s.confusion.set(label.change, row.set(ours, (row.get(ours) ?? 0) + 1));
    s.kindLabelled++;
    if (ours === label.change) s.kindCorrect++;
    else if (item) s.report.push(`KIND ${label.change} -> ${ours} ${what}`);
    count(s.breaking, label.change === 'breaking', ours === 'breaking');
    count(s.deprecation, label.change === 'deprecation', ours === 'deprecation');
  }
  const got = new Set(item?.categories ?? []);
  const want = new Set(label.categories);
  for (const c of new Set([...got, ...want])) {
    if (!s.categories.has(c)) s.categories.set(c, { tp: 0, fp: 0, fn: 0 });
    const cs = s.categories.get(c)!;
    count(cs, want.has(c), got.has(c));
    if (got.has(c) !== want.has(c)) {
      const evidence = item?.evidence.filter((e) => e.category === c) ?? [];
      s.report.push(
        `${got.has(c) ? 'FP' : 'FN'} ${c.padEnd(12)} ${what}${evidence.length ? `\n    evidence: ${JSON.stringify(evidence)}` : ''}`,
      );
    }
  }
}

function count(c: Counts, want: boolean, got: boolean): void {
  if (want && got) c.tp++;
  else if (got) c.fp++;
  else if (want) c.fn++;
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** The confusion matrix as text: a row per labelled kind, a column per kind we gave (and `missed`). */
export function confusionTable(confusion: Score['confusion']): string[] {
  const cols = [...CHANGE_KINDS, 'missed'] as const;
  const head = ['label \\ ours'.padEnd(13), ...cols.map((c) => c.slice(0, 6).padStart(6))].join(' ');
  const rows = CHANGE_KINDS.filter((k) => confusion.has(k)).map((k) =>
    [k.padEnd(13), ...cols.map((c) => String(confusion.get(k)!.get(c) ?? '.').padStart(6))].join(' '),
  );
  return [head, ...rows];
}
