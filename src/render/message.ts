/**
 * From the message model to what templates lay out on one platform: a summary part (counts per category,
 * highlights) a person takes in within seconds, then detail parts (every other item, grouped by category
 * and kind of change, in chunks of platform markup) that fit the platform's limits and go in a thread
 * under the summary where the platform has one. Nothing is cut: what the summary leaves out, the details hold.
 */
import type { Item } from '../../parsers/model.js';
import { refsNotIn } from './item-source.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { itemMarkup, lineMarkup, type MarkupStyle } from './markup.js';
import { firstSentenceEnd } from './item-view.js';
import {
  modelWithHighlights,
  prepareModel,
  DEFAULT_MAX_ITEMS,
  type CategoryCount,
  type ChangeKind,
  type Detail,
  KIND_LABELS,
  type MessageModel,
  type MessageOptions,
  type ModelInput,
  type ModelItem,
  type PreparedModel,
  HIGHLIGHT_CHARS,
} from './message-model.js';

export interface Chunk {
  category: string;
  /** Plain title, e.g. "distributed · Bug fixes (32)" or "distributed · Bug fixes (continued)". */
  title: string;
  /** Lines of platform markup, escaped, joined by newlines. */
  text: string;
  continued: boolean;
  /** Items it lists (one line each; a highlight shown short above not counted again; 0 for the summary's and the "not shown" note). */
  items?: number;
}

export interface Part {
  number: number;
  count: number;
  first: boolean;
  last: boolean;
  /** `summary`: the first message; `detail`: the full list after it. */
  role: 'summary' | 'detail';
  chunks: Chunk[];
}

/** Room for one chunk, chunks per message, and text per message, under the platform limits. */
export interface Budget {
  chunkChars: number;
  chunksPerPart: number;
  partChars: number;
}

/** How a surface lays out a message: its markup, the room one message has, and the summary's frame. */
export interface MessageStyle {
  markup: MarkupStyle;
  budget: Budget;
  /** Lines of the summary besides counts and highlights (title, footer, the link…). */
  summaryFrameLines: number;
}

/** The summary a person takes in at a glance: at most this many lines and characters (markup included). */
export const SUMMARY_LIMITS = { lines: 15, chars: 2000 };
/** Room in the summary for the template's own words. */
const SUMMARY_FRAME_CHARS = 320;
/** A highlight is the item's first sentence, at most this long. */
export { HIGHLIGHT_CHARS } from './message-model.js';
const HIGHLIGHT_LINKS = 3;

/** Messages per delivery by default (`max_parts`): the corpus's largest release needs 12 on Discord. */
export const DEFAULT_MAX_PARTS = 50;

/** What one destination sees of an event: routing turns subscriptions into this. */
export type EventFilter = MessageOptions & { breakingOnly: boolean; maxParts?: number };

/**
 * What several subscriptions of one destination ask of its message: the kinds of change of all of them,
 * the fullest detail, the most highlights.
 */
export function messageOptions(
  subs: readonly { changes?: readonly ChangeKind[]; detail?: Detail; max_items?: number; max_parts?: number }[],
): MessageOptions & { maxParts: number } {
  const changes = subs.some((s) => !s.changes) ? undefined : [...new Set(subs.flatMap((s) => s.changes ?? []))];
  return {
    changes,
    detail: subs.some((s) => (s.detail ?? 'full') === 'full') ? 'full' : 'summary',
    maxItems: Math.max(...subs.map((s) => s.max_items ?? DEFAULT_MAX_ITEMS)),
    maxParts: Math.max(...subs.map((s) => s.max_parts ?? DEFAULT_MAX_PARTS)),
  };
}

