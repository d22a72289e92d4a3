/**
 * The one escaper for text and attribute values in HTML, SVG and XML (site pages, feeds, previews, reports):
 * `& < > " '` all become references, and characters XML 1.0 forbids (control characters, lone surrogates)
 * are dropped, so a page or feed stays parseable whatever the release notes contain.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REFS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => REFS[c]!);
}
