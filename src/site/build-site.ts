/**
 * `release-radar site`: the store's releases as a static site. Reads the store once, builds the model,
 * renders every page through the `site/` templates, every feed and every JSON answer, then writes only
 * what changed. Rendering is deterministic (no build time anywhere), so an unchanged store rewrites
 * nothing.
 */
import { queryJson } from '../domain/release-view.js';
import { KIND_LABELS } from '../render/message-model.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { Item } from '../../parsers/model.js';
import type { Store } from '../store/store.js';
import { atomXml, stableId, type AtomEntry } from './atom.js';
import { categoryColor, releaseChart } from './chart.js';
import { itemHtml } from '../render/item-html.js';
import {
  allReleasesNewestFirst,
  buildSiteModel,
  type CategoryGroup,
  type KindGroup,
  type ReleaseInput,
  type SiteModel,
  type SiteRelease,
} from './model.js';
import { absoluteUrl, normalizeBaseUrl, relativeHref, sitePaths } from '../render/site-paths.js';
import { writeSite, type WriteStats } from './write-files.js';
import type { UpgradeConfig } from '../config/schema.js';
import { tagFilter } from '../diff/tag-filter.js';
import { UsageError } from '../domain/errors.js';
import { gatherRange } from '../report/gather.js';
import { buildReport, type UpgradeReport } from '../report/model.js';
import { parseRange } from '../report/range.js';
import { renderReportHtml } from '../report/render-html.js';

export interface SiteOptions {
  /** Where the site will be served (absolute feed links); without it, feed links are relative. */
  baseUrl?: string;
  /** Releases per feed. */
  feedEntries?: number;
  /** Releases per repo on the index, and bars groups in its chart. */
  indexReleases?: number;
  chartReleases?: number;
  /** Releases listed on a category page. */
  categoryReleases?: number;
}

/**
 * The upgrade reports of config `site.upgrades`, from the stored releases only (the site asks GitHub
 * nothing); a range the store cannot resolve is a problem named, and the rest of the site is written.
 */
export async function loadUpgrades(
  store: Store,
  upgrades: readonly UpgradeConfig[],
  categories: readonly string[],
): Promise<{ reports: UpgradeReport[]; problems: string[] }> {
  const reports: UpgradeReport[] = [];
  const problems: string[] = [];
  for (const [i, u] of upgrades.entries()) {
    try {
      const gathered = await gatherRange({ store }, u.repo, parseRange(u.range), {
        prereleases: u.prereleases,
        tagFilter: u.tag ? tagFilter({ tags: [u.tag] }) : undefined,
      });
      reports.push(buildReport(gathered, { categories: u.categories ?? categories, changes: u.changes }));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      problems.push(`site.upgrades[${i}]: ${e.message}`);
    }
  }
  return { reports, problems };
}

