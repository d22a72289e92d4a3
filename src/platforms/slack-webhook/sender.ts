/** Slack incoming webhooks: one JSON POST each (src/platforms/post-json.ts). Webhooks return no ts: no threads. */
import { randomUUID } from 'node:crypto';
import { jsonPoster } from '../post-json.js';
import type { RetryPolicy, Sender } from '../sender.js';

/** With SLACK_API_URL set (tests, proxies), webhooks go to that origin too, under the same /services/ path. */
export function webhookTarget(url: string, apiUrl?: string): string {
  if (!apiUrl) return url;
  const u = new URL(url);
  return new URL(u.pathname + u.search, new URL(apiUrl).origin).toString();
}

export function createSlackWebhookSender(opts: { url: string; apiUrl?: string; retry: RetryPolicy }): Sender {
  const poster = jsonPoster({ label: 'Slack webhook', url: webhookTarget(opts.url, opts.apiUrl), retry: opts.retry });
  return {
    retries: poster.retries,
    async send(payload) {
      await poster.post(payload);
      return { messageId: `webhook:${randomUUID()}` };
    },
  };
}
