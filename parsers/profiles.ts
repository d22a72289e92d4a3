/**
 * Heading conventions per repository. A profile says which headings mark breaking changes and which
 * sections hold no release items (credits, tables of contents). Unknown repos get the generic profile.
 */
export interface RepoProfile {
  name: string;
  /** A heading matching this marks everything below it (until a sibling heading) as breaking. */
  breaking: RegExp;
  /** A heading matching this starts a section whose content is not release items. */
  skip: RegExp;
}

const BREAKING_GENERIC =
  /^\W*(?:backwards?[- ]incompatible(?:[- ]api)?[- ]changes?|(?:bc[- ])?breaking[- ]changes?|bc[- ]breaking)\b/i;
const SKIP_GENERIC = /^\W*(?:thanks to (?:our|all) contributors|contributors|new contributors|full changelog)\b/i;

export const GENERIC_PROFILE: RepoProfile = { name: 'generic', breaking: BREAKING_GENERIC, skip: SKIP_GENERIC };

const PROFILES: Record<string, RepoProfile> = {
  'pytorch/pytorch': {
    name: 'pytorch',
    breaking: /^\W*(?:backwards?[- ]incompatible[- ](?:api[- ])?changes?|bc[- ]breaking|breaking[- ]changes?)\b/i,
    skip: SKIP_GENERIC,
  },
  'tensorflow/tensorflow': {
    name: 'tensorflow',
    breaking: /^\W*(?:breaking[- ]changes?|backwards?[- ]incompatible[- ]changes?)\b/i,
    skip: /^\W*(?:thanks to our contributors|contributors)\b/i,
  },
};

export function profileFor(repo: string): RepoProfile {
  return PROFILES[repo.toLowerCase()] ?? GENERIC_PROFILE;
}
