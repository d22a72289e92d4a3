/** parse(body, repo): release-notes markdown to items, with no classification yet. */
import type { ParsedItem } from './model.js';
import { extractItemsFromParts } from './extract-items.js';
import { normalizeSource, parseMarkdown, splitAtTopHeadings } from './markdown.js';
import { profileFor } from './profiles.js';

export { profileFor } from './profiles.js';
export { normalizedKey } from './text.js';

/** GitHub's limit on a release body. Longer input (a whole RELEASE.md) is parsed in parts. */
export const GITHUB_BODY_LIMIT = 125_000;
/** The size of the parts a longer body is parsed in, cut before top-level headings (linear time). */
const PART_SIZE = 100_000;

export function parseNotes(body: string, repo: string): ParsedItem[] {
  const source = normalizeSource(body);
  const parts = source.length > GITHUB_BODY_LIMIT ? splitAtTopHeadings(source, PART_SIZE) : [source];
  // One part's tree at a time: a long document is never held as one syntax tree.
  function* trees() {
    for (const part of parts) yield { tree: parseMarkdown(part), source: part };
  }
  return extractItemsFromParts(trees(), profileFor(repo));
}
