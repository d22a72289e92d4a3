/**
 * The platforms people type `/releases` in, by name. Kept apart from the registry of destination platforms
 * (src/platforms/registry.ts), which loads the message renderer: routing chat subscriptions needs only this.
 */
import { discordChat } from './discord-channel/chat.js';
import { slackChat } from './slack/chat.js';
import type { ChatSurface } from './types.js';

export const CHAT_SURFACES: readonly ChatSurface[] = [slackChat, discordChat];

/** The chat surface by name (`slack`); undefined if none. */
export function chatSurface(name: string): ChatSurface | undefined {
  return CHAT_SURFACES.find((s) => s.name === name);
}
