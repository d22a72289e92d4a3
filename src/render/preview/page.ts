/**
 * A preview page per destination: each message as the platform would show it, the parts that go in a
 * thread indented under their parent. The page layout and CSS are `templates/preview/page.liquid`.
 */
import type { TemplateRenderer } from '../templates.js';
import { escapeHtml } from './html.js';

export interface PreviewConversation {
  /** e.g. "pytorch/pytorch v2.10.0 published". */
  title: string;
  payloads: Record<string, unknown>[];
}

export interface PreviewDestination {
  name: string;
  /** Destination type (slack, slack-webhook, discord, teams, …) or what answers a query. */
  type: string;
  /** How the platform shows a message: the page's style (its CSS class) and each message as HTML. */
  preview: { family: string; messageHtml(payload: Record<string, unknown>): string };
  /** Parts after the first go in a thread under it (else they follow it in the channel). */
  threaded: boolean;
  conversations: PreviewConversation[];
}

export function previewHtml(renderer: TemplateRenderer, d: PreviewDestination): string {
  const one = (payload: Record<string, unknown>) => d.preview.messageHtml(payload);
  const messages = d.conversations.reduce((n, c) => n + c.payloads.length, 0);
  const conversations = d.conversations.map((c) => {
    const [first, ...rest] = c.payloads;
    if (!first) return '';
    const head = one(first);
    const tail = rest.map(one).join('');
    const thread = rest.length
      ? d.threaded
        ? `<div class="thread"><div class="thread-label">${rest.length} ${rest.length === 1 ? 'reply' : 'replies'} in the thread</div>${tail}</div>`
        : `<div class="follow">${tail}</div>`
      : '';
    return `<section class="conversation"><h2>${escapeHtml(c.title)}</h2>${head}${thread}</section>`;
  });
  return renderer.renderText('preview/page', {
    title: `${d.name} (${d.type})`,
    platform: d.preview.family,
    summary: `${d.conversations.length} message${d.conversations.length === 1 ? '' : 's'} to post, ${messages} part${messages === 1 ? '' : 's'} in all${d.threaded ? '; details in threads' : ''}`,
    body: conversations.join(''),
  });
}

/** A file name for a destination's page. */
export const previewFileName = (destination: string) => `${destination.replace(/[^\w.-]+/g, '_')}.html`;
