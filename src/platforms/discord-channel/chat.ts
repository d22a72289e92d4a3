/**
 * Discord as a place people type `/releases` in: its answers, and its channels as destinations. It lives with
 * the bot's destination type (a channel subscribed from chat is posted by the bot), and writes as Discord does.
 */
import { breakMentions } from '../discord/markup.js';
import { DISCORD_STYLE } from '../discord/style.js';
import type { ChatSurface } from '../types.js';
import type { DiscordChannelDestination } from './schema.js';

export const discordChat: ChatSurface = {
  name: 'discord',
  style: DISCORD_STYLE,
  textReply: (text) => ({ content: breakMentions(text).slice(0, 2000), allowed_mentions: { parse: [] } }),
  postingTokenVar: 'DISCORD_BOT_TOKEN',
  destination: (name, channelId, token): DiscordChannelDestination => ({
    name,
    type: 'discord-channel',
    channel_id: channelId,
    token,
  }),
  channelOf: (d) => (d.type === 'discord-channel' ? (d as DiscordChannelDestination).channel_id : undefined),
};
