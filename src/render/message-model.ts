/**
 * The one input model of every chat message (deliveries, query answers) and of the digest's grouping: what a
 * release or a change to it holds for one reader, platform-neutral. Each item appears once, under its first
 * shown category, tagged with its other categories; items are ordered by kind of change (breaking first),
 * then category, then document order. Templates never see ChangeEvents: they render this. Pure.
 */
import { CHANGE_KINDS, changeOf, type ChangeKind } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';

export { CHANGE_KINDS, changeOf, type ChangeKind } from '../../parsers/change.js';

/** How a kind reads in a count line (`14 new`) and as a section title (`New features`). */
export const KIND_LABELS: Record<ChangeKind, { count: string; title: string }> = {
  breaking: { count: 'breaking', title: 'Breaking changes' },
  deprecation: { count: 'deprecated', title: 'Deprecations' },
  feature: { count: 'new', title: 'New features' },
  improvement: { count: 'improved', title: 'Improvements' },
  fix: { count: 'fixed', title: 'Bug fixes' },
  performance: { count: 'faster', title: 'Performance' },
  security: { count: 'security', title: 'Security' },
  docs: { count: 'documented', title: 'Documentation' },
  other: { count: 'other', title: 'Other changes' },
};

/** What happened to an item: part of a release (`new`), or added / removed / reworded by an edit. */
export type ItemStatus = 'new' | 'added' | 'removed' | 'changed';
const STATUS_ORDER: readonly ItemStatus[] = ['new', 'added', 'changed', 'removed'];
export const STATUS_LABELS: Record<ItemStatus, string> = {
  new: 'new',
  added: 'added',
  changed: 'reworded',
  removed: 'removed',
};

export interface ModelItem {
  item: Item;
  status: ItemStatus;
  kind: ChangeKind;
  /** The category it is shown under (its first shown one). */
  category: string;
  /** Its other categories, as a tag. */
  also: string[];
  /** For reworded items: the old wording. */
  previous?: string;
  /** Its repo, where a message spans several (a category across repos); else the model's. */
  repo?: string;
}

/** The one ordering of items: kind of change, then status, then category, then document order. */
export function compareModelItems(a: ModelItem, b: ModelItem, categoryOrder: readonly string[]): number {
  return (
    CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category)
  );
}

export interface CategoryCount {
  category: string;
  total: number;
  /** Non-zero counts, in kind order (published) or status order (edited). */
  counts: { key: string; label: string; count: number }[];
  /** `2 breaking · 14 new · 40 improved · 32 fixed` */
  line: string;
}

export interface ModelSection {
  category: string;
  /** For edits the status groups the items; otherwise the kind does. */
  status: ItemStatus;
  kind: ChangeKind | null;
  title: string;
  items: ModelItem[];
}

export type Detail = 'summary' | 'full';

export interface MessageModel {
  type: 'published' | 'edited' | 'promoted' | 'query';
  repo: string;
  tag: string;
  name: string | null;
  url: string | null;
  prerelease: boolean;
  since: string | null;
  /** A final release shown in full after its candidates: the last candidate. */
  after: string | null;
  /** Categories shown, in order. */
  categories: string[];
  counts: CategoryCount[];
  /** The first `maxItems` items in order: what the summary lists. */
  highlights: ModelItem[];
  /** Every other item, grouped by category then kind (status for edits): what the thread lists. */
  sections: ModelSection[];
  total: number;
  detail: Detail;
}

export interface MessageOptions {
  /** Categories to show; undefined: every category the input has. */
  categories?: readonly string[];
  /** Kinds of change to show; undefined: all. */
  changes?: readonly ChangeKind[];
  breakingOnly?: boolean;
  /** Highlights in the summary (default 8). */
  maxItems?: number;
  detail?: Detail;
}

export const DEFAULT_MAX_ITEMS = 8;

export interface ModelInput {
  type: MessageModel['type'];
  repo: string;
  tag: string;
  name: string | null;
  url: string | null;
  prerelease: boolean;
  since?: string | null;
  after?: string | null;
  /** Categories in their configured order; items outside them are not shown. */
  categoryOrder: readonly string[];
  items: { item: Item; status: ItemStatus; previous?: { text: string; categories: string[] }; repo?: string }[];
}

