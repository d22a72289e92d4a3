/** How `serve` receives Discord's `/releases` (src/platforms/chat-receivers.ts). */
import type { ChatReceiving } from '../types.js';
import { discordChat } from './chat.js';

export const discordReceiving: ChatReceiving = {
  surface: discordChat,
  offHealth: { discord: false, discord_transport: 'off' },
  load: async () => (await import('./receiver.js')).receiveDiscord,
};
