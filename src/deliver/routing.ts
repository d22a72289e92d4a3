/** Which destinations get an event, and what part of it: subscriptions matched by repo, category, type and flags. */
import type { Destination, Subscription } from '../config/schema.js';
import type { ChangeEvent } from '../diff/events.js';
import { tagFilter, type TagFilter } from '../diff/tag-filter.js';
import { messageOptions, type EventFilter } from '../render/message.js';

export interface Route {
  destination: Destination;
  filter: EventFilter;
  /** A promoted event for a destination that did not get its candidates: send the whole release. */
  full: boolean;
}

/** Each subscription's tag filter, compiled once. */
const filters = new WeakMap<Subscription, TagFilter>();
function admits(s: Subscription, tag: string): boolean {
  let f = filters.get(s);
  if (!f) filters.set(s, (f = tagFilter(s)));
  return f(tag);
}

/** The candidates of a release were published pre-release events of its repo: did this subscription get them? */
const gotCandidates = (s: Subscription, e: ChangeEvent) =>
  s.prereleases &&
  s.events.includes('published') &&
  (!s.repos || s.repos.includes(e.repo)) &&
  (!e.since || admits(s, e.since));

function matches(s: Subscription, e: ChangeEvent): boolean {
  if (s.repos && !s.repos.includes(e.repo)) return false;
  if (!admits(s, e.tag)) return false; // tags / exclude_tags: before anything is planned for it
  // A final release after candidates one did not get is, to that subscriber, a published release.
  const asPublished = e.type === 'promoted' && !gotCandidates(s, e) && s.events.includes('published');
  if (!s.events.includes(e.type) && !asPublished) return false;
  if (e.prerelease && !s.prereleases) return false;
  return true;
}

/**
 * One route per destination, however many of its subscriptions match: categories and change kinds are the union, and
 * breaking-only holds only if every matching subscription asks for it. So a destination never gets an
 * event twice. A promoted event goes as the delta where the candidates went, in full elsewhere.
 */
export function routeEvent(
  e: ChangeEvent,
  destinations: readonly Destination[],
  subscriptions: readonly Subscription[],
): Route[] {
  const routes: Route[] = [];
  for (const d of destinations) {
    const subs = subscriptions.filter((s) => s.destination === d.name && matches(s, e));
    if (!subs.length) continue;
    const all = subs.some((s) => !s.categories);
    const categories = all ? undefined : [...new Set(subs.flatMap((s) => s.categories ?? []))];
    // Delta only when a subscription that got the candidates covers every category shown here.
    const covered = subs.some(
      (s) =>
        gotCandidates(s, e) && (!s.categories || (!!categories && categories.every((c) => s.categories!.includes(c)))),
    );
    const full = e.type === 'promoted' && !!e.full && !covered;
    routes.push({
      destination: d,
      filter: { categories, breakingOnly: subs.every((s) => s.breaking_only), ...messageOptions(subs) },
      full,
    });
  }
  return routes;
}
