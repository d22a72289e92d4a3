/**
 * Walks the mdast tree of one release body and yields its items: a title (a bullet, a table cell, a
 * `### Title (#N)` heading, or a paragraph standing alone), the body that explains it, and its context
 * (headings, group bullets, lead-in lines). The document is read a heading's section at a time, because
 * what a paragraph is depends on what else the section holds.
 */
import type { Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import type { ItemKind, ParsedItem } from './model.js';
import { readHtml } from './html-cells.js';
import { type ChangeHeading, matchChangeHeading } from './change.js';
import type { RepoProfile } from './profiles.js';
import { addToBody, codeMarkdown } from './body.js';
import { explainsParent, isGroupLabel, namesMisplacedGroup } from './groups.js';
import { HeadingStack } from './headings.js';
import { mergeHighlights } from './highlights.js';
import { decideKinds, type KindContext } from './item-kinds.js';
import { adjacent, blockText, plain, titleNode } from './mdast-text.js';
import { endsWithColon, isImageOnly, isPointerOrFraming } from './prose.js';
import { isTableOfContents, TOC_LINK } from './toc.js';
import {
  citesRef,
  collapseWhitespace,
  extractRefs,
  identityKey,
  isPlaceholder,
  isRefsOnly,
  itemId,
  normalizedKey,
} from './text.js';

/** Group context handed down a list: the texts (for `parents`) and the bullet item they come from. */
interface Context {
  parents: string[];
  parent: ParsedItem | null;
  /** The prose paragraph that leads in to this very list ("… featuring updates like:"), if any. */
  leadIn?: string;
}
const TOP: Context = { parents: [], parent: null };
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+/;

class Extractor {
  readonly items: ParsedItem[] = [];
  private readonly kinds: KindContext[] = [];
  private readonly headings: HeadingStack;
  private readonly seen = new Map<string, number>();
  /** The markdown of the part being read: node offsets point into it. */
  private source = '';
  /** The document's own headings, to recognise a table of contents. */
  private readonly headingKeys = new Set<string>();
  /** The item that prose and code after it explain: the last bullet, or a `### Title (#N)` heading. */
  private owner: ParsedItem | null = null;
  /** When the owner is a title heading, its depth: deeper headings with only prose below still explain it. */
  private ownerDepth = 0;
  /** Prose read before the one item of its section, which it explains. */
  private waiting: { text: string; markdown: string }[] = [];

  constructor(private readonly profile: RepoProfile) {
    this.headings = new HeadingStack(profile);
  }

  /** Reads one document, or the next part of one (ids stay unique across the parts). */
  read(tree: Root, source: string): void {
    this.source = source;
    for (const n of tree.children) if (n.type === 'heading') this.headingKeys.add(normalizedKey(plain(n), 1000));
    const nodes = tree.children;
    let i = 0;
    while (i < nodes.length) {
      const heading = nodes[i]!.type === 'heading' ? (nodes[i++] as MdHeading) : null;
      const start = i;
      while (i < nodes.length && nodes[i]!.type !== 'heading') i++;
      this.readSection(heading, nodes.slice(start, i));
    }
  }

  private enter(node: MdHeading, text: string): void {
    this.owner = null;
    this.ownerDepth = 0;
    this.waiting = [];
    this.headings.enter(node.depth, text, extractRefs(this.slice(node)));
  }

  // --- sections ---

  private readSection(heading: MdHeading | null, blocks: RootContent[]): void {
    if (heading) {
      const text = plain(heading);
      const listed = blocks.some((b) => b.type === 'list' || b.type === 'table');
      // A deeper heading with only prose below it ("### More details") goes on explaining the title item.
      if (this.owner && this.ownerDepth && heading.depth > this.ownerDepth && !listed) {
        if (text) addToBody(this.owner, text, `**${text}**`);
        for (const b of blocks) this.explain(b);
        return;
      }
      this.enter(heading, text);
      if (this.isTitle(text, blocks, listed)) {
        this.title(heading, text, blocks);
        return;
      }
    }
    if (!this.headings.skipping) this.blocks(blocks, TOP);
  }

  /**
   * A heading is an item's title when it cites a PR (`### Title (#N)`), or when only prose follows it and it
   * is not a section name the profile knows ("Known Caveats"): PyTorch writes its notable changes that way.
   */
  private isTitle(text: string, blocks: RootContent[], listed: boolean): boolean {
    if (!text || this.headings.skipping) return false;
    const self = this.headings.innermost!;
    if (self.refs.length) return true;
    if (listed || self.change || self.breaking) return false;
    return blocks.some((b) => b.type === 'paragraph' && !isImageOnly(b) && !isPointerOrFraming(plain(b)));
  }

  private title(node: MdHeading, text: string, blocks: RootContent[]): void {
    const markdown = this.slice(node)
      .replace(/^#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '');
    const refs = this.headings.innermost!.refs;
    const item = this.headings.without(() => this.emit('heading', text, markdown, TOP, { refs }));
    if (!item) return;
    this.owner = item;
    this.ownerDepth = node.depth;
    // Lists that cite no PRs explain the title ("Affects the following cases: …"); lists that do are items.
    for (const b of blocks) {
      if (b.type === 'list' && b.children.some((c) => citesRef(this.slice(c)))) this.list(b, TOP);
      else this.explain(b);
    }
  }

  /** A block that explains the owner: its text and markdown go to the owner's body. */
  private explain(node: RootContent | ListItem): void {
    const owner = this.owner;
    if (!owner) return;
    if (node.type === 'code') addToBody(owner, '', codeMarkdown(node));
    else if (node.type === 'blockquote') for (const c of node.children) this.explain(c);
    else if (node.type === 'html') {
      const { cells, text } = readHtml(node.value);
      addToBody(owner, collapseWhitespace([...cells.map((c) => c.text), text].join(' ')), node.value.trim());
    } else if (node.type === 'list') {
      for (const c of node.children) this.explain(c);
    } else if (node.type === 'listItem') {
      const text = blockText(node);
      if (isRefsOnly(text)) this.addRefs(owner, this.slice(node));
      else addToBody(owner, text, this.slice(node));
    } else if (node.type === 'paragraph' || node.type === 'table') {
      const markdown = this.slice(node);
      if (node.type === 'paragraph' && isRefsOnly(plain(node))) this.addRefs(owner, markdown);
      else addToBody(owner, node.type === 'paragraph' && isImageOnly(node) ? '' : blockText(node), markdown);
    }
  }

  /**
   * The blocks of a section (or of a blockquote in it). A paragraph is an item only where the section has no
   * list or table; otherwise it explains the bullet before it, or the section's one item, or leads in to the
   * list after it (whose items it gives context), or frames the release and is dropped.
   */
  private blocks(blocks: readonly RootContent[], ctx: Context): void {
    const lists = blocks.filter((b): b is List => b.type === 'list' && !this.isToc(b));
    // Whether some bullet of the section cites a PR: asked only where a "…:" paragraph leads in to a list.
    let citing: boolean | undefined;
    const cites = () => (citing ??= lists.some((l) => l.children.some((c) => citesRef(this.slice(c)))));
    const describes = (k: number) => this.describes(blocks, k, cites);
    const entries =
      lists.filter((l) => !describes(blocks.indexOf(l))).reduce((n, l) => n + l.children.length, 0) +
      blocks.reduce((n, b) => n + (b.type === 'table' ? b.children.length - 1 : 0), 0);
    for (let k = 0; k < blocks.length; k++) {
      const node = blocks[k]!;
      switch (node.type) {
        case 'paragraph': {
          const next = blocks[k + 1];
          const text = plain(node);
          if (next?.type === 'list' && describes(k + 1)) {
            // A lead-in and the feature list under it, beside the credited change bullet: its description.
            if (entries === 1) this.wait(text, this.slice(node), next);
            k++;
          } else if (next?.type === 'list' && entries > 1 && this.leadsIn(node, text)) {
            this.list(next, { parents: [...ctx.parents, text], parent: ctx.parent, leadIn: text });
            k++;
          } else this.paragraph(node, text, entries, next);
          break;
        }
        case 'list':
          this.list(node, ctx);
          break;
        case 'table':
          this.table(node, ctx);
          break;
        case 'html':
          this.html(node.value, ctx, entries);
          break;
        case 'blockquote':
          this.blocks(node.children, ctx);
          break;
        case 'code':
          if (this.owner) this.explain(node);
          else if (entries === 1) this.waiting.push({ text: '', markdown: codeMarkdown(node) });
          break;
        default:
          break; // thematic breaks, definitions: not release items
      }
    }
  }

  /**
   * Prose right above a list that introduces it: "…, featuring updates like:", "Some minor updates concerning
   * nd-parallelism." (not the explanation of the bullet before it, nor a sentence that is a change itself).
   */
  private leadsIn(node: Paragraph, text: string): boolean {
    if (!text || isImageOnly(node) || isPointerOrFraming(text)) return false;
    return endsWithColon(text) || (!this.owner && text.split(/\s+/, 9).length <= 8);
  }

  /** A list that only describes: led in by "…:", citing no PR, in a section whose change bullets cite theirs. */
  private describes(blocks: readonly RootContent[], k: number, citing: () => boolean): boolean {
    const list = blocks[k];
    const lead = blocks[k - 1];
    return (
      list?.type === 'list' &&
      lead?.type === 'paragraph' &&
      endsWithColon(plain(lead)) &&
      citing() &&
      !list.children.some((c) => citesRef(this.slice(c)))
    );
  }

  private wait(text: string, markdown: string, list?: List): void {
    this.waiting.push({ text: isPointerOrFraming(text) ? '' : text, markdown });
    if (list) this.waiting.push({ text: blockText(list), markdown: this.slice(list) });
  }

  private paragraph(node: Paragraph, text: string, entries: number, next: RootContent | undefined): void {
    const markdown = this.slice(node);
    if (!text && !isImageOnly(node)) return;
    if (isImageOnly(node)) {
      if (this.owner) addToBody(this.owner, '', markdown);
      else if (entries === 1) this.waiting.push({ text: '', markdown });
    } else if (this.owner && isRefsOnly(text)) this.addRefs(this.owner, markdown);
    else if (isPointerOrFraming(text)) return;
    else if (this.owner) addToBody(this.owner, text, markdown);
    else if (entries === 1) this.wait(text, markdown);
    else if (entries === 0 || next?.type === 'code') {
      // Prose standing alone, or shown with an example ("Set the timeout like this:" and its code).
      const item = this.emit('paragraph', text, markdown, TOP);
      if (next?.type === 'code') this.owner = item;
    }
  }

  // --- lists and tables ---

  /** Per list: whether it is a table of contents (the section asks, then the list itself). */
  private readonly tocs = new WeakMap<List, boolean>();
  private isToc(list: List): boolean {
    let toc = this.tocs.get(list);
    if (toc === undefined) {
      toc = isTableOfContents(
        list.children,
        (c) => {
          const title = titleNode(c);
          return { text: title ? plain(title) : '', markdown: this.slice(c) };
        },
        this.headingKeys,
      );
      this.tocs.set(list, toc);
    }
    return toc;
  }

  private list(list: List, ctx: Context): void {
    if (this.isToc(list)) return;
    let adopted: Context | null = null;
    const kids = list.children;
    for (let k = 0; k < kids.length; k++) {
      const item = kids[k]!;
      const next = kids[k + 1];
      if (adopted && !adjacent(kids[k - 1]!, item)) adopted = null;
      const here: Context = adopted ?? ctx;
      const title = titleNode(item);
      const text = title ? plain(title) : '';
      const markdown = title ? this.slice(title) : '';
      if (
        next &&
        adjacent(item, next) &&
        !item.children.some((c) => c.type === 'list') &&
        namesMisplacedGroup(text, () => citesRef(markdown) || !citesRef(this.slice(next)))
      ) {
        const group = this.emit('item', text, markdown, here, { group: true });
        adopted = { parents: [...here.parents, text], parent: group };
        continue;
      }
      this.listItem(item, here, title, text, markdown);
    }
  }

  private listItem(item: ListItem, ctx: Context, title: Nodes | undefined, text: string, markdown: string): void {
    const nested = item.children.filter((c): c is List => c.type === 'list');
    if (TOC_LINK.test(markdown)) {
      for (const l of nested) this.list(l, ctx);
      return;
    }
    // "- See the migration guide for details." points elsewhere; a bullet that cites a PR is a change.
    if (!nested.length && isPointerOrFraming(text) && !citesRef(markdown)) return;
    if (nested.length && isGroupLabel(text) && !citesRef(markdown) && this.explainsParent(text, nested)) {
      // "- LocalTensor:" over sentences about LocalTensor: one item whose body they are.
      const own = this.emit('item', text, markdown, ctx);
      if (!own) return;
      this.owner = own;
      for (const c of item.children) if (c !== title) this.explain(c);
      return;
    }
    const isRefs = isRefsOnly(text);
    const own =
      isRefs && this.owner
        ? null
        : this.emit('item', text, markdown, ctx, { group: nested.length > 0 && isGroupLabel(text) });
    if (isRefs && this.owner) this.addRefs(this.owner, markdown);
    if (own) this.owner = own;
    if (item.children.length === 1 && title) return;
    const inner: Context = nested.length && text ? { parents: [...ctx.parents, text], parent: own ?? ctx.parent } : ctx;
    for (const c of item.children) {
      if (c === title) continue;
      if (c.type === 'list') this.list(c, inner);
      else if (c.type === 'table') this.table(c, ctx);
      else if (c.type === 'html') this.html(c.value, ctx, 0);
      else if (own || this.owner) this.explain(c); // more paragraphs of the bullet, code after it or its last child
    }
  }

  private explainsParent(text: string, nested: List[]): boolean {
    const children = nested.flatMap((l) => l.children);
    return explainsParent(text, children, (c) => ({ text: blockText(c), cites: citesRef(this.slice(c)) }));
  }

  private table(table: Table, ctx: Context): void {
    for (const row of table.children.slice(1)) {
      for (const cell of row.children) {
        // A cell that is all bold ("**Beta**") heads a column; it is not an item.
        if (cell.children.length === 1 && cell.children[0]!.type === 'strong') continue;
        this.emit('cell', plain(cell), this.slice(cell), ctx);
      }
    }
    this.owner = null;
  }

  private html(value: string, ctx: Context, entries: number): void {
    if (!/[<]/.test(value)) return;
    const { cells, text } = readHtml(value);
    for (const c of cells) if (!c.header) this.emit('cell', c.text, c.text, ctx);
    if (cells.length) this.owner = null;
    if (!text || isPlaceholder(value.trim()) || isPointerOrFraming(text)) return;
    if (this.owner) addToBody(this.owner, text, value.trim());
    else if (entries === 0 && !cells.length) this.emit('paragraph', text, value.trim(), ctx);
  }

  // --- items ---

  private slice(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
    const start = node.position?.start.offset;
    const stop = node.position?.end.offset;
    if (start === undefined || stop === undefined) return '';
    return this.source.slice(start, stop).trim();
  }

  /** "PRs: (#1, #2)" under an item is that item's list of PRs, not an item of its own. */
  private addRefs(owner: ParsedItem, markdown: string): void {
    owner.refs = [...new Set([...owner.refs, ...extractRefs(markdown)])];
    addToBody(owner, '', markdown.replace(BULLET, ''));
  }

  /** The item's own refs, else those of the nearest heading that cites any. */
  private refs(markdown: string): number[] {
    const own = extractRefs(markdown);
    return own.length ? own : this.headings.refs;
  }

  private emit(
    kind: ItemKind,
    rawText: string,
    markdown: string,
    ctx: Context,
    opts: { group?: boolean; refs?: number[] } = {},
  ): ParsedItem | null {
    // GitHub's generated credit ("by @alice in https://…/pull/101"): its PR stays in refs, its author as data.
    const credit = this.profile.trailer?.exec(rawText);
    const text = credit ? rawText.slice(0, credit.index) : rawText;
    if (!text || isPlaceholder(text) || this.headings.skipping || this.profile.skipItem?.test(text)) return null;
    // Count repeats of what the id hashes, so that two items never share an id.
    const key = identityKey(this.headings.sectionKey, text);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const item: ParsedItem = {
      id: itemId(key, occurrence),
      kind,
      text,
      markdown,
      section: this.headings.section,
      parents: ctx.parents,
      breaking: false,
      change: 'other',
      refs: opts.refs ?? this.refs(markdown),
      ...(opts.group ? { group: true } : {}),
    };
    if (credit) {
      item.markdown = markdown.replace(this.profile.trailer!, '');
      item.author = credit[1]!;
    }
    if (this.waiting.length && kind !== 'heading') {
      for (const w of this.waiting) addToBody(item, w.text, w.markdown);
      this.waiting = [];
    }
    this.items.push(item);
    this.kinds.push({
      item,
      headings: this.headings.changes,
      parents: this.parentChanges(ctx.parents),
      breakingHeading: this.headings.breaking,
      behaviourHeading: this.headings.breaking && this.headings.behaviourOnly,
      parent: ctx.parent,
      ...(ctx.leadIn === undefined ? {} : { leadIn: ctx.leadIn }),
    });
    return item;
  }

  /** Group bullets that name a kind ("Bug Fixes:", "Security"), per parents array. */
  private readonly parentChangeCache = new WeakMap<readonly string[], (ChangeHeading | null)[]>();
  private parentChanges(parents: readonly string[]): (ChangeHeading | null)[] {
    let out = this.parentChangeCache.get(parents);
    if (!out) {
      out = parents.map((p) => (isGroupLabel(p) ? matchChangeHeading(this.profile.changes, p) : null));
      this.parentChangeCache.set(parents, out);
    }
    return out;
  }

  /** The items, with their kinds decided and highlights merged into the items they restate. */
  finish(): ParsedItem[] {
    decideKinds(this.kinds);
    return mergeHighlights(this.items);
  }
}

export function extractItems(tree: Root, source: string, profile: RepoProfile): ParsedItem[] {
  return extractItemsFromParts([{ tree, source }], profile);
}

/** Items of a document parsed in parts (each part's tree with its own source), in order. */
export function extractItemsFromParts(
  parts: Iterable<{ tree: Root; source: string }>,
  profile: RepoProfile,
): ParsedItem[] {
  const x = new Extractor(profile);
  for (const { tree, source } of parts) x.read(tree, source);
  return x.finish();
}
