/**
 * How an item's kind of change is decided, from the surest evidence to the weakest: its own words beyond
 * doubt, a specific heading, a conventional-commit type, its words, then the looser context. The words are
 * data (change-words.ts); this file is the order they are tried in.
 */
import * as words from './change-words.js';
import type { ChangeHeading, ChangeKind } from './change.js';

// Read once into local constants: what runs for every item should not go through module bindings.
const {
  ADDS_NAMED,
  API_UNCHANGED,
  BREAKING,
  BREAKING_STRONG,
  BREAKING_VERB,
  BUG_NOUN,
  CALLED_NEW,
  CAPABILITY_SUPPORT,
  CHORE,
  CODE_AND_DOCS,
  CODE_COMMENTS,
  CODE_NOT_DOCS,
  CONVENTIONAL,
  CONVENTIONAL_KINDS,
  DEPRECATION,
  DOCS,
  DOCS_WORD,
  EXTENDS,
  EXTENDS_ARG,
  EXTENDS_CLASS,
  EXTENDS_WEAK,
  FIX,
  FIXED_BEHAVIOUR,
  EXPOSES_CONTRIB,
  FUTURE,
  GAINED_ARG,
  IMPROVE,
  INTRODUCES_NEW,
  LEAD,
  MIGRATION,
  MOVE,
  MOVED_API,
  NAME_REPLACED,
  MIXED_BAG,
  MENTIONS,
  NEW,
  NEW_API,
  NEW_OPS,
  NEEDS,
  NEW_THING,
  mentions,
  NO_LONGER,
  NOT_BREAKING,
  NOW_PERMITTED,
  NOW_UNCONDITIONAL,
  INTERNAL_DEPENDENCY,
  OPENS_NEW,
  PERFORMANCE,
  PLATFORM_SUPPORT,
  POINTER,
  PROMOTED,
  RECOMMENDATION_CHANGED,
  REMOVES_DEPRECATED,
  REPLACED_BY,
  REPLACES,
  SECURITY,
  SOURCE_REFERENCES,
  TAG_KINDS,
  TESTS,
  TOPIC,
} = words;

/** What an item's kind is decided from. */
export interface ChangeContext {
  title: string;
  /** The explanation, read when the title says nothing ("### LocalTensor" over "LocalTensor is a new …"). */
  body: string;
  /** Matches of the headings above the item, outermost first. */
  headings: readonly (ChangeHeading | null)[];
  /** Matches of the group bullets above the item, outermost first (they are the inner context). */
  parents: readonly (ChangeHeading | null)[];
  /** Under a heading the repo's profile marks as breaking ("Backwards Incompatible Changes"). */
  breakingHeading: boolean;
  /** That breaking heading only names changes in behaviour ("Behavioral changes"): a bug fix there is a fix. */
  behaviourHeading?: boolean;
  /** The kind of the bullet the item hangs under: what a child that does not say takes. */
  parentKind: ChangeKind | null;
  /** A bullet that only names a group: `other`, unless its words state one kind ("Added … layers:"). */
  group?: boolean;
  /** The prose paragraph that leads in to the item's list ("… featuring updates like:"), if any. */
  leadIn?: string;
}

/** The item's own words without leading tags (`[MPS]`, `tf.lite:`, `**scope:**`). */
const withoutLead = (text: string) => text.replace(LEAD, '');

/**
 * An item's kind, from the surest evidence to the weakest:
 * 1. its own words beyond doubt: a conventional `!` or "breaking change" (breaking), the removal of a
 *    deprecated API (breaking), a vulnerability (security), "deprecated" / "will be removed" (deprecation);
 * 2. a breaking heading; then a specific (strong) heading or group bullet, unless the words say breaking;
 * 3. a conventional-commit type (`fix:`, `docs:`, `chore:` …);
 * 4. the item's words: removal/rename/changed default (breaking), tests and chores (other), docs,
 *    performance, fix, then new (feature) against extended (improvement);
 * 5. the bullet it hangs under, then a weak heading; else `improvement` for a statement, `other` for a label.
 */
