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
