/**
 * The pure heart of a poll: given what the store knows of a repo and what GitHub lists now, decide which
 * releases and revisions to record, which releases are gone, and which change events to emit.
 */
import { createHash } from 'node:crypto';
import type { Item } from '../../parsers/model.js';
import type { FetchedRelease, KnownRelease, ReleaseRecord, RevisionRecord } from '../domain/records.js';
import { byCategory, diffItems, type ItemDiff } from './diff-items.js';
import type { ChangeEvent, EventType } from './events.js';
import { lastCandidateOf } from './versions.js';

export interface RepoPlan {
  releases: ReleaseRecord[];
  revisions: RevisionRecord[];
  deleted: string[];
  events: ChangeEvent[];
}

export type InitialMode = 'latest' | 'none' | 'all';

export interface PlanInput {
  repo: string;
  /** Releases already in the store (deleted ones included). */
  known: KnownRelease[];
  /** What GitHub listed, newest first, down to the first known release (or everything). */
  fetched: FetchedRelease[];
  /** True when the listing reached the end (no next page), so an absent release is gone. */
  complete: boolean;
  /** GitHub ids of known releases that GitHub answered 404 for (`GET /releases/{id}`): gone, whatever the listing. */
  gone?: ReadonlySet<string>;
  /** The repo has never been polled before. */
  firstPoll: boolean;
  initial: InitialMode;
  categories: readonly string[];
  parse: (body: string, repo: string) => Item[];
  /**
   * The repo's tag filter (config `tags` / `exclude_tags`): a release it does not admit is recorded like any
   * other (the site and reports stay complete) but gets no event, so nothing is ever planned for it.
   */
  announces?: (tag: string) => boolean;
  /** The stored items of a known release (by key): only those `releasesNeedingItems` names are asked for. */
  itemsOf: (key: string) => Item[];
  now: string;
}

export const bodyHash = (body: string) => createHash('sha256').update(body.replace(/\r\n?/g, '\n')).digest('hex');
export const releaseKey = (repo: string, githubId: string) => `${repo}@${githubId}`;

function eventId(type: EventType, key: string, from: string | null, to: string): string {
  return createHash('sha256')
    .update(`${type}\u0000${key}\u0000${from ?? ''}\u0000${to}`)
    .digest('hex')
    .slice(0, 24);
}

/** What events report: group-label bullets (`tf.lite:`) are context for the items below, not news. */
const reportable = (items: readonly Item[]) => items.filter((i) => !i.group);

function nonEmpty(d: ItemDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length > 0;
}

/**
 * The known releases whose stored items a plan will compare against: those whose body changed, and the
 * release candidates that a new final release is promoted from. Everything else is planned from ids, tags
 * and body hashes alone, so a poll loads no items for the history it does not touch.
 */
export function releasesNeedingItems(known: readonly KnownRelease[], fetched: readonly FetchedRelease[]): string[] {
  const byId = new Map(known.map((k) => [k.githubId, k]));
  const byTag = new Map(known.map((k) => [k.tag, k]));
  const listed = fetched.filter((r) => !r.draft);
  const tags = [...new Set([...known.filter((k) => !k.deleted).map((k) => k.tag), ...listed.map((r) => r.tag)])];
  const keys = new Set<string>();
  for (const r of listed) {
    const prior = byId.get(r.githubId) ?? byTag.get(r.tag);
    if (prior) {
      if (prior.bodyHash !== bodyHash(r.body)) keys.add(prior.key);
      continue;
    }
    const candidate = r.prerelease ? null : lastCandidateOf(r.tag, tags);
    const k = candidate === null ? undefined : byTag.get(candidate);
    if (k && !k.deleted) keys.add(k.key);
  }
  return [...keys];
}

