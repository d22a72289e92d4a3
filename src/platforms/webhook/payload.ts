/**
 * The body of a signed webhook: one change event, as Standard Webhooks shapes a message (`type`, `timestamp`,
 * `data`). `data` holds the repo, the release, the event, the items in the shape `parse --format json` prints
 * (narrowed to what the destination subscribed to), and the diff per category, which names those items by id
 * so that none is sent twice. Fields may be added, never renamed or removed: receivers rely on them
 * (docs/delivery.md lists them).
 */
import { changeOf } from '../../../parsers/change.js';
import type { Item } from '../../../parsers/model.js';
import type { ChangeEvent } from '../../diff/events.js';
import type { EventFilter } from '../../render/message.js';

export interface WebhookDiff {
  /** Ids of items in `data.items` that are new in this category. */
  added: string[];
  /** Items gone from the notes (not in `data.items`), as they read before. */
  removed: Item[];
  /** Ids of items in `data.items` that were reworded, with how each read before. */
  changed: { id: string; previous: { text: string; markdown: string; categories: string[] } }[];
}

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
    /** Every item added or reworded in those categories, once, as it reads now (`parse --format json`'s shape). */
    items: Item[];
    diff: Record<string, WebhookDiff>;
  };
}

/**
 * An item the destination asked for: not a group heading (its items are sent), and of the kinds of change
 * it subscribed to (`changes`, `breaking_only`), read as the messages read them (`changeOf`, for items
 * stored before kinds existed).
 */
const admits = (filter: EventFilter) => (i: Item) =>
  !i.group &&
  (!filter.breakingOnly || changeOf(i) === 'breaking') &&
  (!filter.changes || filter.changes.includes(changeOf(i)));

/** The event as this destination's body; null when nothing in it is for the destination. */
export function webhookBody(event: ChangeEvent, filter: EventFilter): WebhookBody | null {
  const keep = admits(filter);
  const diff: Record<string, WebhookDiff> = {};
  const items = new Map<string, Item>();
  const shown = Object.keys(event.categories).filter((c) => !filter.categories || filter.categories.includes(c));
  const narrow = (i: Item): Item => ({ ...i, categories: i.categories.filter((c) => shown.includes(c)) });
  for (const category of shown) {
    const d = event.categories[category]!;
    const added = d.added.filter(keep);
    const removed = d.removed.filter(keep);
    const changed = d.changed.filter(keep);
    if (!added.length && !removed.length && !changed.length) continue;
    for (const i of added) if (!items.has(i.id)) items.set(i.id, narrow(i));
    for (const { previous: _previous, ...i } of changed) if (!items.has(i.id)) items.set(i.id, narrow(i));
    diff[category] = {
      added: added.map((i) => i.id),
      removed,
      changed: changed.map((i) => ({ id: i.id, previous: i.previous })),
    };
  }
  const categories = Object.keys(diff);
  if (!categories.length) return null;
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
