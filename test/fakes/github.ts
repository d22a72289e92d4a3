/**
 * A fake GitHub REST API for "List releases" (and "Get a release" by id, tag or latest), on loopback: per_page/page, `Link` pagination, `ETag` and
 * 304 on `If-None-Match`, `x-ratelimit-*` headers with a budget that answers 403 when spent, and
 * injected faults (5xx, 429 with Retry-After, dropped connections).
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startLoopback, type LoopbackServer } from './http.js';

export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body: string;
  draft?: boolean;
  prerelease?: boolean;
  created_at?: string | null;
  published_at?: string | null;
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
  path: string;
  ifNoneMatch: string | undefined;
  authorization: string | undefined;
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
  rateLimit = { limit: 5000, remaining: 5000 };
  /** Repos that GET /repos/{owner}/{repo} reports as private (the token can see them). */
  readonly privateRepos = new Set<string>();
  /** Answers wait this long; `maxInFlight` counts the most requests open at once. */
  delayMs = 0;
  maxInFlight = 0;
  private inFlight = 0;
  private server!: LoopbackServer;
  private nextId = 1000;

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    this.server = await startLoopback((req, _body, res) => {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => this.inFlight--);
      const answer = () => this.handle(req.url ?? '/', req.headers, res);
      if (this.delayMs) setTimeout(answer, this.delayMs);
      else answer();
    });
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Publishes a release on top (newest); returns it. */
  publish(repo: string, rel: Partial<FakeRelease> & { tag_name: string }): FakeRelease {
    const list = this.repos.get(repo) ?? [];
    const id = rel.id ?? this.nextId++;
    const full: FakeRelease = {
      id,
      name: rel.tag_name,
      body: '',
      draft: false,
      prerelease: false,
      created_at: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
      published_at: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
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
  }

  remove(repo: string, tag: string): void {
    this.repos.set(repo, (this.repos.get(repo) ?? []).filter((x) => x.tag_name !== tag));
  }

  private rateHeaders(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.rateLimit.limit),
      'x-ratelimit-remaining': String(this.rateLimit.remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(this.rateLimit.limit - this.rateLimit.remaining),
      'x-ratelimit-resource': 'core',
    };
  }

  private handle(rawUrl: string, headers: Record<string, string | string[] | undefined>, res: ServerResponse): void {
    const url = new URL(rawUrl, this.url);
    this.requests.push({
      path: url.pathname + url.search,
      ifNoneMatch: headers['if-none-match'] as string | undefined,
      authorization: headers.authorization as string | undefined,
    });
    const byPath = this.faultsFor.find((f) => f.times > 0 && f.match.test(url.pathname + url.search));
    if (byPath) byPath.times--;
    const fault = byPath?.fault ?? this.faultAt.get(this.requests.length) ?? this.faults.shift();
    if (fault) {
      if (fault.drop) {
        res.socket?.destroy();
        return;
      }
      sendJson(res, fault.status, fault.body ?? { message: `fault ${fault.status}` }, { ...this.rateHeaders(), ...fault.headers });
      return;
    }
    if (this.rateLimit.remaining <= 0) {
      sendJson(res, 403, { message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting' }, { ...this.rateHeaders(), 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) });
      return;
    }
    const byId = /^\/repos\/([^/]+)\/([^/]+)\/releases\/(\d+)$/.exec(url.pathname);
    if (byId) {
      this.rateLimit.remaining--;
      const repo = `${byId[1]}/${byId[2]}`;
      const all = [...(this.repos.get(repo) ?? []), ...this.extra.filter((x) => x.repo === repo).map((x) => x.release)];
      const r = all.find((x) => x.id === Number(byId[3]));
      if (r) sendJson(res, 200, r, this.rateHeaders());
      else sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases#get-a-release' }, this.rateHeaders());
      return;
    }
    const one = /^\/repos\/([^/]+)\/([^/]+)\/releases\/(?:latest|tags\/(.+))$/.exec(url.pathname);
    if (one) {
      this.rateLimit.remaining--;
      const list = this.repos.get(`${one[1]}/${one[2]}`) ?? [];
      const tag = one[3] ? decodeURIComponent(one[3]) : null;
      const r = tag ? list.find((x) => x.tag_name === tag) : list.find((x) => !x.draft && !x.prerelease);
      if (r) sendJson(res, 200, r, this.rateHeaders());
      else sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases' }, this.rateHeaders());
      return;
    }
    const repoInfo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (repoInfo) {
      this.rateLimit.remaining--;
      const full = `${repoInfo[1]}/${repoInfo[2]}`;
      if (!this.repos.has(full)) sendJson(res, 404, { message: 'Not Found' }, this.rateHeaders());
      else {
        const priv = this.privateRepos.has(full);
        sendJson(res, 200, { full_name: full, private: priv, visibility: priv ? 'private' : 'public' }, this.rateHeaders());
      }
      return;
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/releases$/.exec(url.pathname);
    if (!m) {
      sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const repo = `${m[1]}/${m[2]}`;
    const all = this.repos.get(repo);
    if (!all) {
      this.rateLimit.remaining--;
      sendJson(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/releases/releases#list-releases' }, this.rateHeaders());
      return;
    }
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const etag = `"${createHash('sha1').update(JSON.stringify(slice)).digest('hex')}"`;
    if (headers['if-none-match'] === etag) {
      // Conditional requests answered 304 do not count against the rate limit.
      res.writeHead(304, { etag, ...this.rateHeaders() });
      res.end();
      return;
    }
    this.rateLimit.remaining--;
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number, rel: string) => `<${this.url}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    sendJson(res, 200, slice, { etag, ...this.rateHeaders(), ...(links.length ? { link: links.join(', ') } : {}) });
  }
}
