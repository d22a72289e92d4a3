/**
 * The one view of an item that every surface renders (chat, digest, site pages, Atom entries,
 * `parse --format markdown`, `query`, previews): what changed in one line (its title), what the notes say
 * beyond it (its body, code blocks kept), its kind, categories and PR refs. A surface shows as much of it as it
 * has room for, never another wording. The credit of GitHub's generated notes is not part of it; its author is
 * data. Pure.
 */
import { changeOf, type ChangeKind } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import { itemSource, refsNotIn } from './item-source.js';

export interface ItemView {
  id: string;
  /** What changed, as plain text: a `### Title (#N)` heading's title, else the item's first sentence (its refs in parentheses left out: see `extraRefs`). */
  title: string;
  /** The same as written (inline code and links kept), markdown, on one line. */
  titleMarkdown: string;
  /** The rest, as written: the title's other sentences, explanation paragraphs, code blocks; '' when none. */
  body: string;
  /** The body as plain text (code blocks left out), '' when none. */
  bodyText: string;
  kind: ChangeKind;
  categories: string[];
  /** PR and issue numbers, each once, in order. */
  refs: number[];
  /** Refs the title does not spell out: a surface lists them as links after it. */
  extraRefs: number[];
  /** Who the notes credit (GitHub's generated notes), without `@`. */
  author?: string;
  section: string[];
  parents: string[];
}

/** Trailing PR refs of a heading: `(#150001)`, `([#1], #2)` as plain text. */
const HEADING_REFS = /\s*\((?:\s*#\d+\s*,?)+\)\s*$/;
/** The same as markdown: `([#150001](https://…))`, `(#1, [#2](…))`. */
const HEADING_REFS_MD = /\s*\((?:\s*(?:\[#\d+\]\([^)\s]*\)|#\d+)\s*,?)+\)\s*$/;

/** The `### Title (#N)` heading an item explains: the nearest heading, when it cites the item's refs. */
export function headingTitle(item: Item): string | undefined {
  const heading = item.section.at(-1);
  if (!heading || !HEADING_REFS.test(heading) || !item.refs.length) return undefined;
  if (refsNotIn(heading, item.refs).length) return undefined;
  return heading.replace(HEADING_REFS, '').trim() || undefined;
}

/** A parenthesised list of refs followed by a new sentence. */
const REFS_THEN_SENTENCE =
  /^\((?:PRs?:?\s*)?(?:\[#\d+\]\([^)\s]*\)|#\d+)(?:\s*,\s*(?:\[#\d+\]\([^)\s]*\)|#\d+))*\s*\)(?=\s+[A-Z])/;

/** Words a sentence does not end after: `e.g.`, `vs.`, an initial. */
const NOT_AN_END = /(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|resp|cf)|\b[A-Za-z]|\d)\.$/i;

/**
 * Where the first sentence of one line of markdown ends (after `.`, `!` or `?` and before a space and a
 * capital, a quote, a parenthesis or code), outside code spans and links; -1 when the line is one sentence.
 */
export function firstSentenceEnd(md: string): number {
  for (let i = 0; i < md.length; i++) {
    const c = md[i];
    // "… `_get_slice_mesh_layout` (#164993) We decided to …": the refs close a sentence the notes left unended.
    const refs = c === '(' ? REFS_THEN_SENTENCE.exec(md.slice(i)) : null;
    if (refs) return i + refs[0].length;
    if (c === '`') {
      const close = md.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '[') {
      const mid = md.indexOf('](', i);
      const close = mid < 0 ? -1 : md.indexOf(')', mid);
      if (close >= 0) i = close;
    } else if ((c === '.' || c === '!' || c === '?') && /^\s+[A-Z`"'([*_]/.test(md.slice(i + 1, i + 4))) {
      if (c === '.' && NOT_AN_END.test(md.slice(Math.max(0, i - 6), i + 1))) continue;
      return i + 1;
    }
  }
  return -1;
}

/** The title's markdown (first line of the item's source) and what follows it. */
function splitSource(item: Item): { head: string; rest: string } {
  const source = itemSource(item);
  // The title ends at a blank line or at a code block right below it.
  const cut = source.search(/\n\s*\n|\n(?=[ \t]*(?:```|~~~))/);
  return cut < 0 ? { head: source, rest: '' } : { head: source.slice(0, cut), rest: source.slice(cut).trim() };
}

/** Markdown to plain text for the body's sentences that came from the title (the parser's text is the rest). */
const plainOf = (md: string) =>
  md
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();

/** PR refs in parentheses, as text or markdown links: `(#1)`, `(#1, #2)`, `([#1](…))`, `(PR #1)`. */
const PAREN_REFS = /\s*\(\s*(?:PRs?:?\s*)?(?:\[#\d+\]\([^)\s]*\)|#\d+)(?:\s*,\s*(?:\[#\d+\]\([^)\s]*\)|#\d+))*\s*\)/gi;

/** A title without the refs it cites in parentheses (a surface lists them as links after it), spaces tidied. */
const withoutParenRefs = (s: string) =>
  s
    .replace(PAREN_REFS, '')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();

const join = (...parts: string[]) => parts.filter((p) => p.trim()).join('\n\n');

export function itemView(item: Item): ItemView {
  const common = {
    id: item.id,
    kind: changeOf(item),
    categories: item.categories,
    refs: [...new Set(item.refs)],
    section: item.section,
    parents: item.parents,
    ...(item.author ? { author: item.author } : {}),
  };
  // A `### Title (#N)` heading with its explanation below (kind `heading`), or an explanation stored as a
  // paragraph under such a heading: the heading says what changed, the explanation is the body.
  const explainedBy = item.kind === 'heading' ? undefined : headingTitle(item);
  if (item.kind === 'heading' || explainedBy) {
    const title = explainedBy ?? item.text.replace(HEADING_REFS, '').trim();
    const titleMarkdown = explainedBy ?? item.markdown.replace(HEADING_REFS_MD, '').trim();
    const body = item.kind === 'heading' ? (item.body?.markdown ?? '') : itemSource(item);
    const bodyText = item.kind === 'heading' ? (item.body?.text ?? '') : item.text;
    return { ...common, title, titleMarkdown, body, bodyText, extraRefs: refsNotIn(title, common.refs) };
  }
  const { head: wrapped, rest } = splitSource(item);
  // One paragraph: a title the notes wrap over several lines (even inside a code span) reads as one line.
  const head = wrapped.replace(/[ \t]*\n[ \t]*/g, ' ');
  const end = firstSentenceEnd(head);
  const textEnd = firstSentenceEnd(item.text);
  // The title is the first sentence where the plain text and the markdown agree on one; else the whole line.
  const split = end >= 0 && textEnd >= 0;
  const titleMarkdown = withoutParenRefs(split ? head.slice(0, end) : head);
  const more = split ? head.slice(end).trim() : '';
  const title = withoutParenRefs(split ? item.text.slice(0, textEnd) : item.text);
  return {
    ...common,
    title,
    titleMarkdown,
    body: join(more, rest),
    bodyText: join(more ? plainOf(more) : '', item.body?.text ?? '').replace(/\n\n/g, ' '),
    extraRefs: refsNotIn(titleMarkdown, common.refs),
  };
}
