/**
 * A fake GitHub REST API for "List releases" (and "Get a release" by id, tag or latest), as msw handlers: per_page/page, `Link`
 * pagination, `ETag` and 304 on `If-None-Match`, `x-ratelimit-*` headers with a budget that answers 403 when
 * spent, and injected faults (5xx, 429 with Retry-After, dropped connections). In-process with msw's
 * `setupServer(...gh.handlers)` (clients use `gh.url`, the real API), or on loopback after `start()`.
 */
import { createHash } from 'node:crypto';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { answerGraphQL } from './github-graphql.js';
import { dropConnection, json, serveHandlers, type LoopbackServer } from './http.js';

export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body: string;
  draft?: boolean;
  prerelease?: boolean;
  created_at?: string | null;
  published_at?: string | null;
  /** Moves on every edit (GraphQL's `updatedAt`; REST's `updated_at`). */
  updated_at?: string | null;
  html_url?: string;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Close the socket without an answer (a network error). */
  drop?: boolean;
}

export interface RecordedRequest {
  /** `GET` for REST reads, `POST` for GraphQL. */
  method: string;
  path: string;
  /** The fake's clock when it was answered (ms). */
  at: number;
  /** Rate-limit points it cost (a 304 costs none). */
  points: number;
  ifNoneMatch: string | undefined;
  authorization: string | undefined;
  /** GraphQL: the operation's name (`QuietCheck`, `FirstListing`) and the repos it asks about. */
  graphql?: { operation: string; repos: string[] };
}

export class FakeGitHub {
  /** Newest first, as GitHub lists them. */
  readonly repos = new Map<string, FakeRelease[]>();
  readonly requests: RecordedRequest[] = [];
  /** Faults answered before normal service, one per request; keyed by request number (1-based) or queued. */
  readonly faults: Fault[] = [];
  readonly faultAt = new Map<number, Fault>();
  /** Releases answered by id but absent from the list (as GitHub's list can lag or skip). */
  readonly extra: { repo: string; release: FakeRelease }[] = [];
  /** Faults for requests whose path and query match, `times` times each (repos are polled concurrently). */
  readonly faultsFor: { match: RegExp; fault: Fault; times: number }[] = [];
  /** REST's primary budget; `reset` (epoch seconds) refills it. */
  rateLimit: { limit: number; remaining: number; reset?: number } = { limit: 5000, remaining: 5000 };
  /** GraphQL's budget (points; a query without mutations costs one per 100 connections). */
  graphqlLimit: { limit: number; remaining: number; reset?: number } = { limit: 5000, remaining: 5000 };
  /** Renamed repos: old full name -> new one. REST answers 301 to the new path; GraphQL follows. */
  readonly renamed = new Map<string, string>();
  /** The fake's clock (ms), for rate-limit resets and request times: tests inject a virtual one. */
  now: () => number = Date.now;
  /** Repos that GET /repos/{owner}/{repo} reports as private (the token can see them). */
  readonly privateRepos = new Set<string>();
  /** Called with every request before it is answered (tests use it to act at a given moment). */
  onRequest?: (request: Request) => void;
  /** Answers wait this long; `maxInFlight` counts the most requests open at once. */
  delayMs = 0;
  maxInFlight = 0;
  private inFlight = 0;
  private served: LoopbackServer | null = null;
  private nextId = 1000;

  readonly handlers: RequestHandler[] = [
    http.post('*/graphql', ({ request }) => this.serve(request, (rec) => this.graphql(request, rec))),
    // A renamed repo: 301 to its new path, for every read under it (handlers run in order).
    ...['*/repos/:owner/:repo', '*/repos/:owner/:repo/*'].map((path) =>
      http.get(path, ({ request, params }) => this.moved(request, `${String(params.owner)}/${String(params.repo)}`)),
    ),
    http.get('*/repos/:owner/:repo', ({ request, params }) =>
      this.serve(request, () => this.repoInfo(`${String(params.owner)}/${String(params.repo)}`)),
    ),
    http.get('*/repos/:owner/:repo/releases', ({ request, params }) =>
      this.serve(request, () => this.list(request, `${String(params.owner)}/${String(params.repo)}`)),
    ),
    http.get('*/repos/:owner/:repo/releases/latest', ({ request, params }) =>
      this.serve(request, () => this.one(`${String(params.owner)}/${String(params.repo)}`, null)),
    ),
    http.get('*/repos/:owner/:repo/releases/:id', ({ request, params }) =>
      /^\d+$/.test(String(params.id))
        ? this.serve(request, () => this.byId(`${String(params.owner)}/${String(params.repo)}`, Number(params.id)))
        : undefined,
    ),
    http.get('*/repos/:owner/:repo/releases/tags/:tag', ({ request, params }) =>
      this.serve(request, () =>
        this.one(`${String(params.owner)}/${String(params.repo)}`, decodeURIComponent(String(params.tag))),
      ),
    ),
  ];

