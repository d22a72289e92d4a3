/**
 * Heading conventions per repository. A profile says which headings mark breaking changes, which sections
 * hold no release items (credits, tables of contents), which paragraphs are not items ("Full Changelog"
 * lines), and which headings name a kind of change. Unknown repos get the generic profile, which knows
 * GitHub's generated notes, Keep a Changelog and conventional-changelog / release-please.
 */
import type { ChangeHeading, ChangeKind } from './change.js';

export interface RepoProfile {
  name: string;
  /** A heading matching this marks everything below it (until a sibling heading) as breaking. */
  breaking: RegExp;
  /** A heading matching this starts a section whose content is not release items. */
  skip: RegExp;
  /** An item whose text matches this is not a release item (e.g. "Full Changelog: v1...v2"). */
  skipItem: RegExp | null;
  /** Removed from the end of an item's text and markdown: the credit of GitHub's generated notes (group 1: the author). */
  trailer: RegExp | null;
  /** Headings (and group-label parent bullets) that name a kind of change, tried in order. */
  changes: readonly ChangeHeading[];
}

const strong = (re: RegExp, change: ChangeKind): ChangeHeading => ({ re, change, strong: true });
/** A heading that names a kind loosely: the item's own words decide, this is the fallback. */
const weak = (re: RegExp, change: ChangeKind): ChangeHeading => ({ re, change, strong: false });
/** A catch-all that mixes kinds: only the last fallback. */
const mixed = (re: RegExp, change: ChangeKind): ChangeHeading => ({ re, change, strong: false, mixed: true });

/**
 * Section names most release notes share (PyTorch's, TensorFlow's, GitHub's generated notes, Keep a
 * Changelog, release-please). Matched after leading emoji and decorations (`:bug: Bug Fixes`,
 * `🚀 Features`). Only specific headings are strong; "Features", "Improvements", "Changed" and the mixed
 * ones are weak: the item's words decide there ("X now supports Y" is an improvement under "New Features").
 */
const COMMON_CHANGES: ChangeHeading[] = [
  // TensorFlow's two catch-alls: most of what they list extends what exists.
  mixed(/^\W*bug ?fixes and other changes\b/i, 'improvement'),
  mixed(/^\W*major features and improvements\b/i, 'improvement'),
  // "New ops and improved op functionality", "New features and enhancements": two kinds, the words decide
  mixed(/^\W*(?:new|added)\b[^:]{0,40}\b(?:and|&)\s+(?:improv|enhanc|updat|chang)\w*/i, 'improvement'),
  mixed(/^\W*(?:highlights|release highlights|what'?s new)\b/i, 'feature'),
  mixed(/^\W*(?:what'?s changed|changes|changelog|other changes|other pull requests)\b/i, 'other'),
  // "Deprecations and Symbol renames" lists deprecations and breaking renames alike: only a fallback
  mixed(/^\W*deprecat\w*\b[^:]*\b(?:and|&)\s/i, 'deprecation'),
  strong(/^\W*deprecat\w*/i, 'deprecation'),
  weak(
    /^\W*(?:(?:new|prototype|beta|stable|experimental) features?|features?|new apis?|added|additions?|new)\b/i,
    'feature',
  ),
  weak(/^\W*(?:improvements?|enhancements?|changed|updates?|minor changes)\b/i, 'improvement'),
  strong(/^\W*(?:bug ?fix(?:es)?|fixe[sd]|fixes|bugs|hotfix(?:es)?)\b/i, 'fix'),
  strong(/^\W*(?:performance(?: improvements?)?|perf|optimi[sz]ations?)\b/i, 'performance'),
  strong(/^\W*(?:security(?: fixes| updates)?|vulnerabilit\w*)\b/i, 'security'),
  strong(/^\W*(?:documentation(?: updates?)?|docs)\b/i, 'docs'),
  strong(
    /^\W*(?:reverts?|miscellaneous chores|chores|code refactoring|refactor\w*|continuous integration|tests?|testing|build system|ci)\b/i,
    'other',
  ),
  // "Developers" (PyTorch) lists internal and user-facing changes alike: the item's words decide.
  // PyTorch's "Developers" lists tooling for developers of and on PyTorch: mostly improvements
  mixed(/^\W*developers\b/i, 'improvement'),
  mixed(/^\W*(?:internal|maintenance|tracked regressions|known (?:issues|caveats))\b/i, 'other'),
  // A hand-written heading that says what it holds: "Lots of minor fixes", "FSDP, FP8 minor improvements".
  weak(/\b(?:bug ?fix(?:es)?|fixes)\b/i, 'fix'),
  weak(/\b(?:improvements?|enhancements?)\b/i, 'improvement'),
  weak(/\bnew features?\b/i, 'feature'),
];

const BREAKING_GENERIC =
  /^\W*(?:backwards?[- ]incompatible(?:[- ]api)?[- ]changes?|(?:bc[- ])?breaking[- ]changes?|bc[- ]breaking|behaviou?ral changes|behaviou?r changes)\b/i;
const SKIP_GENERIC = /^\W*(?:thanks to (?:our|all) contributors|contributors|new contributors|full changelog)\b/i;

export const GENERIC_PROFILE: RepoProfile = {
  name: 'generic',
  // Keep a Changelog's "Removed" is removed functionality: breaking for whoever used it.
  breaking: new RegExp(`${BREAKING_GENERIC.source}|^\\W*removed\\s*$`, 'i'),
  skip: SKIP_GENERIC,
  // GitHub's generated notes end with "**Full Changelog**: https://github.com/o/r/compare/v1...v2".
  skipItem: /^\W*full changelog\b/i,
  // "* Title by @user in https://github.com/o/r/pull/123": the PR is kept in refs, the credit dropped.
  trailer: /\s+by @([\w-]+(?:\[bot\])?) in https?:\/\/\S+$/,
  changes: COMMON_CHANGES,
};

const PROFILES: Record<string, RepoProfile> = {
  'pytorch/pytorch': {
    name: 'pytorch',
    breaking: /^\W*(?:backwards?[- ]incompatible[- ](?:api[- ])?changes?|bc[- ]breaking|breaking[- ]changes?)\b/i,
    skip: SKIP_GENERIC,
    skipItem: null,
    trailer: null,
    changes: COMMON_CHANGES,
  },
  'tensorflow/tensorflow': {
    name: 'tensorflow',
    breaking: /^\W*(?:breaking[- ]changes?|backwards?[- ]incompatible[- ]changes?|behaviou?ral changes)\b/i,
    skip: /^\W*(?:thanks to our contributors|contributors)\b/i,
    skipItem: null,
    trailer: null,
    changes: COMMON_CHANGES,
  },
};

export function profileFor(repo: string): RepoProfile {
  return PROFILES[repo.toLowerCase()] ?? GENERIC_PROFILE;
}
