/**
 * Release tags as versions: which final release a candidate leads to, and the order of a repo's tags
 * (PEP 440-like: `2.1.0.dev1` < `2.1.0a1` < `2.1.0b1` < `2.1.0rc2` < `2.1.0` < `2.1.0.post1`; `v2.10.0`
 * after `v2.9.0`). A monorepo's tags (`pkg-a/v1.2.3`, `pkg-b@1.0.0`) carry a prefix: versions compare only
 * within one prefix. Pure.
 */

export interface TagVersion {
  /** What stands before the version, lower case: `''` for `v2.1.0`, `pkg-a/` for `pkg-a/v1.2.3`. */
  prefix: string;
  /** `2.1.0` for `v2.1.0`, `v2.1.0-rc2`, `2.1.0rc2`. */
  base: string;
  /** `rc`, `beta`, `alpha`, `dev`, `pre` or null for a final release. */
  pre: string | null;
  preNumber: number;
  /** `2.1.0.post1`: 1; 0 when there is none. */
  post: number;
}

const TAG_RE =
  /^(.*?)v?(\d+(?:\.\d+){0,3})(?:[-._]?(rc|c|alpha|beta|a|b|dev|preview|pre)[-._]?(\d*))?(?:[-._]?(?:post|r)[-._]?(\d+))?$/i;
const PRE_NAMES: Record<string, string> = { a: 'alpha', b: 'beta', c: 'rc', preview: 'pre' };
/** PEP 440's order of pre-releases; `pre` (semver-style) between beta and rc. */
const PRE_RANK: Record<string, number> = { dev: 0, alpha: 1, beta: 2, pre: 3, rc: 4 };
const FINAL_RANK = 5;

export function parseTag(tag: string): TagVersion | null {
  const m = TAG_RE.exec(tag.trim());
  if (!m) return null;
  const pre = m[3] ? (PRE_NAMES[m[3].toLowerCase()] ?? m[3].toLowerCase()) : null;
  return {
    prefix: m[1]!.toLowerCase(),
    base: normalizeBase(m[2]!),
    pre,
    preNumber: m[4] ? Number(m[4]) : 0,
    post: m[5] ? Number(m[5]) : 0,
  };
}

/** `2.1` and `2.1.0` are the same release. */
function normalizeBase(v: string): string {
  const parts = v.split('.').map(Number);
  while (parts.length < 3) parts.push(0);
  return parts.join('.');
}

/** Version order within one prefix: negative when `a` comes first. Prefixes compare as text. */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1;
  const pa = a.base.split('.').map(Number);
  const pb = b.base.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  const rank = (v: TagVersion) => (v.pre ? PRE_RANK[v.pre]! : FINAL_RANK);
  return rank(a) - rank(b) || a.preNumber - b.preNumber || a.post - b.post;
}

/** Tags in version order; 0 when either is not a version (a stable sort keeps their order). */
export function compareTags(a: string, b: string): number {
  const va = parseTag(a);
  const vb = parseTag(b);
  return va && vb ? compareVersions(va, vb) : 0;
}

/** A final release (or a post-release of one): no dev, alpha, beta, pre or rc part. */
export const isFinal = (v: TagVersion) => v.pre === null;

export function isReleaseCandidate(tag: string): boolean {
  return parseTag(tag)?.pre === 'rc';
}

/** Any pre-release by its tag: `rc`, `beta`, `alpha`, `dev`, `pre`. */
export function isPrereleaseTag(tag: string): boolean {
  const v = parseTag(tag);
  return !!v && !isFinal(v);
}

/** The newest candidate (`-rcN`, highest N) of the same version and prefix as `finalTag`, among `tags`. */
export function lastCandidateOf(finalTag: string, tags: readonly string[]): string | null {
  const final = parseTag(finalTag);
  if (!final || final.pre) return null;
  let best: { tag: string; n: number } | null = null;
  for (const t of tags) {
    const v = parseTag(t);
    if (v && v.pre === 'rc' && v.base === final.base && v.prefix === final.prefix && (!best || v.preNumber > best.n))
      best = { tag: t, n: v.preNumber };
  }
  return best?.tag ?? null;
}
