/**
 * The quiet check: with a token, the newest few releases of many repos (tag, database id, `updatedAt`) read
 * through GraphQL queries of up to QUIET_BATCH repositories each (one alias per repo, one point per query).
 * Each repo's answer becomes a fingerprint; a repo whose fingerprint matches the stored one has nothing new
 * or edited among its newest releases, so it needs no REST listing. Edits further down are caught by the
 * periodic full re-listing.
 */
import { createHash } from 'node:crypto';
import type { GitHubClient } from './client.js';
import { queryRepos } from './repos-query.js';

/** Repositories per query: GitHub allows 500,000 nodes and counts 1 point per 100 connections, so 100 costs 1. */
export const QUIET_BATCH = 100;
/** Releases read per repo: a new release or an edit of one of these changes the fingerprint. */
export const QUIET_NEWEST = 5;

export interface QuietRelease {
  tagName: string;
  databaseId: number | null;
  updatedAt: string;
}

export interface QuietCheck {
  /** Per repo asked, its fingerprint; absent when GitHub did not answer for it (then it is listed by REST). */
  fingerprints: Map<string, string>;
  /** Per repo answered, how many releases it has (a first listing over GraphQL reads one page of them). */
  totals: Map<string, number>;
  /** GraphQL's own account of the last query (`rateLimit`): cost and what is left. */
  rateLimit: { cost: number; remaining: number; resetAt: string } | null;
  queries: number;
}

export function fingerprint(releases: readonly QuietRelease[]): string {
  const text = releases.map((r) => `${r.databaseId ?? ''}\t${r.tagName}\t${r.updatedAt}`).join('\n');
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

interface RepoAnswer {
  nameWithOwner: string;
  releases: { totalCount: number; nodes: (QuietRelease | null)[] };
}

type RateLimit = { cost: number; remaining: number; resetAt: string };

/** One query for up to QUIET_BATCH repos; a repo GitHub cannot resolve is left out (its REST listing says why). */
export async function checkBatch(client: GitHubClient, repos: readonly string[]): Promise<QuietCheck> {
  const { byRepo, extra } = await queryRepos<RepoAnswer, { rateLimit: RateLimit }>(
    client,
    'QuietCheck',
    repos,
    `nameWithOwner releases(first: ${QUIET_NEWEST}, orderBy: {field: CREATED_AT, direction: DESC}) { totalCount nodes { tagName databaseId updatedAt } }`,
    'rateLimit { cost remaining resetAt }',
  );
  const fingerprints = new Map<string, string>();
  const totals = new Map<string, number>();
  for (const [repo, answer] of byRepo) {
    if (!answer) continue;
    fingerprints.set(repo, fingerprint(answer.releases.nodes.filter((n): n is QuietRelease => !!n)));
    totals.set(repo, answer.releases.totalCount);
  }
  return { fingerprints, totals, rateLimit: extra.rateLimit ?? null, queries: 1 };
}

/** Every repo, in batches run side by side (the client's pacing spaces them). */
export async function quietCheck(client: GitHubClient, repos: readonly string[]): Promise<QuietCheck> {
  const batches: string[][] = [];
  for (let i = 0; i < repos.length; i += QUIET_BATCH) batches.push(repos.slice(i, i + QUIET_BATCH));
  // A batch that fails (GraphQL down, budget spent) leaves its repos to the REST listing.
  const results = await Promise.all(
    batches.map((b) =>
      checkBatch(client, b).catch((): QuietCheck => ({
        fingerprints: new Map(),
        totals: new Map(),
        rateLimit: null,
        queries: 1,
      })),
    ),
  );
  const out: QuietCheck = { fingerprints: new Map(), totals: new Map(), rateLimit: null, queries: results.length };
  for (const r of results) {
    for (const [k, v] of r.fingerprints) out.fingerprints.set(k, v);
    for (const [k, v] of r.totals) out.totals.set(k, v);
    if (r.rateLimit && (!out.rateLimit || r.rateLimit.remaining < out.rateLimit.remaining)) out.rateLimit = r.rateLimit;
  }
  return out;
}
