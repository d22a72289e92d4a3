/**
 * Signed webhooks (Standard Webhooks): each change event POSTed once to the destination's URL as JSON
 * (src/platforms/webhook/payload.ts), signed with its secret, retried with backoff, sent once by the outbox.
 */
import { webhookPreviewHtml } from './preview.js';
import type { Platform } from '../types.js';
import { webhookBody } from './payload.js';
import { secretShapes, type WebhookDestination } from './schema.js';

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
  secretPatterns: secretShapes,
  preview: { family: 'webhook', messageHtml: webhookPreviewHtml },
};
