/**
 * The part of GitHub's GraphQL API (POST /graphql) that release-radar's quiet check reads, executed by
 * graphql-js against a schema written with GitHub's own type and field names (`repository(owner:, name:)`,
 * `releases(first:, orderBy:)`, `pageInfo`, `tagName`, `databaseId`, `updatedAt`, `description`, `rateLimit { cost remaining resetAt }`),
 * so that a query GitHub would reject fails here too. A repository that does not exist answers as GitHub
 * does: `null` under its alias and an error of type NOT_FOUND with its path.
 */
import { buildSchema, graphql, type GraphQLError } from 'graphql';

const SCHEMA = buildSchema(`
  scalar DateTime
  enum OrderDirection { ASC DESC }
  enum ReleaseOrderField { CREATED_AT NAME }
  input ReleaseOrder { field: ReleaseOrderField! direction: OrderDirection! }
  type Release {
    databaseId: Int
    tagName: String!
    name: String
    isDraft: Boolean!
    isPrerelease: Boolean!
    createdAt: DateTime!
    publishedAt: DateTime
    updatedAt: DateTime!
    url: String!
    description: String
  }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! endCursor: String startCursor: String }
  type ReleaseConnection { totalCount: Int! pageInfo: PageInfo! nodes: [Release] }
  type Repository {
    nameWithOwner: String!
    releases(first: Int, last: Int, after: String, before: String, orderBy: ReleaseOrder): ReleaseConnection!
  }
  type RateLimit { cost: Int! limit: Int! nodeCount: Int! remaining: Int! resetAt: DateTime! used: Int! }
  type Query {
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    rateLimit(dryRun: Boolean = false): RateLimit
  }
`);

/** What the resolvers read: the fake's releases (REST's shape), renames, and the GraphQL budget. */
export interface GraphQLSource {
  releasesOf(repo: string): GraphQLRelease[] | undefined;
  /** The current name of a renamed repo (GraphQL follows renames). */
  resolve(repo: string): string;
  budget: { limit: number; remaining: number; resetAt: string };
}

export interface GraphQLRelease {
  id: number;
  tag_name: string;
  name: string | null;
  draft?: boolean;
  prerelease?: boolean;
  created_at?: string | null;
  published_at?: string | null;
  updated_at?: string | null;
  html_url?: string;
  body?: string | null;
}

/** GitHub's cost of a query: one point per 100 connection requests it may make, at least one. */
function costOf(query: string): number {
  const connections = (query.match(/releases\s*\(/g) ?? []).length;
  return Math.max(1, Math.ceil(connections / 100));
}

export async function answerGraphQL(
  source: GraphQLSource,
  body: { query?: string; variables?: Record<string, unknown> },
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const query = body.query ?? '';
  const cost = costOf(query);
  source.budget.remaining = Math.max(0, source.budget.remaining - cost);
  const rootValue = {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const full = source.resolve(`${owner}/${name}`);
      const list = source.releasesOf(full);
      if (!list) throw Object.assign(new Error(`Could not resolve to a Repository with the name '${owner}/${name}'.`));
      return {
        nameWithOwner: full,
        releases: ({ first, last }: { first?: number; last?: number }) => {
          const n = Math.min(100, first ?? last ?? 100);
          return {
            totalCount: list.length,
            // No cursors: release-radar reads one page and leaves longer histories to REST.
            pageInfo: { hasNextPage: list.length > n, hasPreviousPage: false, endCursor: null, startCursor: null },
            nodes: (first !== undefined || last === undefined ? list.slice(0, n) : list.slice(-n)).map((r) => ({
              databaseId: r.id,
              tagName: r.tag_name,
              name: r.name,
              isDraft: !!r.draft,
              isPrerelease: !!r.prerelease,
              createdAt: r.created_at,
              publishedAt: r.published_at,
              updatedAt: r.updated_at ?? r.published_at ?? r.created_at,
              url: r.html_url,
              description: r.body ?? null,
            })),
          };
        },
      };
    },
    rateLimit: () => ({
      cost,
      limit: source.budget.limit,
      remaining: source.budget.remaining,
      used: source.budget.limit - source.budget.remaining,
      resetAt: source.budget.resetAt,
      nodeCount: 0,
    }),
  };
  const result = await graphql({ schema: SCHEMA, source: query, rootValue, variableValues: body.variables ?? {} });
  const errors = result.errors?.map((e: GraphQLError) => ({
    ...(e.path ? { type: 'NOT_FOUND', path: e.path } : {}),
    locations: e.locations,
    message: e.message,
  }));
  return { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) };
}
