/** Discord channels posted to by the bot (chat-made subscriptions): the bot opens a thread on its summary for the details. */
import { templatedPlan, threadName } from '../chat-message.js';
import { DISCORD_MARKUP } from '../discord/markup.js';
import { discordMessageHtml } from '../discord/preview.js';
import { DISCORD_STYLE } from '../discord/style.js';
import type { Platform } from '../types.js';
import type { DiscordChannelDestination } from './schema.js';

export const discordChannel: Platform<DiscordChannelDestination> = {
  type: 'discord-channel',
  plan: (ctx) =>
    templatedPlan(DISCORD_STYLE, ctx, true, (body, part) =>
      part.first ? body : { ...body, thread_name: threadName(ctx.event) },
    ),
  threads: () => true,
  createSender: async (d, env) =>
    (await import('./sender.js')).createDiscordChannelSender({
      channelId: d.channel_id,
      token: d.token,
      apiUrl: env.apiUrls.discord,
      retry: env.retry,
      logger: env.logger,
    }),
  secrets: (d) => [d.token],
  preview: { family: DISCORD_MARKUP.name, messageHtml: discordMessageHtml },
};
