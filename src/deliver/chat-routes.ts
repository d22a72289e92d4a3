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

export function chatRoutes(subs: readonly ChatSubscription[], env: NodeJS.ProcessEnv): ChatRoutes {
  const out: ChatRoutes = { destinations: [], subscriptions: [], skipped: [] };
  const seen = new Set<string>();
  for (const s of subs) {
    const [platform, channel] = s.destination.split(':') as [string, string];
    if (!seen.has(s.destination)) {
      if (platform === 'slack' && env.SLACK_BOT_TOKEN) {
        out.destinations.push({ name: s.destination, type: 'slack', channel, token: env.SLACK_BOT_TOKEN });
      } else if (platform === 'discord' && env.DISCORD_BOT_TOKEN) {
        out.destinations.push({ name: s.destination, type: 'discord-channel', channel_id: channel, token: env.DISCORD_BOT_TOKEN });
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
  env: NodeJS.ProcessEnv,
): Promise<ChatRoutes> {
  const chat = chatRoutes(await store.chatSubscriptions.list(), env);
  return {
    destinations: [...config.destinations, ...chat.destinations],
    subscriptions: [...config.subscriptions, ...chat.subscriptions],
    skipped: chat.skipped,
  };
}
