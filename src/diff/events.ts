/** Change events: what a poll found, categorized. Stored once, delivered and digested from the store. */
import type { ItemDiff } from './diff-items.js';

/** The one list of event types: config, chat and templates read it from here. */
export const EVENT_TYPES = ['published', 'edited', 'promoted'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface ChangeEvent {
  /** Deterministic: type, release and the body hashes it goes from and to. Re-polling yields the same id. */
  id: string;
  type: EventType;
  repo: string;
  tag: string;
  name: string | null;
  url: string | null;
  prerelease: boolean;
  /** Per category, the items added, removed and changed (for published/promoted, `added` holds the items). */
  categories: Record<string, ItemDiff>;
  /** For `promoted`: the release candidate compared against. */
  since?: string;
  /**
   * For `promoted`: the whole release, as a `published` event would carry it, for subscribers who did not get
   * the candidates (`categories` holds only what is new since `since`).
   */
  full?: { categories: Record<string, ItemDiff>; counts: { items: number; uncategorized: number } };
  /** Set on a promoted event shown in full: the last candidate it followed. */
  after?: string;
  /** Items in the diff, whatever their categories; `uncategorized` of them are in none. */
  counts: { items: number; uncategorized: number };
  releaseKey: string;
  fromHash: string | null;
  toHash: string;
  createdAt: string;
}

/** A promoted event as a `published` one would carry it (every item), noting the candidate it followed. */
export function promotedInFull(e: ChangeEvent): ChangeEvent {
  if (e.type !== 'promoted' || !e.full) return e;
  const { since, full, ...rest } = e;
  return {
    ...rest,
    type: 'published',
    categories: full.categories,
    counts: full.counts,
    ...(since ? { after: since } : {}),
  };
}
