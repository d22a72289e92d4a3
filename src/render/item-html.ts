/**
 * One item as HTML for pages and feeds: its plain text, escaped (release text is untrusted: no markup
 * of the notes survives, and the only links are the ones we build to GitHub pull requests), with each
 * PR/issue number it cites linked; numbers cited outside the text (in a link target) are appended.
 */
import { replaceBareRefs } from '../../parsers/text.js';
import type { Item } from '../../parsers/model.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { escapeHtml } from './html-escape.js';

export function itemHtml(item: Item, repo: string, links: GitHubLinks): string {
  const link = (r: string, n: number) => `<a href="${escapeHtml(links.ref(r, n)!)}">#${n}</a>`;
  const refs = new Set(item.refs);
  const seen = new Set<number>();
  const text = replaceBareRefs(escapeHtml(item.text), (n) => {
    if (!refs.has(n)) return null;
    seen.add(n);
    return link(repo, n);
  });
  const rest = item.refs.filter((n) => !seen.has(n));
  return rest.length ? `${text} (${rest.map((n) => link(repo, n)).join(', ')})` : text;
}
