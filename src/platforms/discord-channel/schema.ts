/** The config entries of Discord channels posted to by the bot. */
import { z } from 'zod';
import { DestinationName } from '../destination-fields.js';

export const DiscordChannelDestinationSchema = z.strictObject({
  name: DestinationName,
  type: z
    .literal('discord-channel')
    .describe('A Discord channel, posted to by a bot (what /releases subscribe uses on Discord).'),
  channel_id: z
    .string()
    .regex(/^\d+$/, 'expected a Discord channel id (digits)')
    .describe('The channel id (digits: Developer Mode, then Copy Channel ID).'),
  token: z.string().min(1).describe('Bot token, from the environment: ${DISCORD_BOT_TOKEN}.'),
});
export type DiscordChannelDestination = z.output<typeof DiscordChannelDestinationSchema>;
