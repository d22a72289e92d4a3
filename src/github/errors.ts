/** GitHub failures wrapped at the adapter's edge: a clear message, the status, the cause. No secrets. */
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

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

export function wrapGitHubError(repo: string, e: unknown, what = `listing releases of ${repo}`): GitHubError {
  const err = e as OctokitLikeError;
  const status = typeof err.status === 'number' ? err.status : undefined;
  const headers = err.response?.headers ?? {};
  let why: string;
  if (!err.response) {
    // Octokit reports a request that got no answer (DNS, refused, reset) as status 500 without a response.
    const cause = (e as { cause?: { cause?: { code?: string; message?: string }; message?: string } }).cause;
    const detail = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? err.message ?? String(e);
    return new GitHubError(`${what} failed: network error (${detail}) after retries; check the connection or GITHUB_API_URL`, undefined, { cause: e });
  }
  if ((status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = reset ? ` (resets at ${new Date(reset * 1000).toISOString()})` : headers['retry-after'] ? ` (retry after ${headers['retry-after']}s)` : '';
    why = `rate limit exceeded${when}; set GITHUB_TOKEN for 5,000 requests an hour, or poll less often`;
  } else if (status === 401) why = 'bad credentials: check GITHUB_TOKEN';
  else if (status === 404) why = 'repository not found (check the name in the config, and that GITHUB_TOKEN can read it)';
  else if (status && status >= 500) why = `GitHub answered ${status} after retries`;
  else if (status) why = `GitHub answered ${status}: ${err.message ?? ''}`.trim();
  else why = `network error: ${err.message ?? String(e)}`;
  return new GitHubError(`${what} failed: ${why}`, status, { cause: e });
}
