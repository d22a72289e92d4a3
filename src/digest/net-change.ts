/**
 * What a digest says of each release: its net change over the window, as message model input (the model
 * then places, orders and counts the items as it does for a chat message). Pure.
 */
import type { GitHubLinks } from '../domain/github-links.js';
import type { DigestConfig } from '../config/schema.js';
import type { ChangedItem, ItemDiff } from '../diff/diff-items.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import type { Item } from '../../parsers/model.js';
import { messageHeader, type ItemStatus, type ModelInput } from '../render/message-model.js';

interface NetEntry {
  item: Item;
  status: ItemStatus;
  /** For a reworded item: its wording before the window. */
  previous?: ChangedItem['previous'];
}

/**
 * Folds one event's diff of a release into what the window shows so far: an item added then removed inside
 * the window disappears, a reworded item keeps one entry in its latest wording (still "new" if it was new in
 * the window), a removal of an item from before the window is "removed". A release published in the window
 * (`isNew`) is shown as it reads at the window's end: every item of it is "new".
 */
function netChange(entries: NetEntry[], e: ChangeEvent, d: ItemDiff, isNew: boolean): NetEntry[] {
  const out = [...entries];
  const fresh = isNew ? 'new' : 'added';
  const at = (pred: (x: NetEntry) => boolean) => out.findIndex(pred);
  for (const i of d.added) {
    const k = at((x) => x.item.id === i.id);
    if (k >= 0 && out[k]!.status === 'removed')
      out.splice(k, 1); // removed, then back: no net change
    else if (k < 0) out.push({ item: i, status: fresh });
  }
  for (const i of d.removed) {
    const k = at((x) => x.item.id === i.id || x.item.text === i.text);
    if (k >= 0 && (out[k]!.status === 'new' || out[k]!.status === 'added'))
      out.splice(k, 1); // added and removed inside the window
    else if (k >= 0 && out[k]!.status === 'changed') out[k] = { item: i, status: 'removed' };
    else if (k < 0 && !isNew) out.push({ item: i, status: 'removed' });
  }
  for (const i of d.changed) {
    const k = at((x) => x.item.text === i.previous.text || x.item.id === i.id);
    if (k < 0) out.push(isNew ? { item: i, status: 'new' } : { item: i, status: 'changed', previous: i.previous });
    else {
      const was = out[k]!;
      const status = was.status === 'removed' ? 'changed' : was.status;
      // Reworded twice: the wording before the window, not the one in between.
      const previous = status === 'changed' ? (was.previous ?? i.previous) : undefined;
      out[k] = { item: i, status, ...(previous ? { previous } : {}) };
    }
  }
  return out;
}

/** An event's diffs over all its categories, each item once (an item in two categories is in both diffs). */
function flatten(e: ChangeEvent): ItemDiff {
  const once = <T extends Item>(lists: T[][]) => [...new Map(lists.flat().map((i) => [i.id, i])).values()];
  const diffs = Object.values(e.categories);
  return {
    added: once(diffs.map((d) => d.added)),
    removed: once(diffs.map((d) => d.removed)),
    changed: once(diffs.map((d) => d.changed)),
  };
}

/**
 * Both lists' items in one order that keeps each list's own (events carry categories in config order): a
 * category only `next` has goes before the first category that follows it there and `order` has.
 */
export function mergeOrder(order: readonly string[], next: readonly string[]): string[] {
  const out = [...order];
  next.forEach((c, i) => {
    if (out.includes(c)) return;
    const after = next.slice(i + 1).find((n) => out.includes(n));
    out.splice(after === undefined ? out.length : out.indexOf(after), 0, c);
  });
  return out;
}

/**
 * Per release with events in the window, by repo and then in the order their first events came: its header
 * (from its first event), its categories in the order the events carry them (config order), and its net change.
 * `candidatesSeen` tells whether the recipients got the candidates a promoted event followed: if not, the
 * release is shown in full (as published), else only what is new since the candidate.
 */
export function windowInputs(
  events: readonly ChangeEvent[],
  digest: Pick<DigestConfig, 'repos'>,
  links: GitHubLinks,
  candidatesSeen: (e: ChangeEvent) => boolean = () => true,
): ModelInput[] {
  const byRepo = new Map<string, Map<string, { input: ModelInput; net: NetEntry[] }>>();
  for (const event of events) {
    if (digest.repos && !digest.repos.includes(event.repo)) continue;
    const e = event.type === 'promoted' && !candidatesSeen(event) ? promotedInFull(event) : event;
    const releases = byRepo.get(e.repo) ?? new Map<string, { input: ModelInput; net: NetEntry[] }>();
    byRepo.set(e.repo, releases);
    let r = releases.get(e.tag);
    if (!r) {
      r = { input: { ...messageHeader(e), links, categoryOrder: [], items: [] }, net: [] };
      releases.set(e.tag, r);
    }
    r.input.categoryOrder = mergeOrder(r.input.categoryOrder, Object.keys(e.categories));
    r.net = netChange(r.net, e, flatten(e), r.input.type !== 'edited');
  }
  return [...byRepo.values()].flatMap((releases) =>
    [...releases.values()].map(({ input, net }) => ({ ...input, items: net })),
  );
}
