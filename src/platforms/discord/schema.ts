/** The config entries of Discord webhooks (a channel's, or a forum's). */
import { z } from 'zod';
import type { SecretPattern } from '../../domain/redact.js';
import { DestinationName, fromEnv } from '../destination-fields.js';

/** Discord webhook URLs as Discord hands them out (discord.com, discordapp.com, canary./ptb.). */
export const DISCORD_WEBHOOK_RE =
  /^https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([\w-]+)\/?$/;

export const DiscordDestinationSchema = z.strictObject({
  name: DestinationName,
  type: z.literal('discord').describe('A Discord webhook.'),
  webhook_url: fromEnv(
    DISCORD_WEBHOOK_RE,
    'expected a Discord webhook URL: https://discord.com/api/webhooks/<id>/<token>',
  ).describe('Webhook URL, from the environment: ${DISCORD_WEBHOOK_MOBILE}.'),
  forum: z
    .boolean()
    .optional()
    .describe(
      'The webhook posts in a forum channel: each release opens a post (thread_name) with the summary, the details inside it.',
    ),
});
export type DiscordDestination = z.output<typeof DiscordDestinationSchema>;

/** The shapes its secrets take, for text that quotes one never registered (every command's redactor). */
export const secretShapes: readonly SecretPattern[] = [
  // Discord webhook and interaction tokens: /webhooks/<id>/<token>.
  [/\/webhooks\/(\d+)\/[\w-]{16,}/g, '/webhooks/$1/[secret]'],
];
