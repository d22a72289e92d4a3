/** The JSON answer of `query --format json` (also the site's `api/<owner>/<name>/<tag>.json`). */
import type { Item } from '../../parsers/model.js';
import type { ReleaseNotes } from './find-release.js';

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
