/**
 * An item's markdown as Slack mrkdwn or Discord markdown. Release text is untrusted: Slack gets `&`, `<`,
 * `>` escaped (which also defuses `<!channel>` and `<@U…>`); Discord gets its markdown escaped (discord.js's
 * `escapeMarkdown`, masked links included) and mentions broken with a zero-width space (and every message is
 * sent with allowed_mentions parse: []).
 */
import { escapeMarkdown } from '@discordjs/formatters';
import type { Code, Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../parsers/markdown.js';
import type { Item } from '../../parsers/model.js';
import { itemSource } from './item-source.js';
import { deceptiveLinkText, refUrl } from './links.js';

export type Platform = 'slack' | 'discord' | 'text';

const ZWSP = '\u200b';
/** Longer item texts are shortened, visibly, so that one bullet cannot blow a platform limit. */
export const MAX_ITEM_CHARS = 700;

export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Untrusted text (not code) as Slack mrkdwn. Slack has no backslash escape: an underscore at the edge of a
 * word opens or closes italics (`_get_slice_mesh_layout (#1) · _distributed_` turns italic up to the tag),
 * while one inside a word (`get_slice`) does not. Such identifiers are code, so they go in backticks, where
 * Slack formats nothing; unlike a zero-width character, that keeps them intact when copied.
 */
export function slackText(s: string): string {
  return escapeSlack(s).replace(/(?<![\w.`])[\w.]*\w(?![\w`])/g, (w) =>
    /(^|[^a-z\d])_|_([^a-z\d]|$)/i.test(w) ? `\`${w}\`` : w,
  );
}

/** Mentions made harmless in Discord text that is otherwise left as markdown. */
export function breakMentions(s: string): string {
  return s.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]|a?:)/g, `<${ZWSP}$1`);
}

export function escapeDiscord(s: string): string {
  // Item lines always follow a bullet, so `#`, `-` and `>` cannot start a heading, list or quote.
  return breakMentions(escapeMarkdown(s, { maskedLink: true }));
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
  const kids = (link = inLink) =>
    'children' in node ? (node.children as Nodes[]).map((c) => inline(c, repo, p, link)).join('') : '';
  switch (node.type) {
    case 'text': {
      if (p === 'text') return node.value;
      const escaped = p === 'slack' ? slackText(node.value) : escapeDiscord(node.value);
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
      return p === 'text'
        ? node.value
        : `\`${p === 'slack' ? escapeSlack(v) : v.replace(/@(everyone|here)/gi, `@${ZWSP}$1`)}\``;
    }
    case 'link': {
      const url = safeUrl(node.url);
      // Text that reads as another address than the target is not shown: the target is (see links.ts).
      if (deceptiveLinkText(toString(node), node.url))
        return url ? (p === 'text' ? url : `<${url}>`) : escapeText(node.url, p);
      const text = kids(true) || escapeText(node.url, p);
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
  return p === 'slack' ? slackText(s) : p === 'discord' ? escapeDiscord(s) : s;
}

/** A code block in a message: at most this many lines and characters, then a visible "…". */
export const MAX_CODE_LINES = 15;
export const MAX_CODE_CHARS = 800;

function codeBlock(node: Code, p: Platform): string {
  let lines = node.value.split('\n');
  let cut = false;
  if (lines.length > MAX_CODE_LINES) {
    lines = lines.slice(0, MAX_CODE_LINES);
    cut = true;
  }
  let v = lines.join('\n');
  if (v.length > MAX_CODE_CHARS) {
    v = v.slice(0, MAX_CODE_CHARS);
    cut = true;
  }
  // A fence inside the code would close the block early.
  v = v.replace(/`{3,}/g, (m) => 'ˋ'.repeat(m.length)) + (cut ? '\n…' : '');
  if (p === 'text') return v;
  return `\`\`\`\n${p === 'slack' ? escapeSlack(v) : breakMentions(v)}\n\`\`\``;
}

/** One item as a line of platform markup (no bullet). */
export function itemMarkup(item: Item, repo: string, p: Platform): string {
  if (item.text.length > MAX_ITEM_CHARS) {
    // Too long to format safely: plain text, shortened with a visible ellipsis.
    return linkRefs(escapeText(`${item.text.slice(0, MAX_ITEM_CHARS - 1).trimEnd()}…`, p), repo, p);
  }
  const tree = parseMarkdown(itemSource(item));
  const blocks = tree.children.filter((c: RootContent) => c.type !== 'list');
  // Prose runs on one line; a code block (kept, within limits) starts on its own.
  let out = '';
  let prose = false;
  for (const b of blocks) {
    if (b.type === 'code') {
      out += `${out ? '\n' : ''}${codeBlock(b, p)}`;
      prose = false;
    } else {
      const text = inline(b as Nodes | PhrasingContent, repo, p)
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      if (!text) continue;
      out += `${out ? (prose ? ' ' : '\n') : ''}${text}`;
      prose = true;
    }
  }
  return out || escapeText(item.text, p);
}
