/** How Slack messages are written: mrkdwn, Block Kit's room, the `slack/` templates and Slack's limits. */
import type { ChatStyle } from '../types.js';
import { slackViolations } from './limits.js';
import { SLACK_MARKUP } from './markup.js';

export const SLACK_STYLE: ChatStyle = {
  markup: SLACK_MARKUP,
  // Section text max 3,000; 50 blocks a message (the template adds up to 4 around the chunks).
  budget: { chunkChars: 2900, chunksPerPart: 24, partChars: 20_000 },
  // Title, and the footer with the link.
  summaryFrameLines: 2,
  templates: 'slack',
  violations: slackViolations,
};
