/** The `parse --format markdown` view: what a person reads, grouped by category. */
import type { Item } from '../../parsers/model.js';
import { groupByCategory } from './group.js';
import { refUrl } from './links.js';

function refLinks(repo: string | null, refs: readonly number[]): string {
  if (!refs.length) return '';
  const links = refs.map((r) => {
    const url = refUrl(repo, r);
    return url ? `[#${r}](${url})` : `#${r}`;
  });
  return ` (${links.join(', ')})`;
}

/** The item text without the refs it already spells out, so links are not shown twice. */
function bareText(item: Item): string {
  return item.refs.length ? item.text.replace(/\s*\((?:\s*#\d+\s*,?)+\)\s*\.?$/, '') : item.text;
}

export function renderNotesMarkdown(
  repo: string | null,
  items: readonly Item[],
  categories: readonly string[],
  showUncategorized = true,
  title = repo ?? 'Release notes',
): string {
  const groups = groupByCategory(items, categories);
  const lines: string[] = [`# ${title}: ${items.length} items, by category`, ''];
  if (!groups.length) lines.push(`No items in ${categories.length === 1 ? 'category' : 'categories'} ${categories.join(', ')}.`, '');
  for (const g of groups) {
    lines.push(`## ${g.category} (${g.items.length})`, '');
    for (const i of g.items) {
      // Long parent bullets would drown the item: each step of the path is shortened.
      const path = [...i.section, ...i.parents].map((p) => (p.length > 60 ? `${p.slice(0, 59)}…` : p));
      const where = path.length ? ` _(${path.join(' › ')})_` : '';
      lines.push(`- ${i.breaking ? '**Breaking:** ' : ''}${bareText(i)}${refLinks(repo, i.refs)}${where}`);
    }
    lines.push('');
  }
  const none = items.filter((i) => i.categories.length === 0).length;
  if (showUncategorized) lines.push(`_${none} of ${items.length} items are in no category._`);
  return lines.join('\n').trimEnd() + '\n';
}
