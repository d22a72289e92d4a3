/**
 * What a digest says: the change events of a window, cut to the digest's repos and categories, grouped by
 * repo then category, breaking items first, with per-category counts for the chart. Pure.
 */
import type { DigestConfig } from '../config/schema.js';
import type { ChangeEvent } from '../diff/events.js';
import type { Item } from '../../parsers/model.js';
import { refUrl } from '../render/links.js';
import { CHANGE_KINDS, changeOf, type ChangeKind } from '../render/message-model.js';
import { releasePageUrl } from '../site/paths.js';

export interface DigestItem {
  text: string;
  breaking: boolean;
  /** added / removed / changed (edits), or new (published / promoted). */
  change: 'new' | 'added' | 'removed' | 'changed';
  release: string;
  release_url: string | null;
  links: { label: string; url: string }[];
  /** Its other categories: an item is listed once, under its first category of the digest. */
  also: string[];
  /** Its kind of change (breaking, deprecation, feature, …): the order items are listed in. */
  kind: ChangeKind;
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
  releases: { tag: string; url: string | null; type: string; prerelease: boolean }[];
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
  return {
    also: i.categories.filter((c) => c !== category),
    kind: changeOf(i),
    text: i.text,
    breaking: i.breaking,
    change,
    release: e.tag,
    release_url: e.url,
    links: i.refs.flatMap((r) => {
      const url = refUrl(e.repo, r);
      return url ? [{ label: `#${r}`, url }] : [];
    }),
  };
}

export function buildDigestModel(
  events: readonly ChangeEvent[],
  digest: DigestConfig,
  allCategories: readonly string[],
  window: { start: string; end: string },
  siteBaseUrl?: string,
): DigestModel {
  const cats = digest.categories ?? allCategories;
  const byRepo = new Map<string, DigestRepo>();
  for (const e of events) {
    if (digest.repos && !digest.repos.includes(e.repo)) continue;
    let repo = byRepo.get(e.repo);
    // Categories in the digest's order: an item goes under the first of its categories, once.
    const listed = new Set<string>();
    const once = (i: Item, change: string) => {
      const key = `${change}\u0000${i.id}`;
      if (listed.has(key)) return false;
      listed.add(key);
      return true;
    };
    for (const c of cats) {
      const d = e.categories[c];
      if (!d) continue;
      const change = e.type === 'edited' ? 'added' : 'new';
      const items = [
        ...d.added.filter((i) => once(i, change)).map((i) => toItem(i, change, e, c)),
        ...d.removed.filter((i) => once(i, 'removed')).map((i) => toItem(i, 'removed', e, c)),
        ...d.changed.filter((i) => once(i, 'changed')).map((i) => toItem(i, 'changed', e, c)),
      ];
      if (!items.length) continue;
      if (!repo) {
        repo = { repo: e.repo, releases: [], categories: [] };
        byRepo.set(e.repo, repo);
      }
      if (!repo.releases.some((r) => r.tag === e.tag)) repo.releases.push({ tag: e.tag, url: e.url, type: e.type, prerelease: e.prerelease });
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
    // The one order of the message model: kind of change (breaking first), document order within.
    for (const c of r.categories) c.items = [...c.items].sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
  }
  const counts = new Map<string, number>();
  for (const r of repos) for (const c of r.categories) counts.set(c.name, (counts.get(c.name) ?? 0) + c.count);
  const max = Math.max(1, ...counts.values());
  const chart = [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count, percent: Math.max(2, Math.round((count / max) * 100)) }));
  return { name: digest.name, repos, chart, total: [...counts.values()].reduce((a, b) => a + b, 0), window };
}

/** The same digest with at most `n` items per category (the rest counted in `more`). */
export function limitItems(m: DigestModel, n: number): DigestModel {
  return {
    ...m,
    repos: m.repos.map((r) => ({
      ...r,
      categories: r.categories.map((c) => ({ ...c, items: c.items.slice(0, n), more: Math.max(0, c.items.length - n) })),
    })),
  };
}
