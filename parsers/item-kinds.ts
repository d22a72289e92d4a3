/**
 * Every item's kind, once the whole document is read (an item's body, and its parent's kind, are known by
 * then). Also: release-please lists a breaking change again under its type ("Features"), and the copy is
 * breaking too.
 */
import type { ChangeHeading, ChangeKind } from './change.js';
import { decideChange } from './decide-change.js';
import type { ParsedItem } from './model.js';

/** What an item's kind is decided from, besides its own text. */
export interface KindContext {
  item: ParsedItem;
  headings: (ChangeHeading | null)[];
  parents: (ChangeHeading | null)[];
  breakingHeading: boolean;
  /** The breaking heading only names changes in behaviour ("Behavioral changes"). */
  behaviourHeading?: boolean;
  /** The bullet the item hangs under, if it is an item too. */
  parent: ParsedItem | null;
  /** The prose paragraph that leads in to the item's list, if any. */
  leadIn?: string;
}

/** Sets `change` and `breaking` on every item, in document order so that a bullet's kind is known first. */
export function decideKinds(contexts: readonly KindContext[]): void {
  const kinds = new Map<ParsedItem, ChangeKind>();
  for (const c of contexts) {
    const change = decideChange({
      title: c.item.text,
      body: c.item.body?.text ?? '',
      headings: c.headings,
      parents: c.parents,
      breakingHeading: c.breakingHeading,
      behaviourHeading: c.behaviourHeading ?? false,
      parentKind: (c.parent && kinds.get(c.parent)) ?? null,
      group: c.item.group ?? false,
      ...(c.leadIn === undefined ? {} : { leadIn: c.leadIn }),
    });
    kinds.set(c.item, change);
    c.item.change = change;
  }
  // (the copies differ at most in case: "add `x` option" under the breaking heading, "Add `x` option" below)
  const listed = new Set(
    contexts.filter((c) => c.breakingHeading && c.item.change === 'breaking').map((c) => c.item.text.toLowerCase()),
  );
  for (const { item, breakingHeading } of contexts) {
    if (listed.size && !breakingHeading && item.change !== 'breaking' && listed.has(item.text.toLowerCase()))
      item.change = 'breaking';
    item.breaking = item.change === 'breaking';
  }
}
