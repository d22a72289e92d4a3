/** An item's own markdown as a reader should see it, and its PR refs shown once. */
import { replaceBareRefs } from '../../parsers/text.js';
import type { Item } from '../../parsers/model.js';
import { deceptiveLinkText } from './links.js';
import { type GitHubLinks } from '../domain/github-links.js';

/**
 * The item's markdown as a reader sees it: its title without bullet marker or table pipes (continuation
 * lines dedented), then its body (explanation, code) below it.
 */
export function itemSource(item: Item): string {
  const raw = withoutCredit(
    item,
    item.kind === 'cell'
      ? item.markdown.replace(/^\|/, '').replace(/\|$/, '')
      : item.markdown.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''),
  );
  const [first = '', ...rest] = raw.replace(/\r\n?/g, '\n').split('\n');
  const indents = rest.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const title = [first, ...rest.map((l) => l.slice(Math.min(cut, /^ */.exec(l)![0].length)))].join('\n').trimEnd();
  return item.body?.markdown ? `${title}\n\n${item.body.markdown}` : title;
}

/** GitHub's generated credit ending a title: `by @alice in https://github.com/o/r/pull/101`. */
const CREDIT = /[ \t]+by @[\w-]+(?:\[bot\])? in https?:\/\/\S+$/;

/**
 * The title's markdown without the credit the parser dropped from its text: items parsed before the parser
 * dropped it from the markdown too still have it there (the author is data: `item.author`).
 */
function withoutCredit(item: Item, md: string): string {
  if (/ by @[\w-]+(?:\[bot\])? in$/.test(item.text)) return md;
  const end = md.indexOf('\n');
  const first = end < 0 ? md : md.slice(0, end);
  return first.replace(CREDIT, '') + (end < 0 ? '' : md.slice(end));
}

/**
 * How the message views show an item titled by a `### Title (#N)` heading: its explanation as the text,
 * under its title (which `headingTitle` reads from the section, as for any explained change).
 */
export function explainedView(item: Item): Item {
  if (item.kind !== 'heading' || !item.body) return item;
  const { body, ...rest } = item;
  return {
    ...rest,
    kind: 'paragraph',
    text: body.text,
    markdown: body.markdown,
    section: [...item.section, item.text],
  };
}

/** Markdown links `[text](url)` (not images), with the target's optional title. */
const MD_LINK = /(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Masked links whose text reads as another address than their target, as an autolink to the target. */
export function showDeceptiveTargets(md: string): string {
  return md.replace(MD_LINK, (m, text: string, url: string) => (deceptiveLinkText(text, url) ? `<${url}>` : m));
}

/** Code spans, fenced code and links: where a bare `#123` must not be turned into a link. */
const PROTECTED = /(`{3,}|~{3,})[\s\S]*?\1|`[^`\n]*`|\[[^\]]*\]\([^)]*\)|<[^>\s]+>/g;

/** Bare `#123` refs in markdown as links to the repo's PRs; code and existing links untouched. */
export function linkRefsInMarkdown(md: string, repo: string | null, links: GitHubLinks): string {
  if (!repo) return md;
  let out = '';
  let at = 0;
  for (const m of md.matchAll(PROTECTED)) {
    out += link(md.slice(at, m.index), repo, links) + m[0];
    at = m.index + m[0].length;
  }
  return out + link(md.slice(at), repo, links);
}

function link(s: string, repo: string, links: GitHubLinks): string {
  return replaceBareRefs(s, (n) => {
    const url = links.ref(repo, n);
    return url ? `[#${n}](${url})` : null;
  });
}

/** Refs the text does not already spell out (inherited from a heading, or from a refs-only line). */
export function refsNotIn(text: string, refs: readonly number[]): number[] {
  return refs.filter((r) => !cites(text, r));
}

/** `#r`, `/pull/r` or `/issues/r` in the text, not followed by a word character (no RegExp per ref: items have many). */
function cites(text: string, r: number): boolean {
  for (const token of [`#${r}`, `/pull/${r}`, `/issues/${r}`]) {
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      const next = text.charCodeAt(at + token.length);
      if (Number.isNaN(next) || !isWordChar(next)) return true;
    }
  }
  return false;
}

/** [A-Za-z0-9_], what `\b` counts as a word character. */
const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** For plain-text views that list ref links apart: the text without a trailing `(#1, #2)`, and the refs to link. */
export function textAndRefs(item: Item): { text: string; refs: number[] } {
  const text = item.refs.length ? item.text.replace(/\s*\((?:\s*#\d+\s*,?)+\)\s*\.?$/, '') : item.text;
  return { text, refs: refsNotIn(text, item.refs) };
}
