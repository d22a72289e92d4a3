/** HTML escaping for the previews: every text from a payload goes through these. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link target: only http(s) URLs become links (anything else is shown as text). */
export function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? escapeHtml(url) : null;
}

/**
 * Placeholders for pieces already turned into HTML (code spans, links), so later formatting passes over
 * escaped text never touch them. \u0001 cannot occur in release text that went through the renderers.
 */
export class Stash {
  private readonly pieces: string[] = [];
  put(html: string): string {
    this.pieces.push(html);
    return `\u0001${this.pieces.length - 1}\u0001`;
  }
  restore(s: string): string {
    // Pieces may hold placeholders of their own (a link's formatted text): restore until none is left.
    let out = s;
    for (let i = 0; i < 5 && out.includes('\u0001'); i++)
      out = out.replace(/\u0001(\d+)\u0001/g, (_, n: string) => this.pieces[Number(n)] ?? '');
    return out;
  }
}

/** Wraps `marker`-delimited runs in a tag, on text that is already escaped. */
export function wrap(s: string, marker: string, tag: string): string {
  const m = marker.replace(/[.*+?^${}()|[\]\\~]/g, '\\$&');
  const re = new RegExp(`(^|[\\s(>\\u0001\\[,;:'"])${m}(?=\\S)([^\\n]*?\\S)${m}(?=$|[\\s).,:;!?'"<\\u0001\\]])`, 'g');
  return s.replace(re, (_, pre: string, body: string) => `${pre}<${tag}>${body}</${tag}>`);
}
