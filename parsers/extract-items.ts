/** Walks the mdast tree of one release body and yields its items with their heading and bullet context. */
import type { Code, Nodes, List, ListItem, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ItemKind, ParsedItem } from './model.js';
import { readHtml } from './html-cells.js';
import { type ChangeHeading, decideChange, matchChangeHeading } from './change.js';
import type { RepoProfile } from './profiles.js';
import { collapseWhitespace, extractRefs, identityKey, isPlaceholder, isRefsOnly, itemId, sectionKey } from './text.js';

interface Heading {
  depth: number;
  text: string;
  breaking: boolean;
  skip: boolean;
  /** PRs the heading cites: PyTorch puts them in `### Title (#123)` with the explanation below. */
  refs: number[];
  /** The kind of change the heading names, if any ("Bug Fixes", "Deprecations"). */
  change: ChangeHeading | null;
}

/** A link whose target is an anchor on the same page: a table-of-contents entry, not a release item. */
const TOC_LINK = /^\s*\[[^\]]*\]\(#[^)]*\)\s*$/;

class Extractor {
  readonly items: ParsedItem[] = [];
  private readonly headings: Heading[] = [];
  private readonly seen = new Map<string, number>();
  /** The markdown of the part being read: node offsets point into it. */
  private source = '';

  constructor(private readonly profile: RepoProfile) {}

  /** Reads one document, or the next part of one (ids stay unique across the parts). */
  read(tree: Root, source: string): void {
    this.source = source;
    this.blocks(tree.children, []);
  }

  /** One array per heading state, shared by the items under it (the classifier caches by identity). */
  private sectionCache: string[] | null = null;
  private sectionKeyCache: string | null = null;
  private get section(): string[] {
    return (this.sectionCache ??= this.headings.map((h) => h.text));
  }
  private get sectionKey(): string {
    return (this.sectionKeyCache ??= sectionKey(this.section));
  }
  /** The change kinds named by the headings, outermost first (one array per heading state). */
  private changeCache: (ChangeHeading | null)[] | null = null;
  private get headingChanges(): (ChangeHeading | null)[] {
    return (this.changeCache ??= this.headings.map((h) => h.change));
  }
  /** Parent bullets that are group labels naming a kind ("Bug Fixes:", "Security"), per parents array. */
  private readonly parentChanges = new WeakMap<readonly string[], (ChangeHeading | null)[]>();
  private changesOf(parents: readonly string[]): (ChangeHeading | null)[] {
    let out = this.parentChanges.get(parents);
    if (!out) {
      out = parents.map((p) => (isGroupLabel(p) ? matchChangeHeading(this.profile.changes, p) : null));
      this.parentChanges.set(parents, out);
    }
    return out;
  }

  private get breaking(): boolean {
    return this.headings.some((h) => h.breaking);
  }
  private get skipping(): boolean {
    return this.headings.some((h) => h.skip);
  }

  /** The item's own refs, else those of the nearest heading that cites any. */
  private refs(markdown: string): number[] {
    const own = extractRefs(markdown);
    if (own.length) return own;
    for (let i = this.headings.length - 1; i >= 0; i--)
      if (this.headings[i]!.refs.length) return this.headings[i]!.refs;
    return own;
  }

  private slice(node: Nodes, end?: number): string {
    const start = node.position?.start.offset;
    const stop = end ?? node.position?.end.offset;
    if (start === undefined || stop === undefined) return '';
    return this.source.slice(start, stop).trim();
  }

  /** The item emitted last under the current heading: code blocks and refs-only lines that follow belong to it. */
  private last: ParsedItem | null = null;

  private emit(kind: ItemKind, rawText: string, markdown: string, parents: string[], group = false): void {
    const text = this.profile.trailer ? rawText.replace(this.profile.trailer, '') : rawText;
    if (!text || isPlaceholder(text) || this.skipping || this.profile.skipItem?.test(text)) return;
    if (this.last && kind !== 'cell' && isRefsOnly(text)) {
      // "PRs: (#1, #2)" under an item is that item's list of PRs, not an item of its own.
      this.last.refs = [...new Set([...this.last.refs, ...extractRefs(markdown)])];
      this.last.markdown += `\n\n${markdown.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')}`;
      return;
    }
    const section = this.section;
    // Count repeats of what the id hashes, so that two items never share an id.
    const key = identityKey(this.sectionKey, text);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const breaking = this.breaking;
    const item: ParsedItem = {
      id: itemId(key, occurrence),
      kind,
      text,
      markdown,
      section,
      parents,
      breaking,
      change: decideChange(breaking, this.headingChanges, this.changesOf(parents), text),
      refs: this.refs(markdown),
      ...(group ? { group: true } : {}),
    };
    this.items.push(item);
    this.last = item;
  }

  /** A code block shows what the item before it says: it goes into that item's markdown (not its text). */
  private code(node: Code): void {
    if (!this.last || this.skipping) return;
    const longest = Math.max(2, ...(node.value.match(/`+/g) ?? []).map((m) => m.length));
    const fence = '`'.repeat(longest + 1);
    this.last.markdown += `\n\n${fence}${node.lang ?? ''}\n${node.value}\n${fence}`;
  }

  blocks(nodes: readonly RootContent[], parents: string[]): void {
    for (const node of nodes) this.block(node, parents);
  }

  private block(node: RootContent, parents: string[]): void {
    switch (node.type) {
      case 'heading': {
        const text = collapseWhitespace(toString(node, { includeHtml: false }));
        this.sectionCache = null;
        this.sectionKeyCache = null;
        this.changeCache = null;
        this.last = null;
        while (this.headings.length && this.headings[this.headings.length - 1]!.depth >= node.depth)
          this.headings.pop();
        if (text) {
          this.headings.push({
            depth: node.depth,
            text,
            breaking: this.profile.breaking.test(text),
            skip: this.profile.skip.test(text),
            refs: extractRefs(this.slice(node)),
            change: matchChangeHeading(this.profile.changes, text),
          });
        }
        return;
      }
      case 'paragraph':
        this.emit('paragraph', collapseWhitespace(toString(node, { includeHtml: false })), this.slice(node), parents);
        return;
      case 'list':
        this.list(node, parents);
        return;
      case 'table':
        this.table(node, parents);
        return;
      case 'html':
        this.html(node.value, parents);
        return;
      case 'blockquote':
        this.blocks(node.children, parents);
        return;
      case 'code':
        this.code(node);
        return;
      default:
        return; // thematic breaks, definitions: not release items
    }
  }

  private list(list: List, parents: string[]): void {
    for (const child of list.children) this.listItem(child, parents);
  }

  private listItem(item: ListItem, parents: string[]): void {
    const own = item.children.filter((c) => c.type !== 'list' && c.type !== 'code');
    const nested = item.children.filter((c): c is List => c.type === 'list');
    const text = collapseWhitespace(own.map((c) => toString(c, { includeHtml: false })).join(' '));
    const markdown = this.slice(item, nested[0]?.position?.start.offset);
    if (!TOC_LINK.test(markdown.replace(/^[-*+]\s+|^\d+[.)]\s+/, ''))) {
      this.emit('item', text, markdown, parents, nested.length > 0 && isGroupLabel(text));
    }
    // Tables and HTML inside a bullet still yield their cells.
    for (const c of own) if (c.type === 'table' || c.type === 'html') this.block(c, parents);
    if (nested.length) {
      // In document order: a code block after a nested list belongs to the nested item before it.
      const childParents = text ? [...parents, text] : parents;
      const after = item.children.slice(item.children.indexOf(nested[0]!));
      for (const c of after) {
        if (c.type === 'list') this.list(c, childParents);
        else if (c.type === 'code') this.code(c);
      }
    }
  }

  private table(table: Table, parents: string[]): void {
    for (const row of table.children.slice(1)) {
      for (const cell of row.children) {
        this.emit('cell', collapseWhitespace(toString(cell, { includeHtml: false })), this.slice(cell), parents);
      }
    }
  }

  private html(value: string, parents: string[]): void {
    if (!/[<]/.test(value)) return;
    const { cells, text } = readHtml(value);
    for (const c of cells) this.emit('cell', c, c, parents);
    if (text && !isPlaceholder(value.trim())) this.emit('paragraph', text, value.trim(), parents);
  }
}

/** A few words, often a module name and a colon: `tf.lite:`, `TF Core:`, `c10d`, `Eager:`. */
function isGroupLabel(text: string): boolean {
  return text.replace(/:$/, '').split(/\s+/).length <= 4;
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
  return x.items;
}
