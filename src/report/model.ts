/**
 * An upgrade report: the merged entries of a range of releases (src/report/merge.ts), per category, breaking
 * changes and deprecations first, then features, improvements, fixes and the rest; each entry saying which
 * version brought it. What every renderer (markdown, JSON, HTML, chat) reads. Pure.
 */
import { CHANGE_KINDS, changeOf, type ChangeKind } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';
import type { ReleaseNotes } from '../domain/release-view.js';
import { KIND_LABELS } from '../render/message-model.js';
import { mergeReleases, type ReportEntry } from './merge.js';

/** A release of the report's range: the release view, its repo said once by the report. */
export type ReportRelease = Omit<ReleaseNotes, 'repo'>;

export interface ReportInput {
  repo: string;
  from: string;
  to: string;
  /** The releases after FROM up to TO, in version order. */
  releases: ReportRelease[];
}

export interface ReportOptions {
  /** Categories shown, in order. */
  categories: readonly string[];
  /** Kinds of change shown; undefined: all. */
  changes?: readonly ChangeKind[];
}

export interface KindGroup {
  kind: ChangeKind;
  label: string;
  entries: ReportEntry[];
}

export interface UpgradeReport {
  repo: string;
  from: string;
  to: string;
  releases: { tag: string; name: string | null; url: string | null; prerelease: boolean; publishedAt: string | null }[];
  /** Entries shown, each once whatever its categories. */
  total: number;
  /** Non-zero counts of the shown entries by kind, in kind order. */
  counts: { kind: ChangeKind; label: string; count: number }[];
  categories: { name: string; count: number; counts: UpgradeReport['counts']; kinds: KindGroup[] }[];
  /** Entries of the shown kinds in no category at all (not listed; the notes have them). */
  uncategorized: number;
}

export function buildReport(input: ReportInput, opts: ReportOptions): UpgradeReport {
  const all = mergeReleases(input.releases.map((r) => ({ tag: r.tag, items: r.items })));
  const ofKind = all.filter((e) => !opts.changes || opts.changes.includes(changeOf(e.item)));
  const shown = ofKind.filter((e) => e.item.categories.some((c) => opts.categories.includes(c)));
  const countsOf = (groups: KindGroup[]) =>
    groups.map((g) => ({ kind: g.kind, label: KIND_LABELS[g.kind].count, count: g.entries.length }));
  const byKind = (entries: readonly ReportEntry[]): KindGroup[] =>
    CHANGE_KINDS.map((kind) => ({
      kind,
      label: KIND_LABELS[kind].title,
      entries: entries.filter((e) => changeOf(e.item) === kind),
    })).filter((g) => g.entries.length);
  return {
    repo: input.repo,
    from: input.from,
    to: input.to,
    releases: input.releases.map(({ items: _items, ...r }) => r),
    total: shown.length,
    counts: countsOf(byKind(shown)),
    categories: opts.categories
      .map((name) => {
        const kinds = byKind(shown.filter((e) => e.item.categories.includes(name)));
        return { name, count: kinds.reduce((n, k) => n + k.entries.length, 0), counts: countsOf(kinds), kinds };
      })
      .filter((c) => c.count),
    uncategorized: ofKind.filter((e) => !e.item.categories.length).length,
  };
}

/** `v2.9.0`; `v2.8.0, v2.9.0`; `v2.8.0, reworded in v2.10.0`; `v2.8.0, reverted in v2.9.0`; `deprecated in v2.8.0, removed in v2.10.0`. */
export function versionNote(e: ReportEntry): string {
  if (e.deprecatedIn) return `deprecated in ${e.deprecatedIn}, removed in ${e.since}`;
  if (e.revertedIn) return `${e.versions[0]}, reverted in ${e.revertedIn}`;
  if (e.earlier.length) return `${e.since}, reworded in ${e.versions.at(-1)}`;
  return e.versions.join(', ');
}

/** What a nested bullet is part of (`API functions promoted from experimental to stable`), shortened; null at the top. */
export function parentLabel(item: Item): string | null {
  const p = item.parents.at(-1)?.replace(/[:\s]+$/, '');
  if (!p) return null;
  return p.length > 60 ? `${p.slice(0, 59)}…` : p;
}

/** `2 breaking · 14 new · 40 improved` */
export const countsLine = (counts: UpgradeReport['counts']) => counts.map((c) => `${c.count} ${c.label}`).join(' · ');

/** The report as `report --format json` prints it: entries carry the item's fields (as `parse --format json`). */
export function reportJson(r: UpgradeReport) {
  const entry = (e: ReportEntry) => {
    const { evidence: _evidence, ...item } = e.item;
    return {
      ...item,
      since: e.since,
      versions: e.versions,
      ...(e.earlier.length ? { earlier: e.earlier } : {}),
      ...(e.revertedIn ? { reverted_in: e.revertedIn } : {}),
      ...(e.deprecatedIn ? { deprecated_in: e.deprecatedIn } : {}),
    };
  };
  return {
    repo: r.repo,
    from: r.from,
    to: r.to,
    releases: r.releases.map((x) => ({
      tag: x.tag,
      name: x.name,
      url: x.url,
      prerelease: x.prerelease,
      published_at: x.publishedAt,
    })),
    total: r.total,
    counts: Object.fromEntries(r.counts.map((c) => [c.kind, c.count])),
    categories: r.categories.map((c) => ({
      name: c.name,
      count: c.count,
      counts: Object.fromEntries(c.counts.map((k) => [k.kind, k.count])),
      items: c.kinds.flatMap((k) => k.entries.map(entry)),
    })),
    uncategorized: r.uncategorized,
  };
}
