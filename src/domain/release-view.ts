/**
 * One release as every reader sees it (chat answers, `query`, the site's JSON and pages, reports): its
 * identity and its classified items. The store's rows and GitHub's answers become this; nothing reads a
 * release another way.
 */
import type { Item } from '../../parsers/model.js';

export interface ReleaseNotes {
  repo: string;
  tag: string;
  name: string | null;
  url: string | null;
  prerelease: boolean;
  publishedAt: string | null;
  items: Item[];
}

/** The JSON answer of `query --format json` (also the site's `api/<owner>/<name>/<tag>.json`). */
export interface QueryJson {
  repo: string;
  release: { tag: string; name: string | null; url: string | null; prerelease: boolean; published_at: string | null };
  categories: Record<string, Item[]>;
}

/** Per category shown, its items (group headings left out), in document order. */
export function queryJson(notes: ReleaseNotes, categories: readonly string[]): QueryJson {
  return {
    repo: notes.repo,
    release: {
      tag: notes.tag,
      name: notes.name,
      url: notes.url,
      prerelease: notes.prerelease,
      published_at: notes.publishedAt,
    },
    categories: Object.fromEntries(
      categories.map((c) => [c, notes.items.filter((i) => !i.group && i.categories.includes(c))]),
    ),
  };
}

/** What ordering releases needs of a stored one. */
export interface Dated {
  publishedAt: string | null;
  createdAt: string | null;
  githubId: string | number;
}

/** Newest first by publication (or creation) date, then by GitHub id. */
export function newestFirst(a: Dated, b: Dated): number {
  const da = a.publishedAt ?? a.createdAt ?? '';
  const db = b.publishedAt ?? b.createdAt ?? '';
  if (da !== db) return da < db ? 1 : -1;
  const ia = BigInt(a.githubId);
  const ib = BigInt(b.githubId);
  return ib > ia ? 1 : ib < ia ? -1 : 0;
}
