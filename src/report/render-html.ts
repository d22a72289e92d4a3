/**
 * An upgrade report as an HTML page, through the site's templates (`site/upgrade.html.liquid`): one renderer
 * for `report --format html` (a page on its own, its style inline) and the site's upgrade/ pages.
 */
import type { TemplateRenderer } from '../render/templates.js';
import { escapeHtml } from '../render/html-escape.js';
import { itemHtml } from '../render/item-html.js';
import type { Item } from '../../parsers/model.js';
import { countsLine, parentLabel, versionNote, type UpgradeReport } from './model.js';

const parentHtml = (item: Item) => {
  const p = parentLabel(item);
  return p ? `<span class="parents">${escapeHtml(p)}</span> › ` : '';
};

export interface PageContext {
  /** The path back to the site root ("../../"); nothing for a page on its own. */
  root?: string;
  /** The site's navigation (categories, repos) and the repo page's path; absent for a page on its own. */
  site?: { categories: unknown[]; repos: unknown[]; repoPath: string };
}

export function renderReportHtml(r: UpgradeReport, renderer: TemplateRenderer, page: PageContext = {}): string {
  const report = {
    repo: r.repo,
    repo_path: page.site?.repoPath ?? '',
    from: r.from,
    to: r.to,
    releases: r.releases.map((x) => ({ tag: x.tag, url: renderer.links.safe(x.url), prerelease: x.prerelease })),
    total: r.total,
    counts_line: countsLine(r.counts),
    uncategorized: r.uncategorized,
    categories: r.categories.map((c) => ({
      name: c.name,
      count: c.count,
      counts_line: countsLine(c.counts),
      kinds: c.kinds.map((k) => ({
        kind: k.kind,
        label: k.label,
        count: k.entries.length,
        items: k.entries.map(
          (e) =>
            `${parentHtml(e.item)}${itemHtml(e.item, r.repo, renderer.links)} <span class="versions">(${escapeHtml(versionNote(e))})</span>`,
        ),
      })),
    })),
  };
  return renderer.renderText('site/upgrade.html.liquid', {
    title: `${r.repo}: upgrading from ${r.from} to ${r.to}`,
    root: page.root ?? '',
    categories: page.site?.categories ?? [],
    repos: page.site?.repos ?? [],
    site: !!page.site,
    ...(page.site ? {} : { inline_style: renderer.renderText('site/style.css', {}) }),
    report,
  });
}
