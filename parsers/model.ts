/** The notes model shared by parse, classify, diff and render. Plain data, JSON-serialisable. */
import type { ChangeKind } from './change.js';

export type { ChangeKind } from './change.js';

/** Where the item's title comes from: a list item, a paragraph, a table cell or a `### Title (#N)` heading. */
export type ItemKind = 'item' | 'paragraph' | 'cell' | 'heading';

/** What the notes say about an item beyond its title: explanation paragraphs, code blocks, PR lists. */
export interface ItemBody {
  /** Plain text of the explanation (code left out): classified and searched with the title. */
  text: string;
  /** The same as written (code blocks and refs-only lines kept), blocks separated by blank lines. */
  markdown: string;
}

/** One unit of release notes, as the parser finds it (before classification). */
export interface ParsedItem {
  /** Stable across runs: a hash of the section path and the normalized text. */
  id: string;
  kind: ItemKind;
  /** The title, as plain text: formatting removed, link text kept, URLs dropped, whitespace collapsed. */
  text: string;
  /** The title's own markdown source (nested lists and the body excluded; a heading without its `#`s). */
  markdown: string;
  /** The explanation that belongs to the item, if the notes give one. */
  body?: ItemBody;
  /** Heading path above the item, outermost first. */
  section: string[];
  /**
   * Group context, outermost first: the parent bullets that name a group (also when the notes indent the
   * items under it badly) and a lead-in line ("The following PRs add … for FSDP2:") above the item's list.
   */
  parents: string[];
  /** `change === 'breaking'`, kept for readers of items stored before `change` existed. */
  breaking: boolean;
  /** The kind of change: see parsers/decide-change.ts and the README's "What an item is". */
  change: ChangeKind;
  /** PR and issue numbers cited, in order of first appearance. */
  refs: number[];
  /** Who the notes credit for it (GitHub's generated `by @alice in …`), without the `@`; the credit is not in the text. */
  author?: string;
  /**
   * A bullet that only names a group (`tf.lite:`, `c10d`) with the real items nested below it. Still an
   * item (and a parent for those below), but not announced on its own.
   */
  group?: boolean;
  /** A Highlights table or list restates this item: the highlight itself is not an item of its own. */
  highlight?: boolean;
}

/** Why an item landed in a category: the rule that fired and the text it matched. */
export interface Evidence {
  category: string;
  /** `<field>:<pattern>`, e.g. `modules:torch.distributed` or `headings:^distributed$`. */
  rule: string;
  match: string;
}

export interface Item extends ParsedItem {
  categories: string[];
  evidence: Evidence[];
}

export interface ParsedRelease {
  repo: string;
  items: Item[];
}
