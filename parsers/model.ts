/** The notes model shared by parse, classify, diff and render. Plain data, JSON-serialisable. */
import type { ChangeKind } from './change.js';

export type { ChangeKind } from './change.js';

export type ItemKind = 'item' | 'paragraph' | 'cell';

/** One unit of release notes, as the parser finds it (before classification). */
export interface ParsedItem {
  /** Stable across runs: a hash of the section path and the normalized text. */
  id: string;
  kind: ItemKind;
  /** Plain text: formatting removed, link text kept, URLs dropped, whitespace collapsed. */
  text: string;
  /** The item's own markdown source (nested lists excluded). */
  markdown: string;
  /** Heading path above the item, outermost first. */
  section: string[];
  /** Texts of the parent bullets, outermost first. */
  parents: string[];
  /** True under a "Breaking Changes" / "Backwards Incompatible Changes" heading. */
  breaking: boolean;
  /**
   * The kind of change (see parsers/change.ts): from the headings and group bullets above the item (per repo
   * profile), else from its first words ("Fix …", "Deprecate …", "Add …"). `breaking` items are `breaking`.
   */
  change: ChangeKind;
  /** PR and issue numbers cited, in order of first appearance. */
  refs: number[];
  /**
   * A bullet that only names a group (`tf.lite:`, `c10d`) with the real items nested below it. Still an
   * item (and a parent for those below), but not announced on its own.
   */
  group?: boolean;
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