export function planRepoPoll(input: PlanInput): RepoPlan {
  const { repo, known, categories, now } = input;
  const plan: RepoPlan = { releases: [], revisions: [], deleted: [], events: [] };
  const byId = new Map(known.map((k) => [k.githubId, k]));
  const byTag = new Map(known.map((k) => [k.tag, k]));
  /** Items of every release by tag, as of now: known ones (loaded when asked), updated as this poll records more. */
  const itemsByTag = new Map<string, () => Item[]>(
    known.filter((k) => !k.deleted).map((k) => [k.tag, () => input.itemsOf(k.key)]),
  );

  const listed = input.fetched.filter((r) => !r.draft);
  const admitted = input.announces ?? (() => true);
  // A first poll with `initial: latest` announces the newest release the filter admits.
  const newestTag = listed.find((r) => admitted(r.tag))?.tag;

  const counts = (d: ItemDiff) => {
    const all = [...d.added, ...d.removed, ...d.changed];
    return { items: all.length, uncategorized: all.filter((i) => i.categories.length === 0).length };
  };
  const emit = (
    type: EventType,
    rel: ReleaseRecord,
    diff: ItemDiff,
    from: string | null,
    since?: string,
    whole?: Item[],
  ) => {
    const full = whole ? { added: whole, removed: [], changed: [] } : null;
    plan.events.push({
      id: eventId(type, rel.key, from, rel.bodyHash),
      type,
      repo,
      tag: rel.tag,
      name: rel.name,
      url: rel.url,
      prerelease: rel.prerelease,
      categories: byCategory(diff, categories),
      ...(since ? { since } : {}),
      ...(full ? { full: { categories: byCategory(full, categories), counts: counts(full) } } : {}),
      counts: counts(diff),
      releaseKey: rel.key,
      fromHash: from,
      toHash: rel.bodyHash,
      createdAt: now,
    });
  };

  // Oldest first, so that a candidate recorded in this poll is there when its final release comes.
  for (const r of [...listed].reverse()) {
    const hash = bodyHash(r.body);
    // Same GitHub id, or a release deleted and re-created under the same tag: the same release.
    const prior = byId.get(r.githubId) ?? byTag.get(r.tag);
    const key = prior?.key ?? releaseKey(repo, r.githubId);
    const rec: ReleaseRecord = {
      key,
      repo,
      githubId: r.githubId,
      tag: r.tag,
      name: r.name,
      prerelease: r.prerelease,
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
      url: r.url,
      bodyHash: hash,
    };
    if (prior && prior.bodyHash === hash && !prior.deleted && prior.githubId === r.githubId) continue;
    plan.releases.push(rec);
    if (prior && prior.bodyHash === hash) continue; // re-created or undeleted with the same notes: nothing new

    const items = input.parse(r.body, repo);
    plan.revisions.push({ releaseKey: key, bodyHash: hash, body: r.body, items });
    const announce =
      admitted(r.tag) &&
      (!input.firstPoll || input.initial === 'all' || (input.initial === 'latest' && r.tag === newestTag));

    if (prior) {
      const diff = diffItems(reportable(input.itemsOf(prior.key)), reportable(items));
      if (announce && nonEmpty(diff)) emit('edited', rec, diff, prior.bodyHash);
    } else if (announce) {
      // A candidate the filter kept quiet was never announced: the final release is news in full.
      const candidates = [...itemsByTag.keys()].filter(admitted);
      const candidate = r.prerelease ? null : lastCandidateOf(r.tag, candidates);
      if (candidate)
        emit(
          'promoted',
          rec,
          diffItems(reportable(itemsByTag.get(candidate)?.() ?? []), reportable(items)),
          null,
          candidate,
          reportable(items),
        );
      else emit('published', rec, { added: reportable(items), removed: [], changed: [] }, null);
    }
    itemsByTag.set(r.tag, () => items);
  }

  // Gone from GitHub: absent from a complete listing, or confirmed by a 404. A partial listing proves nothing
  // (GitHub lists by date, not id: an old branch's new patch release sits on a later page).
  const listedIds = new Set(listed.map((r) => r.githubId));
  const listedTags = new Set(listed.map((r) => r.tag));
  for (const k of known) {
    if (k.deleted || listedIds.has(k.githubId) || listedTags.has(k.tag)) continue;
    if (input.complete || input.gone?.has(k.githubId)) plan.deleted.push(k.key);
  }
  return plan;
}

/**
 * Known releases a partial listing should have shown by date (GitHub's order) but did not: worth asking
 * GitHub about one by one. Releases older than the listed window are not suspects: nothing was seen there.
 */
export function deletionSuspects(known: readonly KnownRelease[], fetched: readonly FetchedRelease[]): KnownRelease[] {
  const dates = fetched.map((r) => r.createdAt ?? r.publishedAt).filter((d): d is string => !!d);
  if (!dates.length) return [];
  const oldest = dates.reduce((a, b) => (a < b ? a : b));
  const ids = new Set(fetched.map((r) => r.githubId));
  const tags = new Set(fetched.map((r) => r.tag));
  return known.filter(
    (k) => !k.deleted && !ids.has(k.githubId) && !tags.has(k.tag) && !!k.createdAt && k.createdAt >= oldest,
  );
}
