/**
 * Teams messages (one Adaptive Card each) as HTML, close to how Teams shows them (for previews): TextBlocks
 * with Teams' markdown subset, the card's buttons. Hand-written: the Adaptive Cards renderer needs a browser
 * DOM, and a card of TextBlocks and OpenUrl buttons is all release-radar sends. Styles are inline so the page
 * needs nothing of ours besides this.
 */
import { escapeHtml, safeHref, Stash, wrap } from '../../render/preview/html.js';

/** Inline Teams markdown: backslash escapes, [links](url), **bold**, _italic_. */
function inline(src: string, stash: Stash): string {
  let s = src.replace(/\\([\\`*_[\]<>])/g, (_, c: string) => stash.put(escapeHtml(c)));
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label: string, url: string) => {
    const href = safeHref(url);
    const text = inline(label, stash);
    return stash.put(href ? `<a href="${href}" style="color:#5b5fc7">${text}</a>` : text);
  });
  return wrap(wrap(escapeHtml(s), '**', 'strong'), '_', 'em');
}

/**
 * A TextBlock's markdown as Teams shows it (CommonMark): blank lines part paragraphs, a single newline is a
 * soft break (a space), `- ` lines make a list, and a line right after a list item continues that item.
 */
export function teamsMdToHtml(src: string): string {
  const stash = new Stash();
  const blocks = src.split(/\n{2,}/).map((block) => {
    const out: string[] = [];
    let list: string[] | null = null;
    let para: string[] = [];
    const endPara = () => {
      if (para.length) out.push(`<p style="margin:0 0 4px">${inline(para.join(' '), stash)}</p>`);
      para = [];
    };
    const endList = () => {
      if (list)
        out.push(
          `<ul style="margin:2px 0;padding-left:20px">${list.map((i) => `<li>${inline(i, stash)}</li>`).join('')}</ul>`,
        );
      list = null;
    };
    for (const line of block.split('\n')) {
      const b = /^\s*- (.*)$/.exec(line);
      if (b) {
        endPara();
        (list ??= []).push(b[1]!);
      } else if (list) list[list.length - 1] += ` ${line.trim()}`;
      else para.push(line.trim());
    }
    endPara();
    endList();
    return out.join('');
  });
  return stash.restore(blocks.join(''));
}

interface Element {
  type?: string;
  text?: string;
  weight?: string;
  size?: string;
  isSubtle?: boolean;
  separator?: boolean;
}
interface Card {
  body?: Element[];
  actions?: { type?: string; title?: string; url?: string }[];
}

function textBlock(e: Element): string {
  if (e.type !== 'TextBlock') return `<div style="color:#a00;font-size:12px">[${escapeHtml(String(e.type))}]</div>`;
  const style = [
    e.weight === 'Bolder' ? 'font-weight:600' : '',
    e.size === 'Medium' ? 'font-size:17px' : e.size === 'Small' ? 'font-size:12px' : '',
    e.isSubtle ? 'color:#616161' : '',
    e.separator ? 'border-top:1px solid #e0e0e0;padding-top:6px' : '',
    'margin:4px 0',
  ]
    .filter(Boolean)
    .join(';');
  return `<div style="${style}">${teamsMdToHtml(e.text ?? '')}</div>`;
}

/** One Teams message body (a Workflows webhook payload) as HTML. */
export function teamsMessageHtml(payload: Record<string, unknown>): string {
  const card = ((payload.attachments as { content?: Card }[] | undefined)?.[0]?.content ?? {}) as Card;
  const buttons = (card.actions ?? [])
    .map((a) => {
      const href = a.type === 'Action.OpenUrl' ? safeHref(a.url ?? '') : null;
      const label = escapeHtml(a.title ?? '');
      return href
        ? `<a href="${href}" style="display:inline-block;margin-top:6px;padding:4px 12px;border:1px solid #d1d1d1;border-radius:4px;color:#242424">${label}</a>`
        : `<span>${label}</span>`;
    })
    .join(' ');
  return `<div class="msg teams" style="display:flex;gap:10px;padding:8px;margin:6px 0;background:#fff;border:1px solid #e0e0e0;border-radius:6px;color:#242424;min-width:0"><div class="avatar" style="background:#5b5fc7">RR</div><div class="body"><div class="who"><b>release-radar</b><span class="tag" style="background:#e8ebfa;color:#5b5fc7">Workflows</span></div>${(card.body ?? []).map(textBlock).join('')}${buttons}</div></div>`;
}
