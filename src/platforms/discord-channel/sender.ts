/**
 * Discord channels posted to by the bot (chat-made subscriptions): @discordjs/rest, bot token. Parts
 * carrying `thread_name` go in a thread the bot opens on the first part.
 */
import type { Logger } from 'pino';
import type { RetryPolicy, Sender } from '../sender.js';
import { discordFailure, discordRest } from '../discord/sender.js';

export async function createDiscordChannelSender(opts: {
  channelId: string;
  token: string;
  apiUrl?: string;
  retry: RetryPolicy;
  logger: Logger;
}): Promise<Sender> {
  const [{ REST, DiscordAPIError }, { Routes }] = await Promise.all([
    import('@discordjs/rest'),
    import('discord-api-types/v10'),
  ]);
  let retries = 0;
  const rest = new REST({ ...discordRest(opts.apiUrl), retries: opts.retry.retries, timeout: 15_000 }).setToken(
    opts.token,
  );
  rest.on('rateLimited', (info) => {
    retries++;
    opts.logger.warn({ retryAfterMs: info.retryAfter }, 'Discord rate limit: waiting');
  });
  /** Threads this sender opened (or found open), by the id of the message they hang on. */
  const threads = new Set<string>();
  const post = async (route: `/${string}`, body: Record<string, unknown>) => {
    try {
      return (await rest.post(route, { body })) as { id: string };
    } catch (e) {
      throw discordFailure(e, DiscordAPIError);
    }
  };
  return {
    retries: () => retries,
    async send(payload, { threadTs }) {
      const { thread_name: name, ...body } = payload as { thread_name?: string };
      let channel = opts.channelId;
      // Details go in a thread on the summary: opened once; after a crash Discord says it is there already.
      if (threadTs && typeof name === 'string') {
        if (!threads.has(threadTs)) {
          try {
            await rest.post(Routes.threads(opts.channelId, threadTs), { body: { name, auto_archive_duration: 10080 } });
          } catch (e) {
            if (!(e instanceof DiscordAPIError && e.code === THREAD_ALREADY_CREATED))
              throw discordFailure(e, DiscordAPIError);
          }
          threads.add(threadTs);
        }
        channel = threadTs; // a thread started on a message has that message's id
      }
      const msg = await post(Routes.channelMessages(channel), { ...body, allowed_mentions: { parse: [] } });
      return { messageId: msg.id };
    },
  };
}

/** Discord's error code for "A thread has already been created for this message". */
const THREAD_ALREADY_CREATED = 160004;
