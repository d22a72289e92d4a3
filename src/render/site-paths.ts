/**
 * Where every file of the site lives, relative to its root, and links between them. Pure. Release tags
 * become one path segment: characters outside [A-Za-z0-9._-] (and a leading dot) are written `~XX` per
 * UTF-8 byte, so distinct tags never share a file and no tag can climb out of its folder. A segment longer
 * than MAX_TAG_SEGMENT (file systems allow 255 bytes a name; an emoji is 12 escaped) keeps a readable prefix
 * and ends in `~~` and a hash of the whole tag: `~~` never occurs otherwise (every `~` starts an escape).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';

export const MAX_TAG_SEGMENT = 120;

const escapeChar = (ch: string) =>
  /[A-Za-z0-9._-]/.test(ch)
    ? ch
    : [...Buffer.from(ch)].map((b) => `~${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export function tagSegment(tag: string): string {
  const pieces = Array.from(tag, escapeChar);
  if (pieces[0]?.startsWith('.')) pieces[0] = `~2E${pieces[0].slice(1)}`;
  const safe = pieces.join('') || '~';
  if (safe.length <= MAX_TAG_SEGMENT) return safe;
  const hash = createHash('sha256').update(tag).digest('hex').slice(0, 16);
  // Whole characters only, so the prefix still reads as the start of the tag.
  let prefix = '';
  for (const p of pieces) {
    if (prefix.length + p.length > MAX_TAG_SEGMENT - hash.length - 2) break;
    prefix += p;
  }
  return `${prefix}~~${hash}`;
}

export const sitePaths = {
  index: 'index.html',
  style: 'style.css',
  repo: (repo: string) => `repos/${repo}.html`,
  release: (repo: string, tag: string) => `releases/${repo}/${tagSegment(tag)}.html`,
  category: (category: string) => `categories/${category}.html`,
  repoFeed: (repo: string) => `feeds/repos/${repo}.atom`,
  repoCategoryFeed: (repo: string, category: string) => `feeds/repos/${repo}/${category}.atom`,
  categoryFeed: (category: string) => `feeds/categories/${category}.atom`,
  api: (repo: string, tag: string) => `api/${repo}/${tagSegment(tag)}.json`,
  /** An upgrade report (config `site.upgrades`): what changes from one version to another. */
  upgrade: (repo: string, from: string, to: string) => `upgrade/${repo}/${tagSegment(from)}..${tagSegment(to)}.html`,
};

/** A link from the page at `from` to the file at `to` (both site-relative), working on file:// and any host. */
export function relativeHref(from: string, to: string): string {
  const [path, hash] = to.split('#') as [string, string | undefined];
  const rel = posix.relative(posix.dirname(from), path) || posix.basename(path);
  return hash === undefined ? rel : `${rel}#${hash}`;
}

/** `https://host/base` → `https://host/base/`; undefined stays undefined. */
export function normalizeBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** The absolute URL of a site file, given the site's base URL. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return new URL(path, normalizeBaseUrl(baseUrl)).toString();
}

/** The release page's anchor for a category on a published site: what "full list" links point to. */
export function releasePageUrl(baseUrl: string, repo: string, tag: string, category?: string): string {
  return absoluteUrl(baseUrl, sitePaths.release(repo, tag)) + (category ? `#${category}` : '');
}
