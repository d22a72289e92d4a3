/**
 * An item's markdown as the markup of one surface (Slack mrkdwn, Discord markdown, Teams markdown, plain
 * text). The surface is a `MarkupStyle`: how it escapes untrusted text and writes bold, code and links; this
 * file walks the markdown once for all of them. Release text is untrusted: every style escapes it so that it
 * formats nothing it did not say and pings no one.
 */
import { replaceBareRefs } from '../../parsers/text.js';
import type { Code, Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../parsers/markdown.js';
import type { Item } from '../../parsers/model.js';
import { itemSource } from './item-source.js';
import { deceptiveLinkText } from './links.js';
import { type GitHubLinks } from '../domain/github-links.js';

/** How one surface writes markup. Every method but `text` and `code` takes markup that is already escaped. */
export interface MarkupStyle {
  /** Names the style in caches and messages: `slack`, `discord`, `teams`, `text`. */
  readonly name: string;
  readonly bullet: string;
  /** Untrusted plain text, escaped. */
  text(s: string): string;
  bold(markup: string): string;
  italic(markup: string): string;
  strike(markup: string): string;
  /** Inline code from its raw text (the style escapes what it must). */
  code(raw: string): string;
  /** A code block from its raw text, already cut to size and with no fence inside. */
  codeBlock(raw: string): string;
  /** A link: `url` is http(s) with `|`, `<`, `>` and spaces encoded; `text` is markup. */
  link(url: string, text: string): string;
  /** A link shown as its own address. */
  autolink(url: string): string;
}

/** Plain text: nothing escaped, links as their text (the terminal and JSON views). */
export const TEXT_STYLE: MarkupStyle = {
  name: 'text',
  bullet: '-',
  text: (s) => s,
  bold: (s) => s,
  italic: (s) => s,
  strike: (s) => s,
  code: (raw) => raw,
  codeBlock: (raw) => raw,
  link: (_url, text) => text,
  autolink: (url) => url,
};

/** Longer item texts are shortened, visibly, so that one bullet cannot blow a platform limit. */
export const MAX_ITEM_CHARS = 700;

/** Bare `#123` refs in escaped markup, as links to the repo's PRs. */
export function linkRefs(escaped: string, repo: string, style: MarkupStyle, links: GitHubLinks): string {
  return replaceBareRefs(escaped, (n) => {
    const url = links.ref(repo, n);
    return url ? style.link(url, `#${n}`) : null;
  });
}

/**
 * An http(s) URL with the characters that could end or split a link in some markup percent-encoded: `| < >`
 * (Slack's `<url|text>`), `( ) [ ]` (markdown's `[text](url)`: a target holding `)[…](` would open a second,
 * deceptive link) and whitespace. The URL still leads to the same place.
 */
function safeUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url.replace(/[|<>()[\]\s]/g, percentEncode) : null;
}

// encodeURIComponent leaves `(` and `)` as they are.
const percentEncode = (c: string) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c));

interface Walk {
  repo: string;
  style: MarkupStyle;
  links: GitHubLinks;
}

function inline(node: Nodes, w: Walk, inLink = false): string {
  const { style } = w;
  const kids = (link = inLink) =>
    'children' in node ? (node.children as Nodes[]).map((c) => inline(c, w, link)).join('') : '';
  switch (node.type) {
    case 'text': {
      const escaped = style.text(node.value);
      return inLink ? escaped : linkRefs(escaped, w.repo, style, w.links);
    }
    case 'strong':
      return style.bold(kids());
    case 'emphasis':
      return style.italic(kids());
    case 'delete':
      return style.strike(kids());
    case 'inlineCode':
      return style.code(node.value);
    case 'link': {
      const url = safeUrl(node.url);
      // Text that reads as another address than the target is not shown: the target is (see links.ts).
      if (deceptiveLinkText(toString(node), node.url)) return url ? style.autolink(url) : style.text(node.url);
      const text = kids(true) || style.text(node.url);
      return url ? style.link(url, text) : text;
    }
    case 'break':
      return '\n';
    case 'image':
      return style.text(node.alt ?? '');
    case 'html':
      return style.text(node.value);
    case 'paragraph':
    case 'heading':
    case 'tableCell':
      return kids();
    default:
      return style.text(toString(node));
  }
}

/** A code block in a message: at most this many lines and characters, then a visible "…". */
export const MAX_CODE_LINES = 15;
export const MAX_CODE_CHARS = 800;

function codeBlock(node: Code, style: MarkupStyle): string {
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
  return style.codeBlock(v);
}

/** One item as a line of markup in a style (no bullet). */
export function itemMarkup(item: Item, repo: string, style: MarkupStyle, links: GitHubLinks): string {
  if (item.text.length > MAX_ITEM_CHARS) {
    // Too long to format safely: plain text, shortened with a visible ellipsis.
    return linkRefs(style.text(`${item.text.slice(0, MAX_ITEM_CHARS - 1).trimEnd()}…`), repo, style, links);
  }
  const tree = parseMarkdown(itemSource(item));
  const blocks = tree.children.filter((c: RootContent) => c.type !== 'list');
  // Prose runs on one line; a code block (kept, within limits) starts on its own.
  let out = '';
  let prose = false;
  for (const b of blocks) {
    if (b.type === 'code') {
      out += `${out ? '\n' : ''}${codeBlock(b, style)}`;
      prose = false;
    } else {
      const text = inline(b as Nodes | PhrasingContent, { repo, style, links })
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      if (!text) continue;
      out += `${out ? (prose ? ' ' : '\n') : ''}${text}`;
      prose = true;
    }
  }
  return out || style.text(item.text);
}

/** One line of markdown (an item view's title) as markup in a style: inline code, links and refs kept. */
export function lineMarkup(md: string, repo: string, style: MarkupStyle, links: GitHubLinks): string {
  const tree = parseMarkdown(md);
  return tree.children
    .map((b) => inline(b as Nodes, { repo, style, links }))
    .join(' ')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
