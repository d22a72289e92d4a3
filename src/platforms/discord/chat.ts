/** Discord as a place people type `/releases` in: its answers, and its channels as destinations (posted by the bot). */
import type { DiscordChannelDestination } from '../discord-channel/schema.js';
import type { ChatSurface } from '../types.js';
import { breakMentions } from './markup.js';
import { DISCORD_STYLE } from './style.js';

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
