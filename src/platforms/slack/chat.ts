/** Slack as a place people type `/releases` in: its answers, and its channels as destinations. */
import type { ChatSurface } from '../types.js';
import { escapeSlack } from './markup.js';
import type { SlackDestination } from './schema.js';
import { SLACK_STYLE } from './style.js';

export const slackChat: ChatSurface = {
  name: 'slack',
  style: SLACK_STYLE,
  textReply(text) {
    const t = escapeSlack(text).slice(0, 3000);
    return { text: t, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t } }] };
  },
  postingTokenVar: 'SLACK_BOT_TOKEN',
  destination: (name, channel, token): SlackDestination => ({ name, type: 'slack', channel, token }),
  channelOf: (d) => (d.type === 'slack' ? (d as SlackDestination).channel : undefined),
};