export function buildMessageModel(input: ModelInput, opts: MessageOptions = {}): MessageModel {
  const shown = input.categoryOrder.filter((c) => !opts.categories || opts.categories.includes(c));
  const seen = new Set<string>();
  const placed: ModelItem[] = [];
  for (const { item, status, previous, repo } of input.items) {
    if (item.group) continue;
    const key = `${status}\u0000${item.id}`;
    if (seen.has(key)) continue;
    // A reworded item counts where it is now and where it was.
    const cats = [...new Set([...item.categories, ...(previous?.categories ?? [])])];
    const category = shown.find((c) => cats.includes(c));
    if (!category) continue;
    const kind = changeOf(item);
    if (opts.breakingOnly && !item.breaking) continue;
    if (opts.changes && !opts.changes.includes(kind)) continue;
    seen.add(key);
    placed.push({
      item,
      status,
      kind,
      category,
      also: cats.filter((c) => c !== category),
      ...(previous ? { previous: previous.text } : {}),
      ...(repo ? { repo } : {}),
    });
  }
  const edited = input.type === 'edited';
  // Stable sort keeps document order among equals.
  const ordered = [...placed].sort((a, b) => compareModelItems(a, b, shown));
  const maxItems = Math.max(0, opts.maxItems ?? DEFAULT_MAX_ITEMS);
  // Highlights: in that order, but within a kind of change a few from each category and each group of
  // nested bullets (round robin) rather than the first eight of one, bullets before explanation paragraphs.
  const nth = new Map<ModelItem, [number, number]>();
  const seenIn = new Map<string, number>();
  const next = (key: string) => {
    const n = seenIn.get(key) ?? 0;
    seenIn.set(key, n + 1);
    return n;
  };
  // Nested bullets compete as one: only the first of a group ranks with top-level items.
  for (const m of ordered)
    nth.set(m, [
      m.item.parents.length ? next(`${m.kind}\u0000${m.category}\u0000${m.item.parents.join('\u0000')}`) : 0,
      next(`${m.kind}\u0000${m.category}`),
    ]);
  const key = (m: ModelItem) => [CHANGE_KINDS.indexOf(m.kind), m.item.kind === 'paragraph' ? 1 : 0, ...nth.get(m)!];
  const byKey = (a: ModelItem, b: ModelItem) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  // A highlight is one line: an item with a code block is listed whole in the details instead.
  const highlights = [...ordered]
    .filter((m) => !/^\s*(```|~~~)/m.test(m.item.markdown))
    .sort(byKey)
    .slice(0, maxItems);
  const picked = new Set(highlights);
  const rest = new Set(ordered.filter((m) => !picked.has(m)));

  const categories = shown.filter((c) => placed.some((p) => p.category === c));
  const counts = categories.map((category) => {
    const mine = placed.filter((p) => p.category === category);
    const counts = edited
      ? STATUS_ORDER.map((s) => ({ key: s, label: STATUS_LABELS[s], count: mine.filter((p) => p.status === s).length }))
      : CHANGE_KINDS.map((k) => ({
          key: k,
          label: KIND_LABELS[k].count,
          count: mine.filter((p) => p.kind === k).length,
        }));
    const nonZero = counts.filter((c) => c.count > 0);
    return {
      category,
      total: mine.length,
      counts: nonZero,
      line: nonZero.map((c) => `${c.count} ${c.label}`).join(' · '),
    };
  });

  const sections: ModelSection[] = [];
  for (const category of categories) {
    const mine = ordered.filter((p) => p.category === category && rest.has(p));
    const groups = edited ? STATUS_ORDER.map((s) => [s, null] as const) : CHANGE_KINDS.map((k) => ['new', k] as const);
    for (const [status, kind] of groups) {
      const items = mine.filter((p) => (kind ? p.kind === kind : p.status === status));
      if (!items.length) continue;
      const title = kind
        ? KIND_LABELS[kind].title
        : `${STATUS_LABELS[status][0]!.toUpperCase()}${STATUS_LABELS[status].slice(1)}`;
      sections.push({ category, status, kind, title, items });
    }
  }
  return {
    type: input.type,
    repo: input.repo,
    tag: input.tag,
    name: input.name,
    url: input.url,
    prerelease: input.prerelease,
    since: input.since ?? null,
    after: input.after ?? null,
    categories,
    counts,
    highlights,
    sections,
    total: placed.length,
    detail: opts.detail ?? 'full',
  };
}
