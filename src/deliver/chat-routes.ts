/**
 * Subscriptions made with /releases live in the store; here they become destinations and subscriptions
 * like those of the config file (Slack channels post with SLACK_BOT_TOKEN, Discord channels with
 * DISCORD_BOT_TOKEN), so one router serves both.
 */
import type { Destination, Subscription } from '../config/schema.js';
import type { ChatSubscription } from '../domain/subscription.js';

export interface ChatRoutes {
  destinations: Destination[];
  subscriptions: Subscription[];
  /** Why some could not be used (a missing token). */
  skipped: string[];
}

/** The bot tokens chat-made subscriptions post with (SLACK_BOT_TOKEN, DISCORD_BOT_TOKEN). */
export interface ChatTokens {
  slack?: string;
  discord?: string;
}

export function chatRoutes(subs: readonly ChatSubscription[], tokens: ChatTokens): ChatRoutes {
  const out: ChatRoutes = { destinations: [], subscriptions: [], skipped: [] };
  const seen = new Set<string>();
  for (const s of subs) {
    const [platform, channel] = s.destination.split(':') as [string, string];
    if (!seen.has(s.destination)) {
      if (platform === 'slack' && tokens.slack) {
        out.destinations.push({ name: s.destination, type: 'slack', channel, token: tokens.slack });
      } else if (platform === 'discord' && tokens.discord) {
        out.destinations.push({ name: s.destination, type: 'discord-channel', channel_id: channel, token: tokens.discord });
      } else {
        out.skipped.push(`${s.destination}: set ${platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_BOT_TOKEN'} to post there`);
        continue;
      }
      seen.add(s.destination);
    }
    out.subscriptions.push({
      destination: s.destination,
      ...(s.repos.length ? { repos: s.repos } : {}),
      ...(s.categories.length ? { categories: s.categories } : {}),
      events: s.events as Subscription['events'],
      prereleases: s.prereleases,
      breaking_only: s.breakingOnly,
    });
  }
  return out;
}

/** Every route a poll delivers along: the config file's, then the chat-made ones from the store. */
export async function allRoutes(
  config: { destinations: Destination[]; subscriptions: Subscription[] },
  store: { chatSubscriptions: { list(): Promise<ChatSubscription[]> } },
  tokens: ChatTokens,
): Promise<ChatRoutes> {
  const chat = chatRoutes(await store.chatSubscriptions.list(), tokens);
  return {
    destinations: [...config.destinations, ...chat.destinations],
    subscriptions: [...config.subscriptions, ...chat.subscriptions],
    skipped: chat.skipped,
  };
}
