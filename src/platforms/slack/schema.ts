/** The config entries of Slack destinations: a channel posted to with a bot token. */
import { z } from 'zod';
import type { SecretPattern } from '../../domain/redact.js';
import { DestinationName, fromEnv } from '../destination-fields.js';

export const SlackDestinationSchema = z.strictObject({
  name: DestinationName.describe('Unique name, used by subscriptions.'),
  type: z.literal('slack').describe('chat.postMessage with a bot token.'),
  channel: z.string().min(1).describe('Channel id (C0123456789) or name.'),
  token: fromEnv(
    /^xox[a-z]-/,
    'expected a Slack bot token (xoxb-...); put it in an environment variable and write ${SLACK_BOT_TOKEN}',
  ).describe('Bot token, from the environment: ${SLACK_BOT_TOKEN}.'),
});
export type SlackDestination = z.output<typeof SlackDestinationSchema>;

/** The shapes its secrets take, for text that quotes one never registered (every command's redactor). */
export const secretShapes: readonly SecretPattern[] = [
  // Slack bot and user tokens.
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, 'xox-[secret]'],
];
