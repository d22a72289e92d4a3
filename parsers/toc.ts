/**
 * A table of contents: a list whose entries are the document's own headings, as `[text](#anchor)` links
 * or as plain text (`- Highlights`, `- Deprecations`, …). Not release items.
 */
import { extractRefs, normalizedKey } from './text.js';

/** A link whose target is an anchor on the same page. */
export const TOC_LINK = /^\s*\[[^\]]*\]\(#[^)]*\)\s*$/;

/**
 * Entries of one list (read one by one, so that the usual list is rejected at its first entry): at least
 * two, all short, none citing a PR, all links to anchors or headings of the document.
 */
export function isTableOfContents<T>(
  entries: readonly T[],
  read: (entry: T) => { text: string; markdown: string },
  headingKeys: ReadonlySet<string>,
): boolean {
  if (entries.length < 2) return false;
  return entries.every((entry) => {
    const e = read(entry);
    const bare = e.markdown.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
    if (TOC_LINK.test(bare)) return true;
    if (e.text.split(/\s+/).length > 6 || extractRefs(e.markdown).length) return false;
    // "Backwards Incompatible Change" for the heading "Backwards Incompatible Changes"
    const key = normalizedKey(e.text, 1000);
    return !!key && [...headingKeys].some((h) => h.startsWith(key));
  });
}