/** Markup of items, computed once per event and style however many destinations get it; links where `links` say. */
export class MarkupCache {
  private readonly cache = new Map<string, string>();
  constructor(readonly links: GitHubLinks) {}
  line(item: Item, repo: string, style: MarkupStyle): string {
    const key = `${style.name}\u0000${item.id}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      s = itemMarkup(item, repo, style, this.links);
      this.cache.set(key, s);
    }
    return s;
  }
  /** The item view's title as markup (a highlight's first sentence with its inline code). */
  title(m: ModelItem, repo: string, style: MarkupStyle): string {
    const key = `${style.name}\u0000title\u0000${m.item.id}`;
    let s = this.cache.get(key);
    if (s === undefined) {
      s = lineMarkup(m.view.titleMarkdown, repo, style, this.links);
      this.cache.set(key, s);
    }
    return s;
  }
}

/** The item's first sentence, without the PR refs it spells out (they follow as links), at most HIGHLIGHT_CHARS. */
export function firstSentence(text: string): string {
  const bare = withoutRefs(text.split('\n')[0]!);
  const m = /^(.+?[.!?])(?=\s+[A-Z`"'(])/.exec(bare);
  const s = (m ? m[1]! : bare).trim();
  return s.length > HIGHLIGHT_CHARS ? `${s.slice(0, HIGHLIGHT_CHARS - 1).trimEnd()}…` : s;
}

/** PR refs as links, each once, at most a few (the thread and the notes have the rest). */
function refLinks(refs: readonly number[], repo: string, st: MessageStyle, links: GitHubLinks): string {
  if (!refs.length) return '';
  const shown = refs.slice(0, HIGHLIGHT_LINKS).map((r) => {
    const url = links.ref(repo, r);
    return url ? st.markup.link(url, `#${r}`) : `#${r}`;
  });
  return ` (${shown.join(', ')}${refs.length > HIGHLIGHT_LINKS ? `, +${refs.length - HIGHLIGHT_LINKS}` : ''})`;
}

export interface Highlight {
  /** The whole line in platform markup, bullet included. */
  line: string;
  /** The item's first sentence, escaped markup, with its PR links. */
  text: string;
  category: string;
  also: string[];
  kind: string;
  kind_label: string;
  status: string;
  mark: string;
}

/** The text without the PR refs it spells out, whitespace tidied: what a highlight shows before its links. */
const withoutRefs = (text: string) =>
  text
    .replace(/\(\s*(?:PRs?:?\s*)?#\d+(?:\s*,\s*#\d+)*\s*\)/gi, '')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();

function highlight(m: ModelItem, model: MessageModel, st: MessageStyle, cache: MarkupCache): Highlight {
  const repo = m.repo ?? model.repo;
  const first = firstSentence(m.item.text);
  // The prose before any code block: a highlight is one line, the code stays behind the PR link.
  const prose = cache.line(m.item, repo, st.markup).split('\n')[0]!;
  // One short sentence: the item as written (code, links, its refs linked where they stand).
  const asWritten = first === withoutRefs(m.item.text) && !prose.startsWith('```') && firstSentenceEnd(m.item.text) < 0;
  // A longer item: its view's title, the first sentence as written (inline code kept), when it fits the line.
  const viewTitle =
    !asWritten &&
    !m.title &&
    m.view.title.length <= HIGHLIGHT_CHARS &&
    m.view.titleMarkdown.length <= 2 * HIGHLIGHT_CHARS;
  const lead = asWritten ? prose : viewTitle ? cache.title(m, repo, st.markup) : st.markup.text(first);
  const cited = asWritten ? m.item.text : viewTitle ? m.view.titleMarkdown : '';
  const links = refLinks(refsNotIn(cited, m.item.refs), repo, st, cache.links);
  let text = `${lead}${links}`;
  if (m.title) {
    // An explanation under a `### Title (#N)` heading: the title says what changed, then the explanation's
    // first sentence when it is one ("Pass an explicit … instead.", not "Version 2.6.0") and both fit.
    const both = /[.!]$/.test(first) && m.title.length + 3 + first.length <= HIGHLIGHT_CHARS;
    text = both
      ? `${st.markup.text(m.title)} — ${text}`
      : `${st.markup.text(firstSentence(m.title))}${refLinks(m.item.refs, repo, st, cache.links)}`;
  }
  // Where it is listed when the message shows several categories, and its other categories.
  const tags = [
    ...(m.note ? [m.note] : []),
    ...(model.categories.length > 1 ? [m.category] : []),
    ...(m.also.length ? [`also ${m.also.join(', ')}`] : []),
  ];
  const where = tags.length ? ` · ${st.markup.italic(st.markup.text(tags.join(', ')))}` : '';
  return {
    line: `${st.markup.bullet} ${m.mark ? `${st.markup.bold(m.mark)} ` : ''}${text}${where}`,
    text,
    category: m.category,
    also: m.also,
    kind: m.kind,
    kind_label: KIND_LABELS[m.kind].title,
    status: m.status,
    mark: m.mark,
  };
}

function detailLine(m: ModelItem, repo: string, st: MessageStyle, cache: MarkupCache, above = false): string {
  // An explanation under a `### Title (#N)` heading says what it explains, and links its PR.
  const title = m.title
    ? `${st.markup.bold(st.markup.text(m.title))}${refLinks(refsNotIn(m.item.text, m.item.refs), repo, st, cache.links)}: `
    : '';
  let line = `${st.markup.bullet} ${m.kind === 'breaking' && m.status !== 'new' ? `${st.markup.bold('Breaking:')} ` : ''}${title}${cache.line(m.item, repo, st.markup)}`;
  // Refs its words do not cite (GitHub's generated notes cite the PR only in the credit, which is not shown).
  const uncited = m.title ? [] : refsNotIn(`${m.item.markdown}\n${m.item.body?.markdown ?? ''}`, m.item.refs);
  if (uncited.length) line = line.replace(/^[^\n]*/, (first) => `${first}${refLinks(uncited, repo, st, cache.links)}`);
  if (m.previous) {
    const was = m.previous.length > 160 ? `${m.previous.slice(0, 159)}…` : m.previous;
    line += ` ${st.markup.italic(`(was: ${st.markup.text(was)})`)}`;
  }
  if (m.also.length) line += ` ${st.markup.italic(`(also ${st.markup.text(m.also.join(', '))})`)}`;
  if (m.note) line += ` ${st.markup.italic(`(${st.markup.text(m.note)})`)}`;
  // After the prose, before a code block.
  if (above) line = line.replace(/^[^\n]*/, (first) => `${first} ${st.markup.italic('(shown short above)')}`);
  return line;
}

export interface CategoryLines {
  category: string;
  /** Chunk title of the first chunk. */
  title: string;
  /** Title of later chunks of the same group. */
  continuedTitle: string;
  lines: string[];
}

/** A detail group whose lines are rendered on demand: only those that fit in the parts sent are ever rendered. */
export interface LazyLines extends Omit<CategoryLines, 'lines'> {
  count: number;
  line(i: number): string;
  /** Whether line i is a highlight's item in full (shown short above): not counted again as an item. */
  above?(i: number): boolean;
}

function lazyDetailGroups(model: MessageModel, st: MessageStyle, cache: MarkupCache): LazyLines[] {
  const above = new Set(model.highlights);
  return model.sections.map((s) => ({
    category: s.category,
    title: `${s.category} · ${s.title} (${s.items.length})`,
    continuedTitle: `${s.category} · ${s.title} (continued)`,
    count: s.items.length,
    line: (i: number) => detailLine(s.items[i]!, s.items[i]!.repo ?? model.repo, st, cache, above.has(s.items[i]!)),
    above: (i: number) => above.has(s.items[i]!),
  }));
}

/** The detail groups (category, then kind of change) as lines of markup, every one rendered. */
export function detailGroups(model: MessageModel, st: MessageStyle, cache: MarkupCache): CategoryLines[] {
  return lazyDetailGroups(model, st, cache).map(({ count, line, ...g }) => ({
    ...g,
    lines: Array.from({ length: count }, (_, i) => line(i)),
  }));
}

export interface PackedParts {
  parts: Chunk[][];
  /** Items per category that did not fit in `maxParts` parts. */
  left: Map<string, number>;
}

/**
 * Packs groups of lines into chunks and chunks into parts; a group may run over several chunks and parts. At
 * most `maxParts` parts: lines past them are counted per category in `left`, and not rendered.
 */
export function splitIntoChunkParts(
  groups: (CategoryLines | LazyLines)[],
  budget: Budget,
  maxParts = Infinity,
): PackedParts {
  const parts: Chunk[][] = [];
  const left = new Map<string, number>();
  const leave = (category: string, n: number) => n && left.set(category, (left.get(category) ?? 0) + n);
  let current: Chunk[] = [];
  let currentChars = 0;
  const closePart = () => {
    if (current.length) parts.push(current);
    current = [];
    currentChars = 0;
  };
  const addChunk = (chunk: Chunk) => {
    const size = chunk.text.length + chunk.title.length;
    if (current.length >= budget.chunksPerPart || (current.length && currentChars + size > budget.partChars))
      closePart();
    current.push(chunk);
    currentChars += size;
  };
  for (const g of groups) {
    const count = 'lines' in g ? g.lines.length : g.count;
    const lineAt = 'lines' in g ? (i: number) => g.lines[i]! : g.line;
    const counts = (i: number) => ('above' in g && g.above?.(i) ? 0 : 1);
    let lines: string[] = [];
    // Items among `lines`: a highlight shown short above is counted where it was shown.
    let fresh = 0;
    let chars = 0;
    let continued = false;
    const flush = () => {
      if (!lines.length) return;
      addChunk({
        category: g.category,
        title: continued ? g.continuedTitle : g.title,
        text: lines.join('\n'),
        continued,
        items: fresh,
      });
      continued = true;
      lines = [];
      fresh = 0;
      chars = 0;
    };
    for (let i = 0; i < count; i++) {
      // Lines past the limit's last part are counted, not rendered (the chunk that spilled over is dropped below).
      if (parts.length >= maxParts) {
        let rest = fresh;
        for (let j = i; j < count; j++) rest += counts(j);
        leave(g.category, rest);
        lines = [];
        break;
      }
      const line = lineAt(i);
      const l = line.length > budget.chunkChars ? `${line.slice(0, budget.chunkChars - 1)}…` : line;
      if (chars + l.length + 1 > budget.chunkChars) flush();
      lines.push(l);
      fresh += counts(i);
      chars += l.length + 1;
    }
    flush();
  }
  closePart();
  for (const chunk of parts.splice(maxParts).flat()) leave(chunk.category, chunk.items ?? 0);
  return { parts, left };
}

/**
 * The "not shown" note that ends the last part of a message cut at `max_parts`: how many items each category
 * has left, and where they all are (the template links the release on the last part).
 */
function notShownChunk(left: Map<string, number>, st: MessageStyle, where: string): Chunk {
  const total = [...left.values()].reduce((a, b) => a + b, 0);
  const perCategory = [...left].map(([c, n]) => `${st.markup.bullet} ${st.markup.text(c)}: ${n} more`).join('\n');
  return {
    category: 'more',
    title: `${total} more item${total === 1 ? '' : 's'} not shown here`,
    text: `${perCategory}\n${st.markup.italic(`Every item is in ${where}.`)}`,
    continued: false,
    items: 0,
  };
}

/** Ends `parts` (the detail parts kept) with the note; the last part's last chunk gives way when there is no room. */
function withNotShown(parts: Chunk[][], left: Map<string, number>, st: MessageStyle, budget: Budget, where: string) {
  const last = parts.at(-1);
  if (!last) return;
  const size = (cs: Chunk[]) => cs.reduce((n, c) => n + c.text.length + c.title.length, 0);
  let note = notShownChunk(left, st, where);
  while (
    last.length > 1 &&
    (last.length >= budget.chunksPerPart || size(last) + note.text.length + note.title.length > budget.partChars)
  ) {
    const gone = last.pop()!;
    left.set(gone.category, (left.get(gone.category) ?? 0) + (gone.items ?? 0));
    note = notShownChunk(left, st, where);
  }
  last.push(note);
}

/** Everything a template gets besides `event` and `part`. */
export interface MessageVars {
  /** One line of counts per category: `distributed: 2 breaking · 14 new` (plain text, for `text` fallbacks). */
  summary: string;
  counts: CategoryCount[];
  highlights: Highlight[];
  /** Items in the detail parts (not in the highlights). */
  more: number;
  total: number;
  detail: 'summary' | 'full';
  has_breaking: boolean;
}

export interface RenderedParts {
  model: MessageModel;
  vars: MessageVars;
  parts: Part[];
}

const summaryLines = (model: MessageModel, st: MessageStyle) =>
  st.summaryFrameLines + model.counts.length + model.highlights.length;

/**
 * The model for one reader on one platform, with as many highlights as fit the summary's limits (at most
 * `maxItems`), split into a summary part and detail parts.
 */
export function buildParts(
  input: ModelInput,
  opts: MessageOptions & {
    maxParts?: number;
    /** Where every item is, for the note of a message cut at maxParts (platform markup); default: the release notes. */
    restAt?: string;
  },
  st: MessageStyle,
  cache: MarkupCache,
  /** `prepareModel(input, opts)`, when the caller made it already (see warmMarkup). */
  prepared: PreparedModel = prepareModel(input, opts),
): RenderedParts | null {
  let maxItems = opts.maxItems ?? 8;
  if (!prepared.total) return null;
  const chars = (model: MessageModel, hl: Highlight[]) =>
    SUMMARY_FRAME_CHARS +
    model.counts.reduce((n, c) => n + c.category.length + c.line.length + 8, 0) +
    hl.reduce((n, h) => n + h.line.length + 1, 0);
  const fits = (model: MessageModel, hl: Highlight[]) =>
    summaryLines(model, st) <= SUMMARY_LIMITS.lines && chars(model, hl) <= SUMMARY_LIMITS.chars;
  // A list that fits the summary is the summary: no thread for one or two items left over.
  const whole =
    maxItems > 0 && prepared.total <= SUMMARY_LIMITS.lines ? modelWithHighlights(prepared, maxItems, true) : null;
  const wholeLines = whole?.highlights.map((m) => highlight(m, whole, st, cache));
  const fitsWhole = whole && wholeLines && fits(whole, wholeLines);
  // The items are placed and ranked once; only the number of highlights changes while the summary is fitted.
  let model = fitsWhole ? whole : modelWithHighlights(prepared, maxItems);
  let hl = fitsWhole ? wholeLines : model.highlights.map((m) => highlight(m, model, st, cache));
  while (maxItems > 0 && !fitsWhole && !fits(model, hl)) {
    maxItems = Math.min(maxItems - 1, model.highlights.length - 1);
    model = modelWithHighlights(prepared, maxItems);
    hl = model.highlights.map((m) => highlight(m, model, st, cache));
  }
  const more = model.total - model.highlights.length;
  const vars: MessageVars = {
    summary: model.counts.map((c) => `${c.category}: ${c.line}`).join('; '),
    counts: model.counts,
    highlights: hl,
    more,
    total: model.total,
    detail: model.detail,
    has_breaking: model.highlights.some((m) => m.kind === 'breaking'),
  };
  // The summary's chunks (one per category: its counts and its highlights) keep older templates working.
  const summaryChunks: Chunk[] = model.counts.map((c) => ({
    category: c.category,
    title: `${c.category} · ${c.line}`,
    text: hl
      .filter((h) => h.category === c.category)
      .map((h) => h.line)
      .join('\n'),
    continued: false,
  }));
  // At most maxParts messages: the summary, then details; past them a note says what is left per category.
  const maxDetailParts = Math.max(1, (opts.maxParts ?? Infinity) - 1);
  const packed =
    model.detail === 'full' && model.sections.length
      ? splitIntoChunkParts(lazyDetailGroups(model, st, cache), st.budget, maxDetailParts)
      : { parts: [], left: new Map<string, number>() };
  const restAt =
    opts.restAt ?? (prepared.header.url ? 'the release notes linked below' : 'the release notes on GitHub');
  if (packed.left.size) withNotShown(packed.parts, packed.left, st, st.budget, restAt);
  const detailChunks = packed.parts;
  const all: { role: Part['role']; chunks: Chunk[] }[] = [
    { role: 'summary', chunks: summaryChunks },
    ...detailChunks.map((chunks) => ({ role: 'detail' as const, chunks })),
  ];
  const parts = all.map((x, i) => ({
    number: i + 1,
    count: all.length,
    first: i === 0,
    last: i === all.length - 1,
    role: x.role,
    chunks: x.chunks,
  }));
  return { model, vars, parts };
}

/**
 * Renders, a few items at a time with `pause()` between, the markup a message of at most `maxParts` parts can
 * show (highlights, then the details in order), into `cache`: buildParts then finds it made. For answers
 * worked out while requests wait (serve), so that no single step holds the event loop for long.
 */
export async function warmMarkup(
  prepared: PreparedModel,
  st: MessageStyle,
  cache: MarkupCache,
  maxParts: number,
  pause: () => Promise<unknown>,
  batch = 20,
): Promise<void> {
  const room = maxParts * st.budget.partChars;
  const model = modelWithHighlights(prepared, DEFAULT_MAX_ITEMS);
  const items = [...model.highlights, ...model.sections.flatMap((s) => s.items)];
  let chars = 0;
  for (let i = 0; i < items.length && chars <= room; i++) {
    chars += cache.line(items[i]!.item, items[i]!.repo ?? model.repo, st.markup).length;
    if (i % batch === batch - 1) await pause();
  }
}
