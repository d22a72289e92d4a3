/** The `parse --format markdown` view: what a person reads, grouped by category. */
import type { Item } from '../../parsers/model.js';
import { groupByCategory } from './group.js';
import { itemSource, linkRefsInMarkdown, refsNotIn, showDeceptiveTargets } from './item-source.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { plural } from './plural.js';
import { itemView } from './item-view.js';
import { KIND_LABELS } from './message-model.js';
import type { ChangeKind } from '../../parsers/change.js';

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

/**
 * How a kind reads before an item: breaking changes and deprecations in bold, the others plain, `other` none;
 * a plain label the title already starts with (`New python 3 images`) is not said twice.
 */
function kindLabel(kind: ChangeKind, title: string): string {
  const mark = KIND_LABELS[kind].mark;
  if (!mark) return '';
  if (kind === 'breaking' || kind === 'deprecation') return `**${mark}** `;
  return title.toLowerCase().startsWith(`${mark.toLowerCase()} `) ? '' : `${mark} `;
}

/** One item: its kind, its title on one line with its refs linked, its section after it, then its body indented. */
export function notesItemMarkdown(repo: string | null, item: Item, links: GitHubLinks): string {
  const view = itemView(item);
  const link = (md: string) => linkRefsInMarkdown(showDeceptiveTargets(md), repo, links);
  const title = link(view.titleMarkdown.replace(/\s*\n\s*/g, ' '));
  const extra = refLinks(repo, refsNotIn(`${view.titleMarkdown}\n${view.body}`, view.refs), links);
  // Long parent bullets would drown the item: each step of the path is shortened.
  const path = [...view.section, ...view.parents].map((p) => (p.length > 60 ? `${p.slice(0, 59)}…` : p));
  const where = path.length ? ` · _${escapeMarkdownText(path.join(' › '))}_` : '';
  const body = view.body
    ? link(view.body)
        .split('\n')
        .map((l) => (l ? `  ${l}` : l))
    : [];
  return [`- ${kindLabel(view.kind, title)}${title}${extra}${where}`, ...body].join('\n');
}

/** Plain text inside `_…_`: what would end or nest the emphasis, escaped. */
const escapeMarkdownText = (s: string) => s.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);

/**
 * The `parse --format markdown` and `query` view: per category shown, its items in kind order. Group bullets
 * are context (in the path after an item), not items; the counts are of what is listed.
 */
export function renderNotesMarkdown(
  links: GitHubLinks,
  repo: string | null,
  items: readonly Item[],
  categories: readonly string[],
  showUncategorized = true,
  title = repo ?? 'Release notes',
): string {
  const real = items.filter((i) => !i.group);
  const groups = groupByCategory(real, categories);
  const listed = new Set(groups.flatMap((g) => g.items));
  const where = categories.length === 1 ? `in ${categories[0]}` : 'by category';
  const lines: string[] = [`# ${title}: ${plural(listed.size, 'item')} ${where}`, ''];
  if (!groups.length)
    lines.push(`No items in ${categories.length === 1 ? 'category' : 'categories'} ${categories.join(', ')}.`, '');
  for (const g of groups) {
    lines.push(`## ${g.category} (${g.items.length})`, '');
    for (const i of g.items) lines.push(notesItemMarkdown(repo, i, links));
    lines.push('');
  }
  const none = real.filter((i) => i.categories.length === 0).length;
  if (showUncategorized)
    lines.push(
      none
        ? `_${plural(none, 'other item')} ${none === 1 ? 'is' : 'are'} in no category._`
        : '_Every item is in a category._',
    );
  return lines.join('\n').trimEnd() + '\n';
}