export function decideChange(ctx: ChangeContext): ChangeKind {
  const conventional = CONVENTIONAL.exec(ctx.title);
  const title = conventional ? ctx.title.slice(conventional[0].length) : ctx.title;
  let own = withoutLead(title);
  // ("no backwards incompatible changes are allowed" says nothing breaks: read without those words)
  if (/incompatib|breaking/i.test(own)) own = own.replace(NOT_BREAKING, '');
  if (conventional?.[4] || /^\W*breaking(?: change)?s?\b:?/i.test(own)) return 'breaking';
  const lower = title.toLowerCase();
  if (mentions(lower, NEEDS.removesDeprecated) && REMOVES_DEPRECATED.test(own)) return 'breaking';
  if (mentions(lower, NEEDS.security) && SECURITY.test(title)) return 'security';
  // (a deprecation that already stops something: "deprecated and no longer saved" is breaking)
  if (mentions(lower, NEEDS.deprecation) && DEPRECATION.test(title))
    return NO_LONGER.test(title) ? 'breaking' : 'deprecation';
  // (a new API filed under a breaking heading, that says nothing of what it breaks, is a feature)
  // (a fix listed among changes in behaviour, that says it is one, stays a fix)
  if (ctx.behaviourHeading && (tagKind(title, own) === 'fix' || FIX.test(own) || FIXED_BEHAVIOUR.test(own)))
    return 'fix';
  // (and so does a speed-up that says it is one)
  if (ctx.behaviourHeading && PERFORMANCE.test(own)) return 'performance';
  // (a change to the code's insides listed under a breaking heading breaks nothing a user calls)
  if (ctx.breakingHeading && INTERNAL_DEPENDENCY.test(own)) return 'other';
  if (ctx.breakingHeading && SOURCE_REFERENCES.test(own)) return 'improvement';
  if (ctx.breakingHeading)
    return CALLED_NEW.test(own) && !REPLACES.test(own) && fromWords(own) !== 'breaking' ? 'feature' : 'breaking';
  const strong = innermost(ctx, true);
  // A deprecation heading keeps what it lists; under another, a removal named outright is breaking, and a
  // fix or a speed-up filed under the wrong one of the two is what its first words say.
  if (strong === 'deprecation') return strong;
  if (strong) {
    if (BREAKING_STRONG.test(own)) return 'breaking';
    // (tests and benchmarks filed under Performance or Bug Fixes are still tests)
    if ((strong === 'performance' || strong === 'fix') && TESTS.test(own)) return 'other';
    // (and so are comments in the code, under Documentation too)
    if ((strong === 'performance' || strong === 'fix' || strong === 'docs') && CODE_COMMENTS.test(own)) return 'other';
    if (strong === 'performance' && (FIX.test(own) || BUG_NOUN.test(own))) return 'fix';
    if (strong === 'fix' && PERFORMANCE.test(own) && !FIX.test(own)) return 'performance';
    // (logging, warnings and type hints filed under Documentation, with no word about docs, improve the code)
    if (strong === 'docs' && CODE_NOT_DOCS.test(own) && !DOCS_WORD.test(own)) return 'improvement';
    return strong;
  }
  const weak = innermost(ctx, false);
  const named = innermost(ctx, false, false);
  if (ctx.group) {
    // "Improvements to model saving/loading:" names a topic; "Extended dtype support for:" states a kind.
    const stated = TOPIC.test(own) ? null : fromWords(own);
    if (stated === 'addition' || stated === 'new-api') return 'feature';
    return stated === 'extends' || stated === 'soft' || stated === 'mention' ? 'improvement' : (stated ?? 'other');
  }
  // A lead-in that names a topic for the bullets below it ("Preprocessing API consistency changes:") is
  // context, like a group label; one that states a kind ("Added … layers:") takes it.
  if (POINTER.test(own)) return 'other';
  // (a sentence that ends in a colon, "X were changed to Y:", is not a lead-in; "LocalShards:" over its
  // explanation is a titled item, its body says what it is)
  if (
    !conventional &&
    !ctx.body &&
    ((own.endsWith(':') && !STATES.test(own) && (TOPIC.test(own) || !fromWords(own, !named))) || MIXED_BAG.test(own))
  )
    return 'other';
  const said =
    (conventional ? conventionalKind(conventional, own) : (tagKind(title, own) ?? fromWords(own, !named))) ??
    (ctx.body ? fromWords(withoutLead(firstSentence(ctx.body)), !named) : null);
  // An addition is a feature or an improvement as its heading says ("New Features" keeps "Support
  // tracing generators", "Improvements" keeps "Added get_pipeline_order()"), but for an argument of an
  // existing API (improvement) or an API introduced as new (feature). Where no heading says, what it adds.
  if (said === 'addition' || said === 'new-api' || said === 'extends') {
    if (named === 'feature')
      return said === 'extends' && (EXTENDS.test(own) || EXTENDS_CLASS.test(own)) ? 'improvement' : 'feature';
    if (named === 'improvement')
      return (CALLED_NEW.test(own) || ADDS_NAMED.test(own)) && !EXTENDS.test(firstSentence(own))
        ? 'feature'
        : 'improvement';
    // (where no heading names the kind, a new or experimental capability is a feature, a new argument not;
    // what a later sentence says the new thing supports does not make it an extension)
    if (
      (CALLED_NEW.test(own) || INTRODUCES_NEW.test(own) || ADDS_NAMED.test(own)) &&
      !EXTENDS.test(firstSentence(own)) &&
      !BY_DEFAULT.test(own)
    )
      return 'feature';
    if (NEW_OPS.test(firstSentence(own))) return 'feature';
    if (said === 'extends') return 'improvement';
    return said === 'new-api' || (NEW_THING.test(mainClause(own)) && !BY_DEFAULT.test(own)) ? 'feature' : 'improvement';
  }
  // An improvement only by its verb ("Use …", "Update …") yields to the bullet it hangs under, then to a
  // heading that names another kind.
  if (said === 'soft' || said === 'mention') {
    if (ctx.parentKind && ctx.parentKind !== 'other') return ctx.parentKind;
    return named && (named !== 'feature' || said === 'mention') ? named : 'improvement';
  }
  return (
    said ??
    (ctx.parentKind && ctx.parentKind !== 'other' ? ctx.parentKind : null) ??
    (ctx.leadIn === undefined ? null : leadInKind(ctx.leadIn)) ??
    weak ??
    'other'
  );
}

