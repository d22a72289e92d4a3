/** Slack incoming webhooks: Slack's messages, but no threads (the details follow the summary). */
import { templatedPlan } from '../chat-message.js';
import { SLACK_MARKUP } from '../slack/markup.js';
import { slackMessageHtml } from '../slack/preview.js';
import { SLACK_STYLE } from '../slack/style.js';
import type { Platform } from '../types.js';
import { secretShapes, type SlackWebhookDestination } from './schema.js';

export const slackWebhook: Platform<SlackWebhookDestination> = {
  type: 'slack-webhook',
  plan: (ctx) => templatedPlan(SLACK_STYLE, ctx, false),
  threads: () => false,
  createSender: async (d, env) =>
    (await import('./sender.js')).createSlackWebhookSender({
      url: d.webhook_url,
      apiUrl: env.apiUrls.slack,
      retry: env.retry,
    }),
  spacingMs: 1050,
  secrets: (d) => [d.webhook_url],
  // Webhook paths: /services/T…/B…/<token>.
  secretPatterns: secretShapes,
  preview: { family: SLACK_MARKUP.name, messageHtml: slackMessageHtml },
};
