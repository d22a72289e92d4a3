/**
 * How `serve` receives each chat surface's `/releases`, one line per surface. Apart from the surfaces
 * (src/platforms/chat-surfaces.ts), which `poll` and the action read too: the receivers (Bolt, the Discord
 * gateway) are reached from here only, so nothing but `serve` bundles or loads them.
 */
import { discordReceiving } from './discord-channel/receiving.js';
import { slackReceiving } from './slack/receiving.js';
import type { ChatReceiving } from './types.js';

export const CHAT_RECEIVERS: readonly ChatReceiving[] = [slackReceiving, discordReceiving];
