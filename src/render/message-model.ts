/**
 * The one input model of every message: chat deliveries, query answers and the digest email (a list of these,
 * one per release). What a release or a change to it holds for one reader, platform-neutral. Each item appears
 * once, under its first shown category, tagged with its other categories; items are ordered by kind of change
 * (breaking first), then category, then document order. Templates never see ChangeEvents: they render this. Pure.
 */
import { CHANGE_KINDS, changeOf, type ChangeKind } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import type { ChangeEvent } from '../diff/events.js';
import { releasePageUrl } from './site-paths.js';
import { explainedView, textAndRefs } from './item-source.js';
import { headingTitle, itemView, type ItemView } from './item-view.js';
import { notAHighlight } from './highlight-quality.js';
import type { GitHubLinks } from '../domain/github-links.js';
import type { ReleaseNotes } from '../domain/release-view.js';

export { CHANGE_KINDS, changeOf, type ChangeKind } from '../../parsers/change.js';
export { headingTitle } from './item-view.js';

/** How a kind reads in a count line (`14 new`), as a section title (`New features`) and before a highlight (`New`). */
export const KIND_LABELS: Record<ChangeKind, { count: string; title: string; mark: string }> = {
  breaking: { count: 'breaking', title: 'Breaking changes', mark: 'Breaking' },
  deprecation: { count: 'deprecated', title: 'Deprecations', mark: 'Deprecated' },
  feature: { count: 'new', title: 'New features', mark: 'New' },
  improvement: { count: 'improved', title: 'Improvements', mark: 'Improved' },
  fix: { count: 'fixed', title: 'Bug fixes', mark: 'Fixed' },
  performance: { count: 'faster', title: 'Performance', mark: 'Faster' },
  security: { count: 'security', title: 'Security', mark: 'Security' },
  docs: { count: 'documented', title: 'Documentation', mark: 'Docs' },
  other: { count: 'other', title: 'Other changes', mark: '' },
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
  /** What a one-line mention starts with: its kind (`Breaking`, `New`, `Fixed`…), for edits its status (`Added, breaking`). */
  mark: string;
  /** The item's plain text without the trailing PR refs that `links` lists (a ref inside the sentence stays). */
  text: string;
  /** Its PR refs as links, each once. */
  links: { label: string; url: string }[];
  /** The category it is shown under (its first shown one). */
  category: string;
  /** Its other categories, as a tag. */
  also: string[];
  /** For reworded items: the old wording. */
  previous?: string;
  /** Small print after the item: in an upgrade report, the versions it spans (`v2.8.0, reworded in v2.10.0`). */
  note?: string;
  /** Its repo, where a message spans several (a category across repos); else the model's. */
  repo?: string;
  /**
   * What it is about, when it explains a `### Title (#N)` heading (PyTorch's breaking changes): the heading
   * without its refs. The item's own text is then only the explanation ("Pass an explicit … instead.").
   */
  title?: string;
  /** The item as every surface shows it (title, body, refs): see item-view.ts. */
  view: ItemView;
  /**
   * Also listed in the thread when it is a highlight: the one line of the summary leaves out part of it (its
   * body, its code, the rest of a long sentence).
   */
  longerThanHighlight: boolean;
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

/**
 * What a message is about: a release (for a query across repos, a category) and what happened to it. The
 * release is the one release view's identity (src/domain/release-view.ts), whether the message is a chat
 * answer, a poll's message or a digest's entry. In a model `url` is only an https link on the GitHub host (see
 * `GitHubLinks.safe`), else null.
 */
export interface MessageHeader extends Pick<ReleaseNotes, 'repo' | 'tag' | 'name' | 'url' | 'prerelease'> {
  type: 'published' | 'edited' | 'promoted' | 'query';
  /** A promoted release shown as the delta: the candidate it is compared with. */
  since: string | null;
  /** A final release shown in full after its candidates: the last candidate. */
  after: string | null;
}

/** The header fields of an event, of notes, or of a model (`since` and `after` null where absent). */
export function messageHeader(
  x: Omit<MessageHeader, 'since' | 'after'> & { since?: string | null; after?: string | null },
): MessageHeader {
  return {
    type: x.type,
    repo: x.repo,
    tag: x.tag,
    name: x.name,
    url: x.url,
    prerelease: x.prerelease,
    since: x.since ?? null,
    after: x.after ?? null,
  };
}

export interface MessageModel extends MessageHeader {
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

export interface ModelInput extends MessageHeader {
  /** Where PR and release links point (GitHub, or GitHub Enterprise's host). */
  links: GitHubLinks;
  /** Categories in their configured order; items outside them are not shown. */
  categoryOrder: readonly string[];
  items: {
    item: Item;
    status: ItemStatus;
    previous?: { text: string; categories: string[] };
    repo?: string;
    note?: string;
  }[];
}

/** An event as model input: each category's diff, flattened (the model places each item once). */
export function eventModelInput(event: ChangeEvent, links: GitHubLinks): ModelInput {
  const items: ModelInput['items'] = [];
  for (const diff of Object.values(event.categories)) {
    for (const item of diff.added) items.push({ item, status: event.type === 'edited' ? 'added' : 'new' });
    for (const item of diff.removed) items.push({ item, status: 'removed' });
    for (const item of diff.changed) items.push({ item, status: 'changed', previous: item.previous });
  }
  return { ...messageHeader(event), links, categoryOrder: Object.keys(event.categories), items };
}

/** A highlight is one line of at most this many characters (see render/message.ts). */
export const HIGHLIGHT_CHARS = 200;

/**
 * Whether a highlight, one line, leaves out part of the item: a body beyond one short sentence under a title
 * (a highlight shows "Title — first sentence."), any body of a bullet, code, a title past the line's length.
 */
function longerThanHighlight(view: ItemView, titled: boolean): boolean {
  if (view.title.length > HIGHLIGHT_CHARS) return true;
  if (!view.body) return false;
  if (!titled || /^\s*(```|~~~)/m.test(view.body) || view.body.includes('\n')) return true;
  return !/[.!]$/.test(view.bodyText) || view.title.length + 3 + view.bodyText.length > HIGHLIGHT_CHARS;
}

const hasCode = (item: Item) => /^\s*(```|~~~)/m.test(item.body?.markdown ?? item.markdown);

/** A status as a title (`Reworded`). */
const statusTitle = (s: ItemStatus) => `${STATUS_LABELS[s][0]!.toUpperCase()}${STATUS_LABELS[s].slice(1)}`;

/** What a highlight starts with: its status for edits, its kind of change otherwise. */
function markOf(kind: ChangeKind, status: ItemStatus, edited: boolean): string {
  if (!edited) return KIND_LABELS[kind].mark;
  return `${statusTitle(status)}${kind === 'breaking' ? ', breaking' : ''}`;
}

export function buildMessageModel(input: ModelInput, opts: MessageOptions = {}): MessageModel {
  return modelWithHighlights(prepareModel(input, opts), opts.maxItems ?? DEFAULT_MAX_ITEMS);
}

/** What a model is made of before the number of highlights is chosen: the costly part, done once per message. */
export interface PreparedModel {
  header: MessageHeader;
  links: GitHubLinks;
  edited: boolean;
  detail: Detail;
  /** Every item placed, in order. */
  ordered: ModelItem[];
  /** The items a summary may list, best first: the first N are its highlights. */
  ranked: ModelItem[];
  /** Every item a highlight's one line can show, in order: the summary when the whole list fits. */
  oneLine: ModelItem[];
  categories: string[];
  counts: CategoryCount[];
  total: number;
}

export function prepareModel(input: ModelInput, opts: MessageOptions = {}): PreparedModel {
  const { categoryOrder, items, links: _links, ...header } = input;
  const edited = input.type === 'edited';
  const shown = categoryOrder.filter((c) => !opts.categories || opts.categories.includes(c));
  const seen = new Set<string>();
  const placed: ModelItem[] = [];
  for (const { item: stored, status, previous, repo, note } of items) {
    if (stored.group) continue;
    const item = explainedView(stored);
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
    // The text without a trailing "(#1, #2)": its refs are the links.
    const { text } = textAndRefs(item);
    const title = headingTitle(item);
    const view = itemView(stored);
    placed.push({
      item,
      status,
      kind,
      mark: markOf(kind, status, edited),
      text,
      // The refs its view lists after its title (what the digest, the site and the feeds link).
      links: view.extraRefs.flatMap((r) => {
        const url = input.links.ref(repo ?? header.repo, r);
        return url ? [{ label: `#${r}`, url }] : [];
      }),
      category,
      also: cats.filter((c) => c !== category),
      ...(previous ? { previous: previous.text } : {}),
      ...(note ? { note } : {}),
      ...(repo ? { repo } : {}),
      ...(title ? { title } : {}),
      view,
      longerThanHighlight: longerThanHighlight(view, !!title),
    });
  }
  // Stable sort keeps document order among equals.
  const ordered = [...placed].sort((a, b) => compareModelItems(a, b, shown));
  // Highlights: in that order, but within a kind of change a few from each category and each group of
  // nested bullets (round robin) rather than the first eight of one, bullets before explanation paragraphs.
  const nth = new Map<ModelItem, [number, number]>();
  const seenIn = new Map<string, number>();
  const next = (key: string) => {
    const n = seenIn.get(key) ?? 0;
    seenIn.set(key, n + 1);
    return n;
  };
  // Within a kind and category, the items that say most about the category (the most evidence) first.
  const evidence = (m: ModelItem) => m.item.evidence.filter((e) => e.category === m.category).length;
  const byEvidence = [...ordered].sort((a, b) => compareModelItems(a, b, shown) || evidence(b) - evidence(a));
  // Nested bullets compete as one: only the first of a group ranks with top-level items.
  for (const m of byEvidence)
    nth.set(m, [
      m.item.parents.length ? next(`${m.kind}\u0000${m.category}\u0000${m.item.parents.join('\u0000')}`) : 0,
      next(`${m.kind}\u0000${m.category}`),
    ]);
  const key = (m: ModelItem) => [CHANGE_KINDS.indexOf(m.kind), ...nth.get(m)!];
  // Keys computed once: a release can have thousands of items, and a sort compares each many times.
  const keys = new Map(ordered.map((m) => [m, key(m)]));
  const byKey = (a: ModelItem, b: ModelItem) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  // A highlight is one line (see deliver/message.ts): an item with a code block is shown without its code, by
  // its heading's title when it has one. One highlight per titled heading (PyTorch puts "Version 2.6.0" and
  // "Version 2.7.0" examples under one). Code introduced by a lead such as "users can do:" says nothing on
  // its own line: such an item is listed whole in the details instead.
  const titled = new Set<string>();
  const highlightable = (m: ModelItem) => {
    if (m.title) {
      const heading = m.item.section.join('\u0000');
      if (titled.has(heading)) return false;
      titled.add(heading);
      return true;
    }
    return !hasCode(m.item) || !/:\s*$/.test(m.item.text.split('\n')[0]!);
  };
  // Only items that name what changed (see highlight-quality.ts); the others are in the thread.
  const oneLine = ordered.filter(highlightable);
  const ranked = oneLine.filter((m) => !notAHighlight(m.item, !!m.title)).sort(byKey);

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

  return {
    header: messageHeader(header),
    links: input.links,
    edited,
    detail: opts.detail ?? 'full',
    ordered,
    ranked,
    oneLine,
    categories,
    counts,
    total: placed.length,
  };
}

/**
 * The model with the first `maxItems` ranked items as highlights and every other item in the sections; with
 * `whole`, every item is a highlight (a list that fits the summary is the summary).
 */
export function modelWithHighlights(prep: PreparedModel, maxItems: number, whole = false): MessageModel {
  const { ordered, categories, edited } = prep;
  const highlights = whole ? prep.oneLine : prep.ranked.slice(0, Math.max(0, maxItems));
  // What a highlight shows in full is not repeated; what it shows short stays reachable in the thread.
  const picked = new Set(highlights.filter((m) => !m.longerThanHighlight));
  const sections: ModelSection[] = [];
  for (const category of categories) {
    const mine = ordered.filter((p) => p.category === category && !picked.has(p));
    const groups = edited ? STATUS_ORDER.map((s) => [s, null] as const) : CHANGE_KINDS.map((k) => ['new', k] as const);
    for (const [status, kind] of groups) {
      const items = mine.filter((p) => (kind ? p.kind === kind : p.status === status));
      if (!items.length) continue;
      const title = kind ? KIND_LABELS[kind].title : statusTitle(status);
      sections.push({ category, status, kind, title, items });
    }
  }
  return {
    ...prep.header,
    // Release URLs are untrusted (they come from the API, or from events stored before they were checked).
    url: prep.links.safe(prep.header.url),
    categories,
    counts: prep.counts,
    highlights,
    sections,
    total: prep.total,
    detail: prep.detail,
  };
}

/**
 * The digest email: the message model of each release with changes in a window (its net change, see
 * src/digest/net-change.ts), with the window and a count per category for the chart.
 */
export interface DigestModel {
  name: string;
  window: { start: string; end: string };
  /** By repo, then in the order their first events came. */
  releases: DigestRelease[];
  /** Items per category over all releases, largest first, with a bar width in percent. */
  chart: { name: string; count: number; percent: number }[];
  total: number;
}

export interface DigestRelease extends MessageModel {
  /** Per category shown, where its full list is: the site's release page at its anchor (with `site.base_url`), else the notes on GitHub. */
  full_list: Record<string, string | null>;
}

export interface DigestOptions extends Pick<MessageOptions, 'categories' | 'changes'> {
  name: string;
  window: { start: string; end: string };
  /** Config `site.base_url`: "full list" links go to the site's release pages. */
  siteBaseUrl?: string;
  /** A release with more items shows this many highlights (detail `summary`) instead of every item. */
  maxItems?: number;
}

export function buildDigestModel(releases: readonly ModelInput[], opts: DigestOptions): DigestModel {
  const { name, window, siteBaseUrl, maxItems, ...filter } = opts;
  const models = releases.flatMap((input): DigestRelease[] => {
    const full = buildMessageModel(input, { ...filter, maxItems: 0, detail: 'full' });
    if (!full.total) return [];
    const m =
      maxItems !== undefined && full.total > maxItems
        ? buildMessageModel(input, { ...filter, maxItems, detail: 'summary' })
        : full;
    const fullList = (c: string) => (siteBaseUrl ? releasePageUrl(siteBaseUrl, m.repo, m.tag, c) : m.url);
    return [{ ...m, full_list: Object.fromEntries(m.categories.map((c) => [c, fullList(c)])) }];
  });
  const counts = new Map<string, number>();
  for (const m of models) for (const c of m.counts) counts.set(c.category, (counts.get(c.category) ?? 0) + c.total);
  const max = Math.max(1, ...counts.values());
  const chart = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => ({ name, count, percent: Math.max(2, Math.round((count / max) * 100)) }));
  return { name, window, releases: models, chart, total: models.reduce((n, m) => n + m.total, 0) };
}
