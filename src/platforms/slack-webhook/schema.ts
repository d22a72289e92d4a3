/** The config entries of Slack incoming webhooks. */
import { z } from 'zod';
import type { SecretPattern } from '../../domain/redact.js';
import { DestinationName, fromEnv } from '../destination-fields.js';

export const SLACK_WEBHOOK_RE = /^https:\/\/hooks\.slack\.com\/services\/[A-Z0-9]+\/[A-Z0-9]+\/[A-Za-z0-9]+$/;

export const SlackWebhookDestinationSchema = z.strictObject({
  name: DestinationName,
  type: z.literal('slack-webhook').describe('A Slack incoming webhook.'),
  webhook_url: fromEnv(
    SLACK_WEBHOOK_RE,
    'expected a Slack incoming-webhook URL: https://hooks.slack.com/services/T…/B…/…',
  ).describe('Incoming-webhook URL, from the environment: ${SLACK_WEBHOOK_URL}.'),
});
export type SlackWebhookDestination = z.output<typeof SlackWebhookDestinationSchema>;

/** The shapes its secrets take, for text that quotes one never registered (every command's redactor). */
export const secretShapes: readonly SecretPattern[] = [
  // Slack incoming-webhook paths: /services/T…/B…/<token>.
  [/\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, '/services/[secret]'],
];
