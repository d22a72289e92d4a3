/**
 * An item's markdown as Slack mrkdwn or Discord markdown. Release text is untrusted: Slack gets `&`, `<`,
 * `>` escaped (which also defuses `<!channel>` and `<@U…>`); Discord gets markdown characters escaped and
 * mentions broken with a zero-width space (and every message is sent with allowed_mentions parse: []).
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../parsers/markdown.js';
import type { Item } from '../../parsers/model.js';
import { refUrl } from './links.js';

export type Platform = 'slack' | 'discord' | 'text';

const ZWSP = '\u200b';
/** Longer item texts are shortened, visibly, so that one bullet cannot blow a platform limit. */
export const MAX_ITEM_CHARS = 700;

export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mentions made harmless in Discord text that is otherwise left as markdown. */
export function breakMentions(s: string): string {
  return s.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]|a?:)/g, `<${ZWSP}$1`);
}

export function escapeDiscord(s: string): string {
  // Item lines always follow a bullet, so `#`, `-` and `>` cannot start a heading, list or quote.
  return breakMentions(s.replace(/([\\*_~`|[\]])/g, '\\$1'));
}

function linkRefs(escaped: string, repo: string, platform: Platform): string {
  if (platform === 'text') return escaped;
  return escaped.replace(/(^|[\s(,;])#(\d{2,7})\b/g, (m, pre: string, n: string) => {
    const url = refUrl(repo, Number(n));
    if (!url) return m;
    return platform === 'slack' ? `${pre}<${url}|#${n}>` : `${pre}[#${n}](${url})`;
  });
}

function safeUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url.replace(/[|<> ]/g, encodeURIComponent) : null;
}

function inline(node: Nodes, repo: string, p: Platform, inLink = false): string {
  const kids = (link = inLink) => ('children' in node ? (node.children as Nodes[]).map((c) => inline(c, repo, p, link)).join('') : '');
  switch (node.type) {
    case 'text': {
      if (p === 'text') return node.value;
      const escaped = p === 'slack' ? escapeSlack(node.value) : escapeDiscord(node.value);
      return inLink ? escaped : linkRefs(escaped, repo, p);
    }
    case 'strong':
      return p === 'slack' ? `*${kids()}*` : p === 'discord' ? `**${kids()}**` : kids();
    case 'emphasis':
      return p === 'text' ? kids() : `_${kids()}_`;
    case 'delete':
      return p === 'slack' ? `~${kids()}~` : p === 'discord' ? `~~${kids()}~~` : kids();
    case 'inlineCode': {
      const v = node.value.replace(/`/g, 'ˋ');
      return p === 'text' ? node.value : `\`${p === 'slack' ? escapeSlack(v) : v.replace(/@(everyone|here)/gi, `@${ZWSP}$1`)}\``;
    }
    case 'link': {
      const text = kids(true) || escapeText(node.url, p);
      const url = safeUrl(node.url);
      if (!url || p === 'text') return text;
      return p === 'slack' ? `<${url}|${text}>` : `[${text}](${url})`;
    }
    case 'break':
      return '\n';
    case 'image':
      return escapeText(node.alt ?? '', p);
    case 'html':
      return escapeText(node.value, p);
    case 'paragraph':
    case 'heading':
    case 'tableCell':
      return kids();
    default:
      return escapeText(toString(node), p);
  }
}

function escapeText(s: string, p: Platform): string {
  return p === 'slack' ? escapeSlack(s) : p === 'discord' ? escapeDiscord(s) : s;
}

/** The item's own markdown without its bullet marker or table pipes. */
function ownSource(item: Item): string {
  if (item.kind === 'cell') return item.markdown.replace(/^\|/, '').replace(/\|$/, '');
  return item.markdown.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
}

/** One item as a line of platform markup (no bullet). */
export function itemMarkup(item: Item, repo: string, p: Platform): string {
  if (item.text.length > MAX_ITEM_CHARS) {
    // Too long to format safely: plain text, shortened with a visible ellipsis.
    return linkRefs(escapeText(`${item.text.slice(0, MAX_ITEM_CHARS - 1).trimEnd()}…`, p), repo, p);
  }
  const tree = parseMarkdown(ownSource(item).replace(/\r\n?/g, '\n'));
  const blocks = tree.children.filter((c: RootContent) => c.type !== 'code' && c.type !== 'list');
  const out = blocks.map((b) => inline(b as Nodes | PhrasingContent, repo, p)).join(' ').replace(/\s*\n\s*/g, ' ').trim();
  return out || escapeText(item.text, p);
}
