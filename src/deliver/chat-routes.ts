/**
 * Subscriptions made with /releases live in the store; here they become destinations and subscriptions
 * like those of the config file (Slack channels post with SLACK_BOT_TOKEN, Discord channels with
 * DISCORD_BOT_TOKEN), so one router serves both.
 */
import type { Destination, Subscription } from '../config/schema.js';
import type { ChatSubscription } from '../domain/subscription.js';
import { chatSurface } from '../platforms/chat-surfaces.js';
import type { ChatSurface } from '../platforms/types.js';

export interface ChatRoutes {
  destinations: Destination[];
  subscriptions: Subscription[];
  /** Each subscription that cannot be used, and why (a missing token, a repo the config does not track). */
  skipped: string[];
}

/** The bot tokens chat-made subscriptions post with, by chat surface (`slack`: SLACK_BOT_TOKEN, …). */
export type ChatTokens = Partial<Record<string, string>>;

/**
 * Why a chat subscription could never be delivered (a surface release-radar does not know, a missing token, a
 * repo not tracked), or null.
 */
export function unusableBecause(
  surface: ChatSurface | undefined,
  destination: string,
  repos: readonly string[],
  tokens: ChatTokens,
  tracked: readonly string[],
): string | null {
  if (!surface) return `${destination} is not a channel of a chat platform release-radar knows`;
  if (!tokens[surface.name])
    return `${surface.postingTokenVar} is not set, so nothing can be posted to ${surface.name} channels`;
  const untracked = repos.filter((r) => !tracked.includes(r));
  if (untracked.length)
    return `${untracked.join(', ')} ${untracked.length > 1 ? 'are' : 'is'} not tracked by the config (tracked: ${tracked.join(', ') || 'none'})`;
  return null;
}

const describeSub = (s: ChatSubscription) =>
  `${s.destination} (${s.repos.length ? s.repos.join(', ') : 'all repos'}: ${s.categories.length ? s.categories.join(', ') : 'all categories'})`;

export function chatRoutes(
  subs: readonly ChatSubscription[],
  tokens: ChatTokens,
  tracked?: readonly string[],
): ChatRoutes {
  const out: ChatRoutes = { destinations: [], subscriptions: [], skipped: [] };
  const seen = new Set<string>();
  for (const s of subs) {
    const surface = chatSurface(s.surface);
    const why = unusableBecause(surface, s.destination, tracked ? s.repos : [], tokens, tracked ?? []);
    if (why) {
      out.skipped.push(`${describeSub(s)}: ${why}`);
      continue;
    }
    if (!seen.has(s.destination)) {
      out.destinations.push(surface!.destination(s.destination, s.channelId, tokens[surface!.name]!) as Destination);
      seen.add(s.destination);
    }
    out.subscriptions.push({
      destination: s.destination,
      ...(s.repos.length ? { repos: s.repos } : {}),
      ...(s.categories.length ? { categories: s.categories } : {}),
      events: s.events as Subscription['events'],
      prereleases: s.prereleases,
      breaking_only: s.breakingOnly,
      ...(s.tags?.length ? { tags: s.tags } : {}),
      ...(s.excludeTags?.length ? { exclude_tags: s.excludeTags } : {}),
      ...(s.changes?.length ? { changes: s.changes as NonNullable<Subscription['changes']> } : {}),
    });
  }
  return out;
}

/** Every route a poll delivers along: the config file's, then the chat-made ones from the store. */
export async function allRoutes(
  config: { destinations: Destination[]; subscriptions: Subscription[]; repos?: { name: string }[] },
  store: { chatSubscriptions: { list(): Promise<ChatSubscription[]> } },
  tokens: ChatTokens,
): Promise<ChatRoutes> {
  const chat = chatRoutes(
    await store.chatSubscriptions.list(),
    tokens,
    config.repos?.map((r) => r.name),
  );
  return {
    destinations: [...config.destinations, ...chat.destinations],
    subscriptions: [...config.subscriptions, ...chat.subscriptions],
    skipped: chat.skipped,
  };
}
