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

/**
 * Failures that a retry cannot fix: no DNS answer, nobody listening, a certificate not trusted. Timeouts,
 * resets, 5xx and 429 are worth retrying; these are not, and retrying them makes an offline start hang.
 */
const FATAL_NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
]);
const CERT_CODE =
  /^(?:CERT_|ERR_TLS_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_(?:GET|VERIFY)_|ERR_SSL_)/;

/** The innermost cause's code of a failed fetch (undici nests it: RequestError → TypeError → Error). */
export function networkCode(e: unknown): string | undefined {
  for (
    let c = e as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0;
    c && depth < 5;
    depth++
  ) {
    if (typeof c.code === 'string' && c.code) return c.code;
    c = (c.cause ?? c.errors?.[0]) as typeof c;
  }
  return undefined;
}

/**
 * fetch refuses some ports outright (the WHATWG "bad ports": 9, 25, 6000, …), with an error that has no code,
 * only the message "bad port"; no retry can change that.
 */
export function isBadPort(e: unknown): boolean {
  for (let c = e as { cause?: unknown; message?: unknown } | undefined, depth = 0; c && depth < 5; depth++) {
    if (c.message === 'bad port') return true;
    c = c.cause as typeof c;
  }
  return false;
}

export function isFatalNetworkError(e: unknown): boolean {
  const code = networkCode(e);
  return (!!code && (FATAL_NETWORK_CODES.has(code) || CERT_CODE.test(code))) || isBadPort(e);
}

/** GitHub cannot be reached at all (DNS, refused, certificate): polling other repos on the same host is pointless. */
export class UnreachableError extends GitHubError {
  constructor(
    message: string,
    readonly baseUrl: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
    this.name = 'UnreachableError';
  }
}

/** The HTTP status GitHub answered, if `e` is Octokit's error for an answer. */
export function githubStatus(e: unknown): number | undefined {
  return e instanceof RequestError && e.response ? e.status : undefined;
}

export function wrapGitHubError(
  repo: string,
  e: unknown,
  what = `listing releases of ${repo}`,
  baseUrl?: string,
): GitHubError {
  if (!(e instanceof RequestError) || !e.response) {
    // Octokit reports a request that got no answer (DNS, refused, reset) as a RequestError without a response.
    const cause = (e as { cause?: { cause?: { code?: string; message?: string }; message?: string } }).cause;
    const code = networkCode(e);
    const detail = code ?? cause?.cause?.message ?? cause?.message ?? (e as Error).message ?? String(e);
    if (isFatalNetworkError(e)) {
      const port = baseUrl && URL.canParse(baseUrl) ? new URL(baseUrl).port : '';
      const certificate = /CERT|SSL/.test(code ?? '')
        ? ': its TLS certificate is not trusted'
        : isBadPort(e)
          ? `: fetch never connects to port ${port || '(this one)'}; check GITHUB_API_URL`
          : '';
      return new UnreachableError(`cannot reach GitHub at ${baseUrl ?? 'the API'} (${detail})${certificate}`, baseUrl, {
        cause: e,
      });
    }
    return new GitHubError(
      `${what} failed: network error (${detail}) after retries; check the connection or GITHUB_API_URL`,
      undefined,
      { cause: e },
    );
  }
  const status = e.status;
  const header = (name: string) => {
    const v = e.response?.headers[name];
    return v === undefined ? undefined : String(v);
  };
  let why: string;
  if ((status === 403 || status === 429) && (header('x-ratelimit-remaining') === '0' || header('retry-after'))) {
    const reset = Number(header('x-ratelimit-reset'));
    const when = reset
      ? ` (resets at ${new Date(reset * 1000).toISOString()})`
      : header('retry-after')
        ? ` (retry after ${header('retry-after')}s)`
        : '';
    why = `rate limit exceeded${when}; set GITHUB_TOKEN for 5,000 requests an hour, or poll less often`;
  } else if (status === 401) why = 'bad credentials: check GITHUB_TOKEN';
  else if (status === 404)
    why = 'repository not found (check the name in the config, and that GITHUB_TOKEN can read it)';
  else if (status >= 500) why = `GitHub answered ${status} after retries`;
  else why = `GitHub answered ${status}: ${e.message}`.trim();
  return new GitHubError(`${what} failed: ${why}`, status, { cause: e });
}
