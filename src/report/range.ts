/**
 * An upgrade range, `FROM..TO` or `FROM..` (up to the latest), resolved against a repo's tags: every
 * release after FROM up to and including TO in version order (never the listing order), finals and the
 * patch releases between them; pre-releases only when asked for (or when TO names one). FROM and TO are
 * tags, or versions: `2.5` names the tag of 2.5.0 (`v2.5.0` or `2.5.0`, whichever the repo uses). Pure.
 */
import { UsageError } from '../domain/errors.js';
import { admitsEveryTag, type TagFilter } from '../diff/tag-filter.js';
import { compareVersions, isFinal, parseTag, type TagVersion } from '../diff/versions.js';

export interface RangeSpec {
  from: string;
  /** null: up to the latest release. */
  to: string | null;
}

/** `v2.5.0..v2.10.0`, `2.5..2.10`, `2.5..`. */
export function parseRange(text: string): RangeSpec {
  const m = /^\s*([^\s]+?)\.\.([^\s]*)\s*$/.exec(text);
  if (!m || m[1]!.startsWith('.') || m[2]!.startsWith('.'))
    throw new UsageError(
      `"${text}" is not a range: write FROM..TO (e.g. v2.5.0..v2.10.0 or 2.5..2.10), or FROM.. for up to the latest`,
    );
  return { from: m[1]!, to: m[2] || null };
}

export const formatRange = (r: RangeSpec) => `${r.from}..${r.to ?? ''}`;

export interface TaggedRelease {
  tag: string;
  /** GitHub's pre-release flag. */
  prerelease: boolean;
}

export interface RangeOptions {
  /** Include release candidates and other pre-releases between FROM and TO. */
  prereleases?: boolean;
  /** `--tag GLOB`: only these tags take part (a monorepo's package). */
  tagFilter?: TagFilter;
}

export type Resolved<T extends TaggedRelease> =
  { ok: true; from: T; to: T; releases: T[] } | { ok: false; message: string };

const sameVersion = (a: TagVersion, b: TagVersion) =>
  a.base === b.base && a.pre === b.pre && a.preNumber === b.preNumber && a.post === b.post;

/** The release a FROM or TO names: the exact tag, else the one tag of that version (any prefix when none given). */
function find<T extends TaggedRelease>(name: string, releases: readonly T[]): { found: T } | { message: string } {
  const exact = releases.find((r) => r.tag === name);
  if (exact) return { found: exact };
  const want = parseTag(name);
  if (!want) return { message: `"${name}" is neither a tag nor a version` };
  const same = releases.filter((r) => {
    const v = parseTag(r.tag);
    return v && sameVersion(v, want) && (want.prefix === '' || v.prefix === want.prefix);
  });
  // `2.5` in a repo with `v2.5.0` and `pkg/v2.5.0`: the unprefixed one.
  const plain = same.filter((r) => parseTag(r.tag)!.prefix === '');
  const hits = same.length > 1 && plain.length === 1 ? plain : same;
  if (hits.length === 1) return { found: hits[0]! };
  if (hits.length > 1)
    return {
      message: `"${name}" matches ${hits.map((r) => r.tag).join(', ')}: name the tag (or pick the package with --tag)`,
    };
  return { message: `no release ${name}${nearest(want, releases)}` };
}

/** `(nearest: v2.15.1, v2.16.1)`: the tags around a version that is not there, to show what is. */
function nearest(want: TagVersion, releases: readonly TaggedRelease[]): string {
  const versions = releases
    .map((r) => ({ tag: r.tag, v: parseTag(r.tag) }))
    .filter((x): x is { tag: string; v: TagVersion } => !!x.v && (want.prefix === '' || x.v.prefix === want.prefix))
    .sort((a, b) => compareVersions(a.v, b.v));
  if (!versions.length) return ' (no release tag there reads as a version)';
  const after = versions.findIndex((x) => compareVersions(x.v, { ...want, prefix: x.v.prefix }) > 0);
  const around = after < 0 ? versions.slice(-2) : versions.slice(Math.max(0, after - 1), after + 1);
  return ` (nearest: ${around.map((x) => x.tag).join(', ')})`;
}

export function resolveRange<T extends TaggedRelease>(
  spec: RangeSpec,
  all: readonly T[],
  opts: RangeOptions = {},
): Resolved<T> {
  const admitted = opts.tagFilter ?? admitsEveryTag;
  const releases = all.filter((r) => admitted(r.tag));
  const from = find(spec.from, releases);
  if ('message' in from) return { ok: false, message: from.message };
  const fromV = parseTag(from.found.tag);
  if (!fromV) return { ok: false, message: `FROM ${from.found.tag} does not read as a version` };
  const pre = (r: T, v: TagVersion) => r.prerelease || !isFinal(v);
  const sameLine = releases
    .map((r) => ({ r, v: parseTag(r.tag) }))
    .filter((x): x is { r: T; v: TagVersion } => !!x.v && x.v.prefix === fromV.prefix)
    .sort((a, b) => compareVersions(a.v, b.v));

  let to: T;
  if (spec.to) {
    const t = find(spec.to, releases);
    if ('message' in t) return { ok: false, message: t.message };
    to = t.found;
  } else {
    const latest = sameLine.filter((x) => opts.prereleases || !pre(x.r, x.v)).at(-1);
    if (!latest || compareVersions(latest.v, fromV) <= 0)
      return { ok: false, message: `no release after ${from.found.tag}` };
    to = latest.r;
  }
  const toV = parseTag(to.tag);
  if (!toV || toV.prefix !== fromV.prefix)
    return { ok: false, message: `${to.tag} and ${from.found.tag} are not versions of the same package` };
  if (compareVersions(toV, fromV) <= 0)
    return { ok: false, message: `${to.tag} is not after ${from.found.tag}: write the older version first` };
  const inRange = sameLine.filter(
    (x) =>
      compareVersions(x.v, fromV) > 0 &&
      compareVersions(x.v, toV) <= 0 &&
      (opts.prereleases || x.r === to || !pre(x.r, x.v)),
  );
  return { ok: true, from: from.found, to, releases: inRange.map((x) => x.r) };
}
