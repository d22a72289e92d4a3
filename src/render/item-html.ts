/**
 * One item as HTML for pages and feeds: the item view's title and body (see render/item-view.ts) as plain
 * text, escaped (release text is untrusted: no markup of the notes survives, and the only links are the ones
 * we build to GitHub pull requests), with each PR/issue number it cites linked; numbers cited outside the
 * text (in a link target, or a heading's) follow the title.
 */
import { replaceBareRefs } from '../../parsers/text.js';
import type { Item } from '../../parsers/model.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { escapeHtml } from './html-escape.js';
import { itemView } from './item-view.js';

export function itemHtml(item: Item, repo: string, links: GitHubLinks): string {
  const view = itemView(item);
  const link = (n: number) => `<a href="${escapeHtml(links.ref(repo, n)!)}">#${n}</a>`;
  const refs = new Set(view.refs);
  const seen = new Set<number>();
  const linked = (s: string) =>
    replaceBareRefs(escapeHtml(s), (n) => {
      if (!refs.has(n)) return null;
      seen.add(n);
      return link(n);
    });
  const title = linked(view.title);
  const body = view.bodyText ? ` <span class="item-body">${linked(view.bodyText)}</span>` : '';
  const rest = view.refs.filter((n) => !seen.has(n));
  return `${title}${rest.length ? ` (${rest.map(link).join(', ')})` : ''}${body}`;
}
