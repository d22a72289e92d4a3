/**
 * What a digest says: the change events of a window, cut to the digest's repos and categories, grouped by
 * repo then category, items in change order (breaking first), with per-category counts for the chart. Pure.
 */
import type { DigestConfig } from '../config/schema.js';
import type { ItemDiff } from '../diff/diff-items.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import { type ChangeKind, changeOf, compareChangeKinds } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import { textAndRefs } from '../render/item-source.js';
import { refUrl, safeLink } from '../render/links.js';
import { releasePageUrl } from '../site/paths.js';

export interface DigestItem {
  text: string;
  breaking: boolean;
  /** The kind of change the item announces (breaking, deprecation, feature, ...); items are sorted by it. */
  change_kind: ChangeKind;
  /** added / removed / changed (edits), or new (published / promoted). */
  change: 'new' | 'added' | 'removed' | 'changed';
  release: string;
  release_url: string | null;
  links: { label: string; url: string }[];
  /** Its other categories: an item is listed once per release, under its first category of the digest. */
  also: string[];
}

export interface DigestCategory {
  name: string;
  count: number;
  items: DigestItem[];
  /** Items left out to keep the mail small (see `limitItems`). */
  more: number;
  /** Per release with items here, where its full list is: the site's release page at this category's anchor (with `site.base_url`), else the notes on GitHub. */
  full_list: { tag: string; url: string }[];
}

export interface DigestRepo {
  repo: string;
  /** `after`: the candidate a release shown in full followed. */
  releases: { tag: string; url: string | null; type: string; prerelease: boolean; after: string | null }[];
  categories: DigestCategory[];
}

export interface DigestModel {
  name: string;
  repos: DigestRepo[];
  /** Per category over all repos, largest first, with a bar width in percent. */
  chart: { name: string; count: number; percent: number }[];
  total: number;
  window: { start: string; end: string };
}

function toItem(i: Item, change: DigestItem['change'], e: ChangeEvent, category: string): DigestItem {
  // Each ref once: a trailing "(#1, #2)" becomes the links, a ref inside the sentence stays there.
  const { text, refs } = textAndRefs(i);
  return {
    also: i.categories.filter((c) => c !== category),
    text,
    breaking: i.breaking,
    change_kind: changeOf(i),
    change,
    release: e.tag,
    release_url: safeLink(e.url),
    links: refs.flatMap((r) => {
      const url = refUrl(e.repo, r);
      return url ? [{ label: `#${r}`, url }] : [];
    }),
  };
}

interface NetEntry {
  item: Item;
  change: DigestItem['change'];
  event: ChangeEvent;
}

/**
 * Folds one event's diff of a release (in one category) into what the window shows so far: an item added
 * then removed inside the window disappears, a reworded item keeps one entry in its latest wording (still
 * "new" if it was new in the window), a removal of an item from before the window is "removed".
 */
function netChange(entries: NetEntry[], e: ChangeEvent, d: ItemDiff): NetEntry[] {
  const out = [...entries];
  const fresh = e.type === 'edited' ? 'added' : 'new';
  const at = (pred: (x: NetEntry) => boolean) => out.findIndex(pred);
  for (const i of d.added) {
    const k = at((x) => x.item.id === i.id);
    if (k >= 0 && out[k]!.change === 'removed')
      out.splice(k, 1); // removed, then back: no net change
    else if (k < 0) out.push({ item: i, change: fresh, event: e });
  }
  for (const i of d.removed) {
    const k = at((x) => x.item.id === i.id || x.item.text === i.text);
    if (k >= 0 && (out[k]!.change === 'new' || out[k]!.change === 'added'))
      out.splice(k, 1); // added and removed inside the window
    else if (k >= 0 && out[k]!.change === 'changed') out[k] = { item: i, change: 'removed', event: e };
    else if (k < 0) out.push({ item: i, change: 'removed', event: e });
  }
  for (const i of d.changed) {
    const k = at((x) => x.item.text === i.previous.text || x.item.id === i.id);
    if (k >= 0) out[k] = { item: i, change: out[k]!.change === 'removed' ? 'changed' : out[k]!.change, event: e };
    else out.push({ item: i, change: 'changed', event: e });
  }
  return out;
}

