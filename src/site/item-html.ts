/**
 * One item as HTML for pages and feeds: its plain text, escaped (release text is untrusted: no markup
 * of the notes survives, and the only links are the ones we build to GitHub pull requests), with each
 * PR/issue number it cites linked; numbers cited outside the text (in a link target) are appended.
 */
import type { Item } from '../../parsers/model.js';
import { refUrl } from '../render/links.js';
import { escapeXml } from './escape.js';

const link = (repo: string, n: number) => `<a href="${escapeXml(refUrl(repo, n)!)}">#${n}</a>`;

export function itemHtml(item: Item, repo: string): string {
  const refs = new Set(item.refs);
  const seen = new Set<number>();
  const text = escapeXml(item.text).replace(/(^|[\s([,;])#(\d{1,7})\b/g, (m, pre: string, num: string) => {
    const n = Number(num);
    if (!refs.has(n)) return m;
    seen.add(n);
    return `${pre}${link(repo, n)}`;
  });
  const rest = item.refs.filter((n) => !seen.has(n));
  return rest.length ? `${text} (${rest.map((n) => link(repo, n)).join(', ')})` : text;
}
