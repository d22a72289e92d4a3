/** Release tags as versions: enough to tell a release candidate from the final release it leads to. */

export interface TagVersion {
  /** `2.1.0` for `v2.1.0`, `v2.1.0-rc2`, `2.1.0rc2`. */
  base: string;
  /** `rc`, `beta`, `alpha` or null for a final release. */
  pre: string | null;
  preNumber: number;
}

const TAG_RE = /^(?:[a-z_-]*?)v?(\d+(?:\.\d+){0,3})(?:[-._]?(rc|alpha|beta|a|b|dev|pre)[-._]?(\d*))?$/i;
const PRE_NAMES: Record<string, string> = { a: 'alpha', b: 'beta' };

export function parseTag(tag: string): TagVersion | null {
  const m = TAG_RE.exec(tag.trim());
  if (!m) return null;
  const pre = m[2] ? (PRE_NAMES[m[2].toLowerCase()] ?? m[2].toLowerCase()) : null;
  return { base: normalizeBase(m[1]!), pre, preNumber: m[3] ? Number(m[3]) : 0 };
}

/** `2.1` and `2.1.0` are the same release. */
function normalizeBase(v: string): string {
  const parts = v.split('.').map(Number);
  while (parts.length < 3) parts.push(0);
  return parts.join('.');
}

export function isReleaseCandidate(tag: string): boolean {
  return parseTag(tag)?.pre === 'rc';
}

/** The newest candidate (`-rcN`, highest N) of the same version as `finalTag`, among `tags`. */
export function lastCandidateOf(finalTag: string, tags: readonly string[]): string | null {
  const final = parseTag(finalTag);
  if (!final || final.pre) return null;
  let best: { tag: string; n: number } | null = null;
  for (const t of tags) {
    const v = parseTag(t);
    if (v && v.pre === 'rc' && v.base === final.base && (!best || v.preNumber > best.n))
      best = { tag: t, n: v.preNumber };
  }
  return best?.tag ?? null;
}