/**
 * `candidatesSeen` tells whether this digest's recipients got the candidates a promoted event followed: if
 * not, the release is shown in full (as published), else only what is new since the candidate.
 */
export function buildDigestModel(
  events: readonly ChangeEvent[],
  digest: DigestConfig,
  allCategories: readonly string[],
  window: { start: string; end: string },
  siteBaseUrl?: string,
  candidatesSeen: (e: ChangeEvent) => boolean = () => true,
): DigestModel {
  const cats = digest.categories ?? allCategories;
  const byRepo = new Map<string, DigestRepo>();
  const shown = events.map((event) =>
    event.type === 'promoted' && !candidatesSeen(event) ? promotedInFull(event) : event,
  );
  // Per release and category, the net change over the window (see `netChange`), in first-seen order.
  const net = new Map<string, NetEntry[]>();
  for (const e of shown) {
    if (digest.repos && !digest.repos.includes(e.repo)) continue;
    for (const c of cats) {
      const d = e.categories[c];
      if (!d) continue;
      const key = `${e.repo}\u0000${e.tag}\u0000${c}`;
      net.set(key, netChange(net.get(key) ?? [], e, d));
    }
  }
  // Categories in the digest's order: an item of a release goes under the first of its categories, once.
  const listed = new Set<string>();
  const once = (e: ChangeEvent, x: NetEntry) => {
    const key = `${e.repo}\u0000${e.tag}\u0000${x.change}\u0000${x.item.id}`;
    if (listed.has(key)) return false;
    listed.add(key);
    return true;
  };
  for (const e of shown) {
    if (digest.repos && !digest.repos.includes(e.repo)) continue;
    let repo = byRepo.get(e.repo);
    for (const c of cats) {
      const key = `${e.repo}\u0000${e.tag}\u0000${c}`;
      const entries = net.get(key);
      if (!entries) continue;
      net.delete(key); // a release's net change is listed once, with its first event
      const kinds = digest.changes;
      const items = entries
        .filter((x) => (!kinds || kinds.includes(changeOf(x.item))) && once(e, x))
        .map((x) => toItem(x.item, x.change, x.event, c));
      if (!items.length) continue;
      if (!repo) {
        repo = { repo: e.repo, releases: [], categories: [] };
        byRepo.set(e.repo, repo);
      }
      if (!repo.releases.some((r) => r.tag === e.tag))
        repo.releases.push({
          tag: e.tag,
          url: safeLink(e.url),
          type: e.type,
          prerelease: e.prerelease,
          after: e.after ?? null,
        });
      let cat = repo.categories.find((x) => x.name === c);
      if (!cat) {
        cat = { name: c, count: 0, items: [], more: 0, full_list: [] };
        repo.categories.push(cat);
      }
      const fullList = siteBaseUrl ? releasePageUrl(siteBaseUrl, e.repo, e.tag, c) : e.url;
      if (fullList && !cat.full_list.some((l) => l.tag === e.tag)) cat.full_list.push({ tag: e.tag, url: fullList });
      cat.items.push(...items);
      cat.count = cat.items.length;
    }
  }
  const repos = [...byRepo.values()];
  for (const r of repos) {
    r.categories.sort((a, b) => cats.indexOf(a.name) - cats.indexOf(b.name));
    for (const c of r.categories)
      c.items = [...c.items].sort((a, b) => compareChangeKinds(a.change_kind, b.change_kind));
  }
  const counts = new Map<string, number>();
  for (const r of repos) for (const c of r.categories) counts.set(c.name, (counts.get(c.name) ?? 0) + c.count);
  const max = Math.max(1, ...counts.values());
  const chart = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => ({ name, count, percent: Math.max(2, Math.round((count / max) * 100)) }));
  return { name: digest.name, repos, chart, total: [...counts.values()].reduce((a, b) => a + b, 0), window };
}

/** The same digest with at most `n` items per category (the rest counted in `more`). */
export function limitItems(m: DigestModel, n: number): DigestModel {
  return {
    ...m,
    repos: m.repos.map((r) => ({
      ...r,
      categories: r.categories.map((c) => ({
        ...c,
        items: c.items.slice(0, n),
        more: Math.max(0, c.items.length - n),
      })),
    })),
  };
}
