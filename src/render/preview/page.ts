/**
 * A preview page per destination: each message as the platform would show it, the parts that go in a
 * thread indented under their parent. The page layout and CSS are `templates/preview/page.liquid`.
 */
import type { TemplateRenderer } from '../../deliver/templates.js';
import { discordMessageHtml } from './discord.js';
import { escapeHtml } from './html.js';
import { slackMessageHtml } from './slack.js';

export interface PreviewConversation {
  /** e.g. "pytorch/pytorch v2.10.0 published". */
  title: string;
  payloads: Record<string, unknown>[];
}

export interface PreviewDestination {
  name: string;
  /** Destination type (slack, slack-webhook, discord, discord-channel) or what answers a query. */
  type: string;
  platform: 'slack' | 'discord';
  /** Parts after the first go in a thread under it (else they follow it in the channel). */
  threaded: boolean;
  conversations: PreviewConversation[];
}

export function previewHtml(renderer: TemplateRenderer, d: PreviewDestination): string {
  const one = d.platform === 'slack' ? slackMessageHtml : discordMessageHtml;
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
    platform: d.platform,
    summary: `${d.conversations.length} message${d.conversations.length === 1 ? '' : 's'} to post, ${messages} part${messages === 1 ? '' : 's'} in all${d.threaded ? '; details in threads' : ''}`,
    body: conversations.join(''),
  });
}

/** A file name for a destination's page. */
export const previewFileName = (destination: string) => `${destination.replace(/[^\w.-]+/g, '_')}.html`;
