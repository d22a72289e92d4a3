/** HTML for the previews: every text from a payload goes through `escapeHtml`. */
import { escapeHtml } from '../html-escape.js';

export { escapeHtml };

/** A link target: only http(s) URLs become links (anything else is shown as text). */
export function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? escapeHtml(url) : null;
}

/**
 * Placeholders for pieces already turned into HTML (code spans, links), so later formatting passes over
 * escaped text never touch them. They use a private-use character, which the escaper keeps (it drops control characters).
 */
export class Stash {
  private readonly pieces: string[] = [];
  put(html: string): string {
    this.pieces.push(html);
    return `\uE000${this.pieces.length - 1}\uE000`;
  }
  restore(s: string): string {
    // Pieces may hold placeholders of their own (a link's formatted text): restore until none is left.
    let out = s;
    for (let i = 0; i < 5 && out.includes('\uE000'); i++)
      out = out.replace(/\uE000(\d+)\uE000/g, (_, n: string) => this.pieces[Number(n)] ?? '');
    return out;
  }
}

/** Wraps `marker`-delimited runs in a tag, on text that is already escaped. */
export function wrap(s: string, marker: string, tag: string): string {
  const m = marker.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&');
  const re = new RegExp(`(^|[\\s(>\\uE000\\[,;:'"])${m}(?=\\S)([^\\n]*?\\S)${m}(?=$|[\\s).,:;!?'"<\\uE000\\]])`, 'g');
  return s.replace(re, (_, pre: string, body: string) => `${pre}<${tag}>${body}</${tag}>`);
}
