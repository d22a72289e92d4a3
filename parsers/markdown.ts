/** The one markdown front end: unified + remark-parse + remark-gfm (tables, autolinks, strikethrough). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** CRLF and lone CR become LF so that offsets into the source are the same on every platform. */
export function normalizeSource(body: string): string {
  return body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}
