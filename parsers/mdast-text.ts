/** Plain text out of mdast nodes, as the parser needs it. */
import type { ListItem, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { collapseWhitespace } from './text.js';

/** Formatting removed, link text kept, URLs and raw HTML dropped, whitespace collapsed. */
export const plain = (node: Nodes) => collapseWhitespace(toString(node, { includeHtml: false }));

/** The text of a block, with a space between the bullets, rows and cells that toString would run together. */
export const blockText = (node: Nodes): string =>
  node.type === 'list' || node.type === 'listItem' || node.type === 'table' || node.type === 'tableRow'
    ? collapseWhitespace(node.children.map((c) => blockText(c)).join(' '))
    : plain(node);

/** The bullet's title: its first paragraph (or other block); later paragraphs and code are its body. */
export function titleNode(item: ListItem): Nodes | undefined {
  return item.children.find((c) => c.type !== 'list' && c.type !== 'code' && c.type !== 'table' && c.type !== 'html');
}

/** Two bullets on consecutive lines: no blank line between them. */
export function adjacent(a: ListItem, b: ListItem): boolean {
  return !!a.position && !!b.position && b.position.start.line === a.position.end.line + 1;
}
