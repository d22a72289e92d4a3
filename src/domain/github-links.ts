/**
 * Where web links point: GitHub, or a GitHub Enterprise host (GITHUB_SERVER_URL, as Actions sets it). Built
 * once by the composition root and passed to whatever renders links; an unparsable URL means github.com.
 */
export class GitHubLinks {
  /** The web host, lower case (`github.com`, `ghe.example.com`). */
  readonly host: string;

  constructor(serverUrl?: string) {
    let host = 'github.com';
    try {
      if (serverUrl) host = new URL(serverUrl).host.toLowerCase();
    } catch {
      // not a URL: github.com
    }
    this.host = host;
  }

  /** A repo's PR or issue (GitHub redirects /pull/N to the issue when N is one). */
  ref(repo: string | null, ref: number): string | null {
    return repo ? `https://${this.host}/${repo}/pull/${ref}` : null;
  }

  /**
   * A release URL is untrusted text (`html_url` comes from the API, or a fake of it): only an https:// URL on
   * the GitHub host becomes a link; anything else (javascript:, another host, a mangled string) is null.
   * `<`, `>` and `|` are percent-encoded, so the URL cannot close or split a Slack `<url|label>` link.
   */
  safe(url: unknown): string | null {
    if (typeof url !== 'string' || url.length > 2000) return null;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol !== 'https:' || u.host.toLowerCase() !== this.host || u.username || u.password) return null;
    return u.href.replace(/[<>|]/g, (c) => encodeURIComponent(c));
  }
}

/** github.com's links: for code that shows notes with no configured host (tests, the demo, pure callers). */
export const GITHUB_COM = new GitHubLinks();
