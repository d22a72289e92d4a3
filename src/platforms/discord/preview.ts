/** Discord messages (content, embeds) and Discord markdown as HTML, close to how Discord shows them (for previews). */
import { escapeHtml, safeHref, Stash, wrap } from '../../render/preview/html.js';

/** Inline Discord markdown: escapes, `code`, [masked](links), <autolinks>, **bold**, *italic* or _italic_, __underline__, ~~strike~~. */
function inline(src: string, stash: Stash): string {
  let s = src.replace(/\\([\\*_~`|[\]()<>#-])/g, (_, c: string) => stash.put(escapeHtml(c)));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => stash.put(`<code>${escapeHtml(code)}</code>`));
  s = s.replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_, label: string, url: string) => {
    const href = safeHref(url);
    const text = inline(label, stash);
    return stash.put(href ? `<a href="${href}">${text}</a>` : text);
  });
  s = s.replace(/<(https?:\/\/[^\s>]+)>/g, (_, url: string) => {
    const href = safeHref(url);
    return stash.put(href ? `<a href="${href}">${escapeHtml(url)}</a>` : escapeHtml(url));
  });
  let out = escapeHtml(s);
  out = wrap(out, '**', 'strong');
  out = wrap(out, '__', 'u');
  out = wrap(out, '~~', 'del');
  out = wrap(out, '*', 'em');
  out = wrap(out, '_', 'em');
  return out;
}

/** Discord markdown with its block forms (# headings in embeds and content, - bullets, > quotes) as HTML. */
export function discordMdToHtml(src: string): string {
  const stash = new Stash();
  const lines = src.split('\n').map((line) => {
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) return `<div class="d-h${h[1]!.length}">${inline(h[2]!, stash)}</div>`;
    const b = /^\s*[-*] (.*)$/.exec(line);
    if (b) return `<div class="d-li">${inline(b[1]!, stash)}</div>`;
    const q = /^> (.*)$/.exec(line);
    if (q) return `<div class="d-quote">${inline(q[1]!, stash)}</div>`;
    return line.trim() ? `<div>${inline(line, stash)}</div>` : '<div class="d-gap"></div>';
  });
  return stash.restore(lines.join(''));
}

interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: { name?: string; value?: string; inline?: boolean }[];
  footer?: { text?: string };
  author?: { name?: string };
}

function embed(e: Embed): string {
  const colour = typeof e.color === 'number' ? `#${e.color.toString(16).padStart(6, '0')}` : '#1e1f22';
  const href = e.url ? safeHref(e.url) : null;
  const title = e.title
    ? `<div class="d-title">${href ? `<a href="${href}">${escapeHtml(e.title)}</a>` : escapeHtml(e.title)}</div>`
    : '';
  const fields = e.fields?.length
    ? `<div class="d-fields">${e.fields.map((f) => `<div class="${f.inline ? 'inline' : 'full'}"><div class="d-fname">${escapeHtml(f.name ?? '')}</div><div>${discordMdToHtml(f.value ?? '')}</div></div>`).join('')}</div>`
    : '';
  return `<div class="d-embed" style="border-left-color:${colour}">${e.author?.name ? `<div class="d-author">${escapeHtml(e.author.name)}</div>` : ''}${title}${e.description ? `<div class="d-desc">${discordMdToHtml(e.description)}</div>` : ''}${fields}${e.footer?.text ? `<div class="d-footer">${escapeHtml(e.footer.text)}</div>` : ''}</div>`;
}

/** One Discord message body (webhook execute / channel message) as HTML. */
export function discordMessageHtml(payload: Record<string, unknown>): string {
  const content =
    typeof payload.content === 'string' && payload.content
      ? `<div class="d-content">${discordMdToHtml(payload.content)}</div>`
      : '';
  const embeds = Array.isArray(payload.embeds) ? (payload.embeds as Embed[]).map(embed).join('') : '';
  return `<div class="msg discord"><div class="avatar">RR</div><div class="body"><div class="who"><b>release-radar</b><span class="tag">BOT</span></div>${content}${embeds}</div></div>`;
}
