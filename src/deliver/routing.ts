/** Which destinations get an event, and what part of it: subscriptions matched by repo, category, type and flags. */
import type { Destination, Subscription } from '../config/schema.js';
import type { ChangeEvent } from '../diff/events.js';
import type { EventFilter } from './message.js';

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
 * One route per destination, however many of its subscriptions match: categories and kinds of change are
 * the union, breaking-only holds only if every matching subscription asks for it, the fullest detail and
 * the most highlights win. So a destination never gets an event twice.
 */
export function routeEvent(e: ChangeEvent, destinations: readonly Destination[], subscriptions: readonly Subscription[]): Route[] {
  const routes: Route[] = [];
  for (const d of destinations) {
    const subs = subscriptions.filter((s) => s.destination === d.name && matches(s, e));
    if (!subs.length) continue;
    const union = <T>(pick: (s: Subscription) => readonly T[] | undefined): T[] | undefined =>
      subs.some((s) => !pick(s)) ? undefined : [...new Set(subs.flatMap((s) => pick(s) ?? []))];
    routes.push({
      destination: d,
      filter: {
        categories: union((s) => s.categories),
        changes: union((s) => s.changes),
        breakingOnly: subs.every((s) => s.breaking_only),
        detail: subs.some((s) => (s.detail ?? 'full') === 'full') ? 'full' : 'summary',
        maxItems: Math.max(...subs.map((s) => s.max_items ?? 8)),
      },
    });
  }
  return routes;
}
