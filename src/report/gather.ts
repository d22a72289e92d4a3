/**
 * The releases of an upgrade range with their items: from the store, and from GitHub when the store may not
 * hold them all. A repo that `poll` tracks has its whole history stored (a first poll records it), so a range
 * whose ends are stored costs no request. Otherwise the releases are listed (one request per 100) and those of
 * the range that are not stored are parsed; they are recorded for next time, unless the repo is polled (its
 * poll records and announces them: a report must not swallow an announcement). Stored releases are never
 * fetched or parsed again.
 */
import type { Classifier } from '../classify/classifier.js';
import { bodyHash, releaseKey } from '../diff/plan.js';
import { UsageError } from '../domain/errors.js';
import type { FetchedRelease } from '../domain/records.js';
import type { GitHubClient } from '../github/client.js';
import { listReleases } from '../github/list-releases.js';
import type { Item } from '../../parsers/model.js';
import type { Store, StoredRelease } from '../store/store.js';
import type { ReportInput, ReportRelease } from './model.js';
import { formatRange, resolveRange, type RangeOptions, type RangeSpec } from './range.js';

export interface GatherDeps {
  store: Store;
  /** Absent: the store only (the site). */
  github?: GitHubClient;
  /** Needed with `github`: what is fetched is parsed and classified. */
  classifier?: Classifier;
  now?: () => Date;
}

export interface Gathered extends ReportInput {
  /** GitHub requests made. */
  requests: number;
  /** Releases parsed for this report (not stored before). */
  parsed: number;
}

interface Candidate {
  tag: string;
  prerelease: boolean;
  stored?: StoredRelease;
  fetched?: FetchedRelease;
}

/** A repo's releases per GitHub page: the most GitHub gives, so a whole history costs few requests. */
const PER_PAGE = 100;

export async function gatherRange(
  deps: GatherDeps,
  repo: string,
  spec: RangeSpec,
  opts: RangeOptions = {},
): Promise<Gathered> {
  const { store, github } = deps;
  const [all, state] = await Promise.all([store.releases(repo), store.repoState(repo)]);
  const polled = state !== null;
  let candidates: Candidate[] = all
    .filter((r) => !r.deleted)
    .map((r) => ({ tag: r.tag, prerelease: r.prerelease, stored: r }));
  let resolved = resolveRange(spec, candidates, opts);
  const start = github?.requests() ?? 0;
  if (github && !(polled && resolved.ok)) {
    const listing = await listReleases(github, repo, { etag: null, perPage: PER_PAGE, isKnown: () => false });
    if (!listing.notModified) {
      const byTag = new Map(candidates.map((c) => [c.tag, c]));
      for (const f of listing.releases) {
        if (f.draft) continue;
        const known = byTag.get(f.tag);
        if (known) known.fetched = f;
        else byTag.set(f.tag, { tag: f.tag, prerelease: f.prerelease, fetched: f });
      }
      candidates = [...byTag.values()];
      resolved = resolveRange(spec, candidates, opts);
    }
  }
  if (!resolved.ok) {
    const where = github ? '' : ' among the stored releases (run `release-radar poll` to record them)';
    throw new UsageError(`${repo} ${formatRange(spec)}: ${resolved.message}${where}`);
  }

  const stored = await store.itemsOf(resolved.releases.flatMap((c) => (c.stored ? [c.stored.key] : [])));
  // The parser (remark) loads only when something is parsed: a warm report never needs it.
  const parse = resolved.releases.some((c) => !c.stored) ? (await import('../notes.js')).parseAndClassify : null;
  const now = (deps.now?.() ?? new Date()).toISOString();
  const releases: ReportRelease[] = [];
  let parsed = 0;
  for (const c of resolved.releases) {
    let items: Item[];
    if (c.stored) items = stored.get(c.stored.key) ?? [];
    else {
      const f = c.fetched!;
      if (!deps.classifier) throw new Error('gatherRange: a classifier is needed to parse fetched releases');
      items = parse!(f.body, repo, deps.classifier);
      parsed++;
      if (!polled) {
        const rec = {
          key: releaseKey(repo, f.githubId),
          repo,
          githubId: f.githubId,
          tag: f.tag,
          name: f.name,
          prerelease: f.prerelease,
          createdAt: f.createdAt,
          publishedAt: f.publishedAt,
          url: f.url,
          bodyHash: bodyHash(f.body),
        };
        await store.recordRelease(rec, items, f.body, now);
      }
    }
    const meta = c.stored ?? c.fetched!;
    releases.push({
      tag: c.tag,
      name: meta.name,
      url: meta.url,
      prerelease: c.prerelease,
      publishedAt: meta.publishedAt,
      items,
    });
  }
  return {
    repo,
    from: resolved.from.tag,
    to: resolved.to.tag,
    releases,
    requests: (github?.requests() ?? start) - start,
    parsed,
  };
}
