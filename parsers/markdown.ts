/** The one markdown front end: unified + remark-parse + remark-gfm (tables, autolinks, strikethrough). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import type { Construct, Extension as MicromarkExtension } from 'micromark-util-types';
import type { Processor } from 'unified';

/**
 * Literal autolinks (`www.x.org`, `https://…`, `a@b.org`) as remark-gfm finds them, with less work. They cost
 * about a third of the whole parse of release notes, in two places:
 * - micromark's email construct, tried at every letter, digit and `.-+_` of the text: left out, since
 *   mdast-util-gfm-autolink-literal's transform (below) finds the same addresses in the text afterwards;
 * - that transform, which searches every text node with four expressions: it runs only when a text node
 *   outside links holds what each of them needs (`@`, `http://`, `https://` or `www.`).
 * The tree is remark-gfm's (parsers/markdown-check.ts compares them on every corpus body). Where the email
 * construct would have claimed text before another construct, the source goes to remark-gfm as it is
 * (SAME_AS_EMAIL_CONSTRUCT).
 */
function lighterAutolinks(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(withoutEmailConstruct);
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(guardedTransforms);
}

function withoutEmailConstruct(ext: MicromarkExtension): MicromarkExtension {
  if (!ext.text) return ext;
  const text: NonNullable<MicromarkExtension['text']> = {};
  for (const [code, constructs] of Object.entries(ext.text)) {
    const kept = ([] as Construct[]).concat(constructs ?? []).filter((c) => c.name !== 'emailAutolink');
    if (kept.length) text[Number(code)] = kept;
  }
  return { ...ext, text };
}

function guardedTransforms(ext: MdastExtension | MdastExtension[]): MdastExtension | MdastExtension[] {
  if (Array.isArray(ext)) return ext.map((e) => guardedTransforms(e) as MdastExtension);
  if (!ext.transforms) return ext;
  return {
    ...ext,
    transforms: ext.transforms.map((t) =>
      t.name === 'transformGfmAutolinkLiterals' ? (tree: Root) => void whereNeeded(tree, t) : t,
    ),
  };
}

/** What every one of the transform's expressions needs, in a text node outside a link. */
const AUTOLINK_NEEDS = /@|https?:\/\/|www\./i;

/** The transform on each paragraph, heading and table cell that has what it needs (it edits in place). */
function whereNeeded(node: Nodes, transform: (tree: Root) => unknown): void {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    if (mayAutolink(node)) transform(node as unknown as Root);
  } else if ('children' in node) for (const child of node.children) whereNeeded(child, transform);
}

function mayAutolink(node: Nodes): boolean {
  if (node.type === 'text') return AUTOLINK_NEEDS.test(node.value);
  if (node.type === 'link' || node.type === 'linkReference' || !('children' in node)) return false;
  return node.children.some(mayAutolink);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(lighterAutolinks).freeze();
const remarkGfmAsIs = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Sources where the email construct decides what the tree is: an address holding `www.` (the `www` construct
 * would link part of it), `_` right before `@` (emphasis would take the underscores), and `mailto:`/`xmpp:`
 * (the transform keeps the prefix inside the link). Rare in release notes, and parsed by remark-gfm as it is.
 */
const SAME_AS_EMAIL_CONSTRUCT = /_@|@[\w.+-]*www\.|www\.[\w.+-]*@|mailto:|xmpp:/i;

/** CRLF and lone CR become LF so that offsets into the source are the same on every platform. */
export function normalizeSource(body: string): string {
  return body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function parseMarkdown(source: string): Root {
  return (SAME_AS_EMAIL_CONSTRUCT.test(source) ? remarkGfmAsIs : processor).parse(source);
}

/** remark-gfm's own tree, with no lighter autolinks: what parseMarkdown must equal (parsers/markdown-check.ts). */
export function parseWithRemarkGfm(source: string): Root {
  return remarkGfmAsIs.parse(source);
}

/**
 * Cuts a long document before its top-level (`# `) headings, outside code fences, into parts of about
 * `size` characters. remark's time grows faster than the input on one document of megabytes (a whole
 * RELEASE.md); each part starts at a top-level heading, so the heading path of every item is the same as
 * in one parse.
 */
export function splitAtTopHeadings(source: string, size: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let fence: string | null = null;
  let at = 0;
  while (at < source.length) {
    const end = source.indexOf('\n', at);
    const lineEnd = end === -1 ? source.length : end;
    const line = source.slice(at, lineEnd);
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (line.trimStart().startsWith(fence)) fence = null;
    } else if (fence === null && at - start >= size && /^ {0,3}# /.test(line)) {
      parts.push(source.slice(start, at));
      start = at;
    }
    at = lineEnd + 1;
  }
  parts.push(source.slice(start));
  return parts;
}
