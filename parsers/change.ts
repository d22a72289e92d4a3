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
 * A heading (or a parent bullet that only names a group) mapped to a kind. `strong` decides for every item
 * below it; a weak one ("Bug Fixes and Other Changes", "What's Changed") is only the fallback when the
 * item's own first words do not say.
 */
export interface ChangeHeading {
  re: RegExp;
  change: ChangeKind;
  strong: boolean;
}

/** Leading tags that are not the item's first words: `[MPS]`, `**scope:**`, `tf.lite:`, `Keras: `. */
const LEAD = /^(?:\s*(?:\[[^\]]{1,40}\]|\*\*[^*]{1,40}:\*\*|[\w.`/ -]{1,30}:(?!\/\/)|[-*•]|\(\w[^)]{0,30}\)))+\s*/;

/** The item's first words, for items no heading classifies ("Fix …", "Deprecate …", "Add …"). */
const WORDS: [RegExp, ChangeKind][] = [
  [/^(?:breaking(?: changes?)?\b|bc[- ]breaking\b)/i, 'breaking'],
  [/^(?:deprecat\w*|mark(?:s|ed)? \S+(?: \S+)? (?:as )?deprecated)\b/i, 'deprecation'],
  [/^(?:security\b|cve-\d)/i, 'security'],
  [/^(?:fix\w*|bug ?fix\w*|hotfix\w*|correct\w*|resolv\w*|repair\w*|patch(?:ed|es)?\b|work(?:s|ed)? ?around)/i, 'fix'],
  [
    /^(?:speed(?:s|ed)? up|optimi[sz]\w*|faster|accelerat\w*|perf\b|performance\b|reduc\w* (?:the )?(?:memory|latency|overhead|time|allocations?)\b)/i,
    'performance',
  ],
  [
    /^(?:doc(?:s|string)?\b|document\w*|typo|(?:add|update|improve|fix)\w* (?:the )?(?:docs?|documentation|docstrings?|tutorials?|examples?)\b)/i,
    'docs',
  ],
  [
    /^(?:add\w*|introduc\w*|new\b|support(?:s|ed)?\b|implement\w*|expos\w*|enabl\w*|allow\w*|provid\w*|creat\w*|publish\w*|ship(?:s|ped)?\b|initial support)/i,
    'feature',
  ],
  [
    /^(?:improv\w*|enhanc\w*|updat\w*|upgrad\w*|bump\w*|extend\w*|refactor\w*|simplif\w*|clean\w*|better\b|mak(?:e|es) \S+ (?:more|less|better)|renam\w*|mov(?:e|ed|es)\b|chang\w*|switch\w*|us(?:e|es) )/i,
    'improvement',
  ],
];
/** Anywhere in the text: a CVE is a security fix, "is deprecated" a deprecation, whatever the first word. */
const ANYWHERE: [RegExp, ChangeKind][] = [
  [/\bCVE-\d{4}-\d+/i, 'security'],
  // (the rare word first, then a look back at what precedes it: cheap to scan for)
  [/\bdeprecated\b(?<=\b(?:is|are|was|were|has been|have been|now|being) deprecated)/i, 'deprecation'],
];

/** When the first words say nothing: what the sentence mentions ("Google Cloud Storage fixes", "X now supports Y"). */
const MENTIONS: [RegExp, ChangeKind][] = [
  [/\b(?:fix(?:es|ed)?|bugs?)\b/i, 'fix'],
  [/\b(?:faster|speed-?ups?|performance)\b/i, 'performance'],
  [/\b(?:now (?:supports?|available|accepts?|has|takes|works)|is (?:now )?available|new\b|added)\b/i, 'feature'],
  [/\b(?:improve(?:s|d|ments?)?|more (?:robust|stable|strict)|stability)\b/i, 'improvement'],
];

/** The kind the item's own text announces, or null when it says none. */
export function changeFromText(text: string): ChangeKind | null {
  for (const [re, kind] of ANYWHERE) if (re.test(text)) return kind;
  // "Fix: ..." is its own first word; "tf.lite: Fix ..." and "[MPS] Fix ..." after the tag.
  const stripped = text.replace(LEAD, '');
  for (const t of stripped === text ? [text] : [text, stripped])
    for (const [re, kind] of WORDS) if (re.test(t)) return kind;
  for (const [re, kind] of MENTIONS) if (re.test(stripped)) return kind;
  return null;
}

/**
 * An item's kind. `breaking` wins; then the innermost strong parent or heading; then the item's words;
 * then the innermost weak parent or heading; else `other`. `headings` and `parents` are the matches of
 * the headings and parent bullets above the item, outermost first (parents are the inner ones).
 */
export function decideChange(
  breaking: boolean,
  headings: readonly (ChangeHeading | null)[],
  parents: readonly (ChangeHeading | null)[],
  text: string,
): ChangeKind {
  if (breaking) return 'breaking';
  let weak: ChangeKind | null = null;
  for (const list of [parents, headings]) {
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i];
      if (!c) continue;
      if (c.strong) return c.change;
      weak ??= c.change;
    }
  }
  return changeFromText(text) ?? weak ?? 'other';
}

export function matchChangeHeading(table: readonly ChangeHeading[], text: string): ChangeHeading | null {
  for (const h of table) if (h.re.test(text)) return h;
  return null;
}
