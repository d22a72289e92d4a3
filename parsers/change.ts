/**
 * The kind of change an item announces, and the one order in which every view lists items: what may
 * break a reader's code first, then what they may want to use, then the rest.
 */

/** In reading order: every list of items (markdown, messages, digest) is sorted by this. */
export const CHANGE_KINDS = [
  'breaking',
  'deprecation',
  'feature',
  'improvement',
  'fix',
  'performance',
  'security',
  'docs',
  'other',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const RANK: Record<ChangeKind, number> = Object.fromEntries(CHANGE_KINDS.map((k, i) => [k, i])) as Record<
  ChangeKind,
  number
>;

export function isChangeKind(s: string): s is ChangeKind {
  return Object.hasOwn(RANK, s);
}

/** What an item needs for ordering. Items stored before `change` existed only have `breaking`. */
export interface HasChange {
  change?: ChangeKind;
  breaking: boolean;
}

export function changeOf(item: HasChange): ChangeKind {
  return item.change ?? (item.breaking ? 'breaking' : 'other');
}

/** Comparator of kinds, in CHANGE_KINDS order. */
export function compareChangeKinds(a: ChangeKind, b: ChangeKind): number {
  return RANK[a] - RANK[b];
}

/** Comparator of items by kind. Array.prototype.sort is stable, so document order holds within a kind. */
export function byChange(a: HasChange, b: HasChange): number {
  return RANK[changeOf(a)] - RANK[changeOf(b)];
}

/** A sorted copy (the input is left as it is). */
export function sortByChange<T extends HasChange>(items: readonly T[]): T[] {
  return [...items].sort(byChange);
}

/** Keeps the items of the given kinds; no list (undefined) keeps everything. */
export function filterByChange<T extends HasChange>(
  items: readonly T[],
  kinds: readonly ChangeKind[] | undefined,
): T[] {
  if (!kinds) return [...items];
  return items.filter((i) => kinds.includes(changeOf(i)));
}

/**
 * A heading (or a parent bullet that only names a group) mapped to a kind. A `strong` one is specific
 * ("Bug Fixes", "Deprecations", "Security") and decides for the items below it, but for what their own
 * words say beyond doubt (a deprecation, a vulnerability, a removal); a weak one ("Features", "Changed",
 * "What's Changed", "Bug Fixes and Other Changes") is only the fallback when the item's words do not say.
 */
export interface ChangeHeading {
  re: RegExp;
  change: ChangeKind;
  strong: boolean;
  /** A catch-all ("Bug Fixes and Other Changes", "What's Changed"): its kind is only the last fallback. */
  mixed?: boolean;
}

export function matchChangeHeading(table: readonly ChangeHeading[], text: string): ChangeHeading | null {
  for (const h of table) if (h.re.test(text)) return h;
  return null;
}