  /** The API base for clients: the loopback server once started, else the real one (for in-process msw). */
  get url(): string {
    return this.served?.url ?? 'https://api.github.com';
  }

  /** Serves the handlers on loopback (for child processes). */
  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
  }

  /** Publishes a release on top (newest); returns it. */
  publish(repo: string, rel: Partial<FakeRelease> & { tag_name: string }): FakeRelease {
    const list = this.repos.get(repo) ?? [];
    const id = rel.id ?? this.nextId++;
    const at = new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString();
    const full: FakeRelease = {
      id,
      name: rel.tag_name,
      body: '',
      draft: false,
      prerelease: false,
      created_at: at,
      published_at: at,
      updated_at: at,
      html_url: `https://github.com/${repo}/releases/tag/${rel.tag_name}`,
      ...rel,
    };
    list.unshift(full);
    this.repos.set(repo, list);
    return full;
  }

  edit(repo: string, tag: string, body: string): void {
    const r = this.repos.get(repo)?.find((x) => x.tag_name === tag);
    if (!r) throw new Error(`no release ${tag} in ${repo}`);
    r.body = body;
    r.updated_at = new Date(Math.max(this.now(), (Date.parse(r.updated_at ?? '') || 0) + 1000)).toISOString();
  }

  remove(repo: string, tag: string): void {
    this.repos.set(
      repo,
      (this.repos.get(repo) ?? []).filter((x) => x.tag_name !== tag),
    );
  }

  /** A budget whose reset time has passed is full again. */
  private refill(budget: { limit: number; remaining: number; reset?: number }): { reset: number } {
    const now = this.now();
    if (budget.reset !== undefined && now >= budget.reset * 1000) {
      budget.remaining = budget.limit;
      budget.reset = undefined;
    }
    budget.reset ??= Math.floor(now / 1000) + 3600;
    return { reset: budget.reset };
  }

  private rateHeaders(resource: 'core' | 'graphql' = 'core'): Record<string, string> {
    const budget = resource === 'core' ? this.rateLimit : this.graphqlLimit;
    const { reset } = this.refill(budget);
    return {
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': String(budget.remaining),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(budget.limit - budget.remaining),
      'x-ratelimit-resource': resource,
    };
  }

  private moved(request: Request, from: string): Promise<Response> | undefined {
    const to = this.renamed.get(from);
    if (!to) return undefined;
    const url = new URL(request.url);
    url.pathname = url.pathname.replace(`/repos/${from}`, `/repos/${to}`);
    return this.serve(request, () => {
      this.rateLimit.remaining--;
      return new HttpResponse(JSON.stringify({ message: 'Moved Permanently', url: url.href }), {
        status: 301,
        headers: { location: url.href, 'content-type': 'application/json', ...this.rateHeaders() },
      });
    });
  }

  /** POST /graphql: the query run against GitHub's schema (the part the quiet check reads). */
  private async graphql(request: Request, rec: RecordedRequest): Promise<Response> {
    const { reset } = this.refill(this.graphqlLimit);
    if (this.graphqlLimit.remaining <= 0)
      return json(
        200,
        { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
        this.rateHeaders('graphql'),
      );
    const before = this.graphqlLimit.remaining;
    const body = (await request.json()) as { query?: string; variables?: Record<string, unknown> };
    const vars = body.variables ?? {};
    rec.graphql = {
      operation: /^\s*query\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '',
      repos: Object.keys(vars)
        .filter((k) => /^o\d+$/.test(k))
        .map((k) => `${String(vars[k])}/${String(vars[`n${k.slice(1)}`])}`),
    };
    const answer = await this.graphqlAnswer(body, reset);
    rec.points = before - this.graphqlLimit.remaining;
    return json(200, answer, this.rateHeaders('graphql'));
  }

  /**
   * GitHub's answer to a GraphQL query over this fake's repos (spending its GraphQL budget), as the handler
   * sends it; a test may alter it before sending it itself.
   */
  async graphqlAnswer(
    body: { query?: string; variables?: Record<string, unknown> },
    reset = this.refill(this.graphqlLimit).reset,
  ): Promise<{ data?: unknown; errors?: unknown[] }> {
    return answerGraphQL(
      {
        releasesOf: (repo) => this.repos.get(repo),
        resolve: (repo) => this.renamed.get(repo) ?? repo,
        budget: Object.assign(this.graphqlLimit, { resetAt: new Date(reset * 1000).toISOString() }),
      },
      body,
    );
  }

  /** What every request goes through: counted in flight and delayed, then `answer`. */
  private async serve(
    request: Request,
    answer: (rec: RecordedRequest) => Response | Promise<Response>,
  ): Promise<Response> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const arrived = this.now(); // GitHub counts a request when it arrives, not when it is answered
    try {
      if (this.delayMs) await delay(this.delayMs);
      return this.answer(request, answer, arrived);
    } finally {
      this.inFlight--;
    }
  }

  /** Recorded, then a fault (by path, by number or queued), then the rate-limit budget. */
  private async answer(
    request: Request,
    answer: (rec: RecordedRequest) => Response | Promise<Response>,
    arrived: number,
  ): Promise<Response> {
    this.onRequest?.(request);
    const url = new URL(request.url);
    this.refill(this.rateLimit);
    const remaining = this.rateLimit.remaining;
    const recorded: RecordedRequest = {
      method: request.method,
      at: arrived,
      points: 0,
      path: url.pathname + url.search,
      ifNoneMatch: request.headers.get('if-none-match') ?? undefined,
      authorization: request.headers.get('authorization') ?? undefined,
    };
    this.requests.push(recorded);
    const byPath = this.faultsFor.find((f) => f.times > 0 && f.match.test(url.pathname + url.search));
    if (byPath) byPath.times--;
    const fault = byPath?.fault ?? this.faultAt.get(this.requests.length) ?? this.faults.shift();
    if (fault) {
      if (fault.drop) return dropConnection();
      return json(fault.status, fault.body ?? { message: `fault ${fault.status}` }, {
        ...this.rateHeaders(),
        ...fault.headers,
      });
    }
    if (request.method === 'GET' && this.rateLimit.remaining <= 0) {
      return json(
        403,
        {
          message: 'API rate limit exceeded for 127.0.0.1.',
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
        },
        this.rateHeaders(),
      );
    }
    const response = await answer(recorded);
    if (request.method === 'GET') recorded.points = remaining - this.rateLimit.remaining;
    return response;
  }

  private repoInfo(full: string): Response {
    this.rateLimit.remaining--;
    if (!this.repos.has(full)) return json(404, { message: 'Not Found' }, this.rateHeaders());
    const priv = this.privateRepos.has(full);
    return json(200, { full_name: full, private: priv, visibility: priv ? 'private' : 'public' }, this.rateHeaders());
  }

  private byId(repo: string, id: number): Response {
    this.rateLimit.remaining--;
    const all = [...(this.repos.get(repo) ?? []), ...this.extra.filter((x) => x.repo === repo).map((x) => x.release)];
    const r = all.find((x) => x.id === id);
    if (r) return json(200, r, this.rateHeaders());
    return json(
      404,
      { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases#get-a-release' },
      this.rateHeaders(),
    );
  }

  /** `releases/latest` (tag null: the newest neither draft nor pre-release) or `releases/tags/{tag}`. */
  private one(repo: string, tag: string | null): Response {
    this.rateLimit.remaining--;
    const list = this.repos.get(repo) ?? [];
    const r = tag ? list.find((x) => x.tag_name === tag) : list.find((x) => !x.draft && !x.prerelease);
    if (r) return json(200, r, this.rateHeaders());
    return json(
      404,
      { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases' },
      this.rateHeaders(),
    );
  }

  private list(request: Request, repo: string): Response {
    const url = new URL(request.url);
    const all = this.repos.get(repo);
    if (!all) {
      this.rateLimit.remaining--;
      return json(
        404,
        { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases#list-releases' },
        this.rateHeaders(),
      );
    }
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const etag = `"${createHash('sha1').update(JSON.stringify(slice)).digest('hex')}"`;
    if (request.headers.get('if-none-match') === etag) {
      // Conditional requests answered 304 do not count against the rate limit.
      return new HttpResponse(null, { status: 304, headers: { etag, ...this.rateHeaders() } });
    }
    this.rateLimit.remaining--;
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number, rel: string) =>
      `<${url.origin}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return json(200, slice, { etag, ...this.rateHeaders(), ...(links.length ? { link: links.join(', ') } : {}) });
  }
}
