/** Which destinations get an event, and what part of it: subscriptions matched by repo, category, type and flags. */
import type { Destination, Subscription } from '../config/schema.js';
import type { ChangeEvent } from '../diff/events.js';
import { messageOptions, type EventFilter } from './message.js';

export interface Route {
  destination: Destination;
  filter: EventFilter;
}

function matches(s: Subscription, e: ChangeEvent): boolean {
  if (s.repos && !s.repos.includes(e.repo)) return false;
  if (!s.events.includes(e.type)) return false;
  if (e.prerelease && !s.prereleases) return false;
  return true;
}

/**
 * One route per destination, however many of its subscriptions match: categories are the union, and
 * breaking-only holds only if every matching subscription asks for it. So a destination never gets an
 * event twice.
 */
export function routeEvent(e: ChangeEvent, destinations: readonly Destination[], subscriptions: readonly Subscription[]): Route[] {
  const routes: Route[] = [];
  for (const d of destinations) {
    const subs = subscriptions.filter((s) => s.destination === d.name && matches(s, e));
    if (!subs.length) continue;
    const all = subs.some((s) => !s.categories);
    const categories = all ? undefined : [...new Set(subs.flatMap((s) => s.categories ?? []))];
    routes.push({ destination: d, filter: { categories, breakingOnly: subs.every((s) => s.breaking_only), ...messageOptions(subs) } });
  }
  return routes;
}
