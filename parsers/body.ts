/** An item's body: the paragraphs, code and lists that explain it, in the order the notes give them. */
import type { Code } from 'mdast';
import type { ParsedItem } from './model.js';

/** Adds one block: its plain text (empty for code and pictures) and its markdown. */
export function addToBody(item: ParsedItem, text: string, markdown: string): void {
  if (!text && !markdown) return;
  const body = (item.body ??= { text: '', markdown: '' });
  if (text) body.text = body.text ? `${body.text} ${text}` : text;
  if (markdown) body.markdown = body.markdown ? `${body.markdown}\n\n${markdown}` : markdown;
}

/** A code block as fenced markdown, with a fence longer than any backtick run inside it. */
export function codeMarkdown(node: Code): string {
  const longest = Math.max(2, ...(node.value.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${node.lang ?? ''}\n${node.value}\n${fence}`;
}
