/**
 * The body of a signed webhook: one change event, as Standard Webhooks shapes a message (`type`, `timestamp`,
 * `data`). `data` holds the repo, the release, the event and its diff, and the items in the shape
 * `parse --format json` prints, narrowed to what the destination subscribed to. Fields may be added, never
 * renamed or removed: receivers rely on them (docs/delivery.md lists them).
 */
import type { Item } from '../../../parsers/model.js';
import type { ChangeEvent } from '../../diff/events.js';
import type { ItemDiff } from '../../diff/diff-items.js';
import type { EventFilter } from '../../render/message.js';

export interface WebhookBody {
  /** `msg_` + the event id: the same on every retry and redelivery, so a receiver can drop repeats. */
  id: string;
  /** `release.published`, `release.edited`, `release.promoted`. */
  type: string;
  timestamp: string;
  data: {
    repo: string;
    release: { tag: string; name: string | null; url: string | null; prerelease: boolean };
    event: { id: string; type: ChangeEvent['type']; since: string | null; after: string | null };
    /** The categories this destination sees, in the event's order. */
    categories: string[];
    /** Every item added (or reworded, as it reads now) in those categories, once, in the shape `parse --format json` prints. */
    items: Item[];
    /** Per category: the items added, removed and reworded (with how they read before). */
    diff: Record<string, ItemDiff>;
  };
}

/** An item passes the destination's kinds of change (`changes`, `breaking_only`). */
const admits = (filter: EventFilter) => (i: Item) =>
  (!filter.breakingOnly || i.change === 'breaking') && (!filter.changes || filter.changes.includes(i.change));

/** The event as this destination's body; null when nothing in it is for the destination. */
export function webhookBody(event: ChangeEvent, filter: EventFilter): WebhookBody | null {
  const keep = admits(filter);
  const diff: Record<string, ItemDiff> = {};
  for (const [category, d] of Object.entries(event.categories)) {
    if (filter.categories && !filter.categories.includes(category)) continue;
    const narrowed = { added: d.added.filter(keep), removed: d.removed.filter(keep), changed: d.changed.filter(keep) };
    if (narrowed.added.length + narrowed.removed.length + narrowed.changed.length) diff[category] = narrowed;
  }
  const categories = Object.keys(diff);
  if (!categories.length) return null;
  const items = new Map<string, Item>();
  for (const c of categories) {
    for (const i of [...diff[c]!.added, ...diff[c]!.changed]) {
      if (items.has(i.id)) continue;
      const { previous: _previous, ...item } = i as Item & { previous?: unknown };
      items.set(i.id, { ...item, categories: item.categories.filter((x) => categories.includes(x)) });
    }
  }
  return {
    id: `msg_${event.id}`,
    type: `release.${event.type}`,
    timestamp: event.createdAt,
    data: {
      repo: event.repo,
      release: { tag: event.tag, name: event.name, url: event.url, prerelease: event.prerelease },
      event: { id: event.id, type: event.type, since: event.since ?? null, after: event.after ?? null },
      categories,
      items: [...items.values()],
      diff,
    },
  };
}
