/** Discord channels posted to by the bot (chat-made subscriptions): discord.js's REST client, bot token. */
import type { Logger } from 'pino';
import { DeliveryError, type RetryPolicy, type Sender } from './types.js';
import { DEFAULT_DISCORD_API } from './discord.js';

export async function createDiscordChannelSender(opts: { channelId: string; token: string; apiUrl?: string; retry: RetryPolicy; logger: Logger }): Promise<Sender> {
  const { REST, Routes, DiscordAPIError } = await import('discord.js');
  let retries = 0;
  const rest = new REST({ api: (opts.apiUrl ?? DEFAULT_DISCORD_API).replace(/\/+$/, ''), retries: opts.retry.retries, timeout: 15_000 }).setToken(opts.token);
  rest.on('rateLimited', (info) => {
    retries++;
    opts.logger.warn({ retryAfterMs: info.retryAfter }, 'Discord rate limit: waiting');
  });
  return {
    retries: () => retries,
    async send(payload) {
      try {
        const msg = (await rest.post(Routes.channelMessages(opts.channelId), { body: { ...payload, allowed_mentions: { parse: [] } } })) as { id: string };
        return { messageId: msg.id };
      } catch (e) {
        if (e instanceof DiscordAPIError) {
          if (e.status === 404 || e.status === 401 || e.status === 403) throw new DeliveryError('broken', `Discord answered ${e.status} (${e.message})`, { cause: e });
          if (e.status >= 400 && e.status < 500) throw new DeliveryError('rejected', `Discord answered ${e.status} (${e.message})`, { cause: e });
        }
        const status = (e as { status?: number }).status;
        throw new DeliveryError('transient', `Discord request failed: ${status ? `HTTP ${status}` : (e as Error).message}`, { cause: e });
      }
    },
  };
}
