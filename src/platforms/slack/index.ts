/** Slack channels posted to with a bot token: the details go in the thread under the summary. */
import type { Platform } from '../types.js';
import { templatedPlan } from '../chat-message.js';
import { SLACK_MARKUP, slackText } from './markup.js';
import { slackMessageHtml } from './preview.js';
import { secretShapes, type SlackDestination } from './schema.js';
import { SLACK_STYLE } from './style.js';

export const slack: Platform<SlackDestination> = {
  type: 'slack',
  plan: (ctx) =>
    templatedPlan(SLACK_STYLE, ctx, true, (body) => ({
      channel: ctx.destination.channel,
      unfurl_links: false,
      unfurl_media: false,
      ...body,
    })),
  threads: () => true,
  createSender: async (d, env) =>
    (await import('./sender.js')).createSlackSender({
      token: d.token,
      apiUrl: env.apiUrls.slack,
      retry: env.retry,
      logger: env.logger,
    }),
  // Slack takes about one message a second per channel: a little margin, counted from its answer.
  spacingMs: 1050,
  secrets: (d) => [d.token],
  secretPatterns: secretShapes,
  preview: { family: SLACK_MARKUP.name, messageHtml: slackMessageHtml },
  templateFilters: { mrkdwn: slackText },
};
