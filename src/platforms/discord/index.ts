/**
 * Discord webhooks. In a forum channel (`forum: true`) the summary opens a post and the details go inside it;
 * elsewhere they follow the summary.
 */
import { templatedPlan, threadName } from '../chat-message.js';
import type { Platform } from '../types.js';
import { DISCORD_MARKUP, escapeDiscord } from './markup.js';
import { discordMessageHtml } from './preview.js';
import { secretShapes, type DiscordDestination } from './schema.js';
import { DISCORD_STYLE } from './style.js';

export const discord: Platform<DiscordDestination> = {
  type: 'discord',
  plan: (ctx) =>
    templatedPlan(DISCORD_STYLE, ctx, !!ctx.destination.forum, (body, part) =>
      ctx.destination.forum && part.first ? { ...body, thread_name: threadName(ctx.event) } : body,
    ),
  threads: (d) => !!d.forum,
  createSender: async (d, env) =>
    (await import('./sender.js')).createDiscordSender({
      webhookUrl: d.webhook_url,
      forum: d.forum,
      apiUrl: env.apiUrls.discord,
      retry: env.retry,
      logger: env.logger,
    }),
  secrets: (d) => [d.webhook_url],
  secretPatterns: secretShapes,
  preview: { family: DISCORD_MARKUP.name, messageHtml: discordMessageHtml },
  templateFilters: { discord_md: escapeDiscord },
};
