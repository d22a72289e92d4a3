/** Links in site pages and feeds. */
import type { GitHubLinks } from '../domain/github-links.js';

/** A URL from GitHub's answer, kept only when it is an https:// link on the GitHub host: nothing else may become a live link. */
export function httpUrl(url: string | null | undefined, links: GitHubLinks): string | null {
  // Release URLs are untrusted: only https:// links on the GitHub host (see GitHubLinks.safe).
  return links.safe(url);
}
