/**
 * Signed webhooks (Standard Webhooks): each change event POSTed once to the destination's URL as JSON
 * (src/platforms/webhook/payload.ts), signed with its secret, retried with backoff, sent once by the outbox.
 */
import { escapeHtml } from '../../render/html-escape.js';
import type { Platform } from '../types.js';
import { webhookBody } from './payload.js';
import type { WebhookDestination } from './schema.js';

export const webhook: Platform<WebhookDestination> = {
  type: 'webhook',
  plan: (ctx) => {
    const body = webhookBody(ctx.event, ctx.filter);
    return body ? [body as unknown as Record<string, unknown>] : null;
  },
  threads: () => false,
  createSender: async (d, env) =>
    (await import('./sender.js')).createWebhookSender({ url: d.url, secret: d.secret, retry: env.retry }),
  secrets: (d) => [d.secret, d.secret.replace(/^whsec_/, '')],
  secretPatterns: [[/\bwhsec_[A-Za-z0-9+/=]{8,}/g, 'whsec_[secret]']],
  preview: {
    family: 'webhook',
    messageHtml: (p) =>
      `<div class="msg webhook"><div class="body"><div class="who"><b>POST</b> <code>${escapeHtml(String(p.type))}</code> · webhook-id <code>${escapeHtml(String(p.id))}</code></div><pre>${escapeHtml(JSON.stringify(p, null, 2))}</pre></div></div>`,
  },
};