export async function loadSiteModel(
  store: Store,
  repos: readonly string[],
  categories: readonly string[],
): Promise<SiteModel> {
  const data: { repo: string; releases: ReleaseInput[] }[] = [];
  for (const repo of repos) {
    const [releases, edits] = await Promise.all([store.releases(repo), store.lastEdits(repo)]);
    // Items of the current revisions, a few hundred releases per query (bound-parameter limits).
    const items = new Map<string, Item[]>();
    for (let i = 0; i < releases.length; i += 500) {
      for (const [k, v] of await store.itemsOf(releases.slice(i, i + 500).map((r) => r.key))) items.set(k, v);
    }
    data.push({
      repo,
      releases: releases.map((release) => ({
        release,
        items: items.get(release.key) ?? [],
        lastEditAt: edits.get(release.key) ?? null,
      })),
    });
  }
  return buildSiteModel(data, categories);
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** Renders every file of the site: path (relative to the site root) to content. */
export function renderSite(model: SiteModel, renderer: TemplateRenderer, opts: SiteOptions = {}): Map<string, string> {
  const baseUrl = normalizeBaseUrl(opts.baseUrl);
  const feedEntries = opts.feedEntries ?? 50;
  const files = new Map<string, string>();
  const htmlCache = new Map<string, string>();
  const html = (i: Item, repo: string) => {
    const key = `${repo}\u0000${i.id}`;
    let h = htmlCache.get(key);
    if (h === undefined) htmlCache.set(key, (h = itemHtml(i, repo, renderer.links)));
    return h;
  };
  const kindsView = (kinds: KindGroup[], repo: string) =>
    kinds.map((k) => ({
      kind: k.kind,
      label: k.label,
      count: k.items.length,
      items: k.items.map((i) => html(i, repo)),
    }));
  const groupsView = (groups: CategoryGroup[], repo: string) =>
    groups.map((g) => ({ name: g.name, count: g.count, kinds: kindsView(g.kinds, repo) }));
  const summary = (r: SiteRelease) => ({
    repo: r.repo,
    tag: r.tag,
    name: r.name,
    url: renderer.links.safe(r.url),
    date: day(r.date),
    prerelease: r.prerelease,
    path: sitePaths.release(r.repo, r.tag),
    total: r.items.length - r.unclassified,
    unclassified: r.unclassified,
    categories: r.categories.map((g) => ({
      name: g.name,
      count: g.count,
      path: `${sitePaths.release(r.repo, r.tag)}#${g.name}`,
      // Counted as chat messages count them ("2 fixed", "1 new"): no plurals to get wrong, one wording.
      kinds: g.kinds.map((k) => ({
        label: k.label,
        kind: k.kind,
        count: k.items.length,
        count_label: KIND_LABELS[k.kind].count,
      })),
    })),
  });
  const rootOf = (path: string) => '../'.repeat(path.split('/').length - 1);
  const common = {
    categories: model.categories.map((name, i) => ({
      name,
      path: sitePaths.category(name),
      feed: sitePaths.categoryFeed(name),
      color: categoryColor(i),
    })),
    repos: model.repos.map((r) => ({ repo: r.repo, path: sitePaths.repo(r.repo), feed: sitePaths.repoFeed(r.repo) })),
  };
  const upgradesOf = (repo: string) =>
    model.upgrades
      .filter((u) => u.repo === repo)
      .map((u) => ({ from: u.from, to: u.to, path: sitePaths.upgrade(u.repo, u.from, u.to) }));
  const page = (path: string, template: string, title: string, vars: Record<string, unknown>) => {
    files.set(path, renderer.renderText(`site/${template}.liquid`, { ...common, ...vars, root: rootOf(path), title }));
  };

  files.set(sitePaths.style, renderer.renderText('site/style.css', {}));

  // Index: every repo, its recent releases and a chart of them.
  page(sitePaths.index, 'index.html', 'release-radar', {
    index: model.repos.map((r, n) => {
      const recent = r.releases.slice(0, opts.chartReleases ?? 12).reverse();
      const counts = recent.map((x) => ({
        tag: x.tag,
        counts: Object.fromEntries(x.categories.map((g) => [g.name, g.count])),
      }));
      const narrow = counts.slice(-6);
      const title = (k: number) => `${r.repo}: items per category in the last ${k} release${k === 1 ? '' : 's'}`;
      return {
        repo: r.repo,
        path: sitePaths.repo(r.repo),
        feed: sitePaths.repoFeed(r.repo),
        chart: recent.length
          ? releaseChart(`chart-${n}`, title(counts.length), counts, model.categories, 'wide') +
            releaseChart(`chart-${n}-narrow`, title(narrow.length), narrow, model.categories, 'narrow')
          : '',
        chart_releases: recent.length,
        chart_releases_narrow: narrow.length,
        releases: r.releases.slice(0, opts.indexReleases ?? 8).map(summary),
        release_count: r.releases.length,
      };
    }),
  });

  for (const r of model.repos) {
    page(sitePaths.repo(r.repo), 'repo.html', r.repo, {
      repo: {
        repo: r.repo,
        feed: sitePaths.repoFeed(r.repo),
        github: `https://${renderer.links.host}/${r.repo}/releases`,
        category_feeds: model.categories.map((c) => ({ name: c, path: sitePaths.repoCategoryFeed(r.repo, c) })),
        releases: r.releases.map(summary),
        upgrades: upgradesOf(r.repo),
      },
    });
    for (const rel of r.releases) {
      page(sitePaths.release(rel.repo, rel.tag), 'release.html', `${rel.repo} ${rel.tag}`, {
        release: {
          ...summary(rel),
          repo_path: sitePaths.repo(rel.repo),
          api: sitePaths.api(rel.repo, rel.tag),
          groups: groupsView(rel.categories, rel.repo),
        },
      });
      const api = queryJson(
        {
          repo: rel.repo,
          tag: rel.tag,
          name: rel.name,
          url: rel.url,
          prerelease: rel.prerelease,
          publishedAt: rel.publishedAt,
          items: rel.items,
        },
        model.categories,
      );
      files.set(sitePaths.api(rel.repo, rel.tag), JSON.stringify(api, null, 2) + '\n');
    }
  }

  // Upgrade reports: the renderer of `report --format html`, inside the site's layout.
  for (const u of model.upgrades) {
    const path = sitePaths.upgrade(u.repo, u.from, u.to);
    files.set(
      path,
      renderReportHtml(u, renderer, {
        root: rootOf(path),
        site: { ...common, repoPath: sitePaths.repo(u.repo) },
      }),
    );
  }

  const all = allReleasesNewestFirst(model);
  for (const c of model.categories) {
    const withItems = all.filter((r) => r.categories.some((g) => g.name === c));
    page(sitePaths.category(c), 'category.html', `${c}: latest changes`, {
      category: {
        name: c,
        feed: sitePaths.categoryFeed(c),
        repo_feeds: model.repos.map((r) => ({ repo: r.repo, path: sitePaths.repoCategoryFeed(r.repo, c) })),
        total_releases: withItems.length,
        releases: withItems.slice(0, opts.categoryReleases ?? 30).map((r) => {
          const g = r.categories.find((x) => x.name === c)!;
          return {
            ...summary(r),
            path: `${sitePaths.release(r.repo, r.tag)}#${c}`,
            count: g.count,
            kinds: kindsView(g.kinds, r.repo),
          };
        }),
      },
    });
  }

  // Feeds: per repo (every category), per category (every repo), per repo × category.
  const href = (feedPath: string, target: string) =>
    baseUrl ? absoluteUrl(baseUrl, target) : relativeHref(feedPath, target);
  const entry = (feedPath: string, r: SiteRelease, scope: string | null): AtomEntry => {
    const groups = scope ? r.categories.filter((g) => g.name === scope) : r.categories;
    const content = renderer.renderText('site/feed-entry.html.liquid', {
      release: summary(r),
      groups: groupsView(groups, r.repo),
      unclassified: scope ? 0 : r.unclassified,
    });
    return {
      id: stableId(r.repo, r.tag, scope ?? '*'),
      title: `${r.repo} ${r.tag}${scope ? ` · ${scope}` : ''}${r.prerelease ? ' (pre-release)' : ''}`,
      updated: r.updated,
      published: r.sortDate,
      alternate: href(feedPath, sitePaths.release(r.repo, r.tag) + (scope ? `#${scope}` : '')),
      related: renderer.links.safe(r.url),
      categories: groups.map((g) => g.name),
      html: content,
    };
  };
  const feed = (
    path: string,
    page: string,
    title: string,
    subtitle: string,
    releases: SiteRelease[],
    scope: string | null,
    idParts: string[],
  ) => {
    files.set(
      path,
      atomXml({
        id: stableId('feed', ...idParts),
        title,
        subtitle,
        self: baseUrl ? absoluteUrl(baseUrl, path) : relativeHref(path, path),
        alternate: href(path, page),
        entries: releases.slice(0, feedEntries).map((r) => entry(path, r, scope)),
      }),
    );
  };
  const inCat = (c: string) => (r: SiteRelease) => r.categories.some((g) => g.name === c);
  for (const r of model.repos) {
    feed(
      sitePaths.repoFeed(r.repo),
      sitePaths.repo(r.repo),
      `${r.repo} releases`,
      `Classified changes of every ${r.repo} release`,
      r.releases,
      null,
      ['repo', r.repo],
    );
    for (const c of model.categories) {
      feed(
        sitePaths.repoCategoryFeed(r.repo, c),
        sitePaths.repo(r.repo),
        `${r.repo} · ${c}`,
        `${c} changes in ${r.repo} releases`,
        r.releases.filter(inCat(c)),
        c,
        ['repo', r.repo, c],
      );
    }
  }
  for (const c of model.categories) {
    feed(
      sitePaths.categoryFeed(c),
      sitePaths.category(c),
      `${c} changes`,
      `${c} changes in the releases of ${model.repos.map((r) => r.repo).join(', ')}`,
      all.filter(inCat(c)),
      c,
      ['category', c],
    );
  }
  return files;
}

export interface SiteBuild extends WriteStats {
  files: number;
  /** Configured upgrade reports that could not be written, and why. */
  problems: string[];
}

export async function buildSite(
  deps: { store: Store; renderer: TemplateRenderer },
  opts: SiteOptions & {
    outDir: string;
    repos: readonly string[];
    categories: readonly string[];
    upgrades?: readonly UpgradeConfig[];
  },
): Promise<SiteBuild> {
  const model = await loadSiteModel(deps.store, opts.repos, opts.categories);
  const { reports, problems } = await loadUpgrades(deps.store, opts.upgrades ?? [], opts.categories);
  model.upgrades = reports;
  const files = renderSite(model, deps.renderer, opts);
  return { ...writeSite(opts.outDir, files), files: files.size, problems };
}
