/**
 * Escaping for text and attribute values in HTML, SVG and XML: `& < > " '` all become references, and
 * characters XML 1.0 forbids (control characters, lone surrogates) are dropped, so a feed stays parseable
 * whatever the release notes contain.
 */
import { safeLink } from '../render/links.js';

const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REFS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => REFS[c]!);
}

/** A URL from GitHub's answer, kept only when it is an https:// link on the GitHub host: nothing else may become a live link. */
export function httpUrl(url: string | null | undefined): string | null {
  // Release URLs are untrusted: only https:// links on the GitHub host (see safeLink).
  return safeLink(url);
}
