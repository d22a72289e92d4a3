/** From change events to the exact request bodies each destination will get (the outbox's content). */
import type { Destination, Subscription } from '../config/schema.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import { eventModelInput } from '../render/message-model.js';
import { buildParts, MarkupCache, type ChatPlatform } from './message.js';
import { routeEvent } from './routing.js';
import type { TemplateRenderer } from './templates.js';
import type { PlannedDelivery } from '../domain/delivery.js';

export const platformOf = (d: Destination): ChatPlatform =>
  d.type === 'discord' || d.type === 'discord-channel' ? 'discord' : 'slack';

/** Where the detail parts go in a thread under the summary: Slack bot tokens, Discord bots, Discord forum webhooks. */
export const threadsDetails = (d: Destination): boolean =>
  d.type === 'slack' || d.type === 'discord-channel' || (d.type === 'discord' && !!d.forum);

/** Discord thread names are at most 100 characters. */
export const threadName = (e: ChangeEvent): string => `${e.repo} ${e.tag}`.slice(0, 100);

export function planDeliveries(
  events: readonly ChangeEvent[],
  destinations: readonly Destination[],
  subscriptions: readonly Subscription[],
  renderer: TemplateRenderer,
): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const event of events) {
    const cache = new MarkupCache();
    const input = eventModelInput(event);
    for (const route of routeEvent(event, destinations, subscriptions)) {
      const { destination, filter } = route;
      const platform = platformOf(destination);
      // A subscriber who did not get the candidates gets the final release in full.
      const shown = route.full ? promotedInFull(event) : event;
      const rendered = buildParts(shown === event ? input : eventModelInput(shown), filter, platform, cache);
      if (!rendered) continue; // nothing in this destination's categories
      const thread = threadsDetails(destination);
      const payloads = rendered.parts.map((part) => {
        const body = renderer.render(platform, shown.type, rendered, part, { thread });
        if (destination.type === 'slack')
          return { channel: destination.channel, unfurl_links: false, unfurl_media: false, ...body };
        // A forum webhook opens a post with the summary; a bot opens a thread on it for the details (the
        // sender takes the name off the body).
        if (destination.type === 'discord' && destination.forum && part.first)
          return { ...body, thread_name: threadName(event) };
        if (destination.type === 'discord-channel' && !part.first) return { ...body, thread_name: threadName(event) };
        return body;
      });
      out.push({ eventId: event.id, destination: destination.name, payloads });
    }
  }
  return out;
}