/**
 * What a prose lead-in says of the bullets under it that say nothing themselves: the kind it states ("The
 * release adds these metrics:"), else they are framing ("… featuring updates like:" over "Easy model building").
 */
function leadInKind(text: string): ChangeKind {
  const stated = fromWords(withoutLead(text));
  if (stated === 'addition' || stated === 'new-api') return 'feature';
  if (stated === 'extends' || stated === 'soft' || stated === 'mention') return 'improvement';
  return stated ?? 'other';
}

/** The first sentence up to a relative clause: what is added, not what it is for ("…, which links in the APIs"). */
function mainClause(text: string): string {
  return firstSentence(text).split(/,\s+(?:which|that|so that|to)\b/)[0]!;
}

/** A body's first sentence: where an explanation says what the change is ("LocalTensor is a new …"). */
function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

/** The innermost heading or group bullet of that strength (catch-alls left out if asked): group bullets are inside headings. */
function innermost(ctx: ChangeContext, strong: boolean, mixed = true): ChangeKind | null {
  for (const list of [ctx.parents, ctx.headings])
    for (let i = list.length - 1; i >= 0; i--) {
      const h = list[i];
      if (h && h.strong === strong && (mixed || !h.mixed)) return h.change;
    }
  return null;
}

/** What the item's words say: a kind, an `addition` (feature or improvement: the context decides), or nothing. */
type Said = ChangeKind | 'addition' | 'new-api' | 'extends' | 'soft' | 'mention' | null;

/** `build(deps):` bumps a dependency: an improvement, unless it drops support (breaking). */
function conventionalKind(m: RegExpExecArray, own: string): Said {
  const type = m[1]!.toLowerCase();
  if (m[3] && /^deps?(?:-dev)?$/i.test(m[3])) return BREAKING.test(own) ? 'breaking' : 'improvement';
  const kind = CONVENTIONAL_KINDS[type] ?? 'other';
  if (kind !== 'fix' && kind !== 'feature') return kind;
  if (TESTS.test(own)) return 'other';
  if (DOCS.test(own)) return 'docs';
  return kind === 'feature'
    ? NEW_API.test(own)
      ? 'feature'
      : EXTENDS.test(own) || EXTENDS_WEAK.test(own)
        ? 'improvement'
        : 'feature'
    : kind;
}

/**
 * The kind the item's own words announce. A first word that removes or renames is breaking only where no
 * heading names the kind ("Removed an outdated warning" under "Improvements" is not).
 */
