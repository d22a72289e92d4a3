/** Slack Block Kit and mrkdwn as HTML, close to how Slack shows them (for previews). */
import { escapeHtml, safeHref, Stash, wrap } from '../../render/preview/html.js';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** mrkdwn (entities escaped, `<url|text>` links, *bold*, _italic_, ~strike~, `code`) as HTML. */
export function mrkdwnToHtml(src: string): string {
  const stash = new Stash();
  let s = src.replace(/```([\s\S]*?)```/g, (_, code: string) => stash.put(`<pre>${escapeHtml(decode(code))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => stash.put(`<code>${escapeHtml(decode(code))}</code>`));
  s = s.replace(/<([^<>|\n]+)(?:\|([^<>\n]*))?>/g, (_, target: string, label: string | undefined) => {
    if (/^[!@#]/.test(target)) return stash.put(`<span class="mention">${escapeHtml(decode(label ?? target))}</span>`);
    const href = safeHref(decode(target));
    const text = inline(label ?? target);
    return stash.put(href ? `<a href="${href}">${text}</a>` : text);
  });
  return stash.restore(inline(s));
}

/** Escaped text with bold, italic and strike, newlines as line breaks. */
function inline(s: string): string {
  let out = escapeHtml(decode(s));
  out = wrap(out, '*', 'strong');
  out = wrap(out, '_', 'em');
  out = wrap(out, '~', 'del');
  return out.replace(/\n/g, '<br>');
}

interface TextObject {
  type?: string;
  text?: string;
}
interface Block {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: (TextObject & { alt_text?: string })[];
}

const textObject = (t: TextObject | undefined) =>
  !t?.text ? '' : t.type === 'plain_text' ? escapeHtml(t.text).replace(/\n/g, '<br>') : mrkdwnToHtml(t.text);

function block(b: Block): string {
  switch (b.type) {
    case 'header':
      return `<div class="s-header">${escapeHtml(b.text?.text ?? '')}</div>`;
    case 'section': {
      const fields = b.fields?.length
        ? `<div class="s-fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      return `<div class="s-section">${textObject(b.text)}${fields}</div>`;
    }
    case 'context':
      return `<div class="s-context">${(b.elements ?? []).map((e) => (e.type === 'image' ? `<span>[${escapeHtml(e.alt_text ?? 'image')}]</span>` : `<span>${textObject(e)}</span>`)).join(' ')}</div>`;
    case 'divider':
      return '<hr class="s-divider">';
    default:
      return `<div class="s-unknown">[${escapeHtml(String(b.type))} block]</div>`;
  }
}

/** One Slack message body (chat.postMessage / webhook payload) as HTML. */
export function slackMessageHtml(payload: Record<string, unknown>): string {
  const blocks = Array.isArray(payload.blocks) ? (payload.blocks as Block[]) : [];
  const body = blocks.length
    ? blocks.map(block).join('')
    : `<div class="s-section">${mrkdwnToHtml(String(payload.text ?? ''))}</div>`;
  return `<div class="msg slack"><div class="avatar">RR</div><div class="body"><div class="who"><b>release-radar</b><span class="tag">APP</span></div>${body}</div></div>`;
}
