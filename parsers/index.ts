/** parse(body, repo): release-notes markdown to items, with no classification yet. */
import type { ParsedItem } from './model.js';
import { extractItems } from './extract-items.js';
import { normalizeSource, parseMarkdown } from './markdown.js';
import { profileFor } from './profiles.js';

export { profileFor } from './profiles.js';
export { normalizedKey } from './text.js';

export function parseNotes(body: string, repo: string): ParsedItem[] {
  const source = normalizeSource(body);
  return extractItems(parseMarkdown(source), source, profileFor(repo));
}
