/** GitHub failures wrapped at the adapter's edge: a clear message, the status, the cause. No secrets. */
import { RequestError } from '@octokit/request-error';

export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GitHubError';
  }
}

/** The HTTP status GitHub answered, if `e` is Octokit's error for an answer. */
export function githubStatus(e: unknown): number | undefined {
  return e instanceof RequestError && e.response ? e.status : undefined;
}

export function wrapGitHubError(repo: string, e: unknown): GitHubError {
  if (!(e instanceof RequestError) || !e.response) {
    // Octokit reports a request that got no answer (DNS, refused, reset) as a RequestError without a response.
    const cause = (e as { cause?: { cause?: { code?: string; message?: string }; message?: string } }).cause;
    const detail = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? (e as Error).message ?? String(e);
    return new GitHubError(`listing releases of ${repo} failed: network error (${detail}) after retries; check the connection or GITHUB_API_URL`, undefined, { cause: e });
  }
  const status = e.status;
  const header = (name: string) => {
    const v = e.response?.headers[name];
    return v === undefined ? undefined : String(v);
  };
  let why: string;
  if ((status === 403 || status === 429) && (header('x-ratelimit-remaining') === '0' || header('retry-after'))) {
    const reset = Number(header('x-ratelimit-reset'));
    const when = reset ? ` (resets at ${new Date(reset * 1000).toISOString()})` : header('retry-after') ? ` (retry after ${header('retry-after')}s)` : '';
    why = `rate limit exceeded${when}; set GITHUB_TOKEN for 5,000 requests an hour, or poll less often`;
  } else if (status === 401) why = 'bad credentials: check GITHUB_TOKEN';
  else if (status === 404) why = 'repository not found (check the name in the config, and that GITHUB_TOKEN can read it)';
  else if (status >= 500) why = `GitHub answered ${status} after retries`;
  else why = `GitHub answered ${status}: ${e.message}`.trim();
  return new GitHubError(`listing releases of ${repo} failed: ${why}`, status, { cause: e });
}
