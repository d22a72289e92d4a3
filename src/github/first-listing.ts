/**
 * First listings over GraphQL: with a token, a repo seen for the first time is read with its releases' notes
 * (`description`) in queries of FIRST_LISTING_BATCH repositories, instead of one REST listing each. GitHub's
 * secondary limit allows 900 REST requests a minute per token, shared by every worker, so a thousand new
 * repos could never be listed by REST in under a minute; GraphQL's 2,000 points a minute cover them in a few
 * points. A repo with more releases than one page holds, or one GitHub does not answer for, is left to the
 * REST listing (which pages through its whole history).
 */
import type { FetchedRelease } from '../domain/records.js';
import type { GitHubClient } from './client.js';
import { toFetched } from './list-releases.js';
import { queryRepos } from './repos-query.js';

/** Repositories per query: bodies travel with the answer, so fewer than the quiet check's 100. */
export const FIRST_LISTING_BATCH = 10;
/** Releases per repository: GraphQL's largest page. A repo with more is listed by REST. */
export const FIRST_LISTING_PAGE = 100;

export interface FirstListing {
  /** Newest first, the whole history (the page held every release). */
  releases: FetchedRelease[];
  /** Tags whose URL is not an https:// link on the GitHub host (dropped, as the REST listing does). */
  droppedUrls: string[];
}

interface Node {
  databaseId: number | null;
  tagName: string;
  name: string | null;
  description: string | null;
  isDraft: boolean;
  isPrerelease: boolean;
  createdAt: string | null;
  publishedAt: string | null;
  url: string | null;
}

type Answer = { releases: { pageInfo: { hasNextPage: boolean }; nodes: (Node | null)[] } };

/** One query; repos GitHub did not answer for, or with more than a page of releases, are absent. */
async function listBatch(client: GitHubClient, repos: readonly string[]): Promise<Map<string, FirstListing>> {
  const { byRepo } = await queryRepos<Answer>(
    client,
    'FirstListing',
    repos,
    `releases(first: ${FIRST_LISTING_PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { pageInfo { hasNextPage } nodes { databaseId tagName name description isDraft isPrerelease createdAt publishedAt url } }`,
  );
  const out = new Map<string, FirstListing>();
  for (const [repo, answer] of byRepo) {
    if (!answer || answer.releases.pageInfo.hasNextPage) continue;
    // A release GitHub left out of the page (null, or without the id REST lists it by) makes it incomplete.
    if (answer.releases.nodes.some((n) => !n || n.databaseId === null)) continue;
    const nodes = answer.releases.nodes as Node[];
    const listing: FirstListing = { releases: [], droppedUrls: [] };
    for (const n of nodes) {
      const r = toFetched(
        {
          id: n.databaseId!,
          tag_name: n.tagName,
          name: n.name,
          body: n.description,
          draft: n.isDraft,
          prerelease: n.isPrerelease,
          created_at: n.createdAt,
          published_at: n.publishedAt,
          html_url: n.url,
        },
        client,
      );
      if (n.url && !r.url) listing.droppedUrls.push(n.tagName);
      listing.releases.push(r);
    }
    out.set(repo, listing);
  }
  return out;
}

/**
 * First listings of `repos` (in that order), asked for one repo at a time by the poll's workers: the batch
 * holding a repo is queried when the first of its repos is asked for, and forgotten once each has been
 * taken, so that only the batches in work are held in memory. A failed query (GraphQL down, budget spent)
 * answers undefined for its repos: they are listed by REST.
 */
export class FirstListings {
  private readonly batchOf = new Map<string, number>();
  private readonly pending = new Map<number, { left: number; answer: Promise<Map<string, FirstListing>> }>();

  constructor(
    private readonly client: GitHubClient,
    private readonly repos: readonly string[],
    /** Told when a query fails (its repos go to REST). */
    private readonly onFailure: (error: Error, repos: readonly string[]) => void = () => {},
  ) {
    repos.forEach((repo, i) => this.batchOf.set(repo, Math.floor(i / FIRST_LISTING_BATCH)));
  }

  async take(repo: string): Promise<FirstListing | undefined> {
    const b = this.batchOf.get(repo);
    if (b === undefined) return undefined;
    this.batchOf.delete(repo);
    let batch = this.pending.get(b);
    if (!batch) {
      const repos = this.repos.slice(b * FIRST_LISTING_BATCH, (b + 1) * FIRST_LISTING_BATCH);
      const answer = listBatch(this.client, repos).catch((e: Error) => {
        this.onFailure(e, repos);
        return new Map<string, FirstListing>();
      });
      batch = { left: repos.length, answer };
      this.pending.set(b, batch);
    }
    if (--batch.left === 0) this.pending.delete(b);
    return (await batch.answer).get(repo);
  }
}
