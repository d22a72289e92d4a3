/** Change events: what a poll found, categorized. Stored once, delivered and digested from the store. */
import type { ItemDiff } from './diff-items.js';

export type EventType = 'published' | 'edited' | 'promoted';
export const EVENT_TYPES: readonly EventType[] = ['published', 'edited', 'promoted'];

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
  /** Items in the diff, whatever their categories; `uncategorized` of them are in none. */
  counts: { items: number; uncategorized: number };
  releaseKey: string;
  fromHash: string | null;
  toHash: string;
  createdAt: string;
}
