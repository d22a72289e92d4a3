/** The `parse --format markdown` view: what a person reads, grouped by category. */
import type { Item } from '../../parsers/model.js';
import { groupByCategory } from './group.js';
import { itemSource, linkRefsInMarkdown, refsNotIn, showDeceptiveTargets } from './item-source.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { plural } from './plural.js';

function refLinks(repo: string | null, refs: readonly number[], links: GitHubLinks): string {
  if (!refs.length) return '';
  const shown = refs.map((r) => {
    const url = links.ref(repo, r);
    return url ? `[#${r}](${url})` : `#${r}`;
  });
  return ` (${shown.join(', ')})`;
}

/** The item's own markdown (code, links, inline code kept), its refs linked, each shown once. */
export function itemMarkdown(repo: string | null, item: Item, links: GitHubLinks): string {
  const source = showDeceptiveTargets(itemSource(item));
  const md = linkRefsInMarkdown(source, repo, links);
  const extra = refLinks(repo, refsNotIn(source, item.refs), links);
  // Continuation lines (paragraphs, code blocks) are indented under the bullet; extra refs end the first line.
  const [first = '', ...rest] = md.split('\n');
  return [first + extra, ...rest.map((l) => (l ? `  ${l}` : l))].join('\n');
}

export function renderNotesMarkdown(
  links: GitHubLinks,
  repo: string | null,
  items: readonly Item[],
  categories: readonly string[],
  showUncategorized = true,
  title = repo ?? 'Release notes',
): string {
  const groups = groupByCategory(items, categories);
  const lines: string[] = [`# ${title}: ${plural(items.length, 'item')}, by category`, ''];
  if (!groups.length)
    lines.push(`No items in ${categories.length === 1 ? 'category' : 'categories'} ${categories.join(', ')}.`, '');
  for (const g of groups) {
    lines.push(`## ${g.category} (${g.items.length})`, '');
    for (const i of g.items) {
      // Long parent bullets would drown the item: each step of the path is shortened.
      const path = [...i.section, ...i.parents].map((p) => (p.length > 60 ? `${p.slice(0, 59)}…` : p));
      const where = path.length ? ` _(${path.join(' › ')})_` : '';
      const [head = '', ...more] = itemMarkdown(repo, i, links).split('\n');
      lines.push(`- ${i.breaking ? '**Breaking:** ' : ''}${head}${where}`, ...more);
    }
    lines.push('');
  }
  const none = items.filter((i) => i.categories.length === 0).length;
  if (showUncategorized)
    lines.push(`_${none} of ${plural(items.length, 'item')} ${none === 1 ? 'is' : 'are'} in no category._`);
  return lines.join('\n').trimEnd() + '\n';
}
