/**
 * What the site shows, built from the stored releases: per release its reportable items grouped by
 * category, then by kind of change (breaking first), with counts. Pure; no markup here.
 */
import { newestFirst, type ReleaseNotes } from '../domain/release-view.js';
import { compareTags } from '../diff/versions.js';
import type { Item } from '../../parsers/model.js';
import type { StoredRelease } from '../store/store.js';
import type { UpgradeReport } from '../report/model.js';
import { CHANGE_KINDS, CHANGE_LABELS, changeKind, type ChangeKind } from './change-kind.js';

export interface KindGroup {
  kind: ChangeKind;
  label: string;
  items: Item[];
}

export interface CategoryGroup {
  name: string;
  count: number;
  kinds: KindGroup[];
}

/** A release as the site shows it: the release view (its items without group headings), and its dates and groups. */
export interface SiteRelease extends ReleaseNotes {
  /** Published, else created: what pages show. */
  date: string | null;
  /** Published, else created, else first recorded: what lists sort by and feeds call `published`. */
  sortDate: string;
  /** When the release was published or its notes last edited, whichever is later (feeds' `updated`). */
  updated: string;
  /** Per category with items, in the config's category order. */
  categories: CategoryGroup[];
  /** Reportable items in no category. */
  unclassified: number;
}

export interface SiteRepo {
  repo: string;
  /** Newest first. */
  releases: SiteRelease[];
}

export interface SiteModel {
  repos: SiteRepo[];
  categories: string[];
  /** The upgrade reports of config `site.upgrades` (src/site/build-site.ts adds them). */
  upgrades: UpgradeReport[];
}

export interface ReleaseInput {
  release: StoredRelease;
  items: Item[];
  /** When a new body of the release was last seen after its first one; null when never edited. */
  lastEditAt: string | null;
}

/** Breaking first, then the other kinds in their fixed order; document order within a kind. */
export function groupByKind(items: readonly Item[]): KindGroup[] {
  const by = new Map<ChangeKind, Item[]>();
  for (const i of items) {
    const k = changeKind(i);
    const list = by.get(k);
    if (list) list.push(i);
    else by.set(k, [i]);
  }
  return CHANGE_KINDS.filter((k) => by.has(k)).map((k) => ({ kind: k, label: CHANGE_LABELS[k], items: by.get(k)! }));
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Newest first as `query` orders them; releases without any date (GitHub always has one) by version. */
function releaseOrder(a: StoredRelease, b: StoredRelease): number {
  if (!(a.publishedAt ?? a.createdAt) && !(b.publishedAt ?? b.createdAt))
    return compareTags(b.tag, a.tag) || newestFirst(a, b);
  return newestFirst(a, b);
}

export function toSiteRelease(input: ReleaseInput, categories: readonly string[]): SiteRelease {
  const r = input.release;
  const items = input.items.filter((i) => !i.group);
  const groups: CategoryGroup[] = [];
  for (const name of categories) {
    const inCat = items.filter((i) => i.categories.includes(name));
    if (inCat.length) groups.push({ name, count: inCat.length, kinds: groupByKind(inCat) });
  }
  const published = r.publishedAt ?? r.createdAt ?? r.firstSeenAt ?? EPOCH;
  const updated = input.lastEditAt && input.lastEditAt > published ? input.lastEditAt : published;
  return {
    repo: r.repo,
    tag: r.tag,
    name: r.name,
    url: r.url,
    prerelease: r.prerelease,
    publishedAt: r.publishedAt,
    date: r.publishedAt ?? r.createdAt,
    sortDate: published,
    updated,
    items,
    categories: groups,
    unclassified: items.filter((i) => !i.categories.some((c) => categories.includes(c))).length,
  };
}

/** Live releases of each repo, newest first (the order of `query`). */
export function buildSiteModel(
  repos: readonly { repo: string; releases: ReleaseInput[] }[],
  categories: readonly string[],
): SiteModel {
  return {
    categories: [...categories],
    upgrades: [],
    repos: repos.map(({ repo, releases }) => ({
      repo,
      releases: releases
        .filter((x) => !x.release.deleted)
        .sort((a, b) => releaseOrder(a.release, b.release))
        .map((x) => toSiteRelease(x, categories)),
    })),
  };
}

/** Every repo's releases merged, newest first: what category pages and category feeds list. */
export function allReleasesNewestFirst(model: SiteModel): SiteRelease[] {
  return model.repos
    .flatMap((r) => r.releases)
    .sort((a, b) => {
      if (a.sortDate !== b.sortDate) return a.sortDate < b.sortDate ? 1 : -1;
      return a.repo === b.repo ? 0 : a.repo < b.repo ? -1 : 1; // stable: each repo's own order stays
    });
}
