/**
 * The notes of one release for a query: from the store, or, when it is not there yet, from GitHub
 * (then parsed, classified and stored, without an event: a query announces nothing).
 */
import type { Classifier } from '../classify/classifier.js';
import { bodyHash, releaseKey } from '../diff/plan.js';
import type { ReleaseRecord } from '../domain/records.js';
import { isReleaseCandidate } from '../diff/versions.js';
import { admitsEveryTag, type TagFilter } from '../diff/tag-filter.js';
import type { GitHubClient } from '../github/client.js';
import { githubStatus, wrapGitHubError } from '../github/errors.js';
import type { ApiRelease } from '../github/list-releases.js';
import { parseAndClassify } from '../notes.js';
import type { Store, StoredRelease } from '../store/store.js';
import { newestFirst, type ReleaseNotes } from '../domain/release-view.js';

/** `undefined`: the latest final release; `latest-rc`: the latest pre-release; else a tag, `v` optional. */
export type VersionQuery = string | undefined;

const stripV = (t: string) => t.replace(/^v(?=\d)/i, '').toLowerCase();

function pick(releases: StoredRelease[], version: VersionQuery, admits: TagFilter): StoredRelease | undefined {
  const live = releases.filter((r) => !r.deleted && admits(r.tag)).sort(newestFirst);
  if (!version) return live.find((r) => !r.prerelease && !isReleaseCandidate(r.tag));
  if (version.toLowerCase() === 'latest-rc') return live.find((r) => r.prerelease || isReleaseCandidate(r.tag));
  return live.find((r) => stripV(r.tag) === stripV(version));
}

/** True when GitHub says the repo exists and is public (a token may see private ones: those are never answered). */
export async function isPublicRepo(github: GitHubClient, repo: string): Promise<boolean> {
  const [owner, name] = repo.split('/') as [string, string];
  try {
    const { data } = await github.octokit.rest.repos.get({ owner, repo: name });
    return data.private === false && (data.visibility === undefined || data.visibility === 'public');
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false;
    throw wrapGitHubError(repo, e);
  }
}

async function fetchFromGitHub(
  github: GitHubClient,
  repo: string,
  version: VersionQuery,
  admits: TagFilter,
): Promise<ApiRelease | null> {
  const [owner, name] = repo.split('/') as [string, string];
  const rest = github.octokit.rest.repos;
  const filtered = admits !== admitsEveryTag;
  try {
    if (!version && !filtered) return (await rest.getLatestRelease({ owner, repo: name })).data as ApiRelease;
    if (!version || version.toLowerCase() === 'latest-rc') {
      // The newest of a monorepo's package (--tag) may sit below other packages' releases: a full page.
      const list = (await rest.listReleases({ owner, repo: name, per_page: filtered ? 100 : 30 })).data as ApiRelease[];
      const rc = !!version;
      return (
        list.find(
          (r) =>
            !r.draft &&
            admits(r.tag_name) &&
            (rc ? r.prerelease || isReleaseCandidate(r.tag_name) : !r.prerelease && !isReleaseCandidate(r.tag_name)),
        ) ?? null
      );
    }
    if (!admits(version)) return null;
    for (const tag of [...new Set([version, `v${stripV(version)}`, stripV(version)])]) {
      try {
        return (await rest.getReleaseByTag({ owner, repo: name, tag })).data as ApiRelease;
      } catch (e) {
        if (githubStatus(e) !== 404) throw e;
      }
    }
    return null;
  } catch (e) {
    if (githubStatus(e) === 404) return null;
    throw wrapGitHubError(repo, e, undefined, github.baseUrl);
  }
}

/** The stored release a query names (no items loaded), if the store has it. */
export async function storedRelease(
  store: Store,
  repo: string,
  version: VersionQuery,
  admits: TagFilter = admitsEveryTag,
): Promise<StoredRelease | undefined> {
  return pick(await store.releases(repo), version, admits);
}

export async function findRelease(
  deps: { store: Store; github?: GitHubClient; classifier: Classifier; now?: () => Date },
  repo: string,
  version: VersionQuery,
  /** `query --tag GLOB`: only releases whose tag matches (a monorepo's package). */
  admits: TagFilter = admitsEveryTag,
): Promise<ReleaseNotes | null> {
  const stored = await storedRelease(deps.store, repo, version, admits);
  if (stored) {
    const items = (await deps.store.releaseItems(stored.key, stored.bodyHash)) ?? [];
    return {
      repo,
      tag: stored.tag,
      name: stored.name,
      url: stored.url,
      prerelease: stored.prerelease,
      publishedAt: stored.publishedAt,
      items,
    };
  }
  if (!deps.github) return null;
  const r = await fetchFromGitHub(deps.github, repo, version, admits);
  if (!r) return null;
  if (typeof r.tag_name !== 'string' || r.id === undefined)
    throw new Error(`GitHub answered an unexpected shape for a release of ${repo}`);
  const body = r.body ?? '';
  const items = parseAndClassify(body, repo, deps.classifier);
  const rec: ReleaseRecord = {
    key: releaseKey(repo, String(r.id)),
    repo,
    githubId: String(r.id),
    tag: r.tag_name,
    name: r.name,
    prerelease: r.prerelease,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    url: deps.github.links.safe(r.html_url),
    bodyHash: bodyHash(body),
  };
  await deps.store.recordRelease(rec, items, body, (deps.now?.() ?? new Date()).toISOString());
  return {
    repo,
    tag: rec.tag,
    name: rec.name,
    url: rec.url,
    prerelease: rec.prerelease,
    publishedAt: rec.publishedAt,
    items,
  };
}
