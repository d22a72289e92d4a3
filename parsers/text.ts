/** Small text helpers shared by the parser, the classifier and the label matcher. */
import { hash } from 'node:crypto';

/** Runs of whitespace become one space. A lone space already is one: matching only the other cases spares
 * a replacement per word (this runs on every item's text). */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** The label key: lower case, only [a-z0-9], first 80 characters (see shared/labels/README.md). */
export function normalizedKey(text: string, length = 80): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, length);
}

/** The section part of an identity key (computed once per heading state by the extractor). */
export function sectionKey(section: readonly string[]): string {
  return section.map((s) => normalizedKey(s, 1000)).join('\u0000');
}

/** What an item's id is made of: its section path and text, normalized so formatting-only edits keep it. */
export function identityKey(section: readonly string[] | string, text: string): string {
  return `${typeof section === 'string' ? section : sectionKey(section)}\u0001${normalizedKey(text, 100_000)}`;
}

/** Stable id: a hash of the identity key and, for repeats of the same key, the repeat's number. */
export function itemId(identity: string, occurrence: number): string {
  return hash('sha256', occurrence > 0 ? `${identity}\u0002${occurrence}` : identity).slice(0, 16);
}

const REF_RE = /(?:^|[^\w&/])#(\d{2,7})\b|\/(?:pull|issues)\/(\d{1,7})\b/g;

/**
 * The one pattern renderers link: a bare `#123` (2 to 7 digits, so `#1` in prose is not one) at the start or
 * after a space or opening punctuation. `link` gives the replacement for a number, or null to leave it.
 */
export function replaceBareRefs(text: string, link: (n: number) => string | null): string {
  return text.replace(/(^|[\s([,;])#(\d{2,7})\b/g, (m, pre: string, n: string) => {
    const out = link(Number(n));
    return out === null ? m : `${pre}${out}`;
  });
}

/** PR and issue numbers cited by `#123` or `.../pull/123`, `.../issues/123`, first appearance first. */
export function extractRefs(markdown: string): number[] {
  const seen = new Set<number>();
  for (const m of markdown.matchAll(REF_RE)) {
    const n = Number(m[1] ?? m[2]);
    if (Number.isSafeInteger(n)) seen.add(n);
  }
  return [...seen];
}

/** Whether the markdown cites a PR or issue at all (the same forms as extractRefs, without collecting them). */
export function citesRef(markdown: string): boolean {
  return REF_TEST.test(markdown);
}
const REF_TEST = /(?:^|[^\w&/])#\d{2,7}\b|\/(?:pull|issues)\/\d{1,7}\b/;

/** Template text left in a release body: `<INSERT ...>`, `<REPLACE THIS TEXT ...>`, `<NAME>, <HERE>`. */
const PLACEHOLDER_RE = /^(?:<[A-Z][^<>a-z]*>[\s,.;:]*)+$/;
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER_RE.test(text);
}

/** A line that only lists PR refs: `PRs: (#164537, #166595, …)`, `(#1, #2)`, `See #12 and #13.` */
const REFS_ONLY_RE =
  /^(?:(?:PRs?|Pull requests?|Refs?|References|Related|See)\b\s*:?\s*)?[([]?\s*#\d+(?:\s*[,;]?\s*(?:and\s+)?#\d+)*\s*(?:,?\s*(?:…|\.\.\.))?\s*[)\]]?\s*\.?$/i;
export function isRefsOnly(text: string): boolean {
  return REFS_ONLY_RE.test(text.trim());
}
