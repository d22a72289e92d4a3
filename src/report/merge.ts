/**
 * The items of consecutive releases merged into one list: what changes for someone who upgrades across them.
 * Releases come in version order. An item seen again (the same id, a shared PR, or the same section and
 * nearly the same words) is one entry in its latest wording, with every version it appears in; an item a
 * later release reverts is one entry, the revert, spanning both; a deprecation that a later release turns
 * into a removal is the removal (a breaking change) with the deprecation's version. Pure: rendering is
 * elsewhere (src/report/render-*.ts), so this can move onto a shared item view unchanged.
 */
import { changeOf, type ChangeKind } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import { similarity } from '../diff/diff-items.js';

export interface ReleaseItems {
  tag: string;
  items: readonly Item[];
}

export interface ReportEntry {
  /** The latest form; its `change` is the entry's kind (a removal of something deprecated: `breaking`). */
  item: Item;
  /** The version that brought it. */
  since: string;
  /** Every version it appears in (in any wording), oldest first. */
  versions: string[];
  /** Earlier wordings, oldest first (a re-worded item, or what a revert or removal replaced). */
  earlier: { tag: string; text: string }[];
  /** The version whose revert this entry now is. */
  revertedIn?: string;
  /** The version that deprecated what this removal removes. */
  deprecatedIn?: string;
}

/** Tags before an item's first words: `[MPS] `, `tf.lite: `, `**scope:** `. */
const LEAD = String.raw`^(?:\s*(?:\[[^\]]{1,40}\]|\*\*[^*]{1,40}:\*\*|[\w.\`/-]{1,30}:(?!\/\/))\s*)*`;
/** An item that reverts: its first words say so (`Revert "…"`, `[MPS] Roll back …`; not "auto-revert"). */
const REVERT = new RegExp(`${LEAD}(?:revert(?:s|ed|ing)?|roll(?:s|ed|ing)? ?back)\\b`, 'i');
/** An item that removes: its first words, or "… has been removed". */
const REMOVAL = new RegExp(
  `${LEAD}(?:remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|drop(?:s|ped|ping)?)\\b|\\b(?:has|have|was|were|is|are) (?:now )?(?:been )?removed\\b`,
  'i',
);
/** Items citing the same PR are one change when they cite the same PRs or still share some words. */
const SHARED_REF_SIMILARITY = 0.2;
/** Across releases, without a PR in common, a re-wording keeps most of its words. */
const REWORD_SIMILARITY = 0.8;
/** A revert quotes or paraphrases what it reverts. */
const REVERT_SIMILARITY = 0.6;

