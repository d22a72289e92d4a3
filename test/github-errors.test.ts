// GitHub failures are told apart by Octokit's own RequestError, not by the shape of whatever was thrown.
import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { wrapGitHubError } from '../src/github/errors.js';

const request = { method: 'GET' as const, url: 'https://api.github.com/repos/o/r/releases', headers: {} };
const answered = (status: number, headers: Record<string, string> = {}) =>
  new RequestError(`HTTP ${status}`, status, { request, response: { status, url: request.url, headers, data: {} } });

describe('wrapGitHubError', () => {
  it('names a spent rate limit with its reset time', () => {
    const e = wrapGitHubError(
      'o/r',
      answered(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }),
    );
    expect(e.message).toBe(
      'listing releases of o/r failed: rate limit exceeded (resets at 2027-01-15T08:00:00.000Z); set GITHUB_TOKEN for 5,000 requests an hour, or poll less often',
    );
    expect(e.status).toBe(403);
  });

  it('tells 404, 401 and 5xx apart', () => {
    expect(wrapGitHubError('o/r', answered(404)).message).toMatch(/repository not found/);
    expect(wrapGitHubError('o/r', answered(401)).message).toMatch(/bad credentials: check GITHUB_TOKEN/);
    expect(wrapGitHubError('o/r', answered(502)).message).toMatch(/GitHub answered 502 after retries/);
  });

  it('a request without an answer is a network error, with the cause named', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const e = wrapGitHubError('o/r', new RequestError('fetch failed', 500, { request, cause }));
    expect(e.message).toMatch(/network error \(ECONNRESET\) after retries/);
    expect(e.status).toBeUndefined();
  });

  it('something that only looks like an Octokit error is not taken for a GitHub answer', () => {
    const e = wrapGitHubError('o/r', Object.assign(new Error('boom'), { status: 404, response: { headers: {} } }));
    expect(e.message).not.toMatch(/repository not found/);
    expect(e.status).toBeUndefined();
  });
});