export function fromWords(own: string, unnamed = true): Said {
  // (an API moved out of experimental graduates: what breaks is read without the move)
  let moved = own.includes('experimental') || own.includes('contrib') ? own.replace(PROMOTED, '') : own;
  // (and a recommendation that changed is advice: what breaks is read without it)
  if (/recommended|suggested|preferred/i.test(moved)) moved = moved.replace(RECOMMENDATION_CHANGED, '');
  // (and so is a move that says the API stays unchanged)
  if (moved.includes('unchanged') && API_UNCHANGED.test(moved)) moved = moved.replace(MOVE, '');
  if (BREAKING.test(moved) || laterSentenceBreaks(moved, unnamed)) return 'breaking';
  if (
    TESTS.test(firstSentence(own)) ||
    CHORE.test(own) ||
    INTERNAL_DEPENDENCY.test(own) ||
    CODE_COMMENTS.test(own) ||
    FUTURE.test(own)
  )
    return 'other';
  if (unnamed && (BREAKING_VERB.test(own) || (!DOCS.test(own) && changesNamedApi(moved)))) return 'breaking';
  if (MIGRATION.test(own)) return 'deprecation';
  if (DOCS.test(own) && !CODE_AND_DOCS.test(own)) return 'docs';
  if (PERFORMANCE.test(own)) return 'performance';
  if (FIX.test(own)) return 'fix';
  if (PLATFORM_SUPPORT.test(own)) return 'feature';
  if (CAPABILITY_SUPPORT.test(own)) return 'new-api';
  if (NOW_PERMITTED.test(own)) return 'extends';
  if (EXPOSES_CONTRIB.test(own)) return 'soft';
  if (NEW.test(own))
    // (a new name that is an option of something, "Add FlexAttention kernel tuning options", extends it)
    return NEW_API.test(own) && !EXTENDS_ARG.test(own)
      ? 'new-api'
      : EXTENDS.test(own) || EXTENDS_WEAK.test(own) || EXTENDS_CLASS.test(own)
        ? 'extends'
        : 'addition';
  if (INTRODUCES_NEW.test(own) || OPENS_NEW.test(own)) return 'addition';
  if (GAINED_ARG.test(own)) return 'extends';
  if (IMPROVE.test(own) || SOURCE_REFERENCES.test(own)) return 'soft';
  for (const [re, kind] of MENTIONS) if (re.test(own)) return kind === 'improvement' ? 'soft' : kind;
  return null;
}

/**
 * A named API moved, given under another name, replaced, or made to behave one way always (change-words.ts:
 * MOVED_API, NAME_REPLACED, REPLACED_BY, NOW_UNCONDITIONAL). Like a first word that removes, these count only
 * where no heading names the kind, and after tests, chores and docs: "Move the benchmark script to tools/"
 * under Improvements breaks nothing.
 */
function changesNamedApi(text: string): boolean {
  return (
    MOVED_API.test(text) ||
    (text.includes(' of ') && NAME_REPLACED.test(text)) ||
    (text.includes('replaced') && REPLACED_BY.test(text)) ||
    NOW_UNCONDITIONAL.test(text)
  );
}

/** What is switched on by default already existed: "Enabled the new backend by default" improves, it adds nothing. */
const BY_DEFAULT = /\bby default\b/i;

/** A finite verb: the words make a statement. */
const STATES = /\b(?:is|are|was|were|has|have|been|will)\b/i;

/** A sentence after the first: "Added `x`. Renamed `y` to `z`.", "Updating the loss - removed the sign." */
const LATER_SENTENCE = /(?<=[.;!?])\s+(?=[A-Z`])|\s[-–—]\s/;
/** Words without which no later sentence can open with a removal or a rename. */
const REMOVAL_WORDS = /remov|renam|drop|delet|deprecat|chang/i;

/**
 * A removal or a rename that opens a later sentence is as breaking as one that opens the item ("IntegerLookup
 * added `output_mode`. Renamed `max_values` to `max_tokens`.").
 */
function laterSentenceBreaks(own: string, unnamed: boolean): boolean {
  if (!REMOVAL_WORDS.test(own)) return false;
  const [, ...later] = own.split(LATER_SENTENCE);
  return later.some((s) => BREAKING.test(s) || REMOVES_DEPRECATED.test(s) || (unnamed && BREAKING_VERB.test(s)));
}

/** The kind a leading tag names (`[Bugfix] Add …`), when the tag is the item's only hint. */
function tagKind(title: string, own: string): ChangeKind | null {
  const tag = title.slice(0, title.length - own.length);
  if (!tag) return null;
  for (const [re, kind] of TAG_KINDS) if (re.test(tag)) return kind;
  return null;
}

/** The kind a bare line announces with no heading around it, or null when its words say none. */
export function changeFromText(text: string): ChangeKind | null {
  const kind = decideChange({
    title: text,
    body: '',
    headings: [],
    parents: [],
    breakingHeading: false,
    parentKind: null,
  });
  return kind === 'other' && !fromWords(withoutLead(text)) ? null : kind;
}
