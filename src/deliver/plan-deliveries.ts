/** From change events to the exact request bodies each destination will get (the outbox's content). */
import type { Destination, Subscription } from '../config/schema.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import { platformOf } from '../platforms/registry.js';
import { MarkupCache } from '../render/message.js';
import { eventModelInput } from '../render/message-model.js';
import type { TemplateRenderer } from '../render/templates.js';
import { routeEvent } from './routing.js';

export function planDeliveries(
  events: readonly ChangeEvent[],
  destinations: readonly Destination[],
  subscriptions: readonly Subscription[],
  renderer: TemplateRenderer,
  platforms?: Parameters<typeof platformOf>[1],
): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const event of events) {
    const cache = new MarkupCache(renderer.links);
    const input = eventModelInput(event, renderer.links);
    for (const route of routeEvent(event, destinations, subscriptions)) {
      const { destination, filter } = route;
      // A subscriber who did not get the candidates gets the final release in full.
      const shown = route.full ? promotedInFull(event) : event;
      const payloads = platformOf(destination, platforms).plan({
        destination,
        event: shown,
        input: shown === event ? input : eventModelInput(shown, renderer.links),
        filter,
        renderer,
        cache,
      });
      if (payloads) out.push({ eventId: event.id, destination: destination.name, payloads });
    }
  }
  return out;
}