/** APIs an item is about: its code spans, then dotted names (`torch.foo`, `tf.lite`), normalized. */
function subjects(item: Item): string[] {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\(.*\)$/, '')
      .replace(/[.,;:]+$/, '')
      .trim();
  const found = [
    ...[...item.markdown.matchAll(/`([^`\n]+)`/g)].map((m) => norm(m[1]!)),
    ...[...item.text.matchAll(/\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b/g)].map((m) => norm(m[0])),
  ];
  return [...new Set(found.filter(Boolean))];
}

/** Text for comparing wordings: without PR numbers and the words that make it a revert or removal. */
const gist = (text: string) =>
  text
    .replace(/#\d+/g, ' ')
    .replace(/\b(?:revert\w*|roll\w* ?back|remov\w*|delet\w*|drop\w*|deprecat\w*)\b/gi, ' ')
    .replace(/["“”]/g, ' ');

/** A heading that names the release itself (`Release 2.4.2`, TensorFlow's notes) says nothing about the item. */
const RELEASE_HEADING = /^(?:release\s+)?v?\d+(?:\.\d+)+\S*$/i;
const sectionKey = (item: Item) =>
  item.section
    .filter((h) => !RELEASE_HEADING.test(h.trim()))
    .join('\u0000')
    .toLowerCase();
/** The same words, whatever the headings (patch releases of several branches repeat the same fixes). */
const textKey = (item: Item) => item.text.toLowerCase().replace(/\s+/g, ' ').trim();

/** The last element that passes (Array.prototype.findLast is ES2023). */
function findLast<T>(xs: readonly T[], ok: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (ok(xs[i]!)) return xs[i];
  return undefined;
}

interface Entry extends ReportEntry {
  /** The release it was last seen in: an entry takes at most one item per release. */
  last: string;
  refs: Set<number>;
}

export function mergeReleases(releases: readonly ReleaseItems[]): ReportEntry[] {
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const byText = new Map<string, Entry>();
  const byRef = new Map<number, Entry[]>();
  const bySection = new Map<string, Entry[]>();
  const index = (e: Entry, item: Item) => {
    byId.set(item.id, e);
    byText.set(textKey(item), e);
    for (const r of item.refs) {
      e.refs.add(r);
      const list = byRef.get(r) ?? [];
      if (!list.includes(e)) byRef.set(r, [...list, e]);
    }
    const key = sectionKey(item);
    const list = bySection.get(key) ?? [];
    if (!list.includes(e)) bySection.set(key, [...list, e]);
  };
  /** The entry takes `item` as its latest form in release `tag`. */
  const update = (e: Entry, item: Item, tag: string, change: ChangeKind = changeOf(item)) => {
    if (item.text !== e.item.text) e.earlier.push({ tag: e.last, text: e.item.text });
    e.item = { ...item, change };
    if (e.versions.at(-1) !== tag) e.versions.push(tag);
    e.last = tag;
    index(e, item);
  };
  const older = (tag: string) => (e: Entry) => e.last !== tag;

  for (const { tag, items } of releases) {
    for (const item of items) {
      if (item.group) continue; // a label for the bullets below it, not a change
      const same = byId.get(item.id) ?? byText.get(textKey(item));
      if (same) {
        if (same.last !== tag) update(same, item, tag);
        continue;
      }
      const shared = [...new Set(item.refs.flatMap((r) => byRef.get(r) ?? []))].filter(
        (e) =>
          older(tag)(e) &&
          ((e.refs.size === item.refs.length && item.refs.every((r) => e.refs.has(r))) ||
            similarity(gist(item.text), gist(e.item.text)) >= SHARED_REF_SIMILARITY),
      );
      const subject = subjects(item)[0];

      if (REVERT.test(item.text)) {
        const target =
          shared.at(-1) ??
          findLast(
            entries,
            (e) =>
              older(tag)(e) &&
              !e.revertedIn &&
              ((subject !== undefined && subjects(e.item)[0] === subject) ||
                similarity(gist(item.text), gist(e.item.text)) >= REVERT_SIMILARITY),
          );
        if (target) {
          update(target, item, tag);
          target.revertedIn = tag;
          continue;
        }
      }
      if (REMOVAL.test(item.text)) {
        const deprecation = findLast(
          entries,
          (e) =>
            older(tag)(e) &&
            changeOf(e.item) === 'deprecation' &&
            ((subject !== undefined && subjects(e.item)[0] === subject) || item.refs.some((r) => e.refs.has(r))),
        );
        if (deprecation) {
          const since = deprecation.since;
          update(deprecation, item, tag, 'breaking');
          deprecation.deprecatedIn = since;
          deprecation.since = tag;
          continue;
        }
      }
      // Re-worded: a PR in common, or the same section and nearly the same words (unless both cite PRs, none shared).
      const reworded =
        shared[0] ??
        (bySection.get(sectionKey(item)) ?? []).find(
          (e) =>
            older(tag)(e) &&
            !(item.refs.length && e.refs.size) &&
            similarity(gist(item.text), gist(e.item.text)) >= REWORD_SIMILARITY,
        );
      if (reworded) {
        update(reworded, item, tag);
        continue;
      }
      const e: Entry = {
        item: { ...item, change: changeOf(item) },
        since: tag,
        versions: [tag],
        earlier: [],
        last: tag,
        refs: new Set(),
      };
      entries.push(e);
      index(e, item);
    }
  }
  return entries.map(({ last: _last, refs: _refs, ...entry }) => entry);
}
