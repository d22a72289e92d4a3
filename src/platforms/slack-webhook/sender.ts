/**
 * Slack incoming webhooks. No SDK call fits (the web-api client speaks the Web API, not webhooks), so this is
 * a small hand-written POST with 429 Retry-After and 5xx backoff. Webhooks return no ts: no threads.
 */
import { randomUUID } from 'node:crypto';
import { DeliveryError, type RetryPolicy, type Sender } from '../sender.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** With SLACK_API_URL set (tests, proxies), webhooks go to that origin too, under the same /services/ path. */
export function webhookTarget(url: string, apiUrl?: string): string {
  if (!apiUrl) return url;
  const u = new URL(url);
  return new URL(u.pathname + u.search, new URL(apiUrl).origin).toString();
}

export function createSlackWebhookSender(opts: { url: string; apiUrl?: string; retry: RetryPolicy }): Sender {
  let retries = 0;
  const target = webhookTarget(opts.url, opts.apiUrl);
  return {
    retries: () => retries,
    async send(payload) {
      for (let attempt = 0; ; attempt++) {
        let status = 0;
        let text = '';
        let retryAfter = 0;
        try {
          const res = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(payload),
          });
          status = res.status;
          text = (await res.text()).slice(0, 200);
          retryAfter = Number(res.headers.get('retry-after')) || 0;
        } catch (e) {
          if (attempt >= opts.retry.retries)
            throw new DeliveryError('transient', `Slack webhook unreachable: ${(e as Error).message}`, { cause: e });
        }
        if (status === 200) return { messageId: `webhook:${randomUUID()}` };
        if (status === 404 || status === 410 || status === 403)
          throw new DeliveryError('broken', `Slack webhook answered ${status} ${text}`.trim());
        if (status === 400) throw new DeliveryError('rejected', `Slack webhook answered 400 ${text}`.trim());
        if (status && status !== 429 && status < 500)
          throw new DeliveryError('rejected', `Slack webhook answered ${status} ${text}`.trim());
        if (attempt >= opts.retry.retries)
          throw new DeliveryError(
            'transient',
            `Slack webhook answered ${status || 'nothing'} after ${attempt + 1} tries`,
          );
        retries++;
        await sleep(status === 429 && retryAfter ? retryAfter * 1000 : opts.retry.minDelayMs * 2 ** attempt);
      }
    },
  };
}
