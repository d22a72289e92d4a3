/**
 * Lists a repo's releases newest first: a conditional first request (If-None-Match), then pages per the
 * Link header only until a release already known turns up, so a quiet poll costs one request.
 */
import type { FetchedRelease } from '../domain/records.js';
import type { GitHubClient } from './client.js';
import { githubStatus, wrapGitHubError } from './errors.js';

export type ListResult =
  | { notModified: true; etag: string | null; pages: number }
  | {
      notModified: false;
      etag: string | null;
      releases: FetchedRelease[];
      complete: boolean;
      pages: number;
      droppedUrls: string[];
    };

export interface ListOptions {
  etag: string | null;
  perPage: number;
  /** True for a release the store already has: paging stops after the page it is on. */
  isKnown: (githubId: string) => boolean;
  /** List the whole history, known releases or not (the periodic check for edits and deletions past page one). */
  full?: boolean;
}

/** The fields of GitHub's release object that release-radar reads. */
export interface ApiRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string | null;
  published_at: string | null;
  html_url: string | null;
}

/** A release as release-radar keeps it, from GitHub's object (REST's, or GraphQL's mapped to it). */
export function toFetched(r: ApiRelease, client: GitHubClient): FetchedRelease {
  return {
    githubId: String(r.id),
    tag: r.tag_name,
    name: r.name ?? null,
    body: r.body ?? '',
    draft: !!r.draft,
    prerelease: !!r.prerelease,
    createdAt: r.created_at ?? null,
    publishedAt: r.published_at ?? null,
    url: client.links.safe(r.html_url),
  };
}

export async function listReleases(client: GitHubClient, repo: string, opts: ListOptions): Promise<ListResult> {
  const [owner, name] = repo.split('/') as [string, string];
  const releases: FetchedRelease[] = [];
  let etag: string | null = null;
  let pages = 0;
  const droppedUrls: string[] = [];
  try {
    const iterator = client.octokit.paginate.iterator(client.octokit.rest.repos.listReleases, {
      owner,
      repo: name,
      per_page: opts.perPage,
      headers: opts.etag ? { 'if-none-match': opts.etag } : {},
    });
    for await (const page of iterator) {
      pages++;
      if (pages === 1) etag = (page.headers.etag as string | undefined) ?? null;
      const batch = (page.data as ApiRelease[]).map((r) => toFetched(r, client));
      for (const [i, r] of (page.data as ApiRelease[]).entries())
        if (r.html_url && !batch[i]!.url) droppedUrls.push(r.tag_name);
      releases.push(...batch);
      // The last page (no rel="next") completes the listing even when it holds a known release.
      const last = !/rel="next"/.test(String(page.headers.link ?? ''));
      if (!opts.full && batch.some((r) => opts.isKnown(r.githubId)))
        return { notModified: false, etag, releases, complete: last, pages, droppedUrls };
    }
    return { notModified: false, etag, releases, complete: true, pages, droppedUrls };
  } catch (e) {
    if (githubStatus(e) === 304) return { notModified: true, etag: opts.etag, pages: pages + 1 };
    throw wrapGitHubError(repo, e, undefined, client.baseUrl);
  }
}

/** Asks GitHub for one release by id: false only when GitHub answers 404 (the release is gone). */
export async function releaseExists(client: GitHubClient, repo: string, githubId: string): Promise<boolean> {
  const [owner, name] = repo.split('/') as [string, string];
  try {
    await client.octokit.rest.repos.getRelease({ owner, repo: name, release_id: Number(githubId) });
    return true;
  } catch (e) {
    if (githubStatus(e) === 404) return false;
    throw wrapGitHubError(repo, e, `checking release ${githubId} of ${repo}`, client.baseUrl);
  }
}
