/** How `serve` receives Slack's `/releases` (src/platforms/chat-receivers.ts). */
import type { ChatReceiving } from '../types.js';
import { slackChat } from './chat.js';

export const slackReceiving: ChatReceiving = {
  surface: slackChat,
  offHealth: { slack: 'off' },
  load: async () => (await import('./receiver.js')).receiveSlack,
};
