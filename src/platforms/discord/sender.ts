/**
 * Discord webhooks through @discordjs/rest (discord.js's REST client, without the rest of discord.js), which follows Discord's rate-limit headers per route
 * bucket and waits out 429s (`retry_after`); `DISCORD_API_URL` points it at another base. The payload is already
 * in the API's shape, so it is posted as it is: WebhookClient.send would rebuild it through MessagePayload (a
 * `require()` in each of its type checks, on every message) to the same body and route.
 */
import type { RESTOptions } from '@discordjs/rest';
import type { Logger } from 'pino';
import { DISCORD_WEBHOOK_RE } from './schema.js';
import { DeliveryError, type RetryPolicy, type Sender } from '../sender.js';

export const DEFAULT_DISCORD_API = 'https://discord.com/api';

/**
 * @discordjs/rest options: the API base, and requests through the global `fetch` rather than discord.js's own
 * undici instance, so that interceptors of `fetch` (msw in tests, proxies) see the calls. discord.js adds its
 * rate-limit `offset` twice (to the reset it stores, and again when it waits for it), so its default of 50 ms
 * waits 100 ms past every reset; 25 gives the 50 ms margin meant. X-RateLimit-Reset-After is relative to the
 * answer, so the latency of the answer and of the next request only adds to the margin.
 */
export function discordRest(apiUrl: string | undefined): Pick<RESTOptions, 'api' | 'makeRequest' | 'offset'> {
  return {
    api: (apiUrl ?? DEFAULT_DISCORD_API).replace(/\/+$/, ''),
    offset: 25,
    // undici's and the DOM's fetch types differ only in their declarations.
    makeRequest: (url, init) => fetch(url, init as RequestInit) as unknown as ReturnType<RESTOptions['makeRequest']>,
  };
}

/** Discord errors as delivery failures: a gone webhook/channel or bad token is broken, other 4xx rejected. */
export function discordFailure(
  e: unknown,
  apiError: abstract new (...args: never[]) => { status: number; message: string },
): DeliveryError {
  if (e instanceof apiError) {
    if (e.status === 404 || e.status === 401 || e.status === 403)
      return new DeliveryError('broken', `Discord answered ${e.status} (${e.message})`, { cause: e });
    if (e.status >= 400 && e.status < 500)
      return new DeliveryError('rejected', `Discord answered ${e.status} (${e.message})`, { cause: e });
  }
  const status = (e as { status?: number }).status;
  return new DeliveryError('transient', `Discord request failed: ${status ? `HTTP ${status}` : (e as Error).message}`, {
    cause: e,
  });
}

/**
 * `forum`: the webhook posts in a forum channel. A summary carrying `thread_name` opens a post; the parts
 * after it go into that post (`thread_id`, the id this sender returned for the summary).
 */
export async function createDiscordSender(opts: {
  webhookUrl: string;
  forum?: boolean;
  apiUrl?: string;
  retry: RetryPolicy;
  logger: Logger;
}): Promise<Sender> {
  const m = DISCORD_WEBHOOK_RE.exec(opts.webhookUrl);
  if (!m) throw new DeliveryError('broken', 'not a Discord webhook URL');
  const [{ REST, DiscordAPIError }, { Routes }] = await Promise.all([
    import('@discordjs/rest'),
    import('discord-api-types/v10'),
  ]);
  let retries = 0;
  const rest = new REST({ ...discordRest(opts.apiUrl), retries: opts.retry.retries, timeout: 15_000 });
  rest.on('rateLimited', (info) => {
    retries++;
    opts.logger.warn({ retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit: waiting');
  });
  const route = Routes.webhook(m[1]!, m[2]!);
  return {
    retries: () => retries,
    async send(payload, { threadTs }) {
      try {
        const p = payload as { content?: string; embeds?: unknown[]; thread_name?: string };
        const query = new URLSearchParams({ wait: 'true', ...(opts.forum && threadTs ? { thread_id: threadTs } : {}) });
        const body = {
          content: p.content || undefined,
          embeds: p.embeds,
          allowed_mentions: { parse: [] },
          ...(opts.forum && p.thread_name ? { thread_name: p.thread_name } : {}),
        };
        const msg = (await rest.post(route, { body, query, auth: false })) as { id: string; channel_id: string };
        // A new forum post is a thread: its id is where the rest goes.
        return { messageId: opts.forum && p.thread_name ? msg.channel_id : msg.id };
      } catch (e) {
        throw discordFailure(e, DiscordAPIError);
      }
    },
  };
}
