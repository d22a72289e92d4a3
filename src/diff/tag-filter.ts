/**
 * Which release tags a tracked repo or a subscription admits: `tags` (any of these globs; none: every tag)
 * minus `exclude_tags`. Globs are picomatch's, with `*` matching any characters, `/` included, since
 * monorepo tags look like `pkg/v1.2.3` (`pkg-a/*` is every release of pkg-a). Case matters, as in tags. Pure.
 */
import picomatch from 'picomatch';

export interface TagFilterSpec {
  tags?: readonly string[];
  exclude_tags?: readonly string[];
}

export type TagFilter = (tag: string) => boolean;

/** `bash`: a single `*` crosses `/` (picomatch's globstar); `dot`: a tag may start with `.`. */
const GLOB_OPTIONS = { bash: true, dot: true } as const;

export const admitsEveryTag: TagFilter = () => true;

export function tagFilter(spec: TagFilterSpec | undefined): TagFilter {
  const include = spec?.tags?.length ? picomatch([...spec.tags], GLOB_OPTIONS) : null;
  const exclude = spec?.exclude_tags?.length ? picomatch([...spec.exclude_tags], GLOB_OPTIONS) : null;
  if (!include && !exclude) return admitsEveryTag;
  return (tag) => (!include || include(tag)) && !exclude?.(tag);
}

/** Each repo's own filter, for the repos that have one. */
export function repoTagFilters(repos: readonly ({ name: string } & TagFilterSpec)[]): Map<string, TagFilter> {
  return new Map(repos.filter(filtersTags).map((r) => [r.name, tagFilter(r)]));
}

/** True when the spec filters anything (for messages: "tags pkg-a/*"). */
export const filtersTags = (spec: TagFilterSpec | undefined) => !!(spec?.tags?.length || spec?.exclude_tags?.length);

/** `pkg-a/*, not *-rc*`: a filter as people read it. */
export function describeTagFilter(spec: TagFilterSpec | undefined): string {
  const parts = [
    ...(spec?.tags?.length ? [`tags ${spec.tags.join(', ')}`] : []),
    ...(spec?.exclude_tags?.length ? [`not ${spec.exclude_tags.join(', ')}`] : []),
  ];
  return parts.join('; ');
}
