/**
 * Signed webhooks: each body POSTed with Standard Webhooks' headers (webhook-id, webhook-timestamp,
 * webhook-signature), signed by its maintained library, afresh on every try (the timestamp must be recent).
 * The id is the body's: a receiver sees a retry or a redelivery as the message it already has.
 */
import { Webhook } from 'standardwebhooks';
import { jsonPoster } from '../post-json.js';
import type { RetryPolicy, Sender } from '../sender.js';

export function createWebhookSender(opts: { url: string; secret: string; retry: RetryPolicy }): Sender {
  const signer = new Webhook(opts.secret);
  const poster = jsonPoster({
    label: 'webhook',
    url: opts.url,
    retry: opts.retry,
    // 401: the receiver does not take our signature (the secrets differ): the destination needs fixing.
    broken: [401, 403, 404, 410],
    headers: (body, payload) => {
      const id = String((payload as { id: unknown }).id);
      const now = new Date();
      return {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signer.sign(id, now, body),
      };
    },
  });
  return {
    retries: poster.retries,
    async send(payload) {
      await poster.post(payload);
      return { messageId: String(payload.id) };
    },
  };
}
