/** Links into GitHub for a repo's PRs and issues (GitHub redirects /pull/N to the issue when N is one). */
export function refUrl(repo: string | null, ref: number): string | null {
  return repo ? `https://github.com/${repo}/pull/${ref}` : null;
}

let host = 'github.com';

/**
 * The host release links may point to: GitHub, or GitHub Enterprise's. The composition root sets it once from
 * GITHUB_SERVER_URL (as Actions sets it); an unparsable URL keeps github.com.
 */
export function setLinkHost(serverUrl: string | undefined): void {
  try {
    host = serverUrl ? new URL(serverUrl).host.toLowerCase() : 'github.com';
  } catch {
    host = 'github.com';
  }
}

export function linkHost(): string {
  return host;
}

/**
 * A release URL is untrusted text (`html_url` comes from the API, or a fake of it): only an https:// URL on
 * the GitHub host becomes a link; anything else (javascript:, another host, a mangled string) is null.
 * `<`, `>` and `|` are percent-encoded, so the URL cannot close or split a Slack `<url|label>` link.
 */
export function safeLink(url: unknown, host: string = linkHost()): string | null {
  if (typeof url !== 'string' || url.length > 2000) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.host.toLowerCase() !== host || u.username || u.password) return null;
  return u.href.replace(/[<>|]/g, (c) => encodeURIComponent(c));
}
