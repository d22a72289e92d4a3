/** Discord channels posted to by the bot (chat-made subscriptions): discord.js's REST client, bot token. */
import type { Logger } from 'pino';
import type { RetryPolicy, Sender } from './types.js';
import { discordFailure, discordRest } from './discord.js';

export async function createDiscordChannelSender(opts: { channelId: string; token: string; apiUrl?: string; retry: RetryPolicy; logger: Logger }): Promise<Sender> {
  const { REST, Routes, DiscordAPIError } = await import('discord.js');
  let retries = 0;
  const rest = new REST({ ...discordRest(opts.apiUrl), retries: opts.retry.retries, timeout: 15_000 }).setToken(opts.token);
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
        throw discordFailure(e, DiscordAPIError);
      }
    },
  };
}
