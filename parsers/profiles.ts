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
  /** Removed from the end of an item's text: the credit line of GitHub's generated notes. */
  trailer: RegExp | null;
  /** Headings (and group-label parent bullets) that name a kind of change, tried in order. */
  changes: readonly ChangeHeading[];
}

const strong = (re: RegExp, change: ChangeKind): ChangeHeading => ({ re, change, strong: true });
/** A heading that mixes kinds: the item's own first words decide, this is the fallback. */
const weak = (re: RegExp, change: ChangeKind): ChangeHeading => ({ re, change, strong: false });

/** Section names most release notes share (PyTorch's and TensorFlow's among them). */
const COMMON_CHANGES: ChangeHeading[] = [
  weak(/^\W*bug ?fixes and other changes\b/i, 'other'),
  weak(/^\W*major features and improvements\b/i, 'feature'),
  weak(/^\W*(?:highlights|release highlights|what'?s new)\b/i, 'feature'),
  weak(/^\W*(?:what'?s changed|changes|changelog|other changes|behaviou?ral changes)\b/i, 'other'),
  strong(/^\W*deprecat\w*/i, 'deprecation'),
  strong(/^\W*(?:new features?|features?|prototype features?|beta features?|new apis?|added)\b/i, 'feature'),
  strong(/^\W*(?:improvements?|enhancements?|changed)\b/i, 'improvement'),
  strong(/^\W*(?:bug ?fix(?:es)?|fixe[sd]|fixes)\b/i, 'fix'),
  strong(/^\W*(?:performance(?: improvements?)?|perf)\b/i, 'performance'),
  strong(/^\W*security\b/i, 'security'),
  strong(/^\W*(?:documentation(?: updates?)?|docs)\b/i, 'docs'),
  strong(
    /^\W*(?:developers|tracked regressions|known (?:issues|caveats)|reverts?|miscellaneous chores|chores|code refactoring|continuous integration)\b/i,
    'other',
  ),
];

const BREAKING_GENERIC =
  /^\W*(?:backwards?[- ]incompatible(?:[- ]api)?[- ]changes?|(?:bc[- ])?breaking[- ]changes?|bc[- ]breaking)\b/i;
const SKIP_GENERIC = /^\W*(?:thanks to (?:our|all) contributors|contributors|new contributors|full changelog)\b/i;

export const GENERIC_PROFILE: RepoProfile = {
  name: 'generic',
  // Keep a Changelog's "Removed" is removed functionality: breaking for whoever used it.
  breaking: new RegExp(`${BREAKING_GENERIC.source}|^\\W*removed\\s*$`, 'i'),
  skip: SKIP_GENERIC,
  // GitHub's generated notes end with "**Full Changelog**: https://github.com/o/r/compare/v1...v2".
  skipItem: /^\W*full changelog\b/i,
  // "* Title by @user in https://github.com/o/r/pull/123": the PR is kept in refs, the credit dropped.
  trailer: /\s+by @[\w-]+(?:\[bot\])? in https?:\/\/\S+$/,
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
    breaking: /^\W*(?:breaking[- ]changes?|backwards?[- ]incompatible[- ]changes?)\b/i,
    skip: /^\W*(?:thanks to our contributors|contributors)\b/i,
    skipItem: null,
    trailer: null,
    changes: COMMON_CHANGES,
  },
};

export function profileFor(repo: string): RepoProfile {
  return PROFILES[repo.toLowerCase()] ?? GENERIC_PROFILE;
}
