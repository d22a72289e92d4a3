/** From change events to the exact request bodies each destination will get (the outbox's content). */
import type { Destination, Subscription } from '../config/schema.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import { BUDGETS, categoryLines, MarkupCache, splitIntoParts, type ChatPlatform } from './message.js';
import { routeEvent } from './routing.js';
import type { TemplateRenderer } from './templates.js';
import type { PlannedDelivery } from '../domain/delivery.js';


export const platformOf = (d: Destination): ChatPlatform => (d.type === 'discord' || d.type === 'discord-channel' ? 'discord' : 'slack');

export function planDeliveries(
  events: readonly ChangeEvent[],
  destinations: readonly Destination[],
  subscriptions: readonly Subscription[],
  renderer: TemplateRenderer,
): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const event of events) {
    const cache = new MarkupCache();
    for (const route of routeEvent(event, destinations, subscriptions)) {
      const { destination, filter } = route;
      const platform = platformOf(destination);
      const shown = route.full ? promotedInFull(event) : event;
      const cats = categoryLines(shown, filter, platform, cache);
      if (!cats.length) continue; // nothing in this destination's categories
      const summary = cats.map((c) => `${c.category} (${c.summary})`).join(', ');
      const payloads = splitIntoParts(cats, BUDGETS[platform]).map((part) => {
        const body = renderer.render(platform, shown, part, summary);
        return destination.type === 'slack' ? { channel: destination.channel, unfurl_links: false, unfurl_media: false, ...body } : body;
      });
      out.push({ eventId: event.id, destination: destination.name, payloads });
    }
  }
  return out;
}
