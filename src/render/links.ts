/** Link text that reads as an address: a URL with a scheme, `www.…`, or a host under a common top-level domain. */
const URL_TEXT = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s:]+)/i;
const HOST_TEXT =
  /^((?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|ai|app|co|edu|gov|info|me|xyz|cn|ru|uk|de|fr|jp|ly|gl|gg|sh|to))(?::\d+)?(?:[/?#]\S*)?$/i;

const bareHost = (h: string) =>
  h
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');

/**
 * A masked link whose text reads as an address other than its target (`[https://github.com/x](https://evil.example)`):
 * shown as it stands, a reader trusts the text and follows the target. Such links are shown as their target on
 * every surface. The text's host may be the target's or a parent of it (`pytorch.org` for docs.pytorch.org).
 */
export function deceptiveLinkText(text: string, target: string): boolean {
  const t = text.trim();
  const host = URL_TEXT.exec(t)?.[1] ?? HOST_TEXT.exec(t)?.[1] ?? (/^www\./i.test(t) ? t.split(/[/?#\s:]/)[0] : null);
  if (!host) return false;
  let targetHost: string;
  try {
    targetHost = bareHost(new URL(target).hostname);
  } catch {
    return true; // no host to compare with: the text claims one it does not have
  }
  const shown = bareHost(host);
  return targetHost !== shown && !targetHost.endsWith(`.${shown}`);
}
